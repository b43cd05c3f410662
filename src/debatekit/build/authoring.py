"""``debatekit add-article``: a text joins the course with the next id, its metadata stub (every
unknown field ``unknown``), reading page, chapter skeleton, empty question bank and toc entries.

What is written is a template with the shape of each file; the words come from the instructor
and the text, never from the engine.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from debatekit.build.toc import add_to_toc
from debatekit.content import course
from debatekit.content.files import DataError

_ARTICLE_ID = re.compile(r"^a(\d{3})$")
_HEADING_MAX_WORDS = 12

_BANK = """\
# Practice questions on {aid} (`debatekit exercises` writes exercises/{aid}.ipynb once there are some).
# Each question: id ({aid}-q01 ...), type (single | multiple | numeric | ordering | matching |
# citation | weighing | short), points, prompt, the type's fields (choices, items, claims/options,
# candidates, criteria, unit ...), key, feedback, and reread: the paragraph ids to re-read.
assignment: {aid}
title: {title}
mode: practice
intro: Questions on {aid}.
questions: []
"""


def next_article_id(root: Path) -> str:
    """The next free article id of the course at ``root`` (``a000`` for the first)."""
    metas = yaml.safe_load((root / "seeds" / "articles.yml").read_text(encoding="utf-8")) or []
    numbers = [int(m.group(1)) for meta in metas if (m := _ARTICLE_ID.match(str(meta.get("id", ""))))]
    return f"a{max(numbers) + 1 if numbers else 0:03d}"


def _looks_like_title(line: str) -> bool:
    return bool(line) and not line.endswith(tuple('.?!:;"”’)')) and len(line.split()) <= _HEADING_MAX_WORDS


def _metadata_stub(aid: str, file: str, raw: str) -> str:
    first = next((ln.strip() for ln in raw.splitlines() if ln.strip()), "")
    titled = _looks_like_title(first)
    fields = {
        "id": aid,
        "file": file,
        "title": first if titled else "unknown",
        "title_is_descriptive": False,
        "title_source": "first line of the text" if titled else "unknown",
        "genre": "unknown",
        "author": "unknown",
        "outlet": "unknown",
        "date": "unknown",
        "notes": "unknown",
    }
    return yaml.safe_dump([fields], sort_keys=False, allow_unicode=True, width=100)


def _chapter_skeleton(aid: str, title: str) -> dict:
    from debatekit.classroom.install import install_cell

    def md(cid: str, text: str) -> dict:
        return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": text.splitlines(True)}

    def code(cid: str, text: str, tags: list[str]) -> dict:
        return {"cell_type": "code", "execution_count": None, "id": cid, "metadata": {"tags": tags},
                "outputs": [], "source": text.splitlines(True)}  # fmt: skip

    cells = [
        md(
            "title",
            f"(chapter-{aid})=\n# {title} ({aid})\n\nRead [the text](../readings/{aid}.md) first. "
            "The teaching text on this page is ours; the article speaks only in quotation marks "
            "followed by a paragraph link.",
        ),  # fmt: skip
        install_cell(),
        code(
            "about",
            "from IPython.display import Markdown\n\n"
            "from debatekit.render import chapters as chapter_pages\n\n"
            f'Markdown(chapter_pages.about_markdown("{aid}"))',
            ["remove-input"],
        ),  # fmt: skip
        md("search-text", "## Search the text\n\nType a word to see every paragraph that uses it."),
        code(
            "search",
            "from debatekit.widgets import ConcordanceWidget\n\nConcordanceWidget()",
            ["remove-input"],
        ),
    ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def add_article(text_file: Path, root: Path | None = None) -> dict[str, Path]:
    """Add a text to the course: seed, metadata stub, reading page, chapter, empty bank, toc entries.

    The text is copied byte for byte. Returns what was written, by kind.
    """
    from debatekit.content import corpus
    from debatekit.render import readings

    root = Path(root) if root is not None else course.course_root()
    raw_bytes = Path(text_file).read_bytes()
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(str(text_file), None, None, f"not UTF-8 text ({exc}); save it as UTF-8") from exc
    if not raw.strip():
        raise DataError(str(text_file), None, None, "the file is empty")
    seeds = root / "seeds"
    for existing in seeds.glob("*.txt"):
        if existing.read_bytes() == raw_bytes:
            raise FileExistsError(f"{text_file} is already in the course as seeds/{existing.name}")
    aid = next_article_id(root)
    name = f"{aid[1:]}_{hashlib.sha256(raw_bytes).hexdigest()[:16]}.txt"
    seed = seeds / name
    seed.write_bytes(raw_bytes)
    metas = seeds / "articles.yml"
    text = metas.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\[\]\s*$", "", text)
    metas.write_text(text.rstrip("\n") + "\n" + _metadata_stub(aid, name, raw), encoding="utf-8")
    course.use(root)
    art = corpus.article(aid)
    reading = root / "book" / "readings" / f"{aid}.md"
    reading.parent.mkdir(parents=True, exist_ok=True)
    reading.write_text(readings.reading_markdown(art), encoding="utf-8")
    chapter = root / "book" / "chapters" / f"{aid}.ipynb"
    chapter.parent.mkdir(parents=True, exist_ok=True)
    chapter.write_text(json.dumps(_chapter_skeleton(aid, art.title), indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")  # fmt: skip
    bank = root / "data" / "questions" / f"{aid}.yml"
    bank.parent.mkdir(parents=True, exist_ok=True)
    if not bank.exists():
        bank.write_text(_BANK.format(aid=aid, title=json.dumps(f"Exercises on {aid}")), encoding="utf-8")
    add_to_toc(root, "Readings", f"book/readings/{aid}", f"{aid} · {art.title}")
    add_to_toc(root, "Chapters", f"book/chapters/{aid}")
    return {"seed": seed, "metadata": metas, "reading": reading, "chapter": chapter, "bank": bank}


# --- cards suggest -----------------------------------------------------------------------------
