"""Scenario explorer widget: one article's measures and claimed consequences, another's steps to order.

What the reader sees is computed in ``scenarios.js`` (``consequencesInPlay`` and ``compute``), so
the widget stays live on the static book; in a kernel, ``in_play`` and ``unmet`` give the same
results from :mod:`debatekit.models.scenarios`.
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from debatekit.content import evidence
from debatekit.content import scenarios as scenario_data
from debatekit.models import scenarios

_HERE = Path(__file__).parent


def _cards_used(ex: scenario_data.Explorer, seq: scenario_data.Sequencing) -> dict[str, dict]:
    ids = {*ex.premise_cards}
    for group in (ex.scenarios, ex.measures, ex.consequences, seq.steps):
        for x in group:
            ids.update(x.card_ids)
    out = {}
    for cid in sorted(ids):
        c = evidence.card(cid)
        out[cid] = {"quote": c["quote"], "paragraph_id": c["paragraph_id"], "date": evidence.date_note(c)}
    return out


class ScenarioWidget(anywidget.AnyWidget):
    """Measure checkboxes with the consequences they put in play, and a reorderable list of steps."""

    _esm = _HERE / "dist" / "scenarios.js"
    _css = _HERE / "scenarios.css"

    title = traitlets.Unicode().tag(sync=True)
    explorer = traitlets.Dict(help="scenarios, measures, consequences and premise (plain data)").tag(
        sync=True
    )
    steps = traitlets.List(traitlets.Dict(), help="the steps with preconditions and grounds").tag(sync=True)
    phases = traitlets.Dict(help="phase → what the article says about it").tag(sync=True)
    sequencing_note = traitlets.Unicode().tag(sync=True)
    sequencing_article = traitlets.Unicode(help="the article whose steps these are").tag(sync=True)
    sequencing_heading = traitlets.Unicode().tag(sync=True)
    start_note = traitlets.Unicode(help="how the starting order was chosen").tag(sync=True)
    start_order = traitlets.List(traitlets.Unicode()).tag(sync=True)
    cards = traitlets.Dict(help="card id → {quote, paragraph_id, date} for every card cited").tag(sync=True)
    selected = traitlets.List(traitlets.Unicode(), help="the measures the reader chose").tag(sync=True)
    order = traitlets.List(traitlets.Unicode(), help="the reader's order of the steps").tag(sync=True)

    def __init__(self, selected: list[str] | None = None, order: list[str] | None = None, **kwargs):
        ex, seq = scenario_data.explorer(), scenario_data.sequencing()
        kwargs.setdefault("title", f"Scenarios and sequencing ({ex.article} and {seq.article})")
        super().__init__(
            explorer=scenario_data.explorer_data(ex),
            steps=scenario_data.steps_data(seq),
            phases=dict(seq.phases),
            sequencing_note=seq.note,
            sequencing_article=seq.article,
            sequencing_heading=seq.heading,
            start_note=seq.start_note,
            start_order=list(seq.start_order),
            cards=_cards_used(ex, seq),
            selected=list(selected or []),
            order=list(order or seq.start_order),
            **kwargs,
        )

    @traitlets.validate("selected")
    def _valid_selected(self, proposal):
        try:
            scenarios.consequences_in_play(
                proposal["value"], self.explorer["measures"], self.explorer["consequences"]
            )
        except ValueError as exc:
            raise traitlets.TraitError(str(exc)) from exc
        return proposal["value"]

    @traitlets.validate("order")
    def _valid_order(self, proposal):
        try:
            scenarios.unmet_preconditions(proposal["value"], self.steps)
        except ValueError as exc:
            raise traitlets.TraitError(str(exc)) from exc
        return proposal["value"]

    @property
    def unmet(self) -> dict[str, list[str]]:
        """Step id → the preconditions that do not come before it in the current order."""
        return scenarios.unmet_preconditions(self.order, self.steps)["unmet"]

    @property
    def in_play(self) -> pd.DataFrame:
        """Every consequence the article claims, with whether the chosen measures put it in play."""
        return scenarios.in_play(self.selected)

    @property
    def sequence(self) -> pd.DataFrame:
        """The steps in the current order with their phase and unmet preconditions."""
        return scenarios.sequence_table(self.order)

    def static_fallback(self):
        """Two tables for readers without JavaScript: each claimed consequence with the measures
        it depends on, and each step with the steps that must come before it (and why)."""
        from IPython.display import HTML

        labels = {m["measure_id"]: m["label"] for m in self.explorer["measures"]}
        titles = {s["scenario_id"]: s["title"] for s in self.explorer["scenarios"]}
        found = scenarios.consequences_in_play(
            self.selected, self.explorer["measures"], self.explorer["consequences"]
        )
        status = {s["consequence_id"]: s for s in found}
        cons = pd.DataFrame(
            {
                "Scenario": titles[c["scenario"]],
                "Who claims it": c["claimant"],
                "Claim (our paraphrase)": f"{c['claim']} ({', '.join(c['card_ids'])})",
                "In play when chosen": "; ".join(labels[m] for m in c["all_of"]) or "—",
                "…and none of these chosen": "; ".join(labels[m] for m in c["none_of"]) or "—",
                "With the current choice": "in play"
                if status[c["consequence_id"]]["in_play"]
                else "not in play",
            }
            for c in self.explorer["consequences"]
        )
        by_id = {s["step_id"]: s for s in self.steps}
        unmet = self.unmet
        seq = pd.DataFrame(
            {
                "Position": k + 1,
                "Step": by_id[x]["label"],
                "Phase": by_id[x]["phase"],
                "Must come after": "; ".join(
                    f"{by_id[g['precondition']]['label']} ({g['paragraph_id']}: “{g['quote']}”)"
                    for g in by_id[x]["grounds"]
                )
                or "nothing the article states",
                "In this order": "unmet: " + ", ".join(by_id[p]["label"] for p in unmet[x])
                if unmet[x]
                else "met",
            }
            for k, x in enumerate(self.order)
        )
        chosen = html.escape(", ".join(labels[m] for m in self.selected) or "none")
        captions = (
            f"Consequences {html.escape(self.explorer['article'])} states, and the measures they depend on "
            f"(measures chosen: {chosen})",
            f"{html.escape(self.sequencing_article)}'s steps in the current order, with what must come first",
        )
        parts = [f"<p><strong>{html.escape(self.explorer['premise'])}</strong></p>"]
        for table, caption in zip((cons, seq), captions, strict=True):
            text = table.to_html(index=False, classes="dk-scenarios-fallback", border=0)
            caption_tag = f'<caption style="color: inherit; text-align: left">{caption}</caption>'
            parts.append(text.replace("<thead>", f"{caption_tag}<thead>", 1))
        return HTML("\n".join(parts))
