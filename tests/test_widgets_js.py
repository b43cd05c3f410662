"""The ledger, scenario and flow widgets' JavaScript agrees with their Python models (run under Node).

Each widget gets at least 200 random inputs, batched into one Node process per function, plus the
shipped data; bad inputs must be rejected by both sides.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from debatekit.content import formats, motions
from debatekit.content import scenarios as scenario_data
from debatekit.models import flow, ledger, scenarios
from debatekit.render import flow as flow_sheet
from debatekit.render.markdown import escape_markdown

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = ROOT / "src/debatekit/widgets"
RUNNER = ROOT / "tests/js/run_compute.mjs"
N_CASES = 240

pytestmark = pytest.mark.usefixtures("node")

# Calls a named export of a widget module on each case read from stdin (for exports other than
# compute(), which tests/js/run_compute.mjs covers). Errors become {"error": message}.
_CALL_EXPORT = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [path, name] = process.argv.slice(1);
const m = await import(pathToFileURL(path).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const call = (args) => {
  try { return { result: m[name](...args) }; } catch (e) { return { error: e.message }; }
};
const out = cases.map(call);
process.stdout.write(JSON.stringify(out));
"""


def run_compute(widget: str, cases: list[list]) -> list[dict]:
    proc = subprocess.run(
        ["node", str(RUNNER), str(WIDGETS / widget)],
        input=json.dumps([{"args": args} for args in cases]),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(proc.stdout)


def run_export(widget: str, name: str, cases: list[list]) -> list[dict]:
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", _CALL_EXPORT, str(WIDGETS / widget), name],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(proc.stdout)


def python_result(func, *args) -> dict:
    try:
        return {"result": func(*args)}
    except ValueError as exc:
        return {"error": str(exc)}


# --- ledger -------------------------------------------------------------------------------------


def _weight(rng: random.Random) -> float:
    r = rng.random()
    return (
        float(rng.randint(0, 10)) / 2
        if r < 0.6
        else (rng.uniform(0, 5) if r < 0.9 else rng.choice([0.0, 5.0]))
    )


def _likelihood(rng: random.Random):
    r = rng.random()
    if r < 0.35:
        return rng.randint(0, 20) / 20  # 0, 0.05, ..., 1
    if r < 0.55:
        return rng.random()
    if r < 0.8:
        return f"{rng.randint(0, 100)}%"
    return f"{rng.randint(0, 99)}.{rng.randint(0, 9)}%"


def _ledger_case(rng: random.Random, i: int) -> list:
    if i % 4 == 0:
        items = [x.as_dict() for x in ledger.ledger().items]
    else:
        holders = rng.sample(["US", "Russia", "Ukraine", "Europe", "China"], rng.randint(1, 5))
        items = [
            {"item_id": f"item-{k}", "stakeholder": rng.choice(holders), "kind": rng.choice(["gain", "risk"]),
             "default_weight": _weight(rng), "default_likelihood": rng.randint(0, 20) / 20}
            for k in range(rng.randint(1, 12))
        ]  # fmt: skip
    ratings = {}
    for x in items:
        if rng.random() < 0.7:
            r = {}
            if rng.random() < 0.8:
                r["weight"] = _weight(rng)
            if rng.random() < 0.8:
                r["likelihood"] = _likelihood(rng)
            ratings[x["item_id"]] = r
    if i % 9 == 0:  # exact halves at one decimal: 0.5 × 0.5 = 0.25 → "+0.3" in both
        for x in items:
            ratings[x["item_id"]] = {"weight": 0.5, "likelihood": rng.choice([0.5, 0.1, 0.7, "50%"])}
    return [items, ratings]


@pytest.fixture(scope="module")
def ledger_runs():
    rng = random.Random(4101)
    cases = [_ledger_case(rng, i) for i in range(N_CASES)]
    return cases, run_compute("ledger.js", cases)


def test_ledger_batch_covers_percentages_ties_and_every_verdict(ledger_runs):
    cases, results = ledger_runs
    assert len(cases) == len(results) >= 200
    assert sum(1 for _, r in cases for v in r.values() if isinstance(v.get("likelihood"), str)) >= 200
    verdicts = {s["verdict"] for r in results for s in r["result"]["stakeholders"]}
    assert verdicts == {"gains outweigh risks", "risks outweigh gains", "gains and risks balance"}
    halves = [s for r in results for s in r["result"]["stakeholders"] if round(abs(s["net"]) * 20) % 2 == 1]
    assert len(halves) >= 20  # nets ending in .x5 exercise the rounding rule


def test_ledger_js_compute_matches_python_exactly(ledger_runs):
    cases, results = ledger_runs
    for i, (args, js) in enumerate(zip(cases, results, strict=True)):
        assert "error" not in js, f"case {i}: {js.get('error')}"
        assert js["result"] == ledger.compute(*args), f"case {i}"


def test_ledger_bad_ratings_are_rejected_by_both():
    items = [x.as_dict() for x in ledger.ledger().items]
    bad = [
        {"eu-energy": {"weight": 6}},
        {"eu-energy": {"weight": -0.5}},
        {"eu-energy": {"likelihood": 1.5}},
        {"eu-energy": {"likelihood": "150%"}},
        {"eu-energy": {"likelihood": "forty"}},
        {"eu-energy": {"likelihood": True}},
        {"eu-energy": {"weight": "3"}},
        {"eu-energy": {"size": 3}},
        {"eu-energy": 3},
        {"no-such-item": {"weight": 1}},
    ]
    results = run_compute("ledger.js", [[items, r] for r in bad])
    for ratings, js in zip(bad, results, strict=True):
        assert "error" in js, ratings
        with pytest.raises(ValueError) as exc:
            ledger.compute(items, ratings)
        name = next(iter(ratings))
        assert name in js["error"] and name in str(exc.value)


# --- scenarios ----------------------------------------------------------------------------------


def _sequence_case(rng: random.Random, i: int) -> list:
    if i % 3 == 0:
        steps = scenario_data.steps_data()
    else:
        ids = [f"s{k}" for k in range(rng.randint(1, 10))]
        steps = []
        for x in ids:
            others = [y for y in ids if y != x]
            steps.append(
                {"step_id": x, "preconditions": rng.sample(others, rng.randint(0, min(3, len(others))))}
            )
    order = [s["step_id"] for s in steps]
    rng.shuffle(order)
    return [order, steps]


def _inplay_case(rng: random.Random, i: int) -> list:
    if i % 3 == 0:
        data = scenario_data.explorer_data()
        measures, consequences = data["measures"], data["consequences"]
    else:
        measures = [{"measure_id": f"m{k}"} for k in range(rng.randint(1, 8))]
        ids = [m["measure_id"] for m in measures]
        consequences = []
        for k in range(rng.randint(1, 10)):
            pool = rng.sample(ids, rng.randint(0, len(ids)))
            cut = rng.randint(0, len(pool))
            consequences.append({"consequence_id": f"c{k}", "all_of": pool[:cut], "none_of": pool[cut:]})
    chosen = [m["measure_id"] for m in measures if rng.random() < 0.5]
    return [chosen, measures, consequences]


@pytest.fixture(scope="module")
def scenario_runs():
    rng = random.Random(4102)
    seq_cases = [_sequence_case(rng, i) for i in range(N_CASES)]
    play_cases = [_inplay_case(rng, i) for i in range(N_CASES)]
    return (
        seq_cases,
        run_compute("scenarios.js", seq_cases),
        play_cases,
        run_export("scenarios.js", "consequencesInPlay", play_cases),
    )


def test_scenarios_batch_has_met_and_unmet_orders_and_both_statuses(scenario_runs):
    seq_cases, seq_js, play_cases, play_js = scenario_runs
    assert len(seq_js) >= 200 and len(play_js) >= 200
    assert sum(1 for r in seq_js if r["result"]["blocked"]) >= 100
    assert sum(1 for r in seq_js if not r["result"]["blocked"]) >= 10
    statuses = [c["in_play"] for r in play_js for c in r["result"]]
    assert statuses.count(True) >= 100 and statuses.count(False) >= 100


def test_scenarios_js_compute_matches_python_unmet_preconditions(scenario_runs):
    seq_cases, seq_js, _, _ = scenario_runs
    for i, (args, js) in enumerate(zip(seq_cases, seq_js, strict=True)):
        assert "error" not in js, f"case {i}: {js.get('error')}"
        assert js["result"] == scenarios.unmet_preconditions(*args), f"case {i}"


def test_scenarios_js_consequences_match_python(scenario_runs):
    _, _, play_cases, play_js = scenario_runs
    for i, (args, js) in enumerate(zip(play_cases, play_js, strict=True)):
        assert "error" not in js, f"case {i}: {js.get('error')}"
        assert js["result"] == scenarios.consequences_in_play(*args), f"case {i}"


def test_scenarios_bad_orders_are_rejected_by_both_with_the_same_message():
    steps = scenario_data.steps_data()
    ids = [s["step_id"] for s in steps]
    bad = [ids[:-1], ids + [ids[0]], ids[:-1] + ["no-such-step"], [*ids[1:], ids[1]]]
    results = run_compute("scenarios.js", [[order, steps] for order in bad])
    for order, js in zip(bad, results, strict=True):
        py = python_result(scenarios.unmet_preconditions, order, steps)
        assert "error" in py and js == py, order


# --- flow ---------------------------------------------------------------------------------------

MINUTES = [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8]


def _random_format(rng: random.Random) -> dict:
    sides = rng.choice([["Proposition", "Opposition"], ["Gov", "Opp"], ["A_side", "B*side"]])
    speeches = [
        {
            "order": k,
            "speaker": rng.choice(["Opener", "Whip #2", "Closer", "Speaker_1"]),
            "side": rng.choice(sides),
            "minutes": rng.choice(MINUTES),
            "kind": rng.choice(["constructive", "rebuttal", "summary"]),
        }
        for k in sorted(rng.sample(range(1, 14), rng.randint(1, 8)))
    ]
    return {"format_id": "random", "name": "Random format", "sides": sides, "speeches": speeches}


def _random_items(rng: random.Random) -> tuple[str, str, list[dict]]:
    items = []
    for side, other, letter in (("proposition", "opposition", "P"), ("opposition", "proposition", "O")):
        for n in range(1, rng.randint(1, 4) + 1):
            claim = rng.choice(["Costs $5 billion [a000].", "Plain claim.", "Uses *stars* and_under"])
            card = f"a00{rng.randint(0, 4)}-c{rng.randint(1, 40):02d}"
            items.append({"item_id": f"{letter}{n}", "side": side, "kind": "argument", "answers": None,
                          "claim": claim, "card_ids": [card]})  # fmt: skip
            if rng.random() < 0.7:
                items.append({"item_id": f"{letter}{n}.r1", "side": other, "kind": "rebuttal",
                              "answers": f"{letter}{n}", "claim": "A rebuttal | with a pipe.",
                              "card_ids": ["a001-c03", "a004-c60"]})  # fmt: skip
    return "mx", "This House would test the <flow> sheet", items


def _random_entries(rng: random.Random, fmt: dict, items: list[dict]) -> list[dict]:
    entries = []
    side_of = {s["order"]: flow.SIDES[fmt["sides"].index(s["side"])] for s in fmt["speeches"]}
    for s in fmt["speeches"]:
        mine = [i for i in items if i["side"] == side_of[s["order"]]]
        for item in rng.sample(mine, rng.randint(0, len(mine))):
            earlier = [
                e for e in entries if e["speech"] < s["order"] and side_of[e["speech"]] != side_of[s["order"]]
            ]
            answers = None
            if earlier and rng.random() < 0.6:
                target = rng.choice(earlier)
                answers = {"speech": target["speech"], "item": target["item"]}
            entries.append({"speech": s["order"], "item": item["item_id"], "answers": answers})
    rng.shuffle(entries)
    return entries


def _random_elapsed(rng: random.Random, fmt: dict) -> dict:
    out = {}
    for s in fmt["speeches"]:
        total = s["minutes"] * 60
        r = rng.random()
        if r < 0.2:
            continue
        near = [
            total - 61,
            total - 60,
            total - 59.5,
            total - 30,
            total - 30.25,
            total - 1e-9,
            total,
            total + 0.4,
        ]
        anywhere = [0, total + 75.9, rng.uniform(0, total * 1.5), rng.randint(0, int(total) + 90)]
        out[str(s["order"])] = max(0, rng.choice(near + anywhere))
    return out


def _flow_case(rng: random.Random, i: int) -> list:
    if i % 4 == 0:
        fmt = flow.flow_format(rng.choice(list(formats.formats())))
        m = flow.flow_motion(rng.choice([m.motion_id for m in motions.motions()]))
        motion_id, text, items = m["motion_id"], m["text"], m["items"]
    else:
        fmt = _random_format(rng)
        motion_id, text, items = _random_items(rng)
    entries = _random_entries(rng, fmt, items)
    flow_data = {"motion_id": motion_id, "motion": text, "items": items, "entries": entries}
    return [fmt, flow_data, _random_elapsed(rng, fmt)]


@pytest.fixture(scope="module")
def flow_runs():
    rng = random.Random(4103)
    cases = [_flow_case(rng, i) for i in range(N_CASES)]
    return cases, run_compute("flow.js", cases)


def test_flow_batch_reaches_every_timer_phase_and_rebuttal_links(flow_runs):
    cases, results = flow_runs
    assert len(results) >= 200
    phases = [s["phase"] for r in results for s in r["result"]["speeches"]]
    for phase in flow.PHASE_LABELS:
        assert phases.count(phase) >= 20, phase
    assert sum(1 for c in cases for e in c[1]["entries"] if e["answers"]) >= 100
    assert sum(1 for r in results if "\\*" in r["result"]["markdown"]) >= 20  # escaping is exercised


def test_flow_js_compute_matches_python_markdown_and_phases(flow_runs):
    cases, results = flow_runs
    for i, (args, js) in enumerate(zip(cases, results, strict=True)):
        assert "error" not in js, f"case {i}: {js.get('error')}"
        assert js["result"] == flow_sheet.compute(*args), f"case {i}"


def test_flow_bad_flows_are_rejected_by_both_with_the_same_message():
    fmt = flow.flow_format("oxford")
    base = flow.new_flow("m01")
    p1 = {"speech": 2, "item": "P1", "answers": None}
    bad = [
        ([{"speech": 1, "item": "P1", "answers": None}], {}),  # the opening vote has no side
        ([{"speech": 3, "item": "P1", "answers": None}], {}),  # an opposition speech
        ([{"speech": 2, "item": "P9", "answers": None}], {}),
        ([p1, p1], {}),
        ([p1, {"speech": 4, "item": "P2", "answers": {"speech": 2, "item": "P1"}}], {}),  # own side
        ([{"speech": 3, "item": "O1", "answers": {"speech": 4, "item": "P1"}}], {}),  # not on the flow
        (
            [
                {"speech": 3, "item": "O1", "answers": None},
                {"speech": 2, "item": "P1", "answers": {"speech": 3, "item": "O1"}},
            ],
            {},
        ),  # a later speech  # fmt: skip
        ([p1], {"6": 10}),  # the moderator's questions have no timer column
        ([p1], {"2": -5}),
        ([p1], {"two": 5}),
    ]
    cases = [[fmt, {**base, "entries": entries}, elapsed] for entries, elapsed in bad]
    results = run_compute("flow.js", cases)
    for case, js in zip(cases, results, strict=True):
        py = python_result(flow_sheet.compute, *case)
        assert "error" in py and js == py, case[1]["entries"]


def test_flow_clock_and_escaping_helpers_agree():
    values = [0, 1, 59, 60, 61, 599, 600, 3599, 3600, 4500]
    texts = ["a*b", "[x](y)", "$5 <b> #1 | ~ ^ _ {} `code` back\\slash", "plain"]
    clocks = run_export("flow.js", "formatClock", [[v] for v in values])
    escaped = run_export("flow.js", "escapeMarkdown", [[t] for t in texts])
    assert [c["result"] for c in clocks] == [flow.format_clock(v) for v in values]
    assert [e["result"] for e in escaped] == [escape_markdown(t) for t in texts]
