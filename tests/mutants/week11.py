"""Plausible wrong implementations of every week-11 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``sigmoid``,
``softmax_columns``, ``char_rnn_forward``...).
"""

_RNN_CELL = """def rnn_cell_forward(xt, a_prev, parameters):
    Wax, Waa, Wya, ba, by = (parameters[name] for name in ("Wax", "Waa", "Wya", "ba", "by"))
    a_next = {activation}(Waa @ a_prev + Wax @ xt{bias})
    z = Wya @ {state} + by
    yt_pred = {softmax}
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)
"""
_RNN_CELL_RIGHT = dict(activation="np.tanh", bias=" + ba", state="a_next", softmax="softmax_columns(z)")

_RNN = """def rnn_forward(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range({steps}):
        a_prev = a_next
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], {state}, parameters)
        a[:, :, t] = {stored}
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)
"""
_RNN_RIGHT = dict(steps="T_x", state="a_next", stored="a_next")

_LSTM_CELL = """def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    p = parameters
    concat = np.concatenate({concat}, axis=0)
    ft = sigmoid(p["Wf"] @ concat + p["bf"])
    it = sigmoid(p["Wi"] @ concat + p["bi"])
    cct = np.tanh(p["Wc"] @ {candidate_input} + p["bc"])
    c_next = {memory}
    ot = sigmoid(p["Wo"] @ concat + p["bo"])
    a_next = {state}
    yt_pred = softmax_columns(p["Wy"] @ a_next + p["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
"""
_LSTM_CELL_RIGHT = dict(concat="[a_prev, xt]", candidate_input="concat", memory="it * cct + ft * c_prev",
                        state="ot * np.tanh(c_next)")

_LSTM = """def lstm_forward(x, a0, parameters):
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y, caches = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next, c_next = a0, {c0}
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], {state}, {memory}, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)
"""
_LSTM_RIGHT = dict(c0="np.zeros((n_a, m))", state="a_next", memory="c_next")

_GRU_CELL = """def gru_cell_forward(xt, a_prev, parameters):
    p = parameters
    n_a = a_prev.shape[0]
    concat = np.concatenate({concat}, axis=0)
    ut = sigmoid(p["Wu"] @ concat + p["bu"])
    rt = sigmoid(p["Wr"] @ concat + p["br"])
    cct = np.tanh({candidate} + p["bc"])
    a_next = {blend}
    yt_pred = softmax_columns(p["Wy"] @ a_next + p["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, ut, rt, cct, parameters)
"""
_GRU_CELL_RIGHT = dict(concat="[a_prev, xt]", candidate='p["Wc"] @ np.concatenate([rt * a_prev, xt], axis=0)',
                       blend="ut * cct + (1 - ut) * a_prev")

_CELL_BACKWARD = """def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    dz = {dz}
    return {{"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T,
            "dWaa": dz @ {state}.T, "dba": {dba}}}
"""
_CELL_BACKWARD_RIGHT = dict(dz="(1 - a_next ** 2) * da_next", state="a_prev", dba="np.sum(dz, axis=1, keepdims=True)")

_BACKWARD = """def rnn_backward(da, caches):
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    dx = np.zeros((n_x, m, T_x))
    dWax, dWaa, dba = np.zeros((n_a, n_x)), np.zeros((n_a, n_a)), np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in {order}:
        g = rnn_cell_backward({upstream}, cell_caches[t])
        dx[:, :, t] = g["dxt"]
        dWax {accumulate} g["dWax"]
        dWaa {accumulate} g["dWaa"]
        dba {accumulate} g["dba"]
        da_prevt = g["da_prev"]
    return {{"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}}
"""
_BACKWARD_RIGHT = dict(order="reversed(range(T_x))", upstream="da[:, :, t] + da_prevt", accumulate="+=")

_SAMPLE = """def sample(parameters, char_to_ix, seed):
    Waa, Wax, Wya, by, b = parameters["Waa"], parameters["Wax"], parameters["Wya"], parameters["by"], parameters["b"]
    vocab_size, n_a = by.shape[0], Waa.shape[1]
    newline = char_to_ix["\\n"]
    rng = np.random.default_rng(seed)
    x, a_prev, indices, idx = np.zeros((vocab_size, 1)), np.zeros((n_a, 1)), [], -1
    while idx != newline and len(indices) < {limit}:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        y = softmax_columns(Wya @ a + by)
        idx = {draw}
        indices.append(idx)
        {feed_x}
        {feed_a}
    if idx != newline:
        indices.append(newline)
    return indices
"""
_SAMPLE_RIGHT = dict(limit="50", draw="int(rng.choice(vocab_size, p=y.ravel()))",
                     feed_x="x = np.zeros((vocab_size, 1)); x[idx] = 1", feed_a="a_prev = a")

_OPTIMIZE = """def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    loss, cache = char_rnn_forward(X, Y, a_prev, parameters)
    gradients, a = char_rnn_backward(X, Y, parameters, cache)
    {clip}
    update_parameters(parameters, gradients, {rate})
    return loss, gradients, {state}
"""
_OPTIMIZE_RIGHT = dict(clip="gradients = clip(gradients, 5)", rate="learning_rate", state="a[len(X) - 1]")


def _variants(template, right, **wrong):
    return [(description, template.format(**{**right, **change})) for description, change in wrong.items()]


MUTANTS = {
    "week11_rnn_cell_forward_code": _variants(
        _RNN_CELL, _RNN_CELL_RIGHT,
        **{"sigmoid instead of tanh": dict(activation="sigmoid"),
           "no bias ba": dict(bias=""),
           "the output from the previous state": dict(state="a_prev"),
           "softmax over the examples (rows)": dict(softmax="np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)")}),
    "week11_rnn_forward_code": _variants(
        _RNN, _RNN_RIGHT,
        **{"every step starts from a0": dict(state="a0"),
           "stores the previous state": dict(stored="a_prev"),
           "one step short": dict(steps="T_x - 1")}),
    "week11_lstm_cell_forward_code": _variants(
        _LSTM_CELL, _LSTM_CELL_RIGHT,
        **{"the candidate from the old memory (the notes)": dict(candidate_input="np.concatenate([c_prev, xt], axis=0)"),
           "update and forget coupled": dict(memory="it * cct + (1 - it) * c_prev"),
           "no tanh on the memory": dict(state="ot * c_next"),
           "[x; a] instead of [a; x]": dict(concat="[xt, a_prev]")}),
    "week11_lstm_forward_code": _variants(
        _LSTM, _LSTM_RIGHT,
        **{"the memory forgotten at every step": dict(memory="np.zeros((n_a, m))"),
           "the memory starts at a0": dict(c0="a0"),
           "every step starts from a0": dict(state="a0")}),
    "week11_gru_cell_forward_code": _variants(
        _GRU_CELL, _GRU_CELL_RIGHT,
        **{"torch's update convention": dict(blend="(1 - ut) * cct + ut * a_prev"),
           "reset after the matrix product (torch)": dict(
               candidate='rt * (p["Wc"][:, :n_a] @ a_prev) + p["Wc"][:, n_a:] @ xt'),
           "no relevance gate": dict(candidate='p["Wc"] @ concat'),
           "[x; a] instead of [a; x]": dict(concat="[xt, a_prev]")}),
    "week11_rnn_cell_backward_code": _variants(
        _CELL_BACKWARD, _CELL_BACKWARD_RIGHT,
        **{"tanh' taken as 1 - a": dict(dz="(1 - a_next) * da_next"),
           "no tanh'": dict(dz="da_next"),
           "dWaa from the new state": dict(state="a_next"),
           "dba summed over the units": dict(dba="np.sum(dz, axis=0, keepdims=True)")}),
    "week11_rnn_backward_code": _variants(
        _BACKWARD, _BACKWARD_RIGHT,
        **{"the gradient from the next step dropped": dict(upstream="da[:, :, t]"),
           "forwards in time": dict(order="range(T_x)"),
           "the weights' gradients of the last step processed only": dict(accumulate="=")}),
    "week11_clip_code": [
        ("clips by norm", """def clip(gradients, maxValue):
    for gradient in gradients.values():
        norm = np.linalg.norm(gradient)
        if norm > maxValue:
            gradient *= maxValue / norm
    return gradients
"""),
        ("a new dict: the given gradients left unclipped", """def clip(gradients, maxValue):
    return {name: np.clip(gradient, -maxValue, maxValue) for name, gradient in gradients.items()}
"""),
        ("np.clip's result thrown away", """def clip(gradients, maxValue):
    for gradient in gradients.values():
        np.clip(gradient, -maxValue, maxValue)
    return gradients
"""),
        ("the weights only, not the biases", """def clip(gradients, maxValue):
    for name in ("dWaa", "dWax", "dWya"):
        np.clip(gradients[name], -maxValue, maxValue, out=gradients[name])
    return gradients
"""),
    ],
    "week11_sample_code": _variants(
        _SAMPLE, _SAMPLE_RIGHT,
        **{"argmax after the first character (the notes)": dict(
               draw="int(rng.choice(vocab_size, p=y.ravel())) if not indices else int(np.argmax(y))"),
           "the drawn character not fed back": dict(feed_x="pass"),
           "the hidden state not carried": dict(feed_a="pass"),
           "uniform draws": dict(draw="int(rng.choice(vocab_size))"),
           "one character short of the limit": dict(limit="49")}),
    "week11_optimize_code": _variants(
        _OPTIMIZE, _OPTIMIZE_RIGHT,
        **{"no clipping": dict(clip="pass"),
           "clipped at 1": dict(clip="gradients = clip(gradients, 1)"),
           "the learning rate ignored": dict(rate="0.01"),
           "returns the state it started from": dict(state="a_prev")}),
}
