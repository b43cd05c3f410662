"""Build hook: a wheel of this repository carries the course's public files as package data.

``pip install .`` (or ``pip wheel .``) copies what :func:`debatekit.content.course.public_files` selects
(config, seeds, data, book assets; never an assessed question bank) into ``debatekit/course_files/``,
so notebooks run with no setting wherever the package is installed. Editable installs skip it:
they read the checkout itself.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "src"))
from debatekit.content.course import BUNDLE, public_files  # noqa: E402  (stdlib only: safe in the build env)


class BuildPyWithCourse(build_py):
    """build_py, then the course's public files into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "debatekit" / BUNDLE
        for rel in public_files(HERE):
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(HERE / rel, dest)


setup(cmdclass={"build_py": BuildPyWithCourse})
