"""Plausible wrong implementations of every week-8 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``...).
"""

_IOU = """def iou(box1, box2):
    (box1_x1, box1_y1, box1_x2, box1_y2), (box2_x1, box2_y1, box2_x2, box2_y2) = box1, box2
    xi1, yi1 = max(box1_x1, box2_x1), max(box1_y1, box2_y1)
    xi2, yi2 = {xi2}, min(box1_y2, box2_y2)
    inter_area = {inter}
    box1_area = {box1_area}
    box2_area = (box2_x2 - box2_x1) * (box2_y2 - box2_y1)
    return inter_area / ({union})
"""
_IOU_RIGHT = dict(xi2="min(box1_x2, box2_x2)", inter="max(xi2 - xi1, 0) * max(yi2 - yi1, 0)",
                  box1_area="(box1_x2 - box1_x1) * (box1_y2 - box1_y1)", union="box1_area + box2_area - inter_area")

_CORNERS = """def yolo_boxes_to_corners(box_xy, box_wh):
    mins = box_xy - box_wh / {half}
    maxes = box_xy + box_wh / {half}
    return np.concatenate([{order}], axis=-1)
"""

_FILTER = """def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    box_scores = {scores}
    box_classes = np.argmax(box_scores, axis=-1){class_shift}
    box_class_scores = np.max(box_scores, axis=-1)
    mask = {mask}
    return box_class_scores[mask], boxes[mask], box_classes[mask]
"""
_FILTER_RIGHT = dict(scores="box_confidence * box_class_probs", class_shift="", mask="box_class_scores >= threshold")

_NMS = """def non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    {truncate}
    kept = []
    for c in {class_groups}:
        order = [i for i in np.argsort(-scores) if {same_class}]
        while order:
            best = order.pop(0)
            kept.append(best)
            order = [i for i in order if {keep_rule}]{stop}
    kept = sorted(kept, key=lambda i: -scores[i])[:max_boxes]
    return scores[kept], boxes[kept], classes[kept]
"""
_NMS_RIGHT = dict(truncate="pass", class_groups="np.unique(classes)", same_class="classes[i] == c",
                  keep_rule="iou(boxes[best], boxes[i]) <= iou_threshold", stop="")

_EVAL = """def yolo_eval(yolo_outputs, image_shape=(64, 64), max_boxes=10, score_threshold=0.6, iou_threshold=0.5):
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, {filter_threshold})
    height, width = image_shape
    boxes = {scaled}
    return non_max_suppression(scores, boxes, classes, max_boxes, {nms_threshold})
"""
_EVAL_RIGHT = dict(filter_threshold="score_threshold", nms_threshold="iou_threshold",
                   scaled="boxes * np.array([width, height, width, height])")

_TARGETS = """def encode_yolo_targets(boxes, labels, anchors, grid_size, n_classes):
    target = np.zeros((grid_size, grid_size, len(anchors), 5 + n_classes))
    for (x1, y1, x2, y2), label in zip(boxes, labels):
        w, h = x2 - x1, y2 - y1
        x, y = (x1 + x2) / 2 * grid_size, (y1 + y2) / 2 * grid_size
        col, row = min(int(x), grid_size - 1), min(int(y), grid_size - 1)
        overlaps = [min(w, aw) * min(h, ah) / (w * h + aw * ah - min(w, aw) * min(h, ah)) for aw, ah in anchors]
        a = {anchor}
        target[{cell}, a, :5] = [1, {offsets}, {sizes}]
        target[{cell}, a, 5 + label] = 1
    return target
"""
_TARGETS_RIGHT = dict(anchor="int(np.argmax(overlaps))", cell="row, col", offsets="x - col, y - row",
                      sizes="h * grid_size, w * grid_size")

_KMEANS = """def kmeans_anchors(box_wh, k, iterations=100):
    def overlap(wh, centres):
        inter = np.minimum(wh[:, None, 0], centres[None, :, 0]) * np.minimum(wh[:, None, 1], centres[None, :, 1])
        return inter / (wh[:, None, 0] * wh[:, None, 1] + centres[None, :, 0] * centres[None, :, 1] - inter)

    centres = box_wh[:k].copy()
    previous = None
    for _ in range({rounds}):
        nearest = {nearest}
        if previous is not None and np.array_equal(nearest, previous):
            break
        previous = nearest
        for j in range(k):
            if np.any(nearest == j):
                centres[j] = {update}(box_wh[nearest == j], axis=0)
    return {result}
"""
_KMEANS_RIGHT = dict(rounds="iterations", nearest="np.argmax(overlap(box_wh, centres), axis=1)", update="np.mean",
                     result="centres[np.argsort(centres[:, 0] * centres[:, 1])]")

_MAP = """def mean_average_precision(detections, ground_truths, n_classes, iou_threshold=0.5):
    aps = []
    for c in range(n_classes):
        hits, scores, n_gt = [], [], 0
        for (boxes, det_scores, det_classes), (gt_boxes, gt_classes) in zip(detections, ground_truths):
            gt = [b for b, g in zip(gt_boxes, gt_classes) if {gt_filter}]
            n_gt += len(gt)
            used = [False] * len(gt)
            mine = [i for i in {det_order} if {det_filter}]
            for i in mine:
                overlaps = [-1.0 if {used_rule} else iou(boxes[i], g) for j, g in enumerate(gt)]
                best = int(np.argmax(overlaps)) if overlaps else -1
                hit = best >= 0 and overlaps[best] >= iou_threshold
                if hit:
                    used[best] = True
                hits.append(hit)
                scores.append(det_scores[i])
        if n_gt == 0:
            continue
        order = np.argsort(-np.array(scores), kind="mergesort")
        tp = np.cumsum(np.array(hits, dtype=bool)[order])
        fp = np.cumsum(~np.array(hits, dtype=bool)[order])
        recall = tp / n_gt
        precision = tp / np.maximum(tp + fp, 1e-300)
        {interpolate}
        aps.append({ap})
    return float(np.mean(aps))
"""
_INTERPOLATE = "precision = np.maximum.accumulate(precision[::-1])[::-1]"
_AP_101 = ("np.mean([precision[np.searchsorted(recall, r, side='left')] if np.searchsorted(recall, r, side='left') "
           "< len(recall) else 0.0 for r in np.linspace(0, 1, 101)])")
_MAP_RIGHT = dict(gt_filter="g == c", det_order="np.argsort(-np.asarray(det_scores), kind='mergesort')",
                  det_filter="det_classes[i] == c", used_rule="used[j]", interpolate=_INTERPOLATE, ap=_AP_101)

MUTANTS = {
    "week08_iou_code": [
        ("no clipping at zero: boxes apart still overlap", _IOU.format(**{**_IOU_RIGHT, "inter": "(xi2 - xi1) * (yi2 - yi1)"})),
        ("the union counts the intersection twice", _IOU.format(**{**_IOU_RIGHT, "union": "box1_area + box2_area"})),
        ("pixel convention: + 1 on every side", _IOU.format(**{
            **_IOU_RIGHT, "inter": "max(xi2 - xi1 + 1, 0) * max(yi2 - yi1 + 1, 0)",
            "box1_area": "(box1_x2 - box1_x1 + 1) * (box1_y2 - box1_y1 + 1)"})),
        ("max instead of min for the right edge", _IOU.format(**{**_IOU_RIGHT, "xi2": "max(box1_x2, box2_x2)"})),
    ],
    "week08_yolo_boxes_to_corners_code": [
        ("(y1, x1, y2, x2), TensorFlow's order", _CORNERS.format(
            half="2", order="mins[..., 1:2], mins[..., 0:1], maxes[..., 1:2], maxes[..., 0:1]")),
        ("the whole width on each side", _CORNERS.format(half="1", order="mins, maxes")),
        ("corners and size", _CORNERS.format(half="2", order="mins, box_wh")),
    ],
    "week08_yolo_filter_boxes_code": [
        ("filters on p_c alone", _FILTER.format(**{**_FILTER_RIGHT, "mask": "box_confidence[..., 0] >= threshold"})),
        ("scores are the class probabilities alone", _FILTER.format(**{**_FILTER_RIGHT, "scores": "box_class_probs"})),
        ("keeps the boxes below the threshold", _FILTER.format(**{**_FILTER_RIGHT, "mask": "box_class_scores < threshold"})),
        ("classes counted from 1", _FILTER.format(**{**_FILTER_RIGHT, "class_shift": " + 1"})),
    ],
    "week08_non_max_suppression_code": [
        ("all classes together (the notes' mistake)", _NMS.format(**{
            **_NMS_RIGHT, "class_groups": "[None]", "same_class": "True"})),
        ("only the best box suppresses", _NMS.format(**{
            **_NMS_RIGHT, "stop": "\n            kept += order\n            order = []"})),
        ("keeps the best max_boxes before suppressing", _NMS.format(**{
            **_NMS_RIGHT, "truncate": "top = np.argsort(-scores)[:max_boxes]; scores, boxes, classes = scores[top], boxes[top], classes[top]"})),
        ("drops the boxes that do not overlap", _NMS.format(**{
            **_NMS_RIGHT, "keep_rule": "iou(boxes[best], boxes[i]) > iou_threshold"})),
    ],
    "week08_yolo_eval_code": [
        ("boxes left in fractions of the image", _EVAL.format(**{**_EVAL_RIGHT, "scaled": "boxes"})),
        ("x scaled by the height, y by the width", _EVAL.format(**{
            **_EVAL_RIGHT, "scaled": "boxes * np.array([height, width, height, width])"})),
        ("the two thresholds swapped", _EVAL.format(**{
            **_EVAL_RIGHT, "filter_threshold": "iou_threshold", "nms_threshold": "score_threshold"})),
    ],
    "week08_encode_yolo_targets_code": [
        ("sizes in fractions of the image, not of a cell", _TARGETS.format(**{**_TARGETS_RIGHT, "sizes": "h, w"})),
        ("(b_w, b_h) instead of (b_h, b_w)", _TARGETS.format(**{**_TARGETS_RIGHT, "sizes": "w * grid_size, h * grid_size"})),
        ("the centre relative to the image, not the cell", _TARGETS.format(**{
            **_TARGETS_RIGHT, "offsets": "x / grid_size, y / grid_size"})),
        ("always the first anchor", _TARGETS.format(**{**_TARGETS_RIGHT, "anchor": "0"})),
        ("rows and columns swapped", _TARGETS.format(**{**_TARGETS_RIGHT, "cell": "col, row"})),
    ],
    "week08_kmeans_anchors_code": [
        ("Euclidean distance instead of 1 - IoU", _KMEANS.format(**{
            **_KMEANS_RIGHT, "nearest": "np.argmin(((box_wh[:, None] - centres[None]) ** 2).sum(axis=2), axis=1)"})),
        ("the median instead of the mean", _KMEANS.format(**{**_KMEANS_RIGHT, "update": "np.median"})),
        ("not sorted by area", _KMEANS.format(**{**_KMEANS_RIGHT, "result": "centres"})),
        ("ignores the number of rounds", _KMEANS.format(**{**_KMEANS_RIGHT, "rounds": "1000"})),
    ],
    "week08_mean_average_precision_code": [
        ("no interpolation of the precision", _MAP.format(**{**_MAP_RIGHT, "interpolate": "pass"})),
        ("a ground-truth box found twice counts twice", _MAP.format(**{**_MAP_RIGHT, "used_rule": "False"})),
        ("classes ignored when matching", _MAP.format(**{**_MAP_RIGHT, "gt_filter": "True", "det_filter": "True"})),
        ("detections matched in the given order, not by score", _MAP.format(**{
            **_MAP_RIGHT, "det_order": "range(len(det_scores))"})),
        ("the area under the raw precision-recall curve (VOC-style, all points)", _MAP.format(**{
            **_MAP_RIGHT, "ap": "float(np.sum(np.diff(np.concatenate([[0], recall])) * precision))"})),
    ],
}
