"""Where the course is: the one function that finds a course's folder, and what a student may get.

A course is a folder of data and pages: ``_config.yml`` and ``_toc.yml`` (the book), ``seeds/``
(the texts, ``seeds/articles.yml``), ``data/`` (cards, motions, matrices, question banks, ...),
``book/`` and ``exercises/`` (the pages). The engine finds it, in this order, from

1. :func:`use` (what ``--course DIR`` on every command calls),
2. the environment variable ``DEBATEKIT_COURSE``,
3. the nearest folder at or above the working directory holding ``_config.yml`` and
   ``seeds/articles.yml`` (a notebook run inside the book finds its own course),
4. the course files bundled with an installed package (``debatekit/course_files/``, public files only),
5. the checkout an editable install runs from (the folder above ``src/``).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_COURSE = "DEBATEKIT_COURSE"
#: The files that mark a folder as a course.
MARKERS = ("_config.yml", "seeds/articles.yml")
#: Where a wheel carries the course's public files, inside the package.
BUNDLE = "course_files"
#: The installed ``debatekit`` package folder (the bundled course sits inside it).
ENGINE = Path(__file__).resolve().parents[1]
#: What a student-side copy of a course holds (globs relative to the course root).
PUBLIC_GLOBS = (
    "_config.yml", "_toc.yml", "seeds/*", "data/*.yml", "data/*.csv", "data/questions/*.yml",
    "assets/*.css", "assets/*.js", "assets/*.svg", "assets/root/*",
)  # fmt: skip
#: A question bank whose top level says ``mode: assessed`` holds keys: it never leaves the course.
_ASSESSED = re.compile(r"^mode:\s*['\"]?assessed['\"]?\s*(#.*)?$", re.MULTILINE)

_chosen: Path | None = None


class CourseError(LookupError):
    """No course could be found, or a folder given as one is not a course."""


def is_course(folder: Path) -> bool:
    """True if ``folder`` holds every file that marks a course."""
    return all((folder / m).is_file() for m in MARKERS)


def _check(folder: Path, where: str) -> Path:
    folder = folder.expanduser().resolve()
    if not is_course(folder):
        missing = [m for m in MARKERS if not (folder / m).is_file()]
        raise CourseError(
            f"{where} {folder} is not a course: it has no {' or '.join(missing)} "
            "(`debatekit new-course DIR` writes a minimal one)"
        )
    return folder


def _bundled() -> Path | None:
    folder = ENGINE / BUNDLE
    return folder if is_course(folder) else None


def _checkout() -> Path | None:
    if ENGINE.parent.name == "src" and is_course(ENGINE.parents[1]):
        return ENGINE.parents[1]
    return None


def course_root() -> Path:
    """The root folder of the course in use (see the module docstring for the order searched)."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV_COURSE, "").strip()
    if env:
        return _check(Path(env), f"${ENV_COURSE}")
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        if is_course(folder):
            return folder
    found = _bundled() or _checkout()
    if found is None:
        raise CourseError(
            f"no course found: none at or above {cwd}, none bundled with debatekit; pass --course DIR "
            f"or set {ENV_COURSE} to a folder holding {' and '.join(MARKERS)}"
        )
    return found


def use(folder: Path | str | None) -> Path | None:
    """Use the course in ``folder`` from now on in this process (``None``: search again).

    Every cached content (articles, cards, banks ...) is dropped, so nothing of the previous
    course is served. Returns the root chosen.
    """
    global _chosen
    _chosen = None if folder is None else _check(Path(folder), "--course")
    _clear_caches()
    return _chosen


def _clear_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith("debatekit") and module is not None:
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and getattr(value, "__module__", "").startswith("debatekit"):
                    clear()


@dataclass(frozen=True)
class Course:
    """The folders of one course, from its root."""

    root: Path

    @classmethod
    def current(cls) -> Course:
        return cls(course_root())

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def questions(self) -> Path:
        return self.data / "questions"


def is_assessed_bank(path: Path) -> bool:
    """True if the YAML file at ``path`` is a question bank in assessed mode (it holds keys)."""
    return bool(_ASSESSED.search(path.read_text(encoding="utf-8")))


def public_files(root: Path) -> list[Path]:
    """The course files a student's install may carry, relative to ``root``: no assessed bank."""
    found = {p for g in PUBLIC_GLOBS for p in root.glob(g) if p.is_file()}
    return sorted(
        p.relative_to(root)
        for p in found
        if not (p.suffix in (".yml", ".yaml") and p.parent.name == "questions" and is_assessed_bank(p))
    )
