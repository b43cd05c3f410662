"""The instructor's subcommands (``release``, ``grade``, ``exercises``): arguments and thin runners.

``debatekit.cli`` registers each ``(help, add_arguments, run)`` triple from :data:`COMMANDS`; the
work is done by :func:`.notebooks.release`, :func:`debatekit.classroom.grading.run` and
:func:`.notebooks.write_exercises`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _refusing_overwrite(run):
    """Report a refusal to overwrite as a one-line error (exit 2), like the CLI's other errors."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except FileExistsError as exc:
            print(f"debatekit {args.command}: error: {exc}", file=sys.stderr)
            return 2

    return wrapped


def _release_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("assignment", help="a packaged bank (one per article, or cumulative) or a bank .yml file")
    p.add_argument("--out", type=Path, required=True, help="folder for the student notebook")
    p.add_argument("--force", action="store_true", help="overwrite an existing notebook")
    p.add_argument("--release-id", help="names this release and seeds its shuffle (default: made up)")


def _release(args: argparse.Namespace) -> int:
    from debatekit.classroom.notebooks import release

    path = release(args.assignment, args.out, force=args.force, release_id=args.release_id)
    print(f"wrote {path} (assessed: no answers, hashes or feedback in it; choices shuffled)")
    return 0


def _grade_args(p: argparse.ArgumentParser) -> None:
    from debatekit.classroom.marking import DEFAULT_MAX_BYTES

    p.add_argument("assignment", help="the bank the notebooks were released from (name or .yml)")
    p.add_argument(
        "submissions",
        type=Path,
        help="folder of submitted .ipynb / .answers.json files (or one folder per student), or a .zip",
    )
    p.add_argument("--out", type=Path, required=True, help="per-question scores, one row per file (CSV)")
    p.add_argument("--canvas", type=Path, help="Canvas gradebook CSV (default: OUT's name + -canvas.csv)")
    p.add_argument(
        "--canvas-assignment-id", default="", help="Canvas assignment ID, to update an existing column"
    )
    p.add_argument("--roster", type=Path, help="a Canvas gradebook export, to fill names, ids and sections")
    p.add_argument("--rubric", type=Path, help="short-answer scores: student_id,question,score[,comment]")
    p.add_argument("--feedback-dir", type=Path, help="write one Markdown feedback file per student here")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: every core)")
    p.add_argument(
        "--max-size", type=float, default=DEFAULT_MAX_BYTES / 2**20, help="reject files larger than this (MB)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _grade(args: argparse.Namespace) -> int:
    from debatekit.classroom.grading import run

    report = run(
        args.assignment,
        args.submissions,
        args.out,
        canvas=args.canvas,
        canvas_assignment_id=args.canvas_assignment_id,
        roster=args.roster,
        rubric=args.rubric,
        feedback_dir=args.feedback_dir,
        force=args.force,
        jobs=args.jobs,
        max_bytes=int(args.max_size * 2**20),
        progress=not args.quiet,
    )
    print(f"{len(report.rows)} file(s): {len(report.graded)} graded, {len(report.rejected)} rejected.")
    for row in report.rejected:
        print(f"  rejected {row.sub.rel}: {row.reason}")
    for problem in report.problems:
        print(f"  rubric: {problem}")
    for notice in report.notices:
        print(f"  note: {notice}")
    pending = sum(1 for r in report.graded if r.pending(report.bank))
    if pending:
        print(f"  {pending} graded file(s) have short answers awaiting a rubric score ('pending' column).")
    for path in report.written[:2]:
        print(f"wrote {path}")
    if len(report.written) > 2:
        print(f"wrote {len(report.written) - 2} feedback file(s)")
    return 0


def _exercises_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=None, help="folder for the notebooks (default: exercises)")


def _exercises(args: argparse.Namespace) -> int:
    from debatekit.build.toc import add_to_toc
    from debatekit.classroom.notebooks import write_exercises
    from debatekit.content.course import course_root

    root = course_root()
    for path in write_exercises(args.out or root / "exercises"):
        print(f"wrote {path}")
        full = path.resolve()
        page = full.relative_to(root).with_suffix("").as_posix() if full.is_relative_to(root) else None
        if page and add_to_toc(root, "Exercises", page):
            print(f"  added {page} to _toc.yml")
    return 0


COMMANDS = {
    "release": (
        "Write an assessed student notebook with no key material.",
        _release_args,
        _refusing_overwrite(_release),
    ),
    "grade": (
        "Grade a folder of submitted notebooks without running them.",
        _grade_args,
        _refusing_overwrite(_grade),
    ),
    "exercises": ("Regenerate exercises/*.ipynb from the question banks.", _exercises_args, _exercises),
}
