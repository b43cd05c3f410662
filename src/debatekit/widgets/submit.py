"""The download button of an assessment: one answers file to submit, from the book page or Jupyter.

On the static book there is no kernel: the question widgets keep answers in the browser, and this
widget gathers them into the file :func:`debatekit.classroom.answers.answers_document` describes
(``submit.js`` ``compute`` builds it; a Node test holds the two alike). In Jupyter, ``answers``
carries the kernel's answers, which win. Nothing here is key material.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

_HERE = Path(__file__).parent


class SubmitWidget(anywidget.AnyWidget):
    """Download every answer of one assignment as ``<assignment>.answers.json``."""

    _esm = _HERE / "dist" / "submit.js"
    _css = _HERE / "submit.css"

    assignment = traitlets.Unicode("").tag(sync=True)
    release = traitlets.Unicode("").tag(sync=True)
    questions_digest = traitlets.Unicode("").tag(sync=True)
    questions = traitlets.List(traitlets.Unicode(), help="question ids, in order").tag(sync=True)
    store_key = traitlets.Unicode("", help="keys the question widgets' browser copies").tag(sync=True)
    answers = traitlets.Dict(help="the kernel's answers by question id (empty on the book page)").tag(
        sync=True
    )
    file_name = traitlets.Unicode("answers.answers.json").tag(sync=True)
