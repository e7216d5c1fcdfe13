"""Running a notebook cell by cell in a kernel that a broken or hostile notebook cannot wedge.

Every code cell that grading needs runs with a time limit; the others are skipped. When a cell
times out or kills its kernel (``os._exit``, a segfault, the memory limit), the kernel is
replaced, the cells that ran before are replayed silently to rebuild the state, and execution
goes on with the next cell: a fatal cell costs its own result only. A deadline bounds the whole
notebook.

Kernels are forked by a fork server that has numpy, torch and IPython loaded already
(:mod:`autograder.zygote`), which saves a new Python and the notebook's ``import torch`` per
kernel. The fork server dies with the process that started it, and its kernels with it.

A cell can also be *run instead*: the grader runs code of its own at that point (the trusted
checks, see :mod:`autograder.trusted`) and the cell's source never reaches the kernel. The
kernel runs in an :class:`autograder.sandbox.Sandbox` when one is given; the output a cell can
store is capped.
"""
import contextlib
import json
import os
import select
import signal
import threading
import time
from dataclasses import dataclass
from queue import Empty

from jupyter_client import AsyncKernelClient, AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_output

from autograder.zygote import zygote_for

MAX_KERNEL_RESTARTS = 3
MAX_OUTPUT_BYTES = 2 * 2**20


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
        self.base_env = dict(env or os.environ)
        self.env = sandbox.kernel_env(self.base_env) if sandbox else self.base_env
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
        self.client.km = _ForkedKernelManager(zygote_for(self.base_env), self.sandbox, kernel_name="python3")
        if self.sandbox:
            self.sandbox.prepare_kernel_manager(self.client.km)
        self.client.start_new_kernel(env=self.env)
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
        provisioner = self.client.km.provisioner if self.client and self.client.km else None
        if provisioner and provisioner.pgid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(provisioner.pgid, signal.SIGKILL)
        if self.sandbox:
            self.sandbox.kill_everything()
        process = provisioner.process if provisioner else None
        if process:
            # Once it is gone, jupyter_client's shutdown skips asking it to stop and polling it.
            process.wait(timeout=5)


class _ForkedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels the fork server forks (:mod:`autograder.zygote`) instead
    of starting a new Python; everything else (connection file, channels, shutdown) is
    jupyter_client's own. The kernel enters ``sandbox`` (or, without one, only dies with its
    parent) and starts a session of its own, so that killing its process group kills
    everything it started."""

    def __init__(self, zygote, sandbox, **kwargs):
        super().__init__(**kwargs)
        self._zygote, self._sandbox = zygote, sandbox
        self.client_factory = _PromptClient

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        if kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
            raise RuntimeError(f"the kernel fork server runs IPython kernels only, not {kernel_cmd}")
        box = self._sandbox.entry() if self._sandbox else None
        pid = self._zygote.fork(kernel_cmd[3:], kw.get("cwd") or os.getcwd(), kw["env"], box)
        provisioner = self.provisioner
        provisioner.process = _ForkedProcess(pid)
        provisioner.pid = provisioner.pgid = pid
        self._reconcile_connection_info(provisioner.connection_info)


class _PromptClient(AsyncKernelClient):
    """jupyter_client's kernel client, ready as soon as the kernel has answered on the shell and
    IOPub channels. jupyter_client's own check then waits a fixed 0.2 s for IOPub to fall
    silent; execution ignores messages that answer other requests anyway."""

    async def wait_for_ready(self, timeout=None):
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while time.monotonic() < deadline:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
                await self.iopub_channel.get_msg(timeout=0.2)  # IOPub is connected too
            except Empty:
                if not await self._async_is_alive():
                    raise RuntimeError("the kernel died before it answered") from None
                continue
            if reply["msg_type"] == "kernel_info_reply":
                self._handle_kernel_info_reply(reply)
                return
        raise RuntimeError(f"the kernel did not answer within {timeout} s")


class _ForkedProcess:
    """What jupyter_client expects of a ``Popen``, for a kernel that is the fork server's child
    rather than ours: followed through a pidfd, so that a recycled pid is never mistaken for it.
    The watchdog's thread may wait on it too."""

    stdin = stdout = stderr = None

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None
        self._lock = threading.Lock()
        try:
            self._pidfd = os.pidfd_open(pid)
        except ProcessLookupError:  # it died, and was reaped, at once
            self._pidfd, self.returncode = None, -signal.SIGKILL

    def poll(self):
        return self.wait(timeout=0)

    def wait(self, timeout=None):
        with self._lock:
            if self.returncode is None and select.select([self._pidfd], [], [], timeout)[0]:
                # The fork server reaped it, so its exit status is not ours to read.
                self.returncode = -signal.SIGKILL
                os.close(self._pidfd)
            return self.returncode

    def send_signal(self, signal_number):
        with self._lock, contextlib.suppress(ProcessLookupError):
            if self.returncode is None:
                signal.pidfd_send_signal(self._pidfd, signal_number)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


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
