"""Face recognition by metric learning (reference implementations, week 9).

:class:`FaceEncoder` maps a face to a point on the unit sphere; :func:`triplet_loss` trains it
so that photos of one person land closer together than photos of two people, by a margin.
Triplets are mined inside each batch (:func:`mine_triplets`) from batches that hold several
photos of several people (:class:`IdentityBatches`). :func:`img_to_encoding`, :func:`verify`
and :func:`who_is_it` use a trained encoder as the classic assignment does.
"""
import numpy as np
import torch
from torch import nn


class FaceEncoder(nn.Module):
    """Three 3x3 convolutions with batch norm and ReLU, each followed by a 2x2 max pool, then a
    linear layer to ``embedding_dim`` numbers, scaled to length 1.

    Args:
        embedding_dim: size of the encoding (default 32).
        width: channels of the first convolution; the others have 2x and 4x as many (default 16).

    Shape:
        - Input: ``(N, 3, 32, 32)``, pixel values in ``[0, 1]``.
        - Output: ``(N, embedding_dim)``, each row of length 1.

    Example::

        >>> FaceEncoder()(torch.zeros(2, 3, 32, 32)).shape
        torch.Size([2, 32])
    """

    def __init__(self, embedding_dim=32, width=16):
        super().__init__()
        layers, channels = [], 3
        for out in (width, 2 * width, 4 * width):
            layers += [nn.Conv2d(channels, out, 3, padding=1), nn.BatchNorm2d(out), nn.ReLU(), nn.MaxPool2d(2)]
            channels = out
        self.features = nn.Sequential(*layers)
        self.embed = nn.Linear(channels * 4 * 4, embedding_dim)

    def forward(self, x):
        return nn.functional.normalize(self.embed(torch.flatten(self.features(x), 1)), dim=1)


def triplet_loss(anchor, positive, negative, alpha=0.2):
    """``sum_i max(||f(A_i) - f(P_i)||^2 - ||f(A_i) - f(N_i)||^2 + alpha, 0)``.

    Args:
        anchor, positive, negative: encodings ``(m, d)``.
        alpha: the margin.

    Returns:
        A tensor holding one number (differentiable).
    """
    positive_distance = ((anchor - positive) ** 2).sum(dim=1)
    negative_distance = ((anchor - negative) ** 2).sum(dim=1)
    return torch.clamp(positive_distance - negative_distance + alpha, min=0).sum()


class IdentityBatches:
    """Batches of example indices, each with ``photos_per_person`` photos of each of
    ``people_per_batch`` people, so that every anchor has positives and negatives in its batch.
    One pass gives every photo once (those left over after the last full group aside); each
    pass draws new groups. Pass as ``DataLoader(..., batch_sampler=...)``."""

    def __init__(self, identities, people_per_batch, photos_per_person, seed):
        self.by_person = [np.flatnonzero(identities == person) for person in np.unique(identities)]
        self.people_per_batch, self.photos_per_person = people_per_batch, photos_per_person
        self.rng = np.random.default_rng(seed)

    def __len__(self):
        rounds = min(len(photos) for photos in self.by_person) // self.photos_per_person
        return rounds * (len(self.by_person) // self.people_per_batch)

    def __iter__(self):
        shuffled = [self.rng.permutation(photos) for photos in self.by_person]
        rounds = min(len(photos) for photos in shuffled) // self.photos_per_person
        for r in range(rounds):
            people = self.rng.permutation(len(shuffled))
            for start in range(0, len(people) - self.people_per_batch + 1, self.people_per_batch):
                chunk = slice(r * self.photos_per_person, (r + 1) * self.photos_per_person)
                yield np.concatenate([shuffled[p][chunk] for p in people[start:start + self.people_per_batch]]).tolist()


def mine_triplets(embeddings, identities):
    """Triplets ``(anchors, positives, negatives)`` (index tensors) for a batch: every
    anchor-positive pair, with FaceNet's *semi-hard* negative — the closest negative that is
    still farther from the anchor than the positive — or the closest negative if none is."""
    with torch.no_grad():
        distances = torch.cdist(embeddings, embeddings) ** 2
    same = identities[:, None] == identities[None, :]
    pairs = same & ~torch.eye(len(identities), dtype=torch.bool, device=same.device)
    anchors, positives = torch.nonzero(pairs, as_tuple=True)
    to_negatives = distances[anchors].masked_fill(same[anchors], float("inf"))
    semi_hard = to_negatives.masked_fill(to_negatives <= distances[anchors, positives][:, None], float("inf"))
    has_semi_hard = torch.isfinite(semi_hard.min(dim=1).values)
    negatives = torch.where(has_semi_hard, semi_hard.argmin(dim=1), to_negatives.argmin(dim=1))
    return anchors, positives, negatives


def triplet_step(loss_function=triplet_loss, alpha=0.2):
    """A ``step`` for :func:`dlkit.nets.training.train_classifier` that trains an encoder with
    ``loss_function`` on the triplets mined in each batch of ``(images, identities)``; the
    loss is divided by the number of triplets. Returns the mean loss per triplet."""
    def step(model, x, identities, optimizer):
        optimizer.zero_grad()
        embeddings = model(x)
        anchors, positives, negatives = mine_triplets(embeddings, identities)
        loss = loss_function(embeddings[anchors], embeddings[positives], embeddings[negatives], alpha) / len(anchors)
        loss.backward()
        optimizer.step()
        return float(loss.item())
    return step


@torch.no_grad()
def img_to_encoding(image, model):
    """The encoding of one photo: ``uint8`` ``(32, 32, 3)`` to a NumPy array ``(d,)``.

    The pixels are scaled to ``[0, 1]``, put channels first in a batch of one, and the model
    runs in evaluation mode on the device its parameters are on.
    """
    model.eval()
    device = next(model.parameters()).device
    x = torch.as_tensor(np.asarray(image), dtype=torch.float32).permute(2, 0, 1)[None] / 255.0
    return model(x.to(device))[0].cpu().numpy()


def verify(image, identity, database, model, threshold=0.7):
    """Is the person in ``image`` who they claim to be? ``database`` maps names to encodings.

    Returns:
        ``(dist, door_open)``: the distance ``||encoding - database[identity]||`` (not squared)
        and whether it is below ``threshold``.
    """
    dist = float(np.linalg.norm(img_to_encoding(image, model) - database[identity]))
    return dist, dist < threshold


def who_is_it(image, database, model):
    """The closest person of ``database`` to the face in ``image``.

    Returns:
        ``(min_dist, identity)``: the smallest distance and the name it belongs to (the first
        name in the database's order on a tie).
    """
    encoding = img_to_encoding(image, model)
    min_dist, identity = float("inf"), None
    for name, known in database.items():
        dist = float(np.linalg.norm(encoding - known))
        if dist < min_dist:
            min_dist, identity = dist, name
    return min_dist, identity
