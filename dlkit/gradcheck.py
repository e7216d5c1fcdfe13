"""Numerical gradients by centred finite differences, for checking backward passes.

In the spirit of CS231n's ``gradient_check.py``: compare an analytic gradient with
``(f(x + h) - f(x - h)) / (2 h)`` one coordinate at a time, and report the relative error
``||g_analytic - g_numeric|| / (||g_analytic|| + ||g_numeric||)``.
"""
import numpy as np


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
