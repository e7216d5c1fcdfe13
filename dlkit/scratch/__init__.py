"""NumPy reference implementations, written the way the lectures derive them.

Fully connected code keeps the classic layout: ``X`` ``(n_x, m)`` with one example per column,
``W[l]`` ``(n[l], n[l-1])``, ``b[l]`` ``(n[l], 1)``, parameters in dicts ``{"W1", "b1", ...}``
and gradients in dicts ``{"dW1", "db1", ...}``.

Building blocks: :mod:`activations`, :mod:`losses`, :mod:`preprocessing`, :mod:`initializers`,
:mod:`optimizers`, :mod:`hyperparams`, :mod:`batching`, :mod:`batchnorm`, :mod:`gradcheck`.
Models, one per week: :mod:`logistic` (1), :mod:`shallow` (2), :mod:`deep` (3),
:mod:`regularization` (4), :mod:`conv` (6), :mod:`architectures` (7), :mod:`detection` (8),
:mod:`rnn` (11), :mod:`embeddings` (12), :mod:`decoding` (13).
"""
