"""Image batches as model inputs, and the one photograph the course uses."""
import numpy as np


def flatten_images(images):
    """Turn a batch ``(m, height, width, depth)`` into a design matrix ``(height * width * depth, m)``,
    one image per column, each unrolled in C order (depth fastest)."""
    return images.reshape(images.shape[0], -1).T


def standardized_channels_first(train, test):
    """Inputs for a convolutional network from ``(m, H, W, C)`` images in ``[0, 1]``:
    ``(X_train, X_test)``, ``float32`` ``(m, C, H, W)`` (channels first, as PyTorch wants them).
    Each channel is standardised with the *training* set's mean and standard deviation over all
    its pixels, for both splits."""
    mean, std = train.mean(axis=(0, 1, 2)), train.std(axis=(0, 1, 2))
    return tuple(np.ascontiguousarray(((x - mean) / std).transpose(0, 3, 1, 2), dtype=np.float32) for x in (train, test))


def load_grace_hopper(gray=False, step=1):
    """The photograph of Grace Hopper that ships with matplotlib (nothing is downloaded), as
    floats in ``[0, 1]``: ``(600, 512, 3)``, or ``(600, 512)`` in gray levels when ``gray``;
    ``step`` keeps every ``step``-th row and column (``step=4`` gives ``(150, 128)``)."""
    import matplotlib.cbook
    import matplotlib.pyplot as plt

    photo = plt.imread(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) / 255.0
    if gray:
        photo = photo @ np.array([0.299, 0.587, 0.114])
    return photo[::step, ::step]
