"""Collected case files (from the case builder) read as data: one table and a packet per student.

Every ``*.json`` file in the folder gets a row: a case that passes the checks of size and shape
gets the builder's findings (:func:`debatekit.models.casecheck.check_case`, quotes checked against the
readings); a file that does not is listed as rejected with the reasons. Nothing in a file is
ever run. CSV cells are neutralised so a spreadsheet never reads one as a formula.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from debatekit.content import corpus, motions
from debatekit.models import casecheck
from debatekit.render import handouts

#: Largest case file read (bytes): a case is text; anything bigger is not one.
MAX_BYTES = 1_000_000
COLUMNS = [
    "file",
    "status",
    "student",
    "motion",
    "side",
    "arguments",
    "rebuttals",
    "cards",
    "findings",
    "reasons",
]
SIDES = ("proposition", "opposition")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class CaseRow:
    """One file: the case it holds (when accepted) and what the checks found or why it was rejected."""

    file: str
    case: dict | None = None
    findings: list[dict] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.case is not None and not self.reasons


def neutralise(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ tab or CR gets a quote mark."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _str(rec: dict, key: str, where: str, reasons: list[str], required: bool = False) -> None:
    value = rec.get(key, "")
    if not isinstance(value, str):
        reasons.append(f"{where}: '{key}' must be text, not {type(value).__name__}")
    elif required and not value.strip():
        reasons.append(f"{where}: '{key}' is missing")


def _cards(owner: dict, where: str, reasons: list[str]) -> None:
    cards = owner.get("cards", [])
    if not isinstance(cards, list):
        reasons.append(f"{where}: 'cards' must be a list")
        return
    for i, card in enumerate(cards, 1):
        if not isinstance(card, dict):
            reasons.append(f"{where}, card {i}: must be a mapping")
            continue
        for key in ("paragraph_id", "quote"):
            _str(card, key, f"{where}, card {i}", reasons, required=True)


def shape_problems(case: object, motion_ids: list[str]) -> list[str]:
    """Why ``case`` is not a case file the builder writes (empty when it is one)."""
    if not isinstance(case, dict):
        return [f"expected a JSON object (a case), got {type(case).__name__}"]
    reasons: list[str] = []
    if case.get("format") != casecheck.CASE_FORMAT:
        reasons.append(f"'format' must be {casecheck.CASE_FORMAT!r}, not {case.get('format')!r}")
    if case.get("version") != casecheck.CASE_VERSION:
        reasons.append(f"'version' must be {casecheck.CASE_VERSION}, not {case.get('version')!r}")
    if case.get("motion") not in motion_ids:
        reasons.append(f"'motion' {case.get('motion')!r} is not one of {motion_ids}")
    if case.get("side") not in SIDES:
        reasons.append(f"'side' must be proposition or opposition, not {case.get('side')!r}")
    _str(case, "student", "case", reasons)
    for part in ("arguments", "rebuttals"):
        items = case.get(part, [])
        if not isinstance(items, list):
            reasons.append(f"'{part}' must be a list")
            continue
        for n, item in enumerate(items, 1):
            where = f"{part[:-1]} {n}"
            if not isinstance(item, dict):
                reasons.append(f"{where}: must be a mapping")
                continue
            for key in ("claim", "warrant", "impact") if part == "arguments" else ("response",):
                _str(item, key, where, reasons)
            _cards(item, where, reasons)
    return reasons


def read_case(path: Path, paragraphs: dict[str, str], motion_ids: list[str]) -> CaseRow:
    """Read one file as data: size, JSON, shape; then the builder's findings."""
    row = CaseRow(path.name)
    size = path.stat().st_size
    if size > MAX_BYTES:
        row.reasons.append(f"the file is {size} bytes; a case file is at most {MAX_BYTES}")
        return row
    try:
        case = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        row.reasons.append(f"not a JSON text file: {exc}")
        return row
    row.reasons = shape_problems(case, motion_ids)
    if not row.reasons:
        row.case = case
        row.findings = casecheck.check_case(case, paragraphs)
    return row


def read_cases(folder: Path) -> list[CaseRow]:
    """Every ``*.json`` file in ``folder``, in name order, each read as :func:`read_case` does."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of case files")
    paragraphs = {p.pid: p.text for a in corpus.load_articles() for p in a.paragraphs}
    motion_ids = [m.motion_id for m in motions.motions()]
    return [read_case(p, paragraphs, motion_ids) for p in sorted(folder.glob("*.json"))]


def _count_cards(case: dict) -> int:
    return sum(len(x.get("cards", [])) for part in ("arguments", "rebuttals") for x in case.get(part, []))


def table_row(row: CaseRow) -> dict:
    """The row ``cases.csv`` holds for one file (before the cells are neutralised)."""
    c = row.case or {}
    return {
        "file": row.file,
        "status": "accepted" if row.accepted else "rejected",
        "student": c.get("student", ""),
        "motion": c.get("motion", ""),
        "side": c.get("side", ""),
        "arguments": len(c.get("arguments", [])) if row.accepted else "",
        "rebuttals": len(c.get("rebuttals", [])) if row.accepted else "",
        "cards": _count_cards(c) if row.accepted else "",
        "findings": "; ".join(f["message"] for f in row.findings),
        "reasons": "; ".join(row.reasons),
    }


def write_table(rows: list[CaseRow], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise(v) for k, v in table_row(row).items()})
    return path


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _card_html(card: dict) -> str:
    source = f"kit card {card.get('id', '')}" if card.get("source") == "kit" else "cut by the student"
    return (
        f'<div class="card"><blockquote>“{_e(card.get("quote", ""))}”</blockquote><p class="ours">'
        f'<span class="ids">{_e(card.get("paragraph_id", ""))}</span> · {_e(source)} · tag (the student\'s): '
        f"{_e(card.get('tag', ''))} · {_e(card.get('kind', ''))}</p></div>"
    )


def case_sheet_html(row: CaseRow) -> str:
    """One case as a sheet of a student's packet: arguments, rebuttals, cards and findings."""
    c = row.case or {}
    motion = motions.motion(c["motion"])
    parts = [
        f'<section class="sheet"><h1>Case: {_e(c["side"].capitalize())}</h1>',
        f'<p class="motion">{_e(motion.text)}</p>',
        f'<p class="note">Student: {_e(c.get("student") or "(no name)")} · motion {_e(c["motion"])} · file '
        f"{_e(row.file)}. Quotes are the articles' words; claims, warrants, impacts and tags are the "
        "student's.</p>",
    ]
    for n, a in enumerate(c.get("arguments", []), 1):
        parts.append(f"<h2>Argument {n}: {_e(a.get('claim') or '(no claim)')}</h2>")
        parts.append(f"<p><strong>Warrant.</strong> {_e(a.get('warrant') or '(none)')}</p>")
        parts.append(f"<p><strong>Impact.</strong> {_e(a.get('impact') or '(none)')}</p>")
        parts += [_card_html(card) for card in a.get("cards", [])]
    for n, r in enumerate(c.get("rebuttals", []), 1):
        parts.append(f"<h2>Rebuttal {n}: to “{_e(r.get('target_claim', '?'))}”</h2>")
        parts.append(f"<p>{_e(r.get('response') or '(none)')}</p>")
        parts += [_card_html(card) for card in r.get("cards", [])]
    flags = "".join(f"<li>{_e(f['message'])}</li>" for f in row.findings)
    parts.append(
        f"<h2>What a judge would flag</h2>{f'<ul>{flags}</ul>' if flags else '<p>Nothing.</p>'}</section>"
    )
    return "\n".join(parts)


def packet_html(student: str, rows: list[CaseRow], paper: str = "a4") -> str:
    """Every accepted case of one student, one sheet each, with the handouts' print CSS."""
    body = "\n".join(case_sheet_html(r) for r in rows)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cases: {_e(student)}</title>'
        f"<style>{handouts.print_css(paper)}</style></head><body>{body}</body></html>"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "no-name"


def write_cases(folder: Path, out: Path, paper: str = "a4") -> tuple[list[CaseRow], list[Path]]:
    """Read every case file in ``folder``; write ``out/cases.csv`` and ``out/packets/<student>.html``."""
    rows = read_cases(folder)
    written = [write_table(rows, out / "cases.csv")]
    by_student: dict[str, list[CaseRow]] = {}
    for row in rows:
        if row.accepted:
            by_student.setdefault((row.case or {}).get("student", "").strip() or "(no name)", []).append(row)
    taken: set[str] = set()
    for student, own in sorted(by_student.items()):
        slug = _slug(student)
        while slug in taken:
            slug += "-2"
        taken.add(slug)
        path = out / "packets" / f"{slug}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(packet_html(student, own, paper), encoding="utf-8")
        written.append(path)
    return rows, written
