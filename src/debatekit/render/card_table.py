"""The evidence-card index: rows for the filterable card table, its reference filter and its static HTML.

``filter_card_ids`` is the Python reference for ``widgets/cards.js`` (``compute``): the widget
filters in the browser, and ``tests/test_cards_widget_js.py`` checks the two agree.
``card_table_html`` renders the same rows as a plain table for readers without JavaScript.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping

import pandas as pd

from debatekit.content import corpus, evidence
from debatekit.render.links import PARAGRAPH_URL, paragraph_url

#: The filters, in the order the widget shows them; "" means "any".
FILTERS = ("article", "stakeholder", "kind", "topic", "text")
#: Link from a paragraph id to its anchor, from a page in ``book/reference/`` (two folders below the
#: book's root; the widget's JavaScript fills only {article} and {pid}).
LINK_TEMPLATE = PARAGRAPH_URL.replace("{root}", "../../")
#: Curly quotes are folded to straight ones so "don't" finds "don’t".
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _number(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def figure_text(card: Mapping) -> str:
    """A figure card's number as stated ("20 percent", "50–80 USD billion"); "" for other cards."""
    value, low, high, unit = (card.get(k) for k in ("value", "low", "high", "unit"))

    def given(x) -> bool:
        return x is not None and not (isinstance(x, float) and math.isnan(x))

    if not given(unit):
        return ""
    if given(value):
        return f"{_number(value)} {unit}"
    if given(low) and given(high):
        return f"{_number(low)}–{_number(high)} {unit}"
    return ""


def card_rows(cards: pd.DataFrame | None = None) -> list[dict]:
    """One plain dict per card, in file order: the fields the table shows and filters on."""
    table = evidence.cards() if cards is None else cards
    return [
        {
            "card_id": c["card_id"],
            "article_id": c["article_id"],
            "paragraph_id": c["paragraph_id"],
            "kind": c["kind"],
            "stakeholders": list(c["stakeholders"]),
            "topics": list(c["topics"]),
            "quote": c["quote"],
            "claim": c["claim"],
            "figure": figure_text(c),
            "date": evidence.date_note(c),
        }
        for c in table.to_dict("records")
    ]


def filter_options() -> dict[str, list[dict]]:
    """The choices of each select filter, as [{value, label}] in display order."""
    return {
        "article": [{"value": a.id, "label": f"{a.id}: {a.title}"} for a in corpus.load_articles()],
        "stakeholder": [{"value": k, "label": v} for k, v in evidence.STAKEHOLDERS.items()],
        "kind": [{"value": k, "label": k} for k in evidence.KINDS],
        "topic": [{"value": k, "label": f"{k}: {v}"} for k, v in evidence.TOPICS.items()],
    }


def fold(text: str) -> str:
    """How the text filter compares: lower case, curly quotes straightened, runs of space as one."""
    return " ".join(text.translate(_FOLD).lower().split())


def _haystack(row: Mapping) -> str:
    parts = [row["card_id"], row["paragraph_id"], row["quote"], row["claim"], row["figure"]]
    return fold(" ".join([*parts, row.get("date", "")]))


def filter_card_ids(rows: Iterable[Mapping], filters: Mapping[str, str]) -> list[str]:
    """The ids of the rows that pass every filter, in row order.

    ``article`` and ``kind`` must equal the row's; ``stakeholder`` and ``topic`` must be among the
    row's; every word of ``text`` must occur in the card's id, paragraph id, quote, paraphrase,
    figure or date note. A missing or empty filter lets every row through.
    """
    article, stakeholder, kind, topic = (filters.get(k) or "" for k in FILTERS[:4])
    words = fold(filters.get("text") or "").split()
    return [
        row["card_id"]
        for row in rows
        if (not article or row["article_id"] == article)
        and (not kind or row["kind"] == kind)
        and (not stakeholder or stakeholder in row["stakeholders"])
        and (not topic or topic in row["topics"])
        and all(w in _haystack(row) for w in words)
    ]


def card_table_html(rows: Iterable[Mapping], link_template: str = LINK_TEMPLATE, caption: str = "") -> str:
    """Every row as a plain HTML table (no script needed), each paragraph id linking to its anchor."""
    esc = html.escape
    head = ["Card", "Paragraph", "Kind", "Date", "The article's words", "Our paraphrase", "Stakeholders"]
    head.append("Topics")
    out = ['<table class="dk-cards-static">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead><tbody>")
    for r in rows:
        figure = f" <strong>{esc(r['figure'])}</strong>" if r["figure"] else ""
        out.append(
            f'<tr id="card-{esc(r["card_id"])}"><td>{esc(r["card_id"])}</td>'
            f'<td><a href="{esc(paragraph_url(r["paragraph_id"], template=link_template))}">'
            f"{esc(r['paragraph_id'])}</a></td>"
            f"<td>{esc(r['kind'])}{figure}</td><td>{esc(r['date'])}</td>"
            f"<td>“{esc(r['quote'])}”</td><td>{esc(r['claim'])}</td>"
            f"<td>{esc(', '.join(evidence.STAKEHOLDERS[s] for s in r['stakeholders']))}</td>"
            f"<td>{esc(', '.join(r['topics']))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)
