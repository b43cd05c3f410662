"""The evidence-card index: rows, the reference filter the widget is held to, and the static table."""

from __future__ import annotations

import math
import posixpath
import re

import pytest

from debatekit.content import corpus, evidence
from debatekit.render import card_table
from debatekit.widgets.cards import CardTableWidget


@pytest.fixture(scope="module")
def rows():
    return card_table.card_rows()


def test_there_is_one_row_per_card_in_file_order(rows):
    assert [r["card_id"] for r in rows] == list(evidence.cards()["card_id"])


def test_no_filter_keeps_every_card(rows):
    assert card_table.filter_card_ids(rows, {}) == [r["card_id"] for r in rows]
    assert card_table.filter_card_ids(rows, dict.fromkeys(card_table.FILTERS, "")) == [
        r["card_id"] for r in rows
    ]


def test_select_filters_agree_with_the_evidence_api(rows):
    for filters, api in [
        ({"article": "a002"}, {"article": "a002"}),
        ({"stakeholder": "China"}, {"stakeholder": "China"}),
        ({"kind": "forecast", "topic": "nato"}, {"kind": "forecast", "topic": "nato"}),
    ]:
        assert card_table.filter_card_ids(rows, filters) == list(evidence.cards(**api)["card_id"])


def test_every_word_of_the_text_filter_must_occur(rows):
    both = card_table.filter_card_ids(rows, {"text": "Black  Sea"})
    by_id = {r["card_id"]: r for r in rows}
    for cid in both:
        text = card_table.fold(" ".join(by_id[cid][k] for k in ("card_id", "paragraph_id", "quote", "claim")))
        assert "black" in text and "sea" in text
    assert both and set(both) < set(card_table.filter_card_ids(rows, {"text": "sea"}))


def test_text_matches_ids_case_and_curly_quotes(rows):
    assert card_table.filter_card_ids(rows, {"text": "A004-C16"}) == ["a004-c16"]
    p03 = card_table.filter_card_ids(rows, {"text": "a004-p03"})
    assert p03 == [r["card_id"] for r in rows if r["paragraph_id"] == "a004-p03"]
    straight = card_table.filter_card_ids(rows, {"text": "Russia's"})
    curly = card_table.filter_card_ids(rows, {"text": "Russia’s"})
    assert straight == curly and straight


def test_figure_text_states_a_value_or_a_range_and_nothing_else():
    assert card_table.figure_text({"value": 20.0, "unit": "percent"}) == "20 percent"
    assert (
        card_table.figure_text({"value": None, "low": 50, "high": 80, "unit": "USD billion"})
        == "50–80 USD billion"
    )
    assert card_table.figure_text({"value": math.nan, "unit": math.nan}) == ""
    assert card_table.figure_text(evidence.card("a000-c13")) == "50–80 " + evidence.card("a000-c13")["unit"]


def test_static_table_has_a_row_and_a_paragraph_link_for_every_card(rows):
    html = card_table.card_table_html(rows, caption="All cards")
    assert html.count('<tr id="card-') == len(rows)
    links = re.findall(r'href="([^"#]+)#(a\d{3}-p\d{2})"', html)
    assert len(links) == len(rows)
    known = set(corpus.paragraph_ids())
    for path, pid in links:  # resolved from the page that shows the table, book/reference/cards.html
        assert pid in known and posixpath.normpath(posixpath.join("book/reference", path)) == (
            f"book/readings/{pid.rpartition('-p')[0]}.html"
        )
    assert "<caption>All cards</caption>" in html and '<th scope="col">' in html


def test_static_table_escapes_the_text(rows):
    row = {**rows[0], "quote": "<b>5 & 6</b>", "claim": "“x”"}
    html = card_table.card_table_html([row])
    assert "&lt;b&gt;5 &amp; 6&lt;/b&gt;" in html and "<b>5" not in html


def test_widget_starts_with_all_cards_and_filters_like_the_reference():
    widget = CardTableWidget()
    assert len(widget.matches) == len(widget.rows)
    widget.article, widget.text = "a004", "drones"
    assert widget.matches == card_table.filter_card_ids(widget.rows, {"article": "a004", "text": "drones"})
    assert widget.matches and all(c.startswith("a004") for c in widget.matches)


def test_widget_refuses_an_unknown_filter_value_and_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown stakeholder 'NATO'; choose one of \['US', 'Russia'"):
        CardTableWidget(stakeholder="NATO")
