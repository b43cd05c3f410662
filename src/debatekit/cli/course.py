"""The course author's subcommands: ``new-course``, ``add-article``, ``check``, ``cards suggest``
and ``student-wheel``: arguments and thin runners over :mod:`debatekit.build.new_course`,
:mod:`~debatekit.build.authoring`, :mod:`~debatekit.build.check`, :mod:`~debatekit.build.card_suggestions`
and :mod:`~debatekit.build.student`.

Examples::

    debatekit new-course ~/courses/energy --title "Energy choices"
    debatekit add-article ~/texts/wind.txt --course ~/courses/energy
    debatekit cards suggest a000-p03 --course ~/courses/energy >> ~/courses/energy/data/cards.yml
    debatekit check --course ~/courses/energy
    debatekit build --course ~/courses/energy
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def in_course(rel: str) -> Path:
    """A path inside the course in use (the default place of a command's output)."""
    from debatekit.content.course import course_root

    return course_root() / rel


def _new_course_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="a new or empty folder for the course")
    p.add_argument("--title", default="A debatekit course", help="the book's title")


def _new_course(args: argparse.Namespace) -> int:
    from debatekit.build.new_course import new_course

    files = new_course(args.dir, args.title)
    print(f"wrote a course of {len(files)} files in {args.dir}")
    print(f"next: debatekit assets --course {args.dir}  (the widget scripts; from this kit's node_modules)")
    print(f"      debatekit add-article FILE.txt --course {args.dir}; debatekit build --course {args.dir}")
    return 0


def _add_article_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="the text, a UTF-8 .txt file, copied byte for byte")


def _add_article(args: argparse.Namespace) -> int:
    from debatekit.build.authoring import add_article
    from debatekit.content.course import course_root

    start = time.perf_counter()
    written = add_article(args.file, course_root())
    for kind, path in written.items():
        print(f"{kind:>9}: {path}")
    print(f"added in {time.perf_counter() - start:.2f} s; fill in the metadata fields marked unknown "
          "only from what the text says, then `debatekit check`")  # fmt: skip
    return 0


def _check_args(p: argparse.ArgumentParser) -> None:
    pass


def _check(args: argparse.Namespace) -> int:
    from debatekit.build.check import check_course
    from debatekit.content.course import course_root

    problems = check_course()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the course at {course_root()}", file=sys.stderr)
        return 1
    print(f"the course at {course_root()} is consistent")
    return 0


def _cards_args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="cards_command", required=True)
    s = sub.add_parser("suggest", help="print a paragraph's sentences as card entries (cards.yml format)")
    s.add_argument("paragraph_id", help="a paragraph id: article id and paragraph number, such as aNNN-p03")
    s.add_argument("--course", type=Path, default=argparse.SUPPRESS, help="the course's folder")


def _cards(args: argparse.Namespace) -> int:
    from debatekit.build.card_suggestions import suggest_cards

    print(suggest_cards(args.paragraph_id), end="")
    return 0


def _student_wheel_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("dist"), help="folder for the wheel")


def _student_wheel(args: argparse.Namespace) -> int:
    from debatekit.build.student import build_student_wheel

    print(f"wrote {build_student_wheel(args.out)} (the course's public files; no assessed bank)")
    return 0


COMMANDS = {
    "new-course": ("Write a minimal working course into a new folder.", _new_course_args, _new_course),
    "add-article": (
        "Add a text: seed, metadata stub, reading page, chapter skeleton, empty bank, toc entries.",
        _add_article_args,
        _add_article,
    ),
    "check": ("Validate every file of the course; list every problem; exit 1 if any.", _check_args, _check),
    "cards": ("Card-cutting helpers: `cards suggest PARAGRAPH_ID`.", _cards_args, _cards),
    "student-wheel": (
        "Build the wheel students install: engine and public course files, no assessed keys.",
        _student_wheel_args,
        _student_wheel,
    ),
}
