"""Exercises: question banks as data, checking with feedback, answers stored in the notebook,
and notebooks generated for practice or released for assessment without any key material.

Workflow stages, one module each: :mod:`.questions` (banks), :mod:`.checking` (scores and
feedback), :mod:`.answers` (where answers live in a notebook), :mod:`.sheet` (the widgets in a
live notebook), :mod:`.notebooks` (practice notebooks and ``release``), :mod:`.install` (the
cell each notebook starts with). Grading a folder of submissions is :mod:`.grading` (the batch),
:mod:`.marking` (one file, read as data), :mod:`.gradebook` (the CSVs) and :mod:`.feedback`.
"""

from debatekit.classroom.answers import fill_answers, read_answers
from debatekit.classroom.checking import AnswerError, Result, check, validate_answer
from debatekit.classroom.question_types import Question
from debatekit.classroom.questions import Bank, bank_names, load_bank, public, public_bank
from debatekit.classroom.sheet import Sheet, start

__all__ = [
    "AnswerError",
    "Bank",
    "Question",
    "Result",
    "Sheet",
    "bank_names",
    "check",
    "fill_answers",
    "load_bank",
    "public",
    "public_bank",
    "read_answers",
    "start",
    "validate_answer",
]
