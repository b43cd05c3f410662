"""Building the book: Jupyter Book over the course's pages, with an execution cache that knows the engine.

``build_book`` runs ``jupyter-book build`` with the course's folder as ``DEBATEKIT_COURSE`` and,
after a good build, writes the student wheel into ``_static``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from debatekit.content.course import BUNDLE, ENGINE

#: What the executed notebooks depend on besides their own cells: when any of it changes, the
#: execution cache is stale (a widget's .js is embedded in the saved widget state, data feeds tables).
#: The engine's files are hashed from the installed package; these globs are the course's.
_ENGINE_GLOBS = ("**/*.py", "**/*.js", "**/*.css")
_SOURCE_GLOBS = ("data/**/*", "seeds/*", "assets/*.js", "assets/*.css")


def source_fingerprint(root: Path) -> str:
    """A hash of the engine's code and the course's data and assets the notebooks run against."""
    engine = ENGINE
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
    ``launch`` (a :class:`debatekit.build.launch.Launch`) builds with the repository and launch buttons
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
        from debatekit.build.launch import write_overlay

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
    from debatekit.build.launch import rewrite_downloads
    from debatekit.build.student import build_student_wheel

    build_student_wheel(html / "_static", root)
    if launch is not None:
        rewrite_downloads(html, launch)
