"""What a judge would point out in a student's case: the case builder's checks, as pure functions.

A case is JSON data (see :data:`CASE_FORMAT`): a motion, a side, arguments (claim, warrant,
impact, cards) and rebuttals to the other side's arguments (response, cards). A card carries the
quote and the paragraph id it claims to come from. ``casebuilder.js`` repeats :func:`check_case`
step for step in its exported ``compute()``; a Node test holds the two to the same findings.
"""

from __future__ import annotations

from typing import Any

CASE_FORMAT = "debatekit-case"
CASE_VERSION = 1

#: Finding codes and what each means, in the order the checks run.
FINDINGS: dict[str, str] = {
    "no-arguments": "the case has no argument",
    "no-claim": "an argument states no claim",
    "no-warrant": "an argument gives no warrant (why the evidence supports the claim)",
    "no-impact": "an argument says nothing of its impact (why it matters)",
    "no-card": "an argument rests on no card",
    "unknown-paragraph": "a card names a paragraph the readings do not have",
    "not-verbatim": "a card's quote is not, word for word, in the paragraph it names",
    "rebuttal-no-response": "a rebuttal says nothing",
    "rebuttal-no-card": "a rebuttal rests on no evidence",
    "one-article": "every card comes from a single article",
}


def normalise_space(text: str) -> str:
    """Runs of whitespace as one space, trimmed (how quotes are compared with the readings)."""
    return " ".join(str(text).split())


def article_of(paragraph_id: str) -> str:
    """The article id of a paragraph id (``a001-p07`` → ``a001``)."""
    return paragraph_id.rsplit("-p", 1)[0]


def _blank(value: Any) -> bool:
    return not isinstance(value, str) or not value.strip()


def _finding(code: str, where: str, detail: str = "") -> dict:
    message = f"{where}: {FINDINGS[code]}" + (f" ({detail})" if detail else "")
    return {"code": code, "where": where, "message": message}


def _card_findings(card: dict, where: str, paragraphs: dict[str, str]) -> list[dict]:
    pid = str(card.get("paragraph_id", ""))
    label = f"{where}, card {card.get('id', '?')}"
    if pid not in paragraphs:
        return [_finding("unknown-paragraph", label, pid or "no paragraph id")]
    if normalise_space(card.get("quote", "")) not in normalise_space(paragraphs[pid]) or _blank(
        card.get("quote")
    ):
        return [_finding("not-verbatim", label, pid)]
    return []


def check_case(case: dict, paragraphs: dict[str, str]) -> list[dict]:
    """Every finding for ``case``, given the text of each paragraph a card may cite.

    Each finding is ``{code, where, message}``; an empty list means a judge has nothing to flag.
    """
    found: list[dict] = []
    arguments = case.get("arguments") or []
    rebuttals = case.get("rebuttals") or []
    if not arguments:
        found.append(_finding("no-arguments", "case"))
    articles: set[str] = set()
    cards = 0
    for n, arg in enumerate(arguments, 1):
        where = f"argument {n}"
        for field, code in (("claim", "no-claim"), ("warrant", "no-warrant"), ("impact", "no-impact")):
            if _blank(arg.get(field)):
                found.append(_finding(code, where))
        arg_cards = arg.get("cards") or []
        if not arg_cards:
            found.append(_finding("no-card", where))
        for card in arg_cards:
            found += _card_findings(card, where, paragraphs)
            articles.add(article_of(str(card.get("paragraph_id", ""))))
            cards += 1
    for n, reb in enumerate(rebuttals, 1):
        where = f"rebuttal {n}"
        if _blank(reb.get("response")):
            found.append(_finding("rebuttal-no-response", where))
        reb_cards = reb.get("cards") or []
        if not reb_cards:
            found.append(_finding("rebuttal-no-card", where))
        for card in reb_cards:
            found += _card_findings(card, where, paragraphs)
            articles.add(article_of(str(card.get("paragraph_id", ""))))
            cards += 1
    if cards and len(articles) == 1:
        found.append(_finding("one-article", "case", f"all {cards} from {next(iter(articles))}"))
    return found
