"""The classic networks' sizes agree with the same networks built in PyTorch."""
import pytest
import torch
from torch import nn

from dlkit.scratch.architectures import ALEXNET, LENET5, VGG16, count_params, layer_shapes


def built_in_torch(input_shape, layers):
    """The network as ``nn.Module`` layers (channels first), for counting its parameters."""
    modules, channels = [], input_shape[2]
    for layer, shape, _ in layer_shapes(input_shape, layers):
        if layer[0] == "conv":
            _, n_filters, f, stride, pad = layer
            modules.append(nn.Conv2d(channels, n_filters, f, stride, pad))
            channels = n_filters
        elif layer[0] == "pool":
            modules.append(nn.MaxPool2d(layer[1], layer[2]))
        else:
            modules += [nn.Flatten(), nn.LazyLinear(layer[1])]
    return nn.Sequential(*modules)


@pytest.mark.parametrize("network, expected", [(LENET5, 61_706), (ALEXNET, 62_378_344), (VGG16, 138_357_544)])
def test_counts_match_pytorch(network, expected):
    input_shape, layers = network
    model = built_in_torch(input_shape, layers)
    output = model(torch.zeros(1, input_shape[2], input_shape[0], input_shape[1]))  # materialises the lazy layers
    assert output.shape == (1, layers[-1][1])
    assert count_params(input_shape, layers) == sum(p.numel() for p in model.parameters()) == expected


def test_vgg16_has_13_convolutions_and_3_fully_connected_layers():
    kinds = [layer[0] for layer in VGG16[1]]
    assert kinds.count("conv") == 13 and kinds.count("fc") == 3 and kinds.count("pool") == 5
