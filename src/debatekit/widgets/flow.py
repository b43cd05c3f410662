"""Debate flow sheet and speech timer widget: columns per speech, arguments flowed into them,
rebuttal links, a timer per speech with warnings, and a Markdown export.

The flow, the timers and the Markdown are computed in ``flow.js`` (``compute``), so the widget works
on the static book; in a kernel, ``flow``, ``timers`` and ``markdown`` read the same state, and
:func:`debatekit.render.flow.compute` (over :mod:`debatekit.models.flow`) is the Python reference
the JavaScript is tested against.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from debatekit.content import formats as debate_formats
from debatekit.content import motions as debate_motions
from debatekit.models import flow
from debatekit.render import flow as flow_sheet

_HERE = Path(__file__).parent


class FlowWidget(anywidget.AnyWidget):
    """A flow sheet for one format and motion (both can be changed in the page)."""

    _esm = _HERE / "dist" / "flow.js"
    _css = _HERE / "flow.css"

    formats = traitlets.Dict(help="format id → {format_id, name, sides, speeches}").tag(sync=True)
    motions = traitlets.Dict(help="motion id → {motion_id, text, items}").tag(sync=True)
    format_id = traitlets.Unicode("oxford").tag(sync=True)
    motion_id = traitlets.Unicode().tag(sync=True)
    entries = traitlets.List(traitlets.Dict(), help="[{speech, item, answers: null | {speech, item}}]").tag(
        sync=True
    )
    elapsed = traitlets.Dict(help="speech order (as text) → seconds used; synced when a timer stops").tag(
        sync=True
    )
    markdown = traitlets.Unicode("", help="the last Markdown export").tag(sync=True)

    def __init__(
        self,
        format_id: str = "oxford",
        motion_id: str | None = None,
        entries: list[dict] | None = None,
        **kwargs,
    ):
        formats = {f: flow.flow_format(f) for f in debate_formats.formats()}
        motions = {m.motion_id: flow.flow_motion(m.motion_id) for m in debate_motions.motions()}
        motion_id = motion_id or next(iter(motions))
        if format_id not in formats:
            raise ValueError(f"unknown debate format {format_id!r}; choose one of {sorted(formats)}")
        if motion_id not in motions:
            raise ValueError(f"unknown motion {motion_id!r}; choose one of {sorted(motions)}")
        super().__init__(
            formats=formats,
            motions=motions,
            format_id=format_id,
            motion_id=motion_id,
            entries=list(entries or []),
            **kwargs,
        )

    @traitlets.validate("entries")
    def _valid_entries(self, proposal):
        try:
            flow_sheet.compute(self.formats[self.format_id], self._flow(proposal["value"]), {})
        except ValueError as exc:
            raise traitlets.TraitError(str(exc)) from exc
        return proposal["value"]

    @traitlets.validate("format_id")
    def _valid_format(self, proposal):
        if proposal["value"] not in self.formats:
            raise traitlets.TraitError(
                f"unknown debate format {proposal['value']!r}; choose one of {sorted(self.formats)}"
            )
        return proposal["value"]

    @traitlets.validate("motion_id")
    def _valid_motion(self, proposal):
        if proposal["value"] not in self.motions:
            raise traitlets.TraitError(
                f"unknown motion {proposal['value']!r}; choose one of {sorted(self.motions)}"
            )
        return proposal["value"]

    @traitlets.observe("format_id", "motion_id")
    def _new_setup(self, change):
        """A new format or motion the flow no longer fits starts a new flow, as the page's button does."""
        try:
            flow_sheet.compute(self.formats[self.format_id], self._flow(), self.elapsed)
        except ValueError:
            self.entries, self.elapsed, self.markdown = [], {}, ""

    def _flow(self, entries: list[dict] | None = None) -> dict:
        m = self.motions[self.motion_id]
        chosen = self.entries if entries is None else entries
        return {"motion_id": m["motion_id"], "motion": m["text"], "items": m["items"], "entries": chosen}

    def add(self, speech: int, item: str, answers: tuple[int, str] | None = None) -> None:
        """Flow ``item`` (e.g. "P1" or "P1.r1") into ``speech``, optionally answering (speech, item)."""
        target = None if answers is None else {"speech": answers[0], "item": answers[1]}
        self.entries = [*self.entries, {"speech": speech, "item": item, "answers": target}]

    @property
    def result(self) -> dict:
        """The Python model's result for the current state (the same as the widget's compute())."""
        return flow_sheet.compute(self.formats[self.format_id], self._flow(), self.elapsed)

    @property
    def flow(self) -> pd.DataFrame:
        """One row per flowed argument: speech, speaker, side, item, claim, what it answers."""
        return flow.flow_table(self.formats[self.format_id], self._flow())

    @property
    def timers(self) -> pd.DataFrame:
        """Each speech's time used (as last synced), phase and clock."""
        rows = self.result["speeches"]
        table = pd.DataFrame(rows).set_index("order")
        return table[["speaker", "side", "minutes", "elapsed", "phase", "label", "clock"]]

    def export_markdown(self) -> str:
        """Compute the Markdown export in Python, store it in ``markdown`` and return it."""
        self.markdown = self.result["markdown"]
        return self.markdown

    def static_fallback(self):
        """The flow sheet as a table for readers without JavaScript: a row per speech."""
        fmt = self.formats[self.format_id]
        items = {i["item_id"]: i for i in self._flow()["items"]}
        rows = []
        for s in self.result["speeches"]:
            flowed = []
            for e in (e for e in self.entries if e["speech"] == s["order"]):
                text = f"{e['item']}: {items[e['item']]['claim']}"
                if e.get("answers"):
                    text += f" [answers {e['answers']['item']} in speech {e['answers']['speech']}]"
                flowed.append(text)
            rows.append({"Speech": s["order"], "Speaker": s["speaker"], "Side": s["side"],
                         "Length": flow.format_clock(round(s["minutes"] * 60)),
                         "Flowed": " · ".join(flowed) or "—"})  # fmt: skip
        motion = self.motions[self.motion_id]
        caption = f"Flow sheet, {fmt['name']}: motion {motion['motion_id']}, “{motion['text']}”"
        return (
            pd.DataFrame(rows)
            .style.hide(axis="index")
            .set_caption(caption)
            .set_table_styles([{"selector": "caption", "props": "color: inherit; text-align: left;"}])
            .set_table_attributes('class="dk-flow-fallback"')
        )
