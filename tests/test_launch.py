"""Launch buttons: with no repository the book has none; `debatekit build --repository-url` turns
the repository and launch buttons on through a config overlay that Jupyter Book and the theme read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from debatekit.build import book, launch

ROOT = Path(__file__).resolve().parents[1]
GITHUB = "https://github.com/example-org/debatekit"


@pytest.fixture(autouse=True)
def _no_launch_environment(monkeypatch):
    for name in (launch.ENV_REPOSITORY, launch.ENV_BRANCH, launch.ENV_JUPYTERHUB):
        monkeypatch.delenv(name, raising=False)


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_the_checked_in_config_names_no_repository_and_no_launch_service():
    config = _config()
    assert config["repository"]["url"] == ""
    buttons = config["sphinx"]["config"]["html_theme_options"]["launch_buttons"]
    assert {buttons[k] for k in ("binderhub_url", "jupyterhub_url", "colab_url")} == {""}


def test_without_a_repository_there_is_no_overlay():
    assert launch.from_options(None) is None
    assert launch.from_options("  ") is None


def test_the_repository_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(launch.ENV_REPOSITORY, GITHUB + "/")
    monkeypatch.setenv(launch.ENV_BRANCH, "gh-pages")
    got = launch.from_options(None)
    assert (got.repository_url, got.branch, got.provider) == (GITHUB, "gh-pages", "github")


@pytest.mark.parametrize("url", ["github.com/a/b", "http://github.com/a/b", "https://github.com/only-owner"])
def test_a_repository_address_that_is_not_https_owner_repo_is_refused(url):
    with pytest.raises(ValueError, match="not a web address of the form https://host/owner/repository"):
        launch.from_options(url)


def test_a_host_the_theme_cannot_read_is_refused_with_the_hosts_it_can():
    with pytest.raises(ValueError, match="github, gitlab, bitbucket"):
        launch.from_options("https://git.example.edu/course/debatekit")


def test_overlay_turns_on_repository_binder_colab_and_hub_without_touching_the_original():
    config = _config()
    before = json.dumps(config, sort_keys=True)
    out = launch.launch_overlay(
        config, launch.from_options(GITHUB, jupyterhub_url="https://hub.example.edu/")
    )
    assert json.dumps(config, sort_keys=True) == before
    theme = out["sphinx"]["config"]["html_theme_options"]
    assert theme["repository_url"] == GITHUB and theme["use_repository_button"] is True
    assert theme["repository_branch"] == "main"
    assert theme["launch_buttons"] == {
        "notebook_interface": "jupyterlab",
        "binderhub_url": launch.BINDERHUB_URL,
        "jupyterhub_url": "https://hub.example.edu",
        "colab_url": launch.COLAB_URL,
    }
    assert theme["use_download_button"] is True  # the rest of the options are kept


def test_colab_is_left_off_for_a_repository_not_on_github():
    out = launch.launch_overlay(_config(), launch.from_options("https://gitlab.com/course/debatekit"))
    buttons = out["sphinx"]["config"]["html_theme_options"]["launch_buttons"]
    assert buttons["colab_url"] == "" and buttons["binderhub_url"] == launch.BINDERHUB_URL


def test_jupyter_book_reads_the_overlay_into_the_theme_options(tmp_path):
    from jupyter_book.config import get_final_config

    path = launch.write_overlay(ROOT, launch.from_options(GITHUB), tmp_path / "config.yml")
    final, _ = get_final_config(user_yaml=path, sourcedir=ROOT, cli_config={"latex_individualpages": False})
    theme = final["html_theme_options"]
    assert theme["repository_url"] == GITHUB
    assert theme["launch_buttons"]["binderhub_url"] == launch.BINDERHUB_URL


def test_build_book_passes_the_overlay_to_jupyter_book(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(
        subprocess, "run", lambda cmd, **kw: calls.append(cmd) or subprocess.CompletedProcess(cmd, 1)
    )
    book.build_book(ROOT, tmp_path, launch=launch.from_options(GITHUB))
    cmd = calls[0]
    config = Path(cmd[cmd.index("--config") + 1])
    assert config.parent == tmp_path / "_build"
    assert yaml.safe_load(config.read_text())["repository"]["url"] == GITHUB
    book.build_book(ROOT, tmp_path)
    assert "--config" not in calls[1]


def _tiny_book(folder: Path, config: dict) -> None:
    """A one-notebook book using the kit's theme options (and an overlay, when given)."""
    theme = config["sphinx"]["config"]["html_theme_options"]
    folder.mkdir()
    (folder / "_config.yml").write_text(yaml.safe_dump({
        "title": "t", "execute": {"execute_notebooks": "off"}, "repository": config["repository"],
        "sphinx": {"config": {"html_theme_options": theme}},
    }))  # fmt: skip
    (folder / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nb = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Page\n"]}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    (folder / "page.ipynb").write_text(json.dumps(nb))


def _build(folder: Path) -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    result = subprocess.run(
        [str(exe), "build", str(folder), "-W", "-q"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return (folder / "_build/html/page.html").read_text(encoding="utf-8")


def test_the_theme_renders_launch_links_only_when_a_repository_is_given(tmp_path):
    _tiny_book(tmp_path / "plain", _config())
    plain = _build(tmp_path / "plain")
    assert "mybinder.org" not in plain and "colab.research.google.com" not in plain
    hub = launch.from_options(GITHUB, jupyterhub_url="https://hub.example.edu")
    _tiny_book(tmp_path / "launch", launch.launch_overlay(_config(), hub))
    page = _build(tmp_path / "launch")
    pull = "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A//github.com/example-org/debatekit"
    assert pull + "&urlpath=lab/tree/debatekit/page.ipynb&branch=main" in page.replace("&amp;", "&")
    assert "https://mybinder.org/v2/gh/example-org/debatekit/main?urlpath=lab/tree/page.ipynb" in page
    assert "https://colab.research.google.com/github/example-org/debatekit/blob/main/page.ipynb" in page
    assert 'href="https://github.com/example-org/debatekit"' in page
