"""Chart specs (data/figures.yml): numbers come from cards, derived ones are labelled, mistakes are named."""

from __future__ import annotations

import pytest

from debatekit.content import evidence, figure_specs
from debatekit.content.files import DataError

CARD = {"card_id": "x-c01", "value": 40, "low": None, "high": None, "paragraph_id": "x-p01", "unit": "u"}
CARDS = {"x-c01": CARD, "x-c02": {**CARD, "card_id": "x-c02", "value": 10, "paragraph_id": "x-p02"}}


def _write(tmp_path, body: str):
    path = tmp_path / "figures.yml"
    path.write_text(body, encoding="utf-8")
    return str(path)


GOOD = """
figures:
  f:
    layout: bars
    orientation: horizontal
    size: [4, 2]
    title: T
    numbers: {a: x-c01, b: x-c02}
    derived: {gap: {formula: a - b, unit: u, note: "{a} minus {b}"}}
    rows:
      - {label: A, number: a, colour: blue, text: "{a}"}
      - {label: the gap (derived), number: gap, colour: sky, hatch: derived, text: "{gap}"}
    axis: {label: u, max: "max(a, b) * 1.5"}
    alt: "A is {a} ({a.paragraph}); the gap is {gap}."
    note: N
"""


def test_numbers_come_from_the_cards_and_derived_ones_say_so(tmp_path):
    spec = figure_specs.load_figures(_write(tmp_path, GOOD), CARDS)["f"]
    assert spec.numbers["a"].value == 40 and not spec.numbers["a"].derived
    gap = spec.numbers["gap"]
    assert gap.value == 30 and gap.derived and gap.cards == ("x-c01", "x-c02") and gap.note == "40 minus 10"
    assert spec.text(spec["alt"]) == "A is 40 (x-p01); the gap is 30."
    assert spec.value(spec["axis"]["max"]) == 60


def test_every_mistake_in_a_spec_is_reported_with_entry_and_field(tmp_path):
    bad = GOOD.replace("b: x-c02", "b: x-c99").replace("({a.paragraph})", "({c})")
    with pytest.raises(DataError) as err:
        figure_specs.load_figures(_write(tmp_path, bad), CARDS)
    message = str(err.value)
    assert "entry f: field 'numbers.b': unknown card 'x-c99'" in message
    assert "field 'derived.gap.formula'" in message
    assert "entry f: field 'rows[1].number': names no number" in message
    assert "entry f: field 'alt': {c} names no number" in message


def test_a_derived_number_must_be_labelled_derived(tmp_path):
    with pytest.raises(DataError, match=r"rows\[1\].*must be labelled 'derived'"):
        figure_specs.load_figures(_write(tmp_path, GOOD.replace("the gap (derived)", "the gap")), CARDS)


def test_an_unknown_layout_is_named(tmp_path):
    with pytest.raises(DataError, match="entry f: field 'layout': 'pie' is not one of"):
        figure_specs.load_figures(_write(tmp_path, GOOD.replace("layout: bars", "layout: pie")), CARDS)


def test_the_shipped_charts_plot_the_numbers_their_cards_state():
    for spec in figure_specs.figures().values():
        for n in spec.numbers.values():
            if not n.derived:
                (cid,) = n.cards
                card = evidence.card(cid)
                assert (n.value, n.paragraph) == (card["value"], card["paragraph_id"]), (spec.name, cid)
