"""Plausible wrong implementations of every graded function, one module per week.

Each ``weekNN`` module defines ``MUTANTS``: a solution cell's ``grade_id`` mapped to
``(description, code)`` pairs, the code being what a student could type into that cell. The
hidden tests must fail every one of them, and each must cost only its own function's points.
"""
import importlib
import pkgutil

BY_WEEK = {
    module.name: importlib.import_module(f"{__name__}.{module.name}").MUTANTS
    for module in pkgutil.iter_modules(__path__)
    if module.name.startswith("week")
}


def function_name(cell_id):
    """``"week02_layer_sizes_code"`` -> ``"layer_sizes"``."""
    return cell_id.split("_", 1)[1].removesuffix("_code")


def registry_key(cell_id):
    """``"week02_layer_sizes_code"`` -> ``"week02.layer_sizes"``."""
    return f"{cell_id.split('_', 1)[0]}.{function_name(cell_id)}"


def mutant_groups(mutants, rounds=3):
    """Submissions for a class of mutants: round r replaces half of the functions with their r-th
    mutant. Returns ``{name: (code_by_cell_id, names_of_mutated_functions)}``."""
    cell_ids = list(mutants)
    halves = (cell_ids[::2], cell_ids[1::2])
    groups = {}
    for round_ in range(rounds):
        for half, ids in enumerate(halves):
            code = {cell_id: mutants[cell_id][round_ % len(mutants[cell_id])][1] for cell_id in ids}
            groups[f"mutants_{round_}{'ab'[half]}"] = (code, {function_name(c) for c in ids})
    return groups


def as_function(code, name, namespace=None):
    """Execute ``code`` as a notebook cell would (``np`` imported, plus ``namespace``) and return ``name``."""
    import numpy as np

    scope = {"np": np, **(namespace or {})}
    exec(code, scope)
    return scope[name]
