"""Plausible wrong implementations of every week-5 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``math``, ``torch``, ``nn``...).
"""

_GD = """def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range({layers}):
        parameters["W" + str(l)] = parameters["W" + str(l)] {sign} learning_rate * grads["dW" + str(l)]
        {bias}
    return parameters
"""
_GD_BIAS = 'parameters["b" + str(l)] = parameters["b" + str(l)] {sign} learning_rate * grads["db" + str(l)]'

_MINI_BATCHES = """def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    {shuffle}
    n = m // mini_batch_size
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    {remainder}
    return mini_batches
"""
_SAME_PERMUTATION = "permutation = np.random.permutation(m)\n    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]"
_REMAINDER = "if m % mini_batch_size != 0:\n        mini_batches.append((shuffled_X[:, n * mini_batch_size:], shuffled_Y[:, n * mini_batch_size:]))"

_MOMENTUM = """def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            v["d" + name] = {velocity}
            parameters[name] = parameters[name] - learning_rate * {step}
    return parameters, v
"""

_ADAM = """def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {{}}
    s_corrected = {{}}
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            key = "d" + name
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            s[key] = {s_update}
            v_corrected[key] = {v_corrected}
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            parameters[name] = parameters[name] - learning_rate * v_corrected[key] / ({denominator})
    return parameters, v, s, v_corrected, s_corrected
"""
_S_UPDATE = "beta2 * s[key] + (1 - beta2) * grads[key] ** 2"
_V_CORRECTED = "v[key] / (1 - beta1 ** t)"
_ROOT = "np.sqrt(s_corrected[key]) + epsilon"

_BATCHNORM_FORWARD = """def batchnorm_forward(x, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    N = x.shape[0]
    if mode == "train":
        mean = np.mean(x, axis={axis})
        var = np.var(x, axis={axis})
        bn_param["running_mean"] = {running_mean}
        bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * var * {unbiased}
    else:
        mean, var = {test_statistics}
    x_hat = (x - mean) / {scale}
    out = gamma * x_hat + beta
    cache = {{"x": x, "x_hat": x_hat, "mean": mean, "var": var, "gamma": gamma, "eps": eps}}
    return out, cache
"""
_BN = dict(axis="0", running_mean='momentum * bn_param["running_mean"] + (1 - momentum) * mean', unbiased="N / (N - 1)",
           test_statistics='bn_param["running_mean"], bn_param["running_var"]', scale="np.sqrt(var + eps)")

_BATCHNORM_BACKWARD = """def batchnorm_backward(dout, cache):
    x_hat, gamma, var, eps = cache["x_hat"], cache["gamma"], cache["var"], cache["eps"]
    N = dout.shape[0]
    dbeta = np.sum(dout, axis=0)
    dgamma = {dgamma}
    dx = {dx}
    return dx, dgamma, dbeta
"""
_DX = "gamma / (N * np.sqrt(var + eps)) * (N * dout - dbeta - x_hat * dgamma)"

_CLASSIFIER = """class SoftmaxClassifier(nn.Module):
    def __init__(self, in_features, hidden, num_classes):
        super().__init__()
        self.hidden = nn.Linear(in_features, {hidden_size})
        self.output = nn.Linear({hidden_size}, num_classes)

    def forward(self, x):
        return {forward}
"""

_TRAIN = """def train_classifier(model, loader, epochs, learning_rate, device):
    epoch_losses = []
    model.to(device)
    optimizer = {optimizer}
    loss_function = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        total, count, batch_losses = 0.0, 0, []
        for x, labels in loader:
            x, labels = x.to(device), labels.to(device)
            {zero_grad}
            loss = loss_function({logits}, labels)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(labels)
            count += len(labels)
            batch_losses.append(loss.item())
        epoch_losses.append({epoch_loss})
    return epoch_losses
"""
_ADAM_OPTIMIZER = "torch.optim.Adam(model.parameters(), lr=learning_rate)"

MUTANTS = {
    "week05_update_parameters_with_gd_code": [
        ("gradient ascent", _GD.format(layers="1, L + 1", sign="+", bias=_GD_BIAS.format(sign="+"))),
        ("biases never updated", _GD.format(layers="1, L + 1", sign="-", bias="pass")),
        ("last layer skipped: range(1, L)", _GD.format(layers="1, L", sign="-", bias=_GD_BIAS.format(sign="-"))),
    ],
    "week05_random_mini_batches_code": [
        ("no shuffling", _MINI_BATCHES.format(shuffle="shuffled_X, shuffled_Y = X, Y", remainder=_REMAINDER)),
        ("X and Y shuffled with different permutations", _MINI_BATCHES.format(
            shuffle="shuffled_X = X[:, np.random.permutation(m)]\n    shuffled_Y = Y[:, np.random.permutation(m)]",
            remainder=_REMAINDER)),
        ("last, smaller batch dropped", _MINI_BATCHES.format(shuffle=_SAME_PERMUTATION, remainder="")),
        ("an empty last batch when m is a multiple of the size", _MINI_BATCHES.format(
            shuffle=_SAME_PERMUTATION,
            remainder="mini_batches.append((shuffled_X[:, n * mini_batch_size:], shuffled_Y[:, n * mini_batch_size:]))")),
        ("seed ignored", _MINI_BATCHES.format(
            shuffle="permutation = np.random.default_rng().permutation(m)\n    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]",
            remainder=_REMAINDER)),
    ],
    "week05_initialize_velocity_code": [
        ("keys without the d", """def initialize_velocity(parameters):
    L = len(parameters) // 2
    return {name: np.zeros_like(parameters[name]) for l in range(1, L + 1) for name in ("W" + str(l), "b" + str(l))}
"""),
        ("transposed shapes", """def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].T.shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].T.shape)
    return v
"""),
        ("biases missing", """def initialize_velocity(parameters):
    L = len(parameters) // 2
    return {"dW" + str(l): np.zeros_like(parameters["W" + str(l)]) for l in range(1, L + 1)}
"""),
        ("scalar zeros", """def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = 0.0
        v["db" + str(l)] = 0.0
    return v
"""),
    ],
    "week05_update_parameters_with_momentum_code": [
        ("no (1 - beta) factor", _MOMENTUM.format(velocity='beta * v["d" + name] + grads["d" + name]', step='v["d" + name]')),
        ("beta and 1 - beta swapped", _MOMENTUM.format(velocity='(1 - beta) * v["d" + name] + beta * grads["d" + name]',
                                                       step='v["d" + name]')),
        ("steps along the raw gradient", _MOMENTUM.format(velocity='beta * v["d" + name] + (1 - beta) * grads["d" + name]',
                                                          step='grads["d" + name]')),
    ],
    "week05_initialize_adam_code": [
        ("s starts at one", """def initialize_adam(parameters):
    v = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    s = {"d" + name: np.ones_like(value) for name, value in parameters.items()}
    return v, s
"""),
        ("keys without the d", """def initialize_adam(parameters):
    v = {name: np.zeros_like(value) for name, value in parameters.items()}
    s = {name: np.zeros_like(value) for name, value in parameters.items()}
    return v, s
"""),
        ("biases missing", """def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {"dW" + str(l): np.zeros_like(parameters["W" + str(l)]) for l in range(1, L + 1)}
    s = {"dW" + str(l): np.zeros_like(parameters["W" + str(l)]) for l in range(1, L + 1)}
    return v, s
"""),
        ("transposed shapes", """def initialize_adam(parameters):
    v = {"d" + name: np.zeros(value.T.shape) for name, value in parameters.items()}
    s = {"d" + name: np.zeros(value.T.shape) for name, value in parameters.items()}
    return v, s
"""),
    ],
    "week05_update_parameters_with_adam_code": [
        ("epsilon inside the square root", _ADAM.format(s_update=_S_UPDATE, v_corrected=_V_CORRECTED,
                                                        denominator="np.sqrt(s_corrected[key] + epsilon)")),
        ("no bias correction", _ADAM.format(s_update=_S_UPDATE, v_corrected="v[key]",
                                            denominator="np.sqrt(s[key]) + epsilon")),
        ("bias correction with t + 1", _ADAM.format(s_update=_S_UPDATE, v_corrected="v[key] / (1 - beta1 ** (t + 1))",
                                                    denominator=_ROOT)),
        ("beta1 used for the squared gradients", _ADAM.format(
            s_update="beta1 * s[key] + (1 - beta1) * grads[key] ** 2", v_corrected=_V_CORRECTED, denominator=_ROOT)),
    ],
    "week05_update_lr_code": [
        ("multiplies instead of dividing", "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                                           "    return learning_rate0 * (1 + decay_rate * epoch_num)\n"),
        ("exponential decay", "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                              "    return learning_rate0 * decay_rate ** epoch_num\n"),
        ("divides by decay_rate only once", "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                                            "    return learning_rate0 / (1 + decay_rate) * epoch_num\n"),
    ],
    "week05_schedule_lr_decay_code": [
        ("no floor", "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                     "    return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)\n"),
        ("rounds instead of flooring", "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                                       "    return learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))\n"),
        ("time_interval ignored", "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                                  "    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / 1000))\n"),
        ("multiplies instead of dividing", "def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n"
                                           "    return learning_rate0 * (1 + decay_rate * np.floor(epoch_num / time_interval))\n"),
    ],
    "week05_sample_log_uniform_code": [
        ("uniform on the linear scale", "def sample_log_uniform(low, high, size, rng):\n"
                                        "    return rng.uniform(low, high, size)\n"),
        ("natural logarithm with a power of 10", "def sample_log_uniform(low, high, size, rng):\n"
                                                 "    return 10 ** rng.uniform(np.log(low), np.log(high), size)\n"),
        ("global np.random instead of rng", "def sample_log_uniform(low, high, size, rng):\n"
                                            "    return 10 ** np.random.uniform(np.log10(low), np.log10(high), size)\n"),
        ("log of a uniform sample", "def sample_log_uniform(low, high, size, rng):\n"
                                    "    return np.log10(rng.uniform(low, high, size))\n"),
    ],
    "week05_batchnorm_forward_code": [
        ("divides by the variance", _BATCHNORM_FORWARD.format(**dict(_BN, scale="(var + eps)"))),
        ("epsilon outside the square root", _BATCHNORM_FORWARD.format(**dict(_BN, scale="(np.sqrt(var) + eps)"))),
        ("normalises each example over its features", _BATCHNORM_FORWARD.format(**dict(
            _BN, axis="1, keepdims=True", running_mean='bn_param["running_mean"]', unbiased="1"))),
        ("test mode uses the batch statistics", _BATCHNORM_FORWARD.format(**dict(
            _BN, test_statistics="np.mean(x, axis=0), np.var(x, axis=0)"))),
        ("momentum weights swapped in the running mean", _BATCHNORM_FORWARD.format(**dict(
            _BN, running_mean='(1 - momentum) * bn_param["running_mean"] + momentum * mean'))),
        ("biased variance in the running average", _BATCHNORM_FORWARD.format(**dict(_BN, unbiased="1"))),
    ],
    "week05_batchnorm_backward_code": [
        ("dx ignores the batch statistics", _BATCHNORM_BACKWARD.format(
            dgamma="np.sum(dout * x_hat, axis=0)", dx="dout * gamma / np.sqrt(var + eps)")),
        ("dx misses the variance path", _BATCHNORM_BACKWARD.format(
            dgamma="np.sum(dout * x_hat, axis=0)", dx="gamma / (N * np.sqrt(var + eps)) * (N * dout - dbeta)")),
        ("dgamma without x_hat", _BATCHNORM_BACKWARD.format(dgamma="np.sum(dout, axis=0)", dx=_DX)),
        ("divides by the variance", _BATCHNORM_BACKWARD.format(
            dgamma="np.sum(dout * x_hat, axis=0)", dx="gamma / (N * (var + eps)) * (N * dout - dbeta - x_hat * dgamma)")),
    ],
    "week05_softmax_cross_entropy_code": [
        ("missing 1/m", "def softmax_cross_entropy(yhat, y):\n    return -np.sum(y * np.log(yhat))\n"),
        ("mean over classes and examples", "def softmax_cross_entropy(yhat, y):\n    return -np.mean(y * np.log(yhat))\n"),
        ("binary cross-entropy formula", "def softmax_cross_entropy(yhat, y):\n"
                                         "    return -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat)) / y.shape[1]\n"),
        ("sign flipped", "def softmax_cross_entropy(yhat, y):\n    return np.sum(y * np.log(yhat)) / y.shape[1]\n"),
    ],
    "week05_one_hot_code": [
        ("integer dtype", "def one_hot(labels, num_classes):\n    return nn.functional.one_hot(labels, num_classes)\n"),
        ("classes read from the labels", "def one_hot(labels, num_classes):\n    return nn.functional.one_hot(labels).float()\n"),
        ("one column per example", "def one_hot(labels, num_classes):\n"
                                   "    return nn.functional.one_hot(labels, num_classes).float().T\n"),
        ("label shifted by one", "def one_hot(labels, num_classes):\n"
                                 "    return nn.functional.one_hot((labels + 1) % num_classes, num_classes).float()\n"),
    ],
    "week05_SoftmaxClassifier_code": [
        ("softmax inside forward", _CLASSIFIER.format(
            hidden_size="hidden", forward="torch.softmax(self.output(torch.relu(self.hidden(x))), dim=1)")),
        ("no activation", _CLASSIFIER.format(hidden_size="hidden", forward="self.output(self.hidden(x))")),
        ("hidden size fixed at 25", _CLASSIFIER.format(hidden_size="25", forward="self.output(torch.relu(self.hidden(x)))")),
        ("sigmoid instead of ReLU", _CLASSIFIER.format(hidden_size="hidden",
                                                       forward="self.output(torch.sigmoid(self.hidden(x)))")),
        ("layers created in the other order", """class SoftmaxClassifier(nn.Module):
    def __init__(self, in_features, hidden, num_classes):
        super().__init__()
        self.output = nn.Linear(hidden, num_classes)
        self.hidden = nn.Linear(in_features, hidden)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x)))
"""),
    ],
    "week05_train_classifier_code": [
        ("gradients never zeroed", _TRAIN.format(optimizer=_ADAM_OPTIMIZER, zero_grad="pass", logits="model(x)",
                                                 epoch_loss="total / count")),
        ("plain SGD instead of Adam", _TRAIN.format(optimizer="torch.optim.SGD(model.parameters(), lr=learning_rate)",
                                                    zero_grad="optimizer.zero_grad()", logits="model(x)",
                                                    epoch_loss="total / count")),
        ("unweighted mean of the batch losses", _TRAIN.format(optimizer=_ADAM_OPTIMIZER, zero_grad="optimizer.zero_grad()",
                                                              logits="model(x)",
                                                              epoch_loss="sum(batch_losses) / len(batch_losses)")),
        ("softmax before nn.CrossEntropyLoss", _TRAIN.format(optimizer=_ADAM_OPTIMIZER, zero_grad="optimizer.zero_grad()",
                                                             logits="torch.softmax(model(x), dim=1)",
                                                             epoch_loss="total / count")),
        ("loss of the last batch only", _TRAIN.format(optimizer=_ADAM_OPTIMIZER, zero_grad="optimizer.zero_grad()",
                                                      logits="model(x)", epoch_loss="batch_losses[-1]")),
    ],
}
