"""Time the trade-off model in Python and the widget's slider-to-chart update in Chromium.

    python benchmarks/tradeoff.py                              # Python model only
    python benchmarks/tradeoff.py --site _build/html [--page book/tradeoffs.html]

Python: median time of ``evaluate`` + ``tipping_points`` on 10 options × 12 criteria (target < 5 ms).
Browser: the built static book is served on 127.0.0.1 and Chromium moves a weight slider with the
keyboard 50 times; each change is timed with ``performance.now()`` from the input event to the
redrawn chart with layout done (target < 16 ms, one frame). Without a built site that half is skipped.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import pandas as pd

from debatekit.models import tradeoff

CHROMIUM = "/usr/bin/chromium"
#: a line only the trade-off widget's script contains (its source is embedded in the page's widget state)
WIDGET_MARKER = "Trade-off matrix widget: weigh the criteria"


def python_model(runs: int, options: int = 10, criteria: int = 12) -> dict[str, float]:
    """Median milliseconds for evaluate, tipping_points and both, on a seeded random matrix."""
    rng = random.Random(4)
    names = [f"criterion {k}" for k in range(criteria)]
    scores = pd.DataFrame(
        [[rng.randint(0, 20) / 2 for _ in names] for _ in range(options)],
        index=[f"option {j}" for j in range(options)],
        columns=names,
    )
    weights = {c: rng.randint(0, 20) / 2 for c in names}
    directions = {c: rng.choice(["benefit", "cost"]) for c in names}
    timings: dict[str, list[float]] = {"evaluate": [], "tipping_points": [], "both": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        tradeoff.evaluate(scores, weights, directions)
        t1 = time.perf_counter()
        tradeoff.tipping_points(scores, weights, directions)
        t2 = time.perf_counter()
        timings["evaluate"].append(t1 - t0)
        timings["tipping_points"].append(t2 - t1)
        timings["both"].append(t2 - t0)
    return {k: statistics.median(v) * 1000 for k, v in timings.items()}


def find_widget_page(site: Path) -> str | None:
    """The first page (relative path) of a built book that embeds the trade-off widget."""
    for page in sorted(site.rglob("*.html")):
        if "_static" not in page.parts and WIDGET_MARKER in page.read_text(
            encoding="utf-8", errors="replace"
        ):
            return page.relative_to(site).as_posix()
    return None


# Runs in the page: time keyboard-driven slider changes from the input event to a laid-out chart.
_INSTRUMENT = """() => {
  const root = document.querySelector('[data-testid="tradeoff"]');
  window.__dkTimes = [];
  window.__dkRedraws = 0;
  let start = 0;
  new MutationObserver(() => { window.__dkRedraws += 1; })
    .observe(root.querySelector('[data-testid="ranking"]'), { childList: true });
  root.addEventListener('input', () => { start = performance.now(); }, { capture: true });
  root.addEventListener('input', () => {
    root.querySelector('[data-testid="ranking"]').getBBox();  // force layout of the new chart
    void root.offsetHeight;
    window.__dkTimes.push(performance.now() - start);
  });
}"""


def browser(site: Path, page_path: str, changes: int) -> dict[str, float]:
    """Median and worst milliseconds from slider input to redrawn chart, over ``changes`` key presses."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
            )
            page = chromium.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{page_path}")
            slider = page.locator('[data-testid="tradeoff"] input[type="range"]').first
            slider.wait_for(timeout=30_000)
            slider.focus()
            page.keyboard.press("Home")  # start from 0 so every press below moves the slider
            page.evaluate(_INSTRUMENT)
            readouts = set()
            for i in range(changes):  # sweep 0 → 5 → 0 → … so every press is a real change
                page.keyboard.press("ArrowRight" if (i // 10) % 2 == 0 else "ArrowLeft")
                readouts.add(page.locator('[data-testid="tipping-readout"]').inner_text())
            times = page.evaluate("window.__dkTimes")
            redraws = page.evaluate("window.__dkRedraws")
            chromium.close()
    finally:
        server.shutdown()
        server.server_close()
    if len(times) != changes or redraws < changes:
        raise SystemExit(f"expected {changes} timed redraws, got {len(times)} timings and {redraws} redraws")
    return {"median": statistics.median(times), "max": max(times), "readouts": len(readouts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500, help="Python model runs (default 500)")
    parser.add_argument("--site", type=Path, help="a built book's html folder (e.g. _build/html)")
    parser.add_argument("--page", help="page with the widget, relative to --site (default: found by search)")
    parser.add_argument("--changes", type=int, default=50, help="slider changes in the browser (default 50)")
    args = parser.parse_args(argv)

    py = python_model(args.runs)
    print(
        f"python  evaluate + tipping_points, 10 options x 12 criteria: median {py['both']:.3f} ms "
        f"(evaluate {py['evaluate']:.3f} ms, tipping_points {py['tipping_points']:.3f} ms; "
        f"{args.runs} runs; target < 5 ms)"
    )

    if args.site is None or not (args.site / "index.html").exists():
        print("browser skipped: give --site with a built book (jupyter-book build . then --site _build/html)")
        return 0
    page = args.page or find_widget_page(args.site)
    if page is None:
        print(f"browser skipped: no page under {args.site} embeds the trade-off widget; give --page")
        return 0
    b = browser(args.site, page, args.changes)
    print(
        f"browser slider input -> redrawn chart ({page}, Chromium): median {b['median']:.2f} ms, "
        f"max {b['max']:.2f} ms over {args.changes} changes ({b['readouts']} distinct readouts); "
        "target < 16 ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
