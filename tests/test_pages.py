"""What the debate, instructor and reference pages display: MyST links, tables and the timeline."""

from __future__ import annotations

import re

import matplotlib
import pytest

from debatekit.content import corpus, evidence, formats, glossary, motions, scoring
from debatekit.render import pages, timeline

matplotlib.use("Agg")


def _links(text: str) -> list[str]:
    return re.findall(r"\]\(#([\w-]+)\)", text)


def test_paragraph_link_points_at_the_anchor_and_refuses_unknown_ids():
    assert pages.paragraph_link("a001-p07") == "[a001-p07](#a001-p07)"
    with pytest.raises(LookupError):
        pages.paragraph_link("a001-p99")


def test_quote_block_quotes_the_card_verbatim_with_its_paragraph():
    block = pages.quote_block("a004-c16")
    card = evidence.card("a004-c16")
    unescaped = re.sub(r"\\(.)", r"\1", block)
    assert f"“{card['quote']}”" in unescaped
    assert _links(block) == [card["paragraph_id"]]


def test_markdown_table_escapes_text_cells_but_not_raw_ones():
    import pandas as pd

    table = pd.DataFrame({"text": ["a | b", "$5 *x*"], "link": ["[p](#a000-p01)", "[q](#a000-p02)"]})
    md = pages.markdown_table(table, raw=["link"])
    assert r"a \| b" in md and r"\$5 \*x\*" in md
    assert "[p](#a000-p01)" in md and md.count("\n") == 3


def test_argument_markdown_quotes_every_card_and_answer_of_the_argument():
    m = motions.motion("m10")
    arg = m.proposition[1]
    text = pages.argument_markdown("m10", "proposition", 2, rebuttals=True)
    cited = [*arg.card_ids, *(c for r in arg.rebuttals for c in r.card_ids)]
    assert [f"`{c}`" in text for c in cited] == [True] * len(cited)
    assert set(_links(text)) == {evidence.card(c)["paragraph_id"] for c in cited}
    with pytest.raises(ValueError, match="arguments 1 to 3, not 4"):
        pages.argument_markdown("m10", "opposition", 4)


def test_weigh_pair_names_the_argument_each_tag_favours():
    table = pages.weigh_pair("m06", ("proposition", 1), ("opposition", 3)).set_index("tag")
    assert table.loc["probability", "weighs more"] == "proposition 1"
    assert table.loc["reversibility", "weighs more"] == "opposition 3"
    assert table.loc["magnitude", "weighs more"] == "even"


def test_impact_rank_covers_every_tag_value():
    assert {t: set(r) for t, r in pages.IMPACT_RANK.items()} == {
        t: set(v) for t, v in motions.IMPACT_TAGS.items()
    }


def test_running_order_starts_each_step_where_the_last_ended():
    table = pages.running_order("bp")
    starts = [float(x) for x in table["starts at minute"]]
    minutes = [float(x) for x in table["minutes"]]
    assert starts == [sum(minutes[:i]) for i in range(len(minutes))]
    assert table.iloc[0]["team"] == "whole room"


def test_formats_overview_and_flow_skeleton_come_from_the_format_data():
    assert list(pages.formats_overview()["id"]) == list(formats.formats())
    columns = list(pages.flow_skeleton("oxford").columns)
    assert columns[0] == "2. Proposition opener" and len(columns) == 6  # no votes, no questions


def test_packets_link_every_card_of_each_side():
    for side in motions.SIDES:
        packet = motions.evidence_packet("m10", side)
        md = pages.packet_markdown("m10", side)
        assert md.count("\n") == len(packet) + 1
        assert set(_links(md)) == set(packet["paragraph_id"])


def test_links_touching_lists_only_links_that_share_a_card_with_the_motion():
    md = pages.links_touching("m10")
    cards = pages.motion_cards("m10")
    links = evidence.links()
    shown = [cards & (set(a) | set(b)) for a, b in zip(links["cards_a"], links["cards_b"], strict=True)]
    assert md.count("\n") == sum(map(bool, shown)) + 1 and any(shown)


def test_glossary_markdown_has_every_term_and_links_only_known_paragraphs():
    md = pages.glossary_markdown()
    terms = glossary.glossary()
    assert md.startswith("````{glossary}") and md.rstrip().endswith("````")
    known = set(corpus.paragraph_ids())
    assert set(_links(md)) <= known
    assert len(_links(md)) == sum(len(p) for p in terms["paragraph_ids"])


def test_score_answer_awards_each_criterion_its_share():
    criteria = [{"criterion": "a", "points": 2}, {"criterion": "b", "points": 1}]
    table = scoring.score_answer(criteria, ["partial", "full"])
    assert list(table["awarded"]) == [1, 1]
    with pytest.raises(ValueError, match="2 criteria but 1 levels"):
        scoring.score_answer(criteria, ["full"])
    with pytest.raises(KeyError, match="no rubric level 'most'"):
        scoring.score_answer(criteria, ["most", "full"])


def test_timeline_draws_one_segment_per_step_of_every_format():
    fig = timeline.plot_running_orders()
    axes = fig.axes
    assert len(axes) == len(formats.formats())
    for ax, fid in zip(axes, formats.formats(), strict=True):
        assert len(ax.patches) == len(formats.speeches(fid))
        assert ax.get_title(loc="left") == formats.get_format(fid).name


def test_running_orders_png_is_a_png_image():
    data = timeline.running_orders_png(["oxford"], dpi=40)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000
