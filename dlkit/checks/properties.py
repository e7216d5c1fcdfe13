"""Properties checked on plain data once the observations match: gradients against finite
differences (through the one numerical-gradient helper, :func:`dlkit.scratch.gradcheck.numerical_gradient`),
of a cost (:func:`numeric_gradients`, :func:`gradients_disagree`) or of a layer's output weighted
by an upstream gradient (:func:`backward_disagrees`)."""
import numpy as np

from dlkit.scratch.gradcheck import numerical_gradient, relative_error


def numeric_gradients(cost, values):
    """``{name: numerical gradient of cost at values[name]}``, each other value held fixed.

    ``cost(changed)`` gets a dict of the values with one replaced and returns a number.
    """
    return {name: numerical_gradient(lambda v, name=name: cost({**values, name: v}), value)
            for name, value in values.items()}


def gradients_disagree(analytic, numeric, rtol=1e-6, atol=0.0, prefix=""):
    """The first gradient (by the names of ``numeric``) whose relative error against its
    finite-difference estimate exceeds ``rtol`` while some entry is off by more than ``atol``
    (near-zero gradients have relative errors made of rounding noise); ``None`` if all agree."""
    for name, estimate in numeric.items():
        value = analytic.get(name) if isinstance(analytic, dict) else None
        if value is None or np.shape(value) != np.shape(estimate):
            return f"{prefix}{name} is missing or has the wrong shape."
        error = relative_error(value, estimate)
        if not error <= rtol and not np.max(np.abs(np.asarray(value, float) - estimate)) <= atol:
            return (f"{prefix}{name} disagrees with a finite-difference estimate of the gradient "
                    f"(relative error {error:.2g}).")
    return None


def backward_disagrees(forward, upstream, values, analytic, rtol=1e-5, atol=1e-6):
    """Check a layer's backward pass: ``analytic`` (``{name: gradient}``) against centred
    differences of ``sum(forward(values) * upstream)`` with respect to each of ``values``
    (``{name: array}``), the others held fixed; ``upstream`` plays the gradient arriving from
    above. Returns the problem (see :func:`gradients_disagree`) or ``None``."""
    numeric = numeric_gradients(lambda changed: np.sum(forward(changed) * upstream), values)
    return gradients_disagree(analytic, numeric, rtol=rtol, atol=atol)
