"""Plausible wrong implementations of every week-4 graded function."""


def _initializer(name, weights, loop="range(1, L)", bias="np.zeros((layers_dims[l], 1))", before=""):
    return f"""def {name}(layers_dims):
    {before}parameters = {{}}
    L = len(layers_dims)
    for l in {loop}:
        parameters["W" + str(l)] = {weights}
        parameters["b" + str(l)] = {bias}
    return parameters
"""


_COST = """def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = binary_cross_entropy(A3, Y)
    L2_regularization_cost = {penalty}
    return cross_entropy_cost + L2_regularization_cost
"""


def _cost(penalty):
    return _COST.format(penalty=penalty)


_BACKWARD_L2 = """def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1 / m * np.dot(dZ3, A2.T) + {W3_term}
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True){b3_term}
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1 / m * np.dot(dZ2, A1.T) + {W2_term}
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True){b2_term}
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1 / m * np.dot(dZ1, X.T){W1_term}
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True){b1_term}
    return {{"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}
"""


def _backward_l2(factor="lambd / m", W1=True, biases=False):
    terms = {f"W{l}_term": f"{factor} * W{l}" for l in (2, 3)}
    terms["W1_term"] = f" + {factor} * W1" if W1 else ""
    for l in (1, 2, 3):
        terms[f"b{l}_term"] = f" + {factor} * b{l}" if biases else ""
    return _BACKWARD_L2.format(**terms)


_FORWARD_DROPOUT = """def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1]) {keep} keep_prob
    A1 = {dropped1}
    Z2 = np.dot({W2}, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1]) {keep} keep_prob
    A2 = {dropped2}
    Z3 = np.dot({W3}, A2) + b3
    A3 = sigmoid(Z3){output}
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
"""


def _forward_dropout(keep="<", dropped="A{l} * D{l} / keep_prob", W2="W2", W3="W3", output=""):
    return _FORWARD_DROPOUT.format(keep=keep, dropped1=dropped.format(l=1), dropped2=dropped.format(l=2),
                                   W2=W2, W3=W3, output=output)


_BACKWARD_DROPOUT = """def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1 / m * np.dot(dZ3, A2.T)
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = {dropped2}
    dZ2 = np.multiply(dA2, np.int64(Z2 > 0))
    dW2 = 1 / m * np.dot(dZ2, A1.T)
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = {dropped1}
    dZ1 = np.multiply(dA1, np.int64(Z1 > 0))
    dW1 = 1 / m * np.dot(dZ1, X.T)
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {{"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}
"""


def _backward_dropout(dropped1, dropped2):
    return _BACKWARD_DROPOUT.format(dropped1=dropped1, dropped2=dropped2)


_GRADIENT_CHECK = """def gradient_check(x, theta, epsilon=1e-7):
    J_plus = {J_plus}
    J_minus = {J_minus}
    gradapprox = {gradapprox}
    grad = x
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return {result}
"""


def _gradient_check(J_plus="(theta + epsilon) * x", J_minus="(theta - epsilon) * x",
                    gradapprox="(J_plus - J_minus) / (2 * epsilon)", result="numerator / denominator"):
    return _GRADIENT_CHECK.format(J_plus=J_plus, J_minus=J_minus, gradapprox=gradapprox, result=result)


_GRADIENT_CHECK_N = """def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = {copy_plus}
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - {minus_step}
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = {gradapprox}
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = {denominator}
    return numerator / denominator
"""


def _gradient_check_n(copy_plus="np.copy(parameters_values)", minus_step="epsilon",
                      gradapprox="(J_plus[i] - J_minus[i]) / (2 * epsilon)",
                      denominator="np.linalg.norm(grad) + np.linalg.norm(gradapprox)"):
    return _GRADIENT_CHECK_N.format(copy_plus=copy_plus, minus_step=minus_step, gradapprox=gradapprox,
                                    denominator=denominator)


MUTANTS = {
    "week04_initialize_parameters_zeros_code": [
        ("weights transposed", _initializer("initialize_parameters_zeros", "np.zeros((layers_dims[l - 1], layers_dims[l]))")),
        ("1-D biases", _initializer("initialize_parameters_zeros", "np.zeros((layers_dims[l], layers_dims[l - 1]))",
                                    bias="np.zeros(layers_dims[l])")),
        ("last layer missing", _initializer("initialize_parameters_zeros", "np.zeros((layers_dims[l], layers_dims[l - 1]))",
                                            loop="range(1, L - 1)")),
        ("integer zeros", _initializer("initialize_parameters_zeros", "np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=int)",
                                       bias="np.zeros((layers_dims[l], 1), dtype=int)")),
    ],
    "week04_initialize_parameters_random_code": [
        ("scaled by 0.01, not 10", _initializer("initialize_parameters_random",
                                                "np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01")),
        ("uniform instead of normal", _initializer("initialize_parameters_random",
                                                   "np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10")),
        ("seeds the generator itself", _initializer("initialize_parameters_random",
                                                    "np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10",
                                                    before="np.random.seed(3)\n    ")),
        ("drawn transposed", _initializer("initialize_parameters_random",
                                          "np.random.randn(layers_dims[l - 1], layers_dims[l]).T * 10")),
    ],
    "week04_initialize_parameters_he_code": [
        ("scaled by the size of layer l, not l-1", _initializer(
            "initialize_parameters_he", "np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])")),
        ("sqrt(1 / n[l-1]) (the tanh rule)", _initializer(
            "initialize_parameters_he", "np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(1 / layers_dims[l - 1])")),
        ("variance instead of standard deviation", _initializer(
            "initialize_parameters_he", "np.random.randn(layers_dims[l], layers_dims[l - 1]) * 2 / layers_dims[l - 1]")),
        ("operator precedence: sqrt(2 / n[l-1] * n[l])", _initializer(
            "initialize_parameters_he",
            "np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1] * layers_dims[l])")),
    ],
    "week04_compute_cost_with_regularization_code": [
        ("lambda / m, the 1/2 forgotten",
         _cost("lambd / m * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))")),
        ("lambda / 2, the 1/m forgotten",
         _cost("lambd / 2 * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))")),
        ("sum of the weights, not of their squares",
         _cost("lambd / (2 * m) * (np.sum(W1) + np.sum(W2) + np.sum(W3))")),
        ("Frobenius norms, not squared",
         _cost("lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2) + np.linalg.norm(W3))")),
        ("biases penalised too",
         _cost("lambd / (2 * m) * sum(np.sum(np.square(value)) for value in parameters.values())")),
    ],
    "week04_backward_propagation_with_regularization_code": [
        ("weight decay lambda * W, the 1/m forgotten", _backward_l2(factor="lambd")),
        ("lambda / (2m) * W, the derivative of the square forgotten", _backward_l2(factor="lambd / (2 * m)")),
        ("biases regularised too", _backward_l2(biases=True)),
        ("no penalty on dW1", _backward_l2(W1=False)),
    ],
    "week04_forward_propagation_with_dropout_code": [
        ("kept units not scaled by 1/keep_prob", _forward_dropout(dropped="A{l} * D{l}")),
        ("keeps the units where rand > keep_prob", _forward_dropout(keep=">")),
        ("multiplied by keep_prob (the test-time rule) instead of divided",
         _forward_dropout(dropped="A{l} * D{l} * keep_prob")),
        ("weights scaled by 1/keep_prob instead of the activations",
         _forward_dropout(dropped="A{l} * D{l}", W2="W2 / keep_prob", W3="W3 / keep_prob")),
        ("dropout on the output too", _forward_dropout(
            output="\n    A3 = A3 * (np.random.rand(A3.shape[0], A3.shape[1]) < keep_prob) / keep_prob")),
    ],
    "week04_backward_propagation_with_dropout_code": [
        ("gradients not masked", _backward_dropout("dA1 / keep_prob", "dA2 / keep_prob")),
        ("masked but not scaled by 1/keep_prob", _backward_dropout("dA1 * D1", "dA2 * D2")),
        ("multiplied by keep_prob", _backward_dropout("dA1 * D1 * keep_prob", "dA2 * D2 * keep_prob")),
        ("masks swapped", _backward_dropout("dA1 * D2 / keep_prob", "dA2 * D1 / keep_prob")),
    ],
    "week04_gradient_check_code": [
        ("divided by epsilon, not 2 epsilon", _gradient_check(gradapprox="(J_plus - J_minus) / epsilon")),
        ("x perturbed instead of theta", _gradient_check(J_plus="theta * (x + epsilon)", J_minus="theta * (x - epsilon)")),
        ("returns the approximate gradient", _gradient_check(result="gradapprox")),
        ("J_plus + J_minus", _gradient_check(gradapprox="(J_plus + J_minus) / (2 * epsilon)")),
    ],
    "week04_gradient_check_n_code": [
        ("divided by epsilon, not 2 epsilon", _gradient_check_n(gradapprox="(J_plus[i] - J_minus[i]) / epsilon")),
        ("theta_plus not copied: the perturbations pile up", _gradient_check_n(copy_plus="parameters_values")),
        ("denominator ||grad|| only", _gradient_check_n(denominator="np.linalg.norm(grad)")),
        ("one-sided difference (J(theta + eps) - J(theta)) / eps",
         _gradient_check_n(minus_step="0", gradapprox="(J_plus[i] - J_minus[i]) / epsilon")),
    ],
}
