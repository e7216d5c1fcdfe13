"""Recurrent networks in NumPy (reference implementations, week 11).

Shapes follow the classic assignment, examples as columns:

- ``xt`` ``(n_x, m)``: the input at one time step; ``x`` ``(n_x, m, T_x)``: a whole sequence.
- ``a_prev``, ``a_next`` ``(n_a, m)``: hidden states; ``a`` ``(n_a, m, T_x)``: all of them.
- ``yt_pred`` ``(n_y, m)``: a softmax over the ``n_y`` outputs, column by column.

Every cell works on the concatenation ``[a<t-1>; x<t>]`` ``(n_a + n_x, m)`` for its gates (the
plain RNN cell keeps the lectures' separate ``Waa`` and ``Wax``). The gates, as the lectures
settle them:

- LSTM: ``Γf, Γu, Γo = σ(W [a<t-1>; x<t>] + b)`` (forget, update, output), the candidate
  ``c~<t> = tanh(Wc [a<t-1>; x<t>] + bc)``, ``c<t> = Γu * c~<t> + Γf * c<t-1>``,
  ``a<t> = Γo * tanh(c<t>)``. The update gate's parameters are ``Wi``, ``bi`` (torch calls it
  the input gate).
- GRU: ``Γu, Γr = σ(W [c<t-1>; x<t>] + b)``, ``c~<t> = tanh(Wc [Γr * c<t-1>; x<t>] + bc)``,
  ``c<t> = Γu * c~<t> + (1 - Γu) * c<t-1>`` and ``a<t> = c<t>``. ``torch.nn.GRU`` keeps the old
  state where ``z`` is 1 (its ``z`` is ``1 - Γu``) and applies its reset gate after the matrix
  product: see :func:`dlkit.nets.recurrent.torch_gru_from`.

The second half is the character-level language model: one-hot characters in, a softmax over
the characters out, trained one name at a time with :func:`optimize`.
"""
import numpy as np

from dlkit.runtime.progress import progress
from dlkit.scratch.activations import sigmoid

MAX_SAMPLE_LENGTH = 50  # characters :func:`sample` draws before it gives up on a newline


def softmax_columns(z):
    """Softmax of each column of ``z`` ``(n, m)``, the largest entry subtracted first."""
    exps = np.exp(z - np.max(z, axis=0, keepdims=True))
    return exps / np.sum(exps, axis=0, keepdims=True)


# --- forward passes ------------------------------------------------------------------------------

def rnn_cell_forward(xt, a_prev, parameters):
    """One step of a plain RNN: ``a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)``,
    ``y<t> = softmax(Wya a<t> + by)``.

    Args:
        xt: ``(n_x, m)``.
        a_prev: ``(n_a, m)``.
        parameters: ``Wax`` ``(n_a, n_x)``, ``Waa`` ``(n_a, n_a)``, ``Wya`` ``(n_y, n_a)``,
            ``ba`` ``(n_a, 1)``, ``by`` ``(n_y, 1)``.

    Returns:
        ``(a_next, yt_pred, cache)``: ``(n_a, m)``, ``(n_y, m)`` and
        ``(a_next, a_prev, xt, parameters)`` for :func:`rnn_cell_backward`.
    """
    a_next = np.tanh(parameters["Waa"] @ a_prev + parameters["Wax"] @ xt + parameters["ba"])
    yt_pred = softmax_columns(parameters["Wya"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, parameters)


def rnn_forward(x, a0, parameters):
    """A plain RNN over the sequence ``x`` ``(n_x, m, T_x)`` from the state ``a0`` ``(n_a, m)``.

    Returns ``(a, y_pred, caches)``: ``a`` ``(n_a, m, T_x)``, ``y_pred`` ``(n_y, m, T_x)`` and
    ``caches = (list of the cells' caches, x)`` for :func:`rnn_backward`.
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a, y_pred, caches = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next = a0
    for t in range(T_x):
        a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t], y_pred[:, :, t] = a_next, yt
        caches.append(cache)
    return a, y_pred, (caches, x)


def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """One LSTM step (the lectures' gates, see the module docstring).

    Args:
        xt: ``(n_x, m)``.
        a_prev, c_prev: ``(n_a, m)``.
        parameters: ``Wf``, ``Wi``, ``Wc``, ``Wo`` ``(n_a, n_a + n_x)`` and ``bf``, ``bi``,
            ``bc``, ``bo`` ``(n_a, 1)`` (forget, update, candidate, output), ``Wy``
            ``(n_y, n_a)``, ``by`` ``(n_y, 1)``.

    Returns:
        ``(a_next, c_next, yt_pred, cache)``: ``(n_a, m)``, ``(n_a, m)``, ``(n_y, m)`` and
        ``(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)``.
    """
    concat = np.concatenate([a_prev, xt], axis=0)
    ft = sigmoid(parameters["Wf"] @ concat + parameters["bf"])
    it = sigmoid(parameters["Wi"] @ concat + parameters["bi"])
    cct = np.tanh(parameters["Wc"] @ concat + parameters["bc"])
    c_next = it * cct + ft * c_prev
    ot = sigmoid(parameters["Wo"] @ concat + parameters["bo"])
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax_columns(parameters["Wy"] @ a_next + parameters["by"])
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)


def lstm_forward(x, a0, parameters):
    """An LSTM over ``x`` ``(n_x, m, T_x)`` from ``a0`` ``(n_a, m)`` and a zero memory cell.

    Returns ``(a, y, c, caches)``: ``a`` and ``c`` ``(n_a, m, T_x)``, ``y`` ``(n_y, m, T_x)``,
    ``caches = (list of the cells' caches, x)``.
    """
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y, caches = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x)), []
    a_next, c_next = a0, np.zeros_like(a0)
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


def gru_cell_forward(xt, a_prev, parameters):
    """One GRU step (the lectures' gates, see the module docstring; ``a<t> = c<t>``).

    Args:
        xt: ``(n_x, m)``.
        a_prev: ``(n_a, m)``, the previous memory ``c<t-1>``.
        parameters: ``Wu``, ``Wr``, ``Wc`` ``(n_a, n_a + n_x)`` and ``bu``, ``br``, ``bc``
            ``(n_a, 1)`` (update, relevance, candidate), ``Wy`` ``(n_y, n_a)``, ``by`` ``(n_y, 1)``.

    Returns:
        ``(a_next, yt_pred, cache)``: ``(n_a, m)``, ``(n_y, m)`` and
        ``(a_next, a_prev, xt, ut, rt, cct, parameters)``.
    """
    concat = np.concatenate([a_prev, xt], axis=0)
    ut = sigmoid(parameters["Wu"] @ concat + parameters["bu"])
    rt = sigmoid(parameters["Wr"] @ concat + parameters["br"])
    cct = np.tanh(parameters["Wc"] @ np.concatenate([rt * a_prev, xt], axis=0) + parameters["bc"])
    a_next = ut * cct + (1 - ut) * a_prev
    yt_pred = softmax_columns(parameters["Wy"] @ a_next + parameters["by"])
    return a_next, yt_pred, (a_next, a_prev, xt, ut, rt, cct, parameters)


def gru_forward(x, a0, parameters):
    """A GRU over ``x`` ``(n_x, m, T_x)`` from ``a0`` ``(n_a, m)``: returns ``(a, y)``,
    ``(n_a, m, T_x)`` and ``(n_y, m, T_x)``."""
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, y = np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, y[:, :, t], _ = gru_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
    return a, y


# --- backward passes -----------------------------------------------------------------------------

def rnn_cell_backward(da_next, cache):
    """Backward pass of :func:`rnn_cell_forward`'s hidden state.

    ``da_next`` ``(n_a, m)`` is the gradient of the loss with respect to ``a<t>``. Returns the
    gradients ``{"dxt": (n_x, m), "da_prev": (n_a, m), "dWax": (n_a, n_x), "dWaa": (n_a, n_a),
    "dba": (n_a, 1)}`` (summed over the ``m`` examples).
    """
    a_next, a_prev, xt, parameters = cache
    dz = (1 - a_next ** 2) * da_next
    return {
        "dxt": parameters["Wax"].T @ dz,
        "da_prev": parameters["Waa"].T @ dz,
        "dWax": dz @ xt.T,
        "dWaa": dz @ a_prev.T,
        "dba": np.sum(dz, axis=1, keepdims=True),
    }


def rnn_backward(da, caches):
    """Backpropagation through time for :func:`rnn_forward`.

    ``da`` ``(n_a, m, T_x)`` holds the gradient of the loss with respect to every hidden state
    from outside the recurrence (the outputs); the gradient flowing back through ``Waa`` is added
    at each step. Returns ``{"dx": (n_x, m, T_x), "da0": (n_a, m), "dWax", "dWaa", "dba"}``.
    """
    cell_caches, x = caches
    n_a, m, T_x = da.shape
    Wax = cell_caches[0][3]["Wax"]
    gradients = {"dx": np.zeros(x.shape), "dWax": np.zeros(Wax.shape), "dWaa": np.zeros((n_a, n_a)),
                 "dba": np.zeros((n_a, 1))}
    da_prev = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        step = rnn_cell_backward(da[:, :, t] + da_prev, cell_caches[t])
        gradients["dx"][:, :, t] = step["dxt"]
        for name in ("dWax", "dWaa", "dba"):
            gradients[name] += step[name]
        da_prev = step["da_prev"]
    gradients["da0"] = da_prev
    return gradients


def clip(gradients, maxValue):
    """Clip every gradient of ``gradients`` (a dict of arrays) to ``[-maxValue, maxValue]``,
    element by element and in place: the arrays themselves change. Returns ``gradients``."""
    for gradient in gradients.values():
        np.clip(gradient, -maxValue, maxValue, out=gradient)
    return gradients


# --- the character-level language model ----------------------------------------------------------
# Parameters {"Wax" (n_a, V), "Waa" (n_a, n_a), "Wya" (V, n_a), "b" (n_a, 1), "by" (V, 1)} for a
# vocabulary of V characters, one of them the newline that ends a name. A name is the example
# X = [None, c_1, ..., c_n] (None: the zero input of the first step) with labels
# Y = [c_1, ..., c_n, newline], as character indices.

CHAR_RNN_GRADIENTS = ("dWax", "dWaa", "dWya", "db", "dby")


def initialize_char_rnn(n_a, vocab_size, seed=1):
    """Small random weights (standard deviation 0.01) and zero biases, drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    return {"Wax": rng.normal(0, 0.01, (n_a, vocab_size)), "Waa": rng.normal(0, 0.01, (n_a, n_a)),
            "Wya": rng.normal(0, 0.01, (vocab_size, n_a)), "b": np.zeros((n_a, 1)), "by": np.zeros((vocab_size, 1))}


def _one_hot_column(index, size):
    column = np.zeros((size, 1))
    if index is not None:
        column[index] = 1
    return column


def _char_rnn_step(parameters, a_prev, x):
    a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a_prev + parameters["b"])
    return a, softmax_columns(parameters["Wya"] @ a + parameters["by"])


def sample(parameters, char_to_ix, seed):
    """Generate one name from the character-level model: start from a zero input and a zero
    state, and at every step draw the next character from the softmax (never its argmax),
    feed it back as the next input, until a newline is drawn or :data:`MAX_SAMPLE_LENGTH`
    characters are; in the second case a newline is appended.

    Draws with ``np.random.default_rng(seed)``. Returns the list of character indices, ending
    with ``char_to_ix["\\n"]``.
    """
    rng = np.random.default_rng(seed)
    vocab_size, n_a = parameters["Wya"].shape
    newline = char_to_ix["\n"]
    x, a_prev, indices = np.zeros((vocab_size, 1)), np.zeros((n_a, 1)), []
    while len(indices) < MAX_SAMPLE_LENGTH and (not indices or indices[-1] != newline):
        a_prev, y = _char_rnn_step(parameters, a_prev, x)
        index = int(rng.choice(vocab_size, p=y.ravel()))
        indices.append(index)
        x = _one_hot_column(index, vocab_size)
    if indices[-1] != newline:
        indices.append(newline)
    return indices


def char_rnn_forward(X, Y, a0, parameters):
    """Forward pass over one name: the loss ``-sum_t log y_hat<t>[Y<t>]`` and the cache
    ``(y_hat, a, x)`` (dicts by time step; ``a[-1]`` is ``a0`` ``(n_a, 1)``)."""
    vocab_size = parameters["by"].shape[0]
    x, a, y_hat = {}, {-1: np.copy(a0)}, {}
    loss = 0.0
    for t, (index, target) in enumerate(zip(X, Y)):
        x[t] = _one_hot_column(index, vocab_size)
        a[t], y_hat[t] = _char_rnn_step(parameters, a[t - 1], x[t])
        loss -= np.log(y_hat[t][target, 0])
    return float(loss), (y_hat, a, x)


def char_rnn_backward(X, Y, parameters, cache):
    """Backpropagation through time over one name. Returns ``(gradients, a)``: the gradients
    ``dWax, dWaa, dWya, db, dby`` of the loss of :func:`char_rnn_forward`, and its hidden states."""
    y_hat, a, x = cache
    gradients = {"d" + name: np.zeros_like(parameters[name]) for name in ("Wax", "Waa", "Wya", "b", "by")}
    da_next = np.zeros_like(a[0])
    for t in reversed(range(len(X))):
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1
        gradients["dWya"] += dy @ a[t].T
        gradients["dby"] += dy
        dz = (1 - a[t] ** 2) * (parameters["Wya"].T @ dy + da_next)
        gradients["db"] += dz
        gradients["dWax"] += dz @ x[t].T
        gradients["dWaa"] += dz @ a[t - 1].T
        da_next = parameters["Waa"].T @ dz
    return gradients, a


def update_parameters(parameters, gradients, learning_rate):
    """One step of gradient descent, in place: ``W -= learning_rate * dW`` for every parameter."""
    for name in parameters:
        parameters[name] -= learning_rate * gradients["d" + name]
    return parameters


def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    """One step of training on one name: forward, backpropagation through time, gradients
    clipped to ``[-5, 5]`` (:func:`clip`), then gradient descent on ``parameters`` in place.

    Returns ``(loss, gradients, a_last)``: the name's loss before the update, the clipped
    gradients and the last hidden state ``(n_a, 1)``, which the next name starts from.
    """
    loss, cache = char_rnn_forward(X, Y, a_prev, parameters)
    gradients, a = char_rnn_backward(X, Y, parameters, cache)
    gradients = clip(gradients, 5)
    update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


def name_example(name, char_to_ix):
    """The training pair ``(X, Y)`` of one name (see the comment above :data:`CHAR_RNN_GRADIENTS`)."""
    X = [None] + [char_to_ix[ch] for ch in name]
    return X, X[1:] + [char_to_ix["\n"]]


def train_char_rnn(names, char_to_ix, n_a=50, iterations=20000, learning_rate=0.01, seed=1,
                   optimize=optimize, report_every=1000):
    """Train the character-level RNN on ``names`` (lower-case strings), one name per step, in
    an order shuffled once from ``seed``; the hidden state runs on from one name to the next.
    ``optimize`` takes one step (the student's, in the notebook).

    Returns ``(parameters, losses)``: ``losses`` holds the mean loss per name over each block of
    ``report_every`` steps.
    """
    parameters = initialize_char_rnn(n_a, len(char_to_ix), seed)
    order = np.random.default_rng(seed).permutation(len(names))
    a_prev, block, losses = np.zeros((n_a, 1)), [], []
    for step in progress(range(iterations), "names"):
        X, Y = name_example(names[order[step % len(names)]], char_to_ix)
        loss, _, a_prev = optimize(X, Y, a_prev, parameters, learning_rate)
        block.append(loss)
        if len(block) == report_every:
            losses.append(float(np.mean(block)))
            block = []
    return parameters, losses


def char_rnn_loss(names, char_to_ix, parameters):
    """Mean loss per character of the trained model on ``names`` (each from a zero state),
    the newline that ends each name included."""
    n_a = parameters["Waa"].shape[0]
    total = count = 0
    for name in names:
        X, Y = name_example(name, char_to_ix)
        total += char_rnn_forward(X, Y, np.zeros((n_a, 1)), parameters)[0]
        count += len(Y)
    return total / count
