"""Claims in time: the date every card speaks for, a timeline of the dated ones, and the updates.

A card's date is the one its paragraph gives (``as_of``), or else the date its article was
written as far as the source profile can tell (``sources.yml``, aspect ``date``), or unknown.
Which claims a later text overtakes comes from the cross-article links whose relation is
``update``; the summaries there are ours, the cards carry the texts' words.
"""

from __future__ import annotations

import re

import pandas as pd

from debatekit.content import corpus, evidence, sources

MONTHS = "January February March April May June July August September October November December".split()
_YEAR = re.compile(r"\b(\d{4})\b")
_MONTH = re.compile(rf"\b({'|'.join(MONTHS)})\b")
_DAY = re.compile(rf"\b(\d{{1,2}}) (?:{'|'.join(MONTHS)})\b")


def sort_key(date: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date as a text writes it (``15 August 2025``, ``June 2025``,
    ``between 2024 and 2025`` → its first year); None when it names no year (``before the war``)."""
    year = _YEAR.search(date)
    if not year:
        return None
    month = _MONTH.search(date)
    day = _DAY.search(date)
    return (
        int(year.group(1)),
        MONTHS.index(month.group(1)) + 1 if month else 0,
        int(day.group(1)) if day else 0,
    )


def written(article_id: str) -> dict:
    """When an article was written, as far as its profile tells: value, how known, basis."""
    facts = sources.profile(article_id).about("date")
    known = [f for f in facts if f.status != sources.UNKNOWN and f.value]
    if known:
        f = known[0]
        return {"value": f.value, "status": f.status, "basis": f.basis, "says": f.says}
    return {
        "value": sources.UNKNOWN,
        "status": sources.UNKNOWN,
        "basis": (),
        "says": facts[0].says if facts else "",
    }


def card_dates() -> pd.DataFrame:
    """Every card with the date it speaks for and the basis of that date.

    ``basis`` is ``paragraph`` (the paragraph states the date), ``article`` (the article's date
    from its profile) or ``unknown``.
    """
    rows = []
    for c in evidence.cards().to_dict("records"):
        as_of = c.get("as_of")
        text = corpus.paragraph(c["paragraph_id"]).text.lower()
        # an as_of the paragraph states dates the card; any other is a note from its article's date
        if isinstance(as_of, str) and as_of and as_of.lower() in text:
            pids = (c["paragraph_id"],)
            rows.append({**_card_cols(c), "date": as_of, "basis": "paragraph", "basis_paragraphs": pids})
            continue
        w = written(c["article_id"])
        basis = "unknown" if w["status"] == sources.UNKNOWN else "article"
        rows.append(
            {**_card_cols(c), "date": w["value"], "basis": basis, "basis_paragraphs": tuple(w["basis"])}
        )
    return pd.DataFrame(rows)


def _card_cols(c: dict) -> dict:
    return {"card_id": c["card_id"], "article_id": c["article_id"], "paragraph_id": c["paragraph_id"],
            "claim": c["claim"], "quote": c["quote"], "kind": c["kind"]}  # fmt: skip


def timeline() -> pd.DataFrame:
    """The cards whose paragraph dates them, in date order; dates with no year come last."""
    frame = card_dates()
    frame = frame[frame["basis"] == "paragraph"].copy()
    frame["key"] = [sort_key(d) for d in frame["date"]]
    frame["undated"] = frame["key"].isna()
    frame["key"] = [k or (9999, 0, 0) for k in frame["key"]]
    return frame.sort_values(["undated", "key", "card_id"]).drop(columns=["key"]).reset_index(drop=True)


def updates() -> pd.DataFrame:
    """The update links: an earlier text's cards, and the later text's cards that overtake them."""
    links = evidence.links()
    return links[links["relation"] == "update"].reset_index(drop=True)


def overtaking_paragraphs(card_id: str) -> tuple[str, ...]:
    """The paragraphs of later cards that update ``card_id`` (empty if no update link names it)."""
    found: set[str] = set()
    for link in updates().itertuples():
        if card_id in link.cards_a:
            found |= {evidence.card(c)["paragraph_id"] for c in link.cards_b}
    return tuple(sorted(found))


def update_summary(card_id: str) -> str:
    """Our summaries of the update links that name ``card_id`` (empty if none)."""
    return " ".join(link.summary for link in updates().itertuples() if card_id in link.cards_a)
