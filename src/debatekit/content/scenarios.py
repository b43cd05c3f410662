"""The scenarios file (``data/scenarios.yml``): an article's scenario explorer and another's phased steps.

Checked at load time: cards exist and come from the right article, and every condition and
precondition is grounded in what the article says (a verbatim quote of the paragraph it names).
:mod:`debatekit.models.scenarios` holds the two models the widget repeats in JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.content import corpus
from debatekit.content.files import DataError, Problems, entry_name, load_yaml

SCENARIOS_FILE = "scenarios.yml"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: What a consequence is: the article's own forecast, its caveat on one, or someone's claim it reports.
CONSEQUENCE_KINDS = ("consequence", "caveat", "reported claim")
_SCENARIO_FIELDS = ("scenario_id", "title", "paragraph_ids", "summary", "card_ids", "preset")
_MEASURE_FIELDS = ("measure_id", "scenario", "label", "card_ids")
_CONSEQUENCE_FIELDS = (
    "consequence_id",
    "scenario",
    "kind",
    "claimant",
    "claim",
    "card_ids",
    "all_of",
    "none_of",
)
_STEP_FIELDS = ("step_id", "label", "phase", "card_ids", "preconditions", "grounds")
_GROUND_FIELDS = ("precondition", "paragraph_id", "quote", "reading")


@dataclass(frozen=True)
class Scenario:
    scenario_id: str
    title: str
    paragraph_ids: tuple[str, ...]
    summary: str
    card_ids: tuple[str, ...]
    preset: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    measure_id: str
    scenario: str
    label: str
    card_ids: tuple[str, ...]


@dataclass(frozen=True)
class Consequence:
    """A claim the article makes (or reports) about what follows when its conditions hold."""

    consequence_id: str
    scenario: str
    kind: str
    claimant: str
    claim: str
    card_ids: tuple[str, ...]
    all_of: tuple[str, ...]
    none_of: tuple[str, ...]
    reading: str | None = None


@dataclass(frozen=True)
class Explorer:
    article: str
    heading: str
    follows: str
    premise: str
    premise_cards: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    measures: tuple[Measure, ...]
    consequences: tuple[Consequence, ...]


@dataclass(frozen=True)
class Ground:
    """Why one step must come before another: the article's words and our reading of them."""

    precondition: str
    paragraph_id: str
    quote: str
    reading: str


@dataclass(frozen=True)
class Step:
    step_id: str
    label: str
    phase: str
    card_ids: tuple[str, ...]
    preconditions: tuple[str, ...]
    grounds: tuple[Ground, ...]


@dataclass(frozen=True)
class Sequencing:
    article: str
    heading: str
    start_note: str
    #: phase → what the article says of it (the label shown beside each step)
    phases: dict[str, str]
    note: str
    start_order: tuple[str, ...]
    steps: tuple[Step, ...]


def _plain(obj: Any) -> Any:
    """A dataclass as JSON-ready data (tuples become lists), for the widget."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, tuple | list):
        return [_plain(v) for v in obj]
    return obj


def _fields(bad: Problems, entry: str, rec: Any, required: tuple, optional: tuple = ()) -> bool:
    """Check required and unknown fields; True if the record can be read further."""
    if not isinstance(rec, dict):
        bad.add(entry, None, f"expected a mapping, got {type(rec).__name__}")
        return False
    before = len(bad)
    for f in required:
        if f not in rec or rec[f] is None or rec[f] == "":
            bad.add(entry, f, "missing; every entry needs this field (use [] for an empty list)")
    for f in rec:
        if f not in required + optional:
            bad.add(entry, f, f"unknown field; fields are {list(required + optional)}")
    return len(bad) == before


def _id_list(
    bad: Problems, entry: str, rec: dict, field: str, allowed: Sequence[str], empty_ok: bool
) -> tuple:
    value = rec.get(field)
    if (
        not isinstance(value, list)
        or not all(isinstance(v, str) for v in value)
        or (not value and not empty_ok)
    ):
        bad.add(entry, field, f"expected a {'' if empty_ok else 'non-empty '}list of ids, got {value!r}")
        return ()
    for v in value:
        if v not in allowed:
            bad.add(entry, field, f"unknown id {v!r}; known: {list(allowed)}")
    return tuple(value)


def _cards(bad: Problems, entry: str, rec: dict, article: str, known: Mapping[str, dict], field="card_ids"):
    ids = _id_list(bad, entry, rec, field, list(known), empty_ok=False)
    for cid in ids:
        if cid in known and known[cid]["article_id"] != article:
            bad.add(
                entry,
                field,
                f"card {cid!r} is from {known[cid]['article_id']}, not {article}; cite {article}'s cards",
            )
    return ids


def _check_id(bad: Problems, entry: str, rec: dict, field: str, seen: set) -> str:
    value = rec[field]
    if not isinstance(value, str) or not ID.match(value):
        bad.add(entry, field, "use lower-case words joined by hyphens, e.g. troop-drawdown")
    elif value in seen:
        bad.add(entry, field, "duplicate id; ids must be unique")
    seen.add(value)
    return value


def _load_explorer(bad: Problems, data: Any, known: Mapping[str, dict]) -> Explorer | None:
    if not isinstance(data, dict) or not {
        "article",
        "heading",
        "follows",
        "premise",
        "scenarios",
        "measures",
        "consequences",
    } <= set(data):
        bad.add(
            "explorer",
            None,
            "expected article, heading, follows, premise, scenarios, measures and consequences",
        )
        return None
    article = data["article"]
    if article not in corpus.ARTICLE_IDS:
        bad.add("explorer", "article", f"{article!r} is not one of {list(corpus.ARTICLE_IDS)}")
        return None
    premise = data["premise"]
    premise_text, premise_cards = "", ()
    if _fields(bad, "explorer.premise", premise, ("text", "card_ids")):
        premise_text = bad.text("explorer.premise", premise, "text")
        premise_cards = _cards(bad, "explorer.premise", premise, article, known)
    seen: set[str] = set()
    raw_scenarios = data["scenarios"] if isinstance(data["scenarios"], list) else []
    raw_measures = data["measures"] if isinstance(data["measures"], list) else []
    scenario_ids = [r.get("scenario_id") for r in raw_scenarios if isinstance(r, dict)]
    measure_ids = [r.get("measure_id") for r in raw_measures if isinstance(r, dict)]
    measures = []
    for i, rec in enumerate(raw_measures):
        entry = entry_name(rec, "measure_id", i, "measures")
        if not _fields(bad, entry, rec, _MEASURE_FIELDS):
            continue
        mid = _check_id(bad, entry, rec, "measure_id", seen)
        if rec["scenario"] not in scenario_ids:
            bad.add(entry, "scenario", f"{rec['scenario']!r} is not a scenario id; known: {scenario_ids}")
        measures.append(Measure(mid, rec["scenario"], bad.text(entry, rec, "label"),
                                _cards(bad, entry, rec, article, known)))  # fmt: skip
    measure_paragraphs = {
        m.measure_id: {known[c]["paragraph_id"] for c in m.card_ids if c in known} for m in measures
    }
    scenarios = []
    for i, rec in enumerate(raw_scenarios):
        entry = entry_name(rec, "scenario_id", i, "scenarios")
        if not _fields(bad, entry, rec, _SCENARIO_FIELDS):
            continue
        sid = _check_id(bad, entry, rec, "scenario_id", seen)
        pids = _id_list(bad, entry, rec, "paragraph_ids", corpus.paragraph_ids(), empty_ok=False)
        for pid in pids:
            if not pid.startswith(article + "-"):
                bad.add(entry, "paragraph_ids", f"{pid} is not a paragraph of {article}")
        title, summary = bad.text(entry, rec, "title"), bad.text(entry, rec, "summary")
        cards = _cards(bad, entry, rec, article, known)
        preset = _id_list(bad, entry, rec, "preset", measure_ids, empty_ok=False)
        scenarios.append(Scenario(sid, title, pids, summary, cards, preset))
    consequences = []
    for i, rec in enumerate(data["consequences"] if isinstance(data["consequences"], list) else []):
        entry = entry_name(rec, "consequence_id", i, "consequences")
        if not _fields(bad, entry, rec, _CONSEQUENCE_FIELDS, ("reading",)):
            continue
        cid = _check_id(bad, entry, rec, "consequence_id", seen)
        if rec["scenario"] not in scenario_ids:
            bad.add(entry, "scenario", f"{rec['scenario']!r} is not a scenario id; known: {scenario_ids}")
        if rec["kind"] not in CONSEQUENCE_KINDS:
            bad.add(entry, "kind", f"{rec['kind']!r} is not one of {list(CONSEQUENCE_KINDS)}")
        cards = _cards(bad, entry, rec, article, known)
        all_of = _id_list(bad, entry, rec, "all_of", measure_ids, empty_ok=True)
        none_of = _id_list(bad, entry, rec, "none_of", measure_ids, empty_ok=True)
        reading = rec.get("reading")
        if reading is not None and (not isinstance(reading, str) or not reading.strip()):
            bad.add(entry, "reading", "expected a non-empty string (or leave the field out)")
            reading = None
        if not all_of and not none_of:
            bad.add(entry, "all_of", "a consequence with no conditions is always in play; "
                    "give it measures in all_of or none_of (or put it in the premise)")  # fmt: skip
        both = sorted(set(all_of) & set(none_of))
        if both:
            bad.add(
                entry, "none_of", f"{both} also in all_of; a consequence cannot need and exclude a measure"
            )
        cited = {known[c]["paragraph_id"] for c in cards if c in known}
        ungrounded = [
            m for m in (*all_of, *none_of) if m in measure_paragraphs and not measure_paragraphs[m] & cited
        ]
        if ungrounded and not reading:
            problem = (
                f"measure(s) {ungrounded} cite no card from the consequence's paragraph(s) {sorted(cited)}; "
                "explain how the article ties them to this claim in a 'reading'"
            )
            bad.add(entry, "reading", problem)
        claimant, claim = bad.text(entry, rec, "claimant"), bad.text(entry, rec, "claim")
        reading = " ".join(reading.split()) if reading else None
        consequences.append(
            Consequence(cid, rec["scenario"], rec["kind"], claimant, claim, cards, all_of, none_of, reading)
        )
    for name, items in (("scenarios", scenarios), ("measures", measures), ("consequences", consequences)):
        if not items and not bad:
            bad.add("explorer", name, "expected a non-empty list")
    heading, follows = bad.text("explorer", data, "heading"), bad.text("explorer", data, "follows")
    return Explorer(
        article,
        heading,
        follows,
        premise_text,
        premise_cards,
        tuple(scenarios),
        tuple(measures),
        tuple(consequences),
    )


def _cycle(steps: list[Step]) -> list[str] | None:
    """A chain of preconditions that leads back to its start, or None."""
    pre = {s.step_id: s.preconditions for s in steps}
    state: dict[str, int] = {}

    def visit(x: str, path: list[str]) -> list[str] | None:
        state[x] = 1
        for p in pre.get(x, ()):
            if state.get(p) == 1:
                return path[path.index(p) :] + [x, p] if p in path else [x, p]
            if p in pre and state.get(p) is None:
                found = visit(p, path + [x])
                if found:
                    return found
        state[x] = 2
        return None

    for s in steps:
        if s.step_id not in state:
            found = visit(s.step_id, [])
            if found:
                return found
    return None


def _load_sequencing(bad: Problems, data: Any, known: Mapping[str, dict]) -> Sequencing | None:
    needed = ("article", "heading", "start_note", "phases", "note", "start_order", "steps")
    if not isinstance(data, dict) or not set(needed) <= set(data):
        bad.add("sequencing", None, f"expected {', '.join(needed)}")
        return None
    article = data["article"]
    if article not in corpus.ARTICLE_IDS:
        bad.add("sequencing", "article", f"{article!r} is not one of {list(corpus.ARTICLE_IDS)}")
        return None
    phases = _load_phases(bad, data["phases"], article)
    raw = data["steps"] if isinstance(data["steps"], list) else []
    step_ids = [r.get("step_id") for r in raw if isinstance(r, dict)]
    seen: set[str] = set()
    steps = []
    for i, rec in enumerate(raw):
        entry = entry_name(rec, "step_id", i, "steps")
        if not _fields(bad, entry, rec, _STEP_FIELDS):
            continue
        sid = _check_id(bad, entry, rec, "step_id", seen)
        if rec["phase"] not in phases:
            bad.add(entry, "phase", f"{rec['phase']!r} is not one of {list(phases)}")
        pre = _id_list(bad, entry, rec, "preconditions", step_ids, empty_ok=True)
        if sid in pre:
            bad.add(entry, "preconditions", "a step cannot be its own precondition")
        grounds = []
        raw_grounds = rec["grounds"] if isinstance(rec["grounds"], list) else []
        if not isinstance(rec["grounds"], list):
            bad.add(entry, "grounds", "expected a list (one ground per precondition)")
        for k, g in enumerate(raw_grounds):
            where = f"grounds[{k + 1}]"
            if not _fields(bad, entry, g, _GROUND_FIELDS):
                continue
            pid, quote = g["paragraph_id"], " ".join(str(g["quote"]).split())
            if (
                not isinstance(pid, str)
                or not pid.startswith(article + "-")
                or pid not in corpus.paragraph_ids()
            ):
                bad.add(entry, f"{where}.paragraph_id", f"{pid!r} is not a paragraph of {article}")
            elif corpus.normalise_space(quote) not in corpus.normalise_space(corpus.paragraph(pid).text):
                bad.add(
                    entry, f"{where}.quote", f"not found verbatim in {pid}; copy the article's exact words"
                )
            grounds.append(Ground(str(g["precondition"]), pid, quote, " ".join(str(g["reading"]).split())))
        grounded = [g.precondition for g in grounds]
        for p in pre:
            if grounded.count(p) != 1:
                bad.add(entry, "grounds", f"precondition {p!r} needs exactly one ground (quote + reading); "
                        f"found {grounded.count(p)}")  # fmt: skip
        for g in grounded:
            if g not in pre:
                bad.add(entry, "grounds", f"ground for {g!r}, which is not listed in preconditions")
        label, cards = bad.text(entry, rec, "label"), _cards(bad, entry, rec, article, known)
        steps.append(Step(sid, label, rec["phase"], cards, pre, tuple(grounds)))
    if not steps and not bad:
        bad.add("sequencing", "steps", "expected a non-empty list")
    loop = _cycle(steps)
    if loop:
        bad.add(
            "sequencing", "steps", f"preconditions form a loop {' → '.join(loop)}; no order can satisfy it"
        )
    start = data["start_order"]
    if (
        not isinstance(start, list)
        or sorted(map(str, start)) != sorted(step_ids)
        or len(set(start)) != len(start)
    ):
        bad.add("sequencing", "start_order", f"must list every step id exactly once: {step_ids}")
        start = step_ids
    heading, start_note = (
        bad.text("sequencing", data, "heading"),
        bad.text("sequencing", data, "start_note"),
    )
    note = bad.text("sequencing", data, "note")
    return Sequencing(article, heading, start_note, phases, note, tuple(start), tuple(steps))


def _load_phases(bad: Problems, raw: Any, article: str) -> dict[str, str]:
    """Phase → its label; a phase's quote must be verbatim in its paragraph of the article."""
    from debatekit.content import evidence

    phases: dict[str, str] = {}
    if not isinstance(raw, list) or not raw:
        bad.add("sequencing", "phases", "expected a list of {phase, paragraph_id, quote, label}")
        return phases
    for i, rec in enumerate(raw):
        entry = entry_name(rec, "phase", i, "phases")
        if not _fields(bad, entry, rec, ("phase", "paragraph_id", "label"), ("quote",)):
            continue
        pid, quote = rec["paragraph_id"], rec.get("quote")
        if not isinstance(pid, str) or not pid.startswith(article + "-") or pid not in corpus.paragraph_ids():
            bad.add(entry, "paragraph_id", f"{pid!r} is not a paragraph of {article}")
        elif quote is not None:
            problem = evidence.quote_problem(str(quote), corpus.paragraph(pid).text)
            if problem:
                bad.add(entry, "quote", f"{pid}: {problem}")
        try:
            label = str(rec["label"]).format(quote=quote or "", paragraph_id=pid)
        except (KeyError, IndexError, ValueError) as exc:
            bad.add(entry, "label", f"only {{quote}} and {{paragraph_id}} may be filled in: {exc}")
            continue
        if rec["phase"] in phases:
            bad.add(entry, "phase", "listed twice")
        phases[str(rec["phase"])] = label
    return phases


def load_scenarios(
    source: str | Path = SCENARIOS_FILE, known_cards: Mapping[str, dict] | None = None
) -> tuple[Explorer, Sequencing]:
    """Read and check a scenarios file; raise :class:`DataError` listing every mistake found."""
    from debatekit.content import evidence

    file = Path(str(source)).name
    data = load_yaml(source)
    if not isinstance(data, dict) or set(data) != {"explorer", "sequencing"}:
        raise DataError(file, None, None, "expected exactly two sections: explorer and sequencing")
    if known_cards is None:
        cards = evidence.cards()
        known_cards = {
            c: {"article_id": a, "paragraph_id": p}
            for c, a, p in zip(cards["card_id"], cards["article_id"], cards["paragraph_id"], strict=True)
        }
    bad = Problems(file)
    explorer = _load_explorer(bad, data["explorer"], known_cards)
    sequence = _load_sequencing(bad, data["sequencing"], known_cards)
    bad.raise_all()
    return explorer, sequence


@cache
def _default() -> tuple[Explorer, Sequencing]:
    return load_scenarios()


def explorer() -> Explorer:
    """The packaged scenario explorer (data/scenarios.yml: explorer)."""
    return _default()[0]


def sequencing() -> Sequencing:
    """The packaged phased sequencing (data/scenarios.yml: sequencing): steps and their preconditions."""
    return _default()[1]


def explorer_data(ex: Explorer | None = None) -> dict:
    """The explorer as plain data (lists and dicts), as the widget and the JS receive it."""
    return _plain(ex or explorer())


def steps_data(seq: Sequencing | None = None) -> list[dict]:
    """The steps as plain data, as the widget and the JS receive them."""
    return _plain((seq or sequencing()).steps)
