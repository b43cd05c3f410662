"""Question banks: load and validate the YAML in ``data/questions``, and split each question into
what a student may see (:func:`public`) and what only a checker may know (:func:`practice_material`).

A bank is one assignment: a chapter's practice exercises or an assessment. Every question names
the paragraph(s) to re-read, and every key that states what an article says cites them. Errors
name the file, the question and the field, and a bank reports all its problems at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from debatekit.classroom.question_types import ID, Question, parse_question
from debatekit.content import corpus
from debatekit.content.banks import bank_names, bank_path
from debatekit.content.files import DataError, Problems, load_yaml
from debatekit.render.links import PARAGRAPH_URL, paragraph_url

MODES = ("practice", "assessed")
#: Where a paragraph's anchor is from a page in ``exercises/`` (one folder below the book's root).
READING_URL = PARAGRAPH_URL.replace("{root}", "../")




@dataclass(frozen=True, eq=False)
class Bank:
    """An assignment: its questions in order, and whether it is practice or assessed."""

    assignment: str
    title: str
    mode: str
    intro: str
    questions: tuple[Question, ...]
    source: str = ""

    @property
    def points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(f"{self.assignment}: no question {qid!r}")


@cache
def _load_packaged(name: str) -> Bank:
    return load_bank_file(bank_path(name))


def load_bank(assignment: str | Path) -> Bank:
    """A packaged bank by name (``"a001"``) or a bank file by path (an instructor's private bank)."""
    text = str(assignment)
    if text.endswith((".yml", ".yaml")) or "/" in text:
        return load_bank_file(Path(text))
    if text not in bank_names():
        raise DataError(
            text,
            None,
            None,
            f"no such assignment; packaged banks: {', '.join(bank_names())}, or give a .yml path",
        )
    return _load_packaged(text)


def load_bank_file(path: Path) -> Bank:
    """Parse and validate one bank file; raises :class:`DataError` listing every problem."""
    name = path.name
    raw = load_yaml(path)
    p = Problems(name)
    if not isinstance(raw, dict):
        raise DataError(name, None, None, "expected a mapping with assignment, title and questions")
    for f in ("assignment", "title", "questions"):
        if not raw.get(f):
            p.add(None, f, "missing; a bank needs assignment, title and questions")
    mode = raw.get("mode", "practice")
    if mode not in MODES:
        p.add(None, "mode", f"{mode!r} is not one of {MODES}")
    p.raise_all()
    if not ID.match(str(raw["assignment"])):
        p.add(None, "assignment", "use lower-case letters, digits and hyphens")
    questions: list[Question] = []
    seen: set[str] = set()
    entries = raw["questions"] if isinstance(raw["questions"], list) else []
    if not entries:
        p.add(None, "questions", "expected a non-empty list of questions")
    for i, rec in enumerate(entries, 1):
        entry = f"#{i}" + (f" ({rec.get('id')})" if isinstance(rec, dict) and rec.get("id") else "")
        try:
            q = parse_question(name, entry, rec)
        except DataError as exc:
            p.append(exc)
            continue
        if q.id in seen:
            p.add(entry, "id", f"duplicate id {q.id!r}; ids must be unique in a bank")
        seen.add(q.id)
        questions.append(q)
    p.raise_all()
    return Bank(
        assignment=str(raw["assignment"]),
        title=str(raw["title"]),
        mode=mode,
        intro=str(raw.get("intro", "")).strip(),
        questions=tuple(questions),
        source=str(path),
    )




























def public(question: Question) -> dict:
    """What a student may see of a question: prompt, choices, items, matrix, rubric. No key."""
    return json.loads(json.dumps(question.public))


def public_bank(bank: Bank) -> dict:
    """The whole bank as a student may see it: what a released notebook embeds."""
    return {
        "assignment": bank.assignment,
        "title": bank.title,
        "mode": "assessed",
        "questions": [public(q) for q in bank.questions],
    }


@cache
def public_digest(bank: Bank) -> str:
    """A fingerprint of the public bank, so the grader can tell a notebook released from another version."""
    text = json.dumps(public_bank(bank), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def practice_material(question: Question, template: str = READING_URL) -> dict:
    """What the practice widget needs to check an answer in the browser: the key and its feedback.

    Practice only: this is embedded in the page, so anyone can read it there.
    """
    return {
        "key": question.key,
        "feedback": question.feedback,
        "explanation": question.explanation,
        "reread": [
            {"pid": pid, "url": paragraph_url(pid, template=template), "text": corpus.paragraph(pid).text}
            for pid in question.reread
        ],
    }
