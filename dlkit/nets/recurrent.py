"""Recurrent networks in PyTorch (week 11): the NumPy cells' weights as ``torch.nn.LSTM`` /
``torch.nn.GRU`` modules, and a character-level LSTM language model.

The NumPy cells of :mod:`dlkit.scratch.rnn` act on ``[a<t-1>; x<t>]``; torch keeps separate
input and hidden weights, its gates stacked as ``(i, f, g, o)`` for the LSTM and ``(r, z, n)``
for the GRU, with two biases each.
"""
import numpy as np
import torch
from torch import nn



def _split(W, n_a):
    """``W`` ``(n_a, n_a + n_x)`` acting on ``[a; x]`` as its ``(x, a)`` halves."""
    return W[:, n_a:], W[:, :n_a]


def _set_weights(module, input_weights, hidden_weights, input_bias, hidden_bias):
    with torch.no_grad():
        for name, blocks in (("weight_ih_l0", input_weights), ("weight_hh_l0", hidden_weights),
                             ("bias_ih_l0", input_bias), ("bias_hh_l0", hidden_bias)):
            getattr(module, name).copy_(torch.from_numpy(np.concatenate(blocks)))
    return module


def torch_lstm_from(parameters):
    """A ``torch.nn.LSTM`` (float64, ``batch_first=True``) computing what
    :func:`dlkit.scratch.rnn.lstm_forward` computes with ``parameters``: torch's input gate is
    the lectures' update gate, ``Γu``."""
    n_a = parameters["Wf"].shape[0]
    n_x = parameters["Wf"].shape[1] - n_a
    gates = [_split(parameters[name], n_a) for name in ("Wi", "Wf", "Wc", "Wo")]
    biases = [parameters[name][:, 0] for name in ("bi", "bf", "bc", "bo")]
    module = nn.LSTM(n_x, n_a, batch_first=True).double()
    return _set_weights(module, [x for x, _ in gates], [a for _, a in gates], biases, [np.zeros(4 * n_a)])


def torch_gru_from(parameters):
    """A ``torch.nn.GRU`` (float64, ``batch_first=True``) with the weights of the lectures' GRU
    (:func:`dlkit.scratch.rnn.gru_cell_forward`).

    Two conventions differ. Torch keeps the old state where its gate ``z`` is 1, so ``z`` is
    ``1 - Γu``: the update gate's weights and bias change sign (``σ(-s) = 1 - σ(s)``). And torch
    resets after the matrix product, ``r * (W_hn c)``, where the lectures reset before it,
    ``Wc (Γr * c)``: the two agree when the candidate's hidden weights are diagonal, and only
    then.
    """
    n_a = parameters["Wu"].shape[0]
    n_x = parameters["Wu"].shape[1] - n_a
    r_x, r_a = _split(parameters["Wr"], n_a)
    u_x, u_a = _split(parameters["Wu"], n_a)
    c_x, c_a = _split(parameters["Wc"], n_a)
    module = nn.GRU(n_x, n_a, batch_first=True).double()
    return _set_weights(module, [r_x, -u_x, c_x], [r_a, -u_a, c_a],
                        [parameters["br"][:, 0], -parameters["bu"][:, 0], parameters["bc"][:, 0]], [np.zeros(3 * n_a)])


class CharLSTM(nn.Module):
    """A character-level language model: the previous character's embedding, an LSTM and a
    linear layer to the logits of the next character.

    Index ``vocab_size`` is the *start* token that every name begins with (the NumPy model's
    zero input); index ``-100`` pads labels, which ``cross_entropy`` ignores.

    Args:
        vocab_size: characters, the newline included.
        hidden_size: the LSTM's state size. Default: 64.
        embedding_dim: Default: 16.

    Shape:
        - Input: ``(N, T)`` character indices (the start token first).
        - Output: ``(N, T, vocab_size)`` logits of the next character.

    Example::

        >>> model = CharLSTM(27)
        >>> model(torch.full((2, 5), 27)).shape
        torch.Size([2, 5, 27])
    """

    def __init__(self, vocab_size, hidden_size=64, embedding_dim=16):
        super().__init__()
        self.vocab_size = vocab_size
        self.embedding = nn.Embedding(vocab_size + 1, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)
        self.output = nn.Linear(hidden_size, vocab_size)

    def forward(self, x):
        return self.step(x)[0]

    def step(self, x, state=None):
        """``(logits, state)`` of the LSTM run on from ``state`` (a fresh start when ``None``)."""
        hidden, state = self.lstm(self.embedding(x), state)
        return self.output(hidden), state


def char_lm_step(model, x, labels, optimizer):
    """One training step of a language model on a batch of padded names ``x`` ``(N, T)`` with
    next-character ``labels`` ``(N, T)``: the loss is the mean cross-entropy per character
    (padding ignored). The ``step`` of :func:`dlkit.nets.training.train_classifier`."""
    optimizer.zero_grad()
    loss = char_lm_loss(model, x, labels)
    loss.backward()
    optimizer.step()
    return loss.item()


def char_lm_loss(model, x, labels):
    """Mean cross-entropy per (non-padding) character of ``model``'s predictions."""
    logits = model(x)
    return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)


def name_batches(names, char_to_ix):
    """Padded inputs and labels of ``names``: ``(x, labels)``, two ``int64`` tensors
    ``(len(names), longest + 1)``; ``x`` starts with the start token, labels end with the
    newline, and padding is ``-100`` in the labels (and the newline in ``x``)."""
    start, newline = len(char_to_ix), char_to_ix["\n"]
    width = max(map(len, names)) + 1
    x = torch.full((len(names), width), newline, dtype=torch.int64)
    labels = torch.full((len(names), width), -100, dtype=torch.int64)
    for row, name in enumerate(names):
        indices = [char_to_ix[ch] for ch in name]
        x[row, :len(indices) + 1] = torch.tensor([start] + indices)
        labels[row, :len(indices) + 1] = torch.tensor(indices + [newline])
    return x, labels


@torch.no_grad()
def sample_name(model, ix_to_char, generator, max_length=50):
    """One name drawn from ``model``, a character at a time from its softmax, with ``generator``
    (a ``torch.Generator`` on the CPU), until the newline or ``max_length`` characters."""
    model.eval()
    device = next(model.parameters()).device
    newline = next(i for i, ch in ix_to_char.items() if ch == "\n")
    x, state, name = torch.tensor([[model.vocab_size]], device=device), None, []
    for _ in range(max_length):
        logits, state = model.step(x, state)
        index = int(torch.multinomial(torch.softmax(logits[0, -1].float().cpu(), 0), 1, generator=generator))
        if index == newline:
            break
        name.append(ix_to_char[index])
        x = torch.tensor([[index]], device=device)
    return "".join(name)
