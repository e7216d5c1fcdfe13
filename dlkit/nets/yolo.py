"""A tiny YOLO-style detector (week 8): the network, its loss, and decoding its output.

The network turns an image into an ``S x S`` grid of ``A`` anchor predictions, each
``[t_o, t_x, t_y, t_h, t_w, class logits]``, raw numbers that :func:`decode_yolo` turns into
the quantities of :mod:`dlkit.scratch.detection` (YOLOv2's parametrisation):

- ``p_c = sigmoid(t_o)``; class probabilities ``softmax(logits)``;
- ``b_x = sigmoid(t_x)``, ``b_y = sigmoid(t_y)``: the centre inside its cell, in ``[0, 1]``;
- ``b_w = anchor_w * S * exp(t_w)``, ``b_h = anchor_h * S * exp(t_h)``: the size in cells.
"""
import torch
from torch import nn


def _conv_bn(in_channels, out_channels, stride=1):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
                         nn.BatchNorm2d(out_channels), nn.LeakyReLU(0.1))


class TinyYolo(nn.Module):
    """Five 3x3 convolutions with batch norm and leaky ReLU (the first with stride 2, the next two
    each followed by a 2x2 max pool), then a 1x1 convolution to ``A * (5 + C)`` channels: a ``64 x 64`` image gives an ``8 x 8`` grid.

    Args:
        n_anchors: ``A``, anchors per cell.
        n_classes: ``C``.
        width: channels of the first convolution (the others have 2x and 4x as many).

    Shape:
        - Input: ``(N, 3, H, W)``, ``H`` and ``W`` multiples of 8.
        - Output: ``(N, H / 8, W / 8, A, 5 + C)``, raw predictions (see the module's description).

    Example::

        >>> TinyYolo(2, 3)(torch.zeros(1, 3, 64, 64)).shape
        torch.Size([1, 8, 8, 2, 8])
    """

    def __init__(self, n_anchors, n_classes, width=16):
        super().__init__()
        self.n_anchors, self.n_classes = n_anchors, n_classes
        self.features = nn.Sequential(
            _conv_bn(3, width, stride=2),
            _conv_bn(width, 2 * width), nn.MaxPool2d(2),
            _conv_bn(2 * width, 4 * width), nn.MaxPool2d(2),
            _conv_bn(4 * width, 4 * width),
            _conv_bn(4 * width, 4 * width),
        )
        self.head = nn.Conv2d(4 * width, n_anchors * (5 + n_classes), 1)

    def forward(self, x):
        out = self.head(self.features(x))
        n, _, rows, cols = out.shape
        return out.view(n, self.n_anchors, 5 + self.n_classes, rows, cols).permute(0, 3, 4, 1, 2)


def decode_yolo(raw, anchors):
    """The quantities :func:`dlkit.scratch.detection.yolo_eval` takes, from raw predictions.

    Args:
        raw: ``(N, S, S, A, 5 + C)``.
        anchors: ``(A, 2)`` anchor ``(width, height)`` in fractions of the image (a tensor).

    Returns:
        ``(box_xy, box_wh, box_confidence, box_class_probs)``: ``(N, S, S, A, 2)`` centres and
        sizes in fractions of the image, ``(N, S, S, A, 1)`` and ``(N, S, S, A, C)``.
    """
    grid = raw.shape[1]
    rows, cols = torch.meshgrid(torch.arange(grid, device=raw.device), torch.arange(grid, device=raw.device), indexing="ij")
    cell = torch.stack([cols, rows], dim=-1)[None, :, :, None, :].to(raw.dtype)
    box_xy = (cell + torch.sigmoid(raw[..., 1:3])) / grid
    box_wh = anchors.to(raw) * torch.exp(raw[..., [4, 3]].clamp(max=6.0))
    return box_xy, box_wh, torch.sigmoid(raw[..., :1]), torch.softmax(raw[..., 5:], dim=-1)


def yolo_loss(raw, targets, anchors, no_object_weight=0.5):
    """The detector's loss on a batch, averaged over the images.

    Where a target has an object (``p_c = 1``): squared errors of ``sigmoid(t_x), sigmoid(t_y)``
    against ``b_x, b_y`` and of ``t_w, t_h`` against ``log(b_w / (anchor_w S))``,
    ``log(b_h / (anchor_h S))``, plus the cross-entropy of the class. Everywhere: the binary
    cross-entropy of ``p_c``, the cells without an object weighted by ``no_object_weight`` (there
    are many more of them).

    Args:
        raw: ``(N, S, S, A, 5 + C)`` network output.
        targets: ``(N, S, S, A, 5 + C)`` from :func:`dlkit.scratch.detection.encode_yolo_targets`.
        anchors: ``(A, 2)`` in fractions of the image.
    """
    grid = raw.shape[1]
    has_object = targets[..., 0] > 0.5
    objectness = nn.functional.binary_cross_entropy_with_logits(raw[..., 0], targets[..., 0], reduction="none")
    loss = (objectness * torch.where(has_object, 1.0, no_object_weight)).sum()
    if has_object.any():
        found, wanted = raw[has_object], targets[has_object]
        anchor_hw = (anchors.to(raw)[:, [1, 0]] * grid).expand(*has_object.shape, 2)[has_object]
        loss = loss + ((torch.sigmoid(found[:, 1:3]) - wanted[:, 1:3]) ** 2).sum()
        loss = loss + ((found[:, 3:5] - torch.log(wanted[:, 3:5] / anchor_hw)) ** 2).sum()
        loss = loss + nn.functional.cross_entropy(found[:, 5:], wanted[:, 5:].argmax(dim=1), reduction="sum")
    return loss / raw.shape[0]


def detector_step(anchors):
    """A ``step`` for :func:`dlkit.nets.training.train_classifier` that trains a detector with
    :func:`yolo_loss`: batches are ``(images, targets)``."""
    def step(model, x, targets, optimizer):
        optimizer.zero_grad()
        loss = yolo_loss(model(x), targets, anchors)
        loss.backward()
        optimizer.step()
        return loss.item()
    return step
