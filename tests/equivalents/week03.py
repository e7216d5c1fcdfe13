"""Correct implementations of every week-03 graded function, written another way than the reference."""

EQUIVALENTS = {
    "week03_initialize_parameters_deep_code": [
        ("standard_normal and math.sqrt, f-string keys", """import math

def initialize_parameters_deep(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.standard_normal((layer_dims[l], layer_dims[l - 1])) / math.sqrt(layer_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
"""),
        ("times sqrt(1 / n_prev), sizes zipped pairwise", """def initialize_parameters_deep(layer_dims):
    parameters = {}
    pairs = zip(layer_dims[:-1], layer_dims[1:])
    for l, (n_prev, n) in enumerate(pairs, start=1):
        parameters["W%d" % l] = np.random.randn(n, n_prev) * np.sqrt(1.0 / n_prev)
        parameters["b%d" % l] = np.zeros(shape=(n, 1))
    return parameters
"""),
        ("np.random.normal with scale 1 / sqrt(n_prev)", """def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters["W" + str(l)] = np.random.normal(0.0, 1 / np.sqrt(n_prev), size=(n, n_prev))
        parameters["b" + str(l)] = np.zeros((n, 1))
    return parameters
"""),
    ],
    "week03_linear_forward_code": [
        ("np.dot, cache as a list", """def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, [A, W, b]
"""),
        ("loop over the examples", """def linear_forward(A, W, b):
    Z = np.empty((W.shape[0], A.shape[1]))
    for j in range(A.shape[1]):
        Z[:, j] = W @ A[:, j] + b[:, 0]
    return Z, (A, W, b)
"""),
        ("np.matmul in float32", """def linear_forward(A, W, b):
    Z = np.matmul(W.astype(np.float32), A.astype(np.float32)) + b.astype(np.float32)
    return Z, (A, W, b)
"""),
    ],
    "week03_linear_activation_forward_code": [
        ("keyword call of linear_forward, activation from a dict", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A=A_prev, W=W, b=b)
    g = {"relu": relu, "sigmoid": sigmoid}[activation]
    return g(Z), (linear_cache, Z)
"""),
        ("activations written out, cache as a list", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = np.maximum(Z, 0)
    else:
        A = 1 / (1 + np.exp(-Z))
    return A, [linear_cache, Z]
"""),
        ("ReLU as Z * (Z > 0), sigmoid through tanh", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = 0.5 * (1 + np.tanh(0.5 * Z))
    elif activation == "relu":
        A = Z * (Z > 0)
    else:
        raise ValueError(activation)
    return A, (linear_cache, Z)
"""),
    ],
    "week03_L_model_forward_code": [
        ("one loop over all layers, keyword calls", """def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A_prev=A, W=parameters[f"W{l}"], b=parameters[f"b{l}"],
                                             activation="sigmoid" if l == L else "relu")
        caches += [cache]
    return A, caches
"""),
        ("layers counted from the W keys, while loop", """def L_model_forward(X, parameters):
    L = sum(1 for name in parameters if name.startswith("W"))
    caches = []
    A = X
    l = 1
    while l < L:
        A, cache = linear_activation_forward(A, parameters["W%d" % l], parameters["b%d" % l], "relu")
        caches.append(cache)
        l += 1
    AL, cache = linear_activation_forward(A, parameters["W%d" % L], parameters["b%d" % L], "sigmoid")
    caches.append(cache)
    return AL, caches
"""),
    ],
    "week03_compute_cost_code": [
        ("matrix products, then float(np.squeeze(...))", """def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / m
    return float(np.squeeze(cost))
"""),
        ("np.squeeze only: a 0-d array", """def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return np.squeeze(cost)
"""),
        ("np.mean, an np.float64", """def compute_cost(AL, Y):
    return -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
"""),
        ("explicit loop with math.log", """import math

def compute_cost(AL, Y):
    m = Y.shape[1]
    total = 0.0
    for a, y in zip(AL.ravel(), Y.ravel()):
        total -= y * math.log(a) + (1 - y) * math.log(1 - a)
    return total / m
"""),
    ],
    "week03_linear_backward_code": [
        ("np.dot and np.mean, returned as a list", """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    dW = np.dot(dZ, A_prev.T) / A_prev.shape[1]
    db = np.mean(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return [dA_prev, dW, db]
"""),
        ("loop over the examples, accumulating", """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for j in range(m):
        dW += np.outer(dZ[:, j], A_prev[:, j])
        db[:, 0] += dZ[:, j]
        dA_prev[:, j] = W.T @ dZ[:, j]
    return dA_prev, dW / m, db / m
"""),
        ("einsum, sum reshaped to a column", """def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = np.einsum("ik,jk->ij", dZ, A_prev) / m
    db = dZ.sum(axis=1).reshape(-1, 1) / m
    dA_prev = np.einsum("ji,jk->ik", W, dZ)
    return dA_prev, dW, db
"""),
    ],
    "week03_linear_activation_backward_code": [
        ("keyword call of linear_backward, derivatives written out", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = np.where(Z > 0, dA, 0.0)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    return linear_backward(dZ=dZ, cache=linear_cache)
"""),
        ("masked copy for the ReLU, sigmoid(Z) * sigmoid(-Z)", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    elif activation == "sigmoid":
        dZ = dA * sigmoid(Z) * sigmoid(-Z)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
"""),
        ("boolean mask product, e^-|Z| / (1 + e^-|Z|)^2", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "sigmoid":
        e = np.exp(-np.abs(Z))
        g_prime = e / (1 + e) ** 2
    else:
        g_prime = Z > 0
    return linear_backward(dA * g_prime, linear_cache)
"""),
    ],
    "week03_L_model_backward_code": [
        ("one loop from layer L down, keyword calls", """def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL) + (1 - Y) / (1 - AL)
    for l in range(L, 0, -1):
        dA, dW, db = linear_activation_backward(dA=dA, cache=caches[l - 1],
                                                activation="sigmoid" if l == L else "relu")
        grads.update({f"dA{l - 1}": dA, f"dW{l}": dW, f"db{l}": db})
    return grads
"""),
        ("output layer through dZ = AL - Y and linear_backward", """def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    linear_cache, _ = caches[-1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(AL - Y, linear_cache)
    for l in range(L - 1, 0, -1):
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
            grads["dA" + str(l)], caches[l - 1], "relu")
    return grads
"""),
        ("dZ carried from layer to layer, ReLU mask applied inline", """def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dZ = AL - Y
    for l in reversed(range(1, L + 1)):
        linear_cache, _ = caches[l - 1]
        dA_prev, grads["dW" + str(l)], grads["db" + str(l)] = linear_backward(dZ, linear_cache)
        grads["dA" + str(l - 1)] = dA_prev
        if l > 1:
            dZ = dA_prev * (caches[l - 2][1] > 0)
    return grads
"""),
    ],
    "week03_update_parameters_code": [
        ("new dict built in a loop over the layers", """def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    updated = {}
    for l in range(1, L + 1):
        updated[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated
"""),
        ("in-place updates of a deep copy", """import copy

def update_parameters(parameters, grads, learning_rate):
    parameters = copy.deepcopy(parameters)
    for name in parameters:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters
"""),
        ("updates the given dict in place and returns it (the classic assignment)", """def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters
"""),
    ],
    "week03_two_layer_model_code": [
        ("keyword call compute_cost(AL=A2, Y=Y)", """def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(AL=A2, Y=Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return parameters, costs
"""),
        ("keyword calls of the other helpers", """def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters_deep(layer_dims=layers_dims)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(A_prev=X, W=parameters["W1"], b=parameters["b1"], activation="relu")
        A2, cache2 = linear_activation_forward(A_prev=A1, W=parameters["W2"], b=parameters["b2"], activation="sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA=dA2, cache=cache2, activation="sigmoid")
        _, dW1, db1 = linear_activation_backward(dA=dA1, cache=cache1, activation="relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters=parameters, grads=grads, learning_rate=learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return parameters, costs
"""),
        ("sizes unpacked, while loop, dA2 rearranged, cost recorded first", """def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters_deep([n_x, n_h, n_y])
    costs = []
    i = 0
    while i < num_iterations:
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost:
                print("Cost after iteration %i: %f" % (i, costs[-1]))
        dA2 = (1 - Y) / (1 - A2) - Y / A2
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, dict(dW1=dW1, db1=db1, dW2=dW2, db2=db2), learning_rate)
        i += 1
    return parameters, costs
"""),
    ],
    "week03_L_layer_model_code": [
        ("keyword calls L_model_forward(X=X, parameters=parameters) and friends", """def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters_deep(layer_dims=layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X=X, parameters=parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL=AL, Y=Y, caches=caches)
        parameters = update_parameters(parameters=parameters, grads=grads, learning_rate=learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return parameters, costs
"""),
        ("keyword call compute_cost(AL=AL, Y=Y)", """def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL=AL, Y=Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return parameters, costs
"""),
        ("while loop, cost recorded before the backward pass, Python floats", """def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters_deep(list(layers_dims))
    costs = []
    i = 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        if not i % 100:
            costs.append(float(compute_cost(AL, Y)))
            if print_cost:
                print("Cost after iteration %i: %f" % (i, costs[-1]))
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
        i += 1
    return parameters, costs
"""),
    ],
}
