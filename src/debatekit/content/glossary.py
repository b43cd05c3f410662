"""The glossary (``data/glossary.yml``): our definitions, and where each term occurs in the texts.

Every alias must occur as a whole word in at least one paragraph; a mistake names the file, the
term and the field, and every mistake in the file is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

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

GLOSSARY_COLUMNS = ["term", "definition", "definition_is_ours", "aliases", "paragraph_ids", "card_ids"]


def _alias_pattern(alias: str) -> re.Pattern:
    """Whole-word, case-insensitive match for an alias; inflections are listed as their own aliases."""
    return re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE)


def _mentions(aliases: Iterable[str], text: str) -> bool:
    flat = corpus.normalise_space(text)
    return any(_alias_pattern(a).search(flat) for a in aliases)


def load_glossary(source: str | Path = "glossary.yml") -> tuple[dict, ...]:
    """Read and validate a glossary file; every alias must occur in at least one paragraph."""
    file, data = load_list(source, "terms")
    errors: list[DataError] = []
    texts = [p.text for a in corpus.load_articles() for p in a.paragraphs]
    seen: set[str] = set()
    for i, rec in enumerate(data):
        term = entry_name(rec, "term", i)
        bad = Problems(file, term)
        try:
            require(file, term, rec, ("term", "definition", "aliases"))
            require_list_of_str(file, term, rec, "aliases")
        except DataError as e:
            errors.append(e)
            continue
        for field in sorted(set(rec) - {"term", "definition", "aliases"}):
            bad.add(None, field, "unknown field; allowed: term, definition, aliases")
        if not rec["aliases"]:
            bad.add(None, "aliases", "empty; list the spellings the articles use")
        for alias in rec["aliases"]:
            if not any(_mentions([alias], t) for t in texts):
                bad.add(
                    None, "aliases", f"{alias!r} occurs in no paragraph; list only spellings found in the "
                        "articles (whole words, any case)")  # fmt: skip
        if term.casefold() in seen:
            bad.add(None, "term", "duplicate term")
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
