"""The reading pages (``book/readings/aNNN.md``): every block of an article with its anchor.

The pages are checked in so the book's sources are plain MyST; ``tests/test_readings.py``
regenerates them and fails if they drift from the seeds.
"""

from __future__ import annotations

import html
from pathlib import Path

from debatekit.content import corpus, sources
from debatekit.content.files import data_path
from debatekit.render import sources as source_pages
from debatekit.render.links import anchor_link
from debatekit.render.markdown import escape_markdown


def _paragraph_markdown(p: corpus.Paragraph) -> str:
    body = escape_markdown(p.text)
    for mark in p.footnotes:
        body = body.replace(rf"\[{mark}\]", f"[^{p.article_id}-{mark}]", 1)
    return f"({p.pid})=\n{anchor_link(p.pid, str(p.number))}{{.para-num}} {body}\n"


def _cutter_marker(art: corpus.Article) -> str:
    """The element the card cutter (``assets/workshop/cutter.mjs``) starts from, with the article's
    id, title and date (as the metadata gives them) for the cards a student cuts."""
    attrs = {"article": art.id, "title": art.title, "date": art.date}
    data = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f'<div class="dk-cutter" data-dk-workshop="cutter" {data}></div>'


def reading_markdown(art: corpus.Article) -> str:
    """The MyST source of one article's reading page: metadata, then every block with its anchor."""
    title = escape_markdown(art.title)
    descriptive = ""
    if art.title_is_descriptive:
        descriptive = " (a descriptive title written for this kit; the text has none)"
    lines = [
        "<!-- Generated from seeds/ by `debatekit readings`; do not edit by hand. -->",
        f"(reading-{art.id})=",
        f"# {title}",
        "",
        ":::{admonition} About this text",
        ":class: note",
        "",
        f"- **Kit id:** `{art.id}` · **source file:** `seeds/{art.file}`",
        f"- **Title:** {title}{descriptive}",
        f"- **Author:** {escape_markdown(art.author)} · **Outlet:** {escape_markdown(art.outlet)}"
        f" · **Date:** {escape_markdown(art.date)} · **Genre:** {escape_markdown(art.genre)}",
        f"- **Notes (ours):** {escape_markdown(art.notes)}",
        f"- **Paragraphs:** {len(art.paragraphs)}, numbered in the margin; link to one with "
        f"`#{art.id}-p01` … `#{art.id}-p{len(art.paragraphs):02d}`.",
        ":::",
        "",
        _cutter_marker(art),
        "",
    ]
    lines += _source_profile_lines(art.id)
    if art.dropped:
        removed = "; ".join(f"“{escape_markdown(d.text)}” ({d.reason})" for d in art.dropped)
        lines += [f"*Removed from the scraped text as noise:* {removed}.", ""]
    for block in art.blocks:
        if isinstance(block, corpus.Heading):
            lines += [f"{'#' * block.level} {escape_markdown(block.text)}", ""]
        else:
            lines += [_paragraph_markdown(block)]
    if art.references:
        lines += ["## References", ""]
        lines += [f"[^{art.id}-{n}]: <{url}>" for n, url in sorted(art.references.items())]
        lines.append("")
    return "\n".join(lines)


def _source_profile_lines(article_id: str) -> list[str]:
    """The article's source profile (``sources.yml``) as a dropdown, when the course has one."""
    if not data_path(sources.SOURCES_FILE).exists() or article_id not in sources.sources().profiles:
        return []
    lines = [source_pages.profile_dropdown(article_id), ""]
    guide = sources.sources().guide
    if guide is not None:
        lines += [f"How to read a profile: {anchor_link(guide[0], escape_markdown(guide[1]))}.", ""]
    return lines


def write_readings(dest: Path) -> list[Path]:
    """Write every reading page into ``dest`` and return the paths written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for art in corpus.load_articles():
        path = dest / f"{art.id}.md"
        path.write_text(reading_markdown(art), encoding="utf-8")
        written.append(path)
    return written
