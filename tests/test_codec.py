"""Plain data: cases and outcomes travel as bytes without pickle, and come back identical."""
import json
import pickle
import struct

import numpy as np
import pytest
import torch

from dlkit.checks import REGISTRY
from dlkit.checks.codec import MAGIC, DecodeError, NotPlainData, decode, encode, to_plain
from dlkit.checks.registry import expected_outcome, make_cases


def same(a, b):
    """Structural equality that also compares types, dtypes and NaNs."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if torch.is_tensor(a):
        return a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
    if isinstance(a, float) and np.isnan(a):
        return np.isnan(b)
    return a == b


VALUES = [
    None, True, 0, -7, 2**70, 1.5, float("nan"), float("inf"), -float("inf"), "héllo", "",
    [], (), {}, [1, (2.0, "x"), {"a": None}], {"W1": np.eye(2), 3: [True]},
    np.arange(6, dtype=np.int64).reshape(2, 3), np.zeros((0, 4)), np.array(3.5), np.array([True, False]),
    np.array(["a", "bc"]), np.float32([1.5, np.nan]), np.complex128([1 + 2j]),
    torch.arange(4), torch.zeros(2, 3, dtype=torch.float32), {"nested": [[[np.ones(1)]]]},
]


@pytest.mark.parametrize("value", VALUES, ids=[repr(v)[:30] for v in VALUES])
def test_plain_values_round_trip(value):
    assert same(decode(encode(value)), to_plain(value))


def test_every_case_and_every_expected_outcome_is_plain_data_that_round_trips():
    for key in REGISTRY:
        spec = REGISTRY[key]
        for case in make_cases(spec, seed=11, n_random=2):
            assert same(decode(encode(case.as_plain())), to_plain(case.as_plain())), key
            expected = expected_outcome(spec, case)
            assert same(decode(encode(expected)), expected), key


def test_subclasses_are_reduced_to_their_stored_values():
    class Liar(float):
        def __float__(self):
            return 99.0

    class Loud(np.ndarray):
        pass

    class Pair(tuple):
        def __iter__(self):
            return iter(("forged",))

    plain = to_plain({"x": Liar(1.0), "a": np.ones(2).view(Loud), "p": Pair((1, 2)), "n": np.float64(2.5)})
    assert plain["x"] == 1.0 and type(plain["x"]) is float
    assert type(plain["a"]) is np.ndarray
    assert plain["p"] == (1, 2) and type(plain["p"]) is tuple
    assert type(plain["n"]) is float


@pytest.mark.parametrize("value", [lambda: 1, object(), np.array([object()]), {(1, 2): 3}, iter([1]), {"m": torch.nn.Linear(1, 1)}])
def test_what_is_not_plain_data_is_refused(value):
    with pytest.raises(NotPlainData):
        encode(value)


def message(tree, data=b""):
    body = json.dumps(tree).encode()
    return MAGIC + struct.pack(">I", len(body)) + body + data


def test_decode_refuses_pickles_and_malformed_bytes():
    with pytest.raises(DecodeError, match="magic"):
        decode(pickle.dumps([1, 2]))
    with pytest.raises(DecodeError, match="truncated"):
        decode(encode([1, 2, 3])[:12])
    with pytest.raises(DecodeError, match="tag"):
        decode(message({"eval": "__import__('os')"}))
    for dtype in ("|O", "|V8", "[('a', '<f8')]", "<f8 (2,)"):
        with pytest.raises(DecodeError, match="dtype"):
            decode(message({"array": [dtype, [1], 0]}, bytes(64)))
    with pytest.raises(DecodeError, match="outside"):
        decode(message({"array": ["<f8", [4], 8]}, bytes(32)))
    with pytest.raises(DecodeError, match="described"):
        decode(message({"array": ["<f8", [-1], 0]}, bytes(8)))
    with pytest.raises(DecodeError):
        decode(MAGIC + struct.pack(">I", 100_000) + b"[" * 100_000)


def test_decode_enforces_its_size_cap():
    blob = encode(np.zeros(10_000))
    assert decode(blob, max_bytes=len(blob)).shape == (10_000,)
    with pytest.raises(DecodeError, match="cap"):
        decode(blob, max_bytes=len(blob) - 1)
