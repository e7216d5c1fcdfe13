"""Validating a notebook before submission, as the student would: run it against its release
(visible tests only) and report every graded function and every damaged graded cell.

Validation reads the course and writes nothing: it never builds a release, so the notebook being
validated (even one saved inside ``release/``) is never overwritten.
"""
from pathlib import Path

import nbformat

from autograder.course import master_notebook
from autograder.grading import Limits, make_job, run_worker
from autograder.notebooks import UnreadableNotebook, graded_cells, read_notebook


def find_release(course, notebook_path):
    """The release notebook ``notebook_path`` was copied from, as ``(assignment, path)``: the one
    with the same file name, else the one sharing the most graded cells (a renamed copy).
    Exits with a clear message when there is none."""
    notebook_path = Path(notebook_path)
    if not notebook_path.is_file():
        raise SystemExit(f"error: {notebook_path} does not exist (check the spelling of the path)")
    releases = [path for assignment in course.assignments() for path in course.release_notebooks(assignment)]
    if not releases:
        raise SystemExit("error: no assignment has been released yet (the instructor runs `python -m autograder build`)")
    for path in releases:
        if path.name == notebook_path.name:
            return path.parent.name, path
    try:
        cells = set(graded_cells(read_notebook(notebook_path)))
    except UnreadableNotebook as problem:
        raise SystemExit(f"error: {notebook_path.name}: {problem}") from None
    shared = {path: len(cells & set(graded_cells(nbformat.read(path, as_version=4)))) for path in releases}
    best = max(shared, key=shared.get)
    if not shared[best]:
        names = ", ".join(sorted(path.name for path in releases))
        raise SystemExit(f"error: {notebook_path.name} has none of the graded cells of the course's notebooks ({names})")
    return best.parent.name, best


def validate(course, notebook_path, limits=Limits()):
    """Run the notebook's visible tests; return ``(all_passed, report_text)``."""
    assignment, release_path = find_release(course, notebook_path)
    master = master_notebook(course, assignment, release_path, with_hidden_tests=False)
    job = make_job(notebook_path, nbformat.writes(master), limits, helper_files=course.helper_files(assignment),
                   hidden_paths=[course.root], mode="self-check")
    result = run_worker(job, limits)
    lines = [f"Validating {notebook_path} against {assignment}/{release_path.name}",
             "  (a self-check: the visible tests ran in your notebook; your grade comes from the grader's own checks)"]
    for issue in result["issues"]:
        lines.append(f"  ! {issue}")
    passed = not result["issues"]
    for gid, grade in result["grades"].items():
        ok = grade["status"] == "ok"
        passed &= ok
        lines.append(f"  {'PASS' if ok else 'FAIL'}  {gid:<32} {'' if ok else grade['message']}")
    lines.append("All visible tests pass." if passed else "Some graded functions need work (see above).")
    return passed, "\n".join(lines)
