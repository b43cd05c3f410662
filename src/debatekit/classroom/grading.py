"""Grade a folder of submitted notebooks without running any of their code.

Each ``.ipynb`` is read as bytes (never more than the size limit), decoded as UTF-8 and parsed
with ``json.loads``; answers are taken from the answer records in cell outputs (see
:mod:`debatekit.classroom.answers`) and checked as data. No cell is executed, no notebook
library is asked to interpret the file, and a hostile file can at worst be rejected.

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

What a student wrote never becomes markup or a formula: feedback escapes their text, and every
CSV cell that a spreadsheet would evaluate (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is prefixed with ``'``. Feedback files are named readably from the student id
(Unicode letters kept); ids that would share a file name get distinct ones, and the report says so.

Outputs: a per-question CSV (``--out``), a Canvas gradebook CSV (columns ``Student, ID,
SIS User ID, SIS Login ID, Section`` and one assignment column, then a ``Points Possible`` row, as
Canvas's importer reads them), and one Markdown feedback file per student. Canvas reads a number
in brackets at the end of a column header as its assignment ID, so the header is the bank's title
(plus `` (ID)`` only when ``canvas_assignment_id`` is given) and the points go in the
``Points Possible`` row. Nothing existing is overwritten unless ``force``.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import html
import io
import json
import math
import os
import re
import stat
import sys
import unicodedata
import zipfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from debatekit.classroom import answers as store
from debatekit.classroom.checking import AnswerError, check, validate_answer
from debatekit.classroom.questions import TYPE_LABELS, Bank, load_bank, public_digest

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_CANVAS_FILE = re.compile(r"^(?P<login>[^_]+?)(?:_LATE)?_(?P<uid>\d+)_(?P<sub>\d+)_.+$")
_CHUNK = 25
#: A .zip of submissions may hold at most this many members, and declare at most this many bytes.
MAX_ARCHIVE_FILES = 5000
MAX_ARCHIVE_BYTES = 2 * 2**30
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
RUBRIC_COLUMNS = ["student_id", "question", "score"]


@dataclass(frozen=True)
class Submission:
    """A file in the submissions folder (or a member of a .zip) and who it belongs to (from its path).

    ``refusal`` is a reason to reject it decided from its place alone (hidden, ``__MACOSX``, a link
    to a folder, an unsafe name); such a file is nobody's submission and gets no feedback file.
    """

    path: Path
    rel: str
    student_id: str
    name: str
    canvas_id: str = ""
    member: str = ""
    refusal: str = ""

    @property
    def key(self) -> str:
        """Who this is, for comparing students: case-folded and Unicode-normalised."""
        return unicodedata.normalize("NFC", self.student_id).casefold()


@dataclass
class Row:
    """The outcome for one file: graded (scores per question) or rejected (a reason)."""

    sub: Submission
    status: str
    reason: str = ""
    scores: dict[str, float | None] = field(default_factory=dict)
    feedback: dict[str, list[str]] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(s for s in self.scores.values() if s is not None)

    def pending(self, bank: Bank) -> list[str]:
        return [q.id for q in bank.questions if q.type == "short" and self.scores.get(q.id) is None]


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
            name.startswith(("/", "\\"))
            or "\\" in name
            or ".." in rel.parts
            or re.match(r"^[A-Za-z]:", name)
        )
        sub = _identify(rel, archive, member=name)
        if unsafe:
            why = "unsafe path in the archive (absolute or leaving its folder); not read"
            sub = Submission(archive, name, name, name, member=name, refusal=why)
        found.append(sub)
    return sorted(found, key=lambda s: s.rel)


# --- grading one file (runs in worker processes) -----------------------------------------------


def _reject(sub: Submission, reason: str) -> Row:
    return Row(sub, "rejected", reason)


def _json_problem(exc: json.JSONDecodeError, text: str) -> str:
    where = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    if not text.rstrip().endswith(("}", "]")):
        return f"malformed JSON: the file ends before the notebook does (truncated?); {where}"
    return f"malformed JSON: {where}"


def grade_file(sub: Submission, bank: Bank, max_bytes: int = DEFAULT_MAX_BYTES) -> Row:
    """Grade one file as data. Never raises: any problem becomes a rejection with its reason."""
    try:
        return _grade_file(sub, bank, max_bytes)
    except Exception as exc:  # one bad file must never stop the batch
        return _reject(sub, f"could not be read: {type(exc).__name__}: {str(exc)[:200]}")


@functools.lru_cache(maxsize=4)
def _open_archive(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path)


def _kind(rel: str) -> str:
    """'notebook', 'answers' (a submission file: the page's download or the kernel's copy) or ''."""
    name = rel.rsplit("/", 1)[-1].lower()
    if name.endswith(".ipynb"):
        return "notebook"
    if name.endswith(store.ANSWERS_SUFFIX):
        return "answers"
    return ""


def _read_bytes(sub: Submission, max_bytes: int) -> bytes | str:
    """The file's bytes (at most ``max_bytes``), or the reason it cannot be read."""
    too_big = f"file over the size limit of {max_bytes / 2**20:g} MB"
    if sub.member:
        info = _open_archive(sub.path).getinfo(sub.member)
        if info.flag_bits & 0x1:
            return "encrypted in the archive; not read"
        if stat.S_ISLNK(info.external_attr >> 16):
            return "a symbolic link, not a submitted file"
        if info.file_size > max_bytes:
            return f"file over the size limit: {info.file_size / 2**20:.1f} MB > {max_bytes / 2**20:g} MB"
        with _open_archive(sub.path).open(info) as fh:
            data = fh.read(max_bytes + 1)
        return too_big if len(data) > max_bytes else data
    info = os.lstat(sub.path)
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link, not a submitted file"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > max_bytes:
        return f"file over the size limit: {info.st_size / 2**20:.1f} MB > {max_bytes / 2**20:g} MB"
    with open(sub.path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    return too_big if len(data) > max_bytes else data


def _grade_file(sub: Submission, bank: Bank, max_bytes: int) -> Row:
    if sub.refusal:
        return _reject(sub, sub.refusal)
    if len(PurePosixPath(sub.rel).parts) > 2:
        return _reject(sub, "nested too deep: put notebooks in the folder or one folder per student")
    kind = _kind(sub.rel)
    if not sub.member:
        info = os.lstat(sub.path)
        if stat.S_ISLNK(info.st_mode):
            return _reject(sub, "a symbolic link, not a submitted file")
        if not stat.S_ISREG(info.st_mode):
            return _reject(sub, "not a regular file")
    if not kind:
        suffix = PurePosixPath(sub.rel).suffix
        return _reject(
            sub,
            f"not a notebook: expected a .ipynb file (or a {store.ANSWERS_SUFFIX} submission file), "
            f"got '{suffix or 'no extension'}'",
        )
    data = _read_bytes(sub, max_bytes)
    if isinstance(data, str):
        return _reject(sub, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _reject(sub, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start}")
    text = text.removeprefix("\ufeff")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        return _reject(sub, _json_problem(exc, text))
    except (ValueError, RecursionError) as exc:
        return _reject(sub, f"malformed JSON: {str(exc)[:120] or 'nested too deeply'}")
    if kind == "answers":
        try:
            nb = store.submission_notebook(nb)
        except store.NotebookShapeError as exc:
            return _reject(sub, str(exc))
    if not isinstance(nb, dict) or "nbformat" not in nb:
        return _reject(sub, "not a notebook: the JSON has no 'nbformat' field")
    version = nb.get("nbformat")
    if not isinstance(version, int) or isinstance(version, bool):
        return _reject(sub, f"not a notebook: nbformat is {version!r}")
    if version < 4:
        return _reject(
            sub, f"old notebook format (nbformat {version}); open it in Jupyter and save it as version 4"
        )
    if version > 4:
        return _reject(sub, f"unknown notebook format (nbformat {version}); this grader reads version 4")
    assignment = store.notebook_assignment(nb)
    if assignment is None:
        return _reject(
            sub, "unknown assignment: no metadata.debatekit.assignment (was it made by debatekit release?)"
        )
    if assignment != bank.assignment:
        return _reject(
            sub, f"unknown assignment {str(assignment)[:40]!r}: this run grades {bank.assignment!r}"
        )
    try:
        found, notes = store.read_answers(nb, bank.assignment)
    except store.NotebookShapeError as exc:
        return _reject(sub, str(exc))
    known = {q.id for q in bank.questions}
    notes += [f"an answer to unknown question {qid!r} was ignored" for qid in found if qid not in known]
    answers = {qid: a for qid, a in found.items() if qid in known}
    if not answers:
        return _reject(
            sub, "answers missing: no recorded answer (outputs cleared, or not saved after answering?)"
        )
    problems = []
    for q in bank.questions:
        if q.id in answers:
            try:
                validate_answer(q, answers[q.id])
            except AnswerError as exc:
                problems.append(str(exc))
    if problems:
        return _reject(sub, "answers of the wrong type: " + "; ".join(problems))
    meta = nb.get("metadata", {}).get(store.META_KEY, {})
    if meta.get("questions_digest") not in (None, public_digest(bank)):
        notes.append("released from a different version of the questions; check the scores by hand")
    row = Row(sub, "graded", answers=answers, notes=notes)
    for q in bank.questions:
        result = check(q, answers.get(q.id))
        row.scores[q.id] = result.score
        row.feedback[q.id] = result.feedback
    return row


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
            rows[s.rel] = _reject(
                s, f"duplicate student id {s.student_id!r}: also {others}; keep one and grade again"
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


# --- outputs -----------------------------------------------------------------------------------


def _num(x: float | None) -> str:
    return "" if x is None else f"{round(x, 4):g}"


def spreadsheet_safe(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _SafeWriter:
    """A csv writer whose every cell goes through :func:`spreadsheet_safe`."""

    def __init__(self, out: io.StringIO):
        self._w = csv.writer(out, lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._w.writerow([spreadsheet_safe(c) for c in row])


def grades_csv(rows: list[Row], bank: Bank) -> str:
    """Per-question scores, totals and every rejection, one row per file."""
    out = io.StringIO()
    w = _SafeWriter(out)
    qids = [q.id for q in bank.questions]
    w.writerow(
        ["student_id", "name", "file", "status", "reason", *qids, "total", "max_points", "pending", "notes"]
    )
    for r in rows:
        graded = r.status == "graded"
        w.writerow(
            [
                r.sub.student_id,
                r.sub.name,
                r.sub.rel,
                r.status,
                r.reason,
                *[_num(r.scores.get(q)) if graded else "" for q in qids],
                _num(r.total) if graded else "",
                _num(bank.points),
                " ".join(r.pending(bank)) if graded else "",
                " | ".join(r.notes),
            ]
        )
    return out.getvalue()


def load_roster(path: Path) -> dict[str, dict[str, str]]:
    """A Canvas gradebook export, indexed by every id it holds (ID, SIS User ID, SIS Login ID)."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"--roster {path}: no such file")
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    missing = [c for c in CANVAS_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}; export the gradebook from Canvas")
    index = {}
    for rec in reader:
        if "Points Possible" in (rec.get("Student") or "") or not (rec.get("Student") or "").strip():
            continue
        person = {c: (rec.get(c) or "").strip() for c in CANVAS_COLUMNS}
        for c in ("ID", "SIS User ID", "SIS Login ID"):
            if person[c]:
                index[unicodedata.normalize("NFC", person[c]).casefold()] = person
    return index


def canvas_csv(
    rows: list[Row], bank: Bank, roster: dict[str, dict[str, str]] | None = None, assignment_id: str = ""
) -> str:
    """A gradebook CSV that Canvas imports: graded students only, total score per student."""
    out = io.StringIO()
    w = _SafeWriter(out)
    header = bank.title + (f" ({assignment_id})" if assignment_id else "")
    w.writerow([*CANVAS_COLUMNS, header])
    w.writerow(["Points Possible", "", "", "", "", _num(bank.points)])
    for r in rows:
        if r.status != "graded":
            continue
        person = (roster or {}).get(r.sub.key)
        if person is None:
            login = "" if r.sub.canvas_id else r.sub.student_id
            person = {
                "Student": r.sub.name,
                "ID": r.sub.canvas_id,
                "SIS User ID": "",
                "SIS Login ID": login,
                "Section": "",
            }
        w.writerow([person[c] for c in CANVAS_COLUMNS] + [_num(r.total)])
    return out.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def markdown_text(text: str) -> str:
    """Student (or file-name) text as literal Markdown: no HTML, links, emphasis or headings."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _answer_text(answer: Any) -> str:
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    return text if len(text) <= 2000 else text[:1997] + "…"


def _answer_lines(answer: Any) -> list[str]:
    """A student's answer as a quoted block of escaped lines (a newline cannot start a heading)."""
    if answer is None:
        return ["Your answer: none"]
    lines = _answer_text(answer).splitlines() or [""]
    return ["Your answer:", ""] + [f"> {markdown_text(line)}".rstrip() for line in lines]


def feedback_markdown(rows: list[Row], bank: Bank) -> str:
    """One student's feedback (all their files, usually one) as Markdown; their text is escaped."""
    lines = [f"# Feedback: {bank.title}", ""]
    for r in rows:
        lines += [f"Student: {markdown_text(r.sub.student_id)} · file: {markdown_text(r.sub.rel)}", ""]
        if r.status == "rejected":
            lines += [
                f"**This file could not be graded:** {markdown_text(r.reason)}.",
                "",
                "Ask your instructor how to resubmit.",
                "",
            ]
            continue
        pending = r.pending(bank)
        total = f"**Total: {_num(r.total)} of {_num(bank.points)} points**"
        lines += [
            total + (f" (awaiting the instructor's score: {', '.join(pending)})" if pending else ""),
            "",
        ]
        for n, q in enumerate(bank.questions, 1):
            score = r.scores.get(q.id)
            got = "awaiting score" if score is None else f"{_num(score)} of {_num(q.points)}"
            lines += [f"## Question {n} · {TYPE_LABELS[q.type]} · {got}", "", q.prompt, ""]
            lines += [*_answer_lines(r.answers.get(q.id)), ""]
            lines += [f"- {f}" for f in r.feedback.get(q.id, [])]
            if q.id in r.comments:
                lines.append(f"- Instructor: {r.comments[q.id]}")
            if score is None or score < q.points:
                lines.append(
                    "- Re-read: "
                    + ", ".join(f"{pid} (reading {pid[:4]}, paragraph {int(pid[-2:])})" for pid in q.reread)
                )
            lines.append("")
        if r.notes:
            lines += ["Notes: " + markdown_text("; ".join(r.notes)), ""]
    return "\n".join(lines)


def readable_name(student_id: str) -> str:
    """A file name for a student id that stays readable: letters of any script, digits and ``._-``."""
    text = unicodedata.normalize("NFC", student_id).casefold()
    text = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in text).lstrip(".")
    return text[:100] or "_"


def feedback_names(subs: list[Submission]) -> tuple[dict[str, str], list[str]]:
    """Student key → feedback file name, one file per student, and a notice for each clash resolved.

    Ids that differ but read alike as file names (``anna smith``/``anna_smith``) each get the
    readable name plus a short fingerprint of their id, so no file ever holds two students.
    """
    ids: dict[str, str] = {}
    for s in subs:
        if not s.refusal:
            ids.setdefault(s.key, s.student_id)
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in ids:
        by_name[readable_name(key)].append(key)
    names, notices = {}, []
    for name, keys in sorted(by_name.items()):
        if len(keys) == 1:
            names[keys[0]] = f"{name}.md"
            continue
        for key in keys:
            names[key] = f"{name[:90]}-{hashlib.sha256(key.encode()).hexdigest()[:8]}.md"
        shown = ", ".join(repr(ids[k]) for k in sorted(keys))
        written = ", ".join(names[k] for k in sorted(keys))
        notices.append(f"feedback: {shown} would share {name}.md; written apart as {written}")
    return names, notices


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
