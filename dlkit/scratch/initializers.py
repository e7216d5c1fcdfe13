"""Weight initialisers for fully connected networks (NumPy reference implementations).

``layers_dims`` lists the layer sizes ``[n_x, n[1], ..., n[L]]``. Every initialiser returns
``{"W1": (n[1], n_x), "b1": (n[1], 1), ..., "WL": (n[L], n[L-1]), "bL": (n[L], 1)}`` with
zero biases. The random ones draw from NumPy's global generator with one ``randn`` call per
weight matrix, in layer order, and never seed it themselves: whoever calls them seeds
``np.random`` (the training loop, a test), exactly as in the classic assignments.
"""
import numpy as np


def n_layers(dictionary, weight_prefix="W"):
    """The number of layers ``L`` of a parameters dict ``{"W1", "b1", ..., "WL", "bL"}``, or of a
    gradients dict with ``weight_prefix="dW"`` (its other entries, ``"dA1"``, ``"dZ1"``..., do not count)."""
    return sum(1 for key in dictionary if key.startswith(weight_prefix) and key[len(weight_prefix):].isdigit())


def _initialize(layers_dims, weights):
    """Build the parameters dict; ``weights(n, n_prev)`` returns ``W[l]`` ``(n, n_prev)``."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = weights(layers_dims[l], layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_zeros(layers_dims):
    """All weights and biases zero. Every hidden unit of a layer then computes the same
    function and receives the same gradient, so they stay identical for ever (no symmetry
    breaking)."""
    return _initialize(layers_dims, lambda n, n_prev: np.zeros((n, n_prev)))


def initialize_parameters_random(layers_dims):
    """Weights ``randn(n[l], n[l-1]) * 10``: random (symmetry is broken) but deliberately far
    too large, which saturates the output sigmoid and slows learning."""
    return _initialize(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * 10)


def initialize_parameters_he(layers_dims):
    """He initialisation for ReLU layers: ``W[l] = randn(n[l], n[l-1]) * sqrt(2 / n[l-1])``.

    A ReLU zeroes half of its inputs on average, so doubling the ``1 / n[l-1]`` variance keeps
    the scale of the activations roughly constant from layer to layer.
    """
    return _initialize(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * np.sqrt(2 / n_prev))


def initialize_parameters_glorot(layers_dims):
    """Glorot (Xavier) initialisation, ``W[l] = randn(n[l], n[l-1]) * sqrt(2 / (n[l-1] + n[l]))``,
    the compromise between keeping the forward activations and the backward gradients at the
    same scale (Glorot and Bengio, 2010); suited to tanh layers.

    The parentheses matter: ``sqrt(2 / n[l-1] * n[l])`` is ``sqrt(2 n[l] / n[l-1])``, which grows
    with the layer width instead of shrinking.
    """
    return _initialize(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * np.sqrt(2 / (n_prev + n)))


INITIALIZERS = {
    "zeros": initialize_parameters_zeros,
    "random": initialize_parameters_random,
    "he": initialize_parameters_he,
    "glorot": initialize_parameters_glorot,
}
