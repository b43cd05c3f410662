"""``debatekit check``: validate every file of a course with the loaders' own checks, report all.

Each loader already checks its file (quotes verbatim in their paragraph, ids that resolve, lenses
and matrices well formed, motions' sides equal in arguments and cards) and raises a
:class:`~debatekit.content.files.DataError` naming file, entry and field; this runs every one, goes
on after a failure, and returns every problem. A file the course does not have is not checked;
an empty one (``[]``, ``{}``) has nothing to check.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from debatekit.content import course

#: data file → the loader that validates it (imported lazily: a broken file must not stop the rest).
_LOADERS: tuple[tuple[str, str, str], ...] = (
    ("cards.yml", "debatekit.content.evidence", "load_cards"),
    ("links.yml", "debatekit.content.evidence", "load_links"),
    ("stakeholders.yml", "debatekit.content.evidence", "load_stakeholders"),
    ("formats.yml", "debatekit.content.formats", "load_formats"),
    ("glossary.yml", "debatekit.content.glossary", "load_glossary"),
    ("motions.yml", "debatekit.content.motions", "load_motions"),
    ("matrices.yml", "debatekit.content.matrices", "matrices"),
    ("scenarios.yml", "debatekit.content.scenarios", "load_scenarios"),
    ("ledger.yml", "debatekit.models.ledger", "load_ledger"),
    ("chapters.yml", "debatekit.build.check", "check_chapters"),
    ("lesson_plans.yml", "debatekit.content.lessons", "load_lesson_plans"),
    ("rubric.yml", "debatekit.content.scoring", "load_rubric"),
    ("ballot.yml", "debatekit.content.scoring", "load_ballot"),
)


def check_chapters() -> object:
    """The chapters checked against the course's matrices too (a chapter names a matrix, lenses, options)."""
    from debatekit.content import chapters
    from debatekit.content.matrices import matrices as course_matrices

    try:
        matrices = course_matrices()
    except (ValueError, LookupError, TypeError):
        matrices = None  # matrices.yml's own problems are reported under its name, not again here
    return chapters.load_chapters(matrices=matrices)


def _problems(exc: Exception) -> list[str]:
    """One line per problem: a combined error ("N problems:" then "  - ...") is split up."""
    lines = str(exc).splitlines()
    listed = [ln.strip()[2:] for ln in lines[1:] if ln.strip().startswith("- ")]
    return listed or [str(exc)]


def _is_empty(path: Path) -> bool:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return False  # the loader reports the syntax error with its line
    empty = (None, [], {})
    return data in empty or (isinstance(data, dict) and all(v in empty for v in data.values()))


def _run(label: str, call: Callable[[], object], out: list[str]) -> None:
    try:
        call()
    except (ValueError, LookupError, TypeError, yaml.YAMLError) as exc:
        out.extend(p if p.startswith(label) else f"{label}: {p}" for p in _problems(exc))


def check_course(root: Path | None = None) -> list[str]:
    """Every problem found in the course at ``root`` (default: the course in use), one per line."""
    import importlib

    root = course.use(root) if root is not None else course.course_root()
    found: list[str] = []
    from debatekit.content import corpus

    _run("seeds/articles.yml", corpus.load_articles, found)
    noise = root / "data" / "noise.yml"
    if noise.exists() and not _is_empty(noise) and not found:
        from debatekit.content.files import load_yaml

        extra = sorted(set(load_yaml(noise) or {}) - set(corpus.article_ids()))
        found.extend(f"noise.yml: entry {a}: no such article in seeds/articles.yml" for a in extra)
    for name, module, function in _LOADERS:
        path = root / "data" / name
        if not path.exists() or _is_empty(path):
            continue
        _run(name, lambda m=module, f=function: getattr(importlib.import_module(m), f)(), found)
    from debatekit.classroom import questions
    from debatekit.content import banks

    for bank in sorted((root / "data" / "questions").glob("*.yml")):
        if not banks.is_empty_bank(bank):  # a new article's bank has no questions yet
            _run(bank.name, lambda b=bank: questions.load_bank_file(b), found)
    found.extend(_toc_problems(root))
    return found


def _toc_problems(root: Path) -> list[str]:
    """Every page the table of contents names must exist; every article needs its reading page."""
    from debatekit.content import corpus

    path = root / "_toc.yml"
    toc = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    if not isinstance(toc, dict):
        return ["_toc.yml: missing or not a mapping (format: jb-book, root: ...)"]
    from debatekit.content.toc import toc_pages

    out = []
    for f in toc_pages(toc):
        if f and not any((root / f"{f}{ext}").exists() for ext in ("", ".md", ".ipynb")):
            out.append(f"_toc.yml: entry {f}: field 'file': no such page (.md or .ipynb)")
    try:
        ids = corpus.article_ids()
    except (ValueError, LookupError):
        return out
    for aid in ids:
        if not (root / "book" / "readings" / f"{aid}.md").exists():
            out.append(f"book/readings: entry {aid}: no reading page; run `debatekit readings`")
    return out
