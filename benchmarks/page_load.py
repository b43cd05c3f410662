"""Time cold page loads of the built book on a slow network: requests, bytes, first usable widget.

    python benchmarks/page_load.py [--site _build/html] [--pages PAGE ...] [--repeats 3]

The built site is served with gzip (text files only, as a static host does) on 127.0.0.1 at a
free port. Debian's Chromium (Playwright) opens each page cold: a new browser context, the cache
disabled and the network held to 10 Mbit/s down and up with 40 ms latency through the Chrome
DevTools Protocol (``Network.emulateNetworkConditions``). Per page it prints the median over the
repeats of:

- requests: every request the page made until it was done (load event and, on a widget page,
  the first widget usable, then 500 ms more for what they start);
- gzip kB: bytes received for them as Chromium counts them (``encodedDataLength``: gzipped
  bodies plus headers);
- load s: the ``load`` event (``loadEventStart`` of the navigation timing entry);
- widget s: time to first widget usable, defined as the first moment a control (input, select,
  textarea or button) inside a rendered widget view (an element drawn beside a
  ``application/vnd.jupyter.widget-view+json`` script) is visible, enabled and takes keyboard
  focus. A script added before the page's own scripts polls for it every 10 ms and, once the
  control's ``focus()`` makes it ``document.activeElement``, records ``performance.now()``
  (milliseconds from navigation start) and blurs it again. A page's controls only take focus once
  the widget's view has drawn them, so this counts parsing, fetching and running every script the
  widget needs;
- × reading: widget s (or load s on a page without widgets) over the reading page's median load
  s in the same run. The target for chapter and exercise pages is 1.3.

Repeats are interleaved (every page once, then again), so a busy moment on the machine spreads
over all pages. The default pages: the first reading page (text only) and every page carrying a
widget view (chapters, exercises, the tools and reference pages). The last line names the page
with the largest transfer and the files that make it up.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import mimetypes
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("DEBATEKIT_CHROMIUM", "/usr/bin/chromium"))
#: As tests/conftest.py launches it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
READING_PAGE = "book/readings/a000.html"
WIDGET_VIEW = b'type="application/vnd.jupyter.widget-view+json"'
#: A school's shared Wi-Fi: 10 Mbit/s each way, 40 ms round-trip latency added to every request.
NETWORK = {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": 10e6 / 8}
TARGET_RATIO = 1.3
BUDGET_KB = 600
#: Types a static host compresses (images and woff2 fonts are compressed already).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
TIMEOUT_MS = 30_000

#: Runs in every page before its own scripts: records when a widget's first control takes focus.
USABLE_PROBE = """
(() => {
  const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  const CONTROL = 'input:not([type="hidden"]), select, textarea, button';
  window.__dkUsable = null;
  function usable() {
    for (const view of document.querySelectorAll(VIEW)) {
      const out = view.parentElement;
      if (!out) continue;
      for (const c of out.querySelectorAll(CONTROL)) {
        if (c.disabled || !c.getClientRects().length) continue;
        const before = document.activeElement;
        c.focus({ preventScroll: true });
        if (document.activeElement === c) {
          c.blur();
          if (before && before !== document.body && before.focus) before.focus({ preventScroll: true });
          return true;
        }
      }
    }
    return false;
  }
  function poll() {
    if (document.body && usable()) { window.__dkUsable = performance.now(); return; }
    setTimeout(poll, 10);
  }
  poll();
})();
"""


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it and the type is compressible."""

    cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(unquote(urlparse(self.path).path)))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()  # the standard 404 (and directory redirects)
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        packed = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE)
        if packed:
            key = (str(path), path.stat().st_mtime)
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, 6)
            body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # Chromium opens six connections a page; a busy machine accepts slowly

    def handle_error(self, request, client_address):  # a browser hanging up early is not news
        pass


@dataclass
class Load:
    requests: int
    bytes: int
    load_ms: float
    widget_ms: float | None
    files: list[tuple[str, int]] = field(default_factory=list)


class PageHung(Exception):
    """A cold load that did not finish (its unfinished requests are in the message)."""


def widget_pages(site: Path) -> list[str]:
    """Every page carrying a widget view, in a stable order (chapters, exercises, others)."""
    found = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
             if "_static" not in p.parts and WIDGET_VIEW in p.read_bytes()]  # fmt: skip
    order = {"book/chapters/": 0, "exercises/": 1}
    return sorted(found, key=lambda p: (next((v for k, v in order.items() if p.startswith(k)), 2), p))


def cold_load(browser, base: str, rel: str, has_widget: bool) -> Load:
    """Open one page in a new context with the cache off and the network throttled; measure it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(USABLE_PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    urls: dict[str, str] = {}
    received: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]))
    try:
        page.goto(base + rel, wait_until="load", timeout=TIMEOUT_MS)
        if has_widget:
            page.wait_for_function("() => window.__dkUsable !== null", timeout=TIMEOUT_MS, polling=50)
    except PlaywrightTimeout:
        pending = [url for rid, url in urls.items() if rid not in received]
        context.close()
        raise PageHung(f"{rel} did not finish in {TIMEOUT_MS / 1000:.0f} s; unfinished: {pending}") from None
    page.wait_for_timeout(500)
    load_ms = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventStart")
    widget_ms = page.evaluate("() => window.__dkUsable") if has_widget else None
    local = {rid: url for rid, url in urls.items() if not url.startswith(("data:", "blob:"))}
    files = [(local[rid].removeprefix(base).split("?")[0], n) for rid, n in received.items() if rid in local]
    files.sort(key=lambda x: -x[1])
    context.close()
    return Load(len(local), sum(n for _, n in files), load_ms, widget_ms, files)


def serve(site: Path) -> QuietServer:
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(site: Path, pages: list[str], repeats: int) -> dict[str, list[Load]]:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with_widget = {p: WIDGET_VIEW in (site / p).read_bytes() for p in pages}
    loads: dict[str, list[Load]] = {p: [] for p in pages}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            cold_load(browser, base, pages[0], with_widget[pages[0]])  # warm the server's gzip cache
            for k in range(repeats):
                for rel in pages:
                    try:
                        loads[rel].append(cold_load(browser, base, rel, with_widget[rel]))
                    except PageHung as hung:  # said, then loaded again: one stuck load is no measure
                        print(f"  {hung}; loading it again", file=sys.stderr)
                        loads[rel].append(cold_load(browser, base, rel, with_widget[rel]))
                print(f"  repeat {k + 1} of {repeats} done", file=sys.stderr)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return loads


def median_load(runs: list[Load]) -> Load:
    widget = [r.widget_ms for r in runs if r.widget_ms is not None]
    heaviest = max(runs, key=lambda r: r.bytes)
    return Load(
        requests=round(statistics.median(r.requests for r in runs)),
        bytes=round(statistics.median(r.bytes for r in runs)),
        load_ms=statistics.median(r.load_ms for r in runs),
        widget_ms=statistics.median(widget) if widget else None,
        files=heaviest.files,
    )


def table(loads: dict[str, list[Load]], reading: str) -> list[str]:
    medians = {p: median_load(runs) for p, runs in loads.items()}
    base = medians[reading].load_ms
    lines = [
        "| page | requests | gzip kB | load s | widget usable s | × reading load | targets |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for rel, m in medians.items():
        shown = m.widget_ms if m.widget_ms is not None else m.load_ms
        ratio = shown / base
        checks = ["<600 kB" if m.bytes < BUDGET_KB * 1000 else "OVER 600 kB"]
        if rel.startswith(("book/chapters/", "exercises/")):
            checks.append(f"≤{TARGET_RATIO}×" if ratio <= TARGET_RATIO else f"OVER {TARGET_RATIO}×")
        widget = f"{m.widget_ms / 1000:.2f}" if m.widget_ms is not None else "—"
        lines.append(f"| {rel} | {m.requests} | {m.bytes / 1000:.0f} | {m.load_ms / 1000:.2f} | {widget} | "
                     f"{ratio:.2f} | {', '.join(checks)} |")  # fmt: skip
    rel, m = max(medians.items(), key=lambda kv: kv[1].bytes)
    lines.append("")
    biggest = ", ".join(f"{name} {n / 1000:.0f} kB" for name, n in m.files[:5])
    lines.append(f"largest transfer: {rel}, {m.bytes / 1000:.0f} kB in {m.requests} requests; "
                 f"its largest files: {biggest}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built html folder")
    parser.add_argument("--pages", nargs="+", help=f"pages relative to the site (default: {READING_PAGE} "
                        "and every page with a widget); the reading page is always added")  # fmt: skip
    parser.add_argument("--reading", default=READING_PAGE, help="the plain text page the ratios refer to")
    parser.add_argument("--repeats", type=int, default=3, help="cold loads per page (at least 3)")
    args = parser.parse_args(argv)
    if args.repeats < 3:
        parser.error("--repeats must be at least 3 (the table shows medians)")
    site = args.site.resolve()
    if not (site / args.reading).is_file():
        raise SystemExit(f"{site / args.reading} not found: build the book first (make book) or give --site")
    if not CHROMIUM.exists():
        raise SystemExit(f"no Chromium at {CHROMIUM}: apt-get install chromium, or set DEBATEKIT_CHROMIUM")
    pages = [args.reading] + [p for p in (args.pages or widget_pages(site)) if p != args.reading]
    missing = [p for p in pages if not (site / p).is_file()]
    if missing:
        raise SystemExit(f"pages not in {site}: {', '.join(missing)}")
    print(f"{len(pages)} pages × {args.repeats} cold loads, 10 Mbit/s, 40 ms latency, cache off; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", file=sys.stderr)  # fmt: skip
    started = time.perf_counter()
    loads = measure(site, pages, args.repeats)
    print(f"Cold loads of {site} (median of {args.repeats}; 10 Mbit/s, 40 ms, cache disabled; "
          f"ratios against {args.reading}'s load event in this run)\n")  # fmt: skip
    print("\n".join(table(loads, args.reading)))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
