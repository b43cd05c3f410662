"""The tables and text the chapter notebooks show, and the check that each widget prompt has an answer.

The chapters' content is loaded and checked by ``content.chapters``; this draws it as MyST:
guided reading questions, the argument map and each side's case beside the cards' words, the
article's relations to the others, and the prompts for the trade-off widget. Links to paragraphs
are MyST links (``[a000-p07](#a000-p07)``) that the book resolves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from debatekit.content import corpus, evidence
from debatekit.content.chapters import Chapter, Prompt
from debatekit.content.matrices import Matrix
from debatekit.models import tradeoff
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown


def quote_markdown(card: Mapping) -> str:
    """A card's verbatim quote in quotation marks, with a link to its paragraph."""
    return f"“{escape_markdown(corpus.normalise_space(card['quote']))}” ({anchor_link(card['paragraph_id'])})"


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown pipe table; cells are used as given (already Markdown)."""

    def cell(value: Any) -> str:
        return " ".join(str(value).split())

    head = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def about_markdown(article_id: str) -> str:
    """What the text says about itself (from seeds/articles.yml): author, outlet, date, genre, notes."""
    art = corpus.article(article_id)
    title = escape_markdown(art.title)
    if art.title_is_descriptive:
        title += " *(a descriptive title written for this kit; the text has none)*"
    rows = [
        ("Title", title),
        ("Author", escape_markdown(art.author)),
        ("Outlet", escape_markdown(art.outlet)),
        ("Date", escape_markdown(art.date)),
        ("Genre", escape_markdown(art.genre)),
        (
            "Length",
            f"{len(art.paragraphs)} paragraphs, {sum(len(p.text.split()) for p in art.paragraphs):,} words",
        ),
        ("What the text tells us (our note)", escape_markdown(" ".join(art.notes.split()))),
    ]
    return "\n".join(f"- **{name}:** {value}" for name, value in rows)


def text_map(article_id: str) -> pd.DataFrame:
    """The article's top-level sections and the paragraphs in each (one row if it has no headings)."""
    art = corpus.article(article_id)
    top = min((h.level for h in art.headings), default=None)
    sections: list[tuple[str, list[str]]] = []
    for block in art.blocks:
        if isinstance(block, corpus.Heading) and block.level == top:
            sections.append((block.text, []))
        elif isinstance(block, corpus.Paragraph):
            if not sections:
                sections.append(
                    ("(the text has no headings)" if top is None else "(before the first heading)", [])
                )
            sections[-1][1].append(block.pid)
    rows = [
        {
            "section": name,
            "paragraphs": f"{pids[0]} to {pids[-1]}" if len(pids) > 1 else pids[0],
            "first": pids[0],
            "count": len(pids),
        }
        for name, pids in sections
        if pids
    ]
    return pd.DataFrame(rows, columns=["section", "paragraphs", "first", "count"])


def text_map_markdown(article_id: str) -> str:
    frame = text_map(article_id)
    table = pd.DataFrame(
        {
            "Section (the article's heading)": [escape_markdown(s) for s in frame["section"]],
            "Starts at": [anchor_link(p) for p in frame["first"]],
            "Paragraphs": frame["count"],
        }
    )
    return markdown_table(table)


def reading_questions_markdown(ch: Chapter) -> str:
    """The guided reading questions as a numbered list, each linking its paragraph."""
    return "\n".join(
        f"{n}. **{anchor_link(q.paragraph)}** {escape_markdown(q.question)}"
        for n, q in enumerate(ch.reading_questions, 1)
    )


def argument_table(ch: Chapter, cards: Mapping[str, Mapping] | None = None) -> pd.DataFrame:
    """The argument map, one row per claim, warrant or impact, with the cards and quotes behind it."""
    cards = cards if cards is not None else {cid: evidence.card(cid) for cid in _cited(ch)}
    rows = []
    for n, strand in enumerate(ch.argument, 1):
        parts = [("claim", strand.claim)] + [("warrant", w) for w in strand.warrants]
        parts += [("impact", i) for i in strand.impacts]
        for role, point in parts:
            rows.append(
                {
                    "strand": n,
                    "role": role,
                    "point": point.text,
                    "cards": list(point.cards),
                    "paragraphs": sorted({cards[c]["paragraph_id"] for c in point.cards}),
                    "quotes": [corpus.normalise_space(cards[c]["quote"]) for c in point.cards],
                }
            )
    return pd.DataFrame(rows, columns=["strand", "role", "point", "cards", "paragraphs", "quotes"])


def _cited(ch: Chapter) -> list[str]:
    return [c for s in ch.argument for pt in (s.claim, *s.warrants, *s.impacts) for c in pt.cards]


def argument_markdown(ch: Chapter) -> str:
    """The argument table for the page: our wording beside the article's words, linked to paragraphs."""
    frame = argument_table(ch)
    table = pd.DataFrame(
        {
            "Strand": frame["strand"],
            "Part": frame["role"],
            "Our summary": [escape_markdown(t) for t in frame["point"]],
            "The article's words (evidence cards)": [
                "; ".join(f"`{cid}` {quote_markdown(evidence.card(cid))}" for cid in ids)
                for ids in frame["cards"]
            ],
        }
    )
    return markdown_table(table)


def cases_markdown(ch: Chapter) -> str:
    """Each side's strongest case: our summary, then the articles' words from the cards it cites."""
    return "\n".join(
        f"{escape_markdown(c.side)}\n: *Our summary:* {escape_markdown(c.text)}\n"
        f": *In the articles' words:* "
        + " · ".join(quote_markdown(evidence.card(cid)) for cid in c.cards)
        + "\n"
        for c in ch.cases
    )


def links_for(article_id: str, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cross-article links that touch an article, turned so this article is on the ``this`` side."""
    links = evidence.links() if links is None else links
    rows = []
    for rec in links.itertuples():
        if article_id not in (rec.article_a, rec.article_b):
            continue
        mine = rec.article_a == article_id
        rows.append(
            {
                "link_id": rec.link_id,
                "relation": rec.relation,
                "topic": rec.topic,
                "summary": rec.summary,
                "this_cards": rec.cards_a if mine else rec.cards_b,
                "other": rec.article_b if mine else rec.article_a,
                "other_cards": rec.cards_b if mine else rec.cards_a,
            }
        )
    return pd.DataFrame(
        rows, columns=["link_id", "relation", "topic", "summary", "this_cards", "other", "other_cards"]
    )


def relations_table(article_id: str, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each other article, the links on which the two agree, disagree or one updates the other."""
    mine = links_for(article_id, links)
    rows = []
    for other in corpus.ARTICLE_IDS:
        if other == article_id:
            continue
        here = mine[mine["other"] == other]
        row = {"article": other}
        for relation in evidence.RELATIONS:
            row[relation] = list(here.loc[here["relation"] == relation, "link_id"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["article", *evidence.RELATIONS])


def relations_markdown(article_id: str) -> str:
    """The relations table for the page, other articles linked to their reading pages."""
    frame = relations_table(article_id)
    headers = {
        "agree": "Agree (links)",
        "disagree": "Disagree (links)",
        "update": "One updates the other (links)",
    }
    table = pd.DataFrame({"Other article": [anchor_link(f"reading-{a}", a) for a in frame["article"]]})
    for relation, header in headers.items():
        table[header] = [", ".join(ids) if ids else "none" for ids in frame[relation]]
    return markdown_table(table)


def links_markdown(article_id: str) -> str:
    """Every cross-article link touching the article: our summary, then both sides' words."""
    blocks = []
    for rec in links_for(article_id).itertuples():
        this = " · ".join(quote_markdown(evidence.card(c)) for c in rec.this_cards)
        other = " · ".join(quote_markdown(evidence.card(c)) for c in rec.other_cards)
        reading = anchor_link(f"reading-{rec.other}", rec.other)
        blocks.append(
            f"**{rec.link_id} · {rec.relation} · {rec.topic}** (with {reading})\n"
            f": *Our summary:* {escape_markdown(rec.summary)}\n"
            f": *{article_id} says:* {this}\n"
            f": *{rec.other} says:* {other}\n"
        )
    return "\n".join(blocks) if blocks else "No cross-article link in the evidence data touches this article."


# --- widget prompts ------------------------------------------------------------------------------


def prompt_answer(matrix: Matrix, prompt: Prompt) -> dict[str, float] | None:
    """The smallest change of the sliders from the prompt's lens that makes ``prompt.prefer`` the single
    top option, as {criterion: new weight}; None if there is none (see :func:`tradeoff.reaching_weights`)."""
    if prompt.prefer is None:
        raise ValueError("this prompt has no option to reach; only prompts with prefer have an answer")
    start = matrix.lenses[prompt.lens]
    return tradeoff.reaching_weights(matrix.scores, start, prompt.prefer, prompt.moves, matrix.directions)


def prompt_start(matrix: Matrix, prompt: Prompt) -> str | None:
    """The single top option under the prompt's lens before the reader changes anything (None if tied)."""
    return tradeoff.sole_top(matrix.scores, matrix.lenses[prompt.lens], matrix.directions)


def prompts_markdown(ch: Chapter) -> str:
    """The widget tasks as a numbered list, naming the lens each starts from."""
    return "\n".join(
        f"{n}. *(Start from the **{escape_markdown(q.lens)}** lens.)* {escape_markdown(q.text)}"
        for n, q in enumerate(ch.prompts, 1)
    )
