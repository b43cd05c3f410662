"""Question banks: load and validate the YAML in ``data/questions``, and split each question into
what a student may see (:func:`public`) and what only a checker may know (:func:`practice_material`).

A bank is one assignment: a chapter's practice exercises or an assessment. Every question names
the paragraph(s) to re-read, and every key that states what an article says cites them. Errors
name the file, the question and the field, and a bank reports all its problems at once.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.classroom import reading_types
from debatekit.content import corpus
from debatekit.content.files import DataError, Problems, clean_text, data_path, is_number, load_yaml
from debatekit.render.links import PARAGRAPH_URL, paragraph_url

#: Question types, with the shape of a student's answer (what :func:`checking.validate_answer` accepts).
TYPES: dict[str, str] = {
    "single": "one choice id (a string)",
    "multiple": "a list of choice ids",
    "numeric": "a number, in the question's unit",
    "ordering": "a list of every item id, first to last",
    "matching": "a mapping from claim id to option id",
    "citation": "one paragraph id from the candidates, like aNNN-pNN",
    "weighing": "a mapping from every criterion to a weight (a number)",
    "short": "text",
    **reading_types.TYPES,
}
TYPE_LABELS = {
    "single": "single choice",
    "multiple": "multiple select",
    "numeric": "numeric",
    "ordering": "ordering",
    "matching": "matching",
    "citation": "evidence citation",
    "weighing": "weighing task",
    "short": "short answer",
    **reading_types.LABELS,
}
MODES = ("practice", "assessed")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
#: Where a paragraph's anchor is from a page in ``exercises/`` (one folder below the book's root).
READING_URL = PARAGRAPH_URL.replace("{root}", "../")


@dataclass(frozen=True, eq=False)
class Question:
    """One question. ``public`` is safe to show anyone; ``key``, ``feedback``, ``explanation`` and
    ``instructor`` are not, and never leave the instructor's side in assessed mode."""

    id: str
    type: str
    prompt: str
    points: float
    public: dict
    key: Any
    feedback: dict = field(default_factory=dict)
    explanation: str = ""
    reread: tuple[str, ...] = ()
    instructor: dict = field(default_factory=dict)


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


def bank_names() -> list[str]:
    """The packaged banks, by assignment name (``a000`` … ``a004``, ``cumulative``)."""
    folder = data_path("questions")
    if not folder.is_dir():
        return []
    return sorted(p.name[:-4] for p in folder.glob("*.yml") if not is_empty_bank(p))


def bank_path(name: str) -> Path:
    return data_path("questions") / f"{name}.yml"


def is_empty_bank(path: Path) -> bool:
    """True for a bank file that parses and lists no questions yet (as ``add-article`` writes it)."""
    try:
        raw = load_yaml(path)
    except DataError:
        return False
    return isinstance(raw, dict) and raw.get("questions") == []


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
    if not _ID.match(str(raw["assignment"])):
        p.add(None, "assignment", "use lower-case letters, digits and hyphens")
    questions: list[Question] = []
    seen: set[str] = set()
    entries = raw["questions"] if isinstance(raw["questions"], list) else []
    if not entries:
        p.add(None, "questions", "expected a non-empty list of questions")
    for i, rec in enumerate(entries, 1):
        entry = f"#{i}" + (f" ({rec.get('id')})" if isinstance(rec, dict) and rec.get("id") else "")
        try:
            q = _question(name, entry, rec)
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


class _Reader:
    """Field access for one YAML entry that turns every mistake into a located DataError."""

    def __init__(self, file: str, entry: str, rec: dict):
        self.file, self.entry, self.rec = file, entry, rec

    def error(self, fld: str, problem: str) -> DataError:
        return DataError(self.file, self.entry, fld, problem)

    def text(self, fld: str, required: bool = True) -> str:
        value = self.rec.get(fld)
        if value is None and not required:
            return ""
        text = clean_text(value)
        if text is None:
            raise self.error(fld, f"expected non-empty text, got {value!r}")
        return text

    def entries(self, fld: str, id_field: str = "id", min_len: int = 2) -> list[dict]:
        value = self.rec.get(fld)
        if not isinstance(value, list) or len(value) < min_len:
            raise self.error(
                fld, f"expected a list of at least {min_len} entries with '{id_field}' and 'text'"
            )
        ids = []
        for j, item in enumerate(value, 1):
            if not isinstance(item, dict) or not isinstance(item.get(id_field), str) or not item[id_field]:
                raise self.error(fld, f"entry {j} needs a '{id_field}' (text)")
            if id_field == "id" and not isinstance(item.get("text"), str):
                raise self.error(fld, f"entry {item[id_field]!r} needs 'text'")
            ids.append(item[id_field])
        if len(set(ids)) != len(ids):
            raise self.error(fld, f"ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}")
        return value

    def pids(self, fld: str, values: Any) -> tuple[str, ...]:
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise self.error(fld, f"expected paragraph id(s) like aNNN-pNN, got {values!r}")
        for pid in values:
            try:
                corpus.paragraph(pid)
            except corpus.CorpusError as exc:
                raise self.error(fld, str(exc)) from None
        return tuple(values)


def _question(file: str, entry: str, rec: Any) -> Question:
    if not isinstance(rec, dict):
        raise DataError(file, entry, None, f"expected a mapping, got {type(rec).__name__}")
    r = _Reader(file, entry, rec)
    qid = rec.get("id")
    if not isinstance(qid, str) or not _ID.match(qid):
        raise r.error("id", f"{qid!r}: use lower-case letters, digits and hyphens, like aNNN-q03")
    qtype = rec.get("type")
    if qtype not in TYPES:
        raise r.error("type", f"{qtype!r} is not a question type; use one of {', '.join(TYPES)}")
    prompt = r.text("prompt")
    reread = r.pids("reread", rec.get("reread"))
    builder = _BUILDERS[qtype]
    public, key, feedback, points, instructor = builder(r, rec)
    if qtype != "short":
        points = rec.get("points", 1)
        if not (is_number(points) and math.isfinite(points)) or points <= 0:
            raise r.error("points", f"expected a positive number, got {points!r}")
    public = {"id": qid, "type": qtype, "prompt": prompt, "points": points, **public}
    return Question(
        id=qid,
        type=qtype,
        prompt=prompt,
        points=points,
        public=public,
        key=key,
        feedback=feedback,
        explanation=r.text("explanation", required=False),
        reread=reread,
        instructor=instructor,
    )


def _choices(r: _Reader, rec: dict) -> tuple[list[dict], dict]:
    items = r.entries("choices")
    public = [{"id": c["id"], "text": " ".join(c["text"].split())} for c in items]
    feedback = {c["id"]: " ".join(c["feedback"].split()) for c in items if c.get("feedback")}
    return public, feedback


def _single(r: _Reader, rec: dict):
    choices, feedback = _choices(r, rec)
    key = rec.get("key")
    if key not in {c["id"] for c in choices}:
        raise r.error("key", f"{key!r} is not one of the choice ids {[c['id'] for c in choices]}")
    feedback.pop(key, None)
    return {"choices": choices}, key, feedback, None, {}


def _multiple(r: _Reader, rec: dict):
    choices, feedback = _choices(r, rec)
    ids = [c["id"] for c in choices]
    key = rec.get("key")
    if not isinstance(key, list) or not key or any(k not in ids for k in key) or len(set(key)) != len(key):
        raise r.error("key", f"expected a list of distinct choice ids from {ids}, got {key!r}")
    for k in key:
        feedback.pop(k, None)
    return {"choices": choices}, sorted(key, key=ids.index), feedback, None, {}


def _numeric(r: _Reader, rec: dict):
    value, tol = rec.get("key"), rec.get("tolerance", 0)
    if not (is_number(value) and math.isfinite(value)):
        raise r.error("key", f"expected a number, got {value!r}")
    if not (is_number(tol) and math.isfinite(tol)) or tol < 0:
        raise r.error("tolerance", f"expected a number ≥ 0, got {tol!r}")
    unit = r.text("unit")
    feedback = {k: r.text(k) for k in ("too_low", "too_high") if rec.get(k) is not None}
    return {"unit": unit}, {"value": value, "tolerance": tol}, feedback, None, {}


def _display_order(qid: str, ids: list[str]) -> list[str]:
    """A fixed shuffle that depends on the ids only, never on the key or the order authors wrote."""
    return sorted(ids, key=lambda i: hashlib.sha256(f"{qid}/{i}".encode()).hexdigest())


def _ordering(r: _Reader, rec: dict):
    items = r.entries("items", min_len=3)
    ids = [i["id"] for i in items]
    raw_key = rec.get("key")
    groups = [k if isinstance(k, list) else [k] for k in raw_key] if isinstance(raw_key, list) else None
    flat = [i for g in groups or [] for i in g]
    if groups is None or sorted(flat) != sorted(ids) or len(groups) < 2:
        raise r.error(
            "key",
            f"expected every item id once, first to last (a nested list groups tied items); items {ids}",
        )
    text = {i["id"]: " ".join(i["text"].split()) for i in items}
    order = _display_order(rec["id"], ids)
    public = {"items": [{"id": i, "text": text[i]} for i in order]}
    feedback = {"hint": r.text("hint")} if rec.get("hint") else {}
    return public, groups, feedback, None, {}


def _matching(r: _Reader, rec: dict):
    claims = r.entries("claims")
    options = r.entries("options")
    option_ids = [o["id"] for o in options]
    key = rec.get("key")
    claim_ids = [c["id"] for c in claims]
    if (
        not isinstance(key, dict)
        or sorted(key) != sorted(claim_ids)
        or any(v not in option_ids for v in key.values())
    ):
        raise r.error(
            "key", f"expected a mapping of every claim id {claim_ids} to an option id from {option_ids}"
        )
    public = {
        "claims": [{"id": c["id"], "text": " ".join(c["text"].split())} for c in claims],
        "options": [{"id": o["id"], "text": " ".join(o["text"].split())} for o in options],
    }
    feedback = {c["id"]: " ".join(c["feedback"].split()) for c in claims if c.get("feedback")}
    return public, {c: key[c] for c in claim_ids}, feedback, None, {}


def _citation(r: _Reader, rec: dict):
    cands = r.entries("candidates", id_field="pid")
    pids = r.pids("candidates", [c["pid"] for c in cands])
    key = r.pids("key", rec.get("key"))
    if any(k not in pids for k in key):
        raise r.error("key", f"every accepted paragraph must be among the candidates {list(pids)}")
    public = {"candidates": [{"pid": p, "text": corpus.paragraph(p).text} for p in pids]}
    feedback = {
        c["pid"]: " ".join(c["feedback"].split()) for c in cands if c.get("feedback") and c["pid"] not in key
    }
    return public, sorted(key), feedback, None, {}


def _weighing(r: _Reader, rec: dict):
    from debatekit.classroom.weighing import resolve_matrix

    try:
        matrix = resolve_matrix(rec.get("matrix"))
    except (LookupError, ValueError, TypeError) as exc:
        raise r.error("matrix", str(exc)) from None
    lens = rec.get("lens")
    if lens not in matrix["lenses"]:
        raise r.error("lens", f"{lens!r} is not a lens of this matrix; lenses: {sorted(matrix['lenses'])}")
    target = rec.get("target")
    if target not in matrix["options"]:
        raise r.error("target", f"{target!r} is not an option of this matrix; options: {matrix['options']}")
    adjustable = rec.get("adjustable", list(matrix["criteria"]))
    if (
        not isinstance(adjustable, list)
        or not adjustable
        or any(a not in matrix["criteria"] for a in adjustable)
    ):
        raise r.error("adjustable", f"expected a list of criteria from {matrix['criteria']}")
    example = rec.get("example")
    instructor = {"example": example} if example is not None else {}
    public = {
        "matrix": {k: matrix[k] for k in ("name", "options", "criteria", "values", "directions")},
        "lens": lens,
        "lens_weights": matrix["lenses"][lens],
        "target": target,
        "adjustable": [c for c in matrix["criteria"] if c in adjustable],
    }
    return public, {"target": target}, {}, None, instructor


def _short(r: _Reader, rec: dict):
    rubric = rec.get("rubric")
    if not isinstance(rubric, list) or not rubric:
        raise r.error("rubric", "expected a list of {criterion, points} entries")
    clean = []
    for j, item in enumerate(rubric, 1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("criterion"), str)
            or not (is_number(item.get("points")) and math.isfinite(item["points"]))
        ):
            raise r.error("rubric", f"entry {j} needs 'criterion' (text) and 'points' (a number)")
        clean.append({"criterion": " ".join(item["criterion"].split()), "points": item["points"]})
    if "key" in rec:
        raise r.error("key", "short answers have no key; they are scored by the instructor with the rubric")
    points = sum(c["points"] for c in clean)
    if rec.get("points") is not None and rec["points"] != points:
        raise r.error(
            "points", f"{rec['points']} differs from the rubric total {points}; drop it or fix the rubric"
        )
    instructor = {"model_answer": r.text("model_answer")} if rec.get("model_answer") else {}
    return {"rubric": clean, "max_words": rec.get("max_words", 300)}, None, {}, points, instructor


_BUILDERS = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "ordering": _ordering,
    "matching": _matching,
    "citation": _citation,
    "weighing": _weighing,
    "short": _short,
    **reading_types.BUILDERS,
}


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
