"""Correct implementations of every week-07 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``...). The checks must accept
every one.
"""

EQUIVALENTS = {
    "week07_conv_output_shape_code": [
        ("int() of a float division and a list", """def conv_output_shape(input_shape, n_filters, f, stride=1, pad=0):
    return [int((side + 2 * pad - f) / stride) + 1 for side in input_shape[:2]] + [n_filters]
"""),
        ("np.floor, floats", """def conv_output_shape(input_shape, n_filters, f, stride=1, pad=0):
    n_H = np.floor((input_shape[0] + 2 * pad - f) / stride) + 1
    n_W = np.floor((input_shape[1] + 2 * pad - f) / stride) + 1
    return (n_H, n_W, n_filters)
"""),
    ],
    "week07_count_params_code": [
        ("weights and biases counted apart, pooling by its own formula", """def count_params(input_shape, layers):
    n_H, n_W, n_C = input_shape
    weights = biases = 0
    flat = None
    for layer in layers:
        if layer[0] == "conv":
            _, n_filters, f, s, p = layer
            weights += f * f * n_C * n_filters
            biases += n_filters
            n_H, n_W, n_C = conv_output_shape((n_H, n_W, n_C), n_filters, f, stride=s, pad=p)
        elif layer[0] == "pool":
            _, f, s = layer
            n_H, n_W = (n_H - f) // s + 1, (n_W - f) // s + 1
        else:
            inputs = flat if flat is not None else n_H * n_W * n_C
            weights += inputs * layer[1]
            biases += layer[1]
            flat = layer[1]
    return weights + biases
"""),
        ("math.prod, a dict of per-kind counters", """import math

def count_params(input_shape, layers):
    shape, counts = tuple(input_shape), {"conv": 0, "fc": 0}
    for kind, *settings in layers:
        if kind == "conv":
            n_filters, f, stride, pad = settings
            counts["conv"] += n_filters * (f * f * shape[-1] + 1)
            shape = tuple(conv_output_shape(shape, n_filters, f, stride, pad))
        elif kind == "pool":
            f, stride = settings
            shape = tuple(conv_output_shape(shape, shape[-1], f, stride))
        else:
            counts["fc"] += settings[0] * (math.prod(shape) + 1)
            shape = (settings[0],)
    return sum(counts.values())
"""),
    ],
    "week07_conv_mult_count_code": [
        ("np.prod of the output shape times the filter's size", """def conv_mult_count(input_shape, n_filters, f, stride=1, pad=0):
    return int(np.prod(conv_output_shape(input_shape, n_filters, f, stride, pad))) * f * f * input_shape[2]
"""),
        ("the output computed inline, keyword arguments", """def conv_mult_count(input_shape, n_filters, f, stride=1, pad=0):
    out = conv_output_shape(input_shape=input_shape, n_filters=n_filters, f=f, stride=stride, pad=pad)
    per_output_value = f * f * input_shape[-1]
    return out[0] * out[1] * out[2] * per_output_value
"""),
    ],
    "week07_IdentityBlock_code": [
        ("nn.Sequential main path, in-place addition, nn.functional.relu", """class IdentityBlock(nn.Module):
    def __init__(self, channels, filters, f):
        super().__init__()
        F1, F2, F3 = filters
        self.main = nn.Sequential(
            nn.Conv2d(channels, F1, kernel_size=1), nn.BatchNorm2d(F1), nn.ReLU(),
            nn.Conv2d(F1, F2, kernel_size=f, padding="same"), nn.BatchNorm2d(F2), nn.ReLU(),
            nn.Conv2d(F2, F3, kernel_size=1), nn.BatchNorm2d(F3))

    def forward(self, x):
        out = self.main(x)
        out += x
        return nn.functional.relu(out)
"""),
        ("the shortcut kept under its own name, padding (f - 1) // 2", """class IdentityBlock(nn.Module):
    def __init__(self, channels, filters, f):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1 = nn.Conv2d(channels, F1, (1, 1))
        self.bn1 = nn.BatchNorm2d(F1)
        self.conv2 = nn.Conv2d(F1, F2, (f, f), padding=(f - 1) // 2)
        self.bn2 = nn.BatchNorm2d(F2)
        self.conv3 = nn.Conv2d(F2, F3, (1, 1))
        self.bn3 = nn.BatchNorm2d(F3)

    def forward(self, x):
        shortcut = x
        x = self.bn1(self.conv1(x)).relu()
        x = self.bn2(self.conv2(x)).relu()
        x = self.bn3(self.conv3(x))
        return (x + shortcut).relu()
"""),
    ],
    "week07_ConvolutionalBlock_code": [
        ("two nn.Sequential paths", """class ConvolutionalBlock(nn.Module):
    def __init__(self, in_channels, filters, f, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.main = nn.Sequential(
            nn.Conv2d(in_channels, F1, 1, stride=s), nn.BatchNorm2d(F1), nn.ReLU(),
            nn.Conv2d(F1, F2, f, padding=f // 2), nn.BatchNorm2d(F2), nn.ReLU(),
            nn.Conv2d(F2, F3, 1), nn.BatchNorm2d(F3))
        self.shortcut = nn.Sequential(nn.Conv2d(in_channels, F3, 1, stride=s), nn.BatchNorm2d(F3))

    def forward(self, x):
        return torch.relu(self.main(x) + self.shortcut(x))
"""),
        ("keyword arguments, F.relu, the sum written the other way round", """class ConvolutionalBlock(nn.Module):
    def __init__(self, in_channels, filters, f, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1 = nn.Conv2d(in_channels=in_channels, out_channels=F1, kernel_size=1, stride=s)
        self.bn1 = nn.BatchNorm2d(num_features=F1)
        self.conv2 = nn.Conv2d(in_channels=F1, out_channels=F2, kernel_size=f, stride=1, padding=f // 2)
        self.bn2 = nn.BatchNorm2d(num_features=F2)
        self.conv3 = nn.Conv2d(in_channels=F2, out_channels=F3, kernel_size=1)
        self.bn3 = nn.BatchNorm2d(num_features=F3)
        self.conv_shortcut = nn.Conv2d(in_channels=in_channels, out_channels=F3, kernel_size=1, stride=s)
        self.bn_shortcut = nn.BatchNorm2d(num_features=F3)

    def forward(self, x):
        shortcut = self.bn_shortcut(self.conv_shortcut(x))
        main = nn.functional.relu(self.bn1(self.conv1(x)))
        main = nn.functional.relu(self.bn2(self.conv2(main)))
        return nn.functional.relu(shortcut + self.bn3(self.conv3(main)))
"""),
    ],
}
