"""Reasoning moves as MyST: a move with its test questions and examples, an article's examples."""

from __future__ import annotations

from debatekit.content import reasoning
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown


def quote_markdown(ex: reasoning.Example) -> str:
    """An example's words in quotation marks, linked to their paragraph."""
    return f"“{escape_markdown(ex.quote)}” ({anchor_link(ex.paragraph)})"


def move_markdown(move_id: str) -> str:
    """A move: what it is and the questions that test it, then every example of it."""
    r = reasoning.reasoning()
    move = r.moves[move_id]
    lines = [f"*What it is (ours):* {escape_markdown(move.what)}", "", "*How to test it (ours):*", ""]
    lines += [f"{n}. {escape_markdown(q)}" for n, q in enumerate(move.test, 1)]
    lines.append("")
    for ex in r.examples.values():
        if move_id not in ex.moves:
            continue
        lines.append(f"- **{ex.example_id}** {quote_markdown(ex)}  ")
        lines.append(f"  *Our note:* {escape_markdown(ex.note)}")
        if move_id == "analogy" and ex.move == "analogy":
            for part, label in reasoning.ANALOGY_PARTS.items():
                items = " ".join(escape_markdown(s) for s in ex.parts[part])
                lines.append(f"  - *{label.capitalize()} (ours):* {items}")
    return "\n".join(lines)


def article_examples_markdown(article_id: str) -> str:
    """The examples from one article as a list: each move named, quoted, linked to the move's section."""
    r = reasoning.reasoning()
    found = reasoning.examples_for(article_id)
    if not found:
        return "*No reasoning-move example is drawn from this text yet.*"
    lines = []
    for ex in found:
        names = " and ".join(anchor_link(f"move-{m}", r.moves[m].name) for m in ex.moves)
        lines.append(f"- {names}: {quote_markdown(ex)}. *Our note:* {escape_markdown(ex.note)}")
    return "\n".join(lines)
