"""What the book's debate, instructor and reference pages display, built from the kit's data.

Functions return pandas tables or MyST Markdown. The Markdown links paragraph ids to their
anchors (``[a001-p07](#a001-p07)``), which the strict build resolves, so a broken link fails the
build. Notebooks show the Markdown with ``IPython.display.Markdown`` and the notebook metadata
``"mystnb": {"render_markdown_format": "myst"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from debatekit.content import corpus, evidence, formats, glossary, motions
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown

# --------------------------------------------------------------------------------------------
# Links, quotes and tables in MyST
# --------------------------------------------------------------------------------------------


def paragraph_link(pid: str) -> str:
    """A MyST link to a paragraph's anchor, checked first: an unknown id raises (via the corpus)."""
    corpus.paragraph(pid)
    return anchor_link(pid)


def paragraph_links(pids: Iterable[str]) -> str:
    """Comma-separated paragraph links."""
    return ", ".join(paragraph_link(p) for p in pids)


def quote_block(card_id: str) -> str:
    """A card as a block quote: the article's words verbatim, then its paragraph, id, kind and date."""
    c = evidence.card(card_id)
    return (
        f"> “{escape_markdown(c['quote'])}”\n>\n"
        f"> {paragraph_link(c['paragraph_id'])} · card `{card_id}` · {c['kind']} · "
        f"{escape_markdown(evidence.date_note(c))}"
    )


def _cell(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return escape_markdown(" ".join(text.split()))


def markdown_table(table: pd.DataFrame, raw: Sequence[str] = ()) -> str:
    """A pandas table as a MyST pipe table; columns in ``raw`` hold Markdown already (links), not text."""
    head = "| " + " | ".join(_cell(c) for c in table.columns) + " |"
    rule = "|" + "|".join("---" for _ in table.columns) + "|"
    rows = [
        "| " + " | ".join(str(v).replace("|", "\\|") if c in raw else _cell(v) for c, v in row.items()) + " |"
        for row in table.to_dict("records")
    ]
    return "\n".join([head, rule, *rows])


# --------------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------------


def formats_overview() -> pd.DataFrame:
    """One row per format: its sides, speakers, room, length and how it is decided."""
    rows = []
    for fid, f in formats.formats().items():
        rows.append({
            "format": f.name,
            "id": fid,
            "sides": " vs ".join(f.sides),
            "speaking roles": f.speaking_roles,
            "students per room": f.room_size if f.room_size else "whole class",
            "speaking minutes": formats.total_minutes(fid, include_prep=False),
            "minutes with prep": formats.total_minutes(fid),
            "result": f.result,
        })  # fmt: skip
    return pd.DataFrame(rows)


def running_order(format_id: str) -> pd.DataFrame:
    """A format's running order for a handout: who speaks, for which team, when and for how long."""
    steps = formats.speeches(format_id)
    return pd.DataFrame({
        "#": steps["order"],
        "speaker": steps["speaker"],
        "team": steps["team"].fillna("whole room"),
        "starts at minute": steps["start_minute"].map(lambda m: f"{m:g}"),
        "minutes": steps["minutes"].map(lambda m: f"{m:g}"),
        "kind": steps["kind"],
        "what happens": steps["notes"],
    })  # fmt: skip


def speech_kinds() -> pd.DataFrame:
    """The kinds of step a running order uses, with what each does."""
    kinds = formats.SPEECH_KINDS
    return pd.DataFrame({"kind": list(kinds), "what it does": list(kinds.values())})


# --------------------------------------------------------------------------------------------
# Motions: cases, flows and evidence packets
# --------------------------------------------------------------------------------------------


def card_links(card_ids: Iterable[str]) -> str:
    """Each card as ``a000-c05`` followed by a link to its paragraph."""
    return "; ".join(f"`{cid}` ({paragraph_link(evidence.card(cid)['paragraph_id'])})" for cid in card_ids)


def case_markdown(motion_id: str, side: str) -> str:
    """One side's case in claim-warrant-impact form: each argument, its cards and its impact tags."""
    m = motions.motion(motion_id)
    out = []
    for n, arg in enumerate(m.side(side), 1):
        tags = ", ".join(f"{k} {v}" for k, v in arg.impact_tags.items())
        lines = [
            f"**{side.capitalize()} {n}.** *Claim:* {escape_markdown(arg.claim)}",
            f"*Warrant:* {escape_markdown(arg.warrant)}",
            f"*Impact:* {escape_markdown(arg.impact)} ({tags})",
            f"*Evidence:* {card_links(arg.card_ids)}",
        ]
        if arg.note:
            lines.append(f"*Note (ours):* {escape_markdown(arg.note)}")
        out.append("\n".join(f"- {x}" if i else x for i, x in enumerate(lines)))
    return "\n\n".join(out)


def argument_markdown(motion_id: str, side: str, number: int, rebuttals: bool = False) -> str:
    """One argument of a motion's case: claim, warrant, impact and the quoted cards behind it.

    With ``rebuttals``, the answers the other side has prepared follow, each with its own cards.
    Claims, warrants, impacts and answers are ours; the block quotes are the articles' words.
    """
    m = motions.motion(motion_id)
    args = m.side(side)
    if not 1 <= number <= len(args):
        raise ValueError(f"{motion_id} {side} has arguments 1 to {len(args)}, not {number}")
    arg = args[number - 1]
    out = [
        f"**{side.capitalize()}, argument {number}** *(our wording)*",
        "",
        f"- **Claim:** {escape_markdown(arg.claim)}",
        f"- **Warrant:** {escape_markdown(arg.warrant)}",
        f"- **Impact:** {escape_markdown(arg.impact)}",
    ]
    if arg.note:
        out.append(f"- **Note:** {escape_markdown(arg.note)}")
    out += ["", "The evidence, in the articles' words:", ""]
    out += [quote_block(cid) + "\n" for cid in arg.card_ids]
    if rebuttals:
        other = "opposition" if motions.SIDES.index(side) == 0 else "proposition"
        for k, r in enumerate(arg.rebuttals, 1):
            out += [f"**The {other}'s answer {k}** *(our wording)*: {escape_markdown(r.text)}", ""]
            out += [quote_block(cid) + "\n" for cid in r.card_ids]
    return "\n".join(out).rstrip() + "\n"


def kind_examples(card_ids: Iterable[str]) -> str:
    """A table of cards, one per kind of claim: the kind, the test for it, the quote and its paragraph."""
    rows = []
    for cid in card_ids:
        c = evidence.card(cid)
        rows.append({
            "kind": _cell(c["kind"]),
            "how to tell": _cell(evidence.KINDS[c["kind"]]),
            "example, in the article's words": f"“{_cell(c['quote'])}”",
            "paragraph": paragraph_link(c["paragraph_id"]),
        })  # fmt: skip
    return markdown_table(pd.DataFrame(rows), raw=["kind", "how to tell", "example, in the article's words",
                                                   "paragraph"])  # fmt: skip


def card_fields(card_id: str) -> pd.DataFrame:
    """One card as a two-column table (field, value), the way the data stores it."""
    c = evidence.card(card_id)
    keep = {k: v for k, v in c.items() if v is not None and not (isinstance(v, float) and pd.isna(v))}
    return pd.DataFrame({"field": list(keep), "value": [", ".join(v) if isinstance(v, list) else v
                                                         for v in keep.values()]})  # fmt: skip


#: How each impact tag value ranks when weighing: a higher rank weighs more (the usual convention).
IMPACT_RANK: dict[str, dict[str, int]] = {
    "magnitude": {"high": 3, "medium": 2, "low": 1},
    "probability": {"high": 3, "medium": 2, "low": 1},
    "timeframe": {"short": 3, "medium": 2, "long": 1},
    "reversibility": {"irreversible": 3, "partly": 2, "reversible": 1},
}


def impact_table(motion_id: str) -> pd.DataFrame:
    """Every argument of a motion with its impact and the four tags used to weigh it."""
    args = motions.arguments(motion_id)
    return args[["side", "number", "impact", *motions.IMPACT_TAGS]].reset_index(drop=True)


def weigh_pair(motion_id: str, first: tuple[str, int], second: tuple[str, int]) -> pd.DataFrame:
    """Two arguments' impacts side by side, and which one each tag favours (or "even")."""
    m = motions.motion(motion_id)
    a = m.side(first[0])[first[1] - 1]
    b = m.side(second[0])[second[1] - 1]
    name_a, name_b = f"{first[0]} {first[1]}", f"{second[0]} {second[1]}"
    rows = []
    for tag, rank in IMPACT_RANK.items():
        ra, rb = rank[a.impact_tags[tag]], rank[b.impact_tags[tag]]
        rows.append({"tag": tag, name_a: a.impact_tags[tag], name_b: b.impact_tags[tag],
                     "weighs more": name_a if ra > rb else name_b if rb > ra else "even"})  # fmt: skip
    return pd.DataFrame(rows)


def flow_skeleton(format_id: str) -> pd.DataFrame:
    """An empty flow sheet for a format: one column per speech, in speaking order (no whole-room steps)."""
    steps = formats.speeches(format_id)
    spoken = steps[steps["team"].notna()]
    columns = [f"{row.order}. {row.speaker}" for row in spoken.itertuples()]
    return pd.DataFrame([[""] * len(columns)] * 3, columns=columns)


def motion_cards(motion_id: str) -> set[str]:
    """Every card either side's case cites, in its arguments or its rebuttals."""
    m = motions.motion(motion_id)
    return {c for side in motions.SIDES for a in m.side(side)
            for c in (*a.card_ids, *(x for r in a.rebuttals for x in r.card_ids))}  # fmt: skip


def links_touching(motion_id: str) -> str:
    """The cross-article links that share a card with the motion's cases, as a table (summaries ours)."""
    cards = motion_cards(motion_id)
    links = evidence.links()
    rows = []
    for ln in links.to_dict("records"):
        if not cards & (set(ln["cards_a"]) | set(ln["cards_b"])):
            continue
        rows.append({
            "relation": _cell(ln["relation"]),
            "topic": _cell(ln["topic"]),
            "what the articles say (our summary)": _cell(ln["summary"]),
            "evidence": card_links([*ln["cards_a"], *ln["cards_b"]]),
        })  # fmt: skip
    if not rows:
        return "*No cross-article link shares a card with this motion's cases.*"
    return markdown_table(pd.DataFrame(rows), raw=["relation", "topic", "what the articles say (our summary)",
                                                   "evidence"])  # fmt: skip


def case_dropdown(motion_id: str, side: str, open_: bool = False) -> str:
    """One side's whole case (``case_markdown``) inside a collapsible dropdown."""
    m = motions.motion(motion_id)
    title = f"The {side} case: {len(m.side(side))} arguments (our wording, with the cards they cite)"
    options = ":open:\n" if open_ else ""
    return f"`````{{dropdown}} {title}\n{options}\n{case_markdown(motion_id, side)}\n`````"


def packet_markdown(motion_id: str, side: str) -> str:
    """One side's evidence packet (``motions.evidence_packet``) as a table linking every paragraph."""
    packet = motions.evidence_packet(motion_id, side)
    table = pd.DataFrame({
        "card": packet["card_id"].map(lambda c: f"`{c}`"),
        "paragraph": packet["paragraph_id"].map(paragraph_link),
        "kind": packet["kind"].map(_cell),
        "the article's words": packet["quote"].map(lambda q: f"“{_cell(q)}”"),
        "used for": packet["used_for"].map(lambda uses: _cell(", ".join(uses))),
    })  # fmt: skip
    return markdown_table(table, raw=list(table.columns))


def packet_summary(motion_id: str) -> pd.DataFrame:
    """How many cards each side's packet holds, from which articles, and of which kinds."""
    rows = []
    for side in motions.SIDES:
        packet = motions.evidence_packet(motion_id, side)
        articles = packet["paragraph_id"].str[:4]
        rows.append({
            "side": side,
            "cards": len(packet),
            "articles": ", ".join(sorted(articles.unique())),
            **{kind: int((packet["kind"] == kind).sum()) for kind in evidence.KINDS},
        })  # fmt: skip
    return pd.DataFrame(rows).set_index("side")


def flow_outline(motion_id: str) -> pd.DataFrame:
    """A prepared flow: each argument, the rebuttals the other side has ready, and the cards behind both.

    The columns follow a flow sheet: the constructive argument, then its answers.
    """
    m = motions.motion(motion_id)
    rows = []
    for side in motions.SIDES:
        for n, arg in enumerate(m.side(side), 1):
            for k, r in enumerate(arg.rebuttals, 1):
                rows.append({
                    "argument": f"{side[:4]}. {n}" if k == 1 else "",
                    "claim": arg.claim if k == 1 else "",
                    "cards": ", ".join(arg.card_ids) if k == 1 else "",
                    "answer": r.text,
                    "answer cards": ", ".join(r.card_ids),
                })  # fmt: skip
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------------------------


def glossary_markdown(table: pd.DataFrame | None = None) -> str:
    """The glossary as a Sphinx ``glossary`` directive: each term, our definition, where it appears."""
    g = glossary.glossary() if table is None else table
    lines = ["````{glossary}", ":sorted:", ""]
    for row in g.to_dict("records"):
        lines.append(escape_markdown(row["term"]))
        lines.append(f"  {escape_markdown(row['definition'])} *(Definition ours.)*")
        lines.append("")
        where = paragraph_links(row["paragraph_ids"])
        lines.append(f"  Appears in {where}.")
        if row["card_ids"]:
            lines.append(f"  Cards quoting it: {', '.join(f'`{c}`' for c in row['card_ids'])}.")
        lines.append("")
    lines.append("````")
    return "\n".join(lines)
