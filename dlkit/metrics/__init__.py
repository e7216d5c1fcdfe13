"""Measures of how well a model does, each with one meaning across the course."""
from dlkit.metrics.classification import accuracy

__all__ = ["accuracy"]
