"""Checks of graded functions against the ``dlkit`` references.

    >>> from dlkit.checks import check
    >>> check("week01.sigmoid", my_sigmoid)          # visible test: prints a summary
    >>> check("week01.sigmoid", my_sigmoid, hidden=True)

Importing this package registers every week's functions.
"""
from dlkit.checks import week01  # noqa: F401  (registers the week's functions)
from dlkit.checks.registry import REGISTRY, FunctionSpec, check, register

__all__ = ["REGISTRY", "FunctionSpec", "check", "register"]
