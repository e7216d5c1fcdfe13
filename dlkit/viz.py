"""Plotting helpers shared by the notebooks (matplotlib)."""
import matplotlib.pyplot as plt
import numpy as np


def show_images(images, titles=(), n_columns=8, size=1.6):
    """Show a grid of RGB images ``(m, height, width, 3)`` with optional titles; returns the figure."""
    n_rows = max(1, int(np.ceil(len(images) / n_columns)))
    fig, axes = plt.subplots(n_rows, n_columns, figsize=(size * n_columns, size * 1.4 * n_rows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < len(images):
            ax.imshow(images[i])
            if i < len(titles):
                ax.set_title(titles[i], fontsize=8)
    fig.tight_layout()
    return fig


def plot_learning_curves(curves, every=100, ylabel="cost"):
    """Plot one or more cost curves recorded once every ``every`` iterations.

    ``curves`` maps a legend label to a sequence of costs; returns the figure.
    """
    fig, ax = plt.subplots(figsize=(6, 4))
    for label, costs in curves.items():
        ax.plot(np.arange(len(costs)) * every, costs, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel(ylabel)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def show_misclassified(images, labels, predictions, classes, max_images=16):
    """Show the images whose prediction differs from the label, titled "predicted / true".

    ``images`` is ``(m, height, width, 3)``; ``labels`` and ``predictions`` are ``(1, m)``.
    Returns the figure, or ``None`` when every image is classified correctly.
    """
    labels, predictions = np.ravel(labels).astype(int), np.ravel(predictions).astype(int)
    wrong = np.flatnonzero(labels != predictions)[:max_images]
    if wrong.size == 0:
        return None
    titles = [f"said {classes[predictions[i]]}\nis {classes[labels[i]]}" for i in wrong]
    return show_images(images[wrong], titles, n_columns=min(8, wrong.size))
