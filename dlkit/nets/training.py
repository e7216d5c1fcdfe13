"""PyTorch training: :func:`training_step`, one step on one batch; :func:`train_classifier`, the
training loop of a multi-class classifier, and of any model whose ``step`` computes its own loss
(week 8's detector: :func:`dlkit.nets.yolo.detector_step`); :func:`predict_labels`, a
classifier's predictions on a data set. The device always comes from the caller (see
:mod:`dlkit.runtime.device`).
"""
import torch
from torch import nn


def training_step(model, x, labels, optimizer):
    """One step on the batch ``x`` with class indices ``labels`` ``(N,)``: zero the gradients,
    compute ``nn.CrossEntropyLoss`` of the model's logits, backpropagate and let ``optimizer``
    update the parameters. Returns the batch's loss (measured before the step) as a float."""
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(x), labels)
    loss.backward()
    optimizer.step()
    return loss.item()


def train_classifier(model, loader, epochs, learning_rate, device, step=training_step, transform=None):
    """Train ``model`` (which returns logits) with Adam and ``nn.CrossEntropyLoss``.

    The model is moved to ``device`` and so is every batch ``(x, labels)`` of ``loader``. For
    each epoch and each batch, ``step(model, x, labels, optimizer)`` (:func:`training_step`
    unless another is given) takes one step with
    ``torch.optim.Adam(model.parameters(), lr=learning_rate)``, created once. ``transform``, if
    given, changes each training batch on the device first (data augmentation, for example
    :func:`dlkit.data.augment.random_flips_and_crops`).
    Returns the list of per-epoch losses: the mean loss over the epoch's examples, each batch's
    loss (measured before its step) weighted by the batch's size.
    """
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    epoch_losses = []
    for _ in range(epochs):
        model.train()
        total, count = 0.0, 0
        for x, labels in loader:
            x, labels = x.to(device), labels.to(device)
            if transform is not None:
                x = transform(x)
            total += step(model, x, labels, optimizer) * len(labels)
            count += len(labels)
        epoch_losses.append(total / count)
    return epoch_losses


@torch.no_grad()
def predict_labels(model, loader, device):
    """The class ``model`` predicts (the argmax of its logits) for every example of ``loader``.

    Returns ``(predictions, labels)``, two NumPy ``int64`` arrays ``(N,)`` in the loader's order;
    ``dlkit.metrics.accuracy(*predict_labels(model, loader, device))`` is the accuracy.
    """
    model.eval()
    predictions, labels = [], []
    for x, y in loader:
        predictions.append(model(x.to(device)).argmax(dim=1).cpu())
        labels.append(y)
    return torch.cat(predictions).numpy(), torch.cat(labels).numpy()
