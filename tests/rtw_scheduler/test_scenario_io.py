"""Loading scenario and plan files: every problem names the file, the field path and why."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rtw_scheduler.scenario_io import (
    MAX_FILE_BYTES,
    InputError,
    Problem,
    load_plan,
    load_scenario,
    scenario_json_schema,
)

WAREHOUSE = Path(__file__).resolve().parents[2] / "scenarios" / "warehouse_order_picker.yaml"

WriteYaml = Callable[..., Path]


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.file == str(path)
    return caught.value.problems


def paths_of(path: Path) -> list[str]:
    return [problem.path for problem in problems_of(path)]


def test_the_warehouse_example_loads() -> None:
    scenario = load_scenario(WAREHOUSE)

    assert scenario.id == "warehouse-order-picker"
    assert len(scenario.tasks) == 8


def test_a_yaml_syntax_error_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntasks: [a, b\nworker: {}\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        load_scenario(path)

    message = str(caught.value)
    assert message.startswith(f"{path}: line ")
    assert "YAML syntax error" in message
    assert caught.value.problems[0].path.startswith("line 3")


def test_a_key_given_twice_is_refused_rather_than_silently_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("id: first\ntitle: t\nid: second\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        load_scenario(path)

    assert caught.value.problems[0].path == "line 3, column 1"
    assert "duplicate key 'id'" in caught.value.problems[0].reason


def test_an_unknown_field_is_named_with_its_path(scenario_data: dict[str, Any],
                                                 write_yaml: WriteYaml) -> None:
    scenario_data["tasks"][1]["colour"] = "red"

    problems = problems_of(write_yaml(scenario_data))

    assert [(p.path, p.reason) for p in problems] == [("tasks[1].colour", "Extra inputs are not permitted")]


def test_an_unknown_dimension_is_named_with_its_path(scenario_data: dict[str, Any],
                                                     write_yaml: WriteYaml) -> None:
    scenario_data["worker"]["baseline"]["weekly_exposure"]["lifts"] = 300

    problems = problems_of(write_yaml(scenario_data))

    assert [(p.path, p.reason) for p in problems] == [
        ("worker.baseline.weekly_exposure.lifts", "unknown dimension 'lifts'")]


def test_a_wrong_type_is_named_with_its_path(scenario_data: dict[str, Any], write_yaml: WriteYaml) -> None:
    scenario_data["tasks"][2]["exposure_per_hour"]["lifting"] = "a lot"

    problems = problems_of(write_yaml(scenario_data))

    assert len(problems) == 1
    assert problems[0].path == "tasks[2].exposure_per_hour.lifting"
    assert "valid number" in problems[0].reason


def test_the_shift_pattern_union_tag_is_left_out_of_paths(scenario_data: dict[str, Any],
                                                          write_yaml: WriteYaml) -> None:
    scenario_data["worker"]["shift_pattern"]["week"]["mon"] = 5

    assert paths_of(write_yaml(scenario_data)) == ["worker.shift_pattern.week.mon"]


def test_an_offer_for_an_unknown_task_is_reported_at_the_offer(scenario_data: dict[str, Any],
                                                               write_yaml: WriteYaml) -> None:
    scenario_data["availability"]["offers"][0]["task_id"] = "forklift"

    problems = problems_of(write_yaml(scenario_data))

    assert [(p.path, p.reason) for p in problems] == [
        ("availability.offers[0].task_id", "unknown task 'forklift'")]


def test_several_cross_reference_problems_become_separate_problems(
        scenario_data: dict[str, Any], write_yaml: WriteYaml) -> None:
    scenario_data["availability"]["offers"][1]["task_id"] = "forklift"
    scenario_data["policy"]["increments"]["kneeling"] = {"percent": 10, "allowance": 1}

    assert paths_of(write_yaml(scenario_data)) == [
        "availability.offers[1].task_id", "policy.increments.kneeling"]


def test_input_error_renders_one_file_path_reason_line_per_problem() -> None:
    error = InputError("a.yaml", [Problem("tasks[0].id", "duplicate"), Problem("policy", "bad")])

    assert str(error) == "a.yaml: tasks[0].id: duplicate\na.yaml: policy: bad"


def test_a_json_scenario_loads(scenario_data: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(scenario_data, default=str), encoding="utf-8")

    assert load_scenario(path).id == "small-packer"


def test_a_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n}\n', encoding="utf-8")

    (problem,) = problems_of(path)

    assert problem.path == "line 3, column 1"
    assert problem.reason.startswith("JSON syntax error")


def test_a_top_level_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- id: x\n- id: y\n", encoding="utf-8")

    (problem,) = problems_of(path)

    assert "top level must be a mapping" in problem.reason
    assert "list" in problem.reason


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")

    (problem,) = problems_of(path)

    assert "empty" in problem.reason


def test_python_object_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "created-by-yaml"
    path = tmp_path / "evil.yaml"
    path.write_text(f"id: !!python/object/apply:os.mkdir [{str(marker)!r}]\n", encoding="utf-8")

    (problem,) = problems_of(path)

    assert "python/object" in problem.reason
    assert problem.path == "line 1, column 5"
    assert not marker.exists()


def test_a_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 7):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    (problem,) = problems_of(path)

    assert "aliases" in problem.reason


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nowhere.yaml")

    assert problem.reason == "file not found"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))

    (problem,) = problems_of(path)

    assert "size limit" in problem.reason


def test_an_unsupported_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scenario.txt"
    path.write_text("id: x\n", encoding="utf-8")

    (problem,) = problems_of(path)

    assert ".yaml, .yml or .json" in problem.reason


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Müller\n".encode("latin-1"))

    (problem,) = problems_of(path)

    assert "UTF-8" in problem.reason


def test_a_broken_plan_file_names_the_plan_field(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({
        "scenario_id": "s", "worker_id": "w", "time_zone": "UTC", "slot_minutes": 15,
        "solve": {"status": "OPTIMAL"},
        "weeks": [{"number": 0, "start_date": "2027-01-04", "phase": "p", "exposure": {}, "days": []}],
    }), encoding="utf-8")

    with pytest.raises(InputError) as caught:
        load_plan(path)

    assert [p.path for p in caught.value.problems] == ["weeks[0].number"]


def test_the_json_schema_forbids_unknown_fields() -> None:
    schema = scenario_json_schema()

    assert schema["additionalProperties"] is False
    assert "worker" in schema["required"]
