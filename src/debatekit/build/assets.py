"""Self-hosting the widget scripts: the pinned npm files the static book serves from ``_static/npm``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from debatekit.content.course import ENGINE

#: npm files the static book serves from ``_static/npm`` (source in node_modules → dest).
VENDOR_FILES = {
    "requirejs/require.js": "require.js",
    "anywidget/dist/index.js": "anywidget/index.js",
    "@jupyter-widgets/html-manager/dist/embed-amd.js": "html-manager/embed-amd.js",
}
#: html-manager loads its icon fonts relative to its own script; copy them beside it.
_HTML_MANAGER_FONTS = re.compile(r".*\.(woff2?|ttf|eot|svg)$")
#: html-manager resolves its fonts against the AMD module URIs of its two named modules, which
#: ``assets/widget-paths.js`` roots at ``_static/npm``.
_FONT_FOLDERS = ("@jupyter-widgets", "@jupyter-widgets/html-manager/dist")

def default_node_modules() -> Path:
    """``./node_modules`` if there is one, else the one beside the kit's checkout (editable install)."""
    here = Path("node_modules")
    checkout = ENGINE.parents[1] / "node_modules"
    return here if here.is_dir() or not checkout.is_dir() else checkout


def copy_vendor_assets(node_modules: Path, dest: Path) -> list[Path]:
    """Copy the pinned widget scripts from ``node_modules`` into ``dest`` (served as ``_static/npm``)."""
    if not node_modules.is_dir():
        raise FileNotFoundError(f"{node_modules} not found: run `npm ci` in the repository root first")
    copied = []
    for src_rel, dst_rel in VENDOR_FILES.items():
        src = node_modules / src_rel
        if not src.exists():
            raise FileNotFoundError(f"{src} missing: run `npm ci` (package.json pins it)")
        target = dest / dst_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
        copied.append(target)
    fonts = node_modules / "@jupyter-widgets/html-manager/dist"
    for font in fonts.iterdir():
        if _HTML_MANAGER_FONTS.match(font.name):
            for folder in _FONT_FOLDERS:
                (dest / folder).mkdir(parents=True, exist_ok=True)
                shutil.copy2(font, dest / folder / font.name)
                copied.append(dest / folder / font.name)
    return copied
