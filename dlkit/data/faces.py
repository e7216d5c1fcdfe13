"""Synthetic faces: procedural identities photographed many times (week 9).

An *identity* is a set of traits drawn once: the face's width and length, skin, hair and eye
colours, the hair line and a fringe or not, the eyes' spacing, height and size, the brows'
thickness, the nose's length and the mouth's width. Each *photo* of an identity renders it with
its own pose (shift, tilt, scale), lighting (brightness and a light coming from one side), and
expression (smile or frown, raised brows, eyes more or less open) on a plain background, plus
pixel noise. Two photos of one person differ; two people differ more — in traits, not in pose.

Training identities come from seed 1, held-out identities (never seen in training) from seed 2.
"""
from typing import NamedTuple

import numpy as np

FACE_SIZE = 32
FACES_TRAIN = {"n_identities": 80, "photos_per_identity": 16, "seed": 1}
FACES_TEST = {"n_identities": 24, "photos_per_identity": 10, "seed": 2}

_SKIN = np.array([(255, 219, 172), (241, 194, 125), (224, 172, 105), (198, 134, 66), (141, 85, 36), (92, 58, 30)], float)
_HAIR = np.array([(20, 15, 10), (70, 45, 25), (140, 90, 40), (220, 190, 120), (150, 150, 150), (160, 50, 20)], float)
_EYES = np.array([(60, 40, 20), (40, 90, 160), (60, 120, 70), (30, 30, 30)], float)


class FaceDataset(NamedTuple):
    """``images``: ``uint8`` ``(m, 32, 32, 3)``; ``identities``: ``int64`` ``(m,)``, which
    identity each photo shows (numbered from 0 within the split)."""

    images: np.ndarray
    identities: np.ndarray


def load_faces(split="train"):
    """The ``"train"`` split (80 identities x 16 photos) or the ``"test"`` split (24 other
    identities x 10 photos), as a :class:`FaceDataset`."""
    splits = {"train": FACES_TRAIN, "test": FACES_TEST}
    if split not in splits:
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    return make_faces(**splits[split])


def random_identity(rng):
    """The traits of one person, as a dict of numbers and colours."""
    return {
        "width": rng.uniform(8.0, 11.0), "length": rng.uniform(10.5, 13.5),
        "skin": np.clip(_SKIN[rng.integers(len(_SKIN))] * rng.uniform(0.9, 1.08) + rng.normal(0, 6, 3), 0, 255),
        "hair": np.clip(_HAIR[rng.integers(len(_HAIR))] + rng.normal(0, 10, 3), 0, 255),
        "eye_colour": _EYES[rng.integers(len(_EYES))],
        "hair_line": rng.uniform(-9.5, -5.0), "fringe": bool(rng.random() < 0.4),
        "eye_spacing": rng.uniform(3.0, 5.0), "eye_height": rng.uniform(-3.0, -0.5), "eye_size": rng.uniform(1.0, 1.8),
        "brow_thickness": rng.uniform(0.5, 1.4), "nose_length": rng.uniform(2.0, 4.5), "mouth_width": rng.uniform(2.5, 5.0),
    }


def render_face(person, rng):
    """One photo ``(32, 32, 3)`` ``uint8`` of ``person`` with random pose, lighting and expression."""
    rows, cols = np.mgrid[0:FACE_SIZE, 0:FACE_SIZE].astype(float)
    angle, scale = np.deg2rad(rng.uniform(-10, 10)), rng.uniform(0.92, 1.08)
    cy, cx = 16 + rng.uniform(-1.5, 1.5), 16 + rng.uniform(-1.5, 1.5)
    dy, dx = rows - cy, cols - cx
    u = (np.cos(angle) * dx + np.sin(angle) * dy) / scale  # face frame: u to the right, v down
    v = (-np.sin(angle) * dx + np.cos(angle) * dy) / scale
    canvas = np.broadcast_to(rng.uniform(90, 230, 3), (FACE_SIZE, FACE_SIZE, 3)).copy()

    face = (u / person["width"]) ** 2 + (v / person["length"]) ** 2 <= 1
    hair = ((u / (person["width"] + 1.2)) ** 2 + ((v + 1.0) / (person["length"] + 1.5)) ** 2 <= 1) & (v < person["hair_line"] + 3)
    canvas[hair] = person["hair"]
    canvas[face] = person["skin"]
    canvas[face & (v < person["hair_line"])] = person["hair"]
    if person["fringe"]:
        canvas[face & (v < person["hair_line"] + 2.5) & (u < 0)] = person["hair"]

    smile, brow_raise, openness = rng.uniform(-0.6, 0.6), rng.uniform(0, 1.0), rng.uniform(0.5, 1.0)
    for side in (-1, 1):
        ex, ey = side * person["eye_spacing"], person["eye_height"]
        eye = ((u - ex) / person["eye_size"]) ** 2 + ((v - ey) / (person["eye_size"] * openness)) ** 2 <= 1
        canvas[eye] = person["eye_colour"]
        brow_v = ey - person["eye_size"] - 1.2 - brow_raise
        brow = (np.abs(u - ex) <= person["eye_size"] + 0.8) & (np.abs(v - brow_v) <= person["brow_thickness"] / 2 + 0.25)
        canvas[brow] = person["hair"] * 0.8
    nose = (np.abs(u) <= 0.7) & (v >= person["eye_height"] + 0.5) & (v <= person["eye_height"] + 0.5 + person["nose_length"])
    canvas[nose] = person["skin"] * 0.8
    mouth_v = person["eye_height"] + person["nose_length"] + 3.0 - smile * (1 - (u / person["mouth_width"]) ** 2)
    canvas[(np.abs(u) <= person["mouth_width"]) & (np.abs(v - mouth_v) <= 0.6)] = (150, 40, 50)

    light = rng.uniform(0.75, 1.2) * (1 + rng.uniform(-0.2, 0.2) * (cols - 16) / 16)
    canvas = canvas * light[..., None] + rng.normal(0, 5, canvas.shape)
    return np.clip(canvas, 0, 255).astype(np.uint8)


def make_faces(n_identities, photos_per_identity, seed):
    """``photos_per_identity`` photos of each of ``n_identities`` new identities, identity by
    identity, as a :class:`FaceDataset`."""
    rng = np.random.default_rng(seed)
    people = [random_identity(rng) for _ in range(n_identities)]
    images = np.stack([render_face(person, rng) for person in people for _ in range(photos_per_identity)])
    return FaceDataset(images, np.repeat(np.arange(n_identities, dtype=np.int64), photos_per_identity))
