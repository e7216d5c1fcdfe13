"""Plausible wrong implementations of every week-10 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``...).
"""

_CONTENT = """def compute_content_cost(a_C, a_G):
    _, n_C, n_H, n_W = a_G.shape
    return {total} / ({scale})
"""
_CONTENT_RIGHT = dict(total="torch.sum((a_C - a_G) ** 2)", scale="4 * n_H * n_W * n_C")

_GRAM = """def gram_matrix(A):
    return {product}
"""

_LAYER = """def compute_layer_style_cost(a_S, a_G):
    _, n_C, n_H, n_W = a_G.shape
    a_S = {unroll_S}
    a_G = {unroll_G}
    GS, GG = gram_matrix(a_S), gram_matrix(a_G)
    return torch.sum((GS - GG) ** 2) / ({scale})
"""
_LAYER_RIGHT = dict(unroll_S="a_S.reshape(n_C, n_H * n_W)", unroll_G="a_G.reshape(n_C, n_H * n_W)",
                    scale="4 * n_C ** 2 * (n_H * n_W) ** 2")

_STYLE = """def compute_style_cost(style_outputs, generated_outputs, style_weights):
    J_style = 0
    for a_S, a_G, weight in zip({layers}, style_weights):
        J_style += {term}
    return J_style{after}
"""
_STYLE_RIGHT = dict(layers="style_outputs, generated_outputs", term="weight * compute_layer_style_cost(a_S, a_G)", after="")

_TOTAL = """def total_cost(J_content, J_style, alpha={alpha}, beta={beta}):
    return {value}
"""
_TOTAL_RIGHT = dict(alpha=10, beta=40, value="alpha * J_content + beta * J_style")

_STEP = """def train_step(generated_image, optimizer, model_outputs, a_C, a_S, style_weights, alpha=10, beta=40):
    {zero}
    outputs = model_outputs(generated_image)
    J_content = compute_content_cost(a_C, outputs[{content}])
    J_style = compute_style_cost(a_S, outputs[:-1], style_weights)
    J = {total}
    J.backward()
    optimizer.step()
    {clip}
    return {result}
"""
_STEP_RIGHT = dict(zero="optimizer.zero_grad()", content="-1", total="total_cost(J_content, J_style, alpha, beta)",
                   clip="with torch.no_grad():\n        generated_image.clamp_(0, 1)", result="J.item()")

MUTANTS = {
    "week10_compute_content_cost_code": [
        ("no factor 4", _CONTENT.format(**{**_CONTENT_RIGHT, "scale": "n_H * n_W * n_C"})),
        ("absolute differences, not squares", _CONTENT.format(**{**_CONTENT_RIGHT, "total": "torch.sum(torch.abs(a_C - a_G))"})),
        ("normalised by the size of one feature map only", _CONTENT.format(**{**_CONTENT_RIGHT, "scale": "4 * n_H * n_W"})),
    ],
    "week10_gram_matrix_code": [
        ("A^T A, the positions' Gram matrix", _GRAM.format(product="A.T @ A")),
        ("divided by the number of positions", _GRAM.format(product="A @ A.T / A.shape[1]")),
        ("element by element", _GRAM.format(product="(A * A).sum(dim=1, keepdim=True) * torch.ones(A.shape[0])")),
    ],
    "week10_compute_layer_style_cost_code": [
        ("unrolled as if channels came last", _LAYER.format(**{
            **_LAYER_RIGHT, "unroll_S": "a_S.reshape(n_H * n_W, n_C).T", "unroll_G": "a_G.reshape(n_H * n_W, n_C).T"})),
        ("(n_H n_W) not squared", _LAYER.format(**{**_LAYER_RIGHT, "scale": "4 * n_C ** 2 * n_H * n_W"})),
        ("no factor 4", _LAYER.format(**{**_LAYER_RIGHT, "scale": "n_C ** 2 * (n_H * n_W) ** 2"})),
    ],
    "week10_compute_style_cost_code": [
        ("the weights ignored", _STYLE.format(**{**_STYLE_RIGHT, "term": "compute_layer_style_cost(a_S, a_G)"})),
        ("divided by the number of layers", _STYLE.format(**{**_STYLE_RIGHT, "after": " / len(style_weights)"})),
        ("only the last layer", _STYLE.format(**{
            **_STYLE_RIGHT, "layers": "style_outputs[-1:], generated_outputs[-1:]"})),
    ],
    "week10_total_cost_code": [
        ("alpha and beta swapped", _TOTAL.format(**{**_TOTAL_RIGHT, "value": "beta * J_content + alpha * J_style"})),
        ("the defaults swapped", _TOTAL.format(**{**_TOTAL_RIGHT, "alpha": 40, "beta": 10})),
        ("beta forgotten", _TOTAL.format(**{**_TOTAL_RIGHT, "value": "alpha * J_content + J_style"})),
    ],
    "week10_train_step_code": [
        ("gradients of the last step kept", _STEP.format(**{**_STEP_RIGHT, "zero": "pass"})),
        ("the image not clipped to [0, 1]", _STEP.format(**{**_STEP_RIGHT, "clip": "pass"})),
        ("alpha and beta not passed on", _STEP.format(**{**_STEP_RIGHT, "total": "total_cost(J_content, J_style)"})),
        ("the content cost on the first output, a style layer", _STEP.format(**{**_STEP_RIGHT, "content": "0"})),
    ],
}
