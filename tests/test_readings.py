"""The checked-in reading pages are exactly what the corpus generates, with an anchor per paragraph."""

import re
from pathlib import Path

import pytest
import yaml

from debatekit.content import corpus
from debatekit.render import readings

READINGS = Path(__file__).resolve().parents[1] / "book" / "readings"


@pytest.mark.parametrize("art", corpus.load_articles(), ids=lambda a: a.id)
def test_reading_page_is_in_sync_with_the_seed(art):
    page = READINGS / f"{art.id}.md"
    assert page.read_text(encoding="utf-8") == readings.reading_markdown(art), (
        f"{page} is out of date: run `.venv/bin/debatekit readings`"
    )


@pytest.mark.parametrize("art", corpus.load_articles(), ids=lambda a: a.id)
def test_every_paragraph_has_a_target_and_a_visible_number(art):
    source = readings.reading_markdown(art)
    for p in art.paragraphs:
        assert f"({p.pid})=\n[{p.number}](#{p.pid}){{.para-num}} " in source


def test_markup_characters_in_the_text_are_escaped():
    source = readings.reading_markdown(corpus.article("a000"))
    assert r"approximately \$5 billion annually" in source
    assert not re.search(r"(?<!\\)\$\d", source), "an unescaped $ would start maths"


def test_a004_footnotes_become_linked_footnotes():
    source = readings.reading_markdown(corpus.article("a004"))
    assert "escalation.”[^a004-1]" in source
    assert "[^a004-13]: <https://www.pism.pl/" in source


def test_dropped_noise_is_disclosed_on_the_page():
    assert "Removed from the scraped text as noise" in readings.reading_markdown(corpus.article("a003"))


# ---------------------------------------------------------------- the profile's guide link


def test_the_reading_page_links_the_guide_to_profiles_the_course_names():
    source = readings.reading_markdown(corpus.article("a000"))
    assert "How to read a profile: [Judging a source](#critical-sources)." in source


def _profile(aid: str) -> dict:
    fact = {"aspect": "author", "status": "unknown", "says": "The text names no author."}
    return {"article": aid, "facts": [fact], "weight": "Our advice: cite it as an unsigned text."}


@pytest.fixture
def second_course(tmp_path, monkeypatch):
    """A course made with the commands from tests/course2's two texts, with a source profile each."""
    from debatekit.cli import main
    from debatekit.content import course

    monkeypatch.delenv(course.ENV_COURSE, raising=False)
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "town"
    assert main(["new-course", str(root), "--title", "Harbour Town"]) == 0
    for text in ("gardens.txt", "parks.txt"):
        seed = READINGS.parents[1] / "tests" / "course2" / text
        assert main(["add-article", str(seed), "--course", str(root)]) == 0
    sources = {
        "aspects": [{"aspect_id": "author", "question": "Who wrote it?", "metadata": "author"}],
        "statuses": [{"status_id": "unknown", "name": "unknown", "meaning": "the text does not say"}],
        "profiles": [_profile("a000"), _profile("a001")],
    }
    (root / "data" / "sources.yml").write_text(yaml.safe_dump(sources, sort_keys=False))
    course.use(root)
    yield root
    course.use(None)


def test_a_course_without_a_guide_to_profiles_shows_the_profile_and_no_link(second_course):
    source = readings.reading_markdown(corpus.article("a000"))
    assert "Source profile of a000" in source and "The text names no author." in source
    assert "How to read a profile" not in source and "(#critical-sources)" not in source


def test_a_course_names_its_own_guide_to_profiles(second_course):
    path = second_course / "data" / "sources.yml"
    data = yaml.safe_load(path.read_text())
    data["guide"] = {"label": "reading-a001", "text": "The parks text"}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    source = readings.reading_markdown(corpus.article("a000"))
    assert "How to read a profile: [The parks text](#reading-a001)." in source
