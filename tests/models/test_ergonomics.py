"""Specification of the load limits: NIOSH revised lifting equation and DOT strength levels."""

import math
from pathlib import Path

import pytest
from pydantic import ValidationError

from models.ergonomics import (
    Coupling,
    DotTable,
    ForceFrequency,
    LiftDuration,
    NioshLift,
    StrengthLevel,
    asymmetric_multiplier,
    coupling_multiplier,
    distance_multiplier,
    dot_strength_level,
    frequency_multiplier,
    horizontal_multiplier,
    lifting_index,
    load_dot_table,
    niosh_multipliers,
    recommended_weight_limit_kg,
    strength_rank,
    vertical_multiplier,
)

SHORT, MODERATE, LONG = LiftDuration.short, LiftDuration.moderate, LiftDuration.long
LOW_V, HIGH_V = 50.0, 100.0  # either side of the 75 cm split in Tables 5 and 7


def ideal_lift(**changes: object) -> NioshLift:
    """A lift at which every multiplier is 1, changed only where a test says so."""
    values: dict[str, object] = {
        "horizontal_cm": 25,
        "vertical_origin_cm": 75,
        "vertical_travel_cm": 25,
        "asymmetry_deg": 0,
        "frequency_lifts_per_min": 0.2,
        "duration": SHORT,
        "coupling": Coupling.good,
    }
    values.update(changes)
    return NioshLift.model_validate(values)


# --------------------------------------------------------------- published examples


def test_ccohs_box_at_50_cm_over_40_cm_travel_has_rwl_10_72_kg_and_li_above_1() -> None:
    # domain.md (CCOHS worked example): a 15 kg box, H = 50 cm, D = 40 cm, all other
    # multipliers 1 -> RWL "about 10.7-10.9 kg", LI > 1.
    # HM = 25/50 = 0.5, DM = 0.82 + 4.5/40 = 0.9325, RWL = 23 x 0.5 x 0.9325 = 10.72 kg.
    result = niosh_multipliers(ideal_lift(horizontal_cm=50, vertical_travel_cm=40), load_kg=15)

    assert round(result.hm, 2) == 0.50
    assert round(result.dm, 2) == 0.93
    assert (result.vm, result.am, result.fm, result.cm) == (1, 1, 1, 1)
    assert round(result.rwl_kg, 2) == 10.72
    assert result.lifting_index is not None
    assert round(result.lifting_index, 2) == 1.40


def test_applications_manual_example_4_origin_reproduces_the_worksheet() -> None:
    # NIOSH 94-110, Example 4 "Package Inspection", worksheet Figure 14 (p. 46), origin:
    # H = 10 in, V = 22 in, D = 37 in, A = 0, fair coupling ->
    # HM 1.0, VM .94, DM .87, AM 1.0, FM .88, CM .95, RWL = 34.9 lb.
    # (Figures as quoted in the method specification docs/methods/rnle.md of
    # github.com/nbarr1/ErgonomicTool, which transcribes the 2021 revision.)
    # That source quotes FM = .88 but not F and duration; 3 lifts/min for <= 1 h is a
    # Table 5 cell with that value. The worksheet works in US units (LC = 51 lb); we
    # convert with the manual's own metric equivalents (10 in = 25 cm, 51 lb = 23 kg),
    # so RWL is compared as 34.9 lb x 23/51, within the worksheet's rounding.
    lift = NioshLift(
        horizontal_cm=25,
        vertical_origin_cm=22 * 2.54,
        vertical_travel_cm=37 * 2.54,
        asymmetry_deg=0,
        frequency_lifts_per_min=3,
        duration=SHORT,
        coupling=Coupling.fair,
    )

    result = niosh_multipliers(lift)

    rounded = [round(m, 2) for m in (result.hm, result.vm, result.dm, result.am)]
    assert rounded == [1.00, 0.94, 0.87, 1.00]
    assert (result.fm, result.cm) == (0.88, 0.95)
    assert result.rwl_kg == pytest.approx(34.9 * 23 / 51, abs=0.1)


def test_ideal_lift_is_limited_only_by_the_23_kg_load_constant() -> None:
    assert recommended_weight_limit_kg(ideal_lift()) == 23.0


# ------------------------------------------------------------------ HM, VM, DM, AM


@pytest.mark.parametrize("horizontal_cm", [1, 10, 24.9, 25])
def test_hands_closer_than_25_cm_count_as_25_cm(horizontal_cm: float) -> None:
    assert horizontal_multiplier(horizontal_cm) == 1.0


@pytest.mark.parametrize(("horizontal_cm", "expected"), [(50, 0.5), (63, 25 / 63)])
def test_horizontal_multiplier_is_25_over_h_up_to_63_cm(
    horizontal_cm: float, expected: float
) -> None:
    assert horizontal_multiplier(horizontal_cm) == pytest.approx(expected)


def test_hands_beyond_63_cm_give_no_acceptable_load() -> None:
    assert horizontal_multiplier(63.1) == 0.0
    assert recommended_weight_limit_kg(ideal_lift(horizontal_cm=64)) == 0.0


@pytest.mark.parametrize(
    ("vertical_cm", "expected"), [(75, 1.0), (0, 0.775), (150, 0.775), (175, 0.7)]
)
def test_vertical_multiplier_falls_0_003_per_cm_away_from_75_cm(
    vertical_cm: float, expected: float
) -> None:
    assert vertical_multiplier(vertical_cm) == pytest.approx(expected)


def test_origin_above_175_cm_reach_gives_no_acceptable_load() -> None:
    assert vertical_multiplier(175.1) == 0.0


@pytest.mark.parametrize("travel_cm", [0, 10, 25])
def test_travel_shorter_than_25_cm_carries_no_penalty(travel_cm: float) -> None:
    assert distance_multiplier(travel_cm) == 1.0


@pytest.mark.parametrize(("travel_cm", "expected"), [(40, 0.9325), (175, 0.82 + 4.5 / 175)])
def test_distance_multiplier_is_0_82_plus_4_5_over_d(travel_cm: float, expected: float) -> None:
    assert distance_multiplier(travel_cm) == pytest.approx(expected)


def test_travel_beyond_175_cm_gives_no_acceptable_load() -> None:
    assert distance_multiplier(175.1) == 0.0


@pytest.mark.parametrize(("asymmetry_deg", "expected"), [(0, 1.0), (90, 0.712), (135, 0.568)])
def test_asymmetric_multiplier_falls_0_0032_per_degree(
    asymmetry_deg: float, expected: float
) -> None:
    assert asymmetric_multiplier(asymmetry_deg) == pytest.approx(expected)


def test_twist_beyond_135_degrees_gives_no_acceptable_load() -> None:
    assert asymmetric_multiplier(135.1) == 0.0


# ------------------------------------------------------------------------ FM (Table 5)


@pytest.mark.parametrize(
    ("frequency", "duration", "vertical_cm", "expected"),
    [
        (0.2, SHORT, LOW_V, 1.00),
        (0.2, MODERATE, LOW_V, 0.95),
        (0.2, LONG, LOW_V, 0.85),
        (1, LONG, HIGH_V, 0.75),
        (5, MODERATE, HIGH_V, 0.60),
        (10, LONG, HIGH_V, 0.13),
        (15, SHORT, HIGH_V, 0.28),
    ],
)
def test_frequency_multiplier_reads_table_5(
    frequency: float, duration: LiftDuration, vertical_cm: float, expected: float
) -> None:
    assert frequency_multiplier(frequency, duration, vertical_cm) == expected


@pytest.mark.parametrize(
    ("frequency", "duration", "below_75", "at_or_above_75"),
    [(13, SHORT, 0.0, 0.34), (11, MODERATE, 0.0, 0.23), (9, LONG, 0.0, 0.15)],
)
def test_lifting_from_below_75_cm_reaches_its_maximum_frequency_sooner(
    frequency: float, duration: LiftDuration, below_75: float, at_or_above_75: float
) -> None:
    assert frequency_multiplier(frequency, duration, 74.9) == below_75
    assert frequency_multiplier(frequency, duration, 75) == at_or_above_75


@pytest.mark.parametrize("frequency", [0, 0.05, 0.19])
def test_lifting_less_than_once_per_5_minutes_uses_the_0_2_row(frequency: float) -> None:
    assert frequency_multiplier(frequency, MODERATE, LOW_V) == 0.95


def test_more_than_15_lifts_per_minute_gives_no_acceptable_load() -> None:
    assert frequency_multiplier(15.01, SHORT, HIGH_V) == 0.0


@pytest.mark.parametrize(
    ("frequency", "duration", "expected"),
    [(2.4, SHORT, 0.91 + 0.4 * (0.88 - 0.91)), (0.35, LONG, 0.83), (7.5, MODERATE, 0.385)],
)
def test_frequency_between_rows_is_interpolated_linearly(
    frequency: float, duration: LiftDuration, expected: float
) -> None:
    assert frequency_multiplier(frequency, duration, LOW_V) == pytest.approx(expected)


def test_frequency_past_a_columns_last_non_zero_row_gives_zero_not_a_taper() -> None:
    assert frequency_multiplier(12.5, SHORT, LOW_V) == 0.0
    assert frequency_multiplier(12.5, SHORT, HIGH_V) == pytest.approx((0.37 + 0.34) / 2)


# ------------------------------------------------------------------------ CM (Table 7)


def test_fair_coupling_costs_5_percent_only_below_75_cm() -> None:
    assert coupling_multiplier(Coupling.fair, 74.9) == 0.95
    assert coupling_multiplier(Coupling.fair, 75) == 1.00


@pytest.mark.parametrize(("coupling", "expected"), [(Coupling.good, 1.00), (Coupling.poor, 0.90)])
def test_good_and_poor_coupling_do_not_depend_on_height(
    coupling: Coupling, expected: float
) -> None:
    assert coupling_multiplier(coupling, LOW_V) == expected
    assert coupling_multiplier(coupling, HIGH_V) == expected


# --------------------------------------------------------------------- lifting index


def test_lifting_index_is_load_divided_by_rwl() -> None:
    assert lifting_index(11.5, ideal_lift()) == 0.5


def test_lifting_index_is_infinite_when_no_load_is_acceptable() -> None:
    assert lifting_index(1, ideal_lift(asymmetry_deg=150)) == math.inf


def test_multipliers_without_a_load_leave_the_index_empty() -> None:
    assert niosh_multipliers(ideal_lift()).lifting_index is None


def test_a_negative_load_is_rejected() -> None:
    with pytest.raises(ValueError, match="load_kg"):
        lifting_index(-1, ideal_lift())


@pytest.mark.parametrize(
    "change",
    [
        {"horizontal_cm": 0},
        {"vertical_origin_cm": -1},
        {"asymmetry_deg": 181},
        {"frequency_lifts_per_min": float("nan")},
        {"weight_kg": 10},
    ],
)
def test_a_lift_rejects_impossible_or_unknown_values(change: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ideal_lift(**change)


# ------------------------------------------------------------------- DOT strength


@pytest.mark.parametrize(
    ("load_kg", "frequency", "expected"),
    [
        (20, ForceFrequency.occasional, StrengthLevel.medium),
        (9, ForceFrequency.occasional, StrengthLevel.light),
        (15, ForceFrequency.frequent, StrengthLevel.heavy),
        (50, ForceFrequency.occasional, StrengthLevel.very_heavy),
        (4.5, ForceFrequency.occasional, StrengthLevel.sedentary),
        (3, ForceFrequency.frequent, StrengthLevel.light),
        (4.5, ForceFrequency.constant, StrengthLevel.medium),
        (10, ForceFrequency.constant, StrengthLevel.very_heavy),
    ],
)
def test_strength_level_is_the_lowest_whose_limit_admits_the_load(
    load_kg: float, frequency: ForceFrequency, expected: StrengthLevel
) -> None:
    assert dot_strength_level(load_kg, frequency) == expected


@pytest.mark.parametrize("frequency", list(ForceFrequency))
def test_handling_no_weight_is_sedentary_at_any_frequency(frequency: ForceFrequency) -> None:
    assert dot_strength_level(0, frequency) == StrengthLevel.sedentary


def test_a_negative_heaviest_load_is_rejected() -> None:
    with pytest.raises(ValueError, match="heaviest_load_kg"):
        dot_strength_level(-0.1, ForceFrequency.occasional)


def test_strength_levels_rank_from_sedentary_0_to_very_heavy_4() -> None:
    assert [strength_rank(level) for level in StrengthLevel] == [0, 1, 2, 3, 4]
    assert strength_rank(StrengthLevel.heavy) > strength_rank(StrengthLevel.medium)


def test_bundled_table_holds_the_dot_cut_offs_from_domain_md() -> None:
    levels = load_dot_table().levels

    assert levels[StrengthLevel.sedentary].model_dump() == {
        "occasional_kg": 4.5,
        "frequent_kg": 0,
        "constant_kg": 0,
    }
    assert levels[StrengthLevel.medium].limit_kg(ForceFrequency.frequent) == 11.3
    assert levels[StrengthLevel.heavy].limit_kg(ForceFrequency.constant) == 9
    assert levels[StrengthLevel.very_heavy].limit_kg(ForceFrequency.occasional) == math.inf


JURISDICTION_YAML = """
unit: kg
source: a jurisdiction with heavy capped at 75 lb occasionally
levels:
  sedentary: {occasional_kg: 4.5, frequent_kg: 0, constant_kg: 0}
  light: {occasional_kg: 9, frequent_kg: 4.5, constant_kg: 0}
  medium: {occasional_kg: 23, frequent_kg: 11.3, constant_kg: 4.5}
  heavy: {occasional_kg: 34, frequent_kg: 23, constant_kg: 9}
  very_heavy: {occasional_kg: null, frequent_kg: null, constant_kg: null}
"""


def test_a_jurisdictions_own_table_changes_the_level(tmp_path: Path) -> None:
    path = tmp_path / "cut_offs.yaml"
    path.write_text(JURISDICTION_YAML, encoding="utf-8")

    table = load_dot_table(path)

    assert dot_strength_level(40, ForceFrequency.occasional) == StrengthLevel.heavy
    assert dot_strength_level(40, ForceFrequency.occasional, table) == StrengthLevel.very_heavy


def test_a_table_missing_a_level_is_rejected() -> None:
    data = load_dot_table().model_dump()
    del data["levels"][StrengthLevel.light]

    with pytest.raises(ValidationError, match="lacks levels: light"):
        DotTable.model_validate(data)


def test_a_table_whose_limits_fall_as_levels_rise_is_rejected() -> None:
    data = load_dot_table().model_dump()
    data["levels"][StrengthLevel.heavy]["occasional_kg"] = 20

    with pytest.raises(ValidationError, match="must not fall"):
        DotTable.model_validate(data)


def test_a_table_capping_very_heavy_is_rejected_because_some_loads_would_fit_nowhere() -> None:
    data = load_dot_table().model_dump()
    data["levels"][StrengthLevel.very_heavy]["occasional_kg"] = 100

    with pytest.raises(ValidationError, match="very_heavy must have no occasional limit"):
        DotTable.model_validate(data)
