"""The charts of the numbers the articles state, drawn from their specs in ``data/figures.yml``.

What each chart plots, its title, labels, alt text and caption live in the spec; this only draws
them. Every number drawn comes from an evidence card, as the article states it; a number we derive
(a ``derived`` formula over the cards' numbers) is drawn hatched and labelled "derived".
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure

from debatekit.content import chapters, corpus, evidence, figure_specs
from debatekit.render.chart import (
    DERIVED_HATCH,
    OKABE_ITO,
    TARGET_HATCH,
    Chart,
    caption,
    data_frame,
    label_bars,
    plain_axes,
)


def _hatch(name: str | None) -> str:
    return {"derived": DERIVED_HATCH, "target": TARGET_HATCH}.get(name or "", name or "")


def _data(spec: figure_specs.FigureSpec) -> pd.DataFrame:
    """The chart's plotted numbers, one row each, with their cards, paragraphs and whether derived."""
    rows = []
    for row in spec["rows"]:
        n = spec.numbers[row["number"]]
        rows.append(
            {
                "label": row["label"],
                "value": n.value,
                "low": None if n.derived or n.low is None else float(n.low),
                "high": None if n.derived or n.high is None else float(n.high),
                "unit": n.unit,
                "cards": list(n.cards),
                "paragraphs": sorted({evidence.card(c)["paragraph_id"] for c in n.cards}),
                "derived": n.derived,
                "note": n.note if n.derived else row.get("note", ""),
            }
        )
    return data_frame(rows)


def _finish(spec: figure_specs.FigureSpec, fig: Figure, data: pd.DataFrame) -> Chart:
    title = spec.title
    note = spec.text(spec["note"])
    return Chart(spec.name, title, fig, data, spec.text(spec["alt"]), caption(title, data, note))


def _bars(spec: figure_specs.FigureSpec) -> Chart:
    """One bar per row, vertical or horizontal; a range is drawn from its low to its high end, a lower
    bound as an arrow past its bar."""
    data = _data(spec)
    rows = spec["rows"]
    numbers = [spec.numbers[r["number"]] for r in rows]
    fig = Figure(figsize=tuple(spec["size"]), layout="constrained")
    ax = fig.add_subplot()
    axis = spec["axis"]
    if spec["orientation"] == "vertical":
        bars = ax.bar(data["label"], data["value"], color=[OKABE_ITO[r["colour"]] for r in rows],
                      hatch=[_hatch(r.get("hatch")) for r in rows], edgecolor="black")  # fmt: skip
        label_bars(ax, bars, [spec.text(r["text"]) for r in rows])
        ax.set_ylabel(axis["label"])
        ax.set_ylim(0, spec.value(axis["max"]))
        if axis.get("thousands"):
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    else:
        y = list(range(len(rows)))[::-1]
        for yi, row, n in zip(y, rows, numbers, strict=True):
            style = {
                "color": OKABE_ITO[row["colour"]],
                "hatch": _hatch(row.get("hatch")),
                "edgecolor": "black",
            }
            if n.value is None:
                bar = ax.barh(yi, n.high - n.low, left=n.low, **style)
            else:
                bar = ax.barh(yi, float(n), **style)
            if row.get("lower_bound"):
                ax.annotate(
                    "", xy=(n + 4, yi), xytext=(n, yi), arrowprops={"arrowstyle": "->", "color": "black"}
                )
                ax.text(n + 4.5, yi, spec.text(row["text"]), va="center", fontsize=9)
            else:
                label_bars(ax, bar, [spec.text(row["text"])], horizontal=True)
        ax.set_yticks(y, data["label"])
        ax.set_xlabel(axis["label"])
        ax.set_xlim(0, spec.value(axis["max"]))
    ax.set_title(spec.title, fontsize=11)
    plain_axes(ax)
    return _finish(spec, fig, data)


def _counts_and_rates(spec: figure_specs.FigureSpec) -> Chart:
    """Two panels: counts as bars, and rates as bars out of 100 with the derived remainder hatched."""
    data = _data(spec)
    fig = Figure(figsize=tuple(spec["size"]), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.2])
    counts, rates = spec["counts"], spec["rates"]
    bars = left.bar(
        [b["tick"] for b in counts["bars"]],
        [float(spec.numbers[b["number"]]) for b in counts["bars"]],
        color=[OKABE_ITO[b["colour"]] for b in counts["bars"]],
        hatch=[_hatch(b.get("hatch")) for b in counts["bars"]],
        edgecolor="black",
    )
    label_bars(left, bars, [spec.text(b["text"]) for b in counts["bars"]])
    left.set_ylim(0, spec.value(counts["axis"]["max"]))
    left.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    left.set_ylabel(counts["axis"]["label"])
    left.set_title(counts["title"], fontsize=10)
    kinds = [b["tick"] for b in rates["bars"]]
    values = [float(spec.numbers[b["number"]]) for b in rates["bars"]]
    rests = [float(spec.numbers[b["rest"]]) for b in rates["bars"]]
    right.barh(kinds, values, color=[OKABE_ITO[b["colour"]] for b in rates["bars"]],
               hatch=[_hatch(b.get("hatch")) for b in rates["bars"]], edgecolor="black")  # fmt: skip
    right.barh(kinds, rests, left=values, color="white", hatch=DERIVED_HATCH, edgecolor="0.35")
    for i, (rate, rest) in enumerate(zip(values, rests, strict=True)):
        right.text(rate / 2, i, spec.text(rates["text"], rate=rate), ha="center", va="center", fontsize=9,
                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})  # fmt: skip
        right.text(102, i, spec.text(rates["rest_text"], rest=rest), ha="left", va="center", fontsize=8.5,
                   clip_on=False)  # fmt: skip
    right.set_xlim(0, 100)
    right.set_xlabel(rates["axis"]["label"])
    right.set_title(rates["title"], fontsize=10)
    for ax in (left, right):
        plain_axes(ax)
    fig.suptitle(spec.title, fontsize=11)
    return _finish(spec, fig, data)


def _part_of_whole(spec: figure_specs.FigureSpec) -> Chart:
    """One bar of a total: the part the article states, and the derived rest hatched beside it."""
    data = _data(spec)
    rest_row, part_row, total_row = spec["rest"], spec["part"], spec["total"]
    total = float(spec.numbers[spec["rows"][0]["number"]])
    part = float(spec.numbers[spec["rows"][1]["number"]])
    rest = float(spec.numbers[spec["rows"][2]["number"]])
    fig = Figure(figsize=tuple(spec["size"]), layout="constrained")
    ax = fig.add_subplot()
    ax.barh([0], [rest], color=OKABE_ITO[rest_row["colour"]], hatch=DERIVED_HATCH, edgecolor="black")
    ax.barh([0], [part], left=[rest], color=OKABE_ITO[part_row["colour"]], edgecolor="black")
    ax.text(rest / 2, 0, spec.text(rest_row["text"]), ha="center", va="center", fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})  # fmt: skip
    ax.text(rest + part / 2, 0, spec.text(part_row["text"]), ha="center", va="center", fontsize=9,
            color="white", fontweight="bold")  # fmt: skip
    ax.annotate(spec.text(total_row["text"]), (total, 0.45), xytext=(0, 4), textcoords="offset points",
                ha="right", fontsize=9)  # fmt: skip
    ax.set_yticks([])
    ax.set_xlim(0, total * 1.05)
    ax.set_ylim(-0.6, 0.8)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlabel(spec["axis"]["label"])
    ax.set_title(spec.title, fontsize=11)
    plain_axes(ax)
    return _finish(spec, fig, data)


def _ratios(spec: figure_specs.FigureSpec) -> Chart:
    """Ratios against a baseline set to 1: a baseline bar and the series' bar for each group."""
    data = _data(spec)
    base, series, groups = spec["baseline"], spec["series"], spec["groups"]
    fig = Figure(figsize=tuple(spec["size"]), layout="constrained")
    ax = fig.add_subplot()
    x = list(range(len(groups)))
    ones = ax.bar([i - 0.2 for i in x], [1] * len(groups), width=0.4, color=OKABE_ITO[base["colour"]],
                  edgecolor="black", label=base["legend"])  # fmt: skip
    mine = ax.bar([i + 0.2 for i in x], [float(spec.numbers[g["number"]]) for g in groups], width=0.4,
                  color=OKABE_ITO[series["colour"]], hatch=_hatch(series.get("hatch")), edgecolor="black",
                  label=series["legend"])  # fmt: skip
    label_bars(ax, ones, [base["text"]] * len(groups))
    label_bars(ax, mine, [spec.text(g["text"]) for g in groups])
    ax.set_xticks(x, [g["tick"] for g in groups])
    ax.set_ylabel(spec["axis"]["label"])
    ax.set_ylim(0, spec.value(spec["axis"]["max"]))
    ax.legend(loc="upper right", frameon=False)
    ax.set_title(spec.title, fontsize=11)
    plain_axes(ax)
    return _finish(spec, fig, data)


def _claim_kinds(spec: figure_specs.FigureSpec) -> Chart:
    """How each article's cards divide among the kinds of claim (our classification of the cards)."""
    cards = evidence.cards()
    counts = pd.crosstab(cards["article_id"], cards["kind"]).reindex(
        columns=list(evidence.KINDS), fill_value=0
    )
    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    rows = [
        {
            "label": f"{a}: {k}",
            "value": float(counts.loc[a, k]),
            "low": None,
            "high": None,
            "unit": "cards",
            "cards": list(cards.loc[(cards.article_id == a) & (cards.kind == k), "card_id"]),
            "paragraphs": [],
            "derived": True,
            "note": "our classification of the cards",
        }
        for a in counts.index
        for k in counts.columns
    ]
    data = data_frame(rows)
    title = spec.title
    fig = Figure(figsize=tuple(spec["size"]), layout="constrained")
    ax = fig.add_subplot()
    colours = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple")]
    hatches = ["", "//", "..", "xx", "\\\\"]
    y = list(range(len(shares)))[::-1]
    left = [0.0] * len(shares)
    for kind, colour, hatch in zip(shares.columns, colours, hatches, strict=True):
        ax.barh(y, shares[kind], left=left, color=colour, hatch=hatch, edgecolor="black", label=kind)
        for yi, start, share, n in zip(y, left, shares[kind], counts[kind], strict=True):
            if share >= 8:
                ax.text(
                    start + share / 2,
                    yi,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=9,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                )
        left = [a + b for a, b in zip(left, shares[kind], strict=True)]
    ax.set_yticks(y, [f"{a} ({counts.loc[a].sum()} cards)" for a in shares.index])
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the article's cards (numbers in the bars are counts)")
    ax.legend(ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False, fontsize=9)
    ax.set_title(title, fontsize=11)
    plain_axes(ax)
    parts = [
        f"{a}: " + ", ".join(f"{counts.loc[a, k]} {k}" for k in counts.columns if counts.loc[a, k])
        for a in counts.index
    ]
    alt = spec.text(spec["alt"]) + " " + "; ".join(parts) + "."
    note = spec.text(spec["note"])
    claim_caption = f"**Figure: {title}.** Source: the kit's evidence cards (`evidence.cards()`). {note}"
    return Chart(spec.name, title, fig, data, alt, claim_caption)


def _timeline(spec: figure_specs.FigureSpec) -> Chart:
    """The dated events the articles state, in order, each marked with the article that dates it."""
    events = chapters.timeline()
    data = data_frame(
        [
            {
                "label": e.event,
                "value": None,
                "low": None,
                "high": None,
                "unit": "date",
                "cards": [],
                "paragraphs": [e.paragraph],
                "derived": False,
                "note": e.date,
            }
            for e in events
        ]
    )
    title = spec.title
    markers = {article: (marker, OKABE_ITO[colour]) for article, (marker, colour) in spec["markers"].items()}
    fig = Figure(figsize=(8.5, 0.45 * len(events) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    n = len(events)
    ax.plot([0, 0], [-0.3, n - 0.7], color="0.5", lw=1.5)
    for i, e in enumerate(events):
        yi = n - 1 - i
        marker, colour = markers[corpus.paragraph(e.paragraph).article_id]
        ax.plot(0, yi, marker=marker, color=colour, markersize=9, markeredgecolor="black")
        ax.text(-0.08, yi, e.date, ha="right", va="center", fontsize=9, fontweight="bold")
        ax.text(0.08, yi, f"{e.event} ({e.paragraph})", ha="left", va="center", fontsize=9)
    ax.set_xlim(-1.3, 4.2)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axis("off")
    ax.set_title(title, fontsize=11)
    alt = (
        "Timeline, earliest at the top: "
        + "; ".join(f"{e.date}, {e.event} ({e.paragraph})" for e in events)
        + "."
    )
    return Chart(spec.name, title, fig, data, alt, caption(title, data, spec.text(spec["note"])))


#: How each layout of ``data/figures.yml`` is drawn.
LAYOUTS: dict[str, Callable[[figure_specs.FigureSpec], Chart]] = {
    "bars": _bars,
    "counts-and-rates": _counts_and_rates,
    "part-of-whole": _part_of_whole,
    "ratios": _ratios,
    "claim-kinds": _claim_kinds,
    "timeline": _timeline,
}
