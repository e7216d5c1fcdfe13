"""Loss functions (NumPy reference implementations)."""
import numpy as np


def L1(yhat, y):
    """L1 loss ``sum_i |y_i - yhat_i|`` of two arrays of the same shape; returns a float."""
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """L2 loss ``sum_i (y_i - yhat_i)^2`` of two arrays of the same shape; returns a float."""
    diff = y - yhat
    return float(np.dot(diff.ravel(), diff.ravel()))
