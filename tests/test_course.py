"""Where the course is found, the commands that start and check a course, and the install cell."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from debatekit.build import authoring, launch
from debatekit.classroom import install
from debatekit.cli import main
from debatekit.content import course
from debatekit.content.files import data_path

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Rooftop Gardens in Harbour Town\n\n"
    "Harbour Town has 40 flat roofs on public buildings. The council says planting them would cost "
    "2.5 million euros.\n"
    "Supporters say the gardens would cool the streets below by up to 2 degrees in summer.\n"
)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A new course in tmp_path/c, with the working directory elsewhere and no course chosen."""
    monkeypatch.delenv(course.ENV_COURSE, raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["new-course", str(tmp_path / "c"), "--title", "Test course"]) == 0
    yield tmp_path / "c"
    course.use(None)



def name_stakeholders_and_topics(course: Path) -> None:
    """Give a fresh course the one stakeholder and topic its test cards name."""
    path = course / "data" / "vocabulary.yml"
    vocabulary = yaml.safe_load(path.read_text())
    vocabulary["stakeholders"] = {"Residents": "the town's residents"}
    vocabulary["topics"] = {"greenery": "roofs, parks and planting"}
    path.write_text(yaml.safe_dump(vocabulary, sort_keys=False))

def test_the_course_is_found_from_option_environment_working_folder_then_checkout(fresh, monkeypatch):
    checkout = ROOT.resolve()
    sub = fresh / "book"
    monkeypatch.chdir(fresh.parent)
    assert course.course_root() == checkout  # editable install: the checkout, last resort
    monkeypatch.chdir(sub)
    assert course.course_root() == fresh  # the nearest course above the working folder
    monkeypatch.setenv(course.ENV_COURSE, str(ROOT))
    assert course.course_root() == checkout  # the environment beats the working folder
    assert course.use(fresh) == fresh  # --course beats the environment
    assert data_path("cards.yml") == fresh / "data" / "cards.yml"
    course.use(None)
    monkeypatch.setenv(course.ENV_COURSE, str(fresh / "book"))
    with pytest.raises(course.CourseError, match="not a course"):
        course.course_root()


def test_the_repository_course_keeps_its_files_at_the_root():
    assert course.course_root() == ROOT
    assert data_path("cards.yml") == ROOT / "data" / "cards.yml"
    assert not (ROOT / "src" / "debatekit" / "data").exists()


def test_public_files_leave_out_every_assessed_bank():
    files = {p.as_posix() for p in course.public_files(ROOT)}
    assert "data/questions/a000.yml" in files and "seeds/articles.yml" in files
    assessed = [p for p in (ROOT / "data" / "questions").glob("*.yml") if course.is_assessed_bank(p)]
    assert [p.name for p in assessed] == ["cumulative.yml"]
    assert not any(f.startswith("data/questions/cumulative") for f in files)


def test_every_command_takes_course(capsys):
    from debatekit.cli import _COMMANDS

    for name in _COMMANDS:
        with pytest.raises(SystemExit):
            main([name, "--help"] if name != "cards" else ["cards", "suggest", "--help"])
        assert "--course" in capsys.readouterr().out, name


def test_a_new_course_checks_clean_and_add_article_writes_every_piece(fresh, capsys):
    assert main(["check", "--course", str(fresh)]) == 0
    text = fresh.parent / "gardens.txt"
    text.write_bytes(TEXT.encode())
    assert main(["add-article", str(text), "--course", str(fresh)]) == 0
    seeds = [p for p in (fresh / "seeds").glob("*.txt")]
    assert [p.name[:4] for p in seeds] == ["000_"] and seeds[0].read_bytes() == text.read_bytes()
    (meta,) = yaml.safe_load((fresh / "seeds" / "articles.yml").read_text())
    assert meta["id"] == "a000" and meta["title"] == "Rooftop Gardens in Harbour Town"
    assert all(meta[f] == "unknown" for f in ("author", "outlet", "date", "genre", "notes"))
    reading = (fresh / "book" / "readings" / "a000.md").read_text()
    assert "(a000-p01)=" in reading and "(a000-p02)=" in reading and "(a000-p03)=" not in reading
    chapter = json.loads((fresh / "book" / "chapters" / "a000.ipynb").read_text())
    assert chapter["cells"][1]["id"] == "install-check"
    bank = yaml.safe_load((fresh / "data" / "questions" / "a000.yml").read_text())
    assert bank["assignment"] == "a000" and bank["questions"] == []
    toc = yaml.safe_load((fresh / "_toc.yml").read_text())
    files = [[c["file"] for c in p["chapters"]] for p in toc["parts"]]
    assert files == [["book/readings/a000"], ["book/chapters/a000"]]
    second = fresh.parent / "second.txt"
    second.write_bytes(b"A second text.\nIt has one paragraph here.\n")
    assert main(["add-article", str(second), "--course", str(fresh)]) == 0
    assert authoring.next_article_id(fresh) == "a002"
    assert main(["add-article", str(second), "--course", str(fresh)]) == 2  # the same text twice
    assert main(["check", "--course", str(fresh)]) == 0


def test_cards_suggest_quotes_verbatim_and_loads_once_filled_in(fresh, capsys):
    text = fresh.parent / "gardens.txt"
    text.write_bytes(TEXT.encode())
    main(["add-article", str(text), "--course", str(fresh)])
    capsys.readouterr()
    assert main(["cards", "suggest", "a000-p01", "--course", str(fresh)]) == 0
    suggested = yaml.safe_load(capsys.readouterr().out)
    from debatekit.content import corpus, evidence

    para = corpus.paragraph("a000-p01").text
    assert [c["quote"] for c in suggested] == [
        "Harbour Town has 40 flat roofs on public buildings.",
        "The council says planting them would cost 2.5 million euros.",
    ]
    assert all(c["quote"] in para for c in suggested)
    assert [(c["kind"], c["value"]) for c in suggested] == [("figure", 40), ("figure", 2.5)]
    name_stakeholders_and_topics(fresh)
    for c in suggested:
        c.update(stakeholders=["Residents"], topics=["greenery"], unit="roofs")
    (fresh / "data" / "cards.yml").write_text(yaml.safe_dump(suggested, allow_unicode=True))
    assert len(evidence.load_cards(fresh / "data" / "cards.yml")) == 2


def test_check_reports_every_problem_with_file_entry_and_field(fresh, capsys):
    text = fresh.parent / "gardens.txt"
    text.write_bytes(TEXT.encode())
    main(["add-article", str(text), "--course", str(fresh)])
    cards = [
        {"card_id": "a000-c01", "paragraph_id": "a000-p01", "quote": "Harbour Town has 41 flat roofs",
         "claim": "c", "kind": "fact", "stakeholders": ["Residents"], "topics": ["greenery"]},
        {"card_id": "a000-c02", "paragraph_id": "a000-p09", "quote": "x", "claim": "c", "kind": "fact",
         "stakeholders": ["Residents"], "topics": ["greenery"]},
    ]  # fmt: skip
    name_stakeholders_and_topics(fresh)
    (fresh / "data" / "cards.yml").write_text(yaml.safe_dump(cards))
    glossary = [{"term": "roof", "definition": "d", "paragraph_ids": ["a000-p07"], "card_ids": []}]
    (fresh / "data" / "glossary.yml").write_text(yaml.safe_dump(glossary))
    capsys.readouterr()
    assert main(["check", "--course", str(fresh)]) == 1
    out = capsys.readouterr().out
    assert "cards.yml: entry a000-c01: field 'quote': not found verbatim" in out
    assert "cards.yml: entry a000-c02: field 'paragraph_id'" in out
    assert "glossary.yml" in out  # the next file is still checked after the first fails


def test_every_notebook_starts_with_the_install_cell():
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True)
    paths = tracked.stdout.split()
    assert len(paths) >= 19
    for path in paths:
        first = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"][0]
        assert first["source"] == install.install_cell()["source"], path


def _run_install_cell(cell: dict) -> subprocess.CompletedProcess:
    """Run the cell's code in a Python that cannot import debatekit (isolated, no site-packages)."""
    return subprocess.run([sys.executable, "-I", "-S", "-c", "".join(cell["source"])],
                          capture_output=True, text=True, cwd="/")  # fmt: skip


def test_the_install_cell_prints_one_command_when_the_kit_is_missing():
    plain = _run_install_cell(install.install_cell())
    assert plain.returncode != 0 and "ModuleNotFoundError" in plain.stderr
    assert f"pip install {install.wheel_name()}" in plain.stderr and "Running the notebooks" in plain.stderr
    known = launch.from_options("https://github.com/example-org/debate-course")
    real = _run_install_cell(install.install_cell(known))
    assert 'pip install "debatekit @ git+https://github.com/example-org/debate-course@main"' in real.stderr
    ok = subprocess.run([sys.executable, "-c", "".join(install.install_cell()["source"])], cwd="/")
    assert ok.returncode == 0  # with the kit installed the cell does nothing


def test_the_running_page_offers_the_served_wheel_and_the_default_command():
    page = (ROOT / "book" / "part1" / "running-notebooks.md").read_text(encoding="utf-8")
    assert f'href="../../_static/{install.wheel_name()}"' in page and "OWNER" not in page
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    subs = config["parse"]["myst_substitutions"]
    assert subs[launch.SUBSTITUTION] == f"`{install.install_command(None)}`"
    overlay = launch.launch_overlay(config, launch.from_options("https://github.com/example-org/x"))
    subs = overlay["parse"]["myst_substitutions"]
    assert "git+https://github.com/example-org/x@main" in subs["install_command"]
    for page in ROOT.glob("book/**/*.md"):
        assert "OWNER/REPO" not in page.read_text(encoding="utf-8"), page


def test_a_build_with_the_repository_puts_its_command_into_the_downloadable_notebooks(tmp_path):
    sources = tmp_path / "_sources" / "book"
    sources.mkdir(parents=True)
    stored = json.loads((ROOT / "exercises" / "a000.ipynb").read_text(encoding="utf-8"))
    (sources / "a000.ipynb").write_text(json.dumps(stored))
    (sources / "page.md").write_text("# A page\n")
    known = launch.from_options("https://gitlab.com/example-org/debate-course", branch="spring")
    assert launch.rewrite_downloads(tmp_path, known) == [sources / "a000.ipynb"]
    first = json.loads((sources / "a000.ipynb").read_text(encoding="utf-8"))["cells"][0]
    source = "".join(first["source"])
    assert 'pip install "debatekit @ git+https://gitlab.com/example-org/debate-course@spring"' in source
    assert install.wheel_name() not in source
    assert first["id"] == "install-check" and len(stored["cells"]) == len(json.loads(
        (sources / "a000.ipynb").read_text(encoding="utf-8"))["cells"])  # fmt: skip
