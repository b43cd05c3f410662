"""Reasoning moves (``data/reasoning.yml``): the kinds of move, and examples on the texts' sentences.

A move (an analogy, a conditional chain, an appeal to authority, an either-or framing) has a
name, a description and the questions that test it. An example quotes the article verbatim from
one paragraph; an analogy also says what it is asked to prove, what is alike and what is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.content import corpus
from debatekit.content.files import DataError, Problems, clean_text, file_name, load_yaml

REASONING_FILE = "reasoning.yml"
#: The parts of an analogy an example states, and how a page or a question names each.
ANALOGY_PARTS = {
    "proves": "what it is asked to prove",
    "alike": "a likeness it relies on",
    "unlike": "a difference that weakens it",
}


@dataclass(frozen=True)
class Move:
    move_id: str
    name: str
    what: str
    test: tuple[str, ...]


@dataclass(frozen=True)
class Example:
    example_id: str
    move: str
    also: tuple[str, ...]
    paragraph: str
    quote: str
    note: str
    parts: dict[str, tuple[str, ...]]

    @property
    def moves(self) -> tuple[str, ...]:
        return (self.move, *self.also)

    @property
    def article(self) -> str:
        return self.paragraph[:4]


@dataclass(frozen=True)
class Reasoning:
    moves: dict[str, Move]
    examples: dict[str, Example]


def _texts(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value or not all(clean_text(v) for v in value):
        return None
    return tuple(clean_text(v) for v in value)


_MOVE_KEYS = {"move_id", "name", "what", "test"}
_EXAMPLE_KEYS = {"example_id", "move", "also", "paragraph", "quote", "note", *ANALOGY_PARTS}


def load_reasoning(source: str | Path = REASONING_FILE) -> Reasoning:
    """Read and validate the moves and examples; raises :class:`DataError` listing every problem."""
    file = file_name(source)
    bad = Problems(file)
    add = bad.add

    data = load_yaml(source)
    if not isinstance(data, dict) or set(data) != {"moves", "examples"}:
        raise DataError(file, None, None, "expected a mapping with the keys moves and examples")
    moves: dict[str, Move] = {}
    for n, rec in enumerate(data["moves"] if isinstance(data["moves"], list) else [], 1):
        entry = f"moves[{n}]"
        if not isinstance(rec, dict) or set(rec) != _MOVE_KEYS:
            add(entry, None, f"expected exactly the keys {sorted(_MOVE_KEYS)}")
            continue
        test = _texts(rec["test"])
        if not (clean_text(rec["name"]) and clean_text(rec["what"]) and test):
            add(entry, None, "a move needs a name, what it is, and a list of test questions")
            continue
        moves[rec["move_id"]] = Move(rec["move_id"], clean_text(rec["name"]), clean_text(rec["what"]), test)
    if not moves:
        add(None, "moves", "expected a non-empty list of moves")
    examples: dict[str, Example] = {}
    for n, rec in enumerate(data["examples"] if isinstance(data["examples"], list) else [], 1):
        eid = rec.get("example_id") if isinstance(rec, dict) else None
        entry = f"example {eid or f'#{n}'}"
        if not isinstance(rec, dict) or not set(rec) <= _EXAMPLE_KEYS or not isinstance(eid, str):
            add(entry, None, f"expected an example_id and keys from {sorted(_EXAMPLE_KEYS)}")
            continue
        if eid in examples:
            add(entry, "example_id", "duplicate example id")
        also = rec.get("also", [])
        bad_moves = [
            m for m in [rec.get("move"), *(also if isinstance(also, list) else [also])] if m not in moves
        ]
        if bad_moves:
            add(entry, "move", f"{bad_moves} not among the moves {sorted(moves)}")
            continue
        pid = rec.get("paragraph")
        try:
            text = corpus.normalise_space(corpus.paragraph(str(pid)).text)
        except corpus.CorpusError as exc:
            add(entry, "paragraph", str(exc))
            continue
        quote = corpus.normalise_space(str(rec.get("quote") or ""))
        if not quote or quote not in text:
            add(entry, "quote", f"“{quote[:60]}” is not verbatim in {pid}")
            continue
        note = clean_text(rec.get("note"))
        if not note:
            add(entry, "note", "expected our note on the example")
            continue
        parts: dict[str, tuple[str, ...]] = {}
        for part in ANALOGY_PARTS:
            if part in rec:
                value = _texts(rec[part])
                if value is None:
                    add(entry, part, "expected a non-empty list of sentences")
                    continue
                parts[part] = value
        if rec["move"] == "analogy" and set(parts) != set(ANALOGY_PARTS):
            add(
                entry,
                None,
                f"an analogy states {sorted(ANALOGY_PARTS)}; "
                f"missing {sorted(set(ANALOGY_PARTS) - set(parts))}",
            )
        elif rec["move"] != "analogy" and parts:
            add(entry, None, f"only analogies have {sorted(ANALOGY_PARTS)}")
        examples[eid] = Example(eid, rec["move"], tuple(also), str(pid), quote, note, parts)
    bad.raise_all()
    return Reasoning(moves, examples)


@cache
def reasoning() -> Reasoning:
    """The packaged moves and examples."""
    return load_reasoning()


def example(example_id: str) -> Example:
    found = reasoning().examples.get(example_id)
    if found is None:
        raise KeyError(f"no reasoning example {example_id!r}; examples: {sorted(reasoning().examples)}")
    return found


def examples_for(article_id: str) -> list[Example]:
    """The examples drawn from one article, in file order."""
    return [e for e in reasoning().examples.values() if e.article == article_id]


def counts() -> dict[str, int]:
    """How many examples each move has (an example making two moves counts for both)."""
    r = reasoning()
    return {m: sum(m in ex.moves for ex in r.examples.values()) for m in r.moves}
