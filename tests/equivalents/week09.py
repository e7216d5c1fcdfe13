"""Correct implementations of every week-09 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``...). The checks
must accept every one.
"""

EQUIVALENTS = {
    "week09_triplet_loss_code": [
        ("relu and norms squared", """def triplet_loss(anchor, positive, negative, alpha=0.2):
    d_ap = torch.linalg.norm(anchor - positive, dim=1) ** 2
    d_an = torch.linalg.norm(anchor - negative, dim=1) ** 2
    return torch.nn.functional.relu(d_ap - d_an + alpha).sum()
"""),
        ("the difference of distances expanded, torch.maximum", """def triplet_loss(anchor, positive, negative, alpha=0.2):
    difference = ((anchor - positive).pow(2) - (anchor - negative).pow(2)).sum(dim=1)
    return torch.maximum(difference + alpha, torch.zeros_like(difference)).sum()
"""),
    ],
    "week09_img_to_encoding_code": [
        ("from_numpy, moveaxis, inference_mode", """def img_to_encoding(image, model):
    model.eval()
    x = torch.from_numpy(np.moveaxis(image.astype(np.float32) / 255, -1, 0)).unsqueeze(0)
    with torch.inference_mode():
        return model(x).squeeze(0).numpy()
"""),
        ("NumPy first, then one tensor; detach", """def img_to_encoding(image, model):
    model.train(False)
    batch = (image.transpose(2, 0, 1)[None] / 255.0).astype(np.float32)
    return model(torch.tensor(batch)).detach().numpy().reshape(-1)
"""),
    ],
    "week09_verify_code": [
        ("sqrt of the sum of squares, an if", """def verify(image, identity, database, model, threshold=0.7):
    difference = img_to_encoding(image, model) - database[identity]
    dist = float(np.sqrt(np.sum(difference * difference)))
    if dist < threshold:
        return dist, True
    return dist, False
"""),
        ("keyword arguments and np.linalg.norm", """def verify(image, identity, database, model, threshold=0.7):
    dist = np.linalg.norm(database[identity] - img_to_encoding(image=image, model=model))
    return dist, bool(dist < threshold)
"""),
    ],
    "week09_who_is_it_code": [
        ("all distances, then argmin", """def who_is_it(image, database, model):
    encoding = img_to_encoding(image, model)
    names = list(database)
    distances = [np.linalg.norm(encoding - database[name]) for name in names]
    best = int(np.argmin(distances))
    return distances[best], names[best]
"""),
        ("min with a key", """def who_is_it(image, database, model):
    encoding = img_to_encoding(image, model)
    name = min(database, key=lambda n: np.linalg.norm(encoding - database[n]))
    return float(np.linalg.norm(encoding - database[name])), name
"""),
    ],
}
