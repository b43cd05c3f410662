"""What every figure of the book is: a :class:`Chart` (the figure, the numbers it plots with their
sources, alt text and a caption linking the paragraphs), the colour-blind-safe palette, and the
drawing helpers the charts and the argument maps share.

Colours are Okabe–Ito and every series also differs by hatching or a direct label.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
import PIL.Image
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

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


def tint(colour: str, amount: float = 0.82) -> tuple[float, float, float]:
    """``colour`` mixed with white (for box fills that keep black text readable)."""
    return tuple(c + (1 - c) * amount for c in to_rgb(colour))


def data_frame(rows: list[dict]) -> pd.DataFrame:
    """The rows a chart plots, as a table with the :data:`DATA_COLUMNS`."""
    return pd.DataFrame(rows, columns=DATA_COLUMNS)


def sources(data: pd.DataFrame) -> list[str]:
    """The paragraphs a chart's numbers come from, sorted."""
    return sorted({p for ps in data["paragraphs"] for p in ps})


def caption(title: str, data: pd.DataFrame, note: str) -> str:
    """A chart's Markdown caption: its title, a link to every paragraph it draws on, and its note."""
    links = ", ".join(anchor_link(p) for p in sources(data))
    return f"**Figure: {title}.** Sources: {links}. {note}"


def label_bars(ax, bars, texts: list[str], horizontal: bool = False) -> None:
    """Write each bar's label at its end (a direct label, so no reading depends on colour)."""
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


def plain_axes(ax) -> None:
    """Axes without the top and right frame lines."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
