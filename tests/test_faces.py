"""Week 9: the faces data, triplet mining, identity batches and the verification metrics."""
import numpy as np
import pytest
import torch

from dlkit.data.faces import load_faces, make_faces
from dlkit.metrics import roc_auc, roc_curve
from dlkit.nets.faces import FaceEncoder, IdentityBatches, mine_triplets, triplet_loss


def test_the_faces_split_people_not_photos():
    train, test = load_faces("train"), load_faces("test")
    assert train.images.shape == (1280, 32, 32, 3) and test.images.shape == (240, 32, 32, 3)
    assert np.bincount(train.identities).tolist() == [16] * 80
    assert np.array_equal(make_faces(24, 10, seed=2).images, test.images)
    with pytest.raises(ValueError, match="split must be"):
        load_faces("validation")


def test_photos_of_one_person_are_closer_in_pixels_than_photos_of_two():
    faces = make_faces(10, 6, seed=5)
    pixels = faces.images.reshape(len(faces.images), -1).astype(float)
    distances = np.linalg.norm(pixels[:, None] - pixels[None], axis=2)
    same = faces.identities[:, None] == faces.identities[None]
    off_diagonal = ~np.eye(len(pixels), dtype=bool)
    assert distances[same & off_diagonal].mean() < distances[~same].mean()


def test_identity_batches_cover_every_photo_once_with_groups_of_a_person():
    identities = np.repeat(np.arange(10), 8)
    sampler = IdentityBatches(identities, people_per_batch=5, photos_per_person=4, seed=0)
    batches = list(sampler)
    assert len(batches) == len(sampler) == 4
    assert sorted(i for batch in batches for i in batch) == list(range(80))
    for batch in batches:
        assert sorted(np.bincount(identities[batch]).tolist())[-5:] == [4] * 5
    assert list(sampler) != batches  # a new draw each pass


def test_mined_negatives_are_semi_hard_when_possible():
    embeddings = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 1.5], [0.0, 3.0], [0.0, 0.5]])
    identities = torch.tensor([0, 0, 1, 1, 2])
    anchors, positives, negatives = mine_triplets(embeddings, identities)
    chosen = {(int(a), int(p)): int(n) for a, p, n in zip(anchors, positives, negatives)}
    assert chosen[(0, 1)] == 2  # d(A,P) = 1: the closest negative beyond it (2.25), not the closer 4 (0.25)
    assert chosen[(3, 2)] == 4  # beyond d(A,P) = 2.25: 4 at 6.25, 0 at 9, 1 at 10; the closest
    assert len(chosen) == 4 and all(identities[n] != identities[a] for (a, _), n in chosen.items())


def test_triplet_loss_has_gradients_only_where_the_margin_is_missed():
    anchor = torch.zeros(2, 2, requires_grad=True)
    positive = torch.tensor([[0.5 ** 0.5, 0.0], [0.5 ** 0.5, 0.0]])
    negative = torch.tensor([[0.0, 0.6 ** 0.5], [0.0, 1.0]])
    loss = triplet_loss(anchor, positive, negative)
    loss.backward()
    assert loss.item() == pytest.approx(0.1, abs=1e-6)
    assert anchor.grad[1].abs().sum() == 0 and anchor.grad[0].abs().sum() > 0


def test_encodings_have_length_one():
    encodings = FaceEncoder()(torch.rand(3, 3, 32, 32))
    assert torch.allclose(encodings.norm(dim=1), torch.ones(3))


def test_roc_auc_is_the_probability_that_a_same_pair_is_closer():
    rng = np.random.default_rng(0)
    distances = np.round(rng.random(200), 2)  # with ties
    same = rng.random(200) < 0.3
    close, far = distances[same], distances[~same]
    expected = np.mean((close[:, None] < far[None]) + 0.5 * (close[:, None] == far[None]))
    assert roc_auc(distances, same) == pytest.approx(expected)
    false_positive_rates, true_positive_rates, thresholds = roc_curve(distances, same)
    assert (false_positive_rates[0], true_positive_rates[0]) == (0, 0) and (false_positive_rates[-1], true_positive_rates[-1]) == (1, 1)
    assert np.all(np.diff(thresholds) > 0)
