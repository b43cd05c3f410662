"""``debatekit grade``: find the submissions in a folder or .zip, grade them all, merge rubric scores,
write the grades, the gradebook and the feedback. No submitted code is ever run.

One file is read and marked as data by :mod:`.marking`; the CSVs are :mod:`.gradebook`'s, the
feedback files :mod:`.feedback`'s.

Who is who. The student id comes from where the file sits, never from inside it (a student can
write anything in their notebook, but the LMS names the file):

- ``SUBMISSIONS/jdoe/anything.ipynb`` → ``jdoe`` (one folder per student);
- a Canvas bulk download, ``doejane_12345_67890_a001.ipynb`` (or ``doejane_LATE_12345_…``) →
  ``12345``, the Canvas user ID, with ``doejane`` as the name;
- any other ``SUBMISSIONS/jdoe.ipynb`` → ``jdoe``.

Every file appears in the output, graded or rejected with a reason (hidden files, ``__MACOSX``
and checkpoint copies, symbolic links to files or folders, names with control characters
included); files sharing a student id (case-insensitive, Unicode-normalised) are all rejected,
naming each other, so the instructor decides which counts. ``SUBMISSIONS`` may be a folder or a
``.zip`` (a Canvas bulk download), read in place: nothing is extracted, a member whose path is
absolute or leaves the archive is rejected, and the number of members and their sizes are bounded.
Nothing existing is overwritten unless ``force``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import os
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from debatekit.classroom import answers as store
from debatekit.classroom.feedback import feedback_markdown, feedback_names
from debatekit.classroom.gradebook import canvas_csv, grades_csv, load_roster
from debatekit.classroom.marking import DEFAULT_MAX_BYTES, Row, Submission, grade_file
from debatekit.classroom.questions import Bank, load_bank

_CANVAS_FILE = re.compile(r"^(?P<login>[^_]+?)(?:_LATE)?_(?P<uid>\d+)_(?P<sub>\d+)_.+$")
_CHUNK = 25
#: A .zip of submissions may hold at most this many members, and declare at most this many bytes.
MAX_ARCHIVE_FILES = 5000
MAX_ARCHIVE_BYTES = 2 * 2**30
RUBRIC_COLUMNS = ["student_id", "question", "score"]


@dataclass
class Report:
    """Everything a grading run produced, in file order."""

    bank: Bank
    rows: list[Row]
    problems: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def graded(self) -> list[Row]:
        return [r for r in self.rows if r.status == "graded"]

    @property
    def rejected(self) -> list[Row]:
        return [r for r in self.rows if r.status == "rejected"]


# --- finding submissions ----------------------------------------------------------------------


def identify(path: Path, root: Path) -> Submission:
    """Who a file belongs to, from its place in the folder (see the module docstring)."""
    return _identify(PurePosixPath(path.relative_to(root).as_posix()), path)


def _identify(rel: PurePosixPath, path: Path, member: str = "") -> Submission:
    text = rel.as_posix()
    refusal = _place_refusal(rel)
    if len(rel.parts) > 2:  # rejected as nested too deep; its path keeps it apart from real students
        return Submission(path, text, text, text, member=member, refusal=refusal)
    if len(rel.parts) == 2:
        return Submission(path, text, rel.parts[0], rel.parts[0], member=member, refusal=refusal)
    answers_file = rel.name.endswith(store.ANSWERS_SUFFIX)
    stem = rel.name.removesuffix(store.ANSWERS_SUFFIX) if answers_file else rel.stem
    match = _CANVAS_FILE.match(stem)
    if match:
        return Submission(path, text, match["uid"], match["login"], match["uid"], member, refusal)
    return Submission(path, text, stem, stem, member=member, refusal=refusal)


def _place_refusal(rel: PurePosixPath) -> str:
    """Why a file is not a submission, judging by its path alone ('' if it may be one)."""
    parts = rel.parts
    if "__MACOSX" in parts:
        return "macOS archive metadata (__MACOSX), not a submission"
    if ".ipynb_checkpoints" in parts:
        return "a Jupyter checkpoint copy (.ipynb_checkpoints), not a submission"
    if any(p.startswith(".") for p in parts):
        return "a hidden file or folder (its name starts with '.'), not a submission"
    if any(not ch.isprintable() for ch in rel.as_posix()):
        return "the file name contains a control character; rename the file and grade again"
    return ""


def find_submissions(root: Path) -> list[Submission]:
    """Every file under ``root`` (a folder or a .zip), each to get a row in the grades."""
    if root.is_file() and root.suffix.lower() == ".zip":
        return _archive_submissions(root)
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for d in list(dirnames):
            if (here / d).is_symlink():  # os.walk lists it but never enters it: say so
                dirnames.remove(d)
                sub = identify(here / d, root)
                why = "a symbolic link to a folder, not submitted files"
                found.append(dataclasses.replace(sub, refusal=why))
        dirnames.sort()
        for name in sorted(filenames):
            found.append(identify(here / name, root))
    return sorted(found, key=lambda s: s.rel)


def _archive_submissions(archive: Path) -> list[Submission]:
    """The members of a .zip as submissions, read in place; refuses an archive too big to trust."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"{archive}: not a readable .zip ({exc})") from None
    if len(infos) > MAX_ARCHIVE_FILES:
        raise ValueError(
            f"{archive.name}: more than {MAX_ARCHIVE_FILES} files in the archive; unpack it and "
            "grade the folder, or split it"
        )
    declared = sum(i.file_size for i in infos)
    if declared > MAX_ARCHIVE_BYTES:
        raise ValueError(
            f"{archive.name}: the archive unpacks to {declared / 2**30:.1f} GB, over the "
            f"{MAX_ARCHIVE_BYTES / 2**30:g} GB limit; unpack it yourself and grade the folder"
        )
    found = []
    for info in infos:
        name = info.filename
        rel = PurePosixPath(name)
        unsafe = (
            name.startswith(("/", "\\")) or "\\" in name or ".." in rel.parts or re.match(r"^[A-Za-z]:", name)
        )
        sub = _identify(rel, archive, member=name)
        if unsafe:
            why = "unsafe path in the archive (absolute or leaving its folder); not read"
            sub = Submission(archive, name, name, name, member=name, refusal=why)
        found.append(sub)
    return sorted(found, key=lambda s: s.rel)


# --- grading files in worker processes ----------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(bank: Bank, max_bytes: int) -> None:
    _WORKER["bank"], _WORKER["max_bytes"] = bank, max_bytes


def _grade_chunk(subs: list[Submission]) -> list[Row]:
    return [grade_file(s, _WORKER["bank"], _WORKER["max_bytes"]) for s in subs]


# --- progress ----------------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on stderr for long runs (shown from ``min_total`` files)."""

    def __init__(self, total: int, enabled: bool = True, stream=None, min_total: int = 20, width: int = 30):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.enabled = enabled and total >= min_total

    def update(self, n: int) -> None:
        self.done += n
        if self.enabled:
            filled = int(self.width * self.done / self.total)
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\rgrading [{bar}] {self.done}/{self.total}")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


# --- the batch ---------------------------------------------------------------------------------


def _duplicates(subs: list[Submission]) -> dict[str, list[Submission]]:
    by_id: dict[str, list[Submission]] = defaultdict(list)
    for s in subs:
        if not s.refusal:
            by_id[s.key].append(s)
    return {k: v for k, v in by_id.items() if len(v) > 1}


def grade_folder(
    bank: Bank,
    folder: Path,
    *,
    jobs: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = True,
) -> list[Row]:
    """Grade every file in ``folder`` (or .zip), in parallel over ``jobs`` processes; one row per file."""
    subs = find_submissions(folder)
    dupes = _duplicates(subs)
    rows: dict[str, Row] = {}
    todo = []
    for s in subs:
        same = None if s.refusal else dupes.get(s.key)
        if same:
            others = ", ".join(o.rel for o in same if o is not s)
            rows[s.rel] = Row(
                s,
                "rejected",
                f"duplicate student id {s.student_id!r}: also {others}; keep one and grade again",
            )
        else:
            todo.append(s)
    bar = Progress(len(todo), enabled=progress)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(todo) <= 2 * _CHUNK:
        for s in todo:
            rows[s.rel] = grade_file(s, bank, max_bytes)
            bar.update(1)
    else:
        size = max(_CHUNK, math.ceil(len(todo) / (4 * jobs)))  # a few chunks per worker: balance vs overhead
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(bank, max_bytes)) as pool:
            futures = {pool.submit(_grade_chunk, c): c for c in chunks}
            for fut in as_completed(futures):
                for row in fut.result():
                    rows[row.sub.rel] = row
                bar.update(len(futures[fut]))
    return [rows[s.rel] for s in subs]


# --- rubric scores for short answers ------------------------------------------------------------


def merge_rubric(rows: list[Row], bank: Bank, path: Path) -> list[str]:
    """Put an instructor's short-answer scores into the graded rows; return the problems found.

    The CSV has columns ``student_id, question, score`` and optionally ``comment``. A row with a
    problem (unknown student or question, not a short answer, score not a number or out of range,
    repeated) is skipped and reported; a missing column stops the run.
    """
    return apply_rubric(rows, bank, path.name, read_rubric(path))


def read_rubric(path: Path) -> list[dict[str, str]]:
    """The rows of a rubric CSV; raises at once (before any grading) if it is missing or has no header."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"--rubric {path}: no such file")
    reader = csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig")))
    missing = [c for c in RUBRIC_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(
            f"{Path(path).name}: missing column(s) {missing}; "
            "the header is student_id,question,score[,comment]"
        )
    return list(reader)


def apply_rubric(rows: list[Row], bank: Bank, name: str, records: list[dict[str, str]]) -> list[str]:
    """Merge rubric records (from :func:`read_rubric` of the file ``name``) into the graded rows."""
    by_id = {r.sub.key: r for r in rows if r.status == "graded"}
    short = {q.id: q for q in bank.questions if q.type == "short"}
    problems, seen = [], set()
    for line, rec in enumerate(records, 2):
        where = f"{name}: line {line}"
        sid, qid, raw = ((rec.get(c) or "").strip() for c in RUBRIC_COLUMNS)
        if (sid.casefold(), qid) in seen:
            problems.append(f"{where}: {sid} {qid} scored twice; the first score counts")
            continue
        seen.add((sid.casefold(), qid))
        if qid not in short:
            known = qid in {q.id for q in bank.questions}
            what = "not a short-answer question" if known else "not a question of this assignment"
            problems.append(f"{where}: field 'question': {qid!r} is {what}; short answers: {sorted(short)}")
            continue
        row = by_id.get(unicodedata.normalize("NFC", sid).casefold())
        if row is None:
            problems.append(f"{where}: field 'student_id': no graded submission from {sid!r}")
            continue
        try:
            score = float(raw)
        except ValueError:
            problems.append(f"{where}: field 'score': {raw!r} is not a number")
            continue
        if not math.isfinite(score) or not 0 <= score <= short[qid].points:
            problems.append(f"{where}: field 'score': {raw} is outside 0–{short[qid].points:g}")
            continue
        row.scores[qid] = score
        comment = (rec.get("comment") or "").strip()
        if comment:
            row.comments[qid] = comment
    return problems


# --- writing the outputs ---------------------------------------------------------------------------


def _outputs(out: Path, canvas: Path, feedback_dir: Path | None, names: dict[str, str]) -> list[Path]:
    paths = [out, canvas]
    if feedback_dir is not None:
        paths += sorted(feedback_dir / n for n in names.values())
    return paths


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def check_options(submissions: Path, rubric: Path | None, roster: Path | None, feedback_dir: Path | None):
    """Every option that names an input is checked before any grading starts (one clear error)."""
    if not (submissions.is_dir() or (submissions.is_file() and submissions.suffix.lower() == ".zip")):
        raise FileNotFoundError(f"{submissions}: no such folder or .zip of submissions")
    if feedback_dir is not None and feedback_dir.exists() and not feedback_dir.is_dir():
        raise FileExistsError(f"--feedback-dir {feedback_dir}: exists and is not a folder")
    records = read_rubric(rubric) if rubric else None
    roster_index = load_roster(roster) if roster else None
    return records, roster_index


def run(
    assignment: str | Path,
    submissions: Path,
    out: Path,
    *,
    canvas: Path | None = None,
    canvas_assignment_id: str = "",
    roster: Path | None = None,
    rubric: Path | None = None,
    feedback_dir: Path | None = None,
    force: bool = False,
    jobs: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = True,
) -> Report:
    """The ``debatekit grade`` command: grade, merge rubric scores, write the CSVs and feedback."""
    bank = load_bank(assignment)
    submissions = Path(submissions)
    records, roster_index = check_options(submissions, rubric, roster, feedback_dir)
    canvas = canvas or out.with_name(f"{out.stem}-canvas.csv")
    subs = find_submissions(submissions)
    names, notices = feedback_names(subs)
    existing = [p for p in _outputs(out, canvas, feedback_dir, names) if p.exists()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise FileExistsError(f"would overwrite {shown}; pass --force to replace them")
    rows = grade_folder(bank, submissions, jobs=jobs, max_bytes=max_bytes, progress=progress)
    problems = apply_rubric(rows, bank, Path(rubric).name, records) if rubric else []
    report = Report(bank, rows, problems, notices=notices)
    _write(out, grades_csv(rows, bank))
    _write(canvas, canvas_csv(rows, bank, roster_index, canvas_assignment_id))
    report.written += [out, canvas]
    if feedback_dir is not None:
        by_student: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            if not r.sub.refusal:
                by_student[names[r.sub.key]].append(r)
        for name, student_rows in sorted(by_student.items()):
            path = feedback_dir / name
            _write(path, feedback_markdown(student_rows, bank))
            report.written.append(path)
    return report
