"""Plausible wrong implementations of every week-6 graded function.

The code runs in the notebook's namespace (its imports cell: ``np``...).
"""

_ZERO_PAD = """def zero_pad(X, pad):
    return np.pad(X, {widths}, mode="constant", constant_values={value})
"""

_CONV_FORWARD = """def conv_forward(A_prev, W, b, hparameters):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    {filter_shape}
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    n_H = {n_H}
    n_W = (n_W_prev + 2 * pad - f_w) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = {padded}
    for i in range(m):
        for h in range(n_H):
            vert_start = {vert_start}
            for w in range(n_W):
                horiz_start = w * stride
                a_slice_prev = A_prev_pad[i, vert_start:vert_start + f_h, horiz_start:horiz_start + f_w, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)
"""
_CONV_FORWARD_RIGHT = dict(filter_shape="(f_h, f_w, n_C_prev, n_C) = W.shape",
                           n_H="(n_H_prev + 2 * pad - f_h) // stride + 1",
                           padded="zero_pad(A_prev, pad)", vert_start="h * stride")

_POOL_FORWARD = """def pool_forward(A_prev, hparameters, mode="max"):
    (m, n_H_prev, n_W_prev, n_C) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = A_prev[i, {rows}, w * stride:w * stride + f, :]
                if mode == "max":
                    A[i, h, w, :] = {maximum}
                else:
                    A[i, h, w, :] = {average}
    return A, (A_prev, hparameters)
"""
_POOL_FORWARD_RIGHT = dict(rows="h * stride:h * stride + f", maximum="np.max(window, axis=(0, 1))",
                           average="np.mean(window, axis=(0, 1))")

_CONV_BACKWARD = """def conv_backward(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f_h, f_w, n_C_prev, n_C) = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                vs, hs = h * stride, w * stride
                a_slice = A_prev_pad[i, vs:vs + f_h, hs:hs + f_w, :]
                for c in range(n_C):
                    dA_prev_pad[i, vs:vs + f_h, hs:hs + f_w, :] {da_update} W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += {dw_factor} * dZ[i, h, w, c]
                    db[:, :, :, c] += {db_term}
    dA_prev = {unpadded}
    return dA_prev, dW, db
"""
_CONV_BACKWARD_RIGHT = dict(da_update="+=", dw_factor="a_slice", db_term="dZ[i, h, w, c]",
                            unpadded="dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]")

_POOL_BACKWARD = """def pool_backward(dA, cache, mode="max"):
    (A_prev, hparameters) = cache
    stride, f = hparameters["stride"], hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                vs, hs = h * stride, w * stride
                for c in range(n_C):
                    if {max_condition}:
                        mask = create_mask_from_window({window})
                        dA_prev[i, vs:vs + f, hs:hs + f, c] {update} mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, vs:vs + f, hs:hs + f, c] {update} distribute_value(dA[i, h, w, c], {shape})
    return dA_prev
"""
_POOL_BACKWARD_RIGHT = dict(max_condition='mode == "max"', window="A_prev[i, vs:vs + f, hs:hs + f, c]", update="+=",
                            shape="(f, f)")

_CONVNET = """class SignsConvNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, padding={padding})
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding={padding})
        self.conv3 = nn.Conv2d(32, 64, kernel_size=3, padding={padding})
        self.fc = nn.Linear(64 * {side} * {side}, num_classes)

    def forward(self, x):
        for conv in (self.conv1, self.conv2, self.conv3):
            x = nn.functional.{pool}({activation}(conv(x)), 2)
        return {output}
"""
_CONVNET_RIGHT = dict(padding=1, side=4, pool="max_pool2d", activation="torch.relu",
                      output="self.fc(torch.flatten(x, start_dim=1))")

_STEP = """def training_step(model, x, labels, optimizer):
    {zero}
    loss = {loss}
    {update}
    return {value}
"""
_STEP_RIGHT = dict(zero="optimizer.zero_grad()", loss="nn.functional.cross_entropy(model(x), labels)",
                   update="loss.backward()\n    optimizer.step()", value="loss.item()")

MUTANTS = {
    "week06_zero_pad_code": [
        ("pads the batch and channel axes too", _ZERO_PAD.format(widths="pad", value=0)),
        ("pads the height only", _ZERO_PAD.format(widths="((0, 0), (pad, pad), (0, 0), (0, 0))", value=0)),
        ("pads with ones", _ZERO_PAD.format(widths="((0, 0), (pad, pad), (pad, pad), (0, 0))", value=1)),
        ("pads one side only", _ZERO_PAD.format(widths="((0, 0), (0, pad), (0, pad), (0, 0))", value=0)),
    ],
    "week06_conv_single_step_code": [
        ("forgets the bias", "def conv_single_step(a_slice_prev, W, b):\n    return np.sum(a_slice_prev * W)\n"),
        ("mean instead of sum", "def conv_single_step(a_slice_prev, W, b):\n    return np.mean(a_slice_prev * W) + b.item()\n"),
        ("multiplies by the bias", "def conv_single_step(a_slice_prev, W, b):\n    return np.sum(a_slice_prev * W) * b.item()\n"),
    ],
    "week06_conv_forward_code": [
        ("assumes square filters: f, f = W.shape[:2]", _CONV_FORWARD.format(**{
            **_CONV_FORWARD_RIGHT, "filter_shape": "(f_h, f_w, n_C_prev, n_C) = W.shape\n    f_h = f_w = W.shape[0]"})),
        ("slices start at h, not h * stride", _CONV_FORWARD.format(**{**_CONV_FORWARD_RIGHT, "vert_start": "h"})),
        ("no padding", _CONV_FORWARD.format(**{**_CONV_FORWARD_RIGHT, "padded": "A_prev",
                                               "n_H": "(n_H_prev - f_h) // stride + 1"})),
        ("output size forgets the padding", _CONV_FORWARD.format(**{**_CONV_FORWARD_RIGHT, "n_H": "(n_H_prev - f_h) // stride + 1"})),
    ],
    "week06_pool_forward_code": [
        ("always max pooling", _POOL_FORWARD.format(**{**_POOL_FORWARD_RIGHT, "average": "np.max(window, axis=(0, 1))"})),
        ("average pooling sums", _POOL_FORWARD.format(**{**_POOL_FORWARD_RIGHT, "average": "np.sum(window, axis=(0, 1))"})),
        ("max over the channels too", _POOL_FORWARD.format(**{**_POOL_FORWARD_RIGHT, "maximum": "np.max(window)"})),
        ("rows start at h, not h * stride", _POOL_FORWARD.format(**{**_POOL_FORWARD_RIGHT, "rows": "h:h + f"})),
    ],
    "week06_conv_backward_code": [
        ("overlapping slices overwrite instead of adding up", _CONV_BACKWARD.format(**{**_CONV_BACKWARD_RIGHT, "da_update": "="})),
        ("dW from the filter instead of the input slice", _CONV_BACKWARD.format(**{**_CONV_BACKWARD_RIGHT, "dw_factor": "W[:, :, :, c]"})),
        ("db counts the positions", _CONV_BACKWARD.format(**{**_CONV_BACKWARD_RIGHT, "db_term": "1"})),
        ("strips the padding with [pad:-pad], which is empty when pad = 0", _CONV_BACKWARD.format(**{
            **_CONV_BACKWARD_RIGHT, "unpadded": "dA_prev_pad[:, pad:-pad, pad:-pad, :]"})),
    ],
    "week06_create_mask_from_window_code": [
        ("positive entries", "def create_mask_from_window(x):\n    return x > 0\n"),
        ("the minimum", "def create_mask_from_window(x):\n    return x == np.min(x)\n"),
        ("entries above the mean", "def create_mask_from_window(x):\n    return x > np.mean(x)\n"),
    ],
    "week06_distribute_value_code": [
        ("divides by the height only", "def distribute_value(dz, shape):\n    n_H, n_W = shape\n"
                                       "    return np.ones(shape) * dz / n_H\n"),
        ("does not divide", "def distribute_value(dz, shape):\n    return np.ones(shape) * dz\n"),
        ("divides by n_H + n_W", "def distribute_value(dz, shape):\n    n_H, n_W = shape\n"
                                 "    return np.ones(shape) * dz / (n_H + n_W)\n"),
    ],
    "week06_pool_backward_code": [
        ("overlapping windows overwrite instead of adding up", _POOL_BACKWARD.format(**{**_POOL_BACKWARD_RIGHT, "update": "="})),
        ("the mask is taken from dA_prev", _POOL_BACKWARD.format(**{
            **_POOL_BACKWARD_RIGHT, "window": "dA_prev[i, vs:vs + f, hs:hs + f, c] + A_prev[i, vs:vs + f, hs:hs + f, c] * 0"})),
        ("always the max-pooling gradient", _POOL_BACKWARD.format(**{**_POOL_BACKWARD_RIGHT, "max_condition": "True"})),
        ("spreads over the output's shape", _POOL_BACKWARD.format(**{**_POOL_BACKWARD_RIGHT, "shape": "(n_H, n_W)"})),
    ],
    "week06_SignsConvNet_code": [
        ("no ReLU", _CONVNET.format(**{**_CONVNET_RIGHT, "activation": ""})),
        ("average pooling", _CONVNET.format(**{**_CONVNET_RIGHT, "pool": "avg_pool2d"})),
        ("a softmax at the end", _CONVNET.format(**{**_CONVNET_RIGHT, "output": "torch.softmax(self.fc(torch.flatten(x, 1)), dim=1)"})),
        ("no padding", _CONVNET.format(**{**_CONVNET_RIGHT, "padding": 0, "side": 2})),
    ],
    "week06_training_step_code": [
        ("gradients never cleared", _STEP.format(**{**_STEP_RIGHT, "zero": "pass"})),
        ("steps before backpropagating", _STEP.format(**{**_STEP_RIGHT, "update": "optimizer.step()\n    loss.backward()"})),
        ("loss of the probabilities (softmax applied twice)", _STEP.format(**{
            **_STEP_RIGHT, "loss": "nn.functional.cross_entropy(torch.softmax(model(x), dim=1), labels)"})),
        ("returns the loss after the step", _STEP.format(**{
            **_STEP_RIGHT, "value": "nn.functional.cross_entropy(model(x), labels).item()"})),
    ],
}
