"""The chapter content (``data/chapters.yml``) and the tables and text the chapter notebooks show.

One chapter per article: guided reading questions tied to paragraphs, the article's argument
mapped as claim → warrants → impacts citing its cards, the trade-off matrix it is taught with and
prompts for that widget, each prompt checked against the decision model so it has an answer.
Functions that render Markdown emit MyST links (``[a000-p07](#a000-p07)``) that the book resolves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content import corpus, evidence
from debatekit.content.files import DataError, load_yaml
from debatekit.models import tradeoff
from debatekit.render.markdown import escape_markdown

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
    :func:`prompt_answer` checks that it can. Without ``prefer`` it is an open task."""

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


class _Problems:
    """Collects the mistakes in one file so a batch reports every one of them."""

    def __init__(self, file: str):
        self.file, self.errors = file, []

    def add(self, entry: str, field: str | None, problem: str) -> None:
        self.errors.append(DataError(self.file, entry, field, problem))

    def text(self, entry: str, record: Any, field: str, max_chars: int | None = None) -> str:
        value = record.get(field) if isinstance(record, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.add(entry, field, f"expected a non-empty string, got {value!r}")
            return ""
        value = " ".join(value.split())
        if max_chars and len(value) > max_chars:
            self.add(entry, field, f"{len(value)} characters; shorten to {max_chars} so it fits its box")
        return value

    def raise_all(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            lines = "\n".join(f"  - {e}" for e in self.errors)
            raise DataError(self.file, None, None, f"{len(self.errors)} problems:\n{lines}")


def _card_ids(p: _Problems, entry: str, record: Any, article: str | None, known: Mapping[str, dict]) -> tuple:
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


def _point(p: _Problems, entry: str, record: Any, article: str, known: Mapping[str, dict]) -> Point:
    if not isinstance(record, dict):
        p.add(entry, None, "expected {text: <our wording>, cards: [card ids]}")
        return Point("", ())
    unknown = sorted(set(record) - {"text", "cards"})
    if unknown:
        p.add(entry, unknown[0], "unknown field; a point has text and cards")
    return Point(p.text(entry, record, "text", MAX_POINT_CHARS), _card_ids(p, entry, record, article, known))


def _strand(p: _Problems, entry: str, record: Any, article: str, known: Mapping[str, dict]) -> Strand:
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


def _prompt(p: _Problems, entry: str, record: Any, matrix: tradeoff.Matrix | None) -> Prompt | None:
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
    p: _Problems,
    aid: str,
    record: Any,
    known: Mapping[str, dict],
    shipped: Mapping[str, tradeoff.Matrix],
    figures: set[str],
) -> Chapter:
    if not isinstance(record, dict):
        p.add(aid, None, f"expected a mapping with {list(_CHAPTER_FIELDS)}")
        record = {}
    for field in sorted(set(record) - set(_CHAPTER_FIELDS)):
        p.add(aid, field, f"unknown field; a chapter has {list(_CHAPTER_FIELDS)}")
    question, why = p.text(aid, record, "question"), p.text(aid, record, "matrix_why")
    matrix = shipped.get(record.get("matrix"))
    if matrix is None:
        p.add(aid, "matrix", f"unknown matrix {record.get('matrix')!r}; shipped matrices are {list(shipped)}")
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


def _timeline(p: _Problems, items: Any) -> tuple[TimelineEvent, ...]:
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
    matrices: Mapping[str, tradeoff.Matrix] | None = None,
    figures: set[str] | None = None,
) -> Content:
    """Read and validate the chapter content; a mistake raises DataError naming file, entry and field
    (several mistakes are reported together). Paragraph, card, matrix, lens and option names must exist."""
    from debatekit.render import figures as chapter_figures

    file = Path(str(source)).name
    p = _Problems(file)
    data = load_yaml(source)
    if not isinstance(data, dict) or not isinstance(data.get("chapters"), dict):
        raise DataError(file, None, "chapters", "expected a mapping with chapters: {<article id>: ..., ...}")
    known = (
        known_cards
        if known_cards is not None
        else {c["card_id"]: c for c in evidence.cards().to_dict("records")}
    )
    shipped = tradeoff.matrices() if matrices is None else matrices
    figures = chapter_figures.figure_names() if figures is None else figures
    for key in sorted(set(data) - {"chapters", "timeline"}):
        p.add(key, None, "unknown top-level key; the file has chapters and timeline")
    missing = [a for a in corpus.ARTICLE_IDS if a not in data["chapters"]]
    if missing:
        p.add("chapters", None, f"no chapter for article(s) {missing}; every article has one")
    for aid in data["chapters"]:
        if aid not in corpus.ARTICLE_IDS:
            p.add(str(aid), None, f"unknown article; chapters are keyed by {list(corpus.ARTICLE_IDS)}")
    by_article = {
        aid: _chapter(p, aid, rec, known, shipped, figures)
        for aid, rec in data["chapters"].items()
        if aid in corpus.ARTICLE_IDS
    }
    timeline = _timeline(p, data.get("timeline"))
    p.raise_all()
    return Content(by_article, timeline)


@cache
def _default() -> Content:
    return load_chapters()


def chapter(article_id: str) -> Chapter:
    """The chapter for one article (``a000``), from the shipped chapters.yml."""
    found = _default().chapters.get(article_id)
    if found is None:
        raise KeyError(f"no chapter {article_id!r}; chapters are {list(_default().chapters)}")
    return found


def timeline() -> tuple[TimelineEvent, ...]:
    """The dated events the articles state, in date order."""
    return _default().timeline


# --- Markdown ------------------------------------------------------------------------------------


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


def para_link(pid: str) -> str:
    """A MyST link to a paragraph of a reading page; the book resolves it across pages."""
    return f"[{pid}](#{pid})"


def quote_markdown(card: Mapping) -> str:
    """A card's verbatim quote in quotation marks, with a link to its paragraph."""
    return f"“{escape_markdown(corpus.normalise_space(card['quote']))}” ({para_link(card['paragraph_id'])})"


def markdown_table(frame: pd.DataFrame) -> str:
    """A DataFrame as a Markdown pipe table; cells are used as given (already Markdown)."""

    def cell(value: Any) -> str:
        return " ".join(str(value).split())

    head = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def about_markdown(article_id: str) -> str:
    """What the text says about itself (from seeds/articles.yml): author, outlet, date, genre, notes."""
    art = corpus.article(article_id)
    title = escape_markdown(art.title)
    if art.title_is_descriptive:
        title += " *(a descriptive title written for this kit; the text has none)*"
    rows = [
        ("Title", title),
        ("Author", escape_markdown(art.author)),
        ("Outlet", escape_markdown(art.outlet)),
        ("Date", escape_markdown(art.date)),
        ("Genre", escape_markdown(art.genre)),
        (
            "Length",
            f"{len(art.paragraphs)} paragraphs, {sum(len(p.text.split()) for p in art.paragraphs):,} words",
        ),
        ("What the text tells us (our note)", escape_markdown(" ".join(art.notes.split()))),
    ]
    return "\n".join(f"- **{name}:** {value}" for name, value in rows)


def text_map(article_id: str) -> pd.DataFrame:
    """The article's top-level sections and the paragraphs in each (one row if it has no headings)."""
    art = corpus.article(article_id)
    top = min((h.level for h in art.headings), default=None)
    sections: list[tuple[str, list[str]]] = []
    for block in art.blocks:
        if isinstance(block, corpus.Heading) and block.level == top:
            sections.append((block.text, []))
        elif isinstance(block, corpus.Paragraph):
            if not sections:
                sections.append(
                    ("(the text has no headings)" if top is None else "(before the first heading)", [])
                )
            sections[-1][1].append(block.pid)
    rows = [
        {
            "section": name,
            "paragraphs": f"{pids[0]} to {pids[-1]}" if len(pids) > 1 else pids[0],
            "first": pids[0],
            "count": len(pids),
        }
        for name, pids in sections
        if pids
    ]
    return pd.DataFrame(rows, columns=["section", "paragraphs", "first", "count"])


def text_map_markdown(article_id: str) -> str:
    frame = text_map(article_id)
    table = pd.DataFrame(
        {
            "Section (the article's heading)": [escape_markdown(s) for s in frame["section"]],
            "Starts at": [para_link(p) for p in frame["first"]],
            "Paragraphs": frame["count"],
        }
    )
    return markdown_table(table)


def reading_questions_markdown(ch: Chapter) -> str:
    """The guided reading questions as a numbered list, each linking its paragraph."""
    return "\n".join(
        f"{n}. **{para_link(q.paragraph)}** {escape_markdown(q.question)}"
        for n, q in enumerate(ch.reading_questions, 1)
    )


def argument_table(ch: Chapter, cards: Mapping[str, Mapping] | None = None) -> pd.DataFrame:
    """The argument map, one row per claim, warrant or impact, with the cards and quotes behind it."""
    cards = cards if cards is not None else {cid: evidence.card(cid) for cid in _cited(ch)}
    rows = []
    for n, strand in enumerate(ch.argument, 1):
        parts = [("claim", strand.claim)] + [("warrant", w) for w in strand.warrants]
        parts += [("impact", i) for i in strand.impacts]
        for role, point in parts:
            rows.append(
                {
                    "strand": n,
                    "role": role,
                    "point": point.text,
                    "cards": list(point.cards),
                    "paragraphs": sorted({cards[c]["paragraph_id"] for c in point.cards}),
                    "quotes": [corpus.normalise_space(cards[c]["quote"]) for c in point.cards],
                }
            )
    return pd.DataFrame(rows, columns=["strand", "role", "point", "cards", "paragraphs", "quotes"])


def _cited(ch: Chapter) -> list[str]:
    return [c for s in ch.argument for pt in (s.claim, *s.warrants, *s.impacts) for c in pt.cards]


def argument_markdown(ch: Chapter) -> str:
    """The argument table for the page: our wording beside the article's words, linked to paragraphs."""
    frame = argument_table(ch)
    table = pd.DataFrame(
        {
            "Strand": frame["strand"],
            "Part": frame["role"],
            "Our summary": [escape_markdown(t) for t in frame["point"]],
            "The article's words (evidence cards)": [
                "; ".join(f"`{cid}` {quote_markdown(evidence.card(cid))}" for cid in ids)
                for ids in frame["cards"]
            ],
        }
    )
    return markdown_table(table)


def cases_markdown(ch: Chapter) -> str:
    """Each side's strongest case: our summary, then the articles' words from the cards it cites."""
    return "\n".join(
        f"{escape_markdown(c.side)}\n: *Our summary:* {escape_markdown(c.text)}\n"
        f": *In the articles' words:* "
        + " · ".join(quote_markdown(evidence.card(cid)) for cid in c.cards)
        + "\n"
        for c in ch.cases
    )


def links_for(article_id: str, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cross-article links that touch an article, turned so this article is on the ``this`` side."""
    links = evidence.links() if links is None else links
    rows = []
    for rec in links.itertuples():
        if article_id not in (rec.article_a, rec.article_b):
            continue
        mine = rec.article_a == article_id
        rows.append(
            {
                "link_id": rec.link_id,
                "relation": rec.relation,
                "topic": rec.topic,
                "summary": rec.summary,
                "this_cards": rec.cards_a if mine else rec.cards_b,
                "other": rec.article_b if mine else rec.article_a,
                "other_cards": rec.cards_b if mine else rec.cards_a,
            }
        )
    return pd.DataFrame(
        rows, columns=["link_id", "relation", "topic", "summary", "this_cards", "other", "other_cards"]
    )


def relations_table(article_id: str, links: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each other article, the links on which the two agree, disagree or one updates the other."""
    mine = links_for(article_id, links)
    rows = []
    for other in corpus.ARTICLE_IDS:
        if other == article_id:
            continue
        here = mine[mine["other"] == other]
        row = {"article": other}
        for relation in evidence.RELATIONS:
            row[relation] = list(here.loc[here["relation"] == relation, "link_id"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["article", *evidence.RELATIONS])


def relations_markdown(article_id: str) -> str:
    """The relations table for the page, other articles linked to their reading pages."""
    frame = relations_table(article_id)
    headers = {
        "agree": "Agree (links)",
        "disagree": "Disagree (links)",
        "update": "One updates the other (links)",
    }
    table = pd.DataFrame({"Other article": [f"[{a}](#reading-{a})" for a in frame["article"]]})
    for relation, header in headers.items():
        table[header] = [", ".join(ids) if ids else "none" for ids in frame[relation]]
    return markdown_table(table)


def links_markdown(article_id: str) -> str:
    """Every cross-article link touching the article: our summary, then both sides' words."""
    blocks = []
    for rec in links_for(article_id).itertuples():
        this = " · ".join(quote_markdown(evidence.card(c)) for c in rec.this_cards)
        other = " · ".join(quote_markdown(evidence.card(c)) for c in rec.other_cards)
        blocks.append(
            f"**{rec.link_id} · {rec.relation} · {rec.topic}** (with [{rec.other}](#reading-{rec.other}))\n"
            f": *Our summary:* {escape_markdown(rec.summary)}\n"
            f": *{article_id} says:* {this}\n"
            f": *{rec.other} says:* {other}\n"
        )
    return "\n".join(blocks) if blocks else "No cross-article link in the evidence data touches this article."


# --- widget prompts ------------------------------------------------------------------------------


def prompt_answer(matrix: tradeoff.Matrix, prompt: Prompt) -> dict[str, float] | None:
    """The smallest change of the sliders from the prompt's lens that makes ``prompt.prefer`` the single
    top option, as {criterion: new weight}; None if there is none (see :func:`tradeoff.reaching_weights`)."""
    if prompt.prefer is None:
        raise ValueError("this prompt has no option to reach; only prompts with prefer have an answer")
    start = matrix.lenses[prompt.lens]
    return tradeoff.reaching_weights(matrix.scores, start, prompt.prefer, prompt.moves, matrix.directions)


def prompt_start(matrix: tradeoff.Matrix, prompt: Prompt) -> str | None:
    """The single top option under the prompt's lens before the reader changes anything (None if tied)."""
    return tradeoff.sole_top(matrix.scores, matrix.lenses[prompt.lens], matrix.directions)


def prompts_markdown(ch: Chapter) -> str:
    """The widget tasks as a numbered list, naming the lens each starts from."""
    return "\n".join(
        f"{n}. *(Start from the **{escape_markdown(q.lens)}** lens.)* {escape_markdown(q.text)}"
        for n, q in enumerate(ch.prompts, 1)
    )
