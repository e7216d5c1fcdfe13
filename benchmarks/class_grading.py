"""Grading a class: stock `nbgrader autograde` against ours, here and on a Dask cluster.

    .venv/bin/python benchmarks/class_grading.py [--students 24] [--workers 2] [--assignment week03_deep_network]
    .venv/bin/python benchmarks/class_grading.py --students 500 --assignment week01_logistic_regression --only-ours

Builds the assignment in scratch courses and submits the same class to each: mostly correct
notebooks, a quarter with plausible mistakes (the mutants of tests/mutants), the untouched
release and a truncated file. Then, in the same run, grades it with stock serial `nbgrader
autograde`, with our grader on this machine (`--workers`), and with our grader on a Dask
cluster of `--workers` single-threaded workers started here. Prints the wall time of each, the
speed-up over stock nbgrader, our per-notebook overhead (the time the grader waited for a
notebook's result minus the time its cells and checks ran), the throughput, the grader's peak
memory (its process tree), how long recording a result in the gradebook took at the start and
at the end of the batch, and how long reading the whole gradebook takes.
"""
import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from autograder import simulate  # noqa: E402
from autograder.course import DEFAULT_COURSE, Course, build, copy_sources  # noqa: E402
from autograder import grading  # noqa: E402
from autograder.grading import Limits, grade_class  # noqa: E402
from autograder.report import gradebook_rows  # noqa: E402
from mutants import BY_WEEK, mutant_groups  # noqa: E402


def write_class(course, assignment, students):
    release = nbformat.read(course.release / assignment / f"{assignment}.ipynb", as_version=4)
    reference = simulate.reference_solutions(nbformat.read(course.source / assignment / f"{assignment}.ipynb", as_version=4))
    wrong = [code for code, _ in mutant_groups(BY_WEEK[assignment[:6]]).values()]
    for i in range(students):
        target = course.submitted / f"student{i:03d}" / assignment / f"{assignment}.ipynb"
        if i % 12 == 5:
            target.parent.mkdir(parents=True)
            target.write_bytes(b'{"cells": [{"cell_type": "code", "sou')
        elif i % 12 == 7:
            simulate.write(release, target)
        else:
            simulate.write(simulate.fill_in(release, {**reference, **(wrong[i % len(wrong)] if i % 4 == 1 else {})}), target)
        simulate.stamp(target.parent)


class PeakMemory:
    """The largest total memory of this process and its descendants, sampled: proportional set
    sizes, so that the pages kernels share with their fork server count once."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        me = psutil.Process()
        while not self._stop.wait(0.2):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_full_info().pss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def timed_recording():
    """Wrap ``grading.record_in_gradebook`` to time each call; returns the list of times."""
    times = []
    record = grading.record_in_gradebook

    def timed(*args, **kwargs):
        started = time.monotonic()
        record(*args, **kwargs)
        times.append(time.monotonic() - started)

    grading.record_in_gradebook = timed
    return times


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dask_cluster(workers):
    """A scheduler and ``workers`` single-threaded workers on loopback; ``(address, processes)``."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    processes = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                   "--port", str(port), "--no-dashboard"], **quiet)]
    processes += [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                    "--no-dashboard", "--name", f"worker{i}"], **quiet) for i in range(workers)]
    with Client(address, timeout=60) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, processes


def overheads(course, assignment):
    results = [json.loads(p.read_text()) for p in course.autograded.glob(f"*/{assignment}/*.result.json")]
    return [r["seconds"] - r["cell_seconds"] for r in results if r.get("readable") and "cell_seconds" in r]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=24)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--assignment", default="week03_deep_network")
    parser.add_argument("--only-ours", action="store_true", help="skip stock nbgrader and Dask (for large classes)")
    args = parser.parse_args()
    os.environ.setdefault("DLKIT_PROGRESS", "0")
    limits = Limits(cell_timeout=120, notebook_timeout=600)
    ways = ["ours"] if args.only_ours else ["stock", "ours", "dask"]
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        courses = {}
        for way in ways:
            courses[way] = copy_sources(Course(DEFAULT_COURSE), Path(tmp) / way)
            build(courses[way], [args.assignment])
            write_class(courses[way], args.assignment, args.students)
        print(f"{args.students} submissions of {args.assignment}, {os.cpu_count()} cores")
        if "stock" in ways:
            started = time.monotonic()
            # Stock autograde exits non-zero on the truncated notebooks, after grading the rest.
            subprocess.run([sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force",
                            f"--CourseDirectory.db_url={courses['stock'].db_url}"], cwd=courses["stock"].root,
                           env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"},
                           capture_output=True)
            rows["stock nbgrader autograde (serial)"] = time.monotonic() - started
        started = time.monotonic()
        with grading.GradingWorker() as worker:
            assert worker.start(threads=1)
            worker_startup = time.monotonic() - started
        record_times = timed_recording()
        with PeakMemory() as memory:
            started = time.monotonic()
            grade_class(courses["ours"], workers=args.workers, limits=limits, log=lambda _: None)
            rows[f"ours, {args.workers} workers"] = time.monotonic() - started
        if "dask" in ways:
            address, processes = dask_cluster(args.workers)
            try:
                started = time.monotonic()
                grade_class(courses["dask"], limits=limits, scheduler=address, log=lambda _: None)
                rows[f"ours, Dask cluster of {args.workers} workers"] = time.monotonic() - started
            finally:
                for process in processes:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            dask_totals = {r["student"]: r["total"] for r in gradebook_rows(courses["dask"])}
            assert dask_totals == {r["student"]: r["total"] for r in gradebook_rows(courses["ours"])}, "Dask and local disagree"
        overhead = overheads(courses["ours"], args.assignment)
        started = time.monotonic()
        students_read = len(gradebook_rows(courses["ours"]))
        reading = time.monotonic() - started

    stock = rows.get("stock nbgrader autograde (serial)")
    print(f"{'grading':<40} {'wall':>8} {'per notebook':>13} {'vs stock':>9}")
    for label, seconds in rows.items():
        ratio = f"{stock / seconds:8.1f}x" if stock else ""
        print(f"{label:<40} {seconds:7.1f}s {seconds / args.students:12.2f}s {ratio}")
    ours = rows[f"ours, {args.workers} workers"]
    print(f"our per-notebook overhead (grading time - cells and checks): median {statistics.median(overhead):.2f} s, "
          f"90th percentile {statistics.quantiles(overhead, n=10)[-1]:.2f} s, max {max(overhead):.2f} s, "
          f"{sum(o > 0.5 for o in overhead)} over 0.5 s, of {len(overhead)} readable notebooks; and once per worker, its start "
          f"(Python, the grader, the fork server importing torch): {worker_startup:.2f} s")
    print(f"throughput {args.students / ours * 3600:,.0f} notebooks/hour; peak memory of the grader and its "
          f"processes {memory.peak / 2**20:,.0f} MiB")
    tenth = max(1, len(record_times) // 10)
    print(f"recording a result in the gradebook: first {tenth} {1000 * statistics.mean(record_times[:tenth]):.1f} ms, "
          f"last {tenth} {1000 * statistics.mean(record_times[-tenth:]):.1f} ms on average")
    print(f"reading the gradebook (every student's scores): {reading:.2f} s for {students_read} students, "
          f"{1000 * reading / students_read:.1f} ms per student")


if __name__ == "__main__":
    main()
