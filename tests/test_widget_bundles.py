"""Each widget's served module is the esbuild bundle of its source, committed in widgets/dist/.

The bundles are re-made here from src/debatekit/widgets/*.js and lib/ and must match the committed
files byte for byte (after a change to a widget or to lib/, run `make widgets`). Each bundle stands
alone, as anywidget and the book's loader import it: one module, no imports.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import needs
import pytest

from debatekit import widgets as widget_classes
from debatekit.widgets.question import QuestionWidget

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = ROOT / "src" / "debatekit" / "widgets"
DIST = WIDGETS / "dist"
WORKSHOP_DOM = ROOT / "assets" / "workshop" / "dom.mjs"
IMPORT = re.compile(r"^\s*(import\b|export\s.*\bfrom\s)", re.M)


@pytest.fixture(scope="module")
def rebundled(tmp_path_factory) -> Path:
    needs.node()
    needs.esbuild()
    out = tmp_path_factory.mktemp("bundles")
    cmd = ["node", str(ROOT / "scripts" / "bundle-widgets.mjs"), "--out", str(out)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_every_widget_source_has_a_committed_bundle_and_nothing_else_is_there():
    sources = sorted(p.name for p in WIDGETS.glob("*.js"))
    assert sources and sorted(p.name for p in DIST.iterdir()) == sources


def test_the_committed_bundles_match_their_sources(rebundled):
    stale = [
        p.name
        for p in sorted((rebundled / "widgets").iterdir())
        if not (DIST / p.name).exists() or (DIST / p.name).read_bytes() != p.read_bytes()
    ]
    assert stale == [], f"widgets/dist/ is stale for {stale}: run `make widgets` and commit the result"


def test_the_workshops_dom_helpers_match_the_widgets(rebundled):
    fresh = (rebundled / "workshop" / "dom.mjs").read_bytes()
    assert WORKSHOP_DOM.read_bytes() == fresh, "assets/workshop/dom.mjs is stale: run `make widgets`"


CLASSES = [getattr(widget_classes, n) for n in widget_classes.__all__] + [QuestionWidget]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_each_widget_serves_one_self_contained_bundle(cls):
    text = str(cls._esm)  # what anywidget sends to the page: the file's text
    served = [p.name for p in DIST.glob("*.js") if p.read_text(encoding="utf-8") == text]
    assert len(served) == 1, f"{cls.__name__} does not serve a bundle of widgets/dist/"
    assert IMPORT.findall(text) == [], f"{served[0]} still imports other modules"
    assert re.search(r"^export\s*\{[^}]*\bdefault\b", text, re.M), f"{served[0]} has no default export"
