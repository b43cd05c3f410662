"""Motions and cases (``data/motions.yml``): each side's arguments in claim-warrant-impact form.

Checked at load time: fields, card ids, impact tags, and cases of equal strength (as many
arguments, cards, rebuttals and rebuttal cards on each side); a mistake names the file, the motion
and the field, and every mistake in the file is reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content import corpus
from debatekit.content.files import (
    DataError,
    Problems,
    entry_name,
    load_list,
    raise_all,
    require,
    require_list_of_str,
)

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


def _check_card_list(ids: Any, where: str, known: set[str], bad: Problems) -> tuple[str, ...]:
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        bad.add(None, where, f"expected a non-empty list of card ids, got {ids!r}")
        return ()
    for cid in ids:
        if cid not in known:
            bad.add(
                None, where, f"cites unknown card {cid!r}; card ids look like aNNN-cNN (see evidence.cards())"
            )
    if len(set(ids)) != len(ids):
        bad.add(None, where, "lists a card twice")
    return tuple(ids)


def _check_argument(rec: Any, where: str, known: set[str], bad: Problems) -> Argument | None:
    before = len(bad)
    if not isinstance(rec, dict):
        bad.add(None, where, "expected a mapping with " + ", ".join(_ARGUMENT_FIELDS))
        return None
    for field in _ARGUMENT_FIELDS:
        if rec.get(field) in (None, "", []):
            bad.add(
                None, f"{where}.{field}", "missing; every argument needs claim, warrant, impact, card_ids, "
                    "rebuttals (at least one) and impact_tags")  # fmt: skip
    for field in sorted(set(rec) - set(_ARGUMENT_FIELDS) - {"note"}):
        bad.add(None, f"{where}.{field}", f"unknown field; allowed: {list(_ARGUMENT_FIELDS)} and note")
    if len(bad) > before:
        return None
    cards = _check_card_list(rec["card_ids"], f"{where}.card_ids", known, bad)
    rebuttals = []
    if not isinstance(rec["rebuttals"], list):
        bad.add(None, f"{where}.rebuttals", "expected a list of {text, card_ids}")
    else:
        for n, r in enumerate(rec["rebuttals"], 1):
            at = f"{where}.rebuttals[{n}]"
            if not isinstance(r, dict) or set(r) != {"text", "card_ids"} or not r.get("text"):
                bad.add(None, at, "expected {text: <the answer>, card_ids: [ids]}")
                continue
            rebuttals.append(Rebuttal(" ".join(str(r["text"]).split()), _check_card_list(
                r["card_ids"], f"{at}.card_ids", known, bad)))  # fmt: skip
    tags = rec["impact_tags"]
    if not isinstance(tags, dict) or set(tags) != set(IMPACT_TAGS):
        bad.add(None, f"{where}.impact_tags", f"expected exactly the tags {list(IMPACT_TAGS)}")
    else:
        for tag, value in tags.items():
            if value not in IMPACT_TAGS[tag]:
                bad.add(
                    None, f"{where}.impact_tags.{tag}", f"{value!r} is not one of {list(IMPACT_TAGS[tag])}"
                )
    if len(bad) > before:
        return None
    return Argument(
        claim=" ".join(str(rec["claim"]).split()), warrant=" ".join(str(rec["warrant"]).split()),
        impact=" ".join(str(rec["impact"]).split()), card_ids=cards, rebuttals=tuple(rebuttals),
        impact_tags=dict(tags), note=" ".join(str(rec["note"]).split()) if rec.get("note") else None,
    )  # fmt: skip


def _check_balance(motion: Motion, bad: Problems) -> None:
    table = strength(motion)
    for column in table.columns:
        prop, opp = table.loc["proposition", column], table.loc["opposition", column]
        if prop != opp:
            weaker = "proposition" if prop < opp else "opposition"
            what = column.replace("_", " ")
            bad.add(
                None, weaker, f"unequal cases: {what} {prop} for the proposition, {opp} for the opposition; "
                    f"give the {weaker} as much as the other side")  # fmt: skip


def _check_motion(file: str, index: int, rec: Any, articles_of: dict[str, str]) -> tuple[Motion | None, list]:
    mid = entry_name(rec, "motion_id", index)
    bad = Problems(file, mid)
    try:
        require(file, mid, rec, _MOTION_FIELDS)
    except DataError as e:
        return None, [e]
    for field in sorted(set(rec) - set(_MOTION_FIELDS)):
        bad.add(None, field, f"unknown field; allowed: {list(_MOTION_FIELDS)}")
    if not MOTION_ID.match(mid):
        bad.add(None, "motion_id", "expected the form m01")
    if not str(rec["text"]).startswith("This House "):
        bad.add(None, "text", "a motion starts 'This House ...'")
    try:
        require_list_of_str(file, mid, rec, "articles", corpus.ARTICLE_IDS)
    except DataError as e:
        bad.append(e)
    known = set(articles_of)
    sides: dict[str, list[Argument]] = {}
    for side in SIDES:
        args = rec[side]
        if not isinstance(args, list) or len(args) < MIN_ARGUMENTS:
            bad.add(None, side, f"expected a list of at least {MIN_ARGUMENTS} arguments")
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
        bad.add(
            None, "articles",
            f"lists {sorted(motion.articles)} but the cases cite cards from {sorted(cited)}; "
                "list exactly the articles cited")  # fmt: skip
    _check_balance(motion, bad)
    return (None, bad) if bad else (motion, [])


def load_motions(source: str | Path = "motions.yml", known_cards: pd.DataFrame | None = None) -> list[Motion]:
    """Read and validate a motions file: fields, card ids, impact tags and equal-strength cases."""
    from debatekit.content import evidence

    cards = evidence.cards() if known_cards is None else known_cards
    card_articles = dict(zip(cards["card_id"], cards["article_id"], strict=True))
    file, data = load_list(source, "motions")
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
