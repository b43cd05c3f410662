"""Release → answer programmatically → grade gives the expected scores, and released notebooks hold no keys.

Single choice, numeric, citation and weighing questions are all-or-nothing, so their "partly
right" student gets them right or wrong; multiple select, ordering and matching give partial
credit, and short answers take the instructor's rubric score.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
from pathlib import Path

import nbformat
import pytest

from debatekit.classroom import bank_names, check, load_bank, public_bank
from debatekit.classroom.answers import fill_answers
from debatekit.classroom.grading import run
from debatekit.classroom.notebooks import build_notebook, notebook_text, release
from debatekit.cli import main

ALL_TYPES = """
assignment: all-types
title: Every question type
mode: assessed
questions:
  - id: t-single
    type: single
    points: 1
    prompt: Which article names its author?
    choices: [{id: a, text: a000, feedback: No byline in a000.}, {id: b, text: a001}, {id: c, text: a003}]
    key: b
    explanation: a001-p20 names Robert Legvold.
    reread: [a001-p20]
  - id: t-multiple
    type: multiple
    points: 2
    prompt: Which are Legvold's guardrail agreements?
    choices:
      - {id: p, text: Conventional Forces in Europe Treaty}
      - {id: q, text: Open Skies Treaty}
      - {id: r, text: Vienna Document}
      - {id: s, text: North Atlantic Treaty, feedback: That is NATO's founding treaty.}
      - {id: t, text: Budapest meeting}
    key: [p, q, r]
    reread: [a001-p13]
  - id: t-numeric
    type: numeric
    points: 1
    prompt: About how many U.S. military personnel are in Europe?
    key: 85000
    tolerance: 1000
    unit: military personnel
    too_low: More than that.
    reread: [a004-p10]
  - id: t-ordering
    type: ordering
    points: 3
    prompt: Order the events.
    items: [{id: w, text: NATO pledge}, {id: x, text: Alaska Summit}, {id: y, text: Budapest collapse},
            {id: z, text: Roadmap endorsed}]
    key: [w, x, [y, z]]
    hint: The seeds date all four.
    reread: [a004-p04, a004-p05, a004-p08, a004-p09]
  - id: t-matching
    type: matching
    points: 2
    prompt: Match each measure to its scenario.
    claims: [{id: c1, text: Tomahawks}, {id: c2, text: Frozen assets}, {id: c3, text: Smaller footprint},
             {id: c4, text: Consolidated gains}]
    options: [{id: o1, text: Stick}, {id: o2, text: Restraint}]
    key: {c1: o1, c2: o1, c3: o2, c4: o2}
    reread: [a004-p11, a004-p12]
  - id: t-citation
    type: citation
    points: 1
    prompt: Which paragraph names the NATO-Russia Council as the venue?
    candidates: [{pid: a001-p12}, {pid: a001-p13}, {pid: a001-p17}]
    key: [a001-p13, a001-p17]
    reread: [a001-p13]
  - id: t-weighing
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
    example: {cost: 13, escalation: 5, leverage: 3}
    reread: [a004-p11]
  - id: t-short
    type: short
    prompt: Argue for or against the stick strategy.
    rubric: [{criterion: Position and evidence, points: 2}, {criterion: Answers the other side, points: 1}]
    model_answer: A model answer only the instructor sees.
    reread: [a004-p11]
"""

STUDENTS = {
    "ace": {
        "t-single": "b",
        "t-multiple": ["p", "q", "r"],
        "t-numeric": 85000,
        "t-ordering": ["w", "x", "z", "y"],
        "t-matching": {"c1": "o1", "c2": "o1", "c3": "o2", "c4": "o2"},
        "t-citation": "a001-p13",
        "t-weighing": {"cost": 13, "escalation": 5, "leverage": 3},
        "t-short": "Pressure works because …",
    },
    "partial": {
        "t-single": "a",
        "t-multiple": ["p", "q", "s"],
        "t-numeric": 85500,
        "t-ordering": ["x", "w", "y", "z"],
        "t-matching": {"c1": "o1", "c2": "o1", "c3": "o2"},
        "t-citation": "a001-p17",
        "t-weighing": {"cost": 12, "escalation": 5, "leverage": 3},
        "t-short": "Restraint, maybe.",
    },
    "wrong": {
        "t-single": "c",
        "t-multiple": ["s", "t"],
        "t-numeric": 20000,
        "t-ordering": ["y", "z", "x", "w"],
        "t-matching": {"c1": "o2", "c2": "o2", "c3": "o1", "c4": "o1"},
        "t-citation": "a001-p12",
        "t-weighing": {"cost": 13, "escalation": 5, "leverage": 0},
    },
}
# By the scoring rules in debatekit.classroom.checking (ordering: 5 ordered pairs, y and z tied).
EXPECTED = {
    "ace": {"t-single": 1, "t-multiple": 2, "t-numeric": 1, "t-ordering": 3, "t-matching": 2,
            "t-citation": 1, "t-weighing": 2, "t-short": 3},
    "partial": {"t-single": 0, "t-multiple": 2 * 1 / 3, "t-numeric": 1, "t-ordering": 3 * 4 / 5,
                "t-matching": 2 * 3 / 4, "t-citation": 1, "t-weighing": 0, "t-short": 1.5},
    "wrong": {"t-single": 0, "t-multiple": 0, "t-numeric": 0, "t-ordering": 0, "t-matching": 0,
              "t-citation": 0, "t-weighing": 0, "t-short": None},
}  # fmt: skip
RUBRIC = "student_id,question,score,comment\nace,t-short,3,Clear and well argued.\npartial,t-short,1.5,\n"


@pytest.fixture
def bank_file(tmp_path) -> Path:
    path = tmp_path / "all-types.yml"
    path.write_text(ALL_TYPES, encoding="utf-8")
    return path


def _submit(released: Path, folder: Path, student: str, answers: dict) -> Path:
    nb = json.loads(released.read_text(encoding="utf-8"))
    path = folder / f"{student}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(fill_answers(nb, answers)), encoding="utf-8")
    return path


def _rows(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {r["student_id"]: r for r in csv.DictReader(fh)}


def test_release_fill_and_grade_gives_the_expected_scores_for_every_type(tmp_path, bank_file):
    released = release(bank_file, tmp_path / "release")
    assert released.name == "all-types.ipynb"
    for student, answers in STUDENTS.items():
        _submit(released, tmp_path / "subs", student, answers)
    rubric = tmp_path / "scores.csv"
    rubric.write_text(RUBRIC, encoding="utf-8")
    report = run(bank_file, tmp_path / "subs", tmp_path / "grades.csv", rubric=rubric,
                 feedback_dir=tmp_path / "feedback", jobs=1, progress=False)  # fmt: skip
    assert report.problems == [] and [r.status for r in report.rows] == ["graded"] * 3
    rows = _rows(tmp_path / "grades.csv")
    for student, expected in EXPECTED.items():
        for qid, score in expected.items():
            cell = rows[student][qid]
            assert (cell == "") if score is None else float(cell) == pytest.approx(score, abs=1e-4), (
                student,
                qid,
            )
        total = sum(s for s in expected.values() if s is not None)
        assert float(rows[student]["total"]) == pytest.approx(total, abs=1e-4)
        assert rows[student]["max_points"] == "15"
    assert rows["wrong"]["pending"] == "t-short" and rows["ace"]["pending"] == ""
    ace = (tmp_path / "feedback" / "ace.md").read_text(encoding="utf-8")
    assert "**Total: 15 of 15 points**" in ace and "Instructor: Clear and well argued." in ace
    partial = (tmp_path / "feedback" / "partial.md").read_text(encoding="utf-8")
    assert "No byline in a000." in partial and "ties for first" in partial and "Re-read: a001-p20" in partial


def test_grading_uses_the_same_check_as_practice(bank_file):
    bank = load_bank(bank_file)
    for student, answers in STUDENTS.items():
        for qid, score in EXPECTED[student].items():
            if qid != "t-short":
                assert check(bank.question(qid), answers.get(qid)).score == pytest.approx(score)


def test_the_packaged_assessment_round_trips_with_every_answer_right(tmp_path):
    bank = load_bank("cumulative")
    released = release("cumulative", tmp_path / "release")
    right = {}
    for q in bank.questions:
        if q.type == "single":
            right[q.id] = q.key
        elif q.type in ("multiple", "citation"):
            right[q.id] = q.key if q.type == "multiple" else q.key[0]
        elif q.type == "numeric":
            right[q.id] = q.key["value"]
        elif q.type == "ordering":
            right[q.id] = [i for group in q.key for i in group]
        elif q.type == "matching":
            right[q.id] = q.key
        elif q.type == "weighing":
            right[q.id] = q.instructor["example"]
    _submit(released, tmp_path / "subs", "jdoe", right)
    report = run("cumulative", tmp_path / "subs", tmp_path / "g.csv", jobs=1, progress=False)
    (row,) = report.rows
    short = sum(q.points for q in bank.questions if q.type == "short")
    assert row.status == "graded" and row.total == bank.points - short


# --- no key material in what is released -----------------------------------------------------------


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _secrets(q, public_text: str) -> list[str]:
    """Every form in which a question's key material could leak, except ids that are shown anyway."""
    shown = json.dumps(q.public, ensure_ascii=False) + repr(q.public)
    found = [*q.feedback.values(), q.explanation]
    for value in q.instructor.values():  # model answers, example weightings
        found.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    if q.key is not None and q.type != "weighing":  # a weighing task's target is its public question
        canon = json.dumps(q.key, sort_keys=True, ensure_ascii=False)
        for form in (canon, json.dumps(q.key, ensure_ascii=False), repr(q.key), str(q.key)):
            if form not in shown:
                found.append(form)
        for algo in ("md5", "sha1", "sha256"):
            found += [
                hashlib.new(algo, form.encode()).hexdigest() for form in (canon, str(q.key), repr(q.key))
            ]
    found += [pid for pid in q.reread if pid not in public_text]  # a pointer to the answer
    return [s for s in found if s]


def _numbers(q) -> list[re.Pattern]:
    if q.type != "numeric":
        return []
    value = q.key["value"]
    forms = {str(value), f"{value:,}", f"{value:g}"}
    return [re.compile(rf"(?<![\w.,]){re.escape(f)}(?![\w]|[.,]\d)") for f in forms]


@pytest.mark.parametrize("name", [*bank_names(), "all-types"])
def test_a_released_notebook_contains_no_key_material(tmp_path, bank_file, name):
    source = bank_file if name == "all-types" else name
    bank = load_bank(source)
    path = release(source, tmp_path)
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    nbformat.validate(nbformat.reads(text, as_version=4))
    haystack = text + "\n".join(_strings(nb))
    public_text = json.dumps(public_bank(bank), ensure_ascii=False)
    searched = 0
    for q in bank.questions:
        for secret in _secrets(q, public_text):
            assert secret not in haystack, f"{name}: {q.id} leaks {secret!r}"
            searched += 1
        for pattern in _numbers(q):
            assert not pattern.search(haystack), f"{name}: {q.id} leaks its numeric key ({pattern.pattern})"
            searched += 1
    assert searched >= 4 * len(bank.questions)
    assert nb["metadata"]["debatekit"]["mode"] == "assessed"
    assert "Re-read a" not in text and "'reread'" not in text and '"reread"' not in text


def _other_key(q):
    p = q.public
    if q.type == "single":
        return next(c["id"] for c in p["choices"] if c["id"] != q.key)
    if q.type == "multiple":
        return [c["id"] for c in p["choices"] if c["id"] not in q.key] or [p["choices"][0]["id"]]
    if q.type == "numeric":
        return {"value": q.key["value"] + 7, "tolerance": q.key["tolerance"] + 1}
    if q.type == "ordering":
        return list(reversed(q.key))
    if q.type == "matching":
        options = [o["id"] for o in p["options"]]
        return {c: options[(options.index(o) + 1) % len(options)] for c, o in q.key.items()}
    if q.type == "citation":
        return [c["pid"] for c in p["candidates"] if c["pid"] not in q.key][:1]
    return q.key


@pytest.mark.parametrize("name", [*bank_names(), "all-types"])
def test_a_released_notebook_is_identical_whatever_the_keys_and_feedback(bank_file, name):
    """Proof that nothing key-dependent (not even an order or a hash) reaches the student."""
    bank = load_bank(bank_file if name == "all-types" else name)
    changed = [
        dataclasses.replace(
            q, key=_other_key(q), feedback={}, explanation="", reread=("a000-p01",), instructor={}
        )
        for q in bank.questions
    ]
    assert any(a.key != b.key for a, b in zip(bank.questions, changed, strict=True))
    other = dataclasses.replace(bank, questions=tuple(changed))
    assert notebook_text(build_notebook(other, "assessed")) == notebook_text(build_notebook(bank, "assessed"))


# --- the commands ----------------------------------------------------------------------------------


def test_release_and_grade_commands_run_end_to_end_and_refuse_to_overwrite(tmp_path, bank_file, capsys):
    out = tmp_path / "release"
    assert main(["release", str(bank_file), "--out", str(out)]) == 0
    assert main(["release", str(bank_file), "--out", str(out)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert main(["release", str(bank_file), "--out", str(out), "--force"]) == 0
    _submit(out / "all-types.ipynb", tmp_path / "subs", "ace", STUDENTS["ace"])
    (tmp_path / "subs" / "notes.txt").write_text("not a notebook")
    rubric = tmp_path / "scores.csv"
    rubric.write_text(RUBRIC + "nobody,t-short,1,\n", encoding="utf-8")
    args = ["grade", str(bank_file), str(tmp_path / "subs"), "--out", str(tmp_path / "grades.csv"),
            "--rubric", str(rubric), "--feedback-dir", str(tmp_path / "fb"), "--jobs", "2"]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "2 file(s): 1 graded, 1 rejected." in printed
    assert "rejected notes.txt: not a notebook" in printed
    assert "rubric: scores.csv: line 4: field 'student_id': no graded submission from 'nobody'" in printed
    assert main(args) == 2
    assert "would overwrite" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    canvas = (tmp_path / "grades-canvas.csv").read_text(encoding="utf-8").splitlines()
    assert canvas == [
        "Student,ID,SIS User ID,SIS Login ID,Section,Every question type",
        "Points Possible,,,,,15",
        "ace,,,ace,,15",
    ]
