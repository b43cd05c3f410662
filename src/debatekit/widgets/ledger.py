"""Stakeholder ledger widget: rate an article's gains and risks, see each stakeholder's net balance.

The balance the reader sees is computed in ``ledger.js`` (``compute``), so the widget stays live on
the static book; in a kernel, ``balance`` gives the same numbers from :mod:`debatekit.models.ledger`.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from debatekit.content import evidence
from debatekit.models import ledger

_HERE = Path(__file__).parent
#: Okabe–Ito: gains blue, risks vermillion (hatched), net in black.
GAIN_COLOUR, RISK_COLOUR, NET_COLOUR = "#0072B2", "#D55E00", "#000000"


class LedgerWidget(anywidget.AnyWidget):
    """Weight and likelihood sliders for every item, a diverging balance chart and a spoken summary."""

    _esm = _HERE / "dist" / "ledger.js"
    _css = _HERE / "ledger.css"

    title = traitlets.Unicode().tag(sync=True)
    article = traitlets.Unicode(help="the article whose gains and risks these are").tag(sync=True)
    items = traitlets.List(traitlets.Dict(), help="the ledger items, with their cards' quotes").tag(sync=True)
    stakeholders = traitlets.List(traitlets.Unicode()).tag(sync=True)
    names = traitlets.Dict(help="stakeholder id → display name").tag(sync=True)
    ratings = traitlets.Dict(
        help="item id → {weight: 0–5, likelihood: 0–1}; unrated items keep defaults"
    ).tag(sync=True)

    def __init__(self, ratings: dict | None = None, book: ledger.Ledger | None = None, **kwargs):
        book = book or ledger.ledger()
        items = []
        for x in book.items:
            cards = [evidence.card(c) for c in x.card_ids]
            items.append({**x.as_dict(), "quotes": [c["quote"] for c in cards],
                          "dates": [evidence.date_note(c) for c in cards]})  # fmt: skip
        kwargs.setdefault("title", f"Stakeholder ledger: what each side gains and risks ({book.article})")
        super().__init__(
            article=book.article,
            items=items,
            stakeholders=list(book.stakeholders),
            names={s: evidence.STAKEHOLDERS[s] for s in book.stakeholders},
            ratings=dict(ratings or {}),
            **kwargs,
        )

    @traitlets.validate("ratings")
    def _valid_ratings(self, proposal):
        try:
            ledger.compute(self.items, proposal["value"])
        except ValueError as exc:
            raise traitlets.TraitError(str(exc)) from exc
        return proposal["value"]

    @property
    def result(self) -> dict:
        """The Python model's result for the current ratings (the same as the widget's compute())."""
        return ledger.compute(self.items, self.ratings)

    @property
    def balance(self) -> pd.DataFrame:
        """Each stakeholder's gains, risks, net balance and verdict under the current ratings."""
        table = pd.DataFrame(self.result["stakeholders"]).set_index("stakeholder")
        return table[["gains", "risks", "net", "verdict", "summary"]]

    @property
    def item_table(self) -> pd.DataFrame:
        """Every item with its current weight, likelihood and weight × likelihood."""
        rated = pd.DataFrame(self.result["items"]).set_index("item_id")
        meta = pd.DataFrame(self.items).set_index("item_id")[["stakeholder", "kind", "label", "card_ids"]]
        return meta.join(rated)

    def static_fallback(self):
        """The balance as a matplotlib figure: hatched risks left of zero, solid gains right, net below.

        Returns the figure (made with pyplot, so ``plt.show()`` draws it once in a notebook).
        """
        import matplotlib.pyplot as plt

        rows = self.result["stakeholders"][::-1]  # first stakeholder at the top
        labels = [self.names.get(r["stakeholder"], r["stakeholder"]) for r in rows]
        ys = range(len(rows))
        fig, ax = plt.subplots(figsize=(8, 0.9 * len(rows) + 1.4))
        gains = ax.barh([y + 0.18 for y in ys], [r["gains"] for r in rows], height=0.32, color=GAIN_COLOUR,
                        edgecolor="black", label="gains (+)")  # fmt: skip
        risks = ax.barh([y + 0.18 for y in ys], [-r["risks"] for r in rows], height=0.32, color="white",
                        edgecolor=RISK_COLOUR, hatch="///", label="risks (−)")  # fmt: skip
        net = ax.barh([y - 0.2 for y in ys], [r["net"] for r in rows], height=0.2, color=NET_COLOUR,
                      label="net = gains − risks")  # fmt: skip
        for bars, values, prefix in ((gains, [r["gains"] for r in rows], ""),
                                     (risks, [-r["risks"] for r in rows], ""),
                                     (net, [r["net"] for r in rows], "net ")):  # fmt: skip
            texts = [prefix + ledger.format_amount(v) for v in values]
            ax.bar_label(bars, labels=texts, padding=3, fontsize=9)
        ax.axvline(0, color="black", linewidth=1)
        ax.set_yticks(list(ys), labels)
        top = max([5.0] + [max(r["gains"], r["risks"]) for r in rows])
        ax.set_xlim(-top * 1.25, top * 1.25)
        ax.set_xlabel("weight × likelihood (risks to the left, gains to the right)")
        ax.set_title(
            f"Net balance of gains and risks by stakeholder ({self.article}; starting ratings are ours)"
        )
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize="small", frameon=False)
        fig.tight_layout()
        return fig
