"""Correct implementations of every week-14 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``, ``nn``...). The
checks must accept every one.
"""

EQUIVALENTS = {
    "week14_get_angles_code": [
        ("exp and log, k - k % 2", """def get_angles(pos, k, d):
    return pos * np.exp(-np.log(10000.0) * (k - k % 2) / d)
"""),
        ("** and the pair index computed first", """def get_angles(pos, k, d):
    pair = (k // 2) * 2
    return pos / 10000 ** (pair / d)
"""),
    ],
    "week14_positional_encoding_code": [
        ("torch.where on the parity of the dimension", """def positional_encoding(positions, d):
    angles = torch.from_numpy(get_angles(np.arange(positions)[:, None], np.arange(d)[None, :], d))
    even = torch.arange(d) % 2 == 0
    return torch.where(even, torch.sin(angles), torch.cos(angles)).float().unsqueeze(0)
"""),
        ("in torch, float32, without get_angles", """def positional_encoding(positions, d):
    pos = torch.arange(positions, dtype=torch.float32)[:, None]
    i = torch.arange(d)[None, :] // 2
    angles = pos / torch.pow(10000.0, 2 * i / d)
    pe = torch.zeros(positions, d)
    pe[:, 0::2] = torch.sin(angles[:, 0::2])
    pe[:, 1::2] = torch.cos(angles[:, 1::2])
    return pe[None]
"""),
        ("np.stack of the two halves interleaved", """def positional_encoding(positions, d):
    angles = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    pe = np.empty_like(angles)
    pe[..., ::2], pe[..., 1::2] = np.sin(angles[..., ::2]), np.cos(angles[..., 1::2])
    return torch.from_numpy(pe.astype(np.float32)).reshape(1, positions, d)
"""),
    ],
    "week14_create_padding_mask_code": [
        ("torch.where, unsqueeze", """def create_padding_mask(token_ids):
    return torch.where(token_ids == 0, 0.0, 1.0).unsqueeze(1)
"""),
        ("1 - (ids == 0), view", """def create_padding_mask(token_ids):
    N, T = token_ids.shape
    return (1 - token_ids.eq(0).to(torch.float32)).view(N, 1, T)
"""),
    ],
    "week14_create_look_ahead_mask_code": [
        ("1 - triu above the diagonal", """def create_look_ahead_mask(size):
    return (1 - torch.triu(torch.ones(size, size), diagonal=1))[None]
"""),
        ("compared indices", """def create_look_ahead_mask(size):
    rows, columns = torch.arange(size)[:, None], torch.arange(size)[None, :]
    return (rows >= columns).float().reshape(1, size, size)
"""),
        ("NumPy's tril", """def create_look_ahead_mask(size):
    return torch.from_numpy(np.tril(np.ones((1, size, size), dtype=np.float32)))
"""),
    ],
    "week14_scaled_dot_product_attention_code": [
        ("masked_fill", """def scaled_dot_product_attention(q, k, v, mask):
    logits = q @ k.transpose(-1, -2) / k.shape[-1] ** 0.5
    if mask is not None:
        logits = logits.masked_fill(mask == 0, -1e9)
    weights = nn.functional.softmax(logits, dim=-1)
    return weights @ v, weights
"""),
        ("einsum and -inf", """def scaled_dot_product_attention(q, k, v, mask):
    logits = torch.einsum("...qd,...kd->...qk", q, k) / np.sqrt(q.shape[-1])
    if mask is not None:
        logits = torch.where(mask > 0, logits, torch.tensor(float("-inf")))
    weights = logits.softmax(dim=-1)
    return torch.einsum("...qk,...kd->...qd", weights, v), weights
"""),
    ],
    "week14_MultiHeadAttention_code": [
        ("F.scaled_dot_product_attention for the output, view / permute", """class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.h = num_heads
        self.W_q = nn.Linear(d_model, d_model)
        self.W_k = nn.Linear(d_model, d_model)
        self.W_v = nn.Linear(d_model, d_model)
        self.W_o = nn.Linear(d_model, d_model)

    def forward(self, q, k, v, mask=None):
        N, T_q, d_model = q.shape
        heads = lambda x: x.view(N, x.shape[1], self.h, d_model // self.h).permute(0, 2, 1, 3)
        Q, K, V = heads(self.W_q(q)), heads(self.W_k(k)), heads(self.W_v(v))
        allowed = None if mask is None else mask.unsqueeze(1) > 0
        out = nn.functional.scaled_dot_product_attention(Q, K, V, attn_mask=allowed)
        logits = Q @ K.transpose(-2, -1) / (d_model // self.h) ** 0.5
        if allowed is not None:
            logits = logits.masked_fill(~allowed, float("-inf"))
        return self.W_o(out.permute(0, 2, 1, 3).reshape(N, T_q, d_model)), logits.softmax(dim=-1)
"""),
        ("heads by split / stack, concatenated by cat", """class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.W_q, self.W_k, self.W_v = (nn.Linear(d_model, d_model) for _ in range(3))
        self.W_o = nn.Linear(d_model, d_model)

    def forward(self, q, k, v, mask=None):
        depth = q.shape[-1] // self.num_heads
        split = lambda x: torch.stack(x.split(depth, dim=-1), dim=1)
        heads, weights = scaled_dot_product_attention(split(self.W_q(q)), split(self.W_k(k)), split(self.W_v(v)),
                                                      None if mask is None else mask[:, None])
        return self.W_o(torch.cat(heads.unbind(dim=1), dim=-1)), weights
"""),
    ],
    "week14_EncoderLayer_code": [
        ("keyword calls, functional dropout and layer norms", """class EncoderLayer(nn.Module):
    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha = MultiHeadAttention(d_model=d_model, num_heads=num_heads)
        self.ffn = nn.Sequential(*[nn.Linear(d_model, dff), nn.ReLU(), nn.Linear(dff, d_model)])
        self.layernorm1 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.layernorm2 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def _norm(self, layer, x):
        return nn.functional.layer_norm(x, x.shape[-1:], layer.weight, layer.bias, layer.eps)

    def forward(self, x, mask):
        out1 = self._norm(self.layernorm1, x + self.mha(q=x, k=x, v=x, mask=mask)[0])
        hidden = nn.functional.dropout(self.ffn(out1), p=self.dropout_ffn.p, training=self.training)
        return self._norm(self.layernorm2, out1 + hidden)
"""),
        ("the feed-forward network's layers called one by one", """class EncoderLayer(nn.Module):
    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha = MultiHeadAttention(d_model, num_heads)
        self.ffn = nn.Sequential(nn.Linear(d_model, dff), nn.ReLU(), nn.Linear(dff, d_model))
        self.layernorm1, self.layernorm2 = (nn.LayerNorm(d_model, eps=layernorm_eps) for _ in range(2))
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, mask):
        attended, _ = self.mha(x, x, x, mask)
        x = self.layernorm1(attended + x)
        hidden = self.ffn[2](torch.relu(self.ffn[0](x)))
        return self.layernorm2(self.dropout_ffn(hidden) + x)
"""),
    ],
    "week14_Encoder_code": [
        ("the encoding a plain attribute moved to the input's device", """class Encoder(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.d = embedding_dim
        self.embedding = nn.Embedding(input_vocab_size, embedding_dim)
        self.pos_encoding = positional_encoding(maximum_position_encoding, embedding_dim)
        self.enc_layers = nn.ModuleList()
        for _ in range(num_layers):
            self.enc_layers.append(EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps))
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, mask):
        T = x.size(1)
        x = self.dropout(self.embedding(x) * self.d ** 0.5 + self.pos_encoding.to(x.device)[0, :T])
        for i in range(len(self.enc_layers)):
            x = self.enc_layers[i](x, mask)
        return x
"""),
        ("sqrt(d) as a float32 tensor, layers by keyword", """class Encoder(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding = nn.Embedding(input_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim), persistent=False)
        self.enc_layers = nn.ModuleList([
            EncoderLayer(d_model=embedding_dim, num_heads=num_heads, dff=fully_connected_dim, dropout_rate=dropout_rate,
                         layernorm_eps=layernorm_eps) for _ in range(num_layers)])
        self.dropout = nn.Dropout(p=dropout_rate)

    def forward(self, x, mask):
        scale = torch.sqrt(torch.tensor(float(self.embedding.embedding_dim)))
        x = self.dropout(self.embedding(x) * scale + self.pos_encoding[:, :x.shape[1]])
        for layer in self.enc_layers:
            x = layer(x=x, mask=mask)
        return x
"""),
    ],
    "week14_DecoderLayer_code": [
        ("keyword calls, F.dropout", """class DecoderLayer(nn.Module):
    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha1 = MultiHeadAttention(d_model, num_heads)
        self.mha2 = MultiHeadAttention(d_model, num_heads)
        self.ffn = nn.Sequential(nn.Linear(d_model, dff), nn.ReLU(), nn.Linear(dff, d_model))
        self.layernorm1 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.layernorm2 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.layernorm3 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        self_attended, block1 = self.mha1(q=x, k=x, v=x, mask=look_ahead_mask)
        out1 = self.layernorm1(self_attended + x)
        cross_attended, block2 = self.mha2(q=out1, k=enc_output, v=enc_output, mask=padding_mask)
        out2 = self.layernorm2(cross_attended + out1)
        hidden = nn.functional.dropout(self.ffn(out2), self.dropout_ffn.p, self.training)
        return self.layernorm3(hidden + out2), block1, block2
"""),
        ("a helper for the residual sublayers", """class DecoderLayer(nn.Module):
    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha1, self.mha2 = MultiHeadAttention(d_model, num_heads), MultiHeadAttention(d_model, num_heads)
        self.ffn = nn.Sequential(nn.Linear(d_model, dff), nn.ReLU(), nn.Linear(dff, d_model))
        for number in (1, 2, 3):
            setattr(self, f"layernorm{number}", nn.LayerNorm(d_model, eps=layernorm_eps))
        self.dropout_ffn = nn.Dropout(dropout_rate)

    @staticmethod
    def residual(norm, x, sublayer_output):
        return norm(x + sublayer_output)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        attended, weights1 = self.mha1(x, x, x, look_ahead_mask)
        x = self.residual(self.layernorm1, x, attended)
        attended, weights2 = self.mha2(x, enc_output, enc_output, padding_mask)
        x = self.residual(self.layernorm2, x, attended)
        x = self.residual(self.layernorm3, x, self.dropout_ffn(self.ffn(x)))
        return x, weights1, weights2
"""),
    ],
    "week14_Decoder_code": [
        ("the dict built afterwards from lists", """class Decoder(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))
        self.dec_layers = nn.ModuleList(DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
                                        for _ in range(num_layers))
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        x = self.embedding(x) * self.embedding_dim ** 0.5
        x = self.dropout(x + self.pos_encoding[:, :x.shape[1], :])
        selfs, crosses = [], []
        for layer in self.dec_layers:
            x, block1, block2 = layer(x, enc_output, look_ahead_mask, padding_mask)
            selfs.append(block1)
            crosses.append(block2)
        weights = {f"decoder_layer{n}_block1_self_att": w for n, w in enumerate(selfs, start=1)}
        weights.update({f"decoder_layer{n}_block2_decenc_att": w for n, w in enumerate(crosses, start=1)})
        return x, weights
"""),
        ("sqrt(d) as a float32 tensor, layers by keyword", """class Decoder(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim), persistent=False)
        self.dec_layers = nn.ModuleList([DecoderLayer(d_model=embedding_dim, num_heads=num_heads, dff=fully_connected_dim,
                                                      dropout_rate=dropout_rate, layernorm_eps=layernorm_eps)
                                         for _ in range(num_layers)])
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        scale = torch.sqrt(torch.tensor(float(self.embedding.embedding_dim)))
        x = self.dropout(self.embedding(x) * scale + self.pos_encoding[0, :x.shape[1]])
        attention_weights = {}
        for number, layer in enumerate(self.dec_layers, start=1):
            x, attention_weights[f"decoder_layer{number}_block1_self_att"], attention_weights[
                f"decoder_layer{number}_block2_decenc_att"] = layer(x=x, enc_output=enc_output,
                                                                    look_ahead_mask=look_ahead_mask, padding_mask=padding_mask)
        return x, attention_weights
"""),
    ],
    "week14_Transformer_code": [
        ("keyword calls", """class Transformer(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size, target_vocab_size,
                 max_positional_encoding_input, max_positional_encoding_target, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        shared = dict(num_layers=num_layers, embedding_dim=embedding_dim, num_heads=num_heads,
                      fully_connected_dim=fully_connected_dim, dropout_rate=dropout_rate, layernorm_eps=layernorm_eps)
        self.encoder = Encoder(input_vocab_size=input_vocab_size, maximum_position_encoding=max_positional_encoding_input,
                               **shared)
        self.decoder = Decoder(target_vocab_size=target_vocab_size, maximum_position_encoding=max_positional_encoding_target,
                               **shared)
        self.final_layer = nn.Linear(embedding_dim, target_vocab_size)

    def forward(self, input_sentence, output_sentence, enc_padding_mask, look_ahead_mask, dec_padding_mask):
        memory = self.encoder(x=input_sentence, mask=enc_padding_mask)
        x, weights = self.decoder(x=output_sentence, enc_output=memory, look_ahead_mask=look_ahead_mask,
                                  padding_mask=dec_padding_mask)
        return self.final_layer(x), weights
"""),
        ("the final layer through F.linear", """class Transformer(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size, target_vocab_size,
                 max_positional_encoding_input, max_positional_encoding_target, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.encoder = Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                               max_positional_encoding_input, dropout_rate, layernorm_eps)
        self.decoder = Decoder(num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                               max_positional_encoding_target, dropout_rate, layernorm_eps)
        self.final_layer = nn.Linear(embedding_dim, target_vocab_size)

    def forward(self, input_sentence, output_sentence, enc_padding_mask, look_ahead_mask, dec_padding_mask):
        decoded = self.decoder(output_sentence, self.encoder(input_sentence, enc_padding_mask), look_ahead_mask,
                               dec_padding_mask)
        return nn.functional.linear(decoded[0], self.final_layer.weight, self.final_layer.bias), decoded[1]
"""),
    ],
    "week14_bert_mask_code": [
        ("one uniform draw decides the choice and the replacement", """def bert_mask(token_ids, vocab_size, mask_id, special_ids, generator):
    u = torch.rand(token_ids.shape, generator=generator)
    chosen = (u < 0.15) & ~torch.isin(token_ids, torch.tensor(special_ids))
    ordinary = torch.tensor(sorted(set(range(vocab_size)) - set(special_ids)))
    replacements = ordinary[torch.randint(len(ordinary), token_ids.shape, generator=generator)]
    out = torch.where(chosen & (u < 0.12), mask_id, token_ids)
    out = torch.where(chosen & (u >= 0.12) & (u < 0.135), replacements, out)
    return out, chosen
"""),
        ("bernoulli and multinomial, random ids drawn only where needed", """def bert_mask(token_ids, vocab_size, mask_id, special_ids, generator):
    ordinary = [i for i in range(vocab_size) if i not in set(special_ids)]
    candidates = torch.tensor([[t not in special_ids for t in row] for row in token_ids.tolist()], dtype=torch.bool)
    chosen = torch.bernoulli(torch.full(token_ids.shape, 0.15), generator=generator).bool() & candidates
    positions = chosen.nonzero(as_tuple=True)
    if not chosen.any():
        return token_ids.clone(), chosen
    fate = torch.multinomial(torch.tensor([0.8, 0.1, 0.1]), len(positions[0]), replacement=True, generator=generator)
    draws = torch.randint(len(ordinary), (len(positions[0]),), generator=generator)
    new = token_ids[positions].clone()
    new[fate == 0] = mask_id
    new[fate == 1] = torch.tensor(ordinary)[draws[fate == 1]]
    masked_ids = token_ids.clone()
    masked_ids[positions] = new
    return masked_ids, chosen
"""),
    ],
}
