"""The widget's JavaScript compute() agrees with debatekit.models.tradeoff on random matrices (Node)."""

from __future__ import annotations

import json
import math
import random
import subprocess

import pandas as pd
import pytest
from jsparity import WIDGETS, run_compute

from debatekit.models import tradeoff

N_CASES = 300
TOL = 1e-9

pytestmark = pytest.mark.usefixtures("node")


def _value(rng: random.Random) -> float:
    kind = rng.random()
    if kind < 0.4:
        return float(rng.randint(0, 10))
    if kind < 0.7:
        return rng.randint(0, 20) / 2
    return rng.uniform(0, 10)


def _case(rng: random.Random, i: int) -> dict:
    """A random matrix and weighting; every few cases carry exact ties, cost criteria, zero weights."""
    n, m = rng.randint(1, 8), rng.randint(1, 7)
    options = [f"option {j}" for j in range(n)]
    criteria = [f"criterion {k}" for k in range(m)]
    values = [[_value(rng) for _ in criteria] for _ in options]
    weights = [_value(rng) if rng.random() > 0.25 else 0.0 for _ in criteria]
    if i % 5 == 0 and n > 1:  # duplicate rows: exact ties everywhere
        values[rng.randrange(n)] = list(values[rng.randrange(n)])
    if i % 7 == 0 and n > 1 and m > 1:  # mirrored options on equally weighted criteria: a tie at the top
        a, b = rng.sample(range(m), 2)
        values[1] = list(values[0])
        values[1][a], values[1][b] = values[0][b], values[0][a]
        weights[a] = weights[b] = 10.0
    if i % 11 == 0:
        weights = [0.0] * m
        weights[rng.randrange(m)] = _value(rng) or 1.0  # a single criterion carries all the weight
    if not any(weights):
        weights[rng.randrange(m)] = 1.0
    directions = {c: rng.choice(["benefit", "cost"]) for c in criteria} if i % 3 else None
    return {
        "options": options,
        "criteria": criteria,
        "values": values,
        "weights": dict(zip(criteria, weights, strict=True)),
        "directions": directions,
    }


def _run_node(cases: list[dict]) -> list[dict]:
    payload = [
        {
            "args": [
                {"options": c["options"], "criteria": c["criteria"], "values": c["values"]},
                c["weights"],
                c["directions"] or {},
            ],
            "sliderMax": 10,
        }
        for c in cases
    ]
    return run_compute("tradeoff", payload)


def _close(a: float, b) -> bool:
    b = math.inf if b == "inf" else b
    return a == b if math.isinf(a) or math.isinf(b) else abs(a - b) <= TOL


@pytest.fixture(scope="module")
def cases_and_results():
    rng = random.Random(20250402)
    cases = [_case(rng, i) for i in range(N_CASES)]
    return cases, _run_node(cases)


def test_batch_covers_ties_costs_zero_weights_and_top_ties(cases_and_results):
    cases, results = cases_and_results
    assert len(cases) == len(results) >= 200
    assert sum(1 for c in cases if c["directions"] and "cost" in c["directions"].values()) >= 50
    assert sum(1 for c in cases if 0.0 in c["weights"].values()) >= 50
    assert sum(1 for r in results if len(r["result"]["tied"]) > 1) >= 10
    assert sum(1 for r in results if r["result"]["change"] is not None) >= 100
    assert sum(1 for r in results for t in r["result"]["tipping"] if t["hi"] == "inf") >= 100


def test_js_compute_matches_python_model(cases_and_results):
    cases, results = cases_and_results
    for i, (case, js) in enumerate(zip(cases, results, strict=True)):
        assert "error" not in js, f"case {i}: {js.get('error')}"
        r = js["result"]
        scores = pd.DataFrame(case["values"], index=case["options"], columns=case["criteria"])
        ev = tradeoff.evaluate(scores, case["weights"], case["directions"])
        assert all(_close(a, b) for a, b in zip(ev["score"], r["scores"], strict=True)), f"case {i}: scores"
        assert list(ev["rank"]) == r["ranks"], f"case {i}: ranks"
        tp = tradeoff.tipping_points(scores, case["weights"], case["directions"])
        assert (tp.top, list(tp.tied)) == (r["top"], r["tied"]), f"case {i}: top"
        for (crit, row), t in zip(tp.table.iterrows(), r["tipping"], strict=True):
            assert crit == t["criterion"]
            assert _close(row["lo"], t["lo"]) and _close(row["hi"], t["hi"]), f"case {i} {crit}: interval"
            assert row["overtaker_below"] == t["overtakerBelow"], f"case {i} {crit}: below"
            assert row["overtaker_above"] == t["overtakerAbove"], f"case {i} {crit}: above"
        if tp.change is None:
            assert r["change"] is None, f"case {i}: change"
        else:
            c = r["change"]
            assert (tp.change.criterion, tp.change.direction, tp.change.overtaker) == (
                c["criterion"],
                c["direction"],
                c["overtaker"],
            ), f"case {i}: change"
            assert _close(tp.change.threshold, c["threshold"]) and _close(tp.change.delta, c["delta"])
        assert tradeoff.readout(tp, slider_max=10) == js["readout"], f"case {i}: readout"
        assert tradeoff.pareto(scores, case["directions"]) == r["pareto"], f"case {i}: pareto"
        assert tradeoff.dominated_by(scores, case["directions"]) == r["dominatedBy"], f"case {i}: dominance"


def test_js_rejects_all_zero_weights_like_python():
    scores = {"options": ["a", "b"], "criteria": ["x", "y"], "values": [[1, 2], [3, 4]]}
    weights = {"x": 0, "y": 0}
    with pytest.raises(ValueError, match="all weights are zero"):
        tradeoff.evaluate(
            pd.DataFrame(scores["values"], index=scores["options"], columns=scores["criteria"]), weights
        )
    [js] = run_compute("tradeoff", [{"args": [scores, weights, {}]}])
    assert "all weights are zero" in js["error"]


def test_weight_formatting_rounds_halves_up_in_both():
    values = [0.125, 0.375, 2.5, 6.4999999, 6.005, 10.0, 0.0, 3.14159, 7.995]
    script = (
        f"const m = await import({json.dumps((WIDGETS / 'tradeoff.js').as_uri())});"
        f"console.log(JSON.stringify({json.dumps(values)}.map(m.formatWeight)));"
    )
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(proc.stdout) == [tradeoff.format_weight(v) for v in values]
