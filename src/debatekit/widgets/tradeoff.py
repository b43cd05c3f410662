"""Trade-off matrix widget: weight sliders, stakeholder lenses, a live ranking and its tipping point.

Everything the reader sees is computed in ``tradeoff.js`` (``compute``, from the shared
``lib/tradeoff_model.mjs``; the class serves their bundle ``dist/tradeoff.js``), so the widget stays
live on the static book; in a kernel, ``ranking`` and ``weights`` give the same state from Python,
computed by :mod:`debatekit.models.tradeoff`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from debatekit.content import evidence, matrices
from debatekit.models import tradeoff
from debatekit.render.links import PARAGRAPH_URL

_HERE = Path(__file__).parent
MY_WEIGHTS = "My weights"


class TradeoffWidget(anywidget.AnyWidget):
    """Sliders for each criterion's weight, a lens picker, a ranking chart and an editable score table."""

    _esm = _HERE / "dist" / "tradeoff.js"
    _css = _HERE / "tradeoff.css"

    title = traitlets.Unicode("Trade-off matrix").tag(sync=True)
    question = traitlets.Unicode("", help="what the matrix helps decide").tag(sync=True)
    note = traitlets.Unicode("", help="where the scores come from").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    criteria = traitlets.List(traitlets.Unicode()).tag(sync=True)
    scores = traitlets.List(traitlets.List(traitlets.Float()), help="rows: options; columns: criteria").tag(
        sync=True
    )
    directions = traitlets.Dict(help="criterion → 'benefit' | 'cost'").tag(sync=True)
    criteria_descriptions = traitlets.Dict().tag(sync=True)
    lenses = traitlets.Dict(help="lens → criterion → weight").tag(sync=True)
    lens_notes = traitlets.Dict(help="lens → why these weights").tag(sync=True)
    lens_labels = traitlets.Dict(help="lens → the name the picker shows (the lens id if absent)").tag(
        sync=True
    )
    citations = traitlets.Dict(help="{'scores': {option: {criterion: [card ids]}}, 'lenses': {...}}").tag(
        sync=True
    )
    score_notes = traitlets.Dict(help="option → criterion → why this score").tag(sync=True)
    cards = traitlets.Dict(help="card id → {paragraph_id, quote, date} for every card cited").tag(sync=True)
    link_template = traitlets.Unicode(
        PARAGRAPH_URL,
        help="link from a card's paragraph id to its reading page; the JS fills {root} with the book's root",
    ).tag(sync=True)
    weights = traitlets.Dict(help="criterion → weight (0–10 on the sliders)").tag(sync=True)
    lens = traitlets.Unicode(MY_WEIGHTS).tag(sync=True)
    justifications = traitlets.List(
        traitlets.Dict(), help="[{option, criterion, from, to, reason}] for each score the reader changed"
    ).tag(sync=True)

    def __init__(
        self,
        scores: pd.DataFrame,
        directions: dict | None = None,
        lenses: dict[str, dict] | None = None,
        *,
        lens: str | None = None,
        weights: dict | None = None,
        **kwargs,
    ):
        tradeoff.check_matrix(scores, directions)
        criteria = list(scores.columns)
        lenses = {name: dict(w) for name, w in (lenses or {}).items()}
        lenses.setdefault(matrices.EQUAL_LENS, dict.fromkeys(criteria, matrices.EQUAL_WEIGHT))
        for name, lens_weights in lenses.items():
            try:
                tradeoff.check_weights(lens_weights, criteria)
            except ValueError as exc:
                raise ValueError(f"lens {name!r}: {exc}") from exc
        if lens is not None and weights is not None:
            raise ValueError("give either a lens or weights, not both")
        if weights is None:
            lens = matrices.EQUAL_LENS if lens is None else lens
            if lens not in lenses:
                raise ValueError(f"unknown lens {lens!r}; lenses are {list(lenses)}")
            weights = lenses[lens]
        super().__init__(
            options=list(scores.index),
            criteria=criteria,
            scores=scores.to_numpy(dtype=float).tolist(),
            directions={c: (directions or {}).get(c, "benefit") for c in criteria},
            lenses=lenses,
            weights=dict(weights),
            lens=lens or MY_WEIGHTS,
            **kwargs,
        )

    @classmethod
    def from_matrix(cls, name: str, lens: str = matrices.EQUAL_LENS, **kwargs) -> TradeoffWidget:
        """The widget for a shipped matrix (see :func:`debatekit.content.matrices.matrices`), under ``lens``.

        Other keyword arguments set traits, e.g. ``link_template`` for pages outside the book root.
        """
        shipped = matrices.matrices()
        if name not in shipped:
            raise ValueError(f"unknown matrix {name!r}; shipped matrices are {list(shipped)}")
        m = shipped[name]
        citations = {
            "scores": {o: {c: m.cards[o, c] for c in m.criteria} for o in m.options},
            "lenses": m.lens_cards,
        }
        score_notes = {o: {c: m.justifications[o, c] for c in m.criteria} for o in m.options}
        cited = sorted(
            {cid for ids in m.cards.values() for cid in ids}
            | {cid for by_crit in m.lens_cards.values() for ids in by_crit.values() for cid in ids}
        )
        cards = {
            cid: {"paragraph_id": c["paragraph_id"], "quote": c["quote"], "date": evidence.date_note(c)}
            for cid, c in ((cid, evidence.card(cid)) for cid in cited)
        }
        return cls(
            m.scores,
            m.directions,
            m.lenses,
            lens=lens,
            title=m.title,
            question=m.question,
            note=m.note,
            criteria_descriptions=m.criteria,
            lens_notes=m.lens_notes,
            lens_labels=m.lens_labels,
            citations=citations,
            score_notes=score_notes,
            cards=cards,
            **kwargs,
        )

    @traitlets.validate("weights")
    def _valid_weights(self, proposal):
        tradeoff.check_weights(proposal["value"], list(self.criteria), allow_all_zero=True)
        return proposal["value"]

    @traitlets.validate("scores")
    def _valid_scores(self, proposal):
        tradeoff.check_matrix(pd.DataFrame(proposal["value"], index=self.options, columns=self.criteria))
        return proposal["value"]

    @traitlets.validate("lens")
    def _valid_lens(self, proposal):
        if proposal["value"] != MY_WEIGHTS and proposal["value"] not in self.lenses:
            raise traitlets.TraitError(
                f"unknown lens {proposal['value']!r}; use one of {[*self.lenses, MY_WEIGHTS]}"
            )
        return proposal["value"]

    @traitlets.observe("lens")
    def _apply_lens(self, change):
        if change["new"] in self.lenses:
            self.weights = dict(self.lenses[change["new"]])

    @traitlets.observe("weights")
    def _leave_lens(self, change):
        if self.lens in self.lenses and change["new"] != self.lenses[self.lens]:
            self.lens = MY_WEIGHTS

    @property
    def score_frame(self) -> pd.DataFrame:
        """The current scores (including the reader's changes) as options × criteria."""
        return pd.DataFrame(
            self.scores,
            index=pd.Index(self.options, name="option"),
            columns=pd.Index(self.criteria, name="criterion"),
        )

    @property
    def ranking(self) -> pd.DataFrame:
        """Score, rank and Pareto status of each option under the current weights, best first."""
        scores = self.score_frame
        out = tradeoff.evaluate(scores, self.weights, self.directions)
        dominated = tradeoff.dominated_by(scores, self.directions)
        out["dominated_by"] = [", ".join(dominated[o]) for o in out.index]
        return out.sort_values("rank", kind="stable")

    @property
    def readout(self) -> str:
        """The tipping-point sentence the widget shows, e.g. "Raise *x* above 6.5 and *b* overtakes *a*."."""
        tp = tradeoff.tipping_points(self.score_frame, self.weights, self.directions)
        return tradeoff.readout(tp, slider_max=10)

    def static_fallback(self):
        """The current ranking as a styled table, for readers without JavaScript."""
        table = self.ranking.reset_index()[["rank", "option", "score", "dominated_by"]]
        table["dominated_by"] = [
            f"dominated by {d}" if d else "on the Pareto frontier" for d in table["dominated_by"]
        ]
        table.columns = ["Rank", "Option", "Score (0–10)", "Pareto"]
        sentence = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(self.readout))
        shown = self.lens_labels.get(self.lens, self.lens)
        caption = f"{html.escape(self.title)}, weighted as: {html.escape(shown)}. {sentence}"
        return (
            table.style.hide(axis="index")
            .format({"Score (0–10)": "{:.2f}"})
            .set_caption(caption)
            .set_table_attributes('class="dk-tradeoff-fallback"')
            # the book theme greys out captions for its own background; follow the table's text colour
            .set_table_styles([{"selector": "caption", "props": "color: inherit; text-align: left;"}])
        )
