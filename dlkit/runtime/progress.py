"""The course's one progress bar: a thin wrapper around ``tqdm``.

The bar is written to standard output. tqdm's default is standard error, and nbgrader scores a
test cell that writes anything to standard error as failed, so no course code calls ``tqdm``
directly. Set the environment variable ``DLKIT_PROGRESS=0`` to turn every bar off (the
autograder does not need them); ``enabled=False`` turns off one bar.

Example::

    >>> for epoch in progress(range(100), "epochs"):
    ...     train_one_epoch()
"""
import os
import sys

from tqdm import tqdm

PROGRESS_ENV_VAR = "DLKIT_PROGRESS"


def progress_enabled():
    """False when ``$DLKIT_PROGRESS`` is ``0``, ``false``, ``no`` or ``off``; True otherwise."""
    return os.environ.get(PROGRESS_ENV_VAR, "1").strip().lower() not in {"0", "false", "no", "off"}


def progress(iterable, description="", enabled=True, **tqdm_options):
    """Iterate over ``iterable`` while showing a progress bar on standard output.

    ``description`` labels the bar; ``tqdm_options`` go to ``tqdm`` (``total=``, ``leave=``...).
    With ``enabled=False`` or ``DLKIT_PROGRESS=0`` the bar is not shown at all.
    """
    options = {"file": sys.stdout, "mininterval": 0.5, "dynamic_ncols": False, "ncols": 80}
    options.update(tqdm_options)
    return tqdm(iterable, desc=description, disable=not (enabled and progress_enabled()), **options)
