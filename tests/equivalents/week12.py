"""Correct implementations of every week-12 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``, ``nn``...). The
checks must accept every one.
"""

EQUIVALENTS = {
    "week12_cosine_similarity_code": [
        ("np.linalg.norm, np.any for the zero vector", """def cosine_similarity(u, v):
    if not np.any(u) or not np.any(v):
        return 0.0
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
"""),
        ("@ and one square root", """def cosine_similarity(u, v):
    squares = (u @ u) * (v @ v)
    return (u @ v) / np.sqrt(squares) if squares > 0 else 0.0
"""),
    ],
    "week12_complete_analogy_code": [
        ("max over the candidates with a key", """def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    a, b, c = (word.lower() for word in (word_a, word_b, word_c))
    offset = word_to_vec_map[b] - word_to_vec_map[a]
    candidates = [w for w in word_to_vec_map if w not in {a, b, c}]
    return max(candidates, key=lambda w: cosine_similarity(offset, word_to_vec_map[w] - word_to_vec_map[c]))
"""),
        ("all similarities, then np.argmax", """def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    inputs = [word_a.lower(), word_b.lower(), word_c.lower()]
    e_a, e_b, e_c = (word_to_vec_map[w] for w in inputs)
    words = [w for w in word_to_vec_map.keys() if w not in inputs]
    similarities = np.array([cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c) for w in words])
    return words[int(np.argmax(similarities))]
"""),
    ],
    "week12_neutralize_code": [
        ("the unit bias vector", """def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    unit = g / np.linalg.norm(g)
    return e - (e @ unit) * unit
"""),
        ("a projection matrix", """def neutralize(word, g, word_to_vec_map):
    projection = np.outer(g, g) / (g @ g)
    return (np.eye(len(g)) - projection) @ word_to_vec_map[word]
"""),
    ],
    "week12_equalize_code": [
        ("the unit axis; e2's correction as minus e1's", """def equalize(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = word_to_vec_map[pair[0]], word_to_vec_map[pair[1]]
    unit = bias_axis / np.linalg.norm(bias_axis)
    mu = (e_w1 + e_w2) / 2
    mu_B = (mu @ unit) * unit
    mu_orth = mu - mu_B
    corrected = np.sqrt(abs(1 - mu_orth @ mu_orth)) * ((e_w1 @ unit) * unit - mu_B) / np.linalg.norm(e_w1 - mu)
    return mu_orth + corrected, mu_orth - corrected
"""),
        ("a helper for the projection, a loop over the pair", """def equalize(pair, bias_axis, word_to_vec_map):
    def project(x):
        return np.dot(x, bias_axis) / np.dot(bias_axis, bias_axis) * bias_axis

    vectors = [word_to_vec_map[w] for w in pair]
    mu = np.mean(vectors, axis=0)
    mu_B = project(mu)
    mu_orth = mu - mu_B
    scale = np.sqrt(np.abs(1 - np.linalg.norm(mu_orth) ** 2))
    e1, e2 = (scale * (project(e) - mu_B) / np.linalg.norm((e - mu_orth) - mu_B) + mu_orth for e in vectors)
    return e1, e2
"""),
    ],
    "week12_skipgram_pairs_code": [
        ("enumerate and a bounds check", """def skipgram_pairs(sentence, window_size):
    pairs = []
    for i, center in enumerate(sentence):
        for j in range(i - window_size, i + window_size + 1):
            if 0 <= j < len(sentence) and j != i:
                pairs.append([center, sentence[j]])
    return np.array(pairs).astype(np.int64)
"""),
        ("positions from NumPy, then sorted", """def skipgram_pairs(sentence, window_size):
    ids = np.asarray(sentence)
    positions = np.arange(len(ids))
    i, j = np.meshgrid(positions, positions, indexing="ij")
    near = (np.abs(i - j) <= window_size) & (i != j)
    return np.stack([ids[i[near]], ids[j[near]]], axis=1).astype(np.int64)
"""),
    ],
    "week12_noise_distribution_code": [
        ("frequencies first", """def noise_distribution(counts, power=0.75):
    frequencies = np.array(counts) / np.sum(counts)
    weights = frequencies ** power
    return weights / weights.sum()
"""),
        ("np.float_power", """def noise_distribution(counts, power=0.75):
    weights = np.float_power(counts, power)
    return weights / np.sum(weights)
"""),
    ],
    "week12_negative_sampling_loss_code": [
        ("softplus, einsum", """def negative_sampling_loss(center_vectors, context_vectors, negative_vectors):
    positive = torch.einsum("bd,bd->b", center_vectors, context_vectors)
    negative = torch.einsum("bkd,bd->bk", negative_vectors, center_vectors)
    return (nn.functional.softplus(-positive) + nn.functional.softplus(negative).sum(dim=1)).mean()
"""),
        ("binary cross-entropy with logits, labels 1 and 0", """def negative_sampling_loss(center_vectors, context_vectors, negative_vectors):
    scores = torch.cat([context_vectors.unsqueeze(1), negative_vectors], dim=1) @ center_vectors.unsqueeze(2)
    scores = scores.squeeze(2)
    labels = torch.zeros_like(scores)
    labels[:, 0] = 1.0
    total = nn.functional.binary_cross_entropy_with_logits(scores, labels, reduction="sum")
    return total / center_vectors.shape[0]
"""),
    ],
    "week12_cooccurrence_matrix_code": [
        ("one offset at a time, np.add.at both ways", """def cooccurrence_matrix(sentences, vocab_size, window_size):
    X = np.zeros((vocab_size, vocab_size))
    for sentence in sentences:
        ids = np.asarray(sentence, dtype=int)
        for offset in range(1, window_size + 1):
            np.add.at(X, (ids[:-offset], ids[offset:]), 1)
            np.add.at(X, (ids[offset:], ids[:-offset]), 1)
    return X
"""),
        ("from skipgram_pairs, counting rows", """def cooccurrence_matrix(sentences, vocab_size, window_size):
    X = np.zeros((vocab_size, vocab_size), dtype=float)
    for sentence in sentences:
        for center, context in skipgram_pairs(sentence, window_size):
            X[context, center] = X[context, center] + 1.0
    return X
"""),
    ],
    "week12_glove_weight_code": [
        ("a mask times the power, plus the mask's complement", """def glove_weight(x, x_max=100, alpha=0.75):
    ratio = x / x_max
    return ratio ** alpha * (ratio < 1) + (ratio >= 1)
"""),
        ("power, then ones written where x >= x_max", """def glove_weight(x, x_max=100, alpha=0.75):
    weights = (x / x_max) ** alpha
    weights[x >= x_max] = 1.0
    return weights
"""),
        ("np.minimum (torch tensors pass through NumPy's functions)", """def glove_weight(x, x_max=100, alpha=0.75):
    return np.minimum(x / x_max, 1.0) ** alpha
"""),
    ],
    "week12_glove_loss_code": [
        ("dense, with log 1 = 0 where X_ij = 0", """def glove_loss(W, W_tilde, b, b_tilde, X):
    log_X = torch.log(torch.where(X > 0, X, torch.ones_like(X)))
    residuals = W @ W_tilde.T + b.unsqueeze(1) + b_tilde.unsqueeze(0) - log_X
    return torch.sum(glove_weight(X) * residuals ** 2)
"""),
        ("a loop over the co-occurring pairs", """def glove_loss(W, W_tilde, b, b_tilde, X):
    total = torch.zeros(())
    for i, j in torch.nonzero(X).tolist():
        residual = W[i] @ W_tilde[j] + b[i] + b_tilde[j] - torch.log(X[i, j])
        total = total + glove_weight(X[i, j]) * residual ** 2
    return total
"""),
    ],
    "week12_sentence_to_avg_code": [
        ("np.mean of the known vectors", """def sentence_to_avg(sentence, word_to_vec_map):
    vectors = [word_to_vec_map[w] for w in sentence.lower().split() if w in word_to_vec_map]
    if len(vectors) == 0:
        return np.zeros_like(list(word_to_vec_map.values())[0])
    return np.mean(vectors, axis=0)
"""),
        ("a sum and a count", """def sentence_to_avg(sentence, word_to_vec_map):
    dim = len(next(iter(word_to_vec_map.values())))
    total, count = np.zeros(dim), 0
    for word in sentence.split():
        vector = word_to_vec_map.get(word.lower())
        if vector is not None:
            total, count = total + vector, count + 1
    return total / max(count, 1)
"""),
    ],
    "week12_SentimentLSTM_code": [
        ("packed sequences and h_n", """class SentimentLSTM(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_classes, pretrained=None, freeze=True):
        super().__init__()
        if pretrained is None:
            self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        else:
            self.embedding = nn.Embedding.from_pretrained(torch.as_tensor(pretrained), freeze=freeze, padding_idx=0)
        self.lstm = nn.LSTM(input_size=embedding_dim, hidden_size=hidden_size, num_layers=1, batch_first=True)
        self.classifier = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        lengths = (x != 0).sum(dim=1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(self.embedding(x), lengths, batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        return self.classifier(h_n[-1])
"""),
        ("gather at the last word", """class SentimentLSTM(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_classes, pretrained=None, freeze=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)
        self.classifier = nn.Linear(hidden_size, num_classes)
        if pretrained is not None:
            with torch.no_grad():
                self.embedding.weight[:] = torch.as_tensor(pretrained)
            self.embedding.weight.requires_grad = not freeze

    def forward(self, x):
        outputs, _ = self.lstm(self.embedding(x))
        last = (x > 0).long().sum(dim=1, keepdim=True) - 1
        index = last.unsqueeze(2).expand(-1, 1, outputs.shape[2])
        return self.classifier(outputs.gather(1, index).squeeze(1))
"""),
    ],
    "week12_sentiment_step_code": [
        ("clipping written out", """def sentiment_step(model, x, labels, optimizer, max_norm=1.0):
    optimizer.zero_grad()
    loss = nn.CrossEntropyLoss()(model(x), labels)
    loss.backward()
    gradients = [p.grad for p in model.parameters() if p.grad is not None]
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in gradients))
    if total_norm > max_norm:
        for g in gradients:
            g.mul_(max_norm / (total_norm + 1e-6))
    optimizer.step()
    return float(loss.detach())
"""),
        ("model.zero_grad, keyword arguments", """def sentiment_step(model, x, labels, optimizer, max_norm=1.0):
    model.zero_grad(set_to_none=True)
    logits = model(x)
    loss = nn.functional.cross_entropy(input=logits, target=labels)
    loss.backward()
    nn.utils.clip_grad_norm_(parameters=model.parameters(), max_norm=max_norm)
    optimizer.step()
    return loss.detach().item()
"""),
    ],
}
