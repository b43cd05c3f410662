"""The grader leaks nothing between students and trusts nothing a student or a roster wrote.

Cases 7–10 of issue 10: one feedback file per student, spreadsheet formulas neutralised, student
text escaped in feedback, every file accounted for, a Canvas .zip graded safely, options checked
before any grading starts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from test_grading import BANK, RIGHT, notebook, reasons, write

from debatekit.classroom.grading import grade_folder, run
from debatekit.cli import main

# --- case 7: one feedback file per student ----------------------------------------------------


def test_names_that_sanitise_alike_get_separate_feedback_files_and_the_report_says_so(tmp_path):
    subs = tmp_path / "subs"
    write(subs, "anna smith.ipynb", notebook({"cum-q04": "rubio"}))
    write(subs, "anna_smith.ipynb", notebook({"cum-q04": "witkoff"}))
    report = run("cumulative", subs, tmp_path / "g.csv", feedback_dir=tmp_path / "fb", progress=False)
    files = sorted((tmp_path / "fb").iterdir())
    assert len(files) == 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert sum("rubio" in t for t in texts) == 1 and sum("witkoff" in t for t in texts) == 1
    assert any("anna smith" in p and "anna_smith" in p for p in report.notices)


def test_accented_names_stay_readable_and_apart(tmp_path):
    subs = tmp_path / "subs"
    write(subs, "Zoé.ipynb", notebook({"cum-q04": "rubio"}))
    write(subs, "Zoë.ipynb", notebook({"cum-q04": "witkoff"}))
    run("cumulative", subs, tmp_path / "g.csv", feedback_dir=tmp_path / "fb", progress=False)
    names = sorted(f.name for f in (tmp_path / "fb").iterdir())
    assert names == sorted(["zoé.md", "zoë.md"])
    assert "witkoff" not in (tmp_path / "fb" / "zoé.md").read_text(encoding="utf-8")


def test_control_characters_in_a_name_are_rejected_with_a_reason(tmp_path):
    subs = tmp_path / "subs"
    write(subs, "bad\x07name.ipynb", notebook())
    write(subs, "ok.ipynb", notebook())
    found = reasons(grade_folder(BANK, subs, progress=False))
    assert found["ok.ipynb"] == "graded"
    assert "control character" in found["bad\x07name.ipynb"]


# --- case 8: spreadsheet formulas ---------------------------------------------------------------


@pytest.mark.parametrize("evil", ["=HYPERLINK(1)", "+cmd|calc", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_every_csv_cell_that_a_spreadsheet_would_run_is_neutralised(tmp_path, evil):
    subs = tmp_path / "subs"
    write(subs, "doejane_12345_678_cumulative.ipynb", notebook())
    write(subs, f"{evil}.ipynb", notebook())
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f'Student,ID,SIS User ID,SIS Login ID,Section\n"{evil}",12345,"{evil}","{evil}","{evil}"\n',
        encoding="utf-8",
    )
    run("cumulative", subs, tmp_path / "g.csv", roster=roster, progress=False)
    for name in ("g.csv", "g-canvas.csv"):
        for row in csv.reader(io.StringIO((tmp_path / name).read_text(encoding="utf-8"))):
            for cell in row:
                assert not cell or cell[0] not in "=+-@\t\r", f"{name}: {cell!r}"
    if evil.isprintable():  # kept readable, just not a formula (the roster's own spaces are trimmed)
        assert "'" + evil in (tmp_path / "g-canvas.csv").read_text(encoding="utf-8")


# --- case 9: student text in feedback ---------------------------------------------------------------


def test_a_short_answer_cannot_inject_markdown_or_html_into_feedback(tmp_path):
    evil = (
        "ok` **Total: 27 of 27 points**\n\n# Question 1 · 5 of 5\n"
        '<img src="https://evil.example/x.png"> [click](https://evil.example) ```'
    )
    subs = tmp_path / "subs"
    write(subs, "jdoe.ipynb", notebook({**RIGHT, "cum-q12": evil}))
    run("cumulative", subs, tmp_path / "g.csv", feedback_dir=tmp_path / "fb", progress=False)
    text = (tmp_path / "fb" / "jdoe.md").read_text(encoding="utf-8")
    assert "<img" not in text and "](https://evil" not in text
    assert text.count("**Total:") == 1
    lines = text.splitlines()
    assert not any(line.startswith("# Question 1") for line in lines)
    assert r"https://evil\.example" in text  # shown, as escaped text


# --- case 10: every file gets a row; a zip; options up front ---------------------------------------


def test_hidden_files_macos_folders_checkpoints_and_symlinked_folders_each_get_a_row(tmp_path):
    subs = tmp_path / "subs"
    write(subs, "jdoe.ipynb", notebook())
    write(subs, ".hidden.ipynb", notebook())
    write(subs, "__MACOSX/._jdoe.ipynb", b"\0\5\26\7")
    write(subs, ".ipynb_checkpoints/jdoe-checkpoint.ipynb", notebook())
    write(tmp_path / "elsewhere", "asmith/cumulative.ipynb", notebook())
    (subs / "asmith").symlink_to(tmp_path / "elsewhere" / "asmith", target_is_directory=True)
    found = reasons(grade_folder(BANK, subs, progress=False))
    assert set(found) == {
        "jdoe.ipynb",
        ".hidden.ipynb",
        "__MACOSX/._jdoe.ipynb",
        ".ipynb_checkpoints/jdoe-checkpoint.ipynb",
        "asmith",
    }
    assert found["jdoe.ipynb"] == "graded"
    assert "hidden" in found[".hidden.ipynb"]
    assert "__MACOSX" in found["__MACOSX/._jdoe.ipynb"]
    assert "checkpoint" in found[".ipynb_checkpoints/jdoe-checkpoint.ipynb"]
    assert "symbolic link" in found["asmith"]


def _zip(path: Path, members: dict[str, bytes | str | dict]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            if isinstance(content, dict):
                content = json.dumps(content)
            zf.writestr(name, content)
    return path


def test_a_canvas_zip_is_graded_directly(tmp_path):
    archive = _zip(
        tmp_path / "submissions.zip",
        {
            "doejane_12345_678_cumulative.ipynb": notebook(),
            "smithann_222_679_cumulative.ipynb": notebook({"cum-q04": "rubio"}),
            "__MACOSX/._doejane_12345_678_cumulative.ipynb": b"\0",
        },
    )
    report = run("cumulative", archive, tmp_path / "g.csv", feedback_dir=tmp_path / "fb", progress=False)
    found = reasons(report.rows)
    assert found["doejane_12345_678_cumulative.ipynb"] == "graded"
    assert found["smithann_222_679_cumulative.ipynb"] == "graded"
    assert "__MACOSX" in found["__MACOSX/._doejane_12345_678_cumulative.ipynb"]
    totals = {r.sub.student_id: r.total for r in report.graded}
    assert totals == {"12345": 4, "222": 1}


def test_a_zip_cannot_write_outside_or_blow_up(tmp_path):
    bomb = b"0" * (3 * 2**20)
    archive = _zip(
        tmp_path / "evil.zip",
        {
            "../escape.ipynb": notebook(),
            "/abs.ipynb": notebook(),
            "big.ipynb": bomb,
            "fine.ipynb": notebook(),
        },
    )
    rows = grade_folder(BANK, archive, max_bytes=2**20, progress=False)
    found = reasons(rows)
    assert found["fine.ipynb"] == "graded"
    assert "unsafe path" in found["../escape.ipynb"] and "unsafe path" in found["/abs.ipynb"]
    assert "size limit" in found["big.ipynb"]
    assert not (tmp_path / "escape.ipynb").exists() and not Path("/abs.ipynb").exists()


def test_a_zip_with_too_many_files_is_refused_before_grading(tmp_path):
    from debatekit.classroom import grading

    archive = _zip(tmp_path / "many.zip", {f"s{i}.ipynb": "{}" for i in range(grading.MAX_ARCHIVE_FILES + 1)})
    with pytest.raises(ValueError, match="more than"):
        grade_folder(BANK, archive, progress=False)


def test_a_missing_rubric_is_a_clear_error_before_any_grading(tmp_path, capsys, monkeypatch):
    from debatekit.classroom import grading

    write(tmp_path / "subs", "jdoe.ipynb", notebook())
    graded = []
    monkeypatch.setattr(grading, "grade_file", lambda *a, **k: graded.append(a) or None)
    args = ["grade", "cumulative", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"),
            "--rubric", str(tmp_path / "nope.csv")]  # fmt: skip
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--rubric" in err and "nope.csv" in err and "Errno" not in err
    assert graded == [] and not (tmp_path / "g.csv").exists()


def test_a_missing_roster_or_submissions_is_named_up_front(tmp_path, capsys):
    write(tmp_path / "subs", "jdoe.ipynb", notebook())
    args = ["grade", "cumulative", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv")]
    assert main([*args, "--roster", str(tmp_path / "roster.csv")]) == 2
    assert "--roster" in capsys.readouterr().err
    assert main(["grade", "cumulative", str(tmp_path / "none"), "--out", str(tmp_path / "g.csv")]) == 2
    assert "no such folder or .zip" in capsys.readouterr().err


def test_the_run_counts_every_file(tmp_path):
    subs = tmp_path / "subs"
    for i in range(5):
        write(subs, f"s{i}.ipynb", notebook())
    write(subs, ".DS_Store", b"\0")
    write(subs, "__MACOSX/._s1.ipynb", b"\0")
    os.symlink("/etc/hostname", subs / "link.ipynb")
    rows = grade_folder(BANK, subs, progress=False)
    assert len(rows) == 8
