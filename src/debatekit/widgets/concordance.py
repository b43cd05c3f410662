"""Concordance widget: type a word, see every paragraph of the course's texts that uses it.

The search runs in ``concordance.js`` (``compute``) so it works on the static book page;
``debatekit.content.corpus.concordance`` is the Python reference it is tested against.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from debatekit.content import corpus
from debatekit.render.links import PARAGRAPH_URL

_HERE = Path(__file__).parent


class ConcordanceWidget(anywidget.AnyWidget):
    """A search box over every paragraph, with links to the paragraph anchors in the readings."""

    _esm = _HERE / "dist" / "concordance.js"
    _css = _HERE / "concordance.css"

    paragraphs = traitlets.List(help="[{pid, article_id, text}] searched by the widget").tag(sync=True)
    term = traitlets.Unicode("", help="the word or phrase searched for").tag(sync=True)
    link_template = traitlets.Unicode(
        PARAGRAPH_URL, help="where a hit links to; the JavaScript fills {root} with the book's root"
    ).tag(sync=True)
    width = traitlets.Int(60, help="characters of context shown either side of a hit").tag(sync=True)

    def __init__(self, term: str = "", link_template: str = PARAGRAPH_URL, **kwargs):
        paragraphs = [
            {"pid": p.pid, "article_id": p.article_id, "text": p.text}
            for art in corpus.load_articles()
            for p in art.paragraphs
        ]
        super().__init__(paragraphs=paragraphs, term=term, link_template=link_template, **kwargs)

    @property
    def hits(self) -> list[dict]:
        """The current matches, computed by the Python reference (same result as the JS)."""
        return corpus.concordance(self.term, self.width)
