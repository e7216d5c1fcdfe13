"""Plausible wrong implementations of every week-13 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``, ``nn``,
``Counter``...).
"""

_ATTENTION = """def one_step_attention(a, s_prev, densor1, densor2):
    s_repeated = {repeat}
    concat = {concat}
    energies = {energies}
    alphas = {alphas}
    context = {context}
    return context, alphas.squeeze(-1)
"""
_ATTENTION_RIGHT = dict(repeat="s_prev.unsqueeze(1).expand(-1, a.shape[1], -1)", concat="torch.cat([a, s_repeated], dim=-1)",
                        energies="densor2(torch.tanh(densor1(concat)))", alphas="torch.softmax(energies, dim=1)",
                        context="torch.sum(alphas * a, dim=1)")

_SEQ2SEQ = """class AttentionSeq2Seq(nn.Module):
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
        a, _ = self.encoder(self.source_embedding(x))
        zeros = a.new_zeros(len(x), self.n_s)
        return a, (zeros, zeros)

    def decode_step(self, a, y_prev, state):
        s, c = state
        context, alphas = one_step_attention(a, {query}, self.densor1, self.densor2)
        s, c = self.post_attention_lstm({cell_input}, {cell_state})
        return self.output_layer(s), (s, c), alphas

    def forward(self, x, y_in):
        a, state = self.encode(x)
        logits = []
        for t in range(y_in.shape[1]):
            step_logits, state, _ = self.decode_step(a, {previous}, state)
            logits.append(step_logits)
        return torch.stack(logits, dim={stack_dim})
"""
_SEQ2SEQ_RIGHT = dict(query="s", cell_input="torch.cat([context, self.target_embedding(y_prev)], dim=-1)",
                      cell_state="(s, c)", previous="y_in[:, t]", stack_dim="1")

_GREEDY = """def greedy_decode(step, state, start_id, end_id, max_length):
    tokens, token = [], start_id
    for _ in range({steps}):
        log_probs, state = step({fed}, state)
        token = int({choose})
        tokens.append(token)
        if {stop}:
            break
    return tokens
"""
_GREEDY_RIGHT = dict(steps="max_length", fed="token", choose="np.argmax(log_probs)", stop="token == end_id")

_SCORE = """def length_normalized_score(log_probs, alpha=0.7):
    log_probs = np.asarray(log_probs, dtype=float)
    return float({score})
"""
_SCORE_RIGHT = dict(score="np.sum(log_probs) / len(log_probs) ** alpha")

_BEAM = """def beam_search(step, state, start_id, end_id, beam_width, max_length, alpha=0.7):
    live = [([], [], start_id, state)]
    finished = []
    while live:
        candidates = []
        for tokens, log_probs, last, hypothesis_state in live:
            next_log_probs, next_state = step(last, hypothesis_state)
            for token, log_prob in enumerate(next_log_probs):
                candidates.append((tokens + [token], log_probs + [log_prob], token, next_state))
        candidates.sort(key=lambda candidate: {rank})
        live = []
        for candidate in candidates[:beam_width]:
            done = candidate[2] == end_id or len(candidate[0]) == {limit}
            (finished if done else live).append(candidate)
    best = max(finished, key=lambda candidate: {final})
    return best[0], length_normalized_score(best[1], alpha)
"""
_BEAM_RIGHT = dict(rank="-sum(candidate[1])", limit="max_length", final="length_normalized_score(candidate[1], alpha)")

_PRECISION = """def modified_precision(candidate, references, n):
    counts = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1))
    if not counts:
        return 0.0
    clipped = 0
    for ngram, count in counts.items():
        max_ref_count = {most}(sum(tuple(ref[i:i + n]) == ngram for i in range(len(ref) - n + 1)) for ref in references)
        clipped += {clip}
    return clipped / {total}
"""
_PRECISION_RIGHT = dict(most="max", clip="min(count, max_ref_count)", total="sum(counts.values())")

_BREVITY = """def brevity_penalty(candidate, references):
    c = len(candidate)
    r = {closest}
    if c > r:
        return 1.0
    return {penalty}
"""
_BREVITY_RIGHT = dict(closest="min((len(ref) for ref in references), key=lambda length: (abs(length - c), length))",
                      penalty="np.exp(1 - r / c) if c > 0 else 0.0")

_BLEU = """def bleu(candidate, references, max_n=4):
    precisions = [modified_precision(candidate, references, n) for n in range(1, {top})]
    if min(precisions) == 0:
        return 0.0
    return {combined}
"""
_BLEU_RIGHT = dict(top="max_n + 1", combined="brevity_penalty(candidate, references) * np.exp(np.mean(np.log(precisions)))")


def _variant(template, right, **changes):
    return template.format(**{**right, **changes})


MUTANTS = {
    "week13_one_step_attention_code": [
        ("softmax over the features, not the source positions", _variant(
            _ATTENTION, _ATTENTION_RIGHT, alphas="torch.softmax(energies, dim=-1)")),
        ("[s; a] instead of [a; s]", _variant(_ATTENTION, _ATTENTION_RIGHT, concat="torch.cat([s_repeated, a], dim=-1)")),
        ("a ReLU on the energies (the classic assignment's, not asked for here)", _variant(
            _ATTENTION, _ATTENTION_RIGHT, energies="torch.relu(densor2(torch.tanh(densor1(concat))))")),
        ("the mean, not the sum, of the weighted states", _variant(
            _ATTENTION, _ATTENTION_RIGHT, context="torch.mean(alphas * a, dim=1)")),
        ("the decoder state detached", _variant(
            _ATTENTION, _ATTENTION_RIGHT, repeat="s_prev.detach().unsqueeze(1).expand(-1, a.shape[1], -1)")),
    ],
    "week13_AttentionSeq2Seq_code": [
        ("[embedding; context] instead of [context; embedding]", _variant(
            _SEQ2SEQ, _SEQ2SEQ_RIGHT, cell_input="torch.cat([self.target_embedding(y_prev), context], dim=-1)")),
        ("the memory cell not carried from step to step", _variant(
            _SEQ2SEQ, _SEQ2SEQ_RIGHT, cell_state="(s, torch.zeros_like(c))")),
        ("the first input token fed at every step", _variant(_SEQ2SEQ, _SEQ2SEQ_RIGHT, previous="y_in[:, 0]")),
        ("attention that ignores the decoder's state", _variant(_SEQ2SEQ, _SEQ2SEQ_RIGHT, query="torch.zeros_like(s)")),
        ("steps stacked first: (Ty, N, V)", _variant(_SEQ2SEQ, _SEQ2SEQ_RIGHT, stack_dim="0")),
    ],
    "week13_greedy_decode_code": [
        ("the start token fed at every step", _variant(_GREEDY, _GREEDY_RIGHT, fed="start_id")),
        ("the least likely token", _variant(_GREEDY, _GREEDY_RIGHT, choose="np.argmin(log_probs)")),
        ("never stops at the end token", _variant(_GREEDY, _GREEDY_RIGHT, stop="False")),
        ("one token too many", _variant(_GREEDY, _GREEDY_RIGHT, steps="max_length + 1")),
    ],
    "week13_length_normalized_score_code": [
        ("alpha ignored: the mean log-probability", _variant(_SCORE, _SCORE_RIGHT, score="np.mean(log_probs)")),
        ("not normalised", _variant(_SCORE, _SCORE_RIGHT, score="np.sum(log_probs)")),
        ("multiplied by T^alpha", _variant(_SCORE, _SCORE_RIGHT, score="np.sum(log_probs) * len(log_probs) ** alpha")),
        ("divided by T^(1/alpha)", _variant(_SCORE, _SCORE_RIGHT, score="np.sum(log_probs) / len(log_probs) ** (1 / alpha)")),
    ],
    "week13_beam_search_code": [
        ("the finished sequences ranked without length normalisation", _variant(
            _BEAM, _BEAM_RIGHT, final="sum(candidate[1])")),
        ("the beam pruned by the last token's log-probability", _variant(_BEAM, _BEAM_RIGHT, rank="-candidate[1][-1]")),
        ("the beam keeps the least likely hypotheses", _variant(_BEAM, _BEAM_RIGHT, rank="sum(candidate[1])")),
        ("hypotheses run one token past max_length", _variant(_BEAM, _BEAM_RIGHT, limit="max_length + 1")),
    ],
    "week13_modified_precision_code": [
        ("counts not clipped", _variant(_PRECISION, _PRECISION_RIGHT, clip="count")),
        ("clipped by the sum over the references, not the most in one", _variant(_PRECISION, _PRECISION_RIGHT, most="sum")),
        ("distinct n-grams counted once", _variant(_PRECISION, _PRECISION_RIGHT, clip="min(1, max_ref_count)")),
        ("divided by the candidate's length, not its number of n-grams", _variant(
            _PRECISION, _PRECISION_RIGHT, total="len(candidate)")),
    ],
    "week13_brevity_penalty_code": [
        ("the notes' exp(1 - c/r)", _variant(_BREVITY, _BREVITY_RIGHT, penalty="np.exp(1 - c / r) if c > 0 else 0.0")),
        ("the shortest reference, not the closest", _variant(
            _BREVITY, _BREVITY_RIGHT, closest="min(len(ref) for ref in references)")),
        ("a tie goes to the longer reference", _variant(
            _BREVITY, _BREVITY_RIGHT, closest="min((len(ref) for ref in references), key=lambda length: (abs(length - c), -length))")),
        ("the mean reference length", _variant(_BREVITY, _BREVITY_RIGHT, closest="np.mean([len(ref) for ref in references])")),
    ],
    "week13_bleu_code": [
        ("the notes' exp(mean p_n)", _variant(
            _BLEU, _BLEU_RIGHT, combined="brevity_penalty(candidate, references) * np.exp(np.mean(precisions))")),
        ("no brevity penalty", _variant(_BLEU, _BLEU_RIGHT, combined="np.exp(np.mean(np.log(precisions)))")),
        ("the arithmetic mean of the precisions", _variant(
            _BLEU, _BLEU_RIGHT, combined="brevity_penalty(candidate, references) * np.mean(precisions)")),
        ("n-grams up to max_n - 1", _variant(_BLEU, _BLEU_RIGHT, top="max_n")),
    ],
}
