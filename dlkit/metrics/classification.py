"""Classification metrics."""
import numpy as np


def accuracy(predictions, labels):
    """Percentage (0 to 100) of ``predictions`` equal to ``labels``.

    Both hold class labels, as NumPy arrays, torch tensors or lists of the same size; their
    shapes may differ (``(1, m)`` against ``(m,)``), since only the labels are compared.

    Example::

        >>> accuracy(np.array([[1, 0, 1, 1]]), np.array([1, 0, 0, 1]))
        75.0
    """
    predictions, labels = _flat(predictions), _flat(labels)
    if predictions.size != labels.size:
        raise ValueError(f"{predictions.size} predictions for {labels.size} labels")
    return 100.0 * float(np.mean(predictions == labels))


def _flat(values):
    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    return np.ravel(np.asarray(values))
