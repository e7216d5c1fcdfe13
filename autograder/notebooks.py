"""Reading submitted notebooks defensively and reconciling their graded cells with the master.

The *master* of a notebook is the version the grader trusts: the release notebook, with the
hidden tests put back into its test cells when grading. A submission may have lost, duplicated,
re-typed or edited graded cells; :func:`reconcile` returns the notebook to run, in which every
test cell is the master's and every solution cell holds the student's code, together with a
plain-English list of what it had to repair.
"""
import copy
import json
import re

import nbformat

GRADED_FLAGS = ("grade", "solution", "locked")
_HIDDEN_TESTS = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.MULTILINE | re.DOTALL)


class UnreadableNotebook(Exception):
    """The file is not a notebook we can grade; the message says why, for the student."""


def read_notebook(path):
    """Read a notebook, raising :class:`UnreadableNotebook` with a clear reason if it is broken."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableNotebook(f"the file could not be read ({error.strerror})") from None
    if not raw.strip():
        raise UnreadableNotebook("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableNotebook(f"the file is not valid UTF-8 text (byte {error.start})") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableNotebook(
            f"the file is not valid notebook JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "was it saved completely?"
        ) from None
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as error:
        raise UnreadableNotebook(f"the file is not a valid Jupyter notebook ({str(error).splitlines()[0]})") from None
    return nb


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def graded_function(gid):
    """The function a graded cell is about: ``"week02_layer_sizes"`` and
    ``"week02_layer_sizes_code"`` -> ``"layer_sizes"`` (grade ids are ``weekNN_<function>``,
    with ``_code`` for the solution cell)."""
    return gid.split("_", 1)[1].removesuffix("_code")


def check_key(gid):
    """The registry key a graded cell is checked under: ``"week02_layer_sizes"`` -> ``"week02.layer_sizes"``."""
    return f"{gid.split('_', 1)[0]}.{graded_function(gid)}"


def is_test_cell(cell):
    """An autograded test cell: graded, not a solution."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def graded_cells(nb):
    """Cells of ``nb`` that carry an nbgrader ``grade_id``, as ``{grade_id: cell}`` in order."""
    return {grade_id(cell): cell for cell in nb.cells if grade_id(cell)}


def points(cell):
    return float(cell.metadata.nbgrader.get("points", 0))


def reconcile(submission, master):
    """Return ``(notebook_to_run, issues)``.

    Test and locked cells come from the master (what the student cannot change); solution
    cells keep the student's source. Duplicated graded cells keep their first copy graded and
    run the others as ordinary code; cells whose graded metadata or type was changed are put
    back; deleted graded cells are restored from the master at their original place (a
    deleted solution cell comes back as the unsolved stub).
    """
    master_cells = graded_cells(master)
    master_order = list(master_cells)
    issues = []
    cells = []
    seen = set()
    for cell in submission.cells:
        gid = grade_id(cell)
        if gid is None:
            cells.append(_fresh(cell))
            continue
        if gid not in master_cells:
            issues.append(f"cell '{gid}' is not a graded cell of this assignment; it runs as ordinary code")
            cells.append(_without_grading(cell))
            continue
        if gid in seen:
            issues.append(f"graded cell '{gid}' appears more than once; only its first copy is graded")
            cells.append(_without_grading(cell))
            continue
        seen.add(gid)
        cells.append(_restored(cell, master_cells[gid], issues))

    for gid in master_order:
        if gid not in seen:
            kind = "solution" if master_cells[gid].metadata.nbgrader.get("solution") else "test"
            issues.append(
                f"graded {kind} cell '{gid}' was deleted; it was put back"
                + (" as the unsolved stub" if kind == "solution" else "")
            )
            _insert_in_master_order(cells, master_cells[gid], master_order)

    nb = copy.deepcopy(master)
    nb.cells = cells
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index}"  # copied cells share ids, which nbformat rejects
    return nb, issues


def _restored(cell, master_cell, issues):
    gid = grade_id(master_cell)
    master_meta = master_cell.metadata.nbgrader
    student_meta = cell.metadata.get("nbgrader", {})
    changed = [flag for flag in GRADED_FLAGS if bool(student_meta.get(flag)) != bool(master_meta.get(flag))]
    if cell.cell_type != master_cell.cell_type:
        changed.insert(0, f"cell type {master_cell.cell_type} -> {cell.cell_type}")
    if changed:
        issues.append(f"graded cell '{gid}' was re-typed ({', '.join(changed)}); its original type was restored")
    if is_test_cell(master_cell) or master_meta.get("locked"):
        if not changed and _visible_part(cell.source) != _visible_part(master_cell.source):
            issues.append(f"test cell '{gid}' was edited; the original tests were run instead")
        return _fresh(master_cell)
    restored = _fresh(master_cell)
    restored.source = cell.source
    return restored


def _visible_part(source):
    """The test source a student sees: hidden tests removed, surrounding blank space ignored."""
    return _HIDDEN_TESTS.sub("", source).strip()


def _insert_in_master_order(cells, master_cell, master_order):
    position = master_order.index(grade_id(master_cell))
    earlier = set(master_order[:position])
    index = 0
    for i, cell in enumerate(cells):
        if grade_id(cell) in earlier:
            index = i + 1
    cells.insert(index, _fresh(master_cell))


def _fresh(cell):
    cell = copy.deepcopy(cell)
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    return cell


def _without_grading(cell):
    cell = _fresh(cell)
    cell.metadata.pop("nbgrader", None)
    if cell.cell_type != "code" and "outputs" in cell:
        del cell["outputs"]
    return cell
