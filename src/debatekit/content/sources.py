"""Source profiles (``data/sources.yml``): what each text tells a reader about itself, as data.

A profile answers a fixed list of questions (who, where, when, on what evidence, what else the
file carries) with facts, each marked stated, observed, inferred or unknown. Every fact that is
not unknown rests on paragraphs; every quote is verbatim; and a profile must agree with the
article metadata (``seeds/articles.yml``): where the metadata says unknown, so does the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from debatekit.content import corpus, toc
from debatekit.content.files import DataError, Problems, clean_text, file_name, load_yaml

SOURCES_FILE = "sources.yml"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Aspect:
    aspect_id: str
    question: str
    metadata: str | None


@dataclass(frozen=True)
class Status:
    status_id: str
    name: str
    meaning: str


@dataclass(frozen=True)
class Fact:
    """One statement about a source: ``says`` is ours, ``quote`` the text's words, ``basis`` where."""

    aspect: str
    status: str
    says: str
    basis: tuple[str, ...] = ()
    quote: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Profile:
    article: str
    facts: tuple[Fact, ...]
    weight: str

    def about(self, aspect: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.aspect == aspect)


@dataclass(frozen=True)
class Sources:
    aspects: tuple[Aspect, ...]
    statuses: tuple[Status, ...]
    profiles: dict[str, Profile]
    #: The page that teaches how to read a profile, as (label, link text); None if the course has none.
    guide: tuple[str, str] | None = None

    def status(self, status_id: str) -> Status:
        return next(s for s in self.statuses if s.status_id == status_id)

    def aspect(self, aspect_id: str) -> Aspect:
        return next(a for a in self.aspects if a.aspect_id == aspect_id)


def _entries(add, raw: Any, field: str, id_field: str, keys: set[str]) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        add(None, field, f"expected a non-empty list of entries with {sorted(keys)}")
        return []
    good = []
    for n, rec in enumerate(raw, 1):
        if not isinstance(rec, dict) or not isinstance(rec.get(id_field), str):
            add(f"{field}[{n}]", id_field, f"each entry needs an {id_field}")
        elif not set(rec) <= keys:
            add(
                f"{field} {rec[id_field]}",
                None,
                f"unknown keys {sorted(set(rec) - keys)}; allowed {sorted(keys)}",
            )
        else:
            good.append(rec)
    return good


def _fact(
    add, entry: str, rec: Any, art: corpus.Article, aspects: set[str], statuses: set[str]
) -> Fact | None:
    keys = {"aspect", "status", "says", "basis", "quote", "value"}
    if not isinstance(rec, dict) or not set(rec) <= keys:
        add(entry, None, f"expected a mapping with keys from {sorted(keys)}")
        return None
    ok = True
    if rec.get("aspect") not in aspects:
        add(entry, "aspect", f"{rec.get('aspect')!r} is not an aspect; aspects: {sorted(aspects)}")
        ok = False
    status = rec.get("status")
    if status not in statuses:
        add(entry, "status", f"{status!r} is not a status; statuses: {sorted(statuses)}")
        ok = False
    says = clean_text(rec.get("says"))
    if not says:
        add(entry, "says", "expected our sentence saying what is known")
        ok = False
    basis = rec.get("basis") or []
    if not isinstance(basis, list) or not all(isinstance(b, str) for b in basis):
        add(entry, "basis", f"expected a list of paragraph ids, got {basis!r}")
        return None
    for pid in basis:
        try:
            corpus.paragraph(pid)
        except corpus.CorpusError as exc:
            add(entry, "basis", str(exc))
            ok = False
    quote = rec.get("quote")
    if status == UNKNOWN and (basis or quote):
        add(entry, "status", "an unknown fact has no basis and no quote: the text does not say it")
        ok = False
    if status in statuses - {UNKNOWN} and not basis and not quote:
        add(entry, "basis", f"a {status} fact needs the paragraph(s) it rests on, or a quote from the seed")
        ok = False
    if quote is not None:
        quote = corpus.normalise_space(str(quote))
        places = [
            corpus.normalise_space(corpus.paragraph(p).text) for p in basis if p in corpus.paragraph_ids()
        ]
        if not places:
            places = [corpus.normalise_space(art.raw)]
        if not any(quote in place for place in places):
            where = ", ".join(basis) if basis else f"the seed file of {art.id}"
            add(entry, "quote", f"“{quote[:60]}” is not verbatim in {where}")
            ok = False
    value = clean_text(rec.get("value")) if rec.get("value") is not None else None
    if not ok:
        return None
    return Fact(rec["aspect"], status, says, tuple(basis), quote, value)


def _check_metadata(add, entry: str, art: corpus.Article, facts: list[Fact], aspects: list[Aspect]) -> None:
    """The profile agrees with seeds/articles.yml: unknown there is an unknown fact here, and a
    known value there is the value of a stated or inferred fact here."""
    for aspect in aspects:
        if not aspect.metadata:
            continue
        meta = getattr(art, aspect.metadata)
        mine = [f for f in facts if f.aspect == aspect.aspect_id]
        if meta == UNKNOWN:
            if not any(f.status == UNKNOWN for f in mine):
                add(
                    entry,
                    aspect.aspect_id,
                    f"the metadata says {aspect.metadata} unknown; add an unknown fact",
                )
        elif not any(f.value == meta and f.status in ("stated", "inferred") for f in mine):
            add(entry, aspect.aspect_id, f"the metadata gives {aspect.metadata} {meta!r}; a stated or "
                "inferred fact must carry that value")  # fmt: skip
        if meta != UNKNOWN and any(f.status == UNKNOWN for f in mine):
            add(
                entry,
                aspect.aspect_id,
                f"the metadata gives {aspect.metadata} {meta!r}, so it is not unknown",
            )


def _guide(bad: Problems, raw: Any) -> tuple[str, str] | None:
    """The optional ``guide: {label, text}``: the page (a label of the course's toc) a profile
    links to for how to read it, and the words of the link."""
    if raw is None:
        return None
    if not bad.mapping("guide", raw) or set(raw) != {"label", "text"}:
        bad.add("guide", None, "expected {label, text}: a page label of the course and the link's words")
        return None
    label, text = bad.text("guide", raw, "label"), bad.text("guide", raw, "text")
    labels = toc.page_labels()
    if label and labels is not None and label not in labels:
        bad.add("guide", "label", f"no page of _toc.yml defines the label ({label})=")
    return (label, text) if label and text else None


def load_sources(source: str | Path = SOURCES_FILE) -> Sources:
    """Read and validate the source profiles; raises :class:`DataError` listing every problem."""
    file = file_name(source)
    bad = Problems(file)
    add = bad.add

    data = load_yaml(source)
    keys = {"aspects", "statuses", "profiles"}
    if not isinstance(data, dict) or not keys <= set(data) <= {*keys, "guide"}:
        raise DataError(
            file, None, None, "expected a mapping with the keys aspects, statuses, profiles (and guide)"
        )
    aspects = [
        Aspect(r["aspect_id"], clean_text(r.get("question")) or "", r.get("metadata"))
        for r in _entries(add, data["aspects"], "aspects", "aspect_id", {"aspect_id", "question", "metadata"})
    ]
    for a in aspects:
        if a.metadata and a.metadata not in ("author", "outlet", "date", "genre"):
            add(f"aspects {a.aspect_id}", "metadata", f"{a.metadata!r} is not an article metadata field")
    statuses = [
        Status(r["status_id"], clean_text(r.get("name")) or "", clean_text(r.get("meaning")) or "")
        for r in _entries(add, data["statuses"], "statuses", "status_id", {"status_id", "name", "meaning"})
    ]
    status_ids = {s.status_id for s in statuses}
    if UNKNOWN not in status_ids:
        add(None, "statuses", f"the statuses must include {UNKNOWN!r}")
    aspect_ids = {a.aspect_id for a in aspects}
    profiles: dict[str, Profile] = {}
    for rec in _entries(add, data["profiles"], "profiles", "article", {"article", "facts", "weight"}):
        aid = rec["article"]
        entry = f"profile {aid}"
        if aid not in corpus.ARTICLE_IDS:
            add(entry, "article", f"unknown article; articles: {list(corpus.ARTICLE_IDS)}")
            continue
        if aid in profiles:
            add(entry, "article", "a second profile for this article")
        art = corpus.article(aid)
        raw_facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
        facts = [
            f
            for n, r in enumerate(raw_facts, 1)
            if (f := _fact(add, f"{entry} fact {n}", r, art, aspect_ids, status_ids)) is not None
        ]
        missing = [a for a in aspect_ids if a not in {f.aspect for f in facts}]
        if len(facts) == len(raw_facts) and missing:
            add(
                entry,
                "facts",
                f"no fact about {sorted(missing)}; every aspect needs one (unknown if need be)",
            )
        _check_metadata(add, entry, art, facts, aspects)
        weight = clean_text(rec.get("weight"))
        if not weight:
            add(entry, "weight", "expected our advice on how much the text can carry")
        profiles[aid] = Profile(aid, tuple(facts), weight or "")
    missing = [a for a in corpus.ARTICLE_IDS if a not in profiles]
    if missing:
        add(None, "profiles", f"no profile for {missing}; every article needs one")
    guide = _guide(bad, data.get("guide"))
    bad.raise_all()
    return Sources(tuple(aspects), tuple(statuses), profiles, guide)


@cache
def sources() -> Sources:
    """The packaged source profiles."""
    return load_sources()


def profile(article_id: str) -> Profile:
    found = sources().profiles.get(article_id)
    if found is None:
        raise KeyError(f"no source profile for {article_id!r}; profiles: {sorted(sources().profiles)}")
    return found


def profile_table_rows() -> list[dict]:
    """One row per article: each aspect's statuses (for a side-by-side comparison table)."""
    src = sources()
    rows = []
    for aid, prof in src.profiles.items():
        row = {"article": aid}
        for a in src.aspects:
            row[a.question] = ", ".join(
                dict.fromkeys(src.status(f.status).name for f in prof.about(a.aspect_id))
            )
        rows.append(row)
    return rows
