"""Debate content: formats and their speeches, role assignment, the glossary, motions and cases.

Everything here is read from YAML in the course's ``data/`` (formats.yml, glossary.yml, motions.yml)
and checked at load time; a mistake raises :class:`~debatekit.content.files.DataError` naming the
file, the entry and the field, and a file with several mistakes reports them all at once.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content import corpus
from debatekit.content.files import DataError, file_name, load_yaml, raise_all, require, require_list_of_str

# --------------------------------------------------------------------------------------------
# Shared loading helpers
# --------------------------------------------------------------------------------------------


def _load_list(source: str | Path, what: str) -> tuple[str, list]:
    file = file_name(source)
    data = load_yaml(source)
    if not isinstance(data, list) or not data:
        raise DataError(file, None, None, f"expected a non-empty YAML list of {what}")
    return file, data


def _entry(rec: Any, key: str, index: int) -> str:
    value = rec.get(key) if isinstance(rec, dict) else None
    return value if isinstance(value, str) and value else f"#{index + 1}"


def _is_positive_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and x > 0


# --------------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------------

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


class _Problems(list):
    """Collects the mistakes found in one entry of one file."""

    def __init__(self, file: str, entry: str):
        super().__init__()
        self.file, self.entry = file, entry

    def add(self, field: str | None, problem: str) -> None:
        self.append(DataError(self.file, self.entry, field, problem))


def _check_teams(rec: dict, bad: _Problems) -> list[Team]:
    teams: list[Team] = []
    if not isinstance(rec["teams"], list) or len(rec["teams"]) < 2:
        bad.add("teams", "expected a list of at least two teams")
        return []
    for n, t in enumerate(rec["teams"], 1):
        where = f"teams[{n}]"
        if not isinstance(t, dict) or set(t) != {"team", "side", "roles"}:
            bad.add(where, "expected {team: <name>, side: <side>, roles: [names]}")
            continue
        if t["side"] not in rec["sides"]:
            bad.add(f"{where}.side", f"{t['side']!r} is not one of sides {rec['sides']}")
        roles = t["roles"]
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) and r for r in roles):
            bad.add(f"{where}.roles", "expected a non-empty list of role names")
            continue
        teams.append(Team(str(t["team"]), str(t["side"]), tuple(roles)))
    names = [t.team for t in teams]
    for dup in sorted({x for x in names if names.count(x) > 1}):
        bad.add("teams", f"team {dup!r} appears twice; team names must be unique")
    roles = [r for t in teams for r in t.roles]
    for dup in sorted({x for x in roles if roles.count(x) > 1}):
        bad.add("teams", f"role {dup!r} appears twice; role names must be unique")
    for side in set(rec["sides"]) - {t.side for t in teams}:
        bad.add("sides", f"no team argues side {side!r}; add a team or remove the side")
    return teams


def _check_speech(n: int, s: Any, teams: dict[str, Team], officials: set[str], bad: _Problems) -> bool:
    """Check one step of a running order; True if it is sound."""
    where, before = f"speeches[{n}]", len(bad)
    need = ("order", "speaker", "team", "minutes", "kind", "notes")
    if not isinstance(s, dict) or any(k not in s for k in need):
        bad.add(where, f"expected a mapping with {list(need)} (team may be null)")
        return False
    if s["order"] != n:
        bad.add(f"{where}.order", f"is {s['order']!r}; number speeches 1, 2, 3 ... in running order, "
                f"so this one is {n}")  # fmt: skip
    if not _is_positive_number(s["minutes"]):
        bad.add(f"{where}.minutes", f"expected a positive number, got {s['minutes']!r}")
    if s["kind"] not in SPEECH_KINDS:
        bad.add(f"{where}.kind", f"unknown kind {s['kind']!r}; allowed: {list(SPEECH_KINDS)}")
    if s["team"] is None:
        if s["speaker"] != WHOLE_ROOM and s["speaker"] not in officials:
            bad.add(f"{where}.speaker", f"a step with no team is spoken by {WHOLE_ROOM!r} or an official "
                    f"role {sorted(officials)}; got {s['speaker']!r}")  # fmt: skip
    elif s["team"] not in teams:
        bad.add(f"{where}.team", f"unknown team {s['team']!r}; teams: {list(teams)}")
    elif s["speaker"] not in teams[s["team"]].roles:
        bad.add(f"{where}.speaker", f"{s['speaker']!r} is not a role of team {s['team']!r}; "
                f"its roles: {list(teams[s['team']].roles)}")  # fmt: skip
    return len(bad) == before


def _check_sizes(rec: dict, teams: list[Team], bad: _Problems) -> None:
    speaking = sum(len(t.roles) for t in teams)
    biggest = max((len(t.roles) for t in teams), default=0)
    if not isinstance(rec["max_team_size"], int) or rec["max_team_size"] < biggest:
        bad.add("max_team_size", f"expected a whole number of at least {biggest} "
                "(the most speaking roles any team has)")  # fmt: skip
    elif rec["max_team_size"] > biggest and not rec["team_extra_role"]:
        bad.add("team_extra_role", "teams can hold more members than speaking roles, "
                "so name the role those extra members take")  # fmt: skip
    size = rec["room_size"]
    if size is not None and (not isinstance(size, int) or size < speaking):
        bad.add("room_size", f"expected null or a whole number of at least {speaking} "
                "(one student per speaking role)")  # fmt: skip


def _check_prep(rec: dict, teams: dict[str, Team], bad: _Problems) -> list[PrepTime]:
    prep: list[PrepTime] = []
    if not isinstance(rec["prep_time"], list):
        bad.add("prep_time", "expected a list (empty if the format has no flexible prep)")
        return prep
    for n, p in enumerate(rec["prep_time"], 1):
        if not isinstance(p, dict) or set(p) != {"team", "minutes", "notes"}:
            bad.add(f"prep_time[{n}]", "expected {team, minutes, notes}")
        elif p["team"] not in teams:
            bad.add(f"prep_time[{n}].team", f"unknown team {p['team']!r}")
        elif not _is_positive_number(p["minutes"]):
            bad.add(f"prep_time[{n}].minutes", "expected a positive number")
        else:
            prep.append(PrepTime(p["team"], p["minutes"], str(p["notes"])))
    return prep


def _check_format(file: str, index: int, rec: Any) -> tuple[Format | None, list[DataError]]:
    fid = _entry(rec, "format_id", index)
    bad = _Problems(file, fid)
    try:
        require(file, fid, rec, _FORMAT_FIELDS[:5] + ("max_team_size", "result"))
    except DataError as e:
        return None, [e]
    for field in ("room_size", "officials", "prep_time", "speeches", *_FORMAT_OPTIONAL):
        if field not in rec:
            bad.add(field, "missing; write the field (null or [] if it does not apply)")
    for field in sorted(set(rec) - set(_FORMAT_FIELDS) - set(_FORMAT_OPTIONAL)):
        bad.add(field, "unknown field; see the field list at the top of formats.yml")
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
        bad.add("speeches", "expected a non-empty list of speeches")
        return None, bad
    for n, s in enumerate(rec["speeches"], 1):
        if _check_speech(n, s, by_name, officials, bad):
            side = by_name[s["team"]].side if s["team"] else None
            steps.append(Speech(n, s["speaker"], s["team"], side, s["minutes"], s["kind"], str(s["notes"])))
    spoken = {s.speaker for s in steps}
    if len(steps) == len(rec["speeches"]):
        for role in (r for t in teams for r in t.roles if r not in spoken):
            bad.add("speeches", f"role {role!r} never speaks; give it a speech or remove it from its team")
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
    file, data = _load_list(source, "formats")
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


# --------------------------------------------------------------------------------------------
# Role assignment
# --------------------------------------------------------------------------------------------

ROSTER_COLUMNS = ["name", "room", "team", "side", "role", "speech_order", "speaking_minutes"]


def _name_key(name: str) -> str:
    """How names are compared for duplicates: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def _read_roster_csv(path: Path) -> tuple[list[str], list[int]]:
    """The ``name`` column (header matched in any case) and each name's line number in the file.

    Rows whose cells are all blank (spreadsheet padding) are skipped; a blank name in a row that
    has other data is kept so that it is reported.
    """
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        column = next((i for i, c in enumerate(header) if c.strip().lower() == "name"), None)
        if column is None:
            raise ValueError(f"{path.name}: no 'name' column (found {header}); "
                             "put the students' names in a column headed 'name'")  # fmt: skip
        names, lines = [], []
        for row in reader:
            if all(not cell.strip() for cell in row):
                continue
            names.append(row[column] if column < len(row) else "")
            lines.append(reader.line_num)
    return names, lines


def read_roster(roster: str | Path | Iterable[str]) -> list[str]:
    """Names from a CSV with a ``name`` column or from a list; refuses blanks and duplicates.

    Errors give the row (the line of the CSV file, or the position in the list counting from 1).
    """
    if isinstance(roster, str | Path):
        path = Path(roster)
        if not path.exists():
            raise ValueError(f"roster file {path} not found")
        raw, rows = _read_roster_csv(path)
        where = path.name
    else:
        if isinstance(roster, pd.DataFrame):
            raise ValueError("pass a CSV path or a list of names, not a DataFrame; e.g. list(df['name'])")
        raw = list(roster)
        rows, where = list(range(1, len(raw) + 1)), "roster"
    if not raw:
        raise ValueError(f"{where}: the roster is empty; add at least one name")
    blanks = [row for row, n in zip(rows, raw, strict=True) if not isinstance(n, str) or not n.strip()]
    if blanks:
        raise ValueError(f"{where}: blank name in row(s) {blanks}; fill them in or delete the rows")
    names = [" ".join(n.split()) for n in raw]
    seen: dict[str, list[int]] = {}
    first: dict[str, str] = {}
    for row, name in zip(rows, names, strict=True):
        seen.setdefault(_name_key(name), []).append(row)
        first.setdefault(_name_key(name), name)
    dups = [f"{first[k]!r} in rows {r}" for k, r in seen.items() if len(r) > 1]
    if dups:
        raise ValueError(f"{where}: duplicated names (case and spacing ignored): {'; '.join(dups)}. "
                         "Tell the students apart, e.g. add an initial")  # fmt: skip
    return names


def _split(items: list, parts: int) -> list[list]:
    """Split into ``parts`` consecutive chunks whose sizes differ by at most one."""
    size, extra = divmod(len(items), parts)
    out, at = [], 0
    for p in range(parts):
        step = size + (1 if p < extra else 0)
        out.append(items[at : at + step])
        at += step
    return out


def _seat_room(fmt: Format, names: list[str], room: int) -> list[dict]:
    """Seat one room: speaking roles first, then officials, then extra team members, then overflow."""
    speaker_minutes: dict[tuple[str, str], float] = {}
    speaker_orders: dict[tuple[str, str], list[int]] = {}
    for s in fmt.speeches:
        if s.team is not None:
            speaker_minutes[(s.team, s.speaker)] = speaker_minutes.get((s.team, s.speaker), 0) + s.minutes
            speaker_orders.setdefault((s.team, s.speaker), []).append(s.order)
    queue = list(names)
    rows = []

    def seat(team: Team | None, role: str) -> None:
        key = (team.team, role) if team else ("", role)
        rows.append({
            "name": queue.pop(0), "room": room, "team": team.team if team else None,
            "side": team.side if team else None, "role": role,
            "speech_order": tuple(speaker_orders.get(key, ())),
            "speaking_minutes": speaker_minutes.get(key, 0),
        })  # fmt: skip

    for team in fmt.teams:
        for role in team.roles:
            seat(team, role)
    for role in fmt.officials:
        if queue:
            seat(None, role)
    sizes = {t.team: len(t.roles) for t in fmt.teams}
    while queue and fmt.team_extra_role and min(sizes.values()) < fmt.max_team_size:
        # ties go to a different team in each room, so no side is always the larger one
        team = min(fmt.teams, key=lambda t: (sizes[t.team], (fmt.teams.index(t) - room) % len(fmt.teams)))
        seat(team, fmt.team_extra_role)
        sizes[team.team] += 1
    while queue:
        if not fmt.overflow_role:
            raise ValueError(f"{fmt.name}: room {room} has more students than it can seat")
        seat(None, fmt.overflow_role)
    return rows


def assign_roles(roster: str | Path | Iterable[str], format_id: str, seed: int) -> pd.DataFrame:
    """Split a class into rooms, teams, sides and roles for a format, reproducibly for ``seed``.

    The names are sorted and then shuffled with ``random.Random(seed)``, so the result depends on
    the seed and the set of names, not on the roster's order. A class larger than ``room_size``
    runs parallel rooms whose sizes differ by at most one. In each room every speaking role is
    filled first, then the officials (judge, timekeeper, moderator ...), then extra team members
    (``team_extra_role``, added one team at a time so team sizes differ by at most one), and anyone
    left takes the ``overflow_role`` (wing judge, flow-keeper, audience member, observer).
    ``speech_order`` holds the step numbers of :func:`speeches` a student delivers (empty for
    officials), ``speaking_minutes`` their total.
    """
    fmt = get_format(format_id)
    names = read_roster(roster)
    needed = fmt.speaking_roles
    if len(names) < needed:
        raise ValueError(f"{fmt.name} needs at least {needed} students (one per speaking role); "
                         f"the roster has {len(names)}")  # fmt: skip
    order = sorted(names, key=lambda n: (_name_key(n), n))
    random.Random(seed).shuffle(order)
    rooms = 1 if fmt.room_size is None else max(1, len(order) // fmt.room_size)
    rows = []
    for number, group in enumerate(_split(order, rooms), 1):
        rows.extend(_seat_room(fmt, group, number))
    return pd.DataFrame(rows, columns=ROSTER_COLUMNS)


# --------------------------------------------------------------------------------------------
# Glossary
# --------------------------------------------------------------------------------------------

GLOSSARY_COLUMNS = ["term", "definition", "definition_is_ours", "aliases", "paragraph_ids", "card_ids"]


def _alias_pattern(alias: str) -> re.Pattern:
    """Whole-word, case-insensitive match for an alias; inflections are listed as their own aliases."""
    return re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE)


def _mentions(aliases: Iterable[str], text: str) -> bool:
    flat = corpus.normalise_space(text)
    return any(_alias_pattern(a).search(flat) for a in aliases)


def load_glossary(source: str | Path = "glossary.yml") -> tuple[dict, ...]:
    """Read and validate a glossary file; every alias must occur in at least one paragraph."""
    file, data = _load_list(source, "terms")
    errors: list[DataError] = []
    texts = [p.text for a in corpus.load_articles() for p in a.paragraphs]
    seen: set[str] = set()
    for i, rec in enumerate(data):
        term = _entry(rec, "term", i)
        bad = _Problems(file, term)
        try:
            require(file, term, rec, ("term", "definition", "aliases"))
            require_list_of_str(file, term, rec, "aliases")
        except DataError as e:
            errors.append(e)
            continue
        for field in sorted(set(rec) - {"term", "definition", "aliases"}):
            bad.add(field, "unknown field; allowed: term, definition, aliases")
        if not rec["aliases"]:
            bad.add("aliases", "empty; list the spellings the articles use")
        for alias in rec["aliases"]:
            if not any(_mentions([alias], t) for t in texts):
                bad.add("aliases", f"{alias!r} occurs in no paragraph; list only spellings found in the "
                        "articles (whole words, any case)")  # fmt: skip
        if term.casefold() in seen:
            bad.add("term", "duplicate term")
        seen.add(term.casefold())
        errors.extend(bad)
    raise_all(file, errors)
    return tuple(data)


@cache
def _default_glossary() -> tuple[dict, ...]:
    return load_glossary()


def glossary() -> pd.DataFrame:
    """The glossary, with the paragraphs and evidence cards where each term occurs, found by search.

    ``paragraph_ids`` lists every paragraph in which the term or an alias occurs as a whole word;
    ``card_ids`` lists the cards whose quote contains it. Definitions are ours.
    """
    from debatekit.content import evidence

    paras = [(p.pid, p.text) for a in corpus.load_articles() for p in a.paragraphs]
    cards = evidence.cards()
    quotes = list(zip(cards["card_id"], cards["quote"], strict=True))
    rows = []
    for rec in _default_glossary():
        aliases = list(rec["aliases"])
        rows.append({
            "term": rec["term"],
            "definition": " ".join(str(rec["definition"]).split()),
            "definition_is_ours": True,
            "aliases": aliases,
            "paragraph_ids": [pid for pid, text in paras if _mentions(aliases, text)],
            "card_ids": [c for c, q in quotes if _mentions(aliases, q)],
        })  # fmt: skip
    return pd.DataFrame(rows, columns=GLOSSARY_COLUMNS)


# --------------------------------------------------------------------------------------------
# Motions and cases
# --------------------------------------------------------------------------------------------

SIDES = ("proposition", "opposition")

#: Allowed values of each impact tag, used to weigh one impact against another.
IMPACT_TAGS: dict[str, tuple[str, ...]] = {
    "magnitude": ("high", "medium", "low"),
    "probability": ("high", "medium", "low"),
    "timeframe": ("short", "medium", "long"),
    "reversibility": ("reversible", "partly", "irreversible"),
}

MOTION_ID = re.compile(r"^m\d{2}$")
MIN_ARGUMENTS = 3
_MOTION_FIELDS = ("motion_id", "text", "context", "articles", "proposition", "opposition")
_ARGUMENT_FIELDS = ("claim", "warrant", "impact", "card_ids", "rebuttals", "impact_tags")


@dataclass(frozen=True)
class Rebuttal:
    """An answer the other side can give to an argument, grounded in the cards it cites."""

    text: str
    card_ids: tuple[str, ...]


@dataclass(frozen=True)
class Argument:
    """One argument in claim-warrant-impact form; ``note`` flags a card used against its article's line."""

    claim: str
    warrant: str
    impact: str
    card_ids: tuple[str, ...]
    rebuttals: tuple[Rebuttal, ...]
    impact_tags: dict[str, str]
    note: str | None = None


@dataclass(frozen=True)
class Motion:
    """A motion with its proposition and opposition cases; ``context`` is our neutral framing."""

    motion_id: str
    text: str
    context: str
    articles: tuple[str, ...]
    proposition: tuple[Argument, ...]
    opposition: tuple[Argument, ...]

    def side(self, name: str) -> tuple[Argument, ...]:
        """The arguments of ``proposition`` or ``opposition``."""
        return getattr(self, _side_name(name))


def _side_name(side: str) -> str:
    name = str(side).strip().lower()
    if name not in SIDES:
        raise ValueError(f"unknown side {side!r}; choose 'proposition' or 'opposition'")
    return name


def _other(side: str) -> str:
    return SIDES[1 - SIDES.index(side)]


def case_cards(motion: Motion, side: str) -> list[str]:
    """Distinct cards a side's own arguments cite, in first-cited order."""
    return list(dict.fromkeys(c for arg in motion.side(side) for c in arg.card_ids))


def rebuttal_cards(motion: Motion, side: str) -> list[str]:
    """Distinct cards a side cites when answering the other side's arguments."""
    return list(dict.fromkeys(c for arg in motion.side(_other(_side_name(side))) for r in arg.rebuttals
                              for c in r.card_ids))  # fmt: skip


def strength(motion: Motion) -> pd.DataFrame:
    """What each side brings: arguments, distinct cards in its case, rebuttals it makes and their cards.

    The balance check requires the two rows to be equal in every column.
    """
    rows = []
    for side in SIDES:
        answers = [r for arg in motion.side(_other(side)) for r in arg.rebuttals]
        rows.append({
            "side": side,
            "arguments": len(motion.side(side)),
            "case_cards": len(case_cards(motion, side)),
            "rebuttals": len(answers),
            "rebuttal_cards": len(rebuttal_cards(motion, side)),
        })  # fmt: skip
    return pd.DataFrame(rows).set_index("side")


def _check_card_list(ids: Any, where: str, known: set[str], bad: _Problems) -> tuple[str, ...]:
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        bad.add(where, f"expected a non-empty list of card ids, got {ids!r}")
        return ()
    for cid in ids:
        if cid not in known:
            bad.add(where, f"cites unknown card {cid!r}; card ids look like aNNN-cNN (see evidence.cards())")
    if len(set(ids)) != len(ids):
        bad.add(where, "lists a card twice")
    return tuple(ids)


def _check_argument(rec: Any, where: str, known: set[str], bad: _Problems) -> Argument | None:
    before = len(bad)
    if not isinstance(rec, dict):
        bad.add(where, "expected a mapping with " + ", ".join(_ARGUMENT_FIELDS))
        return None
    for field in _ARGUMENT_FIELDS:
        if rec.get(field) in (None, "", []):
            bad.add(f"{where}.{field}", "missing; every argument needs claim, warrant, impact, card_ids, "
                    "rebuttals (at least one) and impact_tags")  # fmt: skip
    for field in sorted(set(rec) - set(_ARGUMENT_FIELDS) - {"note"}):
        bad.add(f"{where}.{field}", f"unknown field; allowed: {list(_ARGUMENT_FIELDS)} and note")
    if len(bad) > before:
        return None
    cards = _check_card_list(rec["card_ids"], f"{where}.card_ids", known, bad)
    rebuttals = []
    if not isinstance(rec["rebuttals"], list):
        bad.add(f"{where}.rebuttals", "expected a list of {text, card_ids}")
    else:
        for n, r in enumerate(rec["rebuttals"], 1):
            at = f"{where}.rebuttals[{n}]"
            if not isinstance(r, dict) or set(r) != {"text", "card_ids"} or not r.get("text"):
                bad.add(at, "expected {text: <the answer>, card_ids: [ids]}")
                continue
            rebuttals.append(Rebuttal(" ".join(str(r["text"]).split()), _check_card_list(
                r["card_ids"], f"{at}.card_ids", known, bad)))  # fmt: skip
    tags = rec["impact_tags"]
    if not isinstance(tags, dict) or set(tags) != set(IMPACT_TAGS):
        bad.add(f"{where}.impact_tags", f"expected exactly the tags {list(IMPACT_TAGS)}")
    else:
        for tag, value in tags.items():
            if value not in IMPACT_TAGS[tag]:
                bad.add(f"{where}.impact_tags.{tag}", f"{value!r} is not one of {list(IMPACT_TAGS[tag])}")
    if len(bad) > before:
        return None
    return Argument(
        claim=" ".join(str(rec["claim"]).split()), warrant=" ".join(str(rec["warrant"]).split()),
        impact=" ".join(str(rec["impact"]).split()), card_ids=cards, rebuttals=tuple(rebuttals),
        impact_tags=dict(tags), note=" ".join(str(rec["note"]).split()) if rec.get("note") else None,
    )  # fmt: skip


def _check_balance(motion: Motion, bad: _Problems) -> None:
    table = strength(motion)
    for column in table.columns:
        prop, opp = table.loc["proposition", column], table.loc["opposition", column]
        if prop != opp:
            weaker = "proposition" if prop < opp else "opposition"
            what = column.replace("_", " ")
            bad.add(weaker, f"unequal cases: {what} {prop} for the proposition, {opp} for the opposition; "
                    f"give the {weaker} as much as the other side")  # fmt: skip


def _check_motion(file: str, index: int, rec: Any, articles_of: dict[str, str]) -> tuple[Motion | None, list]:
    mid = _entry(rec, "motion_id", index)
    bad = _Problems(file, mid)
    try:
        require(file, mid, rec, _MOTION_FIELDS)
    except DataError as e:
        return None, [e]
    for field in sorted(set(rec) - set(_MOTION_FIELDS)):
        bad.add(field, f"unknown field; allowed: {list(_MOTION_FIELDS)}")
    if not MOTION_ID.match(mid):
        bad.add("motion_id", "expected the form m01")
    if not str(rec["text"]).startswith("This House "):
        bad.add("text", "a motion starts 'This House ...'")
    try:
        require_list_of_str(file, mid, rec, "articles", corpus.ARTICLE_IDS)
    except DataError as e:
        bad.append(e)
    known = set(articles_of)
    sides: dict[str, list[Argument]] = {}
    for side in SIDES:
        args = rec[side]
        if not isinstance(args, list) or len(args) < MIN_ARGUMENTS:
            bad.add(side, f"expected a list of at least {MIN_ARGUMENTS} arguments")
            continue
        checked = [_check_argument(a, f"{side}[{n}]", known, bad) for n, a in enumerate(args, 1)]
        sides[side] = [a for a in checked if a is not None]
    if bad:
        return None, bad
    motion = Motion(
        motion_id=mid, text=" ".join(str(rec["text"]).split()), context=" ".join(str(rec["context"]).split()),
        articles=tuple(rec["articles"]), proposition=tuple(sides["proposition"]),
        opposition=tuple(sides["opposition"]),
    )  # fmt: skip
    cited = {articles_of[c] for side in SIDES for a in motion.side(side)
             for c in (*a.card_ids, *(x for r in a.rebuttals for x in r.card_ids))}  # fmt: skip
    if cited != set(motion.articles):
        bad.add("articles", f"lists {sorted(motion.articles)} but the cases cite cards from {sorted(cited)}; "
                "list exactly the articles cited")  # fmt: skip
    _check_balance(motion, bad)
    return (None, bad) if bad else (motion, [])


def load_motions(source: str | Path = "motions.yml", known_cards: pd.DataFrame | None = None) -> list[Motion]:
    """Read and validate a motions file: fields, card ids, impact tags and equal-strength cases."""
    from debatekit.content import evidence

    cards = evidence.cards() if known_cards is None else known_cards
    card_articles = dict(zip(cards["card_id"], cards["article_id"], strict=True))
    file, data = _load_list(source, "motions")
    errors: list[DataError] = []
    found: list[Motion] = []
    for i, rec in enumerate(data):
        motion, problems = _check_motion(file, i, rec, card_articles)
        errors.extend(problems)
        if motion is not None:
            if any(m.motion_id == motion.motion_id for m in found):
                errors.append(DataError(file, motion.motion_id, "motion_id", "duplicate motion id"))
            found.append(motion)
    raise_all(file, errors)
    return found


@cache
def _default_motions() -> tuple[Motion, ...]:
    return tuple(load_motions())


def motions() -> list[Motion]:
    """The packaged motions, in file order (m01, m02, ...)."""
    return list(_default_motions())


def motion(motion_id: str) -> Motion:
    """One motion by id; an unknown id raises ``KeyError`` listing the known ones."""
    for m in _default_motions():
        if m.motion_id == motion_id:
            return m
    raise KeyError(f"no motion {motion_id!r}; known: {[m.motion_id for m in _default_motions()]}")


ARGUMENT_COLUMNS = [
    "motion_id", "side", "number", "claim", "warrant", "impact", "card_ids", "rebuttals", "note",
    *IMPACT_TAGS,
]  # fmt: skip


def arguments(motion_id: str | None = None) -> pd.DataFrame:
    """Every argument as a row (for flow sheets and weighing), optionally for one motion."""
    chosen = [motion(motion_id)] if motion_id else motions()
    rows = [
        {"motion_id": m.motion_id, "side": side, "number": n, "claim": a.claim, "warrant": a.warrant,
         "impact": a.impact, "card_ids": list(a.card_ids), "rebuttals": [r.text for r in a.rebuttals],
         "note": a.note, **a.impact_tags}
        for m in chosen for side in SIDES for n, a in enumerate(m.side(side), 1)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=ARGUMENT_COLUMNS)


PACKET_COLUMNS = ["card_id", "paragraph_id", "quote", "claim", "kind", "date", "used_for"]


def evidence_packet(motion_id: str, side: str) -> pd.DataFrame:
    """The cards one side cites, for a handout: its own arguments' cards and those of its rebuttals.

    ``used_for`` says where each card is used ("argument 2", "rebuttal to opposition 1").
    ``quote`` is the article's words; ``claim`` is our paraphrase; ``date`` is when the card speaks.
    """
    from debatekit.content import evidence

    m, side = motion(motion_id), _side_name(side)
    uses: dict[str, list[str]] = {}
    for n, arg in enumerate(m.side(side), 1):
        for cid in arg.card_ids:
            uses.setdefault(cid, []).append(f"argument {n}")
    other = _other(side)
    for n, arg in enumerate(m.side(other), 1):
        for r in arg.rebuttals:
            for cid in r.card_ids:
                uses.setdefault(cid, []).append(f"rebuttal to {other} {n}")
    cards = evidence.cards()
    table = cards[cards["card_id"].isin(uses)].copy()
    table["used_for"] = [list(dict.fromkeys(uses[c])) for c in table["card_id"]]
    table["date"] = [evidence.date_note(c) for c in table.to_dict("records")]
    return table[PACKET_COLUMNS].reset_index(drop=True)


def stakeholders() -> dict[str, dict]:
    """Stakeholder profiles (interests, demands, gains, risks, each citing cards), from :mod:`evidence`."""
    from debatekit.content import evidence

    return evidence.stakeholder_profiles()
