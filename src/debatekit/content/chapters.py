"""The chapters' content (``data/chapters.yml``) loaded and checked, and the teaching text every
chapter shows (``data/chapter_text.yml``).

One chapter per article: guided reading questions tied to paragraphs, the article's argument
mapped as claim → warrants → impacts citing its cards, each side's strongest case, the trade-off
matrix it is taught with and prompts for that widget, and the dated events the articles state.
What the chapter pages show of it is drawn by ``render.chapters`` and ``render.figures``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.content import corpus, evidence, figure_specs
from debatekit.content.files import DataError, Problems, file_name, load_yaml
from debatekit.content.matrices import matrices as course_matrices

CHAPTERS_FILE = "chapters.yml"
#: Teaching text every chapter shows, written once (``shared_text``).
SHARED_TEXT_FILE = "chapter_text.yml"
#: The longest a point of the argument map may be: it has to fit a box of the diagram.
MAX_POINT_CHARS = 110
MIN_READING_QUESTIONS = 5
MONTHS = "January February March April May June July August September October November December".split()
_DATE = re.compile(rf"^(?:(\d{{1,2}}) )?(?:({'|'.join(MONTHS)}) )?(\d{{4}})$")


@dataclass(frozen=True)
class Point:
    """One box of an argument map: our wording, and the article's cards it rests on."""

    text: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class Strand:
    """A main claim of the article, the warrants that support it and the impacts it leads to."""

    claim: Point
    warrants: tuple[Point, ...]
    impacts: tuple[Point, ...]


@dataclass(frozen=True)
class Case:
    """One side's strongest case on the article's thesis: our summary and the cards (any article)."""

    side: str
    text: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class ReadingQuestion:
    paragraph: str
    question: str


@dataclass(frozen=True)
class Prompt:
    """A task for the trade-off widget. With ``prefer``, starting from ``lens`` and changing at most
    ``moves`` weights on the sliders (1, 2 or "any") must make ``prefer`` the single top option;
    ``render.chapters.prompt_answer`` checks that it can. Without ``prefer`` it is an open task."""

    text: str
    lens: str
    prefer: str | None = None
    moves: int | str | None = None


@dataclass(frozen=True)
class Chapter:
    article_id: str
    question: str
    matrix: str
    matrix_why: str
    lens: str
    figures: tuple[str, ...]
    reading_questions: tuple[ReadingQuestion, ...]
    argument: tuple[Strand, ...]
    cases: tuple[Case, ...]
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event as an article states it: ``date`` appears word for word in ``paragraph``."""

    date: str
    paragraph: str
    event: str

    @property
    def sort_key(self) -> tuple[int, int, int]:
        day, month, year = _DATE.match(self.date).groups()
        return int(year), MONTHS.index(month) + 1 if month else 0, int(day) if day else 0


# --- loading and validation --------------------------------------------------------------------


def _card_ids(p: Problems, entry: str, record: Any, article: str | None, known: Mapping[str, dict]) -> tuple:
    """The card ids a record cites; they must exist and, unless ``article`` is None, come from it."""
    ids = record.get("cards") if isinstance(record, dict) else None
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        p.add(entry, "cards", f"expected a non-empty list of card ids, got {ids!r}")
        return ()
    for cid in ids:
        if cid not in known:
            p.add(entry, "cards", f"unknown card {cid!r}; cite ids from cards.yml")
        elif article is not None and known[cid]["article_id"] != article:
            p.add(
                entry,
                "cards",
                f"card {cid} is from {known[cid]['article_id']}; an argument map cites "
                f"its own article's cards ({article})",
            )
    return tuple(ids)


def _point(p: Problems, entry: str, record: Any, article: str, known: Mapping[str, dict]) -> Point:
    if not isinstance(record, dict):
        p.add(entry, None, "expected {text: <our wording>, cards: [card ids]}")
        return Point("", ())
    unknown = sorted(set(record) - {"text", "cards"})
    if unknown:
        p.add(entry, unknown[0], "unknown field; a point has text and cards")
    return Point(p.text(entry, record, "text", MAX_POINT_CHARS), _card_ids(p, entry, record, article, known))


def _strand(p: Problems, entry: str, record: Any, article: str, known: Mapping[str, dict]) -> Strand:
    if not isinstance(record, dict):
        p.add(entry, None, "expected {claim: {...}, warrants: [...], impacts: [...]}")
        return Strand(Point("", ()), (), ())
    unknown = sorted(set(record) - {"claim", "warrants", "impacts"})
    if unknown:
        p.add(entry, unknown[0], "unknown field; a strand has claim, warrants and impacts")
    parts = {}
    for field in ("warrants", "impacts"):
        items = record.get(field)
        if not isinstance(items, list) or not items:
            p.add(entry, field, "expected a non-empty list of {text, cards}")
            items = []
        parts[field] = tuple(
            _point(p, f"{entry}: {field}[{n}]", item, article, known) for n, item in enumerate(items, 1)
        )
    claim = _point(p, f"{entry}: claim", record.get("claim"), article, known)
    return Strand(claim, parts["warrants"], parts["impacts"])


def _prompt(p: Problems, entry: str, record: Any, matrix: Any) -> Prompt | None:
    if not isinstance(record, dict):
        p.add(entry, None, "expected {text, lens} and optionally prefer and moves")
        return None
    unknown = sorted(set(record) - {"text", "lens", "prefer", "moves"})
    if unknown:
        p.add(entry, unknown[0], "unknown field; a prompt has text, lens, prefer and moves")
    text = p.text(entry, record, "text")
    lens, prefer, moves = record.get("lens"), record.get("prefer"), record.get("moves")
    if matrix is not None and lens not in matrix.lenses:
        p.add(entry, "lens", f"unknown lens {lens!r}; the matrix has {list(matrix.lenses)}")
    if (prefer is None) != (moves is None):
        p.add(entry, "moves" if moves is None else "prefer", "give prefer and moves together, or neither")
    if prefer is not None and matrix is not None and prefer not in matrix.options:
        p.add(entry, "prefer", f"unknown option {prefer!r}; the matrix has {list(matrix.options)}")
    if moves is not None and moves not in (1, 2, "any"):
        p.add(entry, "moves", f"expected 1, 2 or any (how many weights the reader may change), got {moves!r}")
    return Prompt(text, lens, prefer, moves)


_CHAPTER_FIELDS = (
    "question",
    "matrix",
    "matrix_why",
    "lens",
    "figures",
    "reading_questions",
    "argument",
    "cases",
    "prompts",
)


def _chapter(
    p: Problems,
    aid: str,
    record: Any,
    known: Mapping[str, dict],
    shipped: Mapping[str, Any] | None,
    figures: set[str],
) -> Chapter:
    if not isinstance(record, dict):
        p.add(aid, None, f"expected a mapping with {list(_CHAPTER_FIELDS)}")
        record = {}
    for field in sorted(set(record) - set(_CHAPTER_FIELDS)):
        p.add(aid, field, f"unknown field; a chapter has {list(_CHAPTER_FIELDS)}")
    question, why = p.text(aid, record, "question"), p.text(aid, record, "matrix_why")
    matrix = None if shipped is None else shipped.get(record.get("matrix"))
    if shipped is not None and matrix is None:
        p.add(aid, "matrix", f"unknown matrix {record.get('matrix')!r}; shipped matrices are {list(shipped)}")
    elif shipped is None and not isinstance(record.get("matrix"), str):
        p.add(aid, "matrix", f"expected the name of a matrix of matrices.yml, got {record.get('matrix')!r}")
    lens = record.get("lens")
    if matrix is not None and lens not in matrix.lenses:
        p.add(aid, "lens", f"unknown lens {lens!r}; the matrix has {list(matrix.lenses)}")
    names = record.get("figures")
    if not isinstance(names, list) or not names:
        p.add(aid, "figures", "expected a non-empty list of figure names")
        names = []
    for name in names:
        if name not in figures:
            p.add(aid, "figures", f"unknown figure {name!r}; known figures are {sorted(figures)}")
    questions = []
    items = record.get("reading_questions")
    if not isinstance(items, list) or len(items) < MIN_READING_QUESTIONS:
        p.add(aid, "reading_questions", f"expected a list of at least {MIN_READING_QUESTIONS} questions")
        items = items if isinstance(items, list) else []
    for n, item in enumerate(items, 1):
        entry = f"{aid}: reading_questions[{n}]"
        pid = item.get("paragraph") if isinstance(item, dict) else None
        try:
            para = corpus.paragraph(str(pid))
        except corpus.CorpusError as exc:
            p.add(entry, "paragraph", str(exc))
        else:
            if para.article_id != aid:
                p.add(
                    entry, "paragraph", f"{pid} is not in {aid}; tie each question to its chapter's article"
                )
        questions.append(ReadingQuestion(str(pid), p.text(entry, item, "question")))
    strands = record.get("argument")
    if not isinstance(strands, list) or not strands:
        p.add(aid, "argument", "expected a non-empty list of strands {claim, warrants, impacts}")
        strands = []
    argument = tuple(_strand(p, f"{aid}: argument[{n}]", s, aid, known) for n, s in enumerate(strands, 1))
    items = record.get("cases")
    if not isinstance(items, list) or len(items) < 2:
        p.add(aid, "cases", "expected a list of at least two sides' cases {side, text, cards}")
        items = items if isinstance(items, list) else []
    cases = []
    for n, item in enumerate(items, 1):
        entry = f"{aid}: cases[{n}]"
        side, text = p.text(entry, item, "side"), p.text(entry, item, "text")
        cases.append(Case(side, text, _card_ids(p, entry, item, None, known)))
    prompts = record.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        p.add(aid, "prompts", "expected a non-empty list of widget prompts")
        prompts = []
    checked = tuple(_prompt(p, f"{aid}: prompts[{n}]", q, matrix) for n, q in enumerate(prompts, 1))
    return Chapter(
        aid,
        question,
        str(record.get("matrix")),
        why,
        str(lens),
        tuple(names),
        tuple(questions),
        argument,
        tuple(cases),
        tuple(q for q in checked if q is not None),
    )


def _timeline(p: Problems, items: Any) -> tuple[TimelineEvent, ...]:
    if not isinstance(items, list) or not items:
        p.add("timeline", None, "expected a non-empty list of {date, paragraph, event}")
        return ()
    events = []
    for n, item in enumerate(items, 1):
        entry = f"timeline[{n}]"
        date, event = p.text(entry, item, "date"), p.text(entry, item, "event")
        pid = item.get("paragraph") if isinstance(item, dict) else None
        if date and not _DATE.match(date):
            p.add(entry, "date", f"{date!r} is not of the form 2008, June 2025 or 15 August 2025")
            continue
        try:
            text = corpus.normalise_space(corpus.paragraph(str(pid)).text)
        except corpus.CorpusError as exc:
            p.add(entry, "paragraph", str(exc))
            continue
        if date and date not in text:
            p.add(entry, "date", f"{date!r} does not appear in {pid}; give the date as the article writes it")
        events.append(TimelineEvent(date, str(pid), event))
    return tuple(sorted(events, key=lambda e: e.sort_key))


@dataclass(frozen=True)
class Content:
    chapters: dict[str, Chapter]
    timeline: tuple[TimelineEvent, ...]


def load_chapters(
    source: str | Path = CHAPTERS_FILE,
    known_cards: Mapping[str, dict] | None = None,
    figures: set[str] | None = None,
    matrices: Mapping[str, Any] | None = None,
) -> Content:
    """Read and validate the chapter content; a mistake raises DataError naming file, entry and field
    (several mistakes are reported together). Paragraph, card and figure names must exist; given the
    ``matrices`` (name → a matrix with ``lenses`` and ``options``, as ``content.matrices.matrices()``
    returns), so must each chapter's matrix and the lenses and options its prompts name
    (:func:`chapter` passes the course's; ``debatekit check`` passes none when matrices.yml itself
    is broken, so its problems are reported once, under its own name)."""
    file = file_name(source)
    p = Problems(file)
    data = load_yaml(source)
    if not isinstance(data, dict) or not isinstance(data.get("chapters"), dict):
        raise DataError(file, None, "chapters", "expected a mapping with chapters: {<article id>: ..., ...}")
    known = (
        known_cards
        if known_cards is not None
        else {c["card_id"]: c for c in evidence.cards().to_dict("records")}
    )
    figures = set(figure_specs.figures()) if figures is None else figures
    for key in sorted(set(data) - {"chapters", "timeline"}):
        p.add(key, None, "unknown top-level key; the file has chapters and timeline")
    missing = [a for a in corpus.ARTICLE_IDS if a not in data["chapters"]]
    if missing:
        p.add("chapters", None, f"no chapter for article(s) {missing}; every article has one")
    for aid in data["chapters"]:
        if aid not in corpus.ARTICLE_IDS:
            p.add(str(aid), None, f"unknown article; chapters are keyed by {list(corpus.ARTICLE_IDS)}")
    by_article = {
        aid: _chapter(p, aid, rec, known, matrices, figures)
        for aid, rec in data["chapters"].items()
        if aid in corpus.ARTICLE_IDS
    }
    timeline = _timeline(p, data.get("timeline"))
    p.raise_all()
    return Content(by_article, timeline)


@cache
def _default() -> Content:
    return load_chapters(matrices=course_matrices())


def chapter(article_id: str) -> Chapter:
    """The chapter for one article (``a000``), from the shipped chapters.yml."""
    found = _default().chapters.get(article_id)
    if found is None:
        raise KeyError(f"no chapter {article_id!r}; chapters are {list(_default().chapters)}")
    return found


def timeline() -> tuple[TimelineEvent, ...]:
    """The dated events the articles state, in date order."""
    return _default().timeline


# --- teaching text every chapter shows ------------------------------------------------------


@cache
def _shared_texts() -> dict[str, str]:
    data = load_yaml(SHARED_TEXT_FILE)
    if not isinstance(data, dict) or not all(isinstance(v, str) and v.strip() for v in data.values()):
        raise DataError(SHARED_TEXT_FILE, None, None, "expected a mapping of snippet name: MyST text")
    return data


def shared_text(name: str, article_id: str) -> str:
    """A snippet of the teaching text every chapter shows (chapter_text.yml), for one article's chapter.

    ``{article}`` in the snippet becomes ``article_id``; the rest is used as written (MyST).
    """
    texts = _shared_texts()
    if name not in texts:
        raise KeyError(f"no shared chapter text {name!r} in {SHARED_TEXT_FILE}; there are {sorted(texts)}")
    return texts[name].replace("{article}", article_id)


