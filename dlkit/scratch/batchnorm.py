"""Batch normalisation of a fully connected layer (NumPy reference implementations).

As in CS231n and ``torch.nn.BatchNorm1d``, a batch is ``x`` ``(N, D)``: one example per row, one
feature per column, and every feature is normalised over the ``N`` examples. ``gamma`` and
``beta`` ``(D,)`` are the learned scale and shift. ``bn_param`` is a dict:

- ``"mode"``: ``"train"`` or ``"test"``;
- ``"eps"``: added to the variance before the square root (default ``1e-5``);
- ``"momentum"``: weight of the old value in the running averages (default ``0.9``; this is
  ``1 - momentum`` in PyTorch's convention);
- ``"running_mean"``, ``"running_var"`` ``(D,)``: the running averages, updated in place in
  training mode and used instead of the batch statistics in test mode.

The running variance averages the *unbiased* batch variance (divided by ``N - 1``), as
PyTorch does: it estimates the variance of the whole population, while the batch itself is
normalised with its own (biased, divided by ``N``) variance.
"""
import numpy as np

DEFAULT_EPS = 1e-5
DEFAULT_MOMENTUM = 0.9


def batchnorm_forward(x, gamma, beta, bn_param):
    """Batch-normalise ``x`` ``(N, D)`` and return ``(out, cache)``.

    Training mode: ``mean`` and ``var`` are the batch's per-feature mean and (biased) variance,
    ``x_hat = (x - mean) / sqrt(var + eps)`` and ``out = gamma * x_hat + beta``; then
    ``running_mean = momentum * running_mean + (1 - momentum) * mean`` and
    ``running_var = momentum * running_var + (1 - momentum) * var * N / (N - 1)`` are stored
    back into ``bn_param``. Test mode: the same formula with ``mean = running_mean`` and
    ``var = running_var``, and ``bn_param`` is left alone.

    ``cache`` is the dict ``{"x", "x_hat", "mean", "var", "gamma", "eps"}`` that
    :func:`batchnorm_backward` needs.
    """
    mode = bn_param["mode"]
    eps = bn_param.get("eps", DEFAULT_EPS)
    momentum = bn_param.get("momentum", DEFAULT_MOMENTUM)
    if mode == "train":
        n = x.shape[0]
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        bn_param["running_mean"] = momentum * bn_param["running_mean"] + (1 - momentum) * mean
        bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * var * n / (n - 1)
    elif mode == "test":
        mean, var = bn_param["running_mean"], bn_param["running_var"]
    else:
        raise ValueError(f'bn_param["mode"] must be "train" or "test", not {mode!r}')
    x_hat = (x - mean) / np.sqrt(var + eps)
    out = gamma * x_hat + beta
    cache = {"x": x, "x_hat": x_hat, "mean": mean, "var": var, "gamma": gamma, "eps": eps}
    return out, cache


def batchnorm_backward(dout, cache):
    """Gradients of a training-mode :func:`batchnorm_forward`, given ``dout`` ``(N, D)``.

    ``dgamma = sum over the batch of dout * x_hat`` and ``dbeta = sum of dout``. Every ``x``
    reaches the output through ``x_hat`` directly *and* through the batch mean and variance;
    collecting the three paths gives::

        dx = gamma / (N * sqrt(var + eps)) * (N * dout - sum(dout) - x_hat * sum(dout * x_hat))

    (sums over the batch axis). Returns ``(dx, dgamma, dbeta)`` with the shapes of ``x``,
    ``gamma`` and ``gamma``.
    """
    x_hat, gamma = cache["x_hat"], cache["gamma"]
    n = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx = gamma / (n * np.sqrt(cache["var"] + cache["eps"])) * (n * dout - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta
