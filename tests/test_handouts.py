"""Printable handouts: what each one holds, that it is escaped and self-contained, and that Chromium
prints it to a sane number of pages with the flow sheet on one landscape page."""

from __future__ import annotations

import dataclasses
import io
import re
from html import escape, unescape

import pytest

from debatekit.cli import main
from debatekit.content import corpus, formats, motions, scoring
from debatekit.render.handouts import FLOW_ROWS, handout_html, write_handouts

CARD = re.compile(
    r'<div class=card><p><span class=ids>(?P<card>[^ ]+) · paragraph (?P<pid>[^<]+)</span>.*?'
    r"<blockquote>“(?P<quote>.*?)”</blockquote>",
    re.S,
)
#: PDF page sizes in points (portrait width, height).
PAPER_POINTS = {"a4": (595, 842), "letter": (612, 792)}


@pytest.fixture(scope="module")
def handouts() -> dict[str, str]:
    return {m.motion_id: handout_html(m.motion_id) for m in motions.motions()}


def _section(html: str, cls: str, side: str | None = None) -> str:
    attr = f' data-side="{side}"' if side else ""
    start = html.index(f'<section class="sheet {cls}"{attr}>')
    return html[start : html.index("</section>", start)]


def test_every_quote_is_verbatim_in_the_paragraph_it_cites(handouts):
    checked = 0
    for mid, html in handouts.items():
        for card in CARD.finditer(html):
            paragraph = corpus.normalise_space(corpus.paragraph(card["pid"]).text)
            assert corpus.normalise_space(unescape(card["quote"])) in paragraph, (mid, card["card"])
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("side", motions.SIDES)
def test_each_packet_holds_exactly_the_cards_its_side_cites(handouts, side):
    for m in motions.motions():
        packet = _section(handouts[m.motion_id], "packet", side)
        shown = {c["card"] for c in CARD.finditer(packet)}
        assert shown == set(motions.case_cards(m, side)) | set(motions.rebuttal_cards(m, side)), m.motion_id
        for argument in m.side(side):
            assert unescape(re.sub(r"<[^>]+>", "", packet)).count(argument.claim) == 1


@pytest.mark.parametrize("format_id", sorted(formats.formats()))
def test_flow_sheet_has_one_column_per_speech_and_blank_rows(format_id):
    fmt = formats.get_format(format_id)
    flow = _section(handout_html("m01", format_id), "flow")
    speeches = [s for s in fmt.speeches if s.team is not None]
    headers = re.findall(r"<th scope=col>(\d+)\. ([^<]+)<br>", flow)
    assert [(int(n), unescape(who)) for n, who in headers] == [(s.order, s.speaker) for s in speeches]
    assert flow.count("<tr><td></td>") == FLOW_ROWS
    assert "<td></td>" * len(speeches) in flow


@pytest.mark.parametrize("format_id", ["oxford", "bp"])
def test_ballot_lists_every_criterion_with_a_score_column_per_team(format_id):
    ballot, fmt = scoring.ballot(), formats.get_format(format_id)
    section = _section(handout_html("m02", format_id), "ballot")
    teams = [unescape(t) for t in re.findall(r"<th scope=col>([^<]+)</th>", section)[2:]]
    assert teams == [t.team for t in fmt.teams]
    for c in ballot.criteria:
        assert f"<th scope=row>{escape(c.name)} <span class=note>(out of {c.points})" in section
    assert section.count("<td class=score></td>") == (len(ballot.criteria) + 1) * len(teams)
    assert f"(out of {sum(c.points for c in ballot.criteria)})" in section


def test_every_piece_of_text_is_escaped(monkeypatch):
    real = motions.motion("m03")
    text = 'This House <script>alert("x")</script> & more'
    hostile = dataclasses.replace(real, text=text, context="<b>ours</b>")
    monkeypatch.setattr(motions, "motion", lambda mid: hostile)
    html = handout_html("m03")
    assert "<script" not in html and "<b>" not in html
    assert "This House &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html


def test_a_handout_is_self_contained_with_print_css(handouts):
    for html in handouts.values():
        assert not re.search(r"<script|<link|\b(src|href)\s*=", html, re.I)
        assert "@page { size: A4;" in html and "@page flow { size: A4 landscape;" in html
        assert "break-before: page" in html and "<nav" not in html


def test_unknown_motion_format_or_paper_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(ValueError, match=r"unknown motion 'm99'; choose one of \['m01'"):
        write_handouts("m99", tmp_path)
    with pytest.raises(ValueError, match="unknown debate format 'chess'"):
        handout_html("m01", "chess")
    with pytest.raises(ValueError, match="unknown paper size 'a3'"):
        handout_html("m01", paper="a3")
    assert main(["handouts", "m99", "--out", str(tmp_path)]) == 2
    assert "unknown motion 'm99'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_command_writes_one_page_per_motion_with_all(tmp_path, capsys):
    assert main(["handouts", "all", "--out", str(tmp_path), "--format", "ld"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{m.motion_id}-ld.html" for m in motions.motions())
    assert capsys.readouterr().out.count("wrote ") == len(written)


def _print(browser, html: str) -> tuple[list[tuple[int, int]], str]:
    """Print a handout with Chromium; return each PDF page's (width, height) in points and the text."""
    from pypdf import PdfReader

    page = browser.new_page()
    page.set_content(html, wait_until="load")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.close()
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages]
    return sizes, " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


@pytest.mark.parametrize("motion_id", [m.motion_id for m in motions.motions()])
def test_each_handout_prints_to_a_sane_number_of_a4_pages(browser, handouts, motion_id):
    sizes, text = _print(browser, handouts[motion_id])
    portrait = PAPER_POINTS["a4"]
    assert 4 <= len(sizes) <= 12, f"{motion_id}: {len(sizes)} pages"
    assert sizes.count(portrait[::-1]) == 1, "the flow sheet should fill exactly one landscape page"
    assert set(sizes) == {portrait, portrait[::-1]}
    cards = {c["card"] for c in CARD.finditer(handouts[motion_id])}
    assert all(cid in text for cid in cards), "a card went missing in print"


def test_letter_paper_and_british_parliamentary_print_too(browser):
    sizes, text = _print(browser, handout_html("m04", "bp", paper="letter"))
    portrait = PAPER_POINTS["letter"]
    assert 4 <= len(sizes) <= 12 and set(sizes) == {portrait, portrait[::-1]}
    assert sizes.count(portrait[::-1]) == 1
    assert "Opening Government" in text and "Closing Opposition" in text
