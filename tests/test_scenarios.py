"""The scenario explorer (a004) and phased sequencing (a001): data, models and the widget's Python side."""

from __future__ import annotations

import copy

import pytest
import traitlets
import yaml

from debatekit.content import corpus, evidence
from debatekit.content import scenarios as scenario_data
from debatekit.content.files import DataError, data_path
from debatekit.models import scenarios
from debatekit.widgets import ScenarioWidget

RAW = yaml.safe_load(data_path("scenarios.yml").read_text(encoding="utf-8"))
STICK = [
    "tomahawks",
    "energy-sanctions",
    "shadow-fleet",
    "frozen-assets",
    "united-front",
    "continued-support",
]


def load_changed(tmp_path, change) -> DataError:
    data = copy.deepcopy(RAW)
    change(data)
    path = tmp_path / "scenarios.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        scenario_data.load_scenarios(path)
    return exc.value


def step(data, step_id):
    return next(s for s in data["sequencing"]["steps"] if s["step_id"] == step_id)


def consequence(data, cid):
    return next(c for c in data["explorer"]["consequences"] if c["consequence_id"] == cid)


# --- the shipped data ----------------------------------------------------------------------------


def test_the_stick_strategy_has_the_five_measures_of_a004_p11_and_continued_support():
    ex = scenario_data.explorer()
    stick = [m.measure_id for m in ex.measures if m.scenario == "stick"]
    assert stick == STICK
    assert next(s for s in ex.scenarios if s.scenario_id == "stick").paragraph_ids == ("a004-p11",)


def test_every_explorer_card_is_from_a004_and_every_sequencing_card_from_a001():
    ex, seq = scenario_data.explorer(), scenario_data.sequencing()
    cited = [c for g in (ex.scenarios, ex.measures, ex.consequences) for x in g for c in x.card_ids]
    assert cited and all(evidence.card(c)["article_id"] == "a004" for c in cited)
    steps = [c for s in seq.steps for c in s.card_ids]
    assert steps and all(evidence.card(c)["article_id"] == "a001" for c in steps)


def test_the_smokescreen_caveat_is_in_play_exactly_when_the_softening_is():
    table = scenarios.in_play(["united-front", "continued-support"])
    assert table.loc["soften-moscow", "in_play"] and table.loc["smokescreen", "in_play"]
    table = scenarios.in_play(["united-front"])
    assert not table.loc["soften-moscow", "in_play"] and not table.loc["smokescreen", "in_play"]


def test_restraint_consequences_need_a_drawdown_and_no_pressure():
    alone = scenarios.in_play(["troop-drawdown"])
    assert alone.loc["lose-leverage", "in_play"] and alone.loc["embolden-kremlin", "in_play"]
    mixed = scenarios.in_play(["troop-drawdown", "energy-sanctions"])
    assert not mixed.loc["lose-leverage", "in_play"]
    assert mixed.loc["lose-leverage", "blocked_by"] == ["energy-sanctions"]
    assert mixed.loc["vacuum", "in_play"]  # a004-p13: any premature reduction, pressure or not


def test_putins_warning_is_labelled_as_a_claim_the_article_reports():
    c = next(c for c in scenario_data.explorer().consequences if c.consequence_id == "escalation-warning")
    assert c.kind == "reported claim" and c.claimant.startswith("Putin")
    assert c.all_of == ("tomahawks",)


def test_every_precondition_quote_is_verbatim_in_its_a001_paragraph():
    grounds = [g for s in scenario_data.sequencing().steps for g in s.grounds]
    assert len(grounds) == sum(len(s.preconditions) for s in scenario_data.sequencing().steps) >= 5
    for g in grounds:
        assert g.paragraph_id.startswith("a001-")
        text = corpus.normalise_space(corpus.paragraph(g.paragraph_id).text)
        assert corpus.normalise_space(g.quote) in text, g


def test_the_starting_order_leaves_the_negotiations_before_the_ceasefire_unmet():
    table = scenarios.sequence_table()
    blocked = table[table["unmet"].map(len) > 0]
    assert list(blocked.index) == ["guardrails", "nuclear-limits"]
    assert all(u == ["ceasefire"] for u in blocked["unmet"])


def test_an_order_following_the_phases_meets_every_precondition():
    order = ["ceasefire", "ukraine-defence", "european-nato", "sanctions-coordination", "nuclear-framework",
             "guardrails", "nuclear-limits", "economic-relations", "peace-agreement"]  # fmt: skip
    result = scenarios.unmet_preconditions(order, scenario_data.steps_data())
    assert result["blocked"] == []


# --- the models ----------------------------------------------------------------------------------

STEPS = [
    {"step_id": "a", "preconditions": []},
    {"step_id": "b", "preconditions": ["a"]},
    {"step_id": "c", "preconditions": ["a", "b"]},
]


def test_a_step_placed_before_its_preconditions_lists_them_as_unmet():
    result = scenarios.unmet_preconditions(["c", "a", "b"], STEPS)
    assert result["unmet"] == {"c": ["a", "b"], "a": [], "b": []}
    assert result["blocked"] == ["c"]


def test_only_the_preconditions_that_come_later_are_unmet():
    assert scenarios.unmet_preconditions(["a", "c", "b"], STEPS)["unmet"]["c"] == ["b"]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (["a", "b"], "leaves out step(s) c"),
        (["a", "b", "c", "a"], "lists step(s) a more than once"),
        (["a", "b", "x"], "unknown step(s) x"),
        ("abc", "must be a list of step ids"),
    ],
)
def test_a_bad_order_is_rejected(order, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        scenarios.unmet_preconditions(order, STEPS)


def test_a_consequence_is_in_play_when_all_its_measures_and_none_of_its_exclusions_are_chosen():
    measures = [{"measure_id": m} for m in ("x", "y", "z")]
    cons = [{"consequence_id": "k", "all_of": ["x", "y"], "none_of": ["z"]}]
    assert scenarios.consequences_in_play(["x", "y"], measures, cons)[0]["in_play"]
    out = scenarios.consequences_in_play(["x", "z"], measures, cons)[0]
    assert (out["in_play"], out["missing"], out["blocked_by"]) == (False, ["y"], ["z"])


def test_choosing_an_unknown_measure_is_rejected():
    with pytest.raises(ValueError, match="selected measure\\(s\\) nukes"):
        scenarios.consequences_in_play(["nukes"], [{"measure_id": "x"}], [])


# --- the data file's checks ----------------------------------------------------------------------


def test_a_precondition_without_a_ground_is_rejected(tmp_path):
    err = load_changed(tmp_path, lambda d: step(d, "economic-relations").update(grounds=[]))
    assert (err.entry, err.field) == ("economic-relations", "grounds")
    assert "needs exactly one ground" in str(err)


def test_a_ground_quote_not_in_the_paragraph_is_rejected(tmp_path):
    def change(d):
        step(d, "nuclear-limits")["grounds"][1]["quote"] = "the first step is to sign a treaty"

    err = load_changed(tmp_path, change)
    assert (err.entry, err.field) == ("nuclear-limits", "grounds[2].quote")


def test_a_phase_quote_not_in_its_paragraph_is_rejected(tmp_path):
    def change(d):
        d["sequencing"]["phases"][1]["quote"] = "early and ambitiously, at once"

    err = load_changed(tmp_path, change)
    assert (err.entry, err.field) == ("early", "quote") and "not found verbatim" in str(err)


def test_a_phase_label_shows_its_checked_quote():
    phases = scenario_data.sequencing().phases
    assert phases["early"] == "pursue “early and ambitiously” (a001-p18)"
    assert phases["first"] == "“the right way to begin” (a001-p03)"


def test_a_step_in_a_phase_the_file_does_not_list_is_rejected(tmp_path):
    err = load_changed(tmp_path, lambda d: d["sequencing"]["phases"].pop())
    assert err.field == "phase" and "'goal' is not one of" in str(err)


def test_a_ground_from_another_article_is_rejected(tmp_path):
    err = load_changed(
        tmp_path, lambda d: step(d, "guardrails")["grounds"][0].update(paragraph_id="a004-p04")
    )
    assert err.field == "grounds[1].paragraph_id" and "not a paragraph of a001" in str(err)


def test_preconditions_that_loop_are_rejected(tmp_path):
    def change(d):
        s = step(d, "ceasefire")
        s["preconditions"] = ["peace-agreement"]
        s["grounds"] = [dict(step(d, "peace-agreement")["grounds"][0], precondition="peace-agreement")]

    err = load_changed(tmp_path, change)
    assert err.field == "steps" and "loop" in str(err) and "ceasefire" in str(err)


def test_a_measure_tied_to_a_claim_from_another_paragraph_needs_a_reading(tmp_path):
    err = load_changed(tmp_path, lambda d: consequence(d, "lose-leverage").pop("reading"))
    assert (err.entry, err.field) == ("lose-leverage", "reading")


def test_a_consequence_card_from_another_article_is_rejected(tmp_path):
    err = load_changed(tmp_path, lambda d: consequence(d, "vacuum").update(card_ids=["a001-c03"]))
    # the claim's paragraph changes too, so the measure's grounding is also reported
    assert "entry vacuum: field 'card_ids': card 'a001-c03' is from a001, not a004" in str(err)


@pytest.mark.parametrize(
    ("change", "entry", "field"),
    [
        (lambda d: consequence(d, "carrot").update(all_of=["troops-home"]), "carrot", "all_of"),
        (lambda d: consequence(d, "carrot").update(all_of=[], none_of=[]), "carrot", "all_of"),
        (lambda d: consequence(d, "carrot").update(none_of=["troop-drawdown"]), "carrot", "none_of"),
        (lambda d: consequence(d, "carrot").update(kind="prediction"), "carrot", "kind"),
        (lambda d: step(d, "guardrails").update(phase="soon"), "guardrails", "phase"),
        (lambda d: d["sequencing"].update(start_order=["ceasefire"]), "sequencing", "start_order"),
        (lambda d: d["explorer"]["measures"][0].update(scenario="bluff"), "tomahawks", "scenario"),
    ],
)
def test_bad_entries_are_named(tmp_path, change, entry, field):
    err = load_changed(tmp_path, change)
    assert (err.entry, err.field) == (entry, field)


def test_every_mistake_in_the_file_is_reported_at_once(tmp_path):
    def change(d):
        consequence(d, "carrot")["kind"] = "prediction"
        step(d, "guardrails")["phase"] = "soon"

    err = load_changed(tmp_path, change)
    assert "2 problems" in str(err) and "carrot" in str(err) and "guardrails" in str(err)


# --- the widget's Python side --------------------------------------------------------------------


def test_widget_unmet_follows_its_order():
    w = ScenarioWidget()
    assert w.unmet["guardrails"] == ["ceasefire"]
    order = list(w.order)
    order.remove("ceasefire")
    w.order = ["ceasefire", *order]
    assert not any(w.unmet.values())


def test_widget_in_play_follows_its_selection():
    w = ScenarioWidget(selected=["frozen-assets"])
    assert w.in_play["in_play"].to_dict()["financial-strain"] is True
    assert w.in_play["in_play"].sum() == 1


def test_widget_rejects_bad_state_from_the_kernel():
    w = ScenarioWidget()
    with pytest.raises(traitlets.TraitError, match="leaves out"):
        w.order = ["ceasefire"]
    with pytest.raises(traitlets.TraitError, match="not measures"):
        w.selected = ["nukes"]


def test_static_fallback_lists_every_consequence_and_step():
    html = ScenarioWidget(selected=["troop-drawdown"]).static_fallback().data
    for c in scenario_data.explorer().consequences:
        assert c.card_ids[0] in html
    for s in scenario_data.sequencing().steps:
        assert s.label.replace("'", "&#39;") in html or s.label in html
    assert html.count("<caption") == 2
