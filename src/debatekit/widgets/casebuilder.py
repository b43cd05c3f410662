"""Case-builder widget: a student's case on a motion, with what a judge would flag, kept in the browser.

The checks are computed in ``casebuilder.js`` (``compute``), which repeats
:func:`debatekit.models.casecheck.check_case`; the widget carries the text of every paragraph so a card's
quote is checked against the paragraph it names. ``case`` holds the case being edited (JSON data,
the same shape as the exported case file that ``debatekit cases`` reads).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from debatekit.content import corpus, evidence, motions
from debatekit.render import handouts
from debatekit.render.links import PARAGRAPH_URL

_HERE = Path(__file__).parent


def motion_choices() -> list[dict]:
    """Each motion with the claims of both sides' kit arguments (the ones a rebuttal answers)."""
    return [
        {
            "motion_id": m.motion_id,
            "text": m.text,
            "arguments": {
                side: [{"number": n, "claim": a.claim} for n, a in enumerate(m.side(side), 1)]
                for side in ("proposition", "opposition")
            },
        }
        for m in motions.motions()
    ]


def kit_cards() -> dict[str, dict]:
    """card id → what the builder shows and checks of a kit card."""
    return {
        c["card_id"]: {
            "paragraph_id": c["paragraph_id"],
            "quote": c["quote"],
            "claim": c["claim"],
            "kind": c["kind"],
        }
        for c in evidence.cards().to_dict("records")
    }


def paragraph_texts() -> dict[str, str]:
    """paragraph id → text, for every paragraph of the readings."""
    return {p.pid: p.text for a in corpus.load_articles() for p in a.paragraphs}


class CaseBuilderWidget(anywidget.AnyWidget):
    """Motion and side, arguments (claim, warrant, impact, cards), rebuttals, findings and exports."""

    _esm = _HERE / "dist" / "casebuilder.js"
    _css = _HERE / "casebuilder.css"

    title = traitlets.Unicode("Case builder").tag(sync=True)
    motions = traitlets.List(traitlets.Dict()).tag(sync=True)
    kit_cards = traitlets.Dict(help="card id → {paragraph_id, quote, claim, kind}").tag(sync=True)
    paragraphs = traitlets.Dict(help="paragraph id → text, to check each card's quote").tag(sync=True)
    link_template = traitlets.Unicode(PARAGRAPH_URL).tag(sync=True)
    print_css = traitlets.Unicode(help="the handouts' print CSS, for the print-ready page").tag(sync=True)
    case = traitlets.Dict(help="the case being edited, as in an exported case file").tag(sync=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("motions", motion_choices())
        kwargs.setdefault("kit_cards", kit_cards())
        kwargs.setdefault("paragraphs", paragraph_texts())
        kwargs.setdefault("print_css", handouts.print_css())
        super().__init__(**kwargs)

    def findings(self) -> list[dict]:
        """What a judge would flag in ``case`` (the Python reference of the widget's checks)."""
        from debatekit.models.casecheck import check_case

        return check_case(self.case, self.paragraphs) if self.case else []
