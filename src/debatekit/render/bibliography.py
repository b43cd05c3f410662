"""The bibliography as BibTeX, generated from the seeds so it records only what the texts show.

Two groups of entries: the articles (from ``seeds/articles.yml``; a field the text does not
give is left out and the note says "unknown") and the sources an article cites in its footnotes,
of which the kit knows only the address: the host, the path and any date written in the path. No
title or author is ever typed in. ``book/reference/references.bib`` is this module's output;
``tests/test_book_content.py`` regenerates it and fails if the two drift.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from debatekit.content import corpus

_MONTHS = "January February March April May June July August September October November December".split()
#: A date written in an address: /2025/11/03/ or ...-2025-10-12/ (year, month, day).
_URL_DATE = re.compile(r"(?<!\d)(20\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?!\d)")


def article_key(article_id: str) -> str:
    """The BibTeX key of an article entry (the article id itself)."""
    return article_id


def source_key(article_id: str, number: int) -> str:
    """The BibTeX key of an article's footnote ``number`` (``<article id>-src01``)."""
    return f"{article_id}-src{number:02d}"


def url_date(url: str) -> tuple[int, int, int] | None:
    """The (year, month, day) written in an address, if its path carries one; else None."""
    found = _URL_DATE.search(urlparse(url).path)
    return tuple(int(x) for x in found.groups()) if found else None


def _bibtex_text(text: str) -> str:
    """Plain text made safe for a BibTeX field: braces and LaTeX specials are dropped or escaped."""
    text = " ".join(str(text).split())
    return text.replace("\\", "/").replace("{", "(").replace("}", ")").replace("%", r"\%").replace("$", r"\$")


def _entry(key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body},\n}}\n"


def _author_field(name: str) -> str | None:
    """A named author as BibTeX "Last, First"; None when the text gives none."""
    if name.strip().lower().startswith("unknown"):
        return None
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def article_entry(art: corpus.Article) -> str:
    """The BibTeX entry of one article: a title only if the text has one; the rest in the note."""
    fields: dict[str, str] = {}
    author = _author_field(art.author)
    if author:
        fields["author"] = _bibtex_text(author)
    if not art.title_is_descriptive:
        fields["title"] = "{" + _bibtex_text(art.title) + "}"
    fields["howpublished"] = f"Seed text seeds/{art.file} of this kit; genre: {_bibtex_text(art.genre)}"
    said = []
    if art.title_is_descriptive:
        said.append(f"Untitled in the text; the kit calls it “{_bibtex_text(art.title)}”")
    if not author:
        said.append("Author unknown")
    said.append(f"Outlet: {_bibtex_text(art.outlet)}")
    said.append(f"Date: {_bibtex_text(art.date)}")
    note = ". ".join(said) + f". Kit id {art.id}; {len(art.paragraphs)} paragraphs."
    fields["note"] = note + " Basis: " + _bibtex_text(art.notes)
    return _entry(article_key(art.id), fields)


def source_entry(article_id: str, number: int, url: str, cited_in: list[str]) -> str:
    """The BibTeX entry of one cited source: its address, host and any date in the address."""
    host = urlparse(url).hostname or "unknown host"
    fields = {"howpublished": _bibtex_text(host), "url": url}
    date = url_date(url)
    if date:
        fields["year"] = str(date[0])
        fields["month"] = _MONTHS[date[1] - 1]
    where = ", ".join(cited_in) if cited_in else "no paragraph"
    note = (
        f"Footnote [{number}] of {article_id}, cited in {where}. Title, author and publisher unknown: "
        f"the text gives only the address."
    )
    if date:
        note += f" The address carries the date {date[0]:04d}-{date[1]:02d}-{date[2]:02d}."
    else:
        note += " Date unknown."
    fields["note"] = note
    return _entry(source_key(article_id, number), fields)


def bibtex() -> str:
    """The whole bibliography: the articles in id order, then each one's footnoted sources in order."""
    chunks = ["% Generated from seeds/ by `debatekit bibliography`; do not edit by hand.\n"]
    for art in corpus.load_articles():
        chunks.append(article_entry(art))
    for citing in corpus.load_articles():
        for number, url in sorted(citing.references.items()):
            cited_in = [p.pid for p in citing.paragraphs if number in p.footnotes]
            chunks.append(source_entry(citing.id, number, url, cited_in))
    return "\n".join(chunks)


def write_bibliography(path: Path) -> Path:
    """Write :func:`bibtex` to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bibtex(), encoding="utf-8")
    return path
