"""Debate formats, role assignment, glossary, motions and cases: the specification in tests."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from debatekit.content import corpus, evidence, formats, glossary, motions
from debatekit.content.files import DataError, data_path
from debatekit.models import roles

FORMAT_IDS = ("oxford", "bp", "ld", "sac")


def _names(n: int) -> list[str]:
    return [f"Student {i:02d}" for i in range(1, n + 1)]


def _broken_copy(tmp_path: Path, name: str, edit) -> Path:
    """A copy of a packaged data file with one mistake made by ``edit(records)``."""
    records = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
    edit(records)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- formats


def test_the_four_formats_are_available():
    assert set(formats.formats()) == set(FORMAT_IDS)


@pytest.mark.parametrize("format_id", FORMAT_IDS)
def test_speeches_are_numbered_in_running_order_with_positive_minutes(format_id):
    table = formats.speeches(format_id)
    assert list(table["order"]) == list(range(1, len(table) + 1))
    assert (table["minutes"] > 0).all()
    assert list(table["start_minute"]) == list(table["minutes"].cumsum() - table["minutes"])


@pytest.mark.parametrize("format_id", FORMAT_IDS)
def test_every_speaking_role_has_a_speech_on_its_own_teams_side(format_id):
    fmt = formats.get_format(format_id)
    table = formats.speeches(format_id)
    for team in fmt.teams:
        for role in team.roles:
            mine = table[table["speaker"] == role]
            assert len(mine) >= 1
            assert set(mine["team"]) == {team.team} and set(mine["side"]) == {team.side}


def test_british_parliamentary_has_eight_seven_minute_speeches_over_four_teams():
    table = formats.speeches("bp")
    spoken = table[table["kind"] != "prep"]
    assert len(spoken) == 8
    assert set(spoken["minutes"]) == {7}
    assert spoken["team"].nunique() == 4
    assert spoken.groupby("team").size().tolist() == [2, 2, 2, 2]
    assert list(spoken["side"]) == ["Government", "Opposition"] * 4
    assert table.iloc[0]["kind"] == "prep" and table.iloc[0]["minutes"] == 15


def test_lincoln_douglas_runs_six_three_seven_three_four_six_three_with_prep():
    table = formats.speeches("ld")
    assert list(table["minutes"]) == [6, 3, 7, 3, 4, 6, 3]
    assert list(table["kind"]).count("cross-examination") == 2
    assert formats.total_minutes("ld", include_prep=False) == 32
    assert formats.total_minutes("ld") == 32 + 4 + 4


def test_oxford_style_opens_and_closes_with_an_audience_vote():
    table = formats.speeches("oxford")
    assert table.iloc[0]["kind"] == "vote" and table.iloc[-1]["kind"] == "vote"
    assert {"constructive", "rebuttal", "summary", "questions"} <= set(table["kind"])
    per_side = table.dropna(subset=["side"]).groupby("side")["minutes"].sum()
    assert per_side["Proposition"] == per_side["Opposition"]


def test_structured_academic_controversy_presents_restates_switches_and_agrees_in_that_order():
    table = formats.speeches("sac")
    kinds = list(table["kind"])
    first_restate, consensus = kinds.index("restatement"), kinds.index("consensus")
    switch_prep = max(i for i, k in enumerate(kinds) if k == "prep")
    assert kinds.index("constructive") < first_restate < switch_prep < consensus
    switched = table.iloc[switch_prep + 1 : consensus]
    assert set(switched["team"]) == {"Pair A", "Pair B"}


def test_total_minutes_counts_prep_steps_only_when_asked():
    table = formats.speeches("bp")
    assert formats.total_minutes("bp") == table["minutes"].sum() == 71
    assert formats.total_minutes("bp", include_prep=False) == 56


def test_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown debate format 'worlds'.*\['bp', 'ld', 'oxford', 'sac'\]"):
        formats.get_format("worlds")


# ---------------------------------------------------------------- role assignment


def test_same_seed_gives_the_same_assignment():
    first = roles.assign_roles(_names(23), "bp", seed=7)
    again = roles.assign_roles(_names(23), "bp", seed=7)
    pd.testing.assert_frame_equal(first, again)


def test_another_seed_gives_a_different_assignment():
    a = roles.assign_roles(_names(23), "bp", seed=7)
    b = roles.assign_roles(_names(23), "bp", seed=8)
    assert list(a["name"]) != list(b["name"])


def test_assignment_does_not_depend_on_roster_order():
    names = _names(17)
    a = roles.assign_roles(names, "oxford", seed=3)
    b = roles.assign_roles(list(reversed(names)), "oxford", seed=3)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("format_id", FORMAT_IDS)
@pytest.mark.parametrize("size", [8, 9, 13, 24, 31])
def test_every_student_is_assigned_exactly_once_and_every_speaking_role_is_filled(format_id, size):
    fmt = formats.get_format(format_id)
    table = roles.assign_roles(_names(size), format_id, seed=1)
    assert sorted(table["name"]) == _names(size)
    for _room, seats in table.groupby("room"):
        for team in fmt.teams:
            for role in team.roles:
                holders = seats[(seats["team"] == team.team) & (seats["role"] == role)]
                assert len(holders) == 1
                assert holders.iloc[0]["side"] == team.side and len(holders.iloc[0]["speech_order"]) >= 1


@pytest.mark.parametrize("format_id", FORMAT_IDS)
@pytest.mark.parametrize("size", [8, 9, 13, 24, 31])
def test_team_sizes_differ_by_at_most_one(format_id, size):
    table = roles.assign_roles(_names(size), format_id, seed=2)
    sizes = table.dropna(subset=["team"]).groupby(["room", "team"]).size()
    assert sizes.max() - sizes.min() <= 1
    rooms = table.groupby("room").size()
    assert rooms.max() - rooms.min() <= 1


def test_a_large_class_runs_parallel_rooms_and_extras_become_officials():
    table = roles.assign_roles(_names(23), "bp", seed=5)
    assert sorted(table["room"].unique()) == [1, 2]
    officials = table[table["team"].isna()]
    assert len(officials) == 23 - 16
    assert set(officials["role"]) == {"Chair judge", "Timekeeper", "Wing judge"}
    assert (officials["speaking_minutes"] == 0).all()


def test_oxford_fills_teams_with_researchers_before_the_audience():
    table = roles.assign_roles(_names(20), "oxford", seed=5)
    counts = table["role"].value_counts()
    assert counts["Researcher"] == 4
    assert counts["Moderator"] == 1 and counts["Timekeeper"] == 1
    assert counts["Audience member"] == 20 - 6 - 4 - 2


def test_lincoln_douglas_rooms_each_get_a_judge():
    table = roles.assign_roles(_names(10), "ld", seed=5)
    assert table["room"].nunique() == 3
    assert (table.groupby("room")["role"].apply(lambda r: (r == "Judge").sum()) == 1).all()


def test_speakers_carry_their_speech_numbers_and_minutes():
    table = roles.assign_roles(_names(2), "ld", seed=0).set_index("role")
    assert table.loc["Affirmative", "speech_order"] == (1, 4, 5, 7)
    assert table.loc["Affirmative", "speaking_minutes"] == 6 + 3 + 4 + 3
    assert table.loc["Negative", "speech_order"] == (2, 3, 6)


def test_roster_is_read_from_a_csv_name_column(tmp_path):
    path = tmp_path / "class.csv"
    path.write_text("Name,email\n Ana  Lima ,a@x\nBo Chen,b@x\nCy Diaz,c@x\nDee Eke,d@x\n", encoding="utf-8")
    table = roles.assign_roles(path, "sac", seed=4)
    assert sorted(table["name"]) == ["Ana Lima", "Bo Chen", "Cy Diaz", "Dee Eke"]


def test_empty_roster_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("name\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty.csv: the roster is empty"):
        roles.assign_roles(path, "bp", seed=1)
    with pytest.raises(ValueError, match="the roster is empty"):
        roles.assign_roles([], "bp", seed=1)


def test_duplicated_names_are_refused_and_named_ignoring_case_and_spacing(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("name\nAna Lima\nBo Chen\nana  lima\nCy\nBO CHEN \nDee\n", encoding="utf-8")
    expected = r"duplicated names.*'Ana Lima' in rows \[2, 4\].*'Bo Chen' in rows \[3, 6\]"
    with pytest.raises(ValueError, match=expected):
        roles.assign_roles(path, "ld", seed=1)


def test_missing_name_column_is_refused(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("student,email\nAna,a@x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"wrong.csv: no 'name' column \(found \['student', 'email'\]\)"):
        roles.assign_roles(path, "ld", seed=1)


def test_blank_names_are_refused_with_their_rows(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("name,email\nAna,a@x\n  ,b@x\nBo,c@x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"blank.csv: blank name in row\(s\) \[3\]"):
        roles.assign_roles(path, "ld", seed=1)


def test_empty_padding_rows_in_a_csv_are_skipped_and_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "padded.csv"
    path.write_text("name\nAna\n\n,\nBo\nana\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'Ana' in rows \[2, 6\]"):
        roles.assign_roles(path, "ld", seed=1)


def test_unknown_format_is_refused_by_assign_roles():
    with pytest.raises(ValueError, match="unknown debate format 'parliament'"):
        roles.assign_roles(_names(10), "parliament", seed=1)


@pytest.mark.parametrize(("format_id", "needed"), [("bp", 8), ("oxford", 6), ("sac", 4), ("ld", 2)])
def test_too_few_students_is_refused_saying_how_many_are_needed(format_id, needed):
    with pytest.raises(ValueError, match=f"needs at least {needed} students.*the roster has {needed - 1}"):
        roles.assign_roles(_names(needed - 1), format_id, seed=1)


# ---------------------------------------------------------------- glossary


def test_glossary_has_at_least_25_terms_with_definitions():
    table = glossary.glossary()
    assert len(table) >= 25
    assert table["term"].is_unique
    assert table["definition"].str.len().gt(20).all()


def test_every_glossary_term_occurs_in_at_least_one_paragraph():
    texts = {
        pid: corpus.normalise_space(corpus.paragraph(pid).text).lower() for pid in corpus.paragraph_ids()
    }
    for row in glossary.glossary().itertuples():
        assert row.paragraph_ids, row.term
        for pid in row.paragraph_ids:
            assert any(alias.lower() in texts[pid] for alias in row.aliases), (row.term, pid)


def test_glossary_card_links_are_the_cards_whose_quotes_use_the_term():
    cards = evidence.cards().set_index("card_id")
    table = glossary.glossary().set_index("term")
    for term in table.index:
        aliases = [a.lower() for a in table.loc[term, "aliases"]]
        for cid in table.loc[term, "card_ids"]:
            assert any(a in cards.loc[cid, "quote"].lower() for a in aliases), (term, cid)
    assert "a000-p32" in table.loc["Nord Stream 2", "paragraph_ids"]
    linked = [cid for cid in cards.index if "nord stream 2" in cards.loc[cid, "quote"].lower()]
    assert table.loc["Nord Stream 2", "card_ids"] == linked


def test_glossary_matches_whole_words_only():
    table = glossary.glossary().set_index("term")
    # the alias "deter" must not match "deterioration", the only deter- word in a004-p01
    deter = table.loc["Deterrence", "paragraph_ids"]
    assert "a004-p01" not in deter
    assert "deteriorat" in corpus.paragraph("a004-p01").text


def test_a_glossary_alias_not_in_the_articles_is_a_data_error(tmp_path):
    def edit(records):
        records[2]["aliases"] = ["Open Skies Treaty", "Treaty on Open Skies"]

    with pytest.raises(DataError, match=r"glossary.yml: entry Open Skies Treaty: field 'aliases': "
                       r"'Treaty on Open Skies' occurs in no paragraph"):  # fmt: skip
        glossary.load_glossary(_broken_copy(tmp_path, "glossary.yml", edit))


def test_a_glossary_entry_without_a_definition_is_a_data_error(tmp_path):
    def edit(records):
        del records[5]["definition"]

    with pytest.raises(DataError, match=r"glossary.yml: entry .*: field 'definition': missing"):
        glossary.load_glossary(_broken_copy(tmp_path, "glossary.yml", edit))


# ---------------------------------------------------------------- broken formats files


def test_a_format_speech_with_a_speaker_from_another_team_is_a_data_error(tmp_path):
    def edit(records):
        bp = next(r for r in records if r["format_id"] == "bp")
        bp["speeches"][2]["speaker"] = "Government Whip"

    with pytest.raises(DataError, match=r"formats.yml: entry bp: field 'speeches\[3\].speaker': "
                       r"'Government Whip' is not a role of team 'Opening Opposition'"):  # fmt: skip
        formats.load_formats(_broken_copy(tmp_path, "formats.yml", edit))


def test_a_format_speech_with_zero_minutes_is_a_data_error(tmp_path):
    def edit(records):
        records[0]["speeches"][1]["minutes"] = 0

    with pytest.raises(DataError, match=r"formats.yml: entry oxford: field 'speeches\[2\].minutes'"):
        formats.load_formats(_broken_copy(tmp_path, "formats.yml", edit))


def test_speeches_out_of_order_are_a_data_error(tmp_path):
    def edit(records):
        ld = next(r for r in records if r["format_id"] == "ld")
        ld["speeches"][3]["order"] = 5

    with pytest.raises(DataError, match=r"entry ld: field 'speeches\[4\].order': is 5; .* so this one is 4"):
        formats.load_formats(_broken_copy(tmp_path, "formats.yml", edit))


def test_several_mistakes_in_a_formats_file_are_all_reported(tmp_path):
    def edit(records):
        records[0]["speeches"][1]["kind"] = "speech"
        del records[3]["result"]

    with pytest.raises(DataError) as caught:
        formats.load_formats(_broken_copy(tmp_path, "formats.yml", edit))
    message = str(caught.value)
    assert "2 problems" in message
    assert "entry oxford: field 'speeches[2].kind'" in message and "entry sac: field 'result'" in message


def test_the_packaged_formats_have_no_duplicate_roles():
    for fmt in formats.formats().values():
        roles = [r for t in fmt.teams for r in t.roles] + list(fmt.officials)
        assert not [r for r, n in collections.Counter(roles).items() if n > 1], fmt.format_id


# ---------------------------------------------------------------- motions and cases

def _cards() -> pd.DataFrame:
    return evidence.cards().set_index("card_id")


def _all_arguments():
    for m in motions.motions():
        for side in motions.SIDES:
            for n, arg in enumerate(m.side(side), 1):
                yield m, side, n, arg


def test_there_are_at_least_eight_motions_with_unique_ids():
    ids = [m.motion_id for m in motions.motions()]
    assert len(ids) >= 8 and len(set(ids)) == len(ids)
    assert all(m.text.startswith("This House ") for m in motions.motions())


def test_each_side_has_at_least_three_arguments_in_claim_warrant_impact_form():
    for m in motions.motions():
        for side in motions.SIDES:
            assert len(m.side(side)) >= 3, (m.motion_id, side)
    for m, side, n, arg in _all_arguments():
        assert arg.claim and arg.warrant and arg.impact, (m.motion_id, side, n)


def test_every_argument_cites_a_card_and_has_a_rebuttal_citing_a_card():
    for m, side, n, arg in _all_arguments():
        assert arg.card_ids, (m.motion_id, side, n)
        assert arg.rebuttals, (m.motion_id, side, n)
        assert all(r.text and r.card_ids for r in arg.rebuttals), (m.motion_id, side, n)


def test_every_cited_card_exists():
    known = set(_cards().index)
    for m, side, n, arg in _all_arguments():
        cited = list(arg.card_ids) + [c for r in arg.rebuttals for c in r.card_ids]
        missing = [c for c in cited if c not in known]
        assert not missing, (m.motion_id, side, n, missing)


def test_impact_tags_take_allowed_values():
    allowed = {
        "magnitude": {"high", "medium", "low"},
        "probability": {"high", "medium", "low"},
        "timeframe": {"short", "medium", "long"},
        "reversibility": {"reversible", "partly", "irreversible"},
    }
    for m, side, n, arg in _all_arguments():
        assert set(arg.impact_tags) == set(allowed), (m.motion_id, side, n)
        for tag, value in arg.impact_tags.items():
            assert value in allowed[tag], (m.motion_id, side, n, tag, value)


def test_neither_side_has_fewer_arguments_cited_cards_or_rebuttals():
    for m in motions.motions():
        prop, opp = m.proposition, m.opposition
        assert len(prop) == len(opp), m.motion_id
        prop_cards = {c for a in prop for c in a.card_ids}
        opp_cards = {c for a in opp for c in a.card_ids}
        assert len(prop_cards) == len(opp_cards), m.motion_id
        # rebuttals listed under an opposition argument are the proposition's answers, and vice versa
        by_prop = [r for a in opp for r in a.rebuttals]
        by_opp = [r for a in prop for r in a.rebuttals]
        assert len(by_prop) == len(by_opp), m.motion_id
        assert len({c for r in by_prop for c in r.card_ids}) == len({c for r in by_opp for c in r.card_ids})


def test_strength_table_reports_equal_rows():
    for m in motions.motions():
        table = motions.strength(m)
        assert table.loc["proposition"].equals(table.loc["opposition"]), m.motion_id
        assert table.loc["proposition", "arguments"] == len(m.proposition)


def test_quoted_words_in_warrants_and_rebuttals_are_in_the_cited_cards():
    """Anything we put in quotation marks must be the article's words, from a card the argument cites."""
    cards = _cards()
    for m, side, n, arg in _all_arguments():
        for text, ids in [(arg.warrant, arg.card_ids)] + [(r.text, r.card_ids) for r in arg.rebuttals]:
            quotes = [corpus.normalise_space(cards.loc[c, "quote"]) for c in ids]
            for phrase in re.findall(r'"([^"]+)"', text):
                found = any(corpus.normalise_space(phrase) in q for q in quotes)
                assert found, (m.motion_id, side, n, phrase)


def test_a_warrant_names_exactly_the_articles_whose_cards_it_cites():
    """No argument attributes a claim to an article it cites no card from, or cites an unnamed article."""
    for m, side, n, arg in _all_arguments():
        for text, ids in [(arg.warrant, arg.card_ids)] + [(r.text, r.card_ids) for r in arg.rebuttals]:
            named = set(re.findall(r"\ba00\d\b", text))
            assert named == {c[:4] for c in ids}, (m.motion_id, side, n, text[:60])


def test_quoted_words_in_a_context_come_from_the_motions_articles():
    for m in motions.motions():
        text = " ".join(
            corpus.normalise_space(corpus.paragraph(pid).text)
            for pid in corpus.paragraph_ids()
            if pid[:4] in m.articles
        )
        for phrase in re.findall(r'"([^"]+)"', m.context):
            assert corpus.normalise_space(phrase) in text, (m.motion_id, phrase)


def test_a_motions_articles_are_those_its_cases_cite():
    for m in motions.motions():
        cited = {
            c[:4] for side in motions.SIDES for a in m.side(side)
            for c in (*a.card_ids, *(x for r in a.rebuttals for x in r.card_ids))
        }  # fmt: skip
        assert set(m.articles) == cited, m.motion_id


def test_motion_lookup_by_id_and_unknown_id():
    assert motions.motion("m03").text == "This House would reopen the NATO-Russia Council"
    with pytest.raises(KeyError, match="no motion 'm99'"):
        motions.motion("m99")


def test_arguments_table_has_one_row_per_argument():
    table = motions.arguments()
    assert len(table) == sum(len(m.side(s)) for m in motions.motions() for s in motions.SIDES)
    one = motions.arguments("m01")
    assert set(one["motion_id"]) == {"m01"}
    assert list(one["side"]).count("proposition") == len(motions.motion("m01").proposition)


def test_evidence_packet_holds_every_card_a_side_uses_with_its_paragraph_and_quote():
    m = motions.motion("m04")
    packet = motions.evidence_packet("m04", "Proposition")
    own = {c for a in m.proposition for c in a.card_ids}
    answers = {c for a in m.opposition for r in a.rebuttals for c in r.card_ids}
    assert set(packet["card_id"]) == own | answers
    assert packet["card_id"].is_unique
    for row in packet.itertuples():
        paragraph = corpus.normalise_space(corpus.paragraph(row.paragraph_id).text)
        assert corpus.normalise_space(row.quote) in paragraph
    first = m.proposition[0].card_ids[0]
    assert "argument 1" in packet.set_index("card_id").loc[first, "used_for"]


def test_evidence_packet_refuses_an_unknown_side():
    with pytest.raises(ValueError, match="unknown side 'government'"):
        motions.evidence_packet("m01", "government")


def test_stakeholders_are_the_evidence_profiles():
    profiles = evidence.stakeholder_profiles()
    assert profiles == evidence.stakeholder_profiles()
    assert set(profiles) == set(evidence.STAKEHOLDERS)


# ---------------------------------------------------------------- broken motions files


def _first(records, motion_id):
    return next(r for r in records if r["motion_id"] == motion_id)


def test_a_motion_citing_an_unknown_card_is_a_data_error(tmp_path):
    def edit(records):
        _first(records, "m02")["opposition"][1]["card_ids"][0] = "a000-c99"

    with pytest.raises(DataError, match=r"motions.yml: entry m02: field 'opposition\[2\].card_ids': "
                       r"cites unknown card 'a000-c99'"):  # fmt: skip
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))


def test_an_argument_without_a_warrant_is_a_data_error(tmp_path):
    def edit(records):
        del _first(records, "m05")["proposition"][0]["warrant"]

    with pytest.raises(DataError, match=r"entry m05: field 'proposition\[1\].warrant': missing"):
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))


def test_an_argument_without_rebuttals_is_a_data_error(tmp_path):
    def edit(records):
        _first(records, "m07")["opposition"][2]["rebuttals"] = []

    with pytest.raises(DataError, match=r"entry m07: field 'opposition\[3\].rebuttals': missing"):
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))


def test_an_unknown_impact_tag_value_is_a_data_error(tmp_path):
    def edit(records):
        _first(records, "m01")["proposition"][2]["impact_tags"]["timeframe"] = "soon"

    with pytest.raises(DataError, match=r"entry m01: field 'proposition\[3\].impact_tags.timeframe': "
                       r"'soon' is not one of \['short', 'medium', 'long'\]"):  # fmt: skip
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))


def test_a_side_with_fewer_cited_cards_is_a_data_error(tmp_path):
    def edit(records):
        arg = _first(records, "m03")["opposition"][0]
        arg["card_ids"] = arg["card_ids"][:1]

    with pytest.raises(DataError, match=r"entry m03: field 'opposition': unequal cases: case cards 9 for the "
                       r"proposition, 7 for the opposition"):  # fmt: skip
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))


def test_a_side_with_too_few_arguments_is_a_data_error(tmp_path):
    def edit(records):
        _first(records, "m09")["proposition"].pop()

    with pytest.raises(DataError, match=r"entry m09: field 'proposition': expected a list of at least 3"):
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))


def test_a_motion_listing_articles_it_does_not_cite_is_a_data_error(tmp_path):
    def edit(records):
        _first(records, "m08")["articles"].append("a002")

    expected = r"entry m08: field 'articles': lists \[.*'a002'.*\] but the cases cite"
    with pytest.raises(DataError, match=expected):
        motions.load_motions(_broken_copy(tmp_path, "motions.yml", edit))
