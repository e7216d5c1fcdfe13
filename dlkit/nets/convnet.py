"""A small convolutional network for the SIGNS images (reference implementation, week 6)."""
import torch
from torch import nn


class SignsConvNet(nn.Module):
    """Three convolution blocks and a linear classifier for ``32 x 32`` images.

    Each block is ``CONV 3x3, padding 1 -> RELU -> MAXPOOL 2x2`` ("same" convolutions, so only
    the pooling halves the height and width); the blocks have 16, 32 and 64 filters. The
    ``64 x 4 x 4`` feature maps are flattened and a linear layer gives one logit per class.
    Layers are created in that order (``conv1``, ``conv2``, ``conv3``, ``fc``), so that a given
    ``torch.manual_seed`` always gives the same weights.

    Args:
        in_channels: channels of the input images (default 3, RGB).
        num_classes: number of classes (default 6, the SIGNS digits).

    Shape:
        - Input: ``(N, in_channels, 32, 32)``.
        - Output: ``(N, num_classes)``, logits (no softmax: ``nn.CrossEntropyLoss`` applies it).

    Example::

        >>> model = SignsConvNet()
        >>> model(torch.zeros(8, 3, 32, 32)).shape
        torch.Size([8, 6])
    """

    def __init__(self, in_channels=3, num_classes=6):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.conv3 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.fc = nn.Linear(64 * 4 * 4, num_classes)

    def forward(self, x):
        for conv in (self.conv1, self.conv2, self.conv3):
            x = nn.functional.max_pool2d(torch.relu(conv(x)), 2)
        return self.fc(torch.flatten(x, start_dim=1))
