"""The workshop's browser code agrees with the kit: the same kinds of claim, and backups that are
checked and merged without losing anything (model.mjs run under Node)."""

import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT

from debatekit import evidence

MODEL = ROOT / "assets" / "workshop" / "model.mjs"


def test_the_workshop_offers_the_kits_kinds_of_claim():
    text = MODEL.read_text(encoding="utf-8")
    kinds = json.loads(re.search(r"export const KINDS = (\[.*?\]);", text).group(1))
    assert kinds == list(evidence.KINDS)


def run_model(script: str):
    code = f"import * as m from {json.dumps(MODEL.as_uri())};\n{script}"
    out = subprocess.run(["node", "--input-type=module", "-e", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_a_backup_is_validated_and_merged_keeping_the_newer_change():
    result = run_model("""
      const card = (id, tag, at) => ({id, quote: "q", paragraph_id: "x-p01", tag, kind: "fact", updated_at: at});
      const mine = {cards: [card("a", "old", "2026-01-01"), card("b", "only here", "2026-01-01")], cases: [], practice: {k: {at: "2026-01-03", values: {answer: 1}}}, widgets: {}};
      const theirs = m.makeBackup({cards: [card("a", "new", "2026-02-01"), card("c", "from backup", "2026-01-01")], cases: [], practice: {k: {at: "2026-01-02", values: {answer: 2}}}, widgets: {}});
      const ok = m.validateBackup(JSON.parse(JSON.stringify(theirs)));
      const merged = m.mergeBackup(mine, ok.data);
      const bad = m.validateBackup({format: "x", version: 2, cards: [{id: 1}], practice: []});
      console.log(JSON.stringify({problems: ok.problems, tags: merged.data.cards.map((c) => c.tag), answer: merged.data.practice.k.values.answer,
        added: merged.added, updated: merged.updated, bad: bad.problems.length, badData: bad.data === undefined,
        quote: m.quoteBetween("one  two three four", 1, 2)}));
    """)
    assert result["problems"] == []
    assert result["tags"] == ["new", "only here", "from backup"]
    assert result["answer"] == 1  # the browser's answer is newer than the backup's
    assert (result["added"], result["updated"]) == (1, 1)
    assert result["bad"] == 4 and result["badData"]
    assert result["quote"] == "two three"
