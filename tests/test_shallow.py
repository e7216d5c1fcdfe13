"""Week 2: the two-layer (tanh, sigmoid) network of dlkit.scratch.shallow."""
import numpy as np
import pytest

from dlkit.metrics import accuracy
from dlkit.scratch import logistic, shallow
from dlkit.checks import week02
from dlkit.data.points2d import make_flower
from dlkit.scratch.gradcheck import numerical_gradient, relative_error


def _random_network(seed, n_x=3, n_h=5, m=7):
    rng = np.random.default_rng(seed)
    parameters = {
        "W1": rng.normal(size=(n_h, n_x)), "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(1, n_h)), "b2": rng.normal(size=(1, 1)),
    }
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return parameters, X, Y


def test_layer_sizes_of_the_flower():
    X, Y = make_flower()
    assert (X.shape, Y.shape) == ((2, 400), (1, 400))
    assert shallow.layer_sizes(X, Y) == (2, 4, 1)


def test_initialize_parameters_reproduces_the_classic_numbers():
    np.random.seed(2)
    parameters = shallow.initialize_parameters(2, 4, 1)
    np.testing.assert_allclose(parameters["W1"], [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                                                  [-0.01793436, -0.00841747], [0.00502881, -0.01245288]], atol=5e-9)
    np.testing.assert_allclose(parameters["W2"], [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]], atol=5e-9)
    np.testing.assert_array_equal(parameters["b1"], np.zeros((4, 1)))
    np.testing.assert_array_equal(parameters["b2"], np.zeros((1, 1)))


def test_compute_cost_reproduces_the_worked_example():
    A2 = np.array([[0.5002307, 0.49985831, 0.50023963]])
    assert shallow.compute_cost(A2, np.array([[1, 0, 0]])) == pytest.approx(0.6930587610394646, rel=1e-14)


def test_forward_propagation_caches_every_step():
    parameters, X, _ = _random_network(0)
    A2, cache = shallow.forward_propagation(X, parameters)
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    assert cache["Z1"].shape == cache["A1"].shape == (5, 7) and A2.shape == (1, 7)
    np.testing.assert_allclose(cache["A1"], np.tanh(parameters["W1"] @ X + parameters["b1"]))
    assert ((A2 > 0) & (A2 < 1)).all()


@pytest.mark.parametrize("seed", range(5))
def test_backward_propagation_matches_finite_differences(seed):
    parameters, X, Y = _random_network(seed, *np.random.default_rng(seed).choice(np.arange(2, 9), 3, replace=False))
    _, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    for name, value in parameters.items():
        def cost(trial, name=name):
            return shallow.compute_cost(shallow.forward_propagation(X, {**parameters, name: trial})[0], Y)

        assert grads["d" + name].shape == value.shape
        assert relative_error(grads["d" + name], numerical_gradient(cost, value)) < 1e-7


def test_the_hidden_gradient_check_rejects_wrong_gradients():
    parameters, X, Y = _random_network(1)
    _, cache = shallow.forward_propagation(X, parameters)
    args = (parameters, cache, X, Y)
    grads = shallow.backward_propagation(*args)
    assert week02._gradients_match_finite_differences(args, {"result": grads}) is None
    wrong = {**grads, "dW1": grads["dW1"] * 1.01}
    assert "grads: dW1 disagrees with a finite-difference estimate" in week02._gradients_match_finite_differences(args, {"result": wrong})


def test_update_parameters_defaults_to_1_2_and_leaves_its_inputs_alone():
    parameters, _, _ = _random_network(2)
    grads = {"d" + name: np.ones_like(value) for name, value in parameters.items()}
    before = {name: value.copy() for name, value in parameters.items()}
    updated = shallow.update_parameters(parameters, grads)
    for name in parameters:
        np.testing.assert_allclose(updated[name], before[name] - 1.2)
        np.testing.assert_array_equal(parameters[name], before[name])


def test_zero_weights_keep_the_hidden_units_identical():
    # Why initialize_parameters draws random weights: from equal weights every hidden unit gets
    # the same gradient and they never become different.
    X, Y = make_flower()
    parameters = {"W1": np.full((4, 2), 0.01), "b1": np.zeros((4, 1)), "W2": np.full((1, 4), 0.01), "b2": np.zeros((1, 1))}
    for _ in range(50):
        _, cache = shallow.forward_propagation(X, parameters)
        parameters = shallow.update_parameters(parameters, shallow.backward_propagation(parameters, cache, X, Y))
    assert np.allclose(parameters["W1"], parameters["W1"][0]) and np.allclose(parameters["W2"], parameters["W2"][0, 0])


def test_nn_model_is_seeded_and_repeatable():
    X, Y = make_flower(m=40)
    np.random.seed(123)
    first = shallow.nn_model(X, Y, 3, num_iterations=20)
    np.random.seed(456)
    second = shallow.nn_model(X, Y, 3, num_iterations=20)
    for name in first:
        np.testing.assert_array_equal(first[name], second[name])


def test_nn_model_prints_the_cost_every_1000_iterations(capsys):
    X, Y = make_flower(m=40)
    shallow.nn_model(X, Y, 2, num_iterations=2001, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [f"Cost after iteration {i}" for i in (0, 1000, 2000)]


def test_predict_labels_exactly_one_half_as_zero():
    parameters = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)), "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))}
    assert shallow.predict(parameters, np.ones((2, 4))).tolist() == [[0.0, 0.0, 0.0, 0.0]]


def test_four_hidden_units_learn_the_flower_where_logistic_regression_cannot():
    # The figures the notebook states: 51.0 % for logistic regression, 94.0 % for the network.
    X, Y = make_flower()
    baseline = logistic.model(X, Y, X, Y, num_iterations=1000, learning_rate=0.5)
    assert 45.0 <= accuracy(baseline["Y_prediction_train"], Y) <= 55.0
    parameters = shallow.nn_model(X, Y, 4, num_iterations=10000)
    assert accuracy(shallow.predict(parameters, X), Y) >= 85.0


def test_a_larger_hidden_layer_fits_better_but_generalises_worse():
    # The notebook's overfitting remark, on a fresh flower drawn with another seed.
    X, Y = make_flower()
    X_new, Y_new = make_flower(seed=2)
    small, large = (shallow.nn_model(X, Y, n_h, num_iterations=5000) for n_h in (4, 20))
    assert accuracy(shallow.predict(large, X), Y) > accuracy(shallow.predict(small, X), Y)
    assert accuracy(shallow.predict(large, X_new), Y_new) < accuracy(shallow.predict(small, X_new), Y_new)
