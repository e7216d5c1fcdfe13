"""Plausible wrong implementations of every week-9 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``, ``torch``...).
"""

_TRIPLET = """def triplet_loss(anchor, positive, negative, alpha=0.2):
    pos_dist = {pos}
    neg_dist = torch.sum((anchor - negative) ** 2, dim=-1)
    basic_loss = pos_dist - neg_dist {margin}
    return {total}
"""
_TRIPLET_RIGHT = dict(pos="torch.sum((anchor - positive) ** 2, dim=-1)", margin="+ alpha",
                      total="torch.sum(torch.clamp(basic_loss, min=0.0))")

_ENCODING = """def img_to_encoding(image, model):
    {mode}
    x = torch.tensor(image, dtype=torch.float32){scale}
    x = x.permute({axes}).unsqueeze(0)
    with torch.no_grad():
        encoding = model(x)
    return {result}
"""
_ENCODING_RIGHT = dict(mode="model.eval()", scale=" / 255.0", axes="2, 0, 1", result="encoding[0].numpy()")

_VERIFY = """def verify(image, identity, database, model, threshold=0.7):
    encoding = img_to_encoding(image, model)
    dist = {dist}
    door_open = {rule}
    return dist, door_open
"""
_VERIFY_RIGHT = dict(dist="np.linalg.norm(encoding - database[identity])", rule="dist < threshold")

_WHO = """def who_is_it(image, database, model):
    encoding = img_to_encoding(image, model)
    min_dist, identity = {start}, None
    for name, db_enc in database.items():
        dist = {dist}
        if {better}:
            min_dist, identity = dist, name
    return {result}
"""
_WHO_RIGHT = dict(start="100", dist="np.linalg.norm(encoding - db_enc)", better="dist < min_dist",
                  result="min_dist, identity")

MUTANTS = {
    "week09_triplet_loss_code": [
        ("the mean over the batch, not the sum", _TRIPLET.format(**{
            **_TRIPLET_RIGHT, "total": "torch.mean(torch.clamp(basic_loss, min=0.0))"})),
        ("no max with zero", _TRIPLET.format(**{**_TRIPLET_RIGHT, "total": "torch.sum(basic_loss)"})),
        ("the max with zero taken after the sum", _TRIPLET.format(**{
            **_TRIPLET_RIGHT, "total": "torch.clamp(torch.sum(basic_loss), min=0.0)"})),
        ("distances not squared", _TRIPLET.format(**{
            **_TRIPLET_RIGHT, "pos": "torch.sqrt(torch.sum((anchor - positive) ** 2, dim=-1))"})),
        ("the margin subtracted", _TRIPLET.format(**{**_TRIPLET_RIGHT, "margin": "- alpha"})),
    ],
    "week09_img_to_encoding_code": [
        ("pixels left in 0..255", _ENCODING.format(**{**_ENCODING_RIGHT, "scale": ""})),
        ("the model left in training mode", _ENCODING.format(**{**_ENCODING_RIGHT, "mode": "model.train()"})),
        ("height and width swapped", _ENCODING.format(**{**_ENCODING_RIGHT, "axes": "2, 1, 0"})),
        ("returns the batch of one, (1, d)", _ENCODING.format(**{**_ENCODING_RIGHT, "result": "encoding.numpy()"})),
    ],
    "week09_verify_code": [
        ("the squared distance", _VERIFY.format(**{
            **_VERIFY_RIGHT, "dist": "np.sum((encoding - database[identity]) ** 2)"})),
        ("the door opens for a distance above the threshold", _VERIFY.format(**{**_VERIFY_RIGHT, "rule": "dist > threshold"})),
        ("compared with the database's first person", _VERIFY.format(**{
            **_VERIFY_RIGHT, "dist": "np.linalg.norm(encoding - list(database.values())[0])"})),
    ],
    "week09_who_is_it_code": [
        ("the farthest person", _WHO.format(**{**_WHO_RIGHT, "start": "-1", "better": "dist > min_dist"})),
        ("the squared distance", _WHO.format(**{**_WHO_RIGHT, "dist": "np.sum((encoding - db_enc) ** 2)"})),
        ("name and distance swapped", _WHO.format(**{**_WHO_RIGHT, "result": "identity, min_dist"})),
    ],
}
