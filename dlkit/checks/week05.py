"""Week 5: optimisation, batch norm, softmax and PyTorch.

This module imports torch; the registry loads it only when a week-5 key is looked up, so the
NumPy weeks never pay for it.
"""
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from dlkit.checks.compare import logits_not_probabilities
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.properties import backward_disagrees
from dlkit.checks.registry import register
from dlkit.checks.spec import ArgumentsAfter, FunctionSpec, ModuleCall, Returns, TrainingCall, module_case
from dlkit.nets.classifier import SoftmaxClassifier, one_hot
from dlkit.nets.training import train_classifier
from dlkit.runtime.device import get_device
from dlkit.scratch import batching, batchnorm, hyperparams, losses, optimizers


# --- parameter updates -----------------------------------------------------------------------

def _network(rng):
    """Parameters ``{"W1", "b1", ...}`` of a random 1- to 3-layer network, and gradients whose
    scale varies from case to case (tiny gradients make Adam's ``epsilon`` matter)."""
    sizes = distinct_sizes(rng, int(rng.integers(2, 5)), 2, 8)
    scale = 10 ** rng.uniform(-5, 0)
    parameters, grads = {}, {}
    for l in range(1, len(sizes)):
        shape_W, shape_b = (sizes[l], sizes[l - 1]), (sizes[l], 1)
        parameters[f"W{l}"], parameters[f"b{l}"] = rng.normal(0, 1, shape_W), rng.normal(0, 1, shape_b)
        grads[f"dW{l}"], grads[f"db{l}"] = rng.normal(0, scale, shape_W), rng.normal(0, scale, shape_b)
    return parameters, grads, scale


def _moving_averages(rng, parameters, scale, squared=False):
    averages = {}
    for name, value in parameters.items():
        draw = rng.normal(0, scale, value.shape)
        averages["d" + name] = draw**2 if squared else draw
    return averages


def _gd_args(rng):
    parameters, grads, _ = _network(rng)
    return parameters, grads, float(10 ** rng.uniform(-3, 0))


def _momentum_args(rng):
    parameters, grads, scale = _network(rng)
    v = _moving_averages(rng, parameters, scale)
    return parameters, grads, v, float(rng.uniform(0.5, 0.99)), float(10 ** rng.uniform(-3, 0))


def _adam_args(rng):
    parameters, grads, scale = _network(rng)
    t = int(rng.integers(1, 12))
    if t == 1:
        v, s = optimizers.initialize_adam(parameters)
    else:
        v, s = _moving_averages(rng, parameters, scale), _moving_averages(rng, parameters, scale, squared=True)
    return (parameters, grads, v, s, t, float(10 ** rng.uniform(-3, -1)), float(rng.uniform(0.8, 0.95)),
            float(rng.uniform(0.95, 0.9999)), float(10 ** rng.uniform(-8, -3)))


# The numbers of the lectures' one-parameter example: W = 1, dW = 0.5, learning rate 0.01.
_ONE_WEIGHT = ({"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}, {"dW1": np.array([[0.5]]), "db1": np.array([[0.0]])})

register(FunctionSpec(
    key="week05.update_parameters_with_gd",
    reference=optimizers.update_parameters_with_gd,
    examples=(_ONE_WEIGHT + (0.01,),),
    random_args=_gd_args,
))

register(FunctionSpec(
    key="week05.initialize_velocity",
    reference=optimizers.initialize_velocity,
    random_args=lambda rng: (_network(rng)[0],),
))

register(FunctionSpec(
    key="week05.update_parameters_with_momentum",
    reference=optimizers.update_parameters_with_momentum,
    examples=(_ONE_WEIGHT + (optimizers.initialize_velocity(_ONE_WEIGHT[0]), 0.9, 0.01),),
    random_args=_momentum_args,
    output_names=("parameters", "v"),
))

register(FunctionSpec(
    key="week05.initialize_adam",
    reference=optimizers.initialize_adam,
    random_args=lambda rng: (_network(rng)[0],),
    output_names=("v", "s"),
))

register(FunctionSpec(
    key="week05.update_parameters_with_adam",
    reference=optimizers.update_parameters_with_adam,
    examples=(_ONE_WEIGHT + optimizers.initialize_adam(_ONE_WEIGHT[0]) + (1, 0.01),),
    random_args=_adam_args,
    output_names=("parameters", "v", "s", "v_corrected", "s_corrected"),
))


# --- mini-batches and learning-rate schedules --------------------------------------------------

def _mini_batch_args(rng):
    n_x = int(rng.integers(1, 5))
    mini_batch_size = int(rng.integers(2, 40))
    if rng.random() < 0.3:
        m = mini_batch_size * int(rng.integers(1, 5))  # no remainder: no extra, empty batch
    else:
        m = int(rng.integers(mini_batch_size + 1, 5 * mini_batch_size))
    X = rng.normal(0, 1, (n_x, m))
    Y = rng.integers(0, 2, (1, m))
    return X, Y, mini_batch_size, int(rng.integers(0, 10_000))


def _example_mini_batch_args(n_x, m, mini_batch_size, seed):
    rng = np.random.default_rng(m)
    return rng.normal(0, 1, (n_x, m)), rng.integers(0, 2, (1, m)), mini_batch_size, seed


register(FunctionSpec(
    key="week05.random_mini_batches",
    reference=batching.random_mini_batches,
    examples=(_example_mini_batch_args(2, 148, 64, 0), _example_mini_batch_args(3, 12, 4, 1)),
    random_args=_mini_batch_args,
    seed_global_rng=True,
))

register(FunctionSpec(
    key="week05.update_lr",
    reference=hyperparams.update_lr,
    examples=((0.5, 2, 1.0), (0.1, 0, 0.3)),
    random_args=lambda rng: (float(10 ** rng.uniform(-3, 0)), int(rng.integers(1, 500)), float(rng.uniform(0.01, 2))),
))


def _schedule_args(rng):
    interval = int(rng.integers(10, 500))
    epoch_num = int(rng.integers(interval + 1, 20 * interval))
    return float(10 ** rng.uniform(-3, 0)), epoch_num, float(rng.uniform(0.1, 2)), interval


register(FunctionSpec(
    key="week05.schedule_lr_decay",
    reference=hyperparams.schedule_lr_decay,
    # 1500 / 1000 rounds down to 1 but rounds to 2; after 999 epochs the rate has not dropped yet.
    examples=((0.5, 1500, 0.3, 1000), (0.1, 999, 1.0, 1000), (0.1, 2000, 1.0)),
    random_args=_schedule_args,
))

register(FunctionSpec(
    key="week05.sample_log_uniform",
    reference=hyperparams.sample_log_uniform,
    # The generator is made from the case's seed just before the call: the same draws for both.
    call=Returns(prepare=lambda low, high, size, seed: (low, high, size, np.random.default_rng(seed))),
    examples=((1e-4, 1.0, 5, 0),),
    random_args=lambda rng: (
        float(10 ** rng.uniform(-6, -1)),
        float(10 ** rng.uniform(0, 2)),
        int(rng.integers(1, 20)),
        int(rng.integers(0, 2**31)),
    ),
))


# --- softmax cross-entropy ---------------------------------------------------------------------

def _softmax_problem(rng):
    n_classes, m = distinct_sizes(rng, 2, 2, 9)
    scores = rng.normal(0, 2, (n_classes, m))
    yhat = np.exp(scores) / np.exp(scores).sum(axis=0, keepdims=True)
    y = np.eye(n_classes)[:, rng.integers(0, n_classes, m)]
    return yhat, y


register(FunctionSpec(
    key="week05.softmax_cross_entropy",
    reference=losses.softmax_cross_entropy,
    examples=((np.array([[0.3], [0.2], [0.1], [0.4]]), np.array([[0.0], [1.0], [0.0], [0.0]])),),
    random_args=_softmax_problem,
))


# --- batch normalisation -------------------------------------------------------------------------

def _batchnorm_args(rng, mode=None, min_batch=2):
    n, d = distinct_sizes(rng, 2, min_batch, 10)
    x = rng.normal(rng.normal(0, 3, d), rng.uniform(0.5, 3, d), (n, d))
    gamma, beta = rng.normal(1, 0.5, d), rng.normal(0, 1, d)
    bn_param = {
        "mode": mode or ("train" if rng.random() < 0.6 else "test"),
        "eps": float(10 ** rng.uniform(-5, -1)),
        "momentum": float(rng.uniform(0.5, 0.99)),
        "running_mean": rng.normal(0, 2, d),
        "running_var": rng.uniform(0.2, 4, d),
    }
    return x, gamma, beta, bn_param


register(FunctionSpec(
    key="week05.batchnorm_forward",
    reference=batchnorm.batchnorm_forward,
    examples=lambda: (_batchnorm_args(np.random.default_rng(5), "train"), _batchnorm_args(np.random.default_rng(6), "test")),
    random_args=_batchnorm_args,
    # The running averages are updated in the bn_param dict the caller passes.
    call=ArgumentsAfter(bn_param=3),
    output_names=("out", "cache"),
))


def _batchnorm_backward_args(rng):
    # Two examples always normalise to -1 and +1, which leaves dx almost zero: use three or more.
    x, gamma, beta, bn_param = _batchnorm_args(rng, "train", min_batch=3)
    out, cache = batchnorm.batchnorm_forward(x, gamma, beta, bn_param)
    return rng.normal(0, 1, out.shape), cache


def _gradients_match_finite_differences(args, observed):
    """``(dx, dgamma, dbeta)`` agree with centred differences of ``sum(out * dout)``."""
    dout, cache = args
    d = cache["x"].shape[1]

    def forward(values):
        bn_param = {"mode": "train", "eps": cache["eps"], "running_mean": np.zeros(d), "running_var": np.ones(d)}
        return batchnorm.batchnorm_forward(values["dx"], values["dgamma"], values["dbeta"], bn_param)[0]

    # Where a gradient is nearly zero, its relative error is all rounding noise: hence atol.
    return backward_disagrees(forward, dout, {"dx": cache["x"], "dgamma": cache["gamma"], "dbeta": np.zeros(d)},
                              dict(zip(("dx", "dgamma", "dbeta"), observed["result"])))


register(FunctionSpec(
    key="week05.batchnorm_backward",
    reference=batchnorm.batchnorm_backward,
    examples=lambda: (_batchnorm_backward_args(np.random.default_rng(7)),),
    random_args=_batchnorm_backward_args,
    output_names=("dx", "dgamma", "dbeta"),
    properties=(_gradients_match_finite_differences,),
))


# --- PyTorch -----------------------------------------------------------------------------------

def _one_hot_args(rng):
    num_classes = int(rng.integers(2, 9))
    return torch.as_tensor(rng.integers(0, num_classes, int(rng.integers(1, 12)))), num_classes


register(FunctionSpec(
    key="week05.one_hot",
    reference=one_hot,
    # No label 4: the number of columns must come from num_classes, not from the labels.
    examples=lambda: ((torch.tensor([1, 0, 3]), 5),),
    random_args=_one_hot_args,
))


def _classifier_case(rng, in_features, hidden, num_classes):
    return module_case(SoftmaxClassifier, (in_features, hidden, num_classes),
                       [2 * rng.normal(0, 1, (int(rng.integers(2, 7)), in_features))], rng)


register(FunctionSpec(
    key="week05.SoftmaxClassifier",
    reference=SoftmaxClassifier,
    call=ModuleCall(),
    examples=lambda: (_classifier_case(np.random.default_rng(0), 3072, 25, 6),),
    random_args=lambda rng: _classifier_case(rng, *distinct_sizes(rng, 3, 2, 12)),
    comparator=logits_not_probabilities,
    rtol=1e-5,
    atol=1e-6,
))


def _training_args(rng):
    """Weights of a two-layer model, and data whose last batch is smaller than the others."""
    n_features, hidden, n_classes = distinct_sizes(rng, 3, 2, 8)
    batch_size = int(rng.integers(2, 7))
    n = batch_size * int(rng.integers(1, 3)) + int(rng.integers(1, batch_size))
    weights = [rng.normal(0, 0.5, shape).astype(np.float32)
               for shape in ((hidden, n_features), (hidden,), (n_classes, hidden), (n_classes,))]
    x = torch.as_tensor(rng.normal(0, 1, (n, n_features)), dtype=torch.float32)
    labels = torch.as_tensor(rng.integers(0, n_classes, n))
    return weights, x, labels, batch_size, int(rng.integers(2, 4)), float(10 ** rng.uniform(-2.5, -1))


def _training_call(weights, x, labels, batch_size, epochs, learning_rate):
    """``(model, loader, epochs, learning_rate, device)`` from the case's data, and the model."""
    (hidden, n_features), (n_classes, _) = weights[0].shape, weights[2].shape
    model = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, n_classes))
    with torch.no_grad():
        for parameter, value in zip(model.parameters(), weights):
            parameter.copy_(torch.as_tensor(value))
    loader = DataLoader(TensorDataset(x, labels), batch_size=batch_size)
    return (model, loader, epochs, learning_rate, get_device()), model


register(FunctionSpec(
    key="week05.train_classifier",
    reference=train_classifier,
    call=TrainingCall(_training_call),
    random_args=_training_args,
    rtol=1e-5,
    atol=1e-7,
))
