"""The check registry: references and correct alternatives pass, plausible mistakes fail with
useful messages."""
import functools
import re
import subprocess
import sys

import nbformat
import numpy as np
import pytest

from autograder import simulate
from autograder.notebooks import check_key, graded_function
from conftest import notebook_namespace, source_notebook_of
from dlkit.checks import REGISTRY, check
from equivalents import BY_WEEK as EQUIVALENTS_BY_WEEK
from mutants import BY_WEEK, as_function

WEEK01 = BY_WEEK["week01"]


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_reference_passes_its_own_check(key, capsys):
    check(key, REGISTRY[key].reference)
    assert "tests passed" in capsys.readouterr().out
    for seed in range(5):
        check(key, REGISTRY[key].reference, hidden=True, seed=seed)


def implementations(by_week):
    """One pytest parameter per ``(week, cell_id, code)`` of a mutants or equivalents table."""
    return [
        pytest.param(week, cell_id, code, id=f"{cell_id.removesuffix('_code')}: {description}")
        for week, by_cell in by_week.items()
        for cell_id, variants in by_cell.items()
        for description, code in variants
    ]


MUTANT_CASES = implementations(BY_WEEK)


@pytest.mark.parametrize("week, cell_id, code", MUTANT_CASES)
def test_hidden_check_fails_every_mutant(week, cell_id, code):
    wrong = notebook_namespace(week, replace={cell_id: code})[graded_function(cell_id)]
    # Fresh randomness each time, as at grading time: the mutant must fail every draw.
    for _ in range(3):
        with pytest.raises(AssertionError):
            check(check_key(cell_id), wrong, hidden=True)


@functools.cache
def reaching(week, name):
    """The week's graded functions whose reference solution can reach ``name``: they mention it,
    or mention a function that does. Only these can be affected by a mistake in ``name``."""
    solutions = {graded_function(gid): code for gid, code in
                 simulate.reference_solutions(nbformat.read(source_notebook_of(week), as_version=4)).items()}
    found, frontier = set(), {name}
    while frontier:
        frontier = {caller for caller, code in solutions.items() if caller not in found | {name}
                    and any(re.search(rf"\b{callee}\b", code) for callee in frontier)}
        found |= frontier
    return found


@pytest.mark.parametrize("week, cell_id, code", MUTANT_CASES)
def test_a_mutant_costs_only_its_own_function(week, cell_id, code):
    namespace = notebook_namespace(week, replace={cell_id: code})
    for key in REGISTRY.week(week):
        if REGISTRY[key].name in reaching(week, graded_function(cell_id)):
            check(key, namespace[REGISTRY[key].name], hidden=True)


def test_the_functions_that_reach_a_helper_are_found():
    assert reaching("week01", "sigmoid") == {"sigmoid_derivative", "propagate", "optimize", "predict", "model"}
    assert reaching("week01", "model") == set()


EQUIVALENT_CASES = implementations(EQUIVALENTS_BY_WEEK)


@pytest.mark.parametrize("week, cell_id, code", EQUIVALENT_CASES)
def test_hidden_check_passes_every_equivalent(week, cell_id, code):
    right = notebook_namespace(week, replace={cell_id: code})[graded_function(cell_id)]
    for _ in range(3):
        check(check_key(cell_id), right, hidden=True)


def test_every_graded_function_has_at_least_two_equivalents():
    assert set(EQUIVALENTS_BY_WEEK) == set(BY_WEEK)
    for week, by_cell in EQUIVALENTS_BY_WEEK.items():
        assert {check_key(cell_id) for cell_id in by_cell} == set(REGISTRY.week(week))
        assert all(len(equivalents) >= 2 for equivalents in by_cell.values()), week


def test_every_graded_function_has_at_least_three_mutants():
    weeks = {key.split(".")[0] for key in REGISTRY}
    assert weeks == set(BY_WEEK)
    for week, by_cell in BY_WEEK.items():
        assert {check_key(cell_id) for cell_id in by_cell} == set(REGISTRY.week(week))
        assert all(len(mutants) >= 3 for mutants in by_cell.values()), week


def test_messages_say_what_is_wrong_without_the_solution():
    with pytest.raises(AssertionError, match=r"the result has shape \(1, 18\), expected \(18, 1\)"):
        check("week01.image2vector", lambda image: image.reshape(1, -1))
    with pytest.raises(AssertionError, match="is not implemented yet"):
        check("week01.sigmoid", lambda z: (_ for _ in ()).throw(NotImplementedError()))
    with pytest.raises(AssertionError, match="should be a function"):
        check("week01.L1", 3.0)
    with pytest.raises(AssertionError, match=r"grads\['dw'\] is wrong .*largest by"):
        check("week01.propagate", as_function(WEEK01["week01_propagate_code"][0][1], "propagate"))
    with pytest.raises(AssertionError, match=r"b should be a single number, got an array of shape \(1, 1\)"):
        check("week01.initialize_with_zeros", lambda dim: (np.zeros((dim, 1)), np.zeros((1, 1))))
    with pytest.raises(AssertionError, match="contains NaN"):
        check("week01.softmax", as_function(WEEK01["week01_softmax_code"][1][1], "softmax"))


def _right_on_the_example_only(yhat, y):
    return float(np.sum(np.abs(y - yhat))) if y.size == 5 else 0.0


def test_a_failed_hidden_check_names_its_fresh_seed_so_it_can_be_replayed(monkeypatch):
    monkeypatch.setattr("dlkit.checks.registry.fresh_seed", lambda: 77)
    with pytest.raises(AssertionError, match=r"random test, seed 77"):
        check("week01.L1", _right_on_the_example_only, hidden=True)


def test_a_seed_given_by_the_grader_is_never_named():
    with pytest.raises(AssertionError) as failure:
        check("week01.L1", _right_on_the_example_only, hidden=True, seed=77)
    assert "a hidden random test" in str(failure.value) and "77" not in str(failure.value)


def test_functions_built_on_a_wrong_helper_lose_only_the_helpers_points():
    namespace = {"np": np}
    exec(WEEK01["week01_sigmoid_code"][0][1], namespace)  # a wrong sigmoid
    exec("def propagate(w, b, X, Y):\n"
         "    m = X.shape[1]\n"
         "    A = sigmoid(w.T @ X + b)\n"
         "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
         "    return {'dw': X @ (A - Y).T / m, 'db': np.sum(A - Y) / m}, cost\n", namespace)
    check("week01.propagate", namespace["propagate"], hidden=True)
    with pytest.raises(AssertionError):
        check("week01.sigmoid", namespace["sigmoid"], hidden=True)
    assert namespace["sigmoid"].__code__.co_consts  # the student's own sigmoid is back in place
    assert namespace["sigmoid"] is not REGISTRY["week01.sigmoid"].reference



def test_importing_the_checks_loads_no_week_and_builds_no_example():
    probe = ("import sys, dlkit.checks; "
             "print(sorted(m for m in sys.modules if m.startswith('dlkit.checks.week') or m == 'torch'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    probe = ("import sys; from dlkit.checks import REGISTRY; REGISTRY['week02.predict']; "
             "print(sorted(m for m in sys.modules if m.startswith('dlkit.checks.week') or m == 'torch'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['dlkit.checks.week02']"


def test_helpers_are_bound_with_the_students_own_parameter_names():
    # A student's nn_model that calls its helpers by keyword, with the notebook's names (A2, not
    # the reference's A).
    namespace = notebook_namespace("week02")
    exec("def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n"
         "    np.random.seed(3)\n"
         "    n_x, _, n_y = layer_sizes(X=X, Y=Y)\n"
         "    parameters = initialize_parameters(n_x=n_x, n_h=n_h, n_y=n_y)\n"
         "    for i in range(num_iterations):\n"
         "        A2, cache = forward_propagation(X=X, parameters=parameters)\n"
         "        cost = compute_cost(A2=A2, Y=Y)\n"
         "        grads = backward_propagation(parameters=parameters, cache=cache, X=X, Y=Y)\n"
         "        parameters = update_parameters(parameters=parameters, grads=grads)\n"
         "    return parameters\n", namespace)
    check("week02.nn_model", namespace["nn_model"], hidden=True)


def test_a_helper_called_with_a_wrong_keyword_names_the_helper_not_the_reference():
    namespace = notebook_namespace("week03")
    exec("def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):\n"
         "    parameters = initialize_parameters_deep(layers_dims)\n"
         "    AL, caches = L_model_forward(inputs=X, parameters=parameters)\n"
         "    return parameters, []\n", namespace)
    with pytest.raises(AssertionError, match=r"raised TypeError: L_model_forward\(\) missing a required argument: 'X'"):
        check("week03.L_layer_model", namespace["L_layer_model"])


def test_what_the_student_returns_is_compared_by_value_not_by_its_own_methods():
    class AlwaysEqual(np.ndarray):
        def __eq__(self, other):
            return True

        def __ne__(self, other):
            return False

    class Liar(float):
        def __eq__(self, other):
            return True

        def __float__(self):
            return 1.0

    with pytest.raises(AssertionError, match="is wrong"):
        check("week01.sigmoid", lambda z: np.zeros_like(np.asarray(z, float)).view(AlwaysEqual), hidden=True)
    with pytest.raises(AssertionError, match="off by"):
        check("week01.L1", lambda yhat, y: Liar(0.0), hidden=True)
    with pytest.raises(AssertionError, match="cannot be graded"):
        check("week01.L1", lambda yhat, y: type("Anything", (), {"__eq__": lambda s, o: True})(), hidden=True)


def test_an_absolute_instead_of_relative_difference_fails_the_1d_gradient_check():
    absolute = ("def gradient_check(x, theta, epsilon=1e-7):\n"
                "    gradapprox = ((theta + epsilon) * x - (theta - epsilon) * x) / (2 * epsilon)\n"
                "    return abs(x - gradapprox)\n")
    for _ in range(3):
        with pytest.raises(AssertionError):
            check("week04.gradient_check", as_function(absolute, "gradient_check"), hidden=True)


def test_a_check_leaves_the_notebooks_torch_random_state_alone():
    import torch

    from dlkit.nets.classifier import SoftmaxClassifier

    torch.manual_seed(7)
    expected = torch.rand(3)
    torch.manual_seed(7)
    check("week05.SoftmaxClassifier", SoftmaxClassifier)
    assert torch.equal(torch.rand(3), expected)


def test_a_failed_check_shows_the_message_and_the_students_line_not_the_checks_frames(tmp_path):
    """In a notebook IPython prints ``_render_traceback_`` instead of the frames of the registry;
    an error raised by the student's code names the student's line."""
    from dlkit.checks.registry import CheckFailed

    path = tmp_path / "cell.py"
    path.write_text("import numpy as np\ndef L1(yhat, y):\n    return np.sum(np.abs(yhat - y)).item(0, 1)\n")
    namespace = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    with pytest.raises(CheckFailed) as failure:
        check("week01.L1", namespace["L1"])
    message = str(failure.value)
    assert "raised ValueError" in message and "(in L1, line 3: `return np.sum(np.abs(yhat - y)).item(0, 1)`)" in message
    (shown,) = failure.value._render_traceback_()
    assert message in shown and "registry.py" not in shown
