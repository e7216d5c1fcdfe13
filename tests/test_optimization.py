"""Week 5 (NumPy): optimisers, mini-batches, schedules, batch norm, softmax cross-entropy, data."""
import numpy as np
import pytest
import torch

from dlkit.scratch import batchnorm, hyperparams, losses, optimizers, regularization
from dlkit.scratch.initializers import initialize_parameters_he
from dlkit.scratch.batching import random_mini_batches
from dlkit.data.points2d import make_moons
from dlkit.data.signs import load_signs_dataset
from dlkit.metrics import accuracy
from dlkit.scratch.gradcheck import numerical_gradient, relative_error
from dlkit.scratch.training import train
from dlkit.runtime.progress import progress


def _one_weight():
    return {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}, {"dW1": np.array([[0.5]]), "db1": np.array([[0.0]])}


# --- one step by hand: W = 1, dW = 0.5, learning rate 0.01 ----------------------------------------

def test_one_momentum_step_matches_the_hand_computed_value():
    parameters, grads = _one_weight()
    parameters, v = optimizers.update_parameters_with_momentum(
        parameters, grads, optimizers.initialize_velocity(parameters), beta=0.9, learning_rate=0.01)
    assert v["dW1"][0, 0] == pytest.approx(0.05)                  # 0.1 * 0.5
    assert parameters["W1"][0, 0] == pytest.approx(0.9995)        # 1 - 0.01 * 0.05


def test_one_rmsprop_step_matches_the_hand_computed_value():
    parameters, grads = _one_weight()
    parameters, s = optimizers.update_parameters_with_rmsprop(
        parameters, grads, optimizers.initialize_rmsprop(parameters), beta2=0.999, learning_rate=0.01)
    assert s["dW1"][0, 0] == pytest.approx(0.00025)               # 0.001 * 0.5**2
    # 1 - 0.01 * 0.5 / (sqrt(0.00025) + 1e-8) = 1 - 0.005 / 0.0158113883
    assert parameters["W1"][0, 0] == pytest.approx(0.6837724340, abs=1e-9)


def test_one_adam_step_matches_the_hand_computed_value():
    parameters, grads = _one_weight()
    v, s = optimizers.initialize_adam(parameters)
    parameters, v, s, v_corrected, s_corrected = optimizers.update_parameters_with_adam(
        parameters, grads, v, s, t=1, learning_rate=0.01)
    assert (v["dW1"][0, 0], s["dW1"][0, 0]) == pytest.approx((0.05, 0.00025))
    assert (v_corrected["dW1"][0, 0], s_corrected["dW1"][0, 0]) == pytest.approx((0.5, 0.25))
    # 1 - 0.01 * 0.5 / (sqrt(0.25) + 1e-8): the first step has size learning_rate.
    assert parameters["W1"][0, 0] == pytest.approx(0.9900000002, abs=1e-12)


def test_adam_keeps_epsilon_outside_the_square_root():
    # With tiny gradients, sqrt(s) + eps and sqrt(s + eps) differ by orders of magnitude.
    parameters = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    grads = {"dW1": np.array([[1e-6]]), "db1": np.array([[0.0]])}
    v, s = optimizers.initialize_adam(parameters)
    new, *_ = optimizers.update_parameters_with_adam(parameters, grads, v, s, t=1, learning_rate=0.01, epsilon=1e-4)
    assert new["W1"][0, 0] == pytest.approx(1 - 0.01 * 1e-6 / (1e-6 + 1e-4))


def test_numpy_adam_matches_torch_adam_over_50_steps_of_a_quadratic():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 4))
    A = A @ A.T + np.eye(4)  # cost 0.5 w^T A w - c^T w, w = W1 (2, 1) and b1 (2, 1) stacked
    c = rng.normal(size=4)
    start = rng.normal(size=4)

    w_torch = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam([w_torch], lr=0.01, betas=(0.9, 0.999), eps=1e-8)
    A_t, c_t = torch.tensor(A), torch.tensor(c)

    parameters = {"W1": start[:2].reshape(2, 1).copy(), "b1": start[2:].reshape(2, 1).copy()}
    v, s = optimizers.initialize_adam(parameters)
    for t in range(1, 51):
        w = np.concatenate([parameters["W1"].ravel(), parameters["b1"].ravel()])
        g = A @ w - c
        grads = {"dW1": g[:2].reshape(2, 1), "db1": g[2:].reshape(2, 1)}
        parameters, v, s, _, _ = optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01)

        optimizer.zero_grad()
        cost = 0.5 * w_torch @ A_t @ w_torch - c_t @ w_torch
        cost.backward()
        optimizer.step()
    ours = np.concatenate([parameters["W1"].ravel(), parameters["b1"].ravel()])
    np.testing.assert_allclose(ours, w_torch.detach().numpy(), rtol=0, atol=1e-6)
    assert np.abs(ours - start).max() > 0.1  # it really moved


def test_update_parameters_with_gd_is_the_plain_step():
    parameters, grads = _one_weight()
    assert optimizers.update_parameters_with_gd(parameters, grads, 0.01)["W1"][0, 0] == pytest.approx(0.995)


def test_adam_beats_plain_gradient_descent_on_the_moons():
    """The notebook's comparison, shortened: same network, batches, learning rate and epochs."""
    X, Y = make_moons()

    def final_cost(optimizer, epochs=600, learning_rate=0.0007):
        np.random.seed(3)
        parameters = initialize_parameters_he([2, 5, 2, 1])
        v, s = optimizers.initialize_adam(parameters)
        t = 0

        def epoch(parameters, i):
            nonlocal v, s, t
            total = 0.0
            for batch_X, batch_Y in random_mini_batches(X, Y, 64, seed=11 + i):
                A3, cache = regularization.forward_propagation(batch_X, parameters)
                total += losses.binary_cross_entropy(A3, batch_Y) * batch_X.shape[1]
                grads = regularization.backward_propagation(batch_X, batch_Y, cache)
                if optimizer == "adam":
                    t += 1
                    parameters, v, s, _, _ = optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate)
                else:
                    parameters = optimizers.update_parameters_with_gd(parameters, grads, learning_rate)
            return parameters, total / X.shape[1]

        parameters, costs = train(parameters, epoch, epochs, cost_every=1)
        return costs[-1], accuracy(regularization.predict(X, parameters), Y)

    (gd_cost, gd_accuracy), (adam_cost, adam_accuracy) = final_cost("gd"), final_cost("adam")
    assert adam_cost < gd_cost / 2
    assert adam_accuracy > gd_accuracy + 5


# --- mini-batches --------------------------------------------------------------------------------

def test_random_mini_batches_of_148_examples_by_64_are_64_64_and_20():
    X = np.arange(3 * 148, dtype=float).reshape(3, 148)
    Y = (np.arange(148) % 2).reshape(1, 148)
    batches = random_mini_batches(X, Y, mini_batch_size=64, seed=0)
    assert [batch_X.shape for batch_X, _ in batches] == [(3, 64), (3, 64), (3, 20)]
    assert [batch_Y.shape for _, batch_Y in batches] == [(1, 64), (1, 64), (1, 20)]
    all_X = np.hstack([batch_X for batch_X, _ in batches])
    all_Y = np.hstack([batch_Y for _, batch_Y in batches])
    columns = all_X[0].astype(int)
    assert sorted(columns) == list(range(148)) and list(columns) != list(range(148))  # a permutation, shuffled
    np.testing.assert_array_equal(all_X, X[:, columns])
    np.testing.assert_array_equal(all_Y, Y[:, columns])  # every example kept its label
    again = random_mini_batches(X, Y, mini_batch_size=64, seed=0)
    np.testing.assert_array_equal(again[2][0], batches[2][0])


def test_random_mini_batches_adds_no_empty_batch():
    X, Y = np.zeros((2, 128)), np.zeros((1, 128))
    assert [b[0].shape[1] for b in random_mini_batches(X, Y, 64)] == [64, 64]


# --- learning-rate schedules and log-uniform sampling -----------------------------------------

def test_learning_rate_schedules():
    assert hyperparams.update_lr(0.5, 2, 1.0) == pytest.approx(0.5 / 3)
    assert hyperparams.update_lr(0.1, 0, 0.3) == 0.1
    assert hyperparams.schedule_lr_decay(0.5, 1500, 0.3, 1000) == pytest.approx(0.5 / 1.3)
    assert hyperparams.schedule_lr_decay(0.1, 999, 1.0) == pytest.approx(0.1)
    assert hyperparams.schedule_lr_decay(0.1, 2000, 1.0) == pytest.approx(0.1 / 3)


def test_log_uniform_samples_give_every_decade_the_same_share():
    samples = hyperparams.sample_log_uniform(1e-4, 1.0, 40_000, np.random.default_rng(0))
    assert samples.min() >= 1e-4 and samples.max() <= 1.0
    shares = np.histogram(np.log10(samples), bins=[-4, -3, -2, -1, 0])[0] / samples.size
    np.testing.assert_allclose(shares, 0.25, atol=0.01)
    np.testing.assert_array_equal(samples[:5], hyperparams.sample_log_uniform(1e-4, 1.0, 5, np.random.default_rng(0)))


def test_exponentially_weighted_average_window():
    # (1 - eps)^(1/eps) is close to 1/e with eps = 1 - beta (the notes' (1 - 1/beta)^beta is wrong).
    for beta in (0.9, 0.98, 0.999):
        eps = 1 - beta
        assert (1 - eps) ** (1 / eps) == pytest.approx(1 / np.e, rel=0.06)


# --- batch normalisation --------------------------------------------------------------------------

def _bn_param(d, mode="train", momentum=0.9, eps=1e-5):
    return {"mode": mode, "eps": eps, "momentum": momentum, "running_mean": np.zeros(d), "running_var": np.ones(d)}


def test_batchnorm_training_mode_normalises_every_feature():
    rng = np.random.default_rng(0)
    x = rng.normal([5.0, -2.0, 0.5, 10.0], [3.0, 0.5, 1.0, 7.0], (50, 4))
    out, _ = batchnorm.batchnorm_forward(x, np.ones(4), np.zeros(4), _bn_param(4, eps=1e-12))
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-6)
    np.testing.assert_allclose(out.var(axis=0), 1.0, atol=1e-6)
    gamma, beta = np.array([2.0, 0.5, 1.0, 3.0]), np.array([1.0, -1.0, 0.0, 4.0])
    out, _ = batchnorm.batchnorm_forward(x, gamma, beta, _bn_param(4, eps=1e-12))
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-6)
    np.testing.assert_allclose(out.std(axis=0), gamma, atol=1e-6)


def test_batchnorm_test_mode_uses_the_running_statistics_and_leaves_them_alone():
    x = np.array([[1.0, 2.0], [3.0, 8.0], [5.0, 5.0]])
    bn_param = {"mode": "test", "eps": 1e-5, "momentum": 0.9,
                "running_mean": np.array([1.0, -1.0]), "running_var": np.array([4.0, 9.0])}
    out, _ = batchnorm.batchnorm_forward(x, np.ones(2), np.zeros(2), bn_param)
    np.testing.assert_allclose(out, (x - [1.0, -1.0]) / np.sqrt(np.array([4.0, 9.0]) + 1e-5))
    np.testing.assert_array_equal(bn_param["running_mean"], [1.0, -1.0])
    np.testing.assert_array_equal(bn_param["running_var"], [4.0, 9.0])


def test_batchnorm_matches_torch_batchnorm1d_in_both_modes():
    rng = np.random.default_rng(1)
    n, d = 16, 5
    gamma, beta = rng.normal(1, 0.3, d), rng.normal(0, 1, d)
    torch_bn = torch.nn.BatchNorm1d(d, eps=1e-3, momentum=0.2, dtype=torch.float64)
    with torch.no_grad():
        torch_bn.weight.copy_(torch.tensor(gamma))
        torch_bn.bias.copy_(torch.tensor(beta))
    bn_param = _bn_param(d, momentum=0.8, eps=1e-3)
    for _ in range(6):
        x = rng.normal(3, 2, (n, d))
        out, _ = batchnorm.batchnorm_forward(x, gamma, beta, bn_param)
        torch_bn.train()
        np.testing.assert_allclose(out, torch_bn(torch.tensor(x)).detach().numpy(), atol=1e-10)
    np.testing.assert_allclose(bn_param["running_mean"], torch_bn.running_mean.numpy(), atol=1e-12)
    np.testing.assert_allclose(bn_param["running_var"], torch_bn.running_var.numpy(), atol=1e-12)
    bn_param["mode"] = "test"
    torch_bn.eval()
    x = rng.normal(3, 2, (4, d))
    out, _ = batchnorm.batchnorm_forward(x, gamma, beta, bn_param)
    np.testing.assert_allclose(out, torch_bn(torch.tensor(x)).detach().numpy(), atol=1e-10)


def test_batchnorm_backward_matches_finite_differences():
    rng = np.random.default_rng(2)
    for n, d in [(4, 3), (7, 2), (3, 6)]:
        x, gamma, beta = rng.normal(2, 3, (n, d)), rng.normal(1, 0.5, d), rng.normal(0, 1, d)
        dout = rng.normal(size=(n, d))
        out, cache = batchnorm.batchnorm_forward(x, gamma, beta, _bn_param(d))
        dx, dgamma, dbeta = batchnorm.batchnorm_backward(dout, cache)

        def cost(x_=x, gamma_=gamma, beta_=beta):
            return np.sum(batchnorm.batchnorm_forward(x_, gamma_, beta_, _bn_param(d))[0] * dout)

        assert relative_error(dx, numerical_gradient(lambda x_: cost(x_=x_), x)) < 1e-7
        assert relative_error(dgamma, numerical_gradient(lambda g: cost(gamma_=g), gamma)) < 1e-7
        assert relative_error(dbeta, numerical_gradient(lambda b: cost(beta_=b), beta)) < 1e-7


# --- softmax cross-entropy and the three-layer network -------------------------------------------

def test_softmax_cross_entropy_worked_number():
    yhat, y = np.array([[0.3], [0.2], [0.1], [0.4]]), np.array([[0.0], [1.0], [0.0], [0.0]])
    assert losses.softmax_cross_entropy(yhat, y) == pytest.approx(1.6094379, abs=1e-7)
    # Averaged over the examples (columns).
    assert losses.softmax_cross_entropy(np.hstack([yhat, yhat]), np.hstack([y, y])) == pytest.approx(1.6094379, abs=1e-7)


# --- data and the progress bar ----------------------------------------------------------------------

def test_signs_dataset_has_the_classic_sizes_balanced_classes_and_is_deterministic():
    data = load_signs_dataset()
    assert data.train_x.shape == (1080, 64, 64, 3) and data.train_x.dtype == np.uint8
    assert data.test_x.shape == (120, 64, 64, 3)
    assert data.train_y.shape == (1, 1080) and data.test_y.shape == (1, 120) and data.train_y.dtype == np.int64
    assert np.bincount(data.train_y[0]).tolist() == [180] * 6 and np.bincount(data.test_y[0]).tolist() == [20] * 6
    assert data.classes == ("0", "1", "2", "3", "4", "5")
    again = load_signs_dataset()
    np.testing.assert_array_equal(data.train_x, again.train_x)
    np.testing.assert_array_equal(data.test_y, again.test_y)
    assert not np.array_equal(data.train_x[:120], data.test_x)


def test_progress_bar_writes_to_stdout_only_and_can_be_turned_off(capsys, monkeypatch):
    assert list(progress(range(3), "counting")) == [0, 1, 2]
    captured = capsys.readouterr()
    assert "counting" in captured.out and captured.err == ""
    assert list(progress(range(3), "silent", enabled=False)) == [0, 1, 2]
    monkeypatch.setenv("DLKIT_PROGRESS", "0")
    assert list(progress(range(3), "off")) == [0, 1, 2]
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""

