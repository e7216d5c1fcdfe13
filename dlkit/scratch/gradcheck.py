"""Numerical gradients by centred finite differences, for checking backward passes.

In the spirit of CS231n's ``gradient_check.py``: compare an analytic gradient with
``(f(x + h) - f(x - h)) / (2 h)`` one coordinate at a time, and report the relative error
``||g_analytic - g_numeric|| / (||g_analytic|| + ||g_numeric||)``.
"""
import numpy as np

from dlkit.scratch.initializers import n_layers


def numerical_gradient(f, x, h=1e-6):
    """Gradient of the scalar function ``f`` at ``x`` (any shape), by centred differences.

    ``f`` is called with arrays of ``x``'s shape; ``x`` itself is left unchanged.
    """
    x = np.array(x, dtype=float, copy=True)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(analytic, numeric):
    """``||analytic - numeric|| / (||analytic|| + ||numeric||)``, 0 when both are zero."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)


# --- Gradient checking a whole network (week 4) ------------------------------------------------
# The parameters are unrolled into one column vector theta in the order W1, b1, W2, b2, ...
# (each array row by row), the gradients into a vector d_theta in the same order, and every
# coordinate of d_theta is compared with a centred difference of the cost.

def _parameter_names(count):
    return [name for layer in range(1, count + 1) for name in (f"W{layer}", f"b{layer}")]


def dictionary_to_vector(parameters):
    """Unroll ``{"W1", "b1", ..., "WL", "bL"}`` into a column ``theta`` ``(n, 1)``.

    Returns ``(theta, keys)``, ``keys[i]`` naming the parameter ``theta[i]`` comes from (handy
    to find which parameter a wrong gradient belongs to).
    """
    names = _parameter_names(n_layers(parameters))
    theta = np.concatenate([np.reshape(parameters[name], (-1, 1)) for name in names]).astype(float)
    keys = [name for name in names for _ in range(np.size(parameters[name]))]
    return theta, keys


def vector_to_dictionary(theta, like):
    """Inverse of :func:`dictionary_to_vector`: cut ``theta`` ``(n, 1)`` into arrays with the
    names and shapes of the parameters dict ``like``."""
    parameters, start = {}, 0
    for name in _parameter_names(n_layers(like)):
        shape = np.shape(like[name])
        size = int(np.prod(shape))
        parameters[name] = theta[start:start + size].reshape(shape)
        start += size
    return parameters


def gradients_to_vector(gradients):
    """Unroll ``dW1, db1, ..., dWL, dbL`` of a gradients dict into a column ``(n, 1)``, in the
    order of :func:`dictionary_to_vector`; other entries (``dZ1``, ``dA1``, ...) are ignored."""
    names = _parameter_names(n_layers(gradients, "dW"))
    return np.concatenate([np.reshape(gradients["d" + name], (-1, 1)) for name in names]).astype(float)


def gradient_check(x, theta, epsilon=1e-7):
    """Gradient check of the one-parameter cost ``J(theta) = theta * x``, whose derivative is
    ``x``: returns the relative difference between ``x`` and the centred difference
    ``(J(theta + epsilon) - J(theta - epsilon)) / (2 epsilon)``."""
    gradapprox = ((theta + epsilon) * x - (theta - epsilon) * x) / (2 * epsilon)
    return relative_error(x, gradapprox)


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    """Gradient check of the 3-layer network of :mod:`dlkit.scratch.regularization`: the relative
    difference ``||grad - gradapprox|| / (||grad|| + ||gradapprox||)`` between the unrolled
    ``gradients`` and centred differences (step ``epsilon``) of the cross-entropy cost on
    ``(X, Y)``, one parameter at a time. About 1e-7 or less means the backward pass is right;
    above 1e-3 it is almost certainly wrong."""
    from dlkit.scratch.regularization import forward_propagation_n  # here, so that the generic helpers above stay network-free

    theta, _ = dictionary_to_vector(parameters)
    gradapprox = numerical_gradient(
        lambda values: forward_propagation_n(X, Y, vector_to_dictionary(values, parameters))[0], theta, h=epsilon
    )
    return relative_error(gradients_to_vector(gradients), gradapprox)
