"""The chapters' figures: charts of the numbers the articles state, and argument-map diagrams.

Every number drawn comes from an evidence card, as the article states it; a number we derive
(Russia's shell output from "one-fifth", the share of drones not intercepted) is drawn hatched and
labelled "derived". Colours are Okabe–Ito and every series also differs by hatching or a direct
label. A :class:`Chart` carries its figure, the plotted numbers with their sources, alt text and a
Markdown caption linking the paragraphs; notebooks show one with :func:`show`.
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

from debatekit import chapters, evidence

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


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _row(
    label: str, card_ids: list[str], derived: float | None = None, unit: str = "", note: str = ""
) -> dict:
    """One plotted number: as the first card states it, or ``derived`` from the cards (our arithmetic)."""
    cards = [evidence.card(c) for c in card_ids]
    stated = derived is None
    return {
        "label": label,
        "value": cards[0]["value"] if stated else derived,
        "low": cards[0]["low"] if stated else None,
        "high": cards[0]["high"] if stated else None,
        "unit": cards[0]["unit"] if stated else unit,
        "cards": card_ids,
        "paragraphs": sorted({c["paragraph_id"] for c in cards}),
        "derived": not stated,
        "note": note,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=DATA_COLUMNS)


def _sources(data: pd.DataFrame) -> list[str]:
    return sorted({p for ps in data["paragraphs"] for p in ps})


def _caption(title: str, data: pd.DataFrame, note: str) -> str:
    links = ", ".join(chapters.para_link(p) for p in _sources(data))
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


# --- charts of stated numbers ----------------------------------------------------------------------


def shell_output() -> Chart:
    """a000's artillery figures: Europe's output, Russia's (derived from "one-fifth") and the 2027 goal."""
    europe, share, goal = (evidence.card(c) for c in ("a000-c27", "a000-c28", "a000-c31"))
    russia = europe["value"] * 100 / share["value"]
    data = _frame(
        [
            _row("Europe's output", ["a000-c27"]),
            _row(
                "Russia's output (derived)",
                ["a000-c27", "a000-c28"],
                russia,
                unit="artillery shells per month",
                note=f"{_fmt(europe['value'])} is 'one-fifth of Russia's output', so Russia's is "
                f"{_fmt(europe['value'])} × 5",
            ),
            _row("Europe's goal for 2027", ["a000-c31"]),
        ]
    )
    title = "Artillery shells per month as a000 states them (a000-p27, a000-p30)"
    fig = Figure(figsize=(8, 4.2), layout="constrained")
    ax = fig.add_subplot()
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]]
    hatches = ["", DERIVED_HATCH, TARGET_HATCH]
    bars = ax.bar(data["label"], data["value"], color=colours, hatch=hatches, edgecolor="black")
    _label_bars(
        ax,
        bars,
        [
            f"{_fmt(europe['value'])}\n(stated, a000-p27)",
            f"{_fmt(russia)}\n(derived: {_fmt(europe['value'])} × 5)",
            f"{_fmt(goal['value'])}\n(goal, a000-p30)",
        ],
    )
    ax.set_ylabel("artillery shells per month")
    ax.set_ylim(0, goal["value"] * 1.25)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_title(title, fontsize=11)
    _plain(ax)
    alt = (
        f"Bar chart of artillery shells per month. Europe's output, stated in a000-p27: "
        f"{_fmt(europe['value'])}. Russia's output, derived by us from the article's 'one-fifth': "
        f"{_fmt(russia)} (hatched). Europe's goal for 2027, stated in a000-p30: {_fmt(goal['value'])} "
        "(striped). The goal is twice the derived Russian figure."
    )
    note = (
        "The article gives Europe's output and says it is “one-fifth of Russia’s output” "
        f"([a000-p27](#a000-p27)); the Russian bar ({_fmt(russia)}) is our arithmetic, drawn hatched. "
        "The article dates neither the current figures nor Russia's; the goal is for 2027."
    )
    return Chart("a000-shells", title, fig, data, alt, _caption(title, data, note))


def dollar_figures() -> Chart:
    """a000's annual dollar figures on one scale; the sanctions-relief range is drawn as a range."""
    data = _frame(
        [
            _row("US: saved by halting military aid to Ukraine", ["a000-c04"]),
            _row("Germany: annual aid pledge to Ukraine", ["a000-c25"]),
            _row("Russia: value of conditional sanctions relief", ["a000-c13"]),
            _row("Europe: raised by meeting NATO's 3% target", ["a000-c30"]),
        ]
    )
    title = "US$ billion a year, as a000 states them (a000-p07, -p15, -p25, -p29)"
    fig = Figure(figsize=(8.5, 3.8), layout="constrained")
    ax = fig.add_subplot()
    colours = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["vermillion"], OKABE_ITO["green"]]
    hatches = ["", TARGET_HATCH, "", ""]
    y = list(range(len(data)))[::-1]
    texts = []
    for yi, row, colour, hatch in zip(y, data.itertuples(), colours, hatches, strict=True):
        if pd.isna(row.value):
            bar = ax.barh(yi, row.high - row.low, left=row.low, color=colour, hatch=hatch, edgecolor="black")
            texts.append(
                (bar, f"{_fmt(row.low)}–{_fmt(row.high)} (a range; the article gives no single value)")
            )
        else:
            bar = ax.barh(yi, row.value, color=colour, hatch=hatch, edgecolor="black")
            texts.append((bar, f"{_fmt(row.value)} ({row.paragraphs[0]})"))
    for bar, text in texts:
        _label_bars(ax, bar, [text], horizontal=True)
    ax.set_yticks(y, data["label"])
    ax.set_xlabel("US$ billion per year")
    ax.set_xlim(0, data["value"].max() * 1.5)
    ax.set_title(title, fontsize=11)
    _plain(ax)
    parts = []
    for row in data.itertuples():
        amount = f"{_fmt(row.low)} to {_fmt(row.high)}" if pd.isna(row.value) else _fmt(row.value)
        parts.append(f"{row.label}, {amount} ({row.paragraphs[0]})")
    alt = (
        "Horizontal bar chart of four annual dollar figures from a000, in US$ billion: "
        + "; ".join(parts)
        + ". The sanctions-relief figure is a range, drawn from its low to its high end."
    )
    note = (
        "Four different flows on one scale, to compare orders of magnitude only: the article does not "
        "say they trade off one for one. Germany's figure is a pledge (striped); the sanctions-relief "
        "figure is a range the article gives, so we draw the range and no midpoint."
    )
    return Chart("a000-dollars", title, fig, data, alt, _caption(title, data, note))


def nato_spending() -> Chart:
    """Defence spending as a share of GDP across a000 and a004: targets (striped) and levels (solid)."""
    data = _frame(
        [
            _row("NATO target, as a000 gives it", ["a000-c29"]),
            _row("NATO target for 2035, agreed June 2025 (a004)", ["a004-c47"]),
            _row("Spain's commitment (a004)", ["a004-c48"]),
            _row("Poland's spending in 2025 (a004)", ["a004-c49"]),
        ]
    )
    title = "Defence spending, % of GDP: a000-p29 against a004-p08"
    fig = Figure(figsize=(8.5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    colours = [OKABE_ITO["sky"], OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"]]
    hatches = [TARGET_HATCH, TARGET_HATCH, TARGET_HATCH, ""]
    y = list(range(len(data)))[::-1]
    bars = ax.barh(y, data["value"], color=colours, hatch=hatches, edgecolor="black")
    _label_bars(
        ax,
        bars,
        [f"{v:g}% ({p[0]})" for v, p in zip(data["value"], data["paragraphs"], strict=True)],
        horizontal=True,
    )
    ax.set_yticks(y, data["label"])
    ax.set_xlabel("% of GDP")
    ax.set_xlim(0, 6.5)
    ax.set_title(title, fontsize=11)
    _plain(ax)
    alt = (
        "Horizontal bar chart of defence spending as a share of GDP: "
        + "; ".join(f"{r.label}, {r.value:g}% ({r.paragraphs[0]})" for r in data.itertuples())
        + ". Targets and commitments are striped; Poland's actual spending is solid."
    )
    note = (
        "Striped bars are targets or commitments, the solid bar is spending the article reports. a000 "
        "states a 3% target without a date; a004 reports the 5%-by-2035 agreement of June 2025. Neither "
        "article says whether the two targets measure the same thing, so read the gap with care. a000 "
        "also gives Ukraine's defence spending, 40% of GDP ([a000-p24](#a000-p24)), off this scale."
    )
    return Chart("nato-spending", title, fig, data, alt, _caption(title, data, note))


def air_defence() -> Chart:
    """a004's air-war figures: launches since the invasion began, and July 2025 interception rates."""
    missiles, drones, drone_rate, missile_rate = (
        evidence.card(c) for c in ("a004-c13", "a004-c14", "a004-c15", "a004-c16")
    )
    data = _frame(
        [
            _row("missiles launched since the invasion began", ["a004-c13"]),
            _row("drone attacks since the invasion began", ["a004-c14"]),
            _row("drones intercepted or neutralised, July 2025", ["a004-c15"]),
            _row("missiles intercepted or neutralised, July 2025", ["a004-c16"]),
            _row(
                "drones not intercepted, July 2025 (derived)",
                ["a004-c15"],
                100 - drone_rate["value"],
                unit="percent",
                note="100 minus the stated rate",
            ),
            _row(
                "missiles not intercepted, July 2025 (derived)",
                ["a004-c16"],
                100 - missile_rate["value"],
                unit="percent",
                note="100 minus the stated rate",
            ),
        ]
    )
    title = "Russia's missiles and drones, and Ukraine's interception rates (a004-p03)"
    fig = Figure(figsize=(9.5, 3.9), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.2])
    colour = {"missiles": OKABE_ITO["blue"], "drones": OKABE_ITO["orange"]}
    hatch = {"missiles": "", "drones": ".."}
    bars = left.bar(
        ["missiles", "drone attacks"],
        [missiles["value"], drones["value"]],
        color=[colour["missiles"], colour["drones"]],
        hatch=[hatch["missiles"], hatch["drones"]],
        edgecolor="black",
    )
    _label_bars(left, bars, [f"about {_fmt(missiles['value'])}", f"nearly {_fmt(drones['value'])}"])
    left.set_ylim(0, drones["value"] * 1.2)
    left.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    left.set_ylabel("launched since the invasion began")
    left.set_title("Launched (count, per Ukraine's military)", fontsize=10)
    kinds = ["drones", "missiles"]
    rates = [drone_rate["value"], missile_rate["value"]]
    right.barh(
        kinds, rates, color=[colour[k] for k in kinds], hatch=[hatch[k] for k in kinds], edgecolor="black"
    )
    right.barh(
        kinds, [100 - r for r in rates], left=rates, color="white", hatch=DERIVED_HATCH, edgecolor="0.35"
    )
    for i, rate in enumerate(rates):
        right.text(
            rate / 2,
            i,
            f"{rate:g}% intercepted",
            ha="center",
            va="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
        )
        right.text(
            102,
            i,
            f"{100 - rate:g}% not\nintercepted\n(derived)",
            ha="left",
            va="center",
            fontsize=8.5,
            clip_on=False,
        )
    right.set_xlim(0, 100)
    right.set_xlabel("% of those launched in July 2025")
    right.set_title("Intercepted or neutralised, July 2025 only", fontsize=10)
    for ax in (left, right):
        _plain(ax)
    fig.suptitle(title, fontsize=11)
    alt = (
        f"Two-panel chart from a004-p03. Left: Russia has launched about {_fmt(missiles['value'])} missiles "
        f"and nearly {_fmt(drones['value'])} drone attacks at Ukraine since the invasion began, per "
        f"Ukraine's military. Right: in July 2025 about {drone_rate['value']:g}% of drones and "
        f"{missile_rate['value']:g}% of missiles were intercepted or neutralised; the remainders, "
        f"{100 - drone_rate['value']:g}% and {100 - missile_rate['value']:g}%, are derived by us."
    )
    note = (
        "The counts run from the start of the invasion; the rates are for July 2025 alone, so do not "
        "multiply one by the other. The article adds that “a substantial number of projectiles still "
        "manage to penetrate defenses” ([a004-p03](#a004-p03)). The hatched remainders are our "
        "arithmetic (100 minus the rate)."
    )
    return Chart("a004-air-defence", title, fig, data, alt, _caption(title, data, note))


def us_troops() -> Chart:
    """a004's US military personnel in Europe: the total and the part deployed after the 2022 invasion."""
    total, after = evidence.card("a004-c54"), evidence.card("a004-c55")
    before = total["value"] - after["value"]
    data = _frame(
        [
            _row("US military personnel in Europe", ["a004-c54"]),
            _row("deployed after the 2022 invasion", ["a004-c55"]),
            _row(
                "the rest (derived)",
                ["a004-c54", "a004-c55"],
                before,
                unit="US military personnel",
                note="the total minus those deployed after 2022",
            ),
        ]
    )
    title = "US military personnel in Europe, as a004 states them (a004-p10)"
    fig = Figure(figsize=(8.5, 2.4), layout="constrained")
    ax = fig.add_subplot()
    ax.barh([0], [before], color=OKABE_ITO["sky"], hatch=DERIVED_HATCH, edgecolor="black")
    ax.barh([0], [after["value"]], left=[before], color=OKABE_ITO["blue"], edgecolor="black")
    ax.text(
        before / 2,
        0,
        f"the rest: {_fmt(before)} (derived)",
        ha="center",
        va="center",
        fontsize=9,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
    )
    ax.text(
        before + after["value"] / 2,
        0,
        f"some {_fmt(after['value'])}\nsent after 2022",
        ha="center",
        va="center",
        fontsize=9,
        color="white",
        fontweight="bold",
    )
    ax.annotate(
        f"total approx. {_fmt(total['value'])}",
        (total["value"], 0.45),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
        fontsize=9,
    )
    ax.set_yticks([])
    ax.set_xlim(0, total["value"] * 1.05)
    ax.set_ylim(-0.6, 0.8)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlabel("US military personnel in Europe")
    ax.set_title(title, fontsize=11)
    _plain(ax)
    alt = (
        f"A single bar of about {_fmt(total['value'])} US military personnel in Europe (a004-p10), "
        f"split into some {_fmt(after['value'])} deployed after Russia's 2022 full-scale invasion "
        f"and the rest, {_fmt(before)}, derived by us by subtraction (hatched)."
    )
    note = (
        "The article gives the total and the post-2022 deployments; the remainder is our subtraction. "
        "The article does not say how many a “significant portion” ([a004-p10](#a004-p10)) would be."
    )
    return Chart("a004-us-troops", title, fig, data, alt, _caption(title, data, note))


def eu_us_ratios() -> Chart:
    """a001's ratios: EU trade with and investment in Russia against the US's, before the war (US = 1)."""
    trade, investment = evidence.card("a001-c11"), evidence.card("a001-c12")
    data = _frame(
        [
            _row("EU trade with Russia (US = 1)", ["a001-c11"]),
            _row("EU direct investment in Russia (US = 1)", ["a001-c12"]),
        ]
    )
    title = "Before the war: the EU's economic ties to Russia against the US's (a001-p06)"
    fig = Figure(figsize=(8, 3.8), layout="constrained")
    ax = fig.add_subplot()
    x = [0, 1]
    us = ax.bar(
        [i - 0.2 for i in x],
        [1, 1],
        width=0.4,
        color=OKABE_ITO["blue"],
        edgecolor="black",
        label="United States (set to 1)",
    )
    eu = ax.bar(
        [i + 0.2 for i in x],
        [trade["value"], investment["value"]],
        width=0.4,
        color=OKABE_ITO["orange"],
        hatch="..",
        edgecolor="black",
        label="European Union",
    )
    _label_bars(ax, us, ["US = 1", "US = 1"])
    _label_bars(ax, eu, [f"EU: {trade['value']:g}× the US", f"EU: {investment['value']:g}× the US"])
    ax.set_xticks(x, ["trade with Russia", "direct foreign investment in Russia"])
    ax.set_ylabel("relative to the US (US = 1)")
    ax.set_ylim(0, trade["value"] * 1.2)
    ax.legend(loc="upper right", frameon=False)
    ax.set_title(title, fontsize=11)
    _plain(ax)
    alt = (
        f"Grouped bar chart from a001-p06, with the United States set to 1: before the war the EU's trade "
        f"with Russia was {trade['value']:g} times the US's and its direct investment in Russia "
        f"{investment['value']:g} times the US's."
    )
    note = (
        "The article gives ratios, not amounts, so we set the US to 1 to draw them; no dollar values are "
        "implied. This is the evidence behind Legvold's point that “the EU is responsible for the "
        "sanctions relief that matters most to Moscow” ([a001-p06](#a001-p06))."
    )
    return Chart("a001-ratios", title, fig, data, alt, _caption(title, data, note))


def territory() -> Chart:
    """Ukraine's territory at stake as three articles put it: to cede (a000), lost (a003), occupied (a004)."""
    data = _frame(
        [
            _row("a000: would cede (a scenario)", ["a000-c19"]),
            _row(
                "a003: already lost (“over 20%”)", ["a003-c08"], note="a lower bound: the text says over 20%"
            ),
            _row("a004: occupied (“roughly one-fifth”)", ["a004-c19"]),
        ]
    )
    title = "Share of Ukraine's territory at stake (a000-p22, a003-p02, a004-p03)"
    fig = Figure(figsize=(8.5, 3.2), layout="constrained")
    ax = fig.add_subplot()
    colours = [OKABE_ITO["sky"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]]
    hatches = [TARGET_HATCH, "", ".."]
    y = [2, 1, 0]
    bars = ax.barh(y, data["value"], color=colours, hatch=hatches, edgecolor="black")
    cede, lost, occupied = data["value"]
    _label_bars(
        ax, [bars[0], bars[2]], [f"{cede:g}% (to cede)", f"roughly {occupied:g}% (occupied)"], horizontal=True
    )
    ax.annotate("", xy=(lost + 4, 1), xytext=(lost, 1), arrowprops={"arrowstyle": "->", "color": "black"})
    ax.text(lost + 4.5, 1, f"over {lost:g}% (lost)", va="center", fontsize=9)
    ax.set_yticks(y, data["label"])
    ax.set_xlim(0, 40)
    ax.set_xlabel("% of Ukraine's territory")
    ax.set_title(title, fontsize=11)
    _plain(ax)
    alt = (
        "Horizontal bar chart: three articles put about a fifth of Ukraine's territory at stake. a000-p22 "
        "discusses ceding 20%; a003-p02 says Ukraine has already lost over 20% (an arrow marks 'over'); "
        "a004-p03 says Russia occupies roughly one-fifth."
    )
    note = (
        "The same magnitude, framed three ways: land Ukraine might cede (a000), land already lost (a003) "
        "and land occupied (a004). a003's “over 20%” ([a003-p02](#a003-p02)) is a lower bound, marked "
        "with an arrow. None of the texts gives a date for its figure."
    )
    return Chart("territory", title, fig, data, alt, _caption(title, data, note))


def claim_kinds() -> Chart:
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
    title = "What kind of claim each article makes: share of its evidence cards (our classification)"
    fig = Figure(figsize=(9.5, 3.8), layout="constrained")
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
    alt = (
        "Stacked horizontal bar chart of each article's evidence cards by kind of claim. "
        + "; ".join(parts)
        + "."
    )
    note = (
        "Counts of the kit's evidence cards, which we classified; they describe our reading of the "
        "articles, not numbers the articles state. Short texts have fewer cards."
    )
    caption = f"**Figure: {title}.** Source: the kit's evidence cards (`evidence.cards()`). {note}"
    return Chart("claim-kinds", title, fig, data, alt, caption)


def event_timeline() -> Chart:
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
    title = "Dated events the articles state, in order (dates as each text gives them)"
    markers = {
        "a000": ("s", OKABE_ITO["blue"]),
        "a003": ("D", OKABE_ITO["vermillion"]),
        "a004": ("o", OKABE_ITO["green"]),
        "a001": ("^", OKABE_ITO["orange"]),
        "a002": ("v", OKABE_ITO["purple"]),
    }
    fig = Figure(figsize=(8.5, 0.45 * len(events) + 1.2), layout="constrained")
    ax = fig.add_subplot()
    n = len(events)
    ax.plot([0, 0], [-0.3, n - 0.7], color="0.5", lw=1.5)
    for i, e in enumerate(events):
        yi = n - 1 - i
        article = e.paragraph[:4]
        marker, colour = markers[article]
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
    note = (
        "Each date appears word for word in the paragraph named; the event labels are ours. Events are "
        "evenly spaced in order, not to scale. a003 itself gives only 2008 and 2022: the text is undated."
    )
    return Chart("timeline", title, fig, data, alt, _caption(title, data, note))


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


#: Every chart a chapter can list under ``figures`` in chapters.yml, by name.
FIGURES: dict[str, Callable[[], Chart]] = {
    "a000-shells": shell_output,
    "a000-dollars": dollar_figures,
    "nato-spending": nato_spending,
    "a004-air-defence": air_defence,
    "a004-us-troops": us_troops,
    "a001-ratios": eu_us_ratios,
    "territory": territory,
    "claim-kinds": claim_kinds,
    "timeline": event_timeline,
}


def chart(name: str) -> Chart:
    """A chart by name: one of :data:`FIGURES`, or ``a000-argument`` … for a chapter's argument map."""
    if name.endswith("-argument"):
        return argument_diagram(name.removesuffix("-argument"))
    if name not in FIGURES:
        raise KeyError(f"no chart {name!r}; charts are {sorted(FIGURES)} and a000-argument … a004-argument")
    return FIGURES[name]()


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
