"""Plausible wrong implementations of every week-12 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``, ``nn``...).
"""

_COSINE = """def cosine_similarity(u, v):
    {special}
    norm_u = {norm_u}
    norm_v = np.sqrt(np.sum(v * v))
    {zero}
    return {result}
"""
_COSINE_RIGHT = dict(special="pass", norm_u="np.sqrt(np.sum(u * u))",
                     zero="if norm_u == 0 or norm_v == 0:\n        return 0.0",
                     result="np.dot(u, v) / (norm_u * norm_v)")

_ANALOGY = """def complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    {lower}
    e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
    max_cosine_sim = {start}
    best_word = None
    for w in word_to_vec_map:
        if {skip}:
            continue
        cosine_sim = {similarity}
        if {better}:
            max_cosine_sim = cosine_sim
            best_word = w
    return best_word
"""
_ANALOGY_RIGHT = dict(lower="word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()",
                      start="-100", skip="w in [word_a, word_b, word_c]",
                      similarity="cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)",
                      better="cosine_sim > max_cosine_sim")

_NEUTRALIZE = """def neutralize(word, g, word_to_vec_map):
    e = word_to_vec_map[word]
    e_biascomponent = {component}
    return {result}
"""
_NEUTRALIZE_RIGHT = dict(component="np.dot(e, g) / np.sum(g * g) * g", result="e - e_biascomponent")

_EQUALIZE = """def equalize(pair, bias_axis, word_to_vec_map):
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / {axis_norm} * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / {axis_norm} * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / {axis_norm} * bias_axis
    corrected_e_w1B = np.sqrt({under_root}) * ({numerator1}) / {denominator1}
    corrected_e_w2B = np.sqrt({under_root}) * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
    return {result}
"""
_EQUALIZE_RIGHT = dict(axis_norm="np.sum(bias_axis * bias_axis)", under_root="np.abs(1 - np.sum(mu_orth * mu_orth))",
                       numerator1="e_w1B - mu_B", denominator1="np.linalg.norm(e_w1 - mu_orth - mu_B)",
                       result="corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth")

_PAIRS = """def skipgram_pairs(sentence, window_size):
    pairs = []
    for i in range(len(sentence)):
        for j in range(max(0, i - window_size), {stop}):
            if {keep}:
                pairs.append({pair})
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)
"""
_PAIRS_RIGHT = dict(stop="min(len(sentence), i + window_size + 1)", keep="j != i", pair="(sentence[i], sentence[j])")

_NOISE = """def noise_distribution(counts, power=0.75):
    weights = {weights}
    return {result}
"""
_NOISE_RIGHT = dict(weights="np.asarray(counts, dtype=float) ** power", result="weights / np.sum(weights)")

_SAMPLING = """def negative_sampling_loss(center_vectors, context_vectors, negative_vectors):
    positive_scores = torch.sum(center_vectors * context_vectors, dim=1)
    negative_scores = torch.sum(negative_vectors * {against}.unsqueeze(1), dim=2)
    losses = {positive} - {negative}
    return {total}
"""
_SAMPLING_RIGHT = dict(against="center_vectors", positive="-nn.functional.logsigmoid(positive_scores)",
                       negative="nn.functional.logsigmoid(-negative_scores).sum(dim=1)", total="losses.mean()")

_COOCCURRENCE = """def cooccurrence_matrix(sentences, vocab_size, window_size):
    X = np.zeros((vocab_size, vocab_size))
    {sentences}
    for sentence in sentences:
        for i in range(len(sentence)):
            for j in range({start}, min(len(sentence), i + {reach})):
                if {keep}:
                    X[sentence[j], sentence[i]] += {amount}
    return X
"""
_COOCCURRENCE_RIGHT = dict(sentences="pass", start="max(0, i - window_size)", reach="window_size + 1",
                           keep="j != i", amount="1")

_WEIGHT = """def glove_weight(x, x_max=100, alpha=0.75):
    {defaults}
    return {result}
"""
_WEIGHT_RIGHT = dict(defaults="pass", result="(x / x_max).clip(max=1.0) ** alpha")

_GLOVE = """def glove_loss(W, W_tilde, b, b_tilde, X):
    i, j = torch.nonzero({where}, as_tuple=True)
    counts = X[i, j]
    residuals = {product} + b[i] + {context_bias} {log}
    return {total}
"""
_GLOVE_RIGHT = dict(where="X > 0", product="(W[i] * W_tilde[j]).sum(dim=1)", context_bias="b_tilde[j]",
                    log="- torch.log(counts)", total="(glove_weight(counts) * residuals ** 2).sum()")

_AVERAGE = """def sentence_to_avg(sentence, word_to_vec_map):
    any_word = next(iter(word_to_vec_map))
    words = {words}
    avg = np.zeros(word_to_vec_map[any_word].shape)
    count = 0
    for w in words:
        if w in word_to_vec_map:
            avg += word_to_vec_map[w]
            count += 1
    {divide}
    return avg
"""
_AVERAGE_RIGHT = dict(words="sentence.lower().split()", divide="if count > 0:\n        avg = avg / count")

_LSTM = """class SentimentLSTM(nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_size, num_classes, pretrained=None, freeze=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_size{batch_first})
        self.classifier = nn.Linear(hidden_size, num_classes)
        if pretrained is not None:
            self.embedding.weight.data.copy_(torch.as_tensor(pretrained))
            self.embedding.weight.requires_grad_(not freeze)

    def forward(self, x):
        outputs, (h_n, c_n) = self.lstm(self.embedding(x))
        lengths = (x != 0).sum(dim=1)
        last = {last}
        return {output}
"""
_LSTM_RIGHT = dict(batch_first=", batch_first=True", last="outputs[torch.arange(x.shape[0]), lengths - 1]",
                   output="self.classifier(last)")

_STEP = """def sentiment_step(model, x, labels, optimizer, max_norm=1.0):
    {zero}
    loss = nn.functional.cross_entropy(model(x), labels)
    loss.backward()
    {update}
    return loss.item()
"""
_STEP_RIGHT = dict(zero="optimizer.zero_grad()",
                   update="torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)\n    optimizer.step()")


def _variant(template, right, **changes):
    return template.format(**{**right, **changes})


MUTANTS = {
    "week12_cosine_similarity_code": [
        ("norms not square-rooted", _variant(_COSINE, _COSINE_RIGHT, norm_u="np.sum(u * u)")),
        ("divides by ||u|| twice", _variant(_COSINE, _COSINE_RIGHT, result="np.dot(u, v) / (norm_u * norm_u)")),
        ("the distance ||u - v||, not the similarity", _variant(_COSINE, _COSINE_RIGHT, result="np.linalg.norm(u - v)")),
        ("NaN for a zero vector", _variant(_COSINE, _COSINE_RIGHT, zero="pass")),
        ("1 for equal vectors, NaN for a zero vector", _variant(
            _COSINE, _COSINE_RIGHT, special="if np.all(u == v):\n        return 1.0", zero="pass")),
    ],
    "week12_complete_analogy_code": [
        ("the three input words are not excluded", _variant(_ANALOGY, _ANALOGY_RIGHT, skip="False")),
        ("the words are not lower-cased", _variant(_ANALOGY, _ANALOGY_RIGHT, lower="pass")),
        ("the best similarity starts at 0", _variant(_ANALOGY, _ANALOGY_RIGHT, start="0")),
        ("cos(e_w, e_b - e_a + e_c), not the formula asked for", _variant(
            _ANALOGY, _ANALOGY_RIGHT, similarity="cosine_similarity(word_to_vec_map[w], e_b - e_a + e_c)")),
        ("the offset reversed, e_a - e_b", _variant(
            _ANALOGY, _ANALOGY_RIGHT, similarity="cosine_similarity(e_a - e_b, word_to_vec_map[w] - e_c)")),
        ("the least similar word", _variant(_ANALOGY, _ANALOGY_RIGHT, start="100", better="cosine_sim < max_cosine_sim")),
    ],
    "week12_neutralize_code": [
        ("divides by ||g||, not ||g||^2", _variant(_NEUTRALIZE, _NEUTRALIZE_RIGHT, component="np.dot(e, g) / np.linalg.norm(g) * g")),
        ("adds the bias component", _variant(_NEUTRALIZE, _NEUTRALIZE_RIGHT, result="e + e_biascomponent")),
        ("returns the bias component", _variant(_NEUTRALIZE, _NEUTRALIZE_RIGHT, result="e_biascomponent")),
        ("projects g on e", _variant(_NEUTRALIZE, _NEUTRALIZE_RIGHT, component="np.dot(e, g) / np.sum(e * e) * e")),
    ],
    "week12_equalize_code": [
        ("no absolute value under the root (NaN when ||mu_orth|| > 1)", _variant(
            _EQUALIZE, _EQUALIZE_RIGHT, under_root="1 - np.sum(mu_orth * mu_orth)")),
        ("divides the projections by ||g||, not ||g||^2", _variant(_EQUALIZE, _EQUALIZE_RIGHT, axis_norm="np.linalg.norm(bias_axis)")),
        ("the whole e_w1, not its projection, in the numerator", _variant(_EQUALIZE, _EQUALIZE_RIGHT, numerator1="e_w1 - mu_B")),
        ("the paper's denominator ||e_w1B - mu_B||, not the formula asked for", _variant(
            _EQUALIZE, _EQUALIZE_RIGHT, denominator1="np.linalg.norm(e_w1B - mu_B)")),
        ("mu_orth not added back", _variant(_EQUALIZE, _EQUALIZE_RIGHT, result="corrected_e_w1B, corrected_e_w2B")),
    ],
    "week12_skipgram_pairs_code": [
        ("a window one word short on the right", _variant(_PAIRS, _PAIRS_RIGHT, stop="min(len(sentence), i + window_size)")),
        ("the center is its own context", _variant(_PAIRS, _PAIRS_RIGHT, keep="True")),
        ("(context, center) rows", _variant(_PAIRS, _PAIRS_RIGHT, pair="(sentence[j], sentence[i])")),
        ("only the words after the center", _variant(_PAIRS, _PAIRS_RIGHT, keep="j > i")),
        ("ordered by offset, then by center", """def skipgram_pairs(sentence, window_size):
    pairs = []
    for offset in range(-window_size, window_size + 1):
        for i in range(len(sentence)):
            if offset != 0 and 0 <= i + offset < len(sentence):
                pairs.append((sentence[i], sentence[i + offset]))
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)
"""),
    ],
    "week12_noise_distribution_code": [
        ("no power: the unigram distribution", _variant(_NOISE, _NOISE_RIGHT, weights="np.asarray(counts, dtype=float)")),
        ("frequencies raised to the power, not normalised again", _variant(
            _NOISE, _NOISE_RIGHT, weights="np.asarray(counts, dtype=float) / np.sum(counts)", result="weights ** power")),
        ("the power fixed at 0.75", _variant(_NOISE, _NOISE_RIGHT, weights="np.asarray(counts, dtype=float) ** 0.75")),
        ("divides by the power of the sum", _variant(_NOISE, _NOISE_RIGHT, result="weights / np.sum(counts) ** power")),
    ],
    "week12_negative_sampling_loss_code": [
        ("the sum over the batch, not the mean", _variant(_SAMPLING, _SAMPLING_RIGHT, total="losses.sum()")),
        ("the negatives' scores not negated", _variant(
            _SAMPLING, _SAMPLING_RIGHT, negative="nn.functional.logsigmoid(negative_scores).sum(dim=1)")),
        ("log(sigmoid(.)): infinite for large scores", _variant(
            _SAMPLING, _SAMPLING_RIGHT, positive="-torch.log(torch.sigmoid(positive_scores))",
            negative="torch.log(torch.sigmoid(-negative_scores)).sum(dim=1)")),
        ("the mean over the negatives, not the sum", _variant(
            _SAMPLING, _SAMPLING_RIGHT, negative="nn.functional.logsigmoid(-negative_scores).mean(dim=1)")),
        ("negatives scored against the context word", _variant(_SAMPLING, _SAMPLING_RIGHT, against="context_vectors")),
        ("returns a float (no gradient)", _variant(_SAMPLING, _SAMPLING_RIGHT, total="losses.mean().item()")),
    ],
    "week12_cooccurrence_matrix_code": [
        ("only the words after each word", _variant(_COOCCURRENCE, _COOCCURRENCE_RIGHT, start="i")),
        ("windows across sentence boundaries", _variant(
            _COOCCURRENCE, _COOCCURRENCE_RIGHT, sentences="sentences = [[w for s in sentences for w in s]]")),
        ("weighted by 1 / distance", _variant(_COOCCURRENCE, _COOCCURRENCE_RIGHT, amount="1 / abs(i - j)")),
        ("a word next to a copy of itself not counted", _variant(
            _COOCCURRENCE, _COOCCURRENCE_RIGHT, keep="sentence[j] != sentence[i]")),
        ("a window one word short", _variant(_COOCCURRENCE, _COOCCURRENCE_RIGHT, reach="window_size")),
    ],
    "week12_glove_weight_code": [
        ("no cap at x_max", _variant(_WEIGHT, _WEIGHT_RIGHT, result="(x / x_max) ** alpha")),
        ("alpha ignored", _variant(_WEIGHT, _WEIGHT_RIGHT, result="(x / x_max).clip(max=1.0)")),
        ("the power of x alone", _variant(_WEIGHT, _WEIGHT_RIGHT, result="(x ** alpha / x_max).clip(max=1.0)")),
        ("x_max and alpha fixed at their defaults", _variant(
            _WEIGHT, _WEIGHT_RIGHT, defaults="x_max, alpha = 100, 0.75")),
    ],
    "week12_glove_loss_code": [
        ("every pair, X_ij = 0 included (NaN)", _variant(_GLOVE, _GLOVE_RIGHT, where="X >= 0")),
        ("masked with torch.where after the log (NaN gradients)", """def glove_loss(W, W_tilde, b, b_tilde, X):
    residuals = W @ W_tilde.T + b[:, None] + b_tilde[None, :] - torch.log(X)
    terms = glove_weight(X) * residuals ** 2
    return torch.where(X > 0, terms, torch.zeros_like(terms)).sum()
"""),
        ("the mean over the pairs, not the sum", _variant(_GLOVE, _GLOVE_RIGHT, total="(glove_weight(counts) * residuals ** 2).mean()")),
        ("+ log X_ij", _variant(_GLOVE, _GLOVE_RIGHT, log="+ torch.log(counts)")),
        ("the context bias of word i", _variant(_GLOVE, _GLOVE_RIGHT, context_bias="b_tilde[i]")),
        ("no weighting", _variant(_GLOVE, _GLOVE_RIGHT, total="(residuals ** 2).sum()")),
        ("w_j . w~_i", _variant(_GLOVE, _GLOVE_RIGHT, product="(W[j] * W_tilde[i]).sum(dim=1)")),
    ],
    "week12_sentence_to_avg_code": [
        ("divides by every word, unknown ones included", _variant(
            _AVERAGE, _AVERAGE_RIGHT, divide="if count > 0:\n        avg = avg / len(words)")),
        ("not lower-cased", _variant(_AVERAGE, _AVERAGE_RIGHT, words="sentence.split()")),
        ("the sum, not the mean", _variant(_AVERAGE, _AVERAGE_RIGHT, divide="pass")),
        ("each word once, however often it occurs", _variant(_AVERAGE, _AVERAGE_RIGHT, words="set(sentence.lower().split())")),
        ("NaN for a sentence without a known word", _variant(_AVERAGE, _AVERAGE_RIGHT, divide="avg = avg / count")),
    ],
    "week12_SentimentLSTM_code": [
        ("the last time step, padding included", _variant(_LSTM, _LSTM_RIGHT, last="outputs[:, -1]")),
        ("the final state h_n, padding included", _variant(_LSTM, _LSTM_RIGHT, last="h_n[-1]")),
        ("the cell state c_n", _variant(_LSTM, _LSTM_RIGHT, last="c_n[-1]")),
        ("batch_first missing", _variant(_LSTM, _LSTM_RIGHT, batch_first="")),
        ("the mean over time steps", _variant(_LSTM, _LSTM_RIGHT, last="outputs.mean(dim=1)")),
        ("a softmax at the end", _variant(_LSTM, _LSTM_RIGHT, output="torch.softmax(self.classifier(last), dim=1)")),
    ],
    "week12_sentiment_step_code": [
        ("gradients never cleared", _variant(_STEP, _STEP_RIGHT, zero="pass")),
        ("no clipping", _variant(_STEP, _STEP_RIGHT, update="optimizer.step()")),
        ("clips after the step", _variant(
            _STEP, _STEP_RIGHT, update="optimizer.step()\n    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)")),
        ("clips each value, not the norm", _variant(
            _STEP, _STEP_RIGHT, update="torch.nn.utils.clip_grad_value_(model.parameters(), max_norm)\n    optimizer.step()")),
    ],
}
