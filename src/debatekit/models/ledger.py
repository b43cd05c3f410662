"""Stakeholder ledger: the gains and risks an article lists for each stakeholder, weighed by the reader.

The reader rates every item's *weight* (0–5, how much it matters) and *likelihood* (0–1, or a
percentage such as ``"40%"``). A stakeholder's net balance is

    net = Σ over its gains of weight × likelihood  −  Σ over its risks of weight × likelihood

with each sum taken in file order, starting from 0. Positive: the gains outweigh the risks.
``widgets/ledger.js`` repeats this arithmetic in the same order and formats numbers the same way
(one decimal, halves rounded away from zero), so the browser and this module agree exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from debatekit.content import corpus
from debatekit.content.files import DataError, is_number, load_yaml, raise_all

LEDGER_FILE = "ledger.yml"
KINDS = ("gain", "risk")
WEIGHT_MAX = 5.0
ITEM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PERCENT = re.compile(r"^\d+(\.\d+)?%$")
MINUS = "\u2212"
_ITEM_FIELDS = ("item_id", "stakeholder", "kind", "heading", "label", "card_ids", "default_weight",
                "default_likelihood")  # fmt: skip
_ITEM_OPTIONAL = ("note",)


@dataclass(frozen=True)
class LedgerItem:
    """One gain or risk of one stakeholder, as the article states it (label and note are ours)."""

    item_id: str
    stakeholder: str
    kind: str
    heading: str
    label: str
    card_ids: tuple[str, ...]
    default_weight: float
    default_likelihood: float
    note: str | None = None

    def as_dict(self) -> dict:
        """Plain data for the widget (and for :func:`compute`)."""
        return {**self.__dict__, "card_ids": list(self.card_ids)}


@dataclass(frozen=True)
class Ledger:
    """The article the ledger reads, its stakeholders in display order and their items."""

    article: str
    stakeholders: tuple[str, ...]
    items: tuple[LedgerItem, ...]


# --- loading --------------------------------------------------------------------------------


def _a_number(value: Any) -> bool:
    """A number a ledger can hold: :func:`~debatekit.content.files.is_number` and not NaN."""
    return is_number(value) and not math.isnan(value)


def _heading_problem(heading: str, paragraph_ids: list[str]) -> str | None:
    """None if ``heading`` is the section of a cited paragraph or the words that open one."""
    for pid in paragraph_ids:
        p = corpus.paragraph(pid)
        if p.section == heading or p.text.startswith(heading + ":"):
            return None
    return (
        f"{heading!r} is neither the section heading of nor the opening words of the cited "
        f"paragraph(s) {sorted(set(paragraph_ids))}; copy the article's sub-heading exactly"
    )


def _check_item(
    file: str, index: int, rec: Any, article: str, stakeholders: list[str], known: Mapping[str, dict]
) -> tuple[LedgerItem | None, list[DataError]]:
    entry = rec.get("item_id") if isinstance(rec, dict) else None
    entry = entry if isinstance(entry, str) and entry else f"#{index + 1}"
    if not isinstance(rec, dict):
        return None, [DataError(file, entry, None, f"expected a mapping, got {type(rec).__name__}")]
    errors = [
        DataError(file, entry, f, "missing; every item needs this field")
        for f in _ITEM_FIELDS
        if rec.get(f) is None or rec.get(f) == ""
    ]
    errors += [
        DataError(file, entry, f, f"unknown field; fields are {list(_ITEM_FIELDS + _ITEM_OPTIONAL)}")
        for f in rec
        if f not in _ITEM_FIELDS + _ITEM_OPTIONAL
    ]
    if errors:
        return None, errors
    if not isinstance(rec["item_id"], str) or not ITEM_ID.match(rec["item_id"]):
        errors.append(
            DataError(file, entry, "item_id", "use lower-case words joined by hyphens, e.g. us-leverage")
        )
    if rec["stakeholder"] not in stakeholders:
        errors.append(
            DataError(file, entry, "stakeholder", f"{rec['stakeholder']!r} is not one of {stakeholders}")
        )
    if rec["kind"] not in KINDS:
        errors.append(DataError(file, entry, "kind", f"{rec['kind']!r} is not one of {list(KINDS)}"))
    for field in ("heading", "label"):
        if not isinstance(rec[field], str) or not rec[field].strip():
            errors.append(DataError(file, entry, field, "expected a non-empty string"))
    if rec.get("note") is not None and not isinstance(rec["note"], str):
        errors.append(DataError(file, entry, "note", "expected a string"))
    ids = rec["card_ids"]
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        errors.append(
            DataError(file, entry, "card_ids", f"expected a non-empty list of card ids, got {ids!r}")
        )
        ids = []
    for cid in ids:
        if cid not in known:
            errors.append(
                DataError(file, entry, "card_ids", f"unknown card {cid!r}; cite ids from cards.yml")
            )
        elif known[cid]["article_id"] != article:
            errors.append(
                DataError(
                    file,
                    entry,
                    "card_ids",
                    f"card {cid!r} is from {known[cid]['article_id']}, "
                    f"not {article}; the ledger cites {article}'s cards only",
                )  # fmt: skip
            )
    cited = [known[c]["paragraph_id"] for c in ids if c in known and known[c]["article_id"] == article]
    if cited and isinstance(rec["heading"], str) and len(cited) == len(ids):
        problem = _heading_problem(rec["heading"], cited)
        if problem:
            errors.append(DataError(file, entry, "heading", problem))
    for field, high in (("default_weight", WEIGHT_MAX), ("default_likelihood", 1.0)):
        value = rec[field]
        if not _a_number(value) or not 0 <= value <= high:
            errors.append(
                DataError(file, entry, field, f"expected a number from 0 to {high:g}, got {value!r}")
            )
    if errors:
        return None, errors
    item = LedgerItem(
        item_id=rec["item_id"], stakeholder=rec["stakeholder"], kind=rec["kind"],
        heading=rec["heading"].strip(), label=rec["label"].strip(), card_ids=tuple(ids),
        default_weight=float(rec["default_weight"]), default_likelihood=float(rec["default_likelihood"]),
        note=rec.get("note"),
    )  # fmt: skip
    return item, []


def load_ledger(source: str | Path = LEDGER_FILE, known_cards: Mapping[str, dict] | None = None) -> Ledger:
    """Read and check a ledger file; raise :class:`DataError` listing every mistake found."""
    from debatekit.content import evidence

    file = Path(str(source)).name
    data = load_yaml(source)
    if not isinstance(data, dict) or not {"article", "stakeholders", "items"} <= set(data):
        raise DataError(file, None, None, "expected a mapping with 'article', 'stakeholders' and 'items'")
    article, stakeholders, records = data["article"], data["stakeholders"], data["items"]
    if article not in corpus.ARTICLE_IDS:
        raise DataError(file, None, "article", f"{article!r} is not one of {list(corpus.ARTICLE_IDS)}")
    if (
        not isinstance(stakeholders, list)
        or not stakeholders
        or any(s not in evidence.STAKEHOLDERS for s in stakeholders)
        or len(set(stakeholders)) != len(stakeholders)
    ):
        raise DataError(
            file, None, "stakeholders", f"expected distinct ids from {list(evidence.STAKEHOLDERS)}"
        )
    if not isinstance(records, list) or not records:
        raise DataError(file, None, "items", "expected a non-empty list of items")
    if known_cards is None:
        cards = evidence.cards()
        known_cards = {
            c: {"article_id": a, "paragraph_id": p}
            for c, a, p in zip(cards["card_id"], cards["article_id"], cards["paragraph_id"], strict=True)
        }
    errors: list[DataError] = []
    items: list[LedgerItem] = []
    for i, rec in enumerate(records):
        item, problems = _check_item(file, i, rec, article, stakeholders, known_cards)
        errors += problems
        if item is not None:
            if any(x.item_id == item.item_id for x in items):
                errors.append(
                    DataError(file, item.item_id, "item_id", "duplicate item id; ids must be unique")
                )
            items.append(item)
    if not errors:
        for s in stakeholders:
            if not any(x.stakeholder == s for x in items):
                errors.append(
                    DataError(file, None, "stakeholders", f"{s!r} has no items; add some or drop it")
                )
    raise_all(file, errors)
    order = {s: k for k, s in enumerate(stakeholders)}
    items.sort(key=lambda x: order[x.stakeholder])  # stable: file order within a stakeholder
    return Ledger(article, tuple(stakeholders), tuple(items))


@cache
def ledger() -> Ledger:
    """The packaged ledger (data/ledger.yml): one article's gains and risks for its stakeholders."""
    return load_ledger()


def items_frame(book: Ledger | None = None) -> pd.DataFrame:
    """Every item as a row, with the paragraphs its cards come from."""
    from debatekit.content import evidence

    book = book or ledger()
    rows = []
    for x in book.items:
        rows.append(
            {**x.as_dict(), "paragraph_ids": sorted({evidence.card(c)["paragraph_id"] for c in x.card_ids})}
        )
    return pd.DataFrame(rows)


# --- the balance ------------------------------------------------------------------------------


def parse_likelihood(value: Any, item_id: str) -> float:
    """A likelihood as a probability: a number from 0 to 1, or a string percentage ``"40%"``."""
    if isinstance(value, str):
        text = value.strip()
        if PERCENT.match(text) and float(text[:-1]) <= 100:
            return float(text[:-1]) / 100
        raise ValueError(
            f"likelihood of item '{item_id}' is '{value}'; give 0 to 1 or a percentage such as '40%'"
        )
    if not _a_number(value) or not 0 <= value <= 1:
        raise ValueError(
            f"likelihood of item '{item_id}' is {value}; give 0 to 1 or a percentage such as '40%'"
        )
    return float(value)


def _rating(item: Mapping, ratings: Mapping) -> tuple[float, float]:
    item_id = item["item_id"]
    given = ratings.get(item_id, {})
    if not isinstance(given, Mapping):
        raise ValueError(f"rating of item '{item_id}' must be a mapping with weight and/or likelihood")
    extra = sorted(set(given) - {"weight", "likelihood"})
    if extra:
        keys = ", ".join(extra)
        raise ValueError(f"rating of item '{item_id}' has unknown key(s) {keys}; use weight and likelihood")
    weight = given.get("weight", item["default_weight"])
    if not _a_number(weight) or not 0 <= weight <= WEIGHT_MAX:
        raise ValueError(f"weight of item '{item_id}' is {weight}; give a number from 0 to 5")
    return float(weight), parse_likelihood(given.get("likelihood", item["default_likelihood"]), item_id)


def format_amount(x: float) -> str:
    """A signed amount to one decimal, halves away from zero: "+1.5", "−3.2", "0.0" (as the JS)."""
    text = str(Decimal(abs(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    if text == "0.0":
        return text
    return (MINUS if x < 0 else "+") + text


def verdict(net_text: str) -> str:
    """What a (formatted) net balance says; a balance that rounds to 0.0 is even."""
    if net_text == "0.0":
        return "gains and risks balance"
    return "risks outweigh gains" if net_text.startswith(MINUS) else "gains outweigh risks"


def compute(items: list[Mapping], ratings: Mapping | None = None) -> dict:
    """Each item's w·p and each stakeholder's gains, risks and net (the reference for ledger.js).

    ``items`` are plain dicts (item_id, stakeholder, kind, default_weight, default_likelihood);
    ``ratings`` maps item id → {weight, likelihood}; an item not rated keeps its defaults.
    """
    ratings = {} if ratings is None else ratings
    if not isinstance(ratings, Mapping):
        raise ValueError("ratings must map item ids to {weight, likelihood}")
    known = [x["item_id"] for x in items]
    unknown = sorted(set(ratings) - set(known))
    if unknown:
        raise ValueError(f"ratings name unknown item(s) {', '.join(unknown)}")
    rows, totals = [], {}
    for x in items:
        if x["kind"] not in KINDS:
            raise ValueError(f"item '{x['item_id']}' has kind '{x['kind']}'; use gain or risk")
        weight, likelihood = _rating(x, ratings)
        contribution = weight * likelihood
        rows.append({"item_id": x["item_id"], "weight": weight, "likelihood": likelihood,
                     "contribution": contribution})  # fmt: skip
        t = totals.setdefault(x["stakeholder"], {"gains": 0.0, "risks": 0.0})
        t["gains" if x["kind"] == "gain" else "risks"] += contribution
    stakeholders = []
    for s, t in totals.items():
        net = t["gains"] - t["risks"]
        text = format_amount(net)
        says = verdict(text)
        row = {"stakeholder": s, "gains": t["gains"], "risks": t["risks"], "net": net, "text": text}
        stakeholders.append({**row, "verdict": says, "summary": f"{s}: net {text} ({says})"})
    return {"items": rows, "stakeholders": stakeholders}


def balance(ratings: Mapping | None = None, book: Ledger | None = None) -> pd.DataFrame:
    """Each stakeholder's gains, risks and net balance under ``ratings`` (defaults where unrated)."""
    book = book or ledger()
    result = compute([x.as_dict() for x in book.items], ratings)
    table = pd.DataFrame(result["stakeholders"]).set_index("stakeholder")
    return table[["gains", "risks", "net", "verdict", "summary"]]
