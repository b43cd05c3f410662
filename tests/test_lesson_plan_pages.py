"""A lesson plan's ``page:`` references are checked against its own course: the pages its file
lists, each a label defined on a page of that course's table of contents."""

from __future__ import annotations

import pytest
import yaml

from debatekit.build import authoring
from debatekit.cli import main
from debatekit.content import course, lessons
from debatekit.content.files import DataError


def _session(sid: str, minutes: int, page: str) -> dict:
    step = {"minutes": minutes, "activity": "Read and discuss.", "materials": [f"page:{page}"]}
    return {"session_id": sid, "chapter": "intro", "minutes": minutes, "title": "Warm-up",
            "goal": "Students can name a claim.", "before": "Read the guide.", "after": "Write one claim.",
            "steps": [step]}  # fmt: skip


def _plans(page: str) -> dict:
    days = [{"day": n, "title": "Day", "plan": "Discuss the guide.", "materials": []} for n in (1, 2, 3)]
    return {
        "chapters": {"intro": "Introduction"},
        "pages": {page: "The guide"},
        "sessions": [_session("intro-50", 50, page), _session("intro-90", 90, page)],
        "unit": {"title": "A unit", "summary": "Three days.", "period_minutes": 50,
                 "weeks": [{"week": w, "focus": "Claims", "days": [days[w - 1]]} for w in (1, 2, 3)]},
    }  # fmt: skip


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A new course whose table of contents has a guide page labelled ``guide-start``."""
    monkeypatch.delenv(course.ENV_COURSE, raising=False)
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "c"
    assert main(["new-course", str(root), "--title", "Test course"]) == 0
    (root / "book" / "guide.md").write_text("(guide-start)=\n# The guide\n\nA page of this course.\n")
    authoring.add_to_toc(root, "Guide", "book/guide")
    course.use(root)
    yield root
    course.use(None)


def _write(root, plans: dict):
    path = root / "data" / "lesson_plans.yml"
    path.write_text(yaml.safe_dump(plans, sort_keys=False))
    return path


def test_a_lesson_plan_may_point_to_a_labelled_page_of_its_own_toc(fresh):
    _write(fresh, _plans("guide-start"))
    plans = lessons.load_lesson_plans()
    assert [s.steps[0].materials for s in plans.sessions] == [("page:guide-start",)] * 2
    assert main(["check", "--course", str(fresh)]) == 0


def test_a_lesson_plan_file_is_checked_against_its_own_page_list(fresh, tmp_path):
    """A file loaded by path uses the pages it lists, not those of the course's own file."""
    _write(fresh, _plans("guide-start"))
    other = tmp_path / "lesson_plans.yml"
    plans = _plans("guide-start")
    plans["pages"] = {"guide-start": "Start here"}
    other.write_text(yaml.safe_dump(plans, sort_keys=False))
    assert len(lessons.load_lesson_plans(other).sessions) == 2
    plans["pages"] = {}
    other.write_text(yaml.safe_dump(plans, sort_keys=False))
    with pytest.raises(DataError, match=r"entry session intro-50: field 'steps\[1\]\.materials': "
                       r"'page:guide-start': unknown page 'guide-start'"):  # fmt: skip
        lessons.load_lesson_plans(other)


def test_a_page_no_page_of_the_toc_defines_is_reported_with_file_entry_and_field(fresh, capsys):
    _write(fresh, _plans("gone"))
    with pytest.raises(DataError) as caught:
        lessons.load_lesson_plans()
    assert caught.value.file == "lesson_plans.yml"
    assert (caught.value.entry, caught.value.field) == ("pages", "gone")
    assert "no page of _toc.yml defines the label (gone)=" in str(caught.value)
    assert main(["check", "--course", str(fresh)]) == 1
    assert "lesson_plans.yml: entry pages: field 'gone'" in capsys.readouterr().out
