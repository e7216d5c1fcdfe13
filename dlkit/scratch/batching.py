"""Splitting a training set into mini-batches (NumPy, examples are columns)."""
import math

import numpy as np


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle the columns of ``X`` ``(n_x, m)`` and ``Y`` ``(1, m)`` together and cut them into
    mini-batches.

    The order is ``np.random.seed(seed)`` then ``np.random.permutation(m)``. Returns a list of
    ``(mini_batch_X, mini_batch_Y)`` pairs: ``floor(m / mini_batch_size)`` complete batches,
    then one smaller batch with the ``m % mini_batch_size`` remaining examples if there are any.
    """
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    n_complete = math.floor(m / mini_batch_size)
    mini_batches = []
    for k in range(n_complete):
        columns = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, columns], shuffled_Y[:, columns]))
    if m % mini_batch_size != 0:
        columns = slice(n_complete * mini_batch_size, m)
        mini_batches.append((shuffled_X[:, columns], shuffled_Y[:, columns]))
    return mini_batches
