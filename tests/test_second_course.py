"""A second course, made with the commands from two texts written for these tests.

``tests/course2/`` holds two short texts about a fictional town (written for the tests, taken from
nowhere). The test makes a course of them in a temporary folder with ``new-course`` and
``add-article``, writes one motion, one matrix, a practice bank and an assessed bank, checks it,
builds it strictly, drives its widgets on the static pages in Chromium, then releases and grades
its assessment. Nothing in the engine may assume the kit's own five articles.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from debatekit.classroom import install

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "course2"
RESIDENTS, TOPIC = ["Residents"], ["greenery"]

CARDS = [
    ("a000-c01", "a000-p01", "Harbour Town owns 40 flat roofs on its schools, libraries and offices.",
     "figure",
     {"value": 40, "unit": "roofs"}),
    ("a000-c02", "a000-p02", "Planting all 40 roofs would cost about 2.5 million euros", "figure",
     {"value": 2.5, "unit": "EUR million"}),
    ("a000-c03", "a000-p03", "A planted roof keeps the rooms below it cooler in summer", "fact", {}),
    ("a000-c04", "a000-p04", "Gardens on roofs also hold rainwater that would otherwise run straight into "
     "the drains during storms.", "fact", {}),
    ("a000-c05", "a000-p05", "The town should plant the roofs of its schools first", "recommendation", {}),
    ("a001-c01", "a001-p01", "half of them have no working drinking fountain", "fact", {}),
    ("a001-c02", "a001-p02", "Repairing every park in town would cost about 1.5 million euros, less than the "
     "rooftop plan.", "figure", {"value": 1.5, "unit": "EUR million"}),
    ("a001-c03", "a001-p03", "A roof garden can only be visited by the people who work or study in the "
     "building below it.", "fact", {}),
    ("a001-c04", "a001-p04", "Older residents told the council that they walk in the parks every day but "
     "would never climb to a roof.", "fact", {}),
    ("a001-c05", "a001-p05", "The council should spend the money on the parks first", "recommendation", {}),
]  # fmt: skip


def _argument(claim: str, cards: list[str], rebuttal_cards: list[str]) -> dict:
    return {
        "claim": claim,
        "warrant": f"The cited text says so ({', '.join(cards)}).",
        "impact": "Residents are better off.",
        "card_ids": cards,
        "rebuttals": [{"text": "The other text points the other way.", "card_ids": rebuttal_cards}],
        "impact_tags": {"magnitude": "medium", "probability": "medium", "timeframe": "short",
                        "reversibility": "reversible"},
    }  # fmt: skip


MOTION = {
    "motion_id": "m01",
    "text": "This House would plant gardens on Harbour Town's public roofs",
    "context": "Our framing: the town can afford one of two plans this year.",
    "articles": ["a000", "a001"],
    "proposition": [
        _argument("Cooler buildings need less power.", ["a000-c03"], ["a001-c02"]),
        _argument("Roofs hold storm water.", ["a000-c04"], ["a001-c03"]),
        _argument("Pupils learn by growing food.", ["a000-c05"], ["a001-c04"]),
    ],
    "opposition": [
        _argument("Parks are cheaper to fix.", ["a001-c02"], ["a000-c01"]),
        _argument("Parks lack fountains now.", ["a001-c01"], ["a000-c02"]),
        _argument("Spend on parks first.", ["a001-c05"], ["a000-c03"]),
    ],
}


def _cell(score, cards, why="Our judgement."):
    return {"score": score, "cards": cards, "why": why}


MATRIX = {
    "matrices": {
        "town": {
            "title": "Roofs or parks",
            "question": "Which plan should the town fund first?",
            "articles": ["a000", "a001"],
            "note": "The scores are ours (0-10), informed by the cards cited.",
            "criteria": {
                "cost": {"direction": "cost", "description": "What the plan costs the town."},
                "reach": {"direction": "benefit", "description": "How many residents it serves."},
            },
            "options": {"roof gardens": "Plant the public roofs.", "park repairs": "Repair every park."},
            "scores": {
                "roof gardens": {"cost": _cell(8, ["a000-c02"]), "reach": _cell(3, ["a001-c03"])},
                "park repairs": {"cost": _cell(5, ["a001-c02"]), "reach": _cell(8, ["a001-c04"])},
            },
            "lenses": {
                "Residents": {
                    "why": "Our reading of what residents say they want.",
                    "stakeholders": RESIDENTS,
                    "weights": {"cost": {"weight": 2, "cards": ["a000-c02"]},
                                "reach": {"weight": 9, "cards": ["a001-c04"]}},
                },
            },  # fmt: skip
        }
    }
}

PRACTICE = {
    "assignment": "a000",
    "title": "Exercises on the rooftop text",
    "mode": "practice",
    "intro": "Questions on a000.",
    "questions": [{
        "id": "a000-q01", "type": "single", "points": 1,
        "prompt": "How many flat roofs does the town own, according to a000?",
        "choices": [{"id": "twelve", "text": "12"}, {"id": "forty", "text": "40"}],
        "key": "forty", "reread": ["a000-p01"],
    }],
}  # fmt: skip

FINAL = {
    "assignment": "final",
    "title": "Final assessment on the two texts",
    "mode": "assessed",
    "intro": "Answer both questions.",
    "questions": [
        {"id": "fin-q01", "type": "single", "points": 2,
         "prompt": "Which plan costs less, as the texts state?",
         "choices": [{"id": "roofs", "text": "The rooftop plan"},
                     {"id": "parks", "text": "The park repairs"}],
         "key": "parks", "reread": ["a001-p02"]},
        {"id": "fin-q02", "type": "multiple", "points": 2, "prompt": "What does a000 say roof gardens do?",
         "choices": [{"id": "cool", "text": "Keep rooms cooler"}, {"id": "rain", "text": "Hold rainwater"},
                     {"id": "fountain", "text": "Give drinking water"}],
         "key": ["cool", "rain"], "reread": ["a000-p03", "a000-p04"]},
    ],
}  # fmt: skip


def _debatekit(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEBATEKIT_")}
    result = subprocess.run([sys.executable, "-m", "debatekit.cli", *args], cwd=cwd, env=env,
                            capture_output=True, text=True)  # fmt: skip
    log = result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, f"debatekit {' '.join(args)}:\n{log}"
    return result.stdout


def _notebook(cells: list[str]) -> dict:
    code = [{"cell_type": "code", "execution_count": None, "id": f"c{i}",
             "metadata": {"tags": ["remove-input"]},
             "outputs": [], "source": src.splitlines(True)} for i, src in enumerate(cells)]  # fmt: skip
    title = {"cell_type": "markdown", "id": "title", "metadata": {}, "source": ["# Weighing the plans\n"]}
    return {"cells": [install.install_cell(), title, *code], "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}}


@pytest.fixture(scope="module")
def second_course(tmp_path_factory) -> Path:
    """The course, made with the commands and built strictly; returns its folder."""
    course = tmp_path_factory.mktemp("second") / "town"
    work = course.parent  # commands run outside the course: --course says which
    _debatekit("new-course", str(course), "--title", "Harbour Town", cwd=work)
    _debatekit("assets", "--course", str(course), "--node-modules", str(ROOT / "node_modules"), cwd=work)
    for text in ("gardens.txt", "parks.txt"):
        _debatekit("add-article", str(TEXTS / text), "--course", str(course), cwd=work)
    cards = [{"card_id": cid, "paragraph_id": pid, "quote": quote, "claim": f"Our paraphrase of {cid}.",
              "kind": kind, "stakeholders": RESIDENTS, "topics": TOPIC, **extra}
             for cid, pid, quote, kind, extra in CARDS]  # fmt: skip
    data = course / "data"
    vocabulary = yaml.safe_load((data / "vocabulary.yml").read_text())
    vocabulary["stakeholders"] = {"Residents": "the town's residents"}
    vocabulary["topics"] = {"greenery": "roofs, parks and planting"}
    (data / "vocabulary.yml").write_text(yaml.safe_dump(vocabulary, sort_keys=False))
    (data / "cards.yml").write_text(yaml.safe_dump(cards, allow_unicode=True, sort_keys=False))
    (data / "motions.yml").write_text(yaml.safe_dump([MOTION], sort_keys=False))
    (data / "matrices.yml").write_text(yaml.safe_dump(MATRIX, sort_keys=False))
    (data / "questions" / "a000.yml").write_text(yaml.safe_dump(PRACTICE, sort_keys=False))
    (data / "questions" / "final.yml").write_text(yaml.safe_dump(FINAL, sort_keys=False))
    _debatekit("check", "--course", str(course), cwd=work)
    _debatekit("exercises", "--course", str(course), cwd=work)
    page = _notebook(['from debatekit.widgets import TradeoffWidget\n\nTradeoffWidget.from_matrix("town")'])
    (course / "book" / "weighing.ipynb").write_text(json.dumps(page, indent=1))
    from debatekit.build.toc import add_to_toc

    add_to_toc(course, "Tools", "book/weighing")
    _debatekit("build", "--course", str(course), cwd=work)
    return course


def test_the_second_course_builds_every_page_from_its_own_files(second_course):
    html = second_course / "_build" / "html"
    for page in ("book/readings/a000", "book/readings/a001", "book/chapters/a000", "book/chapters/a001",
                 "exercises/a000", "exercises/final", "book/weighing"):  # fmt: skip
        assert (html / f"{page}.html").is_file(), page
    reading = (html / "book/readings/a001.html").read_text(encoding="utf-8")
    assert 'id="a001-p04"' in reading and "Older residents told the council" in reading
    assert "Ukraine" not in reading and "a004" not in reading
    assert (html / "_static" / install.wheel_name()).is_file()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def second_site(second_course):
    html = str(second_course / "_build" / "html")
    handler = functools.partial(_Quiet, directory=html)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_second_course_widgets_are_live_on_the_static_pages(second_site, watched_page):
    page = watched_page.page
    page.goto(second_site + "book/chapters/a001.html")
    box = page.get_by_test_id("concordance-input")
    box.wait_for(timeout=20000)
    box.fill("roof")
    hits = page.locator("[data-testid=concordance-hits] li")
    paragraphs = [ln for t in ("gardens.txt", "parks.txt")
                  for ln in (TEXTS / t).read_text().splitlines()[1:] if ln.strip()]  # fmt: skip
    assert hits.count() == sum("roof" in p.lower() for p in paragraphs) == 9
    hrefs = [hits.nth(i).locator("a").get_attribute("href") for i in range(hits.count())]
    assert hrefs[0].endswith("book/readings/a000.html#a000-p01")
    assert hrefs[-1].endswith("book/readings/a001.html#a001-p05")

    page.goto(second_site + "book/weighing.html")
    widget = page.get_by_test_id("tradeoff")
    widget.wait_for(timeout=20000)
    ranking = page.get_by_test_id("ranking")
    equal = ranking.get_attribute("aria-label")
    page.get_by_test_id("lens").select_option("Residents")
    assert ranking.get_attribute("aria-label") != equal

    page.goto(second_site + "exercises/a000.html")
    q1 = page.locator("[data-question='a000-q01']")
    q1.wait_for(timeout=20000)
    q1.get_by_label("12").check()
    q1.get_by_role("button", name="Check my answer").click()
    result = q1.get_by_test_id("question-result")
    assert result.inner_text().startswith("✗ Not yet")
    q1.get_by_label("40").check()
    q1.get_by_role("button", name="Check my answer").click()
    assert result.inner_text().startswith("✓ Correct")
    assert watched_page.errors == [] and watched_page.foreign_requests() == []


def test_the_second_course_releases_and_grades_its_assessment(second_course, tmp_path):
    from debatekit.classroom.answers import fill_answers

    out = tmp_path / "released"
    _debatekit("release", "final", "--out", str(out), "--course", str(second_course), cwd=tmp_path)
    released = json.loads((out / "final.ipynb").read_text(encoding="utf-8"))
    (setup,) = ["".join(c["source"]) for c in released["cells"] if c.get("id") == "setup"]
    assert "The park repairs" in setup and "'key'" not in setup and "a001-p02" not in setup
    subs = tmp_path / "subs"
    subs.mkdir()
    answers = {"ana": {"fin-q01": "parks", "fin-q02": ["cool", "rain"]}, "ben": {"fin-q01": "roofs"}}
    for student, given in answers.items():
        notebook = fill_answers(json.loads(json.dumps(released)), given)
        (subs / f"{student}.ipynb").write_text(json.dumps(notebook))
    grades = tmp_path / "grades.csv"
    _debatekit("grade", "final", str(subs), "--out", str(grades), "--course", str(second_course), "--quiet",
               "--jobs", "1", cwd=tmp_path)  # fmt: skip
    rows = {r["student_id"]: r for r in csv.DictReader(grades.open(encoding="utf-8"))}
    assert set(rows) == {"ana", "ben"}
    assert float(rows["ana"]["total"]) == 4 and float(rows["ben"]["total"]) == 0
