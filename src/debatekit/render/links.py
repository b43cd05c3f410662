"""Links to a paragraph of a reading: the one place that knows where a paragraph's anchor lives.

A page of the book links with MyST (``[a001-p07](#a001-p07)``), which the strict build resolves
across pages, so a broken link fails the build. Widgets and generated notebooks, which cannot
use MyST, link by URL from a template with ``{root}`` (the path from the page to the book's
root), ``{article}`` and ``{pid}``.
"""

from __future__ import annotations

from debatekit.content import corpus

#: Where a paragraph's anchor is, from the book's root.
PARAGRAPH_URL = "{root}book/readings/{article}.html#{pid}"


def article_of(pid: str) -> str:
    """The article a paragraph id belongs to (``a001-p07`` → ``a001``), by the corpus's own id
    pattern (the widgets' ``paragraphHref`` reads the same fixed-width prefix)."""
    match = corpus.PARAGRAPH_ID.match(pid)
    if match is None:
        raise ValueError(f"not a paragraph id: {pid!r} (expected the form aNNN-pNN)")
    return match.group(1)


def anchor_link(pid: str, text: str | None = None) -> str:
    """A MyST link to a paragraph (or any labelled target) that the book resolves across pages."""
    return f"[{text or pid}](#{pid})"


def paragraph_url(pid: str, root: str = "../../", template: str = PARAGRAPH_URL) -> str:
    """The URL of a paragraph's anchor from a page ``root`` below the book's root."""
    return template.replace("{root}", root).replace("{article}", article_of(pid)).replace("{pid}", pid)
