"""Evidence-card table widget: every card, filtered by article, stakeholder, kind, topic and words.

The filtering runs in ``cards.js`` (``compute``) so it works on the static book page;
:func:`debatekit.render.card_table.filter_card_ids` is the Python reference it is tested against.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from debatekit.render import card_table

_HERE = Path(__file__).parent


class CardTableWidget(anywidget.AnyWidget):
    """Filters (selects and a search box) over a table of every evidence card, linked to its paragraph."""

    _esm = _HERE / "dist" / "cards.js"
    _css = _HERE / "cards.css"

    rows = traitlets.List(help="card_table.card_rows(): one dict per card").tag(sync=True)
    options = traitlets.Dict(help="filter → [{value, label}] for the selects").tag(sync=True)
    link_template = traitlets.Unicode(card_table.LINK_TEMPLATE).tag(sync=True)
    article = traitlets.Unicode("").tag(sync=True)
    stakeholder = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("").tag(sync=True)
    topic = traitlets.Unicode("").tag(sync=True)
    text = traitlets.Unicode("", help="words that must all occur in the card").tag(sync=True)

    def __init__(self, link_template: str = card_table.LINK_TEMPLATE, *, article: str = "",
                 stakeholder: str = "", kind: str = "", topic: str = "", text: str = ""):  # fmt: skip
        options = card_table.filter_options()
        chosen = {"article": article, "stakeholder": stakeholder, "kind": kind, "topic": topic}
        for name, value in chosen.items():
            known = [o["value"] for o in options[name]]
            if value and value not in known:
                raise ValueError(f"CardTableWidget: unknown {name} {value!r}; choose one of {known}")
        super().__init__(rows=card_table.card_rows(), options=options, link_template=link_template,
                         text=text, **chosen)  # fmt: skip

    @property
    def filters(self) -> dict[str, str]:
        """The current filter values."""
        return {name: getattr(self, name) for name in card_table.FILTERS}

    @property
    def matches(self) -> list[str]:
        """The ids of the cards the table shows now (Python reference, same result as the JS)."""
        return card_table.filter_card_ids(self.rows, self.filters)
