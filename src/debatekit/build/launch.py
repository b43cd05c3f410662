"""Launch and repository buttons for a book whose repository is known only at build time.

``_config.yml`` names no repository (none is known) and so leaves the launch URLs empty: the
book theme builds every Binder, JupyterHub or Colab link from the repository's address, and fails
if asked for one without it.
``debatekit build --repository-url URL`` (or ``DEBATEKIT_REPOSITORY_URL``) calls
:func:`launch_overlay` to write a copy of ``_config.yml`` with the repository, its button and the
launch buttons switched on, and builds with that copy (``jupyter-book build --config``).
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from debatekit.classroom.install import install_cell, install_command

BINDERHUB_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"
#: Hosts whose provider the book theme recognises from the URL (it looks for these words).
PROVIDERS = ("github", "gitlab", "bitbucket")
ENV_REPOSITORY = "DEBATEKIT_REPOSITORY_URL"
ENV_BRANCH = "DEBATEKIT_REPOSITORY_BRANCH"
ENV_JUPYTERHUB = "DEBATEKIT_JUPYTERHUB_URL"


@dataclass(frozen=True)
class Launch:
    """Where the book's source lives and which services its launch buttons open."""

    repository_url: str
    branch: str = "main"
    jupyterhub_url: str = ""
    binderhub_url: str = BINDERHUB_URL

    @property
    def provider(self) -> str:
        host = urlparse(self.repository_url).hostname or ""
        return next((p for p in PROVIDERS if p in host.lower()), "")


def _check_url(url: str, what: str, path_parts: int = 0) -> str:
    url = url.strip().rstrip("/")
    parsed = urlparse(url)
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.scheme != "https" or not parsed.hostname or len(parts) < path_parts:
        shape = "https://host/owner/repository" if path_parts else "https://host"
        raise ValueError(f"{what} {url!r} is not a web address of the form {shape}")
    return url


def from_options(
    repository_url: str | None, branch: str | None = None, jupyterhub_url: str | None = None
) -> Launch | None:
    """A :class:`Launch` from command-line values, falling back to the environment; None if no repository."""
    repo = repository_url or os.environ.get(ENV_REPOSITORY, "")
    if not repo.strip():
        return None
    launch = Launch(
        repository_url=_check_url(repo, "--repository-url", path_parts=2),
        branch=(branch or os.environ.get(ENV_BRANCH, "") or "main").strip(),
        jupyterhub_url=_check_url(hub, "--jupyterhub-url")
        if (hub := jupyterhub_url or os.environ.get(ENV_JUPYTERHUB, ""))
        else "",
    )
    if not launch.provider:
        raise ValueError(
            f"--repository-url {launch.repository_url!r}: the book theme recognises repositories on "
            f"{', '.join(PROVIDERS)} hosts only; give the address of one"
        )
    return launch


def launch_overlay(config: dict, launch: Launch) -> dict:
    """A copy of a Jupyter Book config with the repository, its button and the launch buttons on.

    The settings go into ``sphinx.config.html_theme_options``, which replaces the theme options
    Jupyter Book derives from its top-level ``repository`` and ``launch_buttons`` keys. Colab opens
    notebooks from GitHub only, so its button is added for GitHub repositories alone (for others the
    theme would warn, and the strict build would fail).
    """
    out = copy.deepcopy(config)
    out.setdefault("repository", {}).update({"url": launch.repository_url, "branch": launch.branch})
    theme = out.setdefault("sphinx", {}).setdefault("config", {}).setdefault("html_theme_options", {})
    theme.update({
        "repository_url": launch.repository_url,
        "repository_branch": launch.branch,
        "path_to_docs": out["repository"].get("path_to_book", ""),
        "use_repository_button": True,
    })  # fmt: skip
    buttons = theme.setdefault("launch_buttons", {})
    buttons["binderhub_url"] = launch.binderhub_url
    buttons["jupyterhub_url"] = launch.jupyterhub_url
    buttons["colab_url"] = COLAB_URL if launch.provider == "github" else ""
    parse = out.setdefault("parse", {})
    parse.setdefault("myst_substitutions", {})[SUBSTITUTION] = f"`{install_command(launch)}`"
    parse["myst_substitutions"]["repository_url"] = launch.repository_url
    return out


def write_overlay(root: Path, launch: Launch, dest: Path) -> Path:
    """Write ``root/_config.yml`` with :func:`launch_overlay` applied to ``dest``; return ``dest``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(yaml.safe_dump(launch_overlay(config, launch), sort_keys=False), encoding="utf-8")
    return dest


# --- installing the kit where a notebook runs ------------------------------------------------

#: The MyST substitution the book's pages use for the install command ({{ install_command }}).
SUBSTITUTION = "install_command"


def rewrite_downloads(html: Path, launch: Launch) -> list[Path]:
    """Put the real install command into the notebooks the built book offers for download."""
    source = install_cell(launch)["source"]
    changed = []
    for path in (html / "_sources").rglob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb.get("cells", []) if c.get("id") == "install-check"]
        for cell in cells:
            cell["source"] = source
        if cells:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            changed.append(path)
    return changed
