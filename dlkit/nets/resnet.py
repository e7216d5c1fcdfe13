"""Residual networks and Inception, as in the lectures (reference implementations, week 7).

Both blocks are the "bottleneck" kind: a 1x1 convolution that reduces the channels, an ``f x f``
"same" convolution, and a 1x1 convolution that restores them, each followed by batch norm; the
block's input (or a projection of it) is added before the last ReLU:
``a[l+2] = relu(z[l+2] + shortcut(a[l]))``. Layers are created in the order they are applied,
main path first, so that a given ``torch.manual_seed`` always gives the same weights.

:class:`ResNet` stacks them; :class:`InceptionModule` is GoogLeNet's building block;
:class:`DeepConvNet` compares a plain and a residual stack of the same depth.
"""
import torch
from torch import nn


class IdentityBlock(nn.Module):
    """A residual block whose shortcut is the identity: input and output have the same shape.

    Args:
        channels: channels of the input, and of the output.
        filters: ``(F1, F2, F3)``, the filters of the three convolutions; ``F3`` must equal ``channels``.
        f: size of the middle convolution's filters (odd, padded to keep the size).

    Shape:
        - Input: ``(N, channels, H, W)``.
        - Output: ``(N, channels, H, W)``.

    Example::

        >>> block = IdentityBlock(16, (4, 4, 16), 3)
        >>> block(torch.zeros(2, 16, 8, 8)).shape
        torch.Size([2, 16, 8, 8])
    """

    def __init__(self, channels, filters, f):
        super().__init__()
        F1, F2, F3 = filters
        if F3 != channels:
            raise ValueError(f"an identity block must give back its {channels} channels, not {F3}")
        self.conv1, self.bn1 = nn.Conv2d(channels, F1, 1), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding=f // 2), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1), nn.BatchNorm2d(F3)

    def forward(self, x):
        z = torch.relu(self.bn1(self.conv1(x)))
        z = torch.relu(self.bn2(self.conv2(z)))
        return torch.relu(self.bn3(self.conv3(z)) + x)


class ConvolutionalBlock(nn.Module):
    """A residual block that changes the shape: the first 1x1 convolution has stride ``s``, and
    the shortcut is a 1x1 convolution with stride ``s`` and batch norm, so that it matches.

    Args:
        in_channels: channels of the input.
        filters: ``(F1, F2, F3)``, the filters of the three convolutions; the output has ``F3`` channels.
        f: size of the middle convolution's filters (odd, padded to keep the size).
        s: stride of the first convolution and of the shortcut (default 2).

    Shape:
        - Input: ``(N, in_channels, H, W)``.
        - Output: ``(N, F3, floor((H - 1) / s) + 1, floor((W - 1) / s) + 1)``.

    Example::

        >>> block = ConvolutionalBlock(8, (4, 4, 16), 3, s=2)
        >>> block(torch.zeros(2, 8, 8, 8)).shape
        torch.Size([2, 16, 4, 4])
    """

    def __init__(self, in_channels, filters, f, s=2):
        super().__init__()
        F1, F2, F3 = filters
        self.conv1, self.bn1 = nn.Conv2d(in_channels, F1, 1, stride=s), nn.BatchNorm2d(F1)
        self.conv2, self.bn2 = nn.Conv2d(F1, F2, f, padding=f // 2), nn.BatchNorm2d(F2)
        self.conv3, self.bn3 = nn.Conv2d(F2, F3, 1), nn.BatchNorm2d(F3)
        self.shortcut_conv, self.shortcut_bn = nn.Conv2d(in_channels, F3, 1, stride=s), nn.BatchNorm2d(F3)

    def forward(self, x):
        z = torch.relu(self.bn1(self.conv1(x)))
        z = torch.relu(self.bn2(self.conv2(z)))
        return torch.relu(self.bn3(self.conv3(z)) + self.shortcut_bn(self.shortcut_conv(x)))


class ResNet(nn.Module):
    """A small ResNet in the layout of ResNet-50, for small images.

    The stem is a 3x3 "same" convolution to ``stem_channels``, batch norm, ReLU and a 2x2 max
    pool. Each stage ``(filters, n_blocks, stride)`` is a :class:`ConvolutionalBlock` with
    3x3 middle filters and stride ``stride``, then ``n_blocks - 1`` :class:`IdentityBlock`\\ s.
    The last stage's feature maps are averaged over their height and width (global average
    pooling) and a linear layer gives one logit per class. Layers are created in that order:
    ``stem_conv``, ``stem_bn``, the blocks stage by stage, ``fc``.

    Args:
        in_channels: channels of the input images (default 3).
        num_classes: number of classes (default 6).
        stem_channels: filters of the stem's convolution (default 16).
        stages: ``(filters, n_blocks, stride)`` per stage, ``filters = (F1, F2, F3)``; by default
            three stages of two blocks with 32, 64 and 128 output channels.

    Shape:
        - Input: ``(N, in_channels, H, W)`` with ``H, W >= 2``.
        - Output: ``(N, num_classes)``, logits.

    Example::

        >>> model = ResNet()
        >>> model(torch.zeros(2, 3, 32, 32)).shape
        torch.Size([2, 6])
    """

    def __init__(self, in_channels=3, num_classes=6, stem_channels=16,
                 stages=(((8, 8, 32), 2, 1), ((16, 16, 64), 2, 2), ((32, 32, 128), 2, 2))):
        super().__init__()
        self.stem_conv = nn.Conv2d(in_channels, stem_channels, 3, padding=1)
        self.stem_bn = nn.BatchNorm2d(stem_channels)
        blocks, channels = [], stem_channels
        for filters, n_blocks, stride in stages:
            blocks.append(ConvolutionalBlock(channels, filters, 3, s=stride))
            channels = filters[2]
            blocks += [IdentityBlock(channels, filters, 3) for _ in range(n_blocks - 1)]
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.stem_bn(self.stem_conv(x))), 2)
        return self.fc(self.blocks(x).mean(dim=(2, 3)))


class InceptionModule(nn.Module):
    """An Inception module: four branches side by side, concatenated along the channels.

    In the order of the concatenation: a 1x1 convolution to ``c1`` channels; a 1x1 convolution
    to ``c3[0]`` channels then a 3x3 "same" one to ``c3[1]``; a 1x1 convolution to ``c5[0]``
    then a 5x5 "same" one to ``c5[1]``; a 3x3 max pool with stride 1 and padding 1, then a 1x1
    convolution to ``pool_proj``. Every convolution is followed by a ReLU. Layers are created in
    that order: ``branch1``, ``branch3_reduce``, ``branch3``, ``branch5_reduce``, ``branch5``,
    ``pool_proj``.

    Args:
        in_channels: channels of the input.
        c1: filters of the 1x1 branch.
        c3: ``(reduce, out)`` filters of the 3x3 branch.
        c5: ``(reduce, out)`` filters of the 5x5 branch.
        pool_proj: filters of the 1x1 convolution after the pool.

    Shape:
        - Input: ``(N, in_channels, H, W)``.
        - Output: ``(N, c1 + c3[1] + c5[1] + pool_proj, H, W)``.

    Example (the lectures' module, GoogLeNet's "3a")::

        >>> module = InceptionModule(192, 64, (96, 128), (16, 32), 32)
        >>> module(torch.zeros(1, 192, 28, 28)).shape
        torch.Size([1, 256, 28, 28])
    """

    def __init__(self, in_channels, c1, c3, c5, pool_proj):
        super().__init__()
        self.branch1 = nn.Conv2d(in_channels, c1, 1)
        self.branch3_reduce = nn.Conv2d(in_channels, c3[0], 1)
        self.branch3 = nn.Conv2d(c3[0], c3[1], 3, padding=1)
        self.branch5_reduce = nn.Conv2d(in_channels, c5[0], 1)
        self.branch5 = nn.Conv2d(c5[0], c5[1], 5, padding=2)
        self.pool_proj = nn.Conv2d(in_channels, pool_proj, 1)

    def forward(self, x):
        pooled = nn.functional.max_pool2d(x, 3, stride=1, padding=1)
        return torch.cat([
            torch.relu(self.branch1(x)),
            torch.relu(self.branch3(torch.relu(self.branch3_reduce(x)))),
            torch.relu(self.branch5(torch.relu(self.branch5_reduce(x)))),
            torch.relu(self.pool_proj(pooled)),
        ], dim=1)


class BasicBlock(nn.Module):
    """Two 3x3 "same" convolutions with batch norm, ``channels`` in and out, with or without the
    identity shortcut: ``relu(bn2(conv2(relu(bn1(conv1(x))))) [+ x])``."""

    def __init__(self, channels, residual):
        super().__init__()
        self.residual = residual
        self.conv1, self.bn1 = nn.Conv2d(channels, channels, 3, padding=1), nn.BatchNorm2d(channels)
        self.conv2, self.bn2 = nn.Conv2d(channels, channels, 3, padding=1), nn.BatchNorm2d(channels)

    def forward(self, x):
        z = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        return torch.relu(z + x if self.residual else z)


class DeepConvNet(nn.Module):
    """A deep, narrow network for comparing plain and residual stacks of the same depth.

    A 3x3 convolution with stride 2 (and batch norm, ReLU), ``n_blocks`` :class:`BasicBlock`\\ s,
    global average pooling and a linear layer: ``2 * n_blocks + 2`` layers with weights. With
    ``residual=False`` the blocks have no shortcut and the network is a plain one.

    Shape:
        - Input: ``(N, in_channels, H, W)``.
        - Output: ``(N, num_classes)``, logits.

    Example::

        >>> plain = DeepConvNet(n_blocks=10, residual=False)   # 22 layers with weights
        >>> plain(torch.zeros(2, 3, 32, 32)).shape
        torch.Size([2, 6])
    """

    def __init__(self, n_blocks, residual, channels=8, in_channels=3, num_classes=6):
        super().__init__()
        self.stem_conv = nn.Conv2d(in_channels, channels, 3, stride=2, padding=1)
        self.stem_bn = nn.BatchNorm2d(channels)
        self.blocks = nn.Sequential(*[BasicBlock(channels, residual) for _ in range(n_blocks)])
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = torch.relu(self.stem_bn(self.stem_conv(x)))
        return self.fc(self.blocks(x).mean(dim=(2, 3)))
