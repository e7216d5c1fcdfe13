"""Correct implementations of every week-04 graded function, written another way than the reference.

Each entry maps a solution cell's ``grade_id`` to ``(description, code)`` pairs, the code being
what a student could type into that cell. It runs in the notebook's namespace (the imports cell:
``np``, ``relu``, ``sigmoid``, ``binary_cross_entropy``, ``backward_propagation``,
``forward_propagation_n``, the gradient-checking helpers...). The checks must accept every one.
"""

EQUIVALENTS = {
    "week04_initialize_parameters_zeros_code": [
        ("float32 zeros, f-string keys", """def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=np.float32)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1), dtype=np.float32)
    return parameters
"""),
        ("dict comprehension over consecutive pairs, np.full with 0.0", """def initialize_parameters_zeros(layers_dims):
    pairs = list(zip(layers_dims[:-1], layers_dims[1:]))
    weights = {"W" + str(l): np.full((n, n_prev), 0.0) for l, (n_prev, n) in enumerate(pairs, start=1)}
    biases = {"b" + str(l): np.full((n, 1), 0.0) for l, (n_prev, n) in enumerate(pairs, start=1)}
    return {**weights, **biases}
"""),
        ("zeros built by multiplying ones, shapes given as lists", """def initialize_parameters_zeros(layers_dims):
    parameters = dict()
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["b" + str(l)] = 0 * np.ones([layers_dims[l], 1])
        parameters["W" + str(l)] = 0.0 * np.ones([layers_dims[l], layers_dims[l - 1]])
    return parameters
"""),
    ],
    "week04_initialize_parameters_random_code": [
        ("np.random.normal(0, 10, size) draws the same numbers as randn * 10", """def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.normal(0, 10, size=(layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
"""),
        ("10 * standard_normal, biases first, f-string keys", """def initialize_parameters_random(layers_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims, layers_dims[1:]), start=1):
        parameters[f"b{l}"] = np.zeros((n, 1))
        parameters[f"W{l}"] = 10 * np.random.standard_normal((n, n_prev))
    return parameters
"""),
        ("float32 weights and biases", """def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10).astype(np.float32)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1), dtype=np.float32)
    return parameters
"""),
    ],
    "week04_initialize_parameters_he_code": [
        ("divided by sqrt(n[l-1] / 2)", """def initialize_parameters_he(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) / np.sqrt(layers_dims[l - 1] / 2)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
"""),
        ("np.random.normal with scale math.sqrt(2 / n[l-1])", """import math


def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = math.sqrt(2.0 / layers_dims[l - 1])
        parameters[f"W{l}"] = np.random.normal(loc=0.0, scale=std, size=(layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
"""),
        ("float32, the scale as (2 / n) ** 0.5", """def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        n_prev, n = layers_dims[l - 1], layers_dims[l]
        parameters["W" + str(l)] = (np.random.randn(n, n_prev) * (2 / n_prev) ** 0.5).astype(np.float32)
        parameters["b" + str(l)] = np.zeros((n, 1), dtype=np.float32)
    return parameters
"""),
    ],
    "week04_compute_cost_with_regularization_code": [
        ("squared Frobenius norms via np.linalg.norm(W) ** 2", """def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = binary_cross_entropy(A3, Y)
    L2_regularization_cost = lambd * (np.linalg.norm(W1) ** 2 + np.linalg.norm(W2) ** 2 + np.linalg.norm(W3) ** 2) / (2 * m)
    return cross_entropy_cost + L2_regularization_cost
"""),
        ("cross-entropy written out with np.mean, penalty np.sum(W * W) in a loop", """def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    penalty = 0.0
    for name in ("W1", "W2", "W3"):
        W = parameters[name]
        penalty += np.sum(W * W)
    return cross_entropy_cost + lambd / 2 / m * penalty
"""),
        ("keyword call of the helper, dot products of the raveled weights, a Python float", """def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = binary_cross_entropy(A=A3, Y=Y)
    squares = sum(np.dot(parameters[k].ravel(), parameters[k].ravel()) for k in ["W1", "W2", "W3"])
    return float(cross_entropy_cost + (lambd / (2 * m)) * squares)
"""),
        ("cross-entropy by dot products (a (1, 1) array), np.squeeze-d", """def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.dot(Y, np.log(A3).T) + np.dot(1 - Y, np.log(1 - A3).T)
    cross_entropy_cost = np.squeeze(-logprobs / m)
    L2_regularization_cost = lambd / (2 * m) * sum(np.sum(np.square(parameters["W" + str(l)])) for l in (1, 2, 3))
    return cross_entropy_cost + L2_regularization_cost
"""),
    ],
    "week04_backward_propagation_with_regularization_code": [
        ("penalty inside the 1/m, relu derivative from Z > 0, @", """def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = (dZ3 @ A2.T + lambd * W3) / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = (dZ2 @ A1.T + lambd * W2) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = (dZ1 @ X.T + lambd * W1) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
"""),
        ("the given backward_propagation plus the weight-decay term, in a loop", """def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    gradients = backward_propagation(X, Y, cache)
    weights = {1: cache[2], 2: cache[6], 3: cache[10]}
    for l, W in weights.items():
        gradients["dW" + str(l)] = gradients["dW" + str(l)] + (lambd / m) * W
    return gradients
"""),
        ("np.where for the relu derivative, np.mean for db, a new dict", """def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = np.dot(dZ3, A2.T) / m + lambd * W3 / m
    db3 = np.mean(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.where(A2 > 0, dA2, 0.0)
    dW2 = np.dot(dZ2, A1.T) / m + lambd * W2 / m
    db2 = np.mean(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.where(A1 > 0, dA1, 0.0)
    dW1 = np.dot(dZ1, X.T) / m + lambd * W1 / m
    db1 = np.mean(dZ1, axis=1, keepdims=True)
    return dict(dZ3=dZ3, dW3=dW3, db3=db3, dA2=dA2, dZ2=dZ2, dW2=dW2, db2=db2,
                dA1=dA1, dZ1=dZ1, dW1=dW1, db1=db1)
"""),
    ],
    "week04_forward_propagation_with_dropout_code": [
        ("integer masks (.astype(int)), divided before masking", """def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = (np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob).astype(int)
    A1 = (A1 / keep_prob) * D1
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = (np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob).astype(int)
    A2 = (A2 / keep_prob) * D2
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
"""),
        ("float masks ((D < keep_prob) * 1.0) from random_sample, in-place *= and /=", """def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)
    D1 = np.random.random_sample(A1.shape)
    D1 = (D1 < keep_prob) * 1.0
    A1 *= D1
    A1 /= keep_prob
    Z2 = W2 @ A1 + b2
    A2 = np.maximum(Z2, 0)
    D2 = np.random.random_sample(A2.shape)
    D2 = (D2 < keep_prob) * 1.0
    A2 *= D2
    A2 /= keep_prob
    Z3 = W3 @ A2 + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
"""),
        ("boolean masks applied with np.where, a one-line step per layer", """def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(*A1.shape) < keep_prob
    A1 = np.where(D1, A1 / keep_prob, 0.0)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(*A2.shape) < keep_prob
    A2 = np.where(D2, A2 / keep_prob, 0.0)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
"""),
    ],
    "week04_backward_propagation_with_dropout_code": [
        ("mask and scale in one line, relu derivative from Z > 0, @", """def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = (W3.T @ dZ3) * D2 / keep_prob
    dZ2 = dA2 * (Z2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = (W2.T @ dZ2) * D1 / keep_prob
    dZ1 = dA1 * (Z1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
"""),
        ("np.where on the masks, np.mean for db, gradients dict filled step by step", """def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    g = {}
    g["dZ3"] = A3 - Y
    g["dW3"] = np.dot(g["dZ3"], A2.T) / X.shape[1]
    g["db3"] = np.mean(g["dZ3"], axis=1, keepdims=True)
    g["dA2"] = np.where(D2 != 0, np.dot(W3.T, g["dZ3"]) / keep_prob, 0.0)
    g["dZ2"] = g["dA2"] * np.int64(A2 > 0)
    g["dW2"] = np.dot(g["dZ2"], A1.T) / X.shape[1]
    g["db2"] = np.mean(g["dZ2"], axis=1, keepdims=True)
    g["dA1"] = np.where(D1 != 0, np.dot(W2.T, g["dZ2"]) / keep_prob, 0.0)
    g["dZ1"] = g["dA1"] * np.int64(A1 > 0)
    g["dW1"] = np.dot(g["dZ1"], X.T) / X.shape[1]
    g["db1"] = np.mean(g["dZ1"], axis=1, keepdims=True)
    return g
"""),
        ("scaled mask D / keep_prob multiplied in, 1/m factored as a float", """def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    inv_m = 1.0 / m
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = inv_m * np.dot(dZ3, A2.T)
    db3 = inv_m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.multiply(np.dot(W3.T, dZ3), D2 / keep_prob)
    dZ2 = np.multiply(dA2, np.heaviside(Z2, 0.0))
    dW2 = inv_m * np.dot(dZ2, A1.T)
    db2 = inv_m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.multiply(np.dot(W2.T, dZ2), D1 / keep_prob)
    dZ1 = np.multiply(dA1, np.heaviside(Z1, 0.0))
    dW1 = inv_m * np.dot(dZ1, X.T)
    db1 = inv_m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
"""),
    ],
    "week04_gradient_check_code": [
        ("np.abs instead of np.linalg.norm for the scalars", """def gradient_check(x, theta, epsilon=1e-7):
    J_plus = (theta + epsilon) * x
    J_minus = (theta - epsilon) * x
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x
    return np.abs(grad - gradapprox) / (np.abs(grad) + np.abs(gradapprox))
"""),
        ("a J function and the builtin abs: a Python float", """def gradient_check(x, theta, epsilon=1e-7):
    def J(t):
        return t * x

    gradapprox = (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)
    grad = x
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    return difference
"""),
        ("the notebook's numerical_gradient and relative_error helpers, keyword h=", """def gradient_check(x, theta, epsilon=1e-7):
    gradapprox = numerical_gradient(lambda t: t * x, np.array(theta, dtype=float), h=epsilon)
    return relative_error(x, gradapprox)
"""),
    ],
    "week04_gradient_check_n_code": [
        ("numerical_gradient over theta, then relative_error (helpers with keywords)", """def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)

    def cost(theta):
        J, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta, parameters))
        return J

    gradapprox = numerical_gradient(cost, parameters_values, h=epsilon)
    return relative_error(grad, gradapprox)
"""),
        ("one copy of theta, entry i set and restored in place", """def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    theta = np.copy(parameters_values)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        original = theta[i, 0]
        theta[i, 0] = original + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta, parameters))
        theta[i, 0] = original - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta, parameters))
        theta[i, 0] = original
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator
"""),
        ("Python lists of costs, norms as sqrt of sums of squares", """def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    approx = []
    for i in range(len(parameters_values)):
        theta_plus = parameters_values.copy()
        theta_plus[i] += epsilon
        theta_minus = parameters_values.copy()
        theta_minus[i] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))[0]
        approx.append((J_plus - J_minus) / (2 * epsilon))
    gradapprox = np.array(approx).reshape(grad.shape)
    numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))
    denominator = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))
    return numerator / denominator
"""),
    ],
}
