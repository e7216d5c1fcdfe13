"""Week 7's networks, data and augmentations: shapes, parameter counts, agreement with plain
NumPy, and the check of a ResNet built on a student's own (possibly wrong) blocks."""
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch
from mutants.week07 import MUTANTS
from torch import nn

from autograder.simulate import reference_solutions
from dlkit.checks import check
from dlkit.data import augment
from dlkit.data.shapes import SHAPE_CLASSES, load_shapes_dataset, make_shape_images, shape_mask
from dlkit.nets.resnet import BasicBlock, ConvolutionalBlock, DeepConvNet, IdentityBlock, InceptionModule, ResNet
from dlkit.nets.training import train_classifier
from dlkit.runtime.device import get_device

WEEK7_NOTEBOOK = Path(__file__).resolve().parent.parent / "course/source/week07_classic_networks/week07_classic_networks.ipynb"


def test_the_shapes_are_balanced_repeatable_and_distinct():
    shapes = load_shapes_dataset()
    assert shapes.train_x.shape == (3000, 32, 32, 3) and shapes.test_x.shape == (600, 32, 32, 3)
    assert np.bincount(shapes.train_y).tolist() == [500] * 6
    again, labels = make_shape_images(3000, seed=1)
    assert np.array_equal(again, shapes.train_x) and np.array_equal(labels, shapes.train_y)
    masks = [shape_mask(kind, (16, 16), 10, 0.3, 32) for kind in SHAPE_CLASSES]
    assert all(mask.sum() > 30 for mask in masks)
    assert all((a != b).sum() > 20 for i, a in enumerate(masks) for b in masks[i + 1:])
    with pytest.raises(ValueError, match="unknown shape 'star'"):
        shape_mask("star", (16, 16), 10, 0.0, 32)


def test_flips_and_crops_agree_with_numpy():
    rng = np.random.default_rng(0)
    images = rng.random((4, 3, 5, 7)).astype(np.float32)
    flip = np.array([True, False, True, False])
    flipped = augment.horizontal_flip(torch.from_numpy(images), torch.from_numpy(flip)).numpy()
    assert np.array_equal(flipped, np.where(flip[:, None, None, None], images[..., ::-1], images))
    top, left = np.array([0, 2, 4, 1]), np.array([3, 0, 2, 4])
    cropped = augment.pad_and_crop(torch.from_numpy(images), 2, torch.from_numpy(top), torch.from_numpy(left)).numpy()
    padded = np.pad(images, ((0, 0), (0, 0), (2, 2), (2, 2)))
    for i in range(4):
        assert np.array_equal(cropped[i], padded[i, :, top[i]:top[i] + 5, left[i]:left[i] + 7])
    centre = torch.full((4,), 2)
    assert torch.equal(augment.pad_and_crop(torch.from_numpy(images), 2, centre, centre), torch.from_numpy(images))


def test_color_jitter_with_factors_one_changes_nothing_and_saturation_zero_is_gray():
    images = torch.rand(3, 3, 4, 4)
    ones = torch.ones(3)
    assert torch.allclose(augment.color_jitter(images, ones, ones, ones), images, atol=1e-6)
    gray = augment.color_jitter(images, ones, ones, torch.zeros(3))
    assert torch.allclose(gray, augment.grayscale(images).expand(-1, 3, -1, -1), atol=1e-6)
    bright = augment.color_jitter(images, torch.full((3,), 5.0), ones, ones)
    assert bright.max() == 1.0 and bright.min() >= 0.0


def test_random_augmentations_are_repeatable_and_used_by_the_training_loop():
    images = torch.rand(8, 3, 6, 6)
    first = augment.random_flips_and_crops(images, 2, torch.Generator().manual_seed(5))
    second = augment.random_flips_and_crops(images, 2, torch.Generator().manual_seed(5))
    assert first.shape == images.shape and torch.equal(first, second) and not torch.equal(first, images)
    seen = []
    loader = [(images, torch.zeros(8, dtype=torch.int64))]
    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 6 * 6, 2))
    train_classifier(model, loader, epochs=2, learning_rate=0.1, device=torch.device("cpu"),
                     transform=lambda x: seen.append(x) or x.flip(-1))
    assert len(seen) == 2 and all(torch.equal(x, images) for x in seen)


def test_the_networks_shapes_and_sizes():
    assert ResNet()(torch.zeros(2, 3, 32, 32)).shape == (2, 6)
    assert ResNet(1, 4, 4, (((2, 2, 8), 1, 2),))(torch.zeros(2, 1, 9, 11)).shape == (2, 4)
    inception = InceptionModule(192, 64, (96, 128), (16, 32), 32)
    assert inception(torch.zeros(1, 192, 28, 28)).shape == (1, 256, 28, 28)
    assert sum(p.numel() for p in inception.parameters()) == 163_696
    deep = DeepConvNet(20, residual=True)
    assert sum(isinstance(m, (nn.Conv2d, nn.Linear)) for m in deep.modules()) == 42
    assert deep(torch.zeros(2, 3, 32, 32)).shape == (2, 6)


def test_a_plain_block_differs_from_a_residual_block_only_by_the_shortcut():
    torch.manual_seed(0)
    plain, residual = BasicBlock(4, residual=False), BasicBlock(4, residual=True)
    residual.load_state_dict(plain.state_dict())
    x = torch.randn(2, 4, 5, 5)
    z = plain.bn2(plain.conv2(torch.relu(plain.bn1(plain.conv1(x)))))
    assert torch.allclose(plain(x), torch.relu(z)) and torch.allclose(residual(x), torch.relu(z + x))


def test_a_wrong_block_costs_the_block_not_the_resnet_built_on_it():
    solutions = reference_solutions(nbformat.read(WEEK7_NOTEBOOK, as_version=4))
    no_shortcut = dict(MUTANTS["week07_IdentityBlock_code"])["no shortcut"]
    namespace = {"torch": torch, "nn": nn}
    for code in (no_shortcut, solutions["week07_ConvolutionalBlock_code"], solutions["week07_ResNet_code"]):
        exec(code, namespace)
    with pytest.raises(AssertionError, match="IdentityBlock"):
        check("week07.IdentityBlock", namespace["IdentityBlock"], hidden=True)
    check("week07.ResNet", namespace["ResNet"], hidden=True)
    assert namespace["IdentityBlock"] is not IdentityBlock  # the student's block is theirs again


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_the_week7_networks_give_the_same_logits_on_cuda():
    torch.manual_seed(0)
    x = torch.randn(4, 3, 32, 32)
    for model in (ResNet(), DeepConvNet(4, residual=True), InceptionModule(3, 2, (2, 3), (2, 3), 2)):
        model.eval()
        expected = model(x)
        actual = model.to(get_device())(x.to(get_device())).cpu()
        assert torch.allclose(actual, expected, atol=1e-4, rtol=1e-4)
