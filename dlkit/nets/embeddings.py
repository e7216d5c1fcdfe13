"""Learning word vectors, and using them, in PyTorch (reference implementations, week 12).

- word2vec: :class:`SkipGram` trained with :func:`negative_sampling_loss` on the pairs of
  :func:`dlkit.scratch.embeddings.skipgram_pairs`, negatives drawn from
  :func:`dlkit.scratch.embeddings.noise_distribution` (:func:`train_skipgram`);
- GloVe: :class:`GloVe` trained with :func:`glove_loss` on a co-occurrence matrix
  (:func:`train_glove`);
- sentiment: :class:`SentimentLSTM` (trained with :func:`sentiment_step`) and the averaging
  baseline, a softmax regression on :func:`dlkit.scratch.embeddings.sentence_to_avg`
  (:func:`train_average_baseline`).

The device always comes from the caller (see :mod:`dlkit.runtime.device`).
"""
import numpy as np
import torch
from torch import nn

from dlkit.nets.training import train_classifier
from dlkit.scratch.embeddings import glove_weight, noise_distribution, sentence_to_avg, skipgram_pairs

PAD = 0  # the token id of padding in the sentiment model's inputs


# --- word2vec with negative sampling -----------------------------------------------------------

def negative_sampling_loss(center_vectors, context_vectors, negative_vectors):
    """The skip-gram negative-sampling loss, averaged over the batch.

    For each example, with ``v_c`` the center word's vector, ``u_o`` the true context word's and
    ``u_k`` those of the ``k`` negative samples: ``-log sigma(u_o . v_c) - sum_k log sigma(-u_k . v_c)``.
    Computed with ``logsigmoid``, which stays finite where ``log(sigmoid(.))`` underflows to
    ``log(0)`` (scores beyond about 100 in float32).

    Args:
        center_vectors: ``(B, d)``; context_vectors: ``(B, d)``; negative_vectors: ``(B, k, d)``.

    Returns:
        A tensor holding one number (differentiable).
    """
    positive_scores = (center_vectors * context_vectors).sum(dim=1)
    negative_scores = torch.bmm(negative_vectors, center_vectors.unsqueeze(2)).squeeze(2)
    losses = -nn.functional.logsigmoid(positive_scores) - nn.functional.logsigmoid(-negative_scores).sum(dim=1)
    return losses.mean()


class SkipGram(nn.Module):
    """Two tables of word vectors: ``center`` (the vectors ``v`` of words as centers, the
    embeddings one keeps) and ``context`` (the vectors ``u`` of words as contexts). Centers
    start small and random, contexts at zero, as in word2vec. ``loss`` computes the batch's
    loss from the three groups of vectors (default: :func:`negative_sampling_loss`; the
    notebook passes the student's).

    Shape:
        - Input: ``center_ids`` ``(B,)``, ``context_ids`` ``(B,)``, ``negative_ids`` ``(B, k)``, ``int64``.
        - Output: the batch's :func:`negative_sampling_loss`, one number.

    Example::

        >>> model = SkipGram(vocab_size=50, embedding_dim=8)
        >>> model(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.randint(50, (2, 5))).shape
        torch.Size([])
    """

    def __init__(self, vocab_size, embedding_dim, loss=negative_sampling_loss):
        super().__init__()
        self.loss = loss
        self.center = nn.Embedding(vocab_size, embedding_dim)
        self.context = nn.Embedding(vocab_size, embedding_dim)
        with torch.no_grad():
            self.center.weight.uniform_(-0.5 / embedding_dim, 0.5 / embedding_dim)
            self.context.weight.zero_()

    def forward(self, center_ids, context_ids, negative_ids):
        return self.loss(self.center(center_ids), self.context(context_ids), self.context(negative_ids))


class PairBatches:
    """Shuffled batches ``(centers, contexts)`` of the rows of ``pairs`` ``(n, 2)``, a new order
    every pass (drawn from ``seed``). Slicing one shuffled tensor is much faster than a
    ``DataLoader`` collating a million pairs one by one."""

    def __init__(self, pairs, batch_size, seed):
        self.pairs = torch.as_tensor(pairs, dtype=torch.int64)
        self.batch_size = batch_size
        self.generator = torch.Generator().manual_seed(seed)

    def __len__(self):
        return -(-len(self.pairs) // self.batch_size)

    def __iter__(self):
        shuffled = self.pairs[torch.randperm(len(self.pairs), generator=self.generator)]
        for start in range(0, len(shuffled), self.batch_size):
            batch = shuffled[start:start + self.batch_size]
            yield batch[:, 0], batch[:, 1]


def skipgram_step(noise, negatives=5):
    """A ``step`` for :func:`dlkit.nets.training.train_classifier` that trains a
    :class:`SkipGram` on a batch ``(centers, contexts)``, drawing ``negatives`` words per pair
    from ``noise`` ``(V,)`` (with replacement, from torch's generator, on the batch's device).
    Returns the batch's loss as a float."""
    noise = torch.as_tensor(noise, dtype=torch.float32)

    def step(model, centers, contexts, optimizer):
        nonlocal noise
        noise = noise.to(centers.device)  # copied at the first step only
        optimizer.zero_grad()
        drawn = torch.multinomial(noise, len(centers) * negatives, replacement=True)
        loss = model(centers, contexts, drawn.view(len(centers), negatives))
        loss.backward()
        optimizer.step()
        return loss.item()
    return step


def train_skipgram(sentences, counts, device, embedding_dim=32, window_size=3, negatives=5, epochs=3,
                   batch_size=1024, learning_rate=0.01, seed=0, pairs_of=skipgram_pairs, noise_of=noise_distribution,
                   loss=negative_sampling_loss):
    """Train a :class:`SkipGram` on ``sentences`` (arrays of token ids) with Adam, through the
    course's one training loop.

    Every ``(center, context)`` pair within ``window_size`` is an example; its negatives come
    from the ``3/4``-power :func:`noise_distribution` of the word ``counts`` ``(V,)``. ``seed``
    fixes the order of the pairs; the initial vectors and the negatives come from torch's
    generator (see :func:`dlkit.runtime.device.seed_everything`). Returns ``(model, losses)``,
    the per-epoch mean losses; the word vectors are ``model.center.weight``. ``pairs_of``,
    ``noise_of`` and ``loss`` stand for :func:`skipgram_pairs`, :func:`noise_distribution` and
    :func:`negative_sampling_loss` (the notebook passes the student's).
    """
    pairs = np.concatenate([pairs_of(sentence, window_size) for sentence in sentences])
    model = SkipGram(len(counts), embedding_dim, loss)
    losses = train_classifier(model, PairBatches(pairs, batch_size, seed), epochs, learning_rate, device,
                              step=skipgram_step(noise_of(counts), negatives))
    return model, losses


def word_vector_map(words, vectors):
    """``{word: vector}`` from a list of words and a matrix ``(V, d)`` (tensor or array) whose
    row ``i`` belongs to ``words[i]``; the vectors become float64 NumPy arrays."""
    matrix = vectors.detach().cpu().numpy() if torch.is_tensor(vectors) else np.asarray(vectors)
    return {word: row.astype(np.float64) for word, row in zip(words, matrix)}


# --- GloVe ---------------------------------------------------------------------------------------

def glove_loss(W, W_tilde, b, b_tilde, X):
    """GloVe's weighted least squares:
    ``sum over i, j with X_ij > 0 of f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2``, ``f`` being
    :func:`dlkit.scratch.embeddings.glove_weight` with its defaults.

    Pairs that never co-occur are left out before the logarithm is taken: masking them after
    it (``torch.where``) gives the right value but NaN gradients, since ``log 0 = -inf``.

    Args:
        W, W_tilde: word and context vectors ``(V, d)``; b, b_tilde: their biases ``(V,)``;
        X: co-occurrence counts ``(V, V)``.

    Returns:
        A tensor holding one number (differentiable).
    """
    i, j = torch.nonzero(X > 0, as_tuple=True)
    counts = X[i, j]
    residuals = (W[i] * W_tilde[j]).sum(dim=1) + b[i] + b_tilde[j] - torch.log(counts)
    return (glove_weight(counts) * residuals ** 2).sum()


class GloVe(nn.Module):
    """GloVe's parameters for ``vocab_size`` words: word and context vectors ``W``, ``W_tilde``
    ``(V, d)`` (small and random) and biases ``b``, ``b_tilde`` ``(V,)`` (zero). ``loss``
    computes the loss from them (default: :func:`glove_loss`; the notebook passes the student's).

    Shape:
        - Input: co-occurrence counts ``X`` ``(V, V)``.
        - Output: :func:`glove_loss` of the parameters on ``X``, one number.

    Example::

        >>> GloVe(vocab_size=5, embedding_dim=3)(torch.ones(5, 5)).shape
        torch.Size([])
    """

    def __init__(self, vocab_size, embedding_dim, loss=glove_loss):
        super().__init__()
        self.loss = loss
        self.W = nn.Parameter(torch.empty(vocab_size, embedding_dim).uniform_(-0.5, 0.5) / embedding_dim ** 0.5)
        self.W_tilde = nn.Parameter(torch.empty(vocab_size, embedding_dim).uniform_(-0.5, 0.5) / embedding_dim ** 0.5)
        self.b = nn.Parameter(torch.zeros(vocab_size))
        self.b_tilde = nn.Parameter(torch.zeros(vocab_size))

    def forward(self, X):
        return self.loss(self.W, self.W_tilde, self.b, self.b_tilde, X)

    def word_vectors(self):
        """``(W + W_tilde) / 2``: the two tables play symmetric roles, so their mean is the embedding."""
        return ((self.W + self.W_tilde) / 2).detach()


def train_glove(X, device, embedding_dim=16, iterations=250, learning_rate=0.02, loss=glove_loss):
    """Fit a :class:`GloVe` to the co-occurrence counts ``X`` (array ``(V, V)``) with Adam.

    Each iteration is one step on the whole matrix: the loss is a sum over all co-occurring
    pairs, which a few hundred words keep small, so there are no batches for the course's
    training loop to draw. ``loss`` stands for :func:`glove_loss` (the notebook passes the
    student's). Returns ``(model, losses)``, the loss before each step.
    """
    X = torch.as_tensor(X, dtype=torch.float32, device=device)
    model = GloVe(len(X), embedding_dim, loss).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    losses = []
    for _ in range(iterations):
        optimizer.zero_grad()
        value = model(X)
        value.backward()
        optimizer.step()
        losses.append(value.item())
    return model, losses


# --- sentiment -----------------------------------------------------------------------------------

def embedding_matrix(word_to_vec_map):
    """The pretrained vectors as an embedding table for :class:`SentimentLSTM`: returns
    ``(word_to_index, matrix)``, the words numbered from 1 in the map's order and a float32
    ``(V + 1, d)`` array whose row 0, the padding, is zero."""
    word_to_index = {word: i + 1 for i, word in enumerate(word_to_vec_map)}
    vectors = np.stack(list(word_to_vec_map.values())).astype(np.float32)
    return word_to_index, np.concatenate([np.zeros((1, vectors.shape[1]), np.float32), vectors])


def sentences_to_indices(sentences, word_to_index, max_len):
    """Token ids ``int64`` ``(m, max_len)`` of lower-case split sentences: each row holds its
    sentence's indices, then :data:`PAD` (0) up to ``max_len``. Every word must be in
    ``word_to_index`` (a ``KeyError`` names the first that is not)."""
    indices = np.full((len(sentences), max_len), PAD, dtype=np.int64)
    for row, sentence in enumerate(sentences):
        words = sentence.lower().split()
        indices[row, :len(words)] = [word_to_index[word] for word in words]
    return indices


class SentimentLSTM(nn.Module):
    """Many-to-one sentence classifier: EMBEDDING -> LSTM -> LINEAR on the hidden state of each
    sentence's last word.

    Args:
        vocab_size: rows of the embedding table, padding (row 0) included.
        embedding_dim: size of the word vectors.
        hidden_size: size of the LSTM's hidden state.
        num_classes: number of outputs.
        pretrained: optional ``(vocab_size, embedding_dim)`` array to start the embedding from.
        freeze: keep pretrained vectors fixed during training (default), so that words the
            classifier never saw in training keep their place next to the words it did see.

    The layers are created in the order embedding, LSTM, linear; the embedding's
    ``padding_idx`` is 0.

    Shape:
        - Input: ``(N, T)`` ``int64`` token ids, each row its words first and then padding 0s,
          at least one word per row.
        - Output: ``(N, num_classes)``, the logits (no softmax).

    Example::

        >>> model = SentimentLSTM(vocab_size=20, embedding_dim=8, hidden_size=16, num_classes=2)
        >>> model(torch.tensor([[4, 7, 9, 0], [3, 0, 0, 0]])).shape
        torch.Size([2, 2])
    """

    def __init__(self, vocab_size, embedding_dim, hidden_size, num_classes, pretrained=None, freeze=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=PAD)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)
        self.classifier = nn.Linear(hidden_size, num_classes)
        if pretrained is not None:
            with torch.no_grad():
                self.embedding.weight.copy_(torch.as_tensor(pretrained))
            self.embedding.weight.requires_grad_(not freeze)

    def forward(self, x):
        outputs, _ = self.lstm(self.embedding(x))
        last = (x != PAD).sum(dim=1) - 1
        return self.classifier(outputs[torch.arange(len(x), device=x.device), last])


def sentiment_step(model, x, labels, optimizer, max_norm=1.0):
    """One training step of a sentence classifier, with gradient clipping: zero the gradients,
    cross-entropy of the logits, backpropagate, scale the gradients down to a total norm of at
    most ``max_norm`` (``clip_grad_norm_``; recurrent networks' gradients can explode), update.
    Returns the batch's loss (measured before the step) as a float. The ``step`` contract of
    :func:`dlkit.nets.training.train_classifier`."""
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(x), labels)
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return loss.item()


def average_features(sentences, word_to_vec_map):
    """:func:`dlkit.scratch.embeddings.sentence_to_avg` of every sentence: float32 tensor ``(m, d)``."""
    return torch.as_tensor(np.stack([sentence_to_avg(s, word_to_vec_map) for s in sentences]), dtype=torch.float32)


def train_average_baseline(loader, embedding_dim, num_classes, epochs, learning_rate, device):
    """The averaging baseline: a softmax regression (one linear layer; the softmax is in the
    cross-entropy) on batches ``(average_features, labels)``, trained with the course's loop.
    Returns ``(model, losses)``."""
    model = nn.Linear(embedding_dim, num_classes)
    return model, train_classifier(model, loader, epochs, learning_rate, device)
