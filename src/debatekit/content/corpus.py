"""The course's seed articles as structured text: headings and paragraphs with stable ids.

Paragraph ids (``a001-p07``) are the anchors every card, question and figure cites, so the
parsing rules here are deliberately simple and deterministic: one non-empty line is one block
(except a seed whose metadata says ``wrapped: true``, whose hard-wrapped lines are joined), and
scraping noise listed in ``data/noise.yml`` is removed and recorded rather than silently lost.
The articles are those ``seeds/articles.yml`` of the course in use lists (:mod:`debatekit.content.course`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from debatekit.content.files import data_path, load_yaml

PARAGRAPH_ID = re.compile(r"^(a\d{3})-p(\d{2})$")
_FOOTNOTE_MARKER = re.compile(r"\[(\d{1,2})\]")
_REFERENCE_LINE = re.compile(r"^\[(\d{1,2})\]\s+(\S+)$")
_SENTENCE_END = tuple('.?!:;"”’)')
_HEADING_MAX_WORDS = 12
#: A wrapped seed's lines run to about 120 characters; a shorter line ends a paragraph.
_WRAP_PARAGRAPH_END = 80


class CorpusError(LookupError):
    """An id that names no article or paragraph, or a seed that cannot be read."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article, addressed by ``pid`` (``a001-p07``)."""

    pid: str
    article_id: str
    number: int
    text: str
    section: str | None
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A heading line; ``level`` is 2 or 3 (the article title is the page's level 1)."""

    hid: str
    article_id: str
    text: str
    level: int


@dataclass(frozen=True)
class Dropped:
    """Text removed from a seed as noise, with the reason and the line it came from."""

    article_id: str
    text: str
    reason: str
    line: int


@dataclass(frozen=True)
class Article:
    """An article: metadata from ``seeds/articles.yml`` plus its parsed blocks."""

    id: str
    file: str
    title: str
    title_is_descriptive: bool
    title_source: str
    genre: str
    author: str
    outlet: str
    date: str
    notes: str
    raw: str
    title_line: str | None
    blocks: tuple[Heading | Paragraph, ...]
    references: dict[int, str] = field(default_factory=dict)
    dropped: tuple[Dropped, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def headings(self) -> tuple[Heading, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Heading))

    def paragraph(self, number: int) -> Paragraph:
        return paragraph(f"{self.id}-p{number:02d}")


def seeds_dir() -> Path:
    """The course's ``seeds/`` folder (see :func:`debatekit.content.course.course_root`)."""
    from debatekit.content.course import Course

    return Course.current().seeds


def _noise() -> dict[str, list[dict]]:
    path = data_path("noise.yml")
    return (load_yaml(path) or {}) if path.exists() else {}


def _is_heading(line: str) -> bool:
    return not line.endswith(_SENTENCE_END) and len(line.split()) <= _HEADING_MAX_WORDS


def _strip_noise(article_id: str, lines: list[str], noise: list[dict]) -> tuple[list[str], list[Dropped]]:
    """Remove each listed noise string from the lines it occurs in; record where it was."""
    dropped: list[Dropped] = []
    kept = list(lines)
    for entry in noise:
        target, reason = entry["text"], entry["reason"]
        found = False
        for i, line in enumerate(kept):
            if target in line:
                kept[i] = line.replace(target, " ").strip()
                dropped.append(Dropped(article_id, target, reason, i + 1))
                found = True
        if not found:
            raise CorpusError(f"noise.yml: {article_id}: text {target!r} does not occur in the seed")
    return kept, dropped


def _join_wrapped(raw: str) -> list[str]:
    """Join a hard-wrapped text into one line per paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in (ln.strip() for ln in raw.splitlines()):
        if not line:
            continue
        current.append(line)
        if len(line) < _WRAP_PARAGRAPH_END:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _split_title(meta: dict, lines: list[str]) -> tuple[str | None, list[str]]:
    source = meta.get("title_source", "")
    if source.startswith("first line"):
        return lines[0], lines[1:]
    if source.startswith("last line"):
        return lines[-1], lines[:-1]
    return None, lines


def _parse(meta: dict, raw: str, noise: list[dict]) -> Article:
    aid = meta["id"]
    if meta.get("wrapped"):
        lines = _join_wrapped(raw)
    else:
        lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
    lines, dropped = _strip_noise(aid, lines, noise)
    lines = [normalise_space(ln) for ln in lines if ln.strip()]
    title_line, lines = _split_title(meta, lines)

    references: dict[int, str] = {}
    body: list[str] = []
    for line in lines:
        ref = _REFERENCE_LINE.match(line)
        if ref:
            references[int(ref.group(1))] = ref.group(2)
        else:
            body.append(line)

    blocks: list[Heading | Paragraph] = []
    section: str | None = None
    seen_top_level = False
    n_par = n_head = 0
    for i, line in enumerate(body):
        if _is_heading(line):
            n_head += 1
            next_is_heading = i + 1 < len(body) and _is_heading(body[i + 1])
            level = 2 if (next_is_heading or not seen_top_level) else 3
            seen_top_level = seen_top_level or next_is_heading
            blocks.append(Heading(f"{aid}-h{n_head:02d}", aid, line, level))
            section = line
        else:
            n_par += 1
            marks = tuple(int(m) for m in _FOOTNOTE_MARKER.findall(line)) if references else ()
            blocks.append(Paragraph(f"{aid}-p{n_par:02d}", aid, n_par, line, section, marks))

    missing = {m for b in blocks if isinstance(b, Paragraph) for m in b.footnotes} - set(references)
    if missing:
        raise CorpusError(f"{meta['file']}: footnote markers {sorted(missing)} have no reference")

    names = ("title_source", "genre", "author", "outlet", "date", "notes")
    fields = {k: meta.get(k, "unknown") for k in names}
    return Article(
        id=aid,
        file=meta["file"],
        title=meta["title"],
        title_is_descriptive=bool(meta.get("title_is_descriptive", False)),
        raw=raw,
        title_line=title_line,
        blocks=tuple(blocks),
        references=references,
        dropped=tuple(dropped),
        **{k: str(v).strip() for k, v in fields.items()},
    )


@cache
def load_articles() -> tuple[Article, ...]:
    """Parse every seed listed in ``seeds/articles.yml``, in id order."""
    folder = seeds_dir()
    metas = yaml.safe_load((folder / "articles.yml").read_text(encoding="utf-8")) or []
    noise = _noise()
    articles = []
    for meta in metas:
        path = folder / meta["file"]
        if not path.exists():
            raise CorpusError(f"articles.yml: {meta['id']}: seed file {path} is missing")
        articles.append(_parse(meta, path.read_text(encoding="utf-8"), noise.get(meta["id"], [])))
    return tuple(sorted(articles, key=lambda a: a.id))


def article(article_id: str) -> Article:
    """The article with this id (``a000``)."""
    for art in load_articles():
        if art.id == article_id:
            return art
    raise CorpusError(f"no article {article_id!r}; known ids: {', '.join(article_ids())}")


def article_ids() -> tuple[str, ...]:
    """The ids of the course's articles, in order (``a000``, ``a001``, ...)."""
    return tuple(a.id for a in load_articles())


def __getattr__(name: str):
    # ``corpus.ARTICLE_IDS`` is the course's article ids, read when asked (the course may change).
    if name == "ARTICLE_IDS":
        return article_ids()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _paragraph_index() -> dict[str, Paragraph]:
    return {p.pid: p for a in load_articles() for p in a.paragraphs}


def paragraph(pid: str) -> Paragraph:
    """The paragraph with this id (``a001-p07``)."""
    found = _paragraph_index().get(pid)
    if found is None:
        if not PARAGRAPH_ID.match(pid):
            raise CorpusError(
                f"{pid!r} is not a paragraph id; expected the form aNNN-pNN (article id, paragraph number)"
            )
        last = len(article(pid[:4]).paragraphs)
        raise CorpusError(f"no paragraph {pid!r}; {pid[:4]} has paragraphs p01-p{last:02d}")
    return found


def paragraph_ids() -> list[str]:
    """Every paragraph id in the corpus, in reading order."""
    return list(_paragraph_index())


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space: how quotes are compared with the seeds."""
    return " ".join(text.split())


def concordance(term: str, width: int = 60) -> list[dict]:
    """Every paragraph mentioning ``term`` (case-insensitive), with a snippet around the first hit.

    The reference for the concordance widget's JavaScript ``compute()``.
    """
    needle = term.strip().lower()
    if not needle:
        return []
    hits = []
    for a in load_articles():
        for p in a.paragraphs:
            low = p.text.lower()
            at = low.find(needle)
            if at < 0:
                continue
            start, end = max(0, at - width), min(len(p.text), at + len(needle) + width)
            hits.append(
                {
                    "pid": p.pid,
                    "count": low.count(needle),
                    "before": ("…" if start else "") + p.text[start:at],
                    "match": p.text[at : at + len(needle)],
                    "after": p.text[at + len(needle) : end] + ("…" if end < len(p.text) else ""),
                }
            )
    return hits
