"""The NumPy convolution and pooling layers against PyTorch's on the CPU, on the same shapes.

    .venv/bin/python benchmarks/conv_numpy_vs_torch.py [--repeat 5]

Times, on 64 images of 32 x 32 x 3 with 16 filters 3 x 3 (stride 1, padding 1), the forward and
backward passes of `dlkit.scratch.conv` (vectorised), of `torch.nn.functional.conv2d` (autograd,
CPU, the same number of threads) and of the week-6 notebook's loop version; then max pooling
2 x 2. Prints each time and the ratio to torch (the target is at most 3x).
"""
import argparse
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder.simulate import reference_solutions  # noqa: E402
from dlkit.scratch import conv  # noqa: E402

NOTEBOOK = (Path(__file__).resolve().parent.parent / "course" / "source" / "week06_convolutional_networks"
            / "week06_convolutional_networks.ipynb")


def best_of(repeat, action):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def loop_version():
    """The notebook's loop implementations, run as a student's notebook would run them."""
    namespace = {"np": np}
    solutions = reference_solutions(nbformat.read(NOTEBOOK, as_version=4))
    for name in ("zero_pad", "conv_single_step", "conv_forward", "conv_backward", "pool_forward"):
        exec(solutions[f"week06_{name}_code"], namespace)
    return namespace


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    A = rng.normal(size=(64, 32, 32, 3))
    W = rng.normal(size=(3, 3, 3, 16))
    b = rng.normal(size=(1, 1, 1, 16))
    hparameters = {"stride": 1, "pad": 1}
    Z, cache = conv.conv_forward(A, W, b, hparameters)
    dZ = rng.normal(size=Z.shape)

    A_t = torch.tensor(A).permute(0, 3, 1, 2).contiguous().requires_grad_()
    W_t = torch.tensor(W).permute(3, 2, 0, 1).contiguous().requires_grad_()
    b_t = torch.tensor(b.ravel()).requires_grad_()
    dZ_t = torch.tensor(dZ).permute(0, 3, 1, 2).contiguous()

    def torch_forward():
        return torch.nn.functional.conv2d(A_t, W_t, b_t, stride=1, padding=1)

    def torch_backward():
        torch.autograd.grad(torch_forward(), (A_t, W_t, b_t), dZ_t)

    loops = loop_version()
    rows = [
        ("conv forward", best_of(args.repeat, lambda: conv.conv_forward(A, W, b, hparameters)),
         best_of(args.repeat, torch_forward), best_of(1, lambda: loops["conv_forward"](A, W, b, hparameters))),
        ("conv forward + backward", best_of(args.repeat, lambda: conv.conv_backward(dZ, conv.conv_forward(A, W, b, hparameters)[1])),
         best_of(args.repeat, torch_backward),
         best_of(1, lambda: loops["conv_backward"](dZ, loops["conv_forward"](A, W, b, hparameters)[1]))),
        ("max pool 2x2 forward", best_of(args.repeat, lambda: conv.pool_forward(Z, {"f": 2, "stride": 2})),
         best_of(args.repeat, lambda: torch.nn.functional.max_pool2d(torch.tensor(Z).permute(0, 3, 1, 2), 2)),
         best_of(1, lambda: loops["pool_forward"](Z, {"f": 2, "stride": 2}))),
    ]
    print(f"64 images 32x32x3, 16 filters 3x3, stride 1, pad 1; torch threads: {torch.get_num_threads()}")
    print("| operation | dlkit (NumPy, vectorised) | torch CPU | ratio | notebook loops |\n|---|---|---|---|---|")
    for name, ours, theirs, loops_time in rows:
        print(f"| {name} | {ours * 1e3:.1f} ms | {theirs * 1e3:.1f} ms | {ours / theirs:.1f}x | {loops_time:.1f} s |")


if __name__ == "__main__":
    main()
