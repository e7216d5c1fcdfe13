"""Reading submitted notebooks defensively and reconciling their graded cells with the master.

The *master* of a notebook is the version the grader trusts: the release notebook, with the
hidden tests put back into its test cells when grading. A submission may have lost, duplicated,
re-typed or edited graded cells; :func:`reconcile` returns the notebook to run, in which every
test cell is the master's and every solution cell holds the student's code, together with a
plain-English list of what it had to repair.
"""
import ast
import copy
import json
import re
import symtable

import nbformat

GRADED_FLAGS = ("grade", "solution", "locked")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
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


def replace_lone_surrogates(nb):
    """Replace every lone UTF-16 surrogate (``"\\ud800"``, which JSON allows and no UTF-8 text can
    hold) in the notebook's strings with U+FFFD, in place; return one issue line, or none."""
    count = 0

    def repaired(value):
        nonlocal count
        if isinstance(value, str):
            fixed, n = _LONE_SURROGATE.subn("\ufffd", value)
            count += n
            return fixed
        if isinstance(value, list):
            return [repaired(item) for item in value]
        if isinstance(value, dict):
            for key in value:
                value[key] = repaired(value[key])
        return value

    repaired(nb)
    if not count:
        return []
    return [f"the notebook held {count} invalid character(s) (lone surrogates, which cannot be sent to "
            "the kernel); each was replaced with \ufffd"]


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def cells_the_grades_need(nb):
    """Indexes of the code cells that grading runs: the graded cells, and every ungraded cell
    that defines a global name they read, directly or through another such cell.

    The other cells only demonstrate (training runs, figures, prints): no check can depend on
    them, so they are not run, and an endless loop or a crash in one cannot cost a graded
    function. Cells the analysis cannot read (a syntax error, ``from x import *``) are kept.
    """
    code = {i: _global_names(cell.source) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"}
    keep = {i for i, names in code.items() if grade_id(nb.cells[i]) or names is None}
    needed = set().union(*(code[i][1] for i in keep if code[i]))
    while True:
        found = {i for i, names in code.items() if i not in keep and names[0] & needed}
        if not found:
            return keep
        keep |= found
        needed |= set().union(*(code[i][1] for i in found))


def _global_names(source):
    """``(defined, read)``: the global names a cell binds (at top level, or declared ``global``)
    and the global names it reads anywhere (a function's parameters and locals are not global);
    ``None`` when the cell cannot be analysed. IPython's ``%`` and ``!`` lines are ignored."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        if any(isinstance(node, ast.ImportFrom) and node.names[0].name == "*" for node in ast.walk(ast.parse(code))):
            return None
        module = symtable.symtable(code, "<cell>", "exec")
    except (SyntaxError, ValueError):
        return None
    defined, read = set(), set()
    tables = [module]
    while tables:
        table = tables.pop()
        at_top = table.get_type() == "module"
        for symbol in table.get_symbols():
            if (at_top or symbol.is_global()) and symbol.is_referenced():
                read.add(symbol.get_name())
            if (at_top or symbol.is_declared_global()) and (symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()):
                defined.add(symbol.get_name())
        tables.extend(table.get_children())
    return defined, read


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
    for cell in _with_recovered_grade_ids(submission, master_cells, issues):
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


def _with_recovered_grade_ids(submission, master_cells, issues):
    """The submission's cells, where a code cell that lost its nbgrader metadata (an editor that
    drops it) gets it back when its content identifies it: a test cell by its visible source, a
    solution cell by the functions and classes it defines."""
    present = {grade_id(cell) for cell in submission.cells if grade_id(cell)}
    missing = {gid: cell for gid, cell in master_cells.items() if gid not in present}
    if not missing:
        return submission.cells
    cells = []
    for cell in submission.cells:
        gid = None if grade_id(cell) or cell.cell_type != "code" else _identify(cell, missing)
        if gid:
            cell = copy.deepcopy(cell)
            cell.metadata["nbgrader"] = copy.deepcopy(missing.pop(gid).metadata.nbgrader)
            issues.append(f"graded cell '{gid}' had lost its nbgrader metadata; it was recognised by its content")
        cells.append(cell)
    return cells


def _identify(cell, candidates):
    """The grade id among ``candidates`` that ``cell`` is a copy of, or ``None``: a test cell with
    the same visible tests, or a solution cell defining (at least) the same functions."""
    for gid, master_cell in candidates.items():
        if is_test_cell(master_cell) and _visible_part(cell.source) == _visible_part(master_cell.source):
            return gid
    defined = _top_level_definitions(cell.source)
    for gid, master_cell in candidates.items():
        expected = _top_level_definitions(master_cell.source)
        if master_cell.metadata.nbgrader.get("solution") and expected and expected <= defined:
            return gid
    return None


def _top_level_definitions(source):
    """Names of the functions and classes a cell defines at top level (empty if it does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


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
    """Put ``master_cell`` back after the graded cells that come before it in the master, or
    else before the first one that comes after it (the setup cells above stay first)."""
    position = master_order.index(grade_id(master_cell))
    earlier, later = set(master_order[:position]), set(master_order[position + 1:])
    after_earlier = [i + 1 for i, cell in enumerate(cells) if grade_id(cell) in earlier]
    before_later = [i for i, cell in enumerate(cells) if grade_id(cell) in later]
    if after_earlier:
        index = max(after_earlier)
    elif before_later:
        index = min(before_later)
    else:
        index = len(cells)
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
