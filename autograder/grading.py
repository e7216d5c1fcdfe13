"""Grading a whole class in parallel.

Notebooks are graded by worker processes (:mod:`autograder.worker`, one notebook at a time
each, kept for the next); a pool of threads keeps ``workers`` of them busy, or a Dask cluster
grades them (``scheduler``, see
:mod:`autograder.distributed`). Only this process writes to the gradebook, one submission at a
time and committed as it arrives, so parallel workers never contend for it and a batch stopped
halfway keeps every grade recorded so far (``resume=True`` skips those).
"""
import contextlib
import hashlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.utils import parse_utc
from sqlalchemy.exc import SAWarning

from autograder.course import DEFAULT_COURSE, master_notebook
from autograder.distributed import graded_on_cluster
from autograder.sandbox import die_with_parent
from autograder.notebooks import graded_cells, is_test_cell, points
from autograder.trusted import hidden_seed, trusted_test_cells
from dlkit.runtime.progress import progress

WORKER_GRACE_SECONDS = 120
# A worker is replaced after this many notebooks, so that nothing it accumulates can grow without bound.
MAX_JOBS_PER_WORKER = 100
TIMESTAMP_FILE = "timestamp.txt"


@dataclass(frozen=True)
class Limits:
    """Per-notebook limits: seconds per cell, seconds per notebook, address space of the kernel."""

    cell_timeout: int = 120
    notebook_timeout: int = 600
    memory_mb: int = 4096


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    folder: Path


def find_submissions(course, assignments=None, students=None):
    """Every ``submitted/<student>/<assignment>/`` folder, optionally filtered."""
    found = []
    if not course.submitted.is_dir():
        return found
    for student_dir in sorted(p for p in course.submitted.iterdir() if p.is_dir()):
        if students and student_dir.name not in students:
            continue
        for assignment in assignments or course.assignments():
            folder = student_dir / assignment
            if folder.is_dir():
                found.append(Submission(student_dir.name, assignment, folder))
    return found


def result_path(course, submission, notebook_name):
    return course.autograded / submission.student / submission.assignment / f"{notebook_name}.result.json"


def grade_class(course, assignments=None, students=None, workers=2, limits=Limits(), resume=False, log=None,
                scheduler=None):
    """Grade every submission, here with ``workers`` processes or on the Dask cluster at
    ``scheduler``; returns ``{(student, assignment): {notebook: result}}``. A progress bar
    estimates the time left; ``log`` (default: a line above the bar) reports each notebook.
    Holds the course's lock (:meth:`~autograder.course.Course.exclusive`) throughout."""
    with course.exclusive("grade"):
        return _grade_class(course, assignments, students, workers, limits, resume, log, scheduler)


def _grade_class(course, assignments, students, workers, limits, resume, log, scheduler):
    submissions = find_submissions(course, assignments, students)
    unreleased = sorted({s.assignment for s in submissions if not (course.release / s.assignment).is_dir()})
    if unreleased:
        raise SystemExit(f"error: no release of {', '.join(unreleased)}: run `python -m autograder build` first")
    masters = {}
    jobs = []
    secret = course.grading_secret()
    for submission in submissions:
        for release_path in course.release_notebooks(submission.assignment):
            key = (submission.assignment, release_path.stem)
            if key not in masters:
                masters[key] = master_notebook(course, submission.assignment, release_path)
            keys = {check.key for checks in trusted_test_cells(masters[key]).values() for check in checks}
            job = make_job(
                submission.folder / release_path.name,
                nbformat.writes(masters[key]),
                limits,
                helper_files=course.helper_files(submission.assignment),
                output=course.autograded / submission.student / submission.assignment / release_path.name,
                threads=max(1, (os.cpu_count() or 1) // workers),
                seeds={k: hidden_seed(secret, submission.student, submission.assignment, k) for k in sorted(keys)},
                hidden_paths=[course.root, DEFAULT_COURSE],
            )
            if resume and _already_graded(course, submission, release_path.stem, job["submission_sha256"]):
                continue
            jobs.append((submission, release_path.stem, job))

    results = {}
    reported = set()
    started = time.monotonic()
    graded = graded_on_cluster(scheduler, jobs, limits) if scheduler else graded_locally(jobs, workers, limits)
    bar = progress(graded, "grading", total=len(jobs), unit="notebook", ncols=100)
    log = log or bar.write
    for submission, name, job, result in bar:
        result["submission_sha256"] = job["submission_sha256"]
        record_in_gradebook(course, submission, {name: result})
        copy_timestamp(course, submission)
        # Written after the gradebook commit: its presence is what `resume` trusts.
        path = result_path(course, submission, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=1))
        results.setdefault((submission.student, submission.assignment), {})[name] = result
        for missing in result.get("sandbox", {}).get("missing", []):
            if missing not in reported:
                reported.add(missing)
                log(f"warning: sandbox incomplete: {missing}")
        score = sum(g["score"] for g in result["grades"].values())
        total = sum(g["max_score"] for g in result["grades"].values())
        log(f"graded {submission.student}/{submission.assignment}/{name}: {score:g}/{total:g} in {result['seconds']:.1f} s")
    where = f"on the Dask cluster at {scheduler}" if scheduler else f"with {workers} worker(s)"
    log(f"graded {len(jobs)} notebook(s) {where} in {time.monotonic() - started:.1f} s")
    if results:
        log(points_lost_by_reason(results))
    return results


def graded_locally(jobs, workers, limits):
    """Grade ``jobs`` (``(submission, notebook name, job)`` triples) with ``workers`` worker
    processes at a time; yield ``(submission, name, job, result)`` as results arrive."""
    started, mine = [], threading.local()

    def grade(job):
        if not hasattr(mine, "worker"):
            mine.worker = GradingWorker()
            started.append(mine.worker)
        return mine.worker.grade(job, limits)

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {pool.submit(grade, job): (submission, name, job) for submission, name, job in jobs}
            for future in as_completed(futures):
                yield (*futures[future], future.result())
    finally:
        for worker in started:
            worker.close()


_REASONS = {"failed": "wrong result", "error": "raised an error", "timeout": "timed out", "kernel died": "kernel died",
            "not run": "unreadable notebook", "skipped": "not run", "delegated": "called the reference",
            "grader error": "grader error"}


def points_lost_by_reason(results):
    """One line for the end of a batch: how many graded cells (test cells) lost points, by reason."""
    reasons = Counter()
    for by_notebook in results.values():
        for result in by_notebook.values():
            for grade in result["grades"].values():
                if grade["score"] < grade["max_score"]:
                    reasons["not implemented" if "not implemented" in grade["message"]
                            else _REASONS.get(grade["status"], grade["status"])] += 1
    if not reasons:
        return "graded cells that lost points: none"
    return "graded cells that lost points, by reason: " + ", ".join(f"{reason} {count}" for reason, count in reasons.most_common())


def make_job(notebook_path, master_json, limits, helper_files=(), output=None, threads=1, seeds=None, hidden_paths=(),
             mode="grade"):
    """The worker's instructions for grading ``notebook_path`` against ``master_json``: ``seeds``
    of the hidden checks by key, ``hidden_paths`` the kernel must not see, and the ``mode``
    (``grade``: trusted checks; ``self-check``: the test cells run in the kernel)."""
    return {
        "mode": mode,
        "seeds": seeds or {},
        "hidden_paths": [str(p) for p in hidden_paths],
        "notebook": Path(notebook_path).stem,
        "submission": str(notebook_path),
        "submission_sha256": _sha256(Path(notebook_path)),
        "master": master_json,
        "helper_files": [str(p) for p in helper_files],
        "output": str(output) if output else None,
        "cell_timeout": limits.cell_timeout,
        "notebook_timeout": limits.notebook_timeout,
        "memory_mb": limits.memory_mb,
        "threads": threads,
    }


class GradingWorker:
    """A ``python -m autograder.worker`` process that grades one job at a time and is kept for
    the next (see :mod:`autograder.worker`). One that fails, runs past a job's time limit or
    has graded ``MAX_JOBS_PER_WORKER`` notebooks is replaced before the next job. Not
    thread-safe: one per thread."""

    def __init__(self):
        self._process = None
        self._stderr = None
        self._jobs = 0
        self._exit_code = None

    def grade(self, job, limits):
        """Grade ``job``; return its result, whose ``seconds`` is the time the grader waited
        for it (the worker's start-up aside). Never raises for a bad notebook."""
        threads = job.get("threads", 1)
        if self._process is None or self._process.poll() is not None or self._jobs >= MAX_JOBS_PER_WORKER:
            self._stop()
            if not self.start(threads):
                return self._failure(job, "grader error: the grading worker did not start")
        self._jobs += 1
        started = time.monotonic()
        errors_from = self._stderr.seek(0, os.SEEK_END)
        try:
            self._process.stdin.write(json.dumps(job).encode() + b"\n")
            self._process.stdin.flush()
            line = self._read_line(started + limits.notebook_timeout + WORKER_GRACE_SECONDS)
        except BrokenPipeError:
            line = b""
        if line is None:
            self._stop()
            return grader_failure(job, "the grader stopped: the notebook ran past its time limit")
        try:
            result = json.loads(line)
        except json.JSONDecodeError:
            return self._failure(job, "grader error", errors_from)
        result["seconds"] = round(time.monotonic() - started, 2)
        return result

    def start(self, threads):
        """Start the worker, with a fork server for kernels of ``threads`` threads, and wait until
        it is ready (seconds: Python, the grader's modules, and the fork server loading torch);
        return whether it is."""
        if self._stderr is None:
            self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "autograder.worker", str(threads)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            start_new_session=True,
            # A worker stops (and kills its kernel) when the grader dies, even by SIGKILL.
            preexec_fn=die_with_parent(signal.SIGTERM),
        )
        self._buffer = b""
        self._jobs = 0
        self._exit_code = None
        line = self._read_line(time.monotonic() + WORKER_GRACE_SECONDS)
        if line is None:
            self._stop()
        return bool(line)

    def close(self):
        """Stop the worker (and with it its fork server and kernel)."""
        self._stop()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _stop(self):
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._exit_code = self._process.wait()
            self._process.stdin.close()
            self._process.stdout.close()
            self._process = None

    def _failure(self, job, what, errors_from=0):
        """A result for ``job`` that the worker did not produce: ``what``, its exit code and
        the last line it wrote to stderr since ``errors_from``."""
        self._stop()
        self._stderr.seek(errors_from)
        detail = (self._stderr.read().decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        return grader_failure(job, f"{what} (exit code {self._exit_code}): {detail}")

    def _read_line(self, deadline):
        """The worker's next line (``b""`` if it exited first), or ``None`` at ``deadline``."""
        out = self._process.stdout.fileno()
        while b"\n" not in self._buffer:
            if not select.select([out], [], [], max(0.0, deadline - time.monotonic()))[0]:
                return None
            chunk = os.read(out, 1 << 20)
            if not chunk:
                self._stop()
                return b""
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line


def run_worker(job, limits):
    """Grade one ``job`` with a worker of its own (see :class:`GradingWorker`)."""
    with GradingWorker() as worker:
        return worker.grade(job, limits)


def grader_failure(job, message):
    master = nbformat.reads(job["master"], as_version=4)
    grades = {
        gid: {"score": 0.0, "max_score": points(cell), "status": "grader error", "message": message}
        for gid, cell in graded_cells(master).items()
        if is_test_cell(cell)
    }
    return {"notebook": job["notebook"], "issues": [message], "readable": True, "grades": grades, "seconds": 0.0}


def submitted_timestamp(folder):
    """When the student submitted: the ``timestamp.txt`` nbgrader's submit and collect write,
    parsed as stock autograde parses it; ``None`` without a readable one. Formgrader counts a
    submission as autograded only when the gradebook holds this very timestamp."""
    try:
        return parse_utc((folder / TIMESTAMP_FILE).read_text().strip())
    except (OSError, ValueError, OverflowError):
        return None


def copy_timestamp(course, submission):
    """Copy the submission's ``timestamp.txt`` next to its graded notebooks, as stock autograde does."""
    source = submission.folder / TIMESTAMP_FILE
    if source.is_file():
        target = course.autograded / submission.student / submission.assignment / TIMESTAMP_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def record_in_gradebook(course, submission, results_by_notebook):
    """Store the scores of one student's assignment in the nbgrader gradebook (one transaction)."""
    timestamp = submitted_timestamp(submission.folder)
    with course.gradebook() as gb, warnings.catch_warnings():
        # nbgrader 0.9.6 with SQLAlchemy 2 warns about its own autoflush while it creates the
        # submission's rows; the rows are written correctly (the tests read them back).
        warnings.simplefilter("ignore", SAWarning)
        gb.update_or_create_student(submission.student)
        gb.update_or_create_submission(submission.assignment, submission.student, timestamp=timestamp)
        for notebook, result in results_by_notebook.items():
            for gid, grade in result["grades"].items():
                row = gb.find_grade(gid, notebook, submission.assignment, submission.student)
                row.auto_score = grade["score"]
                # As stock autograde, a decided score needs no manual grading, while one a TA
                # already graded by hand needs another look; so does one the grader itself
                # could not decide.
                row.needs_manual_grade = row.manual_score is not None or grade["status"] == "grader error"
        gb.db.commit()


def _already_graded(course, submission, notebook_name, sha256):
    path = result_path(course, submission, notebook_name)
    if not path.exists():
        return False
    return json.loads(path.read_text()).get("submission_sha256") == sha256


def _sha256(path):
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
