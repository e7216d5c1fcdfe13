"""Plausible wrong implementations of every week-2 graded function."""

_BACKWARD = '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2, Z1 = cache["A1"], cache["A2"], cache["Z1"]
    dZ2 = {dZ2}
    dW2 = {dW2}
    db2 = {db2}
    dZ1 = {dZ1}
    dW1 = {dW1}
    db1 = {db1}
    return {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
'''
_BACKWARD_RIGHT = {
    "dZ2": "A2 - Y",
    "dW2": "dZ2 @ A1.T / m",
    "db2": "np.sum(dZ2, axis=1, keepdims=True) / m",
    "dZ1": "(W2.T @ dZ2) * (1 - A1 ** 2)",
    "dW1": "dZ1 @ X.T / m",
    "db1": "np.sum(dZ1, axis=1, keepdims=True) / m",
}


def _backward(**wrong):
    return _BACKWARD.format(**{**_BACKWARD_RIGHT, **wrong})


_NN_MODEL = '''def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    {seed}
    n_x, {n_h_name}, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range({iterations}):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        {update}
    return parameters
'''
_NN_MODEL_RIGHT = {
    "seed": "np.random.seed(3)",
    "n_h_name": "_",
    "iterations": "num_iterations",
    "update": "parameters = update_parameters(parameters, grads)",
}


def _nn_model(**wrong):
    return _NN_MODEL.format(**{**_NN_MODEL_RIGHT, **wrong})


MUTANTS = {
    "week02_layer_sizes_code": [
        ("number of examples instead of features",
         "def layer_sizes(X, Y):\n    return (X.shape[1], 4, Y.shape[0])\n"),
        ("output size from the number of examples",
         "def layer_sizes(X, Y):\n    return (X.shape[0], 4, Y.shape[1])\n"),
        ("hidden size copied from the input size",
         "def layer_sizes(X, Y):\n    return (X.shape[0], X.shape[0], Y.shape[0])\n"),
        ("sizes in the wrong order",
         "def layer_sizes(X, Y):\n    return (X.shape[0], Y.shape[0], 4)\n"),
    ],
    "week02_initialize_parameters_code": [
        ("W1 transposed", """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_x, n_h) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
"""),
        ("weights not scaled by 0.01", """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x)
    W2 = np.random.randn(n_y, n_h)
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
"""),
        ("1-D biases", """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros(n_h), "W2": W2, "b2": np.zeros(n_y)}
"""),
        ("uniform np.random.rand instead of randn", """def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.rand(n_h, n_x) * 0.01
    W2 = np.random.rand(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
"""),
        ("W2 drawn before W1", """def initialize_parameters(n_x, n_h, n_y):
    W2 = np.random.randn(n_y, n_h) * 0.01
    W1 = np.random.randn(n_h, n_x) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
"""),
    ],
    "week02_forward_propagation_code": [
        ("sigmoid in the hidden layer", """def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = sigmoid(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""),
        ("output layer fed Z1 instead of A1", """def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ Z1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""),
        ("tanh at the output", """def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = np.tanh(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""),
        ("biases forgotten", """def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""),
    ],
    "week02_compute_cost_code": [
        ("missing 1/m", """def compute_cost(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
"""),
        ("sign flipped", """def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
"""),
        ("only the y log a term", """def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2)) / m)
"""),
        ("log(A2) in both terms", """def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(A2)) / m)
"""),
    ],
    "week02_backward_propagation_code": [
        ("tanh derivative written as 1 - A1", _backward(dZ1="(W2.T @ dZ2) * (1 - A1)")),
        ("tanh derivative taken from Z1", _backward(dZ1="(W2.T @ dZ2) * (1 - Z1 ** 2)")),
        ("bias gradients summed over the wrong axis", _backward(
            db2="np.sum(dZ2, axis=0, keepdims=True) / m", db1="np.sum(dZ1, axis=0, keepdims=True) / m")),
        ("no keepdims: 1-D bias gradients", _backward(
            db2="np.sum(dZ2, axis=1) / m", db1="np.sum(dZ1, axis=1) / m")),
        ("missing 1/m in the weight gradients", _backward(dW2="dZ2 @ A1.T", dW1="dZ1 @ X.T")),
        ("dZ2 = Y - A2", _backward(dZ2="Y - A2")),
    ],
    "week02_update_parameters_code": [
        ("gradient ascent", """def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] + learning_rate * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}
"""),
        ("biases never updated", """def update_parameters(parameters, grads, learning_rate=1.2):
    return {"W1": parameters["W1"] - learning_rate * grads["dW1"], "b1": parameters["b1"],
            "W2": parameters["W2"] - learning_rate * grads["dW2"], "b2": parameters["b2"]}
"""),
        ("learning rate hard-coded to 1.2", """def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] - 1.2 * grads["d" + name] for name in ("W1", "b1", "W2", "b2")}
"""),
        ("learning rate forgotten on the biases", """def update_parameters(parameters, grads, learning_rate=1.2):
    return {"W1": parameters["W1"] - learning_rate * grads["dW1"], "b1": parameters["b1"] - grads["db1"],
            "W2": parameters["W2"] - learning_rate * grads["dW2"], "b2": parameters["b2"] - grads["db2"]}
"""),
    ],
    "week02_nn_model_code": [
        ("cell rewritten without np.random.seed(3)", _nn_model(seed="pass")),
        ("hidden size taken from layer_sizes (always 4)", _nn_model(n_h_name="n_h")),
        ("result of update_parameters not kept", _nn_model(update="update_parameters(parameters, grads)")),
        ("one iteration short", _nn_model(iterations="1, num_iterations")),
    ],
    "week02_predict_code": [
        ("threshold >= 0.5", """def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (A2 >= 0.5).astype(float)
"""),
        ("probabilities instead of labels", """def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return A2
"""),
        ("thresholds Z2 instead of A2", """def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (cache["Z2"] > 0.5).astype(float)
"""),
        ("1-D result", """def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float).ravel()
"""),
    ],
}
