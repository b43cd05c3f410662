"""Where the course's question banks are (``data/questions/*.yml``) and which of them hold questions.

The content layer lists the banks so lesson plans can check an ``exercises:`` reference without
the classroom; :mod:`debatekit.classroom.questions` loads and validates what is in them.
"""

from __future__ import annotations

from pathlib import Path

from debatekit.content.files import DataError, data_path, load_yaml


def bank_path(name: str) -> Path:
    """The file of the bank ``name`` (``a000`` → ``<course>/data/questions/a000.yml``)."""
    return data_path("questions") / f"{name}.yml"


def is_empty_bank(path: Path) -> bool:
    """True for a bank file that parses and lists no questions yet (as ``add-article`` writes it)."""
    try:
        raw = load_yaml(path)
    except DataError:
        return False
    return isinstance(raw, dict) and raw.get("questions") == []


def bank_names() -> list[str]:
    """The course's banks that hold questions, by assignment name (``a000`` … , ``cumulative``)."""
    folder = data_path("questions")
    if not folder.is_dir():
        return []
    return sorted(p.name[:-4] for p in folder.glob("*.yml") if not is_empty_bank(p))
