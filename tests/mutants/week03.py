"""Plausible wrong implementations of every week-3 graded function."""

_TWO_LAYER_HEAD = "def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):\n"
_L_LAYER_HEAD = "def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):\n"


def _two_layer(init="initialize_parameters_deep(layers_dims)", hidden="relu", rate="learning_rate",
               iterations="num_iterations", record="i % 100 == 0"):
    return _TWO_LAYER_HEAD + f"""    parameters = {init}
    costs = []
    for i in range({iterations}):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "{hidden}")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "{hidden}")
        grads = {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
        parameters = update_parameters(parameters, grads, {rate})
        if {record}:
            costs.append(cost)
    return parameters, costs
"""


def _L_layer(rate="learning_rate", iterations="num_iterations", record="i % 100 == 0", cost_after_update=False):
    cost_line = "        cost = compute_cost(L_model_forward(X, parameters)[0], Y)\n"
    return _L_LAYER_HEAD + f"""    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range({iterations}):
        AL, caches = L_model_forward(X, parameters)
{"" if cost_after_update else cost_line}        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, {rate})
{cost_line if cost_after_update else ""}        if {record}:
            costs.append(cost)
    return parameters, costs
"""


_SMALL_INIT = """def _small_init(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
"""


def _init(weight, bias="np.zeros((layer_dims[l], 1))", loop="range(1, len(layer_dims))"):
    return f"""def initialize_parameters_deep(layer_dims):
    parameters = {{}}
    for l in {loop}:
        parameters["W" + str(l)] = {weight}
        parameters["b" + str(l)] = {bias}
    return parameters
"""


def _L_backward(dAL="-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))", last="sigmoid", hidden="relu",
                key_of_dA_prev="l"):
    return f"""def L_model_backward(AL, Y, caches):
    grads = {{}}
    L = len(caches)
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)
    dAL = {dAL}
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "{last}")
    grads["dA" + str(L - 1)] = dA_prev
    grads["dW" + str(L)] = dW
    grads["db" + str(L)] = db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "{hidden}")
        grads["dA" + str({key_of_dA_prev})] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
    return grads
"""


MUTANTS = {
    "week03_initialize_parameters_deep_code": [
        ("scaled by 0.01 instead of 1/sqrt(n[l-1])", _init("np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01")),
        ("divided by sqrt(n[l]) instead of sqrt(n[l-1])",
         _init("np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l])")),
        ("weights transposed", _init("np.random.randn(layer_dims[l - 1], layer_dims[l]) / np.sqrt(layer_dims[l - 1])")),
        ("last layer missing", _init("np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])",
                                     loop="range(1, len(layer_dims) - 1)")),
        ("random biases", _init("np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])",
                                bias="np.random.randn(layer_dims[l], 1) * 0.01")),
    ],
    "week03_linear_forward_code": [
        ("bias forgotten", "def linear_forward(A, W, b):\n    return W @ A, (A, W, b)\n"),
        ("cache in the wrong order", "def linear_forward(A, W, b):\n    return W @ A + b, (W, A, b)\n"),
        ("bias subtracted", "def linear_forward(A, W, b):\n    return W @ A - b, (A, W, b)\n"),
        ("cache holds Z instead of A", "def linear_forward(A, W, b):\n    Z = W @ A + b\n    return Z, (Z, W, b)\n"),
    ],
    "week03_linear_activation_forward_code": [
        ("activations swapped", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = relu(Z) if activation == "sigmoid" else sigmoid(Z)
    return A, (linear_cache, Z)
"""),
        ("always the ReLU", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    return relu(Z), (linear_cache, Z)
"""),
        ("cache holds A instead of Z", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, A)
"""),
        ("tanh instead of the sigmoid", """def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = np.tanh(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, Z)
"""),
    ],
    "week03_L_model_forward_code": [
        ("no sigmoid at the output", """def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    return A, caches
"""),
        ("sigmoid in every layer", """def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "sigmoid")
        caches.append(cache)
    return A, caches
"""),
        ("output layer's cache not kept", """def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    return AL, caches
"""),
        ("L taken as the number of entries of parameters", """def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters)
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
"""),
    ],
    "week03_compute_cost_code": [
        ("missing 1/m", """def compute_cost(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
"""),
        ("sign flipped", """def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
"""),
        ("the (1 - Y) term forgotten", """def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL)) / m)
"""),
        ("a (1, 1) array instead of a number", """def compute_cost(AL, Y):
    m = Y.shape[1]
    return -(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T) / m
"""),
    ],
    "week03_linear_backward_code": [
        ("missing 1/m", """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)
"""),
        ("db without keepdims", """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1) / m
"""),
        ("dA_prev divided by m as well", """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ / m, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m
"""),
        ("dW transposed", """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, A_prev @ dZ.T / m, np.sum(dZ, axis=1, keepdims=True) / m
"""),
    ],
    "week03_linear_activation_backward_code": [
        ("activation derivative forgotten", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    return linear_backward(dA, linear_cache)
"""),
        ("ReLU mask taken from dA instead of Z", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (dA > 0)
    else:
        dZ = dA * sigmoid_derivative(Z)
    return linear_backward(dZ, linear_cache)
"""),
        ("sigmoid derivative taken as s instead of s(1 - s)", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * relu_derivative(Z)
    else:
        dZ = dA * sigmoid(Z)
    return linear_backward(dZ, linear_cache)
"""),
        ("derivatives swapped", """def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "sigmoid":
        dZ = dA * relu_derivative(Z)
    else:
        dZ = dA * sigmoid_derivative(Z)
    return linear_backward(dZ, linear_cache)
"""),
    ],
    "week03_L_model_backward_code": [
        ("dAL with the wrong sign", _L_backward(dAL="np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)")),
        ("ReLU backward through the output layer", _L_backward(last="relu")),
        ("dA keys shifted by one (no dA0)", _L_backward(key_of_dA_prev="l + 1")),
        ("dAL divided by m", _L_backward(dAL="-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)) / m")),
    ],
    "week03_update_parameters_code": [
        ("gradient ascent", """def update_parameters(parameters, grads, learning_rate):
    parameters = dict(parameters)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters
"""),
        ("biases not updated", """def update_parameters(parameters, grads, learning_rate):
    parameters = dict(parameters)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters
"""),
        ("last layer not updated", """def update_parameters(parameters, grads, learning_rate):
    parameters = dict(parameters)
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
"""),
        ("layers numbered from 0", """def update_parameters(parameters, grads, learning_rate):
    parameters = dict(parameters)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
"""),
    ],
    "week03_two_layer_model_code": [
        ("sigmoid in the hidden layer", _two_layer(hidden="sigmoid")),
        ("learning rate ignored", _two_layer(rate="0.0075")),
        ("cost recorded every iteration", _two_layer(record="True")),
        ("own 0.01 initialisation", _SMALL_INIT + _two_layer(init="_small_init(layers_dims)")),
    ],
    "week03_L_layer_model_code": [
        ("learning rate ignored", _L_layer(rate="0.0075")),
        ("one iteration short", _L_layer(iterations="num_iterations - 1")),
        ("cost recorded every iteration", _L_layer(record="True")),
        ("cost recorded after the update", _L_layer(cost_after_update=True)),
    ],
}
