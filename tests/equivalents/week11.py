"""Correct implementations of every week-11 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``, ``sigmoid``,
``softmax_columns``, ``char_rnn_forward``...). The checks must accept every one.
"""

EQUIVALENTS = {
    "week11_rnn_cell_forward_code": [
        ("np.dot and a softmax written out", """def rnn_cell_forward(xt, a_prev, parameters):
    a_next = np.tanh(np.dot(parameters["Wax"], xt) + np.dot(parameters["Waa"], a_prev) + parameters["ba"])
    z = np.dot(parameters["Wya"], a_next) + parameters["by"]
    e = np.exp(z - z.max(axis=0))
    return a_next, e / e.sum(axis=0), (a_next, a_prev, xt, parameters)
"""),
        ("one stacked matrix", """def rnn_cell_forward(xt, a_prev, parameters):
    W = np.hstack([parameters["Waa"], parameters["Wax"]])
    a_next = np.tanh(W @ np.vstack([a_prev, xt]) + parameters["ba"])
    return a_next, softmax_columns(parameters["Wya"] @ a_next + parameters["by"]), (a_next, a_prev, xt, parameters)
"""),
    ],
    "week11_rnn_forward_code": [
        ("lists stacked at the end", """def rnn_forward(x, a0, parameters):
    states, outputs, caches = [], [], []
    a_next = a0
    for t in range(x.shape[2]):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        states.append(a_next)
        outputs.append(yt)
        caches.append(cache)
    return np.stack(states, axis=2), np.stack(outputs, axis=2), (caches, x)
"""),
        ("np.moveaxis over the time steps", """def rnn_forward(x, a0, parameters):
    a = np.empty((a0.shape[0],) + x.shape[1:])
    y = np.empty((parameters["by"].shape[0],) + x.shape[1:])
    caches, a_prev = [], a0
    for t, xt in enumerate(np.moveaxis(x, 2, 0)):
        a_prev, y[..., t], cache = rnn_cell_forward(xt, a_prev, parameters)
        a[..., t] = a_prev
        caches.append(cache)
    return a, y, (caches, x)
"""),
    ],
    "week11_lstm_cell_forward_code": [
        ("the weights split into their a and x halves", """def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    n_a = a_prev.shape[0]
    gate = lambda name, f: f(parameters["W" + name][:, :n_a] @ a_prev + parameters["W" + name][:, n_a:] @ xt + parameters["b" + name])
    ft, it, ot = gate("f", sigmoid), gate("i", sigmoid), gate("o", sigmoid)
    cct = gate("c", np.tanh)
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, softmax_columns(parameters["Wy"] @ a_next + parameters["by"]), (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
"""),
        ("all gates in one product, sigmoid through tanh", """def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    n_a = a_prev.shape[0]
    W = np.vstack([parameters[k] for k in ("Wf", "Wi", "Wc", "Wo")])
    b = np.vstack([parameters[k] for k in ("bf", "bi", "bc", "bo")])
    s = W @ np.vstack([a_prev, xt]) + b
    ft, it, ot = (0.5 * (1 + np.tanh(s[k * n_a:(k + 1) * n_a] / 2)) for k in (0, 1, 3))
    cct = np.tanh(s[2 * n_a:3 * n_a])
    c_next = it * cct + ft * c_prev
    a_next = ot * np.tanh(c_next)
    z = parameters["Wy"] @ a_next + parameters["by"]
    y = np.exp(z - z.max(axis=0, keepdims=True))
    return a_next, c_next, y / y.sum(axis=0, keepdims=True), (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
"""),
    ],
    "week11_lstm_forward_code": [
        ("lists stacked at the end", """def lstm_forward(x, a0, parameters):
    a_t, c_t = a0, np.zeros_like(a0)
    states, memories, outputs, caches = [], [], [], []
    for t in range(x.shape[-1]):
        a_t, c_t, y_t, cache = lstm_cell_forward(x[..., t], a_t, c_t, parameters)
        states.append(a_t); memories.append(c_t); outputs.append(y_t); caches.append(cache)
    return np.stack(states, -1), np.stack(outputs, -1), np.stack(memories, -1), (caches, x)
"""),
        ("filled with np.empty and ellipses", """def lstm_forward(x, a0, parameters):
    n_a, m = a0.shape
    T_x = x.shape[2]
    a, c = np.empty((n_a, m, T_x)), np.empty((n_a, m, T_x))
    y = np.empty((parameters["Wy"].shape[0], m, T_x))
    caches = []
    for t in range(T_x):
        a[..., t], c[..., t], y[..., t], cache = lstm_cell_forward(x[..., t], a0 if t == 0 else a[..., t - 1],
                                                                  np.zeros((n_a, m)) if t == 0 else c[..., t - 1], parameters)
        caches.append(cache)
    return a, y, c, (caches, x)
"""),
    ],
    "week11_gru_cell_forward_code": [
        ("the weights split into their c and x halves", """def gru_cell_forward(xt, a_prev, parameters):
    n_a = a_prev.shape[0]
    Wu, Wr, Wc = parameters["Wu"], parameters["Wr"], parameters["Wc"]
    ut = sigmoid(Wu[:, :n_a] @ a_prev + Wu[:, n_a:] @ xt + parameters["bu"])
    rt = sigmoid(Wr[:, :n_a] @ a_prev + Wr[:, n_a:] @ xt + parameters["br"])
    cct = np.tanh(Wc[:, :n_a] @ (rt * a_prev) + Wc[:, n_a:] @ xt + parameters["bc"])
    a_next = a_prev + ut * (cct - a_prev)
    return a_next, softmax_columns(parameters["Wy"] @ a_next + parameters["by"]), (a_next, a_prev, xt, ut, rt, cct, parameters)
"""),
        ("torch's form with its gate flipped", """def gru_cell_forward(xt, a_prev, parameters):
    concat = np.vstack([a_prev, xt])
    z = 1 / (1 + np.exp(parameters["Wu"] @ concat + parameters["bu"]))
    rt = 1 / (1 + np.exp(-(parameters["Wr"] @ concat + parameters["br"])))
    cct = np.tanh(parameters["Wc"] @ np.vstack([rt * a_prev, xt]) + parameters["bc"])
    a_next = (1 - z) * cct + z * a_prev
    return a_next, softmax_columns(parameters["Wy"] @ a_next + parameters["by"]), (a_next, a_prev, xt, 1 - z, rt, cct, parameters)
"""),
    ],
    "week11_rnn_cell_backward_code": [
        ("np.dot, the derivative through tanh of z", """def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    z = np.arctanh(np.clip(a_next, -1 + 1e-15, 1 - 1e-15))
    dtanh = da_next * (1 - np.tanh(z) ** 2)
    return {"dxt": np.dot(parameters["Wax"].T, dtanh), "da_prev": np.dot(parameters["Waa"].T, dtanh),
            "dWax": np.dot(dtanh, xt.T), "dWaa": np.dot(dtanh, a_prev.T), "dba": dtanh.sum(axis=1).reshape(-1, 1)}
"""),
        ("einsum", """def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = da_next - da_next * a_next * a_next
    return {"dxt": np.einsum("ij,ik->jk", parameters["Wax"], dz), "da_prev": np.einsum("ij,ik->jk", parameters["Waa"], dz),
            "dWax": np.einsum("im,jm->ij", dz, xt), "dWaa": np.einsum("im,jm->ij", dz, a_prev),
            "dba": np.einsum("im->i", dz)[:, None]}
"""),
    ],
    "week11_rnn_backward_code": [
        ("the gradients collected in a dict", """def rnn_backward(da, caches):
    cell_caches, x = caches
    grads = {"dx": np.zeros_like(x), "dWax": 0, "dWaa": 0, "dba": 0}
    carry = np.zeros(da.shape[:2])
    for t in range(da.shape[2] - 1, -1, -1):
        step = rnn_cell_backward(da[:, :, t] + carry, cell_caches[t])
        grads["dx"][:, :, t] = step["dxt"]
        for name in ("dWax", "dWaa", "dba"):
            grads[name] = grads[name] + step[name]
        carry = step["da_prev"]
    grads["da0"] = carry
    return grads
"""),
        ("sums of per-step gradients", """def rnn_backward(da, caches):
    cell_caches, x = caches
    steps, carry = [], 0
    for t in reversed(range(da.shape[2])):
        step = rnn_cell_backward(da[..., t] + carry, cell_caches[t])
        steps.append(step)
        carry = step["da_prev"]
    dx = np.stack([s["dxt"] for s in reversed(steps)], axis=2)
    return {"dx": dx, "da0": carry, "dWax": sum(s["dWax"] for s in steps), "dWaa": sum(s["dWaa"] for s in steps),
            "dba": sum(s["dba"] for s in steps)}
"""),
    ],
    "week11_clip_code": [
        ("np.minimum and np.maximum in place", """def clip(gradients, maxValue):
    for key in gradients:
        np.minimum(gradients[key], maxValue, out=gradients[key])
        np.maximum(gradients[key], -maxValue, out=gradients[key])
    return gradients
"""),
        ("slice assignment", """def clip(gradients, maxValue):
    for g in gradients.values():
        g[...] = np.clip(g, -maxValue, maxValue)
    return gradients
"""),
    ],
    "week11_sample_code": [
        ("the classic assignment's global seeding", """def sample(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["by"], parameters["b"]
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    x, a_prev = np.zeros((vocab_size, 1)), np.zeros((n_a, 1))
    indices, idx, counter, newline = [], -1, 0, char_to_ix["\\n"]
    while idx != newline and counter != 50:
        a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
        z = np.dot(Wya, a) + by
        y = np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))
        np.random.seed(counter + seed)
        idx = np.random.choice(list(range(vocab_size)), p=y.ravel())
        indices.append(int(idx))
        x = np.zeros((vocab_size, 1))
        x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == 50 and idx != newline:
        indices.append(newline)
    return indices
"""),
        ("inverse CDF with one generator, a for loop", """def sample(parameters, char_to_ix, seed):
    rng = np.random.default_rng([seed, 7])
    vocab_size = parameters["by"].shape[0]
    newline = char_to_ix["\\n"]
    a = np.zeros((parameters["Waa"].shape[0], 1))
    x = np.zeros((vocab_size, 1))
    indices = []
    for _ in range(50):
        a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a + parameters["b"])
        p = softmax_columns(parameters["Wya"] @ a + parameters["by"])[:, 0]
        idx = min(int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side="right")), vocab_size - 1)
        indices.append(idx)
        if idx == newline:
            return indices
        x = np.eye(vocab_size)[:, [idx]]
    return indices + [newline]
"""),
    ],
    "week11_optimize_code": [
        ("the update written out", """def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = char_rnn_forward(X, Y, a_prev, parameters)
    gradients, a = char_rnn_backward(X, Y, parameters, cache)
    clip(gradients, maxValue=5)
    for name in ("Wax", "Waa", "Wya", "b", "by"):
        parameters[name] -= learning_rate * gradients["d" + name]
    return loss, gradients, a[len(X) - 1]
"""),
        ("the last state by the last key", """def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = char_rnn_forward(X, Y, a_prev, parameters)
    gradients, states = char_rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5.0)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, states[max(states)]
"""),
    ],
}
