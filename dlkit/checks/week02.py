"""Week 2: a shallow (one-hidden-layer) network for the planar flower."""
import numpy as np

from dlkit.checks.inputs import binary_labels, distinct_sizes, layer_parameters
from dlkit.checks.properties import gradients_disagree, numeric_gradients
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec
from dlkit.scratch import shallow

# Worst relative error between backward_propagation's gradients and centred differences that
# still counts as a match; a correct backward pass stays below 1e-7 on these small problems.
GRADIENT_TOLERANCE = 1e-5


def _parameters(rng, n_x, n_h, n_y=1):
    """Parameters of unit scale, so that tanh is far from linear and slips in its derivative show."""
    return layer_parameters(rng, [n_x, n_h, n_y])


def _network_problem(rng):
    """``(parameters, X, Y)`` for a network with distinct ``n_x``, ``n_h`` and ``m``."""
    n_x, n_h, m = distinct_sizes(rng, 3, 2, 9)
    return _parameters(rng, n_x, n_h), rng.normal(0, 1, (n_x, m)), binary_labels(rng, m)


def _layer_sizes_args(rng):
    n_x, n_y, m = distinct_sizes(rng, 3, 1, 9)
    return rng.normal(0, 1, (n_x, m)), (rng.random((n_y, m)) < 0.5).astype(float)


def _forward_args(rng):
    parameters, X, _ = _network_problem(rng)
    return X, parameters


def _cost_args(rng):
    m = int(rng.integers(3, 12))
    return rng.uniform(0.02, 0.98, (1, m)), binary_labels(rng, m)


def _backward_args(rng):
    parameters, X, Y = _network_problem(rng)
    _, cache = shallow.forward_propagation(X, parameters)
    return parameters, cache, X, Y


def _update_args(rng):
    n_x, n_h = distinct_sizes(rng, 2, 2, 8)
    parameters = _parameters(rng, n_x, n_h)
    grads = {"d" + name: rng.normal(0, 1, value.shape) for name, value in parameters.items()}
    return parameters, grads, float(rng.uniform(0.01, 2.0))


def _nn_model_args(rng):
    n_x, m = distinct_sizes(rng, 2, 2, 12)
    X = rng.normal(0, 1, (n_x, m))
    return X, binary_labels(rng, m), int(rng.integers(1, 7)), int(rng.integers(2, 30))


def _predict_args(rng):
    parameters, X, _ = _network_problem(rng)
    return parameters, X


def _gradients_match_finite_differences(args, observed):
    """The gradients agree with centred differences of the forward cost."""
    parameters, _, X, Y = args

    def cost(trial):
        A2, _ = shallow.forward_propagation(X, trial)
        return shallow.compute_cost(A2, Y)

    numeric = {"d" + name: gradient for name, gradient in numeric_gradients(cost, parameters).items()}
    return gradients_disagree(observed["result"], numeric, GRADIENT_TOLERANCE, prefix="grads: ")


register(FunctionSpec(
    key="week02.layer_sizes",
    reference=shallow.layer_sizes,
    examples=((np.zeros((5, 3)), np.zeros((2, 3))),),
    random_args=_layer_sizes_args,
    output_names=("n_x", "n_h", "n_y"),
))

register(FunctionSpec(
    key="week02.initialize_parameters",
    reference=shallow.initialize_parameters,
    examples=((2, 4, 1),),
    random_args=lambda rng: distinct_sizes(rng, 3, 1, 9),
    seed_global_rng=True,
))

register(FunctionSpec(
    key="week02.forward_propagation",
    reference=shallow.forward_propagation,
    random_args=_forward_args,
    output_names=("A2", "cache"),
))

register(FunctionSpec(
    key="week02.compute_cost",
    reference=shallow.compute_cost,
    examples=((np.array([[0.5002307, 0.49985831, 0.50023963]]), np.array([[1, 0, 0]])),),
    random_args=_cost_args,
))

register(FunctionSpec(
    key="week02.backward_propagation",
    reference=shallow.backward_propagation,
    random_args=_backward_args,
    properties=(_gradients_match_finite_differences,),
))

register(FunctionSpec(
    key="week02.update_parameters",
    reference=shallow.update_parameters,
    # Without a learning rate the default, 1.2, applies.
    examples=(_update_args(np.random.default_rng(0))[:2],),
    random_args=_update_args,
))

register(FunctionSpec(
    key="week02.nn_model",
    reference=shallow.nn_model,
    random_args=_nn_model_args,
    uses=(
        "week02.layer_sizes", "week02.initialize_parameters", "week02.forward_propagation",
        "week02.compute_cost", "week02.backward_propagation", "week02.update_parameters",
    ),
    seed_global_rng=True,
))

register(FunctionSpec(
    key="week02.predict",
    reference=shallow.predict,
    examples=(
        # Zero parameters give A2 = sigmoid(0) = 0.5 exactly, which is not "> 0.5": label 0.
        ({"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)), "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))},
         np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.0, -1.5, 2.0]])),
        # Z2 = 0.3 gives A2 = 0.574: label 1, though Z2 itself is below 0.5.
        ({"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)), "W2": np.zeros((1, 3)), "b2": np.full((1, 1), 0.3)},
         np.array([[1.0, -2.0], [0.5, 1.0]])),
    ),
    random_args=_predict_args,
    uses=("week02.forward_propagation",),
    exact_dtype=False,
))
