"""Where a student's answers live: inside the notebook, as data in each question cell's output.

Why outputs. A kernel cannot write a notebook's metadata in Jupyter: only the front end edits
the document, and JupyterLab, Notebook 7 and Colab give a kernel no call to do it without an
extension. What every front end does save is a cell's outputs, and every one of them applies a
kernel's ``update_display_data`` to an output it displayed earlier (the Jupyter messaging
protocol's ``display_id``). So each question cell shows the widget and, beside it, one small
display output; whenever the answer changes the kernel replaces that output with a bundle::

    {"application/vnd.debatekit.answer+json": {"format": 1, "assignment": "a001",
                                               "question": "a001-q03", "answer": "eu"},
     "text/plain": "Answer to a001-q03 recorded: 'eu'", "text/html": "<small>…</small>"}

Saving the notebook (Ctrl+S or autosave) writes it into the ``.ipynb``; the grader reads that
JSON and nothing else. Consequences worth telling students (the notebooks do):

- answers persist only when the notebook is saved after answering;
- "Clear all outputs" deletes the answers (as it deletes any output);
- re-running a question cell starts its widget from the answer saved in the file when the kernel
  can find the file (``JPY_SESSION_NAME``, which Jupyter Server sets for JupyterLab and Notebook 7;
  VS Code's ``__vsc_ipynb_file__``), else from the browser's local copy (see ``question.js``),
  else blank: in Colab, re-running a cell after reopening can lose that cell's saved answer.

:func:`fill_answers` writes the same outputs without a kernel: the programmatic way to answer a
notebook (tests, benchmarks, or an instructor recording a paper answer).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

ANSWER_MIME = "application/vnd.debatekit.answer+json"
FORMAT = 1
#: A submission file (a book page's download, the kernel's copy beside a notebook) ends with this.
ANSWERS_SUFFIX = ".answers.json"
#: The field that marks a JSON file as a debatekit answers file, with its format version.
ANSWERS_FIELD = "debatekit_answers"
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
    if path is None:
        return {}
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        if notebook_assignment(nb) != assignment:
            return {}
        return read_answers(nb, assignment)[0]
    except (OSError, ValueError, NotebookShapeError):
        return {}
