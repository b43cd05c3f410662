"""Notebooks from question banks: practice notebooks for the book, and ``release`` for assessment.

A practice notebook loads its bank by name, so the page can check answers (keys in the page, by
design). A released notebook embeds only :func:`~.questions.public_bank`: prompts, choices, items,
matrices and rubrics, never a key, a hash of one, per-choice feedback or a paragraph to re-read
(which would point at the answer). Generated text is deterministic so a test can keep the
committed ``exercises/*.ipynb`` in sync with the YAML.

Each release shuffles every question's choices, items, claims, options and candidates with a
random generator seeded by the release id and the question id only (never the key), and records
the order it showed in ``metadata.debatekit.release`` (``{"id", "order"}``): grading maps
answers by id, so the order is a record for the instructor, not something grading needs. The
book's own copy of an assessment is released with the fixed id :data:`BOOK_RELEASE`.
"""

from __future__ import annotations

import hashlib
import json
import pprint
import random
import secrets
from pathlib import Path

from debatekit.classroom.install import install_cell
from debatekit.classroom.question_types import TYPE_LABELS
from debatekit.classroom.questions import Bank, bank_names, load_bank, public_bank, public_digest

_PRACTICE_NOTE = """\
**Practice.** Answer a question, then press **Check my answer**: the check runs in your browser, on
this page or in Jupyter, with no Python needed on the book page. Because the check runs here, the
answers are inside this page; this is practice, not for marks. When an answer is not right yet,
the feedback points you to the paragraph to re-read. Your answers stay in this browser; in Jupyter
they are also saved in the notebook each time you save it, and kept at once in a file ending in
`.answers.json` beside it, so running the notebook again brings them back."""

_ASSESSED_NOTE = """\
**Assessment.** Your answers are recorded, not checked. You can answer in either of two ways.

- **In Jupyter** (JupyterLab, Notebook 7 or Colab): run its cells from the top, answer every question,
  then **save the notebook** and submit the `.ipynb` file. Each answer goes into the notebook when
  you save it and, at once, into a file ending in `.answers.json` beside it, so running the notebook
  again brings your answers back after a restart, a closed tab or cleared outputs. If a question
  shows a warning, close other tabs of this notebook, run all cells and save before you submit.
- **On this page of the book** (no Jupyter needed): answer here, press **Download my answers** at
  the end and submit the downloaded `.answers.json` file. Until then your answers are kept in this
  browser only; on a shared computer, press **Start over** when you are done.

`sheet.summary()` at the end lists any question still unanswered."""


_SUBMIT_NOTE = """\
## Submit

In Jupyter, save the notebook and submit the `.ipynb` file. On the book page, download your answers
and submit the `.answers.json` file."""

#: The release id of the assessed notebooks committed in ``exercises/`` (and shown by the book).
BOOK_RELEASE = "book"
#: Lists a release shuffles in a question's public part, and the field that names each entry.
_SHUFFLED = (("choices", "id"), ("items", "id"), ("claims", "id"), ("options", "id"), ("candidates", "pid"))


def shuffled_public_bank(bank: Bank, release_id: str) -> tuple[dict, dict[str, list[str]]]:
    """The public bank with every list of choices shuffled for this release, and the order shown.

    The order recorded is that of the first shuffled list of each question (choices, items, claims
    or candidates), which is what a student picks from.
    """
    shown = public_bank(bank)
    shown["release"] = release_id
    shown["questions_digest"] = public_digest(bank)
    order: dict[str, list[str]] = {}
    for q in shown["questions"]:
        seed = hashlib.sha256(f"{release_id}/{q['id']}".encode()).digest()
        rng = random.Random(seed)
        for fld, key in _SHUFFLED:
            if isinstance(q.get(fld), list):
                rng.shuffle(q[fld])
                if fld != "options":
                    order.setdefault(q["id"], [e[key] for e in q[fld]])
    return shown, order


def _md(cell_id: str, text: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": _lines(text)}


def _code(cell_id: str, text: str, metadata: dict | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": cell_id,
        "metadata": metadata or {},
        "outputs": [],
        "source": _lines(text),
    }


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _escape(text: str) -> str:
    """Dollar signs are literal money here, not maths (Jupyter would typeset "$5 … $80")."""
    return text.replace("$", r"\$")


def build_notebook(bank: Bank, mode: str, release_id: str = BOOK_RELEASE) -> dict:
    """The notebook for ``bank``: ``"practice"`` (checks in the page) or ``"assessed"`` (no keys,
    choices shuffled for ``release_id``)."""
    if mode not in ("practice", "assessed"):
        raise ValueError(f"mode must be 'practice' or 'assessed', not {mode!r}")
    intro = f"# {bank.title}\n\n" + (_PRACTICE_NOTE if mode == "practice" else _ASSESSED_NOTE)
    if bank.intro:
        intro += "\n\n" + bank.intro
    cells = [install_cell(), _md("intro", intro)]
    if mode == "practice":
        setup = f'from debatekit.classroom import start\n\nsheet = start("{bank.assignment}")'
        cells.append(_code("setup", setup, {"tags": ["hide-input"]}))
    else:
        shown, order = shuffled_public_bank(bank, release_id)
        literal = pprint.pformat(shown, width=100, sort_dicts=False)
        setup = f"from debatekit.classroom import start\n\nsheet = start(\n{literal}\n)"
        meta = {"jupyter": {"source_hidden": True}, "tags": ["hide-input"]}
        cells.append(_code("setup", setup, meta))
    for n, q in enumerate(bank.questions, 1):
        points = f"{q.points:g} point{'' if q.points == 1 else 's'}"
        heading = f"## Question {n}\n\n*{TYPE_LABELS[q.type]} · {points}*\n\n{_escape(q.prompt)}"
        if q.type == "numeric":
            heading += f"\n\nAnswer in {_escape(q.public['unit'])}."
        cells.append(_md(f"{q.id}-prompt", heading))
        meta = {"debatekit": {"question": q.id}, "tags": ["remove-input"]}  # the book shows the widget only
        cells.append(_code(q.id, f'sheet.ask("{q.id}")', meta))
    cells.append(_md("summary-text", "## Before you finish\n\nWhich questions have an answer recorded?"))
    cells.append(_code("summary", "sheet.summary()", {"tags": ["remove-output"]}))  # built output is stale
    if mode == "assessed":
        cells.append(_md("submit-text", _SUBMIT_NOTE))
        cells.append(_code("submit", "sheet.submit_button()", {"tags": ["remove-input"]}))
    meta = {
        "assignment": bank.assignment,
        "mode": mode,
        "title": bank.title,
        "questions_digest": public_digest(bank),
    }
    if mode == "assessed":
        meta["release"] = {"id": release_id, "order": order}
    return {
        "cells": cells,
        "metadata": {
            "debatekit": meta,
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(nb: dict) -> str:
    """Serialised as Jupyter writes notebooks (one-space indent, sorted keys), for stable diffs."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def exercise_notebooks() -> dict[str, str]:
    """File name → text of every notebook in ``exercises/``: each packaged bank in its own mode."""
    out = {}
    for name in bank_names():
        bank = load_bank(name)
        out[f"{bank.assignment}.ipynb"] = notebook_text(build_notebook(bank, bank.mode))
    return out


def write_exercises(folder: Path) -> list[Path]:
    """Regenerate ``exercises/*.ipynb`` from the banks (outputs empty, as committed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in exercise_notebooks().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def release(
    assignment: str | Path, out_dir: Path, force: bool = False, release_id: str | None = None
) -> Path:
    """Write the student notebook for an assessed assignment into ``out_dir``: no key material.

    ``release_id`` (made up when not given) seeds the shuffle and tells releases apart.
    Refuses to overwrite an existing file unless ``force``.
    """
    bank = load_bank(assignment)
    out_dir = Path(out_dir)
    path = out_dir / f"{bank.assignment}.ipynb"
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; pass --force to overwrite it")
    out_dir.mkdir(parents=True, exist_ok=True)
    rid = release_id or f"r{secrets.token_hex(4)}"
    path.write_text(notebook_text(build_notebook(bank, "assessed", rid)), encoding="utf-8")
    return path
