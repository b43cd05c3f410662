"""The book's own content: ballot, rubric and lesson-plan data, the bibliography, the table of
contents and the pages themselves (no placeholders, prose that matches the data it describes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from debatekit.build.toc import toc_pages
from debatekit.content import corpus, debate, lessons, scoring
from debatekit.content.files import DataError, data_path
from debatekit.render import bibliography

ROOT = Path(__file__).resolve().parents[1]


def _broken_copy(tmp_path: Path, name: str, edit) -> Path:
    """A copy of a packaged data file with a mistake made by ``edit(data)``."""
    data = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _criterion(data: dict, criterion_id: str) -> dict:
    return next(c for c in data["criteria"] if c["criterion_id"] == criterion_id)


# ---------------------------------------------------------------- the judging ballot


def test_ballot_scores_six_criteria_out_of_fifty():
    b = scoring.ballot()
    assert [c.criterion_id for c in b.criteria] == [
        "construction", "evidence", "clash", "weighing", "organisation", "fairness"]  # fmt: skip
    assert b.total == 50


def test_every_ballot_criterion_has_bands_covering_every_score_once():
    for c in scoring.ballot().criteria:
        covered = sorted(s for band in c.bands for s in range(band.low, band.high + 1))
        assert covered == list(range(c.points + 1)), c.criterion_id


def test_ballot_table_puts_each_band_under_its_label():
    table = scoring.ballot_table()
    assert list(table.columns[:3]) == ["criterion", "asks", "points"]
    row = table[table["criterion"] == "Organisation and time"].iloc[0]
    assert row["Excellent"].startswith("5: ") and row["Developing"].startswith("2–3: ")


def test_a_gap_between_bands_names_the_file_criterion_and_band(tmp_path):
    path = _broken_copy(
        tmp_path, "ballot.yml", lambda d: _criterion(d, "evidence")["bands"][1].update(high=7)
    )
    with pytest.raises(DataError, match=r"ballot.yml: entry criteria evidence: field 'bands\[2\].high': "
                       r"is 7; .* so this band's high is 8"):  # fmt: skip
        scoring.load_ballot(path)


def test_a_missing_criterion_field_is_named(tmp_path):
    path = _broken_copy(tmp_path, "ballot.yml", lambda d: _criterion(d, "clash").pop("asks"))
    with pytest.raises(DataError, match=r"ballot.yml: entry criteria clash: field 'asks': missing"):
        scoring.load_ballot(path)


def test_duplicate_criterion_ids_are_refused(tmp_path):
    path = _broken_copy(
        tmp_path, "ballot.yml", lambda d: d["criteria"][1].update(criterion_id="construction")
    )
    with pytest.raises(DataError, match=r"entry criteria construction: field 'criterion_id': duplicate id"):
        scoring.load_ballot(path)


def test_every_mistake_in_a_ballot_is_reported_at_once(tmp_path):
    def edit(d):
        _criterion(d, "weighing")["points"] = 0
        _criterion(d, "fairness")["bands"][0]["descriptor"] = ""
        d["reason_prompts"] = []

    with pytest.raises(DataError) as caught:
        scoring.load_ballot(_broken_copy(tmp_path, "ballot.yml", edit))
    message = str(caught.value)
    assert "3 problems" in message
    assert "criteria weighing: field 'points'" in message
    assert "criteria fairness: field 'bands[1]'" in message
    assert "field 'reason_prompts'" in message


def test_tally_totals_each_side_and_ranks_the_higher_first():
    ids = [c.criterion_id for c in scoring.ballot().criteria]
    scores = {"Proposition": dict(zip(ids, [7, 8, 6, 5, 4, 4], strict=True)),
              "Opposition": dict(zip(ids, [8, 8, 7, 7, 4, 5], strict=True))}  # fmt: skip
    table = scoring.tally(scores)
    assert list(table.index) == ["Opposition", "Proposition"]
    assert list(table["total"]) == [39, 34]


def test_tally_names_the_side_and_criterion_of_every_bad_score():
    ids = [c.criterion_id for c in scoring.ballot().criteria]
    good = dict.fromkeys(ids, 3)
    with pytest.raises(ValueError) as caught:
        scoring.tally(
            {"Gov": {**good, "organisation": 6}, "Opp": {k: v for k, v in good.items() if k != "clash"}}
        )
    message = str(caught.value)
    assert "Gov: organisation = 6; expected a whole number from 0 to 5" in message
    assert "Opp: no score for ['clash']" in message


def test_score_sheet_has_a_blank_column_per_team_and_a_total_row():
    sheet = scoring.score_sheet(["Opening Government", "Opening Opposition"])
    assert list(sheet.columns) == ["criterion", "out of", "Opening Government", "Opening Opposition"]
    assert sheet.iloc[-1]["criterion"] == "Total" and sheet.iloc[-1]["out of"] == 50
    with pytest.raises(ValueError, match="distinct"):
        scoring.score_sheet(["A", "A"])


# ---------------------------------------------------------------- the rubric for open answers


def test_rubric_levels_run_from_full_to_none():
    r = scoring.rubric()
    assert [lv.level_id for lv in r.levels] == ["full", "partial", "none"]
    assert [lv.share for lv in r.levels] == [1.0, 0.5, 0.0]


AWARDS = [(2, "full", 2), (2, "partial", 1), (1, "partial", 0.5), (3, "partial", 1.5), (2, "none", 0)]


@pytest.mark.parametrize(("points", "level", "award"), AWARDS)
def test_rubric_awards_a_share_of_a_criterions_points(points, level, award):
    assert scoring.rubric().award(points, level) == award


def test_rubric_describes_every_level_of_every_criterion():
    table = scoring.rubric_table()
    assert len(table) == len(scoring.rubric().criteria) >= 5
    assert table.drop(columns="criterion").map(bool).all().all()


def test_a_rubric_criterion_missing_a_level_is_named(tmp_path):
    path = _broken_copy(tmp_path, "rubric.yml", lambda d: d["criteria"][2]["descriptors"].pop("partial"))
    expected = r"rubric.yml: entry criteria reasoning: field 'descriptors': expected one descriptor for each"
    with pytest.raises(DataError, match=expected + r" level \['full', 'partial', 'none'\]"):
        scoring.load_rubric(path)


def test_rubric_levels_out_of_order_are_refused(tmp_path):
    path = _broken_copy(tmp_path, "rubric.yml", lambda d: d["levels"].reverse())
    with pytest.raises(DataError, match=r"rubric.yml: field 'levels': shares are \[0.0, 0.5, 1.0\]"):
        scoring.load_rubric(path)


def test_an_unknown_rubric_key_is_named(tmp_path):
    path = _broken_copy(tmp_path, "rubric.yml", lambda d: d.update(points=10))
    with pytest.raises(DataError, match=r"rubric.yml: field 'points': unknown key"):
        scoring.load_rubric(path)


# ---------------------------------------------------------------- the bibliography


def _bib_entries() -> dict:
    from pybtex.database import parse_file

    return parse_file(str(ROOT / "book/reference/references.bib")).entries


def test_bibliography_has_the_five_articles_and_a004s_thirteen_sources():
    keys = list(_bib_entries())
    assert keys[:5] == list(corpus.ARTICLE_IDS)
    assert keys[5:] == [f"a004-src{n:02d}" for n in range(1, 14)]


def test_checked_in_bibliography_is_what_the_generator_writes():
    assert (ROOT / "book/reference/references.bib").read_text(encoding="utf-8") == bibliography.bibtex(), (
        "book/reference/references.bib is stale: run `debatekit bibliography`"
    )


def test_source_entries_carry_the_address_but_no_title_or_author():
    refs = corpus.article("a004").references
    for n, url in refs.items():
        entry = _bib_entries()[bibliography.source_key("a004", n)]
        assert entry.fields["url"] == url
        assert "title" not in entry.fields and not entry.persons
        assert entry.fields["howpublished"] == re.match(r"https://([^/]+)/", url).group(1)


def test_a_date_is_recorded_only_where_the_address_carries_one():
    dated = {k: e for k, e in _bib_entries().items() if "year" in e.fields}
    assert sorted(dated) == [
        "a004-src01",
        "a004-src04",
        "a004-src05",
        "a004-src10",
        "a004-src11",
        "a004-src12",
    ]
    assert (dated["a004-src04"].fields["year"], dated["a004-src04"].fields["month"]) == ("2025", "November")
    assert bibliography.url_date("https://www.ft.com/content/d6655fb1-31af-4da8-85f7-085a8fc00969") is None


def test_article_entries_give_a_title_or_author_only_where_the_text_does():
    entries = _bib_entries()
    for art in corpus.load_articles():
        entry = entries[art.id]
        assert ("title" in entry.fields) == (not art.title_is_descriptive), art.id
        assert bool(entry.persons) == (art.author != "unknown"), art.id
        if art.title_is_descriptive:
            assert "Untitled in the text" in entry.fields["note"]
    assert str(entries["a001"].persons["author"][0]) == "Legvold, Robert"


def test_each_source_note_names_the_paragraphs_that_cite_it():
    for p in corpus.article("a004").paragraphs:
        for n in p.footnotes:
            assert p.pid in _bib_entries()[bibliography.source_key("a004", n)].fields["note"]


# ---------------------------------------------------------------- the table of contents and pages


def book_toc_pages() -> list[str]:
    return toc_pages(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", book_toc_pages())
def test_every_page_in_the_table_of_contents_exists(page):
    assert [s for s in (".md", ".ipynb") if (ROOT / f"{page}{s}").exists()], f"{page}: no .md or .ipynb"


def test_the_table_of_contents_has_the_four_parts_of_this_issue():
    captions = [p["caption"] for p in yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"]]
    for part in ("Learning to debate", "Readings", "The debate", "For instructors", "Reference"):
        assert part in captions
    assert captions.index("Learning to debate") < captions.index("Readings")


PLACEHOLDER = re.compile(r"\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|lorem ipsum|\bplaceholder\b|coming soon", re.I)


def _page_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((ROOT / "book").rglob("*")):
        if ".ipynb_checkpoints" in path.parts or path.suffix not in (".md", ".ipynb"):
            continue
        if path.suffix == ".md":
            texts.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
        else:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            texts.append((path.relative_to(ROOT).as_posix(), "\n".join("".join(c["source"]) for c in cells)))
    return texts


def test_no_book_page_holds_placeholder_text():
    hits = {page: PLACEHOLDER.findall(text) for page, text in _page_texts() if PLACEHOLDER.search(text)}
    assert hits == {}


def test_the_detector_catches_placeholders():
    for text in ("TODO: write", "tbd", "Lorem ipsum dolor", "Coming soon!", "a placeholder"):
        assert PLACEHOLDER.search(text), text
    assert not PLACEHOLDER.search("today, toddlers and tidbits")


# ---------------------------------------------------------------- prose that describes the data


def test_part1_prose_matches_the_example_motion():
    """structured-debate.ipynb explains m06's first proposition argument, its a001 answer, and how
    proposition 1 and opposition 3 weigh; if the motion data changes, the prose must be revisited."""
    m = debate.motion("m06")
    answer = m.proposition[0].rebuttals[0]
    assert answer.card_ids == ("a001-c29",)
    assert "wider buy-in" in corpus.paragraph("a001-p11").text
    a, b = m.proposition[0].impact_tags, m.opposition[2].impact_tags
    assert (a["probability"], b["probability"]) == ("high", "medium")
    assert (a["reversibility"], b["reversibility"]) == ("partly", "irreversible")
    assert a["magnitude"] == b["magnitude"] and a["timeframe"] == b["timeframe"]


# ---------------------------------------------------------------- lesson plans


def test_every_chapter_has_a_50_and_a_90_minute_session_whose_steps_fill_it():
    plans = lessons.lesson_plans()
    assert {(s.chapter, s.minutes) for s in plans.sessions} == {
        (c, m) for c in lessons.CHAPTERS for m in lessons.SESSION_LENGTHS
    }
    for s in plans.sessions:
        assert sum(st.minutes for st in s.steps) == s.minutes, s.session_id


def test_the_unit_is_three_weeks_of_numbered_fifty_minute_periods():
    unit = lessons.lesson_plans().unit
    days = [d for w in unit.weeks for d in w.days]
    assert [w.week for w in unit.weeks] == [1, 2, 3]
    assert [d.day for d in days] == list(range(1, len(days) + 1))
    for d in days:
        if d.session:
            assert lessons.lesson_plans().session(d.session).minutes == unit.period_minutes == 50


def _session(data: dict, session_id: str) -> dict:
    return next(s for s in data["sessions"] if s["session_id"] == session_id)


def test_steps_that_do_not_fill_the_session_are_named(tmp_path):
    path = _broken_copy(
        tmp_path, "lesson_plans.yml", lambda d: _session(d, "a002-50")["steps"][0].update(minutes=7)
    )
    expected = r"lesson_plans.yml: entry session a002-50: field 'steps': the steps add up to 52 minutes; "
    with pytest.raises(DataError, match=expected + "the session lasts 50"):
        lessons.load_lesson_plans(path)


def test_an_unknown_paragraph_in_the_materials_is_named_with_its_step(tmp_path):
    def edit(d):
        _session(d, "a004-90")["steps"][2]["materials"].append("para:a004-p99")

    expected = (
        r"entry session a004-90: field 'steps\[3\].materials': 'para:a004-p99': unknown para 'a004-p99'"
    )
    with pytest.raises(DataError, match=expected):
        lessons.load_lesson_plans(_broken_copy(tmp_path, "lesson_plans.yml", edit))


def test_a_chapter_without_its_90_minute_session_is_reported(tmp_path):
    def edit(d):
        d["sessions"] = [s for s in d["sessions"] if s["session_id"] != "a003-90"]

    with pytest.raises(DataError, match=r"field 'sessions': no 90-minute session for chapter 'a003'"):
        lessons.load_lesson_plans(_broken_copy(tmp_path, "lesson_plans.yml", edit))


def test_a_unit_day_longer_than_a_period_is_refused(tmp_path):
    def edit(d):
        d["unit"]["weeks"][0]["days"][1]["session"] = "a000-90"

    with pytest.raises(DataError, match=r"entry unit day 2: field 'session': a000-90 lasts 90 minutes"):
        lessons.load_lesson_plans(_broken_copy(tmp_path, "lesson_plans.yml", edit))


def test_several_lesson_plan_mistakes_are_reported_together(tmp_path):
    def edit(d):
        _session(d, "intro-50")["chapter"] = "a009"
        _session(d, "a001-50")["steps"][0]["materials"] = ["card:a001-c99", "page:nowhere"]

    with pytest.raises(DataError) as caught:
        lessons.load_lesson_plans(_broken_copy(tmp_path, "lesson_plans.yml", edit))
    message = str(caught.value)
    assert "4 problems" in message
    assert "session intro-50: field 'chapter'" in message
    assert "unit day 1: field 'session': no session 'intro-50'" in message
    assert "'card:a001-c99': no evidence card" in message and "'page:nowhere': unknown page" in message


def _labels() -> set[str]:
    return {m for _, text in _page_texts() for m in re.findall(r"^\(([\w-]+)\)=", text, re.M)}


def test_every_page_a_lesson_plan_can_point_to_is_a_label_in_the_book():
    assert set(lessons.PAGES) <= _labels()


def test_lesson_plan_links_resolve_to_labels_paragraphs_and_chapter_pages():
    labels, paragraphs = _labels(), set(corpus.paragraph_ids())
    pages = set(book_toc_pages())
    for s in lessons.lesson_plans().sessions:
        text = lessons.session_markdown(s.session_id)
        for target in re.findall(r"\]\(#([\w-]+)\)", text):
            assert target in labels or target in paragraphs, (s.session_id, target)
        for doc in re.findall(r"<(/book/[\w/-]+)>`", text):
            assert doc.lstrip("/") in pages, (s.session_id, doc)
        for path in re.findall(r"\]\((\.\./\.\./exercises/[\w-]+\.ipynb)\)", text):
            assert (ROOT / "book/instructor" / path).resolve().exists(), path
    unit = lessons.unit_markdown()
    assert set(re.findall(r"\]\(#session-([\w-]+)\)", unit)) <= {
        s.session_id for s in lessons.lesson_plans().sessions
    }
