"""Week 14: the Transformer's pieces against hand computations and PyTorch's own attention, the
masks against what they must block, BERT's corruption by its statistics, and a short training
run on the dates."""
import math

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from dlkit.checks.week14 import EVIDENCE, bert_evidence
from dlkit.data.dates import END, SOURCE_LENGTH, START, TARGET_LENGTH, TARGET_TOKENS, load_dates
from dlkit.metrics import accuracy
from dlkit.nets.training import train_classifier
from dlkit.nets.transformer import (Decoder, DecoderLayer, Encoder, EncoderLayer, MultiHeadAttention, Transformer,
                                    attention_of, bert_mask, create_look_ahead_mask, create_padding_mask, decoder_inputs,
                                    get_angles, initialize_embeddings, positional_encoding, scaled_dot_product_attention,
                                    torch_attention_mask, torch_multihead_attention, transformer_step, translate,
                                    translate_dates, translation_loss)
from dlkit.runtime.device import get_device, seed_everything

DEVICE = get_device()


# --- positional encoding -----------------------------------------------------------------------

def test_angles_pair_the_dimensions_and_are_float64():
    angles = get_angles(np.arange(5)[:, None], np.arange(8)[None, :], 8)
    assert angles.shape == (5, 8) and angles.dtype == np.float64
    assert np.array_equal(angles[:, 0::2], angles[:, 1::2])
    assert angles[3, 4] == 3 / 10000 ** (4 / 8)


def test_positional_encoding_has_sines_on_even_and_cosines_on_odd_dimension_indices():
    pe = positional_encoding(50, 8)
    assert pe.shape == (1, 50, 8) and pe.dtype == torch.float32
    # By hand: position 3, dimensions 4 and 5 share the angle 3 / 10000^(4/8) = 0.03.
    assert pe[0, 3, 4].item() == pytest.approx(math.sin(0.03), abs=1e-7)
    assert pe[0, 3, 5].item() == pytest.approx(math.cos(0.03), abs=1e-7)
    # Position 0: every sine 0, every cosine 1 (the notes' "even positions" would make row 0 all sines).
    assert torch.equal(pe[0, 0, 0::2], torch.zeros(4)) and torch.equal(pe[0, 0, 1::2], torch.ones(4))
    assert torch.allclose(pe[0, :, 0], torch.sin(torch.arange(50.0)), atol=1e-6)
    assert torch.allclose(pe[0, :, 1], torch.cos(torch.arange(50.0)), atol=1e-6)


def test_positional_encoding_works_for_an_odd_size():
    pe = positional_encoding(7, 5)
    assert pe.shape == (1, 7, 5)
    assert pe[0, 2, 4].item() == pytest.approx(math.sin(2 / 10000 ** (4 / 5)), abs=1e-7)


# --- masks -------------------------------------------------------------------------------------

def test_the_padding_mask_is_one_on_tokens_zero_on_padding():
    mask = create_padding_mask(torch.tensor([[7, 6, 0, 0], [1, 2, 3, 4], [0, 5, 0, 9]]))
    assert mask.shape == (3, 1, 4) and mask.dtype == torch.float32
    assert mask[:, 0].tolist() == [[1, 1, 0, 0], [1, 1, 1, 1], [0, 1, 0, 1]]


def test_the_look_ahead_mask_is_the_lower_triangle():
    mask = create_look_ahead_mask(4)
    assert mask.shape == (1, 4, 4) and mask.dtype == torch.float32
    assert mask[0].tolist() == [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]]


# --- scaled dot-product attention --------------------------------------------------------------

def test_scaled_attention_matches_a_hand_computation():
    q = torch.tensor([[1.0, 0.0]])
    k = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    v = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    # Logits q.k / sqrt(2) = (1/sqrt 2, 0, 1/sqrt 2); the third key is masked out.
    output, weights = scaled_dot_product_attention(q, k, v, torch.tensor([[1.0, 1.0, 0.0]]))
    e = math.exp(1 / math.sqrt(2))
    assert weights.tolist()[0] == pytest.approx([e / (e + 1), 1 / (e + 1), 0.0], abs=1e-7)
    assert output.tolist()[0] == pytest.approx([(e + 3) / (e + 1), (2 * e + 4) / (e + 1)], abs=1e-6)
    output, weights = scaled_dot_product_attention(q, k, v, None)
    assert weights.tolist()[0] == pytest.approx([e / (2 * e + 1), 1 / (2 * e + 1), e / (2 * e + 1)], abs=1e-7)


@pytest.mark.parametrize("seed", range(5))
def test_scaled_attention_is_torch_scaled_dot_product_attention(seed):
    rng = np.random.default_rng(seed)
    q, k, v = (torch.from_numpy(rng.normal(0, 1, shape).astype(np.float32))
               for shape in ((2, 3, 4, 6), (2, 3, 5, 6), (2, 3, 5, 7)))
    mask = torch.from_numpy((rng.random((2, 1, 4, 5)) < 0.6).astype(np.float32))
    mask[..., 0] = 1.0  # every query keeps a key
    ours, _ = scaled_dot_product_attention(q, k, v, mask)
    # torch's boolean attn_mask means "may attend": our 1.0s.
    assert (ours - torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask > 0)).abs().max() < 1e-5
    ours, _ = scaled_dot_product_attention(q, k, v, None)
    assert (ours - torch.nn.functional.scaled_dot_product_attention(q, k, v)).abs().max() < 1e-5


# --- multi-head attention ------------------------------------------------------------------------

def _mask(kind, rng, N, T_q, T_k):
    if kind == "none":
        return None
    if kind == "padding":
        lengths = [T_k, 2, 1][:N]
        return create_padding_mask(torch.tensor([[1] * n + [0] * (T_k - n) for n in lengths]))
    if kind == "look_ahead":
        return create_look_ahead_mask(T_q)
    mask = torch.from_numpy((rng.random((N, T_q, T_k)) < 0.5).astype(np.float32))
    mask[..., 0] = 1.0
    return mask


@pytest.mark.parametrize("kind", ["none", "padding", "look_ahead", "random"])
def test_multi_head_attention_is_torch_nn_multihead_attention(kind):
    rng = np.random.default_rng(3)
    torch.manual_seed(3)
    N, T_q, num_heads, d_model = 3, 6, 4, 16
    T_k = T_q if kind == "look_ahead" else 5
    mha = MultiHeadAttention(d_model, num_heads)
    q, k, v = torch.randn(N, T_q, d_model), torch.randn(N, T_k, d_model), torch.randn(N, T_k, d_model)
    mask = _mask(kind, rng, N, T_q, T_k)
    with torch.no_grad():
        ours, our_weights = mha(q, k, v, mask)
        blocked = None if mask is None else torch_attention_mask(mask, num_heads, N, T_q)
        theirs, their_weights = torch_multihead_attention(mha)(q, k, v, attn_mask=blocked, average_attn_weights=False)
    assert ours.shape == (N, T_q, d_model) and our_weights.shape == (N, num_heads, T_q, T_k)
    assert (ours - theirs).abs().max() < 1e-5
    assert (our_weights - their_weights).abs().max() < 1e-6


def test_multi_head_attention_creates_its_projections_in_order():
    names = [name for name, _ in MultiHeadAttention(12, 3).named_parameters()]
    assert names == [f"W_{x}.{kind}" for x in "qkvo" for kind in ("weight", "bias")]
    with pytest.raises(ValueError):
        MultiHeadAttention(10, 3)


def test_padded_keys_and_values_get_exactly_zero_gradient():
    torch.manual_seed(0)
    mha = MultiHeadAttention(8, 2)
    q = torch.randn(2, 3, 8)
    k, v = torch.randn(2, 5, 8, requires_grad=True), torch.randn(2, 5, 8, requires_grad=True)
    mask = create_padding_mask(torch.tensor([[4, 4, 4, 0, 0], [4, 4, 4, 4, 0]]))
    output, weights = mha(q, k, v, mask)
    (output * torch.randn_like(output)).sum().backward()
    assert torch.count_nonzero(k.grad[0, 3:]) == 0 and torch.count_nonzero(v.grad[0, 3:]) == 0
    assert torch.count_nonzero(k.grad[1, 4:]) == 0 and torch.count_nonzero(v.grad[1, 4:]) == 0
    assert torch.count_nonzero(k.grad[:, :3]) > 0 and torch.count_nonzero(v.grad[:, :3]) > 0
    assert torch.count_nonzero(weights[0, :, :, 3:]) == 0


def test_under_the_look_ahead_mask_no_output_depends_on_a_later_input():
    torch.manual_seed(1)
    layer = EncoderLayer(8, 2, 16, dropout_rate=0.0)
    x = torch.randn(2, 6, 8, requires_grad=True)
    output = layer(x, create_look_ahead_mask(6))
    weights = torch.randn(2, 8)  # the plain sum of a layer norm's output is a constant
    for t in range(6):
        (gradient,) = torch.autograd.grad((output[:, t] * weights).sum(), x, retain_graph=True)
        assert torch.count_nonzero(gradient[:, t + 1:]) == 0
        assert torch.count_nonzero(gradient[:, :t + 1]) > 0


def test_the_decoders_outputs_ignore_later_targets_and_the_encoders_ignore_padding():
    torch.manual_seed(2)
    model = Transformer(2, 8, 2, 16, 10, 7, 6, 5, dropout_rate=0.0).eval()
    sources = torch.tensor([[3, 4, 5, 0, 0, 0], [6, 7, 8, 9, 2, 1]])
    targets = torch.tensor([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]])
    changed_targets, changed_padding = targets.clone(), sources.clone()
    changed_targets[:, 3:] = torch.tensor([6, 0])
    changed_padding[0, 3:] = torch.tensor([9, 9, 9])  # the padding mask stays the original one
    masks = (create_padding_mask(sources), create_look_ahead_mask(5), create_padding_mask(sources))
    with torch.no_grad():
        logits, _ = model(sources, targets, *masks)
        assert torch.equal(model(sources, changed_targets, *masks)[0][:, :3], logits[:, :3])
        assert not torch.equal(model(sources, changed_targets, *masks)[0][:, 3:], logits[:, 3:])
        assert torch.equal(model(changed_padding, targets, *masks)[0], logits)


# --- encoder, decoder, transformer ---------------------------------------------------------------

def test_the_stacks_have_the_documented_shapes_and_keys():
    torch.manual_seed(0)
    N, T_x, T_y, d = 3, 7, 4, 12
    sources, targets = torch.randint(1, 20, (N, T_x)), torch.randint(0, 9, (N, T_y))
    padding, look_ahead = create_padding_mask(sources), create_look_ahead_mask(T_y)
    encoder = Encoder(2, d, 3, 24, 20, 10)
    assert encoder(sources, padding).shape == (N, T_x, d)
    assert "pos_encoding" in dict(encoder.named_buffers())
    assert all("pos_encoding" not in name for name, _ in encoder.named_parameters())
    decoder_layer = DecoderLayer(d, 3, 24)
    out, block1, block2 = decoder_layer(torch.randn(N, T_y, d), torch.randn(N, T_x, d), look_ahead, padding)
    assert out.shape == (N, T_y, d) and block1.shape == (N, 3, T_y, T_y) and block2.shape == (N, 3, T_y, T_x)
    x, weights = Decoder(2, d, 3, 24, 9, 8)(targets, torch.randn(N, T_x, d), look_ahead, padding)
    assert x.shape == (N, T_y, d)
    assert sorted(weights) == ["decoder_layer1_block1_self_att", "decoder_layer1_block2_decenc_att",
                               "decoder_layer2_block1_self_att", "decoder_layer2_block2_decenc_att"]
    logits, weights = Transformer(2, d, 3, 24, 20, 9, 10, 8)(sources, targets, padding, look_ahead, padding)
    assert logits.shape == (N, T_y, 9) and weights["decoder_layer2_block2_decenc_att"].shape == (N, 3, T_y, T_x)
    assert not torch.allclose(logits.softmax(-1).sum(-1), logits.sum(-1))  # logits, not probabilities


def test_encoder_layers_are_post_norm():
    torch.manual_seed(4)
    layer = EncoderLayer(8, 2, 16, dropout_rate=0.0).eval()
    x, mask = torch.randn(2, 5, 8) * 3, torch.ones(2, 1, 5)
    out1 = layer.layernorm1(x + layer.mha(x, x, x, mask)[0])
    output = layer(x, mask)
    assert torch.allclose(output, layer.layernorm2(out1 + layer.ffn(out1)), atol=1e-6)
    # A fresh layer norm (weight 1, bias 0) comes last: every position has mean 0 and variance 1.
    assert torch.allclose(output.mean(-1), torch.zeros(2, 5), atol=1e-5)
    assert torch.allclose(output.var(-1, unbiased=False), torch.ones(2, 5), atol=1e-4)


def test_initialize_embeddings_gives_entries_of_size_one_over_sqrt_d():
    torch.manual_seed(0)
    model = initialize_embeddings(Transformer(1, 64, 4, 32, 500, 400, 10, 10))
    assert model.encoder.embedding.weight.std().item() == pytest.approx(1 / 8, rel=0.05)
    assert model.decoder.embedding.weight.std().item() == pytest.approx(1 / 8, rel=0.05)


# --- BERT ----------------------------------------------------------------------------------------

def _bert_batch():
    rng = np.random.default_rng(0)
    ids = rng.integers(4, 30, (400, 50))
    ids[:, 0], ids[:, 40:] = 2, 0  # a [CLS]-like token, then padding
    return torch.from_numpy(ids), 30, 3, (0, 1, 2, 3)


def _within(count, n, p, sigmas=6):
    return abs(count - n * p) <= sigmas * math.sqrt(n * p * (1 - p))


def test_bert_mask_chooses_15_percent_and_corrupts_them_80_10_10():
    ids, vocab_size, mask_id, special = _bert_batch()
    masked, chosen = bert_mask(ids, vocab_size, mask_id, special, torch.Generator().manual_seed(0))
    assert masked.dtype == torch.int64 and chosen.dtype == torch.bool and masked.shape == chosen.shape == ids.shape
    ordinary = ~torch.isin(ids, torch.tensor(special))
    assert not chosen[~ordinary].any() and torch.equal(masked[~chosen], ids[~chosen])
    n, S = int(ordinary.sum()), int(chosen.sum())
    assert _within(S, n, 0.15)
    out, original = masked[chosen], ids[chosen]
    K = vocab_size - len(special)
    assert _within(int((out == mask_id).sum()), S, 0.8)
    assert _within(int((out == original).sum()), S, 0.1 + 0.1 / K)
    replaced = out[(out != mask_id) & (out != original)]
    assert _within(len(replaced), S, 0.1 * (1 - 1 / K))
    assert set(replaced.tolist()) <= set(range(4, 30))
    counts = torch.bincount(replaced, minlength=vocab_size)[4:]
    assert all(_within(int(c), len(replaced), 1 / K) for c in counts)


def test_bert_mask_is_reproducible_from_its_generator_alone():
    ids, vocab_size, mask_id, special = _bert_batch()
    first = bert_mask(ids, vocab_size, mask_id, special, torch.Generator().manual_seed(5))
    torch.manual_seed(123)  # the global generator plays no part
    again = bert_mask(ids, vocab_size, mask_id, special, torch.Generator().manual_seed(5))
    other = bert_mask(ids, vocab_size, mask_id, special, torch.Generator().manual_seed(6))
    assert torch.equal(first[0], again[0]) and torch.equal(first[1], again[1])
    assert not torch.equal(first[1], other[1])


def test_a_correct_bert_mask_stays_far_below_the_checks_evidence_threshold():
    ids, vocab_size, mask_id, special = _bert_batch()
    args = (ids, vocab_size, mask_id, special, 0)
    largest = 0.0
    for seed in range(20):
        generators = [torch.Generator().manual_seed(4 * seed + k) for k in range(4)]
        draws = [tuple(np.asarray(t) for t in bert_mask(ids, vocab_size, mask_id, special, g)) for g in generators]
        largest = max(largest, max(evidence for evidence, _ in bert_evidence(args, draws)))
    assert largest < EVIDENCE / 2


# --- training on the dates ---------------------------------------------------------------------

def test_teacher_forcing_shifts_the_targets_behind_the_start_token():
    start = TARGET_TOKENS.index(START)
    targets = torch.tensor([[5, 6, 7, TARGET_TOKENS.index(END)]])
    assert decoder_inputs(targets).tolist() == [[start, 5, 6, 7]]


@pytest.fixture(scope="module")
def small_dates():
    return load_dates(n_train=1200, n_test=100)


def test_a_small_transformer_learns_the_dates(small_dates):
    sources, targets = small_dates.arrays("train")
    seed_everything(0)
    vocabularies = len(small_dates.source_tokens), len(small_dates.target_tokens)
    model = initialize_embeddings(Transformer(1, 16, 2, 32, *vocabularies, SOURCE_LENGTH, TARGET_LENGTH, dropout_rate=0.0))
    loader = DataLoader(TensorDataset(torch.as_tensor(sources), torch.as_tensor(targets)), batch_size=50, shuffle=True,
                        generator=torch.Generator().manual_seed(0))
    losses = train_classifier(model, loader, 4, 0.005, DEVICE, step=transformer_step)
    assert losses[-1] < 0.6 * losses[0]
    model.eval()
    with torch.no_grad():
        loss = translation_loss(model, torch.as_tensor(sources[:200], device=DEVICE),
                                torch.as_tensor(targets[:200], device=DEVICE))
    assert loss.item() < losses[0]
    output = translate(model, sources[:7], DEVICE)
    assert output.shape == (7, TARGET_LENGTH) and output.dtype == np.int64
    predicted = translate_dates(model, small_dates, "test", DEVICE, batch_size=40)
    assert len(predicted) == 100 and all(isinstance(p, str) for p in predicted)
    assert 0 <= accuracy(predicted, [iso for _, iso in small_dates.test]) <= 100
    weights = attention_of(model, sources[:7], output, DEVICE)
    assert weights["decoder_layer1_block2_decenc_att"].shape == (7, 2, TARGET_LENGTH, SOURCE_LENGTH)
    assert np.allclose(weights["decoder_layer1_block2_decenc_att"].sum(-1), 1, atol=1e-5)


def test_greedy_translation_reads_its_own_output_step_by_step(small_dates):
    """Each step's prediction is the argmax of a teacher-forced pass on the output so far."""
    sources, _ = small_dates.arrays("test")
    torch.manual_seed(0)
    model = Transformer(1, 8, 2, 16, len(small_dates.source_tokens), len(small_dates.target_tokens), SOURCE_LENGTH,
                        TARGET_LENGTH).eval()
    output = torch.as_tensor(translate(model.to(DEVICE), sources[:3], DEVICE), device=DEVICE)
    full = torch.cat([torch.full((3, 1), TARGET_TOKENS.index(START), device=DEVICE), output], dim=1)
    source = torch.as_tensor(sources[:3], device=DEVICE)
    with torch.no_grad():
        logits, _ = model(source, full[:, :-1], create_padding_mask(source),
                          create_look_ahead_mask(TARGET_LENGTH).to(DEVICE), create_padding_mask(source))
    assert torch.equal(logits.argmax(-1), output)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_the_transformer_computes_the_same_on_cuda(small_dates):
    sources, targets = small_dates.arrays("test")
    torch.manual_seed(0)
    vocabularies = len(small_dates.source_tokens), len(small_dates.target_tokens)
    model = initialize_embeddings(Transformer(2, 16, 4, 32, *vocabularies, SOURCE_LENGTH, TARGET_LENGTH)).eval()
    source, target = torch.as_tensor(sources[:20]), torch.as_tensor(targets[:20])
    with torch.no_grad():
        expected = translation_loss(model, source, target)
        model.to(DEVICE)
        actual = translation_loss(model, source.to(DEVICE), target.to(DEVICE)).cpu()
    assert torch.allclose(actual, expected, atol=1e-4)
    assert translate(model, sources[:20], DEVICE).shape == (20, TARGET_LENGTH)
    ids, vocab_size, mask_id, special = _bert_batch()
    masked, chosen = bert_mask(ids.to(DEVICE), vocab_size, mask_id, special, torch.Generator(DEVICE).manual_seed(0))
    ordinary = ~torch.isin(ids, torch.tensor(special))
    assert masked.device == chosen.device == ids.to(DEVICE).device
    assert not chosen.cpu()[~ordinary].any() and _within(int(chosen.sum()), int(ordinary.sum()), 0.15)
