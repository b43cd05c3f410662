"""Running orders drawn as timelines: one bar per format, one segment per step, coloured by team.

Colours are Okabe–Ito and each team also gets its own hatching, so the chart reads without colour;
whole-room steps (prep, questions, votes, discussion) are white with a dotted outline.
"""

from __future__ import annotations

import matplotlib.pyplot as plt

from debatekit.content import formats

_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"]
_HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]


def team_styles(format_id: str) -> dict[str, dict]:
    """The fill colour and hatching of each team of a format, in the format's team order."""
    teams = [t.team for t in formats.get_format(format_id).teams]
    return {t: {"facecolor": _COLOURS[i], "hatch": _HATCHES[i]} for i, t in enumerate(teams)}


def plot_running_orders(format_ids: list[str] | None = None):
    """A figure with one timeline per format: each speech as a segment as long as its minutes."""
    ids = format_ids or list(formats.formats())
    fig, axes = plt.subplots(len(ids), 1, figsize=(10, 1.55 * len(ids) + 0.6), squeeze=False)
    longest = max(formats.speeches(fid)["minutes"].sum() for fid in ids)
    for ax, fid in zip(axes[:, 0], ids, strict=True):
        styles = team_styles(fid)
        for row in formats.speeches(fid).itertuples():
            style = styles.get(row.team, {"facecolor": "white", "hatch": "", "linestyle": ":"})
            ax.barh(0, row.minutes, left=row.start_minute, height=0.6, edgecolor="black", **style)
            if row.minutes >= 3:
                box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}
                middle = row.start_minute + row.minutes / 2
                ax.text(middle, 0, str(row.order), ha="center", va="center", fontsize=8, bbox=box)
        handles = [plt.Rectangle((0, 0), 1, 1, edgecolor="black", **st) for st in styles.values()]
        handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="black", linestyle=":"))
        ax.legend(handles, [*styles, "whole room"], loc="upper left", bbox_to_anchor=(1.01, 1.1),
                  fontsize=7, frameon=False)  # fmt: skip
        ax.set_title(formats.get_format(fid).name, loc="left", fontsize=10)
        ax.set_yticks([])
        ax.set_xlim(0, longest)
        ax.set_xlabel("minutes from the start", fontsize=8)
    fig.suptitle("Running orders of the formats (numbers are the steps in the tables below)", fontsize=11)
    fig.tight_layout()
    return fig


def running_orders_png(format_ids: list[str] | None = None, dpi: int = 110) -> bytes:
    """:func:`plot_running_orders` as PNG bytes, for pages that display an image whatever the backend."""
    import io

    fig = plot_running_orders(format_ids)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return buffer.getvalue()
