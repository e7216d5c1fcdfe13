"""Correct implementations of every week-02 graded function, written another way than the reference."""

EQUIVALENTS = {
    "week02_layer_sizes_code": [
        ("returned as a list", """def layer_sizes(X, Y):
    return [X.shape[0], 4, Y.shape[0]]
"""),
        ("unpacked shapes and len", """def layer_sizes(X, Y):
    n_x, m = X.shape
    n_y = len(Y)
    return n_x, 4, n_y
"""),
        ("np.size along axis 0", """def layer_sizes(X, Y):
    n_h = 4
    return (np.size(X, 0), n_h, np.size(Y, 0))
"""),
    ],
    "week02_initialize_parameters_code": [
        ("np.random.normal with scale 0.01", """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.normal(0, 0.01, (n_h, n_x))
    W2 = np.random.normal(0, 0.01, (n_y, n_h))
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
"""),
        ("standard_normal, dict built step by step", """def initialize_parameters(n_x, n_h, n_y):
    parameters = {}
    parameters["W1"] = 0.01 * np.random.standard_normal(size=(n_h, n_x))
    parameters["b1"] = np.zeros(shape=(n_h, 1))
    parameters["W2"] = 0.01 * np.random.standard_normal(size=(n_y, n_h))
    parameters["b2"] = np.zeros(shape=(n_y, 1))
    return parameters
"""),
        ("float32 zero biases, dict(...)", """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) / 100
    W2 = np.random.randn(n_y, n_h) / 100
    return dict(W1=W1, b1=np.zeros((n_h, 1), dtype=np.float32), W2=W2, b2=np.zeros((n_y, 1), dtype=np.float32))
"""),
    ],
    "week02_forward_propagation_code": [
        ("np.dot, tanh written as 2 sigmoid(2z) - 1", """def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = 2 * sigmoid(2 * Z1) - 1
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""),
        ("np.matmul, sigmoid written out, cache built with dict()", """def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = np.matmul(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.matmul(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cache = dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)
    return A2, cache
"""),
        ("loop over the examples", """def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    m = X.shape[1]
    Z1 = np.zeros((W1.shape[0], m))
    Z2 = np.zeros((W2.shape[0], m))
    for i in range(m):
        Z1[:, i] = W1 @ X[:, i] + b1[:, 0]
        Z2[:, i] = W2 @ np.tanh(Z1[:, i]) + b2[:, 0]
    A1 = np.tanh(Z1)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""),
    ],
    "week02_compute_cost_code": [
        ("matrix products squeezed to a float", """def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    return float(np.squeeze(cost))
"""),
        ("log of the probability of the true label, mean", """def compute_cost(A2, Y):
    return float(-np.mean(np.log(np.where(Y == 1, A2, 1 - A2))))
"""),
        ("explicit loop with math.log", """import math

def compute_cost(A2, Y):
    m = Y.shape[1]
    total = 0.0
    for a, y in zip(A2.ravel(), Y.ravel()):
        total += y * math.log(a) + (1 - y) * math.log(1 - a)
    return float(-total / m)
"""),
        ("float32 arithmetic", """def compute_cost(A2, Y):
    m = Y.shape[1]
    A = A2.astype(np.float32)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
"""),
    ],
    "week02_backward_propagation_code": [
        ("tanh' as 1 - tanh(Z1)**2, np.dot and means", """def backward_propagation(parameters, cache, X, Y):
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / X.shape[1]
    db2 = np.mean(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.tanh(cache["Z1"]) ** 2)
    dW1 = np.dot(dZ1, X.T) / X.shape[1]
    db1 = np.mean(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
"""),
        ("loop over the examples, accumulating", """def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W1, W2 = parameters["W1"], parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    grads = {"dW1": np.zeros(W1.shape), "db1": np.zeros((W1.shape[0], 1)),
             "dW2": np.zeros(W2.shape), "db2": np.zeros((W2.shape[0], 1))}
    for i in range(m):
        x, a1 = X[:, i:i + 1], A1[:, i:i + 1]
        dz2 = A2[:, i:i + 1] - Y[:, i:i + 1]
        dz1 = (W2.T @ dz2) * (1 - a1 * a1)
        grads["dW2"] += dz2 @ a1.T
        grads["db2"] += dz2
        grads["dW1"] += dz1 @ x.T
        grads["db1"] += dz1
    return {name: value / m for name, value in grads.items()}
"""),
        ("einsum, sums reshaped to columns", """def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = np.einsum("ji,jk->ik", parameters["W2"], dZ2) * (1 - np.square(cache["A1"]))
    return {
        "dW1": np.einsum("ik,jk->ij", dZ1, X) / m,
        "db1": dZ1.sum(axis=1).reshape(-1, 1) / m,
        "dW2": np.einsum("ik,jk->ij", dZ2, cache["A1"]) / m,
        "db2": dZ2.sum(axis=1).reshape(-1, 1) / m,
    }
"""),
    ],
    "week02_update_parameters_code": [
        ("dict comprehension over the names", """def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] - learning_rate * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}
"""),
        ("in-place updates of a deep copy", """import copy

def update_parameters(parameters, grads, learning_rate=1.2):
    parameters = copy.deepcopy(parameters)
    for name in parameters:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters
"""),
        ("driven by the gradient names, np.subtract", """def update_parameters(parameters, grads, learning_rate=1.2):
    return {key[1:]: np.subtract(parameters[key[1:]], learning_rate * grad) for key, grad in grads.items()}
"""),
    ],
    "week02_nn_model_code": [
        ("keyword call compute_cost(A2=A2, Y=Y)", """def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2=A2, Y=Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
"""),
        ("keyword calls of the other helpers", """def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X=X, Y=Y)
    parameters = initialize_parameters(n_x=n_x, n_h=n_h, n_y=n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X=X, parameters=parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters=parameters, cache=cache, X=X, Y=Y)
        parameters = update_parameters(parameters=parameters, grads=grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
"""),
        ("while loop, sizes indexed, learning rate 1.2 passed explicitly", """def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    sizes = layer_sizes(X, Y)
    parameters = initialize_parameters(sizes[0], n_h, sizes[2])
    i = 0
    while i < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y), 1.2)
        if print_cost and not i % 1000:
            print("Cost after iteration %i: %f" % (i, cost))
        i += 1
    return parameters
"""),
    ],
    "week02_predict_code": [
        ("boolean labels", """def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5
"""),
        ("np.round (half to even: exactly 0.5 gives 0)", """def predict(parameters, X):
    return np.round(forward_propagation(X=X, parameters=parameters)[0])
"""),
        ("loop over the entries, float32 labels", """def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.zeros(A2.shape, dtype=np.float32)
    for index in np.ndindex(A2.shape):
        predictions[index] = 1 if A2[index] > 0.5 else 0
    return predictions
"""),
    ],
}
