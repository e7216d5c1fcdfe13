"""Grade notebooks in a process apart from the grader: ``python -m autograder.worker THREADS``.

Jobs arrive on stdin, one JSON object per line (not in files, so that the hidden tests never
sit where the student's code could open them); each names the submission, the master notebook,
the hidden checks' seeds, limits and where to write the graded copy. Each result goes back as
one JSON line on stdout. The worker grades one job at a time and stays for the next, so that
Python, nbclient, the checks' references and the kernels' fork server
(:mod:`autograder.zygote`) start once per worker, not once per notebook; nothing of a job
outlives it except the files it was asked to write.

The kernel runs in a sandbox (:mod:`autograder.sandbox`). In ``grade`` mode the registry checks
are judged here (:mod:`autograder.trusted`) and a function that hands its work to ``dlkit``
scores 0 (:mod:`autograder.delegation`); in ``self-check`` mode (``validate``) the test cells
run in the kernel, as they do when the student runs them.
"""
import copy
import json
import os
import shutil
import signal
import sys
import time
from functools import partial
from pathlib import Path

import nbformat

from autograder.delegation import delegated_functions
from autograder.execution import execute_notebook
from autograder.notebooks import (UnreadableNotebook, cells_the_grades_need, graded_cells, grade_id, is_test_cell, points,
                                  read_notebook, reconcile, replace_lone_surrogates)
from autograder.sandbox import KernelLimits, give_to_kernel, open_sandbox
from autograder.trusted import run_trusted_cell, trusted_test_cells
from autograder.zygote import zygote_for

# Variables a student's code has no business reading.
_PRIVATE_ENV_PREFIXES = ("AWS_", "GITHUB_", "GH_", "CI_", "SSH_", "GPG_")


def _write_notebook(nb, path):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _placeholder(master, problem):
    """What formgrader shows for a submission that could not be read: the assignment's cells
    under a note giving the reason (the student's file itself stays untouched in ``submitted/``)."""
    nb = copy.deepcopy(master)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"**This submission could not be graded: {problem}.** Every test scored 0. The student's file is "
        "kept unchanged in `submitted/`; below are the assignment's cells, not the student's."))
    return nb


def grade_notebook(job):
    """Grade the notebook described by ``job`` (a dict, see :func:`autograder.grading.make_job`)."""
    started = time.monotonic()
    master = nbformat.reads(job["master"], as_version=4)
    tests = {gid: cell for gid, cell in graded_cells(master).items() if is_test_cell(cell)}
    result = {"notebook": job["notebook"], "issues": [], "readable": True, "grades": {}}
    try:
        submission = read_notebook(Path(job["submission"]))
    except UnreadableNotebook as problem:
        result["readable"] = False
        result["issues"].append(f"the notebook could not be graded: {problem}")
        for gid, cell in tests.items():
            result["grades"][gid] = _grade(cell, 0.0, "not run", f"not graded: {problem}")
        if job.get("output"):
            _write_notebook(_placeholder(master, problem), job["output"])
        result["seconds"] = round(time.monotonic() - started, 2)
        return result

    repaired = replace_lone_surrogates(submission)
    nb, result["issues"] = reconcile(submission, master)
    result["issues"] = repaired + result["issues"]
    trusted = trusted_test_cells(master) if job.get("mode", "grade") == "grade" else {}
    run_instead = {
        index: partial(run_trusted_cell, trusted[grade_id(cell)], job.get("seeds", {}))
        for index, cell in enumerate(nb.cells) if grade_id(cell) in trusted
    }
    sandbox = open_sandbox(job.get("hidden_paths", ()), KernelLimits(memory_mb=job["memory_mb"], cpu_seconds=job["notebook_timeout"]))
    try:
        _furnish(sandbox, job.get("helper_files", []))
        outcomes = execute_notebook(
            nb, sandbox.workdir, job["cell_timeout"], job["notebook_timeout"], env=_kernel_env(job),
            run_only=cells_the_grades_need(nb), run_instead=run_instead, sandbox=sandbox,
        )
    finally:
        sandbox.close()
    result["sandbox"] = {"applied": sandbox.applied, "missing": sandbox.missing}
    # The time of the student's code and of the checks; the rest of `seconds` is the grader's overhead.
    result["cell_seconds"] = round(sum(outcome.seconds for outcome in outcomes.values()), 2)
    delegated = delegated_functions(nb, master, trusted) if trusted else {}

    solution_outcome = None
    for index, cell in enumerate(nb.cells):
        gid = grade_id(cell)
        if cell.metadata.get("nbgrader", {}).get("solution"):
            solution_outcome = outcomes.get(index)
        if gid in tests:
            outcome = outcomes[index]
            handed_over = [delegated[check.target] for check in trusted.get(gid, []) if check.target in delegated]
            if handed_over and outcome.status == "ok":
                result["grades"][gid] = _grade(cell, 0.0, "delegated", handed_over[0])
                continue
            score = points(cell) if outcome.status == "ok" else 0.0
            message = "passed" if outcome.status == "ok" else outcome.message
            if outcome.status != "ok" and solution_outcome and solution_outcome.status != "ok":
                message += f" (the solution cell above it failed: {solution_outcome.message})"
            result["grades"][gid] = _grade(cell, score, outcome.status, message)
    if job.get("output"):
        _write_notebook(nb, job["output"])
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def _grade(cell, score, status, message):
    return {"score": score, "max_score": points(cell), "status": status, "message": message}


def _kernel_env(job):
    env = {k: v for k, v in os.environ.items() if not k.startswith(_PRIVATE_ENV_PREFIXES)}
    threads = str(job.get("threads", 1))
    env.update(
        OMP_NUM_THREADS=threads,
        OPENBLAS_NUM_THREADS=threads,
        MKL_NUM_THREADS=threads,
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _furnish(sandbox, helper_files):
    """Copy the assignment's helper files, and matplotlib's font list (so that the kernel need not
    rebuild it, which takes seconds and writes to stderr), into the kernel's folder."""
    for helper in helper_files:
        give_to_kernel(sandbox, shutil.copy(helper, sandbox.workdir))
    fonts = Path(os.environ.get("MPLCONFIGDIR") or Path.home() / ".cache" / "matplotlib")
    target = sandbox.workdir / ".matplotlib"
    target.mkdir()
    give_to_kernel(sandbox, target)
    for font_list in fonts.glob("fontlist-*.json"):
        give_to_kernel(sandbox, shutil.copy(font_list, target))


def _stop(signal_number, frame):
    # The grader died (see die_with_parent) or asked us to stop: unwinding runs the code that
    # kills the kernel and removes the scratch folder.
    raise SystemExit(128 + signal_number)


def main():
    """``python -m autograder.worker THREADS``: start the fork server for kernels with
    ``THREADS`` threads, say ``{"ready": true}``, then grade the jobs that arrive."""
    signal.signal(signal.SIGTERM, _stop)
    results = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not break the protocol
    zygote_for(_kernel_env({"threads": int(sys.argv[1])}))
    results.write(json.dumps({"ready": True}) + "\n")
    results.flush()
    for line in sys.stdin:
        results.write(json.dumps(grade_notebook(json.loads(line))) + "\n")
        results.flush()


if __name__ == "__main__":
    main()
