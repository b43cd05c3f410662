"""The decision model behind the trade-off widget: weigh options on criteria, rank, probe, compare.

A matrix scores options (rows) on criteria (columns) from 0 to 10. A ``cost`` criterion counts
as ``10 - score`` so that, after adjustment, more is always better. An option's score is the
weighted mean of its adjusted scores. ``widgets/lib/tradeoff_model.mjs`` (the one JavaScript copy,
bundled into the trade-off and question widgets) repeats these computations in the browser with
the same arithmetic, in the same order, so the two agree to the last bit.

Conventions shared with the JavaScript:

* Two scores tie when they differ by at most ``TIE_TOLERANCE`` relative to the larger (and at
  least 1); ties share the better rank, as pandas ``rank(method="min", ascending=False)``.
* The *top option* is the first option, in matrix order, among those ranked 1; the others
  ranked 1 are reported as tied with it.
* Dominance is the usual weak kind: an option is dominated when another is at least as good on
  every criterion and strictly better on at least one. Identical options dominate neither.
"""

from __future__ import annotations

import itertools
import math
import numbers
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import numpy as np
import pandas as pd

from debatekit.content.files import DataError, load_yaml

TIE_TOLERANCE = 1e-12
SCORE_MIN, SCORE_MAX = 0.0, 10.0
DIRECTIONS = ("benefit", "cost")
EQUAL_LENS = "Equal weights"
#: the weight every criterion gets under the "Equal weights" lens (mid-range of the 0–10 sliders)
EQUAL_WEIGHT = 5.0
MATRICES_FILE = "matrices.yml"
#: The weights a reader can set on the widget's sliders (0 to 10 in steps of 0.5).
SLIDER_VALUES = tuple(i / 2 for i in range(21))
#: The grid searched when every slider may move (``moves="any"``): 0, 2.5, …, 10.
COARSE_VALUES = (0.0, 2.5, 5.0, 7.5, 10.0)


# --- validation ------------------------------------------------------------------------------


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _check_scores(scores: pd.DataFrame) -> tuple[list[str], list[str], list[list[float]]]:
    """Options, criteria and scores as plain lists, or a ValueError naming the bad entry."""
    if not isinstance(scores, pd.DataFrame):
        raise ValueError(
            f"scores must be a pandas DataFrame (index: options, columns: criteria), "
            f"got {type(scores).__name__}"
        )
    if scores.shape[0] == 0 or scores.shape[1] == 0:
        raise ValueError(
            f"empty matrix: scores has {scores.shape[0]} option(s) and {scores.shape[1]} "
            "criterion/criteria; it needs at least one of each"
        )
    options, criteria = list(scores.index), list(scores.columns)
    for kind, names in (("option", options), ("criterion", criteria)):
        for name in names:
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"{kind} name {name!r} is not a non-empty string; name every {kind}")
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"{kind} name(s) {dupes} appear more than once; names must be unique")
    values = scores.to_numpy(dtype=object).tolist()
    for option, row in zip(options, values, strict=True):
        for criterion, value in zip(criteria, row, strict=True):
            where = f"score of option {option!r} on criterion {criterion!r}"
            if value is None or value is pd.NA or (_is_number(value) and math.isnan(value)):
                raise ValueError(f"{where} is missing (NaN); give a number from 0 to 10")
            if not _is_number(value):
                raise ValueError(f"{where} is {value!r}, not a number; give a number from 0 to 10")
            if not SCORE_MIN <= value <= SCORE_MAX:
                raise ValueError(f"{where} is {value}, outside 0–10; give a number from 0 to 10")
    return options, criteria, [[float(v) for v in row] for row in values]


def _check_directions(directions: Mapping | None, criteria: list[str]) -> list[str]:
    """The direction of each criterion in order; a missing entry means ``benefit``."""
    directions = {} if directions is None else directions
    if not isinstance(directions, Mapping):
        raise ValueError(
            f"directions must map criterion → 'benefit' or 'cost', got {type(directions).__name__}"
        )
    for name, value in directions.items():
        if name not in criteria:
            raise ValueError(f"directions names unknown criterion {name!r}; criteria are {criteria}")
        if value not in DIRECTIONS:
            raise ValueError(f"direction of criterion {name!r} is {value!r}; use 'benefit' or 'cost'")
    return [directions.get(c, "benefit") for c in criteria]


def check_matrix(scores: pd.DataFrame, directions: Mapping | None = None) -> None:
    """Raise ValueError naming the entry if ``scores`` or ``directions`` is not a valid matrix."""
    _check_directions(directions, _check_scores(scores)[1])


def check_weights(weights: Mapping, criteria: list[str], *, allow_all_zero: bool = False) -> None:
    """Raise ValueError naming the entry unless every criterion has a finite weight ≥ 0.

    All-zero weights are an error unless ``allow_all_zero`` (a widget may pass through that state).
    """
    _check_weights(weights, criteria, allow_all_zero)


def _check_weights(weights: Mapping, criteria: list[str], allow_all_zero: bool = False) -> list[float]:
    """The weight of each criterion in order: every criterion needs one, ≥ 0, not all zero."""
    if not isinstance(weights, Mapping):
        raise ValueError(f"weights must map criterion → number, got {type(weights).__name__}")
    for name in weights:
        if name not in criteria:
            raise ValueError(f"weights name unknown criterion {name!r}; criteria are {criteria}")
    out = []
    for name in criteria:
        if name not in weights:
            raise ValueError(
                f"weight for criterion {name!r} is missing; give every criterion a weight (0 to ignore it)"
            )
        value = weights[name]
        if not _is_number(value) or not math.isfinite(value):
            raise ValueError(f"weight for criterion {name!r} is {value!r}; give a finite number ≥ 0")
        if value < 0:
            raise ValueError(f"weight for criterion {name!r} is {value}, negative; weights must be ≥ 0")
        out.append(float(value))
    if not any(out) and not allow_all_zero:
        raise ValueError("all weights are zero; give at least one criterion a positive weight")
    return out


def _adjusted(values: list[list[float]], directions: list[str]) -> list[list[float]]:
    """Direction-adjusted scores: a cost criterion counts as 10 − score."""
    return [
        [SCORE_MAX - v if d == "cost" else v for v, d in zip(row, directions, strict=True)] for row in values
    ]


# --- ranking ---------------------------------------------------------------------------------


def _beats(a: float, b: float) -> bool:
    """Whether score ``a`` is higher than ``b`` by more than the tie tolerance."""
    return a - b > TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def _weighted_means(g: list[list[float]], w: list[float]) -> list[float]:
    # Sums run left to right, as in widgets/lib/tradeoff_model.mjs, so both give bit-identical results.
    total = 0.0
    for x in w:
        total += x
    means = []
    for row in g:
        acc = 0.0
        for x, y in zip(w, row, strict=True):
            acc += x * y
        means.append(acc / total)
    return means


def _ranks(values: list[float]) -> list[int]:
    return [1 + sum(_beats(other, v) for other in values) for v in values]


def evaluate(scores: pd.DataFrame, weights: Mapping, directions: Mapping | None = None) -> pd.DataFrame:
    """Each option's weighted score (0–10) and rank (1 = best, ties share the better rank)."""
    options, criteria, values = _check_scores(scores)
    g = _adjusted(values, _check_directions(directions, criteria))
    means = _weighted_means(g, _check_weights(weights, criteria))
    out = pd.DataFrame({"score": means, "rank": _ranks(means)}, index=pd.Index(options, name="option"))
    return out


# --- tipping points --------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """The smallest change to one weight after which ``overtaker`` passes the top option."""

    criterion: str
    direction: str  # "raise" or "lower"
    weight: float  # the current weight
    threshold: float  # beyond this value (above for raise, below for lower) the top option changes
    delta: float  # |threshold - weight|
    overtaker: str


@dataclass(frozen=True)
class TippingPoints:
    """Where the top option stops being on top, one criterion's weight at a time.

    ``table`` is indexed by criterion with columns ``weight``, ``lo``, ``hi`` (the interval of that
    weight, others fixed, over which ``top`` stays ranked 1; ``hi`` may be ``inf``),
    ``overtaker_below`` (who passes ``top`` when the weight drops below ``lo``) and
    ``overtaker_above`` (who passes it above ``hi``); ``None`` where nobody does.
    """

    top: str
    tied: tuple[str, ...]
    table: pd.DataFrame
    change: Change | None


def _criterion_interval(g: list[list[float]], w: list[float], k: int, top: int):
    """[lo, hi] of weight k keeping option ``top`` ranked 1, and who overtakes beyond each end.

    With the other weights fixed, option j's weighted sum is the line A_j + t·g_jk in t = w_k and
    the common denominator W + t is positive, so the top changes where two lines cross:
    t* = (A_top − A_j) / (g_jk − g_top,k). Steeper lines overtake above, shallower ones below.
    """
    t0 = w[k]
    others = 0.0
    for i, x in enumerate(w):
        if i != k:
            others += x
    if others == 0.0:  # only this criterion counts: the ranking is the same for every t > 0
        return 0.0, math.inf, None, None
    sums = []
    for row in g:
        acc = 0.0
        for i, (x, y) in enumerate(zip(w, row, strict=True)):
            if i != k:
                acc += x * y
        sums.append(acc)
    hi, hi_opt, hi_slope = math.inf, None, 0.0
    lo, lo_opt, lo_slope = -math.inf, None, 0.0
    for j, row in enumerate(g):
        slope = row[k] - g[top][k]
        if j == top or slope == 0.0:
            continue
        cross = (sums[top] - sums[j]) / slope
        if slope > 0:
            if hi_opt is None or _beats(hi, cross) or (not _beats(cross, hi) and slope > hi_slope):
                hi, hi_opt, hi_slope = cross, j, slope
        elif lo_opt is None or _beats(cross, lo) or (not _beats(lo, cross) and slope < lo_slope):
            lo, lo_opt, lo_slope = cross, j, slope
    hi, lo = max(hi, t0), min(lo, t0)
    if lo < 0.0 or not _beats(lo, 0.0):  # a crossing at or below 0 cannot be reached
        lo, lo_opt = 0.0, None
    return lo, hi, lo_opt, hi_opt


def tipping_points(
    scores: pd.DataFrame, weights: Mapping, directions: Mapping | None = None
) -> TippingPoints:
    """For each criterion, the weight interval that keeps the top option on top (others fixed).

    Derived exactly from where the options' weighted-mean lines cross, not by search. The change
    reported is the smallest move of one weight past which another option ranks strictly above
    the top option; ties in size go to the earlier criterion, then to raising.
    """
    options, criteria, values = _check_scores(scores)
    g = _adjusted(values, _check_directions(directions, criteria))
    w = _check_weights(weights, criteria)
    ranks = _ranks(_weighted_means(g, w))
    top = ranks.index(1)
    rows, change = [], None
    for k, criterion in enumerate(criteria):
        lo, hi, lo_opt, hi_opt = _criterion_interval(g, w, k, top)
        rows.append(
            {
                "weight": w[k],
                "lo": lo,
                "hi": hi,
                "overtaker_below": None if lo_opt is None else options[lo_opt],
                "overtaker_above": None if hi_opt is None else options[hi_opt],
            }
        )
        for direction, opt, threshold in (("raise", hi_opt, hi), ("lower", lo_opt, lo)):
            delta = abs(threshold - w[k])
            if opt is not None and (change is None or delta < change.delta):
                change = Change(criterion, direction, w[k], threshold, delta, options[opt])
    table = pd.DataFrame(rows, index=pd.Index(criteria, name="criterion"))
    for column in ("overtaker_below", "overtaker_above"):  # keep None (not NaN) where nobody overtakes
        table[column] = pd.Series([r[column] for r in rows], index=table.index, dtype=object)
    tied = tuple(o for o, r in zip(options, ranks, strict=True) if r == 1)
    return TippingPoints(options[top], tied, table, change)


# --- reaching an option: the weights that put it on top ---------------------------------------


def _sole_top_index(g: list[list[float]], w: list[float]) -> int | None:
    """The option ranked 1 on its own under weights ``w``, or None (a tie, or every weight zero)."""
    if not any(w):
        return None
    ranks = _ranks(_weighted_means(g, w))
    return ranks.index(1) if ranks.count(1) == 1 else None


def sole_top(scores: pd.DataFrame, weights: Mapping, directions: Mapping | None = None) -> str | None:
    """The single top option under ``weights``; None when several share rank 1 or every weight is 0."""
    options, criteria, values = _check_scores(scores)
    g = _adjusted(values, _check_directions(directions, criteria))
    top = _sole_top_index(g, _check_weights(weights, criteria, allow_all_zero=True))
    return None if top is None else options[top]


def _slider_settings(base: list[float], moves: int | str):
    """(distance moved, weights) for every setting a reader can reach from ``base``: up to ``moves``
    sliders changed, each to a value of :data:`SLIDER_VALUES`, or for ``"any"`` every slider on
    :data:`COARSE_VALUES`; the distance is the total the sliders move."""
    if moves == "any":
        for row in itertools.product(COARSE_VALUES, repeat=len(base)):
            yield sum(map(abs, map(operator.sub, row, base))), list(row)
        return
    for k in range(1, moves + 1):
        for chosen in itertools.combinations(range(len(base)), k):
            for values in itertools.product(SLIDER_VALUES, repeat=k):
                if any(base[i] == v for i, v in zip(chosen, values, strict=True)):
                    continue
                row = list(base)
                for i, v in zip(chosen, values, strict=True):
                    row[i] = v
                yield sum(abs(v - base[i]) for i, v in zip(chosen, values, strict=True)), row


def reaching_weights(
    scores: pd.DataFrame,
    start: Mapping,
    target: str,
    moves: int | str,
    directions: Mapping | None = None,
) -> dict[str, float] | None:
    """The smallest change of the sliders from ``start`` that makes ``target`` the single top option,
    as {criterion: new weight}; None if there is none.

    With ``moves`` a whole number the search covers every value that many sliders can take, so None
    means no such change exists on the sliders; with ``"any"`` it covers a coarse grid of all of them.
    Size is the total distance the sliders move; ties go to the first setting in search order.
    """
    options, criteria, values = _check_scores(scores)
    g = _adjusted(values, _check_directions(directions, criteria))
    base = _check_weights(start, criteria, allow_all_zero=True)
    if target not in options:
        raise ValueError(f"target {target!r} is not an option; options are {options}")
    if moves != "any" and not (isinstance(moves, int) and not isinstance(moves, bool) and moves >= 1):
        raise ValueError(f"moves is {moves!r}; give a whole number ≥ 1 or 'any'")
    goal = options.index(target)
    best, best_size = None, math.inf
    for size, row in _slider_settings(base, moves):
        if size >= best_size or not any(row):
            continue
        means = _weighted_means(g, row)
        if any(_beats(m, means[goal]) for m in means):  # a cheap first screen: someone beats the target
            continue
        if _sole_top_index(g, row) == goal:
            best, best_size = row, size
    if best is None:
        return None
    return {c: w for c, w, b in zip(criteria, best, base, strict=True) if w != b}


def format_weight(x: float) -> str:
    """A weight to at most two decimals, halves rounded up, trailing zeros dropped (as JS toFixed)."""
    text = str(Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def _join(names: tuple[str, ...]) -> str:
    starred = [f"*{n}*" for n in names]
    return starred[0] if len(starred) == 1 else ", ".join(starred[:-1]) + " and " + starred[-1]


def readout(tp: TippingPoints, slider_max: float | None = None) -> str:
    """One sentence on what would change the top option, e.g. "Raise *x* above 6.5 and *b* overtakes *a*."

    Names are wrapped in asterisks for emphasis; ``slider_max`` adds a note when the threshold
    lies beyond the widget's slider range.
    """
    lead = f"{_join(tp.tied)} share the top" if len(tp.tied) > 1 else ""
    c = tp.change
    if c is None:
        if lead:
            return f"{lead}; no single weight change puts another option above *{tp.top}*."
        return f"*{tp.top}* stays on top whatever single weight you change."
    word = "above" if c.direction == "raise" else "below"
    sentence = f"{c.direction} *{c.criterion}* {word} {format_weight(c.threshold)}"
    sentence += f" and *{c.overtaker}* overtakes *{tp.top}*"
    if slider_max is not None and c.threshold > slider_max:
        sentence += f" (beyond the slider's range of 0–{format_weight(slider_max)})"
    return f"{lead}; {sentence}." if lead else sentence[0].upper() + sentence[1:] + "."


# --- Pareto ------------------------------------------------------------------------------------


def dominated_by(scores: pd.DataFrame, directions: Mapping | None = None) -> dict[str, list[str]]:
    """For each option, the options that dominate it (≥ on every criterion, > on at least one)."""
    options, criteria, values = _check_scores(scores)
    g = _adjusted(values, _check_directions(directions, criteria))
    out = {}
    for i, option in enumerate(options):
        out[option] = [
            options[j]
            for j in range(len(options))
            if j != i
            and all(a >= b for a, b in zip(g[j], g[i], strict=True))
            and any(a > b for a, b in zip(g[j], g[i], strict=True))
        ]
    return out


def pareto(scores: pd.DataFrame, directions: Mapping | None = None) -> list[str]:
    """The options no other option dominates, in matrix order."""
    return [option for option, by in dominated_by(scores, directions).items() if not by]


# --- shipped matrices ------------------------------------------------------------------------


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
    from debatekit.content import evidence

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
    if not _is_number(value) or math.isnan(value) or not low <= value <= high:
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
