"""Lesson plans and the unit as MyST: a session's timed steps with linked materials, the unit's weeks."""

from __future__ import annotations

from debatekit.content import evidence, formats, motions
from debatekit.content.lessons import PAGES, lesson_plans
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown

#: Where the chapter pages live (docnames, for ``{doc}`` links) and the exercise notebooks (a path
#: relative to a page in ``book/instructor/``: a download link, as the notebooks are not book pages).
CHAPTER_DOC = "/book/chapters/{article}"
EXERCISES_PATH = "../../exercises/{bank}.ipynb"


def material_markdown(ref: str) -> str:
    """A ``kind:value`` reference as a MyST link (or code, for formats and motions)."""
    kind, value = ref.split(":", 1)
    if kind == "chapter":
        return f"{{doc}}`chapter {value} <{CHAPTER_DOC.format(article=value)}>`"
    if kind == "reading":
        return anchor_link(f"reading-{value}", f"reading {value}")
    if kind == "exercises":
        return f"[exercises {value}]({EXERCISES_PATH.format(bank=value)})"
    if kind == "para":
        return anchor_link(value)
    if kind == "card":
        pid = evidence.card(value)["paragraph_id"]
        return f"card `{value}` ({anchor_link(pid)})"
    if kind == "format":
        return f"format: {escape_markdown(formats.get_format(value).name)}"
    if kind == "motion":
        return f"motion {value}: *{escape_markdown(motions.motion(value).text)}*"
    return anchor_link(value, escape_markdown(PAGES[value]))


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


def unit_markdown() -> str:
    """The unit as MyST: its summary, then a table per week of days, sessions and plans."""
    unit = lesson_plans().unit
    lines = [escape_markdown(unit.summary), ""]
    for w in unit.weeks:
        head = ["| day | session | plan | materials |", "|---|---|---|---|"]
        lines += [f"**Week {w.week}: {escape_markdown(w.focus)}**", "", *head]
        for d in w.days:
            if d.session:
                session = anchor_link(f"session-{d.session}", d.session)
                plan = f"{escape_markdown(d.title)}: {escape_markdown(d.plan)}"
                mats = "the session's"
            else:
                session = "—"
                plan = f"**{escape_markdown(d.title)}.** {escape_markdown(d.plan)}"
                mats = "; ".join(material_markdown(m) for m in d.materials) or "none"
            lines.append(f"| {d.day} | {session} | {plan} | {mats} |")
        lines.append("")
    return "\n".join(lines)
