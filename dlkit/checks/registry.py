"""The check registry: one entry per graded function, keyed ``"weekNN.<function>"``.

An entry (:class:`FunctionSpec`) names the ``dlkit`` reference, fixed example inputs (the worked
numbers of the lectures) and a generator of random inputs. :func:`check` calls a student's
function and the reference on the same inputs and raises ``AssertionError`` with a message
meant for the student when they disagree: which output, which shape, how far off, never the
reference's code. Visible and hidden notebook tests, the autograder and the test suite all go
through :func:`check`.
"""
import contextlib
import copy
import numbers
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

VISIBLE_SEED = 2024
N_RANDOM_VISIBLE = 3
N_RANDOM_HIDDEN = 10


@dataclass(frozen=True)
class FunctionSpec:
    """How to check one graded function.

    ``random_args(rng)`` returns a tuple of positional arguments; ``examples`` are fixed
    argument tuples. ``uses`` lists the keys of other graded functions that this one is
    expected to call: during the check those names are bound to their references, so that a
    mistake in, say, ``sigmoid`` costs the points of ``sigmoid`` only and not those of
    everything built on it. ``exact_dtype`` requires the kind of every returned number (float,
    integer, bool) to match the reference's; turn it off where any numeric type is fine.
    """

    key: str
    reference: Callable
    random_args: Callable[[np.random.Generator], tuple]
    examples: tuple = ()
    uses: tuple = ()
    rtol: float = 1e-6
    atol: float = 1e-8
    exact_dtype: bool = True
    output_names: tuple = field(default=())
    seed_global_rng: bool = False
    extra_checks: tuple = ()

    @property
    def name(self):
        return self.key.split(".", 1)[1]


REGISTRY: dict[str, FunctionSpec] = {}


def register(spec):
    """Add ``spec`` to the registry; a key can be registered only once."""
    if spec.key in REGISTRY:
        raise ValueError(f"{spec.key} is already registered")
    REGISTRY[spec.key] = spec
    return spec


def check(key, function, *, hidden=False, seed=None):
    """Check ``function`` against the reference registered under ``key``.

    Visible mode runs the examples and a few random cases from a fixed seed, then prints a
    one-line summary. Hidden mode (``hidden=True``) runs the examples and more cases drawn
    from fresh randomness (or from ``seed``), and prints nothing when all pass.
    Raises ``AssertionError`` describing the first case that fails.
    """
    spec = REGISTRY[key]
    if not callable(function):
        raise AssertionError(f"`{spec.name}` should be a function, but it is a {type(function).__name__}.")
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % 2**32) if hidden else VISIBLE_SEED
    rng = np.random.default_rng(seed)
    n_random = N_RANDOM_HIDDEN if hidden else N_RANDOM_VISIBLE
    cases = [(args, "example") for args in spec.examples]
    cases += [(spec.random_args(rng), f"random test, seed {seed}") for _ in range(n_random)]
    with _graded_dependencies_bound_to_references(function, spec.uses):
        for number, (args, origin) in enumerate(cases):
            _check_case(spec, function, args, origin, rng_seed=(seed + number) % 2**32)
    if not hidden:
        print(f"{spec.name}: all {len(cases)} tests passed.")


def _check_case(spec, function, args, origin, rng_seed):
    call = f"{spec.name}({', '.join(describe(a) for a in args)})"
    expected = _call(spec.reference, args, spec.seed_global_rng, rng_seed)
    try:
        actual = _call(function, args, spec.seed_global_rng, rng_seed)
    except NotImplementedError:
        raise AssertionError(f"`{spec.name}` is not implemented yet (it raised NotImplementedError).") from None
    except Exception as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__}: {error}  [{origin}]"
        ) from error
    problem = compare(expected, actual, "the result", spec)
    for extra in spec.extra_checks:
        problem = problem or extra(function, copy.deepcopy(args), actual)
    if problem:
        raise AssertionError(f"{call}: {problem}  [{origin}]")


def _call(function, args, seed_global_rng, rng_seed):
    if seed_global_rng:
        np.random.seed(rng_seed)
    return function(*copy.deepcopy(args))


@contextlib.contextmanager
def _graded_dependencies_bound_to_references(function, keys):
    namespace = getattr(function, "__globals__", None)
    if namespace is None or not keys:
        yield
        return
    missing = object()
    saved = {}
    for key in keys:
        name = REGISTRY[key].name
        saved[name] = namespace.get(name, missing)
        namespace[name] = REGISTRY[key].reference
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def describe(value):
    """A short description of an argument for messages: its shape for arrays, its value for scalars."""
    if isinstance(value, np.ndarray):
        return f"array{value.shape}" if value.ndim else f"{value.item():.4g}"
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, numbers.Real):
        return f"{value:.4g}"
    return type(value).__name__


def compare(expected, actual, where, spec):
    """Return ``None`` when ``actual`` matches ``expected``, else a sentence saying what differs."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{where} should be a dict with keys {sorted(expected)}, got {type(actual).__name__}."
        missing = [k for k in expected if k not in actual]
        if missing:
            return f"{where} is missing the key(s) {missing}."
        for k in expected:
            problem = compare(expected[k], actual[k], f"{where}[{k!r}]", spec)
            if problem:
                return problem
        return None
    if isinstance(expected, tuple):
        if not isinstance(actual, (tuple, list)) or len(actual) != len(expected):
            return f"{where} should be a tuple of {len(expected)} values, got {_kind_and_length(actual)}."
        names = spec.output_names or [f"value {i}" for i in range(len(expected))]
        for i, (e, a) in enumerate(zip(expected, actual)):
            label = names[i] if where == "the result" else f"{where}[{i}]"
            problem = compare(e, a, label, spec)
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if not isinstance(actual, (list, tuple, np.ndarray)) or len(actual) != len(expected):
            return f"{where} should be a list of {len(expected)} values, got {_kind_and_length(actual)}."
        if all(isinstance(e, (numbers.Real, np.generic)) for e in expected):
            return _compare_numbers(np.asarray(expected), np.asarray(actual, dtype=object), where, spec)
        for i, (e, a) in enumerate(zip(expected, actual)):
            problem = compare(e, a, f"{where}[{i}]", spec)
            if problem:
                return problem
        return None
    if isinstance(expected, np.ndarray):
        if not isinstance(actual, np.ndarray):
            return f"{where} should be a NumPy array of shape {expected.shape}, got {type(actual).__name__}."
        if actual.shape != expected.shape:
            return f"{where} has shape {actual.shape}, expected {expected.shape}."
        return _compare_numbers(expected, actual, where, spec)
    if _is_tensor(expected):
        if not _is_tensor(actual):
            return f"{where} should be a torch tensor of shape {tuple(expected.shape)}, got {type(actual).__name__}."
        if tuple(actual.shape) != tuple(expected.shape):
            return f"{where} has shape {tuple(actual.shape)}, expected {tuple(expected.shape)}."
        if spec.exact_dtype and actual.dtype != expected.dtype:
            return f"{where} has dtype {actual.dtype}, expected {expected.dtype}."
        return _compare_numbers(_to_numpy(expected), _to_numpy(actual), where, spec)
    if isinstance(expected, (numbers.Real, np.generic)) and not isinstance(expected, (bool, np.bool_)):
        if isinstance(actual, np.ndarray) and actual.ndim == 0:
            actual = actual[()]
        if not isinstance(actual, (numbers.Real, np.generic)) or isinstance(actual, (bool, np.bool_)):
            return f"{where} should be a single number, got {type(actual).__name__}."
        return _compare_numbers(np.asarray(expected), np.asarray(actual), where, spec)
    if actual != expected:
        return f"{where} is {actual!r}, expected {expected!r}."
    return None


def _is_tensor(value):
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def _to_numpy(tensor):
    return tensor.detach().cpu().numpy()


def _kind_and_length(value):
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)}"
    return type(value).__name__


def _compare_numbers(expected, actual, where, spec):
    try:
        actual_numbers = actual.astype(float) if actual.dtype == object else actual
    except (TypeError, ValueError):
        return f"{where} should contain numbers."
    if spec.exact_dtype and actual.dtype != object and expected.dtype.kind != actual.dtype.kind:
        return f"{where} has dtype {actual.dtype}, expected a {_KIND_NAMES.get(expected.dtype.kind, expected.dtype)} dtype."
    if not np.issubdtype(actual_numbers.dtype, np.number) and actual_numbers.dtype != bool:
        return f"{where} should contain numbers, got dtype {actual_numbers.dtype}."
    expected_f, actual_f = expected.astype(float), actual_numbers.astype(float)
    if np.isnan(actual_f).any() and not np.isnan(expected_f).any():
        return f"{where} contains NaN (did an exp or log overflow?)."
    close = np.isclose(actual_f, expected_f, rtol=spec.rtol, atol=spec.atol, equal_nan=True)
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


_KIND_NAMES = {"f": "floating-point", "i": "integer", "u": "unsigned integer", "b": "boolean"}
