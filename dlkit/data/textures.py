"""Generated textures: the style images of week 10 (nothing downloaded).

- ``"mosaic"``: a stained-glass pattern, Voronoi cells of bright colours with dark leading;
- ``"waves"``: swirling bands of colour, sums of sines warped by other sines.

Each is a float array ``(height, width, 3)`` in ``[0, 1]``, the same for the same seed.
"""
import numpy as np

TEXTURES = ("mosaic", "waves")


def make_texture(kind, height, width, seed=0):
    """A ``(height, width, 3)`` texture of the given kind (one of :data:`TEXTURES`); its
    pattern's scale follows the larger side."""
    rng = np.random.default_rng(seed)
    rows, cols = np.mgrid[0:height, 0:width].astype(float) / max(height, width)
    if kind == "mosaic":
        centres = rng.random((40, 2))
        distances = np.sqrt((rows[..., None] - centres[:, 0]) ** 2 + (cols[..., None] - centres[:, 1]) ** 2)
        nearest = np.sort(distances, axis=-1)
        palette = rng.uniform(0.15, 1.0, (len(centres), 3))
        image = palette[distances.argmin(axis=-1)]
        image[nearest[..., 1] - nearest[..., 0] < 0.012] = 0.08  # the lead between the panes
        return image
    if kind == "waves":
        warp = 0.15 * np.sin(2 * np.pi * (3 * rows + rng.random())) + 0.1 * np.sin(2 * np.pi * (5 * cols + rng.random()))
        phase = 2 * np.pi * (4 * (cols + warp) + 2 * (rows - warp))
        bands = np.stack([np.sin(phase + shift) for shift in rng.uniform(0, 2 * np.pi, 3)], axis=-1)
        return 0.5 + 0.45 * bands * rng.uniform(0.6, 1.0, 3)
    raise ValueError(f"unknown texture {kind!r}: the textures are {', '.join(TEXTURES)}")
