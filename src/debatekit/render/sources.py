"""Source profiles as MyST: each fact with its status and paragraphs, a profile as a list or dropdown."""

from __future__ import annotations

from debatekit.content import sources
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown


def fact_markdown(fact: sources.Fact) -> str:
    """One fact: its status, our sentence, the text's words and the paragraphs it rests on."""
    status = sources.sources().status(fact.status).name
    parts = [f"*{status}:* {escape_markdown(fact.says)}"]
    if fact.quote:
        parts.append(f"“{escape_markdown(fact.quote)}”")
    if fact.basis:
        parts.append("(" + ", ".join(anchor_link(p) for p in fact.basis) + ")")
    return " ".join(parts)


def profile_markdown(article_id: str) -> str:
    """The profile as a list, one item per aspect; a card of facts a page can show as it is."""
    src, prof = sources.sources(), sources.profile(article_id)
    lines = []
    for aspect in src.aspects:
        facts = prof.about(aspect.aspect_id)
        body = " ".join(fact_markdown(f) for f in facts)
        lines.append(f"- **{escape_markdown(aspect.question)}** {body}")
    lines.append(f"- **How much can it carry? (ours)** {escape_markdown(prof.weight)}")
    return "\n".join(lines)


def profile_dropdown(article_id: str, open_: bool = False) -> str:
    """The profile in a collapsible dropdown, headed as ours, for a reading or chapter page."""
    options = ":open:\n" if open_ else ""
    title = f"Source profile of {article_id}: who, where, when, on what evidence (our reading of the text)"
    return f"`````{{dropdown}} {title}\n{options}\n{profile_markdown(article_id)}\n`````"


def statuses_markdown() -> str:
    """What each status means, as a list."""
    return "\n".join(f"- *{s.name}*: {escape_markdown(s.meaning)}" for s in sources.sources().statuses)
