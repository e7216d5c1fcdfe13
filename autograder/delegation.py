"""Finding graded functions that hand their work to the course's reference implementations.

The kernel has ``dlkit`` installed (the notebooks need it), so a student could answer with the
reference itself. This module reads the submission's code (in the grader, never in the kernel)
and names every graded function that reaches a reference of this notebook's checks, or the check
registry that holds them, through

- ``import`` / ``from ... import`` of the reference, or of a module it is then read from;
- attribute access (``dlkit.scratch.logistic.sigmoid``, ``logistic.sigmoid`` where an
  instructor cell imported ``logistic``);
- a name bound to the reference, in any cell (rebinding: ``sigmoid = reference_sigmoid``);
- ``importlib.import_module`` / ``__import__`` with a literal module name;
- ``.reference`` and ``__globals__`` (the ways from ``check`` to the registry);

directly, or through helper functions and globals of the student's own. Names built at run
time (``getattr(module, "sig" + "moid")``, ``sys.modules[...]``, ``eval``) are not followed.
"""
import ast
import importlib

from autograder.notebooks import grade_id
from dlkit.checks.registry import REGISTRY

_FORBIDDEN_ATTRIBUTES = {"reference", "__globals__"}
_DYNAMIC_IMPORTS = {"import_module", "__import__"}


def delegated_functions(nb, master, trusted):
    """``{function name: message}`` for the graded functions (the targets of ``trusted``, see
    :func:`autograder.trusted.trusted_test_cells`) whose code reaches a reference."""
    references = {id(REGISTRY[check.key].reference) for checks in trusted.values() for check in checks if check.key in REGISTRY}
    targets = {check.target for checks in trusted.values() for check in checks}
    instructor_sources = {cell.source for cell in master.cells if cell.cell_type == "code" and not _is_solution(cell)}
    aliases, student_trees = {}, []
    for cell in nb.cells:
        tree = _parse(cell) if cell.cell_type == "code" else None
        if tree is None:
            continue
        if cell.source in instructor_sources and not _is_solution(cell):
            aliases.update(_dlkit_aliases(tree))
        else:
            student_trees.append(tree)
    for tree in student_trees:
        aliases.update(_dlkit_aliases(tree))

    finder = _Finder(aliases, references, targets)
    direct = {}  # top-level name -> first finding inside its definition or binding
    reads = {}  # top-level name -> global names its definition reads
    unbound = []  # (findings, names read) of statements that bind no name, such as patching a module
    for tree in student_trees:
        for statement in tree.body:
            names = _bound_names(statement)
            found = finder.findings(statement)
            read = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
            if not names:
                unbound.append((found, read))
            for name in names:
                if found:
                    direct.setdefault(name, found[0])
                reads.setdefault(name, set()).update(read)
    reached = _through_helpers(direct, reads, targets)
    # What reaches a reference and binds no name changes the kernel itself (the shim, say): it
    # can stand in for any function.
    for found, read in unbound:
        via = found[0] if found else next((f"uses `{n}`, which {reached[n]}" for n in sorted(read) if n in reached and n not in targets), None)
        if via:
            return {name: _message(name, f"{via} outside any function") for name in sorted(targets)}
    return {name: _message(name, how) for name, how in reached.items() if name in targets}


def _through_helpers(direct, reads, targets):
    """Spread findings from helpers and globals to the functions that read them; a graded
    function is never a helper here (its own check covers it)."""
    reached = dict(direct)
    changed = True
    while changed:
        changed = False
        for name, read in reads.items():
            if name in reached:
                continue
            via = next((other for other in sorted(read) if other in reached and other not in targets), None)
            if via:
                reached[name] = f"through `{via}`, which {reached[via]}"
                changed = True
    return reached


class _Finder:
    """Finds the expressions of a statement that reach a reference."""

    def __init__(self, aliases, references, targets):
        self.aliases = aliases
        self.references = references
        self.targets = targets  # calling another graded function is fair, whatever that one does

    def findings(self, statement):
        found = []
        for node in ast.walk(statement):
            problem = self._problem(node)
            if problem:
                found.append(problem)
        return found

    def _problem(self, node):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dlkit"):
            for alias in node.names:
                if self._is_reference(f"{node.module}.{alias.name}"):
                    return f"imports `{alias.name}` from `{node.module}`"
        if isinstance(node, ast.Attribute):
            if node.attr in _FORBIDDEN_ATTRIBUTES:
                return f"reads `.{node.attr}`"
            path = self._path(node)
            if path and self._is_reference(path):
                return f"uses `{ast.unparse(node)}`"
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in self.aliases and node.id not in self.targets:
            if self._is_reference(self.aliases[node.id]):
                return f"uses `{node.id}`, which is `{self.aliases[node.id]}`"
        module = _dynamic_import(node)
        if module and module.startswith("dlkit") and self._defines_reference(module):
            return f"imports `{module}` by name"
        return None

    def _path(self, node):
        """``"dlkit.x.y"`` for an attribute chain rooted at a dlkit alias or a dynamic import."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        base = self.aliases.get(node.id) if isinstance(node, ast.Name) else _dynamic_import(node)
        return ".".join([base, *reversed(parts)]) if base else None

    def _is_reference(self, path):
        value = _resolve(path)
        return value is not None and (id(value) in self.references or value is REGISTRY)

    def _defines_reference(self, module_name):
        module = _resolve(module_name)
        return module is not None and any(id(value) in self.references or value is REGISTRY
                                          for value in vars(module).values())


def _dlkit_aliases(tree):
    """``{name: "dlkit.dotted.path"}`` for the top-level names a cell binds to dlkit objects."""
    aliases = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("dlkit"):
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dlkit"):
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Assign) and _dynamic_import(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    aliases[target.id] = _dynamic_import(node.value)
    return aliases


def _dynamic_import(node):
    """The literal module name of ``importlib.import_module("...")`` / ``__import__("...")``."""
    if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)):
        return None
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if name not in _DYNAMIC_IMPORTS:
        return None
    fromlist = next((k.value for k in node.keywords if k.arg == "fromlist"), node.args[3] if len(node.args) > 3 else None)
    if name == "__import__" and not fromlist:
        return node.args[0].value.split(".")[0]  # __import__("a.b") returns the package a
    return node.args[0].value


def _resolve(path):
    """The object at ``"dlkit.module.attribute..."``, or ``None``."""
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            value = getattr(value, attribute, None)
            if value is None:
                return None
        return value
    return None


def _bound_names(statement):
    """The top-level names a statement defines or binds."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {alias.asname or alias.name.split(".")[0] for alias in statement.names}
    return {node.id for node in ast.walk(statement) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}


def _is_solution(cell):
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution")) and grade_id(cell) is not None


def _parse(cell):
    source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def _message(name, how):
    return (f"`{name}` hands its work to the course's reference implementation (it {how}); "
            "a graded function must be your own code, so it scores 0.")
