"""Correct implementations of every week-08 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``...). The checks must accept
every one.
"""

EQUIVALENTS = {
    "week08_iou_code": [
        ("NumPy arrays and np.clip", """def iou(box1, box2):
    a, b = np.asarray(box1, dtype=float), np.asarray(box2, dtype=float)
    wh = np.clip(np.minimum(a[2:], b[2:]) - np.maximum(a[:2], b[:2]), 0, None)
    inter = wh[0] * wh[1]
    return inter / (np.prod(a[2:] - a[:2]) + np.prod(b[2:] - b[:2]) - inter)
"""),
        ("an early return when the boxes are apart", """def iou(box1, box2):
    left, right = max(box1[0], box2[0]), min(box1[2], box2[2])
    top, bottom = max(box1[1], box2[1]), min(box1[3], box2[3])
    if right <= left or bottom <= top:
        return 0.0
    inter = (right - left) * (bottom - top)
    area = lambda b: (b[2] - b[0]) * (b[3] - b[1])
    return inter / (area(box1) + area(box2) - inter)
"""),
    ],
    "week08_yolo_boxes_to_corners_code": [
        ("np.stack of the four edges", """def yolo_boxes_to_corners(box_xy, box_wh):
    x, y = box_xy[..., 0], box_xy[..., 1]
    w, h = box_wh[..., 0], box_wh[..., 1]
    return np.stack([x - 0.5 * w, y - 0.5 * h, x + 0.5 * w, y + 0.5 * h], axis=-1)
"""),
        ("np.block-free: an empty array filled in", """def yolo_boxes_to_corners(box_xy, box_wh):
    corners = np.empty(box_xy.shape[:-1] + (4,))
    corners[..., :2] = box_xy - box_wh / 2
    corners[..., 2:] = box_xy + box_wh / 2
    return corners
"""),
    ],
    "week08_yolo_filter_boxes_code": [
        ("rows of a flattened grid", """def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    n_classes = box_class_probs.shape[-1]
    scores = (box_confidence * box_class_probs).reshape(-1, n_classes)
    best = scores.max(axis=1)
    keep = np.nonzero(best >= threshold)[0]
    return best[keep], boxes.reshape(-1, 4)[keep], scores.argmax(axis=1)[keep]
"""),
        ("a loop over the cells and anchors, lists", """def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    kept_scores, kept_boxes, kept_classes = [], [], []
    for index in np.ndindex(*boxes.shape[:-1]):
        class_scores = box_confidence[index][0] * box_class_probs[index]
        c = int(np.argmax(class_scores))
        if class_scores[c] >= threshold:
            kept_scores.append(class_scores[c])
            kept_boxes.append(boxes[index])
            kept_classes.append(c)
    return np.array(kept_scores), np.array(kept_boxes).reshape(-1, 4), np.array(kept_classes, dtype=int)
"""),
    ],
    "week08_non_max_suppression_code": [
        ("a keep mask per class, boxes in decreasing score", """def non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    order = np.argsort(-scores)
    alive = np.ones(len(scores), dtype=bool)
    kept = []
    for position, i in enumerate(order):
        if not alive[i]:
            continue
        kept.append(i)
        for j in order[position + 1:]:
            if alive[j] and classes[j] == classes[i] and iou(boxes[i], boxes[j]) > iou_threshold:
                alive[j] = False
    kept = kept[:max_boxes]
    return scores[kept], boxes[kept], classes[kept]
"""),
        ("classes one after the other, results sorted at the end", """def non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    results = []
    for c in set(classes.tolist()):
        pool = sorted([(scores[i], i) for i in range(len(scores)) if classes[i] == c], reverse=True)
        while pool:
            score, best = pool[0]
            results.append((score, best))
            pool = [(s, i) for s, i in pool[1:] if not iou(boxes[best], boxes[i]) > iou_threshold]
    results.sort(reverse=True)
    kept = [i for _, i in results[:max_boxes]]
    return scores[kept], boxes[kept].reshape(-1, 4), classes[kept]
"""),
    ],
    "week08_yolo_eval_code": [
        ("keyword arguments, columns scaled one by one", """def yolo_eval(yolo_outputs, image_shape=(64, 64), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    corners = yolo_boxes_to_corners(box_xy=box_xy, box_wh=box_wh)
    scores, boxes, classes = yolo_filter_boxes(corners, box_confidence, box_class_probs, threshold=score_threshold)
    boxes = boxes.copy()
    boxes[:, [0, 2]] *= image_shape[1]
    boxes[:, [1, 3]] *= image_shape[0]
    return non_max_suppression(scores, boxes, classes, max_boxes=max_boxes, iou_threshold=iou_threshold)
"""),
        ("centres and sizes scaled to pixels before the corners", """def yolo_eval(yolo_outputs, image_shape=(64, 64), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    size = np.array(image_shape[::-1], dtype=float)
    corners = yolo_boxes_to_corners(box_xy * size, box_wh * size)
    kept = yolo_filter_boxes(corners, box_confidence, box_class_probs, score_threshold)
    return non_max_suppression(*kept, max_boxes, iou_threshold)
"""),
    ],
    "week08_encode_yolo_targets_code": [
        ("vectorised choice of cells and anchors", """def encode_yolo_targets(boxes, labels, anchors, grid_size, n_classes):
    S, A = grid_size, len(anchors)
    out = np.zeros((S, S, A, 5 + n_classes))
    if len(boxes) == 0:
        return out
    centres = (boxes[:, :2] + boxes[:, 2:]) / 2 * S
    sizes = boxes[:, 2:] - boxes[:, :2]
    inter = np.minimum(sizes[:, None, 0], anchors[None, :, 0]) * np.minimum(sizes[:, None, 1], anchors[None, :, 1])
    shape_iou = inter / (sizes.prod(axis=1)[:, None] + anchors.prod(axis=1)[None, :] - inter)
    best = shape_iou.argmax(axis=1)
    cells = np.minimum(np.floor(centres).astype(int), S - 1)
    for k in range(len(boxes)):
        col, row = cells[k]
        vector = np.zeros(5 + n_classes)
        vector[0] = 1
        vector[1:3] = centres[k] - cells[k]
        vector[3], vector[4] = sizes[k, 1] * S, sizes[k, 0] * S
        vector[5 + labels[k]] = 1
        out[row, col, best[k]] = vector
    return out
"""),
        ("one anchor at a time, keeping the best so far", """def encode_yolo_targets(boxes, labels, anchors, grid_size, n_classes):
    target = np.zeros((grid_size, grid_size, anchors.shape[0], 5 + n_classes))
    for box, label in zip(boxes, labels):
        width, height = box[2] - box[0], box[3] - box[1]
        best, best_iou = 0, -1.0
        for a, (anchor_w, anchor_h) in enumerate(anchors):
            inter = min(width, anchor_w) * min(height, anchor_h)
            overlap = inter / (width * height + anchor_w * anchor_h - inter)
            if overlap > best_iou:
                best, best_iou = a, overlap
        cx, cy = grid_size * (box[0] + box[2]) / 2, grid_size * (box[1] + box[3]) / 2
        i, j = min(int(np.floor(cy)), grid_size - 1), min(int(np.floor(cx)), grid_size - 1)
        target[i, j, best] = np.concatenate([[1, cx - j, cy - i, grid_size * height, grid_size * width],
                                             np.eye(n_classes)[label]])
    return target
"""),
    ],
    "week08_kmeans_anchors_code": [
        ("loops over boxes and centres, a while loop", """def kmeans_anchors(box_wh, k, iterations=100):
    centres = [tuple(wh) for wh in box_wh[:k]]
    assignment, rounds = None, 0
    while rounds < iterations:
        rounds += 1
        new = []
        for w, h in box_wh:
            overlaps = [min(w, cw) * min(h, ch) / (w * h + cw * ch - min(w, cw) * min(h, ch)) for cw, ch in centres]
            new.append(overlaps.index(max(overlaps)))
        if new == assignment:
            break
        assignment = new
        for j in range(k):
            members = [box_wh[i] for i in range(len(box_wh)) if assignment[i] == j]
            if members:
                centres[j] = tuple(np.mean(members, axis=0))
    return np.array(sorted(centres, key=lambda c: c[0] * c[1]))
"""),
        ("distances 1 - IoU, argmin, sums and counts", """def kmeans_anchors(box_wh, k, iterations=100):
    centres = np.array(box_wh[:k], dtype=float)
    last = np.full(len(box_wh), -1)
    for _ in range(iterations):
        inter = np.minimum(box_wh[:, None, :], centres[None, :, :]).prod(axis=2)
        distance = 1 - inter / (box_wh.prod(axis=1)[:, None] + centres.prod(axis=1)[None, :] - inter)
        nearest = distance.argmin(axis=1)
        if (nearest == last).all():
            break
        last = nearest
        counts = np.bincount(nearest, minlength=k)
        sums = np.zeros_like(centres)
        np.add.at(sums, nearest, box_wh)
        centres = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centres)
    return centres[np.argsort(centres.prod(axis=1))]
"""),
    ],
    "week08_mean_average_precision_code": [
        ("true positives in one pass over all images, recall levels looped", """def mean_average_precision(detections, ground_truths, n_classes, iou_threshold=0.5):
    aps = []
    for c in range(n_classes):
        n_gt = sum(int(np.sum(np.asarray(g_classes) == c)) for _, g_classes in ground_truths)
        if n_gt == 0:
            continue
        ranked = []
        for image, (boxes, det_scores, det_classes) in enumerate(detections):
            for i in range(len(det_scores)):
                if det_classes[i] == c:
                    ranked.append((-det_scores[i], image, i))
        ranked.sort()
        taken = set()
        tp = []
        for _, image, i in ranked:
            gt_boxes, gt_classes = ground_truths[image]
            best, best_iou = None, iou_threshold
            for j in range(len(gt_classes)):
                if gt_classes[j] != c or (image, j) in taken:
                    continue
                overlap = iou(detections[image][0][i], gt_boxes[j])
                if overlap >= best_iou and (best is None or overlap > best_iou):
                    best, best_iou = j, overlap
            if best is not None:
                taken.add((image, best))
            tp.append(best is not None)
        tp = np.array(tp, dtype=float)
        cum_tp = np.cumsum(tp)
        precision = cum_tp / np.arange(1, len(tp) + 1)
        recall = cum_tp / n_gt
        total = 0.0
        for level in np.linspace(0, 1, 101):
            reached = precision[recall >= level]
            total += reached.max() if reached.size else 0.0
        aps.append(total / 101)
    return sum(aps) / len(aps)
"""),
        ("with a helper for the average precision", """def mean_average_precision(detections, ground_truths, n_classes, iou_threshold=0.5):
    def ap(hits, scores, n_gt):
        order = np.argsort(scores)[::-1]
        hits = np.asarray(hits, dtype=bool)[order]
        tp, fp = np.cumsum(hits), np.cumsum(~hits)
        recall, precision = tp / n_gt, tp / np.maximum(tp + fp, 1)
        best_after = np.array([precision[i:].max() for i in range(len(precision))])
        values = []
        for level in np.arange(101) / 100:
            index = np.searchsorted(recall, level)
            values.append(best_after[index] if index < len(recall) else 0.0)
        return np.mean(values)

    per_class = []
    for c in range(n_classes):
        hits, scores, n_gt = [], [], 0
        for (boxes, det_scores, det_classes), (gt_boxes, gt_classes) in zip(detections, ground_truths):
            det = [(det_scores[i], boxes[i]) for i in range(len(det_scores)) if det_classes[i] == c]
            gt = [gt_boxes[j] for j in range(len(gt_classes)) if gt_classes[j] == c]
            n_gt += len(gt)
            free = list(range(len(gt)))
            for score, box in sorted(det, key=lambda pair: -pair[0]):
                overlaps = [(iou(box, gt[j]), j) for j in free]
                best = max(overlaps, default=(0.0, None))
                hit = best[1] is not None and best[0] >= iou_threshold
                if hit:
                    free.remove(best[1])
                hits.append(hit)
                scores.append(score)
        if n_gt:
            per_class.append(ap(hits, np.array(scores, dtype=float), n_gt))
    return float(np.mean(per_class))
"""),
    ],
}
