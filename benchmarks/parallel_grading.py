"""Parallel grading vs plain `nbgrader autograde` on the same class.

    .venv/bin/python benchmarks/parallel_grading.py [--students 8] [--workers 2]

Builds week 1 in a scratch course, submits the reference solution for every student, then
grades the class three ways in the same run: stock `nbgrader autograde` (serial), our grader
with one worker, and our grader with --workers. Prints wall times and the ratios.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder import simulate  # noqa: E402
from autograder.course import DEFAULT_COURSE, Course, build, copy_sources, run_nbgrader  # noqa: E402
from autograder.grading import Limits, grade_class  # noqa: E402
from autograder.report import gradebook_rows  # noqa: E402

ASSIGNMENT = "week01_logistic_regression"


def scratch_course(root, students):
    course = copy_sources(Course(DEFAULT_COURSE), root)
    build(course, [ASSIGNMENT])
    release = nbformat.read(course.release / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(course.source / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    solved = simulate.fill_in(release, simulate.reference_solutions(source))
    for i in range(students):
        simulate.write(solved, course.submitted / f"student{i:03d}" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    return course


def timed(label, action):
    started = time.monotonic()
    action()
    seconds = time.monotonic() - started
    print(f"{label:<38} {seconds:7.1f} s")
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    limits = Limits(cell_timeout=120, notebook_timeout=600)
    with tempfile.TemporaryDirectory() as tmp:
        courses = [scratch_course(Path(tmp) / name, args.students) for name in ("stock", "one", "many")]
        print(f"{args.students} submissions of {ASSIGNMENT}")
        stock = timed("nbgrader autograde (serial)", lambda: run_nbgrader(courses[0], "autograde", ASSIGNMENT, "--force"))
        one = timed("autograder grade --workers 1", lambda: grade_class(courses[1], workers=1, limits=limits, log=lambda _: None))
        many = timed(f"autograder grade --workers {args.workers}",
                     lambda: grade_class(courses[2], workers=args.workers, limits=limits, log=lambda _: None))
        totals = [{r["student"]: r["total"] for r in gradebook_rows(c)} for c in courses]
        assert totals[0] == totals[1] == totals[2], "the three gradings disagree"
        print(f"speed-up vs stock nbgrader: {stock / many:.2f}x   vs one worker: {one / many:.2f}x   "
              f"(one worker vs stock: {stock / one:.2f}x)")


if __name__ == "__main__":
    main()
