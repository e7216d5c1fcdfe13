"""Where a student's kernel runs: a box it can neither see out of nor outlive.

As root, each kernel gets

- a user of its own (uid ``FIRST_UID + slot``, one slot per concurrent grader, claimed with a
  lock file), so that it can read only world-readable files and signal only its own processes;
- an empty working folder owned by that user, the only disk space it can write to;
- its own mount namespace: fresh size-capped ``tmpfs`` over ``/tmp``, ``/var/tmp`` and
  ``/dev/shm`` (gone when the kernel is), and empty ``tmpfs`` over the folders it must not read
  (the course, with its gradebook, secret, sources and every student's files). Paths the kernel
  needs that lie inside one of those (the Python environment, ``dlkit``) are bound back in;
- its own network namespace, with no interface up: it talks to the grader over Unix sockets in
  its folder and can reach nothing else, not even 127.0.0.1;
- limits on address space, CPU time, processes, open files, file size and core dumps.

When the kernel is done, every process of its user is killed (``kill(-1)`` sent as that user,
repeated until none is left), which catches processes that left the kernel's session with
``setsid``. What cannot be set up (not root, no namespaces) is listed in :attr:`Sandbox.missing`
and reported by the grader, and grading goes on with the rest.
"""
import contextlib
import ctypes
import fcntl
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

SANDBOX_ROOT = Path("/var/lib/dlcourse-sandbox")
FIRST_UID = 64000
SLOTS = 64
WRITABLE_TMPFS = ("/tmp", "/var/tmp", "/dev/shm")
TMPFS_SIZE = "256m"

_CLONE_NEWNS = 0x00020000
_CLONE_NEWNET = 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_REC, _MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18
_PR_SET_PDEATHSIG, _PR_SET_CHILD_SUBREAPER = 1, 36  # from <linux/prctl.h>
_LIBC = ctypes.CDLL(None, use_errno=True)


@dataclass(frozen=True)
class KernelLimits:
    """Per-process limits of a kernel and everything it starts."""

    memory_mb: int = 4096
    cpu_seconds: int = 600
    processes: int = 256  # threads count too: ipykernel and torch start a dozen or so
    open_files: int = 1024
    file_mb: int = 512


@dataclass
class Sandbox:
    """One kernel's box. Use :func:`open_sandbox`; ``workdir`` is the kernel's folder."""

    workdir: Path
    hidden: tuple
    limits: KernelLimits
    uid: int | None = None
    namespaces: bool = False
    missing: list = field(default_factory=list)
    _lock: object = None

    @property
    def applied(self):
        """What protects the grader from this kernel, in words."""
        applied = [f"limits: {self.limits.memory_mb} MB address space, {self.limits.cpu_seconds} s CPU, "
                   f"{self.limits.processes} processes, {self.limits.open_files} files, {self.limits.file_mb} MB per file"]
        if self.uid is not None:
            applied.insert(0, f"unprivileged user {self.uid}; every process of it killed afterwards")
        if self.namespaces:
            applied.insert(1, "no network; private /tmp; course folders hidden")
        return applied

    def kernel_env(self, env):
        """``env`` for a kernel in this box: home, caches and temporary files in its folder."""
        env = dict(env)
        env.update(HOME=str(self.workdir), IPYTHONDIR=str(self.workdir / ".ipython"),
                   MPLCONFIGDIR=str(self.workdir / ".matplotlib"), TMPDIR="/tmp", XDG_CACHE_HOME=str(self.workdir / ".cache"))
        return env

    def prepare_kernel_manager(self, km):
        """Put the kernel's connection file and Unix sockets in its folder (there is no network)."""
        km.transport = "ipc"
        km.ip = str(self.workdir / "ipc")
        km.connection_file = str(self.workdir / "kernel.json")

    def entry(self):
        """How a process enters this box, as plain data for :func:`enter`: what the grader
        hands to the kernels' fork server (:mod:`autograder.zygote`)."""
        keep = [p for p in _paths_the_kernel_needs() if os.path.isdir(p)] if self.namespaces else []
        staging = [str(self.workdir.with_suffix(".keep") / str(i)) for i in range(len(keep))]
        for folder in staging:
            os.makedirs(folder, exist_ok=True)
        return {"keep": dict(zip(keep, staging)), "hidden": [str(p) for p in self.hidden if os.path.isdir(p)],
                "limits": asdict(self.limits), "uid": self.uid, "namespaces": self.namespaces,
                "connection_file": str(self.workdir / "kernel.json")}

    def kill_everything(self):
        """Kill every process of the box's user (or nothing, without one) and reap the orphans."""
        if self.uid is None:
            return
        for _ in range(500):
            alive, dead = _processes_of(self.uid)
            for pid in dead:  # orphans are ours to reap: this process is their subreaper
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(pid, os.WNOHANG)
            if not alive:
                return
            _kill_all_as(self.uid)
            time.sleep(0.01)
        raise RuntimeError(f"processes of sandbox user {self.uid} survive SIGKILL")

    def processes_left(self):
        """Pids of the box user's live processes (none once :meth:`kill_everything` returned)."""
        return [] if self.uid is None else _processes_of(self.uid)[0]

    def close(self):
        self.kill_everything()
        shutil.rmtree(self.workdir, ignore_errors=True)
        shutil.rmtree(self.workdir.with_suffix(".keep"), ignore_errors=True)
        if self._lock is not None:
            self._lock.close()


def enter(entry):
    """In a kernel's process, before any of the student's code: enter the box that
    :meth:`Sandbox.entry` describes (namespaces, limits, then the box's user)."""
    if entry["namespaces"]:
        _private_mounts_and_network(entry["keep"], entry["hidden"])
    _set_limits(KernelLimits(**entry["limits"]))
    uid = entry["uid"]
    if uid is not None:
        os.chown(entry["connection_file"], uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    # Only now: a change of user clears the parent-death signal.
    die_with_parent(signal.SIGKILL)()


def die_with_parent(signal_number):
    """A ``preexec_fn`` for ``subprocess``: the child gets ``signal_number`` when the thread that
    started it dies (Linux ``PR_SET_PDEATHSIG``; elsewhere nothing happens)."""
    def set_death_signal():
        try:
            _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal_number))
        except (OSError, AttributeError):
            pass

    return set_death_signal


def open_sandbox(hidden=(), limits=KernelLimits()):
    """A :class:`Sandbox` with as much protection as this process can set up."""
    if os.geteuid() != 0:
        workdir = Path(tempfile.mkdtemp(prefix="autograde-"))
        return Sandbox(workdir, tuple(hidden), limits, missing=[
            "not running as root: the kernel runs as this user, with this user's access to files and network, "
            "and processes it detaches (setsid) may outlive it"])
    SANDBOX_ROOT.mkdir(parents=True, exist_ok=True)
    os.chmod(SANDBOX_ROOT, 0o711)
    lock, slot = _claim_slot()
    uid = FIRST_UID + slot
    # The grader's home is hidden too (the Python the kernel needs may live there, and is bound back).
    box = Sandbox(SANDBOX_ROOT / f"slot-{slot}", (*hidden, str(Path.home())), limits, uid=uid, _lock=lock)
    box.kill_everything()
    shutil.rmtree(box.workdir, ignore_errors=True)
    box.workdir.mkdir(mode=0o700)
    os.chown(box.workdir, uid, uid)
    _LIBC.prctl(_PR_SET_CHILD_SUBREAPER, 1)
    box.namespaces = _namespaces_work()
    if not box.namespaces:
        box.missing.append("Linux namespaces are not available: the kernel keeps the network and sees the course folders "
                           "(file permissions still apply)")
    return box


def give_to_kernel(sandbox, path):
    """Make ``path`` (a file copied into the kernel's folder) the kernel user's."""
    if sandbox.uid is not None:
        os.chown(path, sandbox.uid, sandbox.uid)


def _claim_slot():
    for slot in range(SLOTS):
        lock = open(SANDBOX_ROOT / f"slot-{slot}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lock, slot
        except BlockingIOError:
            lock.close()
    raise RuntimeError(f"all {SLOTS} sandbox slots are in use")


def _paths_the_kernel_needs():
    import dlkit

    return sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, Path(dlkit.__file__).parent.parent)})


def _namespaces_work():
    pid = os.fork()
    if pid == 0:
        os._exit(0 if _LIBC.unshare(_CLONE_NEWNS | _CLONE_NEWNET) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _private_mounts_and_network(keep, hidden):
    """In the child: new mount and network namespaces; fresh tmpfs over the writable shared
    folders, empty tmpfs over ``hidden``. ``keep`` maps each path the kernel needs to a staging
    folder where it is bound first, so that it can be bound back where a mask covered it."""
    _check(_LIBC.unshare(_CLONE_NEWNS | _CLONE_NEWNET), "unshare")
    _check(_LIBC.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "mount --make-rprivate /")
    for path, staged in keep.items():
        _check(_LIBC.mount(path.encode(), staged.encode(), None, _MS_BIND | _MS_REC, None), f"bind {path}")
    masks = [(p, f"size={TMPFS_SIZE},mode=1777") for p in WRITABLE_TMPFS if os.path.isdir(p)]
    masks += [(p, "size=1m,mode=755") for p in hidden]
    for mask, options in masks:
        if not os.path.isdir(mask):  # inside an earlier mask: hidden already
            continue
        _check(_LIBC.mount(b"tmpfs", mask.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, options.encode()), f"mount {mask}")
        for path, staged in keep.items():
            if path == mask or path.startswith(mask.rstrip("/") + "/"):
                os.makedirs(path, exist_ok=True)
                _check(_LIBC.mount(staged.encode(), path.encode(), None, _MS_BIND | _MS_REC, None), f"bind {path} back")


def _set_limits(limits):
    megabyte = 1024 * 1024
    for name, value in ((resource.RLIMIT_AS, limits.memory_mb * megabyte), (resource.RLIMIT_CPU, limits.cpu_seconds),
                        (resource.RLIMIT_NPROC, limits.processes), (resource.RLIMIT_NOFILE, limits.open_files),
                        (resource.RLIMIT_FSIZE, limits.file_mb * megabyte), (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(name, (value, value))


def _check(result, what):
    if result != 0:
        raise OSError(ctypes.get_errno(), f"sandbox: {what} failed")


def _processes_of(uid):
    """``(live, zombies)``: pids of the processes whose real uid is ``uid``."""
    live, zombies = [], []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1 0").split()[0]) == uid:
            (zombies if fields.get("State", "").strip().startswith("Z") else live).append(int(entry.name))
    return live, zombies


def _kill_all_as(uid):
    """``kill(-1, SIGKILL)`` from a child that has become ``uid``: every process of that user dies."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
