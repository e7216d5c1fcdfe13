"""A deep L-layer fully connected network, built from small forward and backward blocks
(NumPy reference implementations).

Shapes follow the course convention: examples are columns, so the input ``X`` is ``(n_x, m)``
and the labels ``Y`` are ``(1, m)``. ``layer_dims = [n_0, n_1, ..., n_L]`` lists the layer
sizes, ``n_0 = n_x``; layer ``l`` has ``W[l]`` ``(n_l, n_{l-1})`` and ``b[l]`` ``(n_l, 1)``,
stored in ``parameters = {"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}``. Layers 1 to L-1
use the ReLU, layer L the sigmoid.

Caches hold what the backward pass needs: a *linear cache* is ``(A_prev, W, b)``, an
*activation cache* is ``(linear_cache, Z)`` and ``L_model_forward`` returns the list of the L
activation caches. As in the classic assignments, the activation gradients ``dA`` and ``dZ`` are
gradients of the *summed* loss ``m * J``; the ``1/m`` of the cost ``J`` enters in
``linear_backward``, so that ``dW`` and ``db`` are gradients of ``J`` itself.
"""
import numpy as np

from dlkit.scratch.activations import relu, relu_derivative, sigmoid, sigmoid_derivative
from dlkit.scratch.training import record_cost
from dlkit.scratch.initializers import n_layers
from dlkit.scratch.losses import binary_cross_entropy
from dlkit.scratch.optimizers import update_parameters

COST_EVERY = 100  # the models record the cost once every this many iterations

# Each activation with its derivative, both functions of Z.
ACTIVATIONS = {"relu": (relu, relu_derivative), "sigmoid": (sigmoid, sigmoid_derivative)}


def _activation(name):
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}: use one of {sorted(ACTIVATIONS)}") from None


def initialize_parameters_deep(layer_dims):
    """Random weights and zero biases for the layer sizes ``layer_dims = [n_0, ..., n_L]``.

    ``W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1})`` and ``b[l] = zeros((n_l, 1))``, drawn from the
    global NumPy generator layer by layer (``W1``, ``W2``, ...). Dividing by ``sqrt(n_{l-1})``
    keeps every ``Z[l]`` of order one whatever the width of the layer before; a fixed ``* 0.01``
    would make the signal shrink layer after layer in a deep network.
    """
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """The linear step of one layer: ``Z = W A + b``.

    ``A`` ``(n_{l-1}, m)``, ``W`` ``(n_l, n_{l-1})``, ``b`` ``(n_l, 1)``. Returns ``Z`` ``(n_l, m)``
    and the linear cache ``(A, W, b)``.
    """
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: ``A = g(W A_prev + b)`` with ``g`` the ``"relu"`` or the ``"sigmoid"``.

    Returns ``A`` ``(n_l, m)`` and the cache ``(linear_cache, Z)``.
    """
    g, _ = _activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), (linear_cache, Z)


def L_model_forward(X, parameters):
    """Forward pass of the whole network: L-1 ReLU layers, then a sigmoid layer.

    ``X`` is ``(n_x, m)``. Returns ``AL`` ``(1, m)``, the predicted probabilities, and the list
    of the L layer caches, layer 1 first.
    """
    L = n_layers(parameters)
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def linear_backward(dZ, cache):
    """Backward pass of the linear step ``Z = W A_prev + b`` of one layer.

    ``dZ`` ``(n_l, m)`` and the linear cache ``(A_prev, W, b)`` give
    ``dW = (1/m) dZ A_prev^T`` ``(n_l, n_{l-1})``, ``db = (1/m) sum_columns(dZ)`` ``(n_l, 1)`` and
    ``dA_prev = W^T dZ`` ``(n_{l-1}, m)``. Returns ``(dA_prev, dW, db)``.
    """
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """Backward pass of one layer ``A = g(W A_prev + b)``: ``dZ = dA * g'(Z)``, then
    :func:`linear_backward`. ``cache`` is ``(linear_cache, Z)``. Returns ``(dA_prev, dW, db)``.

    For the ReLU, ``g'(Z)`` is 0 wherever ``Z < 0``: a unit that is negative on every example
    passes no gradient back and stops learning (a "dead" unit).
    """
    _, g_prime = _activation(activation)
    linear_cache, Z = cache
    return linear_backward(dA * g_prime(Z), linear_cache)


def L_model_backward(AL, Y, caches):
    """Backward pass of the whole network, from the output ``AL`` ``(1, m)``, the labels ``Y``
    ``(1, m)`` and the caches of :func:`L_model_forward`.

    Starts from ``dAL = -(Y / AL - (1 - Y) / (1 - AL))``, goes through the sigmoid layer, then
    through the ReLU layers in reverse. Returns ``grads`` with ``"dA{l-1}"``, ``"dW{l}"`` and
    ``"db{l}"`` for ``l = 1..L`` (``"dA0"`` is the gradient with respect to ``X``).
    """
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    grads = {}
    dA = dAL
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train LINEAR -> RELU -> LINEAR -> SIGMOID by batch gradient descent.

    ``layers_dims = (n_x, n_h, n_y)``. The parameters start from
    :func:`initialize_parameters_deep` (seed the global NumPy generator before calling); the
    cost is recorded before the update at iterations 0, 100, 200, ... Returns
    ``(parameters, costs)``.
    """
    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = binary_cross_entropy(A2, Y)
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        record_cost(costs, i, cost, COST_EVERY, print_cost)
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train an L-layer network (``layers_dims = [n_x, n_1, ..., n_L]``, ReLU hidden layers,
    sigmoid output) by batch gradient descent.

    Same conventions as :func:`two_layer_model`. Returns ``(parameters, costs)``.
    """
    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = binary_cross_entropy(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        record_cost(costs, i, cost, COST_EVERY, print_cost)
    return parameters, costs


def predict(X, parameters):
    """Labels ``(1, m)`` (floats 0 and 1) for the columns of ``X``: 1 where the network's
    probability is strictly greater than 0.5."""
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(float)
