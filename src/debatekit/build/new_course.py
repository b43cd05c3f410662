"""``debatekit new-course``: a minimal working course, each data file a template whose comments
show every field. The words of a course come from its instructor and its texts, never from here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from debatekit.content import course

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
