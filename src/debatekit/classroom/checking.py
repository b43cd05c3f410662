"""Checking an answer: is it the right shape, what does it score, and what feedback does it earn.

This is the reference the practice widget's JavaScript (``widgets/question.js``, ``compute``)
repeats step for step; a Node test holds the two to the same scores and the same words.

Scoring, by type (``points`` is the question's worth):

- single, citation, numeric (within the tolerance): all or nothing;
- multiple: points × max(0, right picks − wrong picks) / number of right choices;
- ordering: points × pairs of items in the right relative order / pairs that have an order
  (items the seeds leave tied, such as two events of the same month, may come either way round);
- matching: points × claims matched correctly / claims;
- weighing: all or nothing, decided by the trade-off model (see :mod:`.weighing`);
- short: no score here; the instructor scores it with the rubric (status ``pending``);
- provenance, overtaken, move: all or nothing; analogy: points × statements sorted right /
  statements (see :mod:`.reading_types`, whose keys come from the kit's data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from debatekit.classroom import reading_types, weighing
from debatekit.classroom.question_types import TYPES, Question
from debatekit.content.files import is_finite_number, is_number

#: Numeric answers within this of the tolerance count (absorbs float noise like 0.1 + 0.2).
NUMERIC_SLACK = 1e-9
MAX_SHORT_ANSWER = 20_000
_PID = re.compile(r"^a\d{3}-p\d{2}$")


class AnswerError(ValueError):
    """An answer of the wrong shape for its question (a list for a single choice, text for a number)."""


@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer. ``score`` is None while a short answer awaits the rubric."""

    question: str
    points: float
    score: float | None
    status: str  # correct | partial | wrong | unanswered | pending
    feedback: list[str] = field(default_factory=list)


def _ids(entries: list[dict], key: str = "id") -> list[str]:
    return [e[key] for e in entries]


def validate_answer(q: Question, answer: Any) -> Any:
    """Return ``answer`` if its shape fits the question; raise :class:`AnswerError` saying what fits."""
    p = q.public
    expected = f"question {q.id} ({q.type}) expects {TYPES[q.type]}"
    t = q.type
    if t == "single":
        if not isinstance(answer, str) or answer not in _ids(p["choices"]):
            raise AnswerError(f"{expected}; got {_show(answer)}")
    elif t == "multiple":
        ids = _ids(p["choices"])
        if not isinstance(answer, list) or not all(isinstance(a, str) and a in ids for a in answer):
            raise AnswerError(f"{expected} ({', '.join(ids)}); got {_show(answer)}")
        if len(set(answer)) != len(answer):
            raise AnswerError(f"{expected}; a choice is listed twice in {_show(answer)}")
    elif t == "numeric":
        if not is_finite_number(answer):
            raise AnswerError(f"{expected}; got {_show(answer)}")
    elif t == "ordering":
        ids = _ids(p["items"])
        if (
            not isinstance(answer, list)
            or not all(isinstance(a, str) for a in answer)
            or sorted(answer) != sorted(ids)
        ):
            raise AnswerError(f"{expected} ({', '.join(sorted(ids))}); got {_show(answer)}")
    elif t == "matching":
        claims, options = _ids(p["claims"]), _ids(p["options"])
        if not isinstance(answer, dict) or not all(
            isinstance(k, str) and k in claims and isinstance(v, str) and v in options
            for k, v in answer.items()
        ):
            raise AnswerError(
                f"{expected} (claims {', '.join(claims)}; options {', '.join(options)}); got {_show(answer)}"
            )
    elif t == "citation":
        if (
            not isinstance(answer, str)
            or not _PID.match(answer)
            or answer not in _ids(p["candidates"], "pid")
        ):
            raise AnswerError(f"{expected}; got {_show(answer)}")
    elif t == "weighing":
        criteria = p["matrix"]["criteria"]
        if (
            not isinstance(answer, dict)
            or sorted(answer) != sorted(criteria)
            or not all(is_number(v) for v in answer.values())
        ):
            raise AnswerError(f"{expected} ({', '.join(criteria)}); got {_show(answer)}")
    elif t == "short":
        if not isinstance(answer, str) or len(answer) > MAX_SHORT_ANSWER:
            raise AnswerError(f"{expected} of at most {MAX_SHORT_ANSWER} characters; got {_show(answer)}")
    elif t in reading_types.TYPES:
        if not reading_types.valid_answer(q, answer):
            raise AnswerError(f"{expected}; got {_show(answer)}")
    return answer


def _show(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'…' if len(text) > 60 else ''}"


def _status(score: float, points: float) -> str:
    return "correct" if score >= points else "partial" if score > 0 else "wrong"


def check(q: Question, answer: Any) -> Result:
    """Score one answer (None = unanswered). Raises :class:`AnswerError` if its shape is wrong."""
    if answer is None:
        if q.type == "short":
            return Result(q.id, q.points, None, "pending", ["No answer."])
        return Result(q.id, q.points, 0, "unanswered", ["No answer."])
    validate_answer(q, answer)
    score, feedback = _SCORERS[q.type](q, answer)
    if score is None:
        return Result(q.id, q.points, None, "pending", feedback)
    status = _status(score, q.points)
    if status == "correct" and q.explanation:
        feedback = feedback + [q.explanation]
    return Result(q.id, q.points, score, status, feedback)


def _single(q: Question, answer: str):
    if answer == q.key:
        return q.points, []
    return 0, [q.feedback.get(answer, "That is not the answer.")]


def _multiple(q: Question, answer: list[str]):
    key = q.key
    hits = sum(1 for a in answer if a in key)
    wrong = [c for c in q.public["choices"] if c["id"] in answer and c["id"] not in key]
    score = q.points * max(0, hits - len(wrong)) / len(key)
    feedback = [q.feedback.get(c["id"], f"“{c['text']}” is not one of them.") for c in wrong]
    missed = len(key) - hits
    if missed:
        feedback.append(f"You missed {missed} correct choice{'' if missed == 1 else 's'}.")
    return score, feedback


def _numeric(q: Question, answer: float):
    value, tol = q.key["value"], q.key["tolerance"]
    if abs(answer - value) <= tol + NUMERIC_SLACK:
        return q.points, []
    if answer < value:
        return 0, [q.feedback.get("too_low", "Too low.")]
    return 0, [q.feedback.get("too_high", "Too high.")]


def _ordering(q: Question, answer: list[str]):
    group = {item: g for g, members in enumerate(q.key) for item in members}
    position = {item: i for i, item in enumerate(answer)}
    ordered = right = 0
    for a in answer:
        for b in answer:
            if group[a] < group[b]:
                ordered += 1
                right += position[a] < position[b]
    score = q.points * right / ordered
    if right == ordered:
        return score, []
    return score, [
        q.feedback.get("hint", "Not quite in order."),
        f"{right} of {ordered} pairs are in the right order.",
    ]


def _matching(q: Question, answer: dict[str, str]):
    claims = q.public["claims"]
    wrong = [c for c in claims if answer.get(c["id"]) != q.key[c["id"]]]
    score = q.points * (len(claims) - len(wrong)) / len(claims)
    return score, [q.feedback.get(c["id"], f"Check: “{c['text']}”.") for c in wrong]


def _citation(q: Question, answer: str):
    if answer in q.key:
        return q.points, []
    return 0, [q.feedback.get(answer, "That paragraph does not support the claim.")]


def _weighing(q: Question, answer: dict[str, float]):
    ok, sentence = weighing.outcome(q.public, {k: float(v) for k, v in answer.items()})
    return (q.points if ok else 0), [sentence]


def _short(q: Question, answer: str):
    return None, ["Scored by your instructor with the rubric."]


_SCORERS = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "ordering": _ordering,
    "matching": _matching,
    "citation": _citation,
    "weighing": _weighing,
    "short": _short,
    **reading_types.SCORERS,
}
