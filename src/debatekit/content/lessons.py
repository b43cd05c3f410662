"""Lesson plans and the three-week unit, read from ``lesson_plans.yml`` and checked at load time.

Every session's steps must fill its minutes exactly, every chapter has a 50- and a 90-minute
session, every paragraph, card, format, motion, exercise bank and page a step points to must
exist, and every unit day is one period long. Mistakes name the file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content import corpus, debate, evidence
from debatekit.content.files import DataError, file_name, load_yaml, raise_all
from debatekit.content.vocabulary import LazyMapping
from debatekit.render.markdown import escape_markdown


@cache
def _raw() -> dict:
    data = load_yaml(LESSONS_FILE)
    return data if isinstance(data, dict) else {}


@cache
def _chapters() -> dict[str, str]:
    """The chapters sessions can be for; a ``{article}`` entry stands for every article, in order."""
    found: dict[str, str] = {}
    for key, name in (_raw().get("chapters") or {}).items():
        if key == "{article}":
            found.update({aid: str(name).format(article=aid) for aid in corpus.ARTICLE_IDS})
        else:
            found[str(key)] = str(name)
    return found


LESSONS_FILE = "lesson_plans.yml"
#: The keys of the course's lesson_plans.yml that name the book's chapters and pages.
_BOOK_KEYS = ("chapters", "pages")
#: The chapters that have sessions (lesson_plans.yml: chapters), by id, with the name tables show.
CHAPTERS: Mapping[str, str] = LazyMapping(_chapters, "chapters")
SESSION_LENGTHS = (50, 90)
#: Pages a step may point to (``page:<name>``; lesson_plans.yml: pages): the book's labels, linked
#: as ``(#name)``, with the name a link shows.
PAGES: Mapping[str, str] = LazyMapping(lambda: _raw().get("pages") or {}, "pages")
#: Where the chapter pages live (docnames, for ``{doc}`` links) and the exercise notebooks (a path
#: relative to a page in ``book/instructor/``: a download link, as the notebooks are not book pages).
CHAPTER_DOC = "/book/chapters/{article}"
EXERCISES_PATH = "../../exercises/{bank}.ipynb"
MATERIAL_KINDS = ("chapter", "reading", "exercises", "para", "card", "format", "motion", "page")


@dataclass(frozen=True)
class Step:
    """One activity of a session, its length, and what it uses (``kind:value`` references)."""

    minutes: int
    activity: str
    materials: tuple[str, ...]


@dataclass(frozen=True)
class Session:
    """A lesson for one chapter, 50 or 90 minutes long."""

    session_id: str
    chapter: str
    minutes: int
    title: str
    goal: str
    before: str
    steps: tuple[Step, ...]
    after: str


@dataclass(frozen=True)
class Day:
    """One period of the unit: a session, or a short plan of its own."""

    day: int
    session: str | None
    title: str
    plan: str
    materials: tuple[str, ...]


@dataclass(frozen=True)
class Week:
    week: int
    focus: str
    days: tuple[Day, ...]


@dataclass(frozen=True)
class Unit:
    title: str
    summary: str
    period_minutes: int
    weeks: tuple[Week, ...]


@dataclass(frozen=True)
class LessonPlans:
    sessions: tuple[Session, ...]
    unit: Unit

    def session(self, session_id: str) -> Session:
        for s in self.sessions:
            if s.session_id == session_id:
                return s
        raise KeyError(f"no session {session_id!r}; sessions: {[s.session_id for s in self.sessions]}")


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _material_problem(ref: Any) -> str | None:
    """Why ``ref`` is not a known ``kind:value`` reference, or None if it is."""
    if not isinstance(ref, str) or ":" not in ref:
        return f"{ref!r} is not of the form kind:value with kind one of {list(MATERIAL_KINDS)}"
    kind, value = ref.split(":", 1)
    known: dict[str, Any] = {
        "chapter": corpus.ARTICLE_IDS,
        "reading": corpus.ARTICLE_IDS,
        "para": set(corpus.paragraph_ids()),
        "format": debate.formats(),
        "page": PAGES,
    }
    if kind in known:
        return None if value in known[kind] else f"{ref!r}: unknown {kind} {value!r}"
    if kind == "card":
        try:
            evidence.card(value)
        except KeyError:
            return f"{ref!r}: no evidence card {value!r}"
        return None
    if kind == "motion":
        return None if value in {m.motion_id for m in debate.motions()} else f"{ref!r}: no motion {value!r}"
    if kind == "exercises":
        from debatekit.classroom.questions import bank_names

        return None if value in bank_names() else f"{ref!r}: no exercise bank {value!r}"
    return f"{ref!r}: unknown kind {kind!r}; kinds: {list(MATERIAL_KINDS)}"


def _materials(add, entry: str, field: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        add(entry, field, "expected a list of kind:value references (empty if none)")
        return ()
    for ref in raw:
        problem = _material_problem(ref)
        if problem:
            add(entry, field, problem)
    return tuple(raw)


_SESSION_KEYS = ("session_id", "chapter", "minutes", "title", "goal", "before", "steps", "after")


def _check_session(add, rec: Any, index: int) -> Session | None:
    sid = rec.get("session_id") if isinstance(rec, dict) and isinstance(rec.get("session_id"), str) else None
    entry = f"session {sid or f'#{index}'}"
    if not isinstance(rec, dict) or set(rec) != set(_SESSION_KEYS):
        have = sorted(rec) if isinstance(rec, dict) else rec
        add(entry, None, f"expected exactly the keys {list(_SESSION_KEYS)}, got {have}")
        return None
    bad = False
    if rec["chapter"] not in CHAPTERS:
        add(entry, "chapter", f"unknown chapter {rec['chapter']!r}; chapters: {list(CHAPTERS)}")
        bad = True
    if rec["minutes"] not in SESSION_LENGTHS:
        add(
            entry, "minutes", f"is {rec['minutes']!r}; sessions last {' or '.join(map(str, SESSION_LENGTHS))}"
        )
        bad = True
    elif not bad and sid != f"{rec['chapter']}-{rec['minutes']}":
        add(entry, "session_id", f"expected {rec['chapter']}-{rec['minutes']} (chapter-minutes)")
        bad = True
    for key in ("title", "goal", "before", "after"):
        if not _text(rec[key]):
            add(entry, key, "expected non-empty text")
            bad = True
    steps = []
    if not isinstance(rec["steps"], list) or not rec["steps"]:
        add(entry, "steps", "expected a non-empty list of {minutes, activity, materials}")
        return None
    for n, st in enumerate(rec["steps"], 1):
        where = f"steps[{n}]"
        if not isinstance(st, dict) or set(st) != {"minutes", "activity", "materials"}:
            add(entry, where, "expected exactly the keys minutes, activity, materials")
            bad = True
            continue
        if not _whole(st["minutes"]):
            add(
                entry,
                f"{where}.minutes",
                f"expected a whole number of minutes above 0, got {st['minutes']!r}",
            )
            bad = True
            continue
        if not _text(st["activity"]):
            add(entry, f"{where}.activity", "expected non-empty text")
            bad = True
        steps.append(Step(st["minutes"], _text(st["activity"]) or "",
                          _materials(add, entry, f"{where}.materials", st["materials"])))  # fmt: skip
    total = sum(s.minutes for s in steps)
    if len(steps) == len(rec["steps"]) and isinstance(rec["minutes"], int) and total != rec["minutes"]:
        add(entry, "steps", f"the steps add up to {total} minutes; the session lasts {rec['minutes']}")
        bad = True
    if bad:
        return None
    return Session(sid, rec["chapter"], rec["minutes"], _text(rec["title"]), _text(rec["goal"]),
                   _text(rec["before"]), tuple(steps), _text(rec["after"]))  # fmt: skip


def _check_unit(add, raw: Any, sessions: dict[str, Session]) -> Unit | None:
    keys = {"title", "summary", "period_minutes", "weeks"}
    if not isinstance(raw, dict) or set(raw) != keys:
        add("unit", None, f"expected exactly the keys {sorted(keys)}")
        return None
    period = raw["period_minutes"]
    if period not in SESSION_LENGTHS:
        add("unit", "period_minutes", f"expected one of {list(SESSION_LENGTHS)}")
        return None
    weeks, day_numbers = [], []
    if not isinstance(raw["weeks"], list) or len(raw["weeks"]) != 3:
        add("unit", "weeks", "expected a list of three weeks")
        return None
    for w_index, w in enumerate(raw["weeks"], 1):
        entry = f"unit week {w_index}"
        if not isinstance(w, dict) or set(w) != {"week", "focus", "days"} or w["week"] != w_index:
            add(entry, None, f"expected {{week: {w_index}, focus, days}}")
            continue
        days = []
        for d in w["days"] if isinstance(w["days"], list) else []:
            if not isinstance(d, dict) or not _whole(d.get("day")):
                add(entry, "days", f"each day needs a whole-number day; got {d!r}")
                continue
            where = f"unit day {d['day']}"
            day_numbers.append(d["day"])
            if set(d) == {"day", "session"}:
                s = sessions.get(d["session"])
                if s is None:
                    add(where, "session", f"no session {d['session']!r}; sessions: {sorted(sessions)}")
                    continue
                if s.minutes != period:
                    add(where, "session", f"{s.session_id} lasts {s.minutes} minutes; the unit's periods "
                        f"last {period}")  # fmt: skip
                    continue
                days.append(Day(d["day"], s.session_id, s.title, s.goal, ()))
            elif set(d) == {"day", "title", "plan", "materials"}:
                if not _text(d["title"]) or not _text(d["plan"]):
                    add(where, "plan", "a day without a session needs a title and a plan")
                    continue
                days.append(Day(d["day"], None, _text(d["title"]), _text(d["plan"]),
                                _materials(add, where, "materials", d["materials"])))  # fmt: skip
            else:
                add(where, None, "expected {day, session} or {day, title, plan, materials}")
        if not _text(w["focus"]) or not days:
            add(entry, "focus", "each week needs a focus and at least one day")
        weeks.append(Week(w_index, _text(w["focus"]) or "", tuple(days)))
    if day_numbers != list(range(1, len(day_numbers) + 1)):
        add("unit", "weeks", f"days are numbered {day_numbers}; number them 1, 2, 3 ... across the weeks")
    return Unit(_text(raw["title"]) or "", _text(raw["summary"]) or "", period, tuple(weeks))


def load_lesson_plans(source: str | Path = LESSONS_FILE) -> LessonPlans:
    """Read and validate a lesson-plan file; raise :class:`DataError` listing every mistake found."""
    file = file_name(source)
    errors: list[DataError] = []

    def add(entry: str | None, field: str | None, problem: str) -> None:
        errors.append(DataError(file, entry, field, problem))

    data = load_yaml(source)
    if not isinstance(data, dict) or not {"sessions", "unit"} <= set(data) <= {
        "sessions",
        "unit",
        *_BOOK_KEYS,
    }:
        raise DataError(
            file, None, None, "expected a mapping with the keys sessions and unit (and chapters, pages)"
        )
    sessions: dict[str, Session] = {}
    for i, rec in enumerate(data["sessions"] if isinstance(data["sessions"], list) else [], 1):
        s = _check_session(add, rec, i)
        if s is None:
            continue
        if s.session_id in sessions:
            add(f"session {s.session_id}", "session_id", "duplicate session id")
        sessions[s.session_id] = s
    if not errors:
        for chapter in CHAPTERS:
            for minutes in SESSION_LENGTHS:
                if f"{chapter}-{minutes}" not in sessions:
                    add(None, "sessions", f"no {minutes}-minute session for chapter {chapter!r}; add "
                        f"session_id {chapter}-{minutes}")  # fmt: skip
    unit = _check_unit(add, data["unit"], sessions)
    raise_all(file, errors)
    return LessonPlans(tuple(sessions.values()), unit)


@cache
def lesson_plans() -> LessonPlans:
    """The packaged lesson plans."""
    return load_lesson_plans()


# --------------------------------------------------------------------------------------------
# What the pages show
# --------------------------------------------------------------------------------------------


def material_markdown(ref: str) -> str:
    """A ``kind:value`` reference as a MyST link (or code, for formats and motions)."""
    kind, value = ref.split(":", 1)
    if kind == "chapter":
        return f"{{doc}}`chapter {value} <{CHAPTER_DOC.format(article=value)}>`"
    if kind == "reading":
        return f"[reading {value}](#reading-{value})"
    if kind == "exercises":
        return f"[exercises {value}]({EXERCISES_PATH.format(bank=value)})"
    if kind == "para":
        return f"[{value}](#{value})"
    if kind == "card":
        pid = evidence.card(value)["paragraph_id"]
        return f"card `{value}` ([{pid}](#{pid}))"
    if kind == "format":
        return f"format: {escape_markdown(debate.get_format(value).name)}"
    if kind == "motion":
        return f"motion {value}: *{escape_markdown(debate.motion(value).text)}*"
    return f"[{escape_markdown(PAGES[value])}](#{value})"


def session_table(session_id: str) -> pd.DataFrame:
    """A session's steps with the minute each starts (for a printable plan; materials as text)."""
    s = lesson_plans().session(session_id)
    rows, clock = [], 0
    for st in s.steps:
        rows.append({"from minute": clock, "minutes": st.minutes, "activity": st.activity,
                     "materials": ", ".join(st.materials)})  # fmt: skip
        clock += st.minutes
    return pd.DataFrame(rows)


def session_markdown(session_id: str) -> str:
    """A session as MyST: goal, before, a table of timed steps with linked materials, and homework."""
    s = lesson_plans().session(session_id)
    lines = [
        f"**{escape_markdown(s.title)}** ({s.minutes} minutes)",
        "",
        f"*Goal:* {escape_markdown(s.goal)}",
        "",
        f"*Before the session:* {escape_markdown(s.before)}",
        "",
        "| from | min | activity | materials |",
        "|---|---|---|---|",
    ]
    clock = 0
    for st in s.steps:
        mats = "; ".join(material_markdown(m) for m in st.materials) or "none"
        lines.append(f"| {clock} | {st.minutes} | {escape_markdown(st.activity)} | {mats} |")
        clock += st.minutes
    lines += ["", f"*After the session:* {escape_markdown(s.after)}"]
    return "\n".join(lines)


def sessions_overview() -> pd.DataFrame:
    """Every session: chapter, length, title, goal."""
    return pd.DataFrame([{"session": s.session_id, "chapter": CHAPTERS[s.chapter], "minutes": s.minutes,
                          "title": s.title, "goal": s.goal} for s in lesson_plans().sessions])  # fmt: skip


def unit_markdown() -> str:
    """The unit as MyST: its summary, then a table per week of days, sessions and plans."""
    unit = lesson_plans().unit
    lines = [escape_markdown(unit.summary), ""]
    for w in unit.weeks:
        head = ["| day | session | plan | materials |", "|---|---|---|---|"]
        lines += [f"**Week {w.week}: {escape_markdown(w.focus)}**", "", *head]
        for d in w.days:
            if d.session:
                session = f"[{d.session}](#session-{d.session})"
                plan = f"{escape_markdown(d.title)}: {escape_markdown(d.plan)}"
                mats = "the session's"
            else:
                session = "—"
                plan = f"**{escape_markdown(d.title)}.** {escape_markdown(d.plan)}"
                mats = "; ".join(material_markdown(m) for m in d.materials) or "none"
            lines.append(f"| {d.day} | {session} | {plan} | {mats} |")
        lines.append("")
    return "\n".join(lines)
