"""Role assignment: a class split into rooms, teams, sides and roles for a format, reproducibly.

A pure model of the seating: the same roster, format and seed always give the same rooms; the
format (:mod:`debatekit.content.formats`) says which roles speak, which officiate, and who else fits.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from debatekit.content.formats import Format, Team, get_format

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
    ``speech_order`` holds the step numbers of :func:`debatekit.content.formats.speeches` a student
    delivers (empty for officials), ``speaking_minutes`` their total.
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
