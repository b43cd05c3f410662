"""Writing the case down as MyST: the pieces side by side, a piece's rubric, and its model outline.

The model outline fills a piece's sections from a motion's case in ``motions.yml``: the side's
arguments with their cards quoted verbatim and dated (:mod:`debatekit.models.dating`), and the
other side's arguments with the answers to them. It is built, not written, so it follows the cards.
"""

from __future__ import annotations

from debatekit.content import corpus, evidence, motions, scoring, writing
from debatekit.models import dating
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown


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
    return f"“{quote}” ({anchor_link(pid)}; {when})"


def _argument_lines(arg: motions.Argument, number: int) -> list[str]:
    lines = [f"{number}. **Claim (ours):** {escape_markdown(arg.claim)}"]
    lines += [f"   - *Evidence:* {_evidence_line(cid)}" for cid in arg.card_ids]
    lines.append(f"   - *Warrant (ours):* {escape_markdown(' '.join(arg.warrant.split()))}")
    lines.append(f"   - *Impact (ours):* {escape_markdown(' '.join(arg.impact.split()))}")
    return lines


def _answer_lines(arg: motions.Argument) -> list[str]:
    lines = []
    for r in arg.rebuttals:
        cited = ", ".join(evidence.card(c)["paragraph_id"] for c in r.card_ids)
        links = ", ".join(anchor_link(p) for p in cited.split(", "))
        lines.append(f"   - *Answer (ours):* {escape_markdown(' '.join(r.text.split()))} ({links})")
    return lines


def outline_markdown(piece_id: str, motion_id: str | None = None, side: str | None = None) -> str:
    """The model outline of a piece: each section's guidance, filled from the motion's case."""
    w = writing.writing()
    piece = w.pieces[piece_id]
    motion = motions.motion(motion_id or w.motion)
    side = side or w.side
    other = writing.SIDES[1 - writing.SIDES.index(side)]
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
    r = scoring.rubric()
    by_id = {c.criterion_id: c for c in r.criteria}
    full = r.levels[0].level_id
    piece = writing.writing().pieces[piece_id]
    rows = ["| Criterion | Points | Met when (ours) |", "|---|---|---|"]
    for crit, points in piece.rubric:
        c = by_id[crit]
        rows.append(f"| {escape_markdown(c.name)} | {points:g} | {escape_markdown(c.descriptors[full])} |")
    rows.append(f"| **Total** | **{piece.points:g}** | |")
    return "\n".join(rows)


def pieces_markdown() -> str:
    """The pieces side by side: name, limit, purpose, the sections in order."""
    lines = []
    for p in writing.writing().pieces.values():
        sections = " → ".join(escape_markdown(s.name) for s in p.sections)
        lines.append(f"- **{escape_markdown(p.name)}** (up to {p.words} words): {escape_markdown(p.purpose)}")
        lines.append(f"  *Sections:* {sections}")
    return "\n".join(lines)
