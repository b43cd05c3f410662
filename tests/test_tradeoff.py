"""The decision model (debatekit.models.tradeoff), its shipped matrices and the widget's Python side.

Expected numbers are worked out by hand in each test's comments, never by calling the model.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from debatekit.content import evidence, matrices
from debatekit.content.files import DataError, data_path
from debatekit.models import tradeoff
from debatekit.widgets import TradeoffWidget

#: The stakeholder lenses this course's matrices define (matrices.yml), in order.
COURSE_LENSES = ("US", "Russia", "Ukraine", "Europe")


def frame(rows: dict[str, list[float]], criteria: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=criteria)


# A: x=8, y=6 → adjusted (y is a cost: 10 − 6) 8, 4;  B: 5, 1 → 5, 9;  C: 2, 2 → 2, 8.
THREE = frame({"A": [8, 6], "B": [5, 1], "C": [2, 2]}, ["x", "y"])
THREE_DIR = {"y": "cost"}
THREE_W = {"x": 3, "y": 1}


# --- evaluate --------------------------------------------------------------------------------


def test_evaluate_is_the_weighted_mean_of_direction_adjusted_scores():
    out = tradeoff.evaluate(THREE, THREE_W, THREE_DIR)
    # A: (3·8 + 1·4)/4 = 7;  B: (3·5 + 1·9)/4 = 6;  C: (3·2 + 1·8)/4 = 3.5
    assert out["score"].tolist() == pytest.approx([7.0, 6.0, 3.5])
    assert out["rank"].tolist() == [1, 2, 3]
    assert out.index.tolist() == ["A", "B", "C"]


def test_a_cost_criterion_counts_as_ten_minus_the_score():
    scores = frame({"A": [2], "B": [7]}, ["risk"])
    assert tradeoff.evaluate(scores, {"risk": 1}, {"risk": "cost"})["score"].tolist() == [8.0, 3.0]
    assert tradeoff.evaluate(scores, {"risk": 1})["score"].tolist() == [2.0, 7.0]


def test_weights_need_not_sum_to_one_only_their_ratios_matter():
    a = tradeoff.evaluate(THREE, {"x": 3, "y": 1}, THREE_DIR)
    b = tradeoff.evaluate(THREE, {"x": 0.75, "y": 0.25}, THREE_DIR)
    assert a["score"].tolist() == pytest.approx(b["score"].tolist())


def test_numpy_numbers_are_accepted_as_weights():
    weights = {"x": np.int64(3), "y": np.float32(1)}
    assert tradeoff.evaluate(THREE, weights, THREE_DIR)["score"].tolist() == pytest.approx([7.0, 6.0, 3.5])


def test_a_zero_weight_ignores_that_criterion():
    out = tradeoff.evaluate(THREE, {"x": 0, "y": 2}, THREE_DIR)
    assert out["score"].tolist() == [4.0, 9.0, 8.0]  # the adjusted y column alone
    assert out["rank"].tolist() == [3, 1, 2]


def test_exact_ties_share_the_better_rank_like_pandas_min():
    # A: (6+4)/2 = 5; B: (4+6)/2 = 5; C: (5+4)/2 = 4.5; D: (6+4)/2 = 5
    scores = frame({"A": [6, 4], "B": [4, 6], "C": [5, 4], "D": [6, 4]}, ["x", "y"])
    out = tradeoff.evaluate(scores, {"x": 1, "y": 1})
    assert out["rank"].tolist() == [1, 1, 4, 1]
    assert out["rank"].tolist() == out["score"].rank(method="min", ascending=False).astype(int).tolist()


def test_scores_equal_up_to_rounding_count_as_a_tie():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point, 0.3 + 0 is 0.3: the same score really.
    scores = frame({"A": [0.1, 0.2], "B": [0.3, 0.0]}, ["x", "y"])
    out = tradeoff.evaluate(scores, {"x": 1, "y": 1})
    assert out["score"]["A"] != out["score"]["B"]
    assert out["rank"].tolist() == [1, 1]


# --- tipping points --------------------------------------------------------------------------


def test_tipping_interval_and_overtakers_for_each_criterion():
    tp = tradeoff.tipping_points(THREE, THREE_W, THREE_DIR)
    assert tp.top == "A" and tp.tied == ("A",)
    x, y = tp.table.loc["x"], tp.table.loc["y"]
    # Weight of x = t, y fixed at 1: sums A = 8t + 4, B = 5t + 9, C = 2t + 8.
    # B meets A at 8t + 4 = 5t + 9 → t = 5/3; C at 8t + 4 = 2t + 8 → t = 2/3. Lowering x below
    # 5/3 lets B past; nothing is steeper than A, so raising x never changes the top.
    assert (x["lo"], x["hi"]) == (pytest.approx(5 / 3), math.inf)
    assert (x["overtaker_below"], x["overtaker_above"]) == ("B", None)
    # Weight of y = t, x fixed at 3: A = 24 + 4t, B = 15 + 9t, C = 6 + 8t. B meets A at t = 9/5,
    # C at t = 18/4 = 4.5, so B overtakes above 1.8; lowering y to 0 keeps A on top.
    assert (y["lo"], y["hi"]) == (0.0, pytest.approx(1.8))
    assert (y["overtaker_below"], y["overtaker_above"]) == (None, "B")


def test_smallest_change_is_the_nearest_crossing_over_all_weights():
    change = tradeoff.tipping_points(THREE, THREE_W, THREE_DIR).change
    # Lowering x by 3 − 5/3 = 1.33 or raising y by 1.8 − 1 = 0.8: raising y is smaller.
    assert (change.criterion, change.direction, change.overtaker) == ("y", "raise", "B")
    assert change.threshold == pytest.approx(1.8) and change.delta == pytest.approx(0.8)


def test_the_crossing_really_is_where_the_top_changes():
    at = tradeoff.evaluate(THREE, {"x": 3, "y": 1.8}, THREE_DIR)
    above = tradeoff.evaluate(THREE, {"x": 3, "y": 1.81}, THREE_DIR)
    below = tradeoff.evaluate(THREE, {"x": 3, "y": 1.79}, THREE_DIR)
    assert at.loc[["A", "B"], "rank"].tolist() == [1, 1]
    assert above.loc["B", "rank"] == 1 and above.loc["A", "rank"] == 2
    assert below.loc["A", "rank"] == 1 and below.loc["B", "rank"] == 2


def test_readout_names_the_criterion_threshold_and_who_overtakes_whom():
    tp = tradeoff.tipping_points(THREE, THREE_W, THREE_DIR)
    assert tradeoff.readout(tp) == "Raise *y* above 1.8 and *B* overtakes *A*."


def test_readout_when_lowering_a_weight_is_the_nearest_change():
    # x = 2, y = 1.5: A = (16 + 6)/3.5 = 6.29, B = (10 + 13.5)/3.5 = 6.71, so B leads.
    # x = t: A = 8t + 6, B = 5t + 13.5 → A passes B above t = 2.5 (0.5 away).
    # y = t: A = 16 + 4t, B = 10 + 9t → A passes B below t = 1.2 (0.3 away): the nearer change.
    tp = tradeoff.tipping_points(THREE, {"x": 2, "y": 1.5}, THREE_DIR)
    assert tp.top == "B"
    assert tp.table.loc["x", ["hi", "overtaker_above"]].tolist() == [pytest.approx(2.5), "A"]
    assert tradeoff.readout(tp) == "Lower *y* below 1.2 and *A* overtakes *B*."


def test_readout_flags_a_threshold_beyond_the_slider_range():
    # x weight 10, y = t: A = 100 + 0t, B = 0 + 1t → B overtakes above t = 100.
    scores = frame({"A": [10, 0], "B": [0, 1]}, ["x", "y"])
    tp = tradeoff.tipping_points(scores, {"x": 10, "y": 0})
    assert tradeoff.readout(tp) == "Raise *y* above 100 and *B* overtakes *A*."
    assert tradeoff.readout(tp, slider_max=10) == (
        "Raise *y* above 100 and *B* overtakes *A* (beyond the slider's range of 0–10)."
    )


def test_when_one_criterion_carries_all_the_weight_its_own_interval_is_unbounded():
    # Only x counts (y = 0): A = 9, B = 5 for every positive weight of x.
    scores = frame({"A": [9, 1], "B": [5, 8]}, ["x", "y"])
    tp = tradeoff.tipping_points(scores, {"x": 2, "y": 0})
    assert tp.table.loc["x", ["lo", "hi"]].tolist() == [0.0, math.inf]
    assert tp.table.loc["x", ["overtaker_below", "overtaker_above"]].tolist() == [None, None]
    # y = t, x = 2: A = 18 + t, B = 10 + 8t → B overtakes above 8/7.
    assert tp.table.loc["y", "hi"] == pytest.approx(8 / 7)
    assert tradeoff.readout(tp) == "Raise *y* above 1.14 and *B* overtakes *A*."


def test_no_change_when_the_top_option_dominates():
    scores = frame({"A": [9, 9], "B": [5, 8]}, ["x", "y"])
    tp = tradeoff.tipping_points(scores, {"x": 1, "y": 1})
    assert tp.change is None
    assert tp.table["overtaker_above"].isna().all() and tp.table["overtaker_below"].isna().all()
    assert tradeoff.readout(tp) == "*A* stays on top whatever single weight you change."


def test_a_tie_at_the_top_reports_the_first_listed_option_and_a_zero_change():
    # A = (6, 4), B = (4, 6), equal weights: both 5. x = t, y = 1: A = 6t + 4, B = 4t + 6 meet at
    # t = 1 (now): lowering x at all puts B ahead; symmetric for raising y.
    scores = frame({"A": [6, 4], "B": [4, 6], "C": [5, 4]}, ["x", "y"])
    tp = tradeoff.tipping_points(scores, {"x": 1, "y": 1})
    assert (tp.top, tp.tied) == ("A", ("A", "B"))
    assert (tp.change.criterion, tp.change.direction, tp.change.delta, tp.change.overtaker) == (
        "x",
        "lower",
        0,
        "B",
    )
    assert tp.table.loc["y", ["hi", "overtaker_above"]].tolist() == [1.0, "B"]
    assert tradeoff.readout(tp) == "*A* and *B* share the top; lower *x* below 1 and *B* overtakes *A*."


def test_identical_options_tied_at_the_top_cannot_be_separated():
    scores = frame({"A": [6, 4], "B": [6, 4], "C": [1, 1]}, ["x", "y"])
    tp = tradeoff.tipping_points(scores, {"x": 1, "y": 1})
    assert tp.change is None
    assert (
        tradeoff.readout(tp)
        == "*A* and *B* share the top; no single weight change puts another option above *A*."
    )


def test_tipping_intervals_agree_with_re_evaluating_beyond_each_end():
    rng = random.Random(7)
    checked = 0
    for _ in range(60):
        n, m = rng.randint(2, 6), rng.randint(2, 5)
        criteria = [f"c{k}" for k in range(m)]
        scores = frame({f"o{j}": [rng.randint(0, 10) for _ in criteria] for j in range(n)}, criteria)
        weights = {c: rng.randint(1, 10) for c in criteria}
        directions = {c: rng.choice(["benefit", "cost"]) for c in criteria}
        tp = tradeoff.tipping_points(scores, weights, directions)
        for crit, row in tp.table.iterrows():
            inside = (row["lo"] + min(row["hi"], row["lo"] + 20)) / 2
            ranks = tradeoff.evaluate(scores, {**weights, crit: inside}, directions)["rank"]
            assert ranks[tp.top] == 1
            for end, who, step in (
                (row["hi"], row["overtaker_above"], 1e-6),
                (row["lo"], row["overtaker_below"], -1e-6),
            ):
                if who is not None:
                    ranks = tradeoff.evaluate(
                        scores, {**weights, crit: end + step * max(1, end)}, directions
                    )["rank"]
                    assert ranks[who] < ranks[tp.top], (crit, end, who)
                    checked += 1
    assert checked > 50


def test_format_weight_rounds_halves_up_and_drops_trailing_zeros():
    assert [tradeoff.format_weight(x) for x in (6.5, 10.0, 0.0, 1 / 3, 0.125, 0.375, 2.005)] == [
        "6.5",
        "10",
        "0",
        "0.33",
        "0.13",
        "0.38",
        "2",  # 2.005 is 2.00499999… in binary
    ]


# --- Pareto ------------------------------------------------------------------------------------


def test_pareto_keeps_options_no_other_beats_on_every_criterion():
    # Adjusted: A (8, 4), B (5, 9), C (2, 8). B ≥ C on both and > on both: C is dominated.
    assert tradeoff.pareto(THREE, THREE_DIR) == ["A", "B"]
    assert tradeoff.dominated_by(THREE, THREE_DIR) == {"A": [], "B": [], "C": ["B"]}


def test_pareto_uses_direction_adjusted_scores():
    # Read y as a benefit: A (8, 6) beats B (5, 1) and C (2, 2) on both; C (2, 2) no longer loses to B.
    assert tradeoff.dominated_by(THREE) == {"A": [], "B": ["A"], "C": ["A"]}


def test_equal_on_some_criteria_and_better_on_one_dominates_but_identical_options_do_not():
    scores = frame({"A": [5, 5], "B": [5, 4], "C": [5, 5]}, ["x", "y"])
    assert tradeoff.dominated_by(scores) == {"A": [], "B": ["A", "C"], "C": []}


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "weights", "directions", "message"),
    [
        (THREE, {"x": -1, "y": 1}, None, r"weight for criterion 'x' is -1, negative"),
        (THREE, {"x": 0, "y": 0}, None, r"all weights are zero"),
        (THREE, {"x": 1}, None, r"weight for criterion 'y' is missing"),
        (THREE, {"x": 1, "y": 1, "z": 1}, None, r"weights name unknown criterion 'z'"),
        (THREE, {"x": float("nan"), "y": 1}, None, r"weight for criterion 'x' is nan"),
        (THREE, {"x": "high", "y": 1}, None, r"weight for criterion 'x' is 'high'"),
        (THREE, {"x": True, "y": 1}, None, r"weight for criterion 'x' is True"),
        (THREE, {"x": float("inf"), "y": 1}, None, r"weight for criterion 'x' is inf"),
        (THREE, THREE_W, {"z": "cost"}, r"directions names unknown criterion 'z'"),
        (THREE, THREE_W, {"y": "costly"}, r"direction of criterion 'y' is 'costly'; use 'benefit' or 'cost'"),
        (
            frame({"A": [11, 1]}, ["x", "y"]),
            THREE_W,
            None,
            r"option 'A' on criterion 'x' is 11, outside 0–10",
        ),
        (
            frame({"A": [1, -0.5]}, ["x", "y"]),
            THREE_W,
            None,
            r"option 'A' on criterion 'y' is -0.5, outside 0–10",
        ),
        (
            frame({"A": [1, float("nan")]}, ["x", "y"]),
            THREE_W,
            None,
            r"option 'A' on criterion 'y' is missing \(NaN\)",
        ),
        (
            frame({"A": [1, "high"]}, ["x", "y"]),
            THREE_W,
            None,
            r"option 'A' on criterion 'y' is 'high', not a number",
        ),
        (pd.DataFrame(columns=["x", "y"]), THREE_W, None, r"empty matrix: scores has 0 option"),
        (pd.DataFrame(index=["A"]), {}, None, r"empty matrix: .* 0 criterion"),
        (
            pd.DataFrame([[1, 2], [3, 4]], index=["A", "A"], columns=["x", "y"]),
            THREE_W,
            None,
            r"\['A'\] appear more than once",
        ),
        ([[1, 2]], THREE_W, None, r"scores must be a pandas DataFrame"),
    ],
)
def test_bad_input_raises_value_error_naming_the_entry(scores, weights, directions, message):
    for fn in (tradeoff.evaluate, tradeoff.tipping_points):
        with pytest.raises(ValueError, match=message):
            fn(scores, weights, directions)


def test_pareto_validates_the_matrix_too():
    with pytest.raises(ValueError, match=r"option 'A' on criterion 'x' is 12"):
        tradeoff.pareto(frame({"A": [12]}, ["x"]))


# --- shipped matrices ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return matrices.matrices()


def test_at_least_three_matrices_of_four_options_by_five_criteria(shipped):
    assert {"settlement", "sanctions", "posture"} <= set(shipped)
    for m in shipped.values():
        assert m.scores.shape[0] >= 4 and m.scores.shape[1] >= 5, m.name
        tradeoff.check_matrix(m.scores, m.directions)


def test_each_matrix_draws_on_its_articles(shipped):
    assert {"a000", "a003"} <= set(shipped["settlement"].articles)
    assert shipped["sanctions"].articles[0] == "a001" and len(shipped["sanctions"].articles) >= 2
    assert shipped["posture"].articles[0] == "a004" and len(shipped["posture"].articles) >= 2
    article_of = {cid: article for cid, (article, _) in matrices.card_index().items()}
    for m in shipped.values():
        cited = {article_of[cid] for ids in [*m.cards.values()] for cid in ids}
        assert cited == set(m.articles), m.name  # every listed article is used, and only those


def test_every_score_and_every_lens_weight_cites_cards_that_exist(shipped):
    known = set(evidence.cards()["card_id"])
    for m in shipped.values():
        for key in [(o, c) for o in m.options for c in m.criteria]:
            assert m.cards[key] and set(m.cards[key]) <= known, (m.name, key)
            assert m.justifications[key], (m.name, key)
        for lens in COURSE_LENSES:
            assert set(m.lenses[lens]) == set(m.criteria), (m.name, lens)
            for crit in m.criteria:
                assert m.lens_cards[lens][crit] and set(m.lens_cards[lens][crit]) <= known, (
                    m.name,
                    lens,
                    crit,
                )


def test_every_matrix_has_the_four_stakeholder_lenses_and_equal_weights(shipped):
    for m in shipped.values():
        assert list(m.lenses) == [*COURSE_LENSES, matrices.EQUAL_LENS]
        assert set(m.lenses[matrices.EQUAL_LENS].values()) == {matrices.EQUAL_WEIGHT}
        for lens, weights in m.lenses.items():
            tradeoff.evaluate(m.scores, weights, m.directions)  # valid under every lens
            assert all(w * 2 == int(w * 2) and 0 <= w <= 10 for w in weights.values()), (m.name, lens)


def test_the_lenses_disagree_about_the_best_option_somewhere(shipped):
    # Balance: the stakeholders' weights should not all crown the same option in every matrix.
    tops = {
        tradeoff.tipping_points(m.scores, m.lenses[lens], m.directions).top
        for m in shipped.values()
        for lens in COURSE_LENSES
    }
    assert len(tops) >= 3


#: a stand-in for card_index(): one card, from a000, concerning every stakeholder
KNOWN = {"a000-c01": ("a000", frozenset({"US", "Russia", "Ukraine", "Europe"}))}


def _record() -> dict:
    card = "a000-c01"
    return {
        "title": "t",
        "question": "q?",
        "note": "ours",
        "articles": ["a000"],
        "criteria": {"x": {"direction": "benefit", "description": "d"}},
        "options": {"A": "a"},
        "scores": {"A": {"x": {"score": 5, "cards": [card], "why": "w"}}},
        "lenses": {
            lens: {"why": "w", "weights": {"x": {"weight": 5, "cards": [card]}}}
            for lens in COURSE_LENSES
        },
    }


def test_a_minimal_record_parses():
    m = matrices.parse_matrix("m", _record(), KNOWN)
    assert m.scores.loc["A", "x"] == 5.0 and m.cards["A", "x"] == ["a000-c01"]


@pytest.mark.parametrize(
    ("edit", "entry", "field", "problem"),
    [
        (
            lambda r: r["scores"]["A"]["x"].update(cards=["a999-c01"]),
            "m: scores: A: x",
            "cards",
            "unknown card id",
        ),
        (lambda r: r["scores"]["A"]["x"].update(score=12), "m: scores: A: x", "score", "from 0 to 10"),
        (lambda r: r["scores"]["A"]["x"].pop("why"), "m: scores: A: x", "why", "non-empty string"),
        (
            lambda r: r["criteria"]["x"].update(direction="up"),
            "m: criteria: x",
            "direction",
            "'benefit' or 'cost'",
        ),
        (
            lambda r: r["lenses"]["US"]["weights"]["x"].update(cards=[]),
            "m: lenses: US: weights: x",
            "cards",
            "non-empty",
        ),
        (
            lambda r: r["lenses"]["US"]["weights"]["x"].update(weight=-1),
            "m: lenses: US: weights: x",
            "weight",
            "0 to 10",
        ),
        (lambda r: r["lenses"]["US"].update(colour="red"), "m: lenses: US", "colour", "unknown field"),
        (lambda r: r["lenses"]["US"].update(stakeholders="US"), "m: lenses: US", "stakeholders", "a list"),
        (lambda r: r["lenses"]["US"].update(stakeholders=["China"]), "m: lenses: US: weights: x", "cards",
         "concerns US"),
        (lambda r: r["options"].update(B="b"), "m: scores", "B", "missing"),
        (lambda r: r.update(articles=["a001"]), "m: scores: A: x", "cards", "outside this matrix's articles"),
        (lambda r: r["scores"]["A"].update(z={}), "m: scores: A", "z", "unknown criterion"),
    ],
)
def test_a_bad_matrix_record_raises_data_error_naming_file_entry_and_field(edit, entry, field, problem):
    record, known = _record(), dict(KNOWN)
    edit(record)
    with pytest.raises(DataError, match=problem) as info:
        matrices.parse_matrix("m", record, known)
    assert (info.value.file, info.value.entry, info.value.field) == ("matrices.yml", entry, field)


# --- the widget's Python side ----------------------------------------------------------------


def test_widget_from_a_shipped_matrix_starts_on_the_lens_weights(shipped):
    w = TradeoffWidget.from_matrix("posture", lens="Ukraine")
    m = shipped["posture"]
    assert w.lens == "Ukraine" and w.weights == m.lenses["Ukraine"]
    assert w.options == list(m.options) and w.criteria == list(m.criteria)
    assert w.citations["lenses"]["Ukraine"] == m.lens_cards["Ukraine"]


def test_widget_from_a_matrix_carries_the_quote_and_date_of_every_card_it_cites(shipped):
    w = TradeoffWidget.from_matrix("sanctions")
    m = shipped["sanctions"]
    cited = {cid for ids in m.cards.values() for cid in ids}
    cited |= {cid for by_crit in m.lens_cards.values() for ids in by_crit.values() for cid in ids}
    assert set(w.cards) == cited
    for cid, card in w.cards.items():
        assert card == {
            "paragraph_id": evidence.card(cid)["paragraph_id"],
            "quote": evidence.card(cid)["quote"],
            "date": evidence.date_note(evidence.card(cid)),
        }


def test_widget_ranking_is_the_model_evaluated_on_current_traits():
    w = TradeoffWidget(THREE, THREE_DIR, {"US": THREE_W}, lens="US")
    assert w.ranking.index.tolist() == ["A", "B", "C"]
    assert w.ranking["score"].tolist() == pytest.approx([7.0, 6.0, 3.5])
    assert w.ranking.loc["C", "dominated_by"] == "B"
    w.weights = {"x": 3, "y": 2}  # B: (15 + 18)/5 = 6.6 > A: (24 + 8)/5 = 6.4
    assert w.ranking.index[0] == "B"
    assert w.lens == "My weights"


def test_choosing_a_lens_in_python_loads_its_weights():
    w = TradeoffWidget(THREE, THREE_DIR, {"US": THREE_W})
    assert w.lens == "Equal weights" and w.weights == {"x": 5.0, "y": 5.0}
    w.lens = "US"
    assert w.weights == THREE_W


def test_widget_rejects_an_unknown_lens_or_matrix():
    with pytest.raises(ValueError, match="unknown lens 'Mars'"):
        TradeoffWidget(THREE, THREE_DIR, lens="Mars")
    with pytest.raises(ValueError, match="unknown matrix 'nope'"):
        TradeoffWidget.from_matrix("nope")


def test_static_fallback_is_a_table_of_the_current_ranking():
    w = TradeoffWidget(THREE, THREE_DIR, {"US": THREE_W}, lens="US")
    html = w.static_fallback().to_html()
    body = html[html.index("<tbody>") :]
    assert body.index(">A<") < body.index(">B<") < body.index(">C<")
    assert "7.00" in html and "dominated by B" in html
    assert "Raise <em>y</em> above 1.8 and <em>B</em> overtakes <em>A</em>." in html


def test_a_lens_weight_must_cite_a_card_about_that_stakeholder():
    known = {"a000-c01": ("a000", frozenset({"US", "Ukraine", "Europe"}))}  # nothing about Russia
    with pytest.raises(DataError, match="none of \\['a000-c01'\\] concerns Russia") as info:
        matrices.parse_matrix("m", _record(), known)
    assert (info.value.entry, info.value.field) == ("m: lenses: Russia: weights: x", "cards")


def test_a_lens_counts_cards_of_the_stakeholders_it_lists():
    known = {"a000-c01": ("a000", frozenset({"US", "Russia", "Ukraine", "Frontline"}))}
    record = _record()
    with pytest.raises(DataError, match="concerns Europe"):
        matrices.parse_matrix("m", record, known)
    record["lenses"]["Europe"]["stakeholders"] = ["Europe", "Frontline"]
    assert matrices.parse_matrix("m", record, known).lens_cards["Europe"]["x"] == ["a000-c01"]


def test_the_shipped_europe_lens_counts_frontline_state_cards():
    raw = yaml.safe_load(data_path("matrices.yml").read_text(encoding="utf-8"))
    assert {tuple(m["lenses"]["Europe"]["stakeholders"]) for m in raw["matrices"].values()} == {
        ("Europe", "Frontline")
    }


# --- reaching an option (the chapters' prompt solver) ----------------------------------------------

_SOLVER_BASELINE = json.loads((Path(__file__).parent / "data" / "solver_baseline.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "case",
    _SOLVER_BASELINE["prompts"] + _SOLVER_BASELINE["grid"],
    ids=lambda c: f"{c['matrix']}|{c['lens']}|{c['prefer']}|{c['moves']}",
)
def test_reaching_weights_answers_as_the_solver_it_replaced(case):
    # The numbers were recorded from chapters.prompt_answer/prompt_start before the solver moved
    # here (it screened candidates with its own numpy copy of the weighted sum).
    m = matrices.matrices()[case["matrix"]]
    start = m.lenses[case["lens"]]
    assert tradeoff.sole_top(m.scores, start, m.directions) == case["start"]
    if "answer" in case:
        got = tradeoff.reaching_weights(m.scores, start, case["prefer"], case["moves"], m.directions)
        assert got == case["answer"]


def test_reaching_weights_names_a_bad_target_or_move_count():
    m = next(iter(matrices.matrices().values()))
    start = m.lenses[matrices.EQUAL_LENS]
    with pytest.raises(ValueError, match="not an option"):
        tradeoff.reaching_weights(m.scores, start, "no such option", 1, m.directions)
    with pytest.raises(ValueError, match="moves is 0"):
        tradeoff.reaching_weights(m.scores, start, m.scores.index[0], 0, m.directions)


def test_sole_top_is_none_for_a_tie_or_all_zero_weights():
    scores = pd.DataFrame([[5.0, 5.0], [5.0, 5.0]], index=["a", "b"], columns=["x", "y"])
    assert tradeoff.sole_top(scores, {"x": 1, "y": 1}) is None
    assert tradeoff.sole_top(scores.assign(x=[6.0, 5.0]), {"x": 0, "y": 0}) is None
    assert tradeoff.sole_top(scores.assign(x=[6.0, 5.0]), {"x": 1, "y": 0}) == "a"
