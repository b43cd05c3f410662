"""Time the book: cold build, unchanged rebuild, one-chapter rebuilds, nbval, and the largest page.

    python benchmarks/book.py [--chapter book/chapters/a000.ipynb] [--skip-nbval] [--keep DIR]

Everything runs on a temporary copy of the working tree (the checkout is never touched) with
``debatekit build`` (strict, as ``make book``) into a fresh output folder:

- cold build: empty output folder, so every notebook is executed (target < 90 s on 2 cores);
- unchanged rebuild: the same command again, served from the execution cache (target < 10 s);
- one chapter edited: a markdown cell of one chapter changed (target < 20 s), and then a code
  cell (that notebook alone is executed again);
- nbval: ``pytest -n JOBS --dist loadfile --nbval-lax book exercises``, as ``make test`` runs it;
- largest page: the biggest HTML page (raw and gzip), and the heaviest page to load on a cold
  cache, measured in Chromium: the HTML plus every file it fetched, raw and gzip.

The cold build's log gives each notebook's execution time, so a slow build can be traced to
its notebooks (the rest is Jupyter Book and Sphinx).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from debatekit.build.toc import toc_pages

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("DEBATEKIT_CHROMIUM", "/usr/bin/chromium"))
TARGETS = {"cold": 90.0, "unchanged": 10.0, "chapter": 20.0}
#: Not part of the book's sources: left out of the copy.
IGNORE = (".git", ".venv", "node_modules", "_build", ".pytest_cache", ".ruff_cache", "__pycache__",
          ".ipynb_checkpoints", "test-results", ".jupyter_cache")  # fmt: skip
EXECUTED = re.compile(r"(\S+\.ipynb): Executed notebook in ([\d.]+) seconds")


def copy_tree(dest: Path) -> Path:
    """Copy the working tree (uncommitted files included) to ``dest``; the built assets must exist."""
    if not (ROOT / "assets" / "npm").is_dir():
        raise SystemExit("assets/npm missing: run `make setup` (npm ci + debatekit assets) first")
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*IGNORE), symlinks=True)
    return dest


def build(repo: Path, out: Path, log: Path) -> tuple[float, int, str]:
    """Run ``debatekit build`` (strict) and return (seconds, exit code, log text)."""
    cmd = [sys.executable, "-m", "debatekit.cli", "build", "--root", str(repo), "--out", str(out)]
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    text = result.stdout + result.stderr
    log.write_text(text)
    return seconds, result.returncode, text


def first_chapter(repo: Path) -> Path:
    """The first notebook in the table of contents outside the generated reading pages."""
    for name in toc_pages(yaml.safe_load((repo / "_toc.yml").read_text())):
        path = repo / f"{name}.ipynb"
        if path.exists() and "readings" not in Path(name).parts:
            return path
    raise SystemExit("no notebook chapter in _toc.yml to edit; give --chapter")


def edit_cell(notebook: Path, cell_type: str) -> None:
    """Change the last cell of ``cell_type``: a sentence added to markdown, a comment to code."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = [c for c in nb["cells"] if c["cell_type"] == cell_type][-1]
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    extra = {"markdown": "\n\nEdited for the build benchmark.", "code": "\n# edited for the build benchmark"}
    cell["source"] = source + extra[cell_type]
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def nbval(repo: Path, jobs: int) -> tuple[float, int, str]:
    cmd = [sys.executable, "-m", "pytest", "-n", str(jobs), "--dist", "loadfile", "--nbval-lax", "-q",
           "-p", "no:cacheprovider", "book", "exercises"]  # fmt: skip
    env = dict(os.environ, MPLBACKEND="Agg")
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)
    tail = (result.stdout + result.stderr).strip().splitlines()[-1:] or [""]
    return time.perf_counter() - started, result.returncode, tail[0]


def html_sizes(site: Path) -> list[tuple[str, int, int]]:
    """(page, bytes, gzip bytes) for every HTML page, largest first (redirect stubs left out)."""
    rows = []
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        if "_static" in path.parts or b'http-equiv="Refresh"' in data[:300]:
            continue
        rows.append((path.relative_to(site).as_posix(), len(data), len(gzip.compress(data, 6))))
    return sorted(rows, key=lambda r: -r[1])


def page_loads(site: Path, pages: list[str]) -> list[tuple]:
    """(page, files fetched, bytes, gzip bytes, [(file, bytes)]) per page, loaded with an empty cache."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):  # a browser hanging up early is not news
            pass

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        for rel in pages:
            context = browser.new_context()  # a new context: nothing cached
            page = context.new_page()
            bodies = []
            page.on("response", lambda r, bodies=bodies: bodies.append(r))
            page.goto(base + rel, wait_until="networkidle")
            sizes, names = [], []
            for response in bodies:
                try:
                    sizes.append(response.body())
                except Exception:  # redirects and aborted requests have no body
                    continue
                names.append(response.url.removeprefix(base).split("?")[0])
            rows.append((rel, len(sizes), sum(map(len, sizes)), sum(len(gzip.compress(b, 6)) for b in sizes),
                         sorted(((name, len(b)) for name, b in zip(names, sizes, strict=True)),
                                key=lambda x: -x[1])))  # fmt: skip
            context.close()
        browser.close()
    server.shutdown()
    return sorted(rows, key=lambda r: -r[2])


def _report(what: str, seconds: float, target: float | None = None, code: int = 0, note: str = "") -> None:
    verdict = f" [target < {target:.0f} s: {'met' if seconds < target else 'MISSED'}]" if target else ""
    failed = f"  FAILED (exit {code})" if code else ""
    print(f"{what}: {seconds:.1f} s{verdict}{note}{failed}")


def _mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", type=Path, help="notebook to edit, relative to the repository root")
    parser.add_argument("--jobs", type=int, default=2, help="pytest-xdist workers for nbval (make test: 2)")
    parser.add_argument("--skip-nbval", action="store_true")
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium page-load measurement")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="debatekit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    repo, out = copy_tree(work / "repo"), work / "out"
    print(f"working copy: {repo}   load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    try:
        seconds, code, log = build(repo, out, work / "cold.log")
        if code:
            print(f"cold build FAILED (exit {code}); see {work / 'cold.log'}")
            return 1
        runs = sorted(((float(s), Path(p).resolve().relative_to(repo.resolve()).as_posix())
                       for p, s in EXECUTED.findall(log)), reverse=True)  # fmt: skip
        executing = sum(s for s, _ in runs)
        _report("cold build (fresh output, every notebook executed)", seconds, TARGETS["cold"])
        print(f"  {len(runs)} notebooks executed in {executing:.1f} s; Jupyter Book and Sphinx: "
              f"{seconds - executing:.1f} s")  # fmt: skip
        print("  slowest: " + ", ".join(f"{p} {s:.1f} s" for s, p in runs[:6]))

        seconds, code, _ = build(repo, out, work / "unchanged.log")
        _report("unchanged rebuild (execution cache)", seconds, TARGETS["unchanged"], code)

        chapter = repo / args.chapter if args.chapter else first_chapter(repo)
        name = chapter.relative_to(repo).as_posix()
        for cell_type, what in (("markdown", "a markdown cell"), ("code", "a code cell: re-executed")):
            edit_cell(chapter, cell_type)
            seconds, code, log = build(repo, out, work / f"edit-{cell_type}.log")
            note = f"  (notebooks executed: {len(EXECUTED.findall(log))})"
            _report(f"one chapter edited ({name}, {what})", seconds, TARGETS["chapter"], code, note)

        if not args.skip_nbval:
            seconds, code, summary = nbval(repo, args.jobs)
            _report(f"nbval (pytest -n {args.jobs} --nbval-lax book exercises)", seconds, None, code,
                    f"  ({summary})")  # fmt: skip

        site = out / "_build" / "html"
        sizes = html_sizes(site)
        page, raw, packed = sizes[0]
        print(f"largest HTML page of {len(sizes)}: {page}: {_mb(raw)} (gzip {_mb(packed)}), the HTML alone")
        if args.skip_browser or not CHROMIUM.exists():
            print("page loads skipped (no Chromium, or --skip-browser)")
        else:
            loads = page_loads(site, [p for p, _, _ in sizes])
            page, files, raw, packed, heaviest = loads[0]
            print(f"heaviest page on a cold cache: {page}: {_mb(raw)} in {files} files (gzip {_mb(packed)}); "
                  "the HTML and every file it fetched, as Chromium received them")  # fmt: skip
            print("  its largest files: " + ", ".join(f"{name} {_mb(n)}" for name, n in heaviest[:4]))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
