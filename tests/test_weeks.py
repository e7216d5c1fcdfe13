"""Every week after the first, end to end through the real nbgrader: its reference solution
scores full marks, its untouched release 0, and submissions in which half of the graded
functions are replaced by mutants lose exactly those functions' points. (Week 1 is exercised
in depth, broken and hostile submissions included, by test_autograder.py.)"""
import nbformat
import pytest

from autograder import simulate
from autograder.notebooks import graded_function
from autograder.report import gradebook_rows, graded_columns
from conftest import autograder_cli, copy_of_built, source_notebook_of
from mutants import BY_WEEK, mutant_groups

WEEKS = sorted(week for week in BY_WEEK if week != "week01")
pytestmark = pytest.mark.e2e
CELL_TIMEOUT = "120"


def assignment_of(week):
    return source_notebook_of(week).parent.name


def submissions_for(course, week):
    """``{student: (code_by_cell_id or None for the untouched release, functions that lose points)}``."""
    assignment = assignment_of(week)
    reference = {}
    for source in sorted((course.source / assignment).glob("*.ipynb")):
        reference.update(simulate.reference_solutions(nbformat.read(source, as_version=4)))
    students = {f"{week}_reference": (reference, set()), f"{week}_release": (None, {"*"})}
    for name, (code, lost) in mutant_groups(BY_WEEK[week], rounds=1).items():
        students[f"{week}_{name}"] = ({**reference, **code}, lost)
    for student, (code, _) in students.items():
        for release_path in course.release_notebooks(assignment):
            release = nbformat.read(release_path, as_version=4)
            nb = release if code is None else simulate.fill_in(release, code)
            simulate.write(nb, course.submitted / student / assignment / release_path.name)
    return students


@pytest.fixture(scope="module")
def graded_weeks(built_course, tmp_path_factory):
    if not WEEKS:
        pytest.skip("no week after the first has mutants yet")
    course = copy_of_built(built_course, tmp_path_factory.mktemp("weeks") / "course")
    students = {week: submissions_for(course, week) for week in WEEKS}
    assignments = [arg for week in WEEKS for arg in ("--assignment", assignment_of(week))]
    autograder_cli("grade", "--workers", "2", "--cell-timeout", CELL_TIMEOUT, *assignments, course=course)
    return course, students, {row["student"]: row for row in gradebook_rows(course)}


@pytest.mark.parametrize("week", WEEKS)
def test_week_grades_reference_release_and_mutants(week, graded_weeks):
    course, students, rows = graded_weeks
    columns = [(gid, max_score) for _, _, gid, max_score in graded_columns(course, [assignment_of(week)])]
    for student, (_, lost) in students[week].items():
        scores = {graded_function(gid): rows[student][gid] for gid, _ in columns}
        lost_now = {name for name, score in scores.items() if score == 0}
        expected = set(scores) if lost == {"*"} else lost
        assert lost_now == expected, student
        kept = [gid for gid, max_score in columns if graded_function(gid) not in expected]
        assert all(rows[student][gid] == dict(columns)[gid] for gid in kept), student
