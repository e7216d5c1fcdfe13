"""Comparing what a student's function gave with what the reference gave.

Both sides are plain data (see :mod:`dlkit.checks.codec`): the comparison dispatches on the
*expected* value's type and returns ``None`` when they match, else one sentence for the student
saying what differs (which output, which shape, how far off), never the expected values.

Fair by default: a list passes for a tuple and a 0-d array for a number; any float precision
passes where the reference's dtype kind is floating (results in single precision are compared
with a tolerance that single precision can meet); integer, boolean and floating results are told
apart only when the spec asks for ``exact_dtype``.
"""
import numbers

import numpy as np

from dlkit.checks.codec import is_tensor

# What float32 arithmetic can promise on the small problems of the checks.
SINGLE_PRECISION_RTOL = 1e-4
SINGLE_PRECISION_ATOL = 1e-6

_KIND_NAMES = {"f": "floating-point", "i": "integer", "u": "unsigned integer", "b": "boolean", "c": "complex"}


def compare(expected, actual, where, spec):
    """``None`` when ``actual`` matches ``expected`` within the tolerances of ``spec`` (its
    ``rtol``, ``atol``, ``exact_dtype`` and ``output_names``), else a sentence saying what differs."""
    if isinstance(expected, dict):
        return _compare_dicts(expected, actual, where, spec)
    if isinstance(expected, tuple):
        return _compare_tuples(expected, actual, where, spec)
    if isinstance(expected, list):
        return _compare_lists(expected, actual, where, spec)
    if isinstance(expected, np.ndarray):
        if not isinstance(actual, np.ndarray):
            return f"{where} should be a NumPy array of shape {expected.shape}, got {_kind(actual)}."
        if actual.shape != expected.shape:
            return f"{where} has shape {actual.shape}, expected {expected.shape}."
        return compare_numbers(expected, actual, where, spec)
    if is_tensor(expected):
        return _compare_tensors(expected, actual, where, spec)
    if isinstance(expected, bool):
        if not isinstance(actual, bool):
            return f"{where} should be True or False, got {_kind(actual)}."
        return None if actual == expected else f"{where} is {actual}, expected {expected}."
    if isinstance(expected, numbers.Real):
        if isinstance(actual, np.ndarray) and actual.ndim == 0:
            return compare_numbers(np.asarray(expected), actual, where, spec)
        if not isinstance(actual, numbers.Real) or isinstance(actual, bool):
            return f"{where} should be a single number, got {_kind(actual)}."
        return compare_numbers(np.asarray(expected), np.asarray(actual), where, spec)
    if type(actual) is not type(expected) or actual != expected:
        return f"{where} is {_short(actual)}, expected {_short(expected)}."
    return None


def _compare_dicts(expected, actual, where, spec):
    if not isinstance(actual, dict):
        return f"{where} should be a dict with keys {sorted(map(str, expected))}, got {_kind(actual)}."
    missing = [key for key in expected if key not in actual]
    if missing:
        return f"{where} is missing the key(s) {missing}."
    for key in expected:
        problem = compare(expected[key], actual[key], f"{where}[{key!r}]", spec)
        if problem:
            return problem
    return None


def _compare_tuples(expected, actual, where, spec):
    if not isinstance(actual, (tuple, list)) or len(actual) != len(expected):
        return f"{where} should be a tuple of {len(expected)} values, got {_kind(actual)}."
    names = spec.output_names if where == "the result" and spec.output_names else None
    for i, (e, a) in enumerate(zip(expected, actual)):
        problem = compare(e, a, names[i] if names else f"{where}[{i}]", spec)
        if problem:
            return problem
    return None


def _compare_lists(expected, actual, where, spec):
    if not isinstance(actual, (list, tuple, np.ndarray)) or len(actual) != len(expected):
        return f"{where} should be a list of {len(expected)} values, got {_kind(actual)}."
    if expected and all(isinstance(e, numbers.Real) and not isinstance(e, bool) for e in expected):
        if isinstance(actual, np.ndarray):
            return compare_numbers(np.asarray(expected), actual.reshape(-1), where, spec)
        if not all(isinstance(a, numbers.Real) or (isinstance(a, np.ndarray) and a.ndim == 0) for a in actual):
            return f"{where} should hold {len(expected)} numbers."
        return compare_numbers(np.asarray(expected), np.array([np.asarray(a).item() for a in actual]), where, spec)
    for i, (e, a) in enumerate(zip(expected, actual)):
        problem = compare(e, a, f"{where}[{i}]", spec)
        if problem:
            return problem
    return None


def _compare_tensors(expected, actual, where, spec):
    if not is_tensor(actual):
        return f"{where} should be a torch tensor of shape {tuple(expected.shape)}, got {_kind(actual)}."
    if tuple(actual.shape) != tuple(expected.shape):
        return f"{where} has shape {tuple(actual.shape)}, expected {tuple(expected.shape)}."
    if spec.exact_dtype and actual.dtype != expected.dtype:
        return f"{where} has dtype {actual.dtype}, expected {expected.dtype}."
    return compare_numbers(expected.numpy(), actual.numpy(), where, spec)


def logits_not_probabilities(expected, actual, where, spec):
    """Name the classic mistake, a softmax inside ``forward``, before comparing the outputs."""
    if (is_tensor(actual) and actual.shape == expected.shape and actual.dim() == 2
            and bool(((actual.sum(dim=1) - 1).abs() < 1e-5).all())):
        return (f"{where} holds probabilities (each row sums to 1); it should be the logits, the scores "
                "before the softmax: nn.CrossEntropyLoss applies the softmax itself.")
    return compare(expected, actual, where, spec)


def one_number(expected, actual, where, spec):
    """Like :func:`compare`, and an array or tensor holding one number passes for that number."""
    if isinstance(actual, np.ndarray) or is_tensor(actual):
        values = np.asarray(actual)
        actual = values.reshape(()) if values.size == 1 else actual
    return compare(expected, actual, where, spec)


def same_detections(expected, actual, where, spec):
    """Compare detections ``(scores, boxes, classes)`` as a set: in whatever order the student
    lists them (both sides are put in order of decreasing score first)."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 3:
        return f"{where} should be a tuple (scores, boxes, classes), got {_kind(actual)}."
    actual = tuple(np.asarray(part) for part in actual)
    if actual[0].ndim != 1 or any(len(part) != len(actual[0]) for part in actual):
        return f"{where} should hold one score, one box and one class per detection."
    if len(actual[0]) != len(expected[0]):
        return f"{where} keeps {len(actual[0])} detection(s), expected {len(expected[0])}."
    if actual[0].dtype.kind not in "biuf":
        return f"{where}: the scores should be numbers, got dtype {actual[0].dtype}."
    in_order = [tuple(part[np.argsort(-side[0], kind="stable")] for part in side) for side in (expected, actual)]
    return compare(in_order[0], in_order[1], where, spec)


def leading_outputs(*names):
    """A comparator for functions that return ``(*outputs, cache)``: compare the outputs, named
    ``names``, and not the cache, which is the student's own business."""
    def comparator(expected, actual, where, spec):
        count = len(expected)
        if not isinstance(actual, (tuple, list)) or len(actual) != count:
            return f"{where} should be the tuple ({', '.join(names)}, cache), got {_kind(actual)}."
        for name, e, a in zip(names, expected, actual):
            problem = compare(e, a, name, spec)
            if problem:
                return problem
        return None

    return comparator


def compare_numbers(expected, actual, where, spec):
    """Compare two arrays of the same shape value by value, within ``spec``'s tolerances."""
    if actual.dtype.kind not in "biufc":
        return f"{where} should contain numbers, got dtype {actual.dtype}."
    if spec.exact_dtype and expected.dtype.kind != actual.dtype.kind:
        return f"{where} has dtype {actual.dtype}, expected a {_KIND_NAMES.get(expected.dtype.kind, expected.dtype)} dtype."
    rtol, atol = spec.rtol, spec.atol
    if actual.dtype.kind == "f" and actual.dtype.itemsize < min(expected.dtype.itemsize, 8):
        rtol, atol = max(rtol, SINGLE_PRECISION_RTOL), max(atol, SINGLE_PRECISION_ATOL)
    expected_f, actual_f = expected.astype(float), actual.astype(float)
    if np.isnan(actual_f).any() and not np.isnan(expected_f).any():
        return f"{where} contains NaN (did an exp or log overflow?)."
    close = np.isclose(actual_f, expected_f, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    error = np.abs(actual_f - expected_f)
    if expected.ndim == 0:
        return f"{where} is wrong: off by {float(error):.3g}."
    error[close] = 0
    worst = np.unravel_index(np.nanargmax(error), error.shape)
    return (
        f"{where} is wrong at index {tuple(int(i) for i in worst)}: {int((~close).sum())} of {close.size} "
        f"value(s) differ, the largest by {error[worst]:.3g}."
    )


def _kind(value):
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _short(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
