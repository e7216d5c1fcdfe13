"""Every solution (source) notebook runs top to bottom, with no error and nothing on stderr."""
import time

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import COURSE

SOURCE_NOTEBOOKS = sorted((COURSE / "source").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", SOURCE_NOTEBOOKS, ids=[p.stem for p in SOURCE_NOTEBOOKS])
def test_solution_notebook_runs_cleanly(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    print(f"{path.stem}: executed in {time.monotonic() - started:.1f} s")
    problems = [
        (index, output.get("ename") or output.get("text", "")[:200])
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error" or (output.output_type == "stream" and output.name == "stderr")
    ]
    assert problems == []
    figures = sum("image/png" in output.get("data", {}) for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs)
    assert figures >= 3


def test_source_notebooks_are_committed_without_outputs():
    for path in SOURCE_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") and cell.get("execution_count") is None
                   for cell in nb.cells if cell.cell_type == "code"), path


def test_every_graded_function_has_a_registry_entry_and_a_test_cell():
    from dlkit.checks import REGISTRY
    from autograder.notebooks import graded_cells, is_test_cell

    for path in SOURCE_NOTEBOOKS:
        cells = graded_cells(nbformat.read(path, as_version=4))
        tests = [gid for gid, cell in cells.items() if is_test_cell(cell)]
        for gid in tests:
            week, name = gid.split("_", 1)
            assert f"{week}.{name}" in REGISTRY
            assert f"{gid}_code" in cells, f"{gid} has no solution cell"
            assert f'check("{week}.{name}", {name}, hidden=True)' in cells[gid].source
            assert cells[gid].metadata.nbgrader["points"] > 0


def test_every_registered_function_is_graded_in_some_notebook():
    from dlkit.checks import REGISTRY

    sources = "\n".join(path.read_text() for path in SOURCE_NOTEBOOKS)
    missing = [key for key in REGISTRY if f'check(\\"{key}\\"' not in sources]
    assert missing == []
