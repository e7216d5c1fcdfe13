"""Data augmentation as tensor operations (reference implementations, week 7).

Each operation is deterministic given its per-image parameters, so that it can be checked;
:func:`random_flips_and_crops` draws the parameters and is what a training loop uses (pass it
as ``train_classifier(..., transform=...)``). All functions take a batch ``(N, C, H, W)``.
"""
import torch

GRAY_WEIGHTS = (0.299, 0.587, 0.114)


def horizontal_flip(images, flip):
    """Mirror left-right the images whose entry of ``flip`` is true.

    Args:
        images: ``(N, C, H, W)``.
        flip: booleans ``(N,)``.

    Returns:
        ``(N, C, H, W)``, a new tensor.
    """
    return torch.where(flip[:, None, None, None], images.flip(-1), images)


def pad_and_crop(images, padding, top, left):
    """Pad every image with ``padding`` zeros on each side, then cut out a window of the
    original size whose top-left corner is ``(top[i], left[i])`` in the padded image.

    Args:
        images: ``(N, C, H, W)``.
        padding: zeros added on each of the four sides.
        top, left: integers ``(N,)`` in ``0 .. 2 * padding``; ``padding`` gives the image back.

    Returns:
        ``(N, C, H, W)``.
    """
    n, channels, height, width = images.shape
    padded = torch.nn.functional.pad(images, (padding, padding, padding, padding))
    rows = (top[:, None] + torch.arange(height, device=images.device))[:, None, :, None]
    cols = (left[:, None] + torch.arange(width, device=images.device))[:, None, None, :]
    batch = torch.arange(n, device=images.device)[:, None, None, None]
    channel = torch.arange(channels, device=images.device)[None, :, None, None]
    return padded[batch, channel, rows, cols]


def grayscale(images):
    """Luma of RGB images ``(N, 3, H, W)``: ``0.299 R + 0.587 G + 0.114 B``, shape ``(N, 1, H, W)``."""
    weights = torch.tensor(GRAY_WEIGHTS, dtype=images.dtype, device=images.device)
    return (images * weights[None, :, None, None]).sum(dim=1, keepdim=True)


def color_jitter(images, brightness, contrast, saturation):
    """Change the brightness, then the contrast, then the saturation of RGB images in ``[0, 1]``,
    each image by its own factors (1 changes nothing), and clip the result to ``[0, 1]``.

    - brightness ``b``: ``x * b``;
    - contrast ``c``: ``m + c (x - m)``, ``m`` the mean of the image's gray levels;
    - saturation ``s``: ``g + s (x - g)``, ``g`` each pixel's gray level (:func:`grayscale`).

    Args:
        images: ``(N, 3, H, W)`` in ``[0, 1]``.
        brightness, contrast, saturation: factors ``(N,)``.

    Returns:
        ``(N, 3, H, W)`` in ``[0, 1]``.
    """
    x = images * brightness[:, None, None, None]
    mean = grayscale(x).mean(dim=(1, 2, 3), keepdim=True)
    x = mean + contrast[:, None, None, None] * (x - mean)
    gray = grayscale(x)
    x = gray + saturation[:, None, None, None] * (x - gray)
    return x.clamp(0.0, 1.0)


def random_flips_and_crops(images, padding=4, generator=None):
    """Flip half of the images at random and shift each by up to ``padding`` pixels (zero
    padding). Works on standardised images: zero is then the data set's mean colour.

    Returns:
        ``(N, C, H, W)``, on the images' device.
    """
    n = images.shape[0]
    flip = torch.rand(n, generator=generator) < 0.5
    top, left = torch.randint(0, 2 * padding + 1, (2, n), generator=generator)
    device = images.device
    return pad_and_crop(horizontal_flip(images, flip.to(device)), padding, top.to(device), left.to(device))

