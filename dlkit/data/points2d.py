"""2-D point clouds with binary labels, for models whose decision boundary can be drawn.

Every generator returns ``X`` ``(2, m)`` (examples are columns, as in the NumPy weeks) and
``Y`` ``(1, m)`` of 0/1 ``int64`` labels, from a fixed default seed.
"""
import numpy as np


def make_flower(m=400, petals=4, noise=0.2, seed=1):
    """The planar "flower": ``petals`` petals of alternating colour, ``m`` points in all.

    Not linearly separable: logistic regression stays near chance, a small tanh network
    follows the petals.
    """
    rng = np.random.default_rng(seed)
    per_class = m // 2
    X = np.zeros((m, 2))
    Y = np.zeros(m, dtype=np.int64)
    max_radius = 4.0
    for label in range(2):
        rows = slice(per_class * label, per_class * (label + 1))
        angle = np.linspace(label * 3.12, (label + 1) * 3.12, per_class) + rng.normal(0, noise, per_class)
        radius = max_radius * np.sin(petals * angle) + rng.normal(0, noise, per_class)
        X[rows] = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
        Y[rows] = label
    return X.T, Y[np.newaxis, :]


def make_moons(m=300, noise=0.2, seed=3):
    """Two interleaving half circles ("moons"), ``m`` points, Gaussian ``noise``."""
    rng = np.random.default_rng(seed)
    outer, inner = m // 2, m - m // 2
    t_outer, t_inner = np.linspace(0, np.pi, outer), np.linspace(0, np.pi, inner)
    X = np.vstack([
        np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
        np.column_stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)]),
    ])
    X += rng.normal(0, noise, X.shape)
    Y = np.concatenate([np.zeros(outer, dtype=np.int64), np.ones(inner, dtype=np.int64)])
    order = rng.permutation(m)
    return X[order].T, Y[order][np.newaxis, :]


def make_circles(m=300, factor=0.5, noise=0.08, seed=1):
    """A ring of label 0 around a smaller ring of label 1 (radius ratio ``factor``)."""
    rng = np.random.default_rng(seed)
    outer, inner = m // 2, m - m // 2
    t_outer = rng.uniform(0, 2 * np.pi, outer)
    t_inner = rng.uniform(0, 2 * np.pi, inner)
    X = np.vstack([
        np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
        factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)]),
    ])
    X += rng.normal(0, noise, X.shape)
    Y = np.concatenate([np.zeros(outer, dtype=np.int64), np.ones(inner, dtype=np.int64)])
    order = rng.permutation(m)
    return X[order].T, Y[order][np.newaxis, :]


def make_field(m_train=211, m_test=200, label_noise=0.08, seed=2):
    """Noisy 2-D "field" data: where on a football field the goalkeeper's kick is headed by
    the own team (1) or the other team (0).

    The true boundary is a wavy curve; ``label_noise`` of the labels are flipped, which a large
    network overfits unless regularised. Returns ``(train_X, train_Y, test_X, test_Y)``.
    """
    rng = np.random.default_rng(seed)

    def draw(m):
        X = rng.uniform(-0.75, 0.75, (2, m)) * np.array([[1.0], [0.8]])
        boundary = 0.25 * np.sin(5 * X[0]) + 0.15 * X[0]
        Y = (X[1] > boundary).astype(np.int64)
        flip = rng.random(m) < label_noise
        Y[flip] = 1 - Y[flip]
        return X, Y[np.newaxis, :]

    train_X, train_Y = draw(m_train)
    test_X, test_Y = draw(m_test)
    return train_X, train_Y, test_X, test_Y
