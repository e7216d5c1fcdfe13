"""The Transformer (Vaswani et al., 2017) in PyTorch: reference implementations of week 14.

The building blocks follow the classic "Transformer Network" assignment, written for PyTorch
with ``batch_first`` tensors ``(N, T, ...)``:

- :func:`get_angles` and :func:`positional_encoding`: sines on the even dimension indices,
  cosines on the odd ones (the course notes wrongly say even and odd *positions*);
- :func:`create_padding_mask` and :func:`create_look_ahead_mask`: float masks where 1 means
  "may attend" and 0 "blocked", as in the classic assignment (the opposite of the boolean
  ``True = blocked`` masks of ``torch.nn.MultiheadAttention``, see :func:`torch_attention_mask`);
- :func:`scaled_dot_product_attention`: logits divided by ``sqrt(d_k)``, not ``d_k``;
- :class:`MultiHeadAttention`: the heads concatenated, *then* projected by ``W_o``; it computes
  what ``torch.nn.MultiheadAttention`` computes with the same weights
  (:func:`torch_multihead_attention`);
- :class:`EncoderLayer`, :class:`Encoder`, :class:`DecoderLayer`, :class:`Decoder` and
  :class:`Transformer`, post-norm as in the paper; the Transformer returns logits;
- :func:`bert_mask`: BERT's masked-language-model corruption (15 %, then 80 / 10 / 10).

Week 13's date translation task trains a Transformer through the course's one training loop,
:func:`dlkit.nets.training.train_classifier`, with :func:`transformer_step` (teacher forcing)
after :func:`initialize_embeddings` has made the embeddings small; :func:`translate` decodes
greedily, :func:`translate_dates` gives the ISO strings and :func:`attention_of` the attention
weights of a translation. The device always comes from the caller (see
:mod:`dlkit.runtime.device`).
"""
import numpy as np
import torch
from torch import nn

from dlkit.data.dates import START, TARGET_LENGTH, TARGET_TOKENS

POSITION_BASE = 10000  # the wavelengths of the positional encoding run from 2 pi to 2 pi * 10000
BLOCKED = -1e9  # added to the logits of blocked positions: their softmax weight underflows to 0
PAD_ID = 0  # the id of padding in the token ids that create_padding_mask reads
START_ID = TARGET_TOKENS.index(START)

# BERT's corruption: the fraction of ordinary tokens chosen for prediction, and of those, the
# fractions replaced by the mask token and by a random token (the rest stay as they are).
CHOSEN_FRACTION = 0.15
MASKED_FRACTION = 0.8
RANDOM_FRACTION = 0.1


# --- positions and masks -----------------------------------------------------------------------

def get_angles(pos, k, d):
    """The angles of the positional encoding, ``pos / 10000^(2 i / d)`` with ``i = k // 2``:
    dimensions ``2i`` and ``2i + 1`` share one frequency.

    Args:
        pos: positions, an integer or float array.
        k: dimension indices ``0 .. d - 1``, an integer array.
        d: the encoding's size.

    Shape:
        - pos: ``(n, 1)``; k: ``(1, d)``.
        - Output: ``(n, d)``, float64.
    """
    return pos / np.power(POSITION_BASE, 2 * (k // 2) / np.float64(d))


def positional_encoding(positions, d):
    """The sinusoidal positional encodings of positions ``0 .. positions - 1``:
    ``PE[pos, 2i] = sin(angle)``, ``PE[pos, 2i + 1] = cos(angle)``, sines on the even dimension
    indices and cosines on the odd ones.

    Shape:
        - Output: ``(1, positions, d)``, float32 (a batch of one, to add to ``(N, T, d)``).
    """
    angles = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
    angles[:, 0::2] = np.sin(angles[:, 0::2])
    angles[:, 1::2] = np.cos(angles[:, 1::2])
    return torch.from_numpy(angles[np.newaxis].astype(np.float32))


def create_padding_mask(token_ids):
    """1.0 where a token may be attended to, 0.0 on padding (id :data:`PAD_ID`).

    Shape:
        - token_ids: ``(N, T)``, integers.
        - Output: ``(N, 1, T)``, float32, on ``token_ids``' device: one row per sequence, which
          broadcasts over the queries.
    """
    return (token_ids != PAD_ID).float().unsqueeze(1)


def create_look_ahead_mask(size):
    """1.0 where query ``t`` may attend to key ``s``, that is ``s <= t``: the lower triangle.

    Shape:
        - Output: ``(1, size, size)``, float32 (on the CPU).
    """
    return torch.tril(torch.ones(1, size, size))


# --- attention ---------------------------------------------------------------------------------

def scaled_dot_product_attention(q, k, v, mask):
    """``softmax(q k^T / sqrt(d_k) + (1 - mask) * -1e9) v`` (softmax over the keys).

    Dividing by ``sqrt(d_k)`` keeps the logits' variance near 1 whatever ``d_k``: dot products of
    ``d_k`` independent unit-variance terms have variance ``d_k``.

    Args:
        q, k, v: queries, keys and values.
        mask: ``None``, or 1.0 where a query may attend to a key and 0.0 where it may not.

    Shape:
        - q: ``(..., T_q, d_k)``; k: ``(..., T_k, d_k)``; v: ``(..., T_k, d_v)``.
        - mask: broadcastable to ``(..., T_q, T_k)``.
        - Output: ``(output, attention_weights)``, ``(..., T_q, d_v)`` and ``(..., T_q, T_k)``.
    """
    logits = q @ k.transpose(-2, -1) / np.sqrt(k.shape[-1])
    if mask is not None:
        logits = logits + (1.0 - mask) * BLOCKED
    attention_weights = torch.softmax(logits, dim=-1)
    return attention_weights @ v, attention_weights


class MultiHeadAttention(nn.Module):
    """Multi-head attention: ``num_heads`` scaled dot-product attentions, each on its own
    ``d_model / num_heads`` slice of the projected queries, keys and values; their outputs are
    concatenated and then projected by ``W_o`` (concatenating alone, as the course notes say,
    leaves the heads unmixed).

    Args:
        d_model: the size of the inputs and of the output.
        num_heads: must divide ``d_model``.

    Shape:
        - q: ``(N, T_q, d_model)``; k, v: ``(N, T_k, d_model)``.
        - mask: ``None`` or ``(N or 1, 1 or T_q, T_k)``, 1.0 = may attend; the same for every head.
        - Output: ``(output, attention_weights)``, ``(N, T_q, d_model)`` and
          ``(N, num_heads, T_q, T_k)``.

    Example::

        >>> mha = MultiHeadAttention(8, 2)
        >>> out, weights = mha(torch.ones(3, 5, 8), torch.ones(3, 4, 8), torch.ones(3, 4, 8))
        >>> out.shape, weights.shape
        (torch.Size([3, 5, 8]), torch.Size([3, 2, 5, 4]))
    """

    def __init__(self, d_model, num_heads):
        super().__init__()
        if d_model % num_heads:
            raise ValueError(f"num_heads ({num_heads}) must divide d_model ({d_model})")
        self.num_heads = num_heads
        self.W_q = nn.Linear(d_model, d_model)
        self.W_k = nn.Linear(d_model, d_model)
        self.W_v = nn.Linear(d_model, d_model)
        self.W_o = nn.Linear(d_model, d_model)

    def split_heads(self, x):
        """``(N, T, d_model)`` to ``(N, num_heads, T, depth)``."""
        N, T, d_model = x.shape
        return x.reshape(N, T, self.num_heads, d_model // self.num_heads).transpose(1, 2)

    def forward(self, q, k, v, mask=None):
        if mask is not None:
            mask = mask.unsqueeze(1)  # one mask for every head
        heads, attention_weights = scaled_dot_product_attention(
            self.split_heads(self.W_q(q)), self.split_heads(self.W_k(k)), self.split_heads(self.W_v(v)), mask)
        N, _, T_q, _ = heads.shape
        concatenated = heads.transpose(1, 2).reshape(N, T_q, -1)
        return self.W_o(concatenated), attention_weights


def torch_multihead_attention(mha):
    """A ``torch.nn.MultiheadAttention`` (``batch_first=True``) with the weights of ``mha``, a
    :class:`MultiHeadAttention`: torch stacks the query, key and value projections in
    ``in_proj_weight`` and calls ``W_o`` ``out_proj``. Called with
    ``attn_mask=torch_attention_mask(mask, num_heads, N, T_q)`` and
    ``average_attn_weights=False``, it returns what ``mha(q, k, v, mask)`` returns.

    Shape:
        - Input and output: as :class:`MultiHeadAttention`'s (``batch_first``).
    """
    d_model = mha.W_q.in_features
    reference = nn.MultiheadAttention(d_model, mha.num_heads, batch_first=True)
    with torch.no_grad():
        reference.in_proj_weight.copy_(torch.cat([mha.W_q.weight, mha.W_k.weight, mha.W_v.weight]))
        reference.in_proj_bias.copy_(torch.cat([mha.W_q.bias, mha.W_k.bias, mha.W_v.bias]))
        reference.out_proj.weight.copy_(mha.W_o.weight)
        reference.out_proj.bias.copy_(mha.W_o.bias)
    return reference.to(mha.W_q.weight.device)


def torch_attention_mask(mask, num_heads, batch_size, query_length):
    """A mask of this module (1.0 = may attend) in ``torch.nn.MultiheadAttention``'s
    convention: boolean, ``True`` where attention is *blocked*, one ``(T_q, T_k)`` slice per
    example and head, ordered example by example.

    Shape:
        - mask: ``(N or 1, 1 or T_q, T_k)``.
        - Output: ``(N * num_heads, T_q, T_k)``, bool.
    """
    blocked = mask.expand(batch_size, query_length, mask.shape[-1]) == 0
    return blocked.repeat_interleave(num_heads, dim=0)


# --- the encoder -------------------------------------------------------------------------------

def feed_forward(d_model, dff):
    """The position-wise feed-forward network ``Linear(d_model, dff), ReLU, Linear(dff, d_model)``.

    Shape:
        - Input: ``(..., d_model)``; Output: ``(..., d_model)``.
    """
    return nn.Sequential(nn.Linear(d_model, dff), nn.ReLU(), nn.Linear(dff, d_model))


class EncoderLayer(nn.Module):
    """Self-attention, then a feed-forward network, each added to its input and normalised
    (post-norm, as in the paper): ``out1 = LayerNorm(x + MHA(x, x, x))``,
    ``out2 = LayerNorm(out1 + Dropout(FFN(out1)))``.

    Args:
        d_model: the size of the inputs and outputs.
        num_heads: attention heads.
        dff: the hidden size of the feed-forward network.
        dropout_rate: of the feed-forward output. Default: 0.1.
        layernorm_eps: added to the variance by the layer norms. Default: 1e-6.

    Shape:
        - x: ``(N, T, d_model)``; mask: ``(N, 1, T)`` (a padding mask) or ``None``.
        - Output: ``(N, T, d_model)``.
    """

    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha = MultiHeadAttention(d_model, num_heads)
        self.ffn = feed_forward(d_model, dff)
        self.layernorm1 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.layernorm2 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, mask):
        out1 = self.layernorm1(x + self.mha(x, x, x, mask)[0])
        return self.layernorm2(out1 + self.dropout_ffn(self.ffn(out1)))


class Encoder(nn.Module):
    """Token embeddings scaled by ``sqrt(d)``, plus the positional encoding, dropout, then
    ``num_layers`` :class:`EncoderLayer`.

    Args:
        num_layers: encoder layers.
        embedding_dim: ``d``, the size of every vector the encoder passes on.
        num_heads: attention heads per layer.
        fully_connected_dim: the feed-forward networks' hidden size.
        input_vocab_size: token ids run from 0 to ``input_vocab_size - 1``.
        maximum_position_encoding: the longest input.
        dropout_rate: Default: 0.1. layernorm_eps: Default: 1e-6.

    Shape:
        - x: ``(N, T)`` token ids, ``T <= maximum_position_encoding``.
        - mask: ``(N, 1, T)`` padding mask or ``None``.
        - Output: ``(N, T, embedding_dim)``.
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(input_vocab_size, embedding_dim)
        # A buffer: it moves with the module to a device but is not a parameter to train.
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))
        self.enc_layers = nn.ModuleList([
            EncoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
            for _ in range(num_layers)])
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, mask):
        T = x.shape[1]
        x = self.embedding(x) * np.sqrt(self.embedding_dim)
        x = self.dropout(x + self.pos_encoding[:, :T])
        for layer in self.enc_layers:
            x = layer(x, mask)
        return x


# --- the decoder -------------------------------------------------------------------------------

class DecoderLayer(nn.Module):
    """Masked self-attention, attention over the encoder's output, then a feed-forward network,
    each added to its input and normalised (post-norm):
    ``out1 = LayerNorm(x + MHA1(x, x, x, look_ahead_mask))``,
    ``out2 = LayerNorm(out1 + MHA2(out1, enc, enc, padding_mask))``,
    ``out3 = LayerNorm(out2 + Dropout(FFN(out2)))``.

    Args: as :class:`EncoderLayer`.

    Shape:
        - x: ``(N, T_y, d_model)``; enc_output: ``(N, T_x, d_model)``.
        - look_ahead_mask: ``(1 or N, T_y, T_y)``; padding_mask: ``(N, 1, T_x)``; either may be ``None``.
        - Output: ``(out3, attn_weights_block1, attn_weights_block2)``: ``(N, T_y, d_model)``,
          ``(N, num_heads, T_y, T_y)`` and ``(N, num_heads, T_y, T_x)``.
    """

    def __init__(self, d_model, num_heads, dff, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.mha1 = MultiHeadAttention(d_model, num_heads)
        self.mha2 = MultiHeadAttention(d_model, num_heads)
        self.ffn = feed_forward(d_model, dff)
        self.layernorm1 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.layernorm2 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.layernorm3 = nn.LayerNorm(d_model, eps=layernorm_eps)
        self.dropout_ffn = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        attention1, attn_weights_block1 = self.mha1(x, x, x, look_ahead_mask)
        out1 = self.layernorm1(x + attention1)
        attention2, attn_weights_block2 = self.mha2(out1, enc_output, enc_output, padding_mask)
        out2 = self.layernorm2(out1 + attention2)
        out3 = self.layernorm3(out2 + self.dropout_ffn(self.ffn(out2)))
        return out3, attn_weights_block1, attn_weights_block2


class Decoder(nn.Module):
    """Target embeddings scaled by ``sqrt(d)``, plus the positional encoding, dropout, then
    ``num_layers`` :class:`DecoderLayer`.

    Args: as :class:`Encoder`, with ``target_vocab_size`` for the target tokens.

    Shape:
        - x: ``(N, T_y)`` token ids; enc_output: ``(N, T_x, embedding_dim)``.
        - look_ahead_mask: ``(1 or N, T_y, T_y)``; padding_mask: ``(N, 1, T_x)``.
        - Output: ``(x, attention_weights)``: ``(N, T_y, embedding_dim)`` and a dict with, for
          each layer ``i`` (from 1), ``"decoder_layer{i}_block1_self_att"``
          ``(N, num_heads, T_y, T_y)`` and ``"decoder_layer{i}_block2_decenc_att"``
          ``(N, num_heads, T_y, T_x)``.
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.embedding_dim = embedding_dim
        self.embedding = nn.Embedding(target_vocab_size, embedding_dim)
        self.register_buffer("pos_encoding", positional_encoding(maximum_position_encoding, embedding_dim))
        self.dec_layers = nn.ModuleList([
            DecoderLayer(embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps)
            for _ in range(num_layers)])
        self.dropout = nn.Dropout(dropout_rate)

    def forward(self, x, enc_output, look_ahead_mask, padding_mask):
        T = x.shape[1]
        x = self.embedding(x) * np.sqrt(self.embedding_dim)
        x = self.dropout(x + self.pos_encoding[:, :T])
        attention_weights = {}
        for i, layer in enumerate(self.dec_layers):
            x, block1, block2 = layer(x, enc_output, look_ahead_mask, padding_mask)
            attention_weights[f"decoder_layer{i + 1}_block1_self_att"] = block1
            attention_weights[f"decoder_layer{i + 1}_block2_decenc_att"] = block2
        return x, attention_weights


class Transformer(nn.Module):
    """An :class:`Encoder`, a :class:`Decoder` and a linear layer to the target vocabulary.

    Args:
        num_layers, embedding_dim, num_heads, fully_connected_dim: as :class:`Encoder`, for both.
        input_vocab_size, target_vocab_size: the two vocabularies.
        max_positional_encoding_input, max_positional_encoding_target: the longest input and target.
        dropout_rate: Default: 0.1. layernorm_eps: Default: 1e-6.

    Shape:
        - input_sentence: ``(N, T_x)``; output_sentence: ``(N, T_y)``, token ids.
        - enc_padding_mask, dec_padding_mask: ``(N, 1, T_x)``; look_ahead_mask: ``(1 or N, T_y, T_y)``.
        - Output: ``(logits, attention_weights)``: ``(N, T_y, target_vocab_size)`` — logits, not
          probabilities: ``nn.CrossEntropyLoss`` applies the softmax — and the decoder's dict.
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size, target_vocab_size,
                 max_positional_encoding_input, max_positional_encoding_target, dropout_rate=0.1, layernorm_eps=1e-6):
        super().__init__()
        self.encoder = Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                               max_positional_encoding_input, dropout_rate, layernorm_eps)
        self.decoder = Decoder(num_layers, embedding_dim, num_heads, fully_connected_dim, target_vocab_size,
                               max_positional_encoding_target, dropout_rate, layernorm_eps)
        self.final_layer = nn.Linear(embedding_dim, target_vocab_size)

    def forward(self, input_sentence, output_sentence, enc_padding_mask, look_ahead_mask, dec_padding_mask):
        enc_output = self.encoder(input_sentence, enc_padding_mask)
        dec_output, attention_weights = self.decoder(output_sentence, enc_output, look_ahead_mask, dec_padding_mask)
        return self.final_layer(dec_output), attention_weights


# --- BERT --------------------------------------------------------------------------------------

def bert_mask(token_ids, vocab_size, mask_id, special_ids, generator):
    """BERT's masked-language-model corruption of a batch of token ids.

    Each token that is not special is *chosen* independently with probability 0.15; special
    tokens (padding, ``[CLS]``, ``[SEP]``, ``[MASK]``...) never are. A chosen token becomes
    ``mask_id`` with probability 0.8, a random ordinary token (uniform over the ids
    ``0 .. vocab_size - 1`` that are not special, possibly itself) with probability 0.1, and
    stays unchanged with probability 0.1. The model is trained to predict the original token at
    every chosen position: the random and unchanged ones keep it from learning that only
    ``[MASK]`` positions matter.

    Args:
        token_ids: integer token ids.
        vocab_size: the size of the vocabulary.
        mask_id: the id of the ``[MASK]`` token (one of ``special_ids``).
        special_ids: a sequence of the special tokens' ids.
        generator: the ``torch.Generator`` of every random draw, on ``token_ids``' device.

    Shape:
        - token_ids: ``(N, T)``.
        - Output: ``(masked_ids, chosen)``: ``(N, T)`` int64, the corrupted ids, and ``(N, T)``
          bool, True at the chosen positions (where the loss is computed).
    """
    device = token_ids.device
    special = torch.as_tensor(list(special_ids), dtype=token_ids.dtype, device=device)
    ordinary = torch.arange(vocab_size, device=device)
    ordinary = ordinary[~torch.isin(ordinary, special)]
    chosen = (torch.rand(token_ids.shape, generator=generator, device=device) < CHOSEN_FRACTION)
    chosen &= ~torch.isin(token_ids, special)
    action = torch.rand(token_ids.shape, generator=generator, device=device)
    masked = chosen & (action < MASKED_FRACTION)
    replaced = chosen & (action >= MASKED_FRACTION) & (action < MASKED_FRACTION + RANDOM_FRACTION)
    random_tokens = ordinary[torch.randint(len(ordinary), token_ids.shape, generator=generator, device=device)]
    masked_ids = torch.where(masked, torch.full_like(token_ids, mask_id), token_ids)
    return torch.where(replaced, random_tokens, masked_ids).long(), chosen


# --- translating dates -------------------------------------------------------------------------

def initialize_embeddings(model):
    """Redraw the weights of every ``nn.Embedding`` of ``model`` from ``N(0, 1 / d)``, ``d``
    its embedding size, in place; returns ``model``.

    ``nn.Embedding`` starts from ``N(0, 1)``: multiplied by ``sqrt(d)`` in the encoder and the
    decoder, a token's vector has entries of size ``sqrt(d)``, and the positional encoding's,
    at most 1, hardly show until training shrinks the embeddings. (The paper's embeddings share
    their weights with the output layer and start as small as a linear layer's.) From
    ``N(0, 1 / d)`` the scaled embeddings and the encoding have entries of the same size.
    """
    for module in model.modules():
        if isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=module.embedding_dim ** -0.5)
    return model


def decoder_inputs(target_ids):
    """Teacher forcing: the decoder reads the start token, then the targets but the last.

    Shape:
        - target_ids: ``(N, T_y)``.
        - Output: ``(N, T_y)``.
    """
    return torch.cat([torch.full_like(target_ids[:, :1], START_ID), target_ids[:, :-1]], dim=1)


def translation_masks(source_ids, target_length):
    """``(enc_padding_mask, look_ahead_mask, dec_padding_mask)`` for a :class:`Transformer`:
    padding is blocked in the sources, the future in the targets (which have no padding).

    Shape:
        - source_ids: ``(N, T_x)``.
        - Output: ``(N, 1, T_x)``, ``(1, target_length, target_length)`` and ``(N, 1, T_x)``, on
          ``source_ids``' device.
    """
    padding = create_padding_mask(source_ids)
    return padding, create_look_ahead_mask(target_length).to(source_ids.device), padding


def translation_loss(model, source_ids, target_ids):
    """Mean cross-entropy per target token of ``model`` (a :class:`Transformer`, or any module
    called like one) under teacher forcing.

    Shape:
        - source_ids: ``(N, T_x)``; target_ids: ``(N, T_y)``.
        - Output: a tensor holding one number.
    """
    inputs = decoder_inputs(target_ids)
    logits, _ = model(source_ids, inputs, *translation_masks(source_ids, inputs.shape[1]))
    return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), target_ids.reshape(-1))


def transformer_step(model, source_ids, target_ids, optimizer):
    """One training step of a translation model on a batch, teacher forcing: the ``step`` of
    :func:`dlkit.nets.training.train_classifier`, whose batches ``(x, labels)`` are here
    ``(source_ids, target_ids)``. Returns the batch's :func:`translation_loss` as a float.

    Shape:
        - source_ids: ``(N, T_x)``; target_ids: ``(N, T_y)``.
    """
    optimizer.zero_grad()
    loss = translation_loss(model, source_ids, target_ids)
    loss.backward()
    optimizer.step()
    return loss.item()


@torch.no_grad()
def translate(model, source_ids, device, length=TARGET_LENGTH):
    """Greedy decoding of a batch: from the start token, append the most likely next token
    ``length`` times, reading the whole output so far at each step.

    Shape:
        - source_ids: ``(N, T_x)`` token ids (array or tensor).
        - Output: ``(N, length)`` int64 NumPy array of target ids (the start token left out).
    """
    model.eval()
    source = torch.as_tensor(source_ids, device=device)
    output = torch.full((len(source), 1), START_ID, device=device)
    for _ in range(length):
        logits, _ = model(source, output, *translation_masks(source, output.shape[1]))
        output = torch.cat([output, logits[:, -1].argmax(dim=-1, keepdim=True)], dim=1)
    return output[:, 1:].cpu().numpy()


def translate_dates(model, dataset, split, device, batch_size=1000):
    """The ISO dates ``model`` writes for the sources of ``dataset``'s ``split`` (``"train"`` or
    ``"test"``), greedily; ``dlkit.metrics.accuracy(translate_dates(...), isos)`` is the
    exact-match accuracy.

    Shape:
        - Output: a list of strings, one per source.
    """
    sources, _ = dataset.arrays(split)
    batches = [translate(model, sources[i:i + batch_size], device) for i in range(0, len(sources), batch_size)]
    return [dataset.decode_target(ids) for ids in np.concatenate(batches)]


@torch.no_grad()
def attention_of(model, source_ids, target_ids, device):
    """The attention weights ``model`` computes while reading ``target_ids`` as its output
    (teacher forcing on its own translation gives the weights of greedy decoding).

    Shape:
        - source_ids: ``(N, T_x)``; target_ids: ``(N, T_y)``.
        - Output: the decoder's dict, each entry a NumPy array ``(N, num_heads, T_y, T_y or T_x)``.
    """
    model.eval()
    source = torch.as_tensor(source_ids, device=device)
    inputs = decoder_inputs(torch.as_tensor(target_ids, device=device))
    _, weights = model(source, inputs, *translation_masks(source, inputs.shape[1]))
    return {name: value.cpu().numpy() for name, value in weights.items()}
