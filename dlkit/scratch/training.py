"""The NumPy models' training loop and their learning curves.

Example (the step is whatever one iteration or one epoch of a model does)::

    >>> def step(parameters, i):
    ...     A3, cache = forward_propagation(X, parameters)
    ...     grads = backward_propagation(X, Y, cache)
    ...     return update_parameters(parameters, grads, 0.1), binary_cross_entropy(A3, Y)
    >>> parameters, costs = train(parameters, step, 10_000, cost_every=1000)
"""
from dlkit.runtime.progress import progress


def train(parameters, step, iterations, cost_every, print_cost=False, description=None):
    """Run ``parameters, cost = step(parameters, i)`` for ``i = 0 .. iterations - 1``.

    ``step`` returns the updated parameters and the cost it measured on the way (before its
    update); the costs of iterations ``0, cost_every, 2 * cost_every, ...`` are recorded. With a
    ``description`` the iterations show a progress bar. Returns ``(parameters, costs)``.
    """
    costs = []
    iterations = range(iterations)
    for i in progress(iterations, description) if description else iterations:
        parameters, cost = step(parameters, i)
        record_cost(costs, i, cost, cost_every, print_cost)
    return parameters, costs


def record_cost(costs, iteration, cost, every, print_cost=False):
    """Append ``cost`` to the list ``costs`` at iterations ``0, every, 2 * every, ...`` (and print
    it when ``print_cost``); other iterations are left out."""
    if iteration % every == 0:
        costs.append(cost)
        if print_cost:
            print(f"Cost after iteration {iteration}: {cost:f}")
