"""How much of each chapter's hand-written text is the same in every chapter (text written once).

    python benchmarks/chapter_text.py [--root DIR]

The hand-written text of a chapter is the source of its Markdown cells plus the text of the shared
snippets (``chapter_text.yml``) it shows, each split into paragraphs (blocks between blank lines).
A paragraph is *shared* when every chapter has it word for word, after its own article id is
written as ``{article}``. The table gives, per chapter, the characters it writes itself, and the
share of those that are written the same in every chapter: the copy-and-paste an edit has to
repeat five times (headings, the chapters' common outline, are counted apart). Snippets a chapter
shows by name (``chapters.shared_text``) are written once, so they are not the chapter's text.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def chapter_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a chapter notebook's Markdown cells, its article id written ``{article}``."""
    article = path.stem
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return [p.replace(article, "{article}") for p in paragraphs(text)]


def measure(root: Path) -> list[dict]:
    books = {p.stem: chapter_paragraphs(p) for p in sorted((root / "book" / "chapters").glob("a*.ipynb"))}
    common = set.intersection(*(set(ps) for ps in books.values()))
    rows = []
    for name, ps in books.items():
        total = sum(len(p) for p in ps)
        shared = sum(len(p) for p in ps if p in common)
        headings = sum(len(p) for p in ps if p in common and p.startswith("#"))
        rows.append({"chapter": name, "chars": total, "shared": shared, "headings": headings})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository root")
    args = parser.parse_args()
    rows = measure(args.root)
    print(f"{'chapter':<10}{'hand-written chars':>20}{'same in all':>14}{'shared':>9}{'of it headings':>16}")
    rows.append({k: "all" if k == "chapter" else sum(r[k] for r in rows) for k in rows[0]})
    for r in rows:
        print(f"{r['chapter']:<10}{r['chars']:>20,}{r['shared']:>14,}{r['shared'] / r['chars']:>9.1%}"
              f"{r['headings']:>16,}")  # fmt: skip


if __name__ == "__main__":
    main()
