"""Synthetic shapes: one coloured shape per image, the label being its kind.

Six kinds of shape (circle, square, triangle, cross, ring, half-disc) are drawn with a random
colour, size, position and rotation on a background with a colour gradient and a few faint
blobs of clutter; pixel noise is added. The images teach a network edges, corners and curves
without any download; week 7 trains a backbone on them and transfers it to SIGNS.

:func:`shape_mask` draws one shape as a boolean mask; later weeks' scenes reuse it.
"""
from typing import NamedTuple

import numpy as np

from dlkit.data.images import standardized_channels_first

SHAPE_CLASSES = ("circle", "square", "triangle", "cross", "ring", "half-disc")
SHAPES_TRAIN = {"n_images": 3000, "seed": 1}
SHAPES_TEST = {"n_images": 600, "seed": 2}


class ShapesDataset(NamedTuple):
    """Images are ``uint8`` arrays ``(m, 32, 32, 3)``; labels are ``int64`` arrays ``(m,)``;
    ``classes[label]`` names a label."""

    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    classes: tuple


def load_shapes_dataset():
    """The shapes data set: 3000 training images (seed 1) and 600 test images (seed 2), balanced
    over the six classes, generated in about half a second."""
    train_x, train_y = make_shape_images(**SHAPES_TRAIN)
    test_x, test_y = make_shape_images(**SHAPES_TEST)
    return ShapesDataset(train_x, train_y, test_x, test_y, SHAPE_CLASSES)


def shapes_images(shapes):
    """Inputs for a convolutional network: ``(X_train, X_test)``, ``float32`` ``(m, 3, 32, 32)``,
    standardised (:func:`dlkit.data.images.standardized_channels_first`)."""
    return standardized_channels_first(shapes.train_x / 255.0, shapes.test_x / 255.0)


def shape_mask(kind, center, radius, angle, size):
    """Boolean mask ``(size, size)`` of one shape.

    Args:
        kind: one of :data:`SHAPE_CLASSES`.
        center: ``(row, col)`` of the shape's centre, in pixels.
        radius: half the shape's extent, in pixels.
        angle: rotation in radians (a circle or a ring ignores it).
        size: height and width of the image.
    """
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    dy, dx = rows - center[0], cols - center[1]
    # Coordinates in the shape's own frame, in units of its radius.
    u = (np.cos(angle) * dx + np.sin(angle) * dy) / radius
    v = (-np.sin(angle) * dx + np.cos(angle) * dy) / radius
    if kind == "circle":
        return u**2 + v**2 <= 1.0
    if kind == "ring":
        return (u**2 + v**2 <= 1.0) & (u**2 + v**2 >= 0.45)
    if kind == "square":
        return np.maximum(np.abs(u), np.abs(v)) <= 0.8
    if kind == "half-disc":
        return (u**2 + v**2 <= 1.0) & (v <= 0.2)
    if kind == "cross":
        return (np.minimum(np.abs(u), np.abs(v)) <= 0.3) & (np.maximum(np.abs(u), np.abs(v)) <= 1.0)
    if kind == "triangle":
        # An equilateral triangle pointing up in its own frame: three half-planes.
        normals = [(np.sin(a), -np.cos(a)) for a in (0.0, 2 * np.pi / 3, 4 * np.pi / 3)]
        return np.all([nu * u + nv * v <= 0.5 for nu, nv in normals], axis=0) & (np.abs(u) <= 1.0)
    raise ValueError(f"unknown shape {kind!r}: the shapes are {', '.join(SHAPE_CLASSES)}")


def background(rng, size):
    """A ``(size, size, 3)`` float canvas in 0..255: a vertical colour gradient with faint blobs."""
    top, bottom = rng.uniform(40, 220, 3), rng.uniform(40, 220, 3)
    weight = np.linspace(0.0, 1.0, size)[:, None, None]
    canvas = np.broadcast_to((1 - weight) * top + weight * bottom, (size, size, 3)).copy()
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    for _ in range(int(rng.integers(0, 4))):
        cy, cx, width = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(2, size / 4)
        blob = np.exp(-((rows - cy) ** 2 + (cols - cx) ** 2) / (2 * width**2))
        canvas += blob[..., None] * rng.uniform(-30, 30, 3)
    return canvas


def make_shape_images(n_images, seed, size=32):
    """Draw ``n_images`` shapes, as many of each class as possible, in a seeded random order.

    Returns ``(images, labels)``: ``uint8`` ``(n_images, size, size, 3)`` and ``int64``
    ``(n_images,)``, where ``SHAPE_CLASSES[label]`` names the shape.

    Example::

        >>> images, labels = make_shape_images(12, seed=0)
        >>> images.shape, labels[:6]
        ((12, 32, 32, 3), array([3, 2, 1, 4, 5, 5]))
    """
    rng = np.random.default_rng(seed)
    labels = np.arange(n_images, dtype=np.int64) % len(SHAPE_CLASSES)
    rng.shuffle(labels)
    images = np.empty((n_images, size, size, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        canvas = background(rng, size)
        radius = rng.uniform(0.2, 0.38) * size
        center = rng.uniform(radius * 0.8, size - radius * 0.8, 2)
        mask = shape_mask(SHAPE_CLASSES[label], center, radius, rng.uniform(0, 2 * np.pi), size)
        colour = rng.uniform(0, 255, 3)
        # Keep the shape visible: push its colour away from the background under it.
        if np.abs(colour - canvas[mask].mean(axis=0)).sum() < 120:
            colour = 255 - colour
        canvas[mask] = colour
        images[i] = np.clip(canvas + 6.0 * rng.standard_normal(canvas.shape), 0, 255).astype(np.uint8)
    return images, labels
