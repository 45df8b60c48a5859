"""Benchmarks: `python -m benchmarks` (plans, plan shape and the spreadsheet ramp), and
`python -m benchmarks.why_no_plan` (explanations of infeasible scenarios)."""
