"""Activation functions and their derivatives (NumPy reference implementations)."""
import numpy as np


def sigmoid(z):
    """Logistic function ``1 / (1 + exp(-z))``, elementwise; ``z`` is a scalar or an array of any shape."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(x):
    """Derivative of the sigmoid at ``x``: ``s * (1 - s)`` with ``s = sigmoid(x)``; same shape as ``x``."""
    s = sigmoid(x)
    return s * (1.0 - s)


def softmax(x):
    """Row-wise softmax of ``x`` ``(m, n)``: each row becomes a probability distribution.

    The row maximum is subtracted before exponentiating; this changes nothing mathematically
    and keeps ``exp`` from overflowing on large inputs.
    """
    shifted = x - np.max(x, axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=1, keepdims=True)


def relu(z):
    """Rectified linear unit ``max(0, z)``, elementwise."""
    return np.maximum(0, z)


def relu_derivative(z):
    """Derivative of the ReLU: 1 where ``z > 0`` and 0 elsewhere (units with ``z < 0`` pass no
    gradient: they can "die"). The value at exactly 0 is taken as 0."""
    return (z > 0).astype(float)


def tanh_derivative(z):
    """Derivative of ``tanh``: ``1 - tanh(z)^2``."""
    return 1.0 - np.tanh(z) ** 2
