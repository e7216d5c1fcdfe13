"""Week 8: object detection (YOLO).

Detections ``(scores, boxes, classes)`` are compared as sets, in any order. Random cases are
drawn so that the result does not hinge on a convention the notebook leaves open: scores never
tie, no two ground-truth boxes of :func:`encode_yolo_targets` land on the same cell and anchor,
and no recall of the mAP falls exactly on one of its 101 levels.
The mAP reference agrees with pycocotools (``tests/test_detection.py``).
"""
import numpy as np

from dlkit.checks.compare import same_detections
from dlkit.checks.registry import register
from dlkit.checks.spec import FunctionSpec
from dlkit.scratch import detection

DETECTIONS = ("scores", "boxes", "classes")


def _random_boxes(rng, n, low=0.0, high=10.0, clustered=True):
    """``(n, 4)`` boxes; clustered around a few centres so that many of them overlap."""
    centres = rng.uniform(low, high, (max(1, n // 3), 2))
    xy = centres[rng.integers(len(centres), size=n)] + rng.normal(0, (high - low) / 20, (n, 2)) if clustered \
        else rng.uniform(low, high, (n, 2))
    wh = rng.uniform((high - low) / 20, (high - low) / 4, (n, 2))
    return np.hstack([xy - wh / 2, xy + wh / 2])


def _iou_args(rng):
    box1 = _random_boxes(rng, 1, clustered=False)[0]
    shift = rng.normal(0, 1.5, 2)
    box2 = np.concatenate([box1[:2] + shift, box1[:2] + shift + rng.uniform(0.5, 6, 2)])
    return tuple(box1), tuple(box2)


register(FunctionSpec(
    key="week08.iou",
    reference=detection.iou,
    # The classic assignment's examples: overlapping, apart, touching at a corner, along an edge.
    examples=(((2, 1, 4, 3), (1, 2, 3, 4)), ((1, 2, 3, 4), (5, 6, 7, 8)), ((1, 1, 2, 2), (2, 2, 3, 3)),
              ((1, 1, 3, 3), (2, 3, 3, 4))),
    random_args=_iou_args,
))


def _grid(rng):
    return int(rng.integers(1, 6)), int(rng.integers(1, 4))


register(FunctionSpec(
    key="week08.yolo_boxes_to_corners",
    reference=detection.yolo_boxes_to_corners,
    examples=((np.array([[0.5, 0.5], [0.2, 0.7]]), np.array([[0.2, 0.4], [0.1, 0.3]])),),
    random_args=lambda rng: (lambda S, A: (rng.random((S, S, A, 2)), rng.uniform(0.05, 1.5, (S, S, A, 2))))(*_grid(rng)),
))


def _output(rng, S, A, C):
    """``(box_confidence, box_class_probs)`` of a random network output."""
    logits = rng.normal(0, 2, (S, S, A, C))
    probs = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    return rng.random((S, S, A, 1)), probs


def _filter_args(rng):
    (S, A), C = _grid(rng), int(rng.integers(1, 6))
    confidence, probs = _output(rng, S, A, C)
    boxes = detection.yolo_boxes_to_corners(rng.random((S, S, A, 2)), rng.uniform(0.05, 0.5, (S, S, A, 2)))
    return boxes, confidence, probs, float(rng.uniform(0.1, 0.5))


register(FunctionSpec(
    key="week08.yolo_filter_boxes",
    reference=detection.yolo_filter_boxes,
    examples=lambda: (_filter_args(np.random.default_rng(8))[:3],),
    random_args=_filter_args,
    comparator=same_detections,
    output_names=DETECTIONS,
))


_CHAIN = np.array([[0, 0, 4, 4], [0.2, 0, 4.2, 4], [3, 0, 7, 4], [3.5, 0, 7.5, 4]])


def _nms_args(rng):
    n = int(rng.integers(0, 25))
    return (rng.permutation(n) / max(n, 1) + rng.uniform(0, 0.01, n), _random_boxes(rng, n),
            rng.integers(0, int(rng.integers(1, 4)), n), int(rng.integers(1, 16)), float(rng.uniform(0.3, 0.7)))


register(FunctionSpec(
    key="week08.non_max_suppression",
    reference=detection.non_max_suppression,
    # A chain of boxes: the second best survives the best and suppresses the fourth; with
    # max_boxes=2 the cut comes after the suppression, not before.
    examples=((np.array([0.9, 0.8, 0.7, 0.6]), np.array([[0, 0, 4, 4], [1, 0, 5, 4], [0, 0, 4, 4.5], [10, 10, 12, 12.0]]),
               np.array([0, 0, 1, 0])),
              (np.array([0.9, 0.85, 0.8, 0.7]), _CHAIN, np.zeros(4, dtype=int)),
              (np.array([0.9, 0.85, 0.8, 0.7]), _CHAIN, np.zeros(4, dtype=int), 2)),
    random_args=_nms_args,
    uses=("week08.iou",),
    comparator=same_detections,
    output_names=DETECTIONS,
))


def _eval_args(rng):
    (S, A), C = _grid(rng), int(rng.integers(1, 5))
    confidence, probs = _output(rng, S, A, C)
    outputs = (rng.random((S, S, A, 2)), rng.uniform(0.05, 0.6, (S, S, A, 2)), confidence, probs)
    image_shape = (int(rng.integers(16, 300)), int(rng.integers(16, 300)))
    return outputs, image_shape, int(rng.integers(1, 11)), float(rng.uniform(0.1, 0.4)), float(rng.uniform(0.3, 0.7))


register(FunctionSpec(
    key="week08.yolo_eval",
    reference=detection.yolo_eval,
    examples=lambda: (_eval_args(np.random.default_rng(80))[:2],),
    random_args=_eval_args,
    uses=("week08.yolo_boxes_to_corners", "week08.yolo_filter_boxes", "week08.non_max_suppression"),
    comparator=same_detections,
    output_names=DETECTIONS,
))


def _targets_args(rng, S=None, A=None, C=None):
    """Boxes of which no two land on the same cell and anchor."""
    S, A, C = S or int(rng.integers(2, 7)), A or int(rng.integers(1, 4)), C or int(rng.integers(1, 5))
    anchors = np.sort(rng.uniform(0.05, 0.6, (A, 2)), axis=0)
    boxes, taken = [], set()
    for _ in range(int(rng.integers(1, 9))):
        centre, size = rng.uniform(0.01, 0.99, 2), rng.uniform(0.03, 0.7, 2)
        slot = (*np.minimum((centre * S).astype(int), S - 1), int(detection.shape_iou(size, anchors).argmax()))
        if slot not in taken:
            taken.add(slot)
            boxes.append(np.concatenate([centre - size / 2, centre + size / 2]))
    return np.array(boxes), rng.integers(0, C, len(boxes)), anchors, S, C


register(FunctionSpec(
    key="week08.encode_yolo_targets",
    reference=detection.encode_yolo_targets,
    # The lectures' example: a 3 x 3 grid, 2 anchors, 3 classes -> 3 x 3 x 2 x 8 (3 x 3 x 16).
    examples=((np.array([[0.1, 0.4, 0.3, 0.9], [0.45, 0.05, 0.95, 0.3]]), np.array([1, 2]),
               np.array([[0.15, 0.4], [0.5, 0.2]]), 3, 3),),
    random_args=_targets_args,
))


_SQUARES = np.array([[0.1, 0.1], [0.2, 0.2], [0.3, 0.3], [0.45, 0.45], [0.6, 0.6], [0.15, 0.15]])


def _kmeans_args(rng):
    k = int(rng.integers(1, 5))
    centres = rng.uniform(0.05, 0.7, (k + 1, 2))
    n = int(rng.integers(k, 40))
    box_wh = np.clip(centres[rng.integers(len(centres), size=n)] * rng.lognormal(0, 0.2, (n, 2)), 0.01, 1.0)
    return box_wh, k, int(rng.choice([1, 2, 3, 100]))


register(FunctionSpec(
    key="week08.kmeans_anchors",
    reference=detection.kmeans_anchors,
    # Two clear shapes; then squares of growing size, which take three rounds to settle.
    examples=((np.array([[0.1, 0.1], [0.5, 0.2], [0.12, 0.09], [0.45, 0.25], [0.09, 0.11]]), 2),
              (_SQUARES, 2, 1), (_SQUARES, 2)),
    random_args=_kmeans_args,
))


def _map_args(rng):
    n_classes = int(rng.integers(1, 4))
    detections, ground_truths = [], []
    for _ in range(int(rng.integers(1, 6))):
        m = int(rng.integers(0, 6))
        gt_boxes, gt_classes = _random_boxes(rng, m, 0, 100, clustered=False), rng.integers(0, n_classes, m)
        n = int(rng.integers(0, 9))
        found = rng.integers(0, max(m, 1), n)
        near = (rng.random(n) < 0.7) & (m > 0)
        boxes = np.where(near[:, None], gt_boxes[found] + rng.normal(0, 3, (n, 4)) if m else 0.0,
                         _random_boxes(rng, n, 0, 100, clustered=False))
        boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 1)
        classes = np.where(near & (rng.random(n) < 0.85), gt_classes[found] if m else 0, rng.integers(0, n_classes, n))
        detections.append((boxes, rng.random(n), classes))
        ground_truths.append((gt_boxes, gt_classes))
    if not any(len(classes) for _, classes in ground_truths):
        ground_truths[0] = (np.array([[10.0, 10.0, 30.0, 40.0]]), np.array([0]))
    return detections, _counts_prime_to_ten(ground_truths, n_classes), n_classes


def _counts_prime_to_ten(ground_truths, n_classes):
    """Drop ground-truth boxes until no class has a count divisible by 2 or 5: then no recall
    ``TP / n`` falls exactly on a level ``k / 100``, where ``np.linspace(0, 1, 101)`` (COCO's
    levels) and ``k / 100`` differ in the last bit and either choice is right."""
    def shares_a_factor_with_ten(label):
        count = sum(int(np.sum(classes == label)) for _, classes in ground_truths)
        return count > 0 and (count % 2 == 0 or count % 5 == 0)

    ground_truths = list(ground_truths)
    for label in range(n_classes):
        while shares_a_factor_with_ten(label):
            image = max(i for i, (_, classes) in enumerate(ground_truths) if np.any(classes == label))
            boxes, classes = ground_truths[image]
            drop = np.flatnonzero(classes == label)[-1]
            ground_truths[image] = (np.delete(boxes, drop, axis=0), np.delete(classes, drop))
    return ground_truths


register(FunctionSpec(
    key="week08.mean_average_precision",
    reference=detection.mean_average_precision,
    examples=lambda: (_map_args(np.random.default_rng(5)),),
    random_args=_map_args,
    uses=("week08.iou",),
))
