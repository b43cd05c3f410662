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
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from debatekit.content.files import is_finite_number, is_number
from debatekit.content.matrices import DIRECTIONS, SCORE_MAX, SCORE_MIN

TIE_TOLERANCE = 1e-12
#: The weights a reader can set on the widget's sliders (0 to 10 in steps of 0.5).
SLIDER_VALUES = tuple(i / 2 for i in range(21))
#: The grid searched when every slider may move (``moves="any"``): 0, 2.5, …, 10.
COARSE_VALUES = (0.0, 2.5, 5.0, 7.5, 10.0)


# --- validation ------------------------------------------------------------------------------


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
            if value is None or value is pd.NA or (is_number(value) and math.isnan(value)):
                raise ValueError(f"{where} is missing (NaN); give a number from 0 to 10")
            if not is_number(value):
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
        if not is_finite_number(value):
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


def _sole_top_of(means: list[float]) -> int | None:
    """The option ranked 1 on its own by these weighted means, or None (a tie)."""
    ranks = _ranks(means)
    return ranks.index(1) if ranks.count(1) == 1 else None


def _sole_top_index(g: list[list[float]], w: list[float]) -> int | None:
    """The option ranked 1 on its own under weights ``w``, or None (a tie, or every weight zero)."""
    return _sole_top_of(_weighted_means(g, w)) if any(w) else None


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
        if _sole_top_of(means) == goal:
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
