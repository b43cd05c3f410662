"""The flow sheet as Markdown: one section per speech, its timer, its arguments and what they answer.

:func:`compute` is the reference ``widgets/flow.js`` is tested against: the speeches' states from
:mod:`debatekit.models.flow` and the sheet a student exports, built step for step as the script does.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from debatekit.models import flow as model
from debatekit.render.markdown import escape_markdown


def _entry_line(entry: Mapping, item: Mapping) -> str:
    text = f"- **{escape_markdown(item['item_id'])}**"
    if item["kind"] == "rebuttal":
        text += f" (rebuttal to {escape_markdown(item['answers'])})"
    text += f" {escape_markdown(item['claim'])} (cards {', '.join(item['card_ids'])})"
    a = entry.get("answers")
    if a is not None:
        text += f" ↩ answers **{escape_markdown(a['item'])}** in speech {a['speech']}"
    return text


def compute(fmt: Mapping, flow: Mapping, elapsed: Mapping | None = None) -> dict:
    """Each speech's timer and entries, and the whole flow as Markdown (the reference for flow.js)."""
    speeches = model.speech_states(fmt, flow, elapsed)
    items = {i["item_id"]: i for i in flow["items"]}
    lines = [
        f"# Flow sheet: {escape_markdown(flow['motion'])}",
        "",
        f"- Format: {escape_markdown(fmt['name'])}",
        f"- Motion: {flow['motion_id']}. Arguments and rebuttals are the kit's; "
        "the card ids point to the articles' words.",
        "",
    ]
    for s in speeches:
        entries = [e for e in flow["entries"] if e["speech"] == s["order"]]
        length = model.format_clock(math.ceil(s["minutes"] * 60))
        speaker, side = escape_markdown(s["speaker"]), escape_markdown(s["side"])
        lines += [f"## Speech {s['order']}: {speaker} ({side}, {length})", ""]
        if s["elapsed"] > 0:
            left = f"{s['clock']} over" if s["phase"] == "overtime" else f"{s['clock']} left"
            lines += [f"Time: {left} ({s['label']}).", ""]
        lines += [_entry_line(e, items[e["item"]]) for e in entries] or ["*Nothing flowed.*"]
        lines.append("")
    return {"speeches": speeches, "markdown": "\n".join(lines)}


def flow_markdown(fmt: Mapping, flow: Mapping, elapsed: Mapping | None = None) -> str:
    """The flow as Markdown: one section per speech, its arguments and what they answer."""
    return compute(fmt, flow, elapsed)["markdown"]
