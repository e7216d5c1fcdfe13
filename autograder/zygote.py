"""A fork server for kernels: ``python -m autograder.zygote``, one per grading worker.

Starting a kernel the usual way costs a new Python and IPython's start-up, and then the
notebook's own ``import torch`` (1.3 s on its own): most of the grading time of a short
notebook. The zygote imports numpy, torch and ipykernel once and forks every kernel from
itself. The child enters the sandbox exactly as a kernel started afresh does
(:func:`autograder.sandbox.enter`: namespaces, limits, then the box's own user), gets fresh
random seeds, and only then runs IPython; the student's code never runs in the zygote.

The zygote holds nothing a kernel may not see, since each kernel starts as a copy of it: it never
reads a job, a notebook, a check or a seed. A request gives the kernel's command-line arguments (its
connection file, written by the grader, is the only place its key is), its folder, its
environment and the box to enter. It stays single-threaded and creates no ZeroMQ context, because a fork copies
only the calling thread.

Protocol: ``{"ready": true}`` on stdout once loaded; then one JSON request per line on stdin,
each answered by one JSON line on stdout, ``{"pid": N}``.
"""
import gc
import importlib
import json
import os
import random
import signal
import subprocess
import sys
import threading

from autograder.sandbox import die_with_parent, enter

PRELOADED = ("numpy", "torch", "ipykernel.kernelapp")


def main():
    # `python -m` put the zygote's working folder on the path; a kernel's path has its own
    # folder instead (IPython adds it).
    sys.path.pop(0)
    for module in PRELOADED:
        try:
            importlib.import_module(module)
        except ImportError:  # kernels import it themselves, if they can
            pass
    if threading.active_count() != 1:
        raise SystemExit("zygote: a preloaded module started a thread, so kernels cannot be forked safely")
    # The preloaded modules' objects stay out of the kernels' garbage collections, which would
    # otherwise walk them all again and again (and copy their pages).
    gc.freeze()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they die
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # a stray print must not break the protocol
    answers.write(json.dumps({"ready": True}) + "\n")
    answers.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request)
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()


def _become_kernel(request):
    """In the forked child: enter the box, then run an IPython kernel until it is shut down."""
    status = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        if request["box"]:
            enter(request["box"])
        else:
            die_with_parent(signal.SIGKILL)()
        os.chdir(request["workdir"])
        os.environ.clear()
        os.environ.update(request["env"])
        _fresh_random_state()
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = ["ipykernel_launcher", *request["argv"]]
        IPKernelApp.launch_instance(argv=request["argv"])
        status = 0
    finally:
        os._exit(status)


def _fresh_random_state():
    """Every forked kernel would otherwise share the zygote's unseeded random streams (and
    torch its thread count)."""
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        torch.seed()
        threads = os.environ.get("OMP_NUM_THREADS", "")
        if threads.isdigit():
            torch.set_num_threads(int(threads))


class Zygote:
    """A grading worker's handle on its fork server, started with ``env`` (the kernels'
    thread counts matter: numpy's BLAS reads them when it is imported)."""

    def __init__(self, env):
        self._process = subprocess.Popen(
            [sys.executable, "-m", "autograder.zygote"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=dict(env), cwd="/", preexec_fn=die_with_parent(signal.SIGKILL))
        if not self._process.stdout.readline():
            raise RuntimeError(f"the kernel fork server did not start (exit code {self._process.wait()})")

    def fork(self, argv, workdir, env, box):
        """Fork a kernel that runs ``ipykernel_launcher`` with ``argv`` (``-f CONNECTION_FILE``
        and the like) in ``workdir`` with ``env`` and inside ``box``
        (:meth:`autograder.sandbox.Sandbox.entry`, or ``None``); return its pid."""
        request = {"argv": list(argv), "workdir": str(workdir), "env": dict(env), "box": box}
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            answer = self._process.stdout.readline()
        except (BrokenPipeError, ValueError):
            answer = ""
        if not answer:
            raise RuntimeError(f"the kernel fork server stopped (exit code {self._process.poll()})")
        return json.loads(answer)["pid"]

    def alive(self):
        return self._process.poll() is None

    def close(self):
        self._process.kill()
        self._process.wait()


_zygotes = {}


def zygote_for(env):
    """This process's fork server for kernels that run with ``env``'s thread counts (started on
    first use, and again if it died)."""
    key = tuple(env.get(name) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"))
    zygote = _zygotes.get(key)
    if zygote is None or not zygote.alive():
        zygote = _zygotes[key] = Zygote(env)
    return zygote


if __name__ == "__main__":
    main()
