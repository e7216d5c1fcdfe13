"""Neural style transfer (reference implementations, week 10).

The features come from :class:`FeatureNet`, a small VGG-style network trained in the course (on
the shapes data), never from downloaded weights. Activations are torch tensors
``(1, n_C, n_H, n_W)``; the costs follow the lectures (Gatys et al.):

- content ``J_content = 1 / (4 n_H n_W n_C) * sum (a_C - a_G)^2``;
- Gram matrix ``G = A A^T`` with ``A`` the activations unrolled to ``(n_C, n_H n_W)``;
- layer style ``J_style^[l] = 1 / (4 n_C^2 (n_H n_W)^2) * sum (G_S - G_G)^2``;
- style ``J_style = sum_l lambda_l J_style^[l]`` over the chosen layers;
- total ``J = alpha J_content + beta J_style``.
"""
import torch
from torch import nn

LAYER_NAMES = ("conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2")
STYLE_LAYERS = (("conv1_1", 0.2), ("conv1_2", 0.2), ("conv2_1", 0.2), ("conv2_2", 0.2), ("conv3_1", 0.2))
CONTENT_LAYER = "conv2_2"


class FeatureNet(nn.Module):
    """A VGG-style network: three blocks of two 3x3 "same" convolutions, each with batch norm and
    ReLU, and a 2x2 average pool between blocks (average pooling gives smoother images in style
    transfer than max pooling); for training as a classifier, global average pooling and a
    linear layer. Images in ``[0, 1]`` are centred and scaled inside (``(x - 0.5) / 0.25``).

    Args:
        num_classes: classes of the training task (default 6, the shapes).
        widths: channels of the three blocks (default ``(16, 32, 64)``).

    Shape:
        - Input: ``(N, 3, H, W)`` in ``[0, 1]``, any ``H, W >= 4``.
        - Output: ``(N, num_classes)``, logits; :meth:`activations` gives the feature maps.

    Example::

        >>> net = FeatureNet()
        >>> [tuple(a.shape) for a in net.activations(torch.zeros(1, 3, 16, 16), ["conv1_1", "conv3_2"])]
        [(1, 16, 16, 16), (1, 64, 4, 4)]
    """

    def __init__(self, num_classes=6, widths=(16, 32, 64)):
        super().__init__()
        layers, channels = [], 3
        for block, width in enumerate(widths):
            if block:
                layers.append(nn.AvgPool2d(2))
            for _ in range(2):
                layers += [nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU()]
                channels = width
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        return self.fc(self.features((x - 0.5) / 0.25).mean(dim=(2, 3)))

    def activations(self, x, names):
        """The feature maps after the ReLUs named in ``names`` (from :data:`LAYER_NAMES`), in that order."""
        found, x = {}, (x - 0.5) / 0.25
        relus = iter(LAYER_NAMES)
        for layer in self.features:
            x = layer(x)
            if isinstance(layer, nn.ReLU):
                found[next(relus)] = x
        return [found[name] for name in names]


def model_outputs_of(net, style_layers=STYLE_LAYERS, content_layer=CONTENT_LAYER):
    """A function ``image -> [style activations..., content activation]`` for ``net``, as the
    classic assignment's ``vgg_model_outputs``; the network is put in evaluation mode and its
    weights are frozen."""
    net.eval()
    for parameter in net.parameters():
        parameter.requires_grad_(False)
    names = [name for name, _ in style_layers] + [content_layer]
    return lambda image: net.activations(image, names)


def compute_content_cost(a_C, a_G):
    """Content cost of two activations ``(1, n_C, n_H, n_W)``: a tensor holding one number."""
    _, n_C, n_H, n_W = a_G.shape
    return ((a_C - a_G) ** 2).sum() / (4 * n_H * n_W * n_C)


def gram_matrix(A):
    """Gram matrix ``A A^T`` of ``A`` ``(n_C, n_H n_W)``: ``(n_C, n_C)``."""
    return A @ A.T


def compute_layer_style_cost(a_S, a_G):
    """Style cost of one layer from activations ``(1, n_C, n_H, n_W)``: a tensor holding one number."""
    _, n_C, n_H, n_W = a_G.shape
    G_S = gram_matrix(a_S.reshape(n_C, n_H * n_W))
    G_G = gram_matrix(a_G.reshape(n_C, n_H * n_W))
    return ((G_S - G_G) ** 2).sum() / (4 * n_C**2 * (n_H * n_W) ** 2)


def compute_style_cost(style_outputs, generated_outputs, style_weights):
    """``sum_l lambda_l J_style^[l]``: activations of the style image and of the generated image,
    one per style layer, and the weights ``lambda_l``."""
    return sum(weight * compute_layer_style_cost(a_S, a_G)
               for a_S, a_G, weight in zip(style_outputs, generated_outputs, style_weights))


def total_cost(J_content, J_style, alpha=10, beta=40):
    """``alpha J_content + beta J_style``."""
    return alpha * J_content + beta * J_style


def train_step(generated_image, optimizer, model_outputs, a_C, a_S, style_weights, alpha=10, beta=40):
    """One step of gradient descent on the generated image.

    Args:
        generated_image: ``(1, 3, H, W)`` tensor with ``requires_grad``, what ``optimizer`` updates.
        model_outputs: ``image -> [style activations..., content activation]``.
        a_C: the content image's activation at the content layer.
        a_S: the style image's activations at the style layers.
        style_weights: ``lambda_l`` of the style layers.

    Returns:
        The total cost before the step, as a float; the image is updated and clipped to ``[0, 1]``.
    """
    optimizer.zero_grad()
    outputs = model_outputs(generated_image)
    J_style = compute_style_cost(a_S, outputs[:-1], style_weights)
    J = total_cost(compute_content_cost(a_C, outputs[-1]), J_style, alpha, beta)
    J.backward()
    optimizer.step()
    with torch.no_grad():
        generated_image.clamp_(0.0, 1.0)
    return J.item()
