"""The answer sheet a notebook opens with ``sheet = start(...)``: it shows each question's widget,
records every change of answer in the question cell's output and in the answers file beside the
notebook, and restores from both when the notebook runs again (see :mod:`.answers`).

``start("a001")`` opens a packaged practice bank (keys included, checked in the page);
``start({...})`` opens the public bank a released, assessed notebook embeds (no keys anywhere).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from debatekit.classroom import answers as store
from debatekit.classroom.questions import READING_URL, load_bank, practice_material, public


class Sheet:
    """One notebook's questions and the student's answers, recorded as they change."""

    def __init__(
        self,
        assignment: str,
        questions: list[dict],
        practice: dict[str, dict],
        saved: dict[str, Any],
        *,
        release: str = "",
        copy: str = "",
        notebook: Path | None = None,
        answers_file: Path | None = None,
    ):
        self.assignment = assignment
        self.questions = {q["id"]: q for q in questions}
        self.numbers = {q["id"]: i for i, q in enumerate(questions, 1)}
        self.practice = practice
        self.saved = {k: v for k, v in saved.items() if v is not None}
        self.release = release
        self.copy = copy or store.new_copy_id()
        self.notebook = notebook
        self.answers_file = answers_file
        self.store_problem = ""
        self.questions_digest = ""
        self.submit_widget: Any = None
        self.widgets: dict[str, Any] = {}
        self._handles: dict[str, list[Any]] = {}

    @property
    def mode(self) -> str:
        return "practice" if self.practice else "assessed"

    @property
    def store_key(self) -> str:
        """What ties the browser's copy to this notebook file, this release and this copy.

        Where the kernel cannot name the notebook (the book's build, Colab) the key is the page and
        the release, so a rebuilt book page still finds the answers its reader gave.
        """
        if self.notebook is None:
            return f"page|{self.release}"
        return f"{self.notebook.name}|{self.release}|{self.copy}"

    @property
    def answers(self) -> dict[str, Any]:
        """Current answers by question id (unanswered questions left out)."""
        current = dict(self.saved)
        current.update({qid: w.answer for qid, w in self.widgets.items()})
        return {k: v for k, v in current.items() if v is not None}

    @property
    def reopened(self) -> bool:
        """True once a second front end (a reopened or second tab) has attached to these widgets."""
        return any(w.detached for w in self.widgets.values())

    def widget(self, qid: str):
        """The widget for question ``qid``, created on first use with any saved answer."""
        from debatekit.widgets.question import QuestionWidget

        if qid not in self.questions:
            raise KeyError(
                f"{self.assignment} has no question {qid!r}; questions: {', '.join(self.questions)}"
            )
        if qid not in self.widgets:
            w = QuestionWidget(
                self.questions[qid],
                practice=self.practice.get(qid),
                answer=self.saved.get(qid),
                number=self.numbers[qid],
                assignment=self.assignment,
                store_key=self.store_key,
            )
            w.observe(lambda change, qid=qid: self._record(qid, change["new"]), names="answer")
            self.widgets[qid] = w
        return self.widgets[qid]

    def _bundle(self, qid: str) -> dict:
        answer = self.widgets[qid].answer if qid in self.widgets else self.saved.get(qid)
        return store.empty_bundle() if answer is None else store.answer_bundle(self.assignment, qid, answer)

    def _record(self, qid: str, answer: Any) -> None:
        if answer is None:
            self.saved.pop(qid, None)
        else:
            self.saved[qid] = answer
        self._keep()
        if self.submit_widget is not None:
            self.submit_widget.answers = dict(self.answers)
        for handle in self._handles.get(qid, []):  # every cell that shows this question
            handle.update(self._bundle(qid), raw=True)

    def _keep(self) -> None:
        """Write every answer to the answers file at once, so no restart, clear or tab can lose it."""
        if self.answers_file is None:
            return
        unanswered = {qid: None for qid in self.questions if qid not in self.answers}
        doc = store.answers_document(
            self.assignment,
            {**self.answers, **unanswered},
            release=self.release,
            copy=self.copy,
            notebook=self.notebook.name if self.notebook else "",
        )
        try:
            store.write_answers_file(self.answers_file, doc)
            self.store_problem = ""
        except OSError as exc:
            self.store_problem = f"could not write {self.answers_file.name}: {exc.strerror or exc}"

    def show_copy(self, note: str = "") -> None:
        """Show (in the setup cell) the record naming this copy, and a note of what was restored."""
        from IPython.display import display

        display(store.copy_bundle(self.assignment, self.release, self.copy, note), raw=True)

    def ask(self, qid: str) -> None:
        """Show question ``qid`` in this cell, with the output that records its answer."""
        from IPython.display import display

        display(self.widget(qid))
        self._handles.setdefault(qid, []).append(display(self._bundle(qid), raw=True, display_id=True))

    def submit_button(self) -> None:
        """Show the button that downloads every answer as one ``.answers.json`` file to submit."""
        from IPython.display import display

        from debatekit.widgets.submit import SubmitWidget

        if self.submit_widget is None:
            self.submit_widget = SubmitWidget(
                assignment=self.assignment,
                release=self.release,
                questions_digest=self.questions_digest,
                questions=list(self.questions),
                store_key=self.store_key,
                answers=dict(self.answers),
                file_name=f"{self.assignment}{store.ANSWERS_SUFFIX}",
            )
        display(self.submit_widget)

    def summary(self) -> None:
        """Print which questions have an answer recorded (what saving the notebook will keep)."""
        done = self.answers
        missing = [str(self.numbers[q]) for q in self.questions if q not in done]
        print(f"{len(done)} of {len(self.questions)} questions answered in {self.assignment}.")
        if missing:
            print("Not answered yet: question " + ", ".join(missing) + ".")
        if self.reopened:
            print(
                "WARNING: this notebook was reopened or is open in another tab while its kernel ran, so "
                "the notebook file may miss answers given since. Close other tabs, run all cells "
                "(Run > Run All Cells), then save."
            )
        if self.store_problem:
            print(f"WARNING: {self.store_problem}; only the saved notebook keeps your answers.")
        print("Save the notebook (Ctrl+S / Cmd+S) to keep your answers in the file you submit.")


def start(
    bank: str | dict,
    *,
    notebook: str | Path | None = None,
    reading_url: str = READING_URL,
    mode: str | None = None,
) -> Sheet:
    """Open an answer sheet, restoring answers kept beside this notebook and saved in its file.

    ``bank`` is a packaged bank name (practice unless ``mode="assessed"``) or the public bank a
    released notebook embeds. ``notebook`` is the notebook's path when the front end does not say.
    The answers file beside the notebook wins over the notebook's outputs, being written at every
    change; both must belong to the same copy (see :mod:`.answers`).
    """
    if isinstance(bank, dict):
        assignment, questions, practice = bank["assignment"], bank["questions"], {}
        release, digest = str(bank.get("release", "")), str(bank.get("questions_digest", ""))
    else:
        full = load_bank(bank)
        assignment, questions = full.assignment, [public(q) for q in full.questions]
        chosen = mode or full.mode
        release, digest = chosen, ""
        practice = (
            {q.id: practice_material(q, reading_url) for q in full.questions} if chosen == "practice" else {}
        )
    path = Path(notebook) if notebook else store.find_notebook_file()
    in_file, copy = store.saved_state(path, assignment)
    answers_file = store.answers_file_for(path, assignment)
    kept = store.read_answers_file(answers_file, assignment, release)
    if kept and copy and kept.get("copy") != copy:
        kept = {}  # another copy's answers (a notebook copied in over this one): not this student's
    copy = copy or str(kept.get("copy") or "")
    known = {q["id"] for q in questions}
    from_file = {k: v for k, v in (kept.get("answers") or {}).items() if k in known}
    saved = {**in_file, **from_file}
    sheet = Sheet(
        assignment, questions, practice, saved,
        release=release, copy=copy, notebook=path, answers_file=answers_file,
    )  # fmt: skip
    sheet.questions_digest = digest
    if _in_ipython():
        extra = sum(1 for k, v in from_file.items() if v is not None and in_file.get(k) != v)
        note = ""
        if extra:
            note = (
                f"Restored {extra} answer{'s' if extra != 1 else ''} kept in {answers_file.name} "
                "(not yet in the saved notebook). Save the notebook to keep them in the file you submit."
            )
        sheet.show_copy(note)
    return sheet


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None
