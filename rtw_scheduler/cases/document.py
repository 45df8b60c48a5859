"""The plan document: a version of the plan laid out like a regulator's return-to-work plan template.

Goal, duties and hours per week, restrictions in plain words, review dates, who to contact and
signature blocks, as HTML (Jinja2, escaped) and as PDF (WeasyPrint renders the same HTML). One
document per audience: the worker's, supervisor's and HR's are built from the plan alone, which
holds no clinical record (models.plan), plus the worker's name; only the clinician's copy adds the
diagnosis, history, notes and risk factors. HR's copy carries hours and days, not duties or
restrictions, as its calendar does; a reviewer's name goes to the worker's and clinician's copies only.
"""

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from models.plan import Plan
from models.restriction_words import review_words
from models.scenario import Scenario
from rtw_scheduler.calendar_text import Audience
from rtw_scheduler.cases.roles import SIGN_OFF_ROLES
from rtw_scheduler.cases.store import Version
from rtw_scheduler.report import restriction_spans, roster_rows

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parents[1] / "templates"),
                         autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
_AUDIENCE_LABEL = {"worker": "worker", "supervisor": "supervisor", "hr": "HR officer", "clinician": "clinician"}
_PARTY_LABEL = {"clinician": "Treating clinician", "worker": "Worker", "employer": "Employer"}
REVIEWER_AUDIENCES = ("worker", "clinician")


@dataclass(frozen=True)
class _Party:
    label: str
    name: str
    signed: str


def plan_document_html(scenario: Scenario, plan: Plan, version: Version, audience: Audience) -> str:
    """The document for `audience` as one self-contained HTML page."""
    task_names = {task.id: task.name for task in scenario.tasks}
    return _TEMPLATES.get_template("plan_document.html.j2").render(
        audience=audience, audience_label=_AUDIENCE_LABEL[audience],
        worker_name=scenario.worker.display_name, worker_id=plan.worker_id, version=version.number,
        issued=f"{version.created_at:%d %b %Y}", goal=_goal(scenario, plan), rows=roster_rows(plan, task_names),
        restrictions=restriction_spans(plan),
        reviews=[review_words(r) if audience in REVIEWER_AUDIENCES else r.date.isoformat() for r in plan.reviews],
        clinical=_clinical(scenario) if audience == "clinician" else [],
        signatures=_signatures(version))


def plan_document_pdf(html: str) -> bytes:
    """The same page as an A4 PDF."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def _goal(scenario: Scenario, plan: Plan) -> str:
    hours = f"{scenario.worker.contracted_hours_per_week:g} hours a week"
    if plan.full_duty_week is None or plan.full_duty_date is None:
        return f"Back to full duties ({hours}); this plan does not reach them within its {len(plan.weeks)} weeks."
    return (f"Back to full duties ({hours}) in week {plan.full_duty_week}, from "
            f"{plan.full_duty_date:%A %d %B %Y}, stepping hours, days and duties up week by week.")


def _clinical(scenario: Scenario) -> list[tuple[str, str]]:
    record = scenario.worker.clinical
    pairs = [("Diagnosis", record.diagnosis), ("History", record.history), ("Notes", record.notes),
             ("Risk factors", ", ".join(scenario.worker.risk_factors))]
    return [(label, text) for label, text in pairs if text]


def _signatures(version: Version) -> list[_Party]:
    signed = {s.role: s for s in version.sign_offs}
    return [_Party(_PARTY_LABEL[role], signed[role].name if role in signed else "",
                   f"{signed[role].signed_at:%Y-%m-%d %H:%M}" if role in signed else "")
            for role in SIGN_OFF_ROLES]


__all__ = ["plan_document_html", "plan_document_pdf"]
