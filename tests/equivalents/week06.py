"""Correct implementations of every week-06 graded function, written another way than the reference.

The code runs in the notebook's namespace (its imports cell: ``np``...). The checks must accept
every one.
"""

EQUIVALENTS = {
    "week06_zero_pad_code": [
        ("zeros, then the images copied into the middle", """def zero_pad(X, pad):
    m, n_H, n_W, n_C = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad:pad + n_H, pad:pad + n_W, :] = X
    return X_pad
"""),
        ("np.pad with (before, after) pairs and the default mode", """def zero_pad(X, pad):
    return np.pad(X, [(0, 0), (pad, pad), (pad, pad), (0, 0)])
"""),
    ],
    "week06_conv_single_step_code": [
        ("tensordot over every axis, float(b.ravel()[0])", """def conv_single_step(a_slice_prev, W, b):
    return float(np.tensordot(a_slice_prev, W, axes=a_slice_prev.ndim)) + float(b.ravel()[0])
"""),
        ("returns the (1, 1, 1) array np.sum(s) + b", """def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + b
"""),
    ],
    "week06_conv_forward_code": [
        ("one tensordot per output position, over the whole batch and every filter", """def conv_forward(A_prev, W, b, hparameters):
    f_h, f_w, _, n_C = W.shape
    s, p = hparameters["stride"], hparameters["pad"]
    A_pad = zero_pad(A_prev, p)
    n_H = (A_pad.shape[1] - f_h) // s + 1
    n_W = (A_pad.shape[2] - f_w) // s + 1
    Z = np.empty((A_prev.shape[0], n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            patch = A_pad[:, h * s:h * s + f_h, w * s:w * s + f_w, :]
            Z[:, h, w, :] = np.tensordot(patch, W, axes=([1, 2, 3], [0, 1, 2])) + b.reshape(-1)
    return Z, (A_prev, W, b, hparameters)
"""),
        ("einsum over sliding windows", """def conv_forward(A_prev, W, b, hparameters):
    f_h, f_w = W.shape[0], W.shape[1]
    s = hparameters["stride"]
    A_pad = zero_pad(A_prev, hparameters["pad"])
    patches = np.lib.stride_tricks.sliding_window_view(A_pad, (f_h, f_w), axis=(1, 2))[:, ::s, ::s]
    Z = np.einsum("mhwcij,ijcd->mhwd", patches, W) + b
    return Z, (A_prev, W, b, hparameters)
"""),
    ],
    "week06_pool_forward_code": [
        ("one reduction per output position over the batch and channels", """def pool_forward(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = (n_H_prev - f) // s + 1, (n_W_prev - f) // s + 1
    reduce = np.max if mode == "max" else np.mean
    A = np.empty((m, n_H, n_W, n_C))
    for h in range(n_H):
        for w in range(n_W):
            A[:, h, w, :] = reduce(A_prev[:, h * s:h * s + f, w * s:w * s + f, :], axis=(1, 2))
    return A, (A_prev, hparameters)
"""),
        ("average as a sum divided by f * f, loops over every index", """def pool_forward(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = int(1 + (n_H_prev - f) / s), int(1 + (n_W_prev - f) / s)
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for c in range(n_C):
            for h in range(n_H):
                for w in range(n_W):
                    window = A_prev[i, h * s:h * s + f, w * s:w * s + f, c]
                    A[i, h, w, c] = window.max() if mode == "max" else window.sum() / (f * f)
    return A, (A_prev, hparameters)
"""),
    ],
    "week06_conv_backward_code": [
        ("vectorised over the batch and the filters at each output position", """def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    f_h, f_w = W.shape[:2]
    s, p = hparameters["stride"], hparameters["pad"]
    A_pad = zero_pad(A_prev, p)
    dA_pad = np.zeros_like(A_pad)
    dW = np.zeros_like(W)
    for h in range(dZ.shape[1]):
        for w in range(dZ.shape[2]):
            rows, cols = slice(h * s, h * s + f_h), slice(w * s, w * s + f_w)
            dA_pad[:, rows, cols, :] += np.einsum("ijcd,md->mijc", W, dZ[:, h, w, :])
            dW += np.einsum("mijc,md->ijcd", A_pad[:, rows, cols, :], dZ[:, h, w, :])
    db = dZ.sum(axis=(0, 1, 2), keepdims=True).reshape(b.shape)
    return dA_pad[:, p:p + A_prev.shape[1], p:p + A_prev.shape[2], :], dW, db
"""),
        ("the classic loops, the padding stripped only when there is some", """def conv_backward(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    (f_h, f_w, n_C_prev, n_C) = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, _ = dZ.shape
    dA_prev_pad = zero_pad(np.zeros(A_prev.shape), pad)
    A_prev_pad = zero_pad(A_prev, pad)
    dW, db = np.zeros(W.shape), np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                vs, hs = h * stride, w * stride
                for c in range(n_C):
                    dA_prev_pad[i, vs:vs + f_h, hs:hs + f_w, :] += W[..., c] * dZ[i, h, w, c]
                    dW[..., c] += A_prev_pad[i, vs:vs + f_h, hs:hs + f_w, :] * dZ[i, h, w, c]
                    db[..., c] += dZ[i, h, w, c]
    dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :] if pad > 0 else dA_prev_pad
    return dA_prev, dW, db
"""),
    ],
    "week06_create_mask_from_window_code": [
        ("x == x.max()", "def create_mask_from_window(x):\n    return x == x.max()\n"),
        ("one-hot of the argmax (the same when the maximum is unique)", """def create_mask_from_window(x):
    return np.arange(x.size).reshape(x.shape) == np.argmax(x)
"""),
    ],
    "week06_distribute_value_code": [
        ("np.full with the window's size", "def distribute_value(dz, shape):\n    return np.full(shape, dz / np.prod(shape))\n"),
        ("ones divided afterwards, shape unpacked", """def distribute_value(dz, shape):
    n_H, n_W = shape
    return dz * np.ones((n_H, n_W)) / (n_H * n_W)
"""),
    ],
    "week06_pool_backward_code": [
        ("vectorised over the batch and channels at each output position", """def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for h in range(dA.shape[1]):
        for w in range(dA.shape[2]):
            window = A_prev[:, h * s:h * s + f, w * s:w * s + f, :]
            if mode == "max":
                share = window == window.max(axis=(1, 2), keepdims=True)
            else:
                share = np.full(window.shape, 1.0 / (f * f))
            dA_prev[:, h * s:h * s + f, w * s:w * s + f, :] += share * dA[:, h:h + 1, w:w + 1, :]
    return dA_prev
"""),
        ("np.add.at on the window's indices, helpers called by keyword", """def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros_like(A_prev, dtype=float)
    m, n_H, n_W, n_C = dA.shape
    for i in range(m):
        for c in range(n_C):
            for h in range(n_H):
                for w in range(n_W):
                    rows, cols = np.arange(h * s, h * s + f), np.arange(w * s, w * s + f)
                    window = A_prev[i, h * s:h * s + f, w * s:w * s + f, c]
                    if mode == "max":
                        grad = create_mask_from_window(x=window) * dA[i, h, w, c]
                    else:
                        grad = distribute_value(dz=dA[i, h, w, c], shape=(f, f))
                    np.add.at(dA_prev[i, :, :, c], (rows[:, None], cols[None, :]), grad)
    return dA_prev
"""),
    ],
    "week06_SignsConvNet_code": [
        ("pooling before the ReLU (they commute), view to flatten", """class SignsConvNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, 1, 1)
        self.conv2 = nn.Conv2d(16, 32, 3, 1, 1)
        self.conv3 = nn.Conv2d(32, 64, 3, 1, 1)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x):
        x = torch.relu(nn.functional.max_pool2d(self.conv1(x), 2))
        x = torch.relu(nn.functional.max_pool2d(self.conv2(x), 2))
        x = torch.relu(nn.functional.max_pool2d(self.conv3(x), 2))
        return self.fc(x.view(x.size(0), -1))
"""),
        ("nn.Sequential blocks, padding='same', nn.Flatten", """class SignsConvNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=6):
        super().__init__()
        def block(c_in, c_out):
            return nn.Sequential(nn.Conv2d(c_in, c_out, kernel_size=3, padding="same"), nn.ReLU(), nn.MaxPool2d(2))
        self.features = nn.Sequential(block(in_channels, 16), block(16, 32), block(32, 64), nn.Flatten())
        self.classifier = nn.Linear(64 * 4 * 4, num_classes)

    def forward(self, x):
        return self.classifier(self.features(x))
"""),
    ],
    "week06_training_step_code": [
        ("nn.CrossEntropyLoss, model.zero_grad(), float(loss)", """def training_step(model, x, labels, optimizer):
    model.zero_grad()
    loss = nn.CrossEntropyLoss()(model(x), labels)
    loss.backward()
    optimizer.step()
    return float(loss)
"""),
        ("log_softmax and nll_loss, returns the 0-d loss tensor", """def training_step(model, x, labels, optimizer):
    optimizer.zero_grad(set_to_none=False)
    loss = nn.functional.nll_loss(torch.log_softmax(model(x), dim=1), labels)
    loss.backward()
    optimizer.step()
    return loss.detach()
"""),
    ],
}
