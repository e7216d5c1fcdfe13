"""Grading on a Dask distributed cluster: ``grade --scheduler ADDRESS``.

A TA starts a scheduler and workers on the lab's machines (``dask scheduler``, ``dask worker
ADDRESS``; on Slurm or PBS through dask-jobqueue; on Kubernetes through dask-kubernetes), with
this course's package installed on every worker. Each task grades one notebook on a worker,
exactly as local grading does (a :class:`autograder.grading.GradingWorker` process per Dask
worker thread, the kernel in the sandbox), and returns the result and the graded notebook as
plain data. Only the client, the TA's ``grade`` command, writes files and the gradebook.

A job carries the submission and the assignment's helper files inside it, so workers need no
shared file system. When a worker dies its tasks go to another worker; a notebook whose tasks
kill workers more than the scheduler's ``distributed.scheduler.allowed-failures`` times (3 by
default) is reported as a grader error instead of being retried forever. A notebook whose
metadata asks for resources (``{"dlcourse": {"resources": {"GPU": 1}}}``) runs on a worker
started with them (``dask worker ADDRESS --resources GPU=1``) when the cluster has one, and
anywhere otherwise.
"""
import base64
import tempfile
import threading
from pathlib import Path

import nbformat

_this_thread = threading.local()


def portable_job(job):
    """``job`` with the submission's bytes and the helper files inside it."""
    submission = Path(job["submission"])
    return {
        **job,
        "submission_bytes": _encode(submission.read_bytes()) if submission.is_file() else None,
        "helper_bytes": {Path(p).name: _encode(Path(p).read_bytes()) for p in job["helper_files"]},
    }


def grade_portable_job(job, limits):
    """Run on a worker: unpack the files into a scratch folder (hidden from the kernel), grade,
    and return the result with the graded notebook's text (``graded_notebook``, or ``None``)."""
    from distributed import get_worker

    from autograder.grading import GradingWorker

    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        scratch = Path(scratch)
        submission = scratch / "submitted" / Path(job["submission"]).name
        submission.parent.mkdir()
        if job["submission_bytes"] is not None:
            submission.write_bytes(_decode(job["submission_bytes"]))
        helpers = scratch / "helpers"
        helpers.mkdir()
        for name, data in job["helper_bytes"].items():
            (helpers / name).write_bytes(_decode(data))
        output = scratch / "graded" / submission.name
        local = {key: value for key, value in job.items() if key not in ("submission_bytes", "helper_bytes")}
        local.update(submission=str(submission), helper_files=[str(p) for p in sorted(helpers.iterdir())],
                     output=str(output), hidden_paths=[*job["hidden_paths"], str(scratch)])
        if not hasattr(_this_thread, "worker"):
            # Kept for the thread's next task; it stops when the Dask worker does.
            _this_thread.worker = GradingWorker()
        result = _this_thread.worker.grade(local, limits)
        result["graded_notebook"] = output.read_text() if output.exists() else None
        result["dask_worker"] = str(get_worker().name)
        return result


def requested_resources(master_json):
    """The worker resources a notebook asks for in its metadata (``{}`` when none)."""
    return dict(nbformat.reads(master_json, as_version=4).metadata.get("dlcourse", {}).get("resources", {}))


def graded_on_cluster(scheduler, jobs, limits):
    """Grade ``jobs`` (``(submission, notebook name, job)`` triples) on the cluster at
    ``scheduler``; yield ``(submission, name, job, result)`` as results arrive, each once, the
    graded notebook already written where ``job["output"]`` says."""
    from distributed import Client, as_completed
    from distributed.scheduler import KilledWorker

    from autograder.grading import grader_failure

    with Client(scheduler, timeout=30) as client:
        offered = {name for worker in client.scheduler_info(n_workers=-1)["workers"].values()
                   for name in worker.get("resources", {})}
        futures = {}
        for submission, name, job in jobs:
            wanted = {k: v for k, v in requested_resources(job["master"]).items() if k in offered}
            future = client.submit(grade_portable_job, portable_job(job), limits, resources=wanted or None,
                                   key=f"grade-{submission.student}-{submission.assignment}-{name}-{job['submission_sha256']}",
                                   pure=False)
            futures[future] = (submission, name, job)
        for future in as_completed(futures):
            submission, name, job = futures.pop(future)
            try:
                result = future.result()
            except KilledWorker:
                result = grader_failure(job, "grader error: grading this notebook killed Dask workers repeatedly; "
                                              "it was not retried again")
            _write_graded_notebook(result.pop("graded_notebook", None), job["output"])
            yield submission, name, job, result


def _write_graded_notebook(text, output):
    if text is not None and output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text)


def _encode(data):
    return base64.b64encode(data).decode("ascii")


def _decode(text):
    return base64.b64decode(text.encode("ascii"))
