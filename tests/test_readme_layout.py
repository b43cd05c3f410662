"""The README's map of the engine lists every module, one line each, with its docstring's first line.

Run ``python tests/test_readme_layout.py`` to rewrite the map after adding, moving or
redescribing a module; the test fails when the README and the code disagree.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "src" / "debatekit"
README = ROOT / "README.md"
#: The layers, lowest first (tests/test_layers.py holds the imports to this order).
LAYERS = ("content", "models", "render", "widgets", "classroom", "build", "cli")
START, END = "<!-- engine-map:start -->", "<!-- engine-map:end -->"


def _summary(path: Path) -> str:
    """The first sentence of the module's docstring."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    return re.split(r"(?<=\.)\s+(?=[A-Z`(])", first, maxsplit=1)[0] if first else "(no docstring)"


def engine_map() -> str:
    """The engine as a tree: each package, then each module with its one-line summary."""
    lines = ["```text", f"src/debatekit/  {_summary(ENGINE / '__init__.py')}"]
    packages = [ENGINE / name for name in LAYERS]
    for pkg in packages:
        lines.append(f"├── {pkg.name}/  {_summary(pkg / '__init__.py')}")
        files = sorted(pkg.glob("*.py"), key=lambda p: (p.name != "__init__.py", p.name))
        for f in files:
            if f.name == "__init__.py":
                continue
            lines.append(f"│   ├── {f.name:<18} {_summary(f)}")
        assets = sorted({p.suffix for p in pkg.rglob("*") if p.suffix in {".js", ".css", ".mjs"}})
        if assets:
            lines.append(f"│   └── (each widget's {' and '.join(assets)} beside its class)")
    lines += ["```"]
    return "\n".join(lines)


def readme_map(text: str) -> str:
    match = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    assert match, f"README.md has no {START} … {END} block"
    return match.group(1)


def test_the_map_names_every_package_of_the_engine():
    on_disk = {p.name for p in ENGINE.iterdir() if (p / "__init__.py").is_file()}
    assert on_disk == set(LAYERS)


def test_readme_maps_every_engine_module():
    assert readme_map(README.read_text(encoding="utf-8")) == engine_map(), (
        "README.md's engine map is stale: run `python tests/test_readme_layout.py`"
    )


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    block = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.S)
    new = block.sub(lambda _: f"{START}\n{engine_map()}\n{END}", text)
    README.write_text(new, encoding="utf-8")
    sys.exit(0)
