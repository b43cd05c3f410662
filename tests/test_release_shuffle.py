"""Releases shuffle choices and items, record the order per release, and grading maps by id (case 6)."""

from __future__ import annotations

import json

from debatekit.classroom import load_bank
from debatekit.classroom.answers import fill_answers
from debatekit.classroom.grading import grade_folder
from debatekit.classroom.notebooks import build_notebook, release

BANK = load_bank("cumulative")


def _shown(nb: dict) -> dict[str, list[str]]:
    """Question id → the ids of its choices/items/claims/candidates, in the order the notebook shows."""
    setup = "".join(next(c for c in nb["cells"] if c["id"] == "setup")["source"])
    bank = eval(setup.split("start(", 1)[1].rsplit(")", 1)[0])  # a literal dict written by release
    out = {}
    for q in bank["questions"]:
        for field, key in (("choices", "id"), ("items", "id"), ("claims", "id"), ("candidates", "pid")):
            if field in q:
                out[q["id"]] = [e[key] for e in q[field]]
    return out


def test_the_correct_choices_do_not_come_first_in_the_released_notebook(tmp_path):
    nb = json.loads(release("cumulative", tmp_path, release_id="r1").read_text(encoding="utf-8"))
    shown = _shown(nb)
    q03 = BANK.question("cum-q03")
    assert shown["cum-q03"][: len(q03.key)] != [c["id"] for c in q03.public["choices"]][: len(q03.key)]
    assert sorted(shown["cum-q03"]) == sorted(c["id"] for c in q03.public["choices"])


def test_each_release_has_its_own_order_recorded_in_the_notebook(tmp_path):
    a = json.loads(release("cumulative", tmp_path / "a", release_id="r1").read_text(encoding="utf-8"))
    b = json.loads(release("cumulative", tmp_path / "b", release_id="r2").read_text(encoding="utf-8"))
    assert _shown(a) != _shown(b)
    for nb, rid in ((a, "r1"), (b, "r2")):
        record = nb["metadata"]["debatekit"]["release"]
        assert record["id"] == rid
        assert record["order"] == _shown(nb)
    again = json.loads(release("cumulative", tmp_path / "c", release_id="r1").read_text(encoding="utf-8"))
    assert _shown(again) == _shown(a)


def test_a_release_id_is_made_up_when_none_is_given(tmp_path):
    a = json.loads(release("cumulative", tmp_path / "a").read_text(encoding="utf-8"))
    b = json.loads(release("cumulative", tmp_path / "b").read_text(encoding="utf-8"))
    assert a["metadata"]["debatekit"]["release"]["id"] != b["metadata"]["debatekit"]["release"]["id"]


def test_grading_maps_answers_by_id_whatever_the_order(tmp_path):
    answers = {"cum-q03": list(BANK.question("cum-q03").key), "cum-q04": "rubio"}
    for rid in ("r1", "r2", "r3"):
        nb = json.loads(release("cumulative", tmp_path / rid, release_id=rid).read_text(encoding="utf-8"))
        (tmp_path / "subs").mkdir(exist_ok=True)
        (tmp_path / "subs" / f"s-{rid}.ipynb").write_text(json.dumps(fill_answers(nb, answers)))
    rows = grade_folder(BANK, tmp_path / "subs", progress=False)
    assert [(r.status, r.scores["cum-q03"], r.scores["cum-q04"]) for r in rows] == [("graded", 2, 1)] * 3
    assert all(not r.notes for r in rows)


def test_the_book_copy_of_the_assessment_is_shuffled_too():
    nb = build_notebook(BANK, "assessed")
    q04 = BANK.question("cum-q04")
    assert "release" in nb["metadata"]["debatekit"]
    assert _shown(nb)["cum-q04"] != [c["id"] for c in q04.public["choices"]] or _shown(nb)["cum-q03"] != [
        c["id"] for c in BANK.question("cum-q03").public["choices"]
    ]
