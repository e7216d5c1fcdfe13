"""A two-layer network for binary classification: one tanh hidden layer, a sigmoid output
(NumPy reference implementations of week 2).

Shapes follow the course convention: ``X`` is ``(n_x, m)`` (examples are columns), ``Y`` is
``(n_y, m)``, ``W1`` ``(n_h, n_x)``, ``b1`` ``(n_h, 1)``, ``W2`` ``(n_y, n_h)`` and ``b2``
``(n_y, 1)``. Parameters live in a dict ``{"W1", "b1", "W2", "b2"}`` and gradients in a dict
``{"dW1", "db1", "dW2", "db2"}``.
"""
import numpy as np

from dlkit.scratch import optimizers
from dlkit.scratch.activations import sigmoid
# The cost of the two-layer network is the cross-entropy of week 1, averaged over the examples.
from dlkit.scratch.losses import binary_cross_entropy as compute_cost

HIDDEN_UNITS = 4  # the hidden layer size layer_sizes() proposes
LEARNING_RATE = 1.2  # default step size of update_parameters() and the one nn_model() uses
MODEL_SEED = 3  # nn_model() seeds NumPy's global generator with this before initialising
COST_EVERY = 1000  # nn_model(print_cost=True) prints the cost once every this many iterations


def layer_sizes(X, Y):
    """Sizes ``(n_x, n_h, n_y)`` of the input, hidden and output layers for ``X`` ``(n_x, m)``
    and ``Y`` ``(n_y, m)``; the hidden layer has ``HIDDEN_UNITS`` (4) units."""
    return X.shape[0], HIDDEN_UNITS, Y.shape[0]


def initialize_parameters(n_x, n_h, n_y):
    """Small random weights and zero biases, drawn from NumPy's global generator.

    ``W1 = randn(n_h, n_x) * 0.01`` is drawn before ``W2 = randn(n_y, n_h) * 0.01`` (seed the
    global generator to reproduce them); ``b1`` ``(n_h, 1)`` and ``b2`` ``(n_y, 1)`` are zeros.
    Random weights break the symmetry between hidden units; small ones keep tanh and the
    sigmoid away from their flat tails at the start of training.
    """
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """Forward pass: ``Z1 = W1 X + b1``, ``A1 = tanh(Z1)``, ``Z2 = W2 A1 + b2``, ``A2 = sigmoid(Z2)``.

    Returns ``(A2, cache)``: the output probabilities ``A2`` ``(n_y, m)`` and
    ``cache = {"Z1", "A1", "Z2", "A2"}`` for the backward pass.
    """
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def backward_propagation(parameters, cache, X, Y):
    """Gradients of the cross-entropy cost with respect to the four parameters.

    ``dZ2 = A2 - Y``, ``dW2 = (1/m) dZ2 A1^T``, ``db2 = (1/m) sum_columns(dZ2)``,
    ``dZ1 = W2^T dZ2 * (1 - A1^2)`` (tanh' from the cached ``A1``), ``dW1 = (1/m) dZ1 X^T``,
    ``db1 = (1/m) sum_columns(dZ1)``. Each gradient has its parameter's shape.
    """
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=LEARNING_RATE):
    """One gradient-descent step ``p := p - learning_rate * dp``; returns a new dict."""
    return optimizers.update_parameters(parameters, grads, learning_rate)


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Train the two-layer network on ``X`` ``(n_x, m)``, ``Y`` ``(n_y, m)`` with ``n_h`` hidden units.

    Seeds NumPy's global generator with ``MODEL_SEED`` (3), so that every call starts from the
    same weights, then runs ``num_iterations`` full-batch gradient-descent steps (forward,
    cost, backward, update with ``LEARNING_RATE``). Returns the trained parameters.
    """
    np.random.seed(MODEL_SEED)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % COST_EVERY == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters


def predict(parameters, X):
    """Labels ``(n_y, m)``: 1.0 where the network's probability ``A2`` exceeds 0.5, else 0.0."""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float)
