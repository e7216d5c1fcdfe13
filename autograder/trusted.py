"""Trusted verdicts: the grader, not the student's kernel, decides whether a test cell passes.

A test cell made only of registry checks (``check("week01.sigmoid", sigmoid)``, with or
without ``hidden=True``) is never run in the kernel. For each check, the grader draws the cases
(hidden ones from a seed the kernel cannot know), sends only their arguments to
:mod:`dlkit.checks.shim` in the kernel, reads the answer back as plain data, computes the
reference's results in its own process and judges. Which checks a cell stands for is read from
the master notebook, never from the submission. Any other test cell (plain asserts) still runs in
the kernel, and :func:`untrusted_test_cells` lets ``build`` say so.
"""
import ast
import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass

from autograder.execution import CellOutcome, error_message
from autograder.notebooks import grade_id, is_test_cell
from dlkit.checks import codec
from dlkit.checks.registry import REGISTRY, check_cases, expected_outcome, judge
from dlkit.checks.shim import MIME, encode_cases


@dataclass(frozen=True)
class CheckCall:
    """One ``check(key, target, hidden=...)`` of a master test cell; ``target`` is the source of
    the expression naming the student's function (usually its name)."""

    key: str
    target: str
    hidden: bool


def checks_in_cell(source):
    """The checks a test cell's source stands for, or ``None`` when it holds anything else."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    checks = []
    for statement in tree.body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "check"
                and len(call.args) == 2 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
                and isinstance(call.args[1], (ast.Name, ast.Attribute))):
            return None
        hidden = False
        for keyword in call.keywords:
            if keyword.arg != "hidden" or not (isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, bool)):
                return None
            hidden = keyword.value.value
        checks.append(CheckCall(call.args[0].value, ast.unparse(call.args[1]), hidden))
    return checks or None


def trusted_test_cells(master):
    """``{grade_id: [CheckCall, ...]}`` of the master's test cells that the grader can judge itself."""
    found = {}
    for cell in master.cells:
        if is_test_cell(cell):
            checks = checks_in_cell(cell.source)
            if checks is not None:
                found[grade_id(cell)] = checks
    return found


def untrusted_test_cells(master):
    """Grade ids of the master's test cells that only the kernel can run (plain asserts...):
    their pass / fail can be faked by the student's code."""
    trusted = trusted_test_cells(master)
    return [grade_id(cell) for cell in master.cells if is_test_cell(cell) and grade_id(cell) not in trusted]


def audit(course, assignments=None):
    """Warnings about test cells the grader cannot judge itself, and about checks of keys no
    registry module defines, for every source notebook of ``assignments`` (all by default)."""
    import nbformat

    warnings = []
    for assignment in assignments or course.assignments():
        for path in sorted((course.source / assignment).glob("*.ipynb")):
            master = nbformat.read(path, as_version=4)
            for gid in untrusted_test_cells(master):
                warnings.append(f"{assignment}/{path.name}: test cell '{gid}' is not made of registry checks; it runs in "
                                "the student's kernel, where the student's code can fake its result (not tamper-proof)")
            for gid, checks in trusted_test_cells(master).items():
                for check in checks:
                    if check.key not in REGISTRY:
                        warnings.append(f"{assignment}/{path.name}: test cell '{gid}' checks {check.key!r}, which no "
                                        "module of dlkit.checks registers")
    return warnings


def hidden_seed(secret, student, assignment, key):
    """The seed of a hidden check: the same for every re-grade, different for every student and
    function, and unpredictable without the course's secret."""
    message = "\0".join((student, assignment, key)).encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest()[:4], "big")


def run_trusted_cell(checks, seeds, run_source):
    """Judge one test cell: ``checks`` from :func:`checks_in_cell`, ``seeds`` ``{key: hidden
    seed}``, ``run_source`` from :func:`autograder.execution.execute_notebook`. Returns
    ``(CellOutcome, outputs)``; the outcome is ``ok`` only when every case of every check passed."""
    outputs = []
    for key, target, cases in _grouped_cases(checks, seeds):
        if key not in REGISTRY:
            return CellOutcome("error", f"grader error: no check is registered under {key!r}"), outputs
        code = f"__import__('dlkit.checks.shim', fromlist=['run_cases']).run_cases({key!r}, {target}, {encode_cases(cases)!r})"
        outcome, answer = run_source(code)
        outputs += [output for output in answer if MIME not in output.get("data", {})]
        if outcome.status != "ok":
            return outcome, outputs
        problem = judge_answer(REGISTRY[key], cases, answer)
        if problem:
            return CellOutcome("failed", problem), outputs
    return CellOutcome("ok"), outputs


def _grouped_cases(checks, seeds):
    """``(key, target, cases)`` per function: a cell's visible and hidden checks of one function
    are sent together."""
    groups = {}
    for check in checks:
        spec_seed = seeds.get(check.key) if check.hidden else None
        cases = check_cases(REGISTRY[check.key], check.hidden, spec_seed) if check.key in REGISTRY else []
        groups.setdefault((check.key, check.target), []).extend(cases)
    return [(key, target, cases) for (key, target), cases in groups.items()]


def judge_answer(spec, cases, outputs):
    """``None`` when the kernel's answer (the shim's outputs) shows that every case passed, else
    a sentence for the student. Nothing in ``outputs`` is trusted: the answer must be exactly
    one list of base64 strings, one per case, each a well-formed codec message."""
    errors = [output for output in outputs if output.get("output_type") == "error"]
    if errors:
        return error_message(errors[0])
    answers = [output["data"][MIME] for output in outputs if MIME in output.get("data", {})]
    if len(answers) != 1:
        return f"the check of `{spec.name}` got {'no' if not answers else 'more than one'} answer from the notebook."
    answer = answers[0]
    if type(answer) is not list or len(answer) != len(cases) or not all(type(item) is str for item in answer):
        return f"the check of `{spec.name}` got a malformed answer from the notebook."
    for case, item in zip(cases, answer):
        try:
            outcome = codec.decode(base64.b64decode(item, validate=True))
        except (codec.DecodeError, binascii.Error, ValueError) as problem:
            return f"the check of `{spec.name}` could not read what the notebook sent ({problem})."
        if type(outcome) is not dict:
            return f"the check of `{spec.name}` got a malformed answer from the notebook."
        problem = judge(spec, case, expected_outcome(spec, case), outcome)
        if problem:
            return f"{problem}  [{case.origin}]"
    return None
