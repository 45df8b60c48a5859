"""The pain-monitoring rules: from one week's reassessment to what the next week does.

In order, the first that applies decides (models.progress.MonitoringRules holds the thresholds):
1. a flare-up: back to the last week that was well tolerated (the baseline when none was), and
   a review by the treating practitioner;
2. pain during work above the acceptable level, or pain the next morning that has not settled:
   step back one week;
3. pain during work above the safe level: hold this week's load;
4. pain the next morning higher than at the reassessment before: hold (pain that rises is not
   adapting, even within the safe range);
5. otherwise: progress as planned.
"""

from models.progress import Decision, MonitoringRules, ProgressEntry, Step


def decide(entry: ProgressEntry, earlier: list[tuple[ProgressEntry, Decision]], rules: MonitoringRules) -> Decision:
    """The rule for `entry`, given the weeks reassessed before it (oldest first, one per week)."""
    before = [(past, decision) for past, decision in earlier if past.week < entry.week]
    if entry.flare_up:
        tolerated = [past.week for past, decision in before if decision.step == Step.PROGRESS]
        resume = tolerated[-1] if tolerated else 0
        where = f"week {resume}" if resume else "the baseline (no week before was well tolerated)"
        return Decision(week=entry.week, step=Step.RETURN_TO_TOLERATED, resume_from_week=resume, review=True,
                        reason=f"a flare-up: back to {where}, and a review before moving on")
    if entry.pain_during > rules.acceptable_pain_max:
        return _step_back(entry, f"pain during work above the acceptable {rules.acceptable_pain_max:g}/10")
    if entry.pain_next_morning > rules.settled_pain_max:
        return _step_back(entry, f"pain the next morning above {rules.settled_pain_max:g}/10: not settled")
    if entry.pain_during > rules.safe_pain_max:
        return Decision(week=entry.week, step=Step.HOLD, resume_from_week=entry.week,
                        reason=f"pain during work above the safe {rules.safe_pain_max:g}/10 but acceptable: "
                               "hold this week's load")
    if before and entry.pain_next_morning > before[-1][0].pain_next_morning:
        return Decision(week=entry.week, step=Step.HOLD, resume_from_week=entry.week,
                        reason=f"pain the next morning rose since week {before[-1][0].week}: hold this week's load")
    return Decision(week=entry.week, step=Step.PROGRESS,
                    reason="pain low during work and settled by the next morning: progress as planned")


def _step_back(entry: ProgressEntry, why: str) -> Decision:
    resume = entry.week - 1
    return Decision(week=entry.week, step=Step.STEP_BACK, resume_from_week=resume,
                    reason=f"{why}: step back to {f'week {resume}' if resume else 'the baseline'}")
