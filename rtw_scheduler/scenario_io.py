"""Reading scenario and plan files: every failure becomes an InputError that names the file.

A clinician or site planner writes these files by hand, so each problem is reported as
`FILE: FIELD PATH: REASON` (e.g. `picker.yaml: tasks[2].exposure_per_hour: ...`), never
as a traceback. YAML is read with the safe loader only: tags such as `!!python/object`
are refused, so a scenario file can never run code.
"""

import json
import re
import stat
import types
import typing
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from models.plan import Plan
from models.scenario import Scenario

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger input files are refused: no real scenario or plan comes anywhere near this."""

MAX_VALUES = 1_000_000
"""Most values a YAML document may expand to through aliases (guards against alias bombs)."""

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)

_LINE_WITH_PATH = re.compile(r"^([A-Za-z_][\w-]*(?:\[\d+\]|\.[\w-]+)*): (.+)$")
"""A line `path: reason` as written by model validators (models/scenario.py)."""

_MESSAGE_PREFIXES = ("Value error, ", "Assertion failed, ")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where (a field path or a line) and why.

    `path` is empty for problems with the file as a whole (missing, too large...).
    """

    path: str
    reason: str

    def render(self, file: str) -> str:
        return f"{file}: {self.path}: {self.reason}" if self.path else f"{file}: {self.reason}"


class InputError(Exception):
    """An input file that cannot be used; `str()` gives one `FILE: PATH: REASON` line each."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(problem.render(self.file) for problem in self.problems)


def load_scenario(path: Path) -> Scenario:
    """The validated scenario in a `.yaml`, `.yml` or `.json` file."""
    return load_model(Path(path), Scenario)


def load_scenario_data(path: Path) -> dict[str, Any]:
    """The scenario file's data as plain data, after checking it validates (for what-if variants)."""
    data = _read_data(Path(path))
    _validated(str(path), data, Scenario)
    assert isinstance(data, dict)
    return data


def parse_scenario(content: str | bytes, name: str) -> Scenario:
    """The validated scenario in `content`, the text of a file called `name` (its suffix picks
    YAML or JSON): for uploads, which arrive as data rather than as a file on disk."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(name, [_too_large()])
    return _validated(name, _parse_bytes(name, Path(name).suffix.lower(), raw), Scenario)


def load_plan(path: Path) -> Plan:
    """A plan written by `rtw plan` (plan.json), validated."""
    return load_model(Path(path), Plan)


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema of the scenario file, for editors and for the UI's forms."""
    return Scenario.model_json_schema()


def load_model(path: Path, model: type[M]) -> M:
    """Any of the program's input files (.yaml, .yml or .json) validated as `model`; InputError else."""
    return _validated(str(path), _read_data(path), model)


def _validated(file: str, data: object, model: type[M]) -> M:
    if not isinstance(data, dict):
        found = "nothing (the file is empty)" if data is None else f"a {_kind(data)}"
        raise InputError(file, [Problem("", f"the top level must be a mapping of fields, found {found}")])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(file, validation_problems(error, model)) from None
    except RecursionError:
        raise InputError(file, [Problem("", "data nested too deeply")]) from None


def _read_data(path: Path) -> object:
    """The parsed file content, before validation."""
    file = str(path)
    suffix = path.suffix.lower()
    _check_suffix(file, suffix)
    return _parse_bytes(file, suffix, read_input_bytes(path))


def _check_suffix(file: str, suffix: str) -> None:
    if suffix not in YAML_SUFFIXES + JSON_SUFFIXES:
        raise InputError(file, [Problem("", f"unsupported file type {suffix or '(none)'!r}: "
                                            "use .yaml, .yml or .json")])


def _parse_bytes(file: str, suffix: str, raw: bytes) -> object:
    """The parsed content of a file's bytes; `suffix` (lower case) picks the format."""
    _check_suffix(file, suffix)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 text (invalid byte at offset {error.start})"
        raise InputError(file, [Problem("", reason)]) from None
    if suffix in JSON_SUFFIXES:
        return _parse_json(file, text)
    return parse_yaml(file, text)


def read_input_bytes(path: Path) -> bytes:
    """The bytes of an input file (scenario, plan, variants), or an InputError saying why not
    (missing, a directory, too large, unreadable): every input fails alike, exit 2."""
    file = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(file, [Problem("", "is a directory, not a file")])
        if not stat.S_ISREG(info.st_mode):
            raise InputError(file, [Problem("", "not a regular file")])
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(file, [_too_large()])
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(file, [Problem("", "file not found")]) from None
    except OSError as error:
        raise InputError(file, [Problem("", f"cannot read the file: {error.strerror or error}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(file, [_too_large()])
    return raw


def _too_large() -> Problem:
    return Problem("", f"file is larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB size limit")


def _parse_json(file: str, text: str) -> object:
    """JSON data; like YAML (below), a key given twice in one object is refused, not last-wins."""
    duplicates: dict[int, tuple[dict[str, Any], list[str]]] = {}

    def mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) < len(pairs):
            counts = Counter(key for key, _ in pairs)
            duplicates[id(result)] = (result, [key for key, count in counts.items() if count > 1])
        return result

    try:
        data = json.loads(text, object_pairs_hook=mapping)
        problems = [Problem(path, f"JSON duplicate key {key!r}")
                    for path, keys in _duplicates_at(data, "", duplicates) for key in keys]
    except json.JSONDecodeError as error:
        raise InputError(file, [Problem(f"line {error.lineno}, column {error.colno}",
                                        f"JSON syntax error: {error.msg}")]) from None
    except RecursionError:
        raise InputError(file, [Problem("", "JSON nested too deeply")]) from None
    if problems:
        raise InputError(file, problems)
    return data


def _duplicates_at(data: object, path: str,
                   duplicates: dict[int, tuple[dict[str, Any], list[str]]]) -> list[tuple[str, list[str]]]:
    """(field path, repeated keys) of each object in `data` that `duplicates` lists, in file order;
    nothing is walked when there are none (the usual case)."""
    if not duplicates:
        return []
    found: list[tuple[str, list[str]]] = []
    if isinstance(data, dict):
        if id(data) in duplicates:
            found.append((path, duplicates[id(data)][1]))
        for key, value in data.items():
            found += _duplicates_at(value, f"{path}.{key}" if path else str(key), duplicates)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _duplicates_at(item, f"{path}[{index}]", duplicates)
    return found


class _StrictSafeLoader(yaml.CSafeLoader):
    """The safe loader, refusing a key given twice in one mapping (YAML would keep the last,
    silently dropping the first: a clinician's edit lost without a word).

    On libyaml's parser (in PyYAML's wheels): the pure-Python one took 20 s and 445 MB on a
    1 MB upload; this one reads a 5 MB file in a few seconds."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if isinstance(key, Hashable) and key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(file: str, text: str) -> object:
    """YAML data read with the safe loader, a duplicate key, a tag or an alias bomb refused: for
    every YAML input (scenarios, variants files); InputError naming `file` otherwise."""
    try:
        data = yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.constructor.ConstructorError as error:
        if error.problem and error.problem.startswith("duplicate key"):
            raise InputError(file, [Problem(_mark(error), f"YAML {error.problem}")]) from None
        raise InputError(file, [Problem(_mark(error), f"YAML tag refused: {error.problem} "
                                        "(only plain YAML data is accepted)")]) from None
    except yaml.MarkedYAMLError as error:
        reason = f"YAML syntax error: {error.problem}"
        if error.context:
            reason += f" ({error.context})"
        raise InputError(file, [Problem(_mark(error), reason)]) from None
    except yaml.YAMLError as error:
        raise InputError(file, [Problem("", f"YAML error: {error}")]) from None
    except RecursionError:
        raise InputError(file, [Problem("", "YAML nested too deeply")]) from None
    try:
        size = _expanded_size(data, {}, set())
    except RecursionError:
        raise InputError(file, [Problem("", "YAML nested too deeply")]) from None
    except ValueError as error:
        raise InputError(file, [Problem("", str(error))]) from None
    if size > MAX_VALUES:
        raise InputError(file, [Problem("", f"too large once YAML aliases are expanded "
                                            f"(more than {MAX_VALUES} values)")])
    return data


def _mark(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""


def _expanded_size(data: object, sizes: dict[int, int], open_ids: set[int]) -> int:
    """How many values `data` holds with every alias expanded, counted without expanding."""
    if not isinstance(data, dict | list):
        return 1
    key = id(data)
    if key in sizes:
        return sizes[key]
    if key in open_ids:
        raise ValueError("a YAML alias refers to a node that contains it (recursive data)")
    open_ids.add(key)
    children = [*data.keys(), *data.values()] if isinstance(data, dict) else data
    total = 1
    for child in children:
        total += _expanded_size(child, sizes, open_ids)
        if total > MAX_VALUES:
            break
    open_ids.discard(key)
    sizes[key] = total
    return total


def _kind(data: object) -> str:
    if isinstance(data, list):
        return "list"
    if isinstance(data, str):
        return "string"
    if isinstance(data, bool):
        return "boolean"
    if isinstance(data, int | float):
        return "number"
    return type(data).__name__


# --- pydantic errors as field paths -------------------------------------------------------


def validation_problems(error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """One Problem per pydantic error; a multi-line `path: reason` message becomes several."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        path = field_path(item["loc"], model)
        message = str(item["msg"])
        for prefix in _MESSAGE_PREFIXES:
            if message.startswith(prefix):
                message = message[len(prefix):]
        if item["loc"] and item["loc"][-1] == "[key]":
            message = f"invalid key: {message}"
        lines = [line.strip() for line in message.splitlines() if line.strip()]
        if item["type"] == "value_error" and len(lines) > 0 and all(
                _LINE_WITH_PATH.match(line) for line in lines) and (len(lines) > 1 or not path):
            for line in lines:
                match = _LINE_WITH_PATH.match(line)
                assert match is not None
                sub_path, reason = match.groups()
                problems.append(Problem(_join(path, sub_path), reason))
        else:
            problems.append(Problem(path or "(top level)", " ".join(lines) or message))
    return problems


def _join(base: str, sub: str) -> str:
    if not base:
        return sub
    return f"{base}{sub}" if sub.startswith("[") else f"{base}.{sub}"


def field_path(loc: tuple[int | str, ...], model: type[BaseModel]) -> str:
    """A pydantic `loc` as a field path, e.g. `worker.shift_pattern.week.mon`, `tasks[2].id`.

    The loc is walked along the model's annotations so that the tag pydantic inserts after
    a union field (`weekly`, `rotating` for the shift pattern) is recognised and dropped,
    while a dictionary key that happens to read `weekly` is kept.
    """
    parts = ""
    annotation: Any = model
    for segment in loc:
        annotation = _strip(annotation)
        members = _union_members(annotation)
        if len(members) > 1 and isinstance(segment, str):
            annotation = _member_for_tag(members, segment)
            continue
        if segment == "[key]":
            annotation = Any
            continue
        if isinstance(segment, int):
            parts += f"[{segment}]"
        else:
            parts += f".{segment}" if parts else segment
        annotation = _child(annotation, segment)
    return parts


def _strip(annotation: Any) -> Any:
    """Removes Annotated[...] and a `| None`, repeatedly."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        members = _union_members(annotation, keep_none=True)
        non_none = [m for m in members if m is not type(None)]
        if len(members) > 1 and len(non_none) == 1:
            annotation = non_none[0]
            continue
        return annotation


def _union_members(annotation: Any, keep_none: bool = False) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        members = list(typing.get_args(annotation))
        return members if keep_none else [m for m in members if m is not type(None)]
    return []


def _member_for_tag(members: list[Any], tag: str) -> Any:
    """The union member a pydantic tag names: a discriminator value or the class name."""
    for member in members:
        member = _strip(member)
        if not (isinstance(member, type) and issubclass(member, BaseModel)):
            continue
        if member.__name__ == tag:
            return member
        for field in member.model_fields.values():
            annotation = field.annotation
            if typing.get_origin(annotation) is typing.Literal and tag in typing.get_args(annotation):
                return member
    return Any


def _child(annotation: Any, segment: int | str) -> Any:
    """The annotation one step down: a model field, a list item or a dict value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(segment))
        return field.annotation if field is not None else Any
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple, set, frozenset) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return Any
