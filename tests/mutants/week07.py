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

_RESNET = """class ResNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6, stem_channels=16,
                 stages=(((8, 8, 32), 2, 1), ((16, 16, 64), 2, 2), ((32, 32, 128), 2, 2))):
        super().__init__()
        self.stem_conv = nn.Conv2d(in_channels, stem_channels, 3, padding=1)
        self.stem_bn = nn.BatchNorm2d(stem_channels)
        blocks, channels = [], stem_channels
        for filters, n_blocks, stride in stages:
            blocks.append(ConvolutionalBlock(channels, filters, 3, s=stride))
            channels = filters[2]
            blocks += [{later_block} for _ in range(n_blocks - 1)]
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = {stem}
        return self.fc({pool})
"""
_RESNET_RIGHT = dict(later_block="IdentityBlock(channels, filters, 3)",
                     stem="nn.functional.max_pool2d(torch.relu(self.stem_bn(self.stem_conv(x))), 2)",
                     pool="self.blocks(x).mean(dim=(2, 3))")

_INCEPTION = """class InceptionModule(nn.Module):
    def __init__(self, in_channels, c1, c3, c5, pool_proj):
        super().__init__()
        self.branch1 = nn.Conv2d(in_channels, c1, 1)
        self.branch3_reduce = nn.Conv2d(in_channels, c3[0], 1)
        self.branch3 = nn.Conv2d(c3[0], c3[1], 3, padding=1)
        self.branch5_reduce = nn.Conv2d(in_channels, c5[0], 1)
        self.branch5 = nn.Conv2d(c5[0], c5[1], 5, padding=2)
        self.pool_proj = nn.Conv2d(in_channels, pool_proj, 1)

    def forward(self, x):
        pooled = {pooled}
        one = torch.relu(self.branch1(x))
        three = torch.relu(self.branch3({reduce3}))
        five = torch.relu(self.branch5(torch.relu(self.branch5_reduce(x))))
        return torch.cat([{order}, torch.relu(self.pool_proj(pooled))], dim=1)
"""
_INCEPTION_RIGHT = dict(pooled="nn.functional.max_pool2d(x, 3, stride=1, padding=1)",
                        reduce3="torch.relu(self.branch3_reduce(x))", order="one, three, five")

_FLIP = """def horizontal_flip(images, flip):
    return torch.where({mask}[:, None, None, None], images.flip({dim}), images)
"""

_CROP = """def pad_and_crop(images, padding, top, left):
    n, c, h, w = images.shape
    padded = torch.nn.functional.pad(images, {pads}{mode})
    return torch.stack([padded[i, :, {t}:{t} + h, {l}:{l} + w] for i in range(n)])
"""
_CROP_RIGHT = dict(pads="(padding, padding, padding, padding)", mode="", t="top[i]", l="left[i]")

_JITTER = """def color_jitter(images, brightness, contrast, saturation):
    def gray(x):
        return {gray}
    b, c, s = (factor[:, None, None, None] for factor in (brightness, contrast, saturation))
    x = images * b
    {steps}
    return {result}
"""
_CONTRAST = "m = gray({source}).mean(dim={dims}, keepdim=True)\n    x = m + c * (x - m)"
_SATURATION = "g = gray(x)\n    x = g + s * (x - g)"
_JITTER_RIGHT = dict(gray="0.299 * x[:, :1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:]",
                     steps=_CONTRAST.format(source="x", dims="(1, 2, 3)") + "\n    " + _SATURATION,
                     result="x.clamp(0, 1)")

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
    "week07_ResNet_code": [
        ("no ReLU in the stem", _RESNET.format(**{
            **_RESNET_RIGHT, "stem": "nn.functional.max_pool2d(self.stem_bn(self.stem_conv(x)), 2)"})),
        ("no max pool in the stem", _RESNET.format(**{**_RESNET_RIGHT, "stem": "torch.relu(self.stem_bn(self.stem_conv(x)))"})),
        ("global max pooling instead of average", _RESNET.format(**{**_RESNET_RIGHT, "pool": "self.blocks(x).amax(dim=(2, 3))"})),
        ("every block a convolutional block", _RESNET.format(**{
            **_RESNET_RIGHT, "later_block": "ConvolutionalBlock(channels, filters, 3, s=1)"})),
    ],
    "week07_InceptionModule_code": [
        ("branches concatenated in another order", _INCEPTION.format(**{**_INCEPTION_RIGHT, "order": "three, five, one"})),
        ("no ReLU after the 1x1 reduction", _INCEPTION.format(**{**_INCEPTION_RIGHT, "reduce3": "self.branch3_reduce(x)"})),
        ("average pooling in the pool branch", _INCEPTION.format(**{
            **_INCEPTION_RIGHT, "pooled": "nn.functional.avg_pool2d(x, 3, stride=1, padding=1)"})),
        ("the pool branch without the pool", _INCEPTION.format(**{**_INCEPTION_RIGHT, "pooled": "x"})),
    ],
    "week07_horizontal_flip_code": [
        ("flips upside down", _FLIP.format(mask="flip", dim="-2")),
        ("flips every image", _FLIP.format(mask="torch.ones_like(flip)", dim="-1")),
        ("flips the images it should keep", _FLIP.format(mask="~flip", dim="-1")),
    ],
    "week07_pad_and_crop_code": [
        ("top and left swapped", _CROP.format(**{**_CROP_RIGHT, "t": "left[i]", "l": "top[i]"})),
        ("pads only the bottom and the right", _CROP.format(**{**_CROP_RIGHT, "pads": "(0, 2 * padding, 0, 2 * padding)"})),
        ("pads by repeating the edges", _CROP.format(**{**_CROP_RIGHT, "mode": ", mode='replicate'"})),
        ("the first image's offsets for all", _CROP.format(**{**_CROP_RIGHT, "t": "top[0]", "l": "left[0]"})),
    ],
    "week07_color_jitter_code": [
        ("contrast around each channel's own mean", _JITTER.format(**{
            **_JITTER_RIGHT, "steps": "m = x.mean(dim=(2, 3), keepdim=True)\n    x = m + c * (x - m)\n    " + _SATURATION})),
        ("contrast around the mean before the brightness change", _JITTER.format(**{
            **_JITTER_RIGHT, "steps": _CONTRAST.format(source="images", dims="(1, 2, 3)") + "\n    " + _SATURATION})),
        ("gray as the plain mean of R, G and B", _JITTER.format(**{**_JITTER_RIGHT, "gray": "x.mean(dim=1, keepdim=True)"})),
        ("no clipping", _JITTER.format(**{**_JITTER_RIGHT, "result": "x"})),
    ],
}
