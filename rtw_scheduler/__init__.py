"""rtw-scheduler: graded return-to-work plans that provably respect every clinical limit."""

__version__ = "0.1.0"
