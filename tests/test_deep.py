"""dlkit.scratch.deep: the L-layer network's building blocks, their gradients, and the models."""
import numpy as np
import pytest

from dlkit.metrics import accuracy
from dlkit.scratch import deep, logistic, optimizers
from dlkit.data.points2d import make_circles
from dlkit.scratch.gradcheck import numerical_gradient, relative_error
from dlkit.scratch.losses import binary_cross_entropy


def random_network(rng, layer_dims, m):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = rng.normal(0, 0.5, (layer_dims[l], 1))
    X = rng.normal(size=(layer_dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return X, Y, parameters


def cost(X, Y, parameters):
    return binary_cross_entropy(deep.L_model_forward(X, parameters)[0], Y)


# --- initialisation and forward pass ---------------------------------------------------------

def test_initialisation_draws_in_the_classic_order_and_scales_by_the_fan_in():
    np.random.seed(3)
    parameters = deep.initialize_parameters_deep([5, 4, 3])
    np.random.seed(3)
    W1, W2 = np.random.randn(4, 5) / np.sqrt(5), np.random.randn(3, 4) / np.sqrt(4)
    np.testing.assert_array_equal(parameters["W1"], W1)
    np.testing.assert_array_equal(parameters["W2"], W2)
    assert parameters["b1"].shape == (4, 1) and parameters["b2"].shape == (3, 1)
    assert not parameters["b1"].any() and not parameters["b2"].any()
    big = deep.initialize_parameters_deep([2000, 300, 1])
    assert big["W1"].std() == pytest.approx(1 / np.sqrt(2000), rel=0.02)


def test_forward_blocks_and_their_caches():
    A, W, b = np.array([[1.0, -2.0], [3.0, 0.5], [0.0, 1.0]]), np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]), np.array([[0.5], [-1.0]])
    Z, cache = deep.linear_forward(A, W, b)
    np.testing.assert_allclose(Z, [[1.5, -2.5], [4.0, -4.5]])
    assert cache[0] is A and cache[1] is W and cache[2] is b
    A_relu, (linear_cache, Z_cached) = deep.linear_activation_forward(A, W, b, "relu")
    np.testing.assert_allclose(A_relu, [[1.5, 0.0], [4.0, 0.0]])
    np.testing.assert_array_equal(Z_cached, Z)
    A_sigmoid, _ = deep.linear_activation_forward(A, W, b, "sigmoid")
    np.testing.assert_allclose(A_sigmoid, 1 / (1 + np.exp(-Z)))
    with pytest.raises(ValueError, match="unknown activation"):
        deep.linear_activation_forward(A, W, b, "tanh")


def test_L_model_forward_keeps_one_cache_per_layer():
    X, _, parameters = random_network(np.random.default_rng(0), [6, 5, 4, 1], 7)
    AL, caches = deep.L_model_forward(X, parameters)
    assert AL.shape == (1, 7) and ((0 < AL) & (AL < 1)).all()
    assert len(caches) == 3
    assert caches[0][0][0] is X
    for l, ((A_prev, W, b), Z) in enumerate(caches, start=1):
        assert W is parameters[f"W{l}"] and b is parameters[f"b{l}"]
        np.testing.assert_allclose(Z, W @ A_prev + b)
    np.testing.assert_allclose(caches[1][0][0], np.maximum(caches[0][1], 0))  # ReLU between layers


def test_cost_on_the_classic_example():
    assert binary_cross_entropy(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])) == pytest.approx(0.2797765635793422)


# --- backward pass: finite differences -------------------------------------------------------

def test_linear_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    for n_prev, n, m in [(3, 4, 5), (6, 2, 3), (1, 5, 7)]:
        A, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
        dZ = rng.normal(size=(n, m))
        dA_prev, dW, db = deep.linear_backward(dZ, (A, W, b))
        # dZ is the gradient of the summed loss sum(dZ * Z); dW and db are those of its mean.
        summed = lambda A_, W_, b_: np.sum(dZ * deep.linear_forward(A_, W_, b_)[0])
        assert relative_error(dA_prev, numerical_gradient(lambda a: summed(a, W, b), A)) < 1e-8
        assert relative_error(dW, numerical_gradient(lambda w: summed(A, w, b), W) / m) < 1e-8
        assert relative_error(db, numerical_gradient(lambda c: summed(A, W, c), b) / m) < 1e-8


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_linear_activation_backward_matches_finite_differences(activation):
    rng = np.random.default_rng(2)
    A, W, b = rng.normal(size=(4, 6)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    dA = rng.normal(size=(3, 6))
    _, cache = deep.linear_activation_forward(A, W, b, activation)
    assert np.abs(cache[1]).min() > 1e-4  # no ReLU kink within reach of the finite differences
    dA_prev, dW, db = deep.linear_activation_backward(dA, cache, activation)
    summed = lambda A_, W_, b_: np.sum(dA * deep.linear_activation_forward(A_, W_, b_, activation)[0])
    assert relative_error(dA_prev, numerical_gradient(lambda a: summed(a, W, b), A)) < 1e-7
    assert relative_error(dW, numerical_gradient(lambda w: summed(A, w, b), W) / 6) < 1e-7
    assert relative_error(db, numerical_gradient(lambda c: summed(A, W, c), b) / 6) < 1e-7


@pytest.mark.parametrize("layer_dims", [[3, 1], [4, 5, 1], [5, 3, 4, 2, 1]])
def test_L_model_backward_matches_finite_differences(layer_dims):
    X, Y, parameters = random_network(np.random.default_rng(len(layer_dims)), layer_dims, 6)
    AL, caches = deep.L_model_forward(X, parameters)
    grads = deep.L_model_backward(AL, Y, caches)
    L = len(layer_dims) - 1
    assert set(grads) == {f"d{k}{l}" for l in range(1, L + 1) for k in "Wb"} | {f"dA{l}" for l in range(L)}
    for name, value in parameters.items():
        numeric = numerical_gradient(lambda v: cost(X, Y, {**parameters, name: v}), value)
        assert relative_error(grads[f"d{name}"], numeric) < 1e-7, name
    # dA0 is the gradient of the summed loss m * J with respect to the input.
    numeric = numerical_gradient(lambda x: 6 * cost(x, Y, parameters), X)
    assert relative_error(grads["dA0"], numeric) < 1e-7


def test_one_layer_network_is_logistic_regression():
    rng = np.random.default_rng(4)
    X, Y, parameters = random_network(rng, [3, 1], 5)
    AL, caches = deep.L_model_forward(X, parameters)
    grads = deep.L_model_backward(AL, Y, caches)
    lr_grads, lr_cost = logistic.propagate(parameters["W1"].T, float(parameters["b1"][0, 0]), X, Y)
    assert binary_cross_entropy(AL, Y) == pytest.approx(lr_cost)
    np.testing.assert_allclose(grads["dW1"], lr_grads["dw"].T)
    assert grads["db1"][0, 0] == pytest.approx(lr_grads["db"])


def test_dead_relu_units_pass_no_gradient():
    rng = np.random.default_rng(5)
    A, W = rng.normal(size=(3, 4)), rng.normal(size=(2, 3))
    b = np.full((2, 1), -100.0)  # Z < 0 on every example: both units are dead
    _, cache = deep.linear_activation_forward(A, W, b, "relu")
    dA_prev, dW, db = deep.linear_activation_backward(rng.normal(size=(2, 4)), cache, "relu")
    assert not dA_prev.any() and not dW.any() and not db.any()


def test_gradients_still_explode_through_large_weights_with_relu():
    # The ReLU's derivative is 0 or 1, but every layer of the backward pass also multiplies by
    # W[l]^T: weights three times too large make the input gradient grow like 3^L.
    rng = np.random.default_rng(6)
    X, Y, parameters = random_network(rng, [10] * 11 + [1], 8)
    X = 1e-3 * X  # keeps the sigmoid unsaturated even with the large weights
    norms = []
    for scale in (1.0, 3.0):
        scaled = {k: scale * v if k.startswith("W") else np.zeros_like(v) for k, v in parameters.items()}
        AL, caches = deep.L_model_forward(X, scaled)
        norms.append(np.linalg.norm(deep.L_model_backward(AL, Y, caches)["dA0"]))
    assert 0 < 1e4 * norms[0] < norms[1]


# --- update and models -----------------------------------------------------------------------

def test_update_ignores_the_activation_gradients_and_keeps_its_input():
    X, Y, parameters = random_network(np.random.default_rng(7), [4, 3, 1], 5)
    AL, caches = deep.L_model_forward(X, parameters)
    grads = deep.L_model_backward(AL, Y, caches)
    before = {k: v.copy() for k, v in parameters.items()}
    updated = optimizers.update_parameters(parameters, grads, 0.1)
    assert set(updated) == set(parameters)
    for name in parameters:
        np.testing.assert_array_equal(parameters[name], before[name])
        np.testing.assert_allclose(updated[name], before[name] - 0.1 * grads[f"d{name}"])


def test_two_layer_model_is_the_L_layer_model_with_one_hidden_layer():
    X, Y, _ = random_network(np.random.default_rng(8), [3, 1], 12)
    np.random.seed(0)
    two, two_costs = deep.two_layer_model(X, Y, (3, 4, 1), learning_rate=0.1, num_iterations=250)
    np.random.seed(0)
    deep_, deep_costs = deep.L_layer_model(X, Y, [3, 4, 1], learning_rate=0.1, num_iterations=250)
    assert len(two_costs) == 3  # iterations 0, 100 and 200
    np.testing.assert_allclose(two_costs, deep_costs)
    for name in two:
        np.testing.assert_allclose(two[name], deep_[name])


def test_deep_model_learns_what_logistic_regression_cannot(capsys):
    X, Y = make_circles(m=200)
    np.random.seed(1)
    parameters, costs = deep.L_layer_model(X, Y, [2, 10, 5, 1], learning_rate=0.5, num_iterations=1500, print_cost=True)
    assert "Cost after iteration 1400" in capsys.readouterr().out
    assert costs[-1] < 0.5 * costs[0]
    assert accuracy(deep.predict(X, parameters), Y) > 90
