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


def plot_points(X, Y, ax=None, title=""):
    """Scatter the 2-D points ``X`` ``(2, m)`` coloured by their 0/1 labels ``Y`` ``(1, m)``
    (red for 0, blue for 1); returns the axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap="coolwarm_r", s=12, edgecolors="k", linewidths=0.3)
    ax.set_title(title)
    return ax


def plot_decision_boundary(predict, X, Y, ax=None, title="", resolution=300):
    """Shade the regions a classifier labels 0 and 1, and scatter the points on top.

    ``predict`` maps an array ``(2, k)`` of points to labels ``(1, k)``; ``X`` is ``(2, m)`` and
    ``Y`` ``(1, m)``. Returns the axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    margin = 0.5
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    labels = np.asarray(predict(np.vstack([xx.ravel(), yy.ravel()]))).reshape(xx.shape)
    ax.contourf(xx, yy, labels, levels=[-0.5, 0.5, 1.5], colors=["#f4b6b6", "#b6cdf4"], alpha=0.8)
    plot_points(X, Y, ax, title)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    return ax
