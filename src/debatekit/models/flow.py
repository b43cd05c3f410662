"""Flow sheet and speech timer: which arguments each speech carries, what answers what, and the
time left on each speech (:mod:`debatekit.render.flow` writes the sheet as Markdown).

Plain data in, plain data out, so ``widgets/flow.js`` can repeat it exactly:

* a *format* is ``{format_id, name, sides: [two sides], speeches: [{order, speaker, side, minutes,
  kind}]}`` — the speeches of :func:`debatekit.content.formats.speeches` that belong to a side (prep, votes
  and whole-room discussion have no column); the format's first side argues the proposition;
* a *flow* is ``{motion_id, motion, items, entries}``: ``items`` are the motion's arguments
  (``P1``, ``O2``) and the rebuttals the cases give to them (``P1.r1`` answers ``P1`` and belongs
  to the other side); ``entries`` are ``{speech, item, answers}`` where ``answers`` is null or
  ``{speech, item}``, an entry of the other side in an earlier speech;
* *elapsed* maps a speech's order (as a string) to the seconds used so far.

Timer phases, from the seconds remaining (length − elapsed): ``ready`` before the clock starts,
``on-time``, ``final-minute`` at 60 s or less, ``final-30`` at 30 s or less, ``overtime`` at 0 s
or less. The clock shows whole seconds left (rounded up), or ``+mm:ss`` over (rounded down).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

from debatekit.content import formats, motions
from debatekit.content.files import is_finite_number

PHASE_LABELS: dict[str, str] = {
    "ready": "Not started",
    "on-time": "On time",
    "final-minute": "1 minute left",
    "final-30": "30 seconds left",
    "overtime": "Overtime",
}
SIDES = motions.SIDES  # ("proposition", "opposition")


# --- building the plain data -------------------------------------------------------------------


def flow_format(format_id: str) -> dict:
    """A debate format as the flow sheet uses it: its sides and its speeches that belong to a side."""
    fmt = formats.get_format(format_id)
    speeches = [
        {"order": s.order, "speaker": s.speaker, "side": s.side, "minutes": s.minutes, "kind": s.kind}
        for s in fmt.speeches
        if s.side is not None
    ]
    return {"format_id": fmt.format_id, "name": fmt.name, "sides": list(fmt.sides), "speeches": speeches}


def flow_items(motion: motions.Motion) -> list[dict]:
    """The motion's arguments (P1, O1, ...) and the rebuttals its cases give to each (P1.r1, ...)."""
    items = []
    for side in SIDES:
        other = SIDES[1 - SIDES.index(side)]
        for n, arg in enumerate(motion.side(side), 1):
            aid = f"{side[0].upper()}{n}"
            items.append({"item_id": aid, "side": side, "kind": "argument", "claim": arg.claim,
                          "card_ids": list(arg.card_ids), "answers": None})  # fmt: skip
            for k, r in enumerate(arg.rebuttals, 1):
                items.append({"item_id": f"{aid}.r{k}", "side": other, "kind": "rebuttal", "claim": r.text,
                              "card_ids": list(r.card_ids), "answers": aid})  # fmt: skip
    return items


def flow_motion(motion_id: str) -> dict:
    """A motion as the flow sheet uses it: id, text and its items."""
    m = motions.motion(motion_id)
    return {"motion_id": m.motion_id, "text": m.text, "items": flow_items(m)}


def new_flow(motion_id: str, entries: list[dict] | None = None) -> dict:
    """A flow for ``motion_id`` holding ``entries`` (none by default)."""
    m = flow_motion(motion_id)
    return {
        "motion_id": m["motion_id"],
        "motion": m["text"],
        "items": m["items"],
        "entries": list(entries or []),
    }


# --- the timer ---------------------------------------------------------------------------------


def format_clock(seconds: int) -> str:
    """Whole seconds as mm:ss (minutes keep growing past 59: 75:00)."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def timer(minutes: float, elapsed: float) -> dict:
    """Phase, label, seconds remaining and clock text of a speech of ``minutes`` after ``elapsed`` s."""
    total = minutes * 60
    remaining = total - elapsed
    if elapsed <= 0:
        phase = "ready"
    elif remaining <= 0:
        phase = "overtime"
    elif remaining <= 30:
        phase = "final-30"
    elif remaining <= 60:
        phase = "final-minute"
    else:
        phase = "on-time"
    clock = (
        format_clock(math.ceil(remaining)) if remaining > 0 else "+" + format_clock(math.floor(-remaining))
    )
    return {"phase": phase, "label": PHASE_LABELS[phase], "remaining": remaining, "clock": clock}


# --- checking and export -----------------------------------------------------------------------


def check_flow(fmt: Mapping, flow: Mapping, elapsed: Mapping) -> tuple[dict, dict, dict]:
    """Speeches by order, items by id and elapsed seconds by order; ValueError naming the entry."""
    speeches = {s["order"]: s for s in fmt["speeches"]}
    for s in fmt["speeches"]:
        if s["side"] not in fmt["sides"][:2]:
            raise ValueError(f"speech {s['order']} is for side '{s['side']}', not one of {fmt['sides']}")
        if not is_finite_number(s["minutes"]) or s["minutes"] <= 0:
            raise ValueError(f"speech {s['order']} lasts {s['minutes']} minutes; give a positive number")
    items = {i["item_id"]: i for i in flow["items"]}
    entries = flow["entries"]
    sides: list[str] = []
    seen: set[tuple] = set()
    for k, e in enumerate(entries, 1):
        where = f"flow entry {k}"
        if not is_finite_number(e.get("speech")) or e["speech"] not in speeches:
            raise ValueError(
                f"{where}: speech {e.get('speech')} is not a speech of {fmt['name']} with a side"
            )
        if e.get("item") not in items:
            raise ValueError(f"{where}: unknown argument '{e.get('item')}' for motion {flow['motion_id']}")
        side = SIDES[fmt["sides"].index(speeches[e["speech"]]["side"])]
        item = items[e["item"]]
        if item["side"] != side:
            speech = e["speech"]
            raise ValueError(
                f"{where}: {item['item_id']} is a {item['side']} item but speech {speech} is for the {side}"
            )
        if (e["speech"], e["item"]) in seen:
            raise ValueError(f"{where}: {e['item']} is already in speech {e['speech']}")
        seen.add((e["speech"], e["item"]))
        sides.append(side)
    for k, e in enumerate(entries, 1):
        a = e.get("answers")
        if a is None:
            continue
        target = (a.get("speech"), a.get("item")) if isinstance(a, Mapping) else None
        if target not in seen:
            raise ValueError(f"flow entry {k}: answers an entry that is not on the flow")
        if target[0] >= e["speech"]:
            raise ValueError(f"flow entry {k}: answers speech {target[0]}, which is not an earlier speech")
        if items[target[1]]["side"] == sides[k - 1]:
            raise ValueError(f"flow entry {k}: answers {target[1]}, an argument of its own side")
    times = {}
    for key, value in elapsed.items():
        if not re.fullmatch(r"[0-9]+", str(key)) or int(key) not in speeches:
            raise ValueError(
                f"elapsed names speech {key}, which is not a speech of {fmt['name']} with a side"
            )
        if not is_finite_number(value) or value < 0:
            raise ValueError(f"elapsed time of speech {key} is {value}; give seconds, 0 or more")
        times[int(key)] = value
    return speeches, items, times


def speech_states(fmt: Mapping, flow: Mapping, elapsed: Mapping | None = None) -> list[dict]:
    """Each speech of a side: its length, the seconds used, its timer and the items flowed in it."""
    elapsed = {} if elapsed is None else elapsed
    _, _, times = check_flow(fmt, flow, elapsed)
    out = []
    for s in fmt["speeches"]:
        used = times.get(s["order"], 0)
        entries = [e["item"] for e in flow["entries"] if e["speech"] == s["order"]]
        out.append({"order": s["order"], "speaker": s["speaker"], "side": s["side"], "minutes": s["minutes"],
                    "elapsed": used, **timer(s["minutes"], used), "entries": entries})  # fmt: skip
    return out


def flow_table(fmt: Mapping, flow: Mapping) -> pd.DataFrame:
    """One row per flowed argument: speech, speaker, side, item, claim and what it answers."""
    speeches, items, _ = check_flow(fmt, flow, {})
    rows = []
    for e in sorted(flow["entries"], key=lambda x: x["speech"]):
        s, a = speeches[e["speech"]], e.get("answers")
        rows.append({"speech": e["speech"], "speaker": s["speaker"], "side": s["side"], "item": e["item"],
                     "claim": items[e["item"]]["claim"],
                     "answers": f"{a['item']} (speech {a['speech']})" if a else ""})  # fmt: skip
    return pd.DataFrame(rows, columns=["speech", "speaker", "side", "item", "claim", "answers"])
