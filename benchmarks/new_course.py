"""How long a new course takes, command by command: from a text file to a built reading page
and chapter skeleton.

Runs the commands an instructor types (each a fresh `debatekit` process, as typed) in a
temporary folder with the two test texts in tests/course2/, and prints one row per step.

    .venv/bin/python benchmarks/new_course.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "course2"


def _run(*args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "debatekit.cli", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"debatekit {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="debatekit-course-") as tmp:
        course = str(Path(tmp) / "town")
        rows = [
            ("new-course", _run("new-course", course)),
            ("assets (widget scripts)", _run("assets", "--course", course,
                                             "--node-modules", str(ROOT / "node_modules"))),  # fmt: skip
            ("add-article gardens.txt", _run("add-article", str(TEXTS / "gardens.txt"), "--course", course)),
            ("build (first, strict)", _run("build", "--course", course)),
            ("add-article parks.txt", _run("add-article", str(TEXTS / "parks.txt"), "--course", course)),
            ("build (after the second text)", _run("build", "--course", course)),
            ("check", _run("check", "--course", course)),
        ]
    width = max(len(name) for name, _ in rows)
    print(f"{'step':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.2f}")
    first = rows[2][1] + rows[3][1]
    again = rows[4][1] + rows[5][1]
    print(f"\ntext file -> built reading page and chapter skeleton: {first:.1f} s for the first text "
          f"(add-article + build), {again:.1f} s for the next")  # fmt: skip


if __name__ == "__main__":
    main()
