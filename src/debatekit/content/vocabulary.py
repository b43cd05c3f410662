"""The course's vocabulary (``data/vocabulary.yml``): stakeholders, topics, kinds of claim, relations.

The engine names none of them: each is a read-only view that loads its section of the file the
first time it is read, so modules can keep ``evidence.STAKEHOLDERS`` as a constant-like mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from debatekit.content.files import DataError, load_yaml, raise_all

VOCABULARY_FILE = "vocabulary.yml"
SECTIONS = ("stakeholders", "topics", "kinds", "relations")
#: The kinds of claim the engine treats differently (a figure has a number); the wording is the course's.
ENGINE_KINDS = ("fact", "figure", "forecast", "recommendation", "value judgement")


@cache
def vocabulary() -> dict[str, dict[str, Any]]:
    """Every section of the vocabulary file, checked: each a non-empty mapping of id to words."""
    data = load_yaml(VOCABULARY_FILE)
    if not isinstance(data, dict):
        raise DataError(VOCABULARY_FILE, None, None, f"expected a mapping with {list(SECTIONS)}")
    errors = []
    for section in SECTIONS:
        value = data.get(section)
        # a new course starts with no stakeholders or topics; the engine's kinds and relations are fixed
        if not isinstance(value, dict) or (not value and section in ("kinds", "relations")):
            errors.append(DataError(VOCABULARY_FILE, section, None, "expected a mapping of id: words"))
    for extra in sorted(set(data) - set(SECTIONS)):
        errors.append(
            DataError(VOCABULARY_FILE, extra, None, f"unknown section; sections are {list(SECTIONS)}")
        )
    kinds = data.get("kinds") or {}
    if isinstance(kinds, dict) and list(kinds) != list(ENGINE_KINDS):
        errors.append(DataError(VOCABULARY_FILE, "kinds", None, f"expected exactly {list(ENGINE_KINDS)}"))
    raise_all(VOCABULARY_FILE, errors)
    return data


class LazyMapping(Mapping):
    """A read-only mapping whose content ``load()`` gives the first time (and every time) it is read.

    Course words stay in data files while modules keep constant-like names such as
    ``evidence.STAKEHOLDERS``; ``load`` is expected to cache.
    """

    def __init__(self, load: Callable[[], Mapping], name: str):
        self._load, self.name = load, name

    def __getitem__(self, key: str) -> Any:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __eq__(self, other: object) -> bool:
        return dict(self._load()) == (dict(other) if isinstance(other, Mapping) else other)

    def __repr__(self) -> str:
        return f"{self.name}: {dict(self._load())!r}"


def Section(name: str) -> LazyMapping:  # noqa: N802 (reads like the class it returns)
    """One section of the vocabulary as a read-only mapping, loaded when first read."""
    return LazyMapping(lambda: vocabulary()[name], name)


class Keys(Sequence):
    """The ids of one section, in file order, as a read-only sequence loaded when first read."""

    def __init__(self, name: str):
        self.name = name

    def __getitem__(self, index):
        return tuple(vocabulary()[self.name])[index]

    def __len__(self) -> int:
        return len(vocabulary()[self.name])

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    def __repr__(self) -> str:
        return repr(tuple(self))
