"""Week 8: the mAP reference agrees with pycocotools; encoding targets and decoding the network's
output are inverses; the scenes are what the notebook says."""
import contextlib
import io

import numpy as np
import pytest
import torch
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from dlkit.data.scenes import MAX_OVERLAP, SCENE_SIZE, load_scenes, make_scenes
from dlkit.nets.yolo import TinyYolo, decode_yolo, yolo_loss
from dlkit.scratch import detection


def coco_map50(detections, ground_truths, n_classes):
    """mAP@0.5 by pycocotools (one IoU threshold, every area, at most 100 detections per image)."""
    annotations = []
    for image, (boxes, labels) in enumerate(ground_truths):
        for b, label in zip(boxes, labels):
            annotations.append({"id": len(annotations) + 1, "image_id": image + 1, "category_id": int(label) + 1,
                                "bbox": [b[0], b[1], b[2] - b[0], b[3] - b[1]], "area": (b[2] - b[0]) * (b[3] - b[1]),
                                "iscrowd": 0})
    results = [{"image_id": image + 1, "category_id": int(label) + 1, "bbox": [b[0], b[1], b[2] - b[0], b[3] - b[1]],
                "score": float(score)}
               for image, (boxes, scores, labels) in enumerate(detections) for b, score, label in zip(boxes, scores, labels)]
    truth = COCO()
    truth.dataset = {"images": [{"id": i + 1} for i in range(len(ground_truths))], "annotations": annotations,
                     "categories": [{"id": c + 1} for c in range(n_classes)]}
    with contextlib.redirect_stdout(io.StringIO()):
        truth.createIndex()
        evaluation = COCOeval(truth, truth.loadRes(results), "bbox")
        evaluation.params.iouThrs = np.array([0.5])
        evaluation.params.areaRng, evaluation.params.areaRngLbl, evaluation.params.maxDets = [[0, 1e10]], ["all"], [100]
        evaluation.evaluate()
        evaluation.accumulate()
    precision = evaluation.eval["precision"][0, :, :, 0, 0]
    return float(np.mean(precision[precision > -1]))


def random_detections(rng):
    """Ground truth and detections over a few images: most detections near a true box (some with
    the wrong class), the rest anywhere."""
    n_classes = int(rng.integers(1, 4))
    detections, ground_truths = [], []
    for _ in range(int(rng.integers(1, 7))):
        m = int(rng.integers(1, 7))
        corner, size = rng.uniform(0, 80, (m, 2)), rng.uniform(4, 30, (m, 2))
        truth = np.hstack([corner, corner + size])
        labels = rng.integers(0, n_classes, m)
        n = int(rng.integers(1, 12))
        source = rng.integers(0, m, n)
        near = rng.random(n) < 0.7
        anywhere = np.hstack([rng.uniform(0, 80, (n, 2))] * 2) + np.hstack([np.zeros((n, 2)), rng.uniform(4, 30, (n, 2))])
        boxes = np.where(near[:, None], truth[source] + rng.normal(0, 3, (n, 4)), anywhere)
        boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 1)
        classes = np.where(near & (rng.random(n) < 0.85), labels[source], rng.integers(0, n_classes, n))
        detections.append((boxes, rng.random(n), classes))
        ground_truths.append((truth, labels))
    return detections, ground_truths, n_classes


@pytest.mark.parametrize("seed", range(40))
def test_map_agrees_with_pycocotools(seed):
    detections, ground_truths, n_classes = random_detections(np.random.default_rng(seed))
    ours = detection.mean_average_precision(detections, ground_truths, n_classes)
    assert ours == pytest.approx(coco_map50(detections, ground_truths, n_classes), abs=1e-12)


def test_iou_matrix_agrees_with_iou():
    rng = np.random.default_rng(1)
    a, b = rng.uniform(0, 10, (5, 2)), rng.uniform(0, 10, (4, 2))
    boxes1, boxes2 = np.hstack([a, a + rng.uniform(1, 5, (5, 2))]), np.hstack([b, b + rng.uniform(1, 5, (4, 2))])
    expected = [[detection.iou(p, q) for q in boxes2] for p in boxes1]
    assert np.allclose(detection.iou_matrix(boxes1, boxes2), expected)
    assert detection.iou((2, 1, 4, 3), (1, 2, 3, 4)) == pytest.approx(1 / 7)


def perfect_raw_output(target, anchors):
    """The raw network output that decodes to ``target`` (S, S, A, 5 + C) exactly."""
    grid = target.shape[0]
    raw = np.zeros_like(target)
    has_object = target[..., 0] > 0
    raw[..., 0] = np.where(has_object, 30.0, -30.0)
    offsets = np.clip(target[..., 1:3], 1e-6, 1 - 1e-6)
    raw[..., 1:3] = np.log(offsets / (1 - offsets))
    anchor_hw = anchors[None, None, :, ::-1] * grid
    raw[..., 3:5] = np.where(has_object[..., None], np.log(np.maximum(target[..., 3:5], 1e-9) / anchor_hw), 0.0)
    raw[..., 5:] = 30.0 * target[..., 5:]
    return raw


def test_decoding_a_perfect_output_gives_back_the_ground_truth():
    scenes = make_scenes(20, seed=7)
    anchors = detection.kmeans_anchors(np.concatenate([b[:, 2:] - b[:, :2] for b in scenes.boxes]) / SCENE_SIZE, 2)
    for boxes, labels in zip(scenes.boxes, scenes.labels):
        target = detection.encode_yolo_targets(boxes / SCENE_SIZE, labels, anchors, 8, 3)
        raw = torch.tensor(perfect_raw_output(target, anchors))[None]
        decoded = [part[0].numpy() for part in decode_yolo(raw, torch.tensor(anchors))]
        scores, found, classes = detection.yolo_eval(decoded, (SCENE_SIZE, SCENE_SIZE), score_threshold=0.5)
        assert len(found) == len(boxes)
        order = np.lexsort(found.T[::-1])
        assert np.allclose(found[order], boxes[np.lexsort(boxes.T[::-1])], atol=1e-4)
        assert sorted(classes) == sorted(labels)
        loss = yolo_loss(raw.float(), torch.tensor(target[None], dtype=torch.float32), torch.tensor(anchors))
        assert loss.item() < 1e-3


def test_the_detector_learns_a_batch():
    scenes = make_scenes(16, seed=3)
    anchors = torch.tensor([[0.2, 0.2], [0.35, 0.35]])
    x = torch.tensor(scenes.images / 255.0, dtype=torch.float32).permute(0, 3, 1, 2)
    targets = torch.tensor(np.stack([detection.encode_yolo_targets(b / SCENE_SIZE, l, anchors.numpy(), 8, 3)
                                     for b, l in zip(scenes.boxes, scenes.labels)]), dtype=torch.float32)
    torch.manual_seed(0)
    model = TinyYolo(2, 3)
    assert model(x).shape == (16, 8, 8, 2, 8)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    with torch.no_grad():
        first = yolo_loss(model(x), targets, anchors).item()
    for _ in range(60):
        optimizer.zero_grad()
        loss = yolo_loss(model(x), targets, anchors)
        loss.backward()
        optimizer.step()
    assert loss.item() < first / 5


def test_the_scenes_keep_their_promises():
    scenes = load_scenes("test")
    assert scenes.images.shape == (300, 64, 64, 3)
    counts = [len(b) for b in scenes.boxes]
    assert min(counts) >= 1 and max(counts) <= 4
    for boxes in scenes.boxes:
        assert np.all(boxes[:, 2:] > boxes[:, :2]) and boxes.min() >= 0 and boxes.max() <= SCENE_SIZE
        overlaps = detection.iou_matrix(boxes, boxes)[np.triu_indices(len(boxes), 1)]
        assert np.all(overlaps <= MAX_OVERLAP)
    again = make_scenes(300, seed=2)
    assert np.array_equal(again.images, scenes.images)
    with pytest.raises(ValueError, match="split must be"):
        load_scenes("validation")
