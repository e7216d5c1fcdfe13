"""Week-1 training step: the NumPy reference vs the same computation in PyTorch.

    .venv/bin/python benchmarks/logistic_numpy_vs_torch.py [--iterations 2000]

Trains logistic regression on the cat images with `dlkit.scratch.logistic.optimize` (NumPy, float64)
and with the same update written in torch on `dlkit.runtime.device.get_device()` (float64 too, so the
results can be compared), checks that both reach the same weights, and prints the times and
their ratio. On a CUDA machine the torch side runs on the GPU.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dlkit import logistic  # noqa: E402
from dlkit.data import load_cat_dataset  # noqa: E402
from dlkit.runtime.device import get_device  # noqa: E402
from dlkit.data import flatten_images  # noqa: E402


def torch_optimize(X, Y, iterations, learning_rate, device):
    X = torch.as_tensor(X, device=device)
    Y = torch.as_tensor(Y, dtype=torch.float64, device=device)
    w = torch.zeros((X.shape[0], 1), dtype=torch.float64, device=device)
    b = torch.zeros((), dtype=torch.float64, device=device)
    m = X.shape[1]
    for _ in range(iterations):
        dZ = torch.sigmoid(w.T @ X + b) - Y
        w -= learning_rate * (X @ dZ.T) / m
        b -= learning_rate * dZ.sum() / m
    if device.type == "cuda":
        torch.cuda.synchronize()
    return w.cpu().numpy(), float(b)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=2000)
    args = parser.parse_args()
    data = load_cat_dataset()
    X, Y = flatten_images(data.train_x) / 255.0, data.train_y.astype(float)
    device = get_device()

    started = time.perf_counter()
    params, _, _ = logistic.optimize(np.zeros((X.shape[0], 1)), 0.0, X, Y, args.iterations, 0.005)
    numpy_seconds = time.perf_counter() - started

    torch_optimize(X, Y, 5, 0.005, device)  # warm-up (CUDA context, kernels)
    started = time.perf_counter()
    w, b = torch_optimize(X, Y, args.iterations, 0.005, device)
    torch_seconds = time.perf_counter() - started

    assert np.allclose(w, params["w"], atol=1e-9) and abs(b - params["b"]) < 1e-9, "NumPy and torch disagree"
    print(f"{args.iterations} iterations on X {X.shape}, torch threads {torch.get_num_threads()}")
    print(f"NumPy reference:   {numpy_seconds:6.2f} s")
    print(f"torch on {str(device):<8}: {torch_seconds:6.2f} s")
    print(f"ratio NumPy / torch: {numpy_seconds / torch_seconds:.2f}x")


if __name__ == "__main__":
    main()
