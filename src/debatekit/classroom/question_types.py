"""The kinds of question a bank may hold: the shape of each one's answer, and how each is read
from its YAML entry into a :class:`Question` (its public part, its key and its feedback).

A mistake in an entry raises a :class:`~debatekit.content.files.DataError` naming the file, the
question and the field; the bank (:mod:`.questions`) collects them so a file reports all at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from debatekit.classroom import reading_types
from debatekit.content import corpus
from debatekit.content.files import DataError, clean_text, is_finite_number

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
#: What a question or an assignment id may be: lower-case letters, digits and hyphens.
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")


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


def parse_question(file: str, entry: str, rec: Any) -> Question:
    if not isinstance(rec, dict):
        raise DataError(file, entry, None, f"expected a mapping, got {type(rec).__name__}")
    r = _Reader(file, entry, rec)
    qid = rec.get("id")
    if not isinstance(qid, str) or not ID.match(qid):
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
        if not is_finite_number(points) or points <= 0:
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
    if not is_finite_number(value):
        raise r.error("key", f"expected a number, got {value!r}")
    if not is_finite_number(tol) or tol < 0:
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
            or not is_finite_number(item.get("points"))
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
