"""Week 6: convolution and pooling in NumPy (channels-last), then a ConvNet in PyTorch.

This module imports torch; the registry loads it only when a week-6 key is looked up.

Random cases cover stride > 1, padding > 0, non-square images and filters and several channels.
The backward passes are also checked against finite differences of the forward pass.
"""
import numpy as np
import torch
from torch import nn

from dlkit.checks.compare import leading_outputs, logits_not_probabilities, one_number
from dlkit.checks.properties import backward_disagrees
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec, ModuleCall, TrainingCall, module_case
from dlkit.nets.convnet import SignsConvNet
from dlkit.nets.training import training_step
from dlkit.scratch import conv

# The lecture's 6 x 6 image and its vertical-edge filter (the worked example).
EDGE_IMAGE = np.array([[3, 0, 1, 2, 7, 4], [1, 5, 8, 9, 3, 1], [2, 7, 2, 5, 1, 3],
                       [0, 1, 3, 1, 7, 8], [4, 2, 1, 6, 2, 8], [2, 4, 5, 2, 3, 9]], dtype=float)
VERTICAL_EDGE = np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]], dtype=float)


def _images(rng, min_side=1, max_side=7, max_channels=4):
    """``(m, n_H, n_W, n_C)`` random images, usually not square."""
    shape = (int(rng.integers(1, 4)), int(rng.integers(min_side, max_side + 1)), int(rng.integers(min_side, max_side + 1)),
             int(rng.integers(1, max_channels + 1)))
    return rng.normal(0, 1, shape)


register(FunctionSpec(
    key="week06.zero_pad",
    reference=conv.zero_pad,
    examples=((np.arange(8.0).reshape(1, 2, 2, 2), 1),),
    random_args=lambda rng: (_images(rng), int(rng.integers(0, 4))),
))


def _single_step_args(rng):
    shape = (int(rng.integers(1, 6)), int(rng.integers(1, 6)), int(rng.integers(1, 5)))
    return rng.normal(0, 1, shape), rng.normal(0, 1, shape), rng.normal(0, 1, (1, 1, 1))


register(FunctionSpec(
    key="week06.conv_single_step",
    reference=conv.conv_single_step,
    examples=((EDGE_IMAGE[:3, :3, None], VERTICAL_EDGE[:, :, None], np.zeros((1, 1, 1))),),
    random_args=_single_step_args,
    comparator=one_number,
))


def _conv_args(rng):
    """``(A_prev, W, b, hparameters)`` whose output has at least one row and column."""
    A_prev = _images(rng, min_side=2, max_side=8)
    pad, stride = int(rng.integers(0, 3)), int(rng.integers(1, 4))
    f_h = int(rng.integers(1, min(5, A_prev.shape[1] + 2 * pad) + 1))
    f_w = int(rng.integers(1, min(5, A_prev.shape[2] + 2 * pad) + 1))
    n_C = int(rng.integers(1, 5))
    W = rng.normal(0, 1, (f_h, f_w, A_prev.shape[3], n_C))
    return A_prev, W, rng.normal(0, 1, (1, 1, 1, n_C)), {"stride": stride, "pad": pad}


register(FunctionSpec(
    key="week06.conv_forward",
    reference=conv.conv_forward,
    examples=((EDGE_IMAGE[None, :, :, None], VERTICAL_EDGE[:, :, None, None], np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0}),),
    random_args=_conv_args,
    uses=("week06.zero_pad", "week06.conv_single_step"),
    comparator=leading_outputs("Z"),
    rtol=1e-6,
    atol=1e-9,
))


def _pool_args(rng, mode=None):
    A_prev = _images(rng, min_side=2, max_side=8)
    f = int(rng.integers(1, min(A_prev.shape[1:3]) + 1))
    mode = mode or ("max", "average")[int(rng.integers(0, 2))]
    return A_prev, {"f": f, "stride": int(rng.integers(1, 4))}, mode


def _three_channels(seed):
    return np.random.default_rng(seed).normal(0, 1, (2, 5, 6, 3))


register(FunctionSpec(
    key="week06.pool_forward",
    reference=conv.pool_forward,
    examples=lambda: ((EDGE_IMAGE[None, :, :, None], {"f": 2, "stride": 2}, "max"),
                      (EDGE_IMAGE[None, :, :, None], {"f": 3, "stride": 1}, "average"),
                      (_three_channels(1), {"f": 2, "stride": 1}, "max"),
                      (_three_channels(2), {"f": 3, "stride": 2}, "average")),
    random_args=_pool_args,
    comparator=leading_outputs("A"),
))


def _conv_backward_args(rng):
    Z, cache = conv.conv_forward(*_conv_args(rng))
    return rng.normal(0, 1, Z.shape), cache


def _conv_gradients_match_finite_differences(args, observed):
    dZ, (A_prev, W, b, hparameters) = args

    def forward(values):
        return conv.conv_forward(values["dA_prev"], values["dW"], values["db"], hparameters)[0]

    return backward_disagrees(forward, dZ, {"dA_prev": A_prev, "dW": W, "db": b},
                              dict(zip(("dA_prev", "dW", "db"), observed["result"])))


register(FunctionSpec(
    key="week06.conv_backward",
    reference=conv.conv_backward,
    examples=lambda: (_conv_backward_args(np.random.default_rng(6)),),
    random_args=_conv_backward_args,
    uses=("week06.zero_pad",),
    output_names=("dA_prev", "dW", "db"),
    properties=(_conv_gradients_match_finite_differences,),
    rtol=1e-6,
    atol=1e-9,
))


def _distinct_values(rng, shape):
    """Random values at least 0.01 apart: no ties, so each window has one maximum, and finite
    differences never move it."""
    size = int(np.prod(shape))
    return (rng.permutation(size) * 0.01 + rng.uniform(0, 0.002, size)).reshape(shape) - 0.005 * size


register(FunctionSpec(
    key="week06.create_mask_from_window",
    reference=conv.create_mask_from_window,
    examples=((np.array([[1.0, 3.0], [4.0, 2.0]]),),),
    random_args=lambda rng: (_distinct_values(rng, (int(rng.integers(1, 5)), int(rng.integers(1, 5)))),),
))

register(FunctionSpec(
    key="week06.distribute_value",
    reference=conv.distribute_value,
    examples=((2.0, (2, 2)),),
    random_args=lambda rng: (float(rng.normal(0, 3)), (int(rng.integers(1, 5)), int(rng.integers(1, 5)))),
))


def _pool_backward_args(rng, hparameters=None, mode=None):
    A_prev, random_hparameters, random_mode = _pool_args(rng)
    if hparameters:
        A_prev = rng.normal(0, 1, (2, 5, 6, 3))
    A_prev = _distinct_values(rng, A_prev.shape)
    A, cache = conv.pool_forward(A_prev, hparameters or random_hparameters, mode or random_mode)
    return rng.normal(0, 1, A.shape), cache, mode or random_mode


def _pool_gradient_matches_finite_differences(args, observed):
    dA, (A_prev, hparameters), mode = args
    return backward_disagrees(lambda values: conv.pool_forward(values["dA_prev"], hparameters, mode)[0], dA,
                              {"dA_prev": A_prev}, {"dA_prev": observed["result"]})


register(FunctionSpec(
    key="week06.pool_backward",
    reference=conv.pool_backward,
    # Overlapping windows (stride < f) in both modes, several channels.
    examples=lambda: (_pool_backward_args(np.random.default_rng(8), {"f": 3, "stride": 1}, "max"),
                      _pool_backward_args(np.random.default_rng(9), {"f": 2, "stride": 1}, "average")),
    random_args=_pool_backward_args,
    uses=("week06.create_mask_from_window", "week06.distribute_value"),
    properties=(_pool_gradient_matches_finite_differences,),
))


# --- PyTorch -----------------------------------------------------------------------------------

def _convnet_case(rng, in_channels=3, num_classes=6):
    images = rng.normal(0, 1, (int(rng.integers(1, 4)), in_channels, 32, 32))
    return module_case(SignsConvNet, (in_channels, num_classes), [images], rng)


register(FunctionSpec(
    key="week06.SignsConvNet",
    reference=SignsConvNet,
    call=ModuleCall(),
    examples=lambda: (_convnet_case(np.random.default_rng(0)),),
    random_args=lambda rng: _convnet_case(rng, int(rng.integers(1, 4)), int(rng.integers(2, 9))),
    comparator=logits_not_probabilities,
    rtol=1e-4,
    atol=1e-4,
))


def _step_args(rng):
    """Weights of a two-layer model, the gradients an earlier step left in it, a batch and a
    learning rate."""
    n_features, hidden, n_classes = distinct_sizes(rng, 3, 2, 8)
    shapes = ((hidden, n_features), (hidden,), (n_classes, hidden), (n_classes,))
    weights = [rng.normal(0, 0.5, shape).astype(np.float32) for shape in shapes]
    stale = [rng.normal(0, 1, shape).astype(np.float32) for shape in shapes]
    n = int(rng.integers(2, 9))
    x = torch.as_tensor(rng.normal(0, 1, (n, n_features)), dtype=torch.float32)
    return weights, stale, x, torch.as_tensor(rng.integers(0, n_classes, n)), float(10 ** rng.uniform(-2, -0.5))


def _step_call(weights, stale, x, labels, learning_rate):
    """``(model, x, labels, optimizer)`` with gradients left over in the model, and the model."""
    (hidden, n_features), (n_classes, _) = weights[0].shape, weights[2].shape
    model = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, n_classes))
    for parameter, value, gradient in zip(model.parameters(), weights, stale):
        with torch.no_grad():
            parameter.copy_(torch.as_tensor(value))
        parameter.grad = torch.as_tensor(gradient).clone()
    return (model, x, labels, torch.optim.SGD(model.parameters(), lr=learning_rate)), model


register(FunctionSpec(
    key="week06.training_step",
    reference=training_step,
    call=TrainingCall(_step_call),
    random_args=_step_args,
    comparator=one_number,
    rtol=1e-5,
    atol=1e-6,
))
