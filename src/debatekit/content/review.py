"""Content checks that catch a kind of mistake, not one instance: each returns the problems found.

Every check reads the course files as plain data (parsed YAML), so it can be run on any copy of
them, and takes its word lists from ``review.yml``. A finding that needs judgement is answered in
data, with a ``reviewed:`` note on the entry (cards) or in ``review.yml`` (quotes), never by a skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from debatekit.content import corpus

PARAGRAPH_REF = re.compile(r"\ba\d{3}-p\d{2}\b")
CARD_REF = re.compile(r"\ba\d{3}-c\d{2}\b")
#: a quoted phrase: “…” or "…" (straight quotes survive YAML parsing inside block or single-quoted text)
QUOTED = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
MIN_NONZERO_WEIGHTS = 3
#: a label template's placeholder, such as {quote}
TEMPLATE_FIELD = re.compile(r"\{\w+\}")


def _has(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![\w’']){re.escape(phrase.lower())}(?![\w’'])", text.lower()) is not None


# --- matrices --------------------------------------------------------------------------------


def lens_problems(name: str, record: Mapping) -> list[str]:
    """A lens with fewer than three non-zero weights, or whose ``why`` names a criterion (by its
    ``keywords``) that it neither weights nor lists under ``wants_less``; and a ``wants_less``
    criterion given weight all the same."""
    problems = []
    criteria = record.get("criteria") or {}
    for lens, spec in (record.get("lenses") or {}).items():
        weights = {c: float((cell or {}).get("weight", 0)) for c, cell in (spec.get("weights") or {}).items()}
        nonzero = [c for c, w in weights.items() if w > 0]
        where = f"{name}: lenses: {lens}"
        if len(nonzero) < MIN_NONZERO_WEIGHTS:
            problems.append(
                f"{where}: only {len(nonzero)} non-zero weight(s) {nonzero}; a stakeholder weighs "
                f"at least {MIN_NONZERO_WEIGHTS} criteria"
            )
        why = str(spec.get("why", ""))
        less = set(spec.get("wants_less") or [])
        for crit in sorted(less - set(criteria)):
            problems.append(f"{where}: wants_less names unknown criterion {crit!r}")
        for crit, cspec in criteria.items():
            named = [k for k in (cspec or {}).get("keywords") or [] if _has(k, why)]
            if crit in less and weights.get(crit, 0) > 0:
                problems.append(f"{where}: {crit!r} is under wants_less but weighted {weights[crit]:g}")
            elif named and weights.get(crit, 0) == 0 and crit not in less:
                problems.append(
                    f"{where}: its why names {crit!r} ({', '.join(named)}) but gives it weight 0; "
                    "weight it, or list it under wants_less if the stakeholder wants less of it"
                )
    return problems


def lenses_checked(matrices: Mapping[str, Mapping]) -> int:
    """How many stakeholder lenses :func:`lens_problems` looks at."""
    return sum(len(rec.get("lenses") or {}) for rec in matrices.values())


def unkeyed_criteria(name: str, record: Mapping) -> list[str]:
    """Criteria with no ``keywords``: the lens check could not tell when a ``why`` names them."""
    return [
        f"{name}: criteria: {crit}: no keywords"
        for crit, spec in (record.get("criteria") or {}).items()
        if not (spec or {}).get("keywords")
    ]


def single_source_problems(name: str, record: Mapping, card_article: Mapping[str, str]) -> list[str]:
    """A matrix grounded in one article only: it lists one article, or its scores cite only one."""
    listed = list(record.get("articles") or [])
    cited = {
        card_article.get(cid, cid[:4])
        for row in (record.get("scores") or {}).values()
        for cell in row.values()
        for cid in (cell or {}).get("cards") or []
    }
    problems = []
    if len(set(listed)) < 2:
        problems.append(
            f"{name}: grounded in {listed} only; cite two or more so each option's best case is scored"
        )
    if len(cited) < 2:
        problems.append(f"{name}: its scores cite cards from {sorted(cited)} only")
    return problems


def options_without_best_case(name: str, record: Mapping, card_article: Mapping[str, str]) -> list[str]:
    """An option that scores its best on no criterion drawn from an article other than the one
    arguing against it: every option scores at least one criterion from a card of a second article."""
    problems = []
    for option, row in (record.get("scores") or {}).items():
        arts = {
            card_article.get(cid, cid[:4]) for cell in row.values() for cid in (cell or {}).get("cards") or []
        }
        if len(arts) < 2:
            problems.append(f"{name}: scores: {option}: every cell cites {sorted(arts)} only")
    return problems


# --- quotes outside the cards ----------------------------------------------------------------


def _refs(node: Any, card_paragraph: Mapping[str, str]) -> set[str]:
    text = repr(node)
    found = set(PARAGRAPH_REF.findall(text))
    found |= {card_paragraph[c] for c in CARD_REF.findall(text) if c in card_paragraph}
    return found


def quoted_phrases(tree: Any) -> Iterable[tuple[str, str, list[Any]]]:
    """(path, quoted phrase, [the string, then its enclosing nodes from nearest out]) for every quote."""

    def walk(node: Any, chain: list[Any], path: str, depth: int):
        # entries are the mappings below the file's top level (below its collections if it is a mapping)
        inner = (
            [*chain, node]
            if isinstance(node, dict) and depth > (1 if isinstance(tree, dict) else 0)
            else chain
        )
        if isinstance(node, str):
            for m in QUOTED.finditer(node):
                phrase = corpus.normalise_space(m.group(1) or m.group(2))
                if not TEMPLATE_FIELD.fullmatch(phrase):  # "“{quote}”": filled from a field checked itself
                    yield path, phrase, [node, *reversed(chain)]
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, inner, f"{path}.{key}" if path else str(key), depth + 1)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, chain, f"{path}[{i}]", depth + 1)

    yield from walk(tree, [], "", 0)


def quote_problems(
    file: str, tree: Any, card_paragraph: Mapping[str, str], reviewed: Mapping[tuple[str, str], str]
) -> tuple[int, list[str]]:
    """(quotes checked, problems): each quoted phrase must be verbatim in a paragraph it names (by
    paragraph or card id) in its own text or in the nearest enclosing entry that names any.
    A quote that is not the articles' (a page title, a word used as a word) is answered in
    ``review.yml`` with the reason, keyed by file and phrase."""
    checked, problems = 0, []
    for path, phrase, chain in quoted_phrases(tree):
        checked += 1
        if (file, phrase) in reviewed:
            continue
        sources = _refs(chain[0], card_paragraph)
        for node in chain[1:]:
            found = _refs(node, card_paragraph)
            if found:
                sources |= found
                break
        texts = {pid: corpus.normalise_space(corpus.paragraph(pid).text) for pid in sources if _known(pid)}
        if not any(phrase in t for t in texts.values()):
            where = f"is not verbatim in {sorted(texts)}" if texts else "names no paragraph in its entry"
            problems.append(f"{file}: {path}: “{phrase}” {where}")
    return checked, problems


def _known(pid: str) -> bool:
    try:
        corpus.paragraph(pid)
    except corpus.CorpusError:
        return False
    return True


# --- questions -------------------------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", str(text).lower()))


def _items(q: Mapping) -> frozenset[str]:
    out = set()
    for field in ("choices", "claims", "items"):
        out |= {_normalised(e.get("text", "")) for e in q.get(field) or [] if isinstance(e, dict)}
    return frozenset(out)


def repeated_practice(practice: Iterable[Mapping], assessed: Iterable[Mapping]) -> list[str]:
    """An assessed question whose prompt, or whose set of items to answer, repeats a practice
    question's: its key would be visible in practice."""
    prompts, item_sets = {}, {}
    for q in practice:
        prompts.setdefault(_normalised(q.get("prompt", "")), q["id"])
        if _items(q):
            item_sets.setdefault(_items(q), q["id"])
    problems = []
    for q in assessed:
        same = prompts.get(_normalised(q.get("prompt", "")))
        if same:
            problems.append(f"{q['id']}: its prompt repeats practice question {same}")
        same_items = item_sets.get(_items(q)) if _items(q) else None
        if same_items:
            problems.append(f"{q['id']}: its items repeat practice question {same_items}")
    return problems


def undated_present_prompts(questions: Iterable[Mapping], present: Iterable[str]) -> list[str]:
    """A question prompt in the present tense ("currently") that does not say as of when."""
    words = list(present)
    return [
        f"{q['id']}: its prompt says {w!r} but not as of when"
        for q in questions
        for w in words
        if _has(w, str(q.get("prompt", ""))) and "as of" not in str(q.get("prompt", "")).lower()
    ]


# --- cards -----------------------------------------------------------------------------------


def undated_present_cards(cards: Iterable[Mapping], present: Iterable[str]) -> list[str]:
    """A card whose quote speaks in the present ("currently", "now", "recent"...) with no ``as_of``
    note saying as of when (the article's date, or that it is unknown)."""
    words = list(present)
    problems = []
    for c in cards:
        hits = [w for w in words if _has(w, str(c.get("quote", "")))]
        if hits and not c.get("as_of") and not c.get("reviewed"):
            problems.append(f"{c['card_id']}: quote says {hits} but the card has no as_of")
    return problems


def modal_overstatements(cards: Iterable[Mapping], pairs: Iterable[Mapping]) -> list[str]:
    """A card whose claim uses a stronger word than its quote (``will`` where the quote has ``may``,
    ``only`` for ``particularly``): each pair in ``review.yml`` names the weaker words, the stronger
    ones, and fires when the quote has a weaker word, the claim a stronger one the quote lacks."""
    problems = []
    for c in cards:
        if c.get("reviewed"):
            continue
        quote, claim = str(c.get("quote", "")), str(c.get("claim", ""))
        for pair in pairs:
            weak = [w for w in pair["weaker"] if _has(w, quote)]
            strong = [s for s in pair["stronger"] if _has(s, claim) and not _has(s, quote)]
            if weak and strong:
                problems.append(f"{c['card_id']}: claim says {strong[0]!r} where the quote says {weak[0]!r}")
    return problems
