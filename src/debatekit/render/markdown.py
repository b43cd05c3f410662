"""MyST helpers every page generator shares: escaping text so MyST reads it as text."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$~^])")


def escape_markdown(text: str) -> str:
    """Backslash-escape characters MyST would read as markup ($ would start maths, [1] a link)."""
    return _MD_SPECIAL.sub(r"\\\1", text)
