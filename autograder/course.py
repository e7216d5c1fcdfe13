"""The nbgrader course directory and the stock nbgrader commands we build on."""
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from traitlets.config.loader import PyFileConfigLoader

from autograder.notebooks import grade_id, is_test_cell

DEFAULT_COURSE = Path(__file__).resolve().parent.parent / "course"
# What commands generate in a course directory; a copy of the course's sources leaves them out.
GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", "grades.csv", ".grading_secret",
             ".built.json", ".course-jupyter", ".lock")
LOCK_FILE = ".lock"  # held by the commands that write to the course (build, grade)


@dataclass(frozen=True)
class Course:
    """Paths of an nbgrader course directory (``source/``, ``release/``, ``submitted/``...) and
    where its gradebook lives: ``database`` (an SQLAlchemy URL, for example
    ``postgresql+psycopg://user@host/db``) when given, else ``c.CourseDirectory.db_url`` of
    ``nbgrader_config.py``, else SQLite in ``gradebook.db``."""

    root: Path
    database: str | None = None

    @property
    def source(self):
        return self.root / "source"

    @property
    def release(self):
        return self.root / "release"

    @property
    def submitted(self):
        return self.root / "submitted"

    @property
    def autograded(self):
        return self.root / "autograded"

    @property
    def feedback(self):
        return self.root / "feedback"

    @property
    def built_manifest(self):
        """Checksums of the release notebooks each assignment's last build wrote."""
        return self.root / ".built.json"

    @property
    def db_url(self):
        return self.database or self._config().get("CourseDirectory", {}).get("db_url") or f"sqlite:///{self.root / 'gradebook.db'}"

    def _config(self):
        return PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()

    def assignments(self):
        """Assignment names, one per folder of ``source/``, in order."""
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and not p.name.startswith("."))

    def release_notebooks(self, assignment):
        """Paths of the assignment's released notebooks, in order."""
        return sorted((self.release / assignment).glob("*.ipynb"))

    def helper_files(self, assignment):
        """Released files other than notebooks (data, helper modules) that a notebook needs beside it."""
        return sorted(p for p in (self.release / assignment).iterdir() if p.is_file() and p.suffix != ".ipynb")

    def grading_secret(self):
        """The course's secret (created on first use, readable by its owner only), from which
        the hidden checks' seeds are derived."""
        path = self.root / ".grading_secret"
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        return bytes.fromhex(path.read_text().strip())

    def cell_timeout(self):
        """The per-cell timeout set in ``nbgrader_config.py`` (nbgrader's default is 30 s)."""
        return int(self._config().get("ExecutePreprocessor", {}).get("timeout", 30))

    @contextmanager
    def exclusive(self, command):
        """Hold the course's lock while ``command`` (its name, for messages) writes to the
        course. A second command that finds it held exits at once, naming the holder: two
        commands writing one gradebook would interleave their rows."""
        path = self.root / LOCK_FILE
        with open(path, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another command"
                raise SystemExit(f"error: {holder} is working on this course; run `{command}` again when it has "
                                 f"finished (lock file {path})") from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"`{command}` (process {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')})")
            handle.flush()
            try:
                yield
            finally:
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def gradebook(self):
        with Gradebook(self.db_url) as gb:
            yield gb


def copy_sources(course, root):
    """A copy of ``course`` at ``root`` with its sources only (nothing generated); returns it."""
    shutil.copytree(course.root, root, ignore=shutil.ignore_patterns(*GENERATED, "__pycache__"))
    return Course(Path(root), course.database)


def run_nbgrader(course, *args):
    """Run an ``nbgrader`` subcommand in the course directory, on the course's gradebook; raise
    with its log if it fails."""
    env = dict(os.environ)
    # nbgrader calls `alembic` by name, so the environment's bin directory must be on PATH.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.db_url={course.db_url}"],
        cwd=course.root, env=env, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done




class EditedReleaseError(RuntimeError):
    """A build would overwrite release notebooks that changed since the last build."""


def build(course, assignments=None, overwrite_edited=False):
    """Generate the student release of each assignment (all of them by default).

    A release notebook that differs from what the last build wrote — someone's work, or a
    release this version did not write — is never overwritten unless ``overwrite_edited``:
    :class:`EditedReleaseError` names it and nothing is built.
    """
    assignments = assignments or course.assignments()
    with course.exclusive("build"):
        edited = [path for assignment in assignments for path in edited_release_notebooks(course, assignment)]
        if edited and not overwrite_edited:
            raise EditedReleaseError(
                "not building: these release notebooks changed since the last build and would be overwritten:\n"
                + "".join(f"  {path}\n" for path in edited)
                + "Copy them elsewhere first (students work on their own copies), or build with --overwrite-edited.")
        for assignment in assignments:
            run_nbgrader(course, "generate_assignment", assignment, "--force")
            manifest = _read_manifest(course)
            manifest[assignment] = {path.name: _checksum(path) for path in course.release_notebooks(assignment)}
            course.built_manifest.write_text(json.dumps(manifest, indent=1))


def edited_release_notebooks(course, assignment):
    """Release notebooks of ``assignment`` that are not what the last build wrote."""
    built = _read_manifest(course).get(assignment, {})
    return [path for path in course.release_notebooks(assignment) if built.get(path.name) != _checksum(path)]


def _read_manifest(course):
    return json.loads(course.built_manifest.read_text()) if course.built_manifest.exists() else {}


def _checksum(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def master_notebook(course, assignment, release_path, with_hidden_tests=True):
    """The released notebook, with the hidden tests put back from the gradebook when asked."""
    nb = nbformat.read(release_path, as_version=4)
    if with_hidden_tests:
        with course.gradebook() as gb:
            for cell in nb.cells:
                if grade_id(cell) and is_test_cell(cell):
                    cell.source = gb.find_source_cell(grade_id(cell), release_path.stem, assignment).source
    return nb
