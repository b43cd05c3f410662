"""Evidence cards, cross-article links and stakeholder profiles, loaded from the course's ``data/``.

A card is one debatable claim from one paragraph: a verbatim quote (checked against the corpus),
our one-sentence paraphrase (``claim``, always ours, flagged ``claim_is_paraphrase``), its kind,
the stakeholders and topics it concerns and, for figures, the number as the article states it.
Every loader checks its file at the edge and names the file, entry and field of each mistake.

Figure conventions: ``value`` is the number as stated, in ``unit``; a range ("$50–$80 billion")
has ``low`` and ``high`` and no ``value`` (we never invent a midpoint); shares are in percent, so
a fraction stated in words ("one-fifth") is recorded as 20 with a unit starting "percent".
``as_of`` says as of when a card speaks: the date the text itself gives the figure or fact, or,
for a card in the present tense ("currently", "now"), the article's date or that it is unknown.
A card's ``reviewed`` note records a reviewer's answer to a content check
(see :mod:`debatekit.content.review`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content import corpus, vocabulary
from debatekit.content.files import (
    DataError,
    file_name,
    is_number,
    load_yaml,
    raise_all,
    require,
    require_list_of_str,
)  # fmt: skip

#: Stakeholder ids used on cards, with the name pages display (data/vocabulary.yml).
STAKEHOLDERS: Mapping[str, str] = vocabulary.Section("stakeholders")

#: Kinds of claim, with the test a reader applies to tell them apart (data/vocabulary.yml).
KINDS: Mapping[str, str] = vocabulary.Section("kinds")

#: The controlled topic list; every card and link uses these ids (data/vocabulary.yml).
TOPICS: Mapping[str, str] = vocabulary.Section("topics")

#: How two articles relate on a cross-article link (data/vocabulary.yml).
RELATIONS: Mapping[str, str] = vocabulary.Section("relations")

PROFILE_LISTS: tuple[str, ...] = ("interests", "demands", "gains", "risks")

CARD_ID = re.compile(r"^(a\d{3})-c(\d{2})$")
LINK_ID = re.compile(r"^l\d{2}$")
_CARD_REQUIRED = ("card_id", "paragraph_id", "quote", "claim", "kind", "stakeholders", "topics")
_CARD_FIGURE = ("value", "unit", "low", "high")
_CARD_FIELDS = frozenset(_CARD_REQUIRED + _CARD_FIGURE + ("as_of", "reviewed"))
_LINK_FIELDS = frozenset(("link_id", "relation", "topic", "summary", "side_a", "side_b"))
#: Columns of :func:`cards`, in order.
COLUMNS = (
    "card_id article_id paragraph_id quote claim claim_is_paraphrase kind stakeholders topics "
    "value unit low high as_of"
).split()
#: Columns of :func:`links`, in order.
LINK_COLUMNS = "link_id relation topic summary summary_is_ours article_a cards_a article_b cards_b".split()


def quote_problem(quote: str, text: str) -> str | None:
    """Why ``quote`` is not a verbatim (whitespace-normalised) part of ``text``, or None if it is."""
    q, t = corpus.normalise_space(quote), corpus.normalise_space(text)
    if q in t:
        return None
    plain = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})
    if q.translate(plain).lower() in t.translate(plain).lower():
        return "differs from the paragraph only in case, quote marks or dashes; copy them exactly"
    return "not found verbatim in the paragraph; copy the exact words (whitespace may differ)"


def _check_figure(file: str, cid: str, rec: dict) -> list[DataError]:
    errs = []
    numbered = rec["kind"] == "forecast" and any(rec.get(f) is not None for f in _CARD_FIGURE)
    if rec["kind"] == "figure" or numbered:
        has_range = rec.get("low") is not None or rec.get("high") is not None
        if has_range and (rec.get("low") is None or rec.get("high") is None):
            field = "high" if rec.get("high") is None else "low"
            errs.append(DataError(file, cid, field, "a range needs both low and high"))
        elif has_range and not (is_number(rec["low"]) and is_number(rec["high"])):
            errs.append(DataError(file, cid, "low", "low and high must be numbers"))
        elif has_range and rec["low"] > rec["high"]:
            errs.append(DataError(file, cid, "low", f"low {rec['low']} is above high {rec['high']}"))
        if not has_range and rec.get("value") is None:
            errs.append(DataError(file, cid, "value", "a figure card needs value (or low and high)"))
        if rec.get("value") is not None and not is_number(rec["value"]):
            errs.append(DataError(file, cid, "value", f"expected a number, got {rec['value']!r}"))
        if not isinstance(rec.get("unit"), str) or not rec["unit"].strip():
            errs.append(DataError(file, cid, "unit", "a figure card needs a unit, e.g. 'USD billion'"))
    else:
        for field in _CARD_FIGURE:
            if rec.get(field) is not None:
                fix = "only figure and forecast cards carry value/unit/low/high; change kind or remove it"
                errs.append(DataError(file, cid, field, fix))
    if "as_of" in rec and not isinstance(rec["as_of"], str):
        errs.append(DataError(file, cid, "as_of", "quote the date as text, e.g. \"July 2025\""))
    return errs


def _check_card(file: str, index: int, rec: Any) -> list[DataError]:
    entry = rec.get("card_id") if isinstance(rec, dict) and isinstance(rec.get("card_id"), str) else None
    entry = entry or f"#{index + 1}"
    try:
        require(file, entry, rec, _CARD_REQUIRED)
    except DataError as e:
        return [e]
    errs = []
    unknown = sorted(set(rec) - _CARD_FIELDS)
    if unknown:
        errs.append(DataError(file, entry, unknown[0], f"unknown field; allowed: {sorted(_CARD_FIELDS)}"))
    match = CARD_ID.match(str(rec["card_id"]))
    if not match:
        errs.append(DataError(file, entry, "card_id", "expected the form aNNN-cNN (article id, card number)"))
    pid = str(rec["paragraph_id"])
    try:
        para = corpus.paragraph(pid)
    except corpus.CorpusError as e:
        errs.append(DataError(file, entry, "paragraph_id", str(e)))
        para = None
    if para is not None and match and para.article_id != match.group(1):
        fix = f"{pid} is not in article {match.group(1)} named by the card id; fix the id or the paragraph"
        errs.append(DataError(file, entry, "paragraph_id", fix))
    if para is not None:
        problem = quote_problem(str(rec["quote"]), para.text)
        if problem:
            errs.append(DataError(file, entry, "quote", f"{problem} ({pid})"))
    if rec["kind"] not in KINDS:
        errs.append(DataError(file, entry, "kind", f"unknown kind {rec['kind']!r}; allowed: {list(KINDS)}"))
    for field, allowed in (("stakeholders", STAKEHOLDERS), ("topics", TOPICS)):
        try:
            if not require_list_of_str(file, entry, rec, field, allowed):
                errs.append(DataError(file, entry, field, "empty; name at least one"))
        except DataError as e:
            errs.append(e)
    if rec["kind"] in KINDS:
        errs.extend(_check_figure(file, entry, rec))
    return errs


def _card_record(rec: dict) -> dict:
    out = {col: rec.get(col) for col in COLUMNS}
    out["article_id"] = rec["paragraph_id"][:4]
    out["claim_is_paraphrase"] = True
    out["stakeholders"] = list(rec["stakeholders"])
    out["topics"] = list(rec["topics"])
    return out


def load_cards(source: str | Path = "cards.yml") -> tuple[dict, ...]:
    """Read and validate a cards file; raise :class:`DataError` listing every mistake found."""
    file = file_name(source)
    data = load_yaml(source)
    if not isinstance(data, list):
        raise DataError(file, None, None, "expected a YAML list of cards")
    errors: list[DataError] = []
    seen: set[str] = set()
    for i, rec in enumerate(data):
        problems = _check_card(file, i, rec)
        errors.extend(problems)
        cid = rec.get("card_id") if isinstance(rec, dict) else None
        if isinstance(cid, str):
            if cid in seen:
                errors.append(DataError(file, cid, "card_id", "duplicate card id; give each card its own"))
            seen.add(cid)
    raise_all(file, errors)
    return tuple(_card_record(rec) for rec in data)


@cache
def _default_cards() -> tuple[dict, ...]:
    return load_cards()


def _card_index(cards: Iterable[dict]) -> dict[str, dict]:
    return {c["card_id"]: c for c in cards}


def _as_set(name: str, value: str | Iterable[str] | None, allowed: Iterable[str]) -> set[str] | None:
    if value is None:
        return None
    wanted = {value} if isinstance(value, str) else set(value)
    bad = wanted - set(allowed)
    if bad:
        raise ValueError(f"cards(): unknown {name} {sorted(bad)}; allowed: {sorted(allowed)}")
    return wanted


def cards(
    article: str | Iterable[str] | None = None,
    stakeholder: str | Iterable[str] | None = None,
    topic: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The evidence cards as a DataFrame (index 0..n-1, file order), optionally filtered.

    Each filter takes one id or a list; a card matches a list if it matches any item in it.
    ``claim`` is our paraphrase (``claim_is_paraphrase`` is always True); ``quote`` is the article's.
    """
    articles = _as_set("article", article, corpus.ARTICLE_IDS)
    holders = _as_set("stakeholder", stakeholder, STAKEHOLDERS)
    topics = _as_set("topic", topic, TOPICS)
    kinds = _as_set("kind", kind, KINDS)
    rows = [
        {**c, "stakeholders": list(c["stakeholders"]), "topics": list(c["topics"])}
        for c in _default_cards()
        if (articles is None or c["article_id"] in articles)
        and (holders is None or holders & set(c["stakeholders"]))
        and (topics is None or topics & set(c["topics"]))
        and (kinds is None or c["kind"] in kinds)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def date_note(card: Mapping[str, Any]) -> str:
    """When a card speaks: its article's date (or "article undated") and the card's own ``as_of``.

    Every page, widget and handout that shows a card shows this next to it, so a claim in the
    present tense ("currently", "now") is never read as speaking for today.
    """
    date = corpus.article(str(card["article_id"])).date
    note = "article undated" if date in ("", "unknown", None) else f"article dated {date}"
    as_of = card.get("as_of")
    if isinstance(as_of, str) and as_of.strip():
        note += f"; as of {as_of.strip()}"
    return note


def card(card_id: str) -> dict:
    """One card as a dict (a copy), by id (``a004-c07``)."""
    found = _card_index(_default_cards()).get(card_id)
    if found is None:
        raise KeyError(f"no evidence card {card_id!r}; ids look like aNNN-cNN (see evidence.cards())")
    return {**found, "stakeholders": list(found["stakeholders"]), "topics": list(found["topics"])}


def _check_cited(
    file: str, entry: str, field: str, ids: Any, known: dict[str, dict], article: str | None = None
) -> list[DataError]:
    """Errors for a list of card ids that is empty, names unknown cards or cards from another article."""
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        return [DataError(file, entry, field, f"expected a non-empty list of card ids, got {ids!r}")]
    errs = []
    for cid in ids:
        if cid not in known:
            errs.append(DataError(file, entry, field, f"cites unknown card {cid!r}"))
        elif article is not None and known[cid]["article_id"] != article:
            fix = f"card {cid} is not from article {article}; cite cards from the article the side names"
            errs.append(DataError(file, entry, field, fix))
    return errs


def _check_link(file: str, index: int, rec: Any, known: dict[str, dict]) -> list[DataError]:
    entry = rec.get("link_id") if isinstance(rec, dict) and isinstance(rec.get("link_id"), str) else None
    entry = entry or f"#{index + 1}"
    try:
        require(file, entry, rec, sorted(_LINK_FIELDS))
    except DataError as e:
        return [e]
    errs = []
    unknown = sorted(set(rec) - _LINK_FIELDS)
    if unknown:
        errs.append(DataError(file, entry, unknown[0], f"unknown field; allowed: {sorted(_LINK_FIELDS)}"))
    if not LINK_ID.match(str(rec["link_id"])):
        errs.append(DataError(file, entry, "link_id", "expected the form l01"))
    if rec["relation"] not in RELATIONS:
        errs.append(DataError(file, entry, "relation", f"unknown relation; allowed: {list(RELATIONS)}"))
    if rec["topic"] not in TOPICS:
        errs.append(DataError(file, entry, "topic", f"unknown topic {rec['topic']!r}; see evidence.TOPICS"))
    articles = []
    for side in ("side_a", "side_b"):
        val = rec[side]
        if not isinstance(val, dict) or set(val) != {"article", "cards"}:
            problem = "expected {article: <article id>, cards: [<card id>, ...]}"
            errs.append(DataError(file, entry, side, problem))
            continue
        if val["article"] not in corpus.ARTICLE_IDS:
            errs.append(DataError(file, entry, f"{side}.article", f"unknown article {val['article']!r}"))
            continue
        articles.append(val["article"])
        errs.extend(_check_cited(file, entry, f"{side}.cards", val["cards"], known, val["article"]))
    if len(articles) == 2 and articles[0] == articles[1]:
        errs.append(DataError(file, entry, "side_b.article", "a link joins two different articles"))
    return errs


def load_links(
    source: str | Path = "links.yml", known_cards: Iterable[dict] | None = None
) -> tuple[dict, ...]:
    """Read and validate the cross-article links; each side must cite cards of the article it names."""
    file = file_name(source)
    known = _card_index(_default_cards() if known_cards is None else known_cards)
    data = load_yaml(source)
    if not isinstance(data, list):
        raise DataError(file, None, None, "expected a YAML list of links")
    errors: list[DataError] = []
    seen: set[str] = set()
    for i, rec in enumerate(data):
        errors.extend(_check_link(file, i, rec, known))
        lid = rec.get("link_id") if isinstance(rec, dict) else None
        if isinstance(lid, str):
            if lid in seen:
                errors.append(DataError(file, lid, "link_id", "duplicate link id"))
            seen.add(lid)
    raise_all(file, errors)
    return tuple(data)


@cache
def _default_links() -> tuple[dict, ...]:
    return load_links()


def links() -> pd.DataFrame:
    """Where the articles agree, disagree or update each other: one row per link, sides flattened.

    ``summary`` is our note (``summary_is_ours`` is always True); the cards carry the articles' words.
    """
    rows = [
        {
            "link_id": rec["link_id"],
            "relation": rec["relation"],
            "topic": rec["topic"],
            "summary": rec["summary"],
            "summary_is_ours": True,
            "article_a": rec["side_a"]["article"],
            "cards_a": list(rec["side_a"]["cards"]),
            "article_b": rec["side_b"]["article"],
            "cards_b": list(rec["side_b"]["cards"]),
        }
        for rec in _default_links()
    ]
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def _check_profile(file: str, rec: Any, known: dict[str, dict]) -> list[DataError]:
    entry = rec.get("id") if isinstance(rec, dict) and isinstance(rec.get("id"), str) else "?"
    try:
        require(file, entry, rec, ("id", "name", *PROFILE_LISTS))
    except DataError as e:
        return [e]
    errs = []
    allowed = {"id", "name", "gaps", *PROFILE_LISTS}
    unknown = sorted(set(rec) - allowed)
    if unknown:
        errs.append(DataError(file, entry, unknown[0], f"unknown field; allowed: {sorted(allowed)}"))
    if rec["id"] not in STAKEHOLDERS:
        errs.append(DataError(file, entry, "id", f"unknown stakeholder; allowed: {list(STAKEHOLDERS)}"))
    elif rec["name"] != STAKEHOLDERS[rec["id"]]:
        errs.append(DataError(file, entry, "name", f"expected {STAKEHOLDERS[rec['id']]!r}"))
    for field in PROFILE_LISTS:
        points = rec[field]
        if not isinstance(points, list):
            errs.append(DataError(file, entry, field, "expected a list of {point, cards}"))
            continue
        for n, item in enumerate(points, 1):
            where = f"{field}[{n}]"
            if not isinstance(item, dict) or set(item) != {"point", "cards"} or not item.get("point"):
                errs.append(DataError(file, entry, where, "expected {point: <our wording>, cards: [ids]}"))
                continue
            errs.extend(_check_cited(file, entry, f"{where}.cards", item["cards"], known))
    gaps = rec.get("gaps")
    if gaps is not None and not (isinstance(gaps, list) and all(isinstance(g, str) for g in gaps)):
        errs.append(DataError(file, entry, "gaps", "expected a list of notes on what the articles omit"))
    return errs


def load_stakeholders(
    source: str | Path = "stakeholders.yml", known_cards: Iterable[dict] | None = None
) -> dict[str, dict]:
    """Read and validate the stakeholder profiles: one per stakeholder, every point citing cards."""
    file = file_name(source)
    known = _card_index(_default_cards() if known_cards is None else known_cards)
    data = load_yaml(source)
    if not isinstance(data, list):
        raise DataError(file, None, None, "expected a YAML list of stakeholder profiles")
    errors: list[DataError] = []
    for rec in data:
        errors.extend(_check_profile(file, rec, known))
    ids = [rec.get("id") for rec in data if isinstance(rec, dict)]
    for sid in STAKEHOLDERS:
        if ids.count(sid) != 1:
            errors.append(DataError(file, sid, "id", f"expected exactly one profile, found {ids.count(sid)}"))
    raise_all(file, errors)
    return {rec["id"]: rec for rec in data}


@cache
def _default_profiles() -> dict[str, dict]:
    return load_stakeholders()


def stakeholder_profiles() -> dict[str, dict]:
    """Profiles by stakeholder id: name, interests, demands, gains, risks (points citing cards), gaps."""
    return copy.deepcopy(_default_profiles())
