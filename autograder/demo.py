"""The demo: build week 1, simulate a class, grade it in parallel, export, write feedback and
print the gradebook, checking every simulated student's score against what it should be."""
import shutil
import time
from pathlib import Path

import nbformat

from autograder import cheaters, simulate
from autograder.simulate import Student
from autograder.course import build, copy_sources
from autograder.grading import Limits, grade_class
from autograder.notebooks import graded_function
from autograder.report import export_csv, format_table, gradebook_rows, graded_columns, grading_seconds, write_feedback

ASSIGNMENT = "week01_logistic_regression"
DEMO_CHEATERS = ("fake_check_untouched", "swallow_tests_untouched", "always_equal", "delegator")

WRONG_PROPAGATE = '''
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))     # forgot to divide by m
    dw = X @ (A - Y).T
    db = np.sum(A - Y)
    return {"dw": dw, "db": db}, cost
'''
ENDLESS_PREDICT = '''
def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    i = 0
    while i < A.shape[1]:      # never increments i
        A[0, i] = A[0, i] > 0.5
    return A
'''
EXITING_L1 = '''
import sys
sys.exit("giving up on L1")
'''
CRASHING_L2 = '''
import os
os._exit(3)   # kills the kernel
'''
GREEDY_NORMALIZE_ROWS = '''
def normalize_rows(x):
    scratch = np.ones(2**30)   # 8 GiB
    return x / np.linalg.norm(x, axis=1, keepdims=True)
'''
WARNING_SIGMOID = '''
import sys, warnings
def sigmoid(z):
    warnings.warn("this sigmoid warns on every call")
    print("debug output on stderr", file=sys.stderr)
    return 1 / (1 + np.exp(-z))
'''


def simulated_class(release_nb, reference):
    """The demo's class: one student per way a submission can be right or go wrong."""

    def solved(**changes):
        return simulate.fill_in(release_nb, {**reference, **changes})

    return [
        Student("alice", "the reference solution", solved),
        Student("bob", "the untouched release", lambda: release_nb, {"*"}),
        Student("carol", "propagate forgets the 1/m", lambda: solved(week01_propagate_code=WRONG_PROPAGATE), {"propagate"}),
        Student("dave", "deleted the softmax solution cell",
                lambda: simulate.without_cells(solved(), {"week01_softmax_code"}), {"softmax"}, "was deleted"),
        Student("erin", "predict loops forever", lambda: solved(week01_predict_code=ENDLESS_PREDICT), {"predict"}),
        Student("frank", "calls sys.exit() in the L1 cell", lambda: solved(week01_L1_code=EXITING_L1), {"L1"}),
        Student("grace", "kills the kernel with os._exit in the L2 cell", lambda: solved(week01_L2_code=CRASHING_L2), {"L2"}),
        Student("heidi", "correct, but warns and prints to stderr", lambda: solved(week01_sigmoid_code=WARNING_SIGMOID)),
        Student("ivan", "uploaded a truncated file", lambda: b'{"cells": [{"cell_type": "code", "sou', {"*"},
                "not valid notebook JSON"),
        Student("judy", "duplicated a graded cell",
                lambda: simulate.with_duplicated_cell(solved(), "week01_sigmoid_code"), issue="appears more than once"),
        Student("mallory", "re-typed a test cell and emptied it",
                lambda: simulate.with_test_cell_retyped(solved(), "week01_sigmoid"), issue="re-typed"),
        Student("oscar", "normalize_rows allocates 8 GiB", lambda: solved(week01_normalize_rows_code=GREEDY_NORMALIZE_ROWS),
                {"normalize_rows"}),
    ]


def prepare_course(workdir, source_course):
    """A scratch copy of the course in ``workdir`` with nothing generated in it."""
    root = Path(workdir) / "course"
    if root.exists():
        shutil.rmtree(root)
    return copy_sources(source_course, root)


def write_class(course, students, assignment=ASSIGNMENT):
    for student in students:
        target = course.submitted / student.name / assignment / f"{assignment}.ipynb"
        made = student.make()
        if isinstance(made, bytes):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(made)
        else:
            simulate.write(made, target)
        simulate.stamp(target.parent)


def expected_scores(students, columns):
    expected = {}
    for student in students:
        expected[student.name] = sum(
            max_score for gid, max_score in columns if "*" not in student.loses and graded_function(gid) not in student.loses
        )
    return expected


def run_demo(source_course, workdir, workers=2, limits=Limits(cell_timeout=20, notebook_timeout=300)):
    """Run the whole pipeline; return True when every student got the expected score."""
    started = time.monotonic()
    course = prepare_course(workdir, source_course)
    print(f"1. Building the student release of {ASSIGNMENT} in {course.root} ...")
    build(course, [ASSIGNMENT])
    release_nb = nbformat.read(course.release / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source_nb = nbformat.read(course.source / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    reference = simulate.reference_solutions(source_nb)
    students = simulated_class(release_nb, reference) + [
        cheater for cheater in cheaters.cheating_class(release_nb, reference) if cheater.name in DEMO_CHEATERS]
    write_class(course, students)
    print(f"2. Simulated a class of {len(students)} under {course.submitted}:")
    for student in students:
        print(f"   {student.name:<23} {student.story}")
    print(f"3. Grading with {workers} parallel workers (cell limit {limits.cell_timeout} s) ...")
    grade_class(course, [ASSIGNMENT], workers=workers, limits=limits, log=lambda line: print("   " + line))
    grades_csv = course.root / "grades.csv"
    export_csv(course, grades_csv, [ASSIGNMENT])
    pages = write_feedback(course, [ASSIGNMENT])

    columns = [(gid, max_score) for _, _, gid, max_score in graded_columns(course, [ASSIGNMENT])]
    rows = gradebook_rows(course, [ASSIGNMENT])
    expected = expected_scores(students, columns)
    print("\n4. The gradebook:\n")
    table = format_table(rows, columns, grading_seconds(course, [ASSIGNMENT])).splitlines()
    all_ok = True
    width = max(len(line) for line in table)
    print(f"   {table[0]:<{width}}   expected")
    for line, row in zip(table[1:], rows):
        ok = row["total"] == expected[row["student"]]
        all_ok &= ok
        print(f"   {line:<{width}}   {expected[row['student']]:g} {'ok' if ok else 'MISMATCH'}")
    print(f"\nGrades:        {grades_csv}")
    print(f"Feedback:      {course.feedback} ({len(pages)} pages)")
    print(f"Graded copies: {course.autograded}")
    print(f"Gradebook:     {course.db_url}")
    print(f"\nEvery student got the expected score: {'yes' if all_ok else 'NO'} "
          f"({time.monotonic() - started:.0f} s in all)")
    return all_ok
