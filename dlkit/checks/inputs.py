"""Input generators shared by the weeks' checks: sizes, labels, parameters, redraws.

Sizes are drawn *distinct* wherever two of them meet in one array, so that a transposed matrix
or a swapped dimension shows as a wrong shape instead of passing by accident.
"""
import numpy as np

# Random pre-activations stay at least this far from 0, where the ReLU has its kink and a
# centred difference straddling it disagrees with the exact gradient.
KINK_MARGIN = 1e-3


def distinct_sizes(rng, count, low=2, high=9):
    """``count`` different integers from ``[low, high)``, as a list."""
    return [int(n) for n in rng.choice(np.arange(low, high), size=count, replace=False)]


def binary_labels(rng, m):
    """0/1 labels ``(1, m)`` (floats) with both classes present, so no term of the cross-entropy is idle."""
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, :2] = (0.0, 1.0)
    return Y


def layer_parameters(rng, layer_dims, weight_scale=1.0, bias_std=0.5):
    """``{"W1", "b1", ..., "WL", "bL"}`` for ``layer_dims = [n_0, ..., n_L]``: normal weights
    ``(n_l, n_{l-1})`` times ``weight_scale`` (a number, ``"fan_in"`` for ``1/sqrt(n_{l-1})`` or
    ``"he"`` for ``sqrt(2/n_{l-1})``) and non-zero normal biases ``(n_l, 1)``."""
    scales = {"fan_in": lambda n: 1 / np.sqrt(n), "he": lambda n: np.sqrt(2 / n)}
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_prev = layer_dims[l - 1]
        scale = scales[weight_scale](n_prev) if isinstance(weight_scale, str) else weight_scale
        parameters[f"W{l}"] = rng.normal(0, 1, (layer_dims[l], n_prev)) * scale
        parameters[f"b{l}"] = rng.normal(0, bias_std, (layer_dims[l], 1))
    return parameters


def away_from_kinks(*arrays):
    """True when every entry of every array is at least :data:`KINK_MARGIN` from 0."""
    return all(np.abs(a).min() > KINK_MARGIN for a in arrays)


def redraw_until(draw, accept):
    """A generator of cases that calls ``draw(rng)`` until ``accept(case)`` holds."""

    def redraw(rng):
        while True:
            case = draw(rng)
            if accept(case):
                return case

    redraw.__name__ = getattr(draw, "__name__", "redraw")
    return redraw


def with_global_seed(seed, function, *args):
    """Call ``function`` with ``np.random`` seeded, leaving the global generator as it was."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        return function(*args)
    finally:
        np.random.set_state(state)
