"""What a test needs from the machine (Node, axe-core, the shared seeds, a page in the toc).

Where it is missing a test skips with a hint, except under ``CI=true``, where it fails: CI must
never report green for a check it did not run. Every skip in tests/ goes through :func:`missing`
(``tests/test_ci_honesty.py`` checks that).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from debatekit.content.toc import toc_pages

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ESBUILD = ROOT / "node_modules" / "esbuild" / "package.json"


def under_ci() -> bool:
    """True when the suite runs as CI (``CI=true``), where nothing may be skipped for want of a tool."""
    return os.environ.get("CI", "").lower() == "true"


def missing(message: str) -> None:
    """Stop a test whose tool or file is absent: a failure under CI, a skip with ``message`` elsewhere."""
    if under_ci():
        pytest.fail(f"{message} (CI=true: a missing requirement fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def node() -> str:
    """The path of ``node``, or :func:`missing` with how to install it."""
    path = shutil.which("node")
    if path is None:
        missing("node is not installed: install Node.js 20+ (the JavaScript parity tests run under it)")
    return path


def axe() -> Path:
    """The pinned axe-core script, or :func:`missing` with how to get it."""
    if not AXE.exists():
        missing(f"{AXE} missing: run `npm ci` (package.json pins axe-core)")
    return AXE


def esbuild() -> Path:
    """The pinned esbuild package (it bundles the widgets), or :func:`missing` with how to get it."""
    if not ESBUILD.exists():
        missing(f"{ESBUILD.parent} missing: run `npm ci` (package.json pins esbuild)")
    return ESBUILD.parent


def shared_seeds() -> Path:
    """The shared copy of the seeds (``../shared/seeds``, or ``$DEBATEKIT_SHARED_SEEDS``)."""
    path = Path(os.environ.get("DEBATEKIT_SHARED_SEEDS") or ROOT.parent / "shared" / "seeds")
    if not path.is_dir():
        missing(f"{path} is not there: the seeds cannot be compared with their shared copies "
                "(set DEBATEKIT_SHARED_SEEDS to the folder)")  # fmt: skip
    return path


def toc_files(root: Path = ROOT) -> set[str]:
    """Every ``file:`` entry of the book's ``_toc.yml`` (no suffix), and its root."""
    return set(toc_pages(yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))))


def page_in_toc(built_book: Path, page: str) -> Path:
    """The built HTML of ``page`` (``exercises/a000``), or :func:`missing` when the toc leaves it out.

    A page the toc lists must have been built; that is an assertion, never a skip.
    """
    if page not in toc_files():
        missing(f"{page} is not in _toc.yml, so the book has no such page to test")
    html = built_book / f"{page}.html"
    assert html.exists(), f"{page} is in _toc.yml but the build wrote no {html.name}"
    return html
