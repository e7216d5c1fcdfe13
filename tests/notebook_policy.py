"""A pytest plugin (``-p notebook_policy``): what a solution notebook must do beyond running
without an error, checked while nbval runs ``course/source/*/*.ipynb`` cell by cell
(``--nbval-lax``: outputs are not compared):

- no cell writes to stderr (nbgrader fails a test cell that does, and it is noise for readers);
- the notebook's cells run in at most ``NOTEBOOK_BUDGET_S`` seconds in all (2 CPU cores);
- the notebook shows at least one figure.

Each notebook's time is printed at the end of the run.
"""
import collections
import os

import pytest

NOTEBOOK_BUDGET_S = float(os.environ.get("NOTEBOOK_BUDGET_S", 90))

_seconds = collections.Counter()
_figures = collections.Counter()
_last_cell = {}


def _is_notebook_cell(item):
    return type(item).__name__ == "IPyNbCell"


def pytest_collection_modifyitems(items):
    for item in items:
        if _is_notebook_cell(item):
            _last_cell[item.fspath] = item.nodeid
            item.add_marker(pytest.mark.notebooks)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if not _is_notebook_cell(item) or report.when != "call":
        return
    notebook = item.fspath
    _seconds[notebook.purebasename] += report.duration
    outputs = item.test_outputs or []
    _figures[notebook.purebasename] += sum("image/png" in output.get("data", {}) for output in outputs)
    if not report.passed:
        return
    stderr = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
    if stderr:
        _fail(report, f"the cell wrote to stderr:\n{stderr[:2000]}")
    elif _seconds[notebook.purebasename] > NOTEBOOK_BUDGET_S:
        _fail(report, f"{notebook.purebasename} has run {_seconds[notebook.purebasename]:.1f} s, "
                      f"over its budget of {NOTEBOOK_BUDGET_S:.0f} s")
    elif item.nodeid == _last_cell.get(notebook) and not _figures[notebook.purebasename]:
        _fail(report, f"{notebook.purebasename} shows no figure")


def _fail(report, message):
    report.outcome = "failed"
    report.longrepr = message


def pytest_terminal_summary(terminalreporter):
    if _seconds:
        terminalreporter.section("solution notebooks: seconds of cell execution")
        for name, seconds in sorted(_seconds.items()):
            terminalreporter.write_line(f"{name:<40} {seconds:6.1f} s   {_figures[name]} figure(s)")
