"""A class of cheaters graded through the real command: every attack costs what it should and
achieves nothing, and after the batch nothing of theirs is left running or written anywhere.
Also: re-grades are identical, and so is a batch killed halfway and resumed."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from autograder import cheaters, demo, simulate
from autograder.report import gradebook_rows
from autograder.sandbox import FIRST_UID, SANDBOX_ROOT, SLOTS
from autograder.trusted import hidden_seed
from conftest import COURSE, REPO, WEEK01, autograder_cli, copy_of_built, read_release, read_source
from dlkit.checks import check

pytestmark = pytest.mark.e2e


class Listener:
    """A TCP server on 127.0.0.1 that records every connection made to it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, address = self.server.accept()
            except OSError:
                return
            self.connections.append(address)
            connection.close()

    def close(self):
        self.server.close()


def _sandbox_processes():
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                uid = int((entry / "status").read_text().split("\nUid:")[1].split()[0])
            except (OSError, IndexError, ValueError):
                continue
            if FIRST_UID <= uid < FIRST_UID + SLOTS:
                found.append(int(entry.name))
    return found


def _files_of_sandbox_users(*folders):
    found = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                path = os.path.join(root, name)
                try:
                    if FIRST_UID <= os.lstat(path).st_uid < FIRST_UID + SLOTS:
                        found.append(path)
                except OSError:
                    pass
    return found


@pytest.fixture(scope="module")
def graded(built_course, tmp_path_factory):
    course = copy_of_built(built_course, tmp_path_factory.mktemp("adversarial") / "course")
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    listener = Listener()
    students = [simulate.Student("honest", "the reference solution", lambda: simulate.fill_in(release, reference))]
    students += cheaters.cheating_class(release, reference, course.root, COURSE, listener.port)
    students += [s for s in demo.simulated_class(release, reference) if s.name in ("ivan", "mallory")]
    demo.write_class(course, students)
    started = time.monotonic()
    done = autograder_cli("grade", "--workers", "2", "--cell-timeout", "20", "--memory-mb", "2048", course=course)
    seconds = time.monotonic() - started
    time.sleep(1)
    listener.close()
    rows = {row["student"]: row for row in gradebook_rows(course, [WEEK01])}
    return course, {s.name: s for s in students}, rows, listener, done.stdout, seconds


def _lost(row):
    return {gid.removeprefix("week01_") for gid in row if gid.startswith("week01_") and row[gid] == 0}


@pytest.mark.parametrize("student", [
    "honest",
    *[f"{name}_{how}" for name in ("fake_check", "swallow_tests", "hide_tracebacks", "patch_comparisons")
      for how in ("untouched", "solved")],
    "always_equal", "forged_answers", "registry_answers", "delegator",
    "reader", "writer", "caller", "fork_bomber", "chatterbox", "memory_bomber", "ivan", "mallory",
])
def test_each_student_scores_exactly_what_their_code_earns(graded, student):
    course, students, rows, *_ = graded
    expected = set(cheaters.FUNCTIONS) if "*" in students[student].loses else students[student].loses
    assert _lost(rows[student]) == expected
    if students[student].issue:
        assert students[student].issue in (course.autograded / student / WEEK01 / f"{WEEK01}.result.json").read_text()


def test_no_connection_reached_the_listener(graded):
    assert graded[3].connections == []


def test_nothing_was_written_outside_the_scratch_folders(graded):
    course = graded[0]
    assert [p for p in cheaters.places_outside(course.root, "writer") if os.path.exists(p)] == []
    assert _files_of_sandbox_users("/tmp", "/var/tmp", "/dev/shm", course.root, SANDBOX_ROOT, REPO / "course") == []


def test_no_process_of_any_submission_is_left(graded):
    assert _sandbox_processes() == []


def test_the_output_a_cell_can_store_is_capped(graded):
    course = graded[0]
    assert (course.autograded / "chatterbox" / WEEK01 / f"{WEEK01}.ipynb").stat().st_size < 5 * 2**20
    assert "was dropped" in (course.autograded / "chatterbox" / WEEK01 / f"{WEEK01}.ipynb").read_text()


def test_the_grader_says_what_protected_it(graded):
    course = graded[0]
    result = json.loads((course.autograded / "honest" / WEEK01 / f"{WEEK01}.result.json").read_text())
    assert result["sandbox"]["missing"] == []
    assert any("no network" in line for line in result["sandbox"]["applied"])


def _grades(course):
    """``{(student, notebook): {grade_id: (score, message)}}`` from the result files."""
    found = {}
    for path in sorted(course.autograded.glob("*/*/*.result.json")):
        result = json.loads(path.read_text())
        found[(path.parts[-3], path.name)] = {gid: (g["score"], g["message"]) for gid, g in result["grades"].items()}
    return found


SECRET = "ab" * 32
SOMETIMES_WRONG_L1 = '''
def L1(yhat, y):
    loss = float(np.sum(np.abs(y - yhat)))
    return loss + 1 if int(loss * 1e6) %% %d == 0 else loss
'''


def _l1_wrong_on_hidden_tests_only(student):
    """A wrong L1 that passes the visible test and fails the student's hidden one."""
    import numpy as np

    seed = hidden_seed(bytes.fromhex(SECRET), student, WEEK01, "week01.L1")
    for modulus in range(2, 200):
        namespace = {"np": np}
        exec(SOMETIMES_WRONG_L1 % modulus, namespace)
        try:
            check("week01.L1", namespace["L1"])
        except AssertionError:
            continue
        try:
            check("week01.L1", namespace["L1"], hidden=True, seed=seed)
        except AssertionError:
            return SOMETIMES_WRONG_L1 % modulus
    raise AssertionError("no modulus makes a suitable mutant")


def _small_class(course, names):
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    for i, name in enumerate(names):
        wrong = {"week01_propagate_code": demo.WRONG_PROPAGATE} if i % 2 else {"week01_L1_code": _l1_wrong_on_hidden_tests_only(name)}
        simulate.write(simulate.fill_in(release, {**reference, **wrong}), course.submitted / name / WEEK01 / f"{WEEK01}.ipynb")
    (course.root / ".grading_secret").write_text(SECRET)


def test_three_regrades_give_identical_results(built_course, tmp_path):
    course = copy_of_built(built_course, tmp_path / "course")
    _small_class(course, ["one", "two"])
    runs = []
    for _ in range(3):
        autograder_cli("grade", "--workers", "2", course=course)
        runs.append(_grades(course))
    assert runs[0] == runs[1] == runs[2]
    assert "a hidden random test" in runs[0][("one", f"{WEEK01}.result.json")]["week01_L1"][1]


def test_a_batch_killed_halfway_and_resumed_matches_an_uninterrupted_one(built_course, tmp_path):
    names = [f"s{i}" for i in range(6)]
    uninterrupted = copy_of_built(built_course, tmp_path / "uninterrupted")
    _small_class(uninterrupted, names)
    autograder_cli("grade", "--workers", "2", course=uninterrupted)

    course = copy_of_built(built_course, tmp_path / "resumed")
    _small_class(course, names)
    grader = subprocess.Popen([sys.executable, "-m", "autograder", "--course", str(course.root), "grade", "--workers", "1"],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(list(course.autograded.glob("*/*/*.result.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(grader.pid, signal.SIGKILL)
    grader.wait()
    halfway = len(list(course.autograded.glob("*/*/*.result.json")))
    assert 2 <= halfway < len(names)
    autograder_cli("grade", "--workers", "2", "--resume", course=course)
    assert _grades(course) == _grades(uninterrupted)
    assert {row["student"]: row["total"] for row in gradebook_rows(course, [WEEK01])} == \
        {row["student"]: row["total"] for row in gradebook_rows(uninterrupted, [WEEK01])}


def test_a_plain_assert_test_cell_still_runs_in_the_kernel_and_build_says_so(tmp_path):
    from nbformat.v4 import new_code_cell

    from autograder.course import Course, copy_sources

    course = copy_sources(Course(COURSE), tmp_path / "course")
    source = course.source / WEEK01 / f"{WEEK01}.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells.append(new_code_cell("assert abs(sigmoid(0) - 0.5) < 1e-12", metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "week01_sigmoid_at_zero", "points": 1,
        "schema_version": 3}}))
    nbformat.write(nb, source)
    built = autograder_cli("build", WEEK01, course=course)
    assert "'week01_sigmoid_at_zero' is not made of registry checks" in built.stdout
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    simulate.write(simulate.fill_in(release, reference), course.submitted / "honest" / WEEK01 / f"{WEEK01}.ipynb")
    simulate.write(release, course.submitted / "untouched" / WEEK01 / f"{WEEK01}.ipynb")
    autograder_cli("grade", "--workers", "2", course=course)
    rows = {row["student"]: row for row in gradebook_rows(course, [WEEK01])}
    assert rows["honest"]["week01_sigmoid_at_zero"] == 1 and rows["honest"]["total"] == 21
    assert rows["untouched"]["total"] == 0
