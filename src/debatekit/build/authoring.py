"""Starting and growing a course: ``new-course``, ``add-article`` and ``cards suggest``.

Everything written here is a template with the shape of each course file (comments show every
field); the words of a course come from its instructor and its texts, never from the engine.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import yaml

from debatekit.content import course
from debatekit.content.files import DataError

#: Parts of the table of contents the commands fill, in the order they appear.
TOC_PARTS = ("Readings", "Chapters", "Exercises")
_ARTICLE_ID = re.compile(r"^a(\d{3})$")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_NUMBER = re.compile(
    r"(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|trillion))?"
)
_HEADING_MAX_WORDS = 12

_CONFIG = """\
# Jupyter Book 1.x configuration of this course (written by `debatekit new-course`).
title: {title}
author: unknown
copyright: ""
only_build_toc_files: true
exclude_patterns: [_build, .venv, node_modules, "**.ipynb_checkpoints", seeds, data, assets, README.md]

execute:
  execute_notebooks: cache
  timeout: 120
  allow_errors: false

parse:
  myst_enable_extensions: [colon_fence, attrs_inline, deflist, substitution, linkify]
  myst_heading_anchors: 3

html:
  use_repository_button: false
  use_issues_button: false
  use_edit_page_button: false

repository:
  url: ""
  path_to_book: ""
  branch: main

sphinx:
  config:
    extensions:
      - sphinx_togglebutton
      - sphinx_copybutton
      - myst_nb
      - jupyter_book
      - sphinx_comments
      - sphinx_external_toc
      - sphinx_design
      - sphinx_book_theme
      - debatekit.build.lazy_images
    myst_footnote_transition: false
    html_context:
      default_mode: auto
    html_favicon: assets/favicon.svg
    html_extra_path: [assets/root]
    html_static_path: [assets]
    html_css_files: [debatekit.css, workshop.css]
    html_js_files: [debatekit.js, workshop.js]
    html_last_updated_fmt: ""
    # mystnb.unknown_mime_type: the answer records (application/vnd.debatekit.*+json) are data for
    # the kernel and the grader, shown on the page by their text/html part.
    suppress_warnings: [myst.header, mystnb.unknown_mime_type]
    # The widget scripts are served from the book itself (`debatekit assets --course DIR`): the kit's
    # loader mounts anywidgets, and loads require.js and html-manager only for other widgets.
    nb_ipywidgets_js:
      widget-loader.js:
        loading_method: defer
        fetchpriority: high
    html_theme_options:
      use_download_button: true
      launch_buttons:
        notebook_interface: jupyterlab
        binderhub_url: ""
        jupyterhub_url: ""
        colab_url: ""
"""

_INTRO = """\
# {title}

This book is a course built with debatekit. Add a text with `debatekit add-article FILE.txt`;
its reading page and a chapter appear in the table of contents.
"""

#: Each data file a new course starts with: a comment showing every field, and an empty value.
TEMPLATES: dict[str, str] = {
    "seeds/articles.yml": """\
# The course's texts, one entry per file in seeds/ (`debatekit add-article FILE.txt` adds one).
# Every field is taken from the text itself; where the text does not say, write unknown.
# - id: aNNN                     the next free id: "a" and three digits, counting from zero
#   file: 000_<hash>.txt         the seed file, copied byte for byte
#   title: unknown               the text's own title, or one we wrote (then title_is_descriptive: true)
#   title_is_descriptive: false
#   title_source: unknown        "first line of the text", "last line of the text" or where it comes from
#   genre: unknown
#   author: unknown
#   outlet: unknown
#   date: unknown
#   notes: unknown               our note on what the text says about itself
#   wrapped: false               true when the text is hard-wrapped (short lines end paragraphs)
""",
    "data/cards.yml": """\
# Evidence cards: one debatable claim each, from one paragraph (`debatekit cards suggest aNNN-p01`).
# - card_id: aNNN-c01            article id, then c and a number in reading order; never renumber
#   paragraph_id: aNNN-p01
#   quote: "..."                 the text's words, verbatim from the paragraph
#   claim: "..."                 OUR one-sentence paraphrase
#   kind: fact                   fact | figure | forecast | recommendation | value judgement
#   stakeholders: [...]          who the claim concerns
#   topics: [...]                from the controlled topic list
#   value: 5                     figure cards only: value and unit (or low and high)
#   unit: "..."
#   as_of: "..."                 only where the text dates it
[]
""",
    "data/links.yml": """\
# Cross-article links: where two texts agree, disagree or update each other.
# - link_id: l01
#   relation: agree              agree | disagree | update
#   topic: ...
#   summary: "..."               ours
#   side_a: {article: aNNN, cards: [aNNN-c01]}
#   side_b: {article: aMMM, cards: [aMMM-c02]}
[]
""",
    "data/motions.yml": """\
# Motions, each with a proposition and an opposition case of equal size (checked).
# - motion_id: m01
#   text: This House would ...
#   context: >-                  two or three neutral sentences (ours)
#   articles: [aNNN, aMMM]       exactly the articles whose cards the cases cite
#   proposition:                 at least 3 arguments, as many as the opposition, citing as many cards
#     - claim: ...
#       warrant: ...             what the cited cards say, naming the article
#       impact: ...
#       card_ids: [aNNN-c01]
#       rebuttals: [{text: ..., card_ids: [aMMM-c01]}]
#       impact_tags: {magnitude: high, probability: medium, timeframe: short, reversibility: partly}
#   opposition: [...]
[]
""",
    "data/matrices.yml": """\
# Decision matrices for the trade-off widget. The scores are ours (0-10), each citing cards.
# matrices:
#   name:
#     title: ...
#     question: ...?
#     articles: [aNNN, aMMM]     cited cards come from these
#     note: ...                  says the scores are ours
#     criteria: {criterion: {direction: benefit | cost, description: ...}}
#     options: {option: one-line description}
#     scores: {option: {criterion: {score: 0-10, cards: [aNNN-c01], why: ...}}}
#     lenses: {stakeholder: {why: ..., weights: {criterion: {weight: 0-10, cards: [...]}},
#              stakeholders: [names on cards; default the lens's name]}}
matrices: {}
""",
    "data/vocabulary.yml": """\
# The course's vocabulary: what cards, links and lenses may name, and the words students see.
#   stakeholders  id used on cards: the name pages display   (for example  City: the city council)
#   topics        the controlled topic list: id: what it covers (every card and link uses these ids)
#   kinds         kinds of claim: the test a reader applies (the five ids are the engine's; reword freely)
#   relations     how two articles' cards can relate on a link (the three ids are the engine's)
stakeholders: {}
topics: {}
kinds:
  fact: says what happened or what is the case; checkable in principle
  figure: a fact or estimate stated as a number (value and unit recorded)
  forecast: says what will, would or could happen (a forecast stated as a number records it too)
  recommendation: says what someone should do
  value judgement: 'evaluates: good or bad, right or wrong, succeeded or failed, matters more or less'
relations:
  agree: the articles make the same or a compatible claim
  disagree: the articles make claims that cannot both hold, or argue for opposite courses
  update: a later article reports a development that changes the earlier picture
""",
    "data/glossary.yml": """\
# Glossary: - {term: ..., definition: ... (ours), aliases: [...], paragraph_ids: [...], card_ids: [...]}
[]
""",
    "data/noise.yml": """\
# Scraping noise removed from a seed, recorded on its reading page:
# aNNN: [{text: "exact text to remove", reason: why it is not part of the article}]
{}
""",
}

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


def _kit_assets() -> Path | None:
    """The book assets (CSS, scripts, icons) of the course the engine came with, if any."""
    for candidate in (course.ENGINE / course.BUNDLE, course._checkout()):
        if candidate is not None and (candidate / "assets" / "widget-paths.js").is_file():
            return candidate / "assets"
    return None


def new_course(folder: Path, title: str = "A debatekit course") -> list[Path]:
    """Write a minimal course into ``folder`` (which must be empty or absent); return the files."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty; new-course writes into a new or empty folder")
    files = {
        "_config.yml": _CONFIG.format(title=json.dumps(title)),
        "_toc.yml": "# Table of contents (Jupyter Book 1.x); add-article adds readings and chapters.\n"
        "format: jb-book\nroot: book/intro\n",
        "book/intro.md": _INTRO.format(title=title),
        **TEMPLATES,
    }
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "data" / "questions").mkdir(parents=True, exist_ok=True)
    assets = _kit_assets()
    if assets is not None:
        for src in assets.rglob("*"):
            if src.is_file() and "npm" not in src.relative_to(assets).parts:
                dest = folder / "assets" / src.relative_to(assets)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
                written.append(dest)
    return written


# --- the table of contents ---------------------------------------------------------------------


def toc_pages(toc: object) -> list[str]:
    """Every page a parsed ``_toc.yml`` names (its ``root`` and each ``file``), in document order."""
    found: list[str] = []
    if isinstance(toc, dict):
        for key, value in toc.items():
            if key in ("file", "root") and isinstance(value, str):
                found.append(value)
            else:
                found += toc_pages(value)
    elif isinstance(toc, list):
        for item in toc:
            found += toc_pages(item)
    return found


def add_to_toc(root: Path, caption: str, file: str, title: str | None = None) -> bool:
    """Add ``file`` (no suffix) to the part ``caption`` of ``root/_toc.yml``; False if already there."""
    path = root / "_toc.yml"
    text = path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    toc = yaml.safe_load(text) or {}
    parts = toc.setdefault("parts", [])
    if file in toc_pages(toc):
        return False
    part = next((p for p in parts if p.get("caption") == caption), None)
    if part is None:
        part = {"caption": caption, "chapters": []}
        rank = TOC_PARTS.index(caption) if caption in TOC_PARTS else len(TOC_PARTS)
        at = next(
            (i for i, p in enumerate(parts) if p.get("caption") in TOC_PARTS
             and TOC_PARTS.index(p["caption"]) > rank), len(parts),
        )  # fmt: skip
        parts.insert(at, part)
    entry = {"file": file} if title is None else {"file": file, "title": title}
    part["chapters"].append(entry)
    path.write_text(header + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return True


# --- add-article -------------------------------------------------------------------------------


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
        md("title", f"(chapter-{aid})=\n# {title} ({aid})\n\nRead [the text](../readings/{aid}.md) first. "
                    "The teaching text on this page is ours; the article speaks only in quotation marks "
                    "followed by a paragraph link."),  # fmt: skip
        install_cell(),
        code("about", "from IPython.display import Markdown\n\n"
                      "from debatekit.render import chapters as chapter_pages\n\n"
                      f'Markdown(chapter_pages.about_markdown("{aid}"))', ["remove-input"]),  # fmt: skip
        md("search-text", "## Search the text\n\nType a word to see every paragraph that uses it."),
        code("search", "from debatekit.widgets import ConcordanceWidget\n\nConcordanceWidget()",
             ["remove-input"]),
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


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it."""
    out, start = [], 0
    for m in _SENTENCE.finditer(text):
        out.append(text[start : m.start() + len(m.group(0).rstrip())].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def suggest_cards(pid: str) -> str:
    """The paragraph's sentences as card entries in cards.yml form, quotes verbatim by construction.

    A sentence with figures is suggested as a ``figure`` card with its first number as the value;
    everything we cannot know (the claim, stakeholders, topics) is left for the instructor.
    """
    from debatekit.content import corpus, evidence

    para = corpus.paragraph(pid)
    ids = [c for c in evidence.cards()["card_id"] if c.startswith(para.article_id + "-c")]
    number = max((int(c.rsplit("-c", 1)[1]) for c in ids), default=0)
    entries = []
    for sentence in sentences(para.text):
        number += 1
        figures = _NUMBER.findall(sentence)
        rec: dict = {
            "card_id": f"{para.article_id}-c{number:02d}",
            "paragraph_id": pid,
            "quote": sentence,
            "claim": "(our one-sentence paraphrase)",
            "kind": "figure" if figures else "fact",
            "stakeholders": [],
            "topics": [],
        }
        if figures:
            value = re.sub(r"[^\d.]", "", figures[0])
            rec["value"] = float(value) if "." in value else int(value)
            rec["unit"] = "(as stated: " + ", ".join(figures) + ")"
        entries.append(rec)
    head = f"# Suggested cards from {pid}: keep the ones worth debating, write each claim, then check.\n"
    return head + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000)
