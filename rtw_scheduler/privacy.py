"""Text that travels: a warning when the scenario or worker id, or a restriction's source, names something
clinical.

The scenario id and the worker id are in every file that leaves the clinician's view
(plan.json, plan.csv, calendar UIDs, team zip names), and they are the user's to choose.
An id such as `nurse-rotator-cuff` tells every employer who reads the plan what the
injury is. The program cannot know every way an id might hint at one, but it can notice
an id that repeats a word of the diagnosis, a risk factor or an appointment kind, and say so
before the files are written.
"""

import re

from models.scenario import Scenario

_WORD = re.compile(r"[a-z]{4,}")
"""Words of four letters or more: shorter ones ('l4', 'acl', 'of') match ids by chance."""


def clinical_words_in_ids(scenario: Scenario) -> list[str]:
    """One warning per id (scenario, worker) or restriction source (shown to the supervisor) that
    holds a word of the clinical record."""
    worker = scenario.worker
    clinical = " ".join([worker.clinical.diagnosis, *worker.risk_factors,
                         *(appointment.kind for appointment in scenario.availability.appointments)])
    words = set(_WORD.findall(clinical.lower()))
    warnings = []
    travelling = [("scenario id", scenario.id), ("worker id", worker.id),
                  *((f"source of restrictions[{i}]", r.source) for i, r in enumerate(scenario.restrictions))]
    for label, value in travelling:
        found = sorted(set(_WORD.findall(value.lower())) & words)
        if found:
            warnings.append(f"warning: the {label} {value!r} contains {', '.join(map(repr, found))} from the "
                            "clinical record; it travels to the employer, so keep clinical words out of it "
                            "(docs/safety.md)")
    return warnings
