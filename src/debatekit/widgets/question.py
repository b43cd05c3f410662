"""Practice and assessment questions as widgets: choose, type, order, match, cite or weigh.

``question.js`` draws the controls and, in practice mode, checks the answer in the browser
(its ``compute`` repeats :func:`debatekit.classroom.checking.check`), so the practice pages of the
static book give feedback with no kernel. That means a practice widget carries its key in the
page: fine for practice, and the reason assessed widgets are built without one (``practice={}``).
The answer is synced to ``answer``; :mod:`debatekit.classroom.sheet` records it in the notebook
and in the answers file beside it.

``detached`` turns on when a second front end asks the kernel for the widget's whole state: a tab
reopened while the kernel ran, or the same notebook in another tab. Such a page shows outputs
loaded from disk, which the kernel's updates never reach, so the widget warns (see ``question.js``).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

_HERE = Path(__file__).parent


class QuestionWidget(anywidget.AnyWidget):
    """One question. ``question`` is the public part; ``practice`` the key and feedback (or empty)."""

    _esm = _HERE / "dist" / "question.js"
    _css = _HERE / "question.css"

    question = traitlets.Dict(help="what a student may see: id, type, prompt, choices, items, ...").tag(
        sync=True
    )
    practice = traitlets.Dict(
        help="key, feedback and re-reading for checking in the page; {} when assessed"
    ).tag(sync=True)
    answer = traitlets.Any(None, allow_none=True, help="the student's answer, as JSON data").tag(sync=True)
    number = traitlets.Int(0, help="the question's number in its notebook").tag(sync=True)
    assignment = traitlets.Unicode("", help="assignment id").tag(sync=True)
    store_key = traitlets.Unicode(
        "", help="notebook file | release | copy id: keys the browser's copy ('' = no browser copy)"
    ).tag(sync=True)
    detached = traitlets.Bool(False, help="a second front end attached: its outputs miss updates").tag(
        sync=True
    )

    def __init__(self, question: dict, practice: dict | None = None, answer=None, number: int = 0, **kwargs):
        super().__init__(question=question, practice=practice or {}, answer=answer, number=number, **kwargs)

    def get_state(self, key=None, drop_defaults=False):
        """The widget's state; a whole-state request after the first means another page attached."""
        if key is None:
            self._full_states = getattr(self, "_full_states", 0) + 1
            if self._full_states > 1 and not self.detached:
                self.detached = True
        return super().get_state(key=key, drop_defaults=drop_defaults)

    @property
    def mode(self) -> str:
        return "practice" if self.practice else "assessed"
