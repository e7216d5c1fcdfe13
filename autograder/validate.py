"""Validating a notebook before submission, as the student would: run it against its release
(visible tests only) and report every graded function and every damaged graded cell."""
from pathlib import Path

import nbformat

from autograder.course import build, master_notebook
from autograder.grading import Limits, make_job, run_worker


def find_release(course, notebook_path):
    """The release notebook with the same file name as ``notebook_path``: ``(assignment, path)``."""
    name = Path(notebook_path).name
    for attempt in range(2):
        for assignment in course.assignments():
            candidate = course.release / assignment / name
            if candidate.exists():
                return assignment, candidate
        if attempt == 0:
            build(course)
    raise SystemExit(f"error: no assignment of the course has a notebook called {name}")


def validate(course, notebook_path, limits=Limits()):
    """Run the notebook's visible tests; return ``(all_passed, report_text)``."""
    assignment, release_path = find_release(course, notebook_path)
    master = master_notebook(course, assignment, release_path, with_hidden_tests=False)
    job = make_job(notebook_path, nbformat.writes(master), limits, helper_files=course.helper_files(assignment))
    result = run_worker(job, limits)
    lines = [f"Validating {notebook_path} against {assignment}/{release_path.name}"]
    for issue in result["issues"]:
        lines.append(f"  ! {issue}")
    passed = not result["issues"]
    for gid, grade in result["grades"].items():
        ok = grade["status"] == "ok"
        passed &= ok
        lines.append(f"  {'PASS' if ok else 'FAIL'}  {gid:<32} {'' if ok else grade['message']}")
    lines.append("All visible tests pass." if passed else "Some graded functions need work (see above).")
    return passed, "\n".join(lines)
