"""Under CI=true a missing tool, shared file or toc page fails the suite; elsewhere it skips with a hint."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from needs import missing

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def _pytest(target: str, tmp_path: Path, **env: str) -> tuple[int, str]:
    """Run one test file or node id in a fresh pytest with ``env`` on top: exit status and output."""
    full = {**os.environ, **env}
    cmd = [sys.executable, "-m", "pytest", target, "-x", "-q", "-rfs", "-p", "no:cacheprovider",
           "-p", "no:xdist", "-p", "no:randomly"]  # fmt: skip
    result = subprocess.run(cmd, cwd=ROOT, env=full, capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def no_node_path(tmp_path) -> str:
    """A PATH on which there is no ``node``."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return str(empty)


def test_missing_node_fails_under_ci(tmp_path, no_node_path):
    status, out = _pytest("tests/test_tradeoff_js.py", tmp_path, CI="true", PATH=no_node_path)
    assert status == 1 and "node is not installed" in out and "skipped" not in out, out[-2000:]


def test_missing_node_skips_with_a_hint_outside_ci(tmp_path, no_node_path):
    status, out = _pytest("tests/test_tradeoff_js.py", tmp_path, CI="", PATH=no_node_path)
    assert status == 0 and "skipped" in out and "node is not installed" in out, out[-2000:]


def test_missing_shared_seeds_fail_under_ci(tmp_path):
    target = "tests/test_seeds.py::test_seeds_are_byte_identical_to_the_shared_copies"
    status, out = _pytest(target, tmp_path, CI="true", DEBATEKIT_SHARED_SEEDS=str(tmp_path / "nowhere"))
    assert status == 1 and "1 failed" in out and "nowhere" in out, out[-2000:]


def test_missing_requirement_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="axe-core is gone"):
        missing("axe-core is gone")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="axe-core is gone"):
        missing("axe-core is gone")


def _skip_calls(path: Path) -> list[str]:
    """Every ``pytest.skip(...)``, ``pytest.mark.skipif``, ``pytest.importorskip`` in a test file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("skip", "skipif", "importorskip", "xfail"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_every_skip_goes_through_the_ci_aware_helper():
    files = [p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts and p.name != "needs.py"]
    found = [hit for p in files for hit in _skip_calls(p) if p.name != "test_ci_honesty.py"]
    assert found == [], "skip through needs.missing() so CI=true fails instead:\n" + "\n".join(found)
