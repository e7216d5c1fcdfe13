"""The gradebook on a real PostgreSQL server, which these tests start (Debian's ``postgresql``
package, installed by ``./run test``): a class graded there gets exactly the grades it gets on
SQLite, whether the course's configuration or the command line names the server."""
import csv
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from autograder import demo, simulate
from autograder.course import Course, copy_sources
from autograder.report import gradebook_rows
from conftest import COURSE, WEEK01, autograder_cli, copy_of_built, read_release, read_source

pytestmark = pytest.mark.e2e


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres_user(argv):
    """PostgreSQL refuses to run as root: as root, run the server as the ``postgres`` user."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@pytest.fixture(scope="module")
def postgres_url():
    """A PostgreSQL server of its own on a free loopback port, with an empty database; its
    SQLAlchemy URL."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not binaries:
        pytest.fail("PostgreSQL is not installed: `./run test` installs Debian's postgresql package "
                    "(or: apt-get install postgresql)")
    bin_dir = binaries[-1]
    # Not under pytest's temporary folder, which only root may enter.
    root = Path(tempfile.mkdtemp(prefix="gradebook-postgres-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        for path in (root, sockets):
            shutil.chown(path, "postgres")
    subprocess.run(_as_postgres_user([f"{bin_dir}/initdb", "-D", str(data), "-A", "trust", "-U", "grader", "--no-sync"]),
                   check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(_as_postgres_user([f"{bin_dir}/postgres", "-D", str(data), "-k", str(sockets), "-p", str(port),
                                                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        import psycopg

        for _ in range(100):
            try:
                with psycopg.connect(f"host=127.0.0.1 port={port} user=grader dbname=postgres", autocommit=True) as db:
                    db.execute("CREATE DATABASE gradebook")
                break
            except psycopg.OperationalError:
                if server.poll() is not None:
                    pytest.fail(f"PostgreSQL did not start: {server.stderr.read().decode()}")
                time.sleep(0.1)
        yield f"postgresql+psycopg://grader@127.0.0.1:{port}/gradebook"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def course_configured_for(url, root):
    """A copy of the course's sources whose ``nbgrader_config.py`` puts the gradebook at ``url``,
    as a TA would set it, built from there."""
    course = copy_sources(Course(COURSE), root)
    with open(course.root / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
    autograder_cli("build", WEEK01, course=course)
    return course


CLASS = ("alice", "bob", "carol", "dave", "frank", "grace")


def _class(course):
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    return [student for student in demo.simulated_class(release, reference) if student.name in CLASS]


def test_a_class_graded_on_postgresql_gets_the_grades_it_gets_on_sqlite(postgres_url, built_course, tmp_path):
    on_sqlite = copy_of_built(built_course, tmp_path / "sqlite")
    demo.write_class(on_sqlite, _class(on_sqlite))
    autograder_cli("grade", "--assignment", WEEK01, course=on_sqlite)

    # The gradebook on the server from the first build on, named in the course's configuration.
    on_postgres = course_configured_for(postgres_url, tmp_path / "postgres")
    demo.write_class(on_postgres, _class(on_postgres))
    done = autograder_cli("grade", "--assignment", WEEK01, course=on_postgres)
    assert "alice" in done.stdout
    assert not (on_postgres.root / "gradebook.db").exists()

    # The copy of the shared built course may hold other tests' students.
    sqlite_rows = [row for row in gradebook_rows(on_sqlite, [WEEK01]) if row["student"] in CLASS]
    postgres_rows = gradebook_rows(on_postgres, [WEEK01])
    assert [row["student"] for row in postgres_rows] == list(CLASS)
    assert postgres_rows == sqlite_rows
    assert {row["student"]: row["total"] for row in postgres_rows}["alice"] == 20

    exported = tmp_path / "grades.csv"
    # Another copy of the course, with the stock configuration, given the server's URL on the command line.
    on_the_command_line = copy_sources(Course(COURSE), tmp_path / "elsewhere")
    shutil.copytree(on_postgres.release, on_the_command_line.release)
    autograder_cli("--db-url", postgres_url, "export", "--assignment", WEEK01, "--output", str(exported),
                   course=on_the_command_line)
    with open(exported) as handle:
        assert [row["student"] for row in csv.DictReader(handle)] == list(CLASS)
    assert not (on_the_command_line.root / "gradebook.db").exists()
