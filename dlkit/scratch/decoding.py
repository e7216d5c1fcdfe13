"""Choosing an output sequence from a model that gives next-token probabilities (week 13).

Every decoder here talks to the model through one function, ``step(token, state) ->
(log_probs, new_state)``: the log-probabilities ``(V,)`` of the next token after ``token``, given
the decoder's ``state``, and the state after ``token``. States are never modified in place, so
several hypotheses can share one. A sequence starts from ``start_id``; it ends with ``end_id``
(included in the output) or after ``max_length`` tokens.

- :func:`greedy_decode`: the most likely next token, one at a time (cheapest, often not the most
  likely sequence);
- :func:`beam_search`: the ``beam_width`` most likely prefixes at each length; the finished
  candidates are ranked by :func:`length_normalized_score`;
- :func:`exhaustive_search`: every sequence (exponential: toy models only), to check the others.

:func:`table_model` is a toy model whose probabilities are known: a table of logits indexed by
position and previous token.
"""
import itertools

import numpy as np


def length_normalized_score(log_probs, alpha=0.7):
    """``(1 / T^alpha) * sum_t log P(y<t>)`` of a sequence of ``T`` tokens, given the
    log-probability of each of its tokens, ``log_probs`` ``(T,)``."""
    log_probs = np.asarray(log_probs, dtype=float)
    return float(np.sum(log_probs) / len(log_probs) ** alpha)


def greedy_decode(step, state, start_id, end_id, max_length):
    """The sequence of token ids chosen by taking the most likely token at every step, up to and
    including ``end_id``, at most ``max_length`` tokens (a list of ints)."""
    tokens, token = [], start_id
    for _ in range(max_length):
        log_probs, state = step(token, state)
        token = int(np.argmax(log_probs))
        tokens.append(token)
        if token == end_id:
            break
    return tokens


def beam_search(step, state, start_id, end_id, beam_width, max_length, alpha=0.7):
    """Beam search; returns ``(tokens, score)``: the best finished sequence (a list of ints) and
    its :func:`length_normalized_score`.

    At each step every live hypothesis is extended by every token, and the ``beam_width``
    extensions with the highest total log-probability are kept (ties: the earlier hypothesis,
    then the smaller token id). A kept extension that ends with ``end_id``, or reaches
    ``max_length`` tokens, is finished and leaves the beam, which then goes on with fewer
    hypotheses; the search stops when none is left. Length normalisation only ranks the
    finished sequences; it does not decide what the beam keeps.
    """
    live = [([], [], start_id, state)]  # tokens, their log-probabilities, last token, state
    finished = []
    while live:
        candidates = []
        for tokens, log_probs, last, hypothesis_state in live:
            next_log_probs, next_state = step(last, hypothesis_state)
            for token, log_prob in enumerate(np.asarray(next_log_probs, dtype=float)):
                candidates.append((tokens + [token], log_probs + [log_prob], token, next_state))
        candidates.sort(key=lambda candidate: -sum(candidate[1]))
        live = []
        for candidate in candidates[:beam_width]:
            done = candidate[2] == end_id or len(candidate[0]) == max_length
            (finished if done else live).append(candidate)
    best = max(finished, key=lambda candidate: length_normalized_score(candidate[1], alpha))
    return best[0], length_normalized_score(best[1], alpha)


def exhaustive_search(step, state, start_id, end_id, max_length, alpha=0.7):
    """``(tokens, score)`` of the sequence with the best :func:`length_normalized_score` among
    every sequence the model can produce (``V^max_length`` of them: toy models only)."""
    best = ([], -np.inf)
    vocab_size = len(step(start_id, state)[0])
    for length in range(1, max_length + 1):
        for tokens in itertools.product(range(vocab_size), repeat=length):
            if end_id in tokens[:-1] or (length < max_length and tokens[-1] != end_id):
                continue
            score = length_normalized_score(sequence_log_probs(step, state, start_id, tokens), alpha)
            if score > best[1]:
                best = (list(tokens), score)
    return best


def sequence_log_probs(step, state, start_id, tokens):
    """The log-probability ``(T,)`` the model gives each of ``tokens``, one after the other."""
    log_probs, last = [], start_id
    for token in tokens:
        next_log_probs, state = step(last, state)
        log_probs.append(float(next_log_probs[token]))
        last = token
    return np.array(log_probs)


def log_softmax(logits):
    """``log(softmax(logits))`` along the last axis, without overflow."""
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def table_model(logits):
    """A toy model whose next-token log-probabilities are ``log_softmax(logits[t, previous])``:
    ``logits`` ``(T, V, V)`` indexed by position ``t`` and previous token. Returns ``(step,
    state)``; the state is the position."""
    log_probs = log_softmax(np.asarray(logits, dtype=float))

    def step(token, t):
        return log_probs[min(t, len(log_probs) - 1), token], t + 1

    return step, 0
