"""Shared fixtures: a scratch copy of the course with its release built."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.course import Course, copy_sources

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "course"
WEEK01 = "week01_logistic_regression"


def autograder_cli(*args, course=None, check=True, timeout=900):
    """Run ``python -m autograder`` as a TA would and return the finished process."""
    command = [sys.executable, "-m", "autograder"]
    if course is not None:
        command += ["--course", str(course.root)]
    done = subprocess.run(command + list(args), capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if check and done.returncode != 0:
        raise AssertionError(f"autograder {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def fresh_course(root):
    """Copy the course's sources (nothing generated) to ``root`` and build every release."""
    course = copy_sources(Course(COURSE), root)
    autograder_cli("build", course=course)
    return course


def copy_of_built(course, root):
    """A copy of a built course at ``root``, without its submissions and grading output."""
    shutil.copytree(course.root, root, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "grades.csv"))
    return Course(root)


@pytest.fixture(scope="session")
def built_course(tmp_path_factory):
    return fresh_course(tmp_path_factory.mktemp("course") / "course")


def source_notebook_of(week):
    """The source notebook of ``week`` (``"week01"``) in the repository's course."""
    return next((COURSE / "source").glob(f"{week}_*/*.ipynb"))


def notebook_namespace(week, replace=None):
    """The namespace a student's kernel has after running the imports cell (the first code
    cell) and every solution cell, with the cells named in ``replace`` holding other code."""
    from autograder.simulate import reference_solutions

    nb = nbformat.read(source_notebook_of(week), as_version=4)
    imports = next(cell for cell in nb.cells if cell.cell_type == "code").source
    namespace = {}
    exec("\n".join(line for line in imports.splitlines() if not line.startswith("%")), namespace)
    for cell_id, code in reference_solutions(nb).items():
        exec((replace or {}).get(cell_id, code), namespace)
    return namespace


def read_release(course, assignment=WEEK01):
    return nbformat.read(course.release / assignment / f"{assignment}.ipynb", as_version=4)


def read_source(course, assignment=WEEK01):
    return nbformat.read(course.source / assignment / f"{assignment}.ipynb", as_version=4)


def submission_path(course, student, assignment=WEEK01):
    return course.submitted / student / assignment / f"{assignment}.ipynb"


os.environ.setdefault("MPLBACKEND", "Agg")
