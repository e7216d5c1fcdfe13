"""Plausible wrong implementations of every graded function, one module per week.

Each ``weekNN`` module defines ``MUTANTS``: a solution cell's ``grade_id`` mapped to
``(description, code)`` pairs, the code being what a student could type into that cell. The
hidden tests must fail every one of them, and each must cost only its own function's points.
"""
import importlib
import pkgutil

from autograder.notebooks import graded_function


def by_week(package, attribute):
    """``{"weekNN": module.<attribute>}`` for every ``weekNN`` module of ``package``."""
    path = importlib.import_module(package).__path__
    return {
        module.name: getattr(importlib.import_module(f"{package}.{module.name}"), attribute)
        for module in pkgutil.iter_modules(path)
        if module.name.startswith("week")
    }


BY_WEEK = by_week(__name__, "MUTANTS")


def mutant_groups(mutants, rounds=3):
    """Submissions for a class of mutants: round r replaces half of the functions with their r-th
    mutant. Returns ``{name: (code_by_cell_id, names_of_mutated_functions)}``."""
    cell_ids = list(mutants)
    halves = (cell_ids[::2], cell_ids[1::2])
    groups = {}
    for round_ in range(rounds):
        for half, ids in enumerate(halves):
            code = {cell_id: mutants[cell_id][round_ % len(mutants[cell_id])][1] for cell_id in ids}
            groups[f"mutants_{round_}{'ab'[half]}"] = (code, {graded_function(c) for c in ids})
    return groups


def as_function(code, name, namespace=None):
    """Execute ``code`` as a notebook cell would (``np`` imported, plus ``namespace``) and return ``name``."""
    import numpy as np

    scope = {"np": np, **(namespace or {})}
    exec(code, scope)
    return scope[name]
