"""The NumPy convolution and pooling layers agree with PyTorch's and reproduce the lectures' numbers."""
import numpy as np
import pytest
import torch

from dlkit.checks.week06 import EDGE_IMAGE, VERTICAL_EDGE
from dlkit.scratch import conv


def _channels_first(array):
    return torch.tensor(array).permute(0, 3, 1, 2)


def _channels_last(tensor):
    return tensor.permute(0, 2, 3, 1).detach().numpy()


@pytest.mark.parametrize("shape, filter_shape, stride, pad", [
    ((2, 7, 5, 3), (3, 2), 1, 0), ((3, 8, 8, 1), (3, 3), 2, 1), ((1, 6, 9, 4), (1, 4), 3, 2), ((2, 5, 5, 2), (5, 5), 1, 2),
])
def test_convolution_forward_and_backward_agree_with_torch(shape, filter_shape, stride, pad):
    rng = np.random.default_rng(0)
    A = rng.normal(size=shape)
    W = rng.normal(size=(*filter_shape, shape[3], 4))
    b = rng.normal(size=(1, 1, 1, 4))
    Z, cache = conv.conv_forward(A, W, b, {"stride": stride, "pad": pad})
    A_t, W_t, b_t = (torch.tensor(x, requires_grad=True) for x in (A, W.transpose(3, 2, 0, 1), b.ravel()))
    Z_t = torch.nn.functional.conv2d(A_t.permute(0, 3, 1, 2), W_t, b_t, stride=stride, padding=pad)
    np.testing.assert_allclose(Z, _channels_last(Z_t), rtol=1e-10, atol=1e-12)
    dZ = rng.normal(size=Z.shape)
    (Z_t * _channels_first(dZ)).sum().backward()
    dA, dW, db = conv.conv_backward(dZ, cache)
    np.testing.assert_allclose(dA, A_t.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(dW, W_t.grad.numpy().transpose(2, 3, 1, 0), atol=1e-12)
    np.testing.assert_allclose(db.ravel(), b_t.grad.numpy(), atol=1e-12)


@pytest.mark.parametrize("mode, torch_pool", [("max", torch.nn.functional.max_pool2d), ("average", torch.nn.functional.avg_pool2d)])
@pytest.mark.parametrize("f, stride", [(2, 2), (3, 1), (2, 3)])
def test_pooling_forward_and_backward_agree_with_torch(mode, torch_pool, f, stride):
    rng = np.random.default_rng(1)
    A = rng.normal(size=(2, 7, 6, 3))
    pooled, cache = conv.pool_forward(A, {"f": f, "stride": stride}, mode)
    A_t = torch.tensor(A, requires_grad=True)
    pooled_t = torch_pool(A_t.permute(0, 3, 1, 2), f, stride)
    np.testing.assert_allclose(pooled, _channels_last(pooled_t), atol=1e-12)
    dA = rng.normal(size=pooled.shape)
    (pooled_t * _channels_first(dA)).sum().backward()
    np.testing.assert_allclose(conv.pool_backward(dA, cache, mode), A_t.grad.numpy(), atol=1e-12)


def test_the_vertical_edge_filter_gives_the_lecture_numbers():
    Z, _ = conv.conv_forward(EDGE_IMAGE[None, :, :, None], VERTICAL_EDGE[:, :, None, None], np.zeros((1, 1, 1, 1)),
                             {"stride": 1, "pad": 0})
    assert Z[0, :, :, 0].tolist() == [[-5, -4, 0, 8], [-10, -2, 2, 3], [0, -2, -4, -7], [-3, -2, -3, -16]]


def test_output_sizes_and_parameter_counts():
    assert conv.output_size(6, 3, 0, 1) == 4
    assert conv.output_size(7, 3, 0, 2) == 3
    assert all(conv.output_size(n, f, (f - 1) // 2, 1) == n for n in (5, 8) for f in (1, 3, 5))  # "same" padding
    assert torch.nn.Conv2d(3, 1, 3).weight.numel() + 1 == 28  # a 3x3x3 filter and its bias


def test_pooling_has_no_parameters_and_rejects_an_unknown_mode():
    assert sum(p.numel() for p in torch.nn.MaxPool2d(2).parameters()) == 0
    with pytest.raises(ValueError, match="mode"):
        conv.pool_forward(np.zeros((1, 2, 2, 1)), {"f": 2, "stride": 2}, "min")
