"""Grading a folder: hostile and broken files are rejected with a reason, never run, never fatal."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import time
from pathlib import Path

import pytest

from debatekit.classroom import load_bank
from debatekit.classroom.answers import fill_answers
from debatekit.classroom.grading import (
    Progress,
    canvas_csv,
    find_submissions,
    grade_folder,
    grades_csv,
    identify,
    merge_rubric,
    run,
)
from debatekit.classroom.notebooks import build_notebook

BANK = load_bank("cumulative")
RIGHT = {"cum-q04": "rubio", "cum-q05": 315000, "cum-q07": "a001-p06", "cum-q10": "a001"}


def notebook(answers: dict | None = None, assignment: str = "cumulative") -> dict:
    nb = build_notebook(load_bank(assignment), "assessed")
    return fill_answers(nb, answers if answers is not None else RIGHT)


def write(folder: Path, name: str, content: dict | str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def reasons(rows) -> dict[str, str]:
    return {r.sub.rel: (r.reason if r.status == "rejected" else "graded") for r in rows}


# --- hostile and broken files ----------------------------------------------------------------------


def test_code_in_a_submission_is_never_run(tmp_path):
    marker = tmp_path / "marker-written-by-student-code"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    port = listener.getsockname()[1]
    hostile = notebook()
    payload = (
        f"open({str(marker)!r}, 'w').write('ran')\n"
        f"import socket; socket.create_connection(('127.0.0.1', {port})).sendall(b'ran')\n"
        f"__import__('os').system('touch {marker}')"
    )
    for cell in hostile["cells"]:
        if cell["cell_type"] == "code":
            cell["source"] = payload
    hostile["metadata"]["kernelspec"] = {"name": "python3", "display_name": "x", "language": "python"}
    for i in range(60):  # enough files that the worker processes grade them too
        write(tmp_path / "subs", f"student{i:02d}.ipynb", hostile)
    rows = grade_folder(BANK, tmp_path / "subs", jobs=2, progress=False)
    assert [r.status for r in rows] == ["graded"] * 60
    assert not marker.exists()
    with pytest.raises(BlockingIOError):
        listener.accept()
    listener.close()


def test_malformed_and_truncated_json_are_rejected_with_where(tmp_path):
    text = json.dumps(notebook(), indent=1)
    write(tmp_path, "truncated.ipynb", text[: len(text) // 2])
    write(tmp_path, "malformed.ipynb", text.replace('"cells": [', '"cells": [,', 1))
    found = reasons(grade_folder(BANK, tmp_path, progress=False))
    assert found["truncated.ipynb"].startswith(
        "malformed JSON: the file ends before the notebook does (truncated?)"
    )
    assert found["malformed.ipynb"] == "malformed JSON: Expecting value at line 2, column 12"


def test_an_old_nbformat_is_rejected(tmp_path):
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": ""}, "worksheets": [{"cells": []}]}
    write(tmp_path, "old.ipynb", v3)
    assert reasons(grade_folder(BANK, tmp_path, progress=False)) == {
        "old.ipynb": "old notebook format (nbformat 3); open it in Jupyter and save it as version 4"
    }


def test_non_utf8_bytes_are_rejected(tmp_path):
    nb = notebook({**RIGHT, "cum-q12": "Déjà vu"})
    write(tmp_path, "latin1.ipynb", json.dumps(nb, ensure_ascii=False).encode("latin-1", errors="replace"))
    write(tmp_path, "utf16.ipynb", json.dumps(nb).encode("utf-16"))
    found = reasons(grade_folder(BANK, tmp_path, progress=False))
    assert re.fullmatch(r"not UTF-8 text: byte 0x[89a-f][0-9a-f] at offset \d+", found["latin1.ipynb"])
    assert found["utf16.ipynb"] == "not UTF-8 text: byte 0xff at offset 0"


def test_a_50_mb_file_is_rejected_without_being_read(tmp_path):
    big = tmp_path / "big.ipynb"
    with open(big, "wb") as fh:  # sparse: 50 MB on paper, almost nothing on disk
        fh.write(b'{"nbformat": 4, "cells": [')
        fh.seek(50 * 2**20 - 1)
        fh.write(b"]")
    assert big.stat().st_size == 50 * 2**20
    started = time.perf_counter()
    found = reasons(grade_folder(BANK, tmp_path, progress=False))
    assert time.perf_counter() - started < 5
    assert found == {"big.ipynb": "file over the size limit: 50.0 MB > 10 MB"}


def test_answers_of_the_wrong_type_are_rejected_naming_each_question(tmp_path):
    write(
        tmp_path, "typed.ipynb", notebook({"cum-q04": ["rubio"], "cum-q05": "315000", "cum-q07": "a001-p06"})
    )
    reason = reasons(grade_folder(BANK, tmp_path, progress=False))["typed.ipynb"]
    assert reason.startswith("answers of the wrong type: question cum-q04 (single) expects one choice id")
    assert "question cum-q05 (numeric) expects a number, in the question's unit; got str '315000'" in reason


def test_the_same_student_twice_rejects_every_copy(tmp_path):
    write(tmp_path, "jdoe.ipynb", notebook())
    write(tmp_path, "JDoe/cumulative.ipynb", notebook())
    write(tmp_path, "doejane_12345_678_cumulative.ipynb", notebook())
    write(tmp_path, "doejane_LATE_12345_999_cumulative-1.ipynb", notebook())
    write(tmp_path, "asmith.ipynb", notebook())
    found = reasons(grade_folder(BANK, tmp_path, progress=False))
    assert found["asmith.ipynb"] == "graded"
    assert found["jdoe.ipynb"] == (
        "duplicate student id 'jdoe': also JDoe/cumulative.ipynb; keep one and grade again"
    )
    assert found["JDoe/cumulative.ipynb"].startswith("duplicate student id 'JDoe': also jdoe.ipynb")
    assert found["doejane_12345_678_cumulative.ipynb"].startswith("duplicate student id '12345'")
    assert found["doejane_LATE_12345_999_cumulative-1.ipynb"].startswith("duplicate student id '12345'")


def test_an_empty_folder_gives_empty_outputs(tmp_path):
    (tmp_path / "subs").mkdir()
    report = run(
        "cumulative", tmp_path / "subs", tmp_path / "grades.csv", feedback_dir=tmp_path / "fb", progress=False
    )
    assert report.rows == []
    header = (tmp_path / "grades.csv").read_text().splitlines()
    assert len(header) == 1 and header[0].startswith("student_id,name,file,status,reason,cum-q01")
    assert len((tmp_path / "grades-canvas.csv").read_text().splitlines()) == 2
    assert not (tmp_path / "fb").exists() or not any((tmp_path / "fb").iterdir())


def test_other_bad_files_each_get_a_reason_and_none_stops_the_batch(tmp_path):
    write(tmp_path, "notes.txt", "my answers are in my head")
    write(tmp_path, "list.ipynb", "[1, 2, 3]")
    write(tmp_path, "deep.ipynb", "[" * 200_000 + "]" * 200_000)
    write(
        tmp_path,
        "cells-not-list.ipynb",
        {"nbformat": 4, "metadata": {"debatekit": {"assignment": "cumulative"}}, "cells": 7},
    )
    write(tmp_path, "other-assignment.ipynb", notebook({"a001-q01": "ceasefire"}, assignment="a001"))
    write(tmp_path, "no-metadata.ipynb", {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []})
    write(tmp_path, "blank.ipynb", notebook({}))
    write(tmp_path, "nested/too/deep.ipynb", notebook())
    os.mkfifo(tmp_path / "pipe.ipynb")
    (tmp_path / "link.ipynb").symlink_to("/etc/hostname")
    write(tmp_path, "fine.ipynb", notebook())
    write(tmp_path, ".hidden.ipynb", "hidden files are not submissions, but they get a row")
    found = reasons(grade_folder(BANK, tmp_path, jobs=1, progress=False))
    assert found == {
        ".hidden.ipynb": "a hidden file or folder (its name starts with '.'), not a submission",
        "blank.ipynb": "answers missing: no recorded answer (outputs cleared, or not saved after answering?)",
        "cells-not-list.ipynb": "not a notebook: no list of cells",
        "deep.ipynb": found["deep.ipynb"],
        "fine.ipynb": "graded",
        "link.ipynb": "a symbolic link, not a submitted file",
        "list.ipynb": "not a notebook: the JSON has no 'nbformat' field",
        "nested/too/deep.ipynb": "nested too deep: put notebooks in the folder or one folder per student",
        "no-metadata.ipynb": (
            "unknown assignment: no metadata.debatekit.assignment (was it made by debatekit release?)"
        ),
        "notes.txt": (
            "not a notebook: expected a .ipynb file (or a .answers.json submission file), got '.txt'"
        ),
        "other-assignment.ipynb": "unknown assignment 'a001': this run grades 'cumulative'",
        "pipe.ipynb": "not a regular file",
    }
    assert found["deep.ipynb"].startswith("malformed JSON")


def test_every_file_appears_in_the_output_csv(tmp_path):
    subs = tmp_path / "subs"
    write(subs, "a.ipynb", notebook())
    write(subs, "b.ipynb", "{")
    write(subs, "c.pdf", b"%PDF-1.4")
    run("cumulative", subs, tmp_path / "grades.csv", progress=False)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "grades.csv").read_text())))
    assert [(r["file"], r["status"]) for r in rows] == [
        ("a.ipynb", "graded"),
        ("b.ipynb", "rejected"),
        ("c.pdf", "rejected"),
    ]
    assert rows[0]["total"] == "4" and rows[0]["max_points"] == "23" and rows[1]["total"] == ""


# --- who is who, and the outputs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "student", "name", "canvas"),
    [
        ("jdoe.ipynb", "jdoe", "jdoe", ""),
        ("jdoe/week3.ipynb", "jdoe", "jdoe", ""),
        ("doejane_12345_67890_cumulative.ipynb", "12345", "doejane", "12345"),
        ("doejane_LATE_12345_67890_cumulative-2.ipynb", "12345", "doejane", "12345"),
        ("my_notes.ipynb", "my_notes", "my_notes", ""),
    ],
)
def test_the_student_id_comes_from_where_the_file_is(tmp_path, rel, student, name, canvas):
    sub = identify(tmp_path / rel, tmp_path)
    assert (sub.student_id, sub.name, sub.canvas_id, sub.rel) == (student, name, canvas, rel)


def test_the_canvas_csv_is_what_canvas_imports(tmp_path):
    write(tmp_path, "doejane_12345_67890_cumulative.ipynb", notebook())
    write(tmp_path, "asmith.ipynb", notebook({"cum-q04": "rubio"}))
    write(tmp_path, "broken.ipynb", "{")
    rows = grade_folder(BANK, tmp_path, progress=False)
    table = list(csv.reader(io.StringIO(canvas_csv(rows, BANK))))
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", BANK.title]
    assert table[1] == ["Points Possible", "", "", "", "", "23"]
    assert table[2:] == [["asmith", "", "", "asmith", "", "1"], ["doejane", "12345", "", "", "", "4"]]
    with_id = next(csv.reader(io.StringIO(canvas_csv(rows, BANK, assignment_id="987"))))
    assert with_id[-1] == f"{BANK.title} (987)"


def test_a_canvas_roster_fills_names_ids_and_sections(tmp_path):
    write(tmp_path / "subs", "asmith.ipynb", notebook())
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Week 1 (555)\n"
        "    Points Possible,,,,,10\n"
        '"Smith, Ann",4242,S001,asmith,Seminar B,7\n',
        encoding="utf-8",
    )
    run("cumulative", tmp_path / "subs", tmp_path / "g.csv", roster=roster, progress=False)
    assert (tmp_path / "g-canvas.csv").read_text().splitlines()[
        2
    ] == '"Smith, Ann",4242,S001,asmith,Seminar B,4'


def test_rubric_scores_are_merged_and_each_bad_row_is_reported(tmp_path):
    write(tmp_path, "jdoe.ipynb", notebook({**RIGHT, "cum-q12": "For: … Against: …"}))
    write(tmp_path, "asmith.ipynb", notebook())
    rows = grade_folder(BANK, tmp_path, progress=False)
    rubric = tmp_path / "rubric.csv"
    rubric.write_text(
        "student_id,question,score,comment\n"
        "jdoe,cum-q12,5,Strong case for; thin case against.\n"
        "JDOE,cum-q12,6,\n"
        "asmith,cum-q04,1,\n"
        "asmith,cum-q12,7,\n"
        "asmith,cum-q12,x,\n"
        "nobody,cum-q12,2,\n"
        "jdoe,cum-q99,1,\n",
        encoding="utf-8",
    )
    problems = merge_rubric(rows, BANK, rubric)
    jdoe = next(r for r in rows if r.sub.student_id == "jdoe")
    assert jdoe.scores["cum-q12"] == 5 and jdoe.total == 9 and jdoe.pending(BANK) == []
    assert jdoe.comments["cum-q12"] == "Strong case for; thin case against."
    assert problems == [
        "rubric.csv: line 3: JDOE cum-q12 scored twice; the first score counts",
        "rubric.csv: line 4: field 'question': 'cum-q04' is not a short-answer question; "
        "short answers: ['cum-q12']",
        "rubric.csv: line 5: field 'score': 7 is outside 0–6",
        "rubric.csv: line 6: asmith cum-q12 scored twice; the first score counts",
        "rubric.csv: line 7: field 'student_id': no graded submission from 'nobody'",
        "rubric.csv: line 8: field 'question': 'cum-q99' is not a question of this assignment; "
        "short answers: ['cum-q12']",
    ]
    table = {r["student_id"]: r for r in csv.DictReader(io.StringIO(grades_csv(rows, BANK)))}
    assert table["jdoe"]["cum-q12"] == "5" and table["jdoe"]["pending"] == ""
    assert table["asmith"]["cum-q12"] == "" and table["asmith"]["pending"] == "cum-q12"


def test_a_rubric_without_the_required_columns_stops_the_run(tmp_path):
    write(tmp_path / "subs", "jdoe.ipynb", notebook())
    rubric = tmp_path / "rubric.csv"
    rubric.write_text("student,score\njdoe,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"rubric.csv: missing column\(s\) \['student_id', 'question'\]"):
        run("cumulative", tmp_path / "subs", tmp_path / "g.csv", rubric=rubric, progress=False)
    assert not (tmp_path / "g.csv").exists()


def test_nothing_is_overwritten_without_force(tmp_path):
    write(tmp_path / "subs", "jdoe.ipynb", notebook())
    (tmp_path / "fb").mkdir()
    (tmp_path / "fb" / "jdoe.md").write_text("my own notes")
    with pytest.raises(FileExistsError, match="jdoe.md"):
        run("cumulative", tmp_path / "subs", tmp_path / "g.csv", feedback_dir=tmp_path / "fb", progress=False)
    assert not (tmp_path / "g.csv").exists() and (tmp_path / "fb" / "jdoe.md").read_text() == "my own notes"
    run(
        "cumulative",
        tmp_path / "subs",
        tmp_path / "g.csv",
        feedback_dir=tmp_path / "fb",
        force=True,
        progress=False,
    )
    assert (tmp_path / "fb" / "jdoe.md").read_text().startswith("# Feedback: Cumulative assessment")


def test_a_rejected_student_gets_feedback_saying_why(tmp_path):
    write(tmp_path / "subs", "jdoe.ipynb", "{")
    run("cumulative", tmp_path / "subs", tmp_path / "g.csv", feedback_dir=tmp_path / "fb", progress=False)
    text = (tmp_path / "fb" / "jdoe.md").read_text()
    assert "**This file could not be graded:** malformed JSON: the file ends before the notebook does" in text


def test_both_cores_give_the_same_rows_as_one(tmp_path):
    answers = [RIGHT, {"cum-q04": "witkoff"}, {"cum-q01": ["annex", "offer", "intercepts", "roadmap"]}]
    for i in range(90):
        write(tmp_path, f"s{i:03d}.ipynb", notebook(answers[i % 3]) if i % 10 else "{")
    one = grade_folder(BANK, tmp_path, jobs=1, progress=False)
    two = grade_folder(BANK, tmp_path, jobs=2, progress=False)
    assert grades_csv(one, BANK) == grades_csv(two, BANK)
    assert sum(r.status == "rejected" for r in two) == 9


def test_a_progress_bar_is_shown_on_long_runs_only():
    stream = io.StringIO()
    bar = Progress(40, stream=stream, width=10)
    for _ in range(40):
        bar.update(1)
    assert stream.getvalue().endswith("\rgrading [##########] 40/40\n")
    quiet = io.StringIO()
    short = Progress(5, stream=quiet)
    short.update(5)
    assert quiet.getvalue() == ""


def test_hidden_files_and_checkpoints_get_a_row_but_are_never_graded(tmp_path):
    write(tmp_path, ".ipynb_checkpoints/jdoe-checkpoint.ipynb", notebook())
    write(tmp_path, ".DS_Store", b"\0")
    write(tmp_path, "jdoe.ipynb", notebook())
    found = {s.rel: s.refusal for s in find_submissions(tmp_path)}
    assert list(found) == [".DS_Store", ".ipynb_checkpoints/jdoe-checkpoint.ipynb", "jdoe.ipynb"]
    assert found["jdoe.ipynb"] == "" and all(found[k] for k in list(found)[:2])
