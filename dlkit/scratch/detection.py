"""Object detection in NumPy, YOLO style (reference implementations, week 8).

Conventions, settled once for the whole week:

- A box is ``(x1, y1, x2, y2)``: its left, top, right and bottom edges (``x`` to the right,
  ``y`` down), in whatever unit the caller uses (pixels, or fractions of the image).
- The image is cut into an ``S x S`` grid with ``A`` anchors per cell. For each cell and anchor
  the network predicts ``[p_c, b_x, b_y, b_h, b_w, c_1 .. c_C]``: ``p_c`` the probability that an
  object's centre lies in the cell; ``b_x, b_y`` the centre inside the cell, in ``[0, 1]`` (0 is
  the cell's left or top edge); ``b_h, b_w`` the height and width in units of a cell, which may
  exceed 1; ``c_i`` the class probabilities given an object. With 3 classes and 2 anchors on a
  3 x 3 grid, the output is ``3 x 3 x 2 x 8``, the lectures' ``3 x 3 x 16``.
- Anchors are ``(width, height)`` pairs in fractions of the image.
- The score of a box for class ``i`` is ``p_c * c_i``.
"""
import numpy as np


def iou(box1, box2):
    """Intersection over union of two boxes ``(x1, y1, x2, y2)``; 0 when they do not overlap."""
    width = max(0.0, min(box1[2], box2[2]) - max(box1[0], box2[0]))
    height = max(0.0, min(box1[3], box2[3]) - max(box1[1], box2[1]))
    intersection = width * height
    union = (box1[2] - box1[0]) * (box1[3] - box1[1]) + (box2[2] - box2[0]) * (box2[3] - box2[1]) - intersection
    return float(intersection / union)


def iou_matrix(boxes1, boxes2):
    """IoU of every box of ``boxes1`` ``(n, 4)`` with every box of ``boxes2`` ``(m, 4)``: ``(n, m)``."""
    boxes1, boxes2 = np.asarray(boxes1, float).reshape(-1, 4), np.asarray(boxes2, float).reshape(-1, 4)
    top_left = np.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = np.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    intersection = np.prod(np.clip(bottom_right - top_left, 0, None), axis=2)
    area1 = np.prod(boxes1[:, 2:] - boxes1[:, :2], axis=1)
    area2 = np.prod(boxes2[:, 2:] - boxes2[:, :2], axis=1)
    return intersection / (area1[:, None] + area2[None, :] - intersection)


def yolo_boxes_to_corners(box_xy, box_wh):
    """Boxes given by their centre ``(..., 2)`` ``(x, y)`` and size ``(..., 2)`` ``(w, h)`` as
    corners ``(..., 4)`` ``(x1, y1, x2, y2)``."""
    box_xy, box_wh = np.asarray(box_xy, float), np.asarray(box_wh, float)
    return np.concatenate([box_xy - box_wh / 2, box_xy + box_wh / 2], axis=-1)


def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    """Keep the boxes whose best class score ``p_c * c_i`` is at least ``threshold``.

    Args:
        boxes: ``(S, S, A, 4)`` corners.
        box_confidence: ``(S, S, A, 1)``, ``p_c``.
        box_class_probs: ``(S, S, A, C)``.
        threshold: the smallest score kept.

    Returns:
        ``(scores, boxes, classes)``: ``(n,)`` best class scores, ``(n, 4)`` boxes and ``(n,)``
        ``int64`` classes of the kept boxes, in the grid's row-major order.
    """
    box_scores = np.asarray(box_confidence) * np.asarray(box_class_probs)
    classes = box_scores.argmax(axis=-1)
    scores = box_scores.max(axis=-1)
    keep = scores >= threshold
    return scores[keep], np.asarray(boxes, float)[keep], classes[keep].astype(np.int64)


def non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    """Greedy non-max suppression, class by class, then the ``max_boxes`` best boxes overall.

    Within each class: take the box with the highest score, drop every other box of that class
    whose IoU with it is above ``iou_threshold``, and repeat with the boxes left.

    Args:
        scores: ``(n,)``; boxes: ``(n, 4)`` corners; classes: ``(n,)`` integers.

    Returns:
        ``(scores, boxes, classes)`` of the kept boxes, highest score first.
    """
    scores, boxes, classes = np.asarray(scores, float), np.asarray(boxes, float).reshape(-1, 4), np.asarray(classes)
    kept = []
    for label in np.unique(classes):
        candidates = list(np.flatnonzero(classes == label)[np.argsort(-scores[classes == label], kind="stable")])
        while candidates:
            best, candidates = candidates[0], candidates[1:]
            kept.append(best)
            overlaps = iou_matrix(boxes[[best]], boxes[candidates])[0] if candidates else np.zeros(0)
            candidates = [c for c, overlap in zip(candidates, overlaps) if overlap <= iou_threshold]
    kept = np.array(kept, dtype=np.int64)
    kept = kept[np.argsort(-scores[kept], kind="stable")][:max_boxes]
    return scores[kept], boxes[kept], classes[kept].astype(np.int64)


def yolo_eval(yolo_outputs, image_shape=(64, 64), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
    """The detections of one image from the decoded network output.

    Args:
        yolo_outputs: ``(box_xy, box_wh, box_confidence, box_class_probs)``: ``(S, S, A, 2)``
            centres and ``(S, S, A, 2)`` sizes in fractions of the image, ``(S, S, A, 1)`` and
            ``(S, S, A, C)`` probabilities.
        image_shape: ``(height, width)`` of the image, in pixels.

    Returns:
        ``(scores, boxes, classes)`` after :func:`yolo_filter_boxes` with ``score_threshold``,
        scaling to pixels and :func:`non_max_suppression`; boxes in pixels.
    """
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, score_threshold)
    height, width = image_shape
    boxes = boxes * np.array([width, height, width, height], dtype=float)
    return non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)


def shape_iou(wh1, wh2):
    """IoU of boxes of sizes ``wh1`` ``(n, 2)`` and ``wh2`` ``(m, 2)`` placed on the same centre: ``(n, m)``."""
    wh1, wh2 = np.asarray(wh1, float).reshape(-1, 2), np.asarray(wh2, float).reshape(-1, 2)
    intersection = np.prod(np.minimum(wh1[:, None], wh2[None]), axis=2)
    return intersection / (np.prod(wh1, axis=1)[:, None] + np.prod(wh2, axis=1)[None] - intersection)


def encode_yolo_targets(boxes, labels, anchors, grid_size, n_classes):
    """The training target of one image: what a perfect network would output.

    Each box goes to the cell that holds its centre and to the anchor whose shape fits it best
    (highest :func:`shape_iou`; the first such anchor on a tie). If two boxes land on the same
    cell and anchor, the later one is kept.

    Args:
        boxes: ``(n, 4)`` corners in fractions of the image.
        labels: ``(n,)`` classes.
        anchors: ``(A, 2)`` anchor ``(width, height)`` in fractions of the image.
        grid_size: ``S``.
        n_classes: ``C``.

    Returns:
        ``(S, S, A, 5 + C)``: ``[p_c, b_x, b_y, b_h, b_w, one-hot class]`` where an object is,
        zeros elsewhere (see the module's conventions).
    """
    boxes, anchors = np.asarray(boxes, float).reshape(-1, 4), np.asarray(anchors, float)
    target = np.zeros((grid_size, grid_size, len(anchors), 5 + n_classes))
    centres = (boxes[:, :2] + boxes[:, 2:]) / 2 * grid_size
    sizes = (boxes[:, 2:] - boxes[:, :2]) * grid_size
    best_anchors = shape_iou(boxes[:, 2:] - boxes[:, :2], anchors).argmax(axis=1)
    for (x, y), (w, h), anchor, label in zip(centres, sizes, best_anchors, labels):
        col, row = min(int(x), grid_size - 1), min(int(y), grid_size - 1)
        target[row, col, anchor] = 0.0
        target[row, col, anchor, :5] = (1.0, x - col, y - row, h, w)
        target[row, col, anchor, 5 + int(label)] = 1.0
    return target


def kmeans_anchors(box_wh, k, iterations=100):
    """Anchor shapes by k-means on box sizes with the distance ``1 - IoU`` (YOLOv2).

    Start from the first ``k`` boxes as centres. Each round, give every box to the centre it has
    the highest :func:`shape_iou` with (the first on a tie), and move each centre to the mean
    width and height of its boxes (a centre with no box stays). Stop when no box changes centre,
    or after ``iterations`` rounds.

    Args:
        box_wh: ``(n, 2)`` box widths and heights, ``n >= k``.
        k: the number of anchors.

    Returns:
        ``(k, 2)`` anchor ``(width, height)``, smallest area first.
    """
    box_wh = np.asarray(box_wh, float)
    centres = box_wh[:k].copy()
    assignment = None
    for _ in range(iterations):
        new_assignment = shape_iou(box_wh, centres).argmax(axis=1)
        if assignment is not None and np.array_equal(new_assignment, assignment):
            break
        assignment = new_assignment
        for j in range(k):
            if np.any(assignment == j):
                centres[j] = box_wh[assignment == j].mean(axis=0)
    return centres[np.argsort(np.prod(centres, axis=1), kind="stable")]


def average_precision(is_true_positive, scores, n_ground_truth):
    """COCO's average precision of one class from its detections, ranked by score.

    Args:
        is_true_positive: ``(n,)`` booleans, whether each detection matched a ground-truth box.
        scores: ``(n,)`` the detections' scores.
        n_ground_truth: the number of ground-truth boxes of the class (at least 1).

    Returns:
        The mean, over the 101 recall levels ``0, 0.01, .., 1``, of the interpolated precision:
        the best precision reached at that recall or beyond (0 where the recall is never reached).
    """
    order = np.argsort(-np.asarray(scores, float), kind="mergesort")
    hits = np.asarray(is_true_positive, bool)[order]
    true_positives, false_positives = np.cumsum(hits), np.cumsum(~hits)
    recall = true_positives / n_ground_truth
    precision = true_positives / np.maximum(true_positives + false_positives, np.finfo(float).eps)
    interpolated = np.maximum.accumulate(precision[::-1])[::-1]
    levels = np.linspace(0.0, 1.0, 101)
    reached = np.searchsorted(recall, levels, side="left")
    return float(np.mean([interpolated[i] if i < len(interpolated) else 0.0 for i in reached]))


def match_detections(boxes, scores, ground_truth_boxes, iou_threshold=0.5):
    """Which detections of one class in one image are true positives.

    Detections are taken from the highest score down; each is matched to the not yet matched
    ground-truth box it overlaps most, if that IoU is at least ``iou_threshold``.

    Returns:
        ``(n,)`` booleans, in the detections' given order.
    """
    overlaps = iou_matrix(boxes, ground_truth_boxes)
    matched = np.zeros(overlaps.shape[1], bool)
    hits = np.zeros(overlaps.shape[0], bool)
    for d in np.argsort(-np.asarray(scores, float), kind="mergesort"):
        candidates = np.where(matched, -1.0, overlaps[d])
        if candidates.size and candidates.max() >= iou_threshold:
            best = candidates.argmax()
            matched[best] = hits[d] = True
    return hits


def mean_average_precision(detections, ground_truths, n_classes, iou_threshold=0.5):
    """Mean average precision over the classes that have ground-truth boxes (mAP@0.5 by default).

    Args:
        detections: one ``(boxes (n, 4), scores (n,), classes (n,))`` per image.
        ground_truths: one ``(boxes (m, 4), classes (m,))`` per image, in the same order.
        n_classes: the number of classes.
        iou_threshold: the IoU from which a detection counts as finding a ground-truth box.

    Returns:
        The mean over the classes with at least one ground-truth box of
        :func:`average_precision`, detections matched image by image with
        :func:`match_detections`.
    """
    precisions = []
    for label in range(n_classes):
        hits, scores, n_ground_truth = [], [], 0
        for (boxes, det_scores, det_classes), (gt_boxes, gt_classes) in zip(detections, ground_truths):
            mine, theirs = np.asarray(det_classes) == label, np.asarray(gt_classes) == label
            det_boxes = np.asarray(boxes, float).reshape(-1, 4)[mine]
            n_ground_truth += int(theirs.sum())
            hits.append(match_detections(det_boxes, np.asarray(det_scores)[mine],
                                         np.asarray(gt_boxes, float).reshape(-1, 4)[theirs], iou_threshold))
            scores.append(np.asarray(det_scores, float)[mine])
        if n_ground_truth:
            precisions.append(average_precision(np.concatenate(hits), np.concatenate(scores), n_ground_truth))
    return float(np.mean(precisions))
