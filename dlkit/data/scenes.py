"""Scenes of coloured shapes with bounding boxes: the object-detection data of week 8.

Each 64 x 64 image holds one to four objects of three classes — circle, square, triangle — of
different sizes and colours, which may overlap a little, on a cluttered background (colour
gradient, faint blobs and zero to two *distractors*: crosses and rings, which are not objects
to detect). Each object comes with its box ``(x1, y1, x2, y2)`` in pixels, the tight box of its
pixels (``x2`` and ``y2`` exclusive), and its label. The training split is drawn from seed 1,
the test split from seed 2.
"""
from typing import NamedTuple

import numpy as np

from dlkit.data.shapes import background, shape_mask

SCENE_SIZE = 64
SCENE_CLASSES = ("circle", "square", "triangle")
DISTRACTORS = ("cross", "ring")
SCENES_TRAIN = {"n_images": 2400, "seed": 1}
SCENES_TEST = {"n_images": 300, "seed": 2}
MAX_OVERLAP = 0.25  # the largest IoU between two objects' boxes in one scene


class SceneDataset(NamedTuple):
    """``images``: ``uint8`` ``(m, 64, 64, 3)``; ``boxes[i]``: ``float`` ``(k_i, 4)`` boxes
    ``(x1, y1, x2, y2)`` in pixels; ``labels[i]``: ``int64`` ``(k_i,)``; ``classes[label]``
    names a label."""

    images: np.ndarray
    boxes: list
    labels: list
    classes: tuple


def load_scenes(split="train"):
    """The ``"train"`` (2,400 scenes) or ``"test"`` (300 scenes) split, as a :class:`SceneDataset`."""
    splits = {"train": SCENES_TRAIN, "test": SCENES_TEST}
    if split not in splits:
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    return make_scenes(**splits[split])


def _box_iou(a, b):
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _place(rng, kind, placed, scale):
    """A mask of ``kind`` whose box overlaps no box of ``placed`` by more than MAX_OVERLAP."""
    for _ in range(50):
        radius = rng.uniform(5, 13) * scale
        center = rng.uniform(radius * 0.7, SCENE_SIZE - radius * 0.7, 2)
        mask = shape_mask(kind, center, radius, rng.uniform(0, 2 * np.pi), SCENE_SIZE)
        rows, cols = np.nonzero(mask)
        if rows.size < 12:
            continue
        box = (float(cols.min()), float(rows.min()), float(cols.max() + 1), float(rows.max() + 1))
        if all(_box_iou(box, other) <= MAX_OVERLAP for other in placed):
            return mask, box
    return None, None


def make_scenes(n_images, seed):
    """Draw ``n_images`` scenes (see the module's description) as a :class:`SceneDataset`."""
    rng = np.random.default_rng(seed)
    images = np.empty((n_images, SCENE_SIZE, SCENE_SIZE, 3), dtype=np.uint8)
    all_boxes, all_labels = [], []
    for i in range(n_images):
        canvas = background(rng, SCENE_SIZE)
        for _ in range(int(rng.integers(0, 3))):
            mask, _ = _place(rng, DISTRACTORS[rng.integers(len(DISTRACTORS))], [], 0.6)
            canvas[mask] = 0.6 * canvas[mask] + 0.4 * rng.uniform(0, 255, 3)
        boxes, labels = [], []
        for _ in range(int(rng.integers(1, 5))):
            label = int(rng.integers(len(SCENE_CLASSES)))
            mask, box = _place(rng, SCENE_CLASSES[label], boxes, 1.0)
            if mask is None:
                continue
            colour = rng.uniform(0, 255, 3)
            if np.abs(colour - canvas[mask].mean(axis=0)).sum() < 150:
                colour = 255 - colour
            canvas[mask] = colour
            boxes.append(box)
            labels.append(label)
        images[i] = np.clip(canvas + 6.0 * rng.standard_normal(canvas.shape), 0, 255).astype(np.uint8)
        all_boxes.append(np.array(boxes, dtype=float).reshape(-1, 4))
        all_labels.append(np.array(labels, dtype=np.int64))
    return SceneDataset(images, all_boxes, all_labels, SCENE_CLASSES)
