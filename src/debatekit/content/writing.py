"""Writing the case down (``data/writing.yml``): the written pieces, checked at load time.

Each piece (a position paper, a rebuttal essay) is a list of sections with our guidance and the
rubric criteria it is marked on; :mod:`debatekit.render.writing` builds the model outline that
fills some sections from a motion's case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.content import motions
from debatekit.content.files import DataError, Problems, clean_text, file_name, is_number, is_whole, load_yaml

WRITING_FILE = "writing.yml"
FILLS = ("none", "arguments", "opposition", "targets")
SIDES = ("proposition", "opposition")


@dataclass(frozen=True)
class Section:
    section_id: str
    name: str
    guidance: str
    fill: str


@dataclass(frozen=True)
class Piece:
    piece_id: str
    name: str
    words: int
    purpose: str
    sections: tuple[Section, ...]
    rubric: tuple[tuple[str, float], ...] = ()

    @property
    def points(self) -> float:
        return sum(p for _, p in self.rubric)


@dataclass(frozen=True)
class Writing:
    motion: str
    side: str
    pieces: dict[str, Piece]


def _rubric(add, entry: str, raw: Any) -> tuple[tuple[str, float], ...]:
    """The piece's criteria: each a criterion of the kit's rubric (rubric.yml) with its points."""
    from debatekit.content import scoring

    known = {c.criterion_id for c in scoring.rubric().criteria}
    out = []
    for n, item in enumerate(raw if isinstance(raw, list) else [], 1):
        crit = item.get("criterion") if isinstance(item, dict) else None
        points = item.get("points") if isinstance(item, dict) else None
        if crit not in known:
            add(entry, f"rubric[{n}]", f"{crit!r} is not a criterion of rubric.yml ({sorted(known)})")
        elif not is_number(points) or points <= 0:
            add(entry, f"rubric[{n}]", f"expected positive points, got {points!r}")
        else:
            out.append((crit, float(points)))
    if not out:
        add(entry, "rubric", "expected a list of {criterion, points}")
    return tuple(out)


def load_writing(source: str | Path = WRITING_FILE) -> Writing:
    """Read and validate the written pieces and the model's motion; lists every problem."""
    file = file_name(source)
    bad = Problems(file)
    add = bad.add

    data = load_yaml(source)
    if not isinstance(data, dict) or set(data) != {"model", "pieces"}:
        raise DataError(file, None, None, "expected a mapping with the keys model and pieces")
    model = data["model"] if isinstance(data["model"], dict) else {}
    motion, side = model.get("motion"), model.get("side")
    if motion not in {m.motion_id for m in motions.motions()}:
        add("model", "motion", f"{motion!r} is not a motion in motions.yml")
    if side not in SIDES:
        add("model", "side", f"{side!r}: expected one of {SIDES}")
    pieces: dict[str, Piece] = {}
    for n, rec in enumerate(data["pieces"] if isinstance(data["pieces"], list) else [], 1):
        keys = {"piece_id", "name", "words", "purpose", "rubric", "sections"}
        if not isinstance(rec, dict) or set(rec) != keys:
            add(f"pieces[{n}]", None, f"expected exactly the keys {sorted(keys)}")
            continue
        entry = f"piece {rec['piece_id']}"
        words = rec["words"]
        if not is_whole(words) or words <= 0:
            add(entry, "words", f"expected a whole number of words, got {words!r}")
        sections = []
        for m, sec in enumerate(rec["sections"] if isinstance(rec["sections"], list) else [], 1):
            skeys = {"section_id", "name", "guidance", "fill"}
            if not isinstance(sec, dict) or set(sec) != skeys:
                add(entry, f"sections[{m}]", f"expected exactly the keys {sorted(skeys)}")
                continue
            if sec["fill"] not in FILLS:
                add(entry, f"sections[{m}].fill", f"{sec['fill']!r}: expected one of {FILLS}")
                continue
            if not (clean_text(sec["name"]) and clean_text(sec["guidance"])):
                add(entry, f"sections[{m}]", "a section needs a name and guidance")
                continue
            sections.append(
                Section(sec["section_id"], clean_text(sec["name"]), clean_text(sec["guidance"]), sec["fill"])
            )
        if not sections:
            add(entry, "sections", "expected a non-empty list of sections")
        if not (clean_text(rec["name"]) and clean_text(rec["purpose"])):
            add(entry, None, "a piece needs a name and a purpose")
        rubric = _rubric(add, entry, rec["rubric"])
        name, purpose = clean_text(rec["name"]) or "", clean_text(rec["purpose"]) or ""
        pieces[rec["piece_id"]] = Piece(rec["piece_id"], name, words, purpose, tuple(sections), rubric)
    if not pieces:
        add(None, "pieces", "expected a non-empty list of pieces")
    bad.raise_all()
    return Writing(str(motion), str(side), pieces)


@cache
def writing() -> Writing:
    """The packaged written pieces."""
    return load_writing()
