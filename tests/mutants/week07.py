"""Plausible wrong implementations of every week-7 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``...).
"""

_OUTPUT_SHAPE = """def conv_output_shape(input_shape, n_filters, f, stride=1, pad=0):
    n_H_prev, n_W_prev, n_C_prev = input_shape
    n_H = {n_H}
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    return n_H, n_W, {n_C}
"""
_OUTPUT_SHAPE_RIGHT = dict(n_H="(n_H_prev + 2 * pad - f) // stride + 1", n_C="n_filters")

_COUNT = """def count_params(input_shape, layers):
    shape = input_shape
    total = 0
    for layer in layers:
        if layer[0] == "conv":
            _, n_filters, f, stride, pad = layer
            total += {conv_params}
            shape = conv_output_shape(shape, n_filters, f, stride, pad)
        elif layer[0] == "pool":
            _, f, stride = layer
            {pool}
        else:
            units = layer[1]
            total += {fc_params}
            shape = (units,)
    return total
"""
_COUNT_RIGHT = dict(conv_params="(f * f * shape[2] + 1) * n_filters",
                    pool="shape = conv_output_shape(shape, shape[2], f, stride, 0)",
                    fc_params="(int(np.prod(shape)) + 1) * units")

_MULTIPLICATIONS = """def conv_mult_count(input_shape, n_filters, f, stride=1, pad=0):
    n_H, n_W, n_C = conv_output_shape(input_shape, n_filters, f, stride, pad)
    return {product}
"""

_IDENTITY = """class IdentityBlock(nn.Module):
    def __init__(self, channels, filters, f):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(channels, F1, 1), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding={padding}), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1), nn.BatchNorm2d(F3)

    def forward(self, x):
        z = torch.relu(self.bn1(self.conv1(x)))
        z = torch.relu(self.bn2(self.conv2(z)))
        return {output}
"""
_IDENTITY_RIGHT = dict(padding="f // 2", output="torch.relu(self.bn3(self.conv3(z)) + x)")

_CONVOLUTIONAL = """class ConvolutionalBlock(nn.Module):
    def __init__(self, in_channels, filters, f, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride={first_stride}), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding=f // 2, stride={middle_stride}), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1), nn.BatchNorm2d(F3)
        self.shortcut_conv, self.shortcut_bn = nn.Conv2d(in_channels, F3, 1, stride=s), nn.BatchNorm2d(F3)

    def forward(self, x):
        z = torch.relu(self.bn1(self.conv1(x)))
        z = torch.relu(self.bn2(self.conv2(z)))
        return torch.relu(self.bn3(self.conv3(z)) + {shortcut})
"""
_CONVOLUTIONAL_RIGHT = dict(first_stride="s", middle_stride=1, shortcut="self.shortcut_bn(self.shortcut_conv(x))")

MUTANTS = {
    "week07_conv_output_shape_code": [
        ("forgets the padding", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_H": "(n_H_prev - f) // stride + 1"})),
        ("forgets the + 1", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_H": "(n_H_prev + 2 * pad - f) // stride"})),
        ("keeps the input's channels", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_C": "n_C_prev"})),
        ("rounds up", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_H": "-(-(n_H_prev + 2 * pad - f) // stride) + 1"})),
    ],
    "week07_count_params_code": [
        ("no biases", _COUNT.format(**{**_COUNT_RIGHT, "conv_params": "f * f * shape[2] * n_filters",
                                        "fc_params": "int(np.prod(shape)) * units"})),
        ("conv weights ignore the input channels", _COUNT.format(**{**_COUNT_RIGHT, "conv_params": "(f * f + 1) * n_filters"})),
        ("pooling does not shrink the shape", _COUNT.format(**{**_COUNT_RIGHT, "pool": "pass"})),
        ("fully connected layers read only the channels", _COUNT.format(**{**_COUNT_RIGHT, "fc_params": "(shape[-1] + 1) * units"})),
    ],
    "week07_conv_mult_count_code": [
        ("the input's size instead of the output's", _MULTIPLICATIONS.format(
            product="input_shape[0] * input_shape[1] * n_C * f * f * input_shape[2]")),
        ("forgets the input channels", _MULTIPLICATIONS.format(product="n_H * n_W * n_C * f * f")),
        ("counts the parameters instead", _MULTIPLICATIONS.format(product="(f * f * input_shape[2] + 1) * n_C")),
    ],
    "week07_IdentityBlock_code": [
        ("no shortcut", _IDENTITY.format(**{**_IDENTITY_RIGHT, "output": "torch.relu(self.bn3(self.conv3(z)))"})),
        ("the shortcut added after the last ReLU", _IDENTITY.format(**{
            **_IDENTITY_RIGHT, "output": "torch.relu(self.bn3(self.conv3(z))) + x"})),
        ("no batch norm on the last convolution", _IDENTITY.format(**{
            **_IDENTITY_RIGHT, "output": "torch.relu(self.conv3(z) + x)"})),
        ("no padding in the middle convolution (wrong for f > 1)", _IDENTITY.format(**{**_IDENTITY_RIGHT, "padding": "0"})),
    ],
    "week07_ConvolutionalBlock_code": [
        ("the stride on the middle convolution", _CONVOLUTIONAL.format(**{
            **_CONVOLUTIONAL_RIGHT, "first_stride": 1, "middle_stride": "s"})),
        ("no batch norm on the shortcut", _CONVOLUTIONAL.format(**{
            **_CONVOLUTIONAL_RIGHT, "shortcut": "self.shortcut_conv(x)"})),
        ("the shortcut's batch norm applied twice", _CONVOLUTIONAL.format(**{
            **_CONVOLUTIONAL_RIGHT, "shortcut": "self.shortcut_bn(self.shortcut_bn(self.shortcut_conv(x)))"})),
        ("no shortcut", _CONVOLUTIONAL.format(**{**_CONVOLUTIONAL_RIGHT, "shortcut": "0"})),
    ],
}
