"""Claims in time as MyST: when each text was written, the dated cards as a timeline, the updates."""

from __future__ import annotations

import pandas as pd

from debatekit.content import corpus, evidence, sources
from debatekit.models import dating
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown


def _table(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| " + " | ".join(" ".join(str(v).split()) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([head, rule, *rows])


def written_markdown() -> str:
    """One row per article: when it was written as far as the text tells, and on what basis."""
    rows = []
    for aid in corpus.ARTICLE_IDS:
        w = dating.written(aid)
        status = sources.sources().status(w["status"]).name
        basis = ", ".join(anchor_link(p) for p in w["basis"]) or "—"
        rows.append({"Text": aid, "Written (as far as the text shows)": escape_markdown(w["value"]),
                     "How we know": status, "Paragraphs": basis})  # fmt: skip
    return _table(pd.DataFrame(rows))


def timeline_markdown() -> str:
    """The dated cards as a table: the date as the text writes it, our summary, the card, the paragraph."""
    frame = dating.timeline()
    table = pd.DataFrame(
        {
            "When (the text's words)": [escape_markdown(d) for d in frame["date"]],
            "What happened (our summary)": [escape_markdown(c) for c in frame["claim"]],
            "Card": frame["card_id"],
            "Dated in": [anchor_link(p) for p in frame["paragraph_id"]],
        }
    )
    return _table(table)


def dating_counts_markdown() -> str:
    """Per article: cards dated by their paragraph, cards as of the article's date, cards undated."""
    frame = dating.card_dates()
    rows = []
    for aid in corpus.ARTICLE_IDS:
        mine = frame[frame["article_id"] == aid]
        rows.append({"Text": aid, "Cards": len(mine),
                     "Dated by their paragraph": int((mine["basis"] == "paragraph").sum()),
                     "As of the text's own date": int((mine["basis"] == "article").sum()),
                     "Date unknown": int((mine["basis"] == "unknown").sum()),
                     "The text's date": escape_markdown(dating.written(aid)["value"])})  # fmt: skip
    return _table(pd.DataFrame(rows))


def updates_markdown() -> str:
    """Each update link: the earlier claim in its words, the later text's words, our summary."""
    lines = []
    for link in dating.updates().itertuples():
        lines.append(
            f"**{link.link_id}: {link.article_a} → {link.article_b}** · "
            f"*our summary:* {escape_markdown(link.summary)}"
        )
        lines.append("")
        for side, cards in (("Earlier", link.cards_a), ("Later", link.cards_b)):
            for cid in cards:
                c = evidence.card(cid)
                quote = escape_markdown(corpus.normalise_space(c["quote"]))
                lines.append(f"- *{side}* ({cid}): “{quote}” ({anchor_link(c['paragraph_id'])})")
        lines.append("")
    return "\n".join(lines).rstrip()
