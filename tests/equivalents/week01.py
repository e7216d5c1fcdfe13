"""Correct implementations of every week-01 graded function, written another way than the reference."""

EQUIVALENTS = {
    "week01_sigmoid_code": [
        ("exp(z) / (1 + exp(z)) for negative z, guarded against overflow", """def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
"""),
        ("through tanh: (1 + tanh(z / 2)) / 2", """def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))
"""),
        ("explicit loop with math.exp, Python float for a number", """import math

def sigmoid(z):
    def one(t):
        if t >= 0:
            return 1.0 / (1.0 + math.exp(-t))
        e = math.exp(t)
        return e / (1.0 + e)

    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for index in np.ndindex(z.shape):
        out[index] = one(z[index])
    return out if out.ndim else float(out)
"""),
    ],
    "week01_sigmoid_derivative_code": [
        ("sigmoid(x) * sigmoid(-x)", """def sigmoid_derivative(x):
    return sigmoid(x) * sigmoid(-x)
"""),
        ("e^-|x| / (1 + e^-|x|)^2 (the derivative is even)", """def sigmoid_derivative(x):
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2
"""),
        ("through tanh: (1 - tanh(x / 2)^2) / 4", """def sigmoid_derivative(x):
    return (1 - np.tanh(x / 2) ** 2) / 4
"""),
    ],
    "week01_image2vector_code": [
        ("reshape(-1, 1)", """def image2vector(image):
    return image.reshape(-1, 1)
"""),
        ("ravel then a new axis", """def image2vector(image):
    return np.ravel(image)[:, np.newaxis]
"""),
        ("explicit loops in C order", """def image2vector(image):
    height, width, depth = image.shape
    v = np.empty((height * width * depth, 1), dtype=image.dtype)
    k = 0
    for i in range(height):
        for j in range(width):
            for c in range(depth):
                v[k, 0] = image[i, j, c]
                k += 1
    return v
"""),
    ],
    "week01_normalize_rows_code": [
        ("norm written as sqrt(sum(x**2))", """def normalize_rows(x):
    return x / np.sqrt(np.sum(x ** 2, axis=1, keepdims=True))
"""),
        ("loop over the rows", """def normalize_rows(x):
    out = np.empty(x.shape)
    for i in range(x.shape[0]):
        out[i] = x[i] / np.linalg.norm(x[i])
    return out
"""),
        ("einsum and reshape instead of keepdims", """def normalize_rows(x):
    norms = np.sqrt(np.einsum("ij,ij->i", x, x)).reshape(-1, 1)
    return x / norms
"""),
    ],
    "week01_softmax_code": [
        ("exp(x - logsumexp(x))", """def softmax(x):
    row_max = np.max(x, axis=1, keepdims=True)
    log_norm = row_max + np.log(np.sum(np.exp(x - row_max), axis=1, keepdims=True))
    return np.exp(x - log_norm)
"""),
        ("loop over the rows", """def softmax(x):
    out = np.empty(x.shape)
    for i in range(x.shape[0]):
        e = np.exp(x[i] - x[i].max())
        out[i] = e / e.sum()
    return out
"""),
        ("columns of the transpose", """def softmax(x):
    e = np.exp(x.T - x.max(axis=1))
    return (e / e.sum(axis=0)).T
"""),
    ],
    "week01_L1_code": [
        ("Python float", """def L1(yhat, y):
    return float(np.abs(y - yhat).sum())
"""),
        ("explicit loop", """def L1(yhat, y):
    total = 0.0
    for a, b in zip(np.ravel(yhat), np.ravel(y)):
        total += abs(b - a)
    return total
"""),
        ("1-norm of the flattened difference", """def L1(yhat, y):
    return np.linalg.norm(np.ravel(y - yhat), 1)
"""),
        ("float32 arithmetic", """def L1(yhat, y):
    return np.sum(np.abs(y.astype(np.float32) - yhat.astype(np.float32)))
"""),
    ],
    "week01_L2_code": [
        ("dot product of the flattened difference", """def L2(yhat, y):
    d = np.ravel(y - yhat)
    return np.dot(d, d)
"""),
        ("explicit loop, Python float", """def L2(yhat, y):
    total = 0.0
    for a, b in zip(np.ravel(yhat), np.ravel(y)):
        total += float(b - a) ** 2
    return total
"""),
        ("squared Euclidean norm", """def L2(yhat, y):
    return float(np.linalg.norm(y - yhat) ** 2)
"""),
        ("np.square and float32 arithmetic", """def L2(yhat, y):
    return np.sum(np.square(yhat.astype(np.float32) - y.astype(np.float32)))
"""),
    ],
    "week01_initialize_with_zeros_code": [
        ("np.zeros then reshape, returned as a list", """def initialize_with_zeros(dim):
    w = np.zeros(dim).reshape(dim, 1)
    b = float(0)
    return [w, b]
"""),
        ("np.full", """def initialize_with_zeros(dim):
    return np.full((dim, 1), 0.0), 0.
"""),
        ("float32 zeros", """def initialize_with_zeros(dim):
    return np.zeros((dim, 1), dtype=np.float32), 0.0
"""),
    ],
    "week01_propagate_code": [
        ("np.dot, cost as a (1, 1) product squeezed to a float", """def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    cost = float(np.squeeze(cost))
    dw = np.dot(X, (A - Y).T) / m
    db = float(np.sum(A - Y) / m)
    return {"dw": dw, "db": db}, cost
"""),
        ("np.matmul, keyword call of sigmoid, means", """def propagate(w, b, X, Y):
    A = sigmoid(z=np.matmul(w.T, X) + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    grads = {}
    grads["dw"] = np.matmul(X, dZ.T) / X.shape[1]
    grads["db"] = np.mean(dZ)
    return grads, cost
"""),
        ("cost from logaddexp, dw by broadcasting", """def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = w.T @ X + b
    A = sigmoid(Z)
    # -log(sigmoid(z)) = log(1 + e^-z) and -log(1 - sigmoid(z)) = log(1 + e^z)
    cost = np.sum(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)) / m
    dw = np.sum(X * (A - Y), axis=1, keepdims=True) / m
    db = (A - Y).sum() / m
    return {"dw": dw, "db": db}, cost
"""),
    ],
    "week01_optimize_code": [
        ("in-place updates of a copy of w", """def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = np.array(w, dtype=float)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
    return {"w": w, "b": b}, grads, costs
"""),
        ("while loop, keyword call of propagate, costs as Python floats", """def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    i = 0
    while i < num_iterations:
        grads, cost = propagate(w=w, b=b, X=X, Y=Y)
        if not i % 100:
            costs.append(float(cost))
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
        dw, db = grads["dw"], grads["db"]
        w, b = w - learning_rate * dw, b - learning_rate * db
        i += 1
    params = dict(w=w, b=b)
    return params, grads, costs
"""),
    ],
    "week01_predict_code": [
        ("np.where", """def predict(w, b, X):
    return np.where(sigmoid(w.T @ X + b) > 0.5, 1.0, 0.0)
"""),
        ("loop over the examples", """def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(m):
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
    return Y_prediction
"""),
        ("float32 labels", """def predict(w, b, X):
    A = sigmoid(np.matmul(w.T, X) + b)
    return (A > 0.5).astype(np.float32)
"""),
    ],
    "week01_model_code": [
        ("keyword calls of the helpers", """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(dim=X_train.shape[0])
    params, grads, costs = optimize(w=w, b=b, X=X_train, Y=Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    w, b = params["w"], params["b"]
    return dict(
        costs=costs,
        Y_prediction_test=predict(w=w, b=b, X=X_test),
        Y_prediction_train=predict(w=w, b=b, X=X_train),
        w=w,
        b=b,
        learning_rate=learning_rate,
        num_iterations=num_iterations,
    )
"""),
        ("result dict filled step by step", """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    d = {"learning_rate": learning_rate, "num_iterations": num_iterations}
    w0, b0 = initialize_with_zeros(X_train.shape[0])
    params, _, d["costs"] = optimize(w0, b0, X_train, Y_train, num_iterations, learning_rate, print_cost)
    d["w"] = params["w"]
    d["b"] = params["b"]
    d["Y_prediction_train"] = predict(d["w"], d["b"], X_train)
    d["Y_prediction_test"] = predict(d["w"], d["b"], X_test)
    return d
"""),
    ],
}
