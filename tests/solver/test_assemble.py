"""Assembling the plan: the certificate's words and the review dates travel with it, computed once."""

import datetime as dt

from models.plan import SolveSummary
from solver.assemble import assemble_plan
from solver.solution import Solution, WeekSolution
from solver.solve import SolveOutcome
from tests.certificate import certified


def test_the_assembled_plan_carries_each_weeks_restrictions_and_the_reviews() -> None:
    scenario = certified([{"source": "certificate", "max_days_per_week": 3, "until_review": True}],
                         [{"date": "2027-01-27", "by": "GP"}, {"date": "2027-01-12", "by": "surgeon"}])
    idle = Solution([WeekSolution(number=w, phase=0, full_duty=False, day_length_slots=0)
                     for w in range(scenario.horizon_weeks)])

    plan = assemble_plan(scenario, SolveOutcome(SolveSummary(status="FEASIBLE"), idle))

    assert [r.date for r in plan.reviews] == [dt.date(2027, 1, 12), dt.date(2027, 1, 27)]
    in_force = ["at most 3 days a week (certificate, until the review on 2027-01-12)"]
    assert [w.restrictions for w in plan.weeks] == [in_force, in_force] + [[]] * (len(plan.weeks) - 2)
