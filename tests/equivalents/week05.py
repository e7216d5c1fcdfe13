"""Correct implementations of every week-05 graded function, written another way than the reference.

Each entry maps a solution cell's ``grade_id`` to ``(description, code)`` pairs, the code being
what a student could type into that cell. It runs in the notebook's namespace (the imports cell:
``np``, ``math``, ``torch``, ``nn``, ``DataLoader``...). The checks must accept every one.
"""

EQUIVALENTS = {
    "week05_update_parameters_with_gd_code": [
        ("a loop over the parameter names", """def update_parameters_with_gd(parameters, grads, learning_rate):
    for name in list(parameters):
        parameters[name] = parameters[name] - learning_rate * grads["d" + name]
    return parameters
"""),
        ("a new dict built by a comprehension", """def update_parameters_with_gd(parameters, grads, learning_rate):
    return {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}
"""),
        ("np.subtract, %-formatted keys, layers counted from the W keys", """def update_parameters_with_gd(parameters, grads, learning_rate):
    L = sum(1 for key in parameters if key.startswith("W"))
    for l in range(1, L + 1):
        parameters["W%d" % l] = np.subtract(parameters["W%d" % l], learning_rate * grads["dW%d" % l])
        parameters["b%d" % l] = np.subtract(parameters["b%d" % l], learning_rate * grads["db%d" % l])
    return parameters
"""),
    ],
    "week05_random_mini_batches_code": [
        ("range with a step: the last slice is the short batch", """def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    return [(shuffled_X[:, start:start + mini_batch_size], shuffled_Y[:, start:start + mini_batch_size])
            for start in range(0, m, mini_batch_size)]
"""),
        ("np.take on axis 1, m // size complete batches, math.ceil for the count", """def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = np.random.permutation(m)
    shuffled_X = np.take(X, permutation, axis=1)
    shuffled_Y = np.take(Y, permutation, axis=1)
    for k in range(math.ceil(m / mini_batch_size)):
        end = min((k + 1) * mini_batch_size, m)
        mini_batches.append((shuffled_X[:, k * mini_batch_size:end], shuffled_Y[:, k * mini_batch_size:end]))
    return mini_batches
"""),
        ("index batches of the permutation, the columns gathered per batch", """def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = np.random.permutation(m)
    n_complete = m // mini_batch_size
    index_batches = [permutation[k * mini_batch_size:(k + 1) * mini_batch_size] for k in range(n_complete)]
    if m % mini_batch_size:
        index_batches.append(permutation[n_complete * mini_batch_size:])
    mini_batches = []
    for indices in index_batches:
        mini_batches.append((X[:, indices], Y[:, indices]))
    return mini_batches
"""),
    ],
    "week05_initialize_velocity_code": [
        ("dict comprehension over the parameters", """def initialize_velocity(parameters):
    return {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
"""),
        ("np.zeros of the parameter's shape", """def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
"""),
        ("np.full_like with 0.0, f-string keys", """def initialize_velocity(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v[f"dW{l}"] = np.full_like(parameters[f"W{l}"], 0.0)
        v[f"db{l}"] = np.full_like(parameters[f"b{l}"], 0.0)
    return v
"""),
    ],
    "week05_update_parameters_with_momentum_code": [
        ("in-place updates of the velocities, a loop over the parameter names", """def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    for name in list(parameters):
        key = "d" + name
        v[key] *= beta
        v[key] += (1 - beta) * grads[key]
        parameters[name] = parameters[name] - learning_rate * v[key]
    return parameters, v
"""),
        ("new dicts, the average written g + beta * (v - g)", """def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    new_v = {key: grads[key] + beta * (v[key] - grads[key]) for key in v}
    new_parameters = {name: parameters[name] - learning_rate * new_v["d" + name] for name in parameters}
    return new_parameters, new_v
"""),
        ("np.multiply / np.add, weights and biases in a loop over the prefixes", """def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = "d" + p + str(l)
            v[key] = np.add(np.multiply(beta, v[key]), np.multiply(1.0 - beta, grads[key]))
            parameters[p + str(l)] = parameters[p + str(l)] - np.multiply(learning_rate, v[key])
    return parameters, v
"""),
    ],
    "week05_initialize_adam_code": [
        ("two calls of initialize_velocity", """def initialize_adam(parameters):
    v = initialize_velocity(parameters)
    s = initialize_velocity(parameters)
    return v, s
"""),
        ("dict comprehensions with np.zeros(shape)", """def initialize_adam(parameters):
    v = {"d" + name: np.zeros(value.shape) for name, value in parameters.items()}
    s = {"d" + name: np.zeros(value.shape) for name, value in parameters.items()}
    return v, s
"""),
        ("v built in a loop, s a deep copy of it", """import copy


def initialize_adam(parameters):
    v = {}
    for l in range(1, len(parameters) // 2 + 1):
        v[f"dW{l}"] = np.zeros_like(parameters[f"W{l}"])
        v[f"db{l}"] = np.zeros_like(parameters[f"b{l}"])
    s = copy.deepcopy(v)
    return v, s
"""),
    ],
    "week05_update_parameters_with_adam_code": [
        ("in-place moment updates, np.power, epsilon + sqrt", """def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected = {}
    s_corrected = {}
    for name in list(parameters):
        key = "d" + name
        v[key] *= beta1
        v[key] += (1 - beta1) * grads[key]
        s[key] *= beta2
        s[key] += (1 - beta2) * np.square(grads[key])
        v_corrected[key] = v[key] / (1 - np.power(beta1, t))
        s_corrected[key] = s[key] / (1 - np.power(beta2, t))
        parameters[name] = parameters[name] - learning_rate * v_corrected[key] / (epsilon + np.sqrt(s_corrected[key]))
    return parameters, v, s, v_corrected, s_corrected
"""),
        ("new dicts throughout, math.pow for the corrections, ** 0.5", """import math


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    correction1 = 1 - math.pow(beta1, t)
    correction2 = 1 - math.pow(beta2, t)
    new_v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    new_s = {k: beta2 * s[k] + (1 - beta2) * grads[k] * grads[k] for k in s}
    v_corrected = {k: new_v[k] / correction1 for k in new_v}
    s_corrected = {k: new_s[k] / correction2 for k in new_s}
    new_parameters = {name: parameters[name] - learning_rate * v_corrected["d" + name] / (s_corrected["d" + name] ** 0.5 + epsilon)
                      for name in parameters}
    return new_parameters, new_v, new_s, v_corrected, s_corrected
"""),
        ("layer loop with separate W and b statements", """def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ["W", "b"]:
            d = "d" + p + str(l)
            v[d] = beta1 * v[d] + (1.0 - beta1) * grads[d]
            s[d] = beta2 * s[d] + (1.0 - beta2) * np.power(grads[d], 2)
        for p in ["W", "b"]:
            d = "d" + p + str(l)
            v_corrected[d] = v[d] / (1.0 - beta1 ** t)
            s_corrected[d] = s[d] / (1.0 - beta2 ** t)
            step = v_corrected[d] / (np.sqrt(s_corrected[d]) + epsilon)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * step
    return parameters, v, s, v_corrected, s_corrected
"""),
    ],
    "week05_update_lr_code": [
        ("multiplied by the inverse", """def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = (1 / (1 + decay_rate * epoch_num)) * learning_rate0
    return learning_rate
"""),
        ("float32 arithmetic", """def update_lr(learning_rate0, epoch_num, decay_rate):
    return np.float32(learning_rate0) / (np.float32(1) + np.float32(decay_rate) * np.float32(epoch_num))
"""),
        ("a 0-d array, power -1", """def update_lr(learning_rate0, epoch_num, decay_rate):
    return np.array(learning_rate0 * (1 + decay_rate * epoch_num) ** -1)
"""),
    ],
    "week05_schedule_lr_decay_code": [
        ("math.floor", """def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * math.floor(epoch_num / time_interval))
    return learning_rate
"""),
        ("integer division //", """def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    decays = epoch_num // time_interval
    return learning_rate0 / (1 + decay_rate * decays)
"""),
        ("int() truncation (epochs are non-negative), multiplied by the inverse", """def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 * 1.0 / (1.0 + decay_rate * int(epoch_num / time_interval))
"""),
    ],
    "week05_sample_log_uniform_code": [
        ("keyword call of rng.uniform, np.power(10, r)", """def sample_log_uniform(low, high, size, rng):
    r = rng.uniform(low=np.log10(low), high=np.log10(high), size=size)
    return np.power(10.0, r)
"""),
        ("natural logarithms: exp(uniform(log low, log high))", """def sample_log_uniform(low, high, size, rng):
    return np.exp(rng.uniform(np.log(low), np.log(high), size))
"""),
        ("one draw at a time in a loop, math.log10", """import math


def sample_log_uniform(low, high, size, rng):
    samples = []
    for _ in range(size):
        samples.append(10 ** rng.uniform(math.log10(low), math.log10(high)))
    return np.array(samples)
"""),
    ],
    "week05_batchnorm_forward_code": [
        ("mean and variance written out, the unbiased variance via np.var(ddof=1)", """def batchnorm_forward(x, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    if mode == "test":
        mean = bn_param["running_mean"]
        var = bn_param["running_var"]
    else:
        N = x.shape[0]
        mean = x.sum(axis=0) / N
        var = ((x - mean) ** 2).sum(axis=0) / N
        bn_param["running_mean"] = (1 - momentum) * mean + momentum * bn_param["running_mean"]
        bn_param["running_var"] = (1 - momentum) * np.var(x, axis=0, ddof=1) + momentum * bn_param["running_var"]
    x_hat = (x - mean) * (var + eps) ** -0.5
    out = x_hat * gamma + beta
    cache = {"x": x, "x_hat": x_hat, "mean": mean, "var": var, "gamma": gamma, "eps": eps}
    return out, cache
"""),
        ("one feature (column) at a time in a loop", """def batchnorm_forward(x, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    N, D = x.shape
    if mode == "train":
        mean = np.zeros(D)
        var = np.zeros(D)
        for j in range(D):
            mean[j] = np.mean(x[:, j])
            var[j] = np.mean((x[:, j] - mean[j]) ** 2)
        bn_param["running_mean"] = momentum * bn_param["running_mean"] + (1 - momentum) * mean
        bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * (N / (N - 1)) * var
    else:
        mean, var = bn_param["running_mean"], bn_param["running_var"]
    x_hat = np.empty_like(x, dtype=float)
    out = np.empty_like(x, dtype=float)
    for j in range(D):
        x_hat[:, j] = (x[:, j] - mean[j]) / math.sqrt(var[j] + eps)
        out[:, j] = gamma[j] * x_hat[:, j] + beta[j]
    cache = {"x": x, "x_hat": x_hat, "mean": mean, "var": var, "gamma": gamma, "eps": eps}
    return out, cache
"""),
        ("a new bn_param entry by dict.update, keepdims statistics squeezed", """def batchnorm_forward(x, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    if mode == "train":
        N = len(x)
        mean = x.mean(axis=0, keepdims=True).reshape(-1)
        var = x.var(axis=0, keepdims=True).reshape(-1)
        bn_param.update(
            running_mean=momentum * bn_param["running_mean"] + (1 - momentum) * mean,
            running_var=momentum * bn_param["running_var"] + (1 - momentum) * var * (N / (N - 1)),
        )
    elif mode == "test":
        mean = bn_param["running_mean"]
        var = bn_param["running_var"]
    else:
        raise ValueError(f"unknown mode {mode!r}")
    std = np.sqrt(var + eps)
    x_hat = (x - mean) / std
    out = np.multiply(gamma, x_hat) + beta
    cache = {"x": x, "x_hat": x_hat, "mean": mean, "var": var, "gamma": gamma, "eps": eps}
    return out, cache
"""),
    ],
    "week05_batchnorm_backward_code": [
        ("staged chain rule through x_hat, the variance and the mean", """def batchnorm_backward(dout, cache):
    x, x_hat, gamma, mean, var, eps = cache["x"], cache["x_hat"], cache["gamma"], cache["mean"], cache["var"], cache["eps"]
    N = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    inv_std = 1.0 / np.sqrt(var + eps)
    x_mu = x - mean
    dvar = np.sum(dx_hat * x_mu, axis=0) * -0.5 * inv_std ** 3
    dmean = np.sum(-dx_hat * inv_std, axis=0) + dvar * np.mean(-2.0 * x_mu, axis=0)
    dx = dx_hat * inv_std + dvar * 2.0 * x_mu / N + dmean / N
    return dx, dgamma, dbeta
"""),
        ("compact form with means of dx_hat and dx_hat * x_hat", """def batchnorm_backward(dout, cache):
    x_hat, gamma, var, eps = cache["x_hat"], cache["gamma"], cache["var"], cache["eps"]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx_hat = dout * gamma
    dx = (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0)) / np.sqrt(var + eps)
    return dx, dgamma, dbeta
"""),
        ("per-feature Jacobian matrices in a loop", """def batchnorm_backward(dout, cache):
    x_hat, gamma, var, eps = cache["x_hat"], cache["gamma"], cache["var"], cache["eps"]
    N, D = dout.shape
    dx = np.zeros((N, D))
    dgamma = np.zeros(D)
    dbeta = np.zeros(D)
    for j in range(D):
        dbeta[j] = np.sum(dout[:, j])
        dgamma[j] = np.dot(dout[:, j], x_hat[:, j])
        jacobian = gamma[j] / np.sqrt(var[j] + eps) * (
            np.eye(N) - np.ones((N, N)) / N - np.outer(x_hat[:, j], x_hat[:, j]) / N)
        dx[:, j] = jacobian.T @ dout[:, j]
    return dx, dgamma, dbeta
"""),
    ],
    "week05_softmax_cross_entropy_code": [
        ("per-example losses summed over the classes, then np.mean", """def softmax_cross_entropy(yhat, y):
    losses = -np.sum(y * np.log(yhat), axis=0)
    return np.mean(losses)
"""),
        ("a loop over the examples, reading the true class's probability (Python float)", """def softmax_cross_entropy(yhat, y):
    m = y.shape[1]
    cost = 0.0
    for i in range(m):
        true_class = int(np.argmax(y[:, i]))
        cost -= math.log(yhat[true_class, i])
    return cost / m
"""),
        ("float32 arithmetic", """def softmax_cross_entropy(yhat, y):
    m = y.shape[1]
    log_probabilities = np.log(yhat.astype(np.float32))
    return -np.sum(y.astype(np.float32) * log_probabilities) / np.float32(m)
"""),
        ("np.einsum for the sum of products", """def softmax_cross_entropy(yhat, y):
    return -np.einsum("ij,ij->", y, np.log(yhat)) / y.shape[1]
"""),
        ("probability of the true class via keepdims sums, squeezed to a 0-d array", """def softmax_cross_entropy(yhat, y):
    m = y.shape[1]
    true_class_probabilities = np.sum(y * yhat, axis=0, keepdims=True)
    cost = -np.sum(np.log(true_class_probabilities), axis=1, keepdims=True) / m
    return np.squeeze(cost)
"""),
    ],
    "week05_one_hot_code": [
        ("nn.functional.one_hot converted with .to(torch.float32)", """def one_hot(labels, num_classes):
    return torch.nn.functional.one_hot(labels, num_classes=num_classes).to(torch.float32)
"""),
        ("rows of an identity matrix", """def one_hot(labels, num_classes):
    return torch.eye(num_classes, device=labels.device)[labels]
"""),
        ("scatter_ along dimension 1", """def one_hot(labels, num_classes):
    encoded = torch.zeros((labels.shape[0], num_classes), dtype=torch.float32, device=labels.device)
    encoded.scatter_(1, labels.view(-1, 1), 1.0)
    return encoded
"""),
        ("a Python loop over the labels", """def one_hot(labels, num_classes):
    encoded = torch.zeros(len(labels), num_classes, device=labels.device)
    for i, label in enumerate(labels.tolist()):
        encoded[i, label] = 1
    return encoded
"""),
    ],
    "week05_SoftmaxClassifier_code": [
        ("nn.Sequential of Linear, ReLU, Linear", """class SoftmaxClassifier(nn.Module):
    def __init__(self, in_features, hidden, num_classes):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x):
        return self.layers(x)
"""),
        ("F.relu, other attribute names", """import torch.nn.functional as F


class SoftmaxClassifier(nn.Module):
    def __init__(self, in_features, hidden, num_classes):
        super(SoftmaxClassifier, self).__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, num_classes)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        logits = self.fc2(h)
        return logits
"""),
        ("an nn.ReLU module attribute, keyword arguments to nn.Linear", """class SoftmaxClassifier(nn.Module):
    def __init__(self, in_features, hidden, num_classes):
        super().__init__()
        self.linear1 = nn.Linear(in_features=in_features, out_features=hidden)
        self.activation = nn.ReLU()
        self.linear2 = nn.Linear(in_features=hidden, out_features=num_classes)

    def forward(self, x):
        x = self.linear1(x)
        x = self.activation(x)
        return self.linear2(x)
"""),
        ("x.clamp(min=0) as the ReLU", """class SoftmaxClassifier(nn.Module):
    def __init__(self, in_features, hidden, num_classes):
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden)
        self.output = nn.Linear(hidden, num_classes)

    def forward(self, x):
        return self.output(self.hidden(x).clamp(min=0))
"""),
    ],
    "week05_train_classifier_code": [
        ("epoch loss divided by len(loader.dataset), F.cross_entropy, positional lr", """def train_classifier(model, loader, epochs, learning_rate, device):
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), learning_rate)
    epoch_losses = []
    for _ in range(epochs):
        model.train()
        running = 0.0
        for x, labels in loader:
            x = x.to(device)
            labels = labels.to(device)
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x), labels)
            loss.backward()
            optimizer.step()
            running += loss.item() * x.shape[0]
        epoch_losses.append(running / len(loader.dataset))
    return epoch_losses
"""),
        ("batch losses and sizes kept in lists, np.average with weights", """def train_classifier(model, loader, epochs, learning_rate, device):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    criterion = nn.CrossEntropyLoss()
    epoch_losses = []
    for epoch in range(epochs):
        model.train()
        batch_losses, batch_sizes = [], []
        for x, labels in loader:
            x, labels = x.to(device), labels.to(device)
            optimizer.zero_grad(set_to_none=True)
            logits = model(x)
            loss = criterion(logits, labels)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
            batch_sizes.append(labels.numel())
        epoch_losses.append(float(np.average(batch_losses, weights=batch_sizes)))
    return epoch_losses
"""),
        ("summed loss (reduction='sum') accumulated as a detached tensor", """def train_classifier(model, loader, epochs, learning_rate, device):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    loss_function = nn.CrossEntropyLoss()
    summed = nn.CrossEntropyLoss(reduction="sum")
    epoch_losses = []
    for epoch in range(epochs):
        model.train()
        total = torch.zeros((), device=device)
        count = 0
        for x, labels in loader:
            x, labels = x.to(device), labels.to(device)
            optimizer.zero_grad()
            logits = model(x)
            loss = loss_function(logits, labels)
            with torch.no_grad():
                total += summed(logits, labels)
            count += len(labels)
            loss.backward()
            optimizer.step()
        epoch_losses.append((total / count).item())
    return epoch_losses
"""),
    ],
}
