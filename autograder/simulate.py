"""Making submissions for a simulated class: the reference solution, the untouched release, and
variants with chosen functions replaced, cells deleted, or files broken."""
import copy
import re

import nbformat

from autograder.notebooks import grade_id

_SOLUTION_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


def reference_solutions(source_nb):
    """``{grade_id: code}`` of every solution cell of a source notebook, markers removed."""
    return {
        grade_id(cell): _SOLUTION_MARKER.sub("", cell.source)
        for cell in source_nb.cells
        if grade_id(cell) and cell.metadata.nbgrader.get("solution")
    }


def fill_in(release_nb, code_by_grade_id):
    """A copy of the release notebook whose solution cells hold the given code."""
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        if grade_id(cell) in code_by_grade_id:
            cell.source = code_by_grade_id[grade_id(cell)]
    return nb


def without_cells(nb, grade_ids):
    """A copy of ``nb`` with the cells of the given grade ids deleted."""
    nb = copy.deepcopy(nb)
    nb.cells = [cell for cell in nb.cells if grade_id(cell) not in grade_ids]
    return nb


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
