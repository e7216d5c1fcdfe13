"""A 3-layer network, LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, trained with or
without L2 or dropout regularisation (NumPy reference implementations).

Shapes follow the course convention: ``X`` ``(n_x, m)``, ``Y`` ``(1, m)``, ``W[l]``
``(n[l], n[l-1])``, ``b[l]`` ``(n[l], 1)``. The caches keep the classic layouts:

- :func:`forward_propagation`: ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``;
- :func:`forward_propagation_with_dropout`:
  ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``, ``D1`` and ``D2`` being the
  boolean masks of the kept units and ``A1``, ``A2`` the activations after dropout.

The gradient dicts hold ``dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1``.
"""
import numpy as np

from dlkit.scratch.activations import relu, relu_derivative, sigmoid
from dlkit.scratch.initializers import INITIALIZERS
from dlkit.scratch.losses import binary_cross_entropy
from dlkit.scratch.optimizers import update_parameters
from dlkit.scratch.training import train

COST_EVERY = 1000  # model() records the cost once every this many iterations


def _unpack(parameters):
    return tuple(parameters[name] for name in ("W1", "b1", "W2", "b2", "W3", "b3"))


def forward_propagation(X, parameters):
    """Forward pass of the 3-layer network; returns ``A3`` ``(1, m)`` and the cache."""
    W1, b1, W2, b2, W3, b3 = _unpack(parameters)
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def forward_propagation_n(X, Y, parameters):
    """Forward pass followed by the cross-entropy cost, the function of the parameters that
    gradient checking differentiates numerically; returns ``(cost, cache)``."""
    A3, cache = forward_propagation(X, parameters)
    return binary_cross_entropy(A3, Y), cache


def _backward(X, Y, Z1, A1, Z2, A2, A3, W2, W3, masks=None, keep_prob=1.0):
    """Gradients of the cross-entropy cost. With ``masks = (D1, D2)`` the gradient flows back
    only through the units the forward pass kept, scaled by ``1 / keep_prob`` as they were."""
    m = X.shape[1]
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    if masks is not None:
        dA2 = dA2 * masks[1] / keep_prob
    dZ2 = dA2 * relu_derivative(Z2)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    if masks is not None:
        dA1 = dA1 * masks[0] / keep_prob
    dZ1 = dA1 * relu_derivative(Z1)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def backward_propagation(X, Y, cache):
    """Backward pass of the unregularised cross-entropy cost, from the cache of
    :func:`forward_propagation`; returns the gradient dict."""
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _backward(X, Y, Z1, A1, Z2, A2, A3, W2, W3)


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy of ``A3`` ``(1, m)`` against ``Y`` plus the L2 penalty
    ``lambd / (2 m) * sum_l ||W[l]||_F^2`` (squared Frobenius norms; biases are not penalised).
    Returns a float."""
    m = Y.shape[1]
    squared_weights = sum(np.sum(np.square(value)) for name, value in parameters.items() if name.startswith("W"))
    return binary_cross_entropy(A3, Y) + float(lambd / (2 * m) * squared_weights)


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Gradients of :func:`compute_cost_with_regularization`: the penalty adds
    ``lambd / m * W[l]`` to each ``dW[l]`` ("weight decay") and nothing to the biases."""
    gradients = backward_propagation(X, Y, cache)
    m = X.shape[1]
    for layer, W in ((1, cache[2]), (2, cache[6]), (3, cache[10])):
        gradients[f"dW{layer}"] = gradients[f"dW{layer}"] + lambd / m * W
    return gradients


def _drop(A, keep_prob):
    """Inverted dropout of activations ``A``: keep each unit with probability ``keep_prob``
    (one ``np.random.rand`` draw of ``A``'s shape) and scale the kept ones by ``1 / keep_prob``,
    so that the expected activation is unchanged and test time needs no rescaling."""
    D = np.random.rand(*A.shape) < keep_prob
    return A * D / keep_prob, D


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """Training-time forward pass with inverted dropout on both hidden layers (not on the
    input, not on the output). Draws the mask ``D1`` then ``D2`` from ``np.random``; returns
    ``A3`` ``(1, m)`` and the dropout cache."""
    W1, b1, W2, b2, W3, b3 = _unpack(parameters)
    Z1 = W1 @ X + b1
    A1, D1 = _drop(relu(Z1), keep_prob)
    Z2 = W2 @ A1 + b2
    A2, D2 = _drop(relu(Z2), keep_prob)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Backward pass through the same dropped units as the forward pass: ``dA[l]`` is masked
    with ``D[l]`` and divided by ``keep_prob``. Returns the gradient dict."""
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _backward(X, Y, Z1, A1, Z2, A2, A3, W2, W3, masks=(D1, D2), keep_prob=keep_prob)


def predict(X, parameters):
    """Labels ``(1, m)`` (0/1 integers) of the trained network: no dropout at test time."""
    with np.errstate(over="ignore"):  # exp overflows for very negative z; the sigmoid is then 0, as it should be
        A3, _ = forward_propagation(X, parameters)
    return (A3 > 0.5).astype(np.int64)


def model(X, Y, layers_dims, learning_rate=0.3, num_iterations=30000, initialization="he", lambd=0.0,
          keep_prob=1.0, seed=3, print_cost=False):
    """Train the 3-layer network by batch gradient descent.

    ``initialization`` is a key of :data:`dlkit.scratch.initializers.INITIALIZERS`; ``np.random`` is
    seeded with ``seed`` first, so runs are repeatable. Use L2 regularisation (``lambd > 0``)
    or dropout (``keep_prob < 1``), not both. Returns ``(parameters, costs)``, the cost being
    recorded (before the update) every ``COST_EVERY`` iterations.
    """
    if lambd and keep_prob < 1:
        raise ValueError("use L2 regularisation or dropout, not both at once")
    np.random.seed(seed)

    def step(parameters, i):
        with np.errstate(over="ignore"):  # see predict()
            if keep_prob < 1:
                A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob)
            else:
                A3, cache = forward_propagation(X, parameters)
        cost = compute_cost_with_regularization(A3, Y, parameters, lambd)
        if lambd:
            grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        elif keep_prob < 1:
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        else:
            grads = backward_propagation(X, Y, cache)
        return update_parameters(parameters, grads, learning_rate), cost

    return train(INITIALIZERS[initialization](layers_dims), step, num_iterations, COST_EVERY, print_cost)
