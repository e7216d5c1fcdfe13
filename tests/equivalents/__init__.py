"""Correct implementations of every graded function, written another way than the reference.

Each ``weekNN`` module defines ``EQUIVALENTS``, in the format of the mutants: a solution cell's
``grade_id`` mapped to ``(description, code)`` pairs. The hidden tests must pass every one of
them, with fresh randomness each time: a check that fails a correct answer is as wrong as one
that passes a wrong answer.
"""
from mutants import by_week

BY_WEEK = by_week(__name__, "EQUIVALENTS")
