"""The grades as CSV: one row per file with every score and rejection, and a gradebook Canvas imports.

What a student wrote never becomes a formula: every cell a spreadsheet would evaluate (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``. The Canvas
file has the columns ``Student, ID, SIS User ID, SIS Login ID, Section`` and one assignment
column, then a ``Points Possible`` row, as Canvas's importer reads them. Canvas reads a number in
brackets at the end of a column header as its assignment ID, so the header is the bank's title
(plus `` (ID)`` only when an assignment id is given) and the points go in the ``Points Possible`` row.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from debatekit.classroom.marking import Row
from debatekit.classroom.questions import Bank

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def points_text(x: float | None) -> str:
    """A score or a total as the outputs show it (up to four decimals, no trailing zeros; blank if none)."""
    return "" if x is None else f"{round(x, 4):g}"


def spreadsheet_safe(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _SafeWriter:
    """A csv writer whose every cell goes through :func:`spreadsheet_safe`."""

    def __init__(self, out: io.StringIO):
        self._w = csv.writer(out, lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._w.writerow([spreadsheet_safe(c) for c in row])


def grades_csv(rows: list[Row], bank: Bank) -> str:
    """Per-question scores, totals and every rejection, one row per file."""
    out = io.StringIO()
    w = _SafeWriter(out)
    qids = [q.id for q in bank.questions]
    w.writerow(
        ["student_id", "name", "file", "status", "reason", *qids, "total", "max_points", "pending", "notes"]
    )
    for r in rows:
        graded = r.status == "graded"
        w.writerow(
            [
                r.sub.student_id,
                r.sub.name,
                r.sub.rel,
                r.status,
                r.reason,
                *[points_text(r.scores.get(q)) if graded else "" for q in qids],
                points_text(r.total) if graded else "",
                points_text(bank.points),
                " ".join(r.pending(bank)) if graded else "",
                " | ".join(r.notes),
            ]
        )
    return out.getvalue()


def load_roster(path: Path) -> dict[str, dict[str, str]]:
    """A Canvas gradebook export, indexed by every id it holds (ID, SIS User ID, SIS Login ID)."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"--roster {path}: no such file")
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    missing = [c for c in CANVAS_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}; export the gradebook from Canvas")
    index = {}
    for rec in reader:
        if "Points Possible" in (rec.get("Student") or "") or not (rec.get("Student") or "").strip():
            continue
        person = {c: (rec.get(c) or "").strip() for c in CANVAS_COLUMNS}
        for c in ("ID", "SIS User ID", "SIS Login ID"):
            if person[c]:
                index[unicodedata.normalize("NFC", person[c]).casefold()] = person
    return index


def canvas_csv(
    rows: list[Row], bank: Bank, roster: dict[str, dict[str, str]] | None = None, assignment_id: str = ""
) -> str:
    """A gradebook CSV that Canvas imports: graded students only, total score per student."""
    out = io.StringIO()
    w = _SafeWriter(out)
    header = bank.title + (f" ({assignment_id})" if assignment_id else "")
    w.writerow([*CANVAS_COLUMNS, header])
    w.writerow(["Points Possible", "", "", "", "", points_text(bank.points)])
    for r in rows:
        if r.status != "graded":
            continue
        person = (roster or {}).get(r.sub.key)
        if person is None:
            login = "" if r.sub.canvas_id else r.sub.student_id
            person = {
                "Student": r.sub.name,
                "ID": r.sub.canvas_id,
                "SIS User ID": "",
                "SIS Login ID": login,
                "Section": "",
            }
        w.writerow([person[c] for c in CANVAS_COLUMNS] + [points_text(r.total)])
    return out.getvalue()
