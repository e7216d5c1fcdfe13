"""Image batches as model inputs."""


def flatten_images(images):
    """Turn a batch ``(m, height, width, depth)`` into a design matrix ``(height * width * depth, m)``,
    one image per column, each unrolled in C order (depth fastest)."""
    return images.reshape(images.shape[0], -1).T
