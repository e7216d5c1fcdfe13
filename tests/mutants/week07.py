"""Plausible wrong implementations of every week-7 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``...).
"""

_OUTPUT_SHAPE = """def conv_output_shape(input_shape, n_filters, f, stride=1, pad=0):
    n_H_prev, n_W_prev, n_C_prev = input_shape
    n_H = {n_H}
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    return n_H, n_W, {n_C}
"""
_OUTPUT_SHAPE_RIGHT = dict(n_H="(n_H_prev + 2 * pad - f) // stride + 1", n_C="n_filters")

_COUNT = """def count_params(input_shape, layers):
    shape = input_shape
    total = 0
    for layer in layers:
        if layer[0] == "conv":
            _, n_filters, f, stride, pad = layer
            total += {conv_params}
            shape = conv_output_shape(shape, n_filters, f, stride, pad)
        elif layer[0] == "pool":
            _, f, stride = layer
            {pool}
        else:
            units = layer[1]
            total += {fc_params}
            shape = (units,)
    return total
"""
_COUNT_RIGHT = dict(conv_params="(f * f * shape[2] + 1) * n_filters",
                    pool="shape = conv_output_shape(shape, shape[2], f, stride, 0)",
                    fc_params="(int(np.prod(shape)) + 1) * units")

_MULTIPLICATIONS = """def conv_mult_count(input_shape, n_filters, f, stride=1, pad=0):
    n_H, n_W, n_C = conv_output_shape(input_shape, n_filters, f, stride, pad)
    return {product}
"""

MUTANTS = {
    "week07_conv_output_shape_code": [
        ("forgets the padding", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_H": "(n_H_prev - f) // stride + 1"})),
        ("forgets the + 1", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_H": "(n_H_prev + 2 * pad - f) // stride"})),
        ("keeps the input's channels", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_C": "n_C_prev"})),
        ("rounds up", _OUTPUT_SHAPE.format(**{**_OUTPUT_SHAPE_RIGHT, "n_H": "-(-(n_H_prev + 2 * pad - f) // stride) + 1"})),
    ],
    "week07_count_params_code": [
        ("no biases", _COUNT.format(**{**_COUNT_RIGHT, "conv_params": "f * f * shape[2] * n_filters",
                                        "fc_params": "int(np.prod(shape)) * units"})),
        ("conv weights ignore the input channels", _COUNT.format(**{**_COUNT_RIGHT, "conv_params": "(f * f + 1) * n_filters"})),
        ("pooling does not shrink the shape", _COUNT.format(**{**_COUNT_RIGHT, "pool": "pass"})),
        ("fully connected layers read only the channels", _COUNT.format(**{**_COUNT_RIGHT, "fc_params": "(shape[-1] + 1) * units"})),
    ],
    "week07_conv_mult_count_code": [
        ("the input's size instead of the output's", _MULTIPLICATIONS.format(
            product="input_shape[0] * input_shape[1] * n_C * f * f * input_shape[2]")),
        ("forgets the input channels", _MULTIPLICATIONS.format(product="n_H * n_W * n_C * f * f")),
        ("counts the parameters instead", _MULTIPLICATIONS.format(product="(f * f * input_shape[2] + 1) * n_C")),
    ],
}
