"""Week 3: a deep L-layer network, built from forward and backward blocks."""
import numpy as np

from dlkit.checks.inputs import away_from_kinks, binary_labels, distinct_sizes, layer_parameters, redraw_until
from dlkit.checks.properties import gradients_disagree
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec
from dlkit.scratch import deep, losses, optimizers
from dlkit.scratch.gradcheck import numerical_gradient

ACTIVATIONS = ("relu", "sigmoid")
GRADIENT_TOLERANCE = 1e-6  # relative error allowed between an analytic and a numerical gradient
# Centred differences (h = 1e-6) are off by about 1e-10 from rounding; a gradient whose entries
# all agree within this passes whatever its relative error (a layer behind saturated sigmoids
# has gradients of 1e-6, where rounding alone makes relative errors of 1e-5).
GRADIENT_ATOL = 1e-8

# Every graded function of the week: the models call all of them.
ALL_BLOCKS = (
    "week03.initialize_parameters_deep", "week03.linear_forward", "week03.linear_activation_forward",
    "week03.L_model_forward", "week03.compute_cost", "week03.linear_backward",
    "week03.linear_activation_backward", "week03.L_model_backward", "week03.update_parameters",
)


def _random_parameters(rng, layer_dims):
    """Weights scaled like :func:`deep.initialize_parameters_deep` and non-zero biases."""
    return layer_parameters(rng, layer_dims, weight_scale="fan_in")


# --- random cases ----------------------------------------------------------------------------

def _layer_dims(rng, min_hidden, max_hidden):
    """``[n_x, n_1, ..., n_{L-1}, 1]`` with different sizes and between the given numbers of
    hidden layers."""
    n_hidden = int(rng.integers(min_hidden, max_hidden + 1))
    return distinct_sizes(rng, n_hidden + 1, 2, 9) + [1]


def _linear_case(rng):
    n_prev, n, m = distinct_sizes(rng, 3)
    return rng.normal(0, 1, (n_prev, m)), rng.normal(0, 1, (n, n_prev)), rng.normal(0, 1, (n, 1))


def _linear_backward_case(rng):
    A_prev, W, b = _linear_case(rng)
    dZ = rng.normal(0, 1, (W.shape[0], A_prev.shape[1]))
    return dZ, (A_prev, W, b)


def _draw_activation_backward_case(rng):
    A_prev, W, b = _linear_case(rng)
    activation = ACTIVATIONS[rng.integers(2)]
    Z = W @ A_prev + b
    dA = rng.normal(0, 1, Z.shape)
    return dA, ((A_prev, W, b), Z), activation


_activation_backward_case = redraw_until(_draw_activation_backward_case, lambda case: away_from_kinks(case[1][1]))


def _network_case(rng):
    layer_dims = _layer_dims(rng, 1, 3)
    m = int(rng.choice([k for k in range(3, 10) if k not in layer_dims]))
    return rng.normal(0, 1, (layer_dims[0], m)), _random_parameters(rng, layer_dims)


def _draw_L_model_backward_case(rng):
    X, parameters = _network_case(rng)
    AL, caches = deep.L_model_forward(X, parameters)
    return AL, binary_labels(rng, X.shape[1]), caches


_L_model_backward_case = redraw_until(_draw_L_model_backward_case,
                                      lambda case: away_from_kinks(*(Z for _, Z in case[2])))


def _cost_case(rng):
    m = int(rng.integers(3, 12))
    return rng.uniform(0.02, 0.98, (1, m)), binary_labels(rng, m)


def _update_case(rng):
    layer_dims = _layer_dims(rng, 0, 3)
    parameters = _random_parameters(rng, layer_dims)
    grads = {f"d{name}": rng.normal(0, 1, value.shape) for name, value in parameters.items()}
    # What L_model_backward returns also holds the dA's: an update must leave them alone.
    grads.update({f"dA{l}": rng.normal(0, 1, (n, 3)) for l, n in enumerate(layer_dims[:-1])})
    return parameters, grads, float(rng.uniform(0.01, 0.5))


def _training_case(rng, hidden_layers):
    """A small noisy problem (the check seeds NumPy's global generator for the initialisation).
    The label noise and the moderate learning rate keep the sigmoid away from exactly 0 or 1,
    where the cost would be infinite."""
    n_x = int(rng.integers(2, 6))
    hidden = distinct_sizes(rng, hidden_layers, 2, 7)
    m = int(rng.integers(8, 21))
    X = rng.normal(0, 1, (n_x, m))
    Y = (rng.normal(0, 1, (1, n_x)) @ X + rng.normal(0, 1, (1, m)) > 0).astype(float)
    Y[0, :2] = [0.0, 1.0]
    return X, Y, [n_x] + hidden + [1], float(rng.uniform(0.01, 0.08)), int(rng.integers(101, 260))


# --- finite-difference checks of the backward functions --------------------------------------

def _numeric_layer_gradients(summed_loss, A_prev, W, b):
    """Finite-difference gradients of one layer for the convention of the week: ``dA_prev`` of
    the summed loss, ``dW`` and ``db`` of the mean (the summed loss over ``m``)."""
    m = A_prev.shape[1]
    return {
        "dA_prev": numerical_gradient(lambda A_: summed_loss(A_, W, b), A_prev),
        "dW": numerical_gradient(lambda W_: summed_loss(A_prev, W_, b), W) / m,
        "db": numerical_gradient(lambda b_: summed_loss(A_prev, W, b_), b) / m,
    }


def _named(observed):
    return dict(zip(("dA_prev", "dW", "db"), observed["result"]))


def _linear_backward_gradients_check(args, observed):
    dZ, (A_prev, W, b) = args
    # A loss whose gradient with respect to Z is exactly dZ.
    numeric = _numeric_layer_gradients(lambda A_, W_, b_: np.sum(dZ * (W_ @ A_ + b_)), A_prev, W, b)
    return gradients_disagree(_named(observed), numeric, GRADIENT_TOLERANCE, GRADIENT_ATOL)


def _activation_backward_gradients_check(args, observed):
    dA, ((A_prev, W, b), _), activation = args
    g, _ = deep.ACTIVATIONS[activation]
    numeric = _numeric_layer_gradients(lambda A_, W_, b_: np.sum(dA * g(W_ @ A_ + b_)), A_prev, W, b)
    return gradients_disagree(_named(observed), numeric, GRADIENT_TOLERANCE, GRADIENT_ATOL)


def _L_model_backward_gradients_check(args, observed):
    _, Y, caches = args
    L = len(caches)
    m = Y.shape[1]
    parameters = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        parameters[f"W{l}"], parameters[f"b{l}"] = W, b

    def cost_from(l, A, changed=None):
        """The cost of running layers l+1..L on the activations A of layer l."""
        params = {**parameters, **(changed or {})}
        for k in range(l + 1, L + 1):
            A, _ = deep.linear_activation_forward(A, params[f"W{k}"], params[f"b{k}"], "sigmoid" if k == L else "relu")
        return losses.binary_cross_entropy(A, Y)

    X = caches[0][0][0]
    numeric = {}
    for name, value in parameters.items():
        numeric[f"d{name}"] = numerical_gradient(lambda v, name=name: cost_from(0, X, {name: v}), value)
    for l in range(L):
        A_l = caches[l][0][0]
        # dA is the gradient of the summed loss, m times that of the cost.
        numeric[f"dA{l}"] = m * numerical_gradient(lambda A, l=l: cost_from(l, A), A_l)
    return gradients_disagree(observed["result"], numeric, GRADIENT_TOLERANCE, GRADIENT_ATOL)


# --- the registry entries --------------------------------------------------------------------

register(FunctionSpec(
    key="week03.initialize_parameters_deep",
    reference=deep.initialize_parameters_deep,
    examples=(([5, 4, 3],), ([7, 5, 3, 2, 1],)),
    random_args=lambda rng: (_layer_dims(rng, 0, 3),),
    seed_global_rng=True,
))

register(FunctionSpec(
    key="week03.linear_forward",
    reference=deep.linear_forward,
    random_args=_linear_case,
    output_names=("Z", "cache"),
))

register(FunctionSpec(
    key="week03.linear_activation_forward",
    reference=deep.linear_activation_forward,
    # One example per activation, so that a mistake in either always shows.
    examples=lambda: tuple(_linear_case(np.random.default_rng(3)) + (name,) for name in ACTIVATIONS),
    random_args=lambda rng: _linear_case(rng) + (ACTIVATIONS[rng.integers(2)],),
    uses=("week03.linear_forward",),
    output_names=("A", "cache"),
))

register(FunctionSpec(
    key="week03.L_model_forward",
    reference=deep.L_model_forward,
    random_args=_network_case,
    uses=("week03.linear_activation_forward", "week03.linear_forward"),
    output_names=("AL", "caches"),
))

register(FunctionSpec(
    key="week03.compute_cost",
    reference=losses.binary_cross_entropy,
    # The classic example: cost 0.2797765635793422.
    examples=((np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])),),
    random_args=_cost_case,
))

register(FunctionSpec(
    key="week03.linear_backward",
    reference=deep.linear_backward,
    random_args=_linear_backward_case,
    output_names=("dA_prev", "dW", "db"),
    properties=(_linear_backward_gradients_check,),
))

register(FunctionSpec(
    key="week03.linear_activation_backward",
    reference=deep.linear_activation_backward,
    examples=lambda: tuple(_activation_backward_case(np.random.default_rng(5))[:2] + (name,) for name in ACTIVATIONS),
    random_args=_activation_backward_case,
    uses=("week03.linear_backward",),
    output_names=("dA_prev", "dW", "db"),
    properties=(_activation_backward_gradients_check,),
))

register(FunctionSpec(
    key="week03.L_model_backward",
    reference=deep.L_model_backward,
    random_args=_L_model_backward_case,
    uses=("week03.linear_activation_backward", "week03.linear_backward"),
    properties=(_L_model_backward_gradients_check,),
))

register(FunctionSpec(
    key="week03.update_parameters",
    reference=optimizers.update_parameters,
    random_args=_update_case,
))

register(FunctionSpec(
    key="week03.two_layer_model",
    reference=deep.two_layer_model,
    random_args=lambda rng: _training_case(rng, 1),
    uses=ALL_BLOCKS,
    output_names=("parameters", "costs"),
    seed_global_rng=True,
))

register(FunctionSpec(
    key="week03.L_layer_model",
    reference=deep.L_layer_model,
    random_args=lambda rng: _training_case(rng, int(rng.integers(1, 4))),
    uses=ALL_BLOCKS,
    output_names=("parameters", "costs"),
    seed_global_rng=True,
))
