"""The cell every notebook starts with: when the kit is missing it says the one command that installs it.

A release, an exercise notebook and a new chapter all begin with it; the build swaps in the
repository's own command when the book's repository is known (``build.launch``).
"""

from __future__ import annotations

from typing import Protocol


class Repository(Protocol):
    """Where the kit can be installed from (``build.launch.Launch`` is one)."""

    repository_url: str
    branch: str


def wheel_name(version: str | None = None) -> str:
    """The file name of the student wheel the book serves from ``_static/``."""
    from debatekit import __version__

    return f"debatekit-{version or __version__}-py3-none-any.whl"


def install_command(launch: Repository | None = None) -> str:
    """The one command that installs the kit for a notebook: from the repository when its address
    is known, else from the wheel the book serves (downloaded from "Running the notebooks")."""
    if launch is None:
        return f"pip install {wheel_name()}"
    return f'pip install "debatekit @ git+{launch.repository_url}@{launch.branch}"'


def _install_source(command: str) -> str:
    parts = [
        "This notebook needs the debatekit package. Install it with this command, ",
        "then restart the kernel and run the notebook again:\n",
        f"    {command}",
    ]
    if "git+" not in command:
        parts.append("\n(download that file from the page “Running the notebooks” of this book first)")
    return (
        "# Set-up: if the debatekit package is missing, say how to install it (“Running the notebooks”).\n"
        "import importlib.util\n"
        "\n"
        'if importlib.util.find_spec("debatekit") is None:\n'
        "    raise ModuleNotFoundError(\n"
        + "".join(f"        {part!r}\n" for part in parts)
        + "    )\n"
    )


def install_cell(launch: Repository | None = None) -> dict:
    """The first code cell of every notebook: prints the install command when the kit is missing."""
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": "install-check",
        "metadata": {"tags": ["remove-cell"]},
        "outputs": [],
        "source": _install_source(install_command(launch)).splitlines(keepends=True),
    }
