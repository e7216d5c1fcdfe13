"""Sequence to sequence with attention (week 13), for the date translation of
:mod:`dlkit.data.dates`.

The encoder is a bidirectional LSTM over the source characters; its states ``a<t'>``
``(N, Tx, 2 n_a)`` are what the decoder attends to. At every output step the decoder scores
each ``a<t'>`` against its previous state ``s<t-1>`` with a small network (additive attention,
Bahdanau et al.), turns the scores into weights ``alpha<t, t'>`` with a softmax over the source
positions, and reads the weighted sum of the ``a<t'>``, the *context*. Its LSTM cell takes the
context and the embedding of the previous output token; a linear layer gives the next token's
logits. Training feeds the true previous token (teacher forcing); decoding feeds back the
chosen one, through :mod:`dlkit.scratch.decoding`'s ``step(token, state)`` interface
(:func:`decoder_step`).

Padding is not masked: the model learns to give it no weight.
"""
import numpy as np
import torch
from torch import nn

from dlkit.data.dates import END, START, TARGET_LENGTH, TARGET_TOKENS


def one_step_attention(a, s_prev, densor1, densor2):
    """The context for one output step.

    ``energies = densor2(tanh(densor1([a<t'>; s<t-1>])))`` for every source position ``t'``,
    ``alphas = softmax(energies)`` over the positions, ``context = sum_t' alphas<t'> a<t'>``.

    Shape:
        - a: ``(N, Tx, 2 n_a)``, the encoder's states
        - s_prev: ``(N, n_s)``, the decoder's previous hidden state
        - densor1: ``nn.Linear(2 n_a + n_s, n_e)``; densor2: ``nn.Linear(n_e, 1)``
        - returns ``(context (N, 2 n_a), alphas (N, Tx))``
    """
    s_repeated = s_prev.unsqueeze(1).expand(-1, a.shape[1], -1)
    energies = densor2(torch.tanh(densor1(torch.cat([a, s_repeated], dim=-1))))
    alphas = torch.softmax(energies, dim=1)
    context = torch.sum(alphas * a, dim=1)
    return context, alphas.squeeze(-1)


class AttentionSeq2Seq(nn.Module):
    """A bidirectional LSTM encoder and an LSTM-cell decoder with additive attention.

    Args:
        source_vocab_size, target_vocab_size: the vocabularies (source id 0 is padding)
        embedding_dim: size of the source and target token embeddings. Default: 16
        n_a: hidden size of each direction of the encoder. Default: 32
        n_s: hidden size of the decoder. Default: 64
        n_e: hidden size of the attention's scoring network. Default: 10

    Layers, created in this order: ``source_embedding``, ``encoder`` (``nn.LSTM``,
    bidirectional, ``batch_first``), ``densor1``, ``densor2``, ``target_embedding``,
    ``post_attention_lstm`` (``nn.LSTMCell`` on ``[context; embedding of the previous token]``),
    ``output_layer``.

    Shape:
        - x: ``(N, Tx)`` source ids; y_in: ``(N, Ty)`` the previous target token at each step
          (``START`` first)
        - output: ``(N, Ty, target_vocab_size)`` logits

    Example::

        >>> model = AttentionSeq2Seq(44, 13)
        >>> model(torch.zeros(2, 30, dtype=torch.long), torch.zeros(2, 11, dtype=torch.long)).shape
        torch.Size([2, 11, 13])
    """

    def __init__(self, source_vocab_size, target_vocab_size, embedding_dim=16, n_a=32, n_s=64, n_e=10):
        super().__init__()
        self.n_s = n_s
        self.source_embedding = nn.Embedding(source_vocab_size, embedding_dim, padding_idx=0)
        self.encoder = nn.LSTM(embedding_dim, n_a, batch_first=True, bidirectional=True)
        self.densor1 = nn.Linear(2 * n_a + n_s, n_e)
        self.densor2 = nn.Linear(n_e, 1)
        self.target_embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.post_attention_lstm = nn.LSTMCell(2 * n_a + embedding_dim, n_s)
        self.output_layer = nn.Linear(n_s, target_vocab_size)

    def encode(self, x):
        """The encoder's states ``a`` ``(N, Tx, 2 n_a)`` and the decoder's first state ``(s, c)``
        (zeros, ``(N, n_s)`` each)."""
        a, _ = self.encoder(self.source_embedding(x))
        zeros = a.new_zeros(len(x), self.n_s)
        return a, (zeros, zeros)

    def decode_step(self, a, y_prev, state):
        """One output step: ``(logits (N, V), new state (s, c), alphas (N, Tx))`` after the
        previous tokens ``y_prev`` ``(N,)``."""
        s, c = state
        context, alphas = one_step_attention(a, s, self.densor1, self.densor2)
        s, c = self.post_attention_lstm(torch.cat([context, self.target_embedding(y_prev)], dim=-1), (s, c))
        return self.output_layer(s), (s, c), alphas

    def forward(self, x, y_in):
        a, state = self.encode(x)
        logits = []
        for t in range(y_in.shape[1]):
            step_logits, state, _ = self.decode_step(a, y_in[:, t], state)
            logits.append(step_logits)
        return torch.stack(logits, dim=1)


START_ID, END_ID = TARGET_TOKENS.index(START), TARGET_TOKENS.index(END)


def teacher_forcing_inputs(y):
    """The decoder's inputs for targets ``y`` ``(N, Ty)``: ``START``, then ``y`` shifted right."""
    return torch.cat([torch.full_like(y[:, :1], START_ID), y[:, :-1]], dim=1)


def seq2seq_step(model, x, y, optimizer):
    """One training step of a sequence model ``model(x, y_in)`` on the batch ``(x, y)`` with
    teacher forcing and the mean cross-entropy over all target tokens; the ``step`` of
    :func:`dlkit.nets.training.train_classifier`. Returns the loss as a float."""
    optimizer.zero_grad()
    logits = model(x, teacher_forcing_inputs(y))
    loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
    loss.backward()
    optimizer.step()
    return loss.item()


def decoder_step(model, source_ids, device):
    """``(step, state)`` for :mod:`dlkit.scratch.decoding` translating one source ``(Tx,)``:
    ``step(token, state)`` returns the next token's log-probabilities as a NumPy array ``(V,)``.
    The state holds the encoder's states, the decoder's ``(s, c)`` and every attention vector so
    far (:func:`attention_of`)."""
    model.eval()

    @torch.no_grad()
    def step(token, state):
        a, s_c, alphas = state
        logits, s_c, alpha = model.decode_step(a, torch.tensor([token], device=device), s_c)
        return torch.log_softmax(logits[0], dim=-1).cpu().numpy(), (a, s_c, alphas + (alpha[0],))

    with torch.no_grad():
        a, s_c = model.encode(torch.as_tensor(source_ids, device=device).reshape(1, -1))
    return step, (a, s_c, ())


def attention_of(step, state, start_id, tokens):
    """The attention weights ``(len(tokens), Tx)`` the decoder used to produce ``tokens``."""
    last = start_id
    for token in tokens:
        _, state = step(last, state)
        last = token
    return torch.stack(state[2]).cpu().numpy()


def translate(model, source_ids, device, decode):
    """The target ids that ``decode(step, state)`` (a decoder of :mod:`dlkit.scratch.decoding`
    with its other arguments bound) chooses for each source ``(N, Tx)``: a list of lists."""
    return [decode(*decoder_step(model, ids, device)) for ids in np.asarray(source_ids)]


def exact_match(predicted, expected):
    """The fraction of ``predicted`` strings equal to the ``expected`` ones."""
    return float(np.mean([p == e for p, e in zip(predicted, expected, strict=True)]))

