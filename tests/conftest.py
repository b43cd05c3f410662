"""Shared fixtures: the repository root, a strict build of the book, a local server and Chromium.

Tests marked ``site`` share one strict build of the book into a temporary folder (built once per
session) and a server for it on 127.0.0.1. The browser is Debian's Chromium driven by Playwright;
``playwright install`` is never used. See ``tests/README.md`` for how to use these in a new test.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import needs
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("DEBATEKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the book strictly (-W --keep-going) into a temporary folder; return its html folder.

    DEBATEKIT_TEST_BOOK=<path to an html folder> skips the build and tests that folder instead
    (for iterating on browser tests locally; never set under CI).
    """
    prebuilt = os.environ.get("DEBATEKIT_TEST_BOOK")
    if prebuilt and not needs.under_ci():
        return Path(prebuilt).resolve()
    out = tmp_path_factory.mktemp("book")
    cmd = [sys.executable, "-m", "debatekit.cli", "build", "--root", str(ROOT), "--out", str(out)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    log = result.stdout + result.stderr
    (out / "build.log").write_text(log)
    if result.returncode != 0:
        pytest.fail(f"the book build failed (exit {result.returncode}):\n{log[-6000:]}")
    return out / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is noisy enough
        pass


@pytest.fixture(scope="session")
def site_url(built_book: Path):
    """Serve the built book on 127.0.0.1 (a free port) and yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def node() -> str:
    """The path of Node.js for the JavaScript parity tests; a failure under CI where it is missing."""
    return needs.node()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium via Playwright; skipped with a hint where missing, a failure under CI."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install chromium` "
            "(or set DEBATEKIT_CHROMIUM to its path)"
        )
        needs.missing(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageWatch:
    """A page plus everything it said on the console and every request it made."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on(
            "console",
            lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} ({r.failure})"))

    def foreign_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (data: and blob: URLs stay on the page)."""
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.hostname != LOCAL_HOST:
                out.append(url)
        return out


@pytest.fixture
def watched_page(browser):
    """A fresh browser context and page with console errors and requests recorded."""
    context = browser.new_context()
    page = context.new_page()
    watch = PageWatch(page)
    yield watch
    context.close()


def html_pages(html_root: Path) -> list[str]:
    """Every HTML page of a built book, as paths relative to its root."""
    return sorted(
        p.relative_to(html_root).as_posix() for p in html_root.rglob("*.html") if "_static" not in p.parts
    )


# One pass per theme over every built page, shared by test_accessibility and test_site_quality.
from sitecheck.visits import site_visits  # noqa: E402, F401
