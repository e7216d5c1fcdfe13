"""Grading on a real Dask cluster: a scheduler and two workers started here as separate
processes on loopback, as a TA would start them on a lab's machines. Every submission is graded
once with the scores local grading gives, also when a worker is killed mid-batch; a notebook
whose grading keeps killing workers is reported, not retried forever; a notebook that asks for
a GPU worker gets one."""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import demo, simulate
from autograder.report import gradebook_rows, graded_columns
from conftest import WEEK01, copy_of_built, read_release, read_source

pytestmark = pytest.mark.e2e
CELL_TIMEOUT = "10"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(argv, env=None):
    # A session of its own, so that a test can kill a worker with its nanny.
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def cluster():
    """``(address, {worker name: process})``: a scheduler that retries a task whose worker died
    once (``allowed-failures`` 1; the default is 3), a CPU worker and a worker offering a GPU
    resource, one thread each, each under a nanny that restarts it when it dies."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = _start([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                        "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
                       env={"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"})
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard"]
    workers = {"cpu-worker": _start(worker + ["--name", "cpu-worker"]),
               "gpu-worker": _start(worker + ["--name", "gpu-worker", "--resources", "GPU=1"])}
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address, workers
    finally:
        for process in [*workers.values(), scheduler]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def class_named(course, names):
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    return [student for student in demo.simulated_class(release, reference) if student.name in names]


def grade_on(address, course, *extra):
    return subprocess.Popen([sys.executable, "-m", "autograder", "--course", str(course.root), "grade", "--assignment", WEEK01,
                             "--cell-timeout", CELL_TIMEOUT, "--scheduler", address, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def results(course):
    return {path.parent.parent.name: json.loads(path.read_text()) for path in course.autograded.glob(f"*/{WEEK01}/*.result.json")}


def totals(course, students):
    """The gradebook's totals of ``students`` (a copy of the shared built course may hold others)."""
    names = {student.name for student in students}
    return {row["student"]: row["total"] for row in gradebook_rows(course, [WEEK01]) if row["student"] in names}


def expected_totals(course, students):
    columns = [(gid, max_score) for _, _, gid, max_score in graded_columns(course, [WEEK01])]
    return demo.expected_scores(students, columns)


def test_a_notebook_that_asks_for_a_gpu_runs_on_the_gpu_worker(cluster, built_course, tmp_path):
    address, _ = cluster
    course = copy_of_built(built_course, tmp_path / "course")
    release = course.release / WEEK01 / f"{WEEK01}.ipynb"
    nb = nbformat.read(release, as_version=4)
    nb.metadata["dlcourse"] = {"resources": {"GPU": 1}}
    nbformat.write(nb, release)
    students = class_named(course, {"alice", "carol", "bob"})
    demo.write_class(course, students)
    output = grade_on(address, course).communicate(timeout=600)[0]
    assert {name: result["dask_worker"] for name, result in results(course).items()} == dict.fromkeys(
        ["alice", "bob", "carol"], "gpu-worker"), output
    assert totals(course, students) == expected_totals(course, students)


def test_a_worker_killed_mid_batch_costs_no_grade(cluster, built_course, tmp_path):
    address, workers = cluster
    course = copy_of_built(built_course, tmp_path / "course")
    students = class_named(course, {"alice", "bob", "carol", "dave", "frank", "grace", "heidi", "ivan"})
    demo.write_class(course, students)
    grading = grade_on(address, course)
    lines = []
    for line in grading.stdout:
        lines.append(line)
        if line.startswith("graded ") and "/" in line:
            os.killpg(workers["cpu-worker"].pid, signal.SIGKILL)  # the worker and its nanny
            break
    lines += grading.stdout.readlines()
    assert grading.wait(timeout=600) == 0, "".join(lines)
    assert workers["cpu-worker"].wait(timeout=30) is not None
    graded_lines = [line for line in lines if line.startswith("graded ") and f"/{WEEK01}/" in line]
    assert sorted(line.split("/")[0].removeprefix("graded ") for line in graded_lines) == sorted(s.name for s in students)
    assert totals(course, students) == expected_totals(course, students)
    assert any(line.startswith(f"graded {len(students)} notebook(s) on the Dask cluster at ") for line in lines)


def test_a_notebook_that_keeps_killing_workers_is_reported_not_retried_forever(cluster, built_course, tmp_path):
    """erin's predict loops until the cell times out; while it runs, its worker is killed (the
    nanny restarts it) until the scheduler gives up on the task."""
    from distributed import Client

    address, _ = cluster
    course = copy_of_built(built_course, tmp_path / "course")
    demo.write_class(course, class_named(course, {"erin"}))
    grading = grade_on(address, course, "--student", "erin")
    kills = 0
    with Client(address, timeout=60) as client:
        deadline = time.monotonic() + 300
        while grading.poll() is None and time.monotonic() < deadline:
            running = [worker for worker, keys in client.processing().items() if any("grade-erin" in str(k) for k in keys)]
            if running:
                pid = client.run(os.getpid, workers=running)[running[0]]
                os.kill(pid, signal.SIGKILL)
                kills += 1
                while any("grade-erin" in str(k) for keys in client.processing().values() for k in keys):
                    time.sleep(0.2)  # until the scheduler has noticed the death
            time.sleep(0.5)
    output = grading.communicate(timeout=120)[0]
    assert grading.returncode == 0, output
    assert kills == 2  # allowed-failures 1: the second death is the last
    erin = results(course)["erin"]
    assert all(grade["status"] == "grader error" and grade["score"] == 0 for grade in erin["grades"].values())
    assert "killed Dask workers repeatedly" in erin["issues"][0]
