"""The charts' specifications (``data/figures.yml``): what each plots, from which cards, in whose words.

A spec names its numbers by card id; a derived number is a formula over those names (our
arithmetic, labelled as such). Texts are templates: ``{name}`` is a number as a figure,
``{name:g}`` a plain number, ``{name.low}``/``{name.high}`` a range's ends, ``{name.paragraph}``
its paragraph id. Loading checks every card, name, formula and template, and reports every problem.
"""

from __future__ import annotations

import ast
import math
import operator
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from debatekit.content import evidence
from debatekit.content.files import DataError, load_yaml, raise_all

FIGURES_FILE = "figures.yml"
LAYOUTS = ("bars", "counts-and-rates", "part-of-whole", "ratios", "claim-kinds", "timeline")
#: The fields each layout needs besides ``layout`` and ``title``.
_LAYOUT_FIELDS = {
    "bars": ("orientation", "size", "numbers", "rows", "axis", "alt", "note"),
    "counts-and-rates": ("size", "numbers", "rows", "counts", "rates", "alt", "note"),
    "part-of-whole": ("size", "numbers", "rows", "rest", "part", "total", "axis", "alt", "note"),
    "ratios": ("size", "numbers", "rows", "baseline", "series", "groups", "axis", "alt", "note"),
    "claim-kinds": ("size", "alt", "note"),
    "timeline": ("markers", "note"),
}
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def fmt(x: float) -> str:
    """A number as a chart labels it: thousands separated, one decimal place only when needed."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _absent(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


class Number(float):
    """A plotted number: the card's value (NaN for a range), its range, paragraph and cards.

    Formatted with no spec it reads as a figure (``20,000``); with a spec, as a float (``{:g}``).
    """

    raw: int | float | None
    low: Number | None
    high: Number | None
    paragraph: str
    cards: tuple[str, ...]
    derived: bool
    unit: str
    note: str

    def __new__(cls, value, low=None, high=None, paragraph="", cards=(), derived=False, unit="", note=""):
        self = super().__new__(cls, math.nan if _absent(value) else value)
        self.raw = None if _absent(value) else value
        self.low = None if _absent(low) else Number(low)
        self.high = None if _absent(high) else Number(high)
        self.paragraph, self.cards, self.derived, self.unit, self.note = (
            paragraph,
            tuple(cards),
            derived,
            unit,
            note,
        )
        return self

    @property
    def value(self) -> float | None:
        return self.raw

    def __format__(self, spec: str) -> str:
        return fmt(float(self)) if not spec else format(float(self), spec)


@dataclass(frozen=True)
class FigureSpec:
    """One chart's specification: its layout, the named numbers and the rest of its YAML entry."""

    name: str
    layout: str
    title: str
    numbers: dict[str, Number]
    fields: dict[str, Any]

    def text(self, template: str, **extra: Any) -> str:
        """A template filled with the chart's numbers (and ``extra`` names)."""
        return template.format_map({**self.numbers, **extra})

    def value(self, expression: str) -> float:
        """An arithmetic expression over the chart's numbers (``goal * 1.25``, ``max(a, b) * 1.5``)."""
        return _evaluate(ast.parse(str(expression), mode="eval").body, self.numbers)

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


def _evaluate(node: ast.AST, names: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in names:
            raise KeyError(node.id)
        found = names[node.id]
        return found.raw if isinstance(found, Number) and found.raw is not None else found
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "max" and node.args:
        return max(_evaluate(a, names) for a in node.args)
    raise ValueError(f"only numbers, names, + - * / and max() are allowed, not {ast.unparse(node)!r}")


def _names_in(expression: str) -> list[str]:
    """The names a formula uses, in order of first appearance."""
    nodes = [n for n in ast.walk(ast.parse(expression, mode="eval")) if isinstance(n, ast.Name)]
    found = [n.id for n in sorted(nodes, key=lambda n: n.col_offset)]
    return [n for i, n in enumerate(found) if n != "max" and n not in found[:i]]


def _templates(node: Any, path: str = ""):
    """Every string in a spec that is shown to readers, with where it is (``rows[1].text``)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("layout", "orientation", "number", "rest", "colour", "hatch", "max", "formula",
                           "tick", "markers") or isinstance(value, dict):  # fmt: skip
                yield from _templates(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _templates(value, f"{path}[{i}]")


def _check_template(errs: list, file: str, name: str, where: str, template: str, names: set[str]) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        errs.append(DataError(file, name, where, f"not a valid template: {exc}"))
        return
    for field in fields:
        base = field.split(".")[0]
        if base not in names:
            errs.append(
                DataError(file, name, where, f"{{{field}}} names no number; numbers are {sorted(names)}")
            )


def _spec(errs: list, file: str, name: str, rec: Any, cards: Mapping[str, Mapping]) -> FigureSpec | None:
    if not isinstance(rec, dict):
        errs.append(DataError(file, name, None, "expected a mapping"))
        return None
    layout = rec.get("layout")
    if layout not in LAYOUTS:
        errs.append(DataError(file, name, "layout", f"{layout!r} is not one of {list(LAYOUTS)}"))
        return None
    for field in ("title", *_LAYOUT_FIELDS[layout]):
        if rec.get(field) in (None, ""):
            errs.append(DataError(file, name, field, f"missing; a {layout} chart needs it"))
    numbers: dict[str, Number] = {}
    for key, cid in (rec.get("numbers") or {}).items():
        if cid not in cards:
            errs.append(DataError(file, name, f"numbers.{key}", f"unknown card {cid!r}"))
            continue
        card = cards[cid]
        if _absent(card.get("value")) and _absent(card.get("low")):
            errs.append(DataError(file, name, f"numbers.{key}", f"card {cid} states no number"))
            continue
        numbers[key] = Number(card["value"], card.get("low"), card.get("high"), card["paragraph_id"], [cid],
                              unit=card.get("unit") or "")  # fmt: skip
    for key, d in (rec.get("derived") or {}).items():
        where = f"derived.{key}"
        if not isinstance(d, dict) or not d.get("formula"):
            errs.append(DataError(file, name, where, "expected {formula, unit, note}"))
            continue
        try:
            used = _names_in(str(d["formula"]))
            value = _evaluate(ast.parse(str(d["formula"]), mode="eval").body, numbers)
        except (SyntaxError, KeyError, ValueError, ZeroDivisionError) as exc:
            errs.append(DataError(file, name, f"{where}.formula", f"cannot compute {d['formula']!r}: {exc}"))
            continue
        sources = [c for n in used for c in numbers[n].cards]
        paragraphs = sorted({cards[c]["paragraph_id"] for c in sources})
        provisional = Number(value, paragraph=", ".join(paragraphs), cards=sources, derived=True,
                             unit=str(d.get("unit", "")))  # fmt: skip
        note = str(d.get("note", "")).format_map({**numbers, key: provisional})
        numbers[key] = Number(value, paragraph=provisional.paragraph, cards=sources, derived=True,
                              unit=provisional.unit, note=note)  # fmt: skip
    for i, row in enumerate(rec.get("rows") or []):
        number = numbers.get(row.get("number")) if isinstance(row, dict) else None
        if number is None:
            errs.append(
                DataError(file, name, f"rows[{i}].number", f"names no number; numbers are {sorted(numbers)}")
            )
        elif number.derived and "derived" not in str(row.get("label", "")) + str(row.get("text", "")):
            errs.append(DataError(file, name, f"rows[{i}]", "a derived number must be labelled 'derived'"))
    for where, template in _templates({k: v for k, v in rec.items() if k not in ("numbers", "derived")}):
        _check_template(errs, file, name, where, template, set(numbers) | {"rate", "rest"})
    fields = {k: v for k, v in rec.items() if k not in ("layout", "title", "numbers", "derived")}
    return FigureSpec(name, layout, str(rec["title"]), numbers, fields)


def load_figures(
    source: str = FIGURES_FILE, cards: Mapping[str, Mapping] | None = None
) -> dict[str, FigureSpec]:
    """Every chart spec by name; every mistake in the file is reported together (file, entry, field)."""
    file = source.rsplit("/", 1)[-1]
    data = load_yaml(source)
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict):
        raise DataError(file, None, "figures", "expected a mapping with figures: {name: {...}, ...}")
    known = cards if cards is not None else {cid: evidence.card(cid) for cid in evidence.cards()["card_id"]}
    errs: list[DataError] = []
    specs = {str(n): _spec(errs, file, str(n), rec, known) for n, rec in data["figures"].items()}
    raise_all(file, errs)
    return specs


@cache
def figures() -> dict[str, FigureSpec]:
    """The shipped chart specs (``data/figures.yml``)."""
    return load_figures()
