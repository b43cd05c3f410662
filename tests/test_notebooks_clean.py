"""Notebooks under version control are stored without outputs, so diffs stay readable and nbval
runs them fresh."""

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tracked_notebooks() -> list[str]:
    out = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_there_are_notebooks_in_book_and_exercises():
    notebooks = tracked_notebooks()
    assert any(n.startswith("book/") for n in notebooks)
    assert any(n.startswith("exercises/") for n in notebooks)


@pytest.mark.parametrize("path", tracked_notebooks())
def test_notebook_has_no_outputs_or_execution_counts(path):
    nb = json.loads((ROOT / path).read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path}: cell {i} has outputs"
            assert cell.get("execution_count") is None, f"{path}: cell {i} has an execution count"
    assert "widgets" not in nb.get("metadata", {}), f"{path}: saved widget state"


@pytest.mark.parametrize("path", tracked_notebooks())
def test_notebook_installs_nothing(path):
    nb = json.loads((ROOT / path).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell.get("id") == "install-check":  # prints the command for a reader; never runs it
            continue
        if cell["cell_type"] == "code":
            assert "pip install" not in source, f"{path}: notebooks import the package, never pip-install"
