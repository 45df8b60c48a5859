"""Benchmarks: `python -m benchmarks` (plans, plan shape and the spreadsheet ramp), and
`python benchmarks/why_no_plan.py` (explanations of infeasible scenarios)."""
