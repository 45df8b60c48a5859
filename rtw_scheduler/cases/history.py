"""A case's history and a versions diff, as the lines `rtw case history` and `rtw case diff` print."""

from models.progress import STEP_MEANING, Decision
from rtw_scheduler.cases.diff import PlanDiff
from rtw_scheduler.cases.roles import SIGN_OFF_ROLES
from rtw_scheduler.cases.store import CaseStore


def history_lines(store: CaseStore, case_id: int) -> list[str]:
    """Versions with their sign-offs, each week's reassessment with the rule applied, the audit log."""
    case = store.case(case_id)
    lines = [f"case {case.id}: worker {case.worker_id}, scenario {case.scenario_id}, opened "
             f"{case.created_at:%Y-%m-%d %H:%M} UTC by {case.created_by}", "", "versions:"]
    for version in store.versions(case_id):
        full_duty = f"full duty week {version.full_duty_week}" if version.full_duty_week else "no full duty"
        lines.append(f"  v{version.number} {version.created_at:%Y-%m-%d %H:%M} by {version.author}: "
                     f"{version.reason} ({version.status}, {full_duty})")
        signed = {s.role: s for s in version.sign_offs}
        for role in SIGN_OFF_ROLES:
            mark = f"signed by {signed[role].name} {signed[role].signed_at:%Y-%m-%d}" if role in signed \
                else "not signed"
            lines.append(f"      {role}: {mark}")
    lines += ["", "progress (latest entry per week):"]
    progress = store.progress(case_id, latest_only=True)
    lines += [f"  week {p.week} (against v{p.against_version}): pain {p.entry.pain_during:g}/10 during, "
              f"{p.entry.pain_next_morning:g}/10 next morning{', flare-up' if p.entry.flare_up else ''} -> "
              f"{STEP_MEANING[p.decision.step]}" for p in progress] or ["  none logged"]
    lines += ["", "audit log:"]
    lines += [f"  {a.at:%Y-%m-%d %H:%M:%S} {a.actor}: {a.action}"
              f"{f' v{a.version_number}' if a.version_number else ''}: {a.detail}"
              f"{f' ({a.reason})' if a.reason else ''}" for a in store.audit(case_id)]
    return lines


def diff_lines(diff: PlanDiff, before: int, after: int) -> list[str]:
    """Per changed day: + added, - removed, ~ moved blocks; and how many blocks were kept."""
    if diff.unchanged:
        return [f"v{before} -> v{after}: no change ({diff.blocks_kept} blocks kept)"]
    lines = [f"v{before} -> v{after}: {len(diff.days)} day(s) changed, {diff.blocks_kept} of "
             f"{diff.blocks_before} blocks kept"]
    for day in diff.days:
        lines.append(f"  {day.date:%a %Y-%m-%d}")
        lines += [f"    + {block}" for block in day.added]
        lines += [f"    - {block}" for block in day.removed]
        lines += [f"    ~ {move.task_name} {move.before} -> {move.after}" for move in day.moved]
    return lines


def decision_line(decision: Decision) -> str:
    """'week 4: step back to the week before's load (next week repeats week 3's load). Why: ...'."""
    resume = "" if decision.resume_from_week is None else \
        f" (next week repeats week {decision.resume_from_week}'s load)"
    review = "; the treating practitioner reviews before the plan moves on" if decision.review else ""
    return f"week {decision.week}: {STEP_MEANING[decision.step]}{resume}{review}. Why: {decision.reason}"
