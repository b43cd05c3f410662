"""A student's answers in a real JupyterLab, driven through Chromium (cases 1–5 of issue 10).

Each test opens a released assessment in JupyterLab (started on 127.0.0.1, a free port, a
temporary root, no token), does what a student does, and then reads the SAVED .ipynb from disk:
it must hold every answer last given, or the page must have shown a warning before anything
could be lost. JupyterLab's own commands (Run All, Save, Clear Outputs, Restart) are called
through ``window.jupyterapp`` (``--LabApp.expose_app_in_browser``), as its menus do.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from debatekit.classroom import load_bank
from debatekit.classroom.answers import read_answers
from debatekit.classroom.notebooks import build_notebook, notebook_text

pytestmark = pytest.mark.site

ASSIGNMENT = "cumulative"
SUMMARY = "questions answered in cumulative"
WARNING = "[data-testid=question-warning]"
# Settings that make the page deterministic: every cell rendered (no windowing), no news prompt.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the server's process: end when the test run ends, however it ends (Linux prctl)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving a temporary folder; yields (base URL, root)."""
    root = tmp_path_factory.mktemp("lab-root")
    home = tmp_path_factory.mktemp("lab-home")
    settings = home / "settings"
    for rel, value in SETTINGS.items():
        (settings / rel).parent.mkdir(parents=True, exist_ok=True)
        (settings / rel).write_text(json.dumps(value))
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}",
        "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
        "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None", "--allow-root",
        "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.shutdown_no_activity_timeout=900", "--MappingKernelManager.cull_idle_timeout=900",
    ]  # fmt: skip
    log = open(home / "lab.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root, preexec_fn=_die_with_parent
    )
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(base + "api/status", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-4000:])
            time.sleep(0.5)
    yield base, root
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _notebook(root: Path, folder: str) -> Path:
    """A fresh copy of the released assessment in its own folder under the server's root."""
    path = root / folder / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_text(build_notebook(load_bank(ASSIGNMENT), "assessed")), encoding="utf-8")
    return path


def saved(path: Path) -> dict:
    """The answers in the notebook file on disk (what the student would submit)."""
    return read_answers(json.loads(path.read_text(encoding="utf-8")), ASSIGNMENT)[0]


class Lab:
    """One browser page on JupyterLab with the few commands a student uses."""

    def __init__(self, page, base: str, rel: str):
        self.page, self.base, self.rel = page, base, rel
        self.errors: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self) -> Lab:
        self.page.goto(f"{self.base}lab/tree/{self.rel}?reset")  # not another page's saved layout
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget")
        self.page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
            " && w.sessionContext.session.kernel.connectionStatus === 'connected'; }",
            timeout=60_000,
        )
        return self

    def command(self, name: str, accept_dialog: bool = False) -> None:
        """Run a JupyterLab command as its menu item does, and wait (bounded) until it is done."""
        self.page.evaluate(
            f"""() => {{ window.__dkDone = false;
                window.jupyterapp.commands.execute('{name}').then(
                  () => {{ window.__dkDone = true; }}, e => {{ window.__dkDone = 'error: ' + e; }}); }}"""
        )
        if accept_dialog:
            self.page.locator(".jp-Dialog .jp-mod-accept").click()
        self.page.wait_for_function("() => window.__dkDone !== false", timeout=120_000)
        outcome = self.page.evaluate("() => window.__dkDone")
        assert outcome is True, f"{name}: {outcome}"

    def run_all(self) -> None:
        self.command("notebook:run-all-cells")
        self.wait_idle()
        self.summary().wait_for(timeout=60_000)

    def restart_run_all(self) -> None:
        self.command("notebook:restart-run-all", accept_dialog=True)
        self.wait_idle()
        self.summary().wait_for(timeout=60_000)

    def wait_idle(self) -> None:
        self.page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " const k = w.sessionContext.session && w.sessionContext.session.kernel;"
            " return k && k.status === 'idle' && !w.content.widgets.some("
            "   c => c.model.type === 'code' && c.promptNode && c.promptNode.textContent.includes('*')); }",
            timeout=90_000,
        )

    def save(self) -> None:
        self.page.wait_for_timeout(700)  # let the last comm message reach the kernel and come back
        self.command("docmanager:save")

    def question(self, qid: str):
        return self.page.locator(f'[data-question="{qid}"]:visible').first

    def summary(self):
        return self.page.locator("pre:visible", has_text=SUMMARY).first

    def choose(self, qid: str, choice: str) -> None:
        self.question(qid).locator(f'input[value="{choice}"]').check()

    def write(self, qid: str, text: str) -> None:
        self.question(qid).locator("textarea").fill(text)

    def summary_text(self) -> str:
        return self.summary().inner_text()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_case1_a_tab_reopened_without_rerunning_warns_and_rerunning_saves_everything(lab, context):
    base, root = lab
    path = _notebook(root, "case1")
    first = Lab(context.new_page(), base, "case1/cumulative.ipynb").open()
    first.run_all()
    first.choose("cum-q04", "rubio")
    first.save()
    first.page.close()  # the kernel keeps running
    again = Lab(context.new_page(), base, "case1/cumulative.ipynb").open()
    again.question("cum-q03").wait_for()
    again.choose("cum-q03", "forces")
    again.page.locator(f"{WARNING}:visible").first.wait_for(state="visible", timeout=10_000)
    again.run_all()  # what the warning asks for
    assert "2 of 12" in again.summary_text()
    again.save()
    assert saved(path) == {"cum-q04": "rubio", "cum-q03": ["forces"]}


def test_case2_cleared_outputs_come_back_in_a_fresh_browser_and_the_summary_counts_them(lab, browser):
    base, root = lab
    path = _notebook(root, "case2")
    ctx = browser.new_context()
    tab = Lab(ctx.new_page(), base, "case2/cumulative.ipynb").open()
    tab.run_all()
    tab.choose("cum-q04", "rubio")
    tab.write("cum-q12", "For: talks. Against: pressure.")
    tab.save()
    tab.command("notebook:clear-all-cell-outputs")
    tab.save()
    assert saved(path) == {}
    ctx.close()
    fresh = browser.new_context()  # another browser profile: no local copy at all
    try:
        tab = Lab(fresh.new_page(), base, "case2/cumulative.ipynb").open()
        tab.run_all()
        assert "2 of 12" in tab.summary_text()  # counted at once, not after a race
        tab.save()
        assert saved(path) == {"cum-q04": "rubio", "cum-q12": "For: talks. Against: pressure."}
    finally:
        fresh.close()


def test_case3_a_second_tab_warns_and_one_tab_saves_both_tabs_answers(lab, context):
    base, root = lab
    path = _notebook(root, "case3")
    one = Lab(context.new_page(), base, "case3/cumulative.ipynb").open()
    one.run_all()
    one.choose("cum-q04", "rubio")
    one.save()  # (autosave does this within two minutes)
    two = Lab(context.new_page(), base, "case3/cumulative.ipynb").open()
    two.question("cum-q03").wait_for()
    two.page.locator(f"{WARNING}:visible").first.wait_for(state="visible", timeout=10_000)
    two.choose("cum-q03", "regime")
    two.page.wait_for_timeout(700)
    one.page.close()  # what the warning asks: one tab, run all, save
    two.restart_run_all()
    two.save()
    assert saved(path) == {"cum-q04": "rubio", "cum-q03": ["regime"]}


def test_case4_an_unsaved_edit_survives_restart_and_run_all(lab, context):
    base, root = lab
    path = _notebook(root, "case4")
    tab = Lab(context.new_page(), base, "case4/cumulative.ipynb").open()
    tab.run_all()
    tab.choose("cum-q04", "rubio")
    tab.save()
    tab.choose("cum-q04", "witkoff")  # changed, not saved
    tab.choose("cum-q03", "forces")  # new, not saved
    tab.page.wait_for_timeout(700)
    tab.restart_run_all()
    tab.save()
    assert saved(path) == {"cum-q04": "witkoff", "cum-q03": ["forces"]}


def test_case5_a_pristine_copy_in_the_same_browser_inherits_nothing(lab, context):
    base, root = lab
    _notebook(root, "case5-anna")
    other = _notebook(root, "case5-ben")
    anna = Lab(context.new_page(), base, "case5-anna/cumulative.ipynb").open()
    anna.run_all()
    anna.choose("cum-q04", "rubio")
    anna.write("cum-q12", "Anna's essay.")
    anna.save()
    anna.page.close()
    ben = Lab(context.new_page(), base, "case5-ben/cumulative.ipynb").open()
    ben.run_all()
    ben.page.wait_for_timeout(1500)  # time for any browser copy to fill itself in
    assert "0 of 12" in ben.summary_text()
    ben.save()
    assert saved(other) == {}
    assert ben.question("cum-q12").locator("textarea").input_value() == ""
