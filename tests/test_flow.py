"""The flow sheet and speech timer model (debatekit.models.flow) and the widget's Python side."""

from __future__ import annotations

import pytest
import traitlets

from debatekit.content import formats, motions
from debatekit.models import flow
from debatekit.render import flow as flow_sheet
from debatekit.widgets import FlowWidget

OXFORD = flow.flow_format("oxford")
P1 = {"speech": 2, "item": "P1", "answers": None}
P1_ANSWER = {"speech": 3, "item": "P1.r1", "answers": {"speech": 2, "item": "P1"}}


def m01(*entries):
    return flow.new_flow("m01", list(entries))


# --- formats and items ---------------------------------------------------------------------------


def test_only_speeches_that_belong_to_a_side_get_a_column():
    # Oxford: 1 vote, 2-5 speeches, 6 moderator's questions, 7-8 closers, 9 vote
    assert [s["order"] for s in OXFORD["speeches"]] == [2, 3, 4, 5, 7, 8]
    for fid in formats.formats():
        assert all(s["side"] in formats.get_format(fid).sides for s in flow.flow_format(fid)["speeches"])


def test_items_are_each_sides_arguments_and_the_rebuttals_the_other_side_can_give():
    m = motions.motion("m01")
    items = {i["item_id"]: i for i in flow.flow_motion("m01")["items"]}
    assert items["P1"]["claim"] == m.proposition[0].claim and items["P1"]["side"] == "proposition"
    assert items["P1.r1"]["side"] == "opposition" and items["P1.r1"]["answers"] == "P1"
    assert items["P1.r1"]["claim"] == m.proposition[0].rebuttals[0].text
    assert items["O3"]["card_ids"] == list(m.opposition[2].card_ids)


# --- the timer -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "phase", "clock"),
    [
        (0, "ready", "06:00"),
        (0.2, "on-time", "06:00"),  # 359.8 s left, shown rounded up
        (299, "on-time", "01:01"),
        (300, "final-minute", "01:00"),
        (329.5, "final-minute", "00:31"),
        (330, "final-30", "00:30"),
        (359.99, "final-30", "00:01"),
        (360, "overtime", "+00:00"),
        (375.9, "overtime", "+00:15"),
        (460, "overtime", "+01:40"),
    ],
)
def test_a_six_minute_speech_warns_at_one_minute_thirty_seconds_and_overtime(elapsed, phase, clock):
    t = flow.timer(6, elapsed)
    assert (t["phase"], t["clock"]) == (phase, clock)
    assert t["label"] == flow.PHASE_LABELS[phase]


def test_clock_minutes_keep_counting_past_an_hour():
    assert flow.format_clock(3725) == "62:05"


# --- checking a flow -----------------------------------------------------------------------------


def test_a_rebuttal_can_answer_an_earlier_point_of_the_other_side():
    result = flow_sheet.compute(OXFORD, m01(P1, P1_ANSWER))
    assert [s["entries"] for s in result["speeches"][:2]] == [["P1"], ["P1.r1"]]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [{"speech": 3, "item": "P1", "answers": None}],
            "flow entry 1: P1 is a proposition item but speech 3",
        ),
        (
            [{"speech": 6, "item": "P1", "answers": None}],
            "speech 6 is not a speech of Oxford-style with a side",
        ),
        ([{"speech": 2, "item": "P7", "answers": None}], "unknown argument 'P7' for motion m01"),
        ([P1, P1], "flow entry 2: P1 is already in speech 2"),
        ([{"speech": 3, "item": "O1", "answers": {"speech": 2, "item": "P1"}}], "not on the flow"),
        (
            [P1, {"speech": 4, "item": "P2", "answers": {"speech": 2, "item": "P1"}}],
            "an argument of its own side",
        ),
        (
            [
                {"speech": 3, "item": "O1", "answers": None},
                {"speech": 2, "item": "P1", "answers": {"speech": 3, "item": "O1"}},
            ],
            "not an earlier speech",
        ),  # fmt: skip
    ],
)
def test_a_bad_entry_is_rejected_naming_it(entries, message):
    with pytest.raises(ValueError, match=message):
        flow_sheet.compute(OXFORD, m01(*entries))


@pytest.mark.parametrize(
    ("elapsed", "message"),
    [
        ({"2": -1}, "elapsed time of speech 2 is -1"),
        ({"9": 5}, "elapsed names speech 9"),
        ({"²": 5}, "speech ²"),
    ],
)
def test_bad_elapsed_times_are_rejected(elapsed, message):
    with pytest.raises(ValueError, match=message):
        flow_sheet.compute(OXFORD, m01(), elapsed)


# --- the Markdown export -------------------------------------------------------------------------


def test_markdown_has_a_section_per_speech_with_its_entries_and_links():
    md = flow_sheet.flow_markdown(OXFORD, m01(P1, P1_ANSWER), {"2": 330})
    sections = md.split("\n## ")[1:]
    assert [s.split(":")[0] for s in sections] == [f"Speech {n}" for n in (2, 3, 4, 5, 7, 8)]
    assert sections[0].startswith("Speech 2: Proposition opener (Proposition, 06:00)")
    assert "Time: 00:30 left (30 seconds left)." in sections[0]
    assert "- **P1** Only relief coordinated with the EU" in sections[0]
    assert "(cards a001-c09, a001-c11, a001-c12, a001-c13)" in sections[0]
    assert "- **P1.r1** (rebuttal to P1) " in sections[1] and "↩ answers **P1** in speech 2" in sections[1]
    assert "*Nothing flowed.*" in sections[2] and "Time:" not in sections[2]


def test_markdown_escapes_markup_in_claims():
    speech = {"order": 1, "speaker": "Lead", "side": "A", "minutes": 1, "kind": "constructive"}
    fmt = {"format_id": "x", "name": "Test", "sides": ["A", "B"], "speeches": [speech]}
    claim = "Costs $5 *billion* [sic]"
    arg = {
        "item_id": "P1",
        "side": "proposition",
        "kind": "argument",
        "claim": claim,
        "card_ids": ["a000-c04"],
    }
    items = [{**arg, "answers": None}]
    data = {
        "motion_id": "m99",
        "motion": "A <motion>",
        "items": items,
        "entries": [{"speech": 1, "item": "P1"}],
    }
    md = flow_sheet.flow_markdown(fmt, data)
    assert r"Costs \$5 \*billion\* \[sic\]" in md
    assert r"# Flow sheet: A \<motion\>" in md


# --- the widget's Python side --------------------------------------------------------------------


def test_widget_flow_and_markdown_follow_its_entries():
    w = FlowWidget("oxford", "m01")
    w.add(2, "P1")
    w.add(3, "P1.r1", answers=(2, "P1"))
    assert list(w.flow["item"]) == ["P1", "P1.r1"]
    assert w.flow.loc[1, "answers"] == "P1 (speech 2)"
    assert w.export_markdown() == flow_sheet.flow_markdown(OXFORD, m01(P1, P1_ANSWER))
    assert w.markdown.startswith("# Flow sheet: This House would lift sanctions")


def test_widget_timers_read_the_synced_elapsed_times():
    w = FlowWidget("ld", "m02", elapsed={"1": 330})
    assert w.timers.loc[1, "phase"] == "final-30"  # the 6-minute affirmative constructive
    assert w.timers.loc[2, "phase"] == "ready"


def test_widget_rejects_an_entry_on_the_wrong_side():
    w = FlowWidget("bp", "m04")
    with pytest.raises(
        traitlets.TraitError, match="is a proposition item but speech 3 is for the opposition"
    ):
        w.add(3, "P2")
    assert w.entries == []


def test_a_new_format_keeps_a_flow_that_still_fits_and_clears_one_that_does_not():
    w = FlowWidget("oxford", "m01", entries=[P1])
    w.format_id = "bp"  # speech 2 is the Prime Minister, also on the proposition side
    assert w.entries == [P1]
    w.format_id = "ld"  # speech 2 is the Negative's cross-examination: P1 no longer fits
    assert w.entries == []


def test_widget_rejects_unknown_formats_and_motions():
    with pytest.raises(ValueError, match="unknown debate format 'lincoln'"):
        FlowWidget("lincoln")
    w = FlowWidget()
    with pytest.raises(traitlets.TraitError, match="unknown motion 'm77'"):
        w.motion_id = "m77"


def test_static_fallback_has_a_row_per_speech_and_shows_what_was_flowed():
    w = FlowWidget("oxford", "m01", entries=[P1, P1_ANSWER])
    html = w.static_fallback().to_html()
    assert html.count("<tr>") == 1 + 6
    assert "[answers P1 in speech 2]" in html
