"""The concordance widget's JavaScript compute() returns what debatekit.content.corpus.concordance does."""


import pytest
from jsparity import run_compute

from debatekit.content import corpus

TERMS = ["sanctions", "NATO-Russia Council", "black sea", "“", "$", "e", "Zelensky", "zelenskyy",
         "  ceasefire ", "no such phrase anywhere", "", "20%", "Trump’s"]  # fmt: skip

pytestmark = pytest.mark.usefixtures("node")


def test_javascript_concordance_matches_python():
    paragraphs = [
        {"pid": p.pid, "article_id": p.article_id, "text": p.text}
        for a in corpus.load_articles()
        for p in a.paragraphs
    ]
    cases = [{"args": [paragraphs, term, width]} for term in TERMS for width in (0, 25, 60)]
    results = run_compute("concordance", cases)
    for case, result in zip(cases, results, strict=True):
        _, term, width = case["args"]
        assert "error" not in result, result
        assert result["result"] == corpus.concordance(term, width), (term, width)
    assert any(r["result"] for r in results), "some terms must have hits"
