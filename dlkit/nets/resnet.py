"""Residual blocks, as in the lectures' ResNet-50 (reference implementations, week 7).

Both blocks are the "bottleneck" kind: a 1x1 convolution that reduces the channels, an ``f x f``
"same" convolution, and a 1x1 convolution that restores them, each followed by batch norm; the
block's input (or a projection of it) is added before the last ReLU:
``a[l+2] = relu(z[l+2] + shortcut(a[l]))``. Layers are created in the order they are applied,
main path first, so that a given ``torch.manual_seed`` always gives the same weights.
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
