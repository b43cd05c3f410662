"""The corpus splits every seed into headings and paragraphs with stable ids and loses no text."""

import re

import pytest

from debatekit.content import corpus

EXPECTED_PARAGRAPHS = {"a000": 40, "a001": 20, "a002": 6, "a003": 2, "a004": 15}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("aid", sorted(EXPECTED_PARAGRAPHS))
def test_paragraph_counts(aid):
    assert len(corpus.article(aid).paragraphs) == EXPECTED_PARAGRAPHS[aid]


@pytest.mark.parametrize("aid", sorted(EXPECTED_PARAGRAPHS))
def test_kept_and_dropped_text_is_the_whole_seed(aid):
    """Everything kept, plus what was recorded as dropped, is the seed (whitespace aside), in order."""
    art = corpus.article(aid)
    remaining = squash(art.raw)
    pieces = [b.text for b in art.blocks] + [f"[{n}]{url}" for n, url in sorted(art.references.items())]
    if art.title_source.startswith("first line"):
        pieces.insert(0, art.title_line)
    elif art.title_source.startswith("last line"):
        pieces.append(art.title_line)
    for drop in art.dropped:
        remaining = remaining.replace(squash(drop.text), "", 1)
    assert "".join(squash(p) for p in pieces) == remaining


@pytest.mark.parametrize("aid", sorted(EXPECTED_PARAGRAPHS))
def test_paragraph_ids_are_sequential_and_well_formed(aid):
    pids = [p.pid for p in corpus.article(aid).paragraphs]
    assert pids == [f"{aid}-p{n:02d}" for n in range(1, len(pids) + 1)]
    assert all(corpus.PARAGRAPH_ID.match(pid) for pid in pids)


def test_paragraph_lookup_and_clear_errors():
    p = corpus.paragraph("a001-p12")
    assert p.text.startswith("The forum for this is the NATO-Russia Council")
    with pytest.raises(corpus.CorpusError, match="a001 has paragraphs p01-p20"):
        corpus.paragraph("a001-p21")
    with pytest.raises(corpus.CorpusError, match="not a paragraph id"):
        corpus.paragraph("a1-7")
    with pytest.raises(corpus.CorpusError, match="known ids"):
        corpus.article("a009")


def test_a002_hard_wrapped_lines_are_joined_into_paragraphs():
    first = corpus.paragraph("a002-p01").text
    assert first.startswith("The protracted conflict in Ukraine")
    assert first.endswith("European security.")
    assert "\n" not in first and "  " not in first


def test_scraping_noise_is_dropped_and_recorded():
    dropped = {(d.article_id, d.text) for a in corpus.load_articles() for d in a.dropped}
    assert ("a003", "[ad_1]") in dropped and ("a003", "[ad_2]") in dropped
    assert ("a002", "Readers can review more background on world affairs here.") in dropped
    every_paragraph = " ".join(p.text for a in corpus.load_articles() for p in a.paragraphs)
    for _, text in dropped:
        assert text not in every_paragraph


def test_a004_footnote_markers_link_to_its_reference_list():
    art = corpus.article("a004")
    assert sorted(art.references) == list(range(1, 14))
    cited = sorted(m for p in art.paragraphs for m in p.footnotes)
    assert cited == list(range(1, 14)), "each of [1]..[13] is cited once, in order"
    assert corpus.paragraph("a004-p01").footnotes == (1, 2, 3, 4)
    assert all(url.startswith("https://") for url in art.references.values())


def test_headings_are_not_paragraphs():
    a000 = corpus.article("a000")
    headings = [h.text for h in a000.headings]
    assert "Cost Savings" in headings and "Introduction" in headings
    assert corpus.paragraph("a000-p07").section == "Cost Savings"
    assert a000.title_line.startswith("US-Russia Diplomatic Engagement")


def test_concordance_finds_case_insensitive_hits_with_context():
    hits = corpus.concordance("black sea")
    assert [h["pid"] for h in hits] == ["a000-p14", "a000-p31", "a001-p12"]
    assert all(h["match"].lower() == "black sea" for h in hits)
    assert corpus.concordance("   ") == []
