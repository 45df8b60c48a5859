"""CP-SAT planning, plan layout and the independent plan checker."""
