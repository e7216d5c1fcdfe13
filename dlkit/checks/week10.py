"""Week 10: neural style transfer.

The costs are checked on random activations (never square, so that height and width cannot be
mixed up); ``train_step`` on a small :class:`FeatureNet` built in the kernel from the case's
weights, with gradients an earlier step left in the image, observing the cost it returns and
the image after the step.

This module imports torch; the registry loads it only when a week-10 key is looked up.
"""
import numpy as np
import torch

from dlkit.checks.compare import one_number
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec, TrainingCall, random_weights, with_weights
from dlkit.nets import style

SMALL_NET = {"num_classes": 2, "widths": (2, 3, 4)}
SMALL_STYLE_LAYERS = ("conv1_1", "conv2_1", "conv3_1")


def _activation(rng, n_C=None, n_H=None, n_W=None):
    n_H, n_W = (n_H, n_W) if n_H else distinct_sizes(rng, 2, 1, 7)
    return torch.as_tensor(np.abs(rng.normal(0, 1, (1, n_C or int(rng.integers(1, 6)), n_H, n_W))), dtype=torch.float32)


def _pair(rng):
    a = _activation(rng)
    return a, _activation(rng, *a.shape[1:])


register(FunctionSpec(
    key="week10.compute_content_cost",
    reference=style.compute_content_cost,
    random_args=_pair,
    rtol=1e-5,
    atol=1e-7,
))

register(FunctionSpec(
    key="week10.gram_matrix",
    reference=style.gram_matrix,
    examples=lambda: ((torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 4.0]]),),),
    random_args=lambda rng: (torch.as_tensor(rng.normal(0, 1, tuple(distinct_sizes(rng, 2, 1, 9))), dtype=torch.float32),),
    rtol=1e-5,
    atol=1e-6,
))

register(FunctionSpec(
    key="week10.compute_layer_style_cost",
    reference=style.compute_layer_style_cost,
    random_args=_pair,
    uses=("week10.gram_matrix",),
    rtol=1e-5,
    atol=1e-8,
))


def _style_args(rng):
    pairs = [_pair(rng) for _ in range(int(rng.integers(1, 5)))]
    weights = [float(w) for w in rng.dirichlet(np.ones(len(pairs)))]
    return [s for s, _ in pairs], [g for _, g in pairs], weights


register(FunctionSpec(
    key="week10.compute_style_cost",
    reference=style.compute_style_cost,
    random_args=_style_args,
    uses=("week10.compute_layer_style_cost",),
    rtol=1e-5,
    atol=1e-8,
))

register(FunctionSpec(
    key="week10.total_cost",
    reference=style.total_cost,
    examples=((1.5, 0.25), (torch.tensor(2.0), torch.tensor(3.0))),
    random_args=lambda rng: (float(rng.uniform(0, 5)), float(rng.uniform(0, 5)), float(rng.uniform(1, 50)), float(rng.uniform(1, 50))),
))


def _small_feature_net():
    return style.FeatureNet(**SMALL_NET)


def _small_net(weights):
    """The small network's ``model_outputs``: activations of its style layers, then its content layer."""
    return style.model_outputs_of(with_weights(_small_feature_net, weights), [(name, 1.0) for name in SMALL_STYLE_LAYERS])


def _step_args(rng):
    """A generated image with stale gradients, a learning rate, the small network's weights,
    the targets from random content and style images, the style weights, alpha and beta."""
    height, width = distinct_sizes(rng, 2, 4, 13)
    weights = random_weights(_small_feature_net, rng, 0.5)
    outputs = _small_net(weights)
    content, style_image = (torch.as_tensor(rng.random((1, 3, height, width)), dtype=torch.float32) for _ in range(2))
    with torch.no_grad():
        a_C, a_S = outputs(content)[-1], outputs(style_image)[:-1]
    image = rng.random((1, 3, height, width)).astype(np.float32)
    stale = rng.normal(0, 1, image.shape).astype(np.float32)
    style_weights = [float(w) for w in rng.dirichlet(np.ones(len(SMALL_STYLE_LAYERS)))]
    return (image, stale, float(rng.uniform(0.05, 0.3)), weights, a_C, list(a_S), style_weights,
            float(rng.uniform(1, 20)), float(rng.uniform(10, 1000)))


def _step_call(image, stale, learning_rate, weights, a_C, a_S, style_weights, alpha, beta):
    """``train_step``'s arguments, and what to observe afterwards: the generated image."""
    generated = torch.nn.Parameter(torch.as_tensor(image))
    generated.grad = torch.as_tensor(stale)
    optimizer = torch.optim.SGD([generated], lr=learning_rate)
    holder = torch.nn.ParameterList([generated])
    return (generated, optimizer, _small_net(weights), a_C, a_S, style_weights, alpha, beta), holder


register(FunctionSpec(
    key="week10.train_step",
    reference=style.train_step,
    call=TrainingCall(_step_call),
    random_args=_step_args,
    uses=("week10.compute_content_cost", "week10.compute_style_cost", "week10.total_cost"),
    comparator=one_number,  # the cost as a float or as a tensor holding it
    rtol=1e-4,
    atol=1e-6,
))
