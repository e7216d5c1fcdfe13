"""Cat / non-cat images.

A stand-in for the classic "cat vs non-cat" photos: 64 x 64 RGB drawings. Cats are cat faces
(pointed ears, slit-pupil eyes, a pink nose, whiskers) in varied fur colours, sizes, positions
and backgrounds; non-cats are dog faces (floppy ears), balls, houses, landscapes, flowers and
cars. As in the classic set there are 209 training images (72 cats) and 50 test images
(33 cats). The training split is drawn from seed 1 and the test split from seed 2.
"""
from typing import NamedTuple

import numpy as np

IMAGE_SIZE = 64
CAT_CLASSES = ("non-cat", "cat")
CAT_TRAIN = {"n_images": 209, "n_cats": 72, "seed": 1}
CAT_TEST = {"n_images": 50, "n_cats": 33, "seed": 2}


class CatDataset(NamedTuple):
    """Images are ``uint8`` arrays ``(m, 64, 64, 3)``; labels are ``int64`` arrays ``(1, m)``
    with 1 for cat and 0 for non-cat; ``classes[label]`` names a label."""

    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    classes: tuple


def load_cat_dataset():
    """Return the cat / non-cat data set as a :class:`CatDataset`.

    Example::

        >>> train_x, train_y, test_x, test_y, classes = load_cat_dataset()
        >>> train_x.shape, train_y.shape, classes[train_y[0, 0]]
        ((209, 64, 64, 3), (1, 209), 'non-cat')
    """
    train_x, train_y = make_cat_images(**CAT_TRAIN)
    test_x, test_y = make_cat_images(**CAT_TEST)
    return CatDataset(train_x, train_y, test_x, test_y, CAT_CLASSES)


def make_cat_images(n_images, n_cats, seed):
    """Draw ``n_images`` images, ``n_cats`` of them cats, in a seeded random order.

    Returns ``(images, labels)``: ``uint8`` ``(n_images, 64, 64, 3)`` and ``int64`` ``(1, n_images)``.
    """
    rng = np.random.default_rng(seed)
    labels = np.zeros(n_images, dtype=np.int64)
    labels[:n_cats] = 1
    rng.shuffle(labels)
    images = np.empty((n_images, IMAGE_SIZE, IMAGE_SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(labels):
        canvas = _background(rng)
        if label == 1:
            _draw_cat(canvas, rng)
        else:
            _NON_CATS[rng.integers(len(_NON_CATS))](canvas, rng)
        noise = rng.normal(0.0, 6.0, canvas.shape)
        images[i] = np.clip(canvas + noise, 0, 255).astype(np.uint8)
    return images, labels[np.newaxis, :]


# ---------------------------------------------------------------------------------------------
# Drawing primitives on a float (64, 64, 3) canvas with values in [0, 255].

_ROWS, _COLS = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE].astype(float)


def _ellipse(cy, cx, ry, rx, angle=0.0):
    cos, sin = np.cos(angle), np.sin(angle)
    dy, dx = _ROWS - cy, _COLS - cx
    u = dx * cos + dy * sin
    v = -dx * sin + dy * cos
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def _triangle(p1, p2, p3):
    def side(a, b):
        return (b[1] - a[1]) * (_ROWS - a[0]) - (b[0] - a[0]) * (_COLS - a[1])

    s1, s2, s3 = side(p1, p2), side(p2, p3), side(p3, p1)
    return ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))


def _rectangle(top, left, height, width):
    return (_ROWS >= top) & (_ROWS < top + height) & (_COLS >= left) & (_COLS < left + width)


def _segment(p, q, width):
    """Pixels within ``width / 2`` of the segment from ``p`` to ``q`` (points are (row, col))."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    d = q - p
    t = np.clip(((_ROWS - p[0]) * d[0] + (_COLS - p[1]) * d[1]) / (d @ d), 0.0, 1.0)
    return np.hypot(_ROWS - p[0] - t * d[0], _COLS - p[1] - t * d[1]) <= width / 2


def _paint(canvas, mask, colour):
    canvas[mask] = colour


def _jitter(rng, colour, amount=20):
    return np.clip(np.asarray(colour, float) + rng.normal(0, amount, 3), 0, 255)


def _near_centre(rng, centre, spread=6.0):
    return centre + rng.uniform(-spread, spread)


def _background(rng):
    top, bottom = rng.uniform(40, 230, 3), rng.uniform(40, 230, 3)
    weight = np.linspace(0.0, 1.0, IMAGE_SIZE)[:, None, None]
    canvas = (1 - weight) * top + weight * bottom
    return np.broadcast_to(canvas, (IMAGE_SIZE, IMAGE_SIZE, 3)).copy()


# ---------------------------------------------------------------------------------------------
# Cats.

_FUR = [(230, 140, 50), (130, 130, 135), (35, 35, 38), (235, 232, 225), (120, 80, 50), (220, 190, 140)]
_CAT_EYES = [(110, 190, 60), (230, 200, 50), (90, 160, 220), (200, 150, 40)]


def _draw_cat(canvas, rng):
    r = rng.uniform(13, 19)
    cy, cx = _near_centre(rng, 36), _near_centre(rng, 32)
    fur = _jitter(rng, _FUR[rng.integers(len(_FUR))])
    for side in (-1, 1):
        base_angle = np.deg2rad(rng.uniform(25, 45))
        inner = (cy - r * np.cos(base_angle * 0.3), cx + side * r * np.sin(base_angle * 0.3))
        outer = (cy - r * np.cos(base_angle * 1.9), cx + side * r * np.sin(base_angle * 1.9))
        apex = (cy - r * rng.uniform(1.35, 1.65), cx + side * r * rng.uniform(0.55, 0.85))
        _paint(canvas, _triangle(inner, outer, apex), fur)
        shrink = lambda p: (0.6 * p[0] + 0.4 * cy - 0.1 * r, 0.7 * p[1] + 0.3 * cx)
        _paint(canvas, _triangle(shrink(inner), shrink(outer), apex), (235, 160, 170))
    head = _ellipse(cy, cx, r * rng.uniform(0.85, 1.0), r)
    _paint(canvas, head, fur)
    if rng.random() < 0.4:
        stripes = head & (np.sin(_COLS * rng.uniform(0.6, 1.0)) > 0.6) & (_ROWS < cy - 0.2 * r)
        _paint(canvas, stripes, fur * 0.6)
    eye_colour = _jitter(rng, _CAT_EYES[rng.integers(len(_CAT_EYES))], 10)
    for side in (-1, 1):
        ey, ex = cy - 0.15 * r, cx + side * 0.42 * r
        _paint(canvas, _ellipse(ey, ex, 0.2 * r, 0.16 * r), eye_colour)
        _paint(canvas, _ellipse(ey, ex, 0.17 * r, 0.04 * r), (10, 10, 10))
    ny = cy + 0.22 * r
    _paint(canvas, _triangle((ny, cx - 0.12 * r), (ny, cx + 0.12 * r), (ny + 0.14 * r, cx)), (240, 130, 150))
    whisker_colour = (250, 250, 250) if fur.mean() < 128 else (40, 40, 40)
    for side in (-1, 1):
        for tilt in (-0.15, 0.0, 0.15):
            start = (ny + 0.1 * r, cx + side * 0.2 * r)
            end = (ny + 0.1 * r + tilt * r, cx + side * 1.15 * r)
            _paint(canvas, _segment(start, end, 0.8), whisker_colour)


# ---------------------------------------------------------------------------------------------
# Non-cats.


def _draw_dog(canvas, rng):
    r = rng.uniform(13, 19)
    cy, cx = _near_centre(rng, 32), _near_centre(rng, 32)
    fur = _jitter(rng, [(150, 100, 55), (60, 45, 35), (210, 180, 130), (240, 240, 235)][rng.integers(4)])
    ear = fur * rng.uniform(0.5, 0.9)
    for side in (-1, 1):
        _paint(canvas, _ellipse(cy + 0.2 * r, cx + side * 0.95 * r, 0.75 * r, 0.3 * r, side * 0.3), ear)
    _paint(canvas, _ellipse(cy, cx, r, 0.85 * r), fur)
    _paint(canvas, _ellipse(cy + 0.45 * r, cx, 0.4 * r, 0.45 * r), np.clip(fur * 1.2, 0, 255))
    for side in (-1, 1):
        _paint(canvas, _ellipse(cy - 0.2 * r, cx + side * 0.35 * r, 0.12 * r, 0.12 * r), (15, 10, 10))
    _paint(canvas, _ellipse(cy + 0.35 * r, cx, 0.14 * r, 0.2 * r), (20, 15, 15))


def _draw_balls(canvas, rng):
    for _ in range(rng.integers(1, 4)):
        r = rng.uniform(6, 18)
        cy, cx = rng.uniform(r, IMAGE_SIZE - r), rng.uniform(r, IMAGE_SIZE - r)
        colour = rng.uniform(20, 240, 3)
        _paint(canvas, _ellipse(cy, cx, r, r), colour)
        _paint(canvas, _ellipse(cy - 0.4 * r, cx - 0.3 * r, 0.25 * r, 0.2 * r), np.clip(colour + 60, 0, 255))


def _draw_house(canvas, rng):
    width, height = rng.uniform(24, 44), rng.uniform(16, 26)
    left = rng.uniform(2, IMAGE_SIZE - width - 2)
    top = rng.uniform(22, IMAGE_SIZE - height - 1)
    roof_height = rng.uniform(10, 18)
    _paint(canvas, _rectangle(top, left, height, width), rng.uniform(60, 240, 3))
    roof = _triangle((top, left - 3), (top, left + width + 3), (top - roof_height, left + width / 2))
    _paint(canvas, roof, _jitter(rng, (150, 50, 40), 30))
    _paint(canvas, _rectangle(top + height * 0.4, left + width * 0.42, height * 0.6, width * 0.16), (90, 60, 30))
    for offset in (0.12, 0.68):
        _paint(canvas, _rectangle(top + height * 0.25, left + width * offset, height * 0.3, width * 0.2), (170, 210, 240))


def _draw_landscape(canvas, rng):
    horizon = rng.uniform(28, 48)
    hills = horizon + 5 * np.sin(_COLS * rng.uniform(0.05, 0.2) + rng.uniform(0, 6))
    _paint(canvas, _ROWS < hills, _jitter(rng, (120, 180, 235), 25))
    _paint(canvas, _ROWS >= hills, _jitter(rng, (70, 140, 60), 30))
    sun_r = rng.uniform(4, 9)
    _paint(canvas, _ellipse(rng.uniform(sun_r, horizon - sun_r), rng.uniform(8, 56), sun_r, sun_r), (250, 220, 80))


def _draw_flower(canvas, rng):
    cy, cx = rng.uniform(18, 46), rng.uniform(18, 46)
    petal = rng.uniform(60, 255, 3)
    n_petals = rng.integers(5, 9)
    length = rng.uniform(8, 14)
    _paint(canvas, _segment((cy, cx), (IMAGE_SIZE, cx + rng.uniform(-6, 6)), 2.5), (50, 130, 40))
    for k in range(n_petals):
        angle = 2 * np.pi * k / n_petals
        py, px = cy + 0.6 * length * np.sin(angle), cx + 0.6 * length * np.cos(angle)
        _paint(canvas, _ellipse(py, px, 0.25 * length, 0.6 * length, angle), petal)
    _paint(canvas, _ellipse(cy, cx, 0.35 * length, 0.35 * length), (240, 200, 40))


def _draw_car(canvas, rng):
    width = rng.uniform(30, 50)
    left = rng.uniform(2, IMAGE_SIZE - width - 2)
    top = rng.uniform(26, 44)
    body = rng.uniform(30, 240, 3)
    _paint(canvas, _rectangle(top, left, 10, width), body)
    _paint(canvas, _rectangle(top - 8, left + width * 0.25, 8, width * 0.5), body)
    _paint(canvas, _rectangle(top - 6, left + width * 0.3, 5, width * 0.4), (170, 210, 240))
    for wheel_x in (left + width * 0.22, left + width * 0.78):
        _paint(canvas, _ellipse(top + 10, wheel_x, 5, 5), (25, 25, 25))


_NON_CATS = (_draw_dog, _draw_dog, _draw_balls, _draw_house, _draw_landscape, _draw_flower, _draw_car)
