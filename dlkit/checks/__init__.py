"""Checks of graded functions against the ``dlkit`` references.

    >>> from dlkit.checks import check
    >>> check("week01.sigmoid", my_sigmoid)          # visible test: prints a summary
    >>> check("week01.sigmoid", my_sigmoid, hidden=True)

- :mod:`~dlkit.checks.registry`: the registry and the protocol (cases, the student's run, the verdict);
- :mod:`~dlkit.checks.spec`: function specs, cases and call kinds;
- :mod:`~dlkit.checks.compare`: how results are compared;
- :mod:`~dlkit.checks.codec`: plain data and its byte format (no pickle);
- :mod:`~dlkit.checks.inputs`, :mod:`~dlkit.checks.properties`: shared input generators and properties;
- ``weekNN``: the specs of week NN, imported the first time one of its keys is looked up.
"""
from dlkit.checks.registry import REGISTRY, check, register
from dlkit.checks.spec import FunctionSpec

__all__ = ["REGISTRY", "FunctionSpec", "check", "register"]
