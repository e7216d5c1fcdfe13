"""Verification metrics: how well a distance tells "same person" from "different people"."""
import numpy as np


def roc_curve(distances, same):
    """The ROC curve of the rule "same if the distance is at most t", over every threshold t.

    Args:
        distances: ``(n,)`` distances of n pairs.
        same: ``(n,)`` booleans, whether each pair shows one person.

    Returns:
        ``(false_positive_rates, true_positive_rates, thresholds)``, from the strictest
        threshold (nothing accepted: the point (0, 0)) to the loosest (everything accepted).
    """
    distances, same = np.asarray(distances, float), np.asarray(same, bool)
    order = np.argsort(distances, kind="stable")
    thresholds = distances[order]
    last_of_each = np.r_[np.diff(thresholds) > 0, True]  # equal distances enter together
    true_positives = np.cumsum(same[order])[last_of_each]
    false_positives = np.cumsum(~same[order])[last_of_each]
    return (np.r_[0.0, false_positives / max((~same).sum(), 1)], np.r_[0.0, true_positives / max(same.sum(), 1)],
            np.r_[-np.inf, thresholds[last_of_each]])


def roc_auc(distances, same):
    """Area under :func:`roc_curve`: the probability that a random same-person pair is closer
    than a random different-people pair (ties count one half)."""
    false_positive_rates, true_positive_rates, _ = roc_curve(distances, same)
    return float(np.trapezoid(true_positive_rates, false_positive_rates))
