"""Week 10: the style-transfer costs on numbers worked by hand, the feature network's layers,
the textures, and a step that lowers the cost."""
import numpy as np
import pytest
import torch

from dlkit.data.textures import make_texture
from dlkit.nets import style


def test_costs_on_numbers_worked_by_hand():
    a_C = torch.tensor([[[[1.0, 2.0]], [[3.0, 4.0]]]])  # (1, n_C=2, n_H=1, n_W=2)
    a_G = torch.zeros_like(a_C)
    assert style.compute_content_cost(a_C, a_G).item() == pytest.approx(30 / (4 * 1 * 2 * 2))
    assert style.gram_matrix(torch.tensor([[1.0, 2.0], [3.0, 4.0]])).tolist() == [[5.0, 11.0], [11.0, 25.0]]
    # G_S = [[5, 11], [11, 25]], G_G = 0: sum of squares 25 + 121 + 121 + 625 = 892.
    assert style.compute_layer_style_cost(a_C, a_G).item() == pytest.approx(892 / (4 * 2**2 * 2**2))
    costs = [style.compute_layer_style_cost(a_C, a_G), style.compute_layer_style_cost(a_G, a_G)]
    assert style.compute_style_cost([a_C, a_G], [a_G, a_G], [0.3, 0.7]).item() == pytest.approx(0.3 * costs[0].item())
    assert style.total_cost(2.0, 3.0) == 10 * 2 + 40 * 3


def test_the_feature_network_names_its_layers_and_freezes():
    net = style.FeatureNet()
    shapes = [tuple(a.shape) for a in net.activations(torch.rand(1, 3, 20, 12), list(style.LAYER_NAMES))]
    assert shapes == [(1, 16, 20, 12), (1, 16, 20, 12), (1, 32, 10, 6), (1, 32, 10, 6), (1, 64, 5, 3), (1, 64, 5, 3)]
    outputs = style.model_outputs_of(net)(torch.rand(1, 3, 8, 8))
    assert len(outputs) == len(style.STYLE_LAYERS) + 1 and not any(p.requires_grad for p in net.parameters())


def test_a_train_step_lowers_the_cost_and_keeps_pixels_in_range():
    torch.manual_seed(0)
    outputs = style.model_outputs_of(style.FeatureNet())
    content, style_image = torch.rand(1, 3, 16, 16), torch.rand(1, 3, 16, 16)
    with torch.no_grad():
        a_C, a_S = outputs(content)[-1], outputs(style_image)[:-1]
    weights = [w for _, w in style.STYLE_LAYERS]
    image = torch.rand(1, 3, 16, 16, requires_grad=True)
    optimizer = torch.optim.Adam([image], lr=0.01)
    costs = [style.train_step(image, optimizer, outputs, a_C, a_S, weights, 10, 1000) for _ in range(30)]
    assert costs[-1] < costs[0] / 2 and 0 <= image.min() and image.max() <= 1


@pytest.mark.parametrize("kind", ["mosaic", "waves"])
def test_textures_are_repeatable_images(kind):
    texture = make_texture(kind, 30, 40, seed=3)
    assert texture.shape == (30, 40, 3) and 0 <= texture.min() and texture.max() <= 1 and texture.std() > 0.1
    assert np.array_equal(texture, make_texture(kind, 30, 40, seed=3))
    with pytest.raises(ValueError, match="unknown texture"):
        make_texture("plaid", 4, 4)
