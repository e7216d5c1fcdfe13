"""What a check is made of: a :class:`FunctionSpec` per graded function, the :class:`Case` it
draws, and the *call kinds* that say how a case is run and what is observed.

A case is plain data (:mod:`dlkit.checks.codec`): its arguments hold numbers, strings, arrays,
tensors and containers of those, never a generator, a data loader, a module or a device. Where
a graded function takes such an object, the call kind builds it from the case's data just before
the call (``prepare`` / ``build``), the same way for the reference and for the student.

Call kinds, each observing a dict of plain data:

- :class:`Returns` -- ``{"result": what the function returns}``;
- :class:`ArgumentsAfter` -- also the arguments named after the call (in-place updates such as
  running statistics): ``{"result", "after": {name: value}}``;
- :class:`WithGradients` -- a PyTorch function: also the gradients with respect to some of its
  tensor arguments: ``{"result", "gradients": [...]}``;
- :class:`Samples` -- a sampling function called many times with different seeds:
  ``{"result": [what each call returned]}``;
- :class:`ModuleCall` -- an ``nn.Module`` class: construct it, give it the case's parameters,
  run ``forward`` and observe the output, the parameters' shapes and count, and the gradients of
  a fixed weighted sum of the output with respect to the inputs and the parameters;
- :class:`TrainingCall` -- a training function: build the model and data from the case, train,
  observe what it returns and the parameters it leaves.
"""
import copy
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from dlkit.runtime.device import one_cpu_thread


@dataclass(frozen=True)
class Case:
    """One input of a check: ``args`` (plain data), where it comes from (``origin``, shown to the
    student) and ``seed``, which seeds NumPy's global generator (when the spec asks) and torch
    before every call, so that the reference and the student draw the same random numbers."""

    args: tuple
    origin: str
    seed: int

    def as_plain(self):
        return {"args": self.args, "origin": self.origin, "seed": self.seed}


class Returns:
    """Observe the return value. ``prepare(*args)``, when given, turns the case's plain
    arguments into the call's (for example a seed into a ``np.random.Generator``)."""

    labels = {"result": "the result"}

    def __init__(self, prepare=None):
        self.prepare = prepare

    def arguments(self, args):
        args = copy.deepcopy(args)
        return tuple(self.prepare(*args)) if self.prepare else args

    def observe(self, function, args):
        return {"result": function(*self.arguments(args))}

    def describe(self, name, args):
        return f"{name}({', '.join(describe(a) for a in args)})"


class ArgumentsAfter(Returns):
    """Observe the return value and the arguments at the given positions after the call:
    ``ArgumentsAfter(bn_param=3)`` observes the dict passed fourth, as the function left it."""

    def __init__(self, prepare=None, **positions):
        super().__init__(prepare)
        self.positions = positions
        self.labels = {"result": "the result", "after": "after the call,"}

    def observe(self, function, args):
        call_args = self.arguments(args)
        result = function(*call_args)
        return {"result": result, "after": {name: call_args[i] for name, i in self.positions.items()}}


def _weighted_sum(tensor):
    """A loss (one number) as it is; any other tensor as the sum of its entries weighted by fixed
    random weights, the same for every caller, so that each entry's gradient is observed."""
    import torch

    if tensor.dim() == 0:
        return tensor
    weights = torch.randn(tensor.shape, generator=torch.Generator().manual_seed(0), dtype=tensor.dtype)
    return (tensor * weights.to(tensor.device)).sum()


class WithGradients(Returns):
    """Observe what a PyTorch function returns and the gradients with respect to the tensor
    arguments at ``positions`` (each a fresh leaf that requires gradients) of its output, or of
    every tensor of a tuple it returns (see :func:`_weighted_sum`):
    ``{"result", "gradients": [...]}``. An output not attached to those arguments gives no
    gradients (``None``). ``prepare(*args)``, when given, runs after the leaves are made."""

    def __init__(self, positions, prepare=None, result_label="the result"):
        super().__init__(prepare)
        self.positions = positions
        self.labels = {"result": result_label, "gradients": "the gradients with respect to the inputs"}

    def observe(self, function, args):
        import torch

        args = [a.clone().requires_grad_(True) if i in self.positions else a for i, a in enumerate(copy.deepcopy(args))]
        with one_cpu_thread():
            result = function(*(self.prepare(*args) if self.prepare else args))
            outputs = result if isinstance(result, (tuple, list)) else (result,)
            attached = [_weighted_sum(t) for t in outputs if torch.is_tensor(t) and t.requires_grad]
            if attached:
                sum(attached).backward()
        return {"result": result, "gradients": [args[i].grad for i in self.positions]}


class Samples(Returns):
    """Observe ``count`` calls of a sampling function whose last argument is a seed: the case's
    seed, then seeds :data:`SEED_SPACING` apart (far enough that a sampler stepping its seed at
    every draw, as the classic assignment's does, never reuses another call's). Observes
    ``{"result": [what each call returned]}``, which a spec judges by its distribution (its
    ``properties``), not draw by draw."""

    SEED_SPACING = 1009

    def __init__(self, count):
        super().__init__()
        self.count = count

    def observe(self, function, args):
        *fixed, seed = args
        return {"result": [function(*copy.deepcopy(fixed), (seed + self.SEED_SPACING * k) % 2**31)
                           for k in range(self.count)]}


def random_weights(make_module, rng, scale):
    """Normal random weights (float32, standard deviation ``scale``) with the shapes of the
    parameters of ``make_module()``, in creation order. Call with torch imported."""
    import torch

    # Building the module draws its initial weights: leave the caller's torch generator alone.
    with torch.random.fork_rng(devices=[]):
        shapes = [tuple(p.shape) for p in make_module().parameters()]
    return [rng.normal(0, scale, shape).astype(np.float32) for shape in shapes]


def with_weights(make_module, weights):
    """``make_module()`` with its parameters set to ``weights`` (in creation order)."""
    import torch

    with torch.random.fork_rng(devices=[]):
        module = make_module()
    with torch.no_grad():
        for parameter, value in zip(module.parameters(), weights):
            parameter.copy_(torch.as_tensor(value))
    return module


def module_case(reference_class, init, inputs, rng):
    """Arguments of a :class:`ModuleCall` case: the constructor's arguments ``init``, the
    ``inputs`` of ``forward`` (arrays; floating ones become float32 tensors), random
    parameters with the shapes the reference class creates (in creation order), and random
    weights for the scalar whose gradients are observed. Call with torch imported."""
    import torch

    tensors = [torch.from_numpy(np.asarray(x, dtype=np.float32 if np.asarray(x).dtype.kind == "f" else None))
               for x in inputs]
    # Constructing a module draws its initial weights: leave the caller's torch generator alone.
    with torch.random.fork_rng(devices=[]), torch.no_grad():
        module = reference_class(*init)
        shapes = [tuple(p.shape) for p in module.parameters()]
        output = main_output(module(*tensors))
    return ({
        "init": tuple(init),
        "parameters": [rng.normal(0, 0.5, shape).astype(np.float32) for shape in shapes],
        "inputs": tensors,
        "output_weights": torch.from_numpy(rng.normal(0, 1, tuple(output.shape)).astype(np.float32)),
    },)


def main_output(output):
    """The tensor of a module's output whose gradients a :class:`ModuleCall` observes: the output
    itself, or the first item of a tuple (a module that also returns its attention weights)."""
    return output[0] if isinstance(output, (tuple, list)) else output


class ModuleCall:
    """Check an ``nn.Module`` class as PyTorch's own module tests do: construct it with the
    case's ``init`` arguments, copy the case's ``parameters`` into its parameters (in creation
    order; a class whose parameters have other shapes stops there), run ``forward`` on the
    ``inputs`` and backpropagate ``sum(main_output(output) * output_weights)``; the whole
    output (attention weights included) is observed. Build cases with :func:`module_case`."""

    labels = {
        "parameter_shapes": "the shapes of the model's parameters (in the order the layers are created)",
        "parameter_count": "the number of parameters",
        "output": "the output of forward",
        "input_grads": "the gradient with respect to the input",
        "parameter_grads": "the gradient with respect to the parameters",
    }

    def observe(self, module_class, args):
        with one_cpu_thread():
            return self._observe(module_class, args)

    def _observe(self, module_class, args):
        import torch

        (case,) = args
        module = module_class(*case["init"])
        if not isinstance(module, torch.nn.Module):
            raise TypeError(f"it builds a {type(module).__name__}, not a torch.nn.Module")
        parameters = list(module.parameters())
        shapes = [tuple(p.shape) for p in parameters]
        observed = {"parameter_shapes": str(shapes), "parameter_count": sum(p.numel() for p in parameters)}
        if shapes != [tuple(a.shape) for a in case["parameters"]]:
            return observed
        with torch.no_grad():
            for parameter, value in zip(parameters, case["parameters"]):
                parameter.copy_(torch.as_tensor(value))
        inputs = [x.clone().requires_grad_(x.is_floating_point()) for x in case["inputs"]]
        output = module(*inputs)
        (main_output(output) * case["output_weights"]).sum().backward()
        observed["output"] = output
        observed["input_grads"] = [x.grad for x in inputs if x.is_floating_point()]
        observed["parameter_grads"] = [p.grad for p in parameters]
        return observed

    def describe(self, name, args):
        return f"{name}{tuple(args[0]['init'])}"


class TrainingCall(Returns):
    """Observe what a training function returns and the parameters of the model it trained.
    ``build(*args)`` makes the call's arguments (model, data loader, device...) from the case's
    plain data and returns ``(call_arguments, model)``."""

    labels = {"result": "the result", "parameters": "the model's parameters after training"}

    def __init__(self, build):
        super().__init__()
        self.build = build

    def observe(self, function, args):
        call_args, model = self.build(*copy.deepcopy(args))
        with one_cpu_thread():
            result = function(*call_args)
        return {"result": result, "parameters": [p.detach() for p in model.parameters()]}

    def describe(self, name, args):
        return f"{name}(a model, ...)"


RETURNS = Returns()


@dataclass(frozen=True)
class FunctionSpec:
    """How to check one graded function, keyed ``"weekNN.<function>"``.

    - ``reference``: the ``dlkit`` implementation, called exactly like the student's.
    - ``random_args(rng)``: a tuple of plain-data arguments drawn from the NumPy generator.
    - ``examples``: fixed argument tuples (the lectures' worked numbers), or a function
      returning them when building them costs something (torch tensors).
    - ``call``: the call kind (default :data:`RETURNS`).
    - ``uses``: keys of the graded functions this one is expected to call; while it is checked
      they are bound to their references (called with the student's own parameter names), so a
      mistake in a helper costs only the helper's points.
    - ``rtol``, ``atol``, ``exact_dtype``, ``output_names``: how results are compared
      (:func:`dlkit.checks.compare.compare`).
    - ``comparator(expected, actual, where, spec)``: replaces ``compare`` for the ``"result"``
      observation (or ``"output"`` of a module).
    - ``seed_global_rng``: seed ``np.random`` with the case's seed before each call.
    - ``properties``: functions ``(args, observed) -> problem or None`` on plain data, run once
      the observations match (finite-difference gradients, invariants).
    """

    key: str
    reference: Callable
    random_args: Callable[[np.random.Generator], tuple]
    examples: tuple | Callable[[], tuple] = ()
    call: object = RETURNS
    uses: tuple = ()
    rtol: float = 1e-6
    atol: float = 1e-8
    exact_dtype: bool = True
    output_names: tuple = field(default=())
    comparator: Callable | None = None
    seed_global_rng: bool = False
    properties: tuple = ()

    @property
    def week(self):
        return self.key.split(".", 1)[0]

    @property
    def name(self):
        return self.key.split(".", 1)[1]

    def example_args(self):
        return tuple(self.examples() if callable(self.examples) else self.examples)


def describe(value):
    """A short description of an argument for messages: its shape for arrays, its value for scalars."""
    from dlkit.checks.codec import is_tensor

    if isinstance(value, np.ndarray):
        return f"array{value.shape}" if value.ndim else f"{value.item():.4g}"
    if is_tensor(value):
        return f"tensor{tuple(value.shape)}"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float)):
        return f"{value:.4g}"
    if isinstance(value, str):
        return repr(value)
    return type(value).__name__
