"""Correct implementations of every week-13 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``, ``nn``,
``Counter``...). The checks must accept every one.
"""
from mutants.week13 import _SEQ2SEQ

# The class head students are given (its layer order is what the checks rely on), as the mutants have it.
GIVEN_INIT = _SEQ2SEQ[:_SEQ2SEQ.index("\n    def encode")] + "\n"

EQUIVALENTS = {
    "week13_one_step_attention_code": [
        ("repeat, an explicit softmax and bmm", """def one_step_attention(a, s_prev, densor1, densor2):
    s_repeated = s_prev[:, None, :].repeat(1, a.shape[1], 1)
    energies = densor2(torch.tanh(densor1(torch.cat((a, s_repeated), dim=2))))
    weights = torch.exp(energies - energies.max(dim=1, keepdim=True).values)
    alphas = weights / weights.sum(dim=1, keepdim=True)
    context = torch.bmm(alphas.transpose(1, 2), a).squeeze(1)
    return context, alphas[:, :, 0]
"""),
        ("densor1's weights split between a and s, einsum", """def one_step_attention(a, s_prev, densor1, densor2):
    n = a.shape[-1]
    W = densor1.weight
    hidden = torch.tanh(a @ W[:, :n].T + (s_prev @ W[:, n:].T)[:, None, :] + densor1.bias)
    alphas = torch.softmax(densor2(hidden).squeeze(-1), dim=-1)
    return torch.einsum("nt,ntd->nd", alphas, a), alphas
"""),
    ],
    "week13_AttentionSeq2Seq_code": [
        ("the decoder loop inside forward, into a preallocated tensor", GIVEN_INIT + """
    def encode(self, x):
        embedded = self.source_embedding(x)
        a = self.encoder(embedded)[0]
        s = torch.zeros(x.shape[0], self.n_s, dtype=a.dtype, device=a.device)
        return a, (s, s.clone())

    def decode_step(self, a, y_prev, state):
        context, alphas = one_step_attention(a, state[0], self.densor1, self.densor2)
        inputs = torch.hstack([context, self.target_embedding(y_prev)])
        new_state = self.post_attention_lstm(inputs, state)
        return self.output_layer(new_state[0]), new_state, alphas

    def forward(self, x, y_in):
        a, (s, c) = self.encode(x)
        N, Ty = y_in.shape
        logits = a.new_zeros(N, Ty, self.output_layer.out_features)
        for t in range(Ty):
            context, _ = one_step_attention(a, s, self.densor1, self.densor2)
            s, c = self.post_attention_lstm(torch.cat([context, self.target_embedding(y_in[:, t])], dim=1), (s, c))
            logits[:, t] = self.output_layer(s)
        return logits
"""),
        ("unbind over time, all steps' states through one output layer", GIVEN_INIT + """
    def encode(self, x):
        a, _ = self.encoder(self.source_embedding(x))
        return a, (a.new_zeros(len(x), self.n_s), a.new_zeros(len(x), self.n_s))

    def decode_step(self, a, y_prev, state):
        s, c = state
        context, alphas = one_step_attention(a, s, self.densor1, self.densor2)
        s, c = self.post_attention_lstm(torch.cat([context, self.target_embedding(y_prev)], dim=-1), (s, c))
        return self.output_layer(s), (s, c), alphas

    def forward(self, x, y_in):
        a, (s, c) = self.encode(x)
        states = []
        for previous in y_in.unbind(dim=1):
            context, _ = one_step_attention(a, s, self.densor1, self.densor2)
            s, c = self.post_attention_lstm(torch.cat([context, self.target_embedding(previous)], dim=-1), (s, c))
            states.append(s)
        return self.output_layer(torch.stack(states, dim=1))
"""),
    ],
    "week13_greedy_decode_code": [
        ("a while loop on the length", """def greedy_decode(step, state, start_id, end_id, max_length):
    output = []
    while len(output) < max_length and (not output or output[-1] != end_id):
        log_probs, state = step(output[-1] if output else start_id, state)
        output.append(int(np.argmax(log_probs)))
    return output
"""),
        ("max over the token ids, probabilities instead of log-probabilities", """def greedy_decode(step, state, start_id, end_id, max_length):
    tokens = []
    previous = start_id
    for t in range(max_length):
        log_probs, state = step(previous, state)
        probabilities = np.exp(log_probs)
        previous = max(range(len(probabilities)), key=lambda v: probabilities[v])
        tokens.append(previous)
        if previous == end_id:
            return tokens
    return tokens
"""),
    ],
    "week13_length_normalized_score_code": [
        ("np.power", """def length_normalized_score(log_probs, alpha=0.7):
    return float(sum(log_probs) / np.power(len(log_probs), alpha))
"""),
        ("the mean times T^(1 - alpha)", """def length_normalized_score(log_probs, alpha=0.7):
    T = len(log_probs)
    return float(np.mean(log_probs) * T ** (1 - alpha))
"""),
    ],
    "week13_beam_search_code": [
        ("NumPy: a (hypotheses, V) score matrix and a stable argsort", """def beam_search(step, state, start_id, end_id, beam_width, max_length, alpha=0.7):
    beams = [(start_id, state, [], 0.0, [])]  # last token, state, tokens, total, token log-probs
    finished = []
    for length in range(1, max_length + 1):
        if not beams:
            break
        expanded = [step(last, st) for last, st, _, _, _ in beams]
        totals = np.array([[b[3] + lp for lp in out[0]] for b, out in zip(beams, expanded)])
        V = totals.shape[1]
        order = np.argsort(-totals.ravel(), kind="stable")[:beam_width]
        beams_next = []
        for flat in order:
            h, token = divmod(int(flat), V)
            last, st, tokens, total, lps = beams[h]
            new = (token, expanded[h][1], tokens + [token], totals[h, token], lps + [float(expanded[h][0][token])])
            if token == end_id or length == max_length:
                finished.append(new)
            else:
                beams_next.append(new)
        beams = beams_next
    scores = [length_normalized_score(f[4], alpha) for f in finished]
    best = int(np.argmax(scores))
    return finished[best][2], scores[best]
"""),
        ("heapq.nlargest, a dict per hypothesis", """def beam_search(step, state, start_id, end_id, beam_width, max_length, alpha=0.7):
    import heapq
    live = [{"tokens": [], "log_probs": [], "state": state}]
    done = []
    while live:
        options = []
        for hypothesis in live:
            last = hypothesis["tokens"][-1] if hypothesis["tokens"] else start_id
            log_probs, new_state = step(last, hypothesis["state"])
            for v, lp in enumerate(log_probs):
                options.append({"tokens": hypothesis["tokens"] + [v], "log_probs": hypothesis["log_probs"] + [float(lp)],
                                "state": new_state})
        live = []
        for option in heapq.nlargest(beam_width, options, key=lambda o: sum(o["log_probs"])):
            if option["tokens"][-1] == end_id or len(option["tokens"]) >= max_length:
                done.append(option)
            else:
                live.append(option)
    best = max(done, key=lambda o: length_normalized_score(o["log_probs"], alpha))
    return best["tokens"], length_normalized_score(best["log_probs"], alpha)
"""),
    ],
    "week13_modified_precision_code": [
        ("Counter intersection and union", """def modified_precision(candidate, references, n):
    def grams(tokens):
        return Counter(zip(*[tokens[i:] for i in range(n)]))
    counts = grams(candidate)
    if sum(counts.values()) == 0:
        return 0.0
    most = Counter()
    for ref in references:
        most |= grams(ref)
    return sum((counts & most).values()) / sum(counts.values())
"""),
        ("dicts and a loop over positions", """def modified_precision(candidate, references, n):
    total = len(candidate) - n + 1
    if total <= 0:
        return 0.0
    counts = {}
    for i in range(total):
        gram = " ".join(candidate[i:i + n])
        counts[gram] = counts.get(gram, 0) + 1
    clipped = 0
    for gram, count in counts.items():
        best = 0
        for ref in references:
            best = max(best, sum(1 for j in range(len(ref) - n + 1) if " ".join(ref[j:j + n]) == gram))
        clipped += min(count, best)
    return clipped / total
"""),
    ],
    "week13_brevity_penalty_code": [
        ("references sorted by distance, then length; math.exp", """def brevity_penalty(candidate, references):
    import math
    c = len(candidate)
    r = sorted((abs(len(ref) - c), len(ref)) for ref in references)[0][1]
    if c == 0:
        return 0.0
    return 1.0 if c > r else math.exp(1 - r / c)
"""),
        ("a loop keeping the closest, the shorter on a tie", """def brevity_penalty(candidate, references):
    c = len(candidate)
    r = None
    for ref in references:
        if r is None or abs(len(ref) - c) < abs(r - c) or (abs(len(ref) - c) == abs(r - c) and len(ref) < r):
            r = len(ref)
    if c > r:
        return 1.0
    if c == 0:
        return 0.0
    return float(np.exp(1.0 - float(r) / c))
"""),
    ],
    "week13_bleu_code": [
        ("a loop of logarithms with math", """def bleu(candidate, references, max_n=4):
    import math
    log_sum = 0.0
    for n in range(1, max_n + 1):
        p = modified_precision(candidate, references, n)
        if p == 0:
            return 0.0
        log_sum += math.log(p) / max_n
    return brevity_penalty(candidate, references) * math.exp(log_sum)
"""),
        ("the product of the precisions to the power 1/N", """def bleu(candidate, references, max_n=4):
    p = np.array([modified_precision(candidate, references, n) for n in range(1, max_n + 1)])
    return float(brevity_penalty(candidate, references) * np.prod(p) ** (1 / max_n))
"""),
    ],
}
