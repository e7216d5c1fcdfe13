"""Week 4: practical aspects (initialisation, L2 and dropout regularisation, gradient checking)."""
import numpy as np

from dlkit.checks.inputs import away_from_kinks, distinct_sizes, layer_parameters, with_global_seed
from dlkit.checks.properties import gradients_disagree
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec
from dlkit.scratch import gradcheck, initializers, regularization
from dlkit.scratch.activations import relu, sigmoid
from dlkit.scratch.losses import binary_cross_entropy

# Random networks keep every hidden pre-activation away from the ReLU's kink (see
# dlkit.checks.inputs) and the output unsaturated (log(1 - A3) loses its precision as A3 nears 1).
_MAX_OUTPUT_Z = 4.0
_FINITE_DIFFERENCE_TOLERANCE = 1e-6
# Entries of a gradient off by less than this are rounding noise, however large their relative error.
_FINITE_DIFFERENCE_FLOOR = 1e-7


def _layers_dims(rng):
    """2 to 5 layers of distinct sizes, so that a transposed or misplaced ``n[l]`` shows."""
    return (distinct_sizes(rng, int(rng.integers(2, 6)), 1, 12),)


def _well_conditioned(Z1, Z2, Z3):
    return away_from_kinks(Z1, Z2) and np.max(np.abs(Z3)) < _MAX_OUTPUT_Z


def _network_problem(rng, keep_prob=1.0):
    """Parameters of a 3-layer network ``[n_x, n1, n2, 1]`` (distinct sizes), ``X`` ``(n_x, m)``,
    0/1 labels ``Y`` ``(1, m)`` and the forward cache (with dropout when ``keep_prob < 1``)."""
    while True:
        n_x, n_1, n_2 = distinct_sizes(rng, 3, 2, 8)
        m = int(rng.integers(8, 16))
        parameters = layer_parameters(rng, [n_x, n_1, n_2, 1], weight_scale="he")
        X = rng.normal(0, 1, (n_x, m))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        if keep_prob < 1:
            _, cache = with_global_seed(int(rng.integers(2**31)), regularization.forward_propagation_with_dropout,
                                        X, parameters, keep_prob)
            Zs = cache[0], cache[5], cache[10]
        else:
            _, cache = regularization.forward_propagation(X, parameters)
            Zs = cache[0], cache[4], cache[8]
        if _well_conditioned(*Zs):
            return parameters, X, Y, cache


def _keep_prob(rng):
    # Away from 0.5, where keeping with probability keep_prob and with 1 - keep_prob coincide.
    return float(rng.uniform(0.6, 0.95))


def _cost_problem(rng):
    parameters, _, Y, _ = _network_problem(rng)
    A3 = rng.uniform(0.05, 0.95, Y.shape)
    return A3, Y, parameters, float(rng.uniform(0.05, 2.0))


def _regularization_problem(rng):
    _, X, Y, cache = _network_problem(rng)
    return X, Y, cache, float(rng.uniform(0.05, 2.0))


def _dropout_forward_problem(rng):
    parameters, X, _, _ = _network_problem(rng)
    return X, parameters, _keep_prob(rng)


def _dropout_backward_problem(rng):
    keep_prob = _keep_prob(rng)
    _, X, Y, cache = _network_problem(rng, keep_prob)
    return X, Y, cache, keep_prob


def _gradient_check_problem(rng):
    """A 1-D point; ``theta`` differs from ``x`` so that perturbing the wrong one shows. ``x`` is
    large: the rounding noise of the centred difference then grows with it, and a function that
    returns the absolute difference ``|grad - gradapprox|`` instead of the relative one shows."""
    x = float(rng.choice([-1, 1]) * 10 ** rng.uniform(3, 6))
    theta = float(rng.choice([-1, 1]) * 10 ** rng.uniform(0, 2))
    return x, theta, float(rng.choice([1e-7, 1e-6, 1e-5]))


def _gradient_check_n_problem(rng):
    """A network, its exact gradients, mostly with a deliberate bug (one gradient scaled, or
    noise on all), so that the expected difference is a real number and not rounding noise."""
    parameters, X, Y, cache = _network_problem(rng)
    gradients = regularization.backward_propagation(X, Y, cache)
    kind = rng.integers(3)
    if kind == 1:
        name = str(rng.choice(["dW1", "db1", "dW2", "db2", "dW3", "db3"]))
        gradients[name] = gradients[name] * rng.uniform(1.5, 4)
    elif kind == 2:
        for name in ("dW1", "db1", "dW2", "db2", "dW3", "db3"):
            gradients[name] = gradients[name] + rng.normal(0, 0.05, gradients[name].shape)
    return parameters, gradients, X, Y, float(rng.choice([1e-7, 1e-5, 1e-3, 1e-2]))


def _finite_difference_problem(cost, parameters, gradients):
    """``None`` if ``gradients`` match centred differences of ``cost(parameters)``, else a
    sentence naming the first parameter that does not."""
    theta, _ = gradcheck.dictionary_to_vector(parameters)
    numeric = gradcheck.numerical_gradient(lambda v: cost(gradcheck.vector_to_dictionary(v, parameters)), theta)
    numeric = {"d" + name: value for name, value in gradcheck.vector_to_dictionary(numeric, parameters).items()}
    return gradients_disagree(gradients, numeric, _FINITE_DIFFERENCE_TOLERANCE, _FINITE_DIFFERENCE_FLOOR)


def _unpacked_parameters(W1, b1, W2, b2, W3, b3):
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}


def _regularized_gradients_match_finite_differences(args, observed):
    X, Y, cache, lambd = args
    parameters = _unpacked_parameters(*(cache[i] for i in (2, 3, 6, 7, 10, 11)))

    def cost(p):
        A3, _ = regularization.forward_propagation(X, p)
        return regularization.compute_cost_with_regularization(A3, Y, p, lambd)

    return _finite_difference_problem(cost, parameters, observed["result"])


def _dropout_gradients_match_finite_differences(args, observed):
    """The masks of the cache (drawn from a seeded generator) stay fixed while the cost is
    differentiated: dropout is then an ordinary, differentiable network."""
    X, Y, cache, keep_prob = args
    D1, D2 = cache[1], cache[6]
    parameters = _unpacked_parameters(*(cache[i] for i in (3, 4, 8, 9, 12, 13)))

    def cost(p):
        A1 = relu(p["W1"] @ X + p["b1"]) * D1 / keep_prob
        A2 = relu(p["W2"] @ A1 + p["b2"]) * D2 / keep_prob
        return binary_cross_entropy(sigmoid(p["W3"] @ A2 + p["b3"]), Y)

    return _finite_difference_problem(cost, parameters, observed["result"])


register(FunctionSpec(
    key="week04.initialize_parameters_zeros",
    reference=initializers.initialize_parameters_zeros,
    examples=(([3, 2, 1],),),
    random_args=_layers_dims,
))

register(FunctionSpec(
    key="week04.initialize_parameters_random",
    reference=initializers.initialize_parameters_random,
    examples=(([3, 2, 1],),),
    random_args=_layers_dims,
    seed_global_rng=True,
))

register(FunctionSpec(
    key="week04.initialize_parameters_he",
    reference=initializers.initialize_parameters_he,
    examples=(([2, 4, 1],),),
    random_args=_layers_dims,
    seed_global_rng=True,
))


def _classic_cost_example():
    """The lectures' worked example: cost 1.78648594516 with ``lambd = 0.1``."""
    legacy = np.random.RandomState(1)
    Y = np.array([[1, 1, 0, 1, 0]])
    shapes = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 2), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    parameters = {name: legacy.randn(*shape) for name, shape in shapes.items()}
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    return A3, Y, parameters, 0.1


register(FunctionSpec(
    key="week04.compute_cost_with_regularization",
    reference=regularization.compute_cost_with_regularization,
    examples=lambda: (_classic_cost_example(),),
    random_args=_cost_problem,
))

register(FunctionSpec(
    key="week04.backward_propagation_with_regularization",
    reference=regularization.backward_propagation_with_regularization,
    random_args=_regularization_problem,
    properties=(_regularized_gradients_match_finite_differences,),
))

register(FunctionSpec(
    key="week04.forward_propagation_with_dropout",
    reference=regularization.forward_propagation_with_dropout,
    random_args=_dropout_forward_problem,
    seed_global_rng=True,
    # A mask of booleans, integers or floats is equally right.
    exact_dtype=False,
    output_names=("A3", "cache"),
))

register(FunctionSpec(
    key="week04.backward_propagation_with_dropout",
    reference=regularization.backward_propagation_with_dropout,
    random_args=_dropout_backward_problem,
    properties=(_dropout_gradients_match_finite_differences,),
))

register(FunctionSpec(
    key="week04.gradient_check",
    reference=gradcheck.gradient_check,
    examples=((2.0, 4.0),),
    random_args=_gradient_check_problem,
    # With a correct gradient the difference is rounding noise (about 1e-10): any value that
    # small is right. A wrong formula gives 0.1 or more.
    atol=1e-6,
))

def _classic_gradient_check_examples():
    """The lectures' test point (a ``[4, 5, 3, 1]`` network and 3 examples, all standard normal):
    the exact gradients with a large ``epsilon`` (where a one-sided difference is visibly less
    accurate), and the classic buggy gradients (``dW2`` doubled, ``db1`` times 4; difference
    0.285)."""
    legacy = np.random.RandomState(1)
    X, Y = legacy.randn(4, 3), np.array([[1, 1, 0]])
    shapes = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    parameters = {name: legacy.randn(*shape) for name, shape in shapes.items()}
    _, cache = regularization.forward_propagation_n(X, Y, parameters)
    gradients = regularization.backward_propagation(X, Y, cache)
    buggy = dict(gradients, dW2=2 * gradients["dW2"], db1=4 * gradients["db1"])
    return (parameters, gradients, X, Y, 1e-3), (parameters, buggy, X, Y, 1e-7)


register(FunctionSpec(
    key="week04.gradient_check_n",
    reference=gradcheck.gradient_check_n,
    examples=_classic_gradient_check_examples,
    random_args=_gradient_check_n_problem,
    rtol=1e-4,
    atol=1e-6,
))
