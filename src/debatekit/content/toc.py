"""The course's table of contents (``_toc.yml``): the pages it names and the labels they define.

A lesson plan or a generated page may point to a page by its MyST label (``(name)=``); these say
which labels the course's own pages define, so a check needs no list kept by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from debatekit.content.course import course_root

_LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)


def toc_pages(toc: object) -> list[str]:
    """Every page a parsed ``_toc.yml`` names (its ``root`` and each ``file``), in document order."""
    found: list[str] = []
    if isinstance(toc, dict):
        for key, value in toc.items():
            if key in ("file", "root") and isinstance(value, str):
                found.append(value)
            else:
                found += toc_pages(value)
    elif isinstance(toc, list):
        for item in toc:
            found += toc_pages(item)
    return found


def course_pages(root: Path | None = None) -> list[str]:
    """The pages (docnames, no suffix) the course's ``_toc.yml`` names; none without a toc."""
    path = (root or course_root()) / "_toc.yml"
    return toc_pages(yaml.safe_load(path.read_text(encoding="utf-8"))) if path.is_file() else []


def _page_text(file: Path) -> str:
    if file.suffix != ".ipynb":
        return file.read_text(encoding="utf-8")
    cells = json.loads(file.read_text(encoding="utf-8")).get("cells", [])
    return "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")


def page_labels(root: Path | None = None) -> set[str] | None:
    """Every MyST label (``(name)=``) defined on a page of the course's table of contents; None
    when none of its pages is here (a student's install carries the data, not the pages)."""
    root = root or course_root()
    files = [root / (page + suffix) for page in course_pages(root) for suffix in (".md", ".ipynb")]
    files = [f for f in files if f.is_file()]
    if not files:
        return None
    return {label for f in files for label in _LABEL.findall(_page_text(f))}
