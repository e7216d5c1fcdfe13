"""Week 9: face recognition.

``triplet_loss`` is checked on random encodings (and the lectures' margin example);
``img_to_encoding``, ``verify`` and ``who_is_it`` receive a small :class:`FaceEncoder` with the
case's weights, built in the kernel from plain data; ``verify`` and ``who_is_it`` are checked
with the reference ``img_to_encoding`` standing in for the student's.

This module imports torch; the registry loads it only when a week-9 key is looked up.
"""
import numpy as np
import torch

from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec, TrainingCall, random_weights, with_weights
from dlkit.nets import faces

ENCODER = {"embedding_dim": 8, "width": 4}  # small: the checks build many


def _encodings(rng, m, d):
    x = rng.normal(0, 1, (m, d))
    return torch.as_tensor(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=torch.float32)


def _triplet_args(rng):
    m, d = int(rng.integers(1, 9)), int(rng.integers(2, 9))
    return _encodings(rng, m, d), _encodings(rng, m, d), _encodings(rng, m, d), float(rng.uniform(0.05, 1.0))


def _margin_example():
    """The lectures' example: d(A, P) = 0.5 and alpha = 0.2 ask for d(A, N) >= 0.7 (squared
    distances); here d(A, N) = 0.7 (no loss) and 0.6 (a loss of 0.1)."""
    anchor = torch.zeros(2, 2)
    positive = torch.tensor([[0.5 ** 0.5, 0.0], [0.5 ** 0.5, 0.0]])
    negative = torch.tensor([[0.0, 0.7 ** 0.5], [0.0, 0.6 ** 0.5]])
    return anchor, positive, negative


register(FunctionSpec(
    key="week09.triplet_loss",
    reference=faces.triplet_loss,
    examples=lambda: (_margin_example(), _margin_example() + (0.3,)),
    random_args=_triplet_args,
    rtol=1e-5,
    atol=1e-6,
))


def _weights(rng):
    return random_weights(_checks_encoder, rng, 0.4)


def _checks_encoder():
    return faces.FaceEncoder(**ENCODER)


def _encoder(weights):
    return with_weights(_checks_encoder, weights)


def _photo(rng):
    return rng.integers(0, 256, (32, 32, 3)).astype(np.uint8)


def _database(rng, weights, image, claimed=None):
    """Names to encodings; the photo's own encoding, slightly moved, under one name half of the time."""
    names = [f"person {k}" for k in rng.permutation(int(rng.integers(2, 7)))]
    database = {name: _encodings(rng, 1, ENCODER["embedding_dim"]).numpy()[0] for name in names}
    if rng.random() < 0.5:
        own = faces.img_to_encoding(image, _encoder(weights)) + rng.normal(0, 0.15, ENCODER["embedding_dim"])
        database[claimed or names[int(rng.integers(len(names)))]] = (own / np.linalg.norm(own)).astype(np.float32)
    return database


def _encoding_call(image, weights):
    model = _encoder(weights)
    return (image, model), model


register(FunctionSpec(
    key="week09.img_to_encoding",
    reference=faces.img_to_encoding,
    call=TrainingCall(_encoding_call),
    random_args=lambda rng: (_photo(rng), _weights(rng)),
    rtol=1e-4,
    atol=1e-5,
))


def _verify_args(rng):
    image, weights = _photo(rng), _weights(rng)
    database = _database(rng, weights, image)
    identity = list(database)[int(rng.integers(len(database)))]
    return image, identity, database, weights, float(rng.uniform(0.3, 1.3))


def _verify_example():
    rng = np.random.default_rng(9)
    image, weights = _photo(rng), _weights(rng)
    database = _database(rng, weights, image)
    return image, list(database)[-1], database, weights, 0.9


def _verify_call(image, identity, database, weights, threshold):
    model = _encoder(weights)
    return (image, identity, database, model, threshold), model


register(FunctionSpec(
    key="week09.verify",
    reference=faces.verify,
    call=TrainingCall(_verify_call),
    # A claim of the database's last person: not the first one's.
    examples=lambda: (_verify_example(),),
    random_args=_verify_args,
    uses=("week09.img_to_encoding",),
    rtol=1e-4,
    atol=1e-5,
))


def _who_args(rng):
    image, weights = _photo(rng), _weights(rng)
    return image, _database(rng, weights, image), weights


def _who_call(image, database, weights):
    model = _encoder(weights)
    return (image, database, model), model


register(FunctionSpec(
    key="week09.who_is_it",
    reference=faces.who_is_it,
    call=TrainingCall(_who_call),
    random_args=_who_args,
    uses=("week09.img_to_encoding",),
    rtol=1e-4,
    atol=1e-5,
))
