"""The check registry, and the protocol that runs a check in three separable steps.

:data:`REGISTRY` maps ``"weekNN.<function>"`` to a :class:`~dlkit.checks.spec.FunctionSpec`;
the module ``dlkit.checks.weekNN`` that registers a week's specs is imported the first time a
key of that week is looked up, so that importing :mod:`dlkit.checks` costs nothing.

A check is three steps that only exchange plain data, so that each can run in another process:

1. :func:`make_cases` (grader): the worked examples and random cases drawn from a seed;
2. :func:`run_case` (wherever the student's function lives): call it on one case, with the
   graded helpers it uses bound to their references, and return the *encoded* outcome (what it
   observed, or the error it raised);
3. :func:`expected_outcome` and :func:`judge` (grader): run the reference on the same case and
   compare, then check the spec's properties.

:func:`check` runs the three in this process; it is what the notebooks' test cells call when a
student runs them. The grader runs step 2 alone in the student's kernel, through
:mod:`dlkit.checks.shim`, and steps 1 and 3 in its own process.
"""
import contextlib
import importlib
import inspect
import pkgutil
import re
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from dlkit.checks import codec
from dlkit.checks.compare import compare
from dlkit.checks.spec import Case

VISIBLE_SEED = 2024
N_RANDOM_VISIBLE = 3
N_RANDOM_HIDDEN = 10
_WEEK_MODULE = re.compile(r"week\d\d")
_MAX_ERROR_TEXT = 500
_DLKIT_ROOT = str(Path(__file__).resolve().parents[1])


class CheckFailed(AssertionError):
    """A graded function failed its check. The message says what is wrong; in a notebook,
    IPython shows the message alone (``_render_traceback_``), not the frames of the checks."""

    def _render_traceback_(self):
        return [f"\x1b[0;31mCheck failed:\x1b[0m {self}"]


class Registry(Mapping):
    """``{key: FunctionSpec}``, loading each week's module on first use."""

    def __init__(self, package):
        self._package = package
        self._specs = {}

    def add(self, spec):
        if spec.key in self._specs:
            raise ValueError(f"{spec.key} is already registered")
        self._specs[spec.key] = spec
        return spec

    def __getitem__(self, key):
        week = key.split(".", 1)[0]
        if key not in self._specs and _WEEK_MODULE.fullmatch(week):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{self._package}.{week}")
        return self._specs[key]

    def _load_all(self):
        package = importlib.import_module(self._package)
        for module in pkgutil.iter_modules(package.__path__):
            if _WEEK_MODULE.fullmatch(module.name):
                importlib.import_module(f"{self._package}.{module.name}")

    def __iter__(self):
        self._load_all()
        return iter(sorted(self._specs))

    def __len__(self):
        self._load_all()
        return len(self._specs)

    def week(self, week):
        """The keys of one week (``"week03"``), in registration order."""
        importlib.import_module(f"{self._package}.{week}")
        return [key for key in self._specs if key.startswith(f"{week}.")]


REGISTRY = Registry("dlkit.checks")


def register(spec):
    """Add ``spec`` to the registry; a key can be registered only once."""
    return REGISTRY.add(spec)


# --- 1. cases ----------------------------------------------------------------------------------

def fresh_seed():
    """A seed from the operating system's entropy, for hidden checks."""
    return int(np.random.SeedSequence().entropy % 2**32)


def check_cases(spec, hidden, seed=None):
    """The cases of a visible check (a fixed seed, a few random cases) or of a hidden one (more
    random cases, from fresh randomness, whose seed messages name so that a failure can be
    replayed, or from the grader's ``seed``, which they never name)."""
    secret = hidden and seed is not None
    if seed is None:
        seed = fresh_seed() if hidden else VISIBLE_SEED
    cases = make_cases(spec, seed, N_RANDOM_HIDDEN if hidden else N_RANDOM_VISIBLE)
    if not secret:
        return cases
    # The grader's seeds are never shown: whoever knew one could work out the expected results.
    return [case if case.origin.startswith("example") else Case(case.args, "a hidden random test", case.seed)
            for case in cases]


def make_cases(spec, seed, n_random):
    """The examples of ``spec``, then ``n_random`` random cases drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    cases = [Case(tuple(args), f"example {i + 1}", seed) for i, args in enumerate(spec.example_args())]
    cases += [Case(tuple(spec.random_args(rng)), f"random test, seed {seed}", seed) for _ in range(n_random)]
    return [Case(case.args, case.origin, (seed + number) % 2**32) for number, case in enumerate(cases)]


# --- 2. the student's side ---------------------------------------------------------------------

def run_case(spec, function, case):
    """Run ``function`` on ``case`` and return the encoded outcome: ``{"observed": ...}`` or
    ``{"raised": "TypeError: ..."}``, ``{"not_implemented": True}``, ``{"not_plain": "..."}``."""
    try:
        with _helpers_bound_to_references(function, spec.uses):
            observed = _observe(spec, function, case)
    except NotImplementedError:
        return codec.encode({"not_implemented": True})
    except Exception as error:  # the student's error is the outcome, not a failure of the check
        return codec.encode({"raised": (f"{type(error).__name__}: {error}" + _where_in_students_code(error))[:_MAX_ERROR_TEXT]})
    try:
        return codec.encode({"observed": observed})
    except codec.NotPlainData as problem:
        return codec.encode({"not_plain": str(problem)})


def _where_in_students_code(error):
    """`` (line N: `source`)`` for the innermost frame of ``error``'s traceback that is the
    student's code (not the checks', not an installed library's), or ``""``."""
    library_roots = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix, _DLKIT_ROOT})
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if not frame.filename.startswith(library_roots) and not frame.filename.startswith("<frozen")]
    if not frames:
        return ""
    frame = frames[-1]
    line = (frame.line or "").strip()
    return f" (in {frame.name}, line {frame.lineno}: `{line}`)" if line else f" (in {frame.name}, line {frame.lineno})"


def _observe(spec, function, case):
    """Call through the spec's call kind with the generators seeded from the case. NumPy's global
    generator is seeded only where the spec says the function draws from it; torch's is seeded
    inside a fork, so a check leaves the notebook's torch random state as it found it."""
    if spec.seed_global_rng:
        np.random.seed(case.seed)
    torch = sys.modules.get("torch")
    if torch is None:
        return spec.call.observe(function, case.args)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(case.seed)
        return spec.call.observe(function, case.args)


@contextlib.contextmanager
def _helpers_bound_to_references(function, keys):
    """Bind the graded helpers named in ``keys`` to their references in ``function``'s globals,
    each behind a stand-in with the student's own signature, and restore them afterwards."""
    namespace = _namespace_of(function)
    if namespace is None or not keys:
        yield
        return
    missing = object()
    saved = {}
    for key in keys:
        spec = REGISTRY[key]
        saved[spec.name] = namespace.get(spec.name, missing)
        namespace[spec.name] = _stand_in(spec, saved[spec.name])
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def _namespace_of(function):
    """The global namespace ``function`` looks names up in; for a class, that of its methods
    (a module class such as ``ResNet`` finds its blocks there)."""
    if isinstance(function, type):
        methods = [member for member in vars(function).values() if inspect.isfunction(member)]
        return methods[0].__globals__ if methods else None
    return getattr(function, "__globals__", None)


def _stand_in(spec, students_helper):
    """The reference of ``spec``, callable the way the student calls their own helper: keyword
    arguments use the student's parameter names (or the reference's where the student's helper
    is missing or takes other arguments) and are passed on by position."""
    signature = inspect.signature(spec.reference)
    try:
        theirs = inspect.signature(students_helper)
        if len(theirs.parameters) == len(signature.parameters):
            signature = theirs
    except (TypeError, ValueError):
        pass

    def stand_in(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as error:
            raise TypeError(f"{spec.name}() {error}") from None
        bound.apply_defaults()
        return spec.reference(*bound.args, **bound.kwargs)

    stand_in.__name__ = stand_in.__qualname__ = spec.name
    return stand_in


# --- 3. the grader's side ----------------------------------------------------------------------

def expected_outcome(spec, case):
    """What the reference observes on ``case``, as plain data."""
    return codec.to_plain(_observe(spec, spec.reference, case))


def judge(spec, case, expected, outcome):
    """``None`` when the decoded ``outcome`` of the student's function matches ``expected``,
    else a sentence for the student."""
    if outcome.get("not_implemented"):
        return f"`{spec.name}` is not implemented yet (it raised NotImplementedError)."
    call = spec.call.describe(spec.name, case.args)
    if "raised" in outcome:
        return f"{call} raised {outcome['raised']}"
    if "not_plain" in outcome:
        return f"{call} returned {outcome['not_plain']}, which cannot be graded: return numbers, arrays, tensors, lists, tuples or dicts."
    observed = outcome.get("observed")
    if not isinstance(observed, dict):
        return "the check received a malformed outcome."
    for name, value in expected.items():
        where = spec.call.labels.get(name, name)
        if name not in observed:
            problem = f"{where} could not be observed."
        elif name == "after":
            problem = next(filter(None, (compare(v, observed[name].get(k), f"{where} {k}", spec) for k, v in value.items())), None)
        elif spec.comparator is not None and name in ("result", "output"):
            problem = spec.comparator(value, observed[name], where, spec)
        else:
            problem = compare(value, observed[name], where, spec)
        if problem:
            return f"{call}: {problem}"
    for check_property in spec.properties:
        problem = check_property(case.args, observed)
        if problem:
            return f"{call}: {problem}"
    return None


def check(key, function, *, hidden=False, seed=None):
    """Check ``function`` against the reference registered under ``key``.

    Visible mode runs the examples and a few random cases from a fixed seed, then prints a
    one-line summary. Hidden mode (``hidden=True``) runs the examples and more cases drawn
    from fresh randomness (or from ``seed``), and prints nothing when all pass.
    Raises :class:`CheckFailed` (an ``AssertionError``) describing the first case that fails.
    """
    spec = REGISTRY[key]
    if not callable(function):
        raise CheckFailed(f"`{spec.name}` should be a function, but it is a {type(function).__name__}.")
    cases = check_cases(spec, hidden, seed)
    for case in cases:
        expected = expected_outcome(spec, case)
        outcome = codec.decode(run_case(spec, function, case))
        problem = judge(spec, case, expected, outcome)
        if problem:
            raise CheckFailed(f"{problem}  [{case.origin}]")
    if not hidden:
        print(f"{spec.name}: all {len(cases)} tests passed.")
