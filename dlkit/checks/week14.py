"""Week 14: Transformers.

Sizes are drawn afresh for every hidden case: heads and their depth, sequence lengths (queries
and keys of different lengths), vocabularies, odd encoding sizes. Sequences are right-padded
with id 0, and every one keeps at least one real token, so that no query ever has all of its
keys blocked (where implementations may legitimately differ: NaN with ``-inf``, a uniform
row with ``-1e9``). Masks are 0/1 floats, "1 = may attend".

``scaled_dot_product_attention`` is checked on its outputs and on their gradients with respect
to the queries, keys and values. The modules are checked as ``nn.Module`` classes
(:class:`MaskedModuleCall`), with ``dropout_rate=0.0`` (modules are in training mode during a
check) and, in some cases, a large ``layernorm_eps`` so that an ignored epsilon shows. Their
masks are constants of the case, not differentiated inputs.

``bert_mask`` is random: it is called several times with different generators and judged by
what a correct corruption guarantees on every draw (:func:`_well_formed_corruption`) and by
its statistics (:func:`_corruption_follows_bert`), so any correct sampler passes, whatever
order it draws its random numbers in.

This module imports torch; the registry loads it only when a week-14 key is looked up.
"""
import numpy as np
import torch
from torch import nn

from dlkit.checks.codec import is_tensor
from dlkit.checks.compare import compare
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec, ModuleCall, Samples, WithGradients, module_case
from dlkit.data.dates import load_dates
from dlkit.nets import transformer as nets

# Float32 gradients that are 0 in theory (a key's bias: the softmax ignores what adds the same to
# every logit of a query) come out as rounding noise; computed by F.scaled_dot_product_attention,
# it reached 1.7e-5 over 1,200 cases (1.8e-7 for a plain implementation).
MODULE_TOLERANCES = {"rtol": 1e-4, "atol": 1e-4}
LARGE_EPSILONS = (0.05, 0.5)  # layer-norm epsilons whose effect shows in float32
BERT_DRAWS = 4  # calls of bert_mask per case, each with its own generator
# Evidence needed to call a corruption wrong: Bernstein's inequality bounds the chance that a
# correct sampler's count strays this far by 2 exp(-EVIDENCE) for each count tested (about a
# hundred per case); over 2,000 hidden checks (24,000 cases) the reference's largest was 10.
EVIDENCE = 25.0


# --- call kinds ---------------------------------------------------------------------------------

def _with_masks(module_class, masks):
    """A module class that builds ``module_class`` and calls it with ``masks`` after its inputs."""

    class WithMasks(nn.Module):
        def __init__(self, *init):
            super().__init__()
            self.inner = module_class(*init)
            if not isinstance(self.inner, nn.Module):
                raise TypeError(f"it builds a {type(self.inner).__name__}, not a torch.nn.Module")

        def forward(self, *inputs):
            return self.inner(*inputs, *(mask.clone() for mask in masks))

    return WithMasks


class MaskedModuleCall(ModuleCall):
    """A :class:`~dlkit.checks.spec.ModuleCall` whose cases also hold ``masks``, passed to
    ``forward`` after the ``inputs``. Masks are constants: a ``ModuleCall`` differentiates every
    floating-point input, and a gradient with respect to a 0/1 mask means nothing (huge through
    the ``-1e9``, absent where an implementation uses ``masked_fill``)."""

    def observe(self, module_class, args):
        (case,) = args
        return super().observe(_with_masks(module_class, case["masks"]), args)


def _masked_case(reference_class, init, inputs, masks, rng):
    """The case of a :class:`MaskedModuleCall`: :func:`~dlkit.checks.spec.module_case` of the
    inputs and masks together, the masks then moved to ``masks``."""
    (case,) = module_case(reference_class, init, [*inputs, *masks], rng)
    return ({**case, "inputs": case["inputs"][:len(inputs)], "masks": case["inputs"][len(inputs):]},)


class GeneratorSamples(Samples):
    """:class:`~dlkit.checks.spec.Samples` of a function whose last argument is a
    ``torch.Generator``: each call gets a new CPU generator seeded with that call's seed."""

    def observe(self, function, args):
        return super().observe(lambda *fixed: function(*fixed[:-1], torch.Generator().manual_seed(fixed[-1])), args)


# --- sizes, sequences and masks -------------------------------------------------------------------

def _heads(rng, most=4):
    """``(num_heads, d_model)``: heads of 2 to 4 dimensions each."""
    num_heads = int(rng.integers(1, most + 1))
    return num_heads, num_heads * int(rng.integers(2, 5))


def _token_ids(rng, n, length, vocab_size):
    """``(n, length)`` int64 ids from 1 to ``vocab_size - 1``, right-padded with 0: the first row
    full, the second (if any) shorter, the others of random lengths, each at least one token."""
    lengths = rng.integers(1, length + 1, n)
    lengths[0] = length
    if n > 1 and length > 1:
        lengths[1] = int(rng.integers(1, length))
    ids = rng.integers(1, vocab_size, (n, length))
    ids[np.arange(length)[None, :] >= lengths[:, None]] = 0
    return ids.astype(np.int64)


def _padding_mask(ids):
    return (ids != 0).astype(np.float32)[:, None, :]


def _look_ahead_mask(size):
    return np.tril(np.ones((1, size, size), np.float32))


def _random_mask(rng, shape):
    """0/1 ``shape`` with at least one 1 in every row (the last axis)."""
    mask = (rng.random(shape) < 0.6).astype(np.float32)
    rows = mask.reshape(-1, shape[-1])
    rows[np.arange(len(rows)), rng.integers(0, shape[-1], len(rows))] = 1.0
    return mask


def _epsilon_tail(rng):
    """The constructor's last arguments: ``dropout_rate=0.0`` and, half of the time, a large
    ``layernorm_eps``."""
    return (0.0,) if rng.random() < 0.5 else (0.0, float(rng.choice(LARGE_EPSILONS)))


def _tensor(array):
    return torch.from_numpy(np.asarray(array))


# --- positional encoding and masks -------------------------------------------------------------

def _angles_args(rng):
    n, d = distinct_sizes(rng, 2, 1, 40)
    positions = np.arange(n) if rng.random() < 0.5 else np.sort(rng.choice(500, n, replace=False))
    return positions[:, np.newaxis], np.arange(d)[np.newaxis, :], d


register(FunctionSpec(
    key="week14.get_angles",
    reference=nets.get_angles,
    examples=lambda: ((np.arange(4)[:, np.newaxis], np.arange(6)[np.newaxis, :], 6),
                      (np.array([[0], [7], [50]]), np.arange(5)[np.newaxis, :], 5)),
    random_args=_angles_args,
))

register(FunctionSpec(
    key="week14.positional_encoding",
    reference=nets.positional_encoding,
    examples=((4, 6), (50, 9)),
    random_args=lambda rng: tuple(distinct_sizes(rng, 2, 1, 60)),
    uses=("week14.get_angles",),
    rtol=1e-5,
    atol=1e-5,
))

register(FunctionSpec(
    key="week14.create_padding_mask",
    reference=nets.create_padding_mask,
    examples=lambda: ((torch.tensor([[7, 6, 0, 0, 0], [1, 2, 3, 0, 0], [0, 0, 0, 4, 5]]),),),
    random_args=lambda rng: (_tensor(_token_ids(rng, *distinct_sizes(rng, 2, 1, 9), int(rng.integers(2, 30)))),),
))

register(FunctionSpec(
    key="week14.create_look_ahead_mask",
    reference=nets.create_look_ahead_mask,
    examples=((3,), (1,)),
    random_args=lambda rng: (int(rng.integers(1, 20)),),
))


# --- attention ---------------------------------------------------------------------------------

def _attention_mask(rng, batch, T_q, T_k):
    """A mask broadcastable to ``batch + (T_q, T_k)``: ``None``, padding-like, a look-ahead
    triangle (when ``T_q == T_k``), or random, with fewer leading axes now and then."""
    kind = rng.choice(["none", "keys", "full", "shared", "triangle"], p=[0.15, 0.25, 0.25, 0.15, 0.2])
    if kind == "none":
        return None
    if kind == "triangle" and T_q == T_k:
        return _look_ahead_mask(T_q)[0]
    if kind == "keys":
        return _random_mask(rng, batch + (1, T_k))
    if kind == "shared":
        return _random_mask(rng, (T_q, T_k))
    return _random_mask(rng, batch + (T_q, T_k))


def _attention_args(rng):
    batch = tuple(int(n) for n in rng.integers(1, 4, int(rng.integers(0, 3))))
    T_q, T_k = (int(rng.integers(1, 7)),) * 2 if rng.random() < 0.3 else distinct_sizes(rng, 2, 1, 8)
    d_k, d_v = distinct_sizes(rng, 2, 2, 9)
    q, k, v = (rng.normal(0, 1, batch + shape).astype(np.float32) for shape in ((T_q, d_k), (T_k, d_k), (T_k, d_v)))
    mask = _attention_mask(rng, batch, T_q, T_k)
    return _tensor(q), _tensor(k), _tensor(v), None if mask is None else _tensor(mask)


def _attention_example(seed, batch, T_q, T_k, d_k, d_v, mask):
    rng = np.random.default_rng(seed)
    q, k, v = (rng.normal(0, 1, batch + shape).astype(np.float32) for shape in ((T_q, d_k), (T_k, d_k), (T_k, d_v)))
    return _tensor(q), _tensor(k), _tensor(v), _tensor(mask)


register(FunctionSpec(
    key="week14.scaled_dot_product_attention",
    reference=nets.scaled_dot_product_attention,
    # Padded keys in a batch of two; a look-ahead triangle on four positions.
    examples=lambda: (_attention_example(1, (2,), 3, 5, 4, 2,
                                         np.array([[[1, 1, 1, 0, 0]], [[1, 1, 1, 1, 1]]], np.float32)),
                      _attention_example(2, (), 4, 4, 6, 3, _look_ahead_mask(4)[0])),
    random_args=_attention_args,
    call=WithGradients(positions=(0, 1, 2)),  # q, k and v; never the mask
    output_names=("output", "attention_weights"),
    rtol=1e-4,
    atol=1e-5,
))


def _mha_case(rng, num_heads=None, sizes=None, mask_kind=None):
    num_heads, d_model = (num_heads, num_heads * 3) if num_heads else _heads(rng)
    N, T_q, T_k = sizes or (int(rng.integers(1, 4)), *distinct_sizes(rng, 2, 1, 7))
    mask_kind = mask_kind or rng.choice(["none", "padding", "look_ahead", "random"], p=[0.15, 0.35, 0.25, 0.25])
    if mask_kind == "look_ahead":
        T_k = T_q
    q = rng.normal(0, 1, (N, T_q, d_model))
    k, v = (rng.normal(0, 1, (N, T_k, d_model)) for _ in range(2))
    if mask_kind == "look_ahead":
        q = k = v  # self-attention, which the triangle is for
    masks = _mha_masks(rng, mask_kind, N, T_q, T_k)
    return _masked_case(nets.MultiHeadAttention, (d_model, num_heads), [q, k, v], masks, rng)


def _mha_masks(rng, kind, N, T_q, T_k):
    """The masks ``forward`` gets after ``q, k, v``: none, or one of padded keys, a look-ahead
    triangle or a random mask of each query."""
    if kind == "padding":
        return [_padding_mask(_token_ids(rng, N, T_k, 5))]
    if kind == "look_ahead":
        return [_look_ahead_mask(T_q)]
    if kind == "random":
        return [_random_mask(rng, (N, T_q, T_k))]
    return []


register(FunctionSpec(
    key="week14.MultiHeadAttention",
    reference=nets.MultiHeadAttention,
    call=MaskedModuleCall(),
    # Two heads over padded keys (3 examples, 2 queries, 4 keys); three heads, self-attention
    # with a look-ahead mask.
    examples=lambda: (_mha_case(np.random.default_rng(14), 2, (3, 2, 4), "padding"),
                      _mha_case(np.random.default_rng(15), 3, (2, 5, 5), "look_ahead")),
    random_args=_mha_case,
    uses=("week14.scaled_dot_product_attention",),
    **MODULE_TOLERANCES,
))


# --- encoder -----------------------------------------------------------------------------------

def _encoder_layer_case(rng, tail=None, sizes=None):
    num_heads, d_model = _heads(rng)
    dff = int(rng.integers(2, 12))
    N, T = sizes or (int(rng.integers(1, 4)), int(rng.integers(1, 7)))
    ids = _token_ids(rng, N, T, 5)
    init = (d_model, num_heads, dff, *(tail or _epsilon_tail(rng)))
    return _masked_case(nets.EncoderLayer, init, [rng.normal(0, 1, (N, T, d_model))], [_padding_mask(ids)], rng)


register(FunctionSpec(
    key="week14.EncoderLayer",
    reference=nets.EncoderLayer,
    call=MaskedModuleCall(),
    # Padded batches of three; the second with a large epsilon.
    examples=lambda: (_encoder_layer_case(np.random.default_rng(16), (0.0,), (3, 5)),
                      _encoder_layer_case(np.random.default_rng(17), (0.0, 0.5), (3, 4))),
    random_args=_encoder_layer_case,
    uses=("week14.MultiHeadAttention",),
    **MODULE_TOLERANCES,
))


def _stack_sizes(rng):
    """``(d_model, num_heads, dff, vocab_size)``."""
    num_heads, d_model = _heads(rng, most=3)
    return d_model, num_heads, int(rng.integers(2, 10)), int(rng.integers(4, 12))


def _encoder_case(rng, tail=None, sizes=None):
    d_model, num_heads, dff, vocab_size = _stack_sizes(rng)
    num_layers, N, T = sizes or (int(rng.integers(1, 3)), int(rng.integers(1, 4)), int(rng.integers(1, 7)))
    ids = _token_ids(rng, N, T, vocab_size)
    init = (num_layers, d_model, num_heads, dff, vocab_size, T + int(rng.integers(0, 5)), *(tail or _epsilon_tail(rng)))
    return _masked_case(nets.Encoder, init, [ids], [_padding_mask(ids)], rng)


register(FunctionSpec(
    key="week14.Encoder",
    reference=nets.Encoder,
    call=MaskedModuleCall(),
    # Two layers over a padded batch of three.
    examples=lambda: (_encoder_case(np.random.default_rng(18), (0.0,), (2, 3, 5)),),
    random_args=_encoder_case,
    uses=("week14.EncoderLayer", "week14.positional_encoding"),
    **MODULE_TOLERANCES,
))


# --- decoder -----------------------------------------------------------------------------------

def _decoder_inputs(rng, N, T_x, T_y, d_model, vocab_size):
    """Target ids ``(N, T_y)`` (no padding: the look-ahead mask does the work), an encoder
    output ``(N, T_x, d_model)`` and the masks of both."""
    sources = _token_ids(rng, N, T_x, 5)
    targets = rng.integers(0, vocab_size, (N, T_y)).astype(np.int64)
    return targets, rng.normal(0, 1, (N, T_x, d_model)), [_look_ahead_mask(T_y), _padding_mask(sources)]


def _decoder_layer_case(rng, tail=None, sizes=None):
    num_heads, d_model = _heads(rng)
    dff = int(rng.integers(2, 12))
    N, T_x, T_y = sizes or (int(rng.integers(1, 4)), *distinct_sizes(rng, 2, 1, 7))
    _, enc_output, masks = _decoder_inputs(rng, N, T_x, T_y, d_model, 2)
    init = (d_model, num_heads, dff, *(tail or _epsilon_tail(rng)))
    return _masked_case(nets.DecoderLayer, init, [rng.normal(0, 1, (N, T_y, d_model)), enc_output], masks, rng)


register(FunctionSpec(
    key="week14.DecoderLayer",
    reference=nets.DecoderLayer,
    call=MaskedModuleCall(),
    examples=lambda: (_decoder_layer_case(np.random.default_rng(19), (0.0,), (3, 5, 4)),
                      _decoder_layer_case(np.random.default_rng(20), (0.0, 0.5), (2, 3, 6))),
    random_args=_decoder_layer_case,
    uses=("week14.MultiHeadAttention",),
    **MODULE_TOLERANCES,
))


def _decoder_case(rng, tail=None, sizes=None):
    d_model, num_heads, dff, vocab_size = _stack_sizes(rng)
    num_layers, N, T_x, T_y = sizes or (int(rng.integers(1, 3)), int(rng.integers(1, 4)), *distinct_sizes(rng, 2, 1, 7))
    targets, enc_output, masks = _decoder_inputs(rng, N, T_x, T_y, d_model, vocab_size)
    init = (num_layers, d_model, num_heads, dff, vocab_size, T_y + int(rng.integers(0, 5)),
            *(tail or _epsilon_tail(rng)))
    return _masked_case(nets.Decoder, init, [targets, enc_output], masks, rng)


register(FunctionSpec(
    key="week14.Decoder",
    reference=nets.Decoder,
    call=MaskedModuleCall(),
    examples=lambda: (_decoder_case(np.random.default_rng(21), (0.0,), (2, 3, 5, 4)),),
    random_args=_decoder_case,
    uses=("week14.DecoderLayer", "week14.positional_encoding"),
    **MODULE_TOLERANCES,
))


# --- the Transformer ---------------------------------------------------------------------------

def _transformer_case(rng, tail=None, sizes=None):
    d_model, num_heads, dff, input_vocab_size = _stack_sizes(rng)
    target_vocab_size = int(rng.integers(4, 12))
    num_layers, N, T_x, T_y = sizes or (int(rng.integers(1, 3)), int(rng.integers(1, 4)), *distinct_sizes(rng, 2, 1, 7))
    sources = _token_ids(rng, N, T_x, input_vocab_size)
    targets = rng.integers(0, target_vocab_size, (N, T_y)).astype(np.int64)
    init = (num_layers, d_model, num_heads, dff, input_vocab_size, target_vocab_size, T_x + int(rng.integers(0, 4)),
            T_y + int(rng.integers(0, 4)), *(tail or _epsilon_tail(rng)))
    masks = [_padding_mask(sources), _look_ahead_mask(T_y), _padding_mask(sources)]
    return _masked_case(nets.Transformer, init, [sources, targets], masks, rng)


def _logits_not_probabilities(expected, actual, where, spec):
    """Name the classic mistake, a softmax at the end of ``forward``, before comparing."""
    logits = actual[0] if isinstance(actual, (tuple, list)) and actual else None
    if (is_tensor(logits) and tuple(logits.shape) == tuple(expected[0].shape)
            and bool(((logits.sum(dim=-1) - 1).abs() < 1e-5).all())):
        return (f"{where}: the first output holds probabilities (each row sums to 1); it should be the logits, "
                "the scores before the softmax: nn.CrossEntropyLoss applies the softmax itself.")
    return compare(expected, actual, where, spec)


register(FunctionSpec(
    key="week14.Transformer",
    reference=nets.Transformer,
    call=MaskedModuleCall(),
    examples=lambda: (_transformer_case(np.random.default_rng(22), (0.0,), (2, 3, 6, 4)),),
    random_args=_transformer_case,
    uses=("week14.Encoder", "week14.Decoder"),
    comparator=_logits_not_probabilities,
    **MODULE_TOLERANCES,
))


# --- BERT masking ------------------------------------------------------------------------------

def _bert_args(rng):
    """Right-padded sequences that start with a ``[CLS]``-like special token, over a vocabulary
    whose special ids (padding 0, the mask token and one or two others) sit anywhere."""
    vocab_size = int(rng.integers(6, 40))
    mask_id, *others = (int(i) for i in rng.choice(np.arange(1, vocab_size), int(rng.integers(2, 4)), replace=False))
    special_ids = [0, mask_id, *others]
    ordinary = np.setdiff1d(np.arange(vocab_size), special_ids)
    N, T = int(rng.integers(30, 80)), int(rng.integers(8, 40))
    ids = ordinary[rng.integers(0, len(ordinary), (N, T))]
    ids[:, 0] = others[0]
    ids[_token_ids(rng, N, T, 2) == 0] = 0
    special_ids = list(rng.permutation(special_ids)) if rng.random() < 0.5 else special_ids
    return torch.from_numpy(ids), vocab_size, mask_id, tuple(int(i) for i in special_ids), int(rng.integers(0, 2**30))


def _dates_example():
    """The characters of 100 dates, the mask token appended to their vocabulary."""
    dates = load_dates(n_train=100, n_test=0)
    sources, _ = dates.arrays("train")
    mask_id = len(dates.source_tokens)
    return torch.from_numpy(sources), mask_id + 1, mask_id, (0, 1, mask_id), 5


def _small_vocabulary_example():
    """Five ordinary tokens: random replacements often draw the token they replace."""
    rng = np.random.default_rng(6)
    ids = rng.integers(4, 9, (60, 40))
    ids[:, 0], ids[:, 30:] = 1, 0
    return torch.from_numpy(ids), 9, 3, (0, 1, 2, 3), 7


def _well_formed_corruption(expected, actual, where, spec):
    """Each draw is ``(masked_ids, chosen)`` of the input's shape; nothing but chosen tokens
    changes, no special token is chosen, and a chosen token becomes the mask token or an
    ordinary one. (The draws' statistics are :func:`_corruption_follows_bert`'s.)"""
    if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
        return f"{where} should be a list of {len(expected)} draws."
    shape = tuple(expected[0][0].shape)
    for draw in actual:
        if not isinstance(draw, (tuple, list)) or len(draw) != 2 or not all(is_tensor(part) for part in draw):
            return "bert_mask should return a tuple of two tensors (masked_ids, chosen)."
        masked_ids, chosen = draw
        if tuple(masked_ids.shape) != shape or tuple(chosen.shape) != shape:
            return f"masked_ids and chosen should both have the shape of token_ids, {shape}."
        if masked_ids.dtype != torch.int64 or chosen.dtype != torch.bool:
            return f"masked_ids should be int64 and chosen bool, got {masked_ids.dtype} and {chosen.dtype}."
    return None


def _bernstein_evidence(count, expected, variance):
    """``t^2 / (2 (V + t / 3))`` for ``t = |count - expected|``: a correct sampler's sum of
    independent 0/1 draws strays that far with probability at most ``2 exp(-evidence)``."""
    t = np.abs(np.asarray(count, float) - expected)
    return t ** 2 / (2 * (variance + t / 3) + 1e-300)


def _too_far(count, p):
    """Evidence that ``count`` successes of independent draws of probabilities ``p`` (summed
    over the last axis) did not come from them."""
    p = np.asarray(p, float)
    return _bernstein_evidence(count, p.sum(axis=-1), (p * (1 - p)).sum(axis=-1))


def _corruption_follows_bert(args, observed):
    """What a correct corruption guarantees on every draw, then its statistics: the first count
    of :func:`bert_evidence` beyond :data:`EVIDENCE`."""
    token_ids, vocab_size, mask_id, special_ids, _ = args
    ids = np.asarray(token_ids)
    ordinary = ~np.isin(ids, special_ids)
    allowed = [mask_id, *np.setdiff1d(np.arange(vocab_size), special_ids)]
    draws = [(np.asarray(m), np.asarray(c)) for m, c in observed["result"]]
    if any(c[~ordinary].any() for _, c in draws):
        return "a special token was chosen: only ordinary tokens may be (special_ids lists the others)."
    if any((m[~c] != ids[~c]).any() for m, c in draws):
        return "a token that was not chosen changed: only chosen tokens may be corrupted."
    if any(not np.isin(m[c], allowed).all() for m, c in draws):
        return "a chosen token became a special token other than the mask token: random tokens are ordinary ones."
    return next((problem for evidence, problem in bert_evidence(args, draws) if evidence > EVIDENCE), None)


def bert_evidence(args, draws):
    """``[(evidence, problem)]`` for each count of the ``draws`` (``(masked_ids, chosen)``
    arrays) of a case against the probabilities of BERT's corruption, the evidence computed
    by :func:`_too_far`: chosen ordinary tokens (15 %, overall, per position and per token id),
    masked chosen tokens (80 %), unchanged ones among the chosen tokens not masked (half, plus
    the random draws that give a token back) and the random replacements (uniform over the
    ordinary tokens)."""
    token_ids, vocab_size, mask_id, special_ids, _ = args
    ids = np.asarray(token_ids)
    ordinary_ids = np.setdiff1d(np.arange(vocab_size), special_ids)
    ordinary = ~np.isin(ids, special_ids)
    chosen = np.stack([c for _, c in draws])
    share = nets.CHOSEN_FRACTION

    def chosen_evidence(count, candidates):
        return _bernstein_evidence(count, candidates * share, candidates * share * (1 - share))

    total = len(draws) * ordinary.sum()
    found = [(chosen_evidence(chosen.sum(), total),
              f"{100 * chosen.sum() / max(total, 1):.1f} % of the ordinary tokens were chosen; each should be, "
              "independently, with probability 0.15.")]
    where = ("the chosen tokens depend on their position or their id: choose each one independently, "
             "with probability 0.15.")
    found += [(chosen_evidence(count, n), where)
              for count, n in zip(chosen.sum(axis=(0, 1)), len(draws) * ordinary.sum(axis=0))]
    found += [(chosen_evidence(chosen[:, ids == j].sum(), len(draws) * (ids == j).sum()), where) for j in ordinary_ids]

    outputs = np.concatenate([m[c] for m, c in draws])
    originals = np.concatenate([ids[c] for _, c in draws])
    masked = outputs == mask_id
    found.append((_too_far(masked.sum(), np.full(len(outputs), nets.MASKED_FRACTION)),
                  f"{100 * masked.sum() / max(len(masked), 1):.1f} % of the chosen tokens became the mask token; "
                  "80 % should."))
    random_share = nets.RANDOM_FRACTION / (1 - nets.MASKED_FRACTION)  # of the chosen tokens not masked
    rest, rest_originals = outputs[~masked], originals[~masked]
    p_same = (1 - random_share) + random_share / len(ordinary_ids)
    kept = (rest == rest_originals).sum()
    found.append((_too_far(kept, np.full(len(rest), p_same)),
                  f"{100 * kept / max(len(rest), 1):.1f} % of the chosen tokens that were not masked kept their id; "
                  f"{100 * p_same:.1f} % should (half unchanged, half random, and a random token can be the same)."))
    uniform = random_share / len(ordinary_ids)
    found += [(_too_far((rest == j).sum(), uniform + (1 - random_share) * (rest_originals == j)),
               "the random tokens are not drawn uniformly from the ordinary tokens.") for j in ordinary_ids]
    return found


register(FunctionSpec(
    key="week14.bert_mask",
    reference=nets.bert_mask,
    call=GeneratorSamples(BERT_DRAWS),
    examples=lambda: (_dates_example(), _small_vocabulary_example()),
    random_args=_bert_args,
    comparator=_well_formed_corruption,
    properties=(_corruption_follows_bert,),
))
