"""Writing the case down (``data/writing.yml``): the written pieces and a model outline from a case.

Each piece (a position paper, a rebuttal essay) is a list of sections with our guidance; the
model outline fills some of them from a motion's case in ``motions.yml``: the side's arguments
with their cards quoted verbatim and dated (:mod:`.dating`), and the other side's arguments with
the answers to them. The outline is built, not written, so it follows the cards it cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.content import corpus, debate, evidence
from debatekit.content.files import DataError, file_name, load_yaml, raise_all
from debatekit.models import dating
from debatekit.render.markdown import escape_markdown

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


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


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
        elif not isinstance(points, int | float) or isinstance(points, bool) or points <= 0:
            add(entry, f"rubric[{n}]", f"expected positive points, got {points!r}")
        else:
            out.append((crit, float(points)))
    if not out:
        add(entry, "rubric", "expected a list of {criterion, points}")
    return tuple(out)


def load_writing(source: str | Path = WRITING_FILE) -> Writing:
    """Read and validate the written pieces and the model's motion; lists every problem."""
    file = file_name(source)
    errors: list[DataError] = []

    def add(entry: str | None, field: str | None, problem: str) -> None:
        errors.append(DataError(file, entry, field, problem))

    data = load_yaml(source)
    if not isinstance(data, dict) or set(data) != {"model", "pieces"}:
        raise DataError(file, None, None, "expected a mapping with the keys model and pieces")
    model = data["model"] if isinstance(data["model"], dict) else {}
    motion, side = model.get("motion"), model.get("side")
    if motion not in {m.motion_id for m in debate.motions()}:
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
        if not isinstance(words, int) or isinstance(words, bool) or words <= 0:
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
            if not (_text(sec["name"]) and _text(sec["guidance"])):
                add(entry, f"sections[{m}]", "a section needs a name and guidance")
                continue
            sections.append(
                Section(sec["section_id"], _text(sec["name"]), _text(sec["guidance"]), sec["fill"])
            )
        if not sections:
            add(entry, "sections", "expected a non-empty list of sections")
        if not (_text(rec["name"]) and _text(rec["purpose"])):
            add(entry, None, "a piece needs a name and a purpose")
        rubric = _rubric(add, entry, rec["rubric"])
        name, purpose = _text(rec["name"]) or "", _text(rec["purpose"]) or ""
        pieces[rec["piece_id"]] = Piece(rec["piece_id"], name, words, purpose, tuple(sections), rubric)
    if not pieces:
        add(None, "pieces", "expected a non-empty list of pieces")
    raise_all(file, errors)
    return Writing(str(motion), str(side), pieces)


@cache
def writing() -> Writing:
    """The packaged written pieces."""
    return load_writing()


# --- the model outline ---------------------------------------------------------------------------


def _evidence_line(card_id: str) -> str:
    """A card's words, its paragraph and the date it speaks for, said "as of"."""
    c = evidence.card(card_id)
    row = dating.card_dates().set_index("card_id").loc[card_id]
    aid, date = c["article_id"], escape_markdown(row["date"])
    when = {
        "paragraph": f"dated {date} in the paragraph",
        "article": f"as of {aid}: {date}",
        "unknown": f"as of {aid}, whose date is unknown",
    }.get(row["basis"], f"as of {date}")
    quote = escape_markdown(corpus.normalise_space(c["quote"]))
    pid = c["paragraph_id"]
    return f"“{quote}” ([{pid}](#{pid}); {when})"


def _argument_lines(arg: debate.Argument, number: int) -> list[str]:
    lines = [f"{number}. **Claim (ours):** {escape_markdown(arg.claim)}"]
    lines += [f"   - *Evidence:* {_evidence_line(cid)}" for cid in arg.card_ids]
    lines.append(f"   - *Warrant (ours):* {escape_markdown(' '.join(arg.warrant.split()))}")
    lines.append(f"   - *Impact (ours):* {escape_markdown(' '.join(arg.impact.split()))}")
    return lines


def _answer_lines(arg: debate.Argument) -> list[str]:
    lines = []
    for r in arg.rebuttals:
        cited = ", ".join(evidence.card(c)["paragraph_id"] for c in r.card_ids)
        links = ", ".join(f"[{p}](#{p})" for p in cited.split(", "))
        lines.append(f"   - *Answer (ours):* {escape_markdown(' '.join(r.text.split()))} ({links})")
    return lines


def outline_markdown(piece_id: str, motion_id: str | None = None, side: str | None = None) -> str:
    """The model outline of a piece: each section's guidance, filled from the motion's case."""
    w = writing()
    piece = w.pieces[piece_id]
    motion = debate.motion(motion_id or w.motion)
    side = side or w.side
    other = SIDES[1 - SIDES.index(side)]
    mine, theirs = motion.side(side), motion.side(other)
    lines = [
        f"*Motion:* {escape_markdown(motion.text)} · *side:* {side} · *limit:* {piece.words} words",
        "",
    ]
    for n, sec in enumerate(piece.sections, 1):
        lines += [
            f"**{n}. {escape_markdown(sec.name)}.** *Guidance (ours):* {escape_markdown(sec.guidance)}",
            "",
        ]
        if sec.fill == "arguments":
            for i, arg in enumerate(mine, 1):
                lines += _argument_lines(arg, i)
            lines.append("")
        elif sec.fill in ("opposition", "targets"):
            targets = theirs[:1] if sec.fill == "opposition" else theirs
            for i, arg in enumerate(targets, 1):
                lines += _argument_lines(arg, i)
                lines += _answer_lines(arg)
            lines.append("")
    return "\n".join(lines).rstrip()


def rubric_markdown(piece_id: str) -> str:
    """The piece's criteria as a table: the criterion's name, its points, what full marks look like."""
    from debatekit.content import scoring

    r = scoring.rubric()
    by_id = {c.criterion_id: c for c in r.criteria}
    full = r.levels[0].level_id
    piece = writing().pieces[piece_id]
    rows = ["| Criterion | Points | Met when (ours) |", "|---|---|---|"]
    for crit, points in piece.rubric:
        c = by_id[crit]
        rows.append(f"| {escape_markdown(c.name)} | {points:g} | {escape_markdown(c.descriptors[full])} |")
    rows.append(f"| **Total** | **{piece.points:g}** | |")
    return "\n".join(rows)


def pieces_markdown() -> str:
    """The pieces side by side: name, limit, purpose, the sections in order."""
    lines = []
    for p in writing().pieces.values():
        sections = " → ".join(escape_markdown(s.name) for s in p.sections)
        lines.append(f"- **{escape_markdown(p.name)}** (up to {p.words} words): {escape_markdown(p.purpose)}")
        lines.append(f"  *Sections:* {sections}")
    return "\n".join(lines)
