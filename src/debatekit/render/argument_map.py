"""A chapter's argument map drawn as boxes and arrows: claim → warrants → impacts, one band per strand.

Roles differ by border colour and by line style (solid, dashed, dotted), so no reading depends on
colour; each box names the cards it rests on.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from debatekit.content import chapters, evidence
from debatekit.render.chart import OKABE_ITO, Chart, data_frame, tint

ROLE_STYLE = {
    "claim": (OKABE_ITO["blue"], "-"),
    "warrant": (OKABE_ITO["orange"], "--"),
    "impact": (OKABE_ITO["green"], ":"),
}
_WRAP, _BOX_W, _GAP_X, _LINE = 38, 3.0, 0.7, 1.0


def _box_lines(role: str, label: str, point: chapters.Point) -> list[str]:
    ids = ", ".join(c.split("-")[1] for c in point.cards)
    return [f"{role.upper()} {label}", *textwrap.wrap(point.text, _WRAP), f"cards {ids}"]


def argument_diagram(article_id: str) -> Chart:
    """The chapter's argument map as boxes and arrows: claim → warrants → impacts, one band per strand."""
    ch = chapters.chapter(article_id)
    columns = {"claim": 0.0, "warrant": _BOX_W + _GAP_X, "impact": 2 * (_BOX_W + _GAP_X)}
    placed = []  # (role, x, y_top, height, lines, strand index)
    y = 1.6
    for n, strand in enumerate(ch.argument, 1):
        stacks = {
            "claim": [("claim", f"{n}", strand.claim)],
            "warrant": [("warrant", f"{n}{chr(96 + i)}", w) for i, w in enumerate(strand.warrants, 1)],
            "impact": [("impact", f"{n}{chr(96 + i)}", p) for i, p in enumerate(strand.impacts, 1)],
        }
        heights = {
            col: [len(_box_lines(r, lab, pt)) * _LINE + 0.9 for r, lab, pt in items]
            for col, items in stacks.items()
        }
        totals = {col: sum(h) + 0.4 * (len(h) - 1) for col, h in heights.items()}
        band = max(totals.values())
        for col, items in stacks.items():
            top = y + (band - totals[col]) / 2
            for (role, label, point), h in zip(items, heights[col], strict=True):
                placed.append((role, columns[col], top, h, _box_lines(role, label, point), n))
                top += h + 0.4
        y += band + 1.2
    height_units = y
    fig = Figure(figsize=(11, max(3.0, height_units * 0.16)), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-0.1, 3 * _BOX_W + 2 * _GAP_X + 0.1)
    ax.set_ylim(height_units, 0)
    ax.axis("off")
    headings = {
        "claim": "CLAIM: what the article asserts",
        "warrant": "WARRANT: why, per the article",
        "impact": "IMPACT: why it matters",
    }
    for col, x in columns.items():
        ax.text(x + _BOX_W / 2, 0.6, headings[col], ha="center", va="center", fontsize=10, fontweight="bold")
    centres: dict[tuple[int, str], list[tuple[float, float]]] = {}
    for role, x, top, h, lines, n in placed:
        colour, style = ROLE_STYLE[role]
        ax.add_patch(
            FancyBboxPatch(
                (x, top),
                _BOX_W,
                h,
                boxstyle="round,pad=0.02,rounding_size=0.15",
                facecolor=tint(colour),
                edgecolor=colour,
                linewidth=1.8,
                linestyle=style,
            )
        )
        ax.text(x + 0.12, top + 0.3, lines[0], ha="left", va="top", fontsize=8.5, fontweight="bold")
        ax.text(
            x + 0.12,
            top + 0.3 + _LINE,
            "\n".join(lines[1:-1]),
            ha="left",
            va="top",
            fontsize=8.5,
            linespacing=1.25,
        )
        ax.text(
            x + _BOX_W - 0.12, top + h - 0.2, lines[-1], ha="right", va="bottom", fontsize=7.5, color="0.25"
        )
        centres.setdefault((n, role), []).append((x, top + h / 2))
    arrow = {"arrowstyle": "-|>", "mutation_scale": 12, "color": "0.2", "linewidth": 1.2}
    for n in range(1, len(ch.argument) + 1):
        ((cx, cy),) = centres[(n, "claim")]
        for wx, wy in centres[(n, "warrant")]:
            ax.add_patch(FancyArrowPatch((cx + _BOX_W, cy), (wx, wy), **arrow))
        jx = columns["warrant"] + _BOX_W + _GAP_X / 2
        jy = sum(wy for _, wy in centres[(n, "warrant")]) / len(centres[(n, "warrant")])
        for wx, wy in centres[(n, "warrant")]:
            ax.plot([wx + _BOX_W, jx], [wy, jy], color="0.2", linewidth=1.2)
        for ix, iy in centres[(n, "impact")]:
            ax.add_patch(FancyArrowPatch((jx, jy), (ix, iy), **arrow))
    title = f"The argument of {article_id} mapped: claims, warrants, impacts (our wording; cards cited)"
    ax.set_title(title, fontsize=11, loc="left")
    data = data_frame(
        [
            {
                "label": pt.text,
                "value": None,
                "low": None,
                "high": None,
                "unit": role,
                "cards": list(pt.cards),
                "paragraphs": sorted({evidence.card(c)["paragraph_id"] for c in pt.cards}),
                "derived": False,
                "note": f"strand {n}",
            }
            for n, s in enumerate(ch.argument, 1)
            for role, pt in [
                ("claim", s.claim),
                *[("warrant", w) for w in s.warrants],
                *[("impact", i) for i in s.impacts],
            ]
        ]
    )
    claims = "; ".join(f"{n}) {s.claim.text}" for n, s in enumerate(ch.argument, 1))
    alt = (
        f"Argument map of {article_id}: {len(ch.argument)} strands of boxes joined by arrows, each running "
        f"from a claim (solid blue border) to its warrants (dashed orange) and on to its impacts (dotted "
        f"green). The claims: {claims}. The table above lists every box with the article's words."
    )
    caption = (
        f"**Figure: {title}.** Each box names the cards it rests on (`c04` is card `{article_id}-c04`); "
        "the table above gives their quotes and paragraphs. The wording in the boxes is ours."
    )
    return Chart(f"{article_id}-argument", title, fig, data, alt, caption)
