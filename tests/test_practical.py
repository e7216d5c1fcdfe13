"""Week 4 references: initialisers, L2 and dropout regularisation, gradient checking."""
import numpy as np
import pytest

from dlkit.scratch import gradcheck, initializers, regularization
from dlkit.data.points2d import make_circles, make_field
from dlkit.scratch.gradcheck import numerical_gradient, relative_error
from dlkit.metrics import accuracy
from dlkit.scratch.losses import binary_cross_entropy
from dlkit.scratch.optimizers import update_parameters


def classic_check_point():
    """The gradient-checking test point of the lectures: a [4, 5, 3, 1] network, 3 examples."""
    legacy = np.random.RandomState(1)
    X, Y = legacy.randn(4, 3), np.array([[1, 1, 0]])
    shapes = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    return X, Y, {name: legacy.randn(*shape) for name, shape in shapes.items()}


def random_network(seed):
    """He-scaled parameters of a [n_x, n1, n2, 1] network with distinct sizes, X and labels."""
    rng = np.random.default_rng(seed)
    dims = [int(n) for n in rng.choice(np.arange(2, 9), 3, replace=False)] + [1]
    m = int(rng.integers(9, 15))
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
        parameters[f"b{l}"] = rng.normal(0, 0.3, (dims[l], 1))
    X = rng.normal(0, 1, (dims[0], m))
    return X, (rng.random((1, m)) < 0.5).astype(float), parameters


def unrolled_numerical_gradient(cost, parameters, h=1e-6):
    theta, _ = gradcheck.dictionary_to_vector(parameters)
    return numerical_gradient(lambda v: cost(gradcheck.vector_to_dictionary(v, parameters)), theta, h)


# --- initialisation ---------------------------------------------------------------------------

def test_initialisers_reproduce_the_classic_values():
    np.random.seed(3)
    he = initializers.initialize_parameters_he([2, 4, 1])
    np.testing.assert_allclose(he["W1"][0], [1.78862847, 0.43650985], atol=1e-8)
    np.testing.assert_allclose(he["W2"], [[-0.03098412, -0.33744411, -0.92904268, 0.62552248]], atol=1e-8)
    np.random.seed(3)
    random = initializers.initialize_parameters_random([3, 2, 1])
    np.testing.assert_allclose(random["W1"], [[17.88628473, 4.36509851, 0.96497468],
                                              [-18.63492703, -2.77388203, -3.54758979]], atol=1e-7)
    np.testing.assert_allclose(random["W2"], [[-0.82741481, -6.27000677]], atol=1e-7)


@pytest.mark.parametrize("name", sorted(initializers.INITIALIZERS))
def test_initialisers_give_the_course_shapes_and_zero_biases(name):
    layers_dims = [5, 4, 3, 1]
    parameters = initializers.INITIALIZERS[name](layers_dims)
    assert list(parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, 4):
        assert parameters[f"W{l}"].shape == (layers_dims[l], layers_dims[l - 1])
        assert parameters[f"b{l}"].shape == (layers_dims[l], 1) and not parameters[f"b{l}"].any()
        assert parameters[f"W{l}"].dtype == np.float64


@pytest.mark.parametrize("name, expected_std", [
    ("random", lambda n_prev, n: 10.0),
    ("he", lambda n_prev, n: np.sqrt(2 / n_prev)),
    # Glorot with the parentheses: sqrt(2 / (n[l-1] + n[l])), not sqrt(2 / n[l-1] * n[l]).
    ("glorot", lambda n_prev, n: np.sqrt(2 / (n_prev + n))),
])
def test_random_initialisers_have_the_documented_scale(name, expected_std):
    np.random.seed(0)
    W = initializers.INITIALIZERS[name]([800, 300])["W1"]
    assert W.std() == pytest.approx(expected_std(800, 300), rel=0.02)
    assert abs(W.mean()) < 0.01 * expected_std(800, 300)


def test_initialisers_draw_from_the_global_generator_without_seeding_it():
    np.random.seed(5)
    first = initializers.initialize_parameters_he([3, 4, 2])
    second = initializers.initialize_parameters_he([3, 4, 2])
    assert not np.array_equal(first["W1"], second["W1"])
    np.random.seed(5)
    np.testing.assert_array_equal(initializers.initialize_parameters_he([3, 4, 2])["W1"], first["W1"])


def test_zero_initialisation_leaves_every_hidden_unit_identical():
    X, Y = make_circles()
    parameters, costs = regularization.model(X, Y, [2, 10, 5, 1], learning_rate=0.01, num_iterations=2000,
                                             initialization="zeros")
    A3, cache = regularization.forward_propagation(X, parameters)
    Z1, A1, W1, b1, Z2, A2, W2, b2 = cache[:8]
    for rows in (W1, b1, A1, W2, b2, A2):
        np.testing.assert_array_equal(rows, np.broadcast_to(rows[0], rows.shape))
    assert costs[0] == costs[-1] == pytest.approx(np.log(2))
    assert accuracy(regularization.predict(X, parameters), Y) == 50.0


def test_any_constant_initialisation_keeps_the_symmetry_and_randomness_breaks_it():
    X, Y = make_circles()
    dims = [2, 6, 4, 1]
    constant = {}
    for l in range(1, 4):
        constant[f"W{l}"] = np.full((dims[l], dims[l - 1]), 0.5)
        constant[f"b{l}"] = np.zeros((dims[l], 1))
    np.random.seed(1)
    random = initializers.initialize_parameters_he(dims)
    for _ in range(300):
        for parameters in (constant, random):
            _, cache = regularization.forward_propagation(X, parameters)
            parameters.update(update_parameters(parameters, regularization.backward_propagation(X, Y, cache), 0.05))
    assert not np.allclose(constant["W1"], 0.5)  # the weights did move...
    np.testing.assert_array_equal(constant["W1"], np.broadcast_to(constant["W1"][0], constant["W1"].shape))  # ...together
    assert np.ptp(random["W1"], axis=0).min() > 1e-3


def test_he_initialisation_trains_the_circles_better_than_large_random_weights():
    X, Y = make_circles()
    results = {}
    for name in ("random", "he"):
        parameters, costs = regularization.model(X, Y, [2, 10, 5, 1], learning_rate=0.01, num_iterations=5000,
                                                 initialization=name)
        results[name] = (costs, accuracy(regularization.predict(X, parameters), Y))
    assert results["random"][0][0] > 10  # saturated start: confidently wrong examples cost about 34.5 each
    assert results["he"][0][0] < 1
    assert results["he"][1] >= 99.0 > results["random"][1]
    assert np.isfinite(results["random"][0]).all()


# --- L2 regularisation ------------------------------------------------------------------------

def test_regularised_cost_reproduces_the_classic_value():
    legacy = np.random.RandomState(1)
    shapes = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 2), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    parameters = {name: legacy.randn(*shape) for name, shape in shapes.items()}
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    Y = np.array([[1, 1, 0, 1, 0]])
    cost = regularization.compute_cost_with_regularization(A3, Y, parameters, 0.1)
    assert cost == pytest.approx(1.78648594516, abs=1e-10)
    penalty = 0.1 / (2 * 5) * sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
    assert cost == pytest.approx(binary_cross_entropy(A3, Y) + penalty, rel=1e-14)
    assert regularization.compute_cost_with_regularization(A3, Y, parameters, 0.0) == binary_cross_entropy(A3, Y)


@pytest.mark.parametrize("seed", range(6))
def test_l2_backward_pass_matches_finite_differences_of_the_regularised_cost(seed):
    X, Y, parameters = random_network(seed)
    lambd = 0.1 + 0.3 * seed
    _, cache = regularization.forward_propagation(X, parameters)
    gradients = regularization.backward_propagation_with_regularization(X, Y, cache, lambd)

    def cost(p):
        return regularization.compute_cost_with_regularization(regularization.forward_propagation(X, p)[0], Y, p, lambd)

    numeric = unrolled_numerical_gradient(cost, parameters)
    assert relative_error(gradcheck.gradients_to_vector(gradients), numeric) < 1e-7
    plain = regularization.backward_propagation(X, Y, cache)
    m = X.shape[1]
    for l in (1, 2, 3):
        np.testing.assert_allclose(gradients[f"dW{l}"] - plain[f"dW{l}"], lambd / m * parameters[f"W{l}"], atol=1e-14)
        np.testing.assert_array_equal(gradients[f"db{l}"], plain[f"db{l}"])


# --- dropout ----------------------------------------------------------------------------------

def test_dropout_with_keep_prob_one_is_the_plain_network():
    X, Y, parameters = random_network(0)
    A3, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob=1.0)
    plain_A3, plain_cache = regularization.forward_propagation(X, parameters)
    np.testing.assert_array_equal(A3, plain_A3)
    assert cache[1].all() and cache[6].all()
    gradients = regularization.backward_propagation_with_dropout(X, Y, cache, 1.0)
    for name, value in regularization.backward_propagation(X, Y, plain_cache).items():
        np.testing.assert_allclose(gradients[name], value, rtol=1e-15)


def test_dropout_draws_the_masks_in_the_classic_order_and_scales_the_kept_units():
    X, Y, parameters = random_network(1)
    keep_prob = 0.7
    np.random.seed(4)
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob)
    Z1, D1, A1, W1, b1, Z2, D2, A2 = cache[:8]
    np.random.seed(4)
    np.testing.assert_array_equal(D1, np.random.rand(*Z1.shape) < keep_prob)
    np.testing.assert_array_equal(D2, np.random.rand(*Z2.shape) < keep_prob)
    np.testing.assert_allclose(A1, np.maximum(Z1, 0) * D1 / keep_prob)
    np.testing.assert_allclose(A2, np.maximum(Z2, 0) * D2 / keep_prob)
    # The weights are never rescaled.
    np.testing.assert_array_equal(cache[8], parameters["W2"])


def test_inverted_dropout_keeps_the_expected_activation():
    rng = np.random.default_rng(0)
    dims = [3, 400, 300, 1]
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
        parameters[f"b{l}"] = np.zeros((dims[l], 1))
    X = rng.normal(0, 1, (3, 200))
    np.random.seed(0)
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob=0.6)
    assert cache[1].mean() == pytest.approx(0.6, abs=0.01)
    assert cache[2].mean() == pytest.approx(np.maximum(cache[0], 0).mean(), rel=0.02)


@pytest.mark.parametrize("seed", range(6))
def test_dropout_backward_pass_matches_finite_differences_with_the_mask_fixed_by_seeding(seed):
    X, Y, parameters = random_network(10 + seed)
    keep_prob = 0.6 + 0.05 * seed

    def cost(p):
        np.random.seed(seed)
        return binary_cross_entropy(regularization.forward_propagation_with_dropout(X, p, keep_prob)[0], Y)

    np.random.seed(seed)
    _, cache = regularization.forward_propagation_with_dropout(X, parameters, keep_prob)
    gradients = regularization.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    numeric = unrolled_numerical_gradient(cost, parameters)
    assert relative_error(gradcheck.gradients_to_vector(gradients), numeric) < 1e-7


def test_predict_uses_no_dropout():
    X, Y, parameters = random_network(2)
    first = regularization.predict(X, parameters)
    np.testing.assert_array_equal(first, regularization.predict(X, parameters))
    np.testing.assert_array_equal(first, (regularization.forward_propagation(X, parameters)[0] > 0.5).astype(int))


def test_model_refuses_l2_and_dropout_at_once():
    X, Y = make_circles()
    with pytest.raises(ValueError, match="not both"):
        regularization.model(X, Y, [2, 3, 2, 1], num_iterations=1, lambd=0.1, keep_prob=0.8)


def test_l2_and_dropout_narrow_the_gap_between_training_and_test_accuracy():
    # The notebook's settings and its measured figures (within 3 training or test points).
    X, Y, X_test, Y_test = make_field()
    gaps = {}
    for name, options in {"none": {}, "l2": {"lambd": 0.7}, "dropout": {"keep_prob": 0.6}}.items():
        parameters, _ = regularization.model(X, Y, [2, 40, 20, 1], learning_rate=0.3, num_iterations=15000, **options)
        train = accuracy(regularization.predict(X, parameters), Y)
        test = accuracy(regularization.predict(X_test, parameters), Y_test)
        gaps[name] = (train, test)
    assert gaps["none"] == pytest.approx((97.2, 88.0), abs=1.5)
    assert gaps["l2"] == pytest.approx((91.5, 89.0), abs=1.5)
    assert gaps["dropout"] == pytest.approx((94.3, 91.5), abs=1.5)
    assert all(train - test < (gaps["none"][0] - gaps["none"][1]) / 2 for train, test in (gaps["l2"], gaps["dropout"]))


# --- gradient checking ------------------------------------------------------------------------

def test_vector_helpers_round_trip_in_the_classic_order():
    X, Y, parameters = classic_check_point()
    theta, keys = gradcheck.dictionary_to_vector(parameters)
    assert theta.shape == (47, 1)
    assert keys[:20] == ["W1"] * 20 and keys[20:25] == ["b1"] * 5 and keys[-1] == "b3"
    np.testing.assert_array_equal(theta[:4, 0], parameters["W1"][0])
    back = gradcheck.vector_to_dictionary(theta, parameters)
    assert list(back) == list(parameters)
    for name in parameters:
        np.testing.assert_array_equal(back[name], parameters[name])
    _, cache = regularization.forward_propagation_n(X, Y, parameters)
    gradients = regularization.backward_propagation(X, Y, cache)  # holds dZ3, dA2, ... too, in reverse order
    vector = gradcheck.gradients_to_vector(gradients)
    np.testing.assert_array_equal(gradcheck.vector_to_dictionary(vector, parameters)["W2"], gradients["dW2"])


def test_one_dimensional_gradient_check():
    assert gradcheck.gradient_check(2.0, 4.0) == pytest.approx(2.919335883291695e-10, rel=1e-6)
    assert gradcheck.gradient_check(-3.5, 0.25, 1e-4) < 1e-9


def test_gradient_check_n_tells_a_correct_backward_pass_from_a_buggy_one():
    X, Y, parameters = classic_check_point()
    _, cache = regularization.forward_propagation_n(X, Y, parameters)
    gradients = regularization.backward_propagation(X, Y, cache)
    correct = gradcheck.gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7)
    assert correct < 2e-7  # the notes' threshold, about 1e-7 (1.19e-7 measured)
    buggy = dict(gradients, dW2=2 * gradients["dW2"], db1=4 * gradients["db1"])
    difference = gradcheck.gradient_check_n(parameters, buggy, X, Y, epsilon=1e-7)
    assert difference > 1e-3
    assert difference == pytest.approx(0.2850931567761623, rel=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_gradient_check_n_on_random_networks(seed):
    X, Y, parameters = random_network(20 + seed)
    _, cache = regularization.forward_propagation_n(X, Y, parameters)
    gradients = regularization.backward_propagation(X, Y, cache)
    assert gradcheck.gradient_check_n(parameters, gradients, X, Y) < 2e-7
    wrong = dict(gradients, dW1=gradients["dW1"].T.reshape(gradients["dW1"].shape))
    assert gradcheck.gradient_check_n(parameters, wrong, X, Y) > 1e-3
