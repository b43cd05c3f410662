"""The checked-in reading pages are exactly what the corpus generates, with an anchor per paragraph."""

import re
from pathlib import Path

import pytest

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
