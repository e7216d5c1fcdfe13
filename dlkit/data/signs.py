"""SIGNS: hand signs for the numbers 0 to 5.

A stand-in for the classic SIGNS photos: 64 x 64 RGB drawings of a hand raising 0 to 5
fingers, the label being the number of raised fingers. Each hand is a palm ellipse, a wrist
and five finger "capsules" (a segment with round ends), raised or folded, drawn in the hand's
own frame; the frame is rotated, scaled, shifted and sometimes mirrored (left or right hand).
Skin tones, backgrounds, lighting and pixel noise vary. As in the classic set there are 1080
training images and 120 test images, balanced over the six classes; the training split is
drawn from seed 1 and the test split from seed 2. Both splits are generated in about a second.
"""
from typing import NamedTuple

import numpy as np

from dlkit.data.images import standardized_channels_first

IMAGE_SIZE = 64
SIGNS_CLASSES = ("0", "1", "2", "3", "4", "5")
SIGNS_TRAIN = {"n_images": 1080, "seed": 1}
SIGNS_TEST = {"n_images": 120, "seed": 2}


class SignsDataset(NamedTuple):
    """Images are ``uint8`` arrays ``(m, 64, 64, 3)``; labels are ``int64`` arrays ``(1, m)``
    holding the number of raised fingers (0 to 5); ``classes[label]`` names a label."""

    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    classes: tuple


def load_signs_dataset():
    """Return the SIGNS data set as a :class:`SignsDataset`.

    Example::

        >>> train_x, train_y, test_x, test_y, classes = load_signs_dataset()
        >>> train_x.shape, train_y.shape, test_x.shape
        ((1080, 64, 64, 3), (1, 1080), (120, 64, 64, 3))
    """
    train_x, train_y = make_sign_images(**SIGNS_TRAIN)
    test_x, test_y = make_sign_images(**SIGNS_TEST)
    return SignsDataset(train_x, train_y, test_x, test_y, SIGNS_CLASSES)


def _half_size(images):
    """Average each 2 x 2 block of pixels: ``(m, 32, 32, 3)`` floats in ``[0, 1]`` (the fingers
    still show, with a quarter of the pixels)."""
    half = IMAGE_SIZE // 2
    return images.reshape(images.shape[0], half, 2, half, 2, 3).mean(axis=(2, 4)) / 255.0


def signs_features(signs):
    """Inputs for a fully connected network: ``(X_train, X_test)``, ``float32`` ``(m, 3072)``.

    The images are halved (:func:`_half_size`) and unrolled into rows, and every input is
    standardised with the *training* set's mean and standard deviation, for both splits.
    """
    train, test = (_half_size(images).reshape(images.shape[0], -1) for images in (signs.train_x, signs.test_x))
    mean, std = train.mean(axis=0), train.std(axis=0)
    return ((train - mean) / std).astype(np.float32), ((test - mean) / std).astype(np.float32)


def signs_images(signs):
    """Inputs for a convolutional network: ``(X_train, X_test)``, ``float32`` ``(m, 3, 32, 32)``.

    The images are halved (:func:`_half_size`), then put channels first and standardised
    (:func:`dlkit.data.images.standardized_channels_first`).
    """
    return standardized_channels_first(_half_size(signs.train_x), _half_size(signs.test_x))


def make_sign_images(n_images, seed):
    """Draw ``n_images`` hand signs, as many of each class as possible, in a seeded random order.

    Returns ``(images, labels)``: ``uint8`` ``(n_images, 64, 64, 3)`` and ``int64`` ``(1, n_images)``.
    """
    rng = np.random.default_rng(seed)
    n_classes = len(SIGNS_CLASSES)
    labels = np.arange(n_images, dtype=np.int64) % n_classes
    rng.shuffle(labels)
    images = np.empty((n_images, IMAGE_SIZE, IMAGE_SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        canvas = _background(rng)
        _draw_hand(canvas, int(label), rng)
        noise = 5.0 * rng.standard_normal(canvas.shape, dtype=np.float32)
        images[i] = np.clip(canvas + noise, 0, 255).astype(np.uint8)
    return images, labels[np.newaxis, :]


# ---------------------------------------------------------------------------------------------
# Drawing. Hand-frame coordinates: ``u`` points to the little-finger side, ``w`` up the fingers,
# the origin is the palm's centre, and one unit is one pixel before scaling.

_ROWS, _COLS = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE].astype(float)

_SKIN = [(255, 219, 172), (241, 194, 125), (224, 172, 105), (198, 134, 66), (141, 85, 36), (92, 58, 30)]

# (base u, base w, tilt from vertical in degrees, raised length, radius): index to little finger.
_FINGERS = [(-6.6, 7.5, -7.0, 15.0, 2.3), (-2.2, 8.5, -2.0, 17.0, 2.4),
            (2.2, 8.0, 3.0, 15.5, 2.3), (6.4, 6.5, 9.0, 12.0, 2.1)]
_THUMB_BASE = (-9.0, -3.0)


def _raised_fingers(label, rng):
    """Which of (index, middle, ring, little, thumb) are raised for ``label`` fingers."""
    if label == 3 and rng.random() < 0.3:
        return (True, True, False, False, True)  # thumb, index and middle: another common "3"
    return tuple(k < label for k in range(4)) + (label == 5,)


def _background(rng):
    top, bottom = rng.uniform(60, 240, 3), rng.uniform(60, 240, 3)
    weight = np.linspace(0.0, 1.0, IMAGE_SIZE)[:, None, None]
    canvas = (1 - weight) * top + weight * bottom
    return np.broadcast_to(canvas, (IMAGE_SIZE, IMAGE_SIZE, 3)).copy()


def _squared_distance_to_segment(u, w, start, end):
    """Squared distance from every point of the hand frame to the segment ``start``-``end``."""
    d = np.subtract(end, start)
    t = np.clip(((u - start[0]) * d[0] + (w - start[1]) * d[1]) / (d @ d), 0.0, 1.0)
    return (u - start[0] - t * d[0]) ** 2 + (w - start[1] - t * d[1]) ** 2


def _draw_hand(canvas, label, rng):
    angle = np.deg2rad(rng.uniform(-10, 10))
    scale = rng.uniform(0.9, 1.1)
    cy, cx = 40 + rng.uniform(-2, 2), 32 + rng.uniform(-2, 2)
    mirror = 1.0 if rng.random() < 0.5 else -1.0
    dy, dx = _ROWS - cy, _COLS - cx
    u = mirror * (np.cos(angle) * dx + np.sin(angle) * dy) / scale
    w = (np.sin(angle) * dx - np.cos(angle) * dy) / scale

    skin = np.clip(np.asarray(_SKIN[rng.integers(len(_SKIN))], float) * rng.uniform(0.85, 1.1)
                   + rng.normal(0, 8, 3), 0, 255)
    # Brightness of the hand at each pixel, 0 where there is no hand: each finger has a darker
    # rim that keeps neighbouring fingers apart.
    brightness = np.zeros((IMAGE_SIZE, IMAGE_SIZE))

    def paint(segment, radius):
        d2 = _squared_distance_to_segment(u, w, *segment)
        brightness[d2 <= radius**2] = 0.75
        brightness[d2 <= (radius - 0.8) ** 2] = 1.0

    palm = ((u / 10.5) ** 2 + (w / 11.0) ** 2 <= 1.0) | ((np.abs(u) <= 7.5) & (w <= 0))
    brightness[palm] = 1.0
    raised = _raised_fingers(label, rng)
    for (bu, bw, tilt, length, radius), up in zip(_FINGERS, raised):
        tilt = np.deg2rad(tilt + rng.uniform(-4, 4))
        # A folded finger leaves a knuckle bump above the palm.
        reach = length * rng.uniform(0.9, 1.1) if up else 2.5
        paint(((bu, bw), (bu + reach * np.sin(tilt), bw + reach * np.cos(tilt))), radius)
    if raised[4]:
        thumb = np.deg2rad(rng.uniform(40, 60))
        paint((_THUMB_BASE, (_THUMB_BASE[0] - 13 * np.sin(thumb), _THUMB_BASE[1] + 13 * np.cos(thumb))), 2.8)
    else:
        paint((_THUMB_BASE, (-10.5, 3.0)), 2.8)
        paint(((-8.5, -1.0), (-1.0, 2.0)), 2.4)  # the thumb folded across the palm
    # Light from above: fingertips brighter than the wrist.
    brightness *= 1.0 + 0.012 * np.clip(w, -25, 30)
    hand = brightness > 0
    canvas[hand] = np.minimum(brightness[hand, None] * skin, 255)
