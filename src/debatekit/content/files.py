"""Loading the course's content files (YAML/CSV in the course's ``data/``) with errors that say where.

Every content loader goes through here so a mistake in a data file is reported the same way:
the file, the entry, the field, what is wrong and how to fix it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml


class DataError(ValueError):
    """A content file has a mistake; the message names the file, the entry and the field."""

    def __init__(self, file: str, entry: str | None, field: str | None, problem: str):
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        where = file + (f": entry {entry}" if entry else "") + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}")


def file_name(source: str | Path) -> str:
    """The name a data file is reported by in errors (its base name)."""
    return Path(str(source)).name


def raise_all(file: str, errors: list[DataError]) -> None:
    """Raise the one error, or one error listing every problem found (a batch reports all)."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        lines = "\n".join(f"  - {e}" for e in errors)
        raise DataError(file, None, None, f"{len(errors)} problems:\n{lines}")


def is_number(value: Any) -> bool:
    """A real number (int, float, or a numpy number in a table) that is not a bool: YAML's ``yes``
    is a bool, not the number 1."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def is_finite_number(value: Any) -> bool:
    """:func:`is_number` and finite: no NaN or infinity (a widget or a JSON answer can send them)."""
    return is_number(value) and math.isfinite(value)


def is_whole(value: Any) -> bool:
    """An int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def clean_text(value: Any) -> str | None:
    """A non-empty string with its whitespace normalised, or None."""
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


class Problems(list):
    """The mistakes found in one file, each a :class:`DataError`; a loader adds every one it
    finds and calls :meth:`raise_all` at the end, so one run reports them all.

    ``entry`` fixes the entry for a checker that looks at one entry only (``add(None, field, …)``
    then names it).
    """

    def __init__(self, file: str, entry: str | None = None):
        super().__init__()
        self.file, self.entry = file, entry

    def add(self, entry: str | None, field: str | None, problem: str) -> None:
        self.append(DataError(self.file, entry if entry is not None else self.entry, field, problem))

    def text(self, entry: str | None, record: Any, field: str, max_chars: int | None = None) -> str:
        """``record[field]`` as normalised text; adds a problem (and returns "") when it is not
        non-empty text or is longer than ``max_chars``."""
        value = clean_text(record.get(field) if isinstance(record, dict) else None)
        if value is None:
            found = record.get(field) if isinstance(record, dict) else None
            self.add(entry, field, f"expected a non-empty string, got {found!r}")
            return ""
        if max_chars and len(value) > max_chars:
            self.add(entry, field, f"{len(value)} characters; shorten to {max_chars} so it fits its box")
        return value

    def mapping(self, entry: str | None, record: Any) -> bool:
        """True when ``record`` is a mapping; otherwise adds the problem and returns False."""
        if isinstance(record, dict):
            return True
        self.add(entry, None, f"expected a mapping, got {type(record).__name__}")
        return False

    def raise_all(self) -> None:
        raise_all(self.file, list(self))


def data_path(name: str) -> Path:
    """The path of a course data file (``cards.yml`` → ``<course>/data/cards.yml``)."""
    from debatekit.content.course import Course

    return Course.current().data / name


def load_yaml(source: str | Path) -> Any:
    """Parse a YAML file by its name in the course's data/ or by path; a syntax error names file and line."""
    path = Path(source) if isinstance(source, Path) or "/" in str(source) else data_path(str(source))
    if not path.exists():
        raise DataError(str(path), None, None, "file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(path.name, None, None, f"not valid YAML: {exc}") from exc


def load_list(source: str | Path, what: str) -> tuple[str, list]:
    """A data file that must be a non-empty YAML list of ``what``: its reported name and the list."""
    file = file_name(source)
    data = load_yaml(source)
    if not isinstance(data, list) or not data:
        raise DataError(file, None, None, f"expected a non-empty YAML list of {what}")
    return file, data


def entry_name(rec: Any, key: str, index: int, section: str | None = None) -> str:
    """How an entry of a list is named in errors: its ``key`` (its id), else ``#n`` counting from 1,
    or ``section[n]`` for a list inside a section of the file."""
    value = rec.get(key) if isinstance(rec, dict) else None
    if isinstance(value, str) and value:
        return value
    return f"{section}[{index + 1}]" if section else f"#{index + 1}"


def require(file: str, entry: str, record: Any, fields: Iterable[str]) -> None:
    """Raise :class:`DataError` unless ``record`` is a mapping with every one of ``fields``."""
    if not isinstance(record, dict):
        raise DataError(file, entry, None, f"expected a mapping, got {type(record).__name__}")
    for name in fields:
        if name not in record or record[name] is None or record[name] == "":
            raise DataError(file, entry, name, "missing; every entry needs this field")


def require_list_of_str(
    file: str, entry: str, record: dict, field: str, allowed: Iterable[str] | None = None
) -> list[str]:
    """Check that ``record[field]`` is a list of strings, each in ``allowed`` when given."""
    value = record.get(field)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(file, entry, field, f"expected a list of strings, got {value!r}")
    if allowed is not None:
        allowed = set(allowed)
        bad = [v for v in value if v not in allowed]
        if bad:
            raise DataError(file, entry, field, f"unknown value(s) {bad}; allowed: {sorted(allowed)}")
    return value
