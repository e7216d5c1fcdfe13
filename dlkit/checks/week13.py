"""Week 13: sequence models and attention.

``one_step_attention`` is checked on its outputs and on their gradients with respect to the
encoder states and the decoder state (:class:`dlkit.checks.spec.WithGradients`), so a detached or
NumPy computation fails; ``AttentionSeq2Seq`` as a module, with the reference attention bound in.
The decoders run on a toy model whose next-token probabilities are a random table
(:func:`dlkit.scratch.decoding.table_model`), the same for the student's decoder and the
reference, with random start and end tokens and lengths; tables are drawn sharp or flat, so that
greedy and beam search, and the normalised and unnormalised choices, often differ. BLEU's parts
get random token lists over small vocabularies (so n-grams repeat and clipping matters), with
references of equal distance on both sides of the candidate's length now and then.

This module imports torch; the registry loads it only when a week-13 key is looked up.
"""
import numpy as np
import torch

from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec, ModuleCall, Returns, WithGradients, module_case
from dlkit.metrics import bleu as bleu_metrics
from dlkit.nets import seq2seq
from dlkit.scratch import decoding

# --- attention ---------------------------------------------------------------------------------


def _tensor(array):
    return torch.as_tensor(np.asarray(array, dtype=np.float32))


def _attention_args(rng, sizes=None):
    """Encoder states ``(N, Tx, 2 n_a)``, a decoder state ``(N, n_s)`` and the two layers'
    weights and biases, all sizes different."""
    N, Tx, n_a, n_s, n_e = sizes or (int(rng.integers(1, 5)), *distinct_sizes(rng, 4, 2, 9))
    scale = float(rng.uniform(0.5, 2))
    return (_tensor(rng.normal(0, 1, (N, Tx, 2 * n_a))), _tensor(rng.normal(0, 1, (N, n_s))),
            _tensor(rng.normal(0, scale, (n_e, 2 * n_a + n_s))), _tensor(rng.normal(0, 0.5, n_e)),
            _tensor(rng.normal(0, scale, (1, n_e))), _tensor(rng.normal(0, 0.5, 1)))


def _linear(weight, bias):
    layer = torch.nn.Linear(weight.shape[1], weight.shape[0])
    with torch.no_grad():
        layer.weight.copy_(weight)
        layer.bias.copy_(bias)
    return layer


def _attention_call(a, s_prev, W1, b1, W2, b2):
    """``(a, s_prev, densor1, densor2)``: the layers built from the case's weights."""
    with torch.random.fork_rng(devices=[]):
        return a, s_prev, _linear(W1, b1), _linear(W2, b2)


register(FunctionSpec(
    key="week13.one_step_attention",
    reference=seq2seq.one_step_attention,
    call=WithGradients(positions=(0, 1), prepare=_attention_call),
    examples=lambda: (_attention_args(np.random.default_rng(13), (2, 5, 3, 4, 6)),),
    random_args=_attention_args,
    output_names=("context", "alphas"),
    rtol=1e-4,
    atol=1e-5,
))


def _ids(rng, shape, vocab_size, low=0):
    return rng.integers(low, vocab_size, shape)


def _seq2seq_case(rng, sizes=None):
    """A small model; sources right-padded (one of full length), previous target tokens."""
    source_vocab, target_vocab, embedding_dim, n_a, n_s, n_e = sizes or (
        int(rng.integers(4, 12)), *distinct_sizes(rng, 5, 2, 10))
    N, Tx, Ty = int(rng.integers(2, 5)), int(rng.integers(2, 8)), int(rng.integers(1, 6))
    x = _ids(rng, (N, Tx), source_vocab, low=1)
    lengths = rng.integers(1, Tx + 1, N)
    lengths[0] = Tx
    x[np.arange(Tx)[None, :] >= lengths[:, None]] = 0
    y_in = _ids(rng, (N, Ty), target_vocab)
    return module_case(seq2seq.AttentionSeq2Seq, (source_vocab, target_vocab, embedding_dim, n_a, n_s, n_e),
                       [x, y_in], rng)


register(FunctionSpec(
    key="week13.AttentionSeq2Seq",
    reference=seq2seq.AttentionSeq2Seq,
    call=ModuleCall(),
    examples=lambda: (_seq2seq_case(np.random.default_rng(13), (9, 7, 4, 3, 5, 6)),),
    random_args=_seq2seq_case,
    uses=("week13.one_step_attention",),
    rtol=1e-4,
    atol=1e-5,
))


# --- decoding ----------------------------------------------------------------------------------

def _table_args(rng):
    """A toy model's logits ``(T, V, V)`` (sharp or flat, the end token more or less likely),
    start and end tokens and ``T``."""
    V, T = int(rng.integers(3, 8)), int(rng.integers(3, 8))
    logits = rng.normal(0, float(rng.choice([0.7, 1.5, 3.0])), (T, V, V))
    start_id, end_id = (int(t) for t in rng.choice(V, 2, replace=False))
    logits[:, :, end_id] += rng.normal(0, 1)
    return logits, start_id, end_id, T


def _table_call(logits, *rest):
    """The toy model's ``(step, state)`` in front of the other arguments."""
    return (*decoding.table_model(logits), *rest)


register(FunctionSpec(
    key="week13.greedy_decode",
    reference=decoding.greedy_decode,
    call=Returns(prepare=_table_call),
    # A table where greedy reaches the end token, and one where it never does.
    examples=lambda: (_table_args(np.random.default_rng(3)), _table_args(np.random.default_rng(2))),
    random_args=_table_args,
    exact_dtype=False,
))


def _score_args(rng):
    log_probs = np.log(rng.uniform(0.01, 1, int(rng.integers(1, 15))))
    return (log_probs,) if rng.random() < 0.4 else (log_probs, float(rng.uniform(0, 1.5)))


register(FunctionSpec(
    key="week13.length_normalized_score",
    reference=decoding.length_normalized_score,
    examples=((np.log([0.5, 0.25, 0.8]),), (np.log([0.9, 0.9]), 1.0), (np.log([0.5, 0.5, 0.5, 0.5]), 0.0)),
    random_args=_score_args,
))


def _beam_args(rng):
    logits, start_id, end_id, T = _table_args(rng)
    width = int(rng.integers(2, 6)) if rng.random() < 0.9 else 1
    alpha = () if rng.random() < 0.4 else (float(rng.choice([0.0, 0.3, 1.0, 1.5])),)
    return (logits, start_id, end_id, width, T, *alpha)


register(FunctionSpec(
    key="week13.beam_search",
    reference=decoding.beam_search,
    call=Returns(prepare=_table_call),
    # Tables where greedy, beam search with and without normalisation, and a beam pruned by the
    # wrong score all choose differently.
    examples=lambda: (_beam_args(np.random.default_rng(0)), _beam_args(np.random.default_rng(17))),
    random_args=_beam_args,
    uses=("week13.length_normalized_score",),
    output_names=("tokens", "score"),
    exact_dtype=False,
))


# --- BLEU --------------------------------------------------------------------------------------

LECTURE_REFERENCES = ("the cat is on the mat".split(), "there is a cat on the mat".split())


def _words(rng, vocabulary, length):
    return [str(w) for w in rng.choice(vocabulary, length)]


def _bleu_args(rng):
    """A candidate and one to four references over a vocabulary of 2 to 7 words; a quarter of
    the time two references equally far from the candidate's length, one shorter, one longer."""
    vocabulary = ["the", "cat", "sat", "on", "mat", "a", "dog"][:int(rng.integers(2, 8))]
    c = int(rng.integers(0, 12))
    lengths = list(rng.integers(1, 14, int(rng.integers(1, 5))))
    if rng.random() < 0.25 and c > 1:
        gap = int(rng.integers(1, c))
        lengths[:1] = [c - gap, c + gap]
        rng.shuffle(lengths)
    candidate = _words(rng, vocabulary, c)
    # References that share the candidate's n-grams: copies of it, edited.
    references = []
    for length in lengths:
        reference = (candidate + _words(rng, vocabulary, int(length)))[:int(length)]
        flips = rng.random(len(reference)) < 0.3
        references.append([_words(rng, vocabulary, 1)[0] if flip else w for w, flip in zip(reference, flips)])
    return candidate, references


register(FunctionSpec(
    key="week13.modified_precision",
    reference=bleu_metrics.modified_precision,
    # The lectures' examples: clipped unigram precision 2/7, clipped bigram precision 4/6.
    examples=(("the the the the the the the".split(), list(LECTURE_REFERENCES), 1),
              ("the cat the cat on the mat".split(), list(LECTURE_REFERENCES), 2)),
    random_args=lambda rng: (*_bleu_args(rng), int(rng.integers(1, 5))),
))

register(FunctionSpec(
    key="week13.brevity_penalty",
    reference=bleu_metrics.brevity_penalty,
    # Shorter than both references; between two, closer to the longer; a tie between a reference
    # one shorter and one longer (the shorter counts, so there is no penalty).
    examples=(("the cat on the mat".split(), list(LECTURE_REFERENCES)),
              ("on the mat the cat is".split(), ["the cat sat".split(), "there is a cat on the mat".split()]),
              ("a b c d e".split(), ["a b c d".split(), "a b c d e f".split()])),
    random_args=_bleu_args,
))

register(FunctionSpec(
    key="week13.bleu",
    reference=bleu_metrics.bleu,
    examples=(("the cat is on the mat".split(), list(LECTURE_REFERENCES)),
              ("there is a cat on a mat".split(), list(LECTURE_REFERENCES)),
              ("the cat the cat on the mat".split(), list(LECTURE_REFERENCES)),
              ("the cat is on the".split(), list(LECTURE_REFERENCES))),
    random_args=lambda rng: _bleu_args(rng) if rng.random() < 0.5 else (*_bleu_args(rng), int(rng.integers(1, 5))),
    uses=("week13.modified_precision", "week13.brevity_penalty"),
))
