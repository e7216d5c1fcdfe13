"""Hyperparameters: learning-rate decay schedules and random search on a log scale."""
import numpy as np


def update_lr(learning_rate0, epoch_num, decay_rate):
    """Learning rate after ``epoch_num`` epochs of inverse-time decay:
    ``learning_rate0 / (1 + decay_rate * epoch_num)``."""
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Inverse-time decay applied in steps: the rate drops once every ``time_interval`` epochs,
    ``learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))``."""
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


def sample_log_uniform(low, high, size, rng):
    """``size`` values drawn log-uniformly between ``low`` and ``high`` (both > 0) with the
    NumPy generator ``rng``: the exponent is uniform, ``10 ** uniform(log10 low, log10 high)``,
    so each decade (0.001 to 0.01, 0.01 to 0.1, ...) gets the same share of the samples."""
    return 10 ** rng.uniform(np.log10(low), np.log10(high), size)
