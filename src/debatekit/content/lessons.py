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

from debatekit.content import banks, corpus, evidence, formats, motions, toc
from debatekit.content.files import DataError, Problems, clean_text, file_name, is_whole, load_yaml
from debatekit.content.vocabulary import LazyMapping


@cache
def _raw() -> dict:
    data = load_yaml(LESSONS_FILE)
    return data if isinstance(data, dict) else {}


@cache
def _chapters() -> dict[str, str]:
    """The chapters sessions can be for (the course's lesson_plans.yml: chapters)."""
    return _expand_chapters(_raw().get("chapters"))


LESSONS_FILE = "lesson_plans.yml"
#: The keys of the course's lesson_plans.yml that name the book's chapters and pages.
_BOOK_KEYS = ("chapters", "pages")
#: The chapters that have sessions (lesson_plans.yml: chapters), by id, with the name tables show.
CHAPTERS: Mapping[str, str] = LazyMapping(_chapters, "chapters")
SESSION_LENGTHS = (50, 90)
#: Pages a step may point to (``page:<name>``; lesson_plans.yml: pages): the book's labels, linked
#: as ``(#name)``, with the name a link shows.
PAGES: Mapping[str, str] = LazyMapping(lambda: _raw().get("pages") or {}, "pages")
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


def _positive(value: Any) -> bool:
    return is_whole(value) and value > 0


def _expand_chapters(raw: Any) -> dict[str, str]:
    """A file's ``chapters``; a ``{article}`` entry stands for every article of the course, in order."""
    found: dict[str, str] = {}
    for key, name in (raw if isinstance(raw, dict) else {}).items():
        if key == "{article}":
            found.update({aid: str(name).format(article=aid) for aid in corpus.ARTICLE_IDS})
        else:
            found[str(key)] = str(name)
    return found


def _material_problem(ref: Any, pages: Mapping[str, str]) -> str | None:
    """Why ``ref`` is not a known ``kind:value`` reference, or None if it is (``pages``: the file's own)."""
    if not isinstance(ref, str) or ":" not in ref:
        return f"{ref!r} is not of the form kind:value with kind one of {list(MATERIAL_KINDS)}"
    kind, value = ref.split(":", 1)
    if kind in ("chapter", "reading"):
        return None if value in corpus.ARTICLE_IDS else f"{ref!r}: unknown {kind} {value!r}"
    if kind == "para":
        return None if value in set(corpus.paragraph_ids()) else f"{ref!r}: unknown para {value!r}"
    if kind == "page":
        return None if value in pages else f"{ref!r}: unknown page {value!r}"
    if kind == "format":
        return None if value in formats.formats() else f"{ref!r}: unknown format {value!r}"
    if kind == "card":
        try:
            evidence.card(value)
        except KeyError:
            return f"{ref!r}: no evidence card {value!r}"
        return None
    if kind == "motion":
        return None if value in {m.motion_id for m in motions.motions()} else f"{ref!r}: no motion {value!r}"
    if kind == "exercises":
        return None if value in banks.bank_names() else f"{ref!r}: no exercise bank {value!r}"
    return f"{ref!r}: unknown kind {kind!r}; kinds: {list(MATERIAL_KINDS)}"


def _materials(bad: Problems, entry: str, field: str, raw: Any, pages: Mapping[str, str]) -> tuple[str, ...]:
    if not isinstance(raw, list):
        bad.add(entry, field, "expected a list of kind:value references (empty if none)")
        return ()
    for ref in raw:
        problem = _material_problem(ref, pages)
        if problem:
            bad.add(entry, field, problem)
    return tuple(raw)


def _check_pages(bad: Problems, pages: Any) -> dict[str, str]:
    """The file's ``pages``: each a label that a page of the course's table of contents defines."""
    if not isinstance(pages, dict):
        bad.add("pages", None, "expected a mapping of page label: the name its link shows")
        return {}
    labels = toc.page_labels() if pages else None
    for label in pages:
        if labels is not None and label not in labels:
            bad.add("pages", str(label), f"no page of _toc.yml defines the label ({label})=; label a page "
                    "of the table of contents with it, or drop it")  # fmt: skip
    return {str(k): str(v) for k, v in pages.items()}


_SESSION_KEYS = ("session_id", "chapter", "minutes", "title", "goal", "before", "steps", "after")


def _check_session(bad: Problems, rec: Any, index: int, chapters: Mapping[str, str],
                   pages: Mapping[str, str]) -> Session | None:  # fmt: skip
    sid = rec.get("session_id") if isinstance(rec, dict) and isinstance(rec.get("session_id"), str) else None
    entry = f"session {sid or f'#{index}'}"
    if not isinstance(rec, dict) or set(rec) != set(_SESSION_KEYS):
        have = sorted(rec) if isinstance(rec, dict) else rec
        bad.add(entry, None, f"expected exactly the keys {list(_SESSION_KEYS)}, got {have}")
        return None
    failed = False
    if rec["chapter"] not in chapters:
        bad.add(entry, "chapter", f"unknown chapter {rec['chapter']!r}; chapters: {list(chapters)}")
        failed = True
    if rec["minutes"] not in SESSION_LENGTHS:
        lengths = " or ".join(map(str, SESSION_LENGTHS))
        bad.add(entry, "minutes", f"is {rec['minutes']!r}; sessions last {lengths}")
        failed = True
    elif not failed and sid != f"{rec['chapter']}-{rec['minutes']}":
        bad.add(entry, "session_id", f"expected {rec['chapter']}-{rec['minutes']} (chapter-minutes)")
        failed = True
    for key in ("title", "goal", "before", "after"):
        if not clean_text(rec[key]):
            bad.add(entry, key, "expected non-empty text")
            failed = True
    steps = []
    if not isinstance(rec["steps"], list) or not rec["steps"]:
        bad.add(entry, "steps", "expected a non-empty list of {minutes, activity, materials}")
        return None
    for n, st in enumerate(rec["steps"], 1):
        where = f"steps[{n}]"
        if not isinstance(st, dict) or set(st) != {"minutes", "activity", "materials"}:
            bad.add(entry, where, "expected exactly the keys minutes, activity, materials")
            failed = True
            continue
        if not _positive(st["minutes"]):
            bad.add(entry, f"{where}.minutes",
                    f"expected a whole number of minutes above 0, got {st['minutes']!r}")  # fmt: skip
            failed = True
            continue
        if not clean_text(st["activity"]):
            bad.add(entry, f"{where}.activity", "expected non-empty text")
            failed = True
        steps.append(Step(st["minutes"], clean_text(st["activity"]) or "",
                          _materials(bad, entry, f"{where}.materials", st["materials"], pages)))  # fmt: skip
    total = sum(s.minutes for s in steps)
    if len(steps) == len(rec["steps"]) and isinstance(rec["minutes"], int) and total != rec["minutes"]:
        bad.add(entry, "steps", f"the steps add up to {total} minutes; the session lasts {rec['minutes']}")
        failed = True
    if failed:
        return None
    return Session(sid, rec["chapter"], rec["minutes"], clean_text(rec["title"]), clean_text(rec["goal"]),
                   clean_text(rec["before"]), tuple(steps), clean_text(rec["after"]))  # fmt: skip


def _check_unit(
    bad: Problems, raw: Any, sessions: dict[str, Session], pages: Mapping[str, str]
) -> Unit | None:
    keys = {"title", "summary", "period_minutes", "weeks"}
    if not isinstance(raw, dict) or set(raw) != keys:
        bad.add("unit", None, f"expected exactly the keys {sorted(keys)}")
        return None
    period = raw["period_minutes"]
    if period not in SESSION_LENGTHS:
        bad.add("unit", "period_minutes", f"expected one of {list(SESSION_LENGTHS)}")
        return None
    weeks, day_numbers = [], []
    if not isinstance(raw["weeks"], list) or len(raw["weeks"]) != 3:
        bad.add("unit", "weeks", "expected a list of three weeks")
        return None
    for w_index, w in enumerate(raw["weeks"], 1):
        entry = f"unit week {w_index}"
        if not isinstance(w, dict) or set(w) != {"week", "focus", "days"} or w["week"] != w_index:
            bad.add(entry, None, f"expected {{week: {w_index}, focus, days}}")
            continue
        days = []
        for d in w["days"] if isinstance(w["days"], list) else []:
            if not isinstance(d, dict) or not _positive(d.get("day")):
                bad.add(entry, "days", f"each day needs a whole-number day; got {d!r}")
                continue
            where = f"unit day {d['day']}"
            day_numbers.append(d["day"])
            if set(d) == {"day", "session"}:
                s = sessions.get(d["session"])
                if s is None:
                    bad.add(where, "session", f"no session {d['session']!r}; sessions: {sorted(sessions)}")
                    continue
                if s.minutes != period:
                    bad.add(where, "session", f"{s.session_id} lasts {s.minutes} minutes; the unit's periods "
                            f"last {period}")  # fmt: skip
                    continue
                days.append(Day(d["day"], s.session_id, s.title, s.goal, ()))
            elif set(d) == {"day", "title", "plan", "materials"}:
                if not clean_text(d["title"]) or not clean_text(d["plan"]):
                    bad.add(where, "plan", "a day without a session needs a title and a plan")
                    continue
                days.append(Day(d["day"], None, clean_text(d["title"]), clean_text(d["plan"]),
                                _materials(bad, where, "materials", d["materials"], pages)))  # fmt: skip
            else:
                bad.add(where, None, "expected {day, session} or {day, title, plan, materials}")
        if not clean_text(w["focus"]) or not days:
            bad.add(entry, "focus", "each week needs a focus and at least one day")
        weeks.append(Week(w_index, clean_text(w["focus"]) or "", tuple(days)))
    if day_numbers != list(range(1, len(day_numbers) + 1)):
        bad.add("unit", "weeks", f"days are numbered {day_numbers}; number them 1, 2, 3 ... across the weeks")
    return Unit(clean_text(raw["title"]) or "", clean_text(raw["summary"]) or "", period, tuple(weeks))


def load_lesson_plans(source: str | Path = LESSONS_FILE) -> LessonPlans:
    """Read and validate a lesson-plan file against its own chapters and pages and the course's
    files (paragraphs, cards, formats, motions, banks, the toc's labels); lists every mistake."""
    file = file_name(source)
    bad = Problems(file)
    data = load_yaml(source)
    keys = {"sessions", "unit"}
    if not isinstance(data, dict) or not keys <= set(data) <= {*keys, *_BOOK_KEYS}:
        raise DataError(
            file, None, None, "expected a mapping with the keys sessions and unit (and chapters, pages)"
        )
    chapters = _expand_chapters(data.get("chapters"))
    pages = _check_pages(bad, data.get("pages") or {})
    sessions: dict[str, Session] = {}
    for i, rec in enumerate(data["sessions"] if isinstance(data["sessions"], list) else [], 1):
        s = _check_session(bad, rec, i, chapters, pages)
        if s is None:
            continue
        if s.session_id in sessions:
            bad.add(f"session {s.session_id}", "session_id", "duplicate session id")
        sessions[s.session_id] = s
    if not bad:
        for chapter in chapters:
            for minutes in SESSION_LENGTHS:
                if f"{chapter}-{minutes}" not in sessions:
                    bad.add(None, "sessions", f"no {minutes}-minute session for chapter {chapter!r}; add "
                            f"session_id {chapter}-{minutes}")  # fmt: skip
    unit = _check_unit(bad, data["unit"], sessions, pages)
    bad.raise_all()
    return LessonPlans(tuple(sessions.values()), unit)


@cache
def lesson_plans() -> LessonPlans:
    """The packaged lesson plans."""
    return load_lesson_plans()


def sessions_overview() -> pd.DataFrame:
    """Every session: chapter, length, title, goal."""
    return pd.DataFrame([{"session": s.session_id, "chapter": CHAPTERS[s.chapter], "minutes": s.minutes,
                          "title": s.title, "goal": s.goal} for s in lesson_plans().sessions])  # fmt: skip
