"""Question banks, checking and feedback, answers kept in the notebook, and the practice notebooks."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from jsparity import run_compute
from needs import page_in_toc

from debatekit.classroom import AnswerError, bank_names, check, load_bank, public, validate_answer
from debatekit.classroom.answers import (
    ANSWER_MIME,
    answer_bundle,
    fill_answers,
    find_notebook_file,
    read_answers,
)
from debatekit.classroom.notebooks import build_notebook, exercise_notebooks
from debatekit.classroom.question_types import TYPES
from debatekit.classroom.questions import practice_material
from debatekit.classroom.sheet import start
from debatekit.content import corpus
from debatekit.content.files import DataError

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ["a000", "a001", "a002", "a003", "a004"]
CRITICAL = ["critical-sources", "critical-time", "critical-reasoning", "critical-writing"]
_PID = re.compile(r"a\d{3}-p\d{2}")
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")

# A small bank with an inline matrix, so checks don't depend on the shipped matrices' numbers.
WEIGHING_BANK = """
assignment: weigh-test
title: Weighing test
questions:
  - id: w1
    type: weighing
    points: 2
    prompt: Make talks rank first under the Europe lens by changing only cost.
    matrix:
      name: test
      scores:
        pressure: {cost: 4, escalation: 3, leverage: 8}
        restraint: {cost: 8, escalation: 8, leverage: 2}
        talks: {cost: 2, escalation: 6, leverage: 5}
      directions: {cost: cost, escalation: cost, leverage: benefit}
      lenses:
        Europe: {cost: 2, escalation: 5, leverage: 3}
    lens: Europe
    target: talks
    adjustable: [cost]
    reread: [a004-p11]
"""


@pytest.fixture
def weighing(tmp_path):
    path = tmp_path / "weigh.yml"
    path.write_text(WEIGHING_BANK, encoding="utf-8")
    return load_bank(path).question("w1")


def all_questions():
    return [q for name in bank_names() for q in load_bank(name).questions]


# --- the banks -----------------------------------------------------------------------------------


def test_each_chapter_has_a_bank_of_at_least_eight_questions_mixing_five_or_more_types():
    for name in CHAPTERS:
        bank = load_bank(name)
        assert bank.mode == "practice"
        assert len(bank.questions) >= 8, name
        assert len({q.type for q in bank.questions}) >= 5, name


def test_the_cumulative_assessment_is_assessed_and_spans_all_five_articles():
    bank = load_bank("cumulative")
    assert bank.mode == "assessed"
    cited = {pid[:4] for q in bank.questions for pid in q.reread}
    assert cited == set(CHAPTERS)


def test_every_question_type_appears_in_the_banks():
    assert set(Counter(q.type for q in all_questions())) == set(TYPES)


def test_keys_cite_paragraphs_that_exist_and_opinion_questions_have_no_key():
    for q in all_questions():
        assert q.reread, q.id
        for pid in q.reread:
            corpus.paragraph(pid)
        assert (q.key is None) == (q.type == "short"), q.id


def _texts(q) -> list[str]:
    p = q.public
    texts = [q.prompt, q.explanation, *q.feedback.values()]
    for field in ("choices", "claims", "items", "options"):
        texts += [e["text"] for e in p.get(field, [])]
    texts += [r["criterion"] for r in p.get("rubric", [])]
    return [t for t in texts if t]


def test_every_quotation_in_a_question_is_verbatim_from_a_paragraph_it_cites():
    checked = 0
    for q in all_questions():
        own = set(q.reread) | {c["pid"] for c in q.public.get("candidates", [])}
        for text in _texts(q):
            sources = own | set(_PID.findall(text))
            for match in _QUOTE.finditer(text):
                quote = corpus.normalise_space(match.group(1) or match.group(2))
                if len(quote.split()) < 4:
                    continue
                found = [
                    pid for pid in sources if quote in corpus.normalise_space(corpus.paragraph(pid).text)
                ]
                assert found, f"{q.id}: “{quote}” is in none of {sorted(sources)}"
                checked += 1
    assert checked >= 20


def test_a_bank_mistake_names_file_entry_and_field(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "assignment: bad\ntitle: Bad\nquestions:\n"
        "  - {id: b1, type: single, prompt: P, reread: [a001-p99], key: x,"
        " choices: [{id: x, text: X}, {id: y, text: Y}]}\n"
        "  - {id: b2, type: ranking, prompt: P, reread: [a001-p01]}\n"
        "  - {id: b3, type: single, prompt: P, reread: [a001-p01], key: z,"
        " choices: [{id: x, text: X}, {id: y, text: Y}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_bank(bad)
    message = str(err.value)
    assert "3 problems" in message
    assert "bad.yml: entry #1 (b1): field 'reread'" in message and "p01-p20" in message
    assert "entry #2 (b2): field 'type'" in message and "'ranking'" in message
    assert "entry #3 (b3): field 'key'" in message


def test_ordering_items_are_shown_in_an_order_that_does_not_follow_the_key():
    for q in all_questions():
        if q.type == "ordering":
            shown = [i["id"] for i in q.public["items"]]
            flat = [i for group in q.key for i in group]
            assert shown != flat, f"{q.id} would show its items in the answer order"


# --- checking --------------------------------------------------------------------------------------


def test_single_choice_is_all_or_nothing_with_feedback_for_the_wrong_choice():
    q = load_bank("a000").question("a000-q01")
    assert check(q, "saudi").score == 1 and check(q, "saudi").status == "correct"
    wrong = check(q, "alaska")
    assert wrong.score == 0 and wrong.status == "wrong"
    assert "15 August 2025" in wrong.feedback[0]


def test_multiple_select_scores_right_picks_minus_wrong_picks():
    q = load_bank("a000").question("a000-q03")  # 2 points, 3 right of 5
    assert check(q, ["savings", "leverage", "escalation"]).score == 2
    assert check(q, ["savings", "leverage"]).score == pytest.approx(2 * 2 / 3)
    half = check(q, ["savings", "leverage", "deterrence"])
    assert half.score == pytest.approx(2 * 1 / 3) and half.status == "partial"
    assert "You missed 1 correct choice." in half.feedback
    assert check(q, ["deterrence", "axis"]).score == 0


def test_numeric_answers_count_within_the_tolerance_and_say_too_low_or_too_high():
    q = load_bank("a004").question("a004-q03")  # 4.7 ± 0.05
    assert check(q, 4.7).status == "correct"
    assert check(q, 4.74).status == "correct"
    assert check(q, 4.8).status == "wrong" and "Lower" in check(q, 4.8).feedback[0]
    assert "Spain" in check(q, 2.1).feedback[0]


def test_ordering_scores_pairs_and_lets_tied_events_come_either_way():
    q = load_bank("a004").question("a004-q01")  # 3 points; Riyadh and Oval Office share February 2025
    right = ["riyadh", "oval", "nato", "alaska", "budapest"]
    assert check(q, right).score == 3
    assert check(q, ["oval", "riyadh", "nato", "alaska", "budapest"]).score == 3
    swapped = check(q, ["riyadh", "oval", "alaska", "nato", "budapest"])
    assert swapped.score == pytest.approx(3 * 8 / 9) and "8 of 9 pairs" in swapped.feedback[1]
    assert check(q, list(reversed(right))).score == pytest.approx(3 * 0 / 9)


def test_matching_scores_each_claim_and_unmatched_claims_count_as_wrong():
    q = load_bank("a004").question("a004-q06")  # 3 points, 5 claims
    full = dict(q.key)
    assert check(q, full).score == 3
    partial = {k: v for k, v in full.items() if k != "assets"}
    result = check(q, partial)
    assert result.score == pytest.approx(3 * 4 / 5) and result.feedback == ["Re-read a004-p11."]


def test_citation_accepts_any_accepted_paragraph():
    q = load_bank("a001").question("a001-q06")
    assert check(q, "a001-p13").score == 1 and check(q, "a001-p17").score == 1
    assert check(q, "a001-p10").score == 0


def test_weighing_is_graded_by_running_the_tradeoff_model_on_the_weights(weighing):
    base = {"cost": 2, "escalation": 5, "leverage": 3}
    assert check(weighing, {**base, "cost": 13}).status == "correct"
    tie = check(weighing, {**base, "cost": 12})  # 131/20 each
    assert tie.score == 0 and "ties for first" in tie.feedback[0]
    assert "'pressure' ranks first" in check(weighing, base).feedback[0]
    changed = check(weighing, {**base, "cost": 13, "leverage": 0})
    assert changed.score == 0 and "keeps 'leverage' at the Europe lens weight (3)" in changed.feedback[0]
    assert "at least one" in check(weighing, {"cost": -1, "escalation": 5, "leverage": 3}).feedback[0]


def test_every_shipped_weighing_task_can_be_solved_within_the_sliders():
    for q in all_questions():
        if q.type == "weighing":
            example = q.instructor["example"]
            assert all(0 <= w <= 10 for w in example.values())
            assert check(q, example).status == "correct", q.id
            assert check(q, q.public["lens_weights"]).status == "wrong", f"{q.id} is solved before any change"


def test_short_answers_wait_for_the_rubric():
    q = load_bank("a000").question("a000-q09")
    result = check(q, "Appeasement is the wrong word because …")
    assert result.score is None and result.status == "pending"
    assert q.points == sum(r["points"] for r in q.public["rubric"])


def test_unanswered_questions_score_zero():
    q = load_bank("a001").question("a001-q01")
    assert check(q, None).score == 0 and check(q, None).status == "unanswered"


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("a001-q01", ["ceasefire"]),
        ("a001-q01", "no-such-choice"),
        ("a001-q04", "cfe"),
        ("a001-q04", ["cfe", "cfe"]),
        ("a001-q03", "830"),
        ("a001-q03", True),
        ("a001-q07", ["partial", "broader"]),
        ("a001-q05", ["early"]),
        ("a001-q05", {"defence": "soon"}),
        ("a001-q06", "a001-p99"),
        ("a001-q10", 42),
        ("a001-q09", {"durability of the peace": 5}),
    ],
)
def test_answers_of_the_wrong_shape_are_refused_with_what_was_expected(qid, answer):
    q = load_bank("a001").question(qid)
    with pytest.raises(AnswerError, match=f"question {qid} \\({q.type}\\) expects"):
        validate_answer(q, answer)


# --- the JavaScript check agrees with Python -------------------------------------------------------


def _answers_for(q, rng: random.Random) -> list:
    p = q.public
    out: list = [None]
    if q.type == "single":
        out += [c["id"] for c in p["choices"]]
    elif q.type == "multiple":
        ids = [c["id"] for c in p["choices"]]
        out += [list(s) for n in range(1, len(ids) + 1) for s in itertools.combinations(ids, n)]
    elif q.type == "numeric":
        v, t = q.key["value"], q.key["tolerance"]
        out += [v, v + t, v - t, v + t + 0.01, v - t - 0.01, 0, -v, v * 10, rng.uniform(0, 2 * v + 1)]
    elif q.type == "ordering":
        ids = [i["id"] for i in p["items"]]
        perms = list(itertools.permutations(ids))
        out += [list(x) for x in rng.sample(perms, min(60, len(perms)))]
    elif q.type == "matching":
        claims, options = [c["id"] for c in p["claims"]], [o["id"] for o in p["options"]]
        out.append(dict(q.key))
        for _ in range(40):
            chosen = rng.sample(claims, rng.randint(1, len(claims)))
            out.append({c: rng.choice(options) for c in chosen})
    elif q.type == "citation":
        out += [c["pid"] for c in p["candidates"]]
    elif q.type == "weighing":
        base = p["lens_weights"]
        for _ in range(60):
            w = dict(base)
            for c in p["adjustable"]:
                w[c] = rng.choice([0, 0.5, 1, 2.5, 5, 7.5, 10, round(rng.uniform(0, 10), 3)])
            out.append(w)
        out.append({c: 0 for c in base})
        out.append({**base, p["matrix"]["criteria"][0]: base[p["matrix"]["criteria"][0]] + 1})
        if "example" in q.instructor:
            out.append(q.instructor["example"])
    elif q.type == "short":
        out.append("An answer.")
    return out


@pytest.mark.usefixtures("node")
def test_the_widget_javascript_scores_every_answer_exactly_as_python(weighing):
    rng = random.Random(6)
    cases, expected = [], []
    for q in [*all_questions(), weighing]:
        material = practice_material(q)
        for answer in _answers_for(q, rng):
            cases.append({"args": [public(q), material, answer]})
            expected.append(check(q, answer))
    results = run_compute("question", cases)
    assert len(results) == len(expected) > 1200
    for case, result, want in zip(cases, results, expected, strict=True):
        assert "error" not in result, (case, result)
        got = result["result"]
        label = (case["args"][0]["id"], case["args"][2])
        if want.score is None:
            assert got["score"] is None, label
        else:
            assert got["score"] == pytest.approx(want.score, abs=1e-9), label
        assert got["status"] == want.status, label
        assert got["feedback"] == want.feedback, label
    statuses = Counter(w.status for w in expected)
    assert {"correct", "partial", "wrong", "unanswered", "pending"} <= set(statuses)


# --- answers live in the notebook ------------------------------------------------------------------


def test_fill_answers_writes_records_that_read_answers_gets_back():
    nb = build_notebook(load_bank("a002"), "practice")
    answers = {"a002-q01": "buffer", "a002-q04": {"buffer": "russia"}, "a002-q09": "Nothing in a002 …"}
    fill_answers(nb, answers)
    assert read_answers(nb, "a002") == (answers, [])
    other, notes = read_answers(nb, "a001")
    assert other == {} and len(notes) == 3
    assert all(n.endswith("an answer for assignment 'a002' was ignored") for n in notes)


def test_a_live_kernel_records_each_answer_in_its_cell_output(tmp_path):
    """Run the practice notebook in a real kernel; the saved notebook carries the answers as data."""
    from nbclient import NotebookClient

    nb = nbformat.reads(exercise_notebooks()["a003.ipynb"], as_version=4)
    change = nbformat.v4.new_code_cell(
        'sheet.widgets["a003-q02"].answer = ["embassies", "team"]\n'
        'sheet.widgets["a003-q06"].answer = {"alaska": "a004"}\n'
        'sheet.widgets["a003-q02"].answer = ["embassies", "team", "economic"]'
    )
    nb.cells.insert(len(nb.cells) - 2, change)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    saved = json.loads(nbformat.writes(nb))
    answers, notes = read_answers(saved, "a003")
    assert answers == {"a003-q02": ["embassies", "team", "economic"], "a003-q06": {"alaska": "a004"}}
    assert notes == []
    q02 = next(c for c in saved["cells"] if c.get("id") == "a003-q02")
    record = next(o for o in q02["outputs"] if ANSWER_MIME in o.get("data", {}))
    as_saved = {k: "".join(v) if isinstance(v, list) else v for k, v in record["data"].items()}
    assert as_saved == answer_bundle("a003", "a003-q02", ["embassies", "team", "economic"])


def test_reopening_restores_the_answers_saved_in_the_notebook_file(tmp_path, monkeypatch):
    nb = fill_answers(build_notebook(load_bank("a001"), "practice"), {"a001-q02": "eight", "a001-q03": 830})
    path = tmp_path / "a001.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JPY_SESSION_NAME", "course/week1/a001.ipynb")  # relative to the server root
    assert find_notebook_file() == tmp_path / "a001.ipynb"
    sheet = start("a001")
    assert sheet.widget("a001-q02").answer == "eight"
    assert sheet.widget("a001-q03").answer == 830
    assert sheet.widget("a001-q01").answer is None
    assert sheet.answers == {"a001-q02": "eight", "a001-q03": 830}


def test_answers_saved_for_another_assignment_are_not_restored(tmp_path):
    nb = fill_answers(build_notebook(load_bank("a001"), "practice"), {"a001-q02": "eight"})
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert start("a002", notebook=path).answers == {}


def test_a_practice_widget_carries_its_key_and_an_assessed_one_does_not():
    practice = start("a000", notebook=None)
    w = practice.widget("a000-q01")
    assert w.practice["key"] == "saudi" and w.mode == "practice"
    assert w.practice["reread"][0]["url"] == "../book/readings/a000.html#a000-p02"
    assessed = start("a000", mode="assessed")
    assert assessed.widget("a000-q01").practice == {} and assessed.widget("a000-q01").mode == "assessed"


# --- the notebooks in exercises/ -------------------------------------------------------------------


def test_exercise_notebooks_are_in_sync_with_the_question_banks():
    expected = exercise_notebooks()
    folder = ROOT / "exercises"
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.ipynb")}
    assert set(committed) == set(expected) == {f"{n}.ipynb" for n in [*CHAPTERS, "cumulative", *CRITICAL]}
    for name, text in expected.items():
        assert committed[name] == text, f"exercises/{name} is stale: run `debatekit exercises`"


def test_exercise_notebooks_are_stripped_of_outputs_and_valid():
    for path in (ROOT / "exercises").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_each_question_cell_is_marked_with_its_question_and_shows_the_prompt_above_it():
    bank = load_bank("a004")
    cells = build_notebook(bank, "practice")["cells"]
    for n, q in enumerate(bank.questions, 1):
        i = next(i for i, c in enumerate(cells) if c["metadata"].get("debatekit", {}).get("question") == q.id)
        assert "".join(cells[i]["source"]) == f'sheet.ask("{q.id}")'
        assert f"## Question {n}" in "".join(cells[i - 1]["source"])


def test_dollar_signs_in_prompts_stay_money_not_maths(tmp_path):
    path = tmp_path / "money.yml"
    path.write_text(
        "assignment: money\ntitle: Money\nquestions:\n"
        "  - {id: m1, type: numeric, prompt: 'Between $50 and $80 billion?', key: 1, unit: '$ billion',"
        " reread: [a000-p15]}\n",
        encoding="utf-8",
    )
    prompt = "".join(build_notebook(load_bank(path), "practice")["cells"][3]["source"])
    assert r"Between \$50 and \$80 billion?" in prompt and r"Answer in \$ billion." in prompt


# --- on the static book page -----------------------------------------------------------------------


@pytest.mark.site
def test_practice_questions_check_answers_on_the_static_page(built_book, site_url, watched_page):
    page_in_toc(built_book, "exercises/a000")
    page = watched_page.page
    page.goto(site_url + "exercises/a000.html")
    q1 = page.locator("[data-question='a000-q01']")
    q1.wait_for(timeout=20000)
    q1.get_by_label("Alaska").focus()
    page.keyboard.press("Space")
    q1.get_by_role("button", name="Check my answer").click()
    result = q1.get_by_test_id("question-result")
    assert result.inner_text().startswith("✗ Not yet — 0 of 1 point")
    result.get_by_text("Re-read a000-p02").click()
    link = result.get_by_role("link", name="Open a000-p02 in the book")
    assert link.get_attribute("href") == "../book/readings/a000.html#a000-p02"
    q1.get_by_label("Saudi Arabia").check()
    q1.get_by_role("button", name="Check my answer").click()
    assert result.inner_text().startswith("✓ Correct — 1 of 1 point")
    page.goto(site_url + "book/readings/a000.html#a000-p02")
    assert page.locator("#a000-p02").count() == 1
    assert watched_page.errors == [] and watched_page.foreign_requests() == []


@pytest.mark.site
def test_the_assessment_page_records_answers_without_any_key(built_book, site_url, watched_page):
    html = page_in_toc(built_book, "exercises/cumulative").read_text(encoding="utf-8")
    state = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    models = [m["state"] for m in json.loads(state.group(1))["state"].values() if "question" in m["state"]]
    assert len(models) == len(load_bank("cumulative").questions)
    assert all(m["practice"] == {} for m in models)
    page = watched_page.page
    page.goto(site_url + "exercises/cumulative.html")
    q4 = page.locator("[data-question='cum-q04']")
    q4.wait_for(timeout=20000)
    assert page.get_by_role("button", name="Check my answer").count() == 0
    q4.get_by_label("Marco Rubio, Secretary of State").check()
    assert q4.get_by_test_id("question-result").inner_text().startswith("Answer recorded.")
    assert watched_page.errors == []
