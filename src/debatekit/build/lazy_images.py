"""Sphinx extension: images load lazily (``loading="lazy"``).

A chapter's charts sit above its trade-off widget; fetched lazily they no longer compete for the
reader's bandwidth with the scripts and state the widget needs (issue on speed). Alt text is kept.
"""

from __future__ import annotations

from docutils import nodes


def _lazy_images(app, doctree: nodes.document, docname: str) -> None:
    for image in doctree.findall(nodes.image):
        image.setdefault("loading", "lazy")


def setup(app) -> dict:
    app.connect("doctree-resolved", _lazy_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
