"""The source notebooks' structure. (nbval runs them under the rules of notebook_policy.py.)"""
import nbformat

from conftest import COURSE

SOURCE_NOTEBOOKS = sorted((COURSE / "source").glob("*/*.ipynb"))


def test_source_notebooks_are_committed_without_outputs():
    for path in SOURCE_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") and cell.get("execution_count") is None
                   for cell in nb.cells if cell.cell_type == "code"), path


def test_every_graded_function_has_a_registry_entry_and_a_test_cell():
    from dlkit.checks import REGISTRY
    from autograder.notebooks import check_key, graded_cells, graded_function, is_test_cell

    for path in SOURCE_NOTEBOOKS:
        cells = graded_cells(nbformat.read(path, as_version=4))
        tests = [gid for gid, cell in cells.items() if is_test_cell(cell)]
        for gid in tests:
            assert check_key(gid) in REGISTRY
            assert f"{gid}_code" in cells, f"{gid} has no solution cell"
            assert f'check("{check_key(gid)}", {graded_function(gid)}, hidden=True)' in cells[gid].source
            assert cells[gid].metadata.nbgrader["points"] > 0


def test_every_registered_function_is_graded_in_some_notebook():
    from dlkit.checks import REGISTRY

    sources = "\n".join(path.read_text() for path in SOURCE_NOTEBOOKS)
    missing = [key for key in REGISTRY if f'check(\\"{key}\\"' not in sources]
    assert missing == []
