"""Plausible wrong implementations of every week-14 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``, ``nn``...).
Templates mark the places that change with ``{name}``; :func:`_variant` fills them in (and
leaves every other brace, of dicts and f-strings, alone).
"""

_ANGLES = """def get_angles(pos, k, d):
    i = {i}
    return {result}
"""
_ANGLES_RIGHT = dict(i="k // 2", result="pos / np.power(10000, 2 * i / d)")

_ENCODING = """def positional_encoding(positions, d):
    angle_rads = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    {sines}
    {cosines}
    return {result}
"""
_ENCODING_RIGHT = dict(sines="angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])",
                       cosines="angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])",
                       result="torch.tensor(angle_rads[np.newaxis, ...], dtype=torch.float32)")

_PADDING = """def create_padding_mask(token_ids):
    mask = {mask}
    return {result}
"""
_PADDING_RIGHT = dict(mask="(token_ids != 0).float()", result="mask[:, None, :]")

_LOOK_AHEAD = """def create_look_ahead_mask(size):
    return {result}
"""
_LOOK_AHEAD_RIGHT = dict(result="torch.tril(torch.ones(1, size, size))")

_ATTENTION = """def scaled_dot_product_attention(q, k, v, mask):
    logits = torch.matmul(q, k.transpose(-2, -1)) / {scale}
    if mask is not None:
        logits = {masking}
    attention_weights = torch.softmax(logits, dim={axis})
    return torch.matmul(attention_weights, v), attention_weights
"""
_ATTENTION_RIGHT = dict(scale="np.sqrt(k.shape[-1])", masking="logits + (1.0 - mask) * -1e9", axis="-1")

_MHA = """class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.depth = d_model // num_heads
        self.W_q = nn.Linear(d_model, d_model)
        self.W_k = nn.Linear(d_model, d_model)
        self.W_v = nn.Linear(d_model, d_model)
        self.W_o = nn.Linear(d_model, d_model)

    def split_heads(self, x):
        N, T, _ = x.shape
        return {split}

    def forward(self, q, k, v, mask=None):
        Q = self.split_heads(self.W_q(q))
        K = self.split_heads(self.W_k({keys_from}))
        V = self.split_heads({values})
        if mask is not None:
            mask = {mask}
        attention, attention_weights = scaled_dot_product_attention(Q, K, V, mask)
        N, _, T_q, _ = attention.shape
        concat = {concat}
        return {output}, {weights}
"""
_MHA_RIGHT = dict(split="x.reshape(N, T, self.num_heads, self.depth).transpose(1, 2)", keys_from="k", values="self.W_v(v)",
                  mask="mask.unsqueeze(1)", concat="attention.transpose(1, 2).reshape(N, T_q, self.num_heads * self.depth)",
                  output="self.W_o(concat)", weights="attention_weights")

_ENCODER_LAYER = """class EncoderLayer(nn.Module):
    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha = MultiHeadAttention(d_model, num_heads)
        self.ffn = nn.Sequential(nn.Linear(d_model, dff), {activation}nn.Linear(dff, d_model))
        self.layernorm1 = nn.LayerNorm(d_model, eps={eps})
        self.layernorm2 = nn.LayerNorm(d_model, eps={eps})
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, mask):
        {forward}
"""
_ENCODER_LAYER_RIGHT = dict(activation="nn.ReLU(), ", eps="layernorm_eps", forward="""attn_output, _ = self.mha(x, x, x, mask)
        out1 = self.layernorm1(x + attn_output)
        ffn_output = self.dropout_ffn(self.ffn(out1))
        return self.layernorm2(out1 + ffn_output)""")

_ENCODER = """class Encoder(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(input_vocab_size, embedding_dim)
        {encoding}
        self.enc_layers = {layers}
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, mask):
        seq_len = x.shape[1]
        x = {embed}
        x = self.dropout(x)
        for layer in self.enc_layers:
            x = layer(x, {mask})
        return x
"""
_ENCODER_RIGHT = dict(
    encoding='self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))',
    layers="nn.ModuleList([EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)\n"
           "                                         for _ in range(num_layers)])",
    embed="self.embedding(x) * np.sqrt(self.embedding_dim) + self.pos_encoding[:, :seq_len, :]", mask="mask")

_DECODER_LAYER = """class DecoderLayer(nn.Module):
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
        mult_attn_out1, attn_weights_block1 = self.mha1(x, x, x, {mask1})
        Q1 = self.layernorm1(x + mult_attn_out1)
        mult_attn_out2, attn_weights_block2 = self.mha2({query2}, {memory}, {memory}, {mask2})
        mult_attn_out2 = self.layernorm2({residual2} + mult_attn_out2)
        ffn_output = self.dropout_ffn(self.ffn(mult_attn_out2))
        out3 = self.layernorm3(mult_attn_out2 + ffn_output)
        return out3, attn_weights_block1, {weights2}
"""
_DECODER_LAYER_RIGHT = dict(mask1="look_ahead_mask", query2="Q1", memory="enc_output", mask2="padding_mask",
                            residual2="Q1", weights2="attn_weights_block2")

_DECODER = """class Decoder(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))
        self.dec_layers = nn.ModuleList([DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate,
                                                      layernorm_eps) for _ in range(num_layers)])
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        seq_len = x.shape[1]
        attention_weights = {}
        x = {embed}
        x = self.dropout(x)
        for i, layer in enumerate(self.dec_layers):
            x, block1, block2 = layer(x, enc_output, {masks})
            attention_weights[f"decoder_layer{number}_block1_self_att"] = block1
            attention_weights[f"decoder_layer{number}_block2_decenc_att"] = block2
        return x, attention_weights
"""
_DECODER_RIGHT = dict(embed="self.embedding(x) * np.sqrt(self.embedding_dim) + self.pos_encoding[:, :seq_len, :]",
                      masks="look_ahead_mask, padding_mask", number="{i + 1}")

_TRANSFORMER = """class Transformer(nn.Module):
    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size, target_vocab_size,
                 max_positional_encoding_input, max_positional_encoding_target, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.encoder = Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                               max_positional_encoding_input, dropout_rate, layernorm_eps)
        self.decoder = Decoder(num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                               max_positional_encoding_target, dropout_rate, layernorm_eps)
        self.final_layer = nn.Linear(embedding_dim, target_vocab_size)

    def forward(self, input_sentence, output_sentence, enc_padding_mask, look_ahead_mask, dec_padding_mask):
        enc_output = self.encoder(input_sentence, {encoder_mask})
        dec_output, attention_weights = self.decoder(output_sentence, enc_output, look_ahead_mask, {decoder_mask})
        return {output}, attention_weights
"""
_TRANSFORMER_RIGHT = dict(encoder_mask="enc_padding_mask", decoder_mask="dec_padding_mask",
                          output="self.final_layer(dec_output)")

_BERT = """def bert_mask(token_ids, vocab_size, mask_id, special_ids, generator):
    special = torch.tensor(list(special_ids))
    ordinary_ids = torch.tensor([i for i in range(vocab_size) if i not in special_ids])
    chosen = (torch.rand(token_ids.shape, generator=generator) < 0.15){exclude}
    action = torch.rand(token_ids.shape, generator=generator)
    to_mask = chosen & (action < {masked})
    to_random = chosen & (action >= {masked}) & (action < {masked_or_random})
    random_ids = {random_ids}
    masked_ids = token_ids.clone()
    masked_ids[to_mask] = mask_id
    masked_ids[to_random] = random_ids[to_random]
    return masked_ids, {chosen}
"""
_BERT_RIGHT = dict(exclude=" & ~torch.isin(token_ids, special)", masked="0.8", masked_or_random="0.9",
                   random_ids="ordinary_ids[torch.randint(len(ordinary_ids), token_ids.shape, generator=generator)]",
                   chosen="chosen")


def _variant(template, right, **changes):
    """``template`` with each ``{name}`` of ``right`` replaced by its value, or by ``changes[name]``."""
    for name, value in {**right, **changes}.items():
        template = template.replace("{" + name + "}", value)
    return template


MUTANTS = {
    "week14_get_angles_code": [
        ("2k / d: no pairs of dimensions", _variant(_ANGLES, _ANGLES_RIGHT, i="k")),
        ("the exponent i / d, without the 2", _variant(_ANGLES, _ANGLES_RIGHT, result="pos / np.power(10000, i / d)")),
        ("multiplies by the power", _variant(_ANGLES, _ANGLES_RIGHT, result="pos * np.power(10000, 2 * i / d)")),
        ("integer division in the exponent", _variant(_ANGLES, _ANGLES_RIGHT, result="pos / np.power(10000, 2 * i // d)")),
    ],
    "week14_positional_encoding_code": [
        ("sin / cos on even / odd positions (the notes' mistake)", _variant(
            _ENCODING, _ENCODING_RIGHT, sines="angle_rads[0::2, :] = np.sin(angle_rads[0::2, :])",
            cosines="angle_rads[1::2, :] = np.cos(angle_rads[1::2, :])")),
        ("cos on even, sin on odd dimensions", _variant(
            _ENCODING, _ENCODING_RIGHT, sines="angle_rads[:, 1::2] = np.sin(angle_rads[:, 1::2])",
            cosines="angle_rads[:, 0::2] = np.cos(angle_rads[:, 0::2])")),
        ("sines in the first half, cosines in the second", _variant(
            _ENCODING, _ENCODING_RIGHT, sines="pass", cosines="pass",
            result="torch.tensor(np.concatenate([np.sin(angle_rads[:, 0::2]), np.cos(angle_rads[:, 1::2])], axis=-1)"
                   "[np.newaxis], dtype=torch.float32)")),
        ("no batch axis", _variant(_ENCODING, _ENCODING_RIGHT, result="torch.tensor(angle_rads, dtype=torch.float32)")),
        ("a float64 tensor", _variant(_ENCODING, _ENCODING_RIGHT, result="torch.tensor(angle_rads[np.newaxis, ...])")),
    ],
    "week14_create_padding_mask_code": [
        ("inverted: 1 on padding", _variant(_PADDING, _PADDING_RIGHT, mask="(token_ids == 0).float()")),
        ("no query axis: (N, T)", _variant(_PADDING, _PADDING_RIGHT, result="mask")),
        ("the new axis last: (N, T, 1)", _variant(_PADDING, _PADDING_RIGHT, result="mask[:, :, None]")),
        ("a boolean mask", _variant(_PADDING, _PADDING_RIGHT, mask="token_ids != 0")),
    ],
    "week14_create_look_ahead_mask_code": [
        ("upper triangle", _variant(_LOOK_AHEAD, _LOOK_AHEAD_RIGHT, result="torch.triu(torch.ones(1, size, size))")),
        ("the diagonal blocked too", _variant(
            _LOOK_AHEAD, _LOOK_AHEAD_RIGHT, result="torch.tril(torch.ones(1, size, size), diagonal=-1)")),
        ("inverted: 1 where blocked", _variant(
            _LOOK_AHEAD, _LOOK_AHEAD_RIGHT, result="1 - torch.tril(torch.ones(1, size, size))")),
        ("no batch axis", _variant(_LOOK_AHEAD, _LOOK_AHEAD_RIGHT, result="torch.tril(torch.ones(size, size))")),
    ],
    "week14_scaled_dot_product_attention_code": [
        ("divides by d_k (the notes' mistake)", _variant(_ATTENTION, _ATTENTION_RIGHT, scale="k.shape[-1]")),
        ("not scaled", _variant(_ATTENTION, _ATTENTION_RIGHT, scale="1")),
        ("divides by sqrt(d_v)", _variant(_ATTENTION, _ATTENTION_RIGHT, scale="np.sqrt(v.shape[-1])")),
        ("softmax over the queries", _variant(_ATTENTION, _ATTENTION_RIGHT, axis="-2")),
        ("mask added with the wrong sign", _variant(_ATTENTION, _ATTENTION_RIGHT, masking="logits + mask * -1e9")),
        ("mask ignored", _variant(_ATTENTION, _ATTENTION_RIGHT, masking="logits")),
        ("mask multiplied into the logits", _variant(_ATTENTION, _ATTENTION_RIGHT, masking="logits * mask")),
    ],
    "week14_MultiHeadAttention_code": [
        ("heads concatenated, never projected by W_o (the notes' mistake)", _variant(_MHA, _MHA_RIGHT, output="concat")),
        ("heads split without the transpose", _variant(_MHA, _MHA_RIGHT, split="x.reshape(N, self.num_heads, T, self.depth)")),
        ("heads concatenated without transposing back", _variant(
            _MHA, _MHA_RIGHT, concat="attention.reshape(N, T_q, self.num_heads * self.depth)")),
        ("the mask not given a head axis", _variant(_MHA, _MHA_RIGHT, mask="mask")),
        ("keys projected from the queries", _variant(_MHA, _MHA_RIGHT, keys_from="q")),
        ("values projected by W_k", _variant(_MHA, _MHA_RIGHT, values="self.W_k(v)")),
        ("attention weights averaged over the heads", _variant(_MHA, _MHA_RIGHT, weights="attention_weights.mean(dim=1)")),
    ],
    "week14_EncoderLayer_code": [
        ("pre-norm", _variant(_ENCODER_LAYER, _ENCODER_LAYER_RIGHT, forward="""normed = self.layernorm1(x)
        x = x + self.mha(normed, normed, normed, mask)[0]
        return x + self.dropout_ffn(self.ffn(self.layernorm2(x)))""")),
        ("no residual around the attention", _variant(
            _ENCODER_LAYER, _ENCODER_LAYER_RIGHT, forward="""attn_output, _ = self.mha(x, x, x, mask)
        out1 = self.layernorm1(attn_output)
        return self.layernorm2(out1 + self.dropout_ffn(self.ffn(out1)))""")),
        ("no residual around the feed-forward network", _variant(
            _ENCODER_LAYER, _ENCODER_LAYER_RIGHT, forward="""attn_output, _ = self.mha(x, x, x, mask)
        out1 = self.layernorm1(x + attn_output)
        return self.layernorm2(self.dropout_ffn(self.ffn(out1)))""")),
        ("the padding mask not passed on", _variant(
            _ENCODER_LAYER, _ENCODER_LAYER_RIGHT, forward="""attn_output, _ = self.mha(x, x, x)
        out1 = self.layernorm1(x + attn_output)
        return self.layernorm2(out1 + self.dropout_ffn(self.ffn(out1)))""")),
        ("layernorm_eps ignored", _variant(_ENCODER_LAYER, _ENCODER_LAYER_RIGHT, eps="1e-6")),
        ("no ReLU in the feed-forward network", _variant(_ENCODER_LAYER, _ENCODER_LAYER_RIGHT, activation="")),
    ],
    "week14_Encoder_code": [
        ("embeddings not scaled by sqrt(d)", _variant(
            _ENCODER, _ENCODER_RIGHT, embed="self.embedding(x) + self.pos_encoding[:, :seq_len, :]")),
        ("the positional encoding scaled by sqrt(d) too", _variant(
            _ENCODER, _ENCODER_RIGHT,
            embed="(self.embedding(x) + self.pos_encoding[:, :seq_len, :]) * np.sqrt(self.embedding_dim)")),
        ("no positional encoding", _variant(_ENCODER, _ENCODER_RIGHT, embed="self.embedding(x) * np.sqrt(self.embedding_dim)")),
        ("the positional encoding a trainable parameter", _variant(
            _ENCODER, _ENCODER_RIGHT,
            encoding="self.pos_encoding = nn.Parameter(positional_encoding(maximum_position_encoding, embedding_dim))")),
        ("one layer shared by every level", _variant(
            _ENCODER, _ENCODER_RIGHT,
            layers="nn.ModuleList([EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate,\n"
                   "                                                      layernorm_eps)] * num_layers)")),
        ("the padding mask not passed to the layers", _variant(_ENCODER, _ENCODER_RIGHT, mask="None")),
    ],
    "week14_DecoderLayer_code": [
        ("the two masks swapped", _variant(_DECODER_LAYER, _DECODER_LAYER_RIGHT, mask1="padding_mask", mask2="look_ahead_mask")),
        ("no look-ahead mask: the decoder sees the future", _variant(_DECODER_LAYER, _DECODER_LAYER_RIGHT, mask1="None")),
        ("the second attention queries with x, not out1", _variant(_DECODER_LAYER, _DECODER_LAYER_RIGHT, query2="x")),
        ("the second attention over the decoder itself", _variant(_DECODER_LAYER, _DECODER_LAYER_RIGHT, memory="Q1", mask2="None")),
        ("the second residual from x", _variant(_DECODER_LAYER, _DECODER_LAYER_RIGHT, residual2="x")),
        ("the self-attention weights returned twice", _variant(_DECODER_LAYER, _DECODER_LAYER_RIGHT, weights2="attn_weights_block1")),
    ],
    "week14_Decoder_code": [
        ("embeddings not scaled by sqrt(d)", _variant(
            _DECODER, _DECODER_RIGHT, embed="self.embedding(x) + self.pos_encoding[:, :seq_len, :]")),
        ("no positional encoding", _variant(_DECODER, _DECODER_RIGHT, embed="self.embedding(x) * np.sqrt(self.embedding_dim)")),
        ("layers numbered from 0 in the dict", _variant(_DECODER, _DECODER_RIGHT, number="{i}")),
        ("the masks swapped when calling the layers", _variant(_DECODER, _DECODER_RIGHT, masks="padding_mask, look_ahead_mask")),
        ("no look-ahead mask", _variant(_DECODER, _DECODER_RIGHT, masks="None, padding_mask")),
    ],
    "week14_Transformer_code": [
        ("a softmax at the end: probabilities, not logits", _variant(
            _TRANSFORMER, _TRANSFORMER_RIGHT, output="torch.softmax(self.final_layer(dec_output), dim=-1)")),
        ("the encoder without its padding mask", _variant(_TRANSFORMER, _TRANSFORMER_RIGHT, encoder_mask="None")),
        ("the decoder without the padding mask", _variant(_TRANSFORMER, _TRANSFORMER_RIGHT, decoder_mask="None")),
        ("the encoder given the look-ahead mask", _variant(_TRANSFORMER, _TRANSFORMER_RIGHT, encoder_mask="look_ahead_mask")),
    ],
    "week14_bert_mask_code": [
        ("80 / 20 / 0: every chosen token not masked is replaced", _variant(_BERT, _BERT_RIGHT, masked_or_random="1.0")),
        ("15 % of all tokens, special ones included", _variant(_BERT, _BERT_RIGHT, exclude="")),
        ("random tokens from the whole vocabulary, special ones included", _variant(
            _BERT, _BERT_RIGHT, random_ids="torch.randint(vocab_size, token_ids.shape, generator=generator)")),
        ("80 / 0 / 20: no random tokens", _variant(_BERT, _BERT_RIGHT, masked_or_random="0.8")),
        ("every chosen token masked", _variant(_BERT, _BERT_RIGHT, masked="1.0")),
        ("only the masked positions returned as chosen", _variant(_BERT, _BERT_RIGHT, chosen="to_mask")),
    ],
}
