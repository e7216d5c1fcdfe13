"""Week 11's recurrent networks: the NumPy cells against torch's, the character model's gradients,
the names corpus and the sampling check."""
import numpy as np
import pytest
import torch

from dlkit.checks import REGISTRY, check
from dlkit.data.names import load_names
from dlkit.nets.recurrent import CharLSTM, char_lm_loss, name_batches, sample_name, torch_gru_from, torch_lstm_from
from dlkit.runtime.device import get_device
from dlkit.scratch import rnn
from dlkit.scratch.gradcheck import numerical_gradient, relative_error


def gated_parameters(rng, gates, n_x, n_a, n_y):
    parameters = {"W" + g: rng.normal(0, 1, (n_a, n_a + n_x)) for g in gates}
    parameters.update({"b" + g: rng.normal(0, 1, (n_a, 1)) for g in gates})
    parameters.update(Wy=rng.normal(0, 1, (n_y, n_a)), by=rng.normal(0, 1, (n_y, 1)))
    return parameters


def batch_first(x):
    """``(n, m, T)`` NumPy to torch's ``(m, T, n)``, and back."""
    return torch.from_numpy(x.transpose(1, 2, 0))


def time_last(h):
    return h.detach().numpy().transpose(2, 0, 1)


@pytest.mark.parametrize("seed", range(5))
def test_the_numpy_lstm_is_torch_nn_lstm_with_the_weights_mapped(seed):
    rng = np.random.default_rng(seed)
    n_x, n_a, m, T_x = 3, 5, 4, 6
    parameters = gated_parameters(rng, "fico", n_x, n_a, 2)
    x = rng.normal(0, 1, (n_x, m, T_x))
    a, _, c, _ = rnn.lstm_forward(x, np.zeros((n_a, m)), parameters)
    h, (_, c_last) = torch_lstm_from(parameters)(batch_first(x))
    assert np.abs(a - time_last(h)).max() < 1e-12
    assert np.abs(c[:, :, -1] - c_last[0].detach().numpy().T).max() < 1e-12


@pytest.mark.parametrize("seed", range(5))
def test_the_numpy_gru_is_torch_nn_gru_with_its_update_gate_flipped(seed):
    """Exactly where the two GRUs are the same function: the candidate's hidden weights diagonal
    (torch resets after the product, the lectures before it)."""
    rng = np.random.default_rng(seed)
    n_x, n_a, m, T_x = 3, 5, 4, 6
    parameters = gated_parameters(rng, "urc", n_x, n_a, 2)
    parameters["Wc"][:, :n_a] = np.diag(rng.normal(0, 1, n_a))
    x, a0 = rng.normal(0, 1, (n_x, m, T_x)), rng.normal(0, 1, (n_a, m))
    a, _ = rnn.gru_forward(x, a0, parameters)
    h, _ = torch_gru_from(parameters)(batch_first(x), torch.from_numpy(a0.T[None].copy()))
    assert np.abs(a - time_last(h)).max() < 1e-12


def test_with_full_candidate_weights_the_two_gru_conventions_differ():
    rng = np.random.default_rng(0)
    parameters = gated_parameters(rng, "urc", 3, 5, 2)
    x, a0 = rng.normal(0, 1, (3, 4, 6)), rng.normal(0, 1, (5, 4))
    h, _ = torch_gru_from(parameters)(batch_first(x), torch.from_numpy(a0.T[None].copy()))
    assert np.abs(rnn.gru_forward(x, a0, parameters)[0] - time_last(h)).max() > 0.1


def test_the_character_model_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    char_to_ix = {"\n": 0, "a": 1, "b": 2, "c": 3}
    parameters = {"Wax": rng.normal(0, 1, (3, 4)), "Waa": rng.normal(0, 1, (3, 3)), "Wya": rng.normal(0, 1, (4, 3)),
                  "b": rng.normal(0, 1, (3, 1)), "by": rng.normal(0, 1, (4, 1))}
    X, Y = rnn.name_example("abcab", char_to_ix)
    a0 = rng.normal(0, 1, (3, 1))
    loss, cache = rnn.char_rnn_forward(X, Y, a0, parameters)
    gradients, _ = rnn.char_rnn_backward(X, Y, parameters, cache)
    for name in parameters:
        numeric = numerical_gradient(lambda v: rnn.char_rnn_forward(X, Y, a0, {**parameters, name: v})[0], parameters[name])
        assert relative_error(gradients["d" + name], numeric) < 1e-7, name


def test_training_lowers_the_loss_on_held_out_names():
    corpus = load_names()
    untrained = rnn.initialize_char_rnn(20, len(corpus.chars))
    trained, losses = rnn.train_char_rnn(corpus.train, corpus.char_to_ix, n_a=20, iterations=3000, report_every=1000)
    assert losses[-1] < losses[0]
    assert rnn.char_rnn_loss(corpus.test, corpus.char_to_ix, trained) < 0.7 * rnn.char_rnn_loss(
        corpus.test, corpus.char_to_ix, untrained)


def test_the_names_corpus_is_fixed_and_its_test_names_are_new():
    corpus = load_names()
    assert corpus == load_names()
    assert not set(corpus.train) & set(corpus.test)
    assert corpus.chars[0] == "\n" and set("".join(corpus.test)) <= set("".join(corpus.train))
    assert all(name.isalpha() and name.islower() for name in corpus.train + corpus.test)


def test_name_batches_pad_labels_so_the_loss_ignores_them():
    corpus = load_names()
    x, labels = name_batches(["ab", "abcd"], corpus.char_to_ix)
    assert x.shape == labels.shape == (2, 5)
    assert x[0, 0] == len(corpus.chars) and (labels[0, 3:] == -100).all()
    assert labels[0, 2] == corpus.char_to_ix["\n"]


def test_sampled_names_end_at_a_newline_and_draw_from_the_softmax():
    corpus = load_names()
    parameters = rnn.initialize_char_rnn(8, len(corpus.chars))
    names = {tuple(rnn.sample(parameters, corpus.char_to_ix, seed)) for seed in range(20)}
    assert len(names) == 20  # an untrained model's softmax is nearly uniform: no two draws alike
    assert all(name[-1] == corpus.char_to_ix["\n"] and len(name) <= rnn.MAX_SAMPLE_LENGTH + 1 for name in names)


def test_the_sample_check_needs_many_draws_and_no_particular_generator(monkeypatch):
    """``sample`` with a stream of its own (ignoring the seed) is still a correct sampler."""
    state = np.random.default_rng(99)

    def own_stream(parameters, char_to_ix, seed):
        return rnn.sample(parameters, char_to_ix, int(state.integers(2**31)))

    check("week11.sample", own_stream, hidden=True)
    assert REGISTRY["week11.sample"].call.count >= 100


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_the_char_lstm_gives_the_same_loss_and_names_on_cuda():
    corpus = load_names()
    torch.manual_seed(0)
    model = CharLSTM(len(corpus.chars)).eval()
    x, labels = name_batches(corpus.test[:64], corpus.char_to_ix)
    with torch.no_grad():
        expected = char_lm_loss(model, x, labels)
        model.to(get_device())
        actual = char_lm_loss(model, x.to(get_device()), labels.to(get_device())).cpu()
    assert torch.allclose(actual, expected, atol=1e-5)
    assert sample_name(model, corpus.ix_to_char, torch.Generator().manual_seed(1))
