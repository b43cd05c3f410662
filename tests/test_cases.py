"""`debatekit cases DIR`: collected case files read as data, one row each, rejections with reasons,
CSV cells that no spreadsheet reads as a formula, and a printable packet per student."""

import csv
import json

from test_casebuilder_js import good_case

from debatekit.classroom import cases
from debatekit.cli import main


def write(folder, name, data):
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_every_file_gets_a_row_with_findings_or_reasons(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    ok = good_case()
    write(src, "a-good.json", ok)
    flawed = good_case()
    flawed["student"] = "Robin"
    flawed["arguments"][0]["impact"] = ""
    flawed["arguments"][1]["cards"][0]["quote"] = "words the article never wrote"
    write(src, "b-flawed.json", flawed)
    write(src, "c-broken.json", "{not json")
    write(
        src,
        "d-shape.json",
        {"format": "debatekit-case", "version": 1, "motion": "m99", "side": "middle", "arguments": "x"},
    )
    write(src, "e-big.json", " " * (cases.MAX_BYTES + 1))
    out = tmp_path / "out"
    assert main(["cases", str(src), "--out", str(out)]) == 0
    rows = list(csv.DictReader((out / "cases.csv").open(encoding="utf-8")))
    assert [r["file"] for r in rows] == [
        "a-good.json",
        "b-flawed.json",
        "c-broken.json",
        "d-shape.json",
        "e-big.json",
    ]
    assert [r["status"] for r in rows] == ["accepted", "accepted", "rejected", "rejected", "rejected"]
    assert rows[0]["findings"] == "" and rows[0]["arguments"] == "2" and rows[0]["cards"] == "3"
    assert "argument 1: an argument says nothing of its impact" in rows[1]["findings"]
    assert "not, word for word, in the paragraph" in rows[1]["findings"]
    assert "not a JSON text file" in rows[2]["reasons"]
    assert (
        "'motion' 'm99'" in rows[3]["reasons"]
        and "'side'" in rows[3]["reasons"]
        and "'arguments' must be a list" in rows[3]["reasons"]
    )
    assert "bytes; a case file is at most" in rows[4]["reasons"]
    packets = sorted(p.name for p in (out / "packets").iterdir())
    assert packets == ["robin.html", "sam.html"]
    sam = (out / "packets" / "sam.html").read_text(encoding="utf-8")
    assert ok["arguments"][0]["cards"][0]["paragraph_id"] in sam and "@page" in sam


def test_csv_cells_never_start_a_formula(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n, start in enumerate(["=", "+", "-", "@", "\t", "\r"]):
        case = good_case()
        case["student"] = f"{start}HYPERLINK(1)"
        write(src, f"{n}.json", case)
    cases.write_cases(src, tmp_path / "out")
    rows = list(csv.DictReader((tmp_path / "out" / "cases.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 6
    assert all(r["student"].startswith("'") for r in rows), [r["student"] for r in rows]


def test_student_text_is_escaped_in_the_packet(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    case = good_case()
    case["arguments"][0]["claim"] = "<script>alert(1)</script>"
    write(src, "x.json", case)
    cases.write_cases(src, tmp_path / "out")
    html = (tmp_path / "out" / "packets" / "sam.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
