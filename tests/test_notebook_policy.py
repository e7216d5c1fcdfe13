"""The notebook rules of notebook_policy.py fail what they should, on tiny notebooks run by nbval."""
from pathlib import Path

import nbformat
import pytest

pytest_plugins = ["pytester"]

FIGURE = "import matplotlib.pyplot as plt\n%matplotlib inline\nplt.plot([1, 2]);"


def run_notebook(pytester, monkeypatch, *cells, budget="90"):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, pytester.path / "lesson.ipynb")
    pytester.makeini("[pytest]\naddopts = -p notebook_policy --nbval-lax --nbval-current-env\n")
    monkeypatch.setenv("NOTEBOOK_BUDGET_S", budget)
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    return pytester.runpytest_subprocess("lesson.ipynb")


@pytest.mark.notebooks
def test_a_clean_notebook_with_a_figure_passes(pytester, monkeypatch):
    run_notebook(pytester, monkeypatch, "x = 1", FIGURE).assert_outcomes(passed=2)


@pytest.mark.notebooks
def test_stderr_no_figure_and_overtime_each_fail(pytester, monkeypatch):
    result = run_notebook(pytester, monkeypatch, "import sys; sys.stderr.write('careful')", "import time; time.sleep(1.5)", budget="1")
    result.assert_outcomes(passed=0, failed=2)
    result.stdout.fnmatch_lines(["*the cell wrote to stderr*", "*over its budget of 1 s*"])
    run_notebook(pytester, monkeypatch, "x = 1").stdout.fnmatch_lines(["*shows no figure*"])
