"""The pieces of trusted grading, one at a time: which test cells the grader judges itself, what
travels to the kernel and back, how an answer is judged, delegation, and the sandbox."""
import base64
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from autograder import cheaters
from autograder.delegation import delegated_functions
from autograder.execution import execute_notebook
from autograder.sandbox import KernelLimits, enter, open_sandbox
from autograder.simulate import reference_solutions
from autograder.trusted import (CheckCall, checks_in_cell, hidden_seed, judge_answer, trusted_test_cells,
                                untrusted_test_cells)
from conftest import COURSE, source_notebook_of
from dlkit.checks import REGISTRY, codec
from dlkit.checks.registry import expected_outcome, judge, make_cases
from dlkit.checks.shim import MIME, encode_cases
from dlkit.checks.spec import Case

WEEKS = sorted({key.split(".")[0] for key in REGISTRY})


# --- which cells the grader judges ---------------------------------------------------------------

def test_a_cell_of_registry_checks_is_read_as_its_checks():
    source = 'check("week01.sigmoid", sigmoid)\n### BEGIN HIDDEN TESTS\ncheck("week01.sigmoid", sigmoid, hidden=True)\n### END HIDDEN TESTS'
    assert checks_in_cell(source) == [CheckCall("week01.sigmoid", "sigmoid", False), CheckCall("week01.sigmoid", "sigmoid", True)]


@pytest.mark.parametrize("source", [
    "assert sigmoid(0) == 0.5",
    'check("week01.sigmoid", sigmoid)\nassert sigmoid(0) == 0.5',
    'check("week01.sigmoid", sigmoid, seed=3)',
    'check(key, sigmoid)',
    'check("week01.sigmoid", make())',
    "",
    "def broken(:",
])
def test_any_other_cell_is_left_to_the_kernel(source):
    assert checks_in_cell(source) is None


@pytest.mark.parametrize("week", WEEKS)
def test_every_test_cell_of_the_course_is_judged_by_the_grader(week):
    master = nbformat.read(source_notebook_of(week), as_version=4)
    assert untrusted_test_cells(master) == []
    keys = {check.key for checks in trusted_test_cells(master).values() for check in checks}
    assert keys and all(key in REGISTRY for key in keys)


def test_hidden_seeds_are_stable_and_differ_by_student_function_and_secret():
    seed = hidden_seed(b"secret", "alice", "week01", "week01.sigmoid")
    assert seed == hidden_seed(b"secret", "alice", "week01", "week01.sigmoid")
    others = {hidden_seed(b"secret", "bob", "week01", "week01.sigmoid"), hidden_seed(b"secret", "alice", "week01", "week01.L1"),
              hidden_seed(b"other", "alice", "week01", "week01.sigmoid")}
    assert seed not in others and len(others) == 3


# --- what travels ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_cases_reach_the_kernel_unchanged(key):
    """The reference gives the same observations on the arguments as the kernel decodes them."""
    spec = REGISTRY[key]
    cases = make_cases(spec, seed=5, n_random=1)
    sent = codec.decode(base64.b64decode(encode_cases(cases)))
    for case, (args, seed) in zip(cases, sent):
        assert seed == case.seed
        received = Case(tuple(args), case.origin, seed)
        observed = codec.decode(codec.encode(expected_outcome(spec, received)))
        assert judge(spec, case, expected_outcome(spec, case), {"observed": observed}) is None


def _answer(outcomes):
    return [new_output("display_data", data={MIME: [base64.b64encode(codec.encode(o)).decode() for o in outcomes]})]


def _sigmoid_cases():
    return make_cases(REGISTRY["week01.sigmoid"], seed=1, n_random=2)


def test_a_right_answer_passes():
    spec, cases = REGISTRY["week01.sigmoid"], _sigmoid_cases()
    outcomes = [{"observed": expected_outcome(spec, case)} for case in cases]
    assert judge_answer(spec, cases, _answer(outcomes)) is None


@pytest.mark.parametrize("outputs, message", [
    ([], "no answer"),
    (_answer([{"observed": {"result": 0.5}}] * 4) * 2, "more than one answer"),
    ([new_output("display_data", data={MIME: {"not": "a list"}})], "malformed"),
    ([new_output("display_data", data={MIME: ["x"] * 4})], "could not read"),
    ([new_output("display_data", data={MIME: [base64.b64encode(b"DLKC\x01junk").decode()] * 4})], "could not read"),
    (_answer([["a list"]] * 4), "malformed"),
    (_answer([{"observed": {"result": 0.5}}] * 3), "malformed"),
    (_answer([{"observed": {"result": 0.5}}] * 4), "sigmoid"),
    ([new_output("error", ename="NameError", evalue="name 'sigmoid' is not defined", traceback=[])], "NameError"),
])
def test_a_wrong_missing_or_forged_answer_fails_with_a_reason(outputs, message):
    problem = judge_answer(REGISTRY["week01.sigmoid"], _sigmoid_cases(), outputs)
    assert problem and message in problem


# --- delegation -----------------------------------------------------------------------------------

def _submission(week, replace):
    """(master, submission) for ``week`` where the solution cells in ``replace`` hold other code."""
    master = nbformat.read(source_notebook_of(week), as_version=4)
    solutions = reference_solutions(master)
    nb = nbformat.from_dict(master)
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in solutions:
            cell.source = replace.get(gid, solutions[gid])
    return master, nb


@pytest.mark.parametrize("week", WEEKS)
def test_the_reference_solutions_delegate_nothing(week):
    master, nb = _submission(week, {})
    assert delegated_functions(nb, master, trusted_test_cells(master)) == {}


@pytest.mark.parametrize("code, function", [
    (cheaters.DELEGATED, "sigmoid"),
    ("from dlkit.scratch.activations import sigmoid as _s\ndef sigmoid(z):\n    return _s(z)", "sigmoid"),
    ("import dlkit\ndef sigmoid(z):\n    return dlkit.scratch.activations.sigmoid(z)", "sigmoid"),
    ("def sigmoid(z):\n    return __import__('dlkit.scratch.activations', fromlist=['x']).sigmoid(z)", "sigmoid"),
    ("def sigmoid(z):\n    from dlkit.checks import REGISTRY\n    return REGISTRY['week01.sigmoid'].reference(z)", "sigmoid"),
    ("def sigmoid(z):\n    return check.__globals__['REGISTRY']['week01.sigmoid'].reference(z)", "sigmoid"),
])
def test_each_form_of_delegation_is_caught(code, function):
    master, nb = _submission("week01", {"week01_sigmoid_code": code})
    found = delegated_functions(nb, master, trusted_test_cells(master))
    assert set(found) == {function} and "reference implementation" in found[function]


def test_delegation_through_a_helper_and_by_attribute_is_caught():
    master, nb = _submission("week01", {"week01_softmax_code": cheaters.DELEGATED_BY_ATTRIBUTE,
                                        "week01_L1_code": cheaters.DELEGATED_BY_IMPORTLIB,
                                        "week01_L2_code": cheaters.DELEGATED_THROUGH_A_HELPER})
    assert set(delegated_functions(nb, master, trusted_test_cells(master))) == {"softmax", "L1", "L2"}


def test_patching_the_shim_with_the_registry_costs_every_function():
    master, nb = _submission("week01", {"week01_sigmoid_code": cheaters.ANSWERS_FROM_THE_REGISTRY})
    assert len(delegated_functions(nb, master, trusted_test_cells(master))) == 12


def test_an_instructor_helper_imported_from_dlkit_is_fair_to_use():
    # Week 2's setup cell imports dlkit's sigmoid for the students to use: sigmoid is not graded there.
    master, nb = _submission("week02", {})
    assert "from dlkit.scratch.activations import sigmoid" in "".join(c.source for c in master.cells)
    assert delegated_functions(nb, master, trusted_test_cells(master)) == {}


# --- the sandbox ----------------------------------------------------------------------------------

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="the sandbox needs root")


def _run_boxed(box, code):
    (box.workdir / "kernel.json").write_text("{}")  # entering the box hands the connection file over
    entry = box.entry()
    return subprocess.run([sys.executable, "-c", code], preexec_fn=lambda: enter(entry), cwd=box.workdir,
                          env=box.kernel_env(os.environ), capture_output=True, text=True, timeout=60)


@needs_root
def test_a_boxed_process_runs_as_its_own_user_without_network_or_the_course(tmp_path):
    secret = tmp_path / "course" / "gradebook.db"
    secret.parent.mkdir()
    secret.write_text("grades")
    os.chmod(secret, 0o644)
    listener = socket.create_server(("127.0.0.1", 0))
    box = open_sandbox([tmp_path / "course", COURSE], KernelLimits(memory_mb=1024))
    try:
        done = _run_boxed(box, f"""
import os, socket
print(os.getuid())
for path in [{str(secret)!r}, {str(COURSE / 'source')!r}]:
    print(os.path.exists(path))
try:
    socket.create_connection(("127.0.0.1", {listener.getsockname()[1]}), timeout=2)
    print("connected")
except OSError:
    print("no network")
open("/tmp/boxed-canary", "w").write("x")
import numpy, dlkit
print("imports work")
""")
    finally:
        box.close()
        listener.close()
    assert done.stdout.split() == [str(box.uid), "False", "False", "no", "network", "imports", "work"], done.stderr
    assert not os.path.exists("/tmp/boxed-canary")
    assert box.missing == []


@needs_root
def test_everything_a_boxed_process_started_is_killed_even_after_setsid():
    box = open_sandbox()
    try:
        done = _run_boxed(box, """
import os, time
for _ in range(5):
    if os.fork() == 0:
        os.setsid()
        os.close(1), os.close(2)  # so that the test's pipes close
        if os.fork() == 0:
            time.sleep(600)
        os._exit(0)
print("started")
""")
        assert "started" in done.stdout
        time.sleep(0.5)
        assert len(box.processes_left()) == 5
        box.kill_everything()
        assert box.processes_left() == []
    finally:
        box.close()


@needs_root
def test_a_memory_limit_stops_a_boxed_process():
    box = open_sandbox(limits=KernelLimits(memory_mb=512))
    try:
        done = _run_boxed(box, "import numpy\ntry:\n    numpy.ones(2**30)\nexcept MemoryError:\n    print('stopped')")
    finally:
        box.close()
    assert "stopped" in done.stdout


def _forked_kernel_reports(box, code):
    """Run ``code`` in a kernel that the fork server forks into ``box``; return what it printed."""
    nb = new_notebook(cells=[new_code_cell(code)])
    outcomes = execute_notebook(nb, box.workdir, 60, 120, env=dict(os.environ, OMP_NUM_THREADS="1"), sandbox=box)
    assert outcomes[0].status == "ok", outcomes[0].message
    return "".join(output.get("text", "") for output in nb.cells[0].outputs).split()


_KERNEL_FACTS = """
import os, random, socket, sys
import numpy, torch
print(os.getuid(), os.getppid(), "" in sys.path and "/" not in sys.path, os.getcwd() == os.environ["HOME"])
print(random.random(), numpy.random.rand(), torch.rand(1).item(), torch.get_num_threads())
try:
    socket.create_connection(("127.0.0.1", 1), timeout=2)
except OSError as error:
    print(type(error).__name__)
"""


@needs_root
def test_forked_kernels_are_boxed_and_each_draws_its_own_random_numbers():
    reports = []
    for _ in range(2):
        box = open_sandbox()
        try:
            reports.append((box.uid, _forked_kernel_reports(box, _KERNEL_FACTS)))
            assert box.processes_left() == []
        finally:
            box.close()
    for uid, (kernel_uid, parent, imports_from_cwd, in_home, *draws, threads, network) in reports:
        assert int(kernel_uid) == uid
        assert "autograder.zygote" in Path(f"/proc/{parent}/cmdline").read_text()
        assert (imports_from_cwd, in_home, threads) == ("True", "True", "1")
        assert network == "OSError"  # "network is unreachable": no interface is up
    assert all(first != second for first, second in zip(reports[0][1][4:7], reports[1][1][4:7]))


def test_without_root_the_sandbox_says_what_it_cannot_do(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    box = open_sandbox()
    try:
        assert box.uid is None and "not running as root" in box.missing[0]
    finally:
        box.close()


def test_build_names_the_test_cells_the_grader_cannot_judge(tmp_path):
    from autograder.course import Course, copy_sources
    from autograder.trusted import audit

    course = copy_sources(Course(COURSE), tmp_path / "course")
    path = source_notebook_of("week01").relative_to(COURSE)
    nb = nbformat.read(course.root / path, as_version=4)
    nb.cells.append(new_code_cell("assert sigmoid(0) == 0.5", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "week01_extra", "points": 1, "schema_version": 3}}))
    nb.cells.append(new_code_cell('check("week01.no_such_function", sigmoid)', metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "week01_unknown", "points": 1, "schema_version": 3}}))
    nbformat.write(nb, course.root / path)
    warnings = audit(course, ["week01_logistic_regression"])
    assert len(warnings) == 2
    assert "'week01_extra'" in warnings[0] and "not tamper-proof" in warnings[0]
    assert "week01.no_such_function" in warnings[1]
    assert audit(course, ["week02_shallow_network"]) == []
