"""Build helpers: generate the reading pages from the corpus and self-host the widget scripts.

The reading pages (``book/readings/aNNN.md``) are checked in so the book's sources are plain
MyST; ``tests/test_readings.py`` regenerates them and fails if they drift from the seeds.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from debatekit import corpus
from debatekit.course import BUNDLE

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

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$~^])")


def escape_markdown(text: str) -> str:
    """Backslash-escape characters MyST would read as markup ($ would start maths, [1] a link)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _paragraph_markdown(p: corpus.Paragraph) -> str:
    body = escape_markdown(p.text)
    for mark in p.footnotes:
        body = body.replace(rf"\[{mark}\]", f"[^{p.article_id}-{mark}]", 1)
    return f"({p.pid})=\n[{p.number}](#{p.pid}){{.para-num}} {body}\n"


def _cutter_marker(art: corpus.Article) -> str:
    """The element the card cutter (``assets/workshop/cutter.mjs``) starts from, with the article's
    id, title and date (as the metadata gives them) for the cards a student cuts."""
    attrs = {"article": art.id, "title": art.title, "date": art.date}
    data = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f'<div class="dk-cutter" data-dk-workshop="cutter" {data}></div>'


def reading_markdown(art: corpus.Article) -> str:
    """The MyST source of one article's reading page: metadata, then every block with its anchor."""
    title = escape_markdown(art.title)
    descriptive = ""
    if art.title_is_descriptive:
        descriptive = " (a descriptive title written for this kit; the text has none)"
    lines = [
        "<!-- Generated from seeds/ by `debatekit readings`; do not edit by hand. -->",
        f"(reading-{art.id})=",
        f"# {title}",
        "",
        ":::{admonition} About this text",
        ":class: note",
        "",
        f"- **Kit id:** `{art.id}` · **source file:** `seeds/{art.file}`",
        f"- **Title:** {title}{descriptive}",
        f"- **Author:** {escape_markdown(art.author)} · **Outlet:** {escape_markdown(art.outlet)}"
        f" · **Date:** {escape_markdown(art.date)} · **Genre:** {escape_markdown(art.genre)}",
        f"- **Notes (ours):** {escape_markdown(art.notes)}",
        f"- **Paragraphs:** {len(art.paragraphs)}, numbered in the margin; link to one with "
        f"`#{art.id}-p01` … `#{art.id}-p{len(art.paragraphs):02d}`.",
        ":::",
        "",
        _cutter_marker(art),
        "",
    ]
    lines += _source_profile_lines(art.id)
    if art.dropped:
        removed = "; ".join(f"“{escape_markdown(d.text)}” ({d.reason})" for d in art.dropped)
        lines += [f"*Removed from the scraped text as noise:* {removed}.", ""]
    for block in art.blocks:
        if isinstance(block, corpus.Heading):
            lines += [f"{'#' * block.level} {escape_markdown(block.text)}", ""]
        else:
            lines += [_paragraph_markdown(block)]
    if art.references:
        lines += ["## References", ""]
        lines += [f"[^{art.id}-{n}]: <{url}>" for n, url in sorted(art.references.items())]
        lines.append("")
    return "\n".join(lines)


def _source_profile_lines(article_id: str) -> list[str]:
    """The article's source profile (``sources.yml``) as a dropdown, when the course has one."""
    from debatekit import sources
    from debatekit.datafiles import data_path

    if not data_path(sources.SOURCES_FILE).exists() or article_id not in sources.sources().profiles:
        return []
    how = "How to read a profile: [Judging a source](#critical-sources)."
    return [sources.profile_dropdown(article_id), "", how, ""]


def write_readings(dest: Path) -> list[Path]:
    """Write every reading page into ``dest`` and return the paths written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for art in corpus.load_articles():
        path = dest / f"{art.id}.md"
        path.write_text(reading_markdown(art), encoding="utf-8")
        written.append(path)
    return written


def default_node_modules() -> Path:
    """``./node_modules`` if there is one, else the one beside the kit's checkout (editable install)."""
    here = Path("node_modules")
    checkout = Path(__file__).resolve().parents[2] / "node_modules"
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


#: What the executed notebooks depend on besides their own cells: when any of it changes, the
#: execution cache is stale (a widget's .js is embedded in the saved widget state, data feeds tables).
#: The engine's files are hashed from the installed package; these globs are the course's.
_ENGINE_GLOBS = ("**/*.py", "**/*.js", "**/*.css")
_SOURCE_GLOBS = ("data/**/*", "seeds/*", "assets/*.js", "assets/*.css")


def source_fingerprint(root: Path) -> str:
    """A hash of the engine's code and the course's data and assets the notebooks run against."""
    engine = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    groups = (("engine", engine, _ENGINE_GLOBS), ("course", root, _SOURCE_GLOBS))
    for label, base, globs in groups:
        files = sorted({p for g in globs for p in base.glob(g) if p.is_file()})
        for path in files:
            if "__pycache__" in path.parts or (label == "engine" and path.is_relative_to(engine / BUNDLE)):
                continue
            digest.update(f"{label}:{path.relative_to(base).as_posix()}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_book(
    root: Path, output: Path | None = None, strict: bool = True, quiet: bool = False, launch=None
) -> int:
    """Build the book with Jupyter Book into ``output/_build/html``; returns the exit code.

    Notebooks are executed through Jupyter Book's cache, which keys on cell sources only; when
    the package or data changed since the last build the cache is cleared and every page rebuilt.
    ``launch`` (a :class:`debatekit.launch.Launch`) builds with the repository and launch buttons
    on, from a copy of ``_config.yml`` written into ``output/_build``.
    """
    output = (output or root).resolve()
    build_dir = output / "_build"
    stamp = build_dir / ".debatekit-source-hash"
    fingerprint = source_fingerprint(root)
    stale = not stamp.exists() or stamp.read_text() != fingerprint
    if stale:
        shutil.rmtree(build_dir / ".jupyter_cache", ignore_errors=True)
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(root), "--path-output", str(output), "--keep-going"]
    if strict:
        cmd.append("-W")
    if stale:
        cmd.append("--all")
    if quiet:
        cmd.append("-q")
    if launch is not None:
        from debatekit.launch import write_overlay

        cmd += ["--config", str(write_overlay(root, launch, build_dir / "launch-config.yml"))]
    # The kernels must use matplotlib's inline backend: an inherited MPLBACKEND=Agg (as set for
    # nbval) would make plt.show() put no figure on the page.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    # The kernels read this course's files, wherever the notebooks' folders are.
    env["DEBATEKIT_COURSE"] = str(Path(root).resolve())
    result = subprocess.run(cmd, cwd=root, env=env)
    if result.returncode == 0:
        build_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)
        _student_downloads(root, build_dir / "html", launch)
    return result.returncode


def _student_downloads(root: Path, html: Path, launch) -> None:
    """What the built book offers students beside its pages: the student wheel in ``_static/``
    (see "Running the notebooks"), and notebooks whose first cell names the real install command."""
    from debatekit.launch import rewrite_downloads
    from debatekit.student import build_student_wheel

    build_student_wheel(html / "_static", root)
    if launch is not None:
        rewrite_downloads(html, launch)
