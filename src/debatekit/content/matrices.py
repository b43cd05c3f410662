"""The course's decision matrices (``data/matrices.yml``): options scored on criteria, citing cards.

Each score and each lens weight names the cards it rests on, from the matrix's own articles; a
lens weight must cite a card concerning that stakeholder. The loader adds the "Equal weights"
lens. What a matrix means (ranking, tipping points, dominance) is :mod:`debatekit.models.tradeoff`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd

from debatekit.content import evidence
from debatekit.content.files import DataError, is_number, load_yaml

MATRICES_FILE = "matrices.yml"
#: Every score is on this scale; a ``cost`` criterion counts as ``SCORE_MAX - score``.
SCORE_MIN, SCORE_MAX = 0.0, 10.0
DIRECTIONS = ("benefit", "cost")
EQUAL_LENS = "Equal weights"
#: the weight every criterion gets under the "Equal weights" lens (mid-range of the 0–10 sliders)
EQUAL_WEIGHT = 5.0


@dataclass(frozen=True)
class Matrix:
    """A shipped decision matrix: scores (our judgement, citing cards) and stakeholder lenses."""

    name: str
    title: str
    question: str
    articles: tuple[str, ...]
    note: str
    scores: pd.DataFrame
    directions: dict[str, str]
    criteria: dict[str, str]  # criterion → description
    options: dict[str, str]  # option → description
    cards: dict[tuple[str, str], list[str]]  # (option, criterion) → card ids
    justifications: dict[tuple[str, str], str]  # (option, criterion) → why this score
    lenses: dict[str, dict[str, float]]  # lens → criterion → weight
    lens_cards: dict[str, dict[str, list[str]]]  # lens → criterion → card ids
    lens_notes: dict[str, str]  # lens → why these weights
    lens_labels: dict[str, str]  # lens → the name shown for it (the lens id unless the file says)


def card_index() -> dict[str, tuple[str, frozenset[str]]]:
    """Every evidence card id → (its article id, the stakeholders it concerns)."""
    cards = evidence.cards()
    return {
        cid: (article, frozenset(holders))
        for cid, article, holders in zip(
            cards["card_id"], cards["article_id"], cards["stakeholders"], strict=True
        )
    }


def _text(file: str, entry: str, record: dict, field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataError(file, entry, field, f"expected a non-empty string, got {value!r}")
    return value.strip()


def _cited(
    file: str,
    entry: str,
    record: dict,
    known: Mapping[str, tuple[str, frozenset[str]]],
    articles: list[str],
    lens: str | None = None,
    lens_holders: frozenset[str] = frozenset(),
) -> list[str]:
    """The card ids cited by ``record``: they must exist, come from the matrix's articles and,
    for a lens weight, include a card concerning that stakeholder."""
    ids = record.get("cards")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise DataError(file, entry, "cards", f"expected a non-empty list of card ids, got {ids!r}")
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise DataError(file, entry, "cards", f"unknown card id(s) {unknown}; cite ids from cards.yml")
    outside = [i for i in ids if known[i][0] not in articles]
    if outside:
        raise DataError(
            file,
            entry,
            "cards",
            f"card(s) {outside} come from outside this matrix's articles "
            f"{articles}; cite those articles' cards or add the article to 'articles'",
        )
    if lens is not None and not any(lens_holders & known[i][1] for i in ids):
        raise DataError(
            file,
            entry,
            "cards",
            f"none of {ids} concerns {lens} (its stakeholders field); "
            f"cite at least one card showing {lens}'s priorities",
        )
    return ids


def _number(file: str, entry: str, record: dict, field: str, low: float, high: float) -> float:
    value = record.get(field)
    if not is_number(value) or math.isnan(value) or not low <= value <= high:
        raise DataError(file, entry, field, f"expected a number from {low:g} to {high:g}, got {value!r}")
    return float(value)


def _mapping(file: str, entry: str, record: dict, field: str) -> dict:
    value = record.get(field)
    if not isinstance(value, dict) or not value:
        raise DataError(file, entry, field, f"expected a non-empty mapping, got {value!r}")
    return value


def parse_matrix(
    name: str, record: dict, known_cards: Mapping[str, tuple[str, frozenset[str]]], file: str = MATRICES_FILE
) -> Matrix:
    """One matrix from its YAML record; a mistake raises DataError naming file, entry and field.

    ``known_cards`` maps card id → (article id, stakeholders), as :func:`card_index` returns.
    """
    if not isinstance(record, dict):
        raise DataError(file, name, None, f"expected a mapping, got {type(record).__name__}")
    title, question, note = (_text(file, name, record, f) for f in ("title", "question", "note"))
    articles = record.get("articles")
    if not isinstance(articles, list) or not articles or not all(isinstance(a, str) for a in articles):
        raise DataError(file, name, "articles", f"expected a list of article ids, got {articles!r}")
    criteria, directions = {}, {}
    for crit, spec in _mapping(file, name, record, "criteria").items():
        entry = f"{name}: criteria: {crit}"
        if not isinstance(spec, dict):
            raise DataError(file, entry, None, f"expected a mapping, got {type(spec).__name__}")
        if spec.get("direction") not in DIRECTIONS:
            raise DataError(
                file, entry, "direction", f"got {spec.get('direction')!r}; use 'benefit' or 'cost'"
            )
        criteria[crit], directions[crit] = _text(file, entry, spec, "description"), spec["direction"]
    options = {}
    for opt, text in _mapping(file, name, record, "options").items():
        if not isinstance(text, str) or not text.strip():
            raise DataError(file, f"{name}: options", opt, "expected a one-line description of the option")
        options[opt] = text.strip()
    table = _mapping(file, name, record, "scores")
    values, cards, why = {}, {}, {}
    for opt in options:
        row = table.get(opt)
        if not isinstance(row, dict):
            raise DataError(file, f"{name}: scores", opt, "missing; score every option on every criterion")
        extra = sorted(set(row) - set(criteria))
        if extra:
            raise DataError(
                file, f"{name}: scores: {opt}", extra[0], f"unknown criterion; criteria are {list(criteria)}"
            )
        for crit in criteria:
            entry = f"{name}: scores: {opt}: {crit}"
            cell = row.get(crit)
            if not isinstance(cell, dict):
                raise DataError(file, entry, None, "missing; give {score, cards, why}")
            values[opt, crit] = _number(file, entry, cell, "score", SCORE_MIN, SCORE_MAX)
            cards[opt, crit] = _cited(file, entry, cell, known_cards, articles)
            why[opt, crit] = _text(file, entry, cell, "why")
    extra = sorted(set(table) - set(options))
    if extra:
        raise DataError(file, f"{name}: scores", extra[0], f"unknown option; options are {list(options)}")
    lens_table = _mapping(file, name, record, "lenses")
    if EQUAL_LENS in lens_table:
        raise DataError(file, f"{name}: lenses", EQUAL_LENS, "added by the loader; remove it")
    lenses, lens_cards, lens_notes, lens_labels = {}, {}, {}, {}
    for lens in lens_table:
        entry = f"{name}: lenses: {lens}"
        spec = lens_table[lens]
        if not isinstance(spec, dict):
            raise DataError(file, entry, None, "expected a mapping with 'why' and 'weights'")
        extra = sorted(set(spec) - {"why", "label", "weights", "wants_less", "stakeholders"})
        if extra:
            allowed = "why, label, weights, wants_less and stakeholders"
            raise DataError(file, entry, extra[0], f"unknown field; a lens has {allowed}")
        holders = spec.get("stakeholders", [lens])
        if not isinstance(holders, list) or not holders or not all(isinstance(h, str) for h in holders):
            raise DataError(file, entry, "stakeholders", f"expected a list of stakeholders, got {holders!r}")
        lens_notes[lens] = _text(file, entry, spec, "why")
        lens_labels[lens] = _text(file, entry, spec, "label") if "label" in spec else lens
        weights = _mapping(file, entry, spec, "weights")
        extra = sorted(set(weights) - set(criteria))
        if extra:
            raise DataError(
                file, f"{entry}: weights", extra[0], f"unknown criterion; criteria are {list(criteria)}"
            )
        lenses[lens], lens_cards[lens] = {}, {}
        for crit in criteria:
            w_entry = f"{entry}: weights: {crit}"
            cell = weights.get(crit)
            if not isinstance(cell, dict):
                raise DataError(file, w_entry, None, "missing; give every criterion {weight, cards}")
            lenses[lens][crit] = _number(file, w_entry, cell, "weight", 0.0, 10.0)
            lens_cards[lens][crit] = _cited(
                file, w_entry, cell, known_cards, articles, lens, frozenset(holders)
            )
        if not any(lenses[lens].values()):
            raise DataError(
                file, entry, "weights", "all weights are zero; give at least one a positive weight"
            )
    lenses[EQUAL_LENS] = dict.fromkeys(criteria, EQUAL_WEIGHT)
    lens_notes[EQUAL_LENS] = "Every criterion counts the same: a baseline, not any stakeholder's view."
    lens_labels[EQUAL_LENS] = EQUAL_LENS
    scores = pd.DataFrame(
        [[values[o, c] for c in criteria] for o in options],
        index=pd.Index(list(options), name="option"),
        columns=pd.Index(list(criteria), name="criterion"),
    )
    return Matrix(
        name,
        title,
        question,
        tuple(articles),
        note,
        scores,
        directions,
        criteria,
        options,
        cards,
        why,
        lenses,
        lens_cards,
        lens_notes,
        lens_labels,
    )


@cache
def _load_matrices() -> dict[str, Matrix]:
    raw = load_yaml(MATRICES_FILE)
    if not isinstance(raw, dict) or not isinstance(raw.get("matrices"), dict) or not raw["matrices"]:
        raise DataError(MATRICES_FILE, None, "matrices", "expected a mapping of matrix name → matrix")
    known = card_index()
    return {name: parse_matrix(name, record, known) for name, record in raw["matrices"].items()}


def matrices() -> dict[str, Matrix]:
    """The shipped matrices by name, validated (every cited card must exist in cards.yml)."""
    return dict(_load_matrices())
