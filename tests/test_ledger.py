"""The stakeholder ledger: its data (a000's gains and risks), the net balance and the widget's Python side.

Expected numbers are worked out by hand in the comments, never by calling the model.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import traitlets
import yaml

from debatekit.content import corpus, evidence
from debatekit.content.files import DataError, data_path
from debatekit.models import ledger
from debatekit.widgets import LedgerWidget

RAW = yaml.safe_load(data_path("ledger.yml").read_text(encoding="utf-8"))


def item(item_id, stakeholder, kind, weight=3.0, likelihood=0.5):
    return {"item_id": item_id, "stakeholder": stakeholder, "kind": kind,
            "default_weight": weight, "default_likelihood": likelihood}  # fmt: skip


# Two stakeholders: A has a gain (4 × 0.5 = 2) and a risk (2 × 0.25 = 0.5); B has only a risk (5 × 1 = 5).
SMALL = [
    item("a-gain", "A", "gain", 4, 0.5),
    item("a-risk", "A", "risk", 2, 0.25),
    item("b-risk", "B", "risk", 5, 1),
]


def write(tmp_path, data) -> str:
    path = tmp_path / "ledger.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def broken(tmp_path, index: int, **changes):
    data = copy.deepcopy(RAW)
    for key, value in changes.items():
        if value is None:
            data["items"][index].pop(key)
        else:
            data["items"][index][key] = value
    with pytest.raises(DataError) as exc:
        ledger.load_ledger(write(tmp_path, data))
    return exc.value


# --- the shipped data ----------------------------------------------------------------------------


def test_the_ledger_covers_gains_and_risks_of_the_four_stakeholders():
    book = ledger.ledger()
    assert book.stakeholders == ("US", "Russia", "Ukraine", "Europe")
    for s in book.stakeholders:
        kinds = {x.kind for x in book.items if x.stakeholder == s}
        assert kinds == {"gain", "risk"}, s


def test_every_item_cites_existing_a000_cards():
    known = set(evidence.cards()["card_id"])
    for x in ledger.ledger().items:
        assert x.card_ids and all(c in known and c.startswith("a000-") for c in x.card_ids), x.item_id


def test_every_heading_is_a000s_own_sub_heading_for_a_cited_paragraph():
    for x in ledger.ledger().items:
        paragraphs = [corpus.paragraph(evidence.card(c)["paragraph_id"]) for c in x.card_ids]
        assert any(p.section == x.heading or p.text.startswith(x.heading + ":") for p in paragraphs), (
            x.item_id
        )


def test_us_gains_and_risks_follow_the_strategic_calculus_section():
    us = {x.heading: x.kind for x in ledger.ledger().items if x.stakeholder == "US"}
    gains = {"Cost Savings", "Diplomatic Leverage", "Reduced Escalation Risks"}
    risks = {"Erosion of Deterrence", "Strengthened Sino-Russian Axis", "Alliance Fragmentation"}
    assert us == dict.fromkeys(gains, "gain") | dict.fromkeys(risks, "risk")


def test_defaults_are_neutral_so_the_first_balance_only_counts_items():
    # every item 3 × 0.5 = 1.5: US 3 gains, 3 risks → 0; Ukraine 1 gain, 5 risks → 1.5 − 7.5 = −6
    table = ledger.balance()
    assert table.loc["US", "net"] == 0
    assert table.loc["Ukraine", "net"] == -6.0
    assert table.loc["Europe", "net"] == -1.5  # 2 gains, 3 risks


# --- the balance ---------------------------------------------------------------------------------


def test_net_is_gains_minus_risks_each_weight_times_likelihood():
    result = ledger.compute(SMALL)
    a, b = result["stakeholders"]
    assert (a["gains"], a["risks"], a["net"]) == (2.0, 0.5, 1.5)
    assert (b["gains"], b["risks"], b["net"]) == (0.0, 5.0, -5.0)
    assert [r["contribution"] for r in result["items"]] == [2.0, 0.5, 5.0]


def test_a_rating_overrides_only_what_it_names():
    # a-gain weight 1 (likelihood stays 0.5) → 0.5; a-risk likelihood 1 (weight stays 2) → 2
    result = ledger.compute(SMALL, {"a-gain": {"weight": 1}, "a-risk": {"likelihood": 1}})
    assert result["stakeholders"][0]["net"] == 0.5 - 2.0


def test_a_percentage_is_the_same_likelihood_as_the_fraction():
    as_text = ledger.compute(SMALL, {"b-risk": {"likelihood": "40%"}})
    as_number = ledger.compute(SMALL, {"b-risk": {"likelihood": 0.4}})
    assert as_text == as_number
    assert as_text["stakeholders"][1]["net"] == -2.0  # 5 × 0.4


def test_stakeholders_appear_in_item_order():
    reordered = [SMALL[2], SMALL[0], SMALL[1]]
    assert [r["stakeholder"] for r in ledger.compute(reordered)["stakeholders"]] == ["B", "A"]


def test_summary_names_the_stakeholder_the_net_and_the_verdict():
    # Europe: gains set to weight 0; energy blackmail 4 × 0.8 = 3.2; the other risks weight 0 → −3.2
    zero = {x.item_id: {"weight": 0} for x in ledger.ledger().items if x.stakeholder == "Europe"}
    ratings = {**zero, "eu-energy": {"weight": 4, "likelihood": 0.8}}
    assert ledger.balance(ratings).loc["Europe", "summary"] == "Europe: net −3.2 (risks outweigh gains)"


def test_amounts_round_halves_away_from_zero_with_a_true_minus_sign():
    assert ledger.format_amount(0.25) == "+0.3"
    assert ledger.format_amount(-0.25) == "\u22120.3"
    assert ledger.format_amount(2.0) == "+2.0"
    assert ledger.format_amount(0.04) == "0.0"
    assert ledger.format_amount(-0.04) == "0.0"


def test_a_net_that_rounds_to_zero_is_reported_as_balanced():
    # gain 1 × 0.5 = 0.5, risk 1 × 0.54 = 0.54 → net −0.04, shown as 0.0
    items = [item("g", "A", "gain", 1, 0.5), item("r", "A", "risk", 1, 0.54)]
    row = ledger.compute(items)["stakeholders"][0]
    assert row["net"] < 0
    assert (row["text"], row["verdict"]) == ("0.0", "gains and risks balance")


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"a-gain": {"weight": 6}}, "weight of item 'a-gain' is 6; give a number from 0 to 5"),
        ({"a-gain": {"weight": -1}}, "weight of item 'a-gain'"),
        ({"a-gain": {"weight": float("nan")}}, "weight of item 'a-gain'"),
        ({"a-gain": {"weight": True}}, "weight of item 'a-gain'"),
        ({"a-gain": {"likelihood": 1.2}}, "likelihood of item 'a-gain' is 1.2"),
        ({"a-gain": {"likelihood": "150%"}}, "likelihood of item 'a-gain' is '150%'"),
        ({"a-gain": {"likelihood": "0.4"}}, "percentage such as '40%'"),
        ({"a-gain": {"confidence": 1}}, "unknown key(s) confidence"),
        ({"a-gain": 3}, "rating of item 'a-gain' must be a mapping"),
        ({"z-item": {"weight": 1}}, "unknown item(s) z-item"),
    ],
)
def test_bad_ratings_raise_an_error_naming_the_item(ratings, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ledger.compute(SMALL, ratings)


# --- the data file's checks ----------------------------------------------------------------------


def test_an_unknown_card_is_reported_with_file_entry_and_field(tmp_path):
    err = broken(tmp_path, 0, card_ids=["a000-c99"])
    assert (err.file, err.entry, err.field) == ("ledger.yml", "us-cost-savings", "card_ids")
    assert "unknown card 'a000-c99'" in str(err)


def test_a_card_from_another_article_is_rejected(tmp_path):
    err = broken(tmp_path, 1, card_ids=["a001-c03"])
    assert (err.entry, err.field) == ("us-leverage", "card_ids")
    assert "is from a001, not a000" in str(err)


def test_a_heading_the_article_does_not_use_is_rejected(tmp_path):
    err = broken(tmp_path, 0, heading="Savings")
    assert (err.entry, err.field) == ("us-cost-savings", "heading")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "benefit"}, "kind"),
        ({"stakeholder": "China"}, "stakeholder"),
        ({"default_weight": 7}, "default_weight"),
        ({"default_likelihood": 1.5}, "default_likelihood"),
        ({"default_likelihood": "50%"}, "default_likelihood"),
        ({"label": None}, "label"),
        ({"colour": "red"}, "colour"),
        ({"item_id": "US Savings"}, "item_id"),
    ],
)
def test_a_bad_field_is_named(tmp_path, changes, field):
    err = broken(tmp_path, 2, **changes)
    assert err.field == field
    assert err.entry in ("us-less-escalation", "US Savings")


def test_a_duplicate_item_id_is_rejected(tmp_path):
    err = broken(tmp_path, 1, item_id="us-cost-savings")
    assert (err.entry, err.field) == ("us-cost-savings", "item_id")
    assert "duplicate" in str(err)


def test_every_mistake_in_a_file_is_reported_at_once(tmp_path):
    data = copy.deepcopy(RAW)
    data["items"][0]["kind"] = "benefit"
    data["items"][5]["card_ids"] = ["a000-c99"]
    data["items"][9]["default_weight"] = 9
    with pytest.raises(DataError) as exc:
        ledger.load_ledger(write(tmp_path, data))
    text = str(exc.value)
    assert "3 problems" in text
    assert all(name in text for name in ("us-cost-savings", "us-alliance", "ru-manpower"))


def test_a_stakeholder_without_items_is_rejected(tmp_path):
    data = copy.deepcopy(RAW)
    data["items"] = [x for x in data["items"] if x["stakeholder"] != "Ukraine"]
    with pytest.raises(DataError, match="'Ukraine' has no items"):
        ledger.load_ledger(write(tmp_path, data))


# --- the widget's Python side --------------------------------------------------------------------


def test_widget_balance_is_the_models_balance_for_its_ratings():
    ratings = {"ru-china": {"weight": 5, "likelihood": "90%"}, "us-leverage": {"weight": 0}}
    w = LedgerWidget(ratings=ratings)
    assert w.balance.equals(ledger.balance(ratings))
    # Russia: gains 3 × 1.5 = 4.5; risks 1.5 + 1.5 + 5 × 0.9 = 7.5 → −3.0
    assert w.balance.loc["Russia", "net"] == pytest.approx(-3.0)


def test_widget_rejects_bad_ratings_from_the_kernel():
    w = LedgerWidget()
    with pytest.raises(traitlets.TraitError, match="weight of item 'eu-energy'"):
        w.ratings = {"eu-energy": {"weight": 9}}
    assert w.ratings == {}


def test_widget_items_carry_the_verbatim_quotes_of_their_cards():
    w = LedgerWidget()
    for x in w.items:
        for cid, quote in zip(x["card_ids"], x["quotes"], strict=True):
            assert corpus.normalise_space(quote) in corpus.normalise_space(
                corpus.paragraph(evidence.card(cid)["paragraph_id"]).text
            )


def test_static_fallback_draws_one_row_per_stakeholder_with_values_on_the_bars():
    import matplotlib

    matplotlib.use("Agg")
    fig = LedgerWidget().static_fallback()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Europe/EU", "Ukraine", "Russia", "United States"]
    texts = {t.get_text() for t in ax.texts}
    assert {"net \u22126.0", "net \u22121.5", "net 0.0", "+4.5", "\u22127.5"} <= texts


def test_the_gallery_figure_alt_text_states_the_starting_balance():
    nb = json.loads(
        (Path(__file__).resolve().parents[1] / "book/widgets-gallery.ipynb").read_text(encoding="utf-8")
    )
    (alt,) = [
        c["metadata"]["mystnb"]["image"]["alt"] for c in nb["cells"] if "mystnb" in c.get("metadata", {})
    ]
    for stakeholder, row in ledger.balance().iterrows():
        gains, risks = ledger.format_amount(row["gains"]), ledger.format_amount(-row["risks"])
        net = ledger.format_amount(row["net"])
        assert f"{evidence.STAKEHOLDERS[stakeholder]}: gains {gains}, risks {risks}, net {net}." in alt
