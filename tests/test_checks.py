"""The check registry: references pass, plausible mistakes fail with useful messages."""
import numpy as np
import pytest

from conftest import notebook_namespace
from dlkit.checks import REGISTRY, check
from mutants import BY_WEEK, as_function, function_name, registry_key

WEEK01 = BY_WEEK["week01"]


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_reference_passes_its_own_check(key, capsys):
    check(key, REGISTRY[key].reference)
    assert "tests passed" in capsys.readouterr().out
    for seed in range(5):
        check(key, REGISTRY[key].reference, hidden=True, seed=seed)


MUTANT_CASES = [
    pytest.param(week, cell_id, code, id=f"{cell_id.removesuffix('_code')}: {description}")
    for week, by_cell in BY_WEEK.items()
    for cell_id, mutants in by_cell.items()
    for description, code in mutants
]


@pytest.mark.parametrize("week, cell_id, code", MUTANT_CASES)
def test_hidden_check_fails_every_mutant(week, cell_id, code):
    wrong = notebook_namespace(week, replace={cell_id: code})[function_name(cell_id)]
    # Fresh randomness each time, as at grading time: the mutant must fail every draw.
    for _ in range(3):
        with pytest.raises(AssertionError):
            check(registry_key(cell_id), wrong, hidden=True)


@pytest.mark.parametrize("week, cell_id, code", MUTANT_CASES)
def test_a_mutant_costs_only_its_own_function(week, cell_id, code):
    namespace = notebook_namespace(week, replace={cell_id: code})
    for key, spec in REGISTRY.items():
        if key.startswith(f"{week}.") and key != registry_key(cell_id):
            check(key, namespace[spec.name], hidden=True)


def test_every_graded_function_has_at_least_three_mutants():
    weeks = {key.split(".")[0] for key in REGISTRY}
    assert weeks == set(BY_WEEK)
    for week, by_cell in BY_WEEK.items():
        assert {registry_key(cell_id) for cell_id in by_cell} == {k for k in REGISTRY if k.startswith(f"{week}.")}
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
    with pytest.raises(AssertionError, match="b should be a single number, got ndarray"):
        check("week01.initialize_with_zeros", lambda dim: (np.zeros((dim, 1)), np.zeros((1, 1))))
    with pytest.raises(AssertionError, match="contains NaN"):
        check("week01.softmax", as_function(WEEK01["week01_softmax_code"][1][1], "softmax"))


def test_a_failed_hidden_check_names_its_seed_so_it_can_be_replayed():
    with pytest.raises(AssertionError, match=r"random test, seed 77"):
        # Right on the 5-element example, wrong elsewhere.
        check("week01.L1", lambda yhat, y: float(np.sum(np.abs(y - yhat))) if y.size == 5 else 0.0, hidden=True, seed=77)


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

