"""The cheating class under stock `nbgrader autograde` and under our grader, side by side.

    .venv/bin/python benchmarks/adversarial_grading.py

Builds week 1 in two scratch courses, submits the same class to both (an honest student and
every cheater of `autograder.cheaters` except the fork and memory bombs, which stock nbgrader
would run unconfined on this machine), grades one with stock nbgrader and the other with ours,
and prints each student's score under both, the score the code deserves, and the time per
notebook.
"""
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder import cheaters, demo, simulate  # noqa: E402
from autograder.course import DEFAULT_COURSE, Course, build, copy_sources, run_nbgrader  # noqa: E402
from autograder.grading import Limits, grade_class  # noqa: E402
from autograder.report import gradebook_rows, graded_columns  # noqa: E402

ASSIGNMENT = "week01_logistic_regression"
UNCONFINED_ELSEWHERE = {"fork_bomber", "memory_bomber"}


def listen():
    server = socket.create_server(("127.0.0.1", 0))
    connections = []

    def accept():
        while True:
            try:
                connections.append(server.accept()[1])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return server, connections


def class_in(root, port):
    course = copy_sources(Course(DEFAULT_COURSE), root)
    build(course, [ASSIGNMENT])
    release = nbformat.read(course.release / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    reference = simulate.reference_solutions(nbformat.read(course.source / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4))
    students = [simulate.Student("honest", "the reference solution", lambda: simulate.fill_in(release, reference))]
    students += [s for s in cheaters.cheating_class(release, reference, course.root, DEFAULT_COURSE, port)
                 if s.name not in UNCONFINED_ELSEWHERE]
    demo.write_class(course, students)
    return course, students


def main():
    server, connections = listen()
    port = server.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        stock, students = class_in(Path(tmp) / "stock", port)
        ours, _ = class_in(Path(tmp) / "ours", port)
        started = time.monotonic()
        run_nbgrader(stock, "autograde", ASSIGNMENT, "--force")
        stock_seconds = time.monotonic() - started
        stock_connections = len(connections)
        started = time.monotonic()
        grade_class(ours, workers=1, limits=Limits(cell_timeout=20, notebook_timeout=300), log=lambda _: None)
        our_seconds = time.monotonic() - started
        columns = [(gid, points) for *_, gid, points in graded_columns(ours, [ASSIGNMENT])]
        deserved = demo.expected_scores(students, columns)
        scores = [{row["student"]: row["total"] for row in gradebook_rows(course, [ASSIGNMENT])} for course in (stock, ours)]
        total = sum(points for _, points in columns)
        print(f"| student | what it does | deserves | stock nbgrader | ours |\n|---|---|---|---|---|")
        for student in students:
            print(f"| {student.name} | {student.story} | {deserved[student.name]:g}/{total:g} | "
                  f"{scores[0].get(student.name, 0):g} | {scores[1].get(student.name, 0):g} |")
        print(f"\nconnections to the listener: stock {stock_connections}, ours {len(connections) - stock_connections}")
        print(f"files written into the course: stock {sum(Path(p).exists() for p in cheaters.places_outside(stock.root, 'writer'))}, "
              f"ours {sum(Path(p).exists() for p in cheaters.places_outside(ours.root, 'writer'))}")
        print(f"time per notebook ({len(students)} notebooks, one at a time): stock {stock_seconds / len(students):.1f} s, "
              f"ours {our_seconds / len(students):.1f} s")
        lost = {name for name in deserved if scores[1].get(name) != deserved[name]}
        print("ours gives every student what the code deserves" if not lost else f"ours is wrong for {sorted(lost)}")
    server.close()


if __name__ == "__main__":
    main()
