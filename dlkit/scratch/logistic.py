"""Logistic regression written as a one-neuron network (NumPy reference implementations).

Shapes follow the course convention: examples are columns, so ``X`` is ``(n_x, m)``, ``Y`` is
``(1, m)``, the weights ``w`` are ``(n_x, 1)`` and the bias ``b`` is a Python float.
"""
import numpy as np

from dlkit.scratch.activations import sigmoid
from dlkit.scratch.training import record_cost
from dlkit.scratch.losses import binary_cross_entropy

COST_EVERY = 100  # optimize() records the cost once every this many iterations


def initialize_with_zeros(dim):
    """Return ``w``, a float array of zeros ``(dim, 1)``, and ``b = 0.0``."""
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    """One forward and backward pass of logistic regression.

    Forward: ``A = sigmoid(w.T @ X + b)`` and the cross-entropy cost
    ``J = -(1/m) * sum(Y log A + (1 - Y) log(1 - A))``.
    Backward: ``dw = (1/m) X (A - Y).T`` ``(n_x, 1)`` and ``db = (1/m) sum(A - Y)``.

    Returns ``(grads, cost)`` with ``grads = {"dw": dw, "db": db}``; ``db`` and ``cost`` are floats.
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = binary_cross_entropy(A, Y)
    dZ = A - Y
    dw = X @ dZ.T / m
    db = np.sum(dZ) / m
    return {"dw": dw, "db": float(db)}, cost


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Run ``num_iterations`` steps of gradient descent from ``(w, b)``.

    Each step is ``w -= learning_rate * dw`` and ``b -= learning_rate * db``; the inputs are
    not modified. The cost is recorded before the step at iterations 0, 100, 200, ...

    Returns ``(params, grads, costs)``: ``params = {"w", "b"}`` after the last step, ``grads`` of
    the last step, and the list of recorded costs.
    """
    w = np.array(w, dtype=float, copy=True)
    b = float(b)
    costs = []
    grads = {}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        record_cost(costs, i, cost, COST_EVERY, print_cost)
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Label each column of ``X`` ``(n_x, m)``: 1 where ``sigmoid(w.T @ X + b) > 0.5``, else 0.

    Returns a float array ``(1, m)`` of zeros and ones.
    """
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(float)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression from zero weights and predict on both sets.

    Returns a dict with ``costs``, ``Y_prediction_test`` ``(1, m_test)``, ``Y_prediction_train``
    ``(1, m_train)``, ``w``, ``b``, ``learning_rate`` and ``num_iterations``.
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {
        "costs": costs,
        "Y_prediction_test": predict(w, b, X_test),
        "Y_prediction_train": predict(w, b, X_train),
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }

