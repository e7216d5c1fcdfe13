"""The learning curve of the NumPy models: the cost recorded every so many iterations."""


def record_cost(costs, iteration, cost, every, print_cost=False):
    """Append ``cost`` to the list ``costs`` at iterations ``0, every, 2 * every, ...`` (and print
    it when ``print_cost``); other iterations are left out."""
    if iteration % every == 0:
        costs.append(cost)
        if print_cost:
            print(f"Cost after iteration {iteration}: {cost:f}")
