"""Two widgets of the same kind on one page keep their element ids apart.

A page built here (no book build) shows two of every widget, mounted by the kit's loader
(assets/widget-loader.js) from saved widget state, as on the static book. In the second variant
each view loads its own copy of its widget's module, as anywidget does in JupyterLab (a fresh
module per model). Either way every id is unique, every for=, aria-controls, aria-describedby,
aria-labelledby and url(#…) reference resolves inside its own widget, and a radio group's name
is used by one widget only.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest
from conftest import LOCAL_HOST, ROOT, PageWatch, _QuietHandler

pytestmark = pytest.mark.site

#: One single-choice question (a radio group), shown twice with the same id, as a page that repeats
#: a question in its summary would.
QUESTION = {
    "id": "q-twice",
    "type": "single",
    "prompt": "Which one?",
    "points": 1,
    "choices": [{"id": "a", "text": "The first"}, {"id": "b", "text": "The second"}],
}

#: Runs in the page once the loader has drawn every view: what repeats or points outside its widget.
AUDIT = """async () => {
  const views = await window.debatekitWidgets.views;
  const roots = [...document.querySelectorAll(".dk-anywidget")];
  const ids = [...document.querySelectorAll("[id]")].map((n) => n.id);
  const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  const stray = [];
  const rootOf = (node) => node.closest(".dk-anywidget");
  for (const attr of ["for", "aria-controls", "aria-describedby", "aria-labelledby"]) {
    for (const node of document.querySelectorAll(`[${attr}]`)) {
      for (const ref of node.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        const targets = [...document.querySelectorAll(`[id="${CSS.escape(ref)}"]`)];
        if (!targets.length || targets.some((t) => rootOf(t) !== rootOf(node))) stray.push(`${attr}=${ref}`);
      }
    }
  }
  for (const node of document.querySelectorAll("[style*='url(#'], [fill^='url(#']")) {
    const ref = (node.getAttribute("style") || node.getAttribute("fill")).match(/url\\(#([^)]+)\\)/)[1];
    const targets = [...document.querySelectorAll(`[id="${CSS.escape(ref)}"]`)];
    if (targets.length !== 1 || rootOf(targets[0]) !== rootOf(node)) stray.push(`url(#${ref})`);
  }
  const groups = {};
  for (const radio of document.querySelectorAll("input[type=radio][name]")) {
    (groups[radio.name] ??= new Set()).add(roots.indexOf(rootOf(radio)));
  }
  const sharedNames = Object.keys(groups).filter((n) => groups[n].size > 1);
  const kinds = roots.map((r) => r.querySelector("[data-testid], [class^='dk-']")?.className || "?");
  return { drawn: views.filter(Boolean).length, ids: ids.length, duplicates, stray, sharedNames, kinds };
}"""


def _widgets() -> list:
    from debatekit.content import matrices
    from debatekit.widgets import (
        CardTableWidget,
        CaseBuilderWidget,
        ConcordanceWidget,
        FlowWidget,
        LedgerWidget,
        ScenarioWidget,
        TradeoffWidget,
    )
    from debatekit.widgets.question import QuestionWidget

    matrix = next(iter(matrices.matrices()))
    makers = [
        lambda: TradeoffWidget.from_matrix(matrix),
        lambda: QuestionWidget(QUESTION, practice={"key": "a", "feedback": {}}, number=1, assignment="twice"),
        LedgerWidget,
        ScenarioWidget,
        lambda: FlowWidget("oxford"),
        CardTableWidget,
        ConcordanceWidget,
        CaseBuilderWidget,
    ]
    return [make() for make in makers for _ in range(2)]


def _page(state: dict, views: list[dict], own_module: bool) -> str:
    if own_module:  # a different module text per model: the loader then imports each one afresh
        state = {k: dict(v, state=dict(v["state"])) for k, v in state.items()}
        for n, entry in enumerate(state.values()):
            if entry.get("model_module") == "anywidget":
                entry["state"]["_esm"] += f"\n// copy {n}\n"
    dump = lambda data: json.dumps(data).replace("</", "<\\/")  # noqa: E731
    body = "\n".join(
        f'<div class="cell"><script type="application/vnd.jupyter.widget-view+json">{dump(v)}</script></div>'
        for v in views
    )
    saved = dump({"version_major": 2, "version_minor": 0, "state": state})
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two of each</title>'
        '<link rel="icon" href="data:,"></head><body>\n'
        f'<script type="application/vnd.jupyter.widget-state+json">{saved}</script>\n'
        f'{body}\n<script src="widget-loader.js"></script></body></html>'
    )


@pytest.fixture(scope="module")
def two_of_each(tmp_path_factory):
    """A folder with the page in both variants and the kit's loader, served on 127.0.0.1."""
    from ipywidgets.embed import embed_data

    data = embed_data(views=_widgets(), drop_defaults=False)
    state = data["manager_state"]["state"]
    site = tmp_path_factory.mktemp("two-of-each")
    shutil.copy(ROOT / "assets" / "widget-loader.js", site / "widget-loader.js")
    (site / "shared.html").write_text(_page(state, data["view_specs"], False), encoding="utf-8")
    (site / "own.html").write_text(_page(state, data["view_specs"], True), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        (LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}/", len(data["view_specs"])
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("variant", ["shared", "own"], ids=["one-module-per-kind", "one-module-per-widget"])
def test_two_widgets_of_a_kind_keep_ids_names_and_references_apart(two_of_each, browser, variant):
    url, count = two_of_each
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(f"{url}{variant}.html")
        page.wait_for_function("() => window.debatekitWidgets", timeout=20000)
        audit = page.evaluate(AUDIT)
        assert audit["drawn"] == count, (audit["kinds"], watch.errors)
        assert audit["ids"] > 0
        assert audit["duplicates"] == []
        assert audit["stray"] == []
        assert audit["sharedNames"] == []
        assert watch.errors == []
    finally:
        context.close()
