"""One training step of the week-6 and week-7 networks on the CPU and, when there is one, on CUDA.

    .venv/bin/python benchmarks/training_step_cpu_vs_cuda.py [--batch 64] [--repeat 20]

Each step is ``dlkit.nets.training.training_step`` (forward, cross-entropy, backward, Adam) on a
batch of 32 x 32 RGB images; the time is the median of ``--repeat`` steps after three warm-up
steps. Prints the time per step on each device and the CPU / CUDA ratio.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dlkit.nets.convnet import SignsConvNet  # noqa: E402
from dlkit.nets.resnet import DeepConvNet, ResNet  # noqa: E402
from dlkit.nets.training import training_step  # noqa: E402

MODELS = {
    "SignsConvNet (week 6)": SignsConvNet,
    "ResNet (week 7)": ResNet,
    "DeepConvNet, 42 layers, residual": lambda: DeepConvNet(20, residual=True),
}


def step_time(make_model, device, batch, repeat):
    torch.manual_seed(0)
    model = make_model().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(batch, 3, 32, 32, device=device)
    labels = torch.randint(0, 6, (batch,), device=device)
    times = []
    for i in range(repeat + 3):
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        training_step(model, x, labels, optimizer)  # .item() in it waits for the GPU
        if i >= 3:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    devices = [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])
    print(f"one training step, batch {args.batch} x 3 x 32 x 32; CPU threads: {torch.get_num_threads()}"
          + (f"; GPU: {torch.cuda.get_device_name()}" if torch.cuda.is_available() else "; no GPU here"))
    print(f"{'model':36} {'CPU ms':>9} {'CUDA ms':>9} {'CPU / CUDA':>11}")
    for name, make_model in MODELS.items():
        times = {device.type: step_time(make_model, device, args.batch, args.repeat) for device in devices}
        cuda = times.get("cuda")
        print(f"{name:36} {1000 * times['cpu']:9.2f} " + (f"{1000 * cuda:9.2f} {times['cpu'] / cuda:10.1f}x" if cuda else f"{'-':>9} {'-':>11}"))


if __name__ == "__main__":
    main()
