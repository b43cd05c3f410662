"""What a student installs or downloads holds no assessed key, and runs notebooks anywhere.

The student-side artefacts are the wheel the book serves (``_static/``), a wheel of the repository
itself (what ``pip install .`` or ``pip install git+URL`` builds), every file of the built book
(pages, the notebooks and sources it offers for download) and a released notebook. Each is
searched for every assessed key, hash of a key, per-choice feedback and example answer. Then the
served wheel is installed, non-editable, into a fresh virtual environment and one chapter, one
practice and one released notebook run there, outside the repository and with no setting.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from debatekit.build.student import build_student_wheel
from debatekit.classroom import install, load_bank, public_bank
from debatekit.classroom.notebooks import release
from debatekit.content import course

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[1]
#: Fields of an assessed question that only the instructor may hold.
SECRET_FIELDS = ("key", "feedback", "explanation", "hint", "example", "model_answer", "too_low", "too_high")
MIN_SECRET = 12
BINARY = (".png", ".woff", ".woff2", ".ttf", ".eot", ".ico", ".pdf")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _secret_values(question: dict) -> list:
    found = []
    for name, value in question.items():
        if name in SECRET_FIELDS:
            found.append(value)
        elif isinstance(value, list):
            found += [v[f] for v in value if isinstance(v, dict) for f in SECRET_FIELDS if f in v]
    return found


def assessed_secrets() -> list[str]:
    """Every key (as JSON and as its sha256), feedback, explanation and example of every assessed
    bank, less what the public bank or a practice bank legitimately shows."""
    public_text = []
    secrets: set[str] = set()
    for path in sorted((ROOT / "data" / "questions").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not course.is_assessed_bank(path):
            public_text.append(json.dumps(raw, ensure_ascii=False))
            continue
        public_text.append(json.dumps(public_bank(load_bank(path)), ensure_ascii=False))
        for q in raw["questions"]:
            for value in _secret_values(q):
                secrets.update(" ".join(s.split()) for s in _strings(value))
                if not isinstance(value, str):
                    for form in (json.dumps(value), json.dumps(value, sort_keys=True)):
                        secrets.add(form)
                        secrets.add(hashlib.sha256(form.encode()).hexdigest())
            if "key" in q:
                secrets.add(hashlib.sha256(json.dumps(q["key"], sort_keys=True).encode()).hexdigest())
    shown = "\n".join(public_text)
    return sorted(s for s in secrets if len(s) >= MIN_SECRET and s not in shown)


def _texts_of_wheel(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as wheel:
        return {f"{path.name}:{n}": wheel.read(n).decode("utf-8", "replace") for n in wheel.namelist()}


def _texts_of_tree(folder: Path) -> dict[str, str]:
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix == ".whl":
            out.update(_texts_of_wheel(path))
        elif path.is_file() and path.suffix not in BINARY:
            out[str(path.relative_to(folder))] = path.read_text(encoding="utf-8", errors="replace")
    return out


@pytest.fixture(scope="module")
def student_wheel(tmp_path_factory) -> Path:
    return build_student_wheel(tmp_path_factory.mktemp("dist"), ROOT)


@pytest.fixture(scope="module")
def repository_wheel(tmp_path_factory) -> Path:
    """The wheel ``pip install .`` builds from a clean copy of the repository (its tracked files)."""
    tree, dist = tmp_path_factory.mktemp("repo"), tmp_path_factory.mktemp("repo-dist")
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split("\n")
    for rel in filter(None, files):
        if (ROOT / rel).is_file():
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, tree / rel)
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
           "-w", str(dist), str(tree)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True)
    (wheel,) = dist.glob("debatekit-*.whl")
    return wheel


def test_the_secrets_searched_for_are_real():
    secrets = assessed_secrets()
    assert len(secrets) >= 10
    cumulative = (ROOT / "data" / "questions" / "cumulative.yml").read_text(encoding="utf-8")
    assert sum(s in " ".join(cumulative.split()) for s in secrets) >= 5  # feedback, examples as written


def test_both_wheels_carry_the_public_course_files_and_no_assessed_bank(student_wheel, repository_wheel):
    expected = {f"debatekit/{course.BUNDLE}/{p.as_posix()}" for p in course.public_files(ROOT)}
    for wheel in (student_wheel, repository_wheel):
        names = set(zipfile.ZipFile(wheel).namelist())
        bundled = {n for n in names if n.startswith(f"debatekit/{course.BUNDLE}/")}
        assert bundled == expected, wheel
        assert not any("cumulative" in n for n in names), wheel
    assert student_wheel.name == install.wheel_name()


def test_no_student_side_artefact_holds_an_assessed_key(
    built_book, student_wheel, repository_wheel, tmp_path
):
    released = release("cumulative", tmp_path / "released")
    artefacts = {
        **_texts_of_wheel(student_wheel),
        **_texts_of_wheel(repository_wheel),
        **_texts_of_tree(built_book),
        released.name: released.read_text(encoding="utf-8"),
    }
    assert (built_book / "_static" / install.wheel_name()).is_file(), "the book serves the student wheel"
    assert any(name.startswith("_sources/exercises/cumulative") for name in artefacts)
    flat = {name: " ".join(text.split()) for name, text in artefacts.items()}
    leaks = [(s[:60], name) for s in assessed_secrets() for name, text in flat.items() if s in text]
    assert not leaks, f"{len(leaks)} assessed secret(s) found, e.g. {leaks[:5]}"


def _venv_with_wheel(tmp_path: Path, wheel: Path) -> Path:
    """A fresh venv holding ``wheel`` (non-editable); its dependencies come from the test venv's
    site-packages through a .pth path line (offline, no copies), after the venv's own packages."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    (Path(purelib) / "zz-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True, capture_output=True)  # fmt: skip
    return python


def test_the_served_wheel_runs_a_chapter_a_practice_and_a_released_notebook(student_wheel, tmp_path):
    python = _venv_with_wheel(tmp_path, student_wheel)
    work = tmp_path / "student"
    work.mkdir()
    shutil.copy2(ROOT / "book" / "chapters" / "a003.ipynb", work / "chapter.ipynb")
    shutil.copy2(ROOT / "exercises" / "a000.ipynb", work / "practice.ipynb")
    release("cumulative", work)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBATEKIT_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(PATH=f"{python.parent}:{env.get('PATH', '')}", JUPYTER_DATA_DIR=str(tmp_path / "jupyter"),
               MPLBACKEND="Agg")  # fmt: skip
    script = (
        "import sys, debatekit, nbformat, nbclient\n"
        "from debatekit.content import course\n"
        "from debatekit.classroom import load_bank\n"
        "print('package', debatekit.__file__)\n"
        "print('course', course.course_root())\n"
        "try:\n    load_bank('cumulative')\n"
        "except Exception as exc:\n    print('no-key', type(exc).__name__)\n"
        "for name in sys.argv[1:]:\n"
        "    nb = nbformat.read(name, as_version=4)\n"
        "    nbclient.NotebookClient(nb, timeout=300, kernel_name='python3').execute()\n"
        "    print('ran', name)\n"
    )
    names = ["chapter.ipynb", "practice.ipynb", "cumulative.ipynb"]
    result = subprocess.run([str(python), "-c", script, *names],
                            cwd=work, env=env, capture_output=True, text=True, timeout=900)  # fmt: skip
    out = result.stdout
    assert result.returncode == 0, out[-2000:] + result.stderr[-4000:]
    site = str(tmp_path / "venv")
    assert f"package {site}" in out, "debatekit must come from the fresh venv, not the checkout"
    assert f"course {site}" in out and course.BUNDLE in out, "the course must be the bundled copy"
    assert "no-key DataError" in out, "the assessed bank is not installed"
    assert [ln for ln in out.splitlines() if ln.startswith("ran ")] == [
        "ran chapter.ipynb", "ran practice.ipynb", "ran cumulative.ipynb"
    ]
