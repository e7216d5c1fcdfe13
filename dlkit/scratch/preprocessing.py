"""Reshaping and normalising arrays (NumPy references of week 1)."""
import numpy as np


def image2vector(image):
    """Unroll an image ``(height, width, depth)`` into a column vector ``(height * width * depth, 1)``.

    Pixels are read in C order (depth fastest), the same order :func:`dlkit.data.images.flatten_images` uses.
    """
    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)


def normalize_rows(x):
    """Divide each row of ``x`` ``(m, n)`` by its Euclidean norm, so that every row has length 1."""
    return x / np.linalg.norm(x, axis=1, keepdims=True)
