"""Week 5: optimisation, batch norm, softmax and PyTorch.

PyTorch is imported only when a PyTorch check runs, so that importing :mod:`dlkit.checks` in
the NumPy weeks stays fast.
"""
import contextlib
import copy
import functools

import numpy as np

from dlkit.scratch import batchnorm, hyperparams, losses, optimizers
from dlkit.checks.registry import REGISTRY, FunctionSpec, compare, register
from dlkit.scratch import batching
from dlkit.scratch.gradcheck import numerical_gradient, relative_error


def _distinct_sizes(rng, count, low=2, high=8):
    return [int(n) for n in rng.choice(np.arange(low, high), size=count, replace=False)]


# --- parameter updates -----------------------------------------------------------------------

def _network(rng):
    """Parameters ``{"W1", "b1", ...}`` of a random 1- to 3-layer network, and gradients whose
    scale varies from case to case (tiny gradients make Adam's ``epsilon`` matter)."""
    sizes = _distinct_sizes(rng, int(rng.integers(2, 5)))
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


def _random_mini_batches_reference(X, Y, mini_batch_size=64, seed=0):
    # A tuple, not a list: the checker compares tuples element by element, batch by batch.
    return tuple(batching.random_mini_batches(X, Y, mini_batch_size, seed))


def _example_mini_batch_args(n_x, m, mini_batch_size, seed):
    rng = np.random.default_rng(m)
    return rng.normal(0, 1, (n_x, m)), rng.integers(0, 2, (1, m)), mini_batch_size, seed


register(FunctionSpec(
    key="week05.random_mini_batches",
    reference=_random_mini_batches_reference,
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
    examples=((1e-4, 1.0, 5, np.random.default_rng(0)),),
    random_args=lambda rng: (
        float(10 ** rng.uniform(-6, -1)),
        float(10 ** rng.uniform(0, 2)),
        int(rng.integers(1, 20)),
        np.random.default_rng(int(rng.integers(0, 2**31))),
    ),
))


# --- softmax cross-entropy ---------------------------------------------------------------------

def _softmax_problem(rng):
    n_classes, m = _distinct_sizes(rng, 2, 2, 9)
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
    n, d = _distinct_sizes(rng, 2, min_batch, 10)
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


def _running_statistics_match(function, args, actual):
    """The running averages ``function`` leaves in ``bn_param`` are the reference's."""
    x, gamma, beta, bn_param = args
    expected = copy.deepcopy(bn_param)
    batchnorm.batchnorm_forward(x.copy(), gamma.copy(), beta.copy(), expected)
    function(x, gamma, beta, bn_param)
    mode = bn_param.get("mode")
    for key in ("running_mean", "running_var"):
        problem = compare(expected[key], bn_param.get(key), f'bn_param["{key}"] after a call in "{mode}" mode',
                          REGISTRY["week05.batchnorm_forward"])
        if problem:
            return problem
    return None


register(FunctionSpec(
    key="week05.batchnorm_forward",
    reference=batchnorm.batchnorm_forward,
    examples=(_batchnorm_args(np.random.default_rng(5), "train"), _batchnorm_args(np.random.default_rng(6), "test")),
    random_args=_batchnorm_args,
    output_names=("out", "cache"),
    extra_checks=(_running_statistics_match,),
))


def _batchnorm_backward_args(rng):
    # Two examples always normalise to -1 and +1, which leaves dx almost zero: use three or more.
    x, gamma, beta, bn_param = _batchnorm_args(rng, "train", min_batch=3)
    out, cache = batchnorm.batchnorm_forward(x, gamma, beta, bn_param)
    return rng.normal(0, 1, out.shape), cache


def _gradients_match_finite_differences(function, args, actual):
    """``(dx, dgamma, dbeta)`` agree with centred differences of ``sum(out * dout)``."""
    dout, cache = args
    x, gamma, d = cache["x"], cache["gamma"], cache["x"].shape[1]
    beta = np.zeros(d)

    def cost(x_, gamma_, beta_):
        bn_param = {"mode": "train", "eps": cache["eps"], "running_mean": np.zeros(d), "running_var": np.ones(d)}
        return np.sum(batchnorm.batchnorm_forward(x_, gamma_, beta_, bn_param)[0] * dout)

    numeric = {
        "dx": numerical_gradient(lambda x_: cost(x_, gamma, beta), x),
        "dgamma": numerical_gradient(lambda g: cost(x, g, beta), gamma),
        "dbeta": numerical_gradient(lambda b: cost(x, gamma, b), beta),
    }
    for (name, estimate), analytic in zip(numeric.items(), actual):
        error = relative_error(analytic, estimate)
        # Where a gradient is nearly zero, its relative error is all rounding noise.
        if error > 1e-5 and np.max(np.abs(analytic - estimate)) > 1e-6:
            return f"{name} disagrees with a finite-difference estimate of the gradient (relative error {error:.2g})."
    return None


register(FunctionSpec(
    key="week05.batchnorm_backward",
    reference=batchnorm.batchnorm_backward,
    examples=(_batchnorm_backward_args(np.random.default_rng(7)),),
    random_args=_batchnorm_backward_args,
    output_names=("dx", "dgamma", "dbeta"),
    extra_checks=(_gradients_match_finite_differences,),
))


# --- PyTorch -----------------------------------------------------------------------------------

class _Lazily:
    """Examples built on first use: PyTorch is imported only when a PyTorch check runs."""

    def __init__(self, build):
        self.build = build

    def __iter__(self):
        return iter(self.build())


def _one_hot_reference(labels, num_classes):
    from dlkit.nets.classifier import one_hot

    return one_hot(labels, num_classes)


def _one_hot_args(rng):
    import torch

    num_classes = int(rng.integers(2, 9))
    return torch.as_tensor(rng.integers(0, num_classes, int(rng.integers(1, 12)))), num_classes




def _one_hot_examples():
    import torch

    # No label 4: the number of columns must come from num_classes, not from the labels.
    return ((torch.tensor([1, 0, 3]), 5),)


register(FunctionSpec(
    key="week05.one_hot",
    reference=_one_hot_reference,
    examples=_Lazily(_one_hot_examples),
    random_args=_one_hot_args,
))


@functools.cache
def _reference_classifier_class():
    from torch import nn

    from dlkit.nets.classifier import SoftmaxClassifier

    class ReferenceClassifier(SoftmaxClassifier):
        # The checker first compares what the student's class and this one build; any module
        # passes that step, and _same_model_as_reference then compares the two models.
        def __ne__(self, other):
            return not isinstance(other, nn.Module)

        def __repr__(self):
            return "an instance of a torch.nn.Module subclass"

    return ReferenceClassifier


def _softmax_classifier_reference(in_features, hidden, num_classes):
    return _reference_classifier_class()(in_features, hidden, num_classes)


def _same_model_as_reference(function, args, actual):
    """Built from the same seed, the student's model and the reference have parameters of the
    same shapes and compute the same logits."""
    import torch

    in_features = args[0]
    seed = int(np.prod(args)) % 10_000
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = function(*args)
        torch.manual_seed(seed)
        reference = _softmax_classifier_reference(*args)
        x = 2 * torch.randn(6, in_features)
    shapes = [tuple(p.shape) for p in model.parameters()]
    expected_shapes = [tuple(p.shape) for p in reference.parameters()]
    if shapes != expected_shapes:
        return (f"the model's parameters have shapes {shapes} (in the order the layers are created), "
                f"expected {expected_shapes}.")
    with torch.no_grad():
        expected = reference(x)
        try:
            logits = model(x)
        except NotImplementedError:
            return "`forward` is not implemented yet (it raised NotImplementedError)."
        except Exception as error:
            return f"the model's forward raised {type(error).__name__}: {error}"
    if torch.is_tensor(logits) and logits.shape == expected.shape and torch.allclose(logits.sum(dim=1), torch.ones(1)):
        return ("forward returns probabilities (each row sums to 1); it should return the logits, the scores "
                "before the softmax: nn.CrossEntropyLoss applies the softmax itself.")
    return compare(expected, logits, "the output of forward", REGISTRY["week05.SoftmaxClassifier"])


register(FunctionSpec(
    key="week05.SoftmaxClassifier",
    reference=_softmax_classifier_reference,
    examples=((3072, 25, 6),),
    random_args=lambda rng: tuple(_distinct_sizes(rng, 3, 2, 12)),
    rtol=1e-5,
    atol=1e-6,
    extra_checks=(_same_model_as_reference,),
))


@contextlib.contextmanager
def _one_torch_thread():
    """Run tiny models on one CPU thread: several threads only wait for each other on them,
    and much longer when other processes share the cores."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def _train_classifier_reference(model, loader, epochs, learning_rate, device):
    from dlkit.nets.training import train_classifier

    with _one_torch_thread():
        return train_classifier(model, loader, epochs, learning_rate, device)


def _training_args(rng):
    """A seeded two-layer model and a data loader whose last batch is smaller than the others."""
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset

    from dlkit.runtime.device import get_device

    n_features, hidden, n_classes = _distinct_sizes(rng, 3, 2, 8)
    batch_size = int(rng.integers(2, 7))
    n = batch_size * int(rng.integers(1, 3)) + int(rng.integers(1, batch_size))
    x = torch.as_tensor(rng.normal(0, 1, (n, n_features)), dtype=torch.float32)
    labels = torch.as_tensor(rng.integers(0, n_classes, n))
    model = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, n_classes))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(torch.as_tensor(rng.normal(0, 0.5, tuple(parameter.shape))))
    loader = DataLoader(TensorDataset(x, labels), batch_size=batch_size)
    return model, loader, int(rng.integers(2, 4)), float(10 ** rng.uniform(-2.5, -1)), get_device()


def _same_final_weights(function, args, actual):
    """After training, the student's model holds the same weights as the reference's."""
    reference_args = copy.deepcopy(args)
    _train_classifier_reference(*reference_args)
    with _one_torch_thread():
        function(*args)
    trained, expected = args[0].state_dict(), reference_args[0].state_dict()
    for name, value in expected.items():
        problem = compare(value, trained.get(name), f"the model's {name} after training",
                          REGISTRY["week05.train_classifier"])
        if problem:
            return problem
    return None


register(FunctionSpec(
    key="week05.train_classifier",
    reference=_train_classifier_reference,
    random_args=_training_args,
    rtol=1e-5,
    atol=1e-7,
    extra_checks=(_same_final_weights,),
))
