"""PyTorch training: :func:`train_classifier`, the training loop of a multi-class classifier,
and :func:`accuracy`. The device always comes from the caller (see :mod:`dlkit.device`).
"""
import torch
from torch import nn


def train_classifier(model, loader, epochs, learning_rate, device):
    """Train ``model`` (which returns logits) with Adam and ``nn.CrossEntropyLoss``.

    The model is moved to ``device`` and so is every batch ``(x, labels)`` of ``loader``. For
    each epoch and each batch: zero the gradients, compute the loss, backpropagate, take an
    Adam step (``torch.optim.Adam(model.parameters(), lr=learning_rate)``, created once).
    Returns the list of per-epoch losses: the mean loss over the epoch's examples, each batch's
    loss (measured before its step) weighted by the batch's size.
    """
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    loss_function = nn.CrossEntropyLoss()
    epoch_losses = []
    for _ in range(epochs):
        model.train()
        total, count = 0.0, 0
        for x, labels in loader:
            x, labels = x.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = loss_function(model(x), labels)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(labels)
            count += len(labels)
        epoch_losses.append(total / count)
    return epoch_losses


@torch.no_grad()
def accuracy(model, loader, device):
    """Percentage of the examples of ``loader`` whose label is the argmax of ``model``'s logits."""
    model.eval()
    correct, count = 0, 0
    for x, labels in loader:
        predictions = model(x.to(device)).argmax(dim=1)
        correct += int((predictions == labels.to(device)).sum())
        count += len(labels)
    return 100.0 * correct / count
