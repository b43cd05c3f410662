"""Weighing tasks: the student submits weights; the trade-off model decides whether the target wins.

Nothing is compared with a stored answer: the grade comes from running
``debatekit.models.tradeoff.evaluate`` on the submitted numbers, so any weighting that puts the target
option strictly first (no tie) earns the points. Weights the task fixes at a stakeholder lens's
values must be left at those values: that is what "under the lens" means.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

#: How far a fixed weight may drift from the lens value (floating-point noise, not a loophole).
FIXED_TOLERANCE = 1e-9


def fmt_number(x: float) -> str:
    """A number as JavaScript's ``String(x)`` writes it (the widget words its feedback the same)."""
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def _get(obj: Any, name: str) -> Any:
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def resolve_matrix(spec: Any) -> dict:
    """A plain matrix from a shipped matrix name (``debatekit.content.matrices.matrices()``) or an inline one.

    Inline form: ``{name, scores: {option: {criterion: 0-10}}, directions: {criterion: benefit|cost},
    lenses: {lens: {criterion: weight}}}``.
    """
    if isinstance(spec, str):
        from debatekit.content.matrices import matrices

        shipped = matrices()
        if spec not in shipped:
            raise LookupError(f"no shipped matrix {spec!r}; shipped: {sorted(shipped)}")
        m = shipped[spec]
        frame = _get(m, "scores")
        options, criteria = [str(o) for o in frame.index], [str(c) for c in frame.columns]
        values = [[float(v) for v in row] for row in frame.to_numpy().tolist()]
        directions = dict(_get(m, "directions") or {})
        lenses = {
            str(k): {str(c): float(w) for c, w in dict(v).items()} for k, v in _get(m, "lenses").items()
        }
        name = spec
    elif isinstance(spec, dict) and isinstance(spec.get("scores"), dict) and spec["scores"]:
        options = list(spec["scores"])
        criteria = list(next(iter(spec["scores"].values())))
        for o in options:
            if list(spec["scores"][o]) != criteria:
                raise ValueError(f"option {o!r} must score the criteria {criteria}, in that order")
        values = [[float(spec["scores"][o][c]) for c in criteria] for o in options]
        directions = dict(spec.get("directions") or {})
        lenses = {k: {c: float(w) for c, w in v.items()} for k, v in (spec.get("lenses") or {}).items()}
        name = str(spec.get("name", "inline"))
    else:
        raise TypeError("matrix: give a shipped matrix name or an inline mapping with 'scores'")
    directions = {c: directions.get(c, "benefit") for c in criteria}
    for lens, weights in lenses.items():
        if sorted(weights) != sorted(criteria):
            raise ValueError(f"lens {lens!r} must weight exactly the criteria {criteria}")
    return {
        "name": name,
        "options": options,
        "criteria": criteria,
        "values": values,
        "directions": directions,
        "lenses": lenses,
    }


@lru_cache(maxsize=64)
def _frame(matrix_json: str):
    import pandas as pd

    m = json.loads(matrix_json)
    return pd.DataFrame(m["values"], index=m["options"], columns=m["criteria"]), m["directions"]


def ranking(matrix: dict, weights: dict[str, float]) -> list[tuple[str, float, int]]:
    """(option, score, rank) for every option, best first, from ``debatekit.models.tradeoff.evaluate``."""
    from debatekit.models.tradeoff import evaluate

    key = json.dumps({k: matrix[k] for k in ("options", "criteria", "values", "directions")}, sort_keys=True)
    scores, directions = _frame(key)
    result = evaluate(scores, {c: float(weights[c]) for c in matrix["criteria"]}, directions)
    found = zip(result.index, result["score"].tolist(), result["rank"].tolist(), strict=True)
    rows = [(str(opt), float(score), int(rank)) for opt, score, rank in found]
    return sorted(rows, key=lambda r: (r[2], matrix["options"].index(r[0])))


def outcome(task: dict, weights: dict[str, float]) -> tuple[bool, str]:
    """Whether ``weights`` make the task's target rank first on its own, and a sentence saying why."""
    fixed = [c for c in task["matrix"]["criteria"] if c not in task["adjustable"]]
    for c in fixed:
        if abs(weights[c] - task["lens_weights"][c]) > FIXED_TOLERANCE:
            lens_value = fmt_number(task["lens_weights"][c])
            return (
                False,
                f"This task keeps '{c}' at the {task['lens']} lens weight ({lens_value}); you changed it.",
            )
    bad = [c for c, w in weights.items() if not math.isfinite(w) or w < 0]
    if bad or not any(w > 0 for w in weights.values()):
        return False, "Weights must be 0 or more, and at least one must be above 0."
    ranks = ranking(task["matrix"], weights)
    target = task["target"]
    firsts = [opt for opt, _, rank in ranks if rank == 1]
    if firsts == [target]:
        return True, f"'{target}' ranks first with your weights."
    if target in firsts:
        others = ", ".join(f"'{o}'" for o in firsts if o != target)
        return False, f"'{target}' ties for first with {others}; it must rank first on its own."
    rank = next(r for opt, _, r in ranks if opt == target)
    return False, f"With your weights '{firsts[0]}' ranks first and '{target}' ranks {rank}."
