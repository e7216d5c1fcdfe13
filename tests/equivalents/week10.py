"""Correct implementations of every week-10 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``...). The checks
must accept every one.
"""

EQUIVALENTS = {
    "week10_compute_content_cost_code": [
        ("unrolled first, torch.square", """def compute_content_cost(a_C, a_G):
    m, n_C, n_H, n_W = a_G.shape
    a_C_unrolled = a_C.reshape(m, n_C, -1)
    a_G_unrolled = a_G.reshape(m, n_C, -1)
    return torch.square(a_C_unrolled - a_G_unrolled).sum() / (4 * n_C * n_H * n_W)
"""),
        ("the mean, divided by 4", """def compute_content_cost(a_C, a_G):
    return torch.mean((a_G - a_C) ** 2) / 4
"""),
    ],
    "week10_gram_matrix_code": [
        ("torch.matmul with transpose", """def gram_matrix(A):
    return torch.matmul(A, torch.transpose(A, 0, 1))
"""),
        ("einsum", """def gram_matrix(A):
    return torch.einsum("ik,jk->ij", A, A)
"""),
    ],
    "week10_compute_layer_style_cost_code": [
        ("flatten and the mean of the squared differences", """def compute_layer_style_cost(a_S, a_G):
    n_C = a_G.shape[1]
    positions = a_G.shape[2] * a_G.shape[3]
    GS = gram_matrix(a_S.flatten(start_dim=2)[0])
    GG = gram_matrix(a_G.flatten(start_dim=2)[0])
    return ((GS - GG) ** 2).mean() / (4 * positions ** 2)
"""),
        ("view and a Frobenius norm", """def compute_layer_style_cost(a_S, a_G):
    _, n_C, n_H, n_W = a_G.shape
    difference = gram_matrix(a_S.view(n_C, -1)) - gram_matrix(a_G.view(n_C, -1))
    return torch.linalg.norm(difference) ** 2 / (4 * (n_C * n_H * n_W) ** 2)
"""),
    ],
    "week10_compute_style_cost_code": [
        ("sum of a generator", """def compute_style_cost(style_outputs, generated_outputs, style_weights):
    return sum(w * compute_layer_style_cost(s, g) for s, g, w in zip(style_outputs, generated_outputs, style_weights))
"""),
        ("indices, costs stacked", """def compute_style_cost(style_outputs, generated_outputs, style_weights):
    costs = torch.stack([compute_layer_style_cost(style_outputs[i], generated_outputs[i]) for i in range(len(style_weights))])
    return (costs * torch.tensor(style_weights, dtype=costs.dtype)).sum()
"""),
    ],
    "week10_total_cost_code": [
        ("keyword defaults, terms named", """def total_cost(J_content, J_style, alpha=10, beta=40):
    content_term = alpha * J_content
    style_term = beta * J_style
    return content_term + style_term
"""),
        ("the other order", """def total_cost(J_content, J_style, alpha=10, beta=40):
    return J_style * beta + J_content * alpha
"""),
    ],
    "week10_train_step_code": [
        ("the image's own gradient zeroed, data clamped", """def train_step(generated_image, optimizer, model_outputs, a_C, a_S, style_weights, alpha=10, beta=40):
    if generated_image.grad is not None:
        generated_image.grad.zero_()
    outputs = model_outputs(generated_image)
    J = total_cost(compute_content_cost(a_C, outputs[-1]),
                   compute_style_cost(a_S, outputs[:len(outputs) - 1], style_weights), alpha=alpha, beta=beta)
    J.backward()
    optimizer.step()
    generated_image.data.clamp_(min=0.0, max=1.0)
    return float(J.detach())
"""),
        ("zero_grad with set_to_none, the cost returned as a tensor", """def train_step(generated_image, optimizer, model_outputs, a_C, a_S, style_weights, alpha=10, beta=40):
    optimizer.zero_grad(set_to_none=True)
    *a_G, content = model_outputs(generated_image)
    J = alpha * compute_content_cost(a_C, content) + beta * compute_style_cost(a_S, a_G, style_weights)
    J.backward()
    optimizer.step()
    with torch.no_grad():
        generated_image.copy_(torch.clip(generated_image, 0, 1))
    return J.detach()
"""),
    ],
}
