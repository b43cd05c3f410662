"""One Markdown feedback file per student: scores, their answers, what to re-read; their text escaped.

A student's text (and a file's name) never becomes markup: it is escaped so no HTML, link,
emphasis or heading comes of it. Files are named readably from the student id (Unicode letters
kept); ids that would share a file name get distinct ones, and the run reports it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections import defaultdict
from typing import Any

from debatekit.classroom.gradebook import points_text
from debatekit.classroom.marking import Row, Submission
from debatekit.classroom.question_types import TYPE_LABELS
from debatekit.classroom.questions import Bank

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
        total = f"**Total: {points_text(r.total)} of {points_text(bank.points)} points**"
        lines += [
            total + (f" (awaiting the instructor's score: {', '.join(pending)})" if pending else ""),
            "",
        ]
        for n, q in enumerate(bank.questions, 1):
            score = r.scores.get(q.id)
            got = "awaiting score" if score is None else f"{points_text(score)} of {points_text(q.points)}"
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
