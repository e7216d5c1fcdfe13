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
    "week07_ResNet_code": [
        ("a Sequential stem, a ModuleList of blocks, adaptive pooling", """class ResNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6, stem_channels=16,
                 stages=(((8, 8, 32), 2, 1), ((16, 16, 64), 2, 2), ((32, 32, 128), 2, 2))):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(in_channels, stem_channels, kernel_size=3, stride=1, padding=1),
                                  nn.BatchNorm2d(stem_channels), nn.ReLU(), nn.MaxPool2d(2))
        self.blocks = nn.ModuleList()
        channels = stem_channels
        for filters, n_blocks, stride in stages:
            for k in range(n_blocks):
                if k == 0:
                    self.blocks.append(ConvolutionalBlock(channels, filters, f=3, s=stride))
                else:
                    self.blocks.append(IdentityBlock(filters[2], filters, f=3))
            channels = filters[-1]
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = block(x)
        return self.fc(torch.flatten(self.pool(x), 1))
"""),
        ("named stages added with add_module, functional calls", """class ResNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6, stem_channels=16,
                 stages=(((8, 8, 32), 2, 1), ((16, 16, 64), 2, 2), ((32, 32, 128), 2, 2))):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, stem_channels, (3, 3), padding="same")
        self.bn = nn.BatchNorm2d(stem_channels)
        self.n_stages = len(stages)
        c = stem_channels
        for i, (filters, n, s) in enumerate(stages):
            layers = [ConvolutionalBlock(c, filters, 3, s)] + [IdentityBlock(filters[2], filters, 3) for _ in range(1, n)]
            self.add_module(f"stage{i}", nn.Sequential(*layers))
            c = filters[2]
        self.head = nn.Linear(c, num_classes)

    def forward(self, x):
        x = nn.functional.max_pool2d(nn.functional.relu(self.bn(self.conv(x))), kernel_size=2, stride=2)
        for i in range(self.n_stages):
            x = getattr(self, f"stage{i}")(x)
        return self.head(nn.functional.adaptive_avg_pool2d(x, (1, 1)).flatten(1))
"""),
    ],
    "week07_InceptionModule_code": [
        ("branches as Sequentials with nn.ReLU", """class InceptionModule(nn.Module):
    def __init__(self, in_channels, c1, c3, c5, pool_proj):
        super().__init__()
        self.b1 = nn.Sequential(nn.Conv2d(in_channels, c1, kernel_size=1), nn.ReLU())
        self.b3 = nn.Sequential(nn.Conv2d(in_channels, c3[0], kernel_size=1), nn.ReLU(),
                                nn.Conv2d(c3[0], c3[1], kernel_size=3, padding=1), nn.ReLU())
        self.b5 = nn.Sequential(nn.Conv2d(in_channels, c5[0], kernel_size=1), nn.ReLU(),
                                nn.Conv2d(c5[0], c5[1], kernel_size=5, padding=2), nn.ReLU())
        self.bp = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), nn.Conv2d(in_channels, pool_proj, 1), nn.ReLU())

    def forward(self, x):
        return torch.cat([branch(x) for branch in (self.b1, self.b3, self.b5, self.bp)], dim=1)
"""),
        ("'same' padding, ReLU on the concatenation", """class InceptionModule(nn.Module):
    def __init__(self, in_channels, c1, c3, c5, pool_proj):
        super().__init__()
        self.one = nn.Conv2d(in_channels, c1, 1)
        self.reduce3 = nn.Conv2d(in_channels, c3[0], 1)
        self.three = nn.Conv2d(c3[0], c3[1], 3, padding="same")
        self.reduce5 = nn.Conv2d(in_channels, c5[0], 1)
        self.five = nn.Conv2d(c5[0], c5[1], 5, padding="same")
        self.project = nn.Conv2d(in_channels, pool_proj, 1)
        self.pool = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)

    def forward(self, x):
        r3 = self.reduce3(x).clamp(min=0)
        r5 = self.reduce5(x).clamp(min=0)
        out = torch.cat((self.one(x), self.three(r3), self.five(r5), self.project(self.pool(x))), 1)
        return nn.functional.relu(out)
"""),
    ],
    "week07_horizontal_flip_code": [
        ("a loop with torch.flip", """def horizontal_flip(images, flip):
    out = images.clone()
    for i in range(images.shape[0]):
        if flip[i]:
            out[i] = torch.flip(images[i], dims=[2])
    return out
"""),
        ("reversed column indices, mixed in by the mask", """def horizontal_flip(images, flip):
    reversed_columns = torch.arange(images.shape[3] - 1, -1, -1)
    mirrored = images[..., reversed_columns]
    keep = flip.float().view(-1, 1, 1, 1)
    return keep * mirrored + (1 - keep) * images
"""),
    ],
    "week07_pad_and_crop_code": [
        ("a zero canvas and a loop", """def pad_and_crop(images, padding, top, left):
    n, c, h, w = images.shape
    canvas = torch.zeros(n, c, h + 2 * padding, w + 2 * padding, dtype=images.dtype)
    canvas[:, :, padding:padding + h, padding:padding + w] = images
    out = torch.empty_like(images)
    for i in range(n):
        t, l = int(top[i]), int(left[i])
        out[i] = canvas[i, :, t:t + h, l:l + w]
    return out
"""),
        ("NumPy", """def pad_and_crop(images, padding, top, left):
    x = np.pad(images.numpy(), ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h, w = images.shape[2:]
    return torch.from_numpy(np.stack([x[i, :, t:t + h, l:l + w] for i, (t, l) in enumerate(zip(top.tolist(), left.tolist()))]))
"""),
    ],
    "week07_color_jitter_code": [
        ("one image at a time, tensordot for the gray levels", """def color_jitter(images, brightness, contrast, saturation):
    weights = torch.tensor([0.299, 0.587, 0.114])
    out = []
    for x, b, c, s in zip(images, brightness, contrast, saturation):
        x = b * x
        mean = torch.tensordot(weights, x, dims=1).mean()
        x = (x - mean) * c + mean
        gray = torch.tensordot(weights, x, dims=1)
        x = (x - gray) * s + gray
        out.append(torch.clip(x, min=0.0, max=1.0))
    return torch.stack(out)
"""),
        ("saturation before contrast: the two commute, gray levels being linear with weights summing to 1", """def color_jitter(images, brightness, contrast, saturation):
    x = images * brightness[:, None, None, None]
    gray = (0.299 * x[:, 0] + 0.587 * x[:, 1] + 0.114 * x[:, 2])[:, None]
    x = gray + saturation[:, None, None, None] * (x - gray)
    mean = (0.299 * x[:, 0] + 0.587 * x[:, 1] + 0.114 * x[:, 2]).mean(dim=(1, 2))[:, None, None, None]
    return (mean + contrast[:, None, None, None] * (x - mean)).clamp(0, 1)
"""),
        ("torch.lerp and einsum", """def color_jitter(images, brightness, contrast, saturation):
    w = torch.tensor([0.299, 0.587, 0.114], dtype=images.dtype)
    x = images * brightness.view(-1, 1, 1, 1)
    gray = torch.einsum("nchw,c->nhw", x, w)
    x = torch.lerp(gray.mean(dim=(1, 2)).view(-1, 1, 1, 1), x, contrast.view(-1, 1, 1, 1))
    gray = torch.einsum("nchw,c->nhw", x, w).unsqueeze(1)
    x = torch.lerp(gray, x, saturation.view(-1, 1, 1, 1))
    return torch.minimum(torch.maximum(x, torch.zeros(())), torch.ones(()))
"""),
    ],
}
