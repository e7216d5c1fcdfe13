"""Word vectors in NumPy (reference implementations, week 12).

A *word map* ``word_to_vec_map`` is a dict from a word (a lower-case string) to its vector, a
NumPy array ``(d,)``. Sentences of token ids are sequences of integers in ``[0, V)``.

- Using vectors: :func:`cosine_similarity`, :func:`complete_analogy` (and
  :func:`analogy_accuracy` over many questions), :func:`sentence_to_avg`.
- Debiasing (Bolukbasi et al., 2016, as the classic assignment writes it): :func:`neutralize`,
  :func:`equalize`.
- Preparing training data: :func:`skipgram_pairs` and :func:`noise_distribution` for word2vec
  with negative sampling; :func:`cooccurrence_matrix` and :func:`glove_weight` for GloVe. The
  losses themselves, in PyTorch, are in :mod:`dlkit.nets.embeddings`.
"""
import numpy as np


def cosine_similarity(u, v):
    """``u . v / (||u|| ||v||)`` for two vectors ``(d,)``, as a float in ``[-1, 1]``.

    A zero vector has no direction, so its similarity to anything (a zero vector included) is
    defined as ``0.0``; this also keeps NaN out of searches over word maps.
    """
    norms = np.linalg.norm(u) * np.linalg.norm(v)
    if norms == 0:
        return 0.0
    return float(np.dot(u, v) / norms)


def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    """The word ``d`` that completes "``a`` is to ``b`` as ``c`` is to ``d``": the word of the
    map, other than the three given, that maximises ``cosine_similarity(e_b - e_a, e_d - e_c)``
    (the first such word in the map's order on a tie), even when that similarity is negative.
    The given words are lower-cased first, like the map's keys.
    """
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    best_similarity, best_word = -np.inf, None
    for word, vector in word_to_vec_map.items():
        if word in (word_a, word_b, word_c):
            continue
        similarity = cosine_similarity(e_b - e_a, vector - e_c)
        if similarity > best_similarity:
            best_similarity, best_word = similarity, word
    return best_word


def analogy_accuracy(questions, word_to_vec_map):
    """The fraction of analogy questions ``(a, b, c, d)`` for which :func:`complete_analogy`
    answers ``d``, and the answers (a list of words)."""
    answers = [complete_analogy(a, b, c, word_to_vec_map) for a, b, c, _ in questions]
    return float(np.mean([answer == d for answer, (_, _, _, d) in zip(answers, questions)])), answers


def neutralize(word, g, word_to_vec_map):
    """The vector of ``word`` with its component along the bias axis ``g`` ``(d,)`` removed:
    ``e - (e . g / ||g||^2) g``, orthogonal to ``g``. ``word`` is looked up as given."""
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g
    return e - e_biascomponent


def equalize(pair, bias_axis, word_to_vec_map):
    """Equalise a pair of words that should differ only along ``bias_axis`` (``("actor",
    "actress")``): returns ``(e1, e2)``, which share their component orthogonal to the axis,
    ``mu_orth``, and have opposite components along it, so that they are equally far from
    every neutralised word. With ``mu`` the pair's mean and ``x_B`` the projection of ``x`` on
    the axis, the classic assignment's formulas::

        mu_orth = mu - mu_B
        corrected_e_wiB = sqrt(|1 - ||mu_orth||^2|) * (e_wiB - mu_B) / ||(e_wi - mu_orth) - mu_B||
        ei = corrected_e_wiB + mu_orth

    (Bolukbasi et al. divide by ``||e_wiB - mu_B||`` instead, which makes ``ei`` a unit vector
    for unit-length embeddings; the course grades the formulas above.)
    """
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    mu = (e_w1 + e_w2) / 2
    mu_B = _projection(mu, bias_axis)
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
    corrected = [scale * (_projection(e, bias_axis) - mu_B) / np.linalg.norm(e - mu_orth - mu_B) for e in (e_w1, e_w2)]
    return corrected[0] + mu_orth, corrected[1] + mu_orth


def _projection(e, axis):
    """The component of ``e`` along ``axis``."""
    return np.dot(e, axis) / np.sum(axis * axis) * axis


def sentence_to_avg(sentence, word_to_vec_map):
    """The mean of the vectors of the words of ``sentence`` (a string, lower-cased and split on
    white space).

    Words missing from the map are skipped: the mean is over the known words, with repeats
    counted every time. A sentence without a known word gives the zero vector (the shape of the
    map's vectors).
    """
    known = [word_to_vec_map[word] for word in sentence.lower().split() if word in word_to_vec_map]
    if not known:
        return np.zeros_like(next(iter(word_to_vec_map.values())), dtype=float)
    return np.mean(known, axis=0)


def skipgram_pairs(sentence, window_size):
    """The skip-gram training pairs of one sentence of token ids: ``int64`` ``(n, 2)``, one row
    ``(center, context)`` for every position ``i`` and every position ``j`` with
    ``0 < |i - j| <= window_size``, ordered by ``i``, then by ``j``. A sentence of one word gives
    ``(0, 2)``."""
    sentence = np.asarray(sentence, dtype=np.int64)
    pairs = [(sentence[i], sentence[j])
             for i in range(len(sentence))
             for j in range(max(0, i - window_size), min(len(sentence), i + window_size + 1))
             if j != i]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def noise_distribution(counts, power=0.75):
    """The distribution negative samples are drawn from: ``P(w) = f(w)^power / sum_w' f(w')^power``
    for word counts (or frequencies) ``f`` ``(V,)``; float ``(V,)``, summing to 1. Raising to
    ``3/4`` gives rare words more, and frequent words less, than their share of the text."""
    weights = np.asarray(counts, dtype=float) ** power
    return weights / weights.sum()


def cooccurrence_matrix(sentences, vocab_size, window_size):
    """GloVe's ``X`` ``(V, V)`` float: ``X[i, j]`` is the number of times word ``i`` occurs
    within ``window_size`` positions of an occurrence of word ``j`` (either side, never across
    two sentences). Plain counts, not weighted by distance, so ``X`` is symmetric; a word next
    to a copy of itself counts on the diagonal.

    ``sentences``: sequences of token ids in ``[0, vocab_size)``.
    """
    X = np.zeros((vocab_size, vocab_size))
    for sentence in sentences:
        pairs = skipgram_pairs(sentence, window_size)
        np.add.at(X, (pairs[:, 1], pairs[:, 0]), 1.0)
    return X


def glove_weight(x, x_max=100, alpha=0.75):
    """GloVe's weight of a co-occurrence count: ``(x / x_max)^alpha`` below ``x_max``, ``1``
    from there on; ``f(0) = 0``, so pairs that never co-occur do not count.

    ``x``: a NumPy array or a torch tensor of counts; returns the same kind, elementwise (the
    loss in :mod:`dlkit.nets.embeddings` calls it on a tensor).
    """
    return (x / x_max).clip(max=1.0) ** alpha
