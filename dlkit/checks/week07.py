"""Week 7: classic networks, ResNets and Inception.

The size and cost checks use the lectures' networks as worked examples (LeNet-5 61,706
parameters, AlexNet 62,378,344, VGG-16 138,357,544; the 1x1-bottleneck example) and random
stacks of layers.
"""
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec
from dlkit.scratch import architectures


def _conv_args(rng):
    """``(input_shape, n_filters, f, stride, pad)`` whose output has at least one row and column."""
    pad, stride = int(rng.integers(0, 4)), int(rng.integers(1, 5))
    n_H, n_W = int(rng.integers(1, 65)), int(rng.integers(1, 65))
    f = int(rng.integers(1, min(n_H, n_W) + 2 * pad + 1))
    return (n_H, n_W, int(rng.integers(1, 513))), int(rng.integers(1, 513)), f, stride, pad


def _network_args(rng):
    """A random stack of convolution and pooling layers, then one to three fully connected ones."""
    input_shape = (int(rng.integers(8, 129)), int(rng.integers(8, 129)), int(rng.integers(1, 4)))
    shape, layers = input_shape, []
    for _ in range(int(rng.integers(1, 7))):
        if rng.random() < 0.6:
            pad, stride = int(rng.integers(0, 3)), int(rng.integers(1, 3))
            layer = ("conv", int(rng.integers(1, 65)), int(rng.integers(1, min(min(shape[:2]) + 2 * pad, 7) + 1)), stride, pad)
        elif min(shape[:2]) >= 2:
            layer = ("pool", 2, 2)
        else:
            continue
        layers.append(layer)
        shape = architectures.layer_shapes(shape, [layer])[0][1]
    layers += [("fc", int(rng.integers(1, 257))) for _ in range(int(rng.integers(1, 4)))]
    return input_shape, tuple(layers)


register(FunctionSpec(
    key="week07.conv_output_shape",
    reference=architectures.conv_output_shape,
    examples=(((6, 6, 1), 1, 3, 1, 0), ((7, 7, 3), 16, 3, 2, 0), ((28, 28, 192), 32, 5, 1, 2)),
    random_args=_conv_args,
    exact_dtype=False,
))

register(FunctionSpec(
    key="week07.count_params",
    reference=architectures.count_params,
    examples=(architectures.LENET5, architectures.ALEXNET, architectures.VGG16),
    random_args=_network_args,
    uses=("week07.conv_output_shape",),
    exact_dtype=False,
))

register(FunctionSpec(
    key="week07.conv_mult_count",
    reference=architectures.conv_mult_count,
    # The lecture's 5x5 "same" convolution from 28x28x192 to 32 channels, and its 1x1 bottleneck.
    examples=(((28, 28, 192), 32, 5, 1, 2), ((28, 28, 192), 16, 1, 1, 0), ((28, 28, 16), 32, 5, 1, 2)),
    random_args=_conv_args,
    uses=("week07.conv_output_shape",),
    exact_dtype=False,
))
