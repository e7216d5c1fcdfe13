"""Week 11: recurrent networks in NumPy and the character-level language model.

Forward passes are compared on their outputs (``a``, ``y``, ``c``), not their caches; the
backward passes are fed the reference's caches and also checked against finite differences.
``sample`` is random: it is called many times and judged by the distribution of what it draws
(:func:`_draws_follow_the_model`), so any correct sampler passes, whatever generator it uses.
"""
import numpy as np

from dlkit.checks.compare import leading_outputs
from dlkit.checks.inputs import distinct_sizes
from dlkit.checks.properties import backward_disagrees
from dlkit.checks.registry import register
from dlkit.checks.spec import ArgumentsAfter, FunctionSpec, Samples
from dlkit.scratch import rnn

LSTM_GATES = ("f", "i", "c", "o")
GRU_GATES = ("u", "r", "c")
N_SAMPLES = 200  # names drawn per case of the sample check
# Evidence needed to call a sampler wrong: Freedman's inequality bounds the chance that a correct
# sampler's counts stray this far by exp(-EVIDENCE), for each of the few dozen counts tested.
EVIDENCE = 25.0


# --- forward passes ------------------------------------------------------------------------------

def _sizes(rng):
    """``(n_x, n_a, n_y, m, T_x)``, the three widths distinct."""
    n_x, n_a, n_y = distinct_sizes(rng, 3, 2, 7)
    return n_x, n_a, n_y, int(rng.integers(1, 5)), int(rng.integers(1, 6))


def _rnn_parameters(rng, n_x, n_a, n_y):
    return {"Wax": rng.normal(0, 1, (n_a, n_x)), "Waa": rng.normal(0, 1, (n_a, n_a)), "Wya": rng.normal(0, 1, (n_y, n_a)),
            "ba": rng.normal(0, 0.5, (n_a, 1)), "by": rng.normal(0, 0.5, (n_y, 1))}


def _gated_parameters(rng, gates, n_x, n_a, n_y):
    parameters = {}
    for gate in gates:
        parameters["W" + gate] = rng.normal(0, 1, (n_a, n_a + n_x))
        parameters["b" + gate] = rng.normal(0, 0.5, (n_a, 1))
    parameters["Wy"], parameters["by"] = rng.normal(0, 1, (n_y, n_a)), rng.normal(0, 0.5, (n_y, 1))
    return parameters


def _rnn_cell_args(rng):
    n_x, n_a, n_y, m, _ = _sizes(rng)
    return rng.normal(0, 1, (n_x, m)), rng.normal(0, 1, (n_a, m)), _rnn_parameters(rng, n_x, n_a, n_y)


def _rnn_args(rng):
    n_x, n_a, n_y, m, T_x = _sizes(rng)
    return rng.normal(0, 1, (n_x, m, T_x)), rng.normal(0, 1, (n_a, m)), _rnn_parameters(rng, n_x, n_a, n_y)


def _lstm_cell_args(rng):
    n_x, n_a, n_y, m, _ = _sizes(rng)
    return (rng.normal(0, 1, (n_x, m)), rng.normal(0, 1, (n_a, m)), rng.normal(0, 1, (n_a, m)),
            _gated_parameters(rng, LSTM_GATES, n_x, n_a, n_y))


def _lstm_args(rng):
    n_x, n_a, n_y, m, T_x = _sizes(rng)
    return rng.normal(0, 1, (n_x, m, T_x)), rng.normal(0, 1, (n_a, m)), _gated_parameters(rng, LSTM_GATES, n_x, n_a, n_y)


def _gru_cell_args(rng):
    n_x, n_a, n_y, m, _ = _sizes(rng)
    return rng.normal(0, 1, (n_x, m)), rng.normal(0, 1, (n_a, m)), _gated_parameters(rng, GRU_GATES, n_x, n_a, n_y)


register(FunctionSpec(
    key="week11.rnn_cell_forward",
    reference=rnn.rnn_cell_forward,
    random_args=_rnn_cell_args,
    comparator=leading_outputs("a_next", "yt_pred"),
))

register(FunctionSpec(
    key="week11.rnn_forward",
    reference=rnn.rnn_forward,
    random_args=_rnn_args,
    uses=("week11.rnn_cell_forward",),
    comparator=leading_outputs("a", "y_pred"),
))

register(FunctionSpec(
    key="week11.lstm_cell_forward",
    reference=rnn.lstm_cell_forward,
    random_args=_lstm_cell_args,
    comparator=leading_outputs("a_next", "c_next", "yt_pred"),
))

register(FunctionSpec(
    key="week11.lstm_forward",
    reference=rnn.lstm_forward,
    random_args=_lstm_args,
    uses=("week11.lstm_cell_forward",),
    comparator=leading_outputs("a", "y", "c"),
))

register(FunctionSpec(
    key="week11.gru_cell_forward",
    reference=rnn.gru_cell_forward,
    random_args=_gru_cell_args,
    comparator=leading_outputs("a_next", "yt_pred"),
))


# --- backward passes -----------------------------------------------------------------------------

def _rnn_cell_backward_args(rng):
    a_next, _, cache = rnn.rnn_cell_forward(*_rnn_cell_args(rng))
    return rng.normal(0, 1, a_next.shape), cache


def _gradients_match_finite_differences(forward_pass, unpack, input_name, state_name):
    """A property: the gradients a backward pass returned against finite differences of
    ``forward_pass`` (``rnn_cell_forward`` or ``rnn_forward``), with respect to its input and
    state (named ``input_name``, ``state_name`` among the gradients) and ``Wax``, ``Waa``,
    ``ba``. ``unpack(args)`` gives ``(upstream, input, state, parameters)`` of a case."""

    def gradients_match_finite_differences(args, observed):
        upstream, x, a, parameters = unpack(args)

        def forward(values):
            changed = {**parameters, "Wax": values["dWax"], "Waa": values["dWaa"], "ba": values["dba"]}
            return forward_pass(values[input_name], values[state_name], changed)[0]

        values = {input_name: x, state_name: a, "dWax": parameters["Wax"], "dWaa": parameters["Waa"], "dba": parameters["ba"]}
        return backward_disagrees(forward, upstream, values, observed["result"])

    return gradients_match_finite_differences


def _unpack_cell_case(args):
    da_next, (_, a_prev, xt, parameters) = args
    return da_next, xt, a_prev, parameters


register(FunctionSpec(
    key="week11.rnn_cell_backward",
    reference=rnn.rnn_cell_backward,
    random_args=_rnn_cell_backward_args,
    properties=(_gradients_match_finite_differences(rnn.rnn_cell_forward, _unpack_cell_case, "dxt", "da_prev"),),
))


def _rnn_backward_args(rng):
    a, _, caches = rnn.rnn_forward(*_rnn_args(rng))
    return rng.normal(0, 1, a.shape), caches


def _unpack_sequence_case(args):
    da, (cell_caches, x) = args
    return da, x, cell_caches[0][1], cell_caches[0][3]


register(FunctionSpec(
    key="week11.rnn_backward",
    reference=rnn.rnn_backward,
    random_args=_rnn_backward_args,
    uses=("week11.rnn_cell_backward",),
    properties=(_gradients_match_finite_differences(rnn.rnn_forward, _unpack_sequence_case, "dx", "da0"),),
))


# --- the character-level model -------------------------------------------------------------------

def _char_rnn_gradients(rng, n_a, vocab_size, scale):
    shapes = {"dWax": (n_a, vocab_size), "dWaa": (n_a, n_a), "dWya": (vocab_size, n_a), "db": (n_a, 1), "dby": (vocab_size, 1)}
    return {name: rng.normal(0, scale, shape) for name, shape in shapes.items()}


def _clip_args(rng):
    n_a, vocab_size = distinct_sizes(rng, 2, 2, 9)
    return _char_rnn_gradients(rng, n_a, vocab_size, float(rng.uniform(1, 10))), float(rng.uniform(0.5, 10))


register(FunctionSpec(
    key="week11.clip",
    reference=rnn.clip,
    call=ArgumentsAfter(gradients=0),
    examples=lambda: ((_char_rnn_gradients(np.random.default_rng(11), 3, 5, 10.0), 5.0),
                      ({"dWax": np.array([[-12.0, 0.5, 7.0]]), "dWaa": np.array([[3.0]]), "dWya": np.array([[-5.0], [5.0], [6.0]]),
                        "db": np.array([[-7.5]]), "dby": np.array([[1.0], [-1.0], [100.0]])}, 5.0)),
    random_args=_clip_args,
))


def _vocabulary(rng):
    """``char_to_ix`` for a few characters, the newline at a random index."""
    letters = list("abcdefg"[:int(rng.integers(2, 6))])
    chars = list(rng.permutation(letters + ["\n"]))
    return {str(ch): i for i, ch in enumerate(chars)}


def _char_rnn_parameters(rng, n_a, char_to_ix, scale=1.0):
    vocab_size = len(char_to_ix)
    return {"Wax": rng.normal(0, 2 * scale, (n_a, vocab_size)), "Waa": rng.normal(0, 1.5 * scale, (n_a, n_a)),
            "Wya": rng.normal(0, 2 * scale, (vocab_size, n_a)), "b": rng.normal(0, 0.5, (n_a, 1)),
            "by": rng.normal(0, 1, (vocab_size, 1))}


def _sample_args(rng):
    char_to_ix = _vocabulary(rng)
    parameters = _char_rnn_parameters(rng, int(rng.integers(2, 6)), char_to_ix)
    parameters["by"][char_to_ix["\n"]] += 1.0  # names of a few characters: quick to draw
    return parameters, char_to_ix, int(rng.integers(0, 2**30))


def _endless_names():
    """A model that (almost) never draws the newline: every name stops at the length limit."""
    rng = np.random.default_rng(50)
    char_to_ix = {"\n": 0, "a": 1, "b": 2}
    parameters = _char_rnn_parameters(rng, 3, char_to_ix)
    parameters["by"][0] = -40.0
    return parameters, char_to_ix, 7


def _well_formed_names(expected, actual, where, spec):
    """Each draw is a list of character indices that ends with the newline, holds no other
    newline and has at most ``MAX_SAMPLE_LENGTH`` characters before it."""
    if not isinstance(actual, (list, tuple)) or len(actual) != len(expected):
        return f"{where} should be a list of {len(expected)} draws."
    newline = expected[0][-1]
    for indices in actual:
        if not isinstance(indices, (list, tuple)) or not indices:
            return f"sample should return a non-empty list of indices, got {indices!r:.60}."
        if not all(isinstance(i, (int, np.integer)) and not isinstance(i, bool) for i in indices):
            return "sample should return a list of integer indices (use int(...) on what you draw)."
        if indices[-1] != newline or newline in indices[:-1]:
            return "every sampled name should end with the newline character's index, and contain no other newline."
        if len(indices) > rnn.MAX_SAMPLE_LENGTH + 1:
            return f"a sampled name has {len(indices) - 1} characters; stop after {rnn.MAX_SAMPLE_LENGTH}."
    return None


def _step_probabilities(parameters, indices):
    """The model's distribution of each drawn character, given the ones drawn before it."""
    vocab_size, n_a = parameters["Wya"].shape
    x, a = np.zeros((vocab_size, 1)), np.zeros((n_a, 1))
    probabilities = []
    for index in indices:
        a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a + parameters["b"])
        probabilities.append(rnn.softmax_columns(parameters["Wya"] @ a + parameters["by"])[:, 0])
        x = np.zeros((vocab_size, 1))
        x[index] = 1
    return probabilities


def _draws_follow_the_model(args, observed):
    """For each previous character (and the start) and each character ``k``: how often ``k`` was
    drawn after it against the model's probabilities of ``k`` at those steps. For a correct
    sampler the difference is a martingale with increments in [-1, 1]; Freedman's inequality
    bounds its straying by ``exp(-t^2 / (2 (V + t / 3)))`` (``V`` the summed variances). Argmax
    decoding, a forgotten input or state, or a wrong distribution make the evidence explode."""
    parameters, char_to_ix, _ = args
    vocab_size = len(char_to_ix)
    surplus, variance = np.zeros((vocab_size + 1, vocab_size)), np.zeros((vocab_size + 1, vocab_size))
    for indices in observed["result"]:
        draws = [int(i) for i in indices[:rnn.MAX_SAMPLE_LENGTH]]
        previous = [vocab_size] + draws[:-1]
        for context, drawn, p in zip(previous, draws, _step_probabilities(parameters, draws)):
            surplus[context] -= p
            surplus[context, drawn] += 1
            variance[context] += p * (1 - p)
    t = np.abs(surplus)
    evidence = t ** 2 / (2 * (variance + t / 3) + 1e-300)
    if evidence.max() <= EVIDENCE:
        return None
    context, k = np.unravel_index(np.argmax(evidence), evidence.shape)
    after = "at the first step" if context == vocab_size else "after one of the characters"
    how = "more" if surplus[context, k] > 0 else "less"
    return (f"the sampled characters do not follow the model's softmax: {after}, one character came "
            f"{how} often than the probabilities allow. Draw every character from the softmax, feed it "
            "back as the next input, and carry the hidden state forward.")


register(FunctionSpec(
    key="week11.sample",
    reference=rnn.sample,
    call=Samples(N_SAMPLES),
    examples=lambda: (_endless_names(),),
    random_args=_sample_args,
    comparator=_well_formed_names,
    properties=(_draws_follow_the_model,),
))


def _name(rng, char_to_ix, length):
    letters = [i for ch, i in char_to_ix.items() if ch != "\n"]
    indices = [int(i) for i in rng.choice(letters, size=length)]
    return [None] + indices, indices + [char_to_ix["\n"]]


def _optimize_args(rng, length=None, scale=None):
    char_to_ix = _vocabulary(rng)
    n_a = int(rng.integers(2, 6))
    X, Y = _name(rng, char_to_ix, length or int(rng.integers(1, 12)))
    parameters = _char_rnn_parameters(rng, n_a, char_to_ix, scale or float(rng.uniform(0.2, 1.5)))
    return X, Y, rng.normal(0, 1, (n_a, 1)), parameters, float(rng.uniform(0.001, 0.1))


register(FunctionSpec(
    key="week11.optimize",
    reference=rnn.optimize,
    call=ArgumentsAfter(parameters=3),
    # A long name and large weights: some gradients are certainly clipped.
    examples=lambda: (_optimize_args(np.random.default_rng(3), length=40, scale=3.0),),
    random_args=_optimize_args,
    uses=("week11.clip",),
    output_names=("loss", "gradients", "a_last"),
))
