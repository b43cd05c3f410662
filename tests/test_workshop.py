"""The workshop's browser code agrees with the kit: the same kinds of claim, and backups that are
checked and merged without losing anything (model.mjs run under Node)."""

import json
import re
import subprocess

import needs
from conftest import ROOT

from debatekit.content import evidence

MODEL = ROOT / "assets" / "workshop" / "model.mjs"


def test_the_workshop_offers_the_kits_kinds_of_claim():
    text = MODEL.read_text(encoding="utf-8")
    kinds = json.loads(re.search(r"export const KINDS = (\[.*?\]);", text).group(1))
    assert kinds == list(evidence.KINDS)


def run_model():
    """What tests/js/workshop_model.mjs prints: model.mjs's results on a few backups."""
    script = ROOT / "tests" / "js" / "workshop_model.mjs"
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_backup_is_validated_and_merged_keeping_the_newer_change():
    needs.node()
    result = run_model()
    assert result["problems"] == []
    assert result["tags"] == ["new", "only here", "from backup"]
    assert result["answer"] == 1  # the browser's answer is newer than the backup's
    assert (result["added"], result["updated"]) == (1, 1)
    assert result["bad"] == 4 and result["badData"]
    assert result["quote"] == "two three"
