"""Numbers as a clinician, a supervisor or a worker reads them in messages and tables.

One pair of formatters for every place that prints a number for people (the terminal report,
"why not faster", "why no plan", the suggested changes, the checker's violations), so that a
limit reads the same everywhere. A measured value is shown to the nearest hundredth. A limit
(a cap, a ceiling, a step, the most something may be) is never shown above what it is: it
keeps its hundredths and is cut, not rounded, below them. Rounded to one decimal, a 0.75
lifting-index limit read "up to 0.8" and a 7.75 h cap "7.8 h": a reader who trusted the
printed number would plan past the real limit. Cut at hundredths, the numbers people write
(0.75, 7.75 h, 2.16 kg) read exactly as written, and a computed one (a risk-adjusted step of
2.159... kg) reads 2.15, never 2.16.

The checker prints through these too; models/ is the one place both the planner side and the
independent checker may import from.
"""

import math

PLACES = 2
"""Decimals shown: hundredths."""

_SLACK = 1e-6
"""Float error absorbed before cutting: 0.72 x 3 is 2.1599999999999997 and reads 2.16."""


def number(value: float, places: int = PLACES, grouped: bool = True) -> str:
    """A measured value, nearest at `places` decimals: 12 -> '12', 7.754 -> '7.75',
    24000 -> '24,000' ('24000' when not `grouped`)."""
    return _text(float(value), places, grouped)


def limit(value: float, places: int = PLACES, grouped: bool = True) -> str:
    """A limit, never shown above itself: 0.75 -> '0.75', 7.75 -> '7.75', 2.159 -> '2.15',
    150.6 at 0 places -> '150'."""
    return _text(cut(value, places), places, grouped)


def cut(value: float, places: int = PLACES) -> float:
    """The value cut (not rounded) to `places` decimals, for formatters of their own style."""
    scale = 10**places
    return math.floor(float(value) * scale + _SLACK) / scale


def _text(value: float, places: int, grouped: bool) -> str:
    text = f"{value:{',' if grouped else ''}.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
