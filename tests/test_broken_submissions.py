"""Broken submissions that used to get the wrong result, graded through the real command: each
loses exactly what it should, with a clear reason; killing the grader leaves nothing behind, and
a grading worker that crashes costs one notebook."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder import demo, simulate
from autograder.course import master_notebook
from autograder.grading import GradingWorker, Limits, make_job
from autograder.report import gradebook_rows
from autograder.trusted import trusted_test_cells
from conftest import REPO, WEEK01, autograder_cli, copy_of_built, read_release, read_source

pytestmark = pytest.mark.e2e

ENDLESS_SIGMOID = '''
def sigmoid(z):
    while True:
        pass
'''
SLOW_SIGMOID = '''
import time
time.sleep(300)
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''


@pytest.fixture(scope="module")
def graded(built_course, tmp_path_factory):
    course = copy_of_built(built_course, tmp_path_factory.mktemp("broken") / "course")
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    solved = simulate.fill_in(release, reference)
    Student = simulate.Student
    students = {s.name: s for s in [
        Student("stripped_metadata", "", lambda: simulate.without_nbgrader_metadata(solved),
                issue="recognised by its content"),
        Student("lone_surrogate", "", lambda: simulate.as_bytes_with_lone_surrogate(solved, "week01_sigmoid_code"),
                issue="lone surrogates"),
        Student("endless_sigmoid", "", lambda: simulate.fill_in(release, {**reference, "week01_sigmoid_code": ENDLESS_SIGMOID}),
                {"sigmoid"}),
    ]}
    demo.write_class(course, students.values())
    autograder_cli("grade", "--workers", "2", "--cell-timeout", "10", course=course)
    rows = {row["student"]: row for row in gradebook_rows(course, [WEEK01])}
    return course, students, rows


@pytest.mark.parametrize("student", ["stripped_metadata", "lone_surrogate", "endless_sigmoid"])
def test_each_loses_only_what_is_wrong_and_says_why(graded, student):
    course, students, rows = graded
    row = rows[student]
    lost = {gid.removeprefix("week01_") for gid in row if gid.startswith("week01_") and row[gid] == 0}
    assert lost == students[student].loses
    result = (course.autograded / student / WEEK01 / f"{WEEK01}.result.json").read_text()
    assert students[student].issue in result


def test_a_hang_in_a_graded_function_stops_only_its_own_test(graded):
    course, *_ = graded
    result = json.loads((course.autograded / "endless_sigmoid" / WEEK01 / f"{WEEK01}.result.json").read_text())
    statuses = {gid: grade["status"] for gid, grade in result["grades"].items()}
    # The demonstration cells that call sigmoid are not run, so they cannot hang as well.
    assert statuses.pop("week01_sigmoid") == "timeout"
    assert set(statuses.values()) == {"ok"}


def _parent(pid):
    try:
        return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _kernels(pids):
    """The kernels among ``pids``: the children of a kernel fork server."""
    return [pid for pid in pids if "autograder.zygote" in _cmdline(_parent(pid))]


def _descendants(pid):
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            children.setdefault(_parent(entry.name), []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _alive(pid):
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killing_the_grader_kills_its_workers_and_kernels(built_course, tmp_path):
    course = copy_of_built(built_course, tmp_path / "course")
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    for student in ("one", "two"):
        notebook = simulate.fill_in(release, {**reference, "week01_sigmoid_code": SLOW_SIGMOID})
        simulate.write(notebook, course.submitted / student / WEEK01 / f"{WEEK01}.ipynb")
    grader = subprocess.Popen([sys.executable, "-m", "autograder", "--course", str(course.root), "grade",
                               "--workers", "2", "--cell-timeout", "600"],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        tree = _descendants(grader.pid)
        if len(_kernels(tree)) >= 2:
            break
        time.sleep(0.5)
    else:
        grader.kill()
        pytest.fail("the kernels did not start")
    time.sleep(2)  # the kernels are inside the sleeping cell
    tree = _descendants(grader.pid)
    os.kill(grader.pid, signal.SIGKILL)
    grader.wait()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [(pid, _cmdline(pid)) for pid in tree if _alive(pid)] == []


def _cmdline(pid):
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_a_worker_that_crashes_costs_its_own_notebook_and_the_next_is_graded(built_course, tmp_path):
    course = copy_of_built(built_course, tmp_path / "course")
    solved = tmp_path / f"{WEEK01}.ipynb"
    simulate.write(simulate.fill_in(read_release(course), simulate.reference_solutions(read_source(course))), solved)
    master = master_notebook(course, WEEK01, course.release_notebooks(WEEK01)[0])
    seeds = {check.key: 1 for checks in trusted_test_cells(master).values() for check in checks}
    job = make_job(solved, nbformat.writes(master), Limits(), seeds=seeds, hidden_paths=[course.root])
    crashing = {key: value for key, value in job.items() if key != "memory_mb"}
    with GradingWorker() as worker:
        results = [worker.grade(each, Limits()) for each in (job, crashing, job)]
    for result in results[::2]:
        assert {grade["status"] for grade in result["grades"].values()} == {"ok"}, result
    assert {grade["status"] for grade in results[1]["grades"].values()} == {"grader error"}
    assert "KeyError: 'memory_mb'" in results[1]["issues"][0]
