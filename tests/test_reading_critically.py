"""Reading critically: source profiles, claims in time, reasoning moves, written pieces, and the four
question types whose keys come from that data (Python checking, the widget's JavaScript, parity)."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

import needs
import pytest
from jsparity import run_compute

from debatekit.classroom import AnswerError, check, load_bank, public, validate_answer
from debatekit.classroom.notebooks import build_notebook
from debatekit.classroom.questions import practice_material
from debatekit.classroom.reading_types import TYPES as NEW_TYPES
from debatekit.content import corpus, evidence, motions, reasoning, sources, writing
from debatekit.content.files import DataError
from debatekit.models import dating
from debatekit.render import writing as writing_pages

ROOT = Path(__file__).resolve().parents[1]
BANKS = ["critical-sources", "critical-time", "critical-reasoning", "critical-writing"]


def _questions():
    return [q for name in BANKS for q in load_bank(name).questions]


# --- source profiles ------------------------------------------------------------------------------


def test_every_article_has_a_profile_answering_every_aspect():
    src = sources.sources()
    assert sorted(src.profiles) == list(corpus.ARTICLE_IDS)
    for prof in src.profiles.values():
        assert {f.aspect for f in prof.facts} == {a.aspect_id for a in src.aspects}, prof.article


def test_profiles_agree_with_the_article_metadata_on_author_outlet_and_date():
    for aid in corpus.ARTICLE_IDS:
        art, prof = corpus.article(aid), sources.profile(aid)
        for field in ("author", "outlet", "date"):
            statuses = {f.status for f in prof.about(field)}
            values = {f.value for f in prof.about(field)}
            if getattr(art, field) == "unknown":
                assert "unknown" in statuses, (aid, field)
            else:
                assert getattr(art, field) in values and "unknown" not in statuses, (aid, field)


def test_every_quote_in_a_profile_is_verbatim_in_its_paragraphs_or_its_seed():
    checked = 0
    for prof in sources.sources().profiles.values():
        art = corpus.article(prof.article)
        for f in prof.facts:
            if f.status == "unknown":
                assert not f.basis and not f.quote
                continue
            assert f.basis or f.quote
            if f.quote:
                places = [corpus.normalise_space(corpus.paragraph(p).text) for p in f.basis] or [
                    corpus.normalise_space(art.raw)
                ]
                assert any(f.quote in t for t in places), (prof.article, f.quote)
                checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["profiles"][0]["facts"][0].update(status="stated"), "basis"),
        (lambda d: d["profiles"][1]["facts"][0].update(quote="Robert Legvold wrote every word"), "quote"),
        (lambda d: d["profiles"][0]["facts"].pop(2), "outlet"),
        (lambda d: d["profiles"][2]["facts"][0].update(basis=["a002-p99"]), "basis"),
    ],
    ids=["stated-without-basis", "invented-quote", "metadata-unknown-missing", "no-such-paragraph"],
)
def test_a_profile_mistake_names_the_file_entry_and_field(tmp_path, change, field):
    import yaml

    from debatekit.content.files import data_path

    data = yaml.safe_load(data_path("sources.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "sources.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=rf"sources\.yml: entry profile a00\d.*field '{field}'"):
        sources.load_sources(path)


# --- reasoning moves -------------------------------------------------------------------------------


def test_every_example_quotes_its_paragraph_word_for_word():
    r = reasoning.reasoning()
    assert len(r.examples) >= 16
    for ex in r.examples.values():
        assert ex.quote in corpus.normalise_space(corpus.paragraph(ex.paragraph).text), ex.example_id


def test_the_named_analogies_are_among_the_examples():
    analogies = {ex.paragraph for ex in reasoning.reasoning().examples.values() if ex.move == "analogy"}
    assert {"a001-p08", "a003-p01", "a000-p39"} <= analogies


def test_every_move_has_examples_from_more_than_one_text_and_every_text_has_one():
    r = reasoning.reasoning()
    for move in r.moves:
        texts = {ex.article for ex in r.examples.values() if move in ex.moves}
        assert len(texts) >= 2, move
    assert {ex.article for ex in r.examples.values()} == set(corpus.ARTICLE_IDS)


def test_an_example_that_misquotes_its_paragraph_is_refused(tmp_path):
    import yaml

    from debatekit.content.files import data_path

    data = yaml.safe_load(data_path("reasoning.yml").read_text(encoding="utf-8"))
    data["examples"][0]["quote"] = "Three times before, the United States left it to the Europeans."
    path = tmp_path / "reasoning.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"reasoning\.yml: entry example rm01: field 'quote'.*not verbatim"):
        reasoning.load_reasoning(path)


# --- claims in time ---------------------------------------------------------------------------------


def test_every_card_has_a_date_and_its_basis():
    frame = dating.card_dates()
    assert len(frame) == len(evidence.cards())
    assert set(frame["basis"]) <= {"paragraph", "article", "unknown"}
    assert (frame["date"] != "").all()
    unknown = frame[frame["basis"] == "unknown"]
    assert set(unknown["date"]) <= {"unknown"}
    for row in frame[frame["basis"] == "paragraph"].itertuples():
        assert row.date.lower() in corpus.paragraph(row.paragraph_id).text.lower()


def test_the_timeline_runs_in_date_order_with_yearless_dates_last():
    frame = dating.timeline()
    keys = [dating.sort_key(d) for d in frame["date"]]
    dated = [k for k in keys if k is not None]
    assert dated == sorted(dated) and len(dated) >= 10
    assert all(k is None for k in keys[len(dated) :])


def test_the_overtaking_paragraphs_are_those_of_the_update_links():
    for link in evidence.links().itertuples():
        for cid in link.cards_a:
            later = set(dating.overtaking_paragraphs(cid))
            if link.relation == "update":
                assert {evidence.card(c)["paragraph_id"] for c in link.cards_b} <= later


# --- written pieces -----------------------------------------------------------------------------------


def test_the_model_outline_quotes_every_card_of_the_case_and_dates_it():
    w = writing.writing()
    motion = motions.motion(w.motion)
    text = writing_pages.outline_markdown("position-paper")
    for arg in motion.side(w.side):
        for cid in arg.card_ids:
            card = evidence.card(cid)
            assert f"[{card['paragraph_id']}](#{card['paragraph_id']})" in text
    assert text.count("*Evidence:*") >= 9
    assert re.search(r"as of a00\d|dated .* in the paragraph", text)


def test_each_written_piece_is_scored_with_criteria_of_the_kit_rubric():
    from debatekit.content import scoring

    known = {c.criterion_id for c in scoring.rubric().criteria}
    for piece in writing.writing().pieces.values():
        assert piece.rubric and {c for c, _ in piece.rubric} <= known
        assert {"dating", "sourcing", "structure"} <= {c for c, _ in piece.rubric}


# --- the question types ---------------------------------------------------------------------------


def test_each_section_has_a_practice_bank_of_at_least_eight_questions():
    for name in BANKS:
        bank = load_bank(name)
        assert bank.mode == "practice" and len(bank.questions) >= 8, name
    assert set(NEW_TYPES) <= {q.type for q in _questions()}


def test_provenance_keys_are_the_paragraphs_the_profile_rests_on_or_unknown():
    for q in _questions():
        if q.type != "provenance":
            continue
        aid = q.public["article"]
        aspect = sources.sources().aspect(q.public["aspect"])
        basis = {p for f in sources.profile(aid).about(aspect.aspect_id) if f.value for p in f.basis}
        if q.key == ["unknown"]:
            assert not basis & {c["pid"] for c in q.public["candidates"]}, q.id
            assert getattr(corpus.article(aid), aspect.metadata) == "unknown", q.id
        else:
            assert set(q.key) <= basis, q.id


def test_overtaken_keys_follow_the_update_links():
    for q in _questions():
        if q.type != "overtaken":
            continue
        later = set(dating.overtaking_paragraphs(q.public["claim"]["card"]))
        assert (q.key == ["none"]) == (not later & {c["pid"] for c in q.public["candidates"]}), q.id
        assert q.key == ["none"] or set(q.key) <= later


def test_move_and_analogy_keys_are_the_examples_own():
    for q in _questions():
        if q.type in ("move", "analogy"):
            ex = next(e for e in reasoning.reasoning().examples.values() if e.quote == q.public["quote"])
            assert q.public["pid"] == ex.paragraph
        if q.type == "move":
            assert q.key == list(ex.moves)
        if q.type == "analogy":
            texts = {s["id"]: s["text"] for s in q.public["statements"]}
            for sid, part in q.key.items():
                assert texts[sid] in ex.parts[part]


def test_an_overtaken_question_must_offer_the_paragraph_that_overtakes_its_claim(tmp_path):
    bank = tmp_path / "bad.yml"
    bank.write_text(
        "assignment: bad\ntitle: Bad\nquestions:\n  - id: t1\n    type: overtaken\n    card: a000-c29\n"
        "    prompt: Which?\n    candidates: [a004-p09, a002-p03]\n    reread: [a000-p29]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"bad\.yml: entry #1 \(t1\): field 'candidates'.*a004-p08"):
        load_bank(bank)


def test_a_wrong_pick_earns_its_feedback_and_the_right_one_full_points():
    q = load_bank("critical-time").question("time-q02")
    assert check(q, "a004-p08").status == "correct"
    wrong = check(q, "a003-p02")
    assert wrong.status == "wrong" and "agrees" in wrong.feedback[0]
    assert check(q, "none").feedback[0].startswith("A later text in the kit does update this claim")
    both = load_bank("critical-reasoning").question("move-q05")
    assert check(both, "analogy").status == check(both, "authority").status == "correct"


def test_an_analogy_scores_each_statement():
    q = load_bank("critical-reasoning").question("move-q09")
    right = dict(q.key)
    assert check(q, right).score == q.points
    first = next(iter(right))
    right[first] = "proves" if right[first] != "proves" else "alike"
    half = check(q, right)
    assert half.status == "partial" and half.score == pytest.approx(q.points * 4 / 5)
    assert len(half.feedback) == 1


@pytest.mark.parametrize(
    ("qid", "bank", "answer"),
    [
        ("src-q01", "critical-sources", "a001-p99"),
        ("src-q01", "critical-sources", ["a001-p20"]),
        ("time-q01", "critical-time", "unknown"),
        ("move-q01", "critical-reasoning", "fallacy"),
        ("move-q09", "critical-reasoning", {"nope": "alike"}),
        ("move-q09", "critical-reasoning", "alike"),
    ],
)
def test_answers_of_the_wrong_shape_are_refused(qid, bank, answer):
    q = load_bank(bank).question(qid)
    with pytest.raises(AnswerError, match=f"question {qid} \\({q.type}\\) expects"):
        validate_answer(q, answer)


def _answers(q, rng: random.Random) -> list:
    p = q.public
    out: list = [None]
    if q.type in ("provenance", "overtaken"):
        out += [c["pid"] for c in p["candidates"]] + [p["none"]["id"]]
    elif q.type == "move":
        out += [c["id"] for c in p["choices"]]
    elif q.type == "analogy":
        ids, parts = [s["id"] for s in p["statements"]], [o["id"] for o in p["options"]]
        out.append(dict(q.key))
        for n in range(1, len(ids) + 1):
            for chosen in itertools.islice(itertools.combinations(ids, n), 4):
                out.append({s: rng.choice(parts) for s in chosen})
    return out


def test_the_widget_javascript_checks_the_new_types_exactly_as_python():
    needs.node()
    rng = random.Random(15)
    cases, expected = [], []
    for q in _questions():
        if q.type not in NEW_TYPES:
            continue
        material = practice_material(q)
        for answer in _answers(q, rng):
            cases.append({"args": [public(q), material, answer]})
            expected.append(check(q, answer))
    results = run_compute("question", cases)
    assert len(results) == len(expected) >= 150
    for case, result, want in zip(cases, results, expected, strict=True):
        assert "error" not in result, (case["args"][0]["id"], result)
        got = result["result"]
        label = (case["args"][0]["id"], case["args"][2])
        assert got["score"] == pytest.approx(want.score, abs=1e-9), label
        assert got["status"] == want.status, label
        assert got["feedback"] == want.feedback, label
    assert {"correct", "partial", "wrong", "unanswered"} <= set(Counter(w.status for w in expected))


def test_a_released_reading_critically_notebook_carries_no_key():
    for name in BANKS:
        bank = load_bank(name)
        nb = build_notebook(bank, "assessed")
        text = json.dumps(nb)
        for q in bank.questions:
            if q.type in ("provenance", "overtaken", "move") and q.feedback:
                assert not any(f in text for f in q.feedback.values()), q.id
            if q.type == "analogy":
                assert '"proves"' not in json.dumps([s for s in public(q)["statements"]])
        assert "practice" not in nb["cells"][1]["source"][0]


@pytest.mark.parametrize("name", ["critical-sources", "critical-time", "critical-reasoning"])
def test_a_released_bank_of_the_new_types_is_graded_from_the_submitted_notebook(tmp_path, name):
    from debatekit.classroom.answers import fill_answers
    from debatekit.classroom.grading import run
    from debatekit.classroom.notebooks import release

    bank = load_bank(name)
    released = json.loads(release(name, tmp_path / "release").read_text(encoding="utf-8"))
    answers, expected = {}, 0.0
    for n, q in enumerate(bank.questions):
        if q.type not in NEW_TYPES:
            continue
        if n % 2:  # every other one right, the rest wrong
            answers[q.id] = dict(q.key) if q.type == "analogy" else q.key[0]
            expected += q.points
        elif q.type == "analogy":
            answers[q.id] = {sid: ("alike" if part != "alike" else "unlike") for sid, part in q.key.items()}
        else:
            options = (
                [c["pid"] for c in q.public.get("candidates", [])]
                + [c["id"] for c in q.public.get("choices", [])]
                + ([q.public["none"]["id"]] if "none" in q.public else [])
            )
            answers[q.id] = next(o for o in options if o not in q.key)
    sub = tmp_path / "subs" / "jdoe.ipynb"
    sub.parent.mkdir(parents=True)
    sub.write_text(json.dumps(fill_answers(released, answers)), encoding="utf-8")
    report = run(name, tmp_path / "subs", tmp_path / "g.csv", jobs=1, progress=False)
    (row,) = report.rows
    assert row.status == "graded"
    new_points = sum(row.scores[qid] for qid in answers)
    assert new_points == pytest.approx(expected) and 0 < expected < sum(
        q.points for q in bank.questions if q.type in NEW_TYPES
    )


# --- on the static book page -----------------------------------------------------------------------


@pytest.mark.site
def test_a_claim_in_time_is_checked_on_the_static_page(built_book, site_url, watched_page):
    page = watched_page.page
    page.goto(site_url + "exercises/critical-time.html")
    q = page.locator("[data-question='time-q02']")
    q.wait_for(timeout=20000)
    assert "The claim (card a000-c02), from a000-p02" in q.inner_text()
    q.get_by_label(re.compile(r"^a003-p02")).check()
    q.get_by_role("button", name="Check my answer").click()
    result = q.get_by_test_id("question-result")
    assert result.inner_text().startswith("✗ Not yet — 0 of 1 point")
    assert "it agrees, it does not update" in result.inner_text()
    q.get_by_label(re.compile(r"^a004-p08")).check()
    q.get_by_role("button", name="Check my answer").click()
    assert result.inner_text().startswith("✓ Correct — 1 of 1 point")
    assert watched_page.errors == [] and watched_page.foreign_requests() == []


@pytest.mark.site
def test_an_analogy_is_sorted_and_checked_on_the_static_page(built_book, site_url, watched_page):
    question = load_bank("critical-reasoning").question("move-q09")
    labels = {o["id"]: o["text"] for o in question.public["options"]}
    page = watched_page.page
    page.goto(site_url + "exercises/critical-reasoning.html")
    q = page.locator("[data-question='move-q09']")
    q.wait_for(timeout=20000)
    assert "Twice before, in 1914 and 1939" in q.inner_text()
    for s in question.public["statements"]:
        q.get_by_label(s["text"]).select_option(label=labels[question.key[s["id"]]])
    q.get_by_role("button", name="Check my answer").click()
    assert q.get_by_test_id("question-result").inner_text().startswith("✓ Correct — 3 of 3 points")
    assert watched_page.errors == []


@pytest.mark.site
def test_profiles_and_moves_are_linked_from_the_chapters_and_shown_on_the_reading_pages(built_book):
    for aid in corpus.ARTICLE_IDS:
        reading = (built_book / "book" / "readings" / f"{aid}.html").read_text(encoding="utf-8")
        assert f"Source profile of {aid}" in reading
        chapter = (built_book / "book" / "chapters" / f"{aid}.html").read_text(encoding="utf-8")
        assert f"#source-{aid}" in chapter and "critical/reasoning.html#move-" in chapter
    sources_page = (built_book / "book" / "critical" / "sources.html").read_text(encoding="utf-8")
    assert all(f'id="source-{aid}"' in sources_page for aid in corpus.ARTICLE_IDS)
