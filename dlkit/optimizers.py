"""Parameter updates (NumPy reference implementations).

Parameters are dicts ``{"W1": ..., "b1": ..., "W2": ...}`` and gradients dicts with the same
keys prefixed by ``d`` (``"dW1"``, ``"db1"``, ...).
"""


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: ``p := p - learning_rate * dp`` for every parameter.

    Returns a new dict; ``parameters`` is not modified.
    """
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}
