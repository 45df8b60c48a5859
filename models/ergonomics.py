"""Load limits a plan must respect: the NIOSH lifting equation and DOT strength levels.

Two independent yardsticks live here. The revised NIOSH lifting equation turns the
geometry of one two-handed lift into a recommended weight limit, so a planner can
tell whether a task's heaviest lift is acceptable for "nearly all healthy workers".
The DOT strength levels sort a task by its heaviest load and how often it is handled,
which is the vocabulary in which clinicians write restrictions ("light duty").

Sources:
- Waters TR, Putz-Anderson V, Garg A. Applications Manual for the Revised NIOSH
  Lifting Equation. DHHS (NIOSH) Publication No. 94-110, 1994 (revised 9/2021,
  formulas and multipliers unchanged); Waters et al., Ergonomics 36(7), 1993.
- US DOL Dictionary of Occupational Titles, strength rating; the cut-offs are data
  in ``models/data/dot_strength_levels.yaml`` so a jurisdiction can replace them.

Everything is computed at full precision; the manual's worked examples round
multipliers to two decimals, so they can differ from these results in the last digit.
"""

from __future__ import annotations

import itertools
import math
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

# --------------------------------------------------------------------------- NIOSH

LOAD_CONSTANT_KG = 23.0
"""NIOSH load constant: the RWL under ideal conditions (metric form of 51 lb)."""

VERTICAL_SPLIT_CM = 75.0
"""Table 5 and Table 7 switch columns at V = 30 in, which the manual equates with 75 cm."""


class Coupling(StrEnum):
    """Quality of the hand-to-object grip (NIOSH Table 6); a doubtful case is the worse one."""

    good = "good"
    fair = "fair"
    poor = "poor"


class LiftDuration(StrEnum):
    """NIOSH work-duration category, which decides how fast frequency erodes the limit.

    The category depends on continuous lifting time *and* the recovery that follows it
    (manual section 1.3.5.2): short = up to 1 h followed by at least equal recovery;
    moderate = 1-2 h followed by recovery of at least 0.3 x the work time; long = 2-8 h
    with normal breaks. The caller classifies; this module only uses the category.
    """

    short = "short"
    moderate = "moderate"
    long = "long"


class NioshLift(BaseModel):
    """The geometry and rhythm of one lift, measured at its origin, in metric units.

    Values outside the equation's working range are accepted, not rejected: the
    multipliers then fall to 0 (or saturate at 1) exactly as the manual prescribes, so
    a scenario describing an unsafe lift gets an RWL of 0 instead of a validation error.
    """

    model_config = ConfigDict(extra="forbid")

    horizontal_cm: float = Field(
        gt=0,
        allow_inf_nan=False,
        strict=True,
        description="H: horizontal distance from the midpoint between the inner ankles to the "
        "midpoint of the hands (cm). Below 25 cm counts as 25; above 63 cm the RWL is 0.",
    )
    vertical_origin_cm: float = Field(
        ge=0,
        allow_inf_nan=False,
        strict=True,
        description="V: height of the hands above the floor at the origin of the lift (cm). "
        "Optimum 75 cm; above 175 cm the RWL is 0.",
    )
    vertical_travel_cm: float = Field(
        ge=0,
        allow_inf_nan=False,
        strict=True,
        description="D: vertical distance the load travels between origin and destination "
        "(cm). Below 25 cm counts as 25; above 175 cm the RWL is 0.",
    )
    asymmetry_deg: float = Field(
        default=0,
        ge=0,
        le=180,
        allow_inf_nan=False,
        strict=True,
        description="A: angle of the load from the worker's mid-sagittal plane (degrees). "
        "Above 135 degrees the RWL is 0.",
    )
    frequency_lifts_per_min: float = Field(
        ge=0,
        allow_inf_nan=False,
        strict=True,
        description="F: average lifts per minute over a 15-minute sample. Below 0.2 counts "
        "as 0.2; above 15 the RWL is 0.",
    )
    duration: LiftDuration = Field(
        description="Work-duration category of the lifting (short <= 1 h, moderate 1-2 h, "
        "long 2-8 h, each with the recovery the manual requires).",
    )
    coupling: Coupling = Field(description="Hand-to-object coupling quality (Table 6).")


class NioshResult(BaseModel):
    """Every multiplier next to the limit, so a plan can show *why* a lift is limited."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hm: float = Field(description="Horizontal multiplier.")
    vm: float = Field(description="Vertical multiplier.")
    dm: float = Field(description="Distance multiplier.")
    am: float = Field(description="Asymmetric multiplier.")
    fm: float = Field(description="Frequency multiplier (Table 5).")
    cm: float = Field(description="Coupling multiplier (Table 7).")
    rwl_kg: float = Field(description="Recommended weight limit (kg).")
    lifting_index: float | None = Field(
        default=None, description="Load / RWL; None when no load was given."
    )


def horizontal_multiplier(horizontal_cm: float) -> float:
    """HM = 25/H: closer than 25 cm is not possible with a body in the way, so it is 1."""
    if horizontal_cm > 63:
        return 0.0
    return 1.0 if horizontal_cm <= 25 else 25.0 / horizontal_cm


def vertical_multiplier(vertical_cm: float) -> float:
    """VM = 1 - 0.003 |V - 75|; above the 175 cm reach limit the lift is not acceptable."""
    if vertical_cm > 175:
        return 0.0
    return 1.0 - 0.003 * abs(vertical_cm - 75.0)


def distance_multiplier(travel_cm: float) -> float:
    """DM = 0.82 + 4.5/D; short travel (< 25 cm) carries no penalty, over 175 cm no limit."""
    if travel_cm > 175:
        return 0.0
    return 1.0 if travel_cm <= 25 else 0.82 + 4.5 / travel_cm


def asymmetric_multiplier(asymmetry_deg: float) -> float:
    """AM = 1 - 0.0032 A; beyond 135 degrees NIOSH gives no load at all."""
    if asymmetry_deg > 135:
        return 0.0
    return 1.0 - 0.0032 * asymmetry_deg


_FM_FREQUENCIES: tuple[float, ...] = (
    0.2, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
)  # fmt: skip
"""Row labels of Table 5, lifts per minute."""

# Table 5 of NIOSH 94-110 (p. 15), one column per (duration, V >= 75 cm).
# Checked against the two-pass transcription of the 2021 revision in
# github.com/nbarr1/ErgonomicTool, methods/rnle/transcription/
# table-5-frequency-multiplier.reconciled.csv.
_FM_COLUMNS: dict[tuple[LiftDuration, bool], tuple[float, ...]] = {
    (LiftDuration.short, False): (
        1.00, .97, .94, .91, .88, .84, .80, .75, .70, .60, .52, .45, .41, .37, 0, 0, 0,
    ),
    (LiftDuration.short, True): (
        1.00, .97, .94, .91, .88, .84, .80, .75, .70, .60, .52, .45, .41, .37, .34, .31, .28,
    ),
    (LiftDuration.moderate, False): (
        .95, .92, .88, .84, .79, .72, .60, .50, .42, .35, .30, .26, 0, 0, 0, 0, 0,
    ),
    (LiftDuration.moderate, True): (
        .95, .92, .88, .84, .79, .72, .60, .50, .42, .35, .30, .26, .23, .21, 0, 0, 0,
    ),
    (LiftDuration.long, False): (
        .85, .81, .75, .65, .55, .45, .35, .27, .22, .18, 0, 0, 0, 0, 0, 0, 0,
    ),
    (LiftDuration.long, True): (
        .85, .81, .75, .65, .55, .45, .35, .27, .22, .18, .15, .13, 0, 0, 0, 0, 0,
    ),
}  # fmt: skip


def frequency_multiplier(
    frequency_lifts_per_min: float, duration: LiftDuration, vertical_origin_cm: float
) -> float:
    """FM from Table 5, the one multiplier NIOSH gives only as a table.

    The column is chosen by duration and by V at the origin (< 75 cm or >= 75 cm).
    Rules, in order:

    - below 0.2 lifts/min the 0.2 row applies (the table's footnote);
    - above 15 lifts/min FM is 0 ("lifting above the maximum frequency results in a
      RWL of 0.0");
    - between two rows FM is interpolated linearly, as the manual prescribes for
      non-integer frequencies (p. 7; Example 7 interpolates F = 2.4 between the 2 and 3
      rows);
    - but past the last non-zero row of a column FM is 0, not a value interpolated
      towards the .00 below it. The .00 cells mark frequencies above that column's
      maximum, and the manual leaves the fractional gap open; treating it as over the
      maximum is the conservative reading (e.g. F = 12.5, short, V < 75 -> 0, not .185).
    """
    column = _FM_COLUMNS[(duration, vertical_origin_cm >= VERTICAL_SPLIT_CM)]
    frequency = max(frequency_lifts_per_min, _FM_FREQUENCIES[0])
    if frequency > _FM_FREQUENCIES[-1]:
        return 0.0
    for row, upper in enumerate(_FM_FREQUENCIES):
        if frequency == upper:
            return column[row]
        if frequency < upper:
            lower = _FM_FREQUENCIES[row - 1]
            fm_lower, fm_upper = column[row - 1], column[row]
            if fm_upper == 0:
                return 0.0
            share = (frequency - lower) / (upper - lower)
            return fm_lower + share * (fm_upper - fm_lower)
    raise AssertionError("unreachable: frequency is within the table's rows")  # pragma: no cover


_CM_TABLE: dict[Coupling, tuple[float, float]] = {
    Coupling.good: (1.00, 1.00),
    Coupling.fair: (0.95, 1.00),
    Coupling.poor: (0.90, 0.90),
}
"""Table 7: (V < 75 cm, V >= 75 cm). A fair grip costs only when lifting from low down."""


def coupling_multiplier(coupling: Coupling, vertical_cm: float) -> float:
    """CM from Table 7; fair coupling is penalised only below 75 cm, where grip matters more."""
    below, at_or_above = _CM_TABLE[coupling]
    return at_or_above if vertical_cm >= VERTICAL_SPLIT_CM else below


def niosh_multipliers(lift: NioshLift, *, load_kg: float | None = None) -> NioshResult:
    """All six multipliers and the RWL at the origin; the LI too when a load is given.

    Only the origin is evaluated: a lift that needs significant control at the
    destination must be assessed a second time with the destination geometry, and the
    lower RWL used (manual p. 26).
    """
    hm = horizontal_multiplier(lift.horizontal_cm)
    vm = vertical_multiplier(lift.vertical_origin_cm)
    dm = distance_multiplier(lift.vertical_travel_cm)
    am = asymmetric_multiplier(lift.asymmetry_deg)
    fm = frequency_multiplier(lift.frequency_lifts_per_min, lift.duration, lift.vertical_origin_cm)
    cm = coupling_multiplier(lift.coupling, lift.vertical_origin_cm)
    rwl = LOAD_CONSTANT_KG * hm * vm * dm * am * fm * cm
    index = None if load_kg is None else _index(load_kg, rwl)
    return NioshResult(hm=hm, vm=vm, dm=dm, am=am, fm=fm, cm=cm, rwl_kg=rwl, lifting_index=index)


def recommended_weight_limit_kg(lift: NioshLift) -> float:
    """The load nearly all healthy workers could lift this way for up to 8 hours."""
    return niosh_multipliers(lift).rwl_kg


def lifting_index(load_kg: float, lift: NioshLift) -> float:
    """Load / RWL: above 1 the lift raises the risk of low back pain for some workers.

    An RWL of 0 means the geometry lies outside what NIOSH considers acceptable at any
    weight, so the index is infinite rather than a division error: the lift always
    fails a "LI <= limit" check.
    """
    return _index(load_kg, recommended_weight_limit_kg(lift))


def _index(load_kg: float, rwl_kg: float) -> float:
    if not load_kg >= 0 or math.isinf(load_kg):
        raise ValueError(f"load_kg must be a finite number >= 0, got {load_kg!r}")
    if rwl_kg <= 0:
        return math.inf
    return load_kg / rwl_kg


# ------------------------------------------------------------------ DOT strength levels


class StrengthLevel(StrEnum):
    """DOT strength rating, declared from lightest to heaviest (see ``strength_rank``)."""

    sedentary = "sedentary"
    light = "light"
    medium = "medium"
    heavy = "heavy"
    very_heavy = "very_heavy"


_STRENGTH_ORDER: tuple[StrengthLevel, ...] = tuple(StrengthLevel)


def strength_rank(level: StrengthLevel) -> int:
    """0 (sedentary) to 4 (very heavy), so restrictions compare as numbers, not strings."""
    return _STRENGTH_ORDER.index(StrengthLevel(level))


class ForceFrequency(StrEnum):
    """Share of the working day a force is exerted, in DOT's three bands."""

    occasional = "occasional"  # up to 1/3 of the day
    frequent = "frequent"  # 1/3 to 2/3 of the day
    constant = "constant"  # over 2/3 of the day


class DotLimits(BaseModel):
    """Heaviest load one strength level admits at each frequency; None = no upper limit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    occasional_kg: float | None = Field(
        ge=0, allow_inf_nan=False, description="Limit when handled up to 1/3 of the day (kg)."
    )
    frequent_kg: float | None = Field(
        ge=0, allow_inf_nan=False, description="Limit when handled 1/3 to 2/3 of the day (kg)."
    )
    constant_kg: float | None = Field(
        ge=0, allow_inf_nan=False, description="Limit when handled over 2/3 of the day (kg)."
    )

    def limit_kg(self, frequency: ForceFrequency) -> float:
        """The limit for one frequency, with "no limit" as infinity so it compares."""
        value: float | None = getattr(self, f"{ForceFrequency(frequency).value}_kg")
        return math.inf if value is None else value


class DotTable(BaseModel):
    """Cut-offs between strength levels; data, so a jurisdiction can supply its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str = Field(default="kg", pattern=r"^kg$", description="Only kilograms are accepted.")
    source: str = Field(default="", description="Where the cut-offs come from.")
    levels: dict[StrengthLevel, DotLimits] = Field(description="Limits for every level.")

    @model_validator(mode="after")
    def _complete_and_monotone(self) -> DotTable:
        """Reject tables under which "the lowest level that admits the load" is ill-defined."""
        missing = [level.value for level in _STRENGTH_ORDER if level not in self.levels]
        if missing:
            raise ValueError(f"DOT table lacks levels: {', '.join(missing)}")
        for frequency in ForceFrequency:
            limits = [self.levels[level].limit_kg(frequency) for level in _STRENGTH_ORDER]
            if any(lower > higher for lower, higher in itertools.pairwise(limits)):
                raise ValueError(f"{frequency.value} limits must not fall as levels rise")
            if not math.isinf(limits[-1]):
                raise ValueError(f"very_heavy must have no {frequency.value} limit (null)")
        return self


def load_dot_table(path: Path | None = None) -> DotTable:
    """The DOT cut-offs from a YAML file; the bundled US DOT table by default."""
    if path is None:
        return _bundled_dot_table()
    return _parse_dot_table(path.read_text(encoding="utf-8"))


@cache
def _bundled_dot_table() -> DotTable:
    bundled = resources.files("models") / "data" / "dot_strength_levels.yaml"
    return _parse_dot_table(bundled.read_text(encoding="utf-8"))


def _parse_dot_table(text: str) -> DotTable:
    data: Any = yaml.safe_load(text)
    return DotTable.model_validate(data)


def dot_strength_level(
    heaviest_load_kg: float, frequency: ForceFrequency, table: DotTable | None = None
) -> StrengthLevel:
    """The lowest strength level whose limit at ``frequency`` admits the load (load <= limit).

    A 0 kg load is admitted by every level ("negligible"), so it is sedentary.
    """
    if not heaviest_load_kg >= 0 or math.isinf(heaviest_load_kg):
        raise ValueError(f"heaviest_load_kg must be a finite number >= 0, got {heaviest_load_kg!r}")
    limits = (table or load_dot_table()).levels
    for level in _STRENGTH_ORDER:
        if heaviest_load_kg <= limits[level].limit_kg(frequency):
            return level
    raise AssertionError("unreachable: very_heavy admits every load")  # pragma: no cover
