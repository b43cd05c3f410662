"""The student wheel: the engine plus the course's public files, never an assessed key.

``debatekit student-wheel --out DIR`` (and every ``debatekit build``, into ``_static/``) copies the
installed engine and :func:`debatekit.content.course.public_files` of the course into a
temporary staging tree and builds it with ``pip wheel`` (no network: no build isolation, no
dependencies). In the wheel the course sits at ``debatekit/course_files/``, where
:func:`debatekit.content.course.course_root` finds it when a notebook runs outside any course folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from debatekit.content import course

_ENGINE_SUFFIXES = (".py", ".js", ".css")
_PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "debatekit"
version = "{version}"
description = "debatekit with the public files of one course (no assessed keys)"
requires-python = "{python}"
dependencies = {dependencies}

[project.scripts]
debatekit = "debatekit.cli:main"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
debatekit = {package_data}
"""


def _requirements() -> tuple[str, str, list[str]]:
    """Version, Python requirement and run-time dependencies of the installed engine."""
    from debatekit import __version__

    try:
        meta = metadata.metadata("debatekit")
        python = meta.get("Requires-Python") or ">=3.11"
        deps = [r for r in (metadata.requires("debatekit") or []) if "extra ==" not in r]
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        python, deps = ">=3.11", []
    return __version__, python, deps


def stage(root: Path, staging: Path) -> list[Path]:
    """Lay out a buildable project in ``staging``: engine sources and the course's public files."""
    engine = course.ENGINE
    pkg = staging / "src" / "debatekit"
    for src in engine.rglob("*"):
        rel = src.relative_to(engine)
        if src.is_file() and src.suffix in _ENGINE_SUFFIXES and "__pycache__" not in rel.parts \
                and rel.parts[0] != course.BUNDLE:  # fmt: skip
            (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, pkg / rel)
    bundled = []
    for rel in course.public_files(root):
        dest = pkg / course.BUNDLE / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, dest)
        bundled.append(rel)
    folders = sorted({(Path(course.BUNDLE) / r).parent.as_posix() for r in bundled})
    package_data = ["widgets/dist/*.js", "widgets/*.css", *(f"{f}/*" for f in folders)]
    version, python, deps = _requirements()
    (staging / "pyproject.toml").write_text(
        _PYPROJECT.format(version=version, python=python, dependencies=_toml_list(deps),
                          package_data=_toml_list(package_data)),  # fmt: skip
        encoding="utf-8",
    )
    return bundled


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"' for i in items) + "]"


def build_student_wheel(out: Path, root: Path | None = None) -> Path:
    """Build the student wheel of the course at ``root`` (default: the course in use) into ``out``."""
    root = Path(root) if root is not None else course.course_root()
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="debatekit-wheel-") as tmp:
        staging = Path(tmp) / "project"
        stage(root, staging)
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
               "--quiet", "--wheel-dir", str(Path(tmp) / "dist"), str(staging)]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"pip wheel failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
        (wheel,) = (Path(tmp) / "dist").glob("debatekit-*.whl")
        target = out / wheel.name
        shutil.copy2(wheel, target)
    return target
