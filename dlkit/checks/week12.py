"""Week 12: word embeddings.

Word maps are random vocabularies (random lower-case strings) of random vectors, sometimes with
an analogy planted in them, sometimes with the question's words capitalised; the lectures'
four-feature vectors are the worked example. The losses are checked on their value and on
their gradients (:class:`dlkit.checks.spec.WithGradients`): a loss that is right but cannot be
backpropagated, or whose gradients are NaN, fails. ``SentimentLSTM`` is checked as a module on
right-padded batches; ``sentiment_step`` on a small reference ``SentimentLSTM`` whose gradients
are always larger than ``max_norm``, so that the clipping shows.

This module imports torch; the registry loads it only when a week-12 key is looked up.
"""
import numpy as np
import torch

from dlkit.checks.compare import logits_not_probabilities, one_number
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import (FunctionSpec, ModuleCall, TrainingCall, WithGradients, module_case, random_weights,
                               with_weights)
from dlkit.data.corpus import four_feature_vectors
from dlkit.nets import embeddings as nets
from dlkit.scratch import embeddings


# --- word maps -----------------------------------------------------------------------------------

def _random_words(rng, n):
    """``n`` different random lower-case words of 3 to 8 letters, in the order drawn."""
    words = []
    while len(words) < n:
        word = "".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), int(rng.integers(3, 9))))
        if word not in words:
            words.append(word)
    return words


def _word_map(rng, n=None, d=None, scale=1.0):
    """A random vocabulary of ``n`` words with normal vectors ``(d,)`` (float64)."""
    n, d = n or int(rng.integers(5, 16)), d or int(rng.integers(2, 13))
    return {word: rng.normal(0, scale, d) for word in _random_words(rng, n)}


def _cosine_args(rng):
    d = int(rng.integers(1, 40))
    u = rng.normal(0, rng.uniform(0.1, 5), d)
    if rng.random() < 0.2:  # parallel or opposite: similarity 1 or -1
        return u, u * float(rng.choice([-1, 1])) * rng.uniform(0.2, 5)
    return u, rng.normal(0, rng.uniform(0.1, 5), d)


_FOUR = four_feature_vectors()

register(FunctionSpec(
    key="week12.cosine_similarity",
    reference=embeddings.cosine_similarity,
    # The lectures' man and woman (nearly opposite), king and queen; a zero vector (defined as 0).
    examples=lambda: ((_FOUR["man"], _FOUR["woman"]), (_FOUR["king"], _FOUR["queen"]),
                      (np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0])), (np.zeros(3), np.array([1.0, -2.0, 0.5]))),
    random_args=_cosine_args,
    comparator=one_number,
))


def _capitalised(rng, word):
    return word.upper() if rng.random() < 0.5 else word.capitalize()


def _analogy_args(rng):
    """Three different words of a random map and the map. Half of the time the map holds a
    word close to ``e_c + e_b - e_a``; half of the time a word in the direction of
    ``e_b - e_a + e_c`` but farther out (the nearest by ``cos(e_w, e_b - e_a + e_c)``, not by
    the formula asked for); a third of the time the words are asked capitalised."""
    word_map = _word_map(rng, n=int(rng.integers(5, 16)), d=int(rng.integers(3, 30)))
    a, b, c = rng.choice(list(word_map), 3, replace=False)
    others = [w for w in word_map if w not in (a, b, c)]
    target = word_map[c] + word_map[b] - word_map[a]
    if rng.random() < 0.5:
        word_map[others[0]] = target + rng.normal(0, 0.3, len(target))
    if rng.random() < 0.5:
        word_map[others[1]] = target * rng.uniform(1.5, 3)
    if rng.random() < 1 / 3:
        a, b, c = (_capitalised(rng, w) for w in (a, b, c))
    return str(a), str(b), str(c), word_map


register(FunctionSpec(
    key="week12.complete_analogy",
    reference=embeddings.complete_analogy,
    # man : woman :: king : queen; asked capitalised; man : woman :: queen : ?, where the only
    # word left, king, points the other way (the best similarity is negative); and a map where
    # "far" lies exactly along e_b - e_a + e_c but "near" has e_near - e_c along e_b - e_a.
    examples=lambda: (("man", "woman", "king", four_feature_vectors()),
                      ("Man", "WOMAN", "King", four_feature_vectors()),
                      ("man", "woman", "queen", four_feature_vectors()),
                      ("one", "two", "three", {"one": np.array([1.0, 0.0]), "two": np.array([1.0, 1.0]),
                                               "three": np.array([3.0, 0.0]), "far": np.array([6.0, 2.0]),
                                               "near": np.array([3.0, 2.0])})),
    random_args=_analogy_args,
    uses=("week12.cosine_similarity",),
))


def _bias_axis(rng, d):
    """A random axis whose length is rarely 1 (dividing by ``||g||`` instead of ``||g||^2`` shows)."""
    return rng.normal(0, 1, d) * rng.uniform(0.3, 3)


def _neutralize_args(rng):
    word_map = _word_map(rng, n=int(rng.integers(2, 8)))
    word = str(rng.choice(list(word_map)))
    return word, _bias_axis(rng, len(word_map[word])), word_map


register(FunctionSpec(
    key="week12.neutralize",
    reference=embeddings.neutralize,
    examples=lambda: (("king", _FOUR["woman"] - _FOUR["man"], four_feature_vectors()),),
    random_args=_neutralize_args,
    rtol=1e-6,
    atol=1e-9,
))


def _equalize_args(rng):
    """A pair of a random map; vectors long enough, half of the time, that ``||mu_orth|| > 1``."""
    word_map = _word_map(rng, n=int(rng.integers(2, 8)), scale=float(rng.choice([0.3, 1.5])))
    pair = tuple(str(w) for w in rng.choice(list(word_map), 2, replace=False))
    return pair, _bias_axis(rng, len(word_map[pair[0]])), word_map


register(FunctionSpec(
    key="week12.equalize",
    reference=embeddings.equalize,
    # man and woman; king and queen, whose mean is longer than 1 off the axis (1 - ||mu_orth||^2 < 0).
    examples=lambda: ((("man", "woman"), _FOUR["woman"] - _FOUR["man"], four_feature_vectors()),
                      (("king", "queen"), _FOUR["woman"] - _FOUR["man"], four_feature_vectors())),
    random_args=_equalize_args,
    output_names=("e1", "e2"),
    rtol=1e-6,
    atol=1e-9,
))


# --- word2vec ----------------------------------------------------------------------------------

def _sentence(rng, vocab_size, min_length=2, max_length=12):
    return [int(w) for w in rng.integers(0, vocab_size, int(rng.integers(min_length, max_length + 1)))]


register(FunctionSpec(
    key="week12.skipgram_pairs",
    reference=embeddings.skipgram_pairs,
    # The lectures' "I want a glass of orange juice" as ids 0..6; a window wider than the sentence.
    examples=(([0, 1, 2, 3, 4, 5, 6], 2), ([3, 1, 3], 5)),
    random_args=lambda rng: (_sentence(rng, int(rng.integers(2, 20))), int(rng.integers(1, 6))),
))


def _noise_args(rng):
    counts = rng.integers(0, 1000, int(rng.integers(2, 30)))
    counts[0] = max(counts[0], 1)
    return (counts,) if rng.random() < 0.5 else (counts, float(rng.uniform(0.2, 1.0)))


register(FunctionSpec(
    key="week12.noise_distribution",
    reference=embeddings.noise_distribution,
    examples=((np.array([1, 16, 81]),), (np.array([10, 0, 30, 60]), 1.0)),
    random_args=_noise_args,
))


def _sampling_args(rng, scale=None):
    B, d, k = int(rng.integers(1, 9)), int(rng.integers(2, 11)), int(rng.integers(1, 7))
    scale = scale or float(rng.uniform(0.2, 1.5))
    return tuple(torch.as_tensor(rng.normal(0, scale, shape), dtype=torch.float32) for shape in ((B, d), (B, d), (B, k, d)))


register(FunctionSpec(
    key="week12.negative_sampling_loss",
    reference=nets.negative_sampling_loss,
    call=WithGradients(positions=(0, 1, 2), result_label="the loss"),
    # Scores in the hundreds: log(sigmoid(.)) underflows to log(0) there, logsigmoid does not.
    examples=lambda: (_sampling_args(np.random.default_rng(1), scale=8.0),),
    random_args=_sampling_args,
    rtol=1e-5,
    atol=1e-6,
))


# --- GloVe -------------------------------------------------------------------------------------

def _cooccurrence_args(rng):
    """A few sentences (one-word ones among them) over a small vocabulary, so that words meet
    copies of themselves; a window that often spans a sentence boundary."""
    vocab_size = int(rng.integers(2, 9))
    sentences = [_sentence(rng, vocab_size, 1, 10) for _ in range(int(rng.integers(2, 6)))]
    return sentences, vocab_size, int(rng.integers(1, 5))


register(FunctionSpec(
    key="week12.cooccurrence_matrix",
    reference=embeddings.cooccurrence_matrix,
    examples=(([[0, 1, 2, 1], [2, 0]], 3, 1),),
    random_args=_cooccurrence_args,
    uses=("week12.skipgram_pairs",),
))


def _counts(rng, shape):
    """Co-occurrence counts: zeros, small counts, and counts at and beyond ``x_max = 100``."""
    counts = np.round(np.exp(rng.uniform(0, 6, shape))) * (rng.random(shape) < 0.7)
    counts.flat[0], counts.flat[-1] = 0.0, 100.0
    return counts


def _weight_args(rng):
    """Counts (an array or, half of the time, a float32 tensor), with the default ``x_max`` and
    ``alpha`` or, half of the time, others (and a count exactly at that ``x_max``)."""
    counts = _counts(rng, tuple(int(n) for n in rng.integers(1, 6, int(rng.integers(0, 2)))) + (3,))
    hyperparameters = ()
    if rng.random() < 0.5:
        hyperparameters = (float(rng.integers(5, 150)), float(rng.uniform(0.3, 1.0)))
        counts.flat[1] = hyperparameters[0]
    if rng.random() < 0.5:
        counts = torch.as_tensor(counts, dtype=torch.float32)
    return (counts, *hyperparameters)


register(FunctionSpec(
    key="week12.glove_weight",
    reference=embeddings.glove_weight,
    examples=lambda: ((np.array([0.0, 1.0, 50.0, 100.0, 250.0]),), (torch.tensor([[0.0, 10.0], [99.0, 1000.0]]),),
                      (np.array([0.0, 2.5, 10.0, 40.0]), 10.0, 0.5)),
    random_args=_weight_args,
    rtol=1e-5,
    atol=1e-7,
))


def _glove_args(rng):
    """Word and context vectors, biases and counts (never symmetric, so that ``w_i . w~_j`` and
    ``w_j . w~_i`` differ)."""
    V, d = int(rng.integers(2, 9)), int(rng.integers(1, 7))
    tensor = lambda x: torch.as_tensor(x, dtype=torch.float32)
    return (tensor(rng.normal(0, 0.5, (V, d))), tensor(rng.normal(0, 0.5, (V, d))),
            tensor(rng.normal(0, 0.5, V)), tensor(rng.normal(0, 0.5, V)), tensor(_counts(rng, (V, V))))


register(FunctionSpec(
    key="week12.glove_loss",
    reference=nets.glove_loss,
    call=WithGradients(positions=(0, 1, 2, 3), result_label="the loss"),
    random_args=_glove_args,
    uses=("week12.glove_weight",),
    rtol=1e-4,
    atol=1e-5,
))


# --- sentiment ---------------------------------------------------------------------------------

def _sentence_args(rng):
    """A sentence of words of a random map, repeated words, unknown words and capitals."""
    word_map = _word_map(rng)
    vocabulary = list(word_map) + _random_words(rng, int(rng.integers(0, 4)))
    words = [str(w) for w in rng.choice(vocabulary, int(rng.integers(1, 9)))]
    words = [w.upper() if rng.random() < 0.2 else w for w in words]
    return " ".join(words), word_map


register(FunctionSpec(
    key="week12.sentence_to_avg",
    reference=embeddings.sentence_to_avg,
    # Known words (one twice), unknown ones and capitals; no known word at all (the zero vector).
    examples=lambda: (("The King and the queen met the king", four_feature_vectors()),
                      ("nothing here", four_feature_vectors())),
    random_args=_sentence_args,
))


def _token_ids(rng, n, length, vocab_size):
    """``(n, length)`` ids of right-padded sentences: one of full length, one shorter, the rest at random."""
    lengths = rng.integers(1, length + 1, n)
    lengths[0], lengths[1] = length, int(rng.integers(1, length))
    ids = rng.integers(1, vocab_size, (n, length))
    ids[np.arange(length)[None, :] >= lengths[:, None]] = nets.PAD
    return ids


def _lstm_case(rng, sizes=None):
    vocab_size, embedding_dim, hidden_size, num_classes = sizes or (int(rng.integers(5, 12)), *distinct_sizes(rng, 3, 2, 7))
    ids = _token_ids(rng, int(rng.integers(2, 5)), int(rng.integers(2, 7)), vocab_size)
    return module_case(nets.SentimentLSTM, (vocab_size, embedding_dim, hidden_size, num_classes), [ids], rng)


register(FunctionSpec(
    key="week12.SentimentLSTM",
    reference=nets.SentimentLSTM,
    call=ModuleCall(),
    examples=lambda: (_lstm_case(np.random.default_rng(12), (10, 4, 5, 2)),),
    random_args=_lstm_case,
    comparator=logits_not_probabilities,
    rtol=1e-4,
    atol=1e-5,
))

SMALL_LSTM = (9, 4, 5, 3)  # vocabulary (padding included), embedding, hidden, classes


def _small_lstm():
    return nets.SentimentLSTM(*SMALL_LSTM)


def _step_args(rng):
    """Weights of a small ``SentimentLSTM``, stale gradients, a batch, a learning rate and a
    ``max_norm`` below the batch's gradient norm."""
    weights = random_weights(_small_lstm, rng, 0.5)
    stale = [rng.normal(0, 1, w.shape).astype(np.float32) for w in weights]
    ids = torch.as_tensor(_token_ids(rng, int(rng.integers(2, 7)), int(rng.integers(2, 7)), SMALL_LSTM[0]))
    labels = torch.as_tensor(rng.integers(0, SMALL_LSTM[3], len(ids)))
    model = with_weights(_small_lstm, weights)
    torch.nn.functional.cross_entropy(model(ids), labels).backward()
    norm = float(torch.sqrt(sum((p.grad ** 2).sum() for p in model.parameters())))
    return weights, stale, ids, labels, float(10 ** rng.uniform(-2, -0.5)), norm * float(rng.uniform(0.2, 0.7))


def _step_call(weights, stale, ids, labels, learning_rate, max_norm):
    """``(model, x, labels, optimizer, max_norm)`` with gradients left over in the model, and the model."""
    model = with_weights(_small_lstm, weights)
    for parameter, gradient in zip(model.parameters(), stale):
        parameter.grad = torch.as_tensor(gradient).clone()
    return (model, ids, labels, torch.optim.SGD(model.parameters(), lr=learning_rate), max_norm), model


register(FunctionSpec(
    key="week12.sentiment_step",
    reference=nets.sentiment_step,
    call=TrainingCall(_step_call),
    random_args=_step_args,
    comparator=one_number,
    rtol=1e-4,
    atol=1e-6,
))
