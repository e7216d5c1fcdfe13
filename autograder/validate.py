"""Validating a notebook before submission, as the student would: run it against its release
(visible tests only) and report every graded function and every damaged graded cell.

Validation reads the course and writes nothing: it never builds a release, so the notebook being
validated (even one saved inside ``release/``) is never overwritten.
"""
import html
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.course import master_notebook
from autograder.grading import Limits, make_job, run_worker
from autograder.notebooks import UnreadableNotebook, graded_cells, graded_function, read_notebook


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


@dataclass
class Validation:
    """What validating one notebook found: damaged graded cells (``issues``) and, per graded
    function's test cell, ``(grade_id, passed, reason)``."""

    notebook: Path
    assignment: str
    release_name: str
    issues: list
    tests: list

    @property
    def passed(self):
        return not self.issues and all(passed for _, passed, _ in self.tests)


def run_visible_tests(course, notebook_path, limits=Limits()):
    """Run the notebook's visible tests against its release in the grader's sandbox; returns a
    :class:`Validation`. Raises ``SystemExit`` with a clear message when the notebook is not
    one of the course's (see :func:`find_release`)."""
    assignment, release_path = find_release(course, notebook_path)
    master = master_notebook(course, assignment, release_path, with_hidden_tests=False)
    job = make_job(notebook_path, nbformat.writes(master), limits, helper_files=course.helper_files(assignment),
                   hidden_paths=[course.root], mode="self-check")
    result = run_worker(job, limits)
    tests = [(gid, grade["status"] == "ok", grade["message"]) for gid, grade in result["grades"].items()]
    return Validation(Path(notebook_path), assignment, release_path.name, list(result["issues"]), tests)


def report_text(validation):
    """The command line's report: one line per graded function, then the verdict."""
    lines = [f"Validating {validation.notebook} against {validation.assignment}/{validation.release_name}",
             "  (a self-check: the visible tests ran in your notebook; your grade comes from the grader's own checks)"]
    lines += [f"  ! {issue}" for issue in validation.issues]
    lines += [f"  {'PASS' if passed else 'FAIL'}  {gid:<32} {'' if passed else reason}" for gid, passed, reason in validation.tests]
    lines.append("All visible tests pass." if validation.passed else "Some graded functions need work (see above).")
    return "\n".join(lines)


def nbgrader_results(validation):
    """The same findings in the format of nbgrader's ``Validator.validate``, which the Validate
    button of nbgrader's JupyterLab extension displays: ``{}`` when everything passes, else
    ``{"failed": [{"source", "error", "raw_error"}]}``, one entry per problem, its reason in one line."""
    problems = [("The notebook's graded cells", issue) for issue in validation.issues]
    problems += [(f"The tests of {graded_function(gid)}", reason)
                 for gid, passed, reason in validation.tests if not passed]
    if not problems:
        return {}
    return {"failed": [{"source": where, "error": html.escape(reason), "raw_error": reason} for where, reason in problems]}


def validate(course, notebook_path, limits=Limits()):
    """Run the notebook's visible tests; return ``(all_passed, report_text)``."""
    validation = run_visible_tests(course, notebook_path, limits)
    return validation.passed, report_text(validation)
