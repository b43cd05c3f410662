"""The answer store without a browser: the answers file beside the notebook, the copy id, the
warning when a second page attaches, and the book page's submission file (issue 10, cases 1–5).

The same cases run in a real JupyterLab in ``test_jupyterlab_answers.py``; these pin the rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsparity import run_compute

from debatekit.classroom import load_bank, start
from debatekit.classroom.answers import (
    ANSWERS_SUFFIX,
    answers_file_for,
    copy_bundle,
    fill_answers,
)
from debatekit.classroom.grading import grade_folder
from debatekit.classroom.notebooks import build_notebook, shuffled_public_bank

BANK = load_bank("cumulative")


def _released(tmp_path: Path, answers: dict | None = None, copy: str = "") -> Path:
    nb = fill_answers(build_notebook(BANK, "assessed"), answers or {})
    if copy:
        setup = next(c for c in nb["cells"] if c["id"] == "setup")
        data = copy_bundle("cumulative", "book", copy)
        setup["outputs"] = [{"output_type": "display_data", "data": data, "metadata": {}}]
    path = tmp_path / "cumulative.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _public() -> dict:
    return shuffled_public_bank(BANK, "book")[0]


def test_every_change_is_written_at_once_beside_the_notebook(tmp_path):
    path = _released(tmp_path, copy="c1")
    sheet = start(_public(), notebook=path)
    sheet.widget("cum-q04").answer = "witkoff"
    kept = json.loads((tmp_path / f"cumulative{ANSWERS_SUFFIX}").read_text(encoding="utf-8"))
    assert kept["answers"]["cum-q04"] == "witkoff" and kept["copy"] == "c1" and kept["release"] == "book"
    assert answers_file_for(path, "cumulative") == tmp_path / "cumulative.answers.json"


def test_an_unsaved_edit_survives_a_restart(tmp_path):
    """Case 4: the file says rubio, the student changed it to witkoff and restarted without saving."""
    path = _released(tmp_path, {"cum-q04": "rubio"}, copy="c1")
    first = start(_public(), notebook=path)
    first.widget("cum-q04").answer = "witkoff"
    first.widget("cum-q03").answer = ["forces"]
    again = start(_public(), notebook=path)  # a new kernel
    assert again.answers == {"cum-q04": "witkoff", "cum-q03": ["forces"]}


def test_cleared_outputs_are_restored_and_counted_at_once(tmp_path, capsys):
    """Case 2: outputs cleared and saved (no copy id, no answers in the file); the kernel restores."""
    path = _released(tmp_path, {"cum-q04": "rubio"}, copy="c1")
    start(_public(), notebook=path).widget("cum-q03").answer = ["forces"]
    _released(tmp_path)  # what Clear Outputs + save leaves
    sheet = start(_public(), notebook=path)
    assert sheet.answers == {"cum-q04": "rubio", "cum-q03": ["forces"]}
    assert sheet.copy == "c1"
    sheet.summary()
    assert capsys.readouterr().out.startswith("2 of 12 questions answered")


def test_a_cleared_answer_stays_cleared(tmp_path):
    path = _released(tmp_path, {"cum-q04": "rubio"}, copy="c1")
    start(_public(), notebook=path).widget("cum-q04").answer = None
    assert start(_public(), notebook=path).answers == {}


def test_a_pristine_copy_elsewhere_has_its_own_browser_key_and_no_answers(tmp_path):
    """Case 5: the browser copy is keyed by notebook file, release and copy id."""
    (tmp_path / "anna").mkdir()
    (tmp_path / "ben").mkdir()
    anna = start(_public(), notebook=_released(tmp_path / "anna", copy="c-anna"))
    anna.widget("cum-q12").answer = "Anna's essay"
    ben = start(_public(), notebook=_released(tmp_path / "ben"))
    assert ben.answers == {}
    assert ben.widget("cum-q12").store_key != anna.widget("cum-q12").store_key
    assert ben.copy and ben.copy != "c-anna"


def test_another_copys_answers_file_is_not_taken(tmp_path):
    path = _released(tmp_path, copy="c1")
    start(_public(), notebook=path).widget("cum-q04").answer = "rubio"
    _released(tmp_path, copy="c2")  # another student's notebook copied over this one
    assert start(_public(), notebook=path).answers == {}


def test_another_releases_answers_file_is_not_taken(tmp_path):
    path = _released(tmp_path, copy="c1")
    start(_public(), notebook=path).widget("cum-q04").answer = "rubio"
    other = {**_public(), "release": "r-next-term"}
    assert start(other, notebook=path).answers == {}


def test_a_second_page_attaching_turns_the_warning_on(tmp_path, capsys):
    """Cases 1 and 3: a reopened tab or a second tab asks the kernel for every widget's state."""
    sheet = start(_public(), notebook=_released(tmp_path, copy="c1"))
    w = sheet.widget("cum-q04")
    assert not w.detached
    w.get_state()  # what a reattaching front end's request_state(s) calls
    assert w.detached and sheet.reopened
    sheet.summary()
    assert "WARNING: this notebook was reopened" in capsys.readouterr().out


def test_an_unwritable_folder_is_said_in_the_summary(tmp_path, capsys):
    path = _released(tmp_path, copy="c1")
    sheet = start(_public(), notebook=path)
    sheet.answers_file = tmp_path / "missing-folder" / "x.answers.json"
    sheet.widget("cum-q04").answer = "rubio"
    sheet.summary()
    assert "could not write x.answers.json" in capsys.readouterr().out


# --- the submission file (the book page's download) ----------------------------------------------


def test_the_page_download_is_the_document_python_describes():
    meta = {"assignment": "cumulative", "release": "book", "questions_digest": "abc"}
    qids = [q.id for q in BANK.questions]
    answers = {"cum-q04": "rubio", "cum-q03": ["forces"], "cum-q12": None}
    [out] = run_compute("submit", [{"args": [meta, qids, answers]}])
    doc = out["result"]
    assert doc["debatekit_answers"] == 1 and doc["assignment"] == "cumulative"
    assert list(doc["answers"]) == qids
    assert doc["answers"]["cum-q04"] == "rubio" and doc["answers"]["cum-q01"] is None


_DOC = {"debatekit_answers": 1, "assignment": "cumulative", "answers": {}}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.answers.json", "{", "malformed JSON"),
        ("list.answers.json", "[1]", "not a debatekit answers file"),
        ("other.answers.json", {**_DOC, "assignment": "a001"}, "unknown assignment"),
        ("empty.answers.json", _DOC, "answers missing"),
        ("typed.answers.json", {**_DOC, "answers": {"cum-q05": "many"}}, "wrong type"),
    ],
)
def test_a_bad_submission_file_is_rejected_like_a_bad_notebook(tmp_path, name, content, reason):
    text = content if isinstance(content, str) else json.dumps(content)
    (tmp_path / name).write_text(text, encoding="utf-8")
    [row] = grade_folder(BANK, tmp_path, progress=False)
    assert row.status == "rejected" and reason in row.reason


def test_a_page_download_is_graded_beside_notebooks(tmp_path):
    meta = {"assignment": "cumulative", "release": "book", "questions_digest": _public()["questions_digest"]}
    qids = [q.id for q in BANK.questions]
    [out] = run_compute("submit", [{"args": [meta, qids, {"cum-q04": "rubio", "cum-q05": 315000}]}])
    (tmp_path / "doejane_12345_678_cumulative.answers.json").write_text(json.dumps(out["result"]))
    (tmp_path / "asmith.ipynb").write_text(json.dumps(fill_answers(build_notebook(BANK, "assessed"),
                                                                    {"cum-q04": "rubio"})))  # fmt: skip
    rows = {r.sub.student_id: r for r in grade_folder(BANK, tmp_path, progress=False)}
    assert rows["12345"].status == "graded" and rows["12345"].total == 2 and rows["12345"].notes == []
    assert rows["asmith"].status == "graded" and rows["asmith"].total == 1
