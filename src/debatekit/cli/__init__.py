"""The ``debatekit`` command line: a thin argparse layer over the package's functions.

Each subcommand is registered in ``_COMMANDS`` by a ``(add_arguments, run)`` pair; the work
itself lives in the module named for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debatekit.cli.classroom import COMMANDS as EXERCISE_COMMANDS
from debatekit.cli.course import COMMANDS as COURSE_COMMANDS
from debatekit.cli.course import in_course


def _readings_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=None, help="folder for the pages (default: book/readings)")


def _readings(args: argparse.Namespace) -> int:
    from debatekit.render.readings import write_readings

    for path in write_readings(args.out or in_course("book/readings")):
        print(f"wrote {path}")
    return 0


def _bibliography_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out", type=Path, default=None, help="the BibTeX file (default: book/reference/references.bib)"
    )


def _bibliography(args: argparse.Namespace) -> int:
    from debatekit.render.bibliography import write_bibliography

    print(f"wrote {write_bibliography(args.out or in_course('book/reference/references.bib'))}")
    return 0


def _assets_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--node-modules", type=Path, default=None,
                   help="npm's folder (default: ./node_modules, else the kit checkout's)")  # fmt: skip
    p.add_argument("--out", type=Path, default=None, help="served as _static/npm (default: assets/npm)")


def _assets(args: argparse.Namespace) -> int:
    from debatekit.build.assets import copy_vendor_assets, default_node_modules

    out = args.out or in_course("assets/npm")
    copied = copy_vendor_assets(args.node_modules or default_node_modules(), out)
    print(f"copied {len(copied)} widget script files into {out}")
    return 0


def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=None, help="the course's root (as --course)")
    p.add_argument("--out", type=Path, default=None, help="parent folder of _build (default: the root)")
    p.add_argument("--no-strict", action="store_true", help="do not turn warnings into errors")
    p.add_argument(
        "--repository-url",
        help="the book's public git repository, its https address: turns on the repository "
        "and launch buttons (default: $DEBATEKIT_REPOSITORY_URL)",
    )
    p.add_argument("--branch", help="the repository's branch (default: $DEBATEKIT_REPOSITORY_BRANCH or main)")
    p.add_argument(
        "--jupyterhub-url",
        help="your JupyterHub, for a launch button via nbgitpuller (default: $DEBATEKIT_JUPYTERHUB_URL)",
    )


def _build(args: argparse.Namespace) -> int:
    from debatekit.build.book import build_book
    from debatekit.build.launch import from_options

    launch = from_options(args.repository_url, args.branch, args.jupyterhub_url)
    root = args.root or in_course(".")
    code = build_book(root, args.out, strict=not args.no_strict, launch=launch)
    html = ((args.out or root) / "_build" / "html" / "index.html").resolve()
    if code == 0:
        print(f"\nThe book is built. Open {html}\nor run `make serve` and visit http://127.0.0.1:8000/")
    else:
        print(f"\nThe build failed (exit {code}); the messages above say where.", file=sys.stderr)
    return code


def _handouts_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("motion", help="a motion id (m01, m02, ...) or 'all'")
    p.add_argument("--out", type=Path, default=Path("_build/handouts"), help="folder for the HTML pages")
    p.add_argument("--format", default="oxford", help="debate format for the flow sheet and ballot")
    p.add_argument("--paper", default="a4", choices=["a4", "letter"], help="paper size to print on")


def _handouts(args: argparse.Namespace) -> int:
    from debatekit.render.handouts import write_handouts

    for path in write_handouts(args.motion, args.out, args.format, args.paper):
        print(f"wrote {path}")
    print("Open a page in a browser and print it (or save it as PDF); the print layout is built in.")
    return 0


def _cases_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", type=Path, help="folder of case files (JSON) downloaded from the case builder")
    p.add_argument("--out", type=Path, default=Path("_build/cases"), help="folder for cases.csv, packets/")
    p.add_argument("--paper", default="a4", choices=["a4", "letter"], help="paper size to print on")


def _cases(args: argparse.Namespace) -> int:
    from debatekit.classroom.cases import write_cases

    rows, written = write_cases(args.folder, args.out, args.paper)
    for path in written:
        print(f"wrote {path}")
    rejected = [r for r in rows if not r.accepted]
    for r in rejected:
        print(f"rejected {r.file}: {'; '.join(r.reasons)}", file=sys.stderr)
    print(f"{len(rows)} files: {len(rows) - len(rejected)} accepted, {len(rejected)} rejected")
    return 0


_COMMANDS = {
    "build": ("Build the book into _build/html (warnings are errors).", _build_args, _build),
    "readings": ("Regenerate the reading pages from seeds/.", _readings_args, _readings),
    "bibliography": ("Regenerate the bibliography (BibTeX) from seeds/.", _bibliography_args, _bibliography),
    "assets": ("Copy the pinned widget scripts from node_modules into the book.", _assets_args, _assets),
    "handouts": ("Write printable handouts (evidence packets, flow sheet, ballot) for a motion.",
                 _handouts_args, _handouts),
    "cases": ("Read collected case files as data: one table and a printable packet per student.",
              _cases_args, _cases),
    **EXERCISE_COMMANDS,
    **COURSE_COMMANDS,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="debatekit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_arguments, _run) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(p)
        p.add_argument("--course", type=Path, help="the course's folder (default: $DEBATEKIT_COURSE, "
                       "else the nearest folder above holding _config.yml and seeds/articles.yml)")
    args = parser.parse_args(argv)
    try:
        if args.command != "new-course" and (args.course or getattr(args, "root", None)):
            from debatekit.content import course

            course.use(args.course or args.root)
        return _COMMANDS[args.command][2](args)
    except (FileNotFoundError, FileExistsError, ValueError, LookupError) as exc:
        print(f"debatekit {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
