"""``debatekit cards suggest``: a paragraph's sentences as ready-to-edit card entries, each quote an
exact substring of the paragraph, so cutting cards for a new article cannot misquote.
"""

from __future__ import annotations

import re

import yaml

_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_NUMBER = re.compile(
    r"(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|trillion))?"
)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it."""
    out, start = [], 0
    for m in _SENTENCE.finditer(text):
        out.append(text[start : m.start() + len(m.group(0).rstrip())].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def suggest_cards(pid: str) -> str:
    """The paragraph's sentences as card entries in cards.yml form, quotes verbatim by construction.

    A sentence with figures is suggested as a ``figure`` card with its first number as the value;
    everything we cannot know (the claim, stakeholders, topics) is left for the instructor.
    """
    from debatekit.content import corpus, evidence

    para = corpus.paragraph(pid)
    ids = [c for c in evidence.cards()["card_id"] if c.startswith(para.article_id + "-c")]
    number = max((int(c.rsplit("-c", 1)[1]) for c in ids), default=0)
    entries = []
    for sentence in sentences(para.text):
        number += 1
        figures = _NUMBER.findall(sentence)
        rec: dict = {
            "card_id": f"{para.article_id}-c{number:02d}",
            "paragraph_id": pid,
            "quote": sentence,
            "claim": "(our one-sentence paraphrase)",
            "kind": "figure" if figures else "fact",
            "stakeholders": [],
            "topics": [],
        }
        if figures:
            value = re.sub(r"[^\d.]", "", figures[0])
            rec["value"] = float(value) if "." in value else int(value)
            rec["unit"] = "(as stated: " + ", ".join(figures) + ")"
        entries.append(rec)
    head = f"# Suggested cards from {pid}: keep the ones worth debating, write each claim, then check.\n"
    return head + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000)
