"""Re-planning a case after its weekly reassessments: the weeks done fixed, the next week as the
monitoring rule decided, the rest re-solved changing as little of the version in force as it can.

From the latest reassessment (week N) and the plan in force:
- weeks 1 to N are fixed as worked (models.resumption);
- week N + 1 holds at most the reference week's load: week N's on a hold, week N - 1's on a step back,
  the last well-tolerated week's after a flare-up (the baseline, week 0, when there is none), and never
  more than the worker tolerated in that week; on progress, week N + 1 climbs from what was tolerated
  in week N within the usual increments;
- a ceiling costs weeks: the horizon is lengthened by twice the weeks of load it gives back
  (N + 1 minus the latest planned week that fits under it), so that full duty stays within reach;
- the future is re-solved with the same objectives first and then the most of the previous version
  kept (solver.objective.kept_preference).
When week N was tolerated as planned and the rule says progress, or the version in force was already
re-planned from this reassessment, nothing relevant changed: the version in force stands, every
future block kept, and no new version is issued.
"""

from dataclasses import dataclass, replace

from pydantic import ValidationError

from models.applied import apply_policy
from models.plan import Plan
from models.policy import MAX_HORIZON_WEEKS
from models.progress import STEP_MEANING, Decision, MonitoringRules, Step
from models.resumption import Resumption, worked_week
from models.scenario import Scenario
from rtw_scheduler.cases.diff import PlanDiff, diff_plans
from rtw_scheduler.cases.errors import CaseError
from rtw_scheduler.cases.monitoring import decide
from rtw_scheduler.cases.store import CaseStore, Progress
from rtw_scheduler.planning import make_plan
from solver.deadline import Deadline
from solver.solve import SolverParameters


@dataclass(frozen=True)
class Replanned:
    """What a re-plan did: the version in force afterwards, and how much of the one before it kept."""

    number: int
    issued: bool
    """False: nothing relevant changed and the version before stands."""
    decision: Decision
    diff: PlanDiff | None
    """Day by day against the version before (None when it stands)."""
    plan: Plan


class NoPlan(CaseError):
    """The re-plan found no plan: nothing was issued. Carries the plan with the solver's explanation."""

    def __init__(self, message: str, plan: Plan) -> None:
        super().__init__(message)
        self.plan = plan


def replan(store: CaseStore, case_id: int, reason: str, actor: str, *, params: SolverParameters | None = None,
           deadline: Deadline | None = None) -> Replanned:
    """Re-plans the case from its latest reassessment; issues the result as the next version."""
    current = store.version(case_id)
    scenario, plan = store.plan(case_id, current.number)
    logged = redecided(store.progress(case_id, latest_only=True), scenario.policy.monitoring)
    if not logged:
        raise CaseError(f"case {case_id}: no week's progress logged yet (rtw case log) - nothing to re-plan from")
    latest = max(logged, key=lambda p: p.week)
    replanned = replanned_scenario(scenario, plan, logged)
    if replanned is None:
        store.note_version_stands(case_id, current.number, actor, f"week {latest.week}: "
                                  f"{STEP_MEANING[latest.decision.step]}; nothing relevant changed", reason)
        return Replanned(current.number, False, latest.decision, None, plan)
    result = make_plan(replanned, params, deadline=deadline, keep=plan)
    if not result.has_plan:
        raise NoPlan(f"case {case_id}: no plan from week {latest.week + 1} on; nothing was issued", result.plan)
    version = store.issue_version(case_id, replanned, result.plan, actor, reason, latest.decision)
    return Replanned(version.number, True, latest.decision, diff_plans(plan, result.plan), result.plan)


def redecided(logged: list[Progress], rules: MonitoringRules) -> list[Progress]:
    """Each week's latest entry with its rule decided again, in week order: a correction to an earlier
    week (logged after the later weeks) changes what the rules that look back decide for those."""
    found: list[Progress] = []
    for progress in sorted(logged, key=lambda p: p.week):
        decision = decide(progress.entry, [(p.entry, p.decision) for p in found], rules)
        found.append(replace(progress, decision=decision))
    return found


def replanned_scenario(scenario: Scenario, plan: Plan, logged: list[Progress]) -> Scenario | None:
    """The scenario a re-plan solves (with its resumption and horizon); None when nothing relevant changed."""
    resumption = resumption_after(scenario, plan, logged)
    if not resumption.ceiling or _already_resumed(scenario, resumption):
        return None
    data = scenario.model_dump(mode="json")
    data["resumption"] = resumption.model_dump(mode="json")
    data["policy"]["horizon_weeks"] = _lengthened(scenario, plan, resumption)
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        raise CaseError(f"the re-plan's scenario is not valid: {error}") from None


def _already_resumed(scenario: Scenario, resumption: Resumption) -> bool:
    """Whether the version in force was re-planned from this very reassessment (the same weeks done,
    rule and ceiling): re-planning again would only issue the same plan."""
    before = scenario.resumption
    return before is not None and (before.weeks_done, before.step, before.ceiling) == (
        resumption.weeks_done, resumption.step, resumption.ceiling)


def resumption_after(scenario: Scenario, plan: Plan, logged: list[Progress]) -> Resumption:
    """The weeks up to the latest reassessed, as planned in `plan`, and the ceiling its rule sets week N + 1."""
    by_week = {p.week: p for p in logged}
    latest = by_week[max(by_week)]
    weeks_done, decision = latest.week, latest.decision
    if decision.step == Step.PROGRESS:
        reference, ceiling = weeks_done, _climb_from_tolerated(scenario, plan, latest)
    else:
        reference = weeks_done if decision.resume_from_week is None else decision.resume_from_week
        ceiling = _load_of(scenario, plan, reference, by_week.get(reference))
    done = [worked_week(week) for week in plan.weeks[:weeks_done]]
    resumption = Resumption(done=done, step=decision.step, resume_from_week=reference, ceiling=ceiling)
    if weeks_given_back(scenario, plan, resumption) == 0:
        return resumption
    # full duty, if the weeks done reached it, was not sustained: it is to be reached again
    unflagged = [week.model_copy(update={"full_duty": False}) for week in done]
    return resumption.model_copy(update={"done": unflagged})


def _load_of(scenario: Scenario, plan: Plan, week: int, logged: Progress | None) -> dict[str, float]:
    """A week's load per dimension as planned (week 0: the baseline), and no more than was tolerated."""
    load = dict(apply_policy(scenario).baseline) if week == 0 else dict(plan.weeks[week - 1].exposure)
    tolerated = (logged.entry.tolerated or {}) if logged is not None else {}
    return {dim: min(value, tolerated.get(dim, value)) for dim, value in load.items()}


def _climb_from_tolerated(scenario: Scenario, plan: Plan, latest: Progress) -> dict[str, float]:
    """On progress: per dimension tolerated below plan, the increment above what was tolerated."""
    increments = apply_policy(scenario).increments
    planned = plan.weeks[latest.week - 1].exposure
    return {dim: value * (1 + increments[dim].percent / 100) + increments[dim].allowance
            for dim, value in (latest.entry.tolerated or {}).items() if value < planned[dim] - 1e-9}


def _lengthened(scenario: Scenario, plan: Plan, resumption: Resumption) -> int:
    """The policy horizon plus twice the weeks of load the ceiling gives back: climbing again from a
    lower week takes longer than the weeks given back (increments are percentages of a smaller load),
    and weeks past full duty only repeat it."""
    return min(MAX_HORIZON_WEEKS, scenario.policy.horizon_weeks + 2 * weeks_given_back(scenario, plan, resumption))


def weeks_given_back(scenario: Scenario, plan: Plan, resumption: Resumption) -> int:
    """N + 1 minus the latest planned week (0: the baseline) whose load fits under the ceiling: 1 on a
    hold, 2 on a step back, 0 when week N + 1 as planned fits."""
    after = resumption.weeks_done + 1
    loads = [apply_policy(scenario).baseline, *(week.exposure for week in plan.weeks[:after])]
    fitting = [k for k, load in enumerate(loads)
               if all(load[dim] <= most + 1e-9 for dim, most in resumption.ceiling.items())]
    return after - max(fitting, default=0)
