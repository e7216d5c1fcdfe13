"""Parameter updates (NumPy reference implementations).

Parameters are dicts ``{"W1": ..., "b1": ..., "W2": ...}`` and gradients dicts with the same
keys prefixed by ``d`` (``"dW1"``, ``"db1"``, ...).
"""
import numpy as np

from dlkit.scratch.initializers import n_layers


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: ``p := p - learning_rate * dp`` for every parameter.

    Returns a new dict; ``parameters`` is not modified.
    """
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}


# --- Momentum, RMSprop and Adam (week 5) ------------------------------------------------------
# The moving averages ("velocities" v, squared-gradient averages s) are dicts keyed like the
# gradients: {"dW1": ..., "db1": ...}, each array the shape of its parameter.

def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of (mini-batch) gradient descent on ``{"W1", "b1", ..., "WL", "bL"}``.

    The same rule as :func:`update_parameters`, under the name of the classic assignment.
    """
    return update_parameters(parameters, grads, learning_rate)


def initialize_velocity(parameters):
    """Zero velocities ``{"dW1": zeros like W1, "db1": zeros like b1, ...}`` for momentum."""
    v = {}
    for l in range(1, n_layers(parameters) + 1):
        v[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        v[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
    return v


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    For every parameter ``p``: ``v_dp = beta * v_dp + (1 - beta) * dp``, then
    ``p = p - learning_rate * v_dp``. Returns ``(parameters, v)``, both new dicts.
    """
    parameters, v = dict(parameters), dict(v)
    for name in list(parameters):
        key = "d" + name
        v[key] = beta * v[key] + (1 - beta) * grads[key]
        parameters[name] = parameters[name] - learning_rate * v[key]
    return parameters, v


def initialize_rmsprop(parameters):
    """Zero squared-gradient averages ``{"dW1": ..., "db1": ...}`` for RMSprop."""
    return initialize_velocity(parameters)


def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    """One step of RMSprop: ``s_dp = beta2 * s_dp + (1 - beta2) * dp**2`` and
    ``p = p - learning_rate * dp / (sqrt(s_dp) + epsilon)``. Returns ``(parameters, s)``."""
    parameters, s = dict(parameters), dict(s)
    for name in list(parameters):
        key = "d" + name
        s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
        parameters[name] = parameters[name] - learning_rate * grads[key] / (np.sqrt(s[key]) + epsilon)
    return parameters, s


def initialize_adam(parameters):
    """Zero first and second moment estimates ``(v, s)``, each keyed ``"dW1", "db1", ...``."""
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
                                epsilon=1e-8):
    """One step of Adam; ``t`` counts the steps taken so far, this one included (it starts at 1).

    For every parameter ``p``::

        v_dp = beta1 * v_dp + (1 - beta1) * dp            # momentum
        s_dp = beta2 * s_dp + (1 - beta2) * dp**2         # RMSprop
        v_hat = v_dp / (1 - beta1**t);  s_hat = s_dp / (1 - beta2**t)   # bias correction
        p = p - learning_rate * v_hat / (sqrt(s_hat) + epsilon)          # eps outside the root

    Returns ``(parameters, v, s, v_corrected, s_corrected)``, all new dicts.
    """
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for name in list(parameters):
        key = "d" + name
        v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
        s[key] = beta2 * s[key] + (1 - beta2) * grads[key] ** 2
        v_corrected[key] = v[key] / (1 - beta1**t)
        s_corrected[key] = s[key] / (1 - beta2**t)
        parameters[name] = parameters[name] - learning_rate * v_corrected[key] / (np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
