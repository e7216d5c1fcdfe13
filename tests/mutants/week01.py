"""Plausible wrong implementations of every week-1 graded function."""

MUTANTS = {
    "week01_sigmoid_code": [
        ("sign of the exponent flipped", "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"),
        ("math.exp only works on numbers", "import math\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"),
        ("1 - sigmoid", "def sigmoid(z):\n    return np.exp(-z) / (1 + np.exp(-z))\n"),
        ("tanh instead of the sigmoid", "def sigmoid(z):\n    return np.tanh(z)\n"),
    ],
    "week01_sigmoid_derivative_code": [
        ("derivative written in terms of x", "def sigmoid_derivative(x):\n    return x * (1 - x)\n"),
        ("plus instead of minus", "def sigmoid_derivative(x):\n    s = sigmoid(x)\n    return s * (1 + s)\n"),
        ("forgot the factor s", "def sigmoid_derivative(x):\n    return 1 - sigmoid(x)\n"),
    ],
    "week01_image2vector_code": [
        ("row vector", "def image2vector(image):\n    return image.reshape(1, -1)\n"),
        ("flat 1-D array", "def image2vector(image):\n    return image.flatten()\n"),
        ("Fortran order", "def image2vector(image):\n    return image.reshape(-1, 1, order='F')\n"),
        ("transposed first", "def image2vector(image):\n    return image.T.reshape(-1, 1)\n"),
    ],
    "week01_normalize_rows_code": [
        ("norm over columns", "def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=0, keepdims=True)\n"),
        ("L1 norm", "def normalize_rows(x):\n    return x / np.sum(np.abs(x), axis=1, keepdims=True)\n"),
        ("squared norm", "def normalize_rows(x):\n    return x / np.sum(x ** 2, axis=1, keepdims=True)\n"),
        ("no keepdims", "def normalize_rows(x):\n    return x / np.linalg.norm(x, axis=1)\n"),
    ],
    "week01_softmax_code": [
        ("normalised over columns", "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=0, keepdims=True)\n"),
        ("no max subtraction (overflows)", "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=1, keepdims=True)\n"),
        ("divided by the grand total", "def softmax(x):\n    e = np.exp(x - np.max(x))\n    return e / np.sum(e)\n"),
        ("subtracts the column max then sums over columns",
         "def softmax(x):\n    e = np.exp(x - np.max(x, axis=0))\n    return e / np.sum(e, axis=0)\n"),
    ],
    "week01_L1_code": [
        ("no absolute value", "def L1(yhat, y):\n    return np.sum(y - yhat)\n"),
        ("mean instead of sum", "def L1(yhat, y):\n    return np.mean(np.abs(y - yhat))\n"),
        ("squared differences", "def L1(yhat, y):\n    return np.sum((y - yhat) ** 2)\n"),
    ],
    "week01_L2_code": [
        ("Euclidean norm (square root)", "def L2(yhat, y):\n    return np.linalg.norm(y - yhat)\n"),
        ("mean instead of sum", "def L2(yhat, y):\n    return np.mean((y - yhat) ** 2)\n"),
        ("absolute differences", "def L2(yhat, y):\n    return np.sum(np.abs(y - yhat))\n"),
    ],
    "week01_initialize_with_zeros_code": [
        ("row vector", "def initialize_with_zeros(dim):\n    return np.zeros((1, dim)), 0.0\n"),
        ("integer zeros", "def initialize_with_zeros(dim):\n    return np.zeros((dim, 1), dtype=int), 0\n"),
        ("1-D weights", "def initialize_with_zeros(dim):\n    return np.zeros(dim), 0.0\n"),
        ("b as an array", "def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), np.zeros((1, 1))\n"),
    ],
    "week01_propagate_code": [
        ("missing 1/m", """def propagate(w, b, X, Y):
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return {"dw": X @ (A - Y).T, "db": np.sum(A - Y)}, cost
"""),
        ("cost sign flipped", """def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}, cost
"""),
        ("dw transposed", """def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": (A - Y) @ X.T / m, "db": np.sum(A - Y) / m}, cost
"""),
        ("gradient of Y - A", """def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X @ (Y - A).T / m, "db": np.sum(Y - A) / m}, cost
"""),
    ],
    "week01_optimize_code": [
        ("gradient ascent", """def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w + learning_rate * grads["dw"]
        b = b + learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
"""),
        ("b never updated", """def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
"""),
        ("cost recorded every iteration", """def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        costs.append(cost)
    return {"w": w, "b": b}, grads, costs
"""),
        ("one iteration short", """def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations - 1):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
"""),
    ],
    "week01_predict_code": [
        ("threshold >= 0.5", "def predict(w, b, X):\n    return (sigmoid(w.T @ X + b) >= 0.5).astype(float)\n"),
        ("no sigmoid: thresholds z at 0.5", "def predict(w, b, X):\n    return (w.T @ X + b > 0.5).astype(float)\n"),
        ("probabilities instead of labels", "def predict(w, b, X):\n    return sigmoid(w.T @ X + b)\n"),
        ("1-D result", "def predict(w, b, X):\n    return (sigmoid(w.T @ X + b) > 0.5).astype(float).ravel()\n"),
    ],
    "week01_model_code": [
        ("test predictions made on the training set", """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_train), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
"""),
        ("learning rate ignored", """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, 0.5, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
"""),
        ("iterations ignored", """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, 2000, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
"""),
        ("returns the initial parameters", """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    return {"costs": costs, "Y_prediction_test": predict(params["w"], params["b"], X_test),
            "Y_prediction_train": predict(params["w"], params["b"], X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
"""),
    ],
}

