"""Grade one submitted file as data: read it safely, parse it, check its answers; never run it.

The file is read as bytes (never more than the size limit; a symbolic link, a device or an
encrypted ``.zip`` member is refused), decoded as UTF-8 and parsed with ``json.loads``; the
answers come from the answer records in cell outputs (:mod:`debatekit.classroom.answers`) and
are checked as data. No cell is executed, no notebook library interprets the file, and a hostile
file can at worst be rejected, with its reason.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from debatekit.classroom import answers as store
from debatekit.classroom.checking import AnswerError, check, validate_answer
from debatekit.classroom.questions import Bank, public_digest

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


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
