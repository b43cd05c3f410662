"""Where a student's answers live: in the notebook (each question cell's output), in an answers
file the kernel keeps beside it, and in the browser as a last resort.

1. In the notebook. A kernel cannot write a notebook's metadata in Jupyter (only the front end
   edits the document), but every front end saves a cell's outputs and applies a kernel's
   ``update_display_data`` to an output it displayed earlier in the same session. So each question
   cell shows the widget and one small display output that the kernel replaces whenever the answer
   changes::

    {"application/vnd.debatekit.answer+json": {"format": 1, "assignment": "a001",
                                               "question": "a001-q03", "answer": "eu"},
     "text/plain": "Answer to a001-q03 recorded: 'eu'", "text/html": "<small>…</small>"}

   Saving the notebook writes it into the ``.ipynb``, which is what a student submits and what the
   grader reads.
2. Beside the notebook. Outputs are fragile: *Clear outputs* deletes them, a tab reopened while the
   kernel runs shows outputs loaded from disk that no update reaches, and a restart forgets answers
   not yet saved. So the kernel also writes every change at once to ``<notebook>.answers.json``
   (:func:`answers_document`: assignment, release, copy id, answers) and :func:`~.sheet.start`
   restores from it first, then from the notebook's outputs. The same file format is what a book
   page downloads for submission without Jupyter; the grader accepts both.
3. A copy id. The setup cell's output records a random id for this copy of the notebook
   (``application/vnd.debatekit.copy+json``); the answers file and the browser copy are tied to it
   and to the release, so a pristine notebook (no outputs, so no id) never inherits anybody's
   answers from the browser.

The browser copy lives in ``localStorage`` under ``debatekit:answer:<notebook>|<release>|<copy>:<question>``
(see ``widgets/question.js``); it only fills a question the kernel had no answer for.

:func:`fill_answers` writes the same outputs without a kernel: the programmatic way to answer a
notebook (tests, benchmarks, or an instructor recording a paper answer).
"""

from __future__ import annotations

import html
import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ANSWER_MIME = "application/vnd.debatekit.answer+json"
FORMAT = 1
#: A submission file (a book page's download, the kernel's copy beside a notebook) ends with this.
ANSWERS_SUFFIX = ".answers.json"
#: The field that marks a JSON file as a debatekit answers file, with its format version.
ANSWERS_FIELD = "debatekit_answers"
#: The setup cell's output that names this copy of the notebook (see the module docstring).
COPY_MIME = "application/vnd.debatekit.copy+json"
#: Notebook-metadata key that marks a notebook as a debatekit assignment.
META_KEY = "debatekit"


class NotebookShapeError(ValueError):
    """A notebook's JSON is not shaped like a notebook with debatekit answers (a reason for rejection)."""


def answer_payload(assignment: str, qid: str, answer: Any) -> dict:
    return {"format": FORMAT, "assignment": assignment, "question": qid, "answer": answer}


def answer_bundle(assignment: str, qid: str, answer: Any) -> dict:
    """The display bundle a question cell carries once answered (see the module docstring)."""
    shown = json.dumps(answer, ensure_ascii=False)
    shown = shown if len(shown) <= 120 else shown[:117] + "…"
    note = f"Answer to {qid} recorded: {shown}. Save the notebook to keep it."
    return {
        ANSWER_MIME: answer_payload(assignment, qid, answer),
        "text/plain": note,
        "text/html": f'<small class="dk-answer-record">✓ {html.escape(note)}</small>',
    }


def empty_bundle() -> dict:
    """What a question cell shows before any answer: nothing visible, but a slot to update."""
    return {"text/html": '<span class="dk-answer-record"></span>'}


def _output_data(output: Any) -> dict | None:
    if not isinstance(output, dict) or output.get("output_type") not in ("display_data", "execute_result"):
        return None
    data = output.get("data")
    return data if isinstance(data, dict) else None


def _payload(data: dict) -> Any:
    value = data.get(ANSWER_MIME)
    if isinstance(value, str):  # some writers store JSON mime data as a string
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, list):  # nbformat allows multiline strings as a list of lines
        try:
            value = json.loads("".join(value))
        except (ValueError, TypeError):
            return None
    return value


def read_answers(nb: Any, assignment: str) -> tuple[dict[str, Any], list[str]]:
    """Every answer for ``assignment`` in the notebook, by question id, with notes on what was skipped.

    Reads outputs as data only. The last answer to a question in document order wins.
    Raises :class:`NotebookShapeError` if ``nb`` is not shaped like a v4 notebook.
    """
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotebookShapeError("not a notebook: no list of cells")
    answers: dict[str, Any] = {}
    notes: list[str] = []
    for n, cell in enumerate(nb["cells"], 1):
        if not isinstance(cell, dict):
            raise NotebookShapeError(f"not a notebook: cell {n} is not an object")
        outputs = cell.get("outputs", [])
        if not isinstance(outputs, list):
            raise NotebookShapeError(f"not a notebook: outputs of cell {n} are not a list")
        for output in outputs:
            data = _output_data(output)
            if data is None or ANSWER_MIME not in data:
                continue
            payload = _payload(data)
            if (
                not isinstance(payload, dict)
                or not isinstance(payload.get("question"), str)
                or "answer" not in payload
            ):
                notes.append(f"cell {n}: an answer record without 'question' and 'answer' was ignored")
                continue
            if payload.get("assignment") != assignment:
                notes.append(f"cell {n}: an answer for assignment {payload.get('assignment')!r} was ignored")
                continue
            qid = payload["question"][:80]
            if qid in answers:
                notes.append(f"{qid} is answered more than once; the last answer (cell {n}) counts")
            answers[qid] = payload["answer"]
    return answers, notes


def notebook_assignment(nb: dict) -> Any:
    """The assignment a notebook belongs to, from ``metadata.debatekit.assignment`` (or None)."""
    meta = nb.get("metadata") if isinstance(nb, dict) else None
    info = meta.get(META_KEY) if isinstance(meta, dict) else None
    return info.get("assignment") if isinstance(info, dict) else None


def question_cells(nb: dict) -> dict[str, dict]:
    """Question id → its code cell, from the cell metadata the notebook generator writes."""
    found = {}
    for cell in nb["cells"]:
        info = cell.get("metadata", {}).get(META_KEY, {})
        if cell.get("cell_type") == "code" and "question" in info:
            found[info["question"]] = cell
    return found


def fill_answers(nb: dict, answers: dict[str, Any]) -> dict:
    """Write answers into a generated notebook's question cells, as the live widget would. Returns ``nb``."""
    assignment = notebook_assignment(nb)
    cells = question_cells(nb)
    unknown = sorted(set(answers) - set(cells))
    if unknown:
        raise KeyError(f"no question cell for {unknown}; questions: {sorted(cells)}")
    for qid, answer in answers.items():
        cell = cells[qid]
        kept = [o for o in cell.get("outputs", []) if ANSWER_MIME not in (_output_data(o) or {})]
        record = {
            "output_type": "display_data",
            "data": answer_bundle(assignment, qid, answer),
            "metadata": {},
        }
        cell["outputs"] = kept + [record]
    return nb


def answers_document(assignment: str, answers: dict[str, Any], **about: Any) -> dict:
    """An answers file: what a book page downloads and the kernel keeps beside a notebook.

    ``about`` adds ``release``, ``copy``, ``questions_digest``, ``saved_at`` and the like.
    """
    return {ANSWERS_FIELD: FORMAT, "assignment": assignment, **about, "answers": dict(answers)}


def submission_notebook(doc: Any) -> dict:
    """An answers file read as the notebook it stands for, so the grader treats both alike.

    Raises :class:`NotebookShapeError` when ``doc`` is not shaped like an answers file.
    """
    if not isinstance(doc, dict) or doc.get(ANSWERS_FIELD) != FORMAT:
        raise NotebookShapeError(f"not a debatekit answers file: no '{ANSWERS_FIELD}': {FORMAT} field")
    assignment, answers = doc.get("assignment"), doc.get("answers")
    if not isinstance(assignment, str) or not isinstance(answers, dict):
        raise NotebookShapeError("not a debatekit answers file: it needs 'assignment' and 'answers'")
    meta = {"assignment": assignment}
    if isinstance(doc.get("questions_digest"), str):
        meta["questions_digest"] = doc["questions_digest"]
    cells = [
        {"cell_type": "code", "metadata": {}, "source": "", "outputs": [
            {"output_type": "display_data", "metadata": {},
             "data": {ANSWER_MIME: answer_payload(assignment, str(qid), answer)}}]}  # fmt: skip
        for qid, answer in answers.items()
        if answer is not None
    ]
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {META_KEY: meta}, "cells": cells}


def find_notebook_file() -> Path | None:
    """The notebook the running kernel belongs to, when the front end says (else None)."""
    candidates: list[str] = []
    try:
        from IPython import get_ipython

        shell = get_ipython()
        ns = shell.user_ns if shell is not None else {}
        candidates += [ns.get("__vsc_ipynb_file__") or "", ns.get("__session__") or ""]
    except ImportError:
        pass
    candidates.append(os.environ.get("JPY_SESSION_NAME", ""))
    for value in filter(None, candidates):
        path = Path(value)
        # JPY_SESSION_NAME may be absolute or relative to the server's root; the kernel runs in
        # the notebook's folder, so its file name is tried there too.
        for guess in (path, Path.cwd() / path.name, Path.cwd() / path):
            if guess.suffix == ".ipynb" and guess.is_file():
                return guess
    return None


def saved_answers(path: Path | None, assignment: str) -> dict[str, Any]:
    """The answers saved in a notebook file for this assignment (empty if none or unreadable)."""
    return saved_state(path, assignment)[0]


def saved_state(path: Path | None, assignment: str) -> tuple[dict[str, Any], str]:
    """The answers and the copy id saved in a notebook file (empty if none or unreadable)."""
    if path is None:
        return {}, ""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        if notebook_assignment(nb) != assignment:
            return {}, ""
        return read_answers(nb, assignment)[0], read_copy_id(nb, assignment)
    except (OSError, ValueError, NotebookShapeError):
        return {}, ""


def new_copy_id() -> str:
    return secrets.token_hex(8)


def copy_bundle(assignment: str, release: str, copy: str, note: str = "") -> dict:
    """The setup cell's output: this copy's id (as data) and what was restored (as a visible note)."""
    shown = f'<p class="dk-answer-store">{html.escape(note)}</p>' if note else "<span></span>"
    return {
        COPY_MIME: {"format": FORMAT, "assignment": assignment, "release": release, "copy": copy},
        "text/plain": note or f"Answer sheet for {assignment} ready.",
        "text/html": shown,
    }


def read_copy_id(nb: dict, assignment: str) -> str:
    """The copy id recorded in a notebook's outputs for this assignment ('' if none)."""
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if isinstance(cell, dict) else []:
            data = _output_data(output) or {}
            value = data.get(COPY_MIME)
            if isinstance(value, dict) and value.get("assignment") == assignment:
                return str(value.get("copy") or "")
    return ""


def answers_file_for(notebook: Path | None, assignment: str) -> Path:
    """Where the kernel keeps its copy of the answers: beside the notebook (else in the kernel's folder)."""
    if notebook is not None:
        return Path(notebook).with_name(Path(notebook).stem + ANSWERS_SUFFIX)
    return Path.cwd() / f"{assignment}{ANSWERS_SUFFIX}"


def read_answers_file(path: Path, assignment: str, release: str) -> dict:
    """An answers file for this assignment and release (``{}`` if absent, unreadable or another's)."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(doc, dict)
        or doc.get(ANSWERS_FIELD) != FORMAT
        or doc.get("assignment") != assignment
        or doc.get("release", "") != release
        or not isinstance(doc.get("answers"), dict)
    ):
        return {}
    return doc


def write_answers_file(path: Path, doc: dict) -> None:
    """Write an answers file atomically (a crash never leaves half a file); raises OSError."""
    doc = {**doc, "saved_at": datetime.now(UTC).isoformat(timespec="seconds")}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
