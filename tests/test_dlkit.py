"""dlkit: device helper, data generator and the week-1 reference implementations."""
import numpy as np
import pytest
import torch

from dlkit.metrics import accuracy
from dlkit.scratch import activations, logistic, losses, preprocessing
from dlkit.checks.week01 import PROPAGATE_EXAMPLE
from dlkit.data import flatten_images, load_cat_dataset
from dlkit.runtime.device import get_device, seed_everything
from dlkit.scratch.gradcheck import numerical_gradient, relative_error


# --- device and seeding ----------------------------------------------------------------------

def test_device_follows_the_environment_variable(monkeypatch):
    monkeypatch.setenv("DLKIT_DEVICE", "cpu")
    assert get_device() == torch.device("cpu")
    monkeypatch.delenv("DLKIT_DEVICE")
    assert get_device().type == ("cuda" if torch.cuda.is_available() else "cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_asking_for_cuda_without_it_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DLKIT_DEVICE", "cuda")
    with pytest.raises(RuntimeError, match="CUDA is not available"):
        get_device()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_tensors_land_on_the_gpu_when_there_is_one(monkeypatch):
    monkeypatch.delenv("DLKIT_DEVICE", raising=False)
    assert torch.ones(2, device=get_device()).is_cuda


def test_seed_everything_makes_runs_repeatable():
    seed_everything(3)
    first = (np.random.rand(3), torch.rand(3))
    seed_everything(3)
    second = (np.random.rand(3), torch.rand(3))
    np.testing.assert_array_equal(first[0], second[0])
    assert torch.equal(first[1], second[1])


# --- data ------------------------------------------------------------------------------------

def test_cat_dataset_has_the_documented_sizes_and_is_deterministic():
    data = load_cat_dataset()
    assert data.train_x.shape == (209, 64, 64, 3) and data.train_x.dtype == np.uint8
    assert data.test_x.shape == (50, 64, 64, 3)
    assert data.train_y.shape == (1, 209) and data.test_y.shape == (1, 50)
    assert (data.train_y.sum(), data.test_y.sum()) == (72, 33)
    assert set(np.unique(data.train_y)) == {0, 1}
    assert data.classes == ("non-cat", "cat")
    again = load_cat_dataset()
    np.testing.assert_array_equal(data.train_x, again.train_x)
    np.testing.assert_array_equal(data.test_y, again.test_y)
    assert not np.array_equal(data.train_x[:50], data.test_x)


# --- worked numbers and reference implementations ---------------------------------------------

def test_propagate_reproduces_the_worked_example():
    grads, cost = logistic.propagate(*PROPAGATE_EXAMPLE)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], atol=5e-9)
    assert grads["db"] == pytest.approx(0.00145557813678, abs=1e-14)
    assert cost == pytest.approx(5.801545319394553, rel=1e-15)


def test_propagate_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    for _ in range(5):
        n_x, m = rng.integers(2, 7, size=2)
        w, b = rng.normal(size=(n_x, 1)), float(rng.normal())
        X, Y = rng.normal(size=(n_x, m)), (rng.random((1, m)) < 0.5).astype(float)
        grads, _ = logistic.propagate(w, b, X, Y)
        dw = numerical_gradient(lambda w_: logistic.propagate(w_, b, X, Y)[1], w)
        db = numerical_gradient(lambda b_: logistic.propagate(w, float(b_), X, Y)[1], np.array(b))
        assert relative_error(grads["dw"], dw) < 1e-7
        assert relative_error(grads["db"], db) < 1e-7


def test_sigmoid_and_its_derivative():
    np.testing.assert_allclose(activations.sigmoid(np.array([1.0, 2.0, 3.0])), [0.73105858, 0.88079708, 0.95257413])
    assert activations.sigmoid(0.0) == 0.5
    z = np.linspace(-5, 5, 11)
    numeric = numerical_gradient(lambda x: np.sum(activations.sigmoid(x)), z)
    np.testing.assert_allclose(activations.sigmoid_derivative(z), numeric, atol=1e-8)


def test_softmax_rows_are_distributions_even_for_huge_scores():
    x = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0], [1000.0, 1001.0, 1002.0, -1e4, 0.0]])
    s = activations.softmax(x)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    assert np.isfinite(s).all()
    np.testing.assert_allclose(s[0, 0], 0.980897665, rtol=1e-8)


def test_preprocessing_helpers():
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
    np.testing.assert_allclose(preprocessing.normalize_rows(x), [[0, 0.6, 0.8], [1 / 53**0.5, 6 / 53**0.5, 4 / 53**0.5]])
    images = np.random.default_rng(1).random((4, 3, 5, 2))
    for i in range(4):
        np.testing.assert_array_equal(preprocessing.image2vector(images[i])[:, 0], flatten_images(images)[:, i])


def test_losses_on_the_lecture_example():
    yhat, y = np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    assert losses.L1(yhat, y) == pytest.approx(1.1)
    assert losses.L2(yhat, y) == pytest.approx(0.43)


def test_optimize_records_costs_every_100_iterations_and_lowers_the_cost():
    w, b, X, Y = PROPAGATE_EXAMPLE
    params, grads, costs = logistic.optimize(w, b, X, Y, num_iterations=301, learning_rate=0.009)
    assert len(costs) == 4 and costs == sorted(costs, reverse=True)
    assert w[0, 0] == 1.0  # the caller's array is untouched


def test_predict_labels_exactly_one_half_as_zero():
    assert logistic.predict(np.zeros((2, 1)), 0.0, np.ones((2, 3))).tolist() == [[0.0, 0.0, 0.0]]


def test_logistic_regression_learns_the_cat_images():
    data = load_cat_dataset()
    X_train = flatten_images(data.train_x) / 255
    X_test = flatten_images(data.test_x) / 255
    result = logistic.model(X_train, data.train_y, X_test, data.test_y, num_iterations=2000, learning_rate=0.005)
    assert accuracy(result["Y_prediction_train"], data.train_y) >= 99.0
    # Better than always answering "cat" (66 %), as the notebook states (74 % measured).
    assert accuracy(result["Y_prediction_test"], data.test_y) >= 70.0
