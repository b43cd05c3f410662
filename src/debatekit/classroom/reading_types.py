"""Question types for reading critically, whose keys come from the kit's data, not from the bank.

- ``provenance``: which paragraph tells you who wrote a text, where or when (its source profile
  decides), or "the text does not say";
- ``overtaken``: which later paragraph overtakes a claim (the ``update`` links decide), or none;
- ``move``: label the reasoning move a quoted sentence makes (the reasoning examples decide);
- ``analogy``: sort statements about an analogy into what it is asked to prove, what is alike
  and what is not (the analogy's example states each).

A bank names the article and aspect, the card, or the example; the key is derived when the bank
loads, so it cannot drift from the profiles, links and examples it rests on. Every wrong option
gets its feedback here, so the checker (:func:`score`) and ``question.js`` only look it up.
:mod:`.questions` and :mod:`.checking` register these types beside the other eight.
"""

from __future__ import annotations

import hashlib
from typing import Any

from debatekit.content import corpus

TYPES = {
    "provenance": 'one paragraph id from the candidates, or "unknown"',
    "overtaken": 'one paragraph id from the candidates, or "none"',
    "move": "one move id from the choices",
    "analogy": "a mapping from statement id to part id",
}
LABELS = {
    "provenance": "source check",
    "overtaken": "claim in time",
    "move": "label the reasoning move",
    "analogy": "test the analogy",
}
UNKNOWN = {"id": "unknown", "text": "The text does not say (unknown)"}
NONE = {"id": "none", "text": "No later text in the kit overtakes it"}


def _candidates(r, rec: dict) -> list[dict]:
    pids = r.pids("candidates", rec.get("candidates"))
    if len(pids) < 2 or len(set(pids)) != len(pids):
        raise r.error("candidates", "expected at least two distinct paragraph ids")
    return [{"pid": p, "text": corpus.paragraph(p).text} for p in pids]


def _pick_feedback(r, rec: dict, options: list[str], key: list[str], wrong: dict[str, str]) -> dict[str, str]:
    """Feedback for every wrong option: ours by default, or the bank's own (``feedback: {option: text}``)."""
    own = rec.get("feedback") or {}
    if not isinstance(own, dict) or any(k not in options or not isinstance(v, str) for k, v in own.items()):
        raise r.error("feedback", f"expected a mapping from options {options} to text")
    if set(own) & set(key):
        right = sorted(set(own) & set(key))
        raise r.error("feedback", f"{right} are right answers; feedback is for wrong ones")
    merged = {**wrong, **{k: " ".join(v.split()) for k, v in own.items()}}
    return {o: merged[o] for o in options if o not in key and o in merged}


def _provenance(r, rec: dict):
    from debatekit.content import sources

    aid = rec.get("article")
    if aid not in corpus.ARTICLE_IDS:
        raise r.error("article", f"{aid!r} is not an article; articles: {list(corpus.ARTICLE_IDS)}")
    src = sources.sources()
    aspect = rec.get("aspect")
    if aspect not in {a.aspect_id for a in src.aspects}:
        raise r.error("aspect", f"{aspect!r} is not an aspect of the source profiles")
    facts = sources.profile(aid).about(aspect)
    key = sorted({p for f in facts if f.value and f.status != sources.UNKNOWN for p in f.basis})
    cands = _candidates(r, rec)
    pids = [c["pid"] for c in cands]
    if key and not set(key) & set(pids):
        raise r.error("candidates", f"the profile of {aid} rests this on {key}; include one of them")
    key = [p for p in key if p in pids] or [UNKNOWN["id"]]
    question = src.aspect(aspect).question.rstrip("?").lower()
    wrong = {p: f"{p} does not tell you this ({question})." for p in pids}
    if key == [UNKNOWN["id"]]:
        wrong = {
            p: f"Nothing in {p} tells you this ({question}): the text does not say, so it is unknown."
            for p in pids
        }
    wrong[UNKNOWN["id"]] = "The text does tell you: one of these paragraphs answers it. Look again."
    public = {"article": aid, "aspect": aspect, "candidates": cands, "none": dict(UNKNOWN)}
    return public, key, _pick_feedback(r, rec, [*pids, UNKNOWN["id"]], key, wrong), None, {}


def _overtaken(r, rec: dict):
    from debatekit.content import evidence
    from debatekit.models import dating

    cid = rec.get("card")
    try:
        card = evidence.card(str(cid))
    except KeyError:
        raise r.error("card", f"{cid!r} is not an evidence card") from None
    cands = _candidates(r, rec)
    pids = [c["pid"] for c in cands]
    own = [p for p in pids if p[:4] == card["article_id"]]
    if own:
        raise r.error("candidates", f"{own} are in the claim's own text; candidates come from other texts")
    later = list(dating.overtaking_paragraphs(card["card_id"]))
    if later and not set(later) & set(pids):
        raise r.error("candidates", f"the update links say {later} overtake {cid}; include one of them")
    key = [p for p in later if p in pids] or [NONE["id"]]
    if key == [NONE["id"]]:
        wrong = {p: f"{p} does not overtake this claim: no update link in the kit names it." for p in pids}
    else:
        wrong = {p: f"{p} does not update this claim; another of these paragraphs does." for p in pids}
        wrong[NONE["id"]] = "A later text in the kit does update this claim: find the paragraph."
    public = {
        "claim": {
            "card": card["card_id"],
            "pid": card["paragraph_id"],
            "quote": corpus.normalise_space(card["quote"]),
        },
        "candidates": cands,
        "none": dict(NONE),
    }
    return public, key, _pick_feedback(r, rec, [*pids, NONE["id"]], key, wrong), None, {}


def _example(r, rec: dict, analogy_only: bool = False):
    from debatekit.content import reasoning

    eid = rec.get("example")
    try:
        ex = reasoning.example(str(eid))
    except KeyError as exc:
        raise r.error("example", str(exc)) from None
    if analogy_only and ex.move != "analogy":
        raise r.error("example", f"{eid} is a {ex.move} example; an analogy question needs an analogy")
    return ex


def _move(r, rec: dict):
    from debatekit.content import reasoning

    ex = _example(r, rec)
    moves = reasoning.reasoning().moves
    choices = [{"id": m.move_id, "text": m.name} for m in moves.values()]
    key = list(ex.moves)
    wrong = {m.move_id: f"A {m.name} is this: {m.what} Do these words do that?" for m in moves.values()}
    public = {"quote": ex.quote, "pid": ex.paragraph, "choices": choices}
    return public, key, _pick_feedback(r, rec, [c["id"] for c in choices], key, wrong), None, {}


def _statement_id(qid: str, text: str) -> str:
    return "s" + hashlib.sha256(f"{qid}/{text}".encode()).hexdigest()[:6]


def _analogy(r, rec: dict):
    from debatekit.content import reasoning

    ex = _example(r, rec, analogy_only=True)
    statements = [(text, part) for part, texts in ex.parts.items() for text in texts]
    ids = {text: _statement_id(rec["id"], text) for text, _ in statements}
    if len(set(ids.values())) != len(ids):
        raise r.error("example", "two statements of this analogy are the same")
    ordered = sorted(statements, key=lambda s: ids[s[0]])
    public = {
        "quote": ex.quote,
        "pid": ex.paragraph,
        "statements": [{"id": ids[t], "text": t} for t, _ in ordered],
        "options": [{"id": k, "text": v} for k, v in reasoning.ANALOGY_PARTS.items()],
    }
    key = {ids[t]: part for t, part in ordered}
    feedback = {
        ids[t]: f"Check the statement ‘{t[:30].rsplit(' ', 1)[0]} …’: is it the conclusion the analogy "
        "serves, or a point of comparison that helps or hurts it?"
        for t, _ in ordered
    }
    return public, key, feedback, None, {}


BUILDERS = {"provenance": _provenance, "overtaken": _overtaken, "move": _move, "analogy": _analogy}


# --- checking --------------------------------------------------------------------------------------


def valid_answer(q, answer: Any) -> bool:
    """Whether ``answer`` has the shape question ``q`` (of one of these types) expects."""
    p = q.public
    if q.type in ("provenance", "overtaken"):
        options = [c["pid"] for c in p["candidates"]] + [p["none"]["id"]]
        return isinstance(answer, str) and answer in options
    if q.type == "move":
        return isinstance(answer, str) and answer in [c["id"] for c in p["choices"]]
    statements, options = [s["id"] for s in p["statements"]], [o["id"] for o in p["options"]]
    return isinstance(answer, dict) and all(
        isinstance(k, str) and k in statements and isinstance(v, str) and v in options
        for k, v in answer.items()
    )


def score(q, answer: Any) -> tuple[float, list[str]]:
    """Points and feedback: one pick is all or nothing; an analogy scores each statement."""
    if q.type == "analogy":
        statements = q.public["statements"]
        wrong = [s for s in statements if answer.get(s["id"]) != q.key[s["id"]]]
        return q.points * (len(statements) - len(wrong)) / len(statements), [
            q.feedback.get(s["id"], f"Check: “{s['text']}”.") for s in wrong
        ]
    if answer in q.key:
        return q.points, []
    return 0, [q.feedback.get(answer, "Not yet: look again at the paragraph.")]


SCORERS = {t: score for t in TYPES}
