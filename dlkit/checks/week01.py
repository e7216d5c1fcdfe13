"""Week 1: NumPy basics and logistic regression as a neural network."""
import numpy as np

from dlkit.scratch import activations, logistic, losses, preprocessing
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec


def _random_shape(rng, max_dims=3):
    return tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, max_dims + 1)))


def _real_input(rng):
    if rng.random() < 0.2:
        return float(rng.normal(0, 3))
    return rng.normal(0, 3, _random_shape(rng))


def _logistic_problem(rng):
    """``w`` ``(n_x, 1)``, a float ``b``, ``X`` ``(n_x, m)`` and 0/1 labels ``Y`` ``(1, m)``."""
    n_x, m = distinct_sizes(rng, 2, 2, 9)
    w = rng.normal(0, 0.5, (n_x, 1))
    b = float(rng.normal(0, 0.5))
    X = rng.normal(0, 1, (n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return w, b, X, Y


def _training_sets(rng):
    n_x = int(rng.integers(2, 6))
    m_train, m_test = distinct_sizes(rng, 2, 6, 20)
    true_w = rng.normal(0, 1, (n_x, 1))
    X_train, X_test = rng.normal(0, 1, (n_x, m_train)), rng.normal(0, 1, (n_x, m_test))
    Y_train = (true_w.T @ X_train + rng.normal(0, 0.5, (1, m_train)) > 0).astype(float)
    Y_test = (true_w.T @ X_test + rng.normal(0, 0.5, (1, m_test)) > 0).astype(float)
    return X_train, Y_train, X_test, Y_test


# The worked example of the lectures: dw = [[0.99845601], [2.39507239]], db = 0.00145557813678,
# cost = 5.801545319394553.
PROPAGATE_EXAMPLE = (
    np.array([[1.0], [2.0]]),
    2.0,
    np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
    np.array([[1.0, 0.0, 1.0]]),
)

register(FunctionSpec(
    key="week01.sigmoid",
    reference=activations.sigmoid,
    examples=((np.array([1.0, 2.0, 3.0]),), (0.0,)),
    random_args=lambda rng: (_real_input(rng),),
))

register(FunctionSpec(
    key="week01.sigmoid_derivative",
    reference=activations.sigmoid_derivative,
    examples=((np.array([1.0, 2.0, 3.0]),),),
    random_args=lambda rng: (_real_input(rng),),
    uses=("week01.sigmoid",),
))

register(FunctionSpec(
    key="week01.image2vector",
    reference=preprocessing.image2vector,
    examples=((np.arange(18, dtype=float).reshape(3, 3, 2),),),
    random_args=lambda rng: (rng.random(tuple(distinct_sizes(rng, 3, 2, 7))),),
))

register(FunctionSpec(
    key="week01.normalize_rows",
    reference=preprocessing.normalize_rows,
    examples=((np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]]),),),
    random_args=lambda rng: (rng.normal(0, 2, tuple(distinct_sizes(rng, 2, 2, 7))),),
))

register(FunctionSpec(
    key="week01.softmax",
    reference=activations.softmax,
    examples=(
        (np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]]),),
        # Large scores: a softmax that does not subtract the row maximum overflows here.
        (np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]]),),
    ),
    random_args=lambda rng: (rng.normal(0, 3, tuple(distinct_sizes(rng, 2, 2, 7))),),
))

register(FunctionSpec(
    key="week01.L1",
    reference=losses.L1,
    examples=((np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])),),
    random_args=lambda rng: tuple(rng.normal(0, 1, (2, int(rng.integers(2, 10))))),
))

register(FunctionSpec(
    key="week01.L2",
    reference=losses.L2,
    examples=((np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])),),
    random_args=lambda rng: tuple(rng.normal(0, 1, (2, int(rng.integers(2, 10))))),
))

register(FunctionSpec(
    key="week01.initialize_with_zeros",
    reference=logistic.initialize_with_zeros,
    examples=((2,),),
    random_args=lambda rng: (int(rng.integers(1, 50)),),
    output_names=("w", "b"),
))

register(FunctionSpec(
    key="week01.propagate",
    reference=logistic.propagate,
    examples=(PROPAGATE_EXAMPLE,),
    random_args=_logistic_problem,
    uses=("week01.sigmoid",),
    output_names=("grads", "cost"),
))

register(FunctionSpec(
    key="week01.optimize",
    reference=logistic.optimize,
    examples=(PROPAGATE_EXAMPLE + (100, 0.009),),
    random_args=lambda rng: _logistic_problem(rng) + (int(rng.integers(101, 260)), float(rng.uniform(0.005, 0.2))),
    uses=("week01.propagate", "week01.sigmoid"),
    output_names=("params", "grads", "costs"),
))

register(FunctionSpec(
    key="week01.predict",
    reference=logistic.predict,
    examples=(
        (np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])),
        # sigmoid(0) is exactly 0.5, which is not "> 0.5": the label must be 0.
        (np.zeros((2, 1)), 0.0, np.array([[1.0, -1.0], [2.0, 0.5]])),
    ),
    random_args=lambda rng: _logistic_problem(rng)[:3],
    uses=("week01.sigmoid",),
    exact_dtype=False,
))

register(FunctionSpec(
    key="week01.model",
    reference=logistic.model,
    random_args=lambda rng: _training_sets(rng) + (int(rng.integers(101, 320)), float(rng.uniform(0.01, 0.5))),
    uses=("week01.initialize_with_zeros", "week01.optimize", "week01.predict", "week01.propagate", "week01.sigmoid"),
    exact_dtype=False,
))
