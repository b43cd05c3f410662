"""The case builder's checks: the Python reference (debatekit.models.casecheck) finds what a judge would,
and the widget's JavaScript compute() finds exactly the same, case for case."""

import copy
from pathlib import Path

import needs
from jsparity import run_compute

from debatekit.models import casecheck
from debatekit.widgets.casebuilder import kit_cards, paragraph_texts

PARAGRAPHS = paragraph_texts()
KIT = kit_cards()


def kit(card_id: str) -> dict:
    c = KIT[card_id]
    return {
        "id": card_id,
        "source": "kit",
        "paragraph_id": c["paragraph_id"],
        "quote": c["quote"],
        "tag": c["claim"],
        "kind": c["kind"],
    }


def two_articles() -> tuple[str, str]:
    """Two kit cards from different articles."""
    first = next(iter(KIT))
    other = next(
        cid
        for cid, c in KIT.items()
        if casecheck.article_of(c["paragraph_id"]) != casecheck.article_of(KIT[first]["paragraph_id"])
    )
    return first, other


def good_case() -> dict:
    a, b = two_articles()
    return {
        "format": "debatekit-case",
        "version": 1,
        "id": "case-1",
        "student": "Sam",
        "motion": "m01",
        "side": "proposition",
        "arguments": [
            {"claim": "C1", "warrant": "W1", "impact": "I1", "cards": [kit(a)]},
            {"claim": "C2", "warrant": "W2", "impact": "I2", "cards": [kit(b)]},
        ],
        "rebuttals": [
            {
                "target_side": "opposition",
                "target": 1,
                "target_claim": "X",
                "response": "R",
                "cards": [kit(b)],
            }
        ],
    }


def codes(case: dict) -> list[str]:
    return [f["code"] for f in casecheck.check_case(case, PARAGRAPHS)]


def test_a_complete_case_from_two_articles_has_no_finding():
    assert casecheck.check_case(good_case(), PARAGRAPHS) == []


def test_an_argument_with_no_card_and_no_impact_is_flagged():
    case = good_case()
    case["arguments"][1].update(cards=[], impact="  ")
    found = casecheck.check_case(case, PARAGRAPHS)
    assert [(f["code"], f["where"]) for f in found] == [
        ("no-impact", "argument 2"),
        ("no-card", "argument 2"),
    ]


def test_a_quote_not_in_its_paragraph_is_flagged_with_the_paragraph():
    case = good_case()
    card = case["arguments"][0]["cards"][0]
    card["quote"] = card["quote"] + " and more words"
    found = casecheck.check_case(case, PARAGRAPHS)
    assert found[0]["code"] == "not-verbatim" and card["paragraph_id"] in found[0]["message"]
    assert found[0]["where"] == f"argument 1, card {card['id']}"


def test_whitespace_differences_in_a_quote_are_not_flagged():
    case = good_case()
    card = case["arguments"][0]["cards"][0]
    card["quote"] = "\n " + card["quote"].replace(" ", "  \t") + " "
    assert codes(case) == []


def test_a_card_naming_an_unknown_paragraph_is_flagged():
    case = good_case()
    case["rebuttals"][0]["cards"][0]["paragraph_id"] = "zz-p99"
    assert codes(case) == ["unknown-paragraph"]


def test_every_card_from_one_article_is_flagged_once_for_the_case():
    case = good_case()
    a, _ = two_articles()
    for owner in case["arguments"] + case["rebuttals"]:
        owner["cards"] = [kit(a)]
    found = casecheck.check_case(case, PARAGRAPHS)
    assert [f["code"] for f in found] == ["one-article"]
    assert "all 3 from" in found[0]["message"]


def test_a_rebuttal_with_no_evidence_and_an_empty_case_are_flagged():
    case = good_case()
    case["rebuttals"][0]["cards"] = []
    assert "rebuttal-no-card" in codes(case)
    assert codes({"arguments": [], "rebuttals": []}) == ["no-arguments"]


def _variants() -> list[dict]:
    out = [good_case(), {"arguments": [], "rebuttals": []}, {}]
    c = good_case()
    c["arguments"][0].update(claim="", warrant=None, impact=3)
    out.append(c)
    c = good_case()
    c["arguments"][1]["cards"] = []
    c["rebuttals"].append({"response": "", "cards": []})
    out.append(c)
    c = good_case()
    c["arguments"][0]["cards"][0]["quote"] = c["arguments"][0]["cards"][0]["quote"].upper()
    c["rebuttals"][0]["cards"][0]["paragraph_id"] = ""
    out.append(c)
    c = good_case()
    c["arguments"][0]["cards"][0]["quote"] = "\u00a0" + c["arguments"][0]["cards"][0]["quote"].replace(
        " ", "\u2003\n"
    )
    out.append(c)
    c = good_case()
    c["arguments"][0]["cards"][0]["quote"] = "   "
    out.append(c)
    a, _ = two_articles()
    c = copy.deepcopy(good_case())
    for owner in c["arguments"] + c["rebuttals"]:
        owner["cards"] = [kit(a), kit(a)]
    out.append(c)
    return out


def test_javascript_checks_match_python():
    needs.node()
    variants = _variants()
    results = run_compute("casebuilder", [{"args": [v, PARAGRAPHS]} for v in variants])
    seen = set()
    for case, result in zip(variants, results, strict=True):
        assert "error" not in result, result
        expected = casecheck.check_case(case, PARAGRAPHS)
        assert result["result"] == expected, case
        seen |= {f["code"] for f in expected}
    assert seen == set(casecheck.FINDINGS), "every kind of finding is compared"


def test_javascript_and_python_name_the_same_findings():
    text = (Path(casecheck.__file__).parents[1] / "widgets" / "casebuilder.js").read_text(encoding="utf-8")
    for code, meaning in casecheck.FINDINGS.items():
        assert f'"{code}": "{meaning}"' in text
