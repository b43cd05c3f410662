"""The engine's layers import in one direction only, and no module imports itself round a cycle.

Every ``import`` in ``src/debatekit`` is read from the syntax tree, the ones inside functions too
(a deferred import is still a dependency). Layers, lowest first: ``content`` (load and validate
the course's files) → ``models`` (pure functions) → ``render`` (MyST, HTML, figures) → ``widgets``
→ ``classroom`` (questions, answers, grading) → ``build`` → ``cli``. A module may import its own
layer or a lower one, never a higher one.
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "src" / "debatekit"
LAYERS = ("content", "models", "render", "widgets", "classroom", "build", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def engine_modules() -> dict[str, Path]:
    return {module_name(p): p for p in ENGINE.rglob("*.py") if "course_files" not in p.parts}


def imports(path: Path, known: set[str]) -> set[str]:
    """The engine modules ``path`` imports, wherever in the file the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from pkg import mod`` depends on the submodule; ``from mod import name`` on mod.
            subs = [f"{node.module}.{a.name}" for a in node.names]
            names = [n for n in subs if n in known] or [node.module]
        else:
            continue
        found |= {n for n in names if n in known and n.startswith("debatekit.")}
    return found


def graph() -> dict[str, set[str]]:
    modules = engine_modules()
    known = set(modules)
    return {name: imports(path, known) - {name} for name, path in modules.items()}


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_every_engine_module_is_in_a_layer():
    loose = [m for m in engine_modules() if layer(m) is None and m != "debatekit"]
    assert loose == [], f"modules outside the layers {LAYERS}: {loose}"


def test_no_import_goes_up_a_layer():
    upward = [
        f"{m} ({LAYERS[layer(m)]}) imports {d} ({LAYERS[layer(d)]})"
        for m, deps in sorted(graph().items())
        for d in sorted(deps)
        if layer(m) is not None and layer(d) is not None and layer(d) > layer(m)
    ]
    assert upward == [], "imports against the layers:\n" + "\n".join(upward)


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_scan_sees_a_deferred_import_and_a_cycle():
    """The checks above can fail: a cycle through a function-level import is found."""
    src = "def f():\n    from debatekit.content import corpus\n"
    tree_imports = {n.module for n in ast.walk(ast.parse(src)) if isinstance(n, ast.ImportFrom)}
    assert tree_imports == {"debatekit.content"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer("debatekit.models.tradeoff") < layer("debatekit.render.chapters")
