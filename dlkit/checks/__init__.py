"""Checks of graded functions against the ``dlkit`` references.

    >>> from dlkit.checks import check
    >>> check("week01.sigmoid", my_sigmoid)          # visible test: prints a summary
    >>> check("week01.sigmoid", my_sigmoid, hidden=True)

Importing this package registers every week's functions: each ``weekNN`` module here
registers the graded functions of week NN.
"""
import importlib
import pkgutil

from dlkit.checks.registry import REGISTRY, FunctionSpec, check, register

for _module in pkgutil.iter_modules(__path__):
    if _module.name.startswith("week"):
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["REGISTRY", "FunctionSpec", "check", "register"]
