"""The card table widget's JavaScript compute() filters exactly as debatekit.render.card_table does."""


import pytest
from jsparity import run_compute

from debatekit.render import card_table

pytestmark = pytest.mark.usefixtures("node")

TEXTS = ["", "drones", "DRONES  launched", "Trump's", "“appeaser", "a004-p03", "a001-c1", "percent",
         "50–80", "no such words anywhere", "   ", "nato russia", "Zelenskyy", "undated",
         "late 2025", "as of july"]  # fmt: skip
SELECTS = [
    {},
    {"article": "a004"},
    {"stakeholder": "China"},
    {"kind": "figure"},
    {"topic": "sanctions"},
    {"article": "a001", "stakeholder": "Europe", "kind": "recommendation"},
    {"article": "a003", "topic": "nuclear"},
    {"stakeholder": "Frontline", "topic": "deterrence", "kind": "forecast"},
]


def test_javascript_filter_matches_python_on_every_combination():
    rows = card_table.card_rows()
    filters = [{**s, "text": t} for s in SELECTS for t in TEXTS]
    results = run_compute("cards", [{"args": [rows, f]} for f in filters])
    for f, result in zip(filters, results, strict=True):
        assert "error" not in result, result
        assert result["result"] == card_table.filter_card_ids(rows, f), f
    sizes = {len(r["result"]) for r in results}
    assert 0 in sizes and len(rows) in sizes and len(sizes) > 5, "cases must include none, all and partial"


def test_javascript_and_python_fold_curly_quotes_and_case_alike():
    row = {"card_id": "x-c01", "article_id": "x", "paragraph_id": "x-p01", "kind": "fact"}
    rows = [{**row, "stakeholders": [], "topics": [], "quote": "Trump’s “plan”", "claim": "", "figure": ""}]
    filters = [{"text": "trump's"}, {"text": '"PLAN"'}, {"text": "trump’s\tplan"}, {"text": "trumps"}]
    results = run_compute("cards", [{"args": [rows, f]} for f in filters])
    expected = [["x-c01"], ["x-c01"], ["x-c01"], []]
    assert [r["result"] for r in results] == expected
    assert [card_table.filter_card_ids(rows, f) for f in filters] == expected
