"""Week 12: the generated corpus and sentiment data, the NumPy word-vector functions, the
word2vec and GloVe losses and trainers, and the sentiment models, each against an independent
computation."""
import math

import numpy as np
import pytest
import torch

from dlkit.data.corpus import (HELD_OUT_WORDS, NEGATIVE_WORDS, POSITIVE_WORDS, analogy_questions, analogy_relations,
                               four_feature_vectors, load_analogy_corpus, load_sentiment_dataset)
from dlkit.nets.embeddings import (GloVe, PairBatches, SentimentLSTM, average_features, embedding_matrix,
                                   glove_loss, negative_sampling_loss, sentences_to_indices, sentiment_step,
                                   train_glove, train_skipgram, word_vector_map)
from dlkit.nets.training import train_classifier
from dlkit.runtime.device import get_device, seed_everything
from dlkit.scratch.embeddings import (analogy_accuracy, complete_analogy, cooccurrence_matrix, cosine_similarity,
                                      equalize, glove_weight, neutralize, noise_distribution, sentence_to_avg,
                                      skipgram_pairs)

DEVICE = get_device()


@pytest.fixture(scope="module")
def small_corpus():
    return load_analogy_corpus(sentences_per_target=100)


# --- data ------------------------------------------------------------------------------------

def test_the_corpus_is_the_same_every_time_and_its_ids_spell_its_sentences(small_corpus):
    again = load_analogy_corpus(sentences_per_target=100)
    assert again.sentences == small_corpus.sentences and again.words == small_corpus.words
    assert load_analogy_corpus(sentences_per_target=100, seed=1).sentences != small_corpus.sentences
    words = np.array(small_corpus.words)
    assert all(list(words[ids]) == sentence for ids, sentence in zip(small_corpus.ids, small_corpus.sentences))
    assert np.array_equal(np.bincount(np.concatenate(small_corpus.ids)), small_corpus.counts)
    assert np.all(np.diff(small_corpus.counts) <= 0)


def test_analogy_questions_hold_four_different_corpus_words_related_the_same_way(small_corpus):
    relations = analogy_relations()
    questions = analogy_questions()
    assert len(questions) == sum(len(pairs) * (len(pairs) - 1) for pairs in relations.values())
    assert all(len({a, b, c, d}) == 4 and {a, b, c, d} <= set(small_corpus.words) for a, b, c, d in questions)
    assert ("man", "woman", "king", "queen") in analogy_questions("gender")
    assert ("france", "paris", "italy", "rome") in analogy_questions("capital")
    assert ("man", "king", "woman", "queen") in analogy_questions("royalty")
    assert all((a, b) in relations["plural"] and (c, d) in relations["plural"] for a, b, c, d in analogy_questions("plural"))


def _label_by_the_rules(sentence):
    """The polarity of the last clause: its adjective's, flipped by ``not``."""
    clause = sentence.split(" but ")[-1].split()
    positive = clause[-1] in POSITIVE_WORDS
    assert positive or clause[-1] in NEGATIVE_WORDS
    return int(positive != ("not" in clause))


def test_the_sentiment_split_is_disjoint_labelled_by_its_rules_and_holds_words_back():
    data = load_sentiment_dataset()
    assert len(data.train_sentences) == len(set(data.train_sentences)) == 1200
    assert len(data.test_sentences) == len(set(data.test_sentences)) == 400
    assert not set(data.train_sentences) & set(data.test_sentences)
    for sentences, labels in ((data.train_sentences, data.train_labels), (data.test_sentences, data.test_labels)):
        assert labels.dtype == np.int64 and [_label_by_the_rules(s) for s in sentences] == labels.tolist()
    train_words = {w for s in data.train_sentences for w in s.split()}
    test_words = {w for s in data.test_sentences for w in s.split()}
    assert not train_words & set(HELD_OUT_WORDS) and set(HELD_OUT_WORDS) <= test_words
    assert {"not", "but"} <= train_words and 0.4 < data.train_labels.mean() < 0.6
    assert load_sentiment_dataset().test_sentences == data.test_sentences


def test_every_sentiment_word_has_a_corpus_word_vector(small_corpus):
    data = load_sentiment_dataset()
    assert {w for s in data.train_sentences + data.test_sentences for w in s.split()} <= set(small_corpus.words)


def test_an_average_of_word_vectors_cannot_tell_which_clause_comes_last():
    vectors = {w: np.random.default_rng(0).normal(size=3) for w in "the food service was good bad but".split()}
    first = sentence_to_avg("the food was good but the service was bad", vectors)
    second = sentence_to_avg("the food was bad but the service was good", vectors)
    assert np.allclose(first, second)


# --- using word vectors ------------------------------------------------------------------------

def test_cosine_similarity_is_the_cosine_of_the_angle():
    assert cosine_similarity(np.array([1.0, 0.0]), np.array([1.0, 1.0])) == pytest.approx(math.cos(math.pi / 4))
    assert cosine_similarity(np.array([2.0, 0.0]), np.array([-3.0, 0.0])) == pytest.approx(-1.0)
    assert cosine_similarity(np.zeros(3), np.ones(3)) == 0.0 == cosine_similarity(np.zeros(3), np.zeros(3))
    assert isinstance(cosine_similarity(np.ones(2), np.ones(2)), float)


def test_the_lectures_four_features_give_queen():
    vectors = four_feature_vectors()
    assert complete_analogy("man", "woman", "king", vectors) == "queen"
    assert complete_analogy("Man", "Woman", "KING", vectors) == "queen"
    # The lectures' own search, over all four words: king - man + woman is closest to queen.
    target = vectors["king"] - vectors["man"] + vectors["woman"]
    assert max(vectors, key=lambda w: cosine_similarity(vectors[w], target)) == "queen"
    assert np.allclose(vectors["man"] - vectors["woman"], [-2, -0.01, 0.01, 0.08])


def test_complete_analogy_never_answers_a_word_of_the_question():
    vectors = {"a": np.array([0.0, 1.0]), "b": np.array([1.0, 1.0]), "c": np.array([0.0, 2.0]), "x": np.array([-5.0, 0.0])}
    assert complete_analogy("a", "b", "c", vectors) == "x"  # b and c would score higher


def test_analogy_accuracy_counts_right_answers():
    vectors = four_feature_vectors()
    accuracy, answers = analogy_accuracy([("man", "woman", "king", "queen"), ("man", "woman", "queen", "man")], vectors)
    assert answers == ["queen", "king"] and accuracy == 0.5


def test_neutralize_leaves_nothing_along_the_axis_and_keeps_the_rest():
    rng = np.random.default_rng(1)
    vectors, g = {"doctor": rng.normal(size=6)}, rng.normal(size=6) * 3
    debiased = neutralize("doctor", g, vectors)
    assert abs(debiased @ g) < 1e-12
    assert np.allclose(vectors["doctor"] - debiased, (vectors["doctor"] @ g) / (g @ g) * g)


def test_equalize_gives_a_pair_symmetric_about_the_axis():
    rng = np.random.default_rng(2)
    vectors = {w: rng.normal(size=5) * 0.4 for w in ("actor", "actress", "doctor")}
    g = rng.normal(size=5)
    e1, e2 = equalize(("actor", "actress"), g, vectors)
    assert np.linalg.norm(e1) == pytest.approx(np.linalg.norm(e2))
    unit = g / np.linalg.norm(g)
    assert abs((e1 + e2) @ unit) < 1e-12  # the mean has nothing along the axis...
    assert np.allclose(e1 - e2, ((e1 - e2) @ unit) * unit)  # ...and the difference nothing else
    mu = (vectors["actor"] + vectors["actress"]) / 2
    assert np.allclose((e1 + e2) / 2, mu - (mu @ unit) * unit)
    doctor = neutralize("doctor", g, vectors)
    assert np.linalg.norm(doctor - e1) == pytest.approx(np.linalg.norm(doctor - e2))


def test_sentence_to_avg_skips_unknown_words_and_counts_repeats():
    vectors = {"good": np.array([1.0, 0.0]), "bad": np.array([0.0, 3.0])}
    assert np.allclose(sentence_to_avg("GOOD good bad unknown", vectors), [2 / 3, 1.0])
    assert np.array_equal(sentence_to_avg("nothing known", vectors), np.zeros(2))


# --- word2vec ------------------------------------------------------------------------------------

def test_skipgram_pairs_are_every_pair_within_the_window_in_order():
    sentence = [5, 3, 8, 3, 1, 9]
    for window in (1, 2, 4, 10):
        expected = [(sentence[i], sentence[j]) for i in range(6) for j in range(6) if 0 < abs(i - j) <= window]
        pairs = skipgram_pairs(sentence, window)
        assert pairs.dtype == np.int64 and pairs.tolist() == [list(p) for p in expected]
    assert skipgram_pairs([7], 3).shape == (0, 2)


def test_the_noise_distribution_is_the_three_quarter_power_normalised():
    counts = np.array([1, 16, 81, 0])
    p = noise_distribution(counts)
    assert p.sum() == pytest.approx(1.0) and p[3] == 0.0
    assert np.allclose(p[:3], np.array([1, 8, 27]) / 36)
    assert np.allclose(noise_distribution(counts, power=1.0), counts / counts.sum())


def _explicit_negative_sampling_loss(center, context, negatives):
    def log_sigmoid(x):
        return -math.log1p(math.exp(-x)) if x > 0 else x - math.log1p(math.exp(x))

    total = 0.0
    for b in range(len(center)):
        total -= log_sigmoid(float(center[b] @ context[b]))
        total -= sum(log_sigmoid(-float(center[b] @ u)) for u in negatives[b])
    return total / len(center)


def test_negative_sampling_loss_matches_the_formula_and_stays_finite():
    rng = np.random.default_rng(3)
    for scale in (0.5, 20.0):  # scores near 0, and in the hundreds where log(sigmoid) underflows
        center, context, negatives = rng.normal(0, scale, (4, 6)), rng.normal(0, scale, (4, 6)), rng.normal(0, scale, (4, 3, 6))
        loss = negative_sampling_loss(*(torch.tensor(x, dtype=torch.float64) for x in (center, context, negatives)))
        assert loss.item() == pytest.approx(_explicit_negative_sampling_loss(center, context, negatives), rel=1e-9)
    inputs = tuple(torch.tensor(rng.normal(size=shape), dtype=torch.float64, requires_grad=True)
                   for shape in ((3, 4), (3, 4), (3, 2, 4)))
    assert torch.autograd.gradcheck(negative_sampling_loss, inputs)


def test_pair_batches_give_every_pair_once_per_pass_in_a_new_order():
    pairs = np.arange(20).reshape(10, 2)
    batches = PairBatches(pairs, batch_size=4, seed=0)
    first = torch.cat([torch.stack(batch, dim=1) for batch in batches])
    second = torch.cat([torch.stack(batch, dim=1) for batch in batches])
    assert len(batches) == 3 and sorted(first[:, 0].tolist()) == list(range(0, 20, 2))
    assert torch.equal(first[:, 1] - first[:, 0], torch.ones(10, dtype=torch.int64))
    assert not torch.equal(first, second)


def test_skipgram_learns_analogies_from_the_corpus(small_corpus):
    seed_everything(0)
    model, losses = train_skipgram(small_corpus.ids, small_corpus.counts, DEVICE, epochs=3, learning_rate=0.03)
    assert losses[-1] < losses[0]
    vectors = word_vector_map(small_corpus.words, model.center.weight)
    accuracy, _ = analogy_accuracy(analogy_questions()[::4], vectors)
    assert accuracy > 0.6


# --- GloVe -------------------------------------------------------------------------------------

def test_cooccurrence_counts_every_word_within_the_window_symmetrically():
    rng = np.random.default_rng(4)
    sentences = [list(rng.integers(0, 5, n)) for n in (1, 4, 9, 7)]
    for window in (1, 3):
        X = cooccurrence_matrix(sentences, 5, window)
        expected = np.zeros((5, 5))
        for s in sentences:
            for p in range(len(s)):
                for q in range(len(s)):
                    if 0 < abs(p - q) <= window:
                        expected[s[p], s[q]] += 1
        assert np.array_equal(X, expected) and np.array_equal(X, X.T) and X.dtype.kind == "f"


def test_glove_weight_rises_to_one_at_x_max_for_arrays_and_tensors():
    x = np.array([0.0, 1.0, 50.0, 100.0, 250.0])
    assert np.allclose(glove_weight(x), [0.0, 0.01 ** 0.75, 0.5 ** 0.75, 1.0, 1.0])
    assert np.allclose(glove_weight(x, x_max=10, alpha=1.0), [0.0, 0.1, 1.0, 1.0, 1.0])
    weights = glove_weight(torch.tensor(x))
    assert torch.is_tensor(weights) and np.allclose(weights.numpy(), glove_weight(x))


def test_glove_loss_matches_a_loop_and_has_finite_gradients_where_counts_are_zero():
    rng = np.random.default_rng(5)
    V, d = 5, 3
    X = np.round(rng.uniform(0, 150, (V, V))) * (rng.random((V, V)) < 0.6)
    X[0, 0] = 0.0
    W, W_tilde, b, b_tilde = (torch.tensor(rng.normal(size=shape), requires_grad=True)
                              for shape in ((V, d), (V, d), (V,), (V,)))
    expected = sum(min(X[i, j] / 100, 1) ** 0.75 * (W[i] @ W_tilde[j] + b[i] + b_tilde[j] - math.log(X[i, j])) ** 2
                   for i in range(V) for j in range(V) if X[i, j] > 0)
    loss = glove_loss(W, W_tilde, b, b_tilde, torch.tensor(X))
    assert loss.item() == pytest.approx(expected.item(), rel=1e-10)
    loss.backward()
    assert all(torch.isfinite(p.grad).all() for p in (W, W_tilde, b, b_tilde))
    assert torch.autograd.gradcheck(lambda *p: glove_loss(*p, torch.tensor(X)), (W, W_tilde, b, b_tilde))


def test_glove_training_fits_the_counts(small_corpus):
    X = cooccurrence_matrix(small_corpus.ids, len(small_corpus.words), 3)
    seed_everything(0)
    model, losses = train_glove(X, DEVICE, iterations=60)
    assert losses[-1] < 0.1 * losses[0]
    assert isinstance(model, GloVe) and model.word_vectors().shape == (len(small_corpus.words), 16)


# --- sentiment ---------------------------------------------------------------------------------

def test_sentences_become_right_padded_ids_of_a_table_whose_row_zero_is_padding():
    vectors = {"good": np.array([1.0, 2.0]), "movie": np.array([3.0, 4.0])}
    word_to_index, matrix = embedding_matrix(vectors)
    assert word_to_index == {"good": 1, "movie": 2}
    assert np.array_equal(matrix, [[0, 0], [1, 2], [3, 4]]) and matrix.dtype == np.float32
    assert sentences_to_indices(["Good movie", "movie"], word_to_index, 3).tolist() == [[1, 2, 0], [2, 0, 0]]


def test_the_lstm_reads_each_sentence_up_to_its_last_word_whatever_the_padding():
    torch.manual_seed(0)
    model = SentimentLSTM(vocab_size=12, embedding_dim=4, hidden_size=5, num_classes=3)
    padded = torch.tensor([[3, 7, 2, 0, 0], [5, 1, 9, 4, 11], [8, 0, 0, 0, 0]])
    logits = model(padded)
    assert logits.shape == (3, 3)
    for i, length in enumerate((3, 5, 1)):
        assert torch.allclose(model(padded[i, :length].unsqueeze(0))[0], logits[i], atol=1e-6)


def test_pretrained_vectors_start_the_embedding_and_stay_frozen():
    matrix = np.arange(12, dtype=np.float32).reshape(4, 3)
    frozen = SentimentLSTM(4, 3, 2, 2, pretrained=matrix)
    assert np.array_equal(frozen.embedding.weight.detach().numpy(), matrix) and not frozen.embedding.weight.requires_grad
    assert SentimentLSTM(4, 3, 2, 2, pretrained=matrix, freeze=False).embedding.weight.requires_grad


def test_sentiment_step_clips_the_gradient_norm_and_fits_the_training_loop():
    torch.manual_seed(0)
    model = SentimentLSTM(vocab_size=6, embedding_dim=3, hidden_size=4, num_classes=2)
    x, labels = torch.tensor([[1, 2, 3], [4, 5, 0], [2, 0, 0], [5, 3, 1]]), torch.tensor([0, 1, 1, 0])
    before = [p.detach().clone() for p in model.parameters()]
    expected_loss = torch.nn.functional.cross_entropy(model(x), labels).item()
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    assert sentiment_step(model, x, labels, optimizer, max_norm=0.01) == pytest.approx(expected_loss)
    step = torch.sqrt(sum(((p.detach() - b) ** 2).sum() for p, b in zip(model.parameters(), before)))
    assert step.item() == pytest.approx(0.01, rel=1e-3)  # SGD with lr 1 moves by the clipped gradient
    loader = [(x, labels)] * 30
    losses = train_classifier(model, loader, epochs=2, learning_rate=0.05, device=DEVICE, step=sentiment_step)
    assert losses[-1] < losses[0]


def test_average_features_are_sentence_to_avg_as_a_float32_batch():
    vectors = {"good": np.array([1.0, 0.0]), "bad": np.array([0.0, 1.0])}
    features = average_features(["good bad", "bad"], vectors)
    assert features.dtype == torch.float32 and torch.equal(features, torch.tensor([[0.5, 0.5], [0.0, 1.0]]))
