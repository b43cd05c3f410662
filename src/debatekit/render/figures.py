"""The chapters' figures by name: a chart of ``data/figures.yml`` or a chapter's argument map, and
showing one in a notebook (a PNG, then its Markdown caption).
"""

from __future__ import annotations

from collections.abc import Callable

from debatekit.content import chapters, figure_specs
from debatekit.render import argument_map, charts
from debatekit.render.chart import Chart


def figure_names() -> set[str]:
    """Every chart a chapter can list under ``figures`` in chapters.yml (the specs in figures.yml)."""
    return set(figure_specs.figures())


def chart(name: str) -> Chart:
    """A chart by name: a spec of figures.yml, or ``<article id>-argument`` for a chapter's argument map."""
    specs = figure_specs.figures()
    if name in specs:
        return charts.LAYOUTS[specs[name].layout](specs[name])
    if name.endswith("-argument"):
        return argument_map.argument_diagram(name.removesuffix("-argument"))
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
