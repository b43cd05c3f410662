"""Submit without Jupyter: the assessment answered on the static book page, downloaded as one
file, and graded by ``debatekit grade`` beside notebooks (issue 10)."""

from __future__ import annotations

import json

import pytest

from debatekit.classroom import load_bank
from debatekit.classroom.grading import grade_folder

pytestmark = pytest.mark.site
BANK = load_bank("cumulative")
RUBIO = "Marco Rubio, Secretary of State"


def test_the_assessment_page_downloads_a_file_the_grader_grades(built_book, site_url, watched_page, tmp_path):
    page = watched_page.page
    page.goto(site_url + "exercises/cumulative.html")
    q4 = page.locator("[data-question='cum-q04']")
    q4.wait_for(timeout=20000)
    q4.get_by_label("Marco Rubio, Secretary of State").check()
    page.locator("[data-question='cum-q05'] input[type=number]").fill("315000")
    page.reload()  # the answers stay in this browser
    page.locator("[data-question='cum-q04']").wait_for(timeout=20000)
    assert page.locator("[data-question='cum-q04']").get_by_label(RUBIO).is_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers").click()
    download = info.value
    assert download.suggested_filename == "cumulative.answers.json"
    target = tmp_path / "subs" / "doejane_12345_678_cumulative.answers.json"
    target.parent.mkdir()
    download.save_as(target)
    [row] = grade_folder(BANK, tmp_path / "subs", progress=False)
    assert row.status == "graded", row.reason
    assert row.scores["cum-q04"] == 1 and row.scores["cum-q05"] == 1 and row.total == 2
    assert row.notes == []  # released from the very questions this run grades
    assert watched_page.errors == [] and watched_page.foreign_requests() == []


def test_start_over_clears_this_browsers_answers(built_book, site_url, watched_page):
    page = watched_page.page
    page.goto(site_url + "exercises/cumulative.html")
    q4 = page.locator("[data-question='cum-q04']")
    q4.wait_for(timeout=20000)
    q4.get_by_label("Marco Rubio, Secretary of State").check()
    page.get_by_role("button", name="Start over (clear this browser's answers)").click()
    page.get_by_role("button", name="Yes, clear them").click()
    page.reload()
    page.locator("[data-question='cum-q04']").wait_for(timeout=20000)
    assert not page.locator("[data-question='cum-q04']").get_by_label(RUBIO).is_checked()
    stored = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('debatekit:answer:'))")
    assert stored == []


def test_the_assessment_page_holds_no_feedback_or_explanation(built_book):
    html = (built_book / "exercises" / "cumulative.html").read_text(encoding="utf-8")
    secrets = [q.explanation for q in BANK.questions if q.explanation]
    secrets += [text for q in BANK.questions for text in q.feedback.values()]
    secrets += [q.instructor.get("model_answer", "") for q in BANK.questions]
    assert len(secrets) > 5
    for secret in filter(None, secrets):
        assert json.dumps(secret)[1:40] not in html and secret[:40] not in html


def test_the_student_page_explains_both_ways(built_book):
    text = (built_book / "book" / "submitting.html").read_text(encoding="utf-8")
    assert "Download my answers" in text and "save the notebook" in text.lower()
