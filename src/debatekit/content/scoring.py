"""The judging ballot and the rubric for open answers, read from ``ballot.yml`` and ``rubric.yml``.

Both are content: the criteria, their points and what each band or level looks like are data an
instructor can edit. Loading checks every entry and names the file, entry and field of each
mistake; a file with several mistakes reports them all at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content.files import Problems, clean_text, file_name, is_whole, load_yaml

# --------------------------------------------------------------------------------------------
# Shared checks
# --------------------------------------------------------------------------------------------


def _mapping(bad: Problems, data: Any, keys: tuple[str, ...]) -> dict | None:
    if not isinstance(data, dict):
        bad.add(None, None, f"expected a mapping with the keys {list(keys)}")
        return None
    for key in keys:
        if key not in data:
            bad.add(None, key, "missing; see the field list at the top of the file")
    for key in sorted(set(data) - set(keys)):
        bad.add(None, key, f"unknown key; allowed: {list(keys)}")
    return None if bad else data


def _entries(bad: Problems, data: Any, field: str, id_key: str) -> list[tuple[str, dict]]:
    """The entries of a list field as (entry name, mapping); reports non-mappings and duplicate ids."""
    if not isinstance(data, list) or not data:
        bad.add(None, field, "expected a non-empty list")
        return []
    out, seen = [], set()
    for i, rec in enumerate(data, 1):
        name = rec.get(id_key) if isinstance(rec, dict) and isinstance(rec.get(id_key), str) else f"#{i}"
        if not isinstance(rec, dict):
            bad.add(f"{field} {name}", None, f"expected a mapping with {id_key}")
            continue
        if name in seen:
            bad.add(f"{field} {name}", id_key, "duplicate id; ids must be unique")
        seen.add(name)
        out.append((name, rec))
    return out


def _strings(bad: Problems, entry: str | None, rec: dict, field: str) -> tuple[str, ...]:
    items = rec.get(field)
    if not isinstance(items, list) or not items or not all(clean_text(x) for x in items):
        bad.add(entry, field, "expected a non-empty list of sentences")
        return ()
    return tuple(clean_text(x) for x in items)


# --------------------------------------------------------------------------------------------
# The judging ballot
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A range of points on one criterion and what a speech or team in that range does."""

    low: int
    high: int
    label: str
    descriptor: str


@dataclass(frozen=True)
class Criterion:
    """One thing a judge scores, out of ``points``, with bands covering 0..points."""

    criterion_id: str
    name: str
    asks: str
    points: int
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Ballot:
    """The ballot: criteria with points, how to decide, and what the written reason must say."""

    title: str
    scored: str
    criteria: tuple[Criterion, ...]
    decision: tuple[str, ...]
    reason_prompts: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(c.points for c in self.criteria)

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.criterion_id == criterion_id:
                return c
        known = [c.criterion_id for c in self.criteria]
        raise KeyError(f"no ballot criterion {criterion_id!r}; known: {known}")


_BALLOT_KEYS = ("title", "scored", "criteria", "decision", "reason_prompts")
_CRITERION_KEYS = ("criterion_id", "name", "asks", "points", "bands")
_BAND_KEYS = ("low", "high", "label", "descriptor")


def _check_bands(bad: Problems, entry: str, points: int, raw: Any) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        bad.add(entry, "bands", "expected a list of {low, high, label, descriptor}, highest band first")
        return ()
    bands = []
    for n, b in enumerate(raw, 1):
        where = f"bands[{n}]"
        if not isinstance(b, dict) or set(b) != set(_BAND_KEYS):
            bad.add(entry, where, f"expected exactly the keys {list(_BAND_KEYS)}")
            continue
        if not (is_whole(b["low"]) and is_whole(b["high"]) and 0 <= b["low"] <= b["high"]):
            bad.add(entry, where, "low and high must be whole numbers with 0 <= low <= high; "
                    f"got {b['low']!r}, {b['high']!r}")  # fmt: skip
            continue
        if not clean_text(b["label"]) or not clean_text(b["descriptor"]):
            bad.add(entry, where, "label and descriptor must be non-empty text")
            continue
        bands.append(Band(b["low"], b["high"], clean_text(b["label"]), clean_text(b["descriptor"])))
    if len(bands) == len(raw):
        expected_high = points
        for n, band in enumerate(bands, 1):
            if band.high != expected_high:
                bad.add(entry, f"bands[{n}].high", f"is {band.high}; the bands must run from {points} down "
                        f"to 0 without gaps or overlaps, so this band's high is {expected_high}")  # fmt: skip
                break
            expected_high = band.low - 1
        else:
            if bands[-1].low != 0:
                bad.add(entry, f"bands[{len(bands)}].low", "the lowest band must start at 0")
    return tuple(bands)


def _check_criterion(bad: Problems, name: str, rec: dict) -> Criterion | None:
    entry, before = f"criteria {name}", len(bad)
    for key in _CRITERION_KEYS:
        if key not in rec:
            bad.add(entry, key, "missing; every criterion needs " + ", ".join(_CRITERION_KEYS))
    for key in sorted(set(rec) - set(_CRITERION_KEYS)):
        bad.add(entry, key, f"unknown field; allowed: {list(_CRITERION_KEYS)}")
    if len(bad) > before:
        return None
    for key in ("name", "asks"):
        if not clean_text(rec[key]):
            bad.add(entry, key, "expected non-empty text")
    if not is_whole(rec["points"]) or rec["points"] <= 0:
        bad.add(entry, "points", f"expected a whole number above 0, got {rec['points']!r}")
        return None
    bands = _check_bands(bad, entry, rec["points"], rec["bands"])
    if len(bad) > before:
        return None
    return Criterion(name, clean_text(rec["name"]), clean_text(rec["asks"]), rec["points"], bands)


def load_ballot(source: str | Path = "ballot.yml") -> Ballot:
    """Read and validate a ballot file; raise :class:`DataError` listing every mistake found."""
    bad = Problems(file_name(source))
    data = _mapping(bad, load_yaml(source), _BALLOT_KEYS)
    bad.raise_all()
    for key in ("title", "scored"):
        if not clean_text(data[key]):
            bad.add(None, key, "expected non-empty text")
    criteria = [_check_criterion(bad, name, rec) for name, rec in _entries(bad, data["criteria"], "criteria",
                                                                          "criterion_id")]  # fmt: skip
    decision = _strings(bad, None, data, "decision")
    prompts = _strings(bad, None, data, "reason_prompts")
    bad.raise_all()
    return Ballot(clean_text(data["title"]), clean_text(data["scored"]), tuple(criteria), decision, prompts)


@cache
def ballot() -> Ballot:
    """The packaged judging ballot."""
    return load_ballot()


def _points_range(band: Band) -> str:
    return str(band.low) if band.low == band.high else f"{band.low}–{band.high}"


def ballot_table(b: Ballot | None = None) -> pd.DataFrame:
    """The ballot's criteria as a table: what each asks, its points, and one column per band label.

    A cell reads "9–10: <descriptor>", so criteria with different maxima share the columns.
    """
    b = b or ballot()
    labels = list(dict.fromkeys(band.label for c in b.criteria for band in c.bands))
    rows = []
    for c in b.criteria:
        by_label = {band.label: f"{_points_range(band)}: {band.descriptor}" for band in c.bands}
        rows.append({"criterion": c.name, "asks": c.asks, "points": c.points,
                     **{label: by_label.get(label, "") for label in labels}})  # fmt: skip
    return pd.DataFrame(rows, columns=["criterion", "asks", "points", *labels])


def score_sheet(sides: list[str], b: Ballot | None = None) -> pd.DataFrame:
    """A blank score sheet: one row per criterion, one empty column per side or team, and the maxima."""
    b = b or ballot()
    if not sides or len(set(sides)) != len(sides):
        raise ValueError(f"score_sheet(): expected distinct side or team names, got {sides!r}")
    table = pd.DataFrame({"criterion": [c.name for c in b.criteria],
                          "out of": [c.points for c in b.criteria]})  # fmt: skip
    for side in sides:
        table[side] = ""
    total = {"criterion": "Total", "out of": b.total, **{side: "" for side in sides}}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def tally(scores: Mapping[str, Mapping[str, int]], b: Ballot | None = None) -> pd.DataFrame:
    """Check a judge's scores (side → criterion id → points) and total them, highest total first.

    Every side must be scored on every criterion with a whole number from 0 to the criterion's
    points; all mistakes are reported together, naming the side and the criterion.
    """
    b = b or ballot()
    known = {c.criterion_id: c for c in b.criteria}
    problems, rows = [], []
    for side, marks in scores.items():
        missing = [cid for cid in known if cid not in marks]
        if missing:
            problems.append(f"{side}: no score for {missing}")
        for cid, value in marks.items():
            if cid not in known:
                problems.append(f"{side}: unknown criterion {cid!r}; criteria: {list(known)}")
            elif not is_whole(value) or not 0 <= value <= known[cid].points:
                top = known[cid].points
                problems.append(f"{side}: {cid} = {value!r}; expected a whole number from 0 to {top}")
        rows.append({"side": side, **{cid: marks.get(cid) for cid in known}})
    if problems:
        raise ValueError("ballot scores: " + "; ".join(problems))
    table = pd.DataFrame(rows).set_index("side")
    table["total"] = table.sum(axis=1).astype(int)
    return table.sort_values("total", ascending=False, kind="stable")


# --------------------------------------------------------------------------------------------
# The rubric for open answers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """How fully an answer meets a criterion, as the share of that criterion's points it earns."""

    level_id: str
    name: str
    share: float


@dataclass(frozen=True)
class RubricCriterion:
    """A kind of criterion the question rubrics use, with what each level of it looks like."""

    criterion_id: str
    name: str
    descriptors: dict[str, str]


@dataclass(frozen=True)
class Rubric:
    """Levels (full, partial, none) and the descriptor of each level for each kind of criterion."""

    title: str
    applies_to: str
    levels: tuple[Level, ...]
    criteria: tuple[RubricCriterion, ...]
    do_not_penalise: tuple[str, ...]

    def award(self, points: float, level_id: str) -> float:
        """Points earned on a criterion worth ``points`` at this level, rounded down to a half point."""
        for level in self.levels:
            if level.level_id == level_id:
                return int(points * level.share * 2) / 2
        raise KeyError(f"no rubric level {level_id!r}; levels: {[lv.level_id for lv in self.levels]}")


_RUBRIC_KEYS = ("title", "applies_to", "levels", "criteria", "do_not_penalise")


def _check_levels(bad: Problems, raw: Any) -> tuple[Level, ...]:
    levels = []
    for name, rec in _entries(bad, raw, "levels", "level_id"):
        entry = f"levels {name}"
        if set(rec) != {"level_id", "name", "share"}:
            bad.add(entry, None, "expected exactly the keys level_id, name, share")
            continue
        share = rec["share"]
        if not isinstance(share, int | float) or isinstance(share, bool) or not 0 <= share <= 1:
            bad.add(entry, "share", f"expected a number from 0 to 1, got {share!r}")
            continue
        if not clean_text(rec["name"]):
            bad.add(entry, "name", "expected non-empty text")
            continue
        levels.append(Level(name, clean_text(rec["name"]), float(share)))
    if levels and len(levels) == len(raw):
        shares = [lv.share for lv in levels]
        if shares[0] != 1 or shares[-1] != 0 or shares != sorted(shares, reverse=True):
            fix = "list the levels from share 1 (full) down to 0 (none)"
            bad.add(None, "levels", f"shares are {shares}; {fix}")
    return tuple(levels)


def load_rubric(source: str | Path = "rubric.yml") -> Rubric:
    """Read and validate a rubric file; every criterion describes every level."""
    bad = Problems(file_name(source))
    data = _mapping(bad, load_yaml(source), _RUBRIC_KEYS)
    bad.raise_all()
    for key in ("title", "applies_to"):
        if not clean_text(data[key]):
            bad.add(None, key, "expected non-empty text")
    levels = _check_levels(bad, data["levels"])
    level_ids = [lv.level_id for lv in levels]
    criteria = []
    for name, rec in _entries(bad, data["criteria"], "criteria", "criterion_id"):
        entry = f"criteria {name}"
        if set(rec) != {"criterion_id", "name", "descriptors"}:
            bad.add(entry, None, "expected exactly the keys criterion_id, name, descriptors")
            continue
        if not clean_text(rec["name"]):
            bad.add(entry, "name", "expected non-empty text")
        desc = rec["descriptors"]
        if not isinstance(desc, dict) or set(desc) != set(level_ids):
            got = sorted(desc) if isinstance(desc, dict) else desc
            bad.add(entry, "descriptors", f"expected one descriptor for each level {level_ids}, got {got}")
            continue
        for lid in level_ids:
            if not clean_text(desc[lid]):
                bad.add(entry, f"descriptors.{lid}", "expected non-empty text")
        descriptors = {k: clean_text(v) or "" for k, v in desc.items()}
        criteria.append(RubricCriterion(name, clean_text(rec["name"]) or "", descriptors))
    penalise = _strings(bad, None, data, "do_not_penalise")
    bad.raise_all()
    title, applies_to = clean_text(data["title"]), clean_text(data["applies_to"])
    return Rubric(title, applies_to, levels, tuple(criteria), penalise)


@cache
def rubric() -> Rubric:
    """The packaged rubric for open (short-answer) questions."""
    return load_rubric()


def rubric_table(r: Rubric | None = None) -> pd.DataFrame:
    """The rubric as a table: one row per kind of criterion, one column per level."""
    r = r or rubric()
    columns = {lv.level_id: f"{lv.name} ({lv.share:.0%} of the points)" for lv in r.levels}
    rows = [{"criterion": c.name, **{columns[k]: c.descriptors[k] for k in columns}} for c in r.criteria]
    return pd.DataFrame(rows)


def score_answer(criteria: list[Mapping], levels: list[str], r: Rubric | None = None) -> pd.DataFrame:
    """Score one open answer: each of a question's criteria ({criterion, points}) at the level judged.

    Returns one row per criterion with the points it earns (:meth:`Rubric.award`); the sum is the
    score to enter for the question.
    """
    r = r or rubric()
    if len(levels) != len(criteria):
        raise ValueError(
            f"score_answer(): {len(criteria)} criteria but {len(levels)} levels; give one level each"
        )
    rows = [
        {
            "criterion": c["criterion"],
            "points": c["points"],
            "level": level,
            "awarded": r.award(c["points"], level),
        }
        for c, level in zip(criteria, levels, strict=True)
    ]
    return pd.DataFrame(rows)
