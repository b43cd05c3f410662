"""Scenario explorer and phased sequencing: two pure models, each repeated by ``widgets/scenarios.js``
so the widget works on the static book:

* :func:`consequences_in_play` — a consequence the article claims is *in play* when every measure
  in its ``all_of`` is chosen and none in its ``none_of`` is.
* :func:`unmet_preconditions` — for a reader's order of steps, the preconditions of each step
  that do not come before it.

The content they run on is loaded and checked by :mod:`debatekit.content.scenarios`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from debatekit.content.scenarios import Explorer, Sequencing, explorer, explorer_data, sequencing, steps_data


def _ids(kind: str, records: Sequence[Mapping], key: str) -> list[str]:
    ids = [r[key] for r in records]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{kind} id(s) {', '.join(dupes)} appear more than once")
    return ids


def consequences_in_play(
    selected: Sequence[str], measures: Sequence[Mapping], consequences: Sequence[Mapping]
) -> list[dict]:
    """For each consequence (in order): in play or not, which required measures are missing and
    which chosen measures rule it out. The reference for ``consequencesInPlay`` in scenarios.js."""
    known = set(_ids("measure", measures, "measure_id"))
    unknown = sorted({m for m in selected if m not in known})
    if unknown:
        raise ValueError(f"selected measure(s) {', '.join(unknown)} are not measures of the explorer")
    chosen = set(selected)
    out = []
    for c in consequences:
        for m in (*c["all_of"], *c["none_of"]):
            if m not in known:
                raise ValueError(f"consequence '{c['consequence_id']}' names unknown measure '{m}'")
        missing = [m for m in c["all_of"] if m not in chosen]
        blocked = [m for m in c["none_of"] if m in chosen]
        out.append(
            {
                "consequence_id": c["consequence_id"],
                "in_play": not missing and not blocked,
                "missing": missing,
                "blocked_by": blocked,
            }
        )
    return out


def unmet_preconditions(order: Sequence[str], steps: Sequence[Mapping]) -> dict:
    """Which preconditions of each step do not come before it in ``order`` (the reference for
    ``compute`` in scenarios.js). ``order`` must list every step exactly once.

    Returns ``{"unmet": {step: [precondition, ...]} in order, "blocked": [steps with any unmet]}``.
    """
    ids = _ids("step", steps, "step_id")
    known = set(ids)
    for s in steps:
        for p in s["preconditions"]:
            if p not in known or p == s["step_id"]:
                raise ValueError(f"step '{s['step_id']}' has precondition '{p}', which is not another step")
    if isinstance(order, str) or not all(isinstance(x, str) for x in order):
        raise ValueError("order must be a list of step ids")
    unknown = [x for x in order if x not in known]
    if unknown:
        raise ValueError(f"order names unknown step(s) {', '.join(unknown)}")
    repeated = sorted({x for x in order if list(order).count(x) > 1})
    if repeated:
        raise ValueError(f"order lists step(s) {', '.join(repeated)} more than once")
    missing = [x for x in ids if x not in order]
    if missing:
        raise ValueError(f"order leaves out step(s) {', '.join(missing)}; place every step once")
    position = {x: k for k, x in enumerate(order)}
    pre = {s["step_id"]: s["preconditions"] for s in steps}
    unmet = {x: [p for p in pre[x] if position[p] > position[x]] for x in order}
    return {"unmet": unmet, "blocked": [x for x in order if unmet[x]]}


def in_play(selected: Sequence[str], ex: Explorer | None = None) -> pd.DataFrame:
    """Every consequence with whether the chosen measures put it in play, and why not."""
    ex = ex or explorer()
    data = explorer_data(ex)
    status = consequences_in_play(selected, data["measures"], data["consequences"])
    rows = [{**c, **s} for c, s in zip(data["consequences"], status, strict=True)]
    table = pd.DataFrame(rows).set_index("consequence_id")
    return table[["scenario", "kind", "claimant", "claim", "card_ids", "in_play", "missing", "blocked_by"]]


def sequence_table(order: Sequence[str] | None = None, seq: Sequencing | None = None) -> pd.DataFrame:
    """The steps in ``order`` (default: the start order) with their phase and unmet preconditions."""
    seq = seq or sequencing()
    order = list(order or seq.start_order)
    result = unmet_preconditions(order, steps_data(seq))
    by_id = {s.step_id: s for s in seq.steps}
    rows = [
        {"position": k + 1, "step_id": x, "label": by_id[x].label, "phase": by_id[x].phase,
         "preconditions": list(by_id[x].preconditions), "unmet": result["unmet"][x]}
        for k, x in enumerate(order)
    ]  # fmt: skip
    return pd.DataFrame(rows).set_index("step_id")
