"""Week 7: classic networks, ResNets, Inception and data augmentation.

The size and cost checks use the lectures' networks as worked examples (LeNet-5 61,706
parameters, AlexNet 62,378,344, VGG-16 138,357,544; the 1x1-bottleneck example) and random
stacks of layers. The residual blocks, the ResNet and the Inception module are checked as
modules, in training mode (batch norm uses the batch's statistics), gradients through the
shortcut included; the ResNet is checked with the reference blocks standing in for the
student's, so that a mistake in a block costs only the block's points. The augmentations are
checked with given per-image parameters.

This module imports torch; the registry loads it only when a week-7 key is looked up.
"""
import numpy as np
import torch

from dlkit.checks.compare import logits_not_probabilities
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec, ModuleCall, module_case
from dlkit.data import augment
from dlkit.nets.resnet import ConvolutionalBlock, IdentityBlock, InceptionModule, ResNet
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


# --- residual blocks ---------------------------------------------------------------------------

def _feature_maps(rng, channels):
    """A batch ``(N, channels, H, W)`` with at least two examples (batch norm needs them)."""
    return rng.normal(0, 1, (int(rng.integers(2, 4)), channels, int(rng.integers(3, 9)), int(rng.integers(3, 9))))


def _identity_case(rng, channels=None, filters=None, f=None):
    channels = channels or int(rng.integers(2, 9))
    filters = filters or (*distinct_sizes(rng, 2, 1, 6), channels)
    f = f or int(rng.choice([1, 3, 5]))
    return module_case(IdentityBlock, (channels, tuple(filters), f), [_feature_maps(rng, channels)], rng)


def _convolutional_case(rng, in_channels=None, filters=None, f=None, s=None):
    in_channels = in_channels or int(rng.integers(2, 9))
    filters = filters or tuple(distinct_sizes(rng, 3, 1, 9))
    f = f or int(rng.choice([1, 3, 5]))
    s = s or int(rng.integers(1, 4))
    return module_case(ConvolutionalBlock, (in_channels, tuple(filters), f, s), [_feature_maps(rng, in_channels)], rng)


register(FunctionSpec(
    key="week07.IdentityBlock",
    reference=IdentityBlock,
    call=ModuleCall(),
    examples=lambda: (_identity_case(np.random.default_rng(0), 8, (2, 4, 8), 3),),
    random_args=_identity_case,
    rtol=1e-4,
    atol=1e-4,
))

register(FunctionSpec(
    key="week07.ConvolutionalBlock",
    reference=ConvolutionalBlock,
    call=ModuleCall(),
    examples=lambda: (_convolutional_case(np.random.default_rng(1), 4, (2, 3, 8), 3, 2),),
    random_args=_convolutional_case,
    rtol=1e-4,
    atol=1e-4,
))


# --- a small ResNet and the Inception module ------------------------------------------------

def _resnet_case(rng, in_channels=None, num_classes=None, stem_channels=None, stages=None):
    """A ResNet whose last feature maps are still at least 2 x 2 (batch norm over fewer values
    per channel is too ill-conditioned to compare gradients)."""
    in_channels = in_channels or int(rng.integers(1, 4))
    num_classes = num_classes or int(rng.integers(2, 7))
    stem_channels = stem_channels or int(rng.integers(2, 7))
    stages = stages or tuple((tuple(distinct_sizes(rng, 3, 1, 9)), int(rng.integers(1, 3)), int(rng.integers(1, 3)))
                             for _ in range(int(rng.integers(1, 4))))
    smallest = 4 * 2 ** sum(stride == 2 for _, _, stride in stages)
    images = rng.normal(0, 1, (int(rng.integers(2, 4)), in_channels,
                               int(rng.integers(smallest, smallest + 5)), int(rng.integers(smallest, smallest + 5))))
    return module_case(ResNet, (in_channels, num_classes, stem_channels, stages), [images], rng)


register(FunctionSpec(
    key="week07.ResNet",
    reference=ResNet,
    call=ModuleCall(),
    examples=lambda: (_resnet_case(np.random.default_rng(2), 3, 6, 4, (((2, 2, 8), 2, 1), ((4, 4, 16), 2, 2))),),
    random_args=_resnet_case,
    uses=("week07.IdentityBlock", "week07.ConvolutionalBlock"),
    comparator=logits_not_probabilities,
    rtol=1e-4,
    atol=1e-4,
))


def _inception_case(rng, in_channels=None, c1=None, c3=None, c5=None, pool_proj=None):
    in_channels = in_channels or int(rng.integers(1, 7))
    c1 = c1 or int(rng.integers(1, 6))
    c3 = c3 or tuple(distinct_sizes(rng, 2, 1, 6))
    c5 = c5 or tuple(distinct_sizes(rng, 2, 1, 6))
    pool_proj = pool_proj or int(rng.integers(1, 6))
    images = rng.normal(0, 1, (int(rng.integers(1, 4)), in_channels, int(rng.integers(3, 10)), int(rng.integers(3, 10))))
    return module_case(InceptionModule, (in_channels, c1, c3, c5, pool_proj), [images], rng)


register(FunctionSpec(
    key="week07.InceptionModule",
    reference=InceptionModule,
    call=ModuleCall(),
    examples=lambda: (_inception_case(np.random.default_rng(3), 6, 4, (3, 5), (2, 3), 2),),
    random_args=_inception_case,
    rtol=1e-4,
    atol=1e-4,
))


# --- data augmentation ----------------------------------------------------------------------

def _images(rng, channels=None):
    """A batch ``(N, C, H, W)`` of float32 images in ``[0, 1]``, never square (a transposed image
    would not fit)."""
    height, width = distinct_sizes(rng, 2, 2, 10)
    shape = (int(rng.integers(1, 6)), channels or int(rng.integers(1, 4)), height, width)
    return torch.as_tensor(rng.random(shape), dtype=torch.float32)


def _flip_args(rng):
    images = _images(rng)
    flip = torch.as_tensor(rng.random(images.shape[0]) < 0.5)
    flip[0] = True
    return images, flip


def _crop_args(rng):
    images = _images(rng)
    padding = int(rng.integers(1, 5))
    top, left = (torch.as_tensor(rng.integers(0, 2 * padding + 1, images.shape[0])) for _ in range(2))
    return images, padding, top, left


def _jitter_args(rng):
    images = _images(rng, channels=3)
    factors = (torch.as_tensor(rng.uniform(0.4, 1.6, images.shape[0]), dtype=torch.float32) for _ in range(3))
    return (images, *factors)


register(FunctionSpec(
    key="week07.horizontal_flip",
    reference=augment.horizontal_flip,
    examples=lambda: ((torch.arange(12, dtype=torch.float32).reshape(2, 1, 2, 3), torch.tensor([True, False])),),
    random_args=_flip_args,
))

register(FunctionSpec(
    key="week07.pad_and_crop",
    reference=augment.pad_and_crop,
    examples=lambda: ((torch.arange(1, 10, dtype=torch.float32).reshape(1, 1, 3, 3), 1, torch.tensor([0]), torch.tensor([2])),),
    random_args=_crop_args,
))

register(FunctionSpec(
    key="week07.color_jitter",
    reference=augment.color_jitter,
    examples=lambda: ((torch.tensor([[[[0.2, 0.9]], [[0.5, 0.1]], [[0.7, 0.4]]]]),
                       torch.tensor([1.2]), torch.tensor([0.8]), torch.tensor([1.5])),),
    random_args=_jitter_args,
    rtol=1e-5,
    atol=1e-6,
))
