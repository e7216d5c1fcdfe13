"""Submissions that try to fake a grade or get out of the sandbox (week 1), for the demo and the
adversarial tests. Each attack is code a student could put in a solution cell; the
:class:`~autograder.simulate.Student` entries say which functions it must cost.

Attacks on the grading machinery come two ways: on the untouched release (nothing implemented:
every function must score 0) and beside a correct solution (full marks: the attack must not
cost an honest answer either). Attacks on the machine (reading, writing, connecting, forking,
allocating) are written so that one graded function is right only when the attack succeeded.
"""
from autograder import simulate
from autograder.simulate import Student

FUNCTIONS = ("sigmoid", "sigmoid_derivative", "image2vector", "normalize_rows", "softmax", "L1", "L2",
             "initialize_with_zeros", "propagate", "optimize", "predict", "model")

FAKE_CHECK = '''
def check(*args, **kwargs):
    pass
'''
SWALLOW_TESTS = '''
def _no_tests(lines):
    return ["pass\\n"] if any("check(" in line for line in lines) else lines
get_ipython().input_transformers_cleanup.append(_no_tests)
'''
HIDE_TRACEBACKS = '''
from IPython.core.interactiveshell import InteractiveShell
InteractiveShell.showtraceback = lambda self, *args, **kwargs: None
InteractiveShell._showtraceback = lambda self, *args, **kwargs: None
'''
PATCH_COMPARISONS = '''
import dlkit.checks.compare, dlkit.checks.registry
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
dlkit.checks.compare.compare = lambda *args, **kwargs: None
dlkit.checks.registry.judge = lambda *args, **kwargs: None
'''
ALWAYS_EQUAL = '''
class _Anything(float):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = float.__hash__
def _anything(*args, **kwargs):
    return _Anything(0.0)
for _name in %r:
    globals()[_name] = _anything
''' % (FUNCTIONS,)
FORGED_ANSWERS = '''
import base64
import dlkit.checks.shim as _shim
from dlkit.checks import codec as _codec
from IPython.display import display as _display
def _forged(key, function, payload):
    cases = _codec.decode(base64.b64decode(payload))
    answer = base64.b64encode(_codec.encode({"observed": {"result": 0.5}})).decode()
    _display({_shim.MIME: [answer] * len(cases)}, raw=True)
_shim.run_cases = _forged
'''
ANSWERS_FROM_THE_REGISTRY = '''
import dlkit.checks.shim as _shim
_original = _shim.run_cases
def _with_reference(key, function, payload):
    _original(key, _shim.REGISTRY[key].reference, payload)
_shim.run_cases = _with_reference
'''
DELEGATED = '''
from dlkit.scratch.activations import sigmoid
'''
DELEGATED_BY_ATTRIBUTE = '''
import dlkit.scratch.activations as _activations
def softmax(x):
    return _activations.softmax(x)
'''
DELEGATED_BY_IMPORTLIB = '''
import importlib
def L1(yhat, y):
    return importlib.import_module("dlkit.scratch.losses").L1(yhat, y)
'''
DELEGATED_THROUGH_A_HELPER = '''
from dlkit.scratch import losses as _losses
_ref = _losses.L2
def _helper(yhat, y):
    return _ref(yhat, y)
def L2(yhat, y):
    return _helper(yhat, y)
'''
READ_PRIVATE_FILES = '''
_stolen = {}
for _path in %r:
    try:
        with open(_path, "rb") as _file:
            _stolen[_path] = _file.read(64)
    except OSError:
        pass
def sigmoid(z):
    if not _stolen:
        raise RuntimeError("could not read any of the course's private files")
    return 1 / (1 + np.exp(-z))
'''
WRITE_OUTSIDE = '''
_written = []
for _path in %r:
    try:
        with open(_path, "w") as _file:
            _file.write("pwned")
        _written.append(_path)
    except OSError:
        pass
def sigmoid_derivative(x):
    if not _written:
        raise RuntimeError("could not write outside the scratch folder")
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s)
'''
CONNECT = '''
import socket
try:
    socket.create_connection(("127.0.0.1", %d), timeout=3).sendall(b"leaked")
    _connected = True
except OSError:
    _connected = False
def L2(yhat, y):
    if not _connected:
        raise RuntimeError("could not connect")
    return float(np.sum((y - yhat) ** 2))
'''
DETACHED_FORK_BOMB = '''
import os, time
if os.fork() == 0:
    os.setsid()
    try:
        while True:
            os.fork()
    except OSError:
        pass
    time.sleep(3600)
    os._exit(0)
'''
CHATTERBOX = '''
from IPython.display import display
for _ in range(200):
    print("x" * 100_000)   # 20 MB of output
display({"application/vnd.dlkit.outcomes+json": ["x" * 4_000_000]}, raw=True)   # dressed as the grader's answer
'''
MEMORY_BOMB = '''
def normalize_rows(x):
    hog = []
    while True:
        hog.append(np.ones(2**24))   # 128 MiB more each time, until something stops it
'''


def private_paths(course_root, repository_course):
    """Files a kernel must not read: the gradebook, the secret, the sources with hidden tests,
    another student's submission."""
    root = course_root
    return [str(root / "gradebook.db"), str(root / ".grading_secret"),
            str(root / "source" / "week01_logistic_regression" / "week01_logistic_regression.ipynb"),
            str(root / "submitted" / "honest" / "week01_logistic_regression" / "week01_logistic_regression.ipynb"),
            str(repository_course / "source" / "week01_logistic_regression" / "week01_logistic_regression.ipynb")]


def places_outside(course_root, tag):
    """Files a kernel must not be able to create."""
    return [str(course_root / f"pwned-{tag}"), str(course_root / "submitted" / "honest" / f"pwned-{tag}"),
            str(course_root / "autograded" / f"pwned-{tag}")]


def cheating_class(release_nb, reference, course_root=None, repository_course=None, port=None):
    """Students (see :class:`autograder.simulate.Student`) who attack the grader. The attacks on the
    machine need the course's root, the repository's course and a port the caller listens on;
    without them only the attacks on the grading machinery are returned."""
    def untouched_plus(gid, attack):
        stub = next(cell.source for cell in release_nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == gid)
        return lambda: simulate.fill_in(release_nb, {gid: attack + "\n" + stub})

    def solved_plus(gid, attack):
        return lambda: simulate.fill_in(release_nb, {**reference, gid: attack + "\n" + reference[gid]})

    def solved_with(**code):
        return lambda: simulate.fill_in(release_nb, {**reference, **code})

    on_grading = [("fake_check", "defines its own check()", FAKE_CHECK),
                  ("swallow_tests", "an input transformer that empties test cells", SWALLOW_TESTS),
                  ("hide_tracebacks", "patches InteractiveShell.showtraceback", HIDE_TRACEBACKS),
                  ("patch_comparisons", "patches NumPy's and dlkit's comparisons", PATCH_COMPARISONS)]
    students = [Student(f"{name}_untouched", f"{story}; implements nothing", untouched_plus("week01_sigmoid_code", attack), {"*"})
                for name, story, attack in on_grading]
    students += [Student(f"{name}_solved", f"{story}; correct solution", solved_plus("week01_sigmoid_code", attack))
                 for name, story, attack in on_grading]
    students += [
        Student("always_equal", "returns objects whose == is always True", untouched_plus("week01_sigmoid_code", ALWAYS_EQUAL), {"*"}),
        Student("forged_answers", "replaces the grader's shim with one that sends made-up answers",
                untouched_plus("week01_sigmoid_code", FORGED_ANSWERS), {"*"}),
        Student("registry_answers", "makes the shim answer with the registry's references",
                untouched_plus("week01_sigmoid_code", ANSWERS_FROM_THE_REGISTRY), {"*"}),
        Student("delegator", "four functions call the dlkit reference (import, attribute, importlib, helper)",
                solved_with(week01_sigmoid_code=DELEGATED, week01_softmax_code=DELEGATED_BY_ATTRIBUTE,
                            week01_L1_code=DELEGATED_BY_IMPORTLIB, week01_L2_code=DELEGATED_THROUGH_A_HELPER),
                {"sigmoid", "softmax", "L1", "L2"}, "hands its work"),
    ]
    if course_root is None:
        return students
    return students + [
        Student("reader", "sigmoid works only if it can read the gradebook, the secret or other students' files",
                solved_with(week01_sigmoid_code=READ_PRIVATE_FILES % (private_paths(course_root, repository_course),)),
                {"sigmoid"}),
        Student("writer", "sigmoid_derivative works only if it can write into the course",
                solved_with(week01_sigmoid_derivative_code=WRITE_OUTSIDE % (places_outside(course_root, "writer"),)),
                {"sigmoid_derivative"}),
        Student("caller", "L2 works only if it can connect to a listener on 127.0.0.1", solved_with(week01_L2_code=CONNECT % port),
                {"L2"}),
        Student("fork_bomber", "starts a detached fork bomb", solved_plus("week01_initialize_with_zeros_code", DETACHED_FORK_BOMB)),
        Student("chatterbox", "prints 20 MB and a fake 4 MB answer in the sigmoid cell; correct solution",
                solved_plus("week01_sigmoid_code", CHATTERBOX)),
        Student("memory_bomber", "normalize_rows allocates until it is stopped",
                solved_with(week01_normalize_rows_code=MEMORY_BOMB), {"normalize_rows"}),
    ]
