"""Small PyTorch models and tensor helpers (reference implementations).

PyTorch code follows PyTorch's layout: a batch is a tensor ``(N, features)``, one example per
row, and labels are class indices ``(N,)`` of dtype ``int64``.
"""
import torch
from torch import nn


def one_hot(labels, num_classes):
    """One-hot rows for integer ``labels`` ``(N,)``: a ``float32`` tensor ``(N, num_classes)``
    with a single 1 per row, in the column of that row's label (on the labels' device)."""
    return nn.functional.one_hot(labels, num_classes).float()


class SoftmaxClassifier(nn.Module):
    """LINEAR -> RELU -> LINEAR: ``in_features`` inputs, one hidden layer of ``hidden`` units and
    ``num_classes`` outputs.

    ``forward`` returns the *logits* ``(N, num_classes)``, the scores before the softmax:
    ``nn.CrossEntropyLoss`` applies log-softmax itself, and the predicted class is the argmax of
    the logits. The hidden layer is created before the output layer, so that a given
    ``torch.manual_seed`` always gives the same weights.
    """

    def __init__(self, in_features, hidden, num_classes):
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden)
        self.output = nn.Linear(hidden, num_classes)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x)))
