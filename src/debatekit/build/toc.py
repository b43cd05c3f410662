"""Adding a page to a part of the course's table of contents (``_toc.yml``), as ``add-article`` does.

Reading the toc is :mod:`debatekit.content.toc`'s (one walker for every caller).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from debatekit.content.toc import toc_pages

#: Parts of the table of contents the commands fill, in the order they appear.
TOC_PARTS = ("Readings", "Chapters", "Exercises")


def add_to_toc(root: Path, caption: str, file: str, title: str | None = None) -> bool:
    """Add ``file`` (no suffix) to the part ``caption`` of ``root/_toc.yml``; False if already there."""
    path = root / "_toc.yml"
    text = path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    toc = yaml.safe_load(text) or {}
    parts = toc.setdefault("parts", [])
    if file in toc_pages(toc):
        return False
    part = next((p for p in parts if p.get("caption") == caption), None)
    if part is None:
        part = {"caption": caption, "chapters": []}
        rank = TOC_PARTS.index(caption) if caption in TOC_PARTS else len(TOC_PARTS)
        at = next(
            (i for i, p in enumerate(parts) if p.get("caption") in TOC_PARTS
             and TOC_PARTS.index(p["caption"]) > rank), len(parts),
        )  # fmt: skip
        parts.insert(at, part)
    entry = {"file": file} if title is None else {"file": file, "title": title}
    part["chapters"].append(entry)
    path.write_text(header + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return True
