"""The chapters: their content file and its checks, the tables and figures they show, the widget
prompts (each must have an answer on the sliders) and the chapter notebooks themselves."""

from __future__ import annotations

import copy
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import PIL.Image
import pytest
import yaml
from matplotlib.colors import to_hex
from matplotlib.patches import FancyBboxPatch, Rectangle

from debatekit.build import check
from debatekit.content import chapters, corpus, course, evidence, matrices
from debatekit.content.files import DataError, data_path
from debatekit.models import tradeoff
from debatekit.render import argument_map, figures
from debatekit.render import chapters as chapter_pages
from debatekit.render import chart as chart_style

#: The stakeholder lenses this course's matrices define (matrices.yml), in order.
COURSE_LENSES = ("US", "Russia", "Ukraine", "Europe")

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = corpus.ARTICLE_IDS
MATRICES = matrices.matrices()
SHIPPED = chapters.load_chapters(matrices=MATRICES)
PID = r"a\d{3}-p\d{2}"
OKABE_ITO = {c.lower() for c in chart_style.OKABE_ITO.values()}


def plain(text: str) -> str:
    """Text with curly quotes and apostrophes made straight, for matching our quoted phrases."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    return corpus.normalise_space(text).translate(table)


def quoted_phrases(text: str) -> list[str]:
    return re.findall(r'"([^"]+)"', plain(text))


# --- the content file ----------------------------------------------------------------------------


def test_every_article_has_a_chapter_with_at_least_five_reading_questions_on_its_own_paragraphs():
    assert list(SHIPPED.chapters) == list(ARTICLES)
    for aid, ch in SHIPPED.chapters.items():
        assert len(ch.reading_questions) >= chapters.MIN_READING_QUESTIONS
        assert {corpus.paragraph(q.paragraph).article_id for q in ch.reading_questions} == {aid}


def test_argument_maps_cite_only_their_own_articles_cards():
    for aid, ch in SHIPPED.chapters.items():
        for strand in ch.argument:
            assert strand.warrants and strand.impacts
            for point in (strand.claim, *strand.warrants, *strand.impacts):
                assert point.cards and all(evidence.card(c)["article_id"] == aid for c in point.cards)
                assert len(point.text) <= chapters.MAX_POINT_CHARS


def test_each_chapter_states_both_sides_strongest_case():
    for ch in SHIPPED.chapters.values():
        assert len(ch.cases) >= 2
        assert any(s.side.startswith("For") for s in ch.cases)
        assert any(s.side.startswith("Against") for s in ch.cases)


def test_phrases_a_reading_question_quotes_appear_in_its_paragraph():
    for ch in SHIPPED.chapters.values():
        for q in ch.reading_questions:
            for phrase in quoted_phrases(q.question):
                assert phrase in plain(corpus.paragraph(q.paragraph).text), (q.paragraph, phrase)


def test_phrases_quoted_in_prompts_and_notes_appear_in_the_article():
    for aid, ch in SHIPPED.chapters.items():
        text = plain(" ".join(p.text for p in corpus.article(aid).paragraphs))
        for source in (ch.question, ch.matrix_why, *(p.text for p in ch.prompts)):
            for phrase in quoted_phrases(source):
                assert phrase in text, (aid, phrase)


def test_timeline_dates_appear_word_for_word_and_run_in_order():
    events = chapters.timeline()
    assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)
    for e in events:
        assert e.date in corpus.normalise_space(corpus.paragraph(e.paragraph).text)
    assert events[0].date == "2008" and events[-1].date.endswith("2025")


def _raw() -> dict:
    return yaml.safe_load(data_path(chapters.CHAPTERS_FILE).read_text(encoding="utf-8"))


def _load(tmp_path, data) -> chapters.Content:
    path = tmp_path / "chapters.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return chapters.load_chapters(path, matrices=MATRICES)


def test_the_chapter_a_notebook_loads_is_checked_against_the_course_matrices(tmp_path):
    """chapters.chapter() (what every chapter notebook calls) checks matrix, lens and option names."""
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    data = _raw()
    data["chapters"]["a001"]["lens"] = "no-such-lens"
    path = tmp_path / "data" / "chapters.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    course.use(tmp_path)
    chapters._default.cache_clear()
    matrices._load_matrices.cache_clear()
    try:
        with pytest.raises(DataError, match=r"entry a001: field 'lens': unknown lens 'no-such-lens'"):
            chapters.chapter("a000")
    finally:
        course.use(None)
        chapters._default.cache_clear()
        matrices._load_matrices.cache_clear()


def test_debatekit_check_reports_a_chapter_naming_a_matrix_the_course_lacks(tmp_path):
    """debatekit check reports a chapter whose matrix the course's matrices.yml lacks."""
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("data", "seeds", "book"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    data = _raw()
    data["chapters"]["a001"]["matrix"] = "no-such-matrix"
    path = tmp_path / "data" / "chapters.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        found = check.check_course(tmp_path)
    finally:
        course.use(None)
    assert any(
        line.startswith("chapters.yml: entry a001: field 'matrix': unknown matrix 'no-such-matrix'")
        for line in found
    ), found


def _set(path: list, value):
    def edit(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return edit


A0 = ["chapters", "a000"]


@pytest.mark.parametrize(
    ("edit", "entry", "field", "problem"),
    [
        (
            _set([*A0, "reading_questions", 0, "paragraph"], "a000-p99"),
            "a000: reading_questions[1]",
            "paragraph",
            "a000-p99",
        ),
        (
            _set([*A0, "reading_questions", 0, "paragraph"], "a001-p02"),
            "a000: reading_questions[1]",
            "paragraph",
            "not in a000",
        ),
        (
            _set([*A0, "reading_questions"], [{"paragraph": "a000-p01", "question": "q?"}]),
            "a000",
            "reading_questions",
            "at least 5",
        ),
        (
            _set([*A0, "argument", 0, "claim", "cards"], ["a000-c99"]),
            "a000: argument[1]: claim",
            "cards",
            "unknown card 'a000-c99'",
        ),
        (
            _set([*A0, "argument", 0, "warrants", 0, "cards"], ["a001-c01"]),
            "a000: argument[1]: warrants[1]",
            "cards",
            "is from a001",
        ),
        (
            _set([*A0, "argument", 0, "impacts", 0, "text"], "x" * 200),
            "a000: argument[1]: impacts[1]",
            "text",
            "shorten to 110",
        ),
        (_set([*A0, "argument", 0, "impacts"], []), "a000: argument[1]", "impacts", "non-empty list"),
        (_set([*A0, "cases", 0, "cards"], ["zz"]), "a000: cases[1]", "cards", "unknown card 'zz'"),
        (_set([*A0, "matrix"], "nope"), "a000", "matrix", "unknown matrix 'nope'"),
        (_set([*A0, "lens"], "Mars"), "a000", "lens", "unknown lens 'Mars'"),
        (_set([*A0, "figures"], ["pie"]), "a000", "figures", "unknown figure 'pie'"),
        (_set([*A0, "prompts", 0, "prefer"], "world peace"), "a000: prompts[1]", "prefer", "unknown option"),
        (_set([*A0, "prompts", 0, "moves"], 3), "a000: prompts[1]", "moves", "expected 1, 2 or any"),
        (_set([*A0, "prompts", 0, "moves"], KeyError), "a000: prompts[1]", "moves", "together, or neither"),
        (_set([*A0, "prompts", 0, "lens"], "Mars"), "a000: prompts[1]", "lens", "unknown lens 'Mars'"),
        (_set([*A0, "colour"], "blue"), "a000", "colour", "unknown field"),
        (_set(["chapters", "a003"], KeyError), "chapters", None, "no chapter for article(s) ['a003']"),
        (_set(["timeline", 0, "date"], "2009"), "timeline[1]", "date", "does not appear in a003-p02"),
        (_set(["timeline", 0, "date"], "spring 2008"), "timeline[1]", "date", "is not of the form"),
    ],
)
def test_a_mistake_raises_data_error_naming_file_entry_and_field(tmp_path, edit, entry, field, problem):
    data = _raw()
    edit(data)
    with pytest.raises(DataError, match=re.escape(problem)) as info:
        _load(tmp_path, data)
    assert (info.value.file, info.value.entry, info.value.field) == ("chapters.yml", entry, field)


def test_several_mistakes_are_reported_together(tmp_path):
    data = _raw()
    data["chapters"]["a001"]["matrix"] = "nope"
    data["chapters"]["a004"]["reading_questions"][2]["paragraph"] = "a004-p77"
    with pytest.raises(DataError, match="2 problems") as info:
        _load(tmp_path, data)
    assert "a001: field 'matrix'" in str(info.value) and "a004-p77" in str(info.value)


def test_the_shipped_file_round_trips_through_the_loader(tmp_path):
    assert _load(tmp_path, copy.deepcopy(_raw())) == SHIPPED


# --- widget prompts -------------------------------------------------------------------------------


def checked_prompts():
    return [
        pytest.param(aid, n, p, id=f"{aid}-prompt{n}")
        for aid, ch in SHIPPED.chapters.items()
        for n, p in enumerate(ch.prompts, 1)
        if p.prefer is not None
    ]


def test_every_chapter_has_a_prompt_with_a_checked_answer():
    assert {aid for aid, _, _ in (p.values for p in checked_prompts())} == set(ARTICLES)


@pytest.mark.parametrize(("aid", "n", "prompt"), checked_prompts())
def test_every_prompt_has_an_answer_on_the_sliders_and_is_not_already_solved(aid, n, prompt):
    matrix = MATRICES[SHIPPED.chapters[aid].matrix]
    assert chapter_pages.prompt_start(matrix, prompt) != prompt.prefer
    change = chapter_pages.prompt_answer(matrix, prompt)
    assert change, f"{aid} prompt {n}: no weights make {prompt.prefer!r} the single top option"
    if prompt.moves != "any":
        assert len(change) <= prompt.moves
    assert all(0 <= w <= 10 and w * 2 == int(w * 2) for w in change.values())
    weights = {**matrix.lenses[prompt.lens], **change}
    ranking = tradeoff.evaluate(matrix.scores, weights, matrix.directions)
    assert list(ranking.index[ranking["rank"] == 1]) == [prompt.prefer]


def _toy_matrix() -> matrices.Matrix:
    card = "a000-c01"
    record = {
        "title": "t",
        "question": "q?",
        "note": "ours",
        "articles": ["a000"],
        "criteria": {
            "x": {"direction": "benefit", "description": "d"},
            "y": {"direction": "benefit", "description": "d"},
        },
        "options": {"A": "a", "B": "b", "C": "c"},
        "scores": {
            o: {c: {"score": s, "cards": [card], "why": "w"} for c, s in zip("xy", row, strict=True)}
            for o, row in {"A": (8, 2), "B": (2, 8), "C": (1, 1)}.items()
        },
        "lenses": {
            lens: {
                "why": "w",
                "weights": {"x": {"weight": 9, "cards": [card]}, "y": {"weight": 1, "cards": [card]}},
            }
            for lens in COURSE_LENSES
        },
    }
    return matrices.parse_matrix(
        "toy", record, {card: ("a000", frozenset({"US", "Russia", "Ukraine", "Europe"}))}
    )


def test_prompt_answer_finds_the_smallest_single_change():
    m = _toy_matrix()  # A: 9*8+1*2 = 74/10, B: 9*2+1*8 = 26/10; B wins once y outweighs x
    change = chapter_pages.prompt_answer(m, chapters.Prompt("t", "US", "B", 1))
    assert change == {"x": 0.5} or change == {"y": 9.5}
    assert chapter_pages.prompt_answer(m, chapters.Prompt("t", "US", "B", 2)) == change


def test_prompt_answer_is_none_for_an_option_no_weights_can_crown():
    m = _toy_matrix()  # C is worse than A and B on both criteria
    for moves in (1, 2, "any"):
        assert chapter_pages.prompt_answer(m, chapters.Prompt("t", "US", "C", moves)) is None


def test_an_open_prompt_has_no_answer_to_check():
    with pytest.raises(ValueError, match="no option to reach"):
        chapter_pages.prompt_answer(_toy_matrix(), chapters.Prompt("discuss", "US"))


# --- tables and Markdown -------------------------------------------------------------------------


def test_argument_table_has_a_row_per_point_with_the_cards_paragraphs_and_quotes():
    ch = SHIPPED.chapters["a004"]
    table = chapter_pages.argument_table(ch)
    assert len(table) == sum(1 + len(s.warrants) + len(s.impacts) for s in ch.argument)
    assert list(table.loc[table.strand == 1, "role"]) == ["claim"] + ["warrant"] * 3 + ["impact"]
    for row in table.itertuples():
        cards = [evidence.card(c) for c in row.cards]
        assert row.paragraphs == sorted({c["paragraph_id"] for c in cards})
        for quote, pid in zip(row.quotes, [c["paragraph_id"] for c in cards], strict=True):
            assert quote in corpus.normalise_space(corpus.paragraph(pid).text)


def test_argument_markdown_quotes_each_card_and_links_its_paragraph():
    text = chapter_pages.argument_markdown(SHIPPED.chapters["a003"])
    assert text.splitlines()[0].startswith("| Strand | Part | Our summary |")
    assert "`a003-c08` “the victim in the battlefield is Ukraine" in text
    assert "([a003-p02](#a003-p02))" in text


def test_text_map_covers_every_paragraph_once_in_order():
    for aid in ARTICLES:
        frame = chapter_pages.text_map(aid)
        assert frame["count"].sum() == len(corpus.article(aid).paragraphs)
        assert frame["first"].iloc[0] == f"{aid}-p01"
    assert list(chapter_pages.text_map("a000")["section"])[:2] == [
        "Introduction",
        "U.S. Strategic Calculus: Short-Term Gains vs. Long-Term Risks",
    ]
    assert list(chapter_pages.text_map("a003")["section"]) == ["(the text has no headings)"]


def test_links_for_turns_each_link_so_the_article_is_on_this_side():
    links = evidence.links()
    for aid in ARTICLES:
        mine = chapter_pages.links_for(aid, links)
        expected = links[(links.article_a == aid) | (links.article_b == aid)]
        assert list(mine.link_id) == list(expected.link_id)
        for row in mine.itertuples():
            assert {evidence.card(c)["article_id"] for c in row.this_cards} == {aid}
            assert {evidence.card(c)["article_id"] for c in row.other_cards} == {row.other}


def test_relations_table_sorts_every_link_by_other_article_and_relation():
    table = chapter_pages.relations_table("a000")
    assert "a000" not in set(table.article)
    assert table.set_index("article").loc["a004", "update"] == ["l01", "l02"]
    total = sum(len(v) for r in evidence.RELATIONS for v in table[r])
    assert total == len(chapter_pages.links_for("a000"))


def test_about_markdown_says_unknown_where_the_text_does_not_say():
    text = chapter_pages.about_markdown("a002")
    assert "- **Author:** unknown" in text and "- **Date:** unknown" in text
    assert "descriptive title written for this kit" in text
    assert "- **Author:** Robert Legvold" in chapter_pages.about_markdown("a001")


def test_markdown_table_keeps_one_line_per_row():
    text = chapter_pages.markdown_table(pd.DataFrame({"a": ["x\ny"], "b": [1]}))
    assert text.splitlines() == ["| a | b |", "|---|---|", "| x y | 1 |"]


# --- figures -------------------------------------------------------------------------------------


ALL_CHARTS = sorted(figures.figure_names()) + [f"{a}-argument" for a in ARTICLES]


@pytest.fixture(scope="module")
def charts():
    return {name: figures.chart(name) for name in ALL_CHARTS}


def test_every_stated_number_drawn_is_its_cards_number(charts):
    for chart in charts.values():
        for row in chart.data.itertuples():
            if row.derived or not row.cards or row.unit in ("claim", "warrant", "impact"):
                continue
            card = evidence.card(row.cards[0])
            for field in ("value", "low", "high"):
                a, b = getattr(row, field), card[field]
                assert (pd.isna(a) and pd.isna(b)) or a == b, (chart.name, row.label, field)


def test_derived_numbers_are_flagged_labelled_and_computed_from_the_cards(charts):
    def derived(name):
        data = charts[name].data
        return data[data.derived].set_index("label")["value"]

    europe = evidence.card("a000-c27")["value"]
    assert derived("a000-shells")["Russia's output (derived)"] == europe * 5
    rates = derived("a004-air-defence")
    assert rates["drones not intercepted, July 2025 (derived)"] == 100 - evidence.card("a004-c15")["value"]
    assert derived("a004-us-troops")["the rest (derived)"] == 85000 - 20000
    for name in ("a000-shells", "a004-air-defence", "a004-us-troops"):
        assert "derived" in charts[name].alt
        assert re.search(r"our (arithmetic|subtraction)", charts[name].caption), name


def test_each_chart_names_its_source_paragraphs_and_has_alt_text(charts):
    for name, chart in charts.items():
        assert len(chart.alt) > 80, name
        sources = sorted({p for ps in chart.data["paragraphs"] for p in ps})
        for pid in sources:
            assert f"[{pid}](#{pid})" in chart.caption or name.endswith("-argument"), (name, pid)
        if name not in ("claim-kinds", "timeline") and not name.endswith("-argument"):
            assert re.search(PID, chart.title), name


def verbatim_quote_problems(text: str) -> list[str]:
    """Quotes (“…”) in ``text`` that name no paragraph link right after, or are not in that paragraph."""
    problems = []
    for quote, after in re.findall(r"“([^”]+)”(?=(.{0,40}))", corpus.normalise_space(text)):
        pid = re.search(rf"\[({PID})\]", after)
        if not pid:
            problems.append(f"“{quote}” names no paragraph")
        elif quote not in corpus.normalise_space(corpus.paragraph(pid.group(1)).text):
            problems.append(f"“{quote}” is not in {pid.group(1)}")
    return problems


def test_quotes_in_captions_are_verbatim_from_the_paragraph_they_link(charts):
    for name, chart in charts.items():
        assert verbatim_quote_problems(chart.caption) == [], name


def test_alt_text_states_every_number_a_chart_draws(charts):
    for name in (
        "a000-shells",
        "a000-dollars",
        "nato-spending",
        "a004-air-defence",
        "a004-us-troops",
        "a001-ratios",
    ):
        alt = charts[name].alt.replace(",", "")
        for row in charts[name].data.itertuples():
            numbers = [row.low, row.high] if pd.isna(row.value) else [row.value]
            for x in numbers:
                assert f"{x:g}" in alt, (name, row.label, x)


def test_bars_use_the_okabe_ito_palette_and_derived_bars_are_hatched(charts):
    for name in (
        "a000-shells",
        "a000-dollars",
        "nato-spending",
        "a004-air-defence",
        "a001-ratios",
        "territory",
        "claim-kinds",
    ):
        for ax in charts[name].figure.axes:
            for patch in ax.patches:
                if isinstance(patch, Rectangle) and patch.get_width() > 0 and patch.get_height() > 0:
                    assert to_hex(patch.get_facecolor()) in OKABE_ITO | {"#ffffff"}, name
    shells = charts["a000-shells"].figure.axes[0].patches
    assert [p.get_hatch() for p in shells] == [
        "",
        chart_style.DERIVED_HATCH,
        chart_style.TARGET_HATCH,
    ]


def test_argument_diagram_draws_a_box_per_point_in_its_roles_colour(charts):
    for aid in ARTICLES:
        ch = SHIPPED.chapters[aid]
        boxes = [p for p in charts[f"{aid}-argument"].figure.axes[0].patches if isinstance(p, FancyBboxPatch)]
        assert len(boxes) == sum(1 + len(s.warrants) + len(s.impacts) for s in ch.argument)
        edges = {to_hex(b.get_edgecolor()) for b in boxes}
        assert edges == {argument_map.ROLE_STYLE[r][0].lower() for r in argument_map.ROLE_STYLE}


def test_show_displays_a_png_then_its_caption():
    shown = []
    figures.show("territory", display=shown.append)
    assert shown[0].data[:8] == b"\x89PNG\r\n\x1a\n"
    assert shown[1].data.startswith("**Figure: Share of Ukraine's territory")


def test_a_chart_png_is_as_wide_as_the_book_shows_it_in_a_palette(charts):
    for name, chart in charts.items():
        image = PIL.Image.open(io.BytesIO(chart.png()))
        assert abs(image.width - chart_style.SHOWN_WIDTH_PX) <= 15, (name, image.size)
        assert image.mode == "P", name


def test_an_unknown_chart_is_a_clear_error():
    with pytest.raises(KeyError, match="no chart 'pie'; charts are"):
        figures.chart("pie")


# --- the notebooks -------------------------------------------------------------------------------


def notebook(aid: str) -> dict:
    return json.loads((ROOT / "book" / "chapters" / f"{aid}.ipynb").read_text(encoding="utf-8"))


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.mark.parametrize("aid", ARTICLES)
def test_notebook_shows_each_listed_figure_with_the_charts_own_alt_text(aid, charts):
    shown = {}
    for cell in notebook(aid)["cells"]:
        match = re.search(r'figures\.show\("([^"]+)"\)', source(cell))
        if match:
            shown[match.group(1)] = cell["metadata"]["mystnb"]["image"]["alt"]
    assert list(shown) == [f"{aid}-argument", *SHIPPED.chapters[aid].figures]
    for name, alt in shown.items():
        assert alt == charts[name].alt, f"{aid}: alt text of {name} is stale; regenerate the notebook"


@pytest.mark.parametrize("aid", ARTICLES)
def test_notebook_has_every_section_links_its_reading_and_exercises(aid):
    cells = notebook(aid)["cells"]
    text = "\n".join(source(c) for c in cells)
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == [
        "Context",
        "The reading",
        "Guided reading questions",
        "The argument mapped",
        "The numbers",
        "Weigh the options",
        "What the other articles say",
        "Exercises",
    ]
    shown = "\n".join(chapters.shared_text(n, a) for n, a in SHARED_CALL.findall(text))
    assert f"(#reading-{aid})" in shown and f"(../../exercises/{aid}.ipynb)" in shown
    assert f'chapters.chapter("{aid}")' in text
    assert "TradeoffWidget.from_matrix(chapter.matrix, lens=chapter.lens)" in text
    assert "weigh.static_fallback()" in text


SHARED_CALL = re.compile(r'chapters\.shared_text\("([^"]+)", "([^"]+)"\)')


def markdown_paragraphs(aid: str) -> set[str]:
    cells = notebook(aid)["cells"]
    text = "\n\n".join(source(c) for c in cells if c["cell_type"] == "markdown")
    return {" ".join(p.split()).replace(aid, "{article}") for p in re.split(r"\n\s*\n", text) if p.strip()}


def test_every_chapter_shows_the_same_shared_teaching_text_in_the_same_order():
    calls = {
        aid: SHARED_CALL.findall("\n".join(source(c) for c in notebook(aid)["cells"])) for aid in ARTICLES
    }
    for aid, found in calls.items():
        assert {a for _, a in found} == {aid}, f"{aid} shows another chapter's text"
    orders = {aid: [n for n, _ in found] for aid, found in calls.items()}
    assert all(order == orders["a000"] for order in orders.values()), orders
    assert set(orders["a000"]) == set(chapters._shared_texts()), "a snippet no chapter shows"


def test_no_paragraph_is_copied_into_every_chapter_except_headings():
    common = set.intersection(*(markdown_paragraphs(aid) for aid in ARTICLES))
    assert all(p.startswith("#") for p in common), sorted(p for p in common if not p.startswith("#"))


def test_shared_text_names_its_snippets_when_asked_for_an_unknown_one():
    assert chapters.shared_text("the-reading", "a002").startswith(
        "Read [the full text of a002](#reading-a002)"
    )
    with pytest.raises(KeyError, match="no shared chapter text 'nope' in chapter_text.yml"):
        chapters.shared_text("nope", "a000")


@pytest.mark.parametrize("aid", ARTICLES)
def test_quotes_in_notebook_prose_are_verbatim_from_the_paragraph_they_link(aid):
    for cell in notebook(aid)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        assert verbatim_quote_problems(source(cell)) == [], aid


@pytest.mark.parametrize("aid", ARTICLES)
def test_cells_that_print_markdown_are_rendered_as_myst(aid):
    for cell in notebook(aid)["cells"]:
        if cell["cell_type"] == "code" and ("Markdown(" in source(cell) or "show(" in source(cell)):
            assert cell["metadata"]["mystnb"]["markdown_format"] == "myst"
