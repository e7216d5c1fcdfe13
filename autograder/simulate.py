"""Making submissions for a simulated class: the reference solution, the untouched release, and
variants with chosen functions replaced, cells deleted, or files broken."""
import copy
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

import nbformat

from autograder.notebooks import grade_id

_SOLUTION_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


@dataclass
class Student:
    """A simulated student: how the submission is made (a notebook, or raw bytes for a broken
    file), which functions should lose points ("*" for all) and what the grader should report."""

    name: str
    story: str
    make: Callable
    loses: set = field(default_factory=set)
    issue: str = ""


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


def stamp(folder, when=None):
    """Write the ``timestamp.txt`` that nbgrader's submit and collect put in a submission folder
    (in their format, UTC), ``when`` defaulting to now."""
    when = when or datetime.now(timezone.utc)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "timestamp.txt").write_text(when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))


def with_duplicated_cell(nb, gid):
    """A copy of ``nb`` in which the cell ``gid`` was copied and pasted right below itself."""
    nb = copy.deepcopy(nb)
    index = next(i for i, cell in enumerate(nb.cells) if grade_id(cell) == gid)
    pasted = copy.deepcopy(nb.cells[index])
    pasted["id"] = "pasted-copy"
    nb.cells.insert(index + 1, pasted)
    return nb


def with_test_cell_retyped(nb, gid):
    """A copy of ``nb`` whose test cell ``gid`` was turned into an editable answer and emptied."""
    nb = copy.deepcopy(nb)
    cell = next(cell for cell in nb.cells if grade_id(cell) == gid)
    cell.metadata.nbgrader.update(solution=True, grade=True, locked=False)
    cell.source = "# I replaced the tests with a comment"
    return nb


def with_cell_as_markdown(nb, gid):
    """A copy of ``nb`` whose code cell ``gid`` was switched to a markdown cell."""
    nb = copy.deepcopy(nb)
    cell = next(cell for cell in nb.cells if grade_id(cell) == gid)
    cell.cell_type = "markdown"
    del cell["outputs"], cell["execution_count"]
    return nb


def without_nbgrader_metadata(nb):
    """A copy of ``nb`` whose cells lost their nbgrader metadata (an editor that drops it)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    return nb


def as_bytes_with_lone_surrogate(nb, gid):
    """``nb`` as notebook JSON whose cell ``gid`` ends with a comment holding a lone surrogate
    (``"\\ud800"``: valid JSON, but no UTF-8 text can hold it)."""
    nb = copy.deepcopy(nb)
    cell = next(cell for cell in nb.cells if grade_id(cell) == gid)
    cell.source += "\n# a stray half of an emoji: \ud800"
    return json.dumps(nb, indent=1, ensure_ascii=True).encode()
