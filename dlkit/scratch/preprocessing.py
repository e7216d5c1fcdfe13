"""Reshaping and normalising inputs before they reach a model."""
import numpy as np


def image2vector(image):
    """Unroll an image ``(height, width, depth)`` into a column vector ``(height * width * depth, 1)``.

    Pixels are read in C order (depth fastest), the same order ``flatten_images`` uses.
    """
    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)


def flatten_images(images):
    """Turn a batch ``(m, height, width, depth)`` into a design matrix ``(height * width * depth, m)``."""
    return images.reshape(images.shape[0], -1).T


def normalize_rows(x):
    """Divide each row of ``x`` ``(m, n)`` by its Euclidean norm, so that every row has length 1."""
    return x / np.linalg.norm(x, axis=1, keepdims=True)
