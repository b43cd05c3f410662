"""Debate formats (``data/formats.yml``): teams, roles, the running order and prep time.

Read and checked at load time; a mistake raises :class:`~debatekit.content.files.DataError` naming
the file, the format and the field, and a file with several mistakes reports them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content.files import (
    DataError,
    Problems,
    entry_name,
    is_number,
    load_list,
    raise_all,
    require,
    require_list_of_str,
)  # fmt: skip


def _positive(x: Any) -> bool:
    return is_number(x) and x > 0


#: Kinds of step in a running order.
SPEECH_KINDS: dict[str, str] = {
    "prep": "preparation time",
    "constructive": "builds a case",
    "extension": "adds new material to its side's case (British Parliamentary closing teams)",
    "cross-examination": "one speaker questions the other",
    "rebuttal": "answers the other side and rebuilds one's own",
    "summary": "sums up; no new arguments",
    "questions": "questions from the floor",
    "vote": "the audience votes",
    "restatement": "restates the other side's case to its satisfaction",
    "discussion": "open discussion",
    "consensus": "advocacy dropped; the group writes what it agrees and disagrees on",
}

#: The speaker of a whole-room step (prep, discussion) that belongs to no team.
WHOLE_ROOM = "All"


@dataclass(frozen=True)
class Team:
    """A team within a format: its name, the side it argues and its speaking roles in order."""

    team: str
    side: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Speech:
    """One step of a running order; ``team`` and ``side`` are None for whole-room steps."""

    order: int
    speaker: str
    team: str | None
    side: str | None
    minutes: float
    kind: str
    notes: str


@dataclass(frozen=True)
class PrepTime:
    """Flexible preparation a team may take between speeches."""

    team: str
    minutes: float
    notes: str


@dataclass(frozen=True)
class Format:
    """A debate format: teams and sides, who else is in the room, and the running order."""

    format_id: str
    name: str
    description: str
    sides: tuple[str, ...]
    teams: tuple[Team, ...]
    max_team_size: int
    team_extra_role: str | None
    room_size: int | None
    officials: tuple[str, ...]
    overflow_role: str | None
    result: str
    prep_time: tuple[PrepTime, ...]
    speeches: tuple[Speech, ...]

    @property
    def speaking_roles(self) -> int:
        """Students needed to run one room: one per speaking role."""
        return sum(len(t.roles) for t in self.teams)


_FORMAT_FIELDS = (
    "format_id", "name", "description", "sides", "teams", "max_team_size", "room_size",
    "officials", "result", "prep_time", "speeches",
)  # fmt: skip
_FORMAT_OPTIONAL = ("team_extra_role", "overflow_role")


def _check_teams(rec: dict, bad: Problems) -> list[Team]:
    teams: list[Team] = []
    if not isinstance(rec["teams"], list) or len(rec["teams"]) < 2:
        bad.add(None, "teams", "expected a list of at least two teams")
        return []
    for n, t in enumerate(rec["teams"], 1):
        where = f"teams[{n}]"
        if not isinstance(t, dict) or set(t) != {"team", "side", "roles"}:
            bad.add(None, where, "expected {team: <name>, side: <side>, roles: [names]}")
            continue
        if t["side"] not in rec["sides"]:
            bad.add(None, f"{where}.side", f"{t['side']!r} is not one of sides {rec['sides']}")
        roles = t["roles"]
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) and r for r in roles):
            bad.add(None, f"{where}.roles", "expected a non-empty list of role names")
            continue
        teams.append(Team(str(t["team"]), str(t["side"]), tuple(roles)))
    names = [t.team for t in teams]
    for dup in sorted({x for x in names if names.count(x) > 1}):
        bad.add(None, "teams", f"team {dup!r} appears twice; team names must be unique")
    roles = [r for t in teams for r in t.roles]
    for dup in sorted({x for x in roles if roles.count(x) > 1}):
        bad.add(None, "teams", f"role {dup!r} appears twice; role names must be unique")
    for side in set(rec["sides"]) - {t.side for t in teams}:
        bad.add(None, "sides", f"no team argues side {side!r}; add a team or remove the side")
    return teams


def _check_speech(n: int, s: Any, teams: dict[str, Team], officials: set[str], bad: Problems) -> bool:
    """Check one step of a running order; True if it is sound."""
    where, before = f"speeches[{n}]", len(bad)
    need = ("order", "speaker", "team", "minutes", "kind", "notes")
    if not isinstance(s, dict) or any(k not in s for k in need):
        bad.add(None, where, f"expected a mapping with {list(need)} (team may be null)")
        return False
    if s["order"] != n:
        bad.add(None, f"{where}.order", f"is {s['order']!r}; number speeches 1, 2, 3 ... in running order, "
                f"so this one is {n}")  # fmt: skip
    if not _positive(s["minutes"]):
        bad.add(None, f"{where}.minutes", f"expected a positive number, got {s['minutes']!r}")
    if s["kind"] not in SPEECH_KINDS:
        bad.add(None, f"{where}.kind", f"unknown kind {s['kind']!r}; allowed: {list(SPEECH_KINDS)}")
    if s["team"] is None:
        if s["speaker"] != WHOLE_ROOM and s["speaker"] not in officials:
            bad.add(
                None, f"{where}.speaker", f"a step with no team is spoken by {WHOLE_ROOM!r} or an official "
                    f"role {sorted(officials)}; got {s['speaker']!r}")  # fmt: skip
    elif s["team"] not in teams:
        bad.add(None, f"{where}.team", f"unknown team {s['team']!r}; teams: {list(teams)}")
    elif s["speaker"] not in teams[s["team"]].roles:
        bad.add(None, f"{where}.speaker", f"{s['speaker']!r} is not a role of team {s['team']!r}; "
                f"its roles: {list(teams[s['team']].roles)}")  # fmt: skip
    return len(bad) == before


def _check_sizes(rec: dict, teams: list[Team], bad: Problems) -> None:
    speaking = sum(len(t.roles) for t in teams)
    biggest = max((len(t.roles) for t in teams), default=0)
    if not isinstance(rec["max_team_size"], int) or rec["max_team_size"] < biggest:
        bad.add(None, "max_team_size", f"expected a whole number of at least {biggest} "
                "(the most speaking roles any team has)")  # fmt: skip
    elif rec["max_team_size"] > biggest and not rec["team_extra_role"]:
        bad.add(None, "team_extra_role", "teams can hold more members than speaking roles, "
                "so name the role those extra members take")  # fmt: skip
    size = rec["room_size"]
    if size is not None and (not isinstance(size, int) or size < speaking):
        bad.add(None, "room_size", f"expected null or a whole number of at least {speaking} "
                "(one student per speaking role)")  # fmt: skip


def _check_prep(rec: dict, teams: dict[str, Team], bad: Problems) -> list[PrepTime]:
    prep: list[PrepTime] = []
    if not isinstance(rec["prep_time"], list):
        bad.add(None, "prep_time", "expected a list (empty if the format has no flexible prep)")
        return prep
    for n, p in enumerate(rec["prep_time"], 1):
        if not isinstance(p, dict) or set(p) != {"team", "minutes", "notes"}:
            bad.add(None, f"prep_time[{n}]", "expected {team, minutes, notes}")
        elif p["team"] not in teams:
            bad.add(None, f"prep_time[{n}].team", f"unknown team {p['team']!r}")
        elif not _positive(p["minutes"]):
            bad.add(None, f"prep_time[{n}].minutes", "expected a positive number")
        else:
            prep.append(PrepTime(p["team"], p["minutes"], str(p["notes"])))
    return prep


def _check_format(file: str, index: int, rec: Any) -> tuple[Format | None, list[DataError]]:
    fid = entry_name(rec, "format_id", index)
    bad = Problems(file, fid)
    try:
        require(file, fid, rec, _FORMAT_FIELDS[:5] + ("max_team_size", "result"))
    except DataError as e:
        return None, [e]
    for field in ("room_size", "officials", "prep_time", "speeches", *_FORMAT_OPTIONAL):
        if field not in rec:
            bad.add(None, field, "missing; write the field (null or [] if it does not apply)")
    for field in sorted(set(rec) - set(_FORMAT_FIELDS) - set(_FORMAT_OPTIONAL)):
        bad.add(None, field, "unknown field; see the field list at the top of formats.yml")
    if bad:
        return None, bad
    try:
        require_list_of_str(file, fid, rec, "sides")
        require_list_of_str(file, fid, rec, "officials")
    except DataError as e:
        return None, [e]
    teams = _check_teams(rec, bad)
    by_name = {t.team: t for t in teams}
    _check_sizes(rec, teams, bad)
    prep = _check_prep(rec, by_name, bad)
    officials = set(rec["officials"]) | ({rec["overflow_role"]} if rec["overflow_role"] else set())
    steps: list[Speech] = []
    if not isinstance(rec["speeches"], list) or not rec["speeches"]:
        bad.add(None, "speeches", "expected a non-empty list of speeches")
        return None, bad
    for n, s in enumerate(rec["speeches"], 1):
        if _check_speech(n, s, by_name, officials, bad):
            side = by_name[s["team"]].side if s["team"] else None
            steps.append(Speech(n, s["speaker"], s["team"], side, s["minutes"], s["kind"], str(s["notes"])))
    spoken = {s.speaker for s in steps}
    if len(steps) == len(rec["speeches"]):
        for role in (r for t in teams for r in t.roles if r not in spoken):
            bad.add(
                None, "speeches", f"role {role!r} never speaks; give it a speech or remove it from its team"
            )
    if bad:
        return None, bad
    fmt = Format(
        format_id=fid, name=str(rec["name"]), description=" ".join(str(rec["description"]).split()),
        sides=tuple(rec["sides"]), teams=tuple(teams), max_team_size=rec["max_team_size"],
        team_extra_role=rec["team_extra_role"], room_size=rec["room_size"], officials=tuple(rec["officials"]),
        overflow_role=rec["overflow_role"], result=" ".join(str(rec["result"]).split()),
        prep_time=tuple(prep), speeches=tuple(steps),
    )  # fmt: skip
    return fmt, []


def load_formats(source: str | Path = "formats.yml") -> dict[str, Format]:
    """Read and validate a formats file; raise :class:`DataError` listing every mistake found."""
    file, data = load_list(source, "formats")
    errors: list[DataError] = []
    found: dict[str, Format] = {}
    for i, rec in enumerate(data):
        fmt, problems = _check_format(file, i, rec)
        errors.extend(problems)
        if fmt is not None:
            if fmt.format_id in found:
                errors.append(DataError(file, fmt.format_id, "format_id", "duplicate format id"))
            found[fmt.format_id] = fmt
    raise_all(file, errors)
    return found


@cache
def formats() -> dict[str, Format]:
    """The packaged formats keyed by ``format_id`` (oxford, bp, ld, sac)."""
    return load_formats()


def get_format(format_id: str) -> Format:
    """One format by id; an unknown id raises ``ValueError`` listing the known ones."""
    known = formats()
    if format_id not in known:
        raise ValueError(f"unknown debate format {format_id!r}; choose one of {sorted(known)}")
    return known[format_id]


def speeches(format_id: str) -> pd.DataFrame:
    """The running order as a table, with the minute each step starts (for timers and flow sheets)."""
    fmt = get_format(format_id)
    rows, clock = [], 0.0
    for s in fmt.speeches:
        rows.append({**s.__dict__, "start_minute": clock})
        clock += s.minutes
    return pd.DataFrame(rows, columns=[*Speech.__dataclass_fields__, "start_minute"])


def total_minutes(format_id: str, include_prep: bool = True) -> float:
    """Length of a round: every step of the running order, plus flexible prep if ``include_prep``.

    With ``include_prep=False`` only speaking steps count (no prep steps, no prep allowance).
    """
    fmt = get_format(format_id)
    steps = sum(s.minutes for s in fmt.speeches if include_prep or s.kind != "prep")
    return steps + (sum(p.minutes for p in fmt.prep_time) if include_prep else 0)
