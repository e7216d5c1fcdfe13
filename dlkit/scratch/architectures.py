"""Sizes and costs of classic convolutional networks, computed from their layer lists (week 7).

A network is an input shape ``(n_H, n_W, n_C)`` and a list of layers, each a tuple:

- ``("conv", n_filters, f, stride, pad)``: ``n_filters`` filters ``f x f`` over every input
  channel, each with a bias;
- ``("pool", f, stride)``: max or average pooling, no parameters;
- ``("fc", units)``: a fully connected layer with biases (the first one flattens its input).

Each convolution or pooling output side is ``floor((n + 2 pad - f) / stride) + 1``.
"""
from dlkit.scratch.conv import output_size

LENET5 = ((32, 32, 1), (("conv", 6, 5, 1, 0), ("pool", 2, 2), ("conv", 16, 5, 1, 0), ("pool", 2, 2),
                        ("fc", 120), ("fc", 84), ("fc", 10)))
ALEXNET = ((227, 227, 3), (("conv", 96, 11, 4, 0), ("pool", 3, 2), ("conv", 256, 5, 1, 2), ("pool", 3, 2),
                           ("conv", 384, 3, 1, 1), ("conv", 384, 3, 1, 1), ("conv", 256, 3, 1, 1), ("pool", 3, 2),
                           ("fc", 4096), ("fc", 4096), ("fc", 1000)))
VGG16 = ((224, 224, 3), tuple(
    layer
    for n_filters, n_convs in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
    for layer in (*(("conv", n_filters, 3, 1, 1),) * n_convs, ("pool", 2, 2))
) + (("fc", 4096), ("fc", 4096), ("fc", 1000)))


def conv_output_shape(input_shape, n_filters, f, stride=1, pad=0):
    """Shape ``(n_H, n_W, n_filters)`` of a convolution's output for an input ``(n_H_prev, n_W_prev, n_C_prev)``."""
    n_H_prev, n_W_prev, _ = input_shape
    return output_size(n_H_prev, f, pad, stride), output_size(n_W_prev, f, pad, stride), n_filters


def layer_shapes(input_shape, layers):
    """``[(layer, output_shape, parameters)]`` for every layer; fully connected outputs are ``(units,)``."""
    shape, rows = tuple(input_shape), []
    for layer in layers:
        kind = layer[0]
        if kind == "conv":
            _, n_filters, f, stride, pad = layer
            parameters = (f * f * shape[2] + 1) * n_filters
            shape = conv_output_shape(shape, n_filters, f, stride, pad)
        elif kind == "pool":
            _, f, stride = layer
            parameters = 0
            shape = (output_size(shape[0], f, 0, stride), output_size(shape[1], f, 0, stride), shape[2])
        elif kind == "fc":
            inputs = 1
            for side in shape:
                inputs *= side
            parameters = (inputs + 1) * layer[1]
            shape = (layer[1],)
        else:
            raise ValueError(f"unknown layer kind {kind!r}")
        rows.append((layer, shape, parameters))
    return rows


def count_params(input_shape, layers):
    """The number of learned parameters (weights and biases) of the network."""
    return sum(parameters for _, _, parameters in layer_shapes(input_shape, layers))


def conv_mult_count(input_shape, n_filters, f, stride=1, pad=0):
    """Multiplications of a convolution: one per filter weight and output value,
    ``n_H * n_W * n_filters * f * f * n_C_prev``."""
    n_H, n_W, _ = conv_output_shape(input_shape, n_filters, f, stride, pad)
    return n_H * n_W * n_filters * f * f * input_shape[2]
