"""Plain data, and how it travels as bytes without pickle.

A check's cases and observations are *plain data*: ``None``, booleans, integers, floats,
strings, NumPy arrays of numbers, booleans or strings, torch tensors, and lists, tuples and
dicts (string or integer keys) of those. :func:`to_plain` turns whatever a student's function
returns into plain data, or refuses it; :func:`encode` and :func:`decode` carry plain data
between processes.

Conversion uses the base types' own methods, so that a subclass of ``float``, ``ndarray``,
``dict`` or ``tuple`` with its own ``__eq__``, ``__float__``, ``__iter__`` or ``items`` cannot
change what is compared: only the stored values survive.

The byte format (version 1) is::

    b"DLKC" + b"\\x01" + 4-byte big-endian length n + n bytes of UTF-8 JSON + the arrays' bytes

The JSON tree holds every value; JSON ``null``, ``true``, ``false``, numbers, strings and arrays
stand for themselves (a JSON array is a Python list), and every other value is a one-key object:
``{"tuple": [...]}``, ``{"dict": [[key, value], ...]}`` (keeps the order and allows integer
keys), ``{"float": "nan" | "inf" | "-inf"}``, and ``{"array": [dtype, shape, offset]}`` or
``{"tensor": [dtype, shape, offset]}``, whose data are the ``prod(shape) * itemsize`` bytes at
``offset`` in the part after the JSON (``dtype`` as NumPy writes it, for example ``"<f8"``).
Decoding refuses anything else (object, void and structured dtypes among them; nothing is ever
unpickled), and a message longer than its size cap.
"""
import json
import math
import struct
import sys

import numpy as np

MAGIC = b"DLKC\x01"
DEFAULT_MAX_BYTES = 64 * 2**20
MAX_DEPTH = 64

_NUMPY_SCALAR_TYPES = frozenset(np.dtype(code).type for code in np.typecodes["All"] if code not in "OV")
_ARRAY_KINDS = frozenset("biufcU")


class NotPlainData(TypeError):
    """A value holds something other than plain data (a function, a module, a custom object...)."""


class DecodeError(ValueError):
    """Bytes that are not a well-formed message of this codec, or exceed its size cap."""


def _torch():
    """The torch module if something already imported it: plain data never imports torch itself."""
    return sys.modules.get("torch")


def _is_tensor(value):
    torch = _torch()
    return torch is not None and isinstance(value, torch.Tensor)


def is_tensor(value):
    """True for a torch tensor (without importing torch)."""
    return _is_tensor(value)


def to_plain(value, _depth=0):
    """A copy of ``value`` made only of plain data, built from the stored values alone.

    Tuples (named tuples included) become tuples, lists lists, dicts dicts; NumPy scalars become
    Python numbers; arrays and tensors are copied into base-class objects (tensors detached, on
    the CPU). Raises :class:`NotPlainData` naming the first value that is not plain data.
    """
    if _depth > MAX_DEPTH:
        raise NotPlainData(f"containers nested more than {MAX_DEPTH} deep")
    kind = type(value)
    if value is None or kind is bool:
        return value
    if kind in _NUMPY_SCALAR_TYPES:
        return _plain_numpy_scalar(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, np.ndarray):
        return _plain_array(value)
    if _is_tensor(value):
        return _plain_tensor(value)
    if isinstance(value, tuple):
        return tuple(to_plain(item, _depth + 1) for item in tuple.__iter__(value))
    if isinstance(value, list):
        return [to_plain(item, _depth + 1) for item in list.__iter__(value)]
    if isinstance(value, dict):
        plain = {}
        for key, item in dict.items(value):
            key = to_plain(key, _depth + 1)
            if type(key) not in (str, int):
                raise NotPlainData(f"a dict key of type {type(key).__name__} (use strings)")
            plain[key] = to_plain(item, _depth + 1)
        return plain
    raise NotPlainData(f"a {kind.__name__}")


def _plain_numpy_scalar(value):
    array = np.asarray(value)
    if array.dtype.kind == "b":
        return bool(np.ndarray.item(array))
    if array.dtype.kind in "iu":
        return int(np.ndarray.item(array))
    if array.dtype.kind == "f":
        return float(np.ndarray.item(array))
    return _plain_array(array)[()]


def _plain_array(array):
    base = np.ndarray.copy(np.ndarray.view(array, np.ndarray))
    if base.dtype.kind not in _ARRAY_KINDS:
        raise NotPlainData(f"an array of dtype {base.dtype} (only numbers, booleans and strings)")
    return base


def _plain_tensor(tensor):
    torch = _torch()
    with torch._C.DisableTorchFunctionSubclass():
        data = torch.Tensor.detach(tensor)
        data = torch.Tensor.cpu(data)
        if data.dtype == torch.bfloat16:
            data = torch.Tensor.float(data)
        array = np.array(torch.Tensor.numpy(data), copy=True)
    return torch.from_numpy(array)


def encode(value):
    """Encode plain data (see the module docstring) as bytes; raises :class:`NotPlainData`."""
    chunks, size = [], 0

    def array_node(tag, array):
        nonlocal size
        chunks.append(array.tobytes(order="C"))
        node = {tag: [array.dtype.str, list(array.shape), size]}
        size += array.nbytes
        return node

    def node(item):
        kind = type(item)
        if item is None or kind in (bool, int, str):
            return item
        if kind is float:
            return item if math.isfinite(item) else {"float": repr(item)}
        if kind is list:
            return [node(x) for x in item]
        if kind is tuple:
            return {"tuple": [node(x) for x in item]}
        if kind is dict:
            return {"dict": [[node(k), node(v)] for k, v in item.items()]}
        if kind is np.ndarray:
            return array_node("array", item)
        if _is_tensor(item):
            return array_node("tensor", item.numpy())
        raise NotPlainData(f"a {kind.__name__}")

    text = json.dumps(node(to_plain(value)), allow_nan=False, separators=(",", ":")).encode()
    return MAGIC + struct.pack(">I", len(text)) + text + b"".join(chunks)


def decode(blob, max_bytes=DEFAULT_MAX_BYTES):
    """The plain data encoded in ``blob``; raises :class:`DecodeError` for anything malformed or
    longer than ``max_bytes``."""
    if not isinstance(blob, (bytes, bytearray)):
        raise DecodeError(f"expected bytes, got {type(blob).__name__}")
    if len(blob) > max_bytes:
        raise DecodeError(f"the message has {len(blob)} bytes, more than the cap of {max_bytes}")
    header = len(MAGIC) + 4
    if len(blob) < header or blob[:len(MAGIC)] != MAGIC:
        raise DecodeError("not a message of this codec (bad magic bytes)")
    (length,) = struct.unpack(">I", blob[len(MAGIC):header])
    if header + length > len(blob):
        raise DecodeError("the message is truncated")
    try:
        tree = json.loads(blob[header:header + length].decode(), parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise DecodeError(f"the JSON part is malformed ({error})") from None
    return _value(tree, memoryview(blob)[header + length:], 0)


def _refuse_constant(name):
    raise ValueError(f"bare {name} is not allowed")


def _value(node, data, depth):
    if depth > MAX_DEPTH:
        raise DecodeError(f"containers nested more than {MAX_DEPTH} deep")
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is list:
        return [_value(item, data, depth + 1) for item in node]
    if type(node) is not dict or len(node) != 1:
        raise DecodeError("a JSON object must have exactly one tag")
    (tag, content), = node.items()
    if tag == "tuple" and type(content) is list:
        return tuple(_value(item, data, depth + 1) for item in content)
    if tag == "dict" and type(content) is list:
        result = {}
        for pair in content:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise DecodeError("a dict entry must be a [string or integer key, value] pair")
            result[pair[0]] = _value(pair[1], data, depth + 1)
        return result
    if tag == "float" and content in ("nan", "inf", "-inf"):
        return float(content)
    if tag in ("array", "tensor"):
        array = _array(content, data)
        if tag == "array":
            return array
        import torch  # a tensor was sent: the receiver works with torch

        return torch.from_numpy(array)
    raise DecodeError(f"unknown or malformed tag {tag!r}")


def _array(content, data):
    """The array described by ``[dtype, shape, offset]`` in ``data``, copied out."""
    if (type(content) is not list or len(content) != 3 or type(content[0]) is not str or type(content[1]) is not list
            or type(content[2]) is not int or not all(type(n) is int and n >= 0 for n in content[1])):
        raise DecodeError("an array must be described as [dtype, shape, offset]")
    dtype_text, shape, offset = content
    try:
        dtype = np.dtype(dtype_text)
    except (TypeError, ValueError):
        raise DecodeError(f"unknown dtype {dtype_text!r}") from None
    if dtype.kind not in _ARRAY_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise DecodeError(f"an array of dtype {dtype} is not accepted")
    count = math.prod(shape)
    if offset < 0 or offset + count * dtype.itemsize > len(data):
        raise DecodeError("an array's data lie outside the message")
    return np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(tuple(shape)).copy()
