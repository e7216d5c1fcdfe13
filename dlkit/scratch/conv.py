"""Convolution and pooling layers, channels-last (NumPy reference implementations).

Layouts follow the classic assignment:

- activations ``A`` ``(m, n_H, n_W, n_C)``: ``m`` images, height, width, channels;
- filters ``W`` ``(f_h, f_w, n_C_prev, n_C)`` (square, ``f_h = f_w = f``, in the lectures, but
  nothing here assumes it) and biases ``b`` ``(1, 1, 1, n_C)``;
- ``hparameters``: ``{"stride": s, "pad": p}`` for a convolution, ``{"stride": s, "f": f}`` for
  a pooling layer.

Each output has ``floor((n + 2p - f) / s) + 1`` rows (and the same formula with the widths for
columns). Like every deep-learning library, "convolution" here is a cross-correlation: the
filter is not flipped. (The two differ by a flip of the filter, which learning absorbs; but the
associativity of true convolution, ``(a * b) * c = a * (b * c)``, does not hold for
cross-correlation.)

The layers are vectorised: a view of every ``f_h x f_w`` window of the input (no copy) is
contracted with the filters by one ``tensordot``; pooling reduces one strided slice per window
position, and the backward passes add each position's contribution back the same way. The lectures' loop versions give the
same numbers, far more slowly (``benchmarks/conv_numpy_vs_torch.py``).
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def zero_pad(X, pad):
    """Pad the height and width of every image of ``X`` ``(m, n_H, n_W, n_C)`` with ``pad``
    zeros on each side; returns ``(m, n_H + 2 pad, n_W + 2 pad, n_C)``."""
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step(a_slice_prev, W, b):
    """One output value: ``sum(a_slice_prev * W) + b`` for a slice ``(f_h, f_w, n_C_prev)`` of the
    input, one filter ``W`` of the same shape and its bias ``b`` ``(1, 1, 1)``; a Python float."""
    return float(np.sum(a_slice_prev * W) + np.sum(b))


def output_size(n, f, pad, stride):
    """``floor((n + 2 pad - f) / stride) + 1``: the length of a convolution's or pooling's output
    along a side of length ``n`` with a window of length ``f``."""
    return (n + 2 * pad - f) // stride + 1


def windows(A, f_h, f_w, stride):
    """Every ``f_h x f_w`` window of ``A`` ``(m, n_H, n_W, n_C)`` at the given stride, as a view
    ``(m, out_H, out_W, n_C, f_h, f_w)``."""
    return sliding_window_view(A, (f_h, f_w), axis=(1, 2))[:, ::stride, ::stride]


def conv_forward(A_prev, W, b, hparameters):
    """Convolve ``A_prev`` ``(m, n_H_prev, n_W_prev, n_C_prev)`` with the filters ``W``
    ``(f_h, f_w, n_C_prev, n_C)`` and add ``b`` ``(1, 1, 1, n_C)``.

    Returns ``(Z, cache)``: ``Z`` ``(m, n_H, n_W, n_C)`` and ``cache = (A_prev, W, b, hparameters)``,
    what :func:`conv_backward` needs.
    """
    stride, pad = hparameters["stride"], hparameters["pad"]
    f_h, f_w = W.shape[:2]
    patches = windows(zero_pad(A_prev, pad), f_h, f_w, stride)
    Z = np.tensordot(patches, W, axes=([4, 5, 3], [0, 1, 2])) + b.reshape(1, 1, 1, -1)
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    """Gradients of :func:`conv_forward` given ``dZ`` ``(m, n_H, n_W, n_C)``, the gradient of the
    cost with respect to its output.

    Returns ``(dA_prev, dW, db)`` with the shapes of ``A_prev``, ``W`` and ``b``.
    """
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f_h, f_w = W.shape[:2]
    m, n_H, n_W, _ = dZ.shape
    A_pad = zero_pad(A_prev, pad)
    dW = np.tensordot(windows(A_pad, f_h, f_w, stride), dZ, axes=([0, 1, 2], [0, 1, 2])).transpose(1, 2, 0, 3)
    db = dZ.sum(axis=(0, 1, 2)).reshape(b.shape)
    dA_pad = np.zeros_like(A_pad, dtype=np.result_type(dZ, W))
    for i in range(f_h):
        for j in range(f_w):
            # Filter position (i, j) met the inputs at rows i, i + s, ... and columns j, j + s, ...
            dA_pad[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] += dZ @ W[i, j].T
    dA_prev = dA_pad[:, pad:dA_pad.shape[1] - pad, pad:dA_pad.shape[2] - pad, :]
    return dA_prev, dW, db


def pool_forward(A_prev, hparameters, mode="max"):
    """Max or average pooling of ``A_prev`` ``(m, n_H_prev, n_W_prev, n_C)`` over ``f x f``
    windows (``hparameters = {"f", "stride"}``, no padding); each channel is pooled on its own.
    Pooling has no parameters to learn.

    Returns ``(A, cache)``: ``A`` ``(m, n_H, n_W, n_C)`` and ``cache = (A_prev, hparameters)``.
    """
    f, stride = hparameters["f"], hparameters["stride"]
    n_H, n_W = output_size(A_prev.shape[1], f, 0, stride), output_size(A_prev.shape[2], f, 0, stride)
    # One strided slice per window position (i, j): far faster than reducing a window view.
    shifted = [A_prev[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] for i in range(f) for j in range(f)]
    if mode == "max":
        A = np.maximum.reduce(shifted)
    elif mode == "average":
        A = np.add.reduce(shifted) / (f * f)
    else:
        raise ValueError(f'mode must be "max" or "average", not {mode!r}')
    return A, (A_prev, hparameters)


def create_mask_from_window(x):
    """``True`` where ``x`` (a window) holds its maximum, ``False`` elsewhere: the entries a max
    pooling passed on, and so the ones its gradient flows back to."""
    return x == np.max(x)


def distribute_value(dz, shape):
    """Spread the gradient ``dz`` of an average-pooled value evenly over a window of
    ``shape = (n_H, n_W)``: an array of that shape filled with ``dz / (n_H n_W)``."""
    n_H, n_W = shape
    return np.full((n_H, n_W), dz / (n_H * n_W))


def pool_backward(dA, cache, mode="max"):
    """Gradient with respect to the input of :func:`pool_forward`, given ``dA`` ``(m, n_H, n_W, n_C)``.

    Max pooling sends each window's gradient to the entries equal to its maximum; average
    pooling spreads it evenly over the window. Overlapping windows (stride < f) add up.
    Returns ``dA_prev``, shaped like ``A_prev``.
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    _, n_H, n_W, _ = dA.shape
    patches = windows(A_prev, f, f, stride)
    if mode == "max":
        share = patches == patches.max(axis=(4, 5), keepdims=True)
    elif mode == "average":
        share = np.full((1, 1, 1, 1, f, f), 1.0 / (f * f))
    else:
        raise ValueError(f'mode must be "max" or "average", not {mode!r}')
    dA_prev = np.zeros(A_prev.shape, dtype=np.result_type(dA, float))
    for i in range(f):
        for j in range(f):
            dA_prev[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] += share[..., i, j] * dA
    return dA_prev
