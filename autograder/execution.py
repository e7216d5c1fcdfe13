"""Running a notebook cell by cell in a kernel that a broken or hostile notebook cannot wedge.

Every code cell that grading needs runs with a time limit; the others are skipped. When a cell
times out or kills its kernel (``os._exit``, a segfault, the memory limit), the kernel is
replaced, the cells that ran before are replayed silently to rebuild the state, and execution
goes on with the next cell: a fatal cell costs its own result only. A deadline bounds the whole
notebook, and the kernel dies with the process that started it.

A cell can also be *run instead*: the grader runs code of its own at that point (the trusted
checks, see :mod:`autograder.trusted`) and the cell's source never reaches the kernel. The
kernel runs in an :class:`autograder.sandbox.Sandbox` when one is given; the output a cell can
store is capped.
"""
import ctypes
import json
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_output

MAX_KERNEL_RESTARTS = 3
MAX_OUTPUT_BYTES = 2 * 2**20
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass
class CellOutcome:
    """What happened to one code cell: ``status`` is ``ok``, ``error``, ``timeout``,
    ``kernel died``, ``not run`` or ``skipped``; ``message`` is a one-line, student-facing reason;
    ``seconds``, how long the cell ran (with its checks, for a test cell)."""

    status: str
    message: str = ""
    seconds: float = 0.0


def execute_notebook(nb, workdir, cell_timeout, deadline_seconds, env=None, run_only=None, run_instead=None,
                     sandbox=None):
    """Execute ``nb`` in place (outputs are stored in its cells) and return ``{cell_index: CellOutcome}``.

    ``workdir`` is the kernel's working directory; ``env`` its environment. When ``run_only``
    (a set of cell indexes) is given, the other code cells are skipped. ``run_instead`` maps a
    cell index to ``f(run_source) -> (CellOutcome, outputs)``, called in place of running that
    cell; ``run_source(code)`` runs ``code`` in the kernel under the cell's limits and returns
    ``(CellOutcome, outputs)``. Such cells are never replayed.
    """
    run_instead = run_instead or {}
    session = _KernelSession(nb, workdir, cell_timeout, env, sandbox)
    deadline = time.monotonic() + deadline_seconds
    outcomes = {}
    replayable = []
    try:
        session.start()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if run_only is not None and index not in run_only:
                outcomes[index] = CellOutcome("skipped", "not needed by any graded cell")
                continue
            if time.monotonic() >= deadline:
                outcomes[index] = CellOutcome("not run", f"the notebook's time limit of {deadline_seconds:.0f} s was reached")
                continue
            started = time.monotonic()
            if index in run_instead:
                outcome, cell.outputs = run_instead[index](lambda code: session.run_source(code, index, deadline))
            else:
                outcome = session.run(index, deadline)
            outcome.seconds = time.monotonic() - started
            outcomes[index] = outcome
            if outcome.status in ("timeout", "kernel died"):
                if session.restarts >= MAX_KERNEL_RESTARTS:
                    for later in range(index + 1, len(nb.cells)):
                        if nb.cells[later].cell_type == "code":
                            outcomes[later] = CellOutcome("not run", "the kernel had to be restarted too many times")
                    break
                session.restart(replayable, deadline)
            elif index not in run_instead:
                replayable.append(index)
    finally:
        session.stop()
    return outcomes


class _CappedClient(NotebookClient):
    """A notebook client that stores at most ``MAX_OUTPUT_BYTES`` of output per cell. The answer
    of :mod:`dlkit.checks.shim` is exempt while the grader waits for one (its size is capped when
    it is decoded); elsewhere an output of that type counts like any other."""

    output_bytes = 0
    answer_expected = False

    def output(self, outs, msg, display_id, cell_index):
        from dlkit.checks.shim import MIME

        if not (self.answer_expected and MIME in msg["content"].get("data", {})):
            before = self.output_bytes
            self.output_bytes += len(json.dumps(msg["content"]))
            if self.output_bytes > MAX_OUTPUT_BYTES:
                if before <= MAX_OUTPUT_BYTES:
                    outs.append(new_output("stream", name="stdout",
                                           text=f"\n[output beyond {MAX_OUTPUT_BYTES // 2**20} MB was dropped]\n"))
                return None
        return super().output(outs, msg, display_id, cell_index)


class _KernelSession:
    def __init__(self, nb, workdir, cell_timeout, env, sandbox=None):
        self.nb = nb
        self.cell_timeout = cell_timeout
        self.sandbox = sandbox
        self.env = sandbox.kernel_env(env or os.environ) if sandbox else env
        self.restarts = 0
        self.client = None
        self.workdir = str(workdir)

    def start(self):
        self.client = _CappedClient(
            self.nb,
            timeout=self.cell_timeout,
            allow_errors=True,
            interrupt_on_timeout=False,
            record_timing=False,
            startup_timeout=120,
            resources={"metadata": {"path": self.workdir}},
        )
        self.client.km = self.client.create_kernel_manager()
        if self.sandbox:
            self.sandbox.prepare_kernel_manager(self.client.km)
        # The kernel's own stdout and stderr are noise (its output reaches the cells via
        # messages); a new session lets us kill everything it starts in one go.
        self.client.start_new_kernel(
            env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=self.sandbox.preexec() if self.sandbox else die_with_parent(signal.SIGKILL),
        )
        self.client.start_new_kernel_client()

    def run(self, index, deadline):
        return self._execute(self.nb.cells[index], index, deadline)

    def run_source(self, code, index, deadline):
        """Run ``code`` as if it were cell ``index``; returns ``(CellOutcome, outputs)``."""
        cell, original = new_code_cell(code), self.nb.cells[index]
        self.client.answer_expected = True
        try:
            return self._execute(cell, index, deadline), cell.outputs
        finally:
            self.client.answer_expected = False
            self.nb.cells[index] = original  # nbclient stores the cell it ran in the notebook

    def _execute(self, cell, index, deadline):
        self.client.output_bytes = 0
        watchdog = _Watchdog(self._kill_kernel, deadline)
        try:
            self.client.execute_cell(cell, index)
        except CellTimeoutError:
            return CellOutcome("timeout", f"the cell was stopped after {self.cell_timeout} s (an endless loop?)")
        except DeadKernelError:
            if watchdog.fired:
                return CellOutcome("timeout", "the notebook's time limit was reached while this cell ran")
            return CellOutcome(
                "kernel died",
                "the Python kernel died while running this cell (os._exit, a crash, or too much memory)",
            )
        finally:
            watchdog.cancel()
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                return CellOutcome("error", error_message(output))
        return CellOutcome("ok")

    def restart(self, replayable, deadline):
        self.restarts += 1
        self.stop()
        self.start()
        for index in replayable:
            if time.monotonic() >= deadline:
                return
            replay = self.nb.cells[index].copy()
            replay.outputs = []
            try:
                self.client.execute_cell(replay, index)
            except (CellTimeoutError, DeadKernelError):
                self.stop()
                self.start()

    def stop(self):
        if self.client is None:
            return
        self._kill_kernel()
        try:
            self.client._cleanup_kernel()  # closes channels and the kernel manager's sockets
        except Exception:  # the kernel is already dead; what is left to close may be half gone
            pass
        self.client = None

    def _kill_kernel(self):
        provisioner = getattr(self.client.km, "provisioner", None) if self.client and self.client.km else None
        pgid = getattr(provisioner, "pgid", None)
        if pgid:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.sandbox:
            self.sandbox.kill_everything()


def die_with_parent(signal_number):
    """A ``preexec_fn`` for ``subprocess``: the child gets ``signal_number`` when the thread that
    started it dies (Linux ``PR_SET_PDEATHSIG``; elsewhere nothing happens)."""
    def set_death_signal():
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal_number))
        except (OSError, AttributeError):
            pass

    return set_death_signal


class _Watchdog:
    """Kills the kernel when the notebook's deadline passes, whatever the cell is doing."""

    def __init__(self, kill, deadline):
        self.fired = False
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire, args=(kill,))
        self._timer.daemon = True
        self._timer.start()

    def _fire(self, kill):
        self.fired = True
        kill()

    def cancel(self):
        self._timer.cancel()


def error_message(output, limit=500):
    """``"ename: evalue"`` of an error output. The traceback is left out on purpose: it would
    quote the source of hidden tests."""
    name, value = output.get("ename", "Error"), str(output.get("evalue", "")).strip()
    if name == "NotImplementedError" and not value:
        value = "not implemented yet"
    # A failed check's message says everything; other errors need their kind ("TypeError: ...").
    message = value if name == "CheckFailed" and value else f"{name}: {value}" if value else name
    return message if len(message) <= limit else message[: limit - 3] + "..."
