"""Reading and reconciling submissions, and choosing the cells grading runs (autograder.notebooks)."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import simulate
from autograder.notebooks import cells_the_grades_need, grade_id, reconcile, replace_lone_surrogates
from conftest import source_notebook_of


def graded(source, gid, solution):
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": gid, "solution": solution, "grade": not solution, "locked": not solution,
                                 "points": 0 if solution else 1, "schema_version": 3}
    return cell


def lesson():
    return new_notebook(cells=[
        new_code_cell("import numpy as np\n%matplotlib inline"),                      # 0: used by the solution
        new_code_cell("SCALE = 2.0\nunused = 3"),                                     # 1: SCALE is used
        graded("def double(x):\n    return SCALE * np.asarray(x)", "w_double_code", True),  # 2
        new_code_cell("x = np.arange(3)\nprint(double(x))"),                          # 3: demonstration
        new_code_cell("while True:\n    pass"),                                       # 4: a hang, demonstration
        graded("check('w.double', double)", "w_double", False),                      # 5
        new_code_cell("def check(key, f):\n    assert f(1) == 2"),                    # 6: defined after use, still needed
        new_code_cell("this is not python("),                                         # 7: kept, cannot be read
        new_markdown_cell("text"),
    ])


def test_grading_runs_graded_cells_and_what_they_read_only():
    assert cells_the_grades_need(lesson()) == {0, 1, 2, 5, 6, 7}


def test_a_function_parameter_named_like_a_global_does_not_pull_in_its_cell():
    nb = lesson()
    nb.cells[3].source = "x = 5  # a global x; double's x is its parameter"
    assert 3 not in cells_the_grades_need(nb)


def test_every_source_notebook_keeps_its_setup_and_skips_its_training_runs():
    for week in ("week01", "week05"):
        nb = nbformat.read(source_notebook_of(week), as_version=4)
        kept = cells_the_grades_need(nb)
        first_code = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
        assert first_code in kept
        skipped = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and i not in kept]
        assert skipped and not any(grade_id(nb.cells[i]) for i in skipped)


def test_lone_surrogates_are_replaced_and_reported():
    nb = lesson()
    nb.cells[3].source += "  # \ud800"
    issues = replace_lone_surrogates(nb)
    assert len(issues) == 1 and "lone surrogate" in issues[0]
    nb.cells[3].source.encode("utf-8")
    assert replace_lone_surrogates(nb) == []


def test_cells_that_lost_their_metadata_are_recognised_by_content():
    master = lesson()
    master.cells[5].source += "\n### BEGIN HIDDEN TESTS\ncheck('w.double', double)\n### END HIDDEN TESTS"
    submission = simulate.without_nbgrader_metadata(lesson())
    submission.cells[2].source = "def helper(x):\n    return x\n\ndef double(x):\n    return 2 * helper(x)"
    nb, issues = reconcile(submission, master)
    assert [grade_id(cell) for cell in nb.cells][2] == "w_double_code"
    assert "2 * helper" in nb.cells[2].source                       # the student's code is graded
    assert "HIDDEN TESTS" in nb.cells[5].source                     # the master's tests run
    assert sum("recognised by its content" in issue for issue in issues) == 2


def test_a_deleted_graded_cell_comes_back_after_the_setup_cells():
    master = lesson()
    submission = lesson()
    del submission.cells[2]
    nb, issues = reconcile(submission, master)
    assert [grade_id(cell) for cell in nb.cells].index("w_double_code") == 4  # before the test cell, after setup
    assert any("was deleted" in issue for issue in issues)
