"""Checks that catch a kind of content mistake (debatekit.content.review), run on the shipped course files,
and each shown to catch a made-up instance of its kind."""

from __future__ import annotations

import html

import pytest

from debatekit.content import evidence, review
from debatekit.content.files import data_path, load_yaml

DATA = data_path("cards.yml").parent


@pytest.fixture(scope="module")
def words():
    return load_yaml("review.yml")


@pytest.fixture(scope="module")
def matrices():
    return load_yaml("matrices.yml")["matrices"]


@pytest.fixture(scope="module")
def raw_cards():
    return load_yaml("cards.yml")


def _card_paragraph(raw_cards):
    return {c["card_id"]: c["paragraph_id"] for c in raw_cards}


def _card_article(raw_cards):
    return {c["card_id"]: c["paragraph_id"][:4] for c in raw_cards}


def _banks():
    return [load_yaml(p) for p in sorted((DATA / "questions").glob("*.yml"))]


# --- matrices --------------------------------------------------------------------------------


def test_every_lens_weighs_three_criteria_and_every_criterion_its_why_names(matrices):
    problems = [p for name, rec in matrices.items() for p in review.lens_problems(name, rec)]
    assert problems == []
    assert review.lenses_checked(matrices) == 4 * len(matrices)


def test_every_criterion_has_the_keywords_the_lens_check_reads(matrices):
    assert [p for name, rec in matrices.items() for p in review.unkeyed_criteria(name, rec)] == []


def test_the_lens_check_catches_a_lens_ignoring_an_aim_its_why_names():
    rec = {
        "criteria": {
            "escalation": {"keywords": ["escalation"]},
            "cost": {"keywords": ["withdrawal"]},
            "unity": {"keywords": ["unity"]},
        },
        "lenses": {
            "R": {
                "why": "Fears escalation and would welcome a withdrawal.",
                "weights": {"escalation": {"weight": 10}, "cost": {"weight": 0}, "unity": {"weight": 0}},
            }
        },
    }
    problems = review.lens_problems("m", rec)
    assert any("only 1 non-zero" in p for p in problems)
    assert any("'cost'" in p and "weight 0" in p for p in problems)
    rec["lenses"]["R"]["wants_less"] = ["cost"]
    assert not any("'cost'" in p and "weight 0" in p for p in review.lens_problems("m", rec))


def test_no_matrix_is_grounded_in_one_article(matrices, raw_cards):
    arts = _card_article(raw_cards)
    assert [p for n, r in matrices.items() for p in review.single_source_problems(n, r, arts)] == []


def test_every_option_is_scored_from_more_than_one_article(matrices, raw_cards):
    arts = _card_article(raw_cards)
    assert [p for n, r in matrices.items() for p in review.options_without_best_case(n, r, arts)] == []


def test_the_grounding_check_catches_a_one_article_matrix():
    rec = {"articles": ["a004"], "scores": {"x": {"c": {"cards": ["a004-c01"]}}}}
    assert len(review.single_source_problems("m", rec, {"a004-c01": "a004"})) == 2
    assert review.options_without_best_case("m", rec, {"a004-c01": "a004"})


# --- quotes in every data file but the cards -------------------------------------------------


def _quote_results(raw_cards, words):
    reviewed = {(q["file"], q["phrase"]): q["reviewed"] for q in words["quotes"]}
    checked, problems = 0, []
    for path in sorted(DATA.rglob("*.yml")):
        name = path.relative_to(DATA).as_posix()
        if name == "cards.yml":
            continue
        n, found = review.quote_problems(name, load_yaml(path), _card_paragraph(raw_cards), reviewed)
        checked, problems = checked + n, problems + found
    return checked, problems


def test_every_quoted_phrase_in_a_data_file_is_verbatim_in_the_paragraph_it_names(raw_cards, words):
    checked, problems = _quote_results(raw_cards, words)
    assert problems == []
    assert checked >= 150


def test_every_reviewed_quote_says_why_and_still_occurs(raw_cards, words):
    seen = set()
    for path in sorted(DATA.rglob("*.yml")):
        name = path.relative_to(DATA).as_posix()
        seen |= {(name, phrase) for _, phrase, _ in review.quoted_phrases(load_yaml(path))}
    for q in words["quotes"]:
        assert q["reviewed"].strip(), q
        assert (q["file"], q["phrase"]) in seen, f"stale review entry {q}"


def test_the_quote_check_catches_a_misquote_and_a_quote_naming_no_paragraph():
    tree = {
        "sessions": [
            {"activity": "Read a002-p01: “inherently alters the security calculus”."},
            {"activity": "Ask what “the rules-based order” means."},
        ]
    }
    n, problems = review.quote_problems("x.yml", tree, {}, {})
    assert n == 2 and len(problems) == 2
    assert "a002-p01" in problems[0] and "names no paragraph" in problems[1]
    tree["sessions"][0]["activity"] = "Read a002-p01: “inherently alters the existing security calculus”."
    assert len(review.quote_problems("x.yml", tree, {}, {})[1]) == 1


# --- questions -------------------------------------------------------------------------------


def test_no_assessed_question_repeats_a_practice_question():
    banks = _banks()
    practice = [q for b in banks if b.get("mode", "practice") == "practice" for q in b["questions"]]
    assessed = [q for b in banks if b.get("mode") == "assessed" for q in b["questions"]]
    assert assessed and review.repeated_practice(practice, assessed) == []


def test_the_repeat_check_catches_a_copied_prompt_and_a_copied_item_set():
    p = [{"id": "p1", "prompt": "Order these.", "items": [{"text": "A"}, {"text": "B"}]}]
    a = [
        {"id": "a1", "prompt": "Order these!", "items": [{"text": "B"}, {"text": "C"}]},
        {"id": "a2", "prompt": "Put in order.", "items": [{"text": "B"}, {"text": "A"}]},
    ]
    assert review.repeated_practice(p, a) == [
        "a1: its prompt repeats practice question p1",
        "a2: its items repeat practice question p1",
    ]


def test_a_prompt_in_the_present_tense_says_as_of_when(words):
    questions = [q for b in _banks() for q in b["questions"]]
    assert review.undated_present_prompts(questions, words["present_tense"]) == []
    assert review.undated_present_prompts(
        [{"id": "x", "prompt": "What does it currently hold?"}], words["present_tense"]
    )


# --- cards -----------------------------------------------------------------------------------


def test_every_present_tense_card_says_as_of_when(raw_cards, words):
    assert review.undated_present_cards(raw_cards, words["present_tense"]) == []


def test_the_date_check_catches_an_undated_present_tense_card(words):
    card = {"card_id": "a004-c99", "quote": "Russia currently occupies roughly one-fifth"}
    assert review.undated_present_cards([card], words["present_tense"])
    assert (
        review.undated_present_cards(
            [{**card, "as_of": "late 2025 (the article's date)"}], words["present_tense"]
        )
        == []
    )


def test_no_claim_uses_a_stronger_word_than_its_quote(raw_cards, words):
    assert review.modal_overstatements(raw_cards, words["modal_pairs"]) == []


@pytest.mark.parametrize(
    "quote, claim",
    [
        ("Putin may have no interest in it", "Putin has no interest in it."),
        ("more receptive, particularly if backed by guarantees", "receptive only with guarantees"),
        ("this decision was not without dissent", "not all agreed"),
    ],
)
def test_the_modal_check_catches_a_claim_stronger_than_its_quote(words, quote, claim):
    card = {"card_id": "a001-c99", "quote": quote, "claim": claim}
    assert review.modal_overstatements([card], words["modal_pairs"])


def test_every_reviewed_card_note_says_why(raw_cards):
    for c in raw_cards:
        if "reviewed" in c:
            assert isinstance(c["reviewed"], str) and len(c["reviewed"].split()) >= 4, c["card_id"]
    assert evidence.load_cards()


# --- every card shows when it speaks ---------------------------------------------------------


def test_every_card_shows_its_articles_date_and_its_own_as_of():
    from debatekit.content import corpus
    from debatekit.render import card_table

    rows = {r["card_id"]: r for r in card_table.card_rows()}
    for c in evidence.cards().to_dict("records"):
        date = corpus.article(c["article_id"]).date
        note = rows[c["card_id"]]["date"]
        assert note.startswith("article undated" if date == "unknown" else f"article dated {date}")
        if isinstance(c["as_of"], str):
            assert f"as of {c['as_of']}" in note, c["card_id"]
    assert len(rows) == len(evidence.cards())


def test_the_cards_page_packets_and_widgets_show_the_date_note():
    from debatekit.content import motions
    from debatekit.render import card_table, handouts, pages
    from debatekit.widgets.tradeoff import TradeoffWidget

    note = evidence.date_note(evidence.card("a004-c19"))
    assert note == "article dated late 2025; as of late 2025, the article's date"
    assert html.escape(note) in card_table.card_table_html(card_table.card_rows())
    assert "article undated" in pages.quote_block("a001-c42")
    assert "article dated late 2025; as of July 2025" in handouts.handout_html("m07")
    assert set(motions.evidence_packet("m07", "proposition")["date"]) >= {"article undated"}
    shown = TradeoffWidget.from_matrix("posture").cards["a004-c54"]["date"]
    assert shown.startswith("article dated late 2025")
