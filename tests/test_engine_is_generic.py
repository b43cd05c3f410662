"""The engine (src/debatekit/) knows nothing of the course: no article id, no proper name of its texts.

The course's names come from the course's own data (stakeholders, authors) plus the names its
articles turn on. A hit is allowed only inside a Python docstring *and* inside an example
there: an inline ``literal`` (such as ``a001-p07``) or an indented literal block after ``::``.
Comments, strings, error messages and JavaScript (which has no docstrings) must be free of them.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import yaml

from debatekit.content import vocabulary

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "src" / "debatekit"
#: Names the five articles turn on besides their stakeholders and authors (people and institutions).
NAMED = ["Ukraine", "Ukrainian", "Russia", "Russian", "NATO", "Legvold", "Trump", "Putin", "Kremlin",
         "Zelensky", "Zelenskyy", "Moscow", "Kyiv", "Europe", "European", "China", "Chinese", "Rubio",
         "Lavrov", "Alaska", "Witkoff", "Biden", "Baltic", "Poland", "Germany"]  # fmt: skip
#: An example in a docstring: an inline literal (````a001-p07````) or a literal block (after ``::``).
_LITERAL = re.compile(
    r"``[^`]*``"  # an inline literal
    r"|::\n(?:[ \t]*\n)*(?P<indent>[ \t]+)\S[^\n]*(?:\n(?:(?P=indent)[^\n]*|[ \t]*))*"  # a literal block
)


def course_names() -> list[str]:
    """The course's proper names: the given list, every stakeholder's id and name, every author."""
    names = set(NAMED)
    for sid, name in vocabulary.vocabulary()["stakeholders"].items():
        names.add(sid)
        names.update(part for part in re.split(r"[/ ]", name) if part[:1].isupper())
        names.add(name)
    metas = yaml.safe_load((ROOT / "seeds" / "articles.yml").read_text(encoding="utf-8"))
    article_ids = [m["id"] for m in metas]
    for meta in metas:
        author = str(meta.get("author", "unknown"))
        if not author.lower().startswith("unknown"):
            names.update(author.split())
    return sorted(names | set(article_ids))


def _pattern() -> re.Pattern:
    words = "|".join(re.escape(n) for n in sorted(course_names(), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9_])({words})(?![A-Za-z0-9_])")


def _docstring_spans(source: str) -> list[tuple[int, int]]:
    """(first line, last line) of every docstring in a Python module."""
    spans = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    spans.append((body[0].lineno, body[0].end_lineno))
    return spans


_TEXT_TOKENS = {tokenize.STRING, tokenize.COMMENT, tokenize.NAME, getattr(tokenize, "FSTRING_MIDDLE", -1)}


def python_hits(source: str, pattern: re.Pattern) -> list[tuple[int, str]]:
    """(line, name) of every course name in Python source not a ``literal`` example in a docstring."""
    docstrings = _docstring_spans(source)
    hits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in _TEXT_TOKENS:
            continue
        text = tok.string
        if tok.type == tokenize.STRING and any(a <= tok.start[0] <= b for a, b in docstrings):
            text = _LITERAL.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        hits += [(tok.start[0] + text[: m.start()].count("\n"), m.group(1)) for m in pattern.finditer(text)]
    return hits


def js_hits(path: Path, pattern: re.Pattern) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{n}: {m.group(1)}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for m in pattern.finditer(line)
    ]


def test_the_course_names_come_from_the_course_data():
    names = course_names()
    assert {"a000", "a004", "Ukraine", "Russia", "NATO", "Legvold", "Trump"} <= set(names)
    assert "United States" in names and "Frontline" in names


def test_the_check_finds_a_name_outside_a_docstring_example(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A module about ids such as ``a001-p07``, not about Russia."""\n'
        "# Trump in a comment\n"
        'X = "a003"\n'
        'def f():\n    """Example: ``f("a002")``, and a block::\n\n        f("a001")\n\n    Not a004."""\n',
        encoding="utf-8",
    )
    found = python_hits(sample.read_text(encoding="utf-8"), _pattern())
    assert found == [(1, "Russia"), (2, "Trump"), (3, "a003"), (9, "a004")]


def test_the_engine_names_no_article_and_no_proper_name_of_the_course():
    pattern = _pattern()
    hits = [
        f"{p.relative_to(ROOT)}:{line}: {name}"
        for p in sorted(ENGINE.rglob("*.py"))
        for line, name in python_hits(p.read_text(encoding="utf-8"), pattern)
    ]
    # The widgets' scripts, and the book's own scripts every new course copies (not the vendored npm files).
    assets = ROOT / "assets"
    scripts = sorted(
        p for suffix in ("*.js", "*.mjs")
        for p in [*ENGINE.rglob(suffix), *assets.rglob(suffix)] if "npm" not in p.relative_to(ROOT).parts
    )  # fmt: skip
    assert any(p.suffix == ".mjs" for p in scripts) and any("workshop" in p.parts for p in scripts)
    hits += [h for p in scripts for h in js_hits(p, pattern)]
    assert hits == [], "course words in the engine (move them to the course's data):\n" + "\n".join(hits)
