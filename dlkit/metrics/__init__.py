"""Measures of how well a model does, each with one meaning across the course."""
from dlkit.metrics.classification import accuracy
from dlkit.metrics.verification import roc_auc, roc_curve

__all__ = ["accuracy", "roc_auc", "roc_curve"]
