"""How pages bring their widgets to life, and what they weigh: the kit's loader
(assets/widget-loader.js) mounts every anywidget with no widget manager, so no anywidget page asks
for require.js or html-manager; a page with another kind of widget (an ipywidgets slider, in a
small book built here) gets html-manager and works; and no page transfers 600 kB or more gzipped,
counted as the gzip sizes of the files it requested (a byte budget is the same on every run)."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import nbformat
import pytest
import yaml
from conftest import LOCAL_HOST, ROOT, PageWatch, html_pages

pytestmark = pytest.mark.site

BUDGET_BYTES = 600_000
MANAGER_FILES = ("require.js", "embed-amd.js", "widget-paths.js")
WIDGET_VIEW = 'type="application/vnd.jupyter.widget-view+json"'
#: Runs in the page: once the loader's views are drawn, what it reports and what the page shows.
MOUNTED = """async () => {
  const w = window.debatekitWidgets;
  if (!w) return null;
  const views = await w.views;
  const tags = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  return {
    manager: w.manager,
    views: tags.length,
    drawn: tags.filter((t) => t.previousElementSibling?.matches(".widget-subarea")
      && t.previousElementSibling.querySelector("[data-testid]")).length,
    failed: views.filter((v) => !v).length,
  };
}"""


def local_file(site: Path, url: str) -> Path | None:
    """The built file a request to the test server was for (None for another host or data: URLs)."""
    parsed = urlparse(url)
    if parsed.hostname != LOCAL_HOST:
        return None
    path = site / unquote(parsed.path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


@cache
def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


class ColdVisit:
    """One page opened in a new browser context (nothing cached): its requests, errors and widgets."""

    def __init__(self, browser, site: Path, site_url: str, rel: str):
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(urljoin(site_url, rel), wait_until="load")
        has_views = WIDGET_VIEW in (site / rel).read_text(encoding="utf-8")
        self.widgets = page.evaluate(MOUNTED) if has_views else None
        page.wait_for_timeout(200)  # what the widgets fetch after they draw counts too
        self.requests = list(watch.requests)
        self.errors = list(watch.errors)
        context.close()
        files = {local_file(site, url) for url in self.requests} - {None}
        self.sizes = sorted(((f.relative_to(site).as_posix(), gzipped_size(f)) for f in files if f.is_file()),
                            key=lambda x: -x[1])  # fmt: skip
        self.gzipped = sum(n for _, n in self.sizes)


@pytest.fixture(scope="module")
def cold_visits(built_book, site_url, browser) -> dict[str, ColdVisit]:
    return {rel: ColdVisit(browser, built_book, site_url, rel) for rel in html_pages(built_book)}


def widget_pages(built_book) -> list[str]:
    return [p for p in html_pages(built_book) if WIDGET_VIEW in (built_book / p).read_text(encoding="utf-8")]


def test_the_book_has_widget_pages_to_check(built_book):
    pages = widget_pages(built_book)
    assert {"book/chapters/a000.html", "exercises/a000.html", "book/widgets-gallery.html"} <= set(pages)


def test_anywidget_pages_request_no_require_js_or_html_manager(built_book, cold_visits):
    asked = {rel: [u for u in cold_visits[rel].requests if u.split("?")[0].endswith(MANAGER_FILES)]
             for rel in widget_pages(built_book)}  # fmt: skip
    assert {rel: urls for rel, urls in asked.items() if urls} == {}


def test_every_widget_view_is_mounted_by_the_kits_loader(built_book, cold_visits):
    problems = {}
    for rel in widget_pages(built_book):
        w = cold_visits[rel].widgets
        if not w or w["manager"] != "debatekit" or w["failed"] or w["drawn"] != w["views"] or not w["views"]:
            problems[rel] = w
        elif cold_visits[rel].errors:
            problems[rel] = cold_visits[rel].errors
    assert problems == {}


def test_every_page_transfers_under_600_kB_gzipped(cold_visits):
    def heaviest(v: ColdVisit) -> str:
        files = ", ".join(f"{name} {n / 1000:.0f} kB" for name, n in v.sizes[:4])
        return f"{v.gzipped / 1000:.0f} kB: {files}"

    over = {rel: heaviest(v) for rel, v in cold_visits.items() if v.gzipped >= BUDGET_BYTES}
    assert over == {}


def test_pages_without_widgets_load_no_widget_scripts(built_book, cold_visits):
    plain = set(html_pages(built_book)) - set(widget_pages(built_book))
    loaded = {rel: [u for u in cold_visits[rel].requests if "widget-loader.js" in u or "/npm/" in u]
              for rel in plain}  # fmt: skip
    assert {rel: urls for rel, urls in loaded.items() if urls} == {}


# --- the loader's model, as a widget sees it -----------------------------------------------------

CONCORDANCE = "book/finding-evidence.html"


def concordance(page):
    """The page's concordance model id (found by its widget class, as anywidget names it)."""
    page.locator("[data-testid=concordance-status]").wait_for()
    return page.evaluate("""() => Object.values(window.debatekitWidgets.models)
        .find((m) => m.get("_anywidget_id").endsWith("ConcordanceWidget")).id""")


def test_a_trait_set_on_the_model_redraws_its_view(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, CONCORDANCE))
    model = concordance(page)
    page.evaluate("(id) => window.debatekitWidgets.models[id].set('term', 'Baltic')", model)
    assert page.locator("[data-testid=concordance-input]").input_value() == "Baltic"
    assert page.locator("[data-testid=concordance-status]").inner_text().startswith("“Baltic”:")
    assert watched_page.errors == []


def test_typing_changes_the_model_and_fires_change_events_once_per_change(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, CONCORDANCE))
    model = concordance(page)
    page.evaluate("""(id) => { const m = window.debatekitWidgets.models[id]; window.__events = [];
        m.on('change:term', (model, value) => window.__events.push(value));
        m.on('change', () => window.__events.push('change')); }""", model)
    box = page.locator("[data-testid=concordance-input]")
    box.fill("NATO")
    box.dispatch_event("input")  # the same value again: no change, so no event
    assert page.evaluate("(id) => window.debatekitWidgets.models[id].get('term')", model) == "NATO"
    assert page.evaluate("() => window.__events") == ["NATO", "change"]


def test_a_listener_may_name_several_events_as_backbone_allows(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, CONCORDANCE))
    model = concordance(page)
    calls = page.evaluate("""(id) => { const m = window.debatekitWidgets.models[id], seen = [];
        const note = (model, value) => seen.push(value);
        m.on('change:term change:width', note);
        m.set('term', 'Kyiv'); m.set('width', 30);
        m.off('change:term change:width', note);
        m.set('term', 'Minsk'); m.set('width', 40);
        return seen; }""", model)
    assert calls == ["Kyiv", 30]


def test_disposing_a_view_runs_its_cleanup_and_drops_its_listeners(site_url, watched_page):
    page = watched_page.page
    page.goto(urljoin(site_url, CONCORDANCE))
    model = concordance(page)
    left = page.evaluate("""async (id) => {
        const w = window.debatekitWidgets, m = w.models[id];
        const view = (await w.views).find((v) => v.el.querySelector('[data-testid=concordance]'));
        const before = m.listeners.length;
        view.dispose();
        return [before, m.listeners.length, document.querySelectorAll('[data-testid=concordance]').length];
    }""", model)
    assert left == [1, 0, 0]  # the view's change:term listener, removed by its own cleanup


# --- a page with a widget that is not an anywidget: html-manager draws it ------------------------

FALLBACK_CELLS = [
    '''import anywidget
import ipywidgets
import traitlets


class Clicks(anywidget.AnyWidget):
    _esm = """
    export default {
      render({ model, el }) {
        const button = document.createElement("button");
        button.dataset.testid = "clicks";
        const draw = () => { button.textContent = `Clicked ${model.get("count")} times`; };
        button.addEventListener("click", () => {
          model.set("count", model.get("count") + 1);
          model.save_changes();
        });
        model.on("change:count", draw);
        draw();
        el.append(button);
      },
    };
    """
    count = traitlets.Int(0).tag(sync=True)


Clicks()''',
    'ipywidgets.IntSlider(value=3, min=0, max=10, description="Level")',
]


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory) -> Path:
    """A one-page book built with the kit's widget settings whose page holds an ipywidgets slider
    besides an anywidget; returns its html folder."""
    src = tmp_path_factory.mktemp("fallback-book")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]["config"]
    sphinx["html_static_path"] = [str(ROOT / p) for p in sphinx["html_static_path"]]
    sphinx["templates_path"] = [str(ROOT / p) for p in sphinx["templates_path"]]
    sphinx["html_extra_path"] = [str(ROOT / p) for p in sphinx["html_extra_path"]]
    sphinx["html_favicon"] = str(ROOT / sphinx["html_favicon"])
    sphinx["bibtex_bibfiles"] = [str(ROOT / p) for p in sphinx["bibtex_bibfiles"]]
    book = {"title": "Widget fallback", "execute": {"execute_notebooks": "force"}, "sphinx": config["sphinx"],
            "html": config.get("html", {}), "repository": config.get("repository", {})}  # fmt: skip
    (src / "_config.yml").write_text(yaml.safe_dump(book), encoding="utf-8")
    (src / "_toc.yml").write_text("format: jb-book\nroot: fallback\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Widget fallback")]
                                  + [nbformat.v4.new_code_cell(c) for c in FALLBACK_CELLS])  # fmt: skip
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, src / "fallback.ipynb")
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(src), "-W", "--keep-going", "-q"]
    result = subprocess.run(cmd, cwd=src, capture_output=True, text=True)
    html = src / "_build" / "html"
    if result.returncode != 0 or not (html / "fallback.html").exists():
        pytest.fail(f"the fallback book did not build:\n{(result.stdout + result.stderr)[-4000:]}")
    return html


def test_the_fallback_page_carries_a_widget_that_is_not_an_anywidget(fallback_site):
    html = (fallback_site / "fallback.html").read_text(encoding="utf-8")
    state = html.split('type="application/vnd.jupyter.widget-state+json">', 1)[1].split("</script>", 1)[0]
    modules = {m["model_module"] for m in json.loads(state)["state"].values()}
    assert {"anywidget", "@jupyter-widgets/controls"} <= modules
    assert "embed-amd.js" not in html and "require.js" not in html  # only the loader is in the page


def test_html_manager_draws_the_fallback_page_from_this_host(fallback_site, browser):
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler

    server = http.server.ThreadingHTTPServer(
        (LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(fallback_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(f"http://{LOCAL_HOST}:{server.server_address[1]}/fallback.html")
        slider = page.locator(".widget-slider [role=slider]").first
        slider.wait_for(timeout=20000)
        readout = page.locator(".widget-slider .widget-readout")
        assert readout.text_content() == "3"
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(el) => el.textContent === '4'", arg=readout.element_handle())
        clicks = page.locator("[data-testid=clicks]")
        assert clicks.inner_text() == "Clicked 0 times"
        clicks.click()
        assert clicks.inner_text() == "Clicked 1 times"
        assert page.evaluate("() => window.debatekitWidgets.manager") == "html-manager"
        asked = {Path(urlparse(u).path).name for u in watch.requests}
        assert set(MANAGER_FILES) <= asked
        assert watch.foreign_requests() == [] and watch.errors == []
        context.close()
    finally:
        server.shutdown()
        server.server_close()


def test_every_image_loads_lazily(built_book):
    """Charts are fetched as a reader scrolls near them, not alongside the widgets' scripts."""
    images, eager = 0, []
    for rel in html_pages(built_book):
        for tag in re.findall(r"<img\b[^>]*>", (built_book / rel).read_text(encoding="utf-8")):
            images += 1
            if 'loading="lazy"' not in tag:
                eager.append(f"{rel}: {tag[:160]}")
    assert images >= 14, "the chapters' charts should be images on their pages"
    assert eager == []
