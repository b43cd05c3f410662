"""The chapters' figures: charts of the numbers the articles state, and argument-map diagrams.

What each chart plots, its title, labels, alt text and caption live in ``data/figures.yml``; this
module only draws them. Every number drawn comes from an evidence card, as the article states it; a
number we derive (a ``derived`` formula over the cards' numbers) is drawn hatched and labelled
"derived". Colours are Okabe–Ito and every series also differs by hatching or a direct label. A
:class:`Chart` carries its figure, the plotted numbers with their sources, alt text and a Markdown
caption linking the paragraphs; notebooks show one with :func:`show`.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import PIL.Image
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from debatekit.content import chapters, corpus, evidence, figure_specs
from debatekit.render.links import anchor_link

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: Hatching for derived numbers and for targets (goals, pledges), so no reading depends on colour.
DERIVED_HATCH, TARGET_HATCH = "xx", "//"
DATA_COLUMNS = ["label", "value", "low", "high", "unit", "cards", "paragraphs", "derived", "note"]
#: The widest the book shows a figure, in CSS pixels (the theme's content column, 1280 px windows
#: and up): charts are drawn that wide, so a page sends no pixels the browser scales away.
SHOWN_WIDTH_PX = 790


@dataclass(frozen=True)
class Chart:
    """A figure with what it plots (``data``: one row per number, sources and whether derived),
    its alt text and a Markdown caption that links the paragraphs it draws on."""

    name: str
    title: str
    figure: Figure
    data: pd.DataFrame
    alt: str
    caption: str

    def png(self) -> bytes:
        """The figure as a PNG :data:`SHOWN_WIDTH_PX` wide in a 256-colour palette: a chart has few
        colours, so it looks the same at a fraction of the bytes (an argument map: 107 kB, not 572 kB).
        A PNG rather than an SVG: its text-heavy SVG takes the browser's main thread a second to lay out."""
        buffer = io.BytesIO()
        dpi = SHOWN_WIDTH_PX / self.figure.get_size_inches()[0]
        self.figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
        image = PIL.Image.open(buffer).convert("RGB")
        palette = image.quantize(256, method=PIL.Image.Quantize.MEDIANCUT, dither=PIL.Image.Dither.NONE)
        out = io.BytesIO()
        palette.save(out, format="png", optimize=True)
        return out.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()


def _tint(colour: str, amount: float = 0.82) -> tuple[float, float, float]:
    """``colour`` mixed with white (for box fills that keep black text readable)."""
    return tuple(c + (1 - c) * amount for c in to_rgb(colour))


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=DATA_COLUMNS)


def _sources(data: pd.DataFrame) -> list[str]:
    return sorted({p for ps in data["paragraphs"] for p in ps})


def _caption(title: str, data: pd.DataFrame, note: str) -> str:
    links = ", ".join(anchor_link(p) for p in _sources(data))
    return f"**Figure: {title}.** Sources: {links}. {note}"


def _label_bars(ax, bars, texts: list[str], horizontal: bool = False) -> None:
    for bar, text in zip(bars, texts, strict=True):
        if horizontal:
            ax.annotate(
                text,
                (bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
        else:
            ax.annotate(
                text,
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=9,
            )


def _plain(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --- charts of stated numbers (specs in data/figures.yml) ------------------------------------------


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
    return _frame(rows)


def _finish(spec: figure_specs.FigureSpec, fig: Figure, data: pd.DataFrame) -> Chart:
    title = spec.title
    note = spec.text(spec["note"])
    return Chart(spec.name, title, fig, data, spec.text(spec["alt"]), _caption(title, data, note))


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
        _label_bars(ax, bars, [spec.text(r["text"]) for r in rows])
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
                _label_bars(ax, bar, [spec.text(row["text"])], horizontal=True)
        ax.set_yticks(y, data["label"])
        ax.set_xlabel(axis["label"])
        ax.set_xlim(0, spec.value(axis["max"]))
    ax.set_title(spec.title, fontsize=11)
    _plain(ax)
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
    _label_bars(left, bars, [spec.text(b["text"]) for b in counts["bars"]])
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
        _plain(ax)
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
    _plain(ax)
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
    _label_bars(ax, ones, [base["text"]] * len(groups))
    _label_bars(ax, mine, [spec.text(g["text"]) for g in groups])
    ax.set_xticks(x, [g["tick"] for g in groups])
    ax.set_ylabel(spec["axis"]["label"])
    ax.set_ylim(0, spec.value(spec["axis"]["max"]))
    ax.legend(loc="upper right", frameon=False)
    ax.set_title(spec.title, fontsize=11)
    _plain(ax)
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
    data = _frame(rows)
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
    _plain(ax)
    parts = [
        f"{a}: " + ", ".join(f"{counts.loc[a, k]} {k}" for k in counts.columns if counts.loc[a, k])
        for a in counts.index
    ]
    alt = spec.text(spec["alt"]) + " " + "; ".join(parts) + "."
    note = spec.text(spec["note"])
    caption = f"**Figure: {title}.** Source: the kit's evidence cards (`evidence.cards()`). {note}"
    return Chart(spec.name, title, fig, data, alt, caption)


def _timeline(spec: figure_specs.FigureSpec) -> Chart:
    """The dated events the articles state, in order, each marked with the article that dates it."""
    events = chapters.timeline()
    data = _frame(
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
    return Chart(spec.name, title, fig, data, alt, _caption(title, data, spec.text(spec["note"])))


# --- argument maps ---------------------------------------------------------------------------------

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
                facecolor=_tint(colour),
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
    data = _frame(
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


#: How each layout of ``data/figures.yml`` is drawn.
LAYOUTS: dict[str, Callable[[figure_specs.FigureSpec], Chart]] = {
    "bars": _bars,
    "counts-and-rates": _counts_and_rates,
    "part-of-whole": _part_of_whole,
    "ratios": _ratios,
    "claim-kinds": _claim_kinds,
    "timeline": _timeline,
}


def figure_names() -> set[str]:
    """Every chart a chapter can list under ``figures`` in chapters.yml (the specs in figures.yml)."""
    return set(figure_specs.figures())


def chart(name: str) -> Chart:
    """A chart by name: a spec of figures.yml, or ``<article id>-argument`` for a chapter's argument map."""
    specs = figure_specs.figures()
    if name in specs:
        return LAYOUTS[specs[name].layout](specs[name])
    if name.endswith("-argument"):
        return argument_diagram(name.removesuffix("-argument"))
    raise KeyError(f"no chart {name!r}; charts are {sorted(specs)} and <article id>-argument")


def show(name: str, display: Callable | None = None) -> None:
    """Display a chart in a notebook as a PNG image followed by its Markdown caption (works whatever
    the matplotlib backend, so the book shows the figure even when built with ``MPLBACKEND=Agg``)."""
    from IPython.display import Image, Markdown
    from IPython.display import display as ipython_display

    out = display or ipython_display
    c = chart(name)
    out(Image(data=c.png(), format="png"))
    out(Markdown(c.caption))


def charts_for(article_id: str) -> list[str]:
    """The chart names a chapter shows: its listed figures, then its argument map."""
    return [*chapters.chapter(article_id).figures, f"{article_id}-argument"]
