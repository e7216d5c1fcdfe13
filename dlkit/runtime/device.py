"""Where PyTorch code runs, and how every run is made repeatable.

All course code takes its device from :func:`get_device`; nothing else names ``"cuda"`` or
``"cpu"``. Set the environment variable ``DLKIT_DEVICE`` (for example ``cpu`` or ``cuda:1``)
to override the automatic choice.

Example::

    >>> from dlkit.runtime.device import get_device, seed_everything
    >>> seed_everything(0)
    >>> model = torch.nn.Linear(3, 1).to(get_device())
"""
import contextlib
import os
import random

import numpy as np

DEVICE_ENV_VAR = "DLKIT_DEVICE"


def get_device():
    """Return the ``torch.device`` to use: ``$DLKIT_DEVICE`` if set, else CUDA if present, else CPU."""
    import torch  # imported here so that NumPy-only weeks never pay for importing torch

    requested = os.environ.get(DEVICE_ENV_VAR, "").strip()
    if requested:
        device = torch.device(requested)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"{DEVICE_ENV_VAR}={requested!r} but CUDA is not available on this machine")
        return device
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def seed_everything(seed):
    """Seed Python's, NumPy's and (if it is installed) PyTorch's random number generators."""
    random.seed(seed)
    np.random.seed(seed)
    try:
        import torch
    except ImportError:
        return
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


@contextlib.contextmanager
def one_cpu_thread():
    """Run PyTorch on one CPU thread inside the block. For tiny models (the checks' cases)
    several threads only wait for each other, and much longer when other processes share the
    cores."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
