"""End to end through the real nbgrader: source -> release -> a simulated class -> parallel
autograde -> gradebook, CSV export and feedback, plus validation and agreement with stock
`nbgrader autograde`."""
import csv
import json
import shutil
import subprocess

import nbformat
import pytest

from autograder import demo, simulate
from autograder.course import run_nbgrader
from autograder.report import gradebook_rows
from conftest import WEEK01, autograder_cli, copy_of_built, read_release, read_source, submission_path
from autograder.notebooks import graded_function
from mutants import BY_WEEK, mutant_groups

pytestmark = pytest.mark.e2e
CELL_TIMEOUT = "20"
SLEEPER = "987.654"  # an unusual sleep duration, to find the process a submission leaves behind
FUNCTIONS = [graded_function(cell_id) for cell_id in BY_WEEK["week01"]]


def class_of_students(release, reference):
    """The demo's class, plus more broken submissions and the mutant groups."""

    def solved(**changes):
        return simulate.fill_in(release, {**reference, **changes})

    leaves_a_process = ("import subprocess\nsubprocess.Popen(['sleep', '" + SLEEPER + "'])\n"
                        + reference["week01_L1_code"])
    Student = simulate.Student
    students = demo.simulated_class(release, reference) + [
        Student("deleted_test_cell", "", lambda: simulate.without_cells(solved(), {"week01_L2"}), issue="was deleted"),
        Student("duplicated_test_cell", "", lambda: simulate.with_duplicated_cell(solved(), "week01_propagate"),
                issue="appears more than once"),
        Student("solution_as_markdown", "", lambda: simulate.with_cell_as_markdown(solved(), "week01_L1_code"),
                issue="re-typed"),
        Student("leaves_a_process", "", lambda: solved(week01_L1_code=leaves_a_process)),
        Student("empty_file", "", lambda: b"", {"*"}, "empty"),
        Student("invalid_utf8", "", lambda: b'{"cells": "\xff\xfe"}', {"*"}, "not valid UTF-8"),
    ]
    for name, (code, lost) in mutant_groups(BY_WEEK["week01"]).items():
        students.append(Student(name, "", lambda code=code: solved(**code), lost))
    return {student.name: student for student in students}


def write_students(course, students):
    demo.write_class(course, students.values())
    wrong_name = course.submitted / "misnamed_notebook" / WEEK01 / "my_homework.ipynb"
    wrong_name.parent.mkdir(parents=True)
    nbformat.write(read_release(course), wrong_name)


@pytest.fixture(scope="module")
def graded(built_course):
    students = class_of_students(read_release(built_course), simulate.reference_solutions(read_source(built_course)))
    write_students(built_course, students)
    done = autograder_cli("grade", "--workers", "2", "--cell-timeout", CELL_TIMEOUT, course=built_course)
    rows = {row["student"]: row for row in gradebook_rows(built_course, [WEEK01])}
    return built_course, students, rows, done.stdout


def result_of(course, student):
    path = course.autograded / student / WEEK01 / f"{WEEK01}.result.json"
    return json.loads(path.read_text())


def test_every_student_loses_exactly_the_expected_functions(graded):
    course, students, rows, _ = graded
    wrong = {}
    for name, student in students.items():
        lost = student.loses
        row = rows[name]
        lost_now = {gid.removeprefix("week01_") for gid in row if gid.startswith("week01_") and row[gid] == 0}
        expected = set(FUNCTIONS) if lost == {"*"} else lost
        if lost_now != expected:
            wrong[name] = (sorted(lost_now), sorted(expected))
        kept = [gid for gid in row if gid.startswith("week01_") and gid.removeprefix("week01_") not in expected]
        assert all(row[gid] > 0 for gid in kept), name
    assert not wrong, f"student: (lost, expected) -> {wrong}"
    assert rows["alice"]["total"] == rows["alice"]["max_score"] == 20  # the reference solution
    assert rows["bob"]["total"] == 0  # the untouched release


def test_a_batch_ends_with_the_points_lost_by_reason(graded):
    *_, stdout = graded
    line = next(line for line in stdout.splitlines() if line.startswith("graded cells that lost points, by reason: "))
    for reason in ("not implemented", "wrong result", "timed out", "unreadable notebook"):
        assert reason in line, line


def test_formgrader_sees_nothing_to_grade_by_hand(graded):
    """Every grade the grader decided is marked as stock autograde marks it: no manual grading."""
    course, students, _, _ = graded
    with course.gradebook() as gb:
        assignment = gb.find_assignment(WEEK01)
        flagged = [(submission.student.id, grade.name) for submission in assignment.submissions
                   for notebook in submission.notebooks for grade in notebook.grades if grade.needs_manual_grade]
        graded_students = {submission.student.id for submission in assignment.submissions}
    assert flagged == [] and "alice" in graded_students


def test_formgrader_lists_every_submission_as_autograded_at_its_submission_time(graded):
    """Formgrader's own API: autograded (not "needs autograding"), with the time the student
    submitted; an unreadable notebook is shown as the assignment under a note with the reason."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    course, students, _, _ = graded
    api = NbGraderAPI(coursedir=CourseDirectory(root=str(course.root)))
    submissions = {submission["student"]: submission for submission in api.get_submissions(WEEK01)}
    for name in students:
        stamped = (course.submitted / name / WEEK01 / "timestamp.txt").read_text()
        assert submissions[name]["autograded"] and submissions[name]["timestamp"], name
        assert submissions[name]["timestamp"].startswith(stamped[:19].replace(" ", "T")), name
        assert (course.autograded / name / WEEK01 / "timestamp.txt").read_text() == stamped
    placeholder = nbformat.read(course.autograded / "empty_file" / WEEK01 / f"{WEEK01}.ipynb", as_version=4)
    assert "could not be graded: the file is empty" in placeholder.cells[0].source


def test_broken_submissions_get_a_clear_reason(graded):
    course, students, _, _ = graded
    for name, student in students.items():
        if student.issue:
            assert any(student.issue in text for text in result_of(course, name)["issues"]), name
    assert "stopped after 20 s" in result_of(course, "erin")["grades"]["week01_predict"]["message"]
    assert "kernel died" in result_of(course, "grace")["grades"]["week01_L2"]["message"]
    assert "SystemExit: giving up on L1" in result_of(course, "frank")["grades"]["week01_L1"]["message"]
    assert "MemoryError" in result_of(course, "oscar")["grades"]["week01_normalize_rows"]["message"]
    misnamed = result_of(course, "misnamed_notebook")
    assert "could not be read" in misnamed["issues"][0]


def test_the_grader_cleans_up_processes_a_submission_starts(graded):
    survivors = subprocess.run(["pgrep", "-f", f"sleep {SLEEPER}"], capture_output=True, text=True).stdout.split()
    assert survivors == []


def test_export_has_one_row_per_student_and_one_column_per_function(graded, tmp_path):
    course, students, _, _ = graded
    target = tmp_path / "grades.csv"
    autograder_cli("export", "--assignment", WEEK01, "--output", str(target), course=course)
    with open(target) as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(students) + 1
    assert list(rows[0]) == ["student", *[f"week01_{f}" for f in FUNCTIONS], "total", "max_score"]
    by_student = {row["student"]: row for row in rows}
    assert by_student["alice"]["total"] == "20"
    assert by_student["dave"]["week01_softmax"] == "0"


def test_feedback_shows_messages_but_never_hidden_tests(graded):
    course, _, _, _ = graded
    autograder_cli("feedback", course=course)
    pages = list(course.feedback.glob(f"*/{WEEK01}/{WEEK01}.html"))
    assert len(pages) >= 20
    for page in pages:
        text = page.read_text()
        assert "HIDDEN TESTS" not in text and "hidden=True" not in text and "Traceback" not in text
    carol = (course.feedback / "mutants_0a" / WEEK01 / f"{WEEK01}.html").read_text()
    assert "0 / 1" in carol and "largest by" in carol


def test_resume_skips_what_is_already_graded_and_keeps_the_grades(graded):
    course, _, rows, _ = graded
    done = autograder_cli("grade", "--resume", "--cell-timeout", CELL_TIMEOUT, course=course)
    assert "graded 0 notebook(s)" in done.stdout
    assert {row["student"]: row["total"] for row in gradebook_rows(course, [WEEK01])} == {s: r["total"] for s, r in rows.items()}


def test_validate_reports_each_function_as_the_student_sees_it(graded):
    course, _, _, _ = graded
    ok = autograder_cli("validate", str(submission_path(course, "alice")), course=course)
    assert "All visible tests pass." in ok.stdout and ok.stdout.count("PASS") == 12
    broken = autograder_cli("validate", str(submission_path(course, "dave")), course=course, check=False)
    assert broken.returncode == 1
    assert "week01_softmax_code' was deleted" in broken.stdout
    assert "FAIL  week01_softmax" in broken.stdout and broken.stdout.count("PASS") == 11
    duplicated = autograder_cli("validate", str(submission_path(course, "duplicated_test_cell")), course=course, check=False)
    assert duplicated.returncode == 1 and "appears more than once" in duplicated.stdout


def test_stock_nbgrader_autograde_agrees_on_well_formed_submissions(graded, tmp_path):
    course, students, rows, _ = graded
    stock = copy_of_built(course, tmp_path / "stock")
    (stock.root / "gradebook.db").unlink()  # a gradebook of its own, with no grade of ours in it
    autograder_cli("build", WEEK01, course=stock)
    compared = ["alice", "carol", "mutants_0a", "mutants_1b"]
    for name in compared:
        target = submission_path(stock, name)
        target.parent.mkdir(parents=True)
        shutil.copy(submission_path(course, name), target)
    run_nbgrader(stock, "autograde", WEEK01, "--force")
    stock_rows = {row["student"]: row for row in gradebook_rows(stock, [WEEK01])}
    for name in compared:
        assert stock_rows[name] == rows[name], name


def test_validate_never_overwrites_the_students_notebook(built_course, tmp_path):
    """A student who saved their work in release/ and mistypes the path, or validates a renamed
    copy, gets a clear answer, and their notebook is left as it was."""
    course = copy_of_built(built_course, tmp_path / "course")
    reference = simulate.reference_solutions(read_source(course))
    in_release = course.release / WEEK01 / f"{WEEK01}.ipynb"
    simulate.write(simulate.fill_in(read_release(course), {"week01_sigmoid_code": reference["week01_sigmoid_code"]}), in_release)
    saved = in_release.read_bytes()

    misspelled = autograder_cli("validate", str(in_release).replace("regression", "regresion"), course=course, check=False)
    assert misspelled.returncode != 0 and "does not exist" in misspelled.stderr + misspelled.stdout
    copy = tmp_path / f"{WEEK01}-Copy1.ipynb"
    copy.write_bytes(saved)
    renamed = autograder_cli("validate", str(copy), course=course, check=False)
    assert f"against {WEEK01}/{WEEK01}.ipynb" in renamed.stdout
    assert "PASS  week01_sigmoid " in renamed.stdout and "FAIL  week01_L1 " in renamed.stdout
    assert in_release.read_bytes() == saved and copy.read_bytes() == saved


def test_handout_gives_a_student_their_own_copy_and_never_overwrites_it(built_course, tmp_path):
    home = tmp_path / "student"
    autograder_cli("handout", WEEK01, "--to", str(home), course=built_course)
    notebook = home / WEEK01 / f"{WEEK01}.ipynb"
    assert notebook.read_bytes() == (built_course.release / WEEK01 / notebook.name).read_bytes()
    notebook.write_text(notebook.read_text().replace("raise NotImplementedError()", "return 42", 1))
    edited = notebook.read_text()
    done = autograder_cli("handout", WEEK01, "--to", str(home), course=built_course)
    assert notebook.read_text() == edited and "has them all already" in done.stdout


def test_a_second_command_on_a_course_being_graded_refuses_with_a_clear_message(built_course, tmp_path):
    course = copy_of_built(built_course, tmp_path / "course")
    with course.exclusive("grade"):
        second = autograder_cli("grade", course=course, check=False)
        build = autograder_cli("build", WEEK01, course=course, check=False)
    for done in (second, build):
        assert done.returncode == 1 and "`grade` (process" in done.stderr and "is working on this course" in done.stderr
    assert autograder_cli("grade", course=course).returncode == 0  # the lock is free again


def test_build_twice_keeps_a_students_edits(built_course, tmp_path):
    """A second build leaves a release notebook someone edited alone, names it, and builds
    nothing; asked to overwrite, it does."""
    course = copy_of_built(built_course, tmp_path / "course")
    in_release = course.release / WEEK01 / f"{WEEK01}.ipynb"
    week02 = "week02_shallow_network"
    untouched = course.release / week02 / f"{week02}.ipynb"
    reference = simulate.reference_solutions(read_source(course))
    simulate.write(simulate.fill_in(read_release(course), {"week01_sigmoid_code": reference["week01_sigmoid_code"]}), in_release)
    saved, other = in_release.read_bytes(), untouched.stat().st_mtime_ns

    refused = autograder_cli("build", course=course, check=False)
    assert refused.returncode == 1 and str(in_release) in refused.stderr and "--overwrite-edited" in refused.stderr
    assert in_release.read_bytes() == saved and untouched.stat().st_mtime_ns == other

    autograder_cli("build", week02, course=course)  # an untouched assignment still builds
    autograder_cli("build", WEEK01, "--overwrite-edited", course=course)
    assert in_release.read_bytes() != saved
    autograder_cli("build", WEEK01, course=course)  # and what the build wrote is its own again
