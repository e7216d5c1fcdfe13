"""Command line: ``python -m autograder <command>``; ``--help`` lists the commands."""
import argparse
import sys
from pathlib import Path

from autograder.course import DEFAULT_COURSE, Course, EditedReleaseError, build
from autograder.grading import Limits, grade_class

DEFAULTS = Limits()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    parser.add_argument("--course", type=Path, default=DEFAULT_COURSE, help="nbgrader course directory (default: %(default)s)")
    parser.add_argument("--db-url", help="the gradebook's database as an SQLAlchemy URL, for example "
                        "postgresql+psycopg://grader@dbhost/course (default: nbgrader_config.py's, else SQLite in the course)")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("build", help="generate the student release of some or all assignments")
    p.add_argument("assignments", nargs="*", help="assignment names (default: all)")
    p.add_argument("--overwrite-edited", action="store_true",
                   help="overwrite release notebooks that changed since the last build (they are lost)")

    p = commands.add_parser("validate", help="run a notebook's visible tests and check its graded cells")
    p.add_argument("notebook", type=Path)

    p = commands.add_parser("handout", help="copy a week's notebook into a student's own folder (never overwrites)")
    p.add_argument("assignment")
    p.add_argument("--to", type=Path, required=True, help="the student's folder")

    p = commands.add_parser("lab", help="start JupyterLab as a student (in their folder) or an instructor (formgrader)")
    role = p.add_mutually_exclusive_group(required=True)
    role.add_argument("--student", type=Path, metavar="FOLDER", help="the student's folder")
    role.add_argument("--instructor", action="store_true")
    p.add_argument("--port", type=int, default=8888)
    p.add_argument("jupyter_options", nargs="*", help="options for jupyter lab, after -- (for example --ServerApp.token=...)")

    p = commands.add_parser("grade", help="autograde every submission under submitted/ in parallel")
    p.add_argument("--assignment", action="append", dest="assignments", help="only this assignment (repeatable)")
    p.add_argument("--student", action="append", dest="students", help="only this student (repeatable)")
    p.add_argument("--workers", type=int, default=2, help="notebooks graded at once (default: %(default)s)")
    p.add_argument("--cell-timeout", type=int, help="seconds per cell (default: nbgrader_config.py's)")
    p.add_argument("--notebook-timeout", type=int, default=DEFAULTS.notebook_timeout, help="seconds per notebook")
    p.add_argument("--memory-mb", type=int, default=DEFAULTS.memory_mb, help="address-space limit of a kernel")
    p.add_argument("--resume", action="store_true", help="skip notebooks already graded and unchanged since")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="grade on the Dask cluster whose scheduler is at ADDRESS (for example tcp://10.0.0.5:8786) "
                        "instead of on this machine")

    p = commands.add_parser("gradebook", help="print the gradebook")
    p.add_argument("--assignment", action="append", dest="assignments")

    p = commands.add_parser("export", help="write grades as CSV (one row per student)")
    p.add_argument("--assignment", action="append", dest="assignments")
    p.add_argument("--output", type=Path, default=Path("grades.csv"))

    p = commands.add_parser("feedback", help="write feedback pages (no hidden tests) under feedback/")
    p.add_argument("--assignment", action="append", dest="assignments")

    p = commands.add_parser("demo", help="build week 1, simulate a class, grade it and show the gradebook")
    p.add_argument("--workdir", type=Path, default=Path("build/demo"), help="scratch folder (default: %(default)s)")
    p.add_argument("--workers", type=int, default=2)

    args = parser.parse_args(argv)
    course = Course(args.course.resolve(), args.db_url)

    if args.command == "build":
        from autograder.trusted import audit

        try:
            build(course, args.assignments or None, args.overwrite_edited)
        except EditedReleaseError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        for assignment in args.assignments or course.assignments():
            print(f"released {course.release / assignment}")
        for warning in audit(course, args.assignments or None):
            print(f"warning: {warning}")
    elif args.command == "validate":
        from autograder.validate import validate

        passed, report = validate(course, args.notebook.resolve())
        print(report)
        return 0 if passed else 1
    elif args.command == "handout":
        from autograder.lab import hand_out

        written = hand_out(course, args.assignment, args.to)
        print(f"{len(written)} file(s) copied into {args.to / args.assignment}" + ("" if written else " (the student has them all already)"))
    elif args.command == "lab":
        import os

        from autograder.lab import lab_command

        role, folder = ("student", args.student) if args.student else ("instructor", None)
        config_dir = (folder.resolve() if folder else course.root) / ".course-jupyter"
        argv, env, cwd = lab_command(role, course, folder, config_dir, args.port, args.jupyter_options)
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    elif args.command == "grade":
        limits = Limits(args.cell_timeout or course.cell_timeout(), args.notebook_timeout, args.memory_mb)
        grade_class(course, args.assignments, args.students, args.workers, limits, args.resume, scheduler=args.scheduler)
        _print_gradebook(course, args.assignments)
    elif args.command == "gradebook":
        _print_gradebook(course, args.assignments)
    elif args.command == "export":
        from autograder.report import export_csv

        n = export_csv(course, args.output, args.assignments)
        print(f"wrote {n} student row(s) to {args.output}")
    elif args.command == "feedback":
        from autograder.report import write_feedback

        pages = write_feedback(course, args.assignments)
        print(f"wrote {len(pages)} feedback page(s) under {course.feedback}")
    elif args.command == "demo":
        from autograder.demo import run_demo

        return 0 if run_demo(course, args.workdir, args.workers) else 1
    return 0


def _print_gradebook(course, assignments):
    from autograder.report import format_table, gradebook_rows, graded_columns, grading_seconds

    columns = [(gid, max_score) for _, _, gid, max_score in graded_columns(course, assignments)]
    print(format_table(gradebook_rows(course, assignments), columns, grading_seconds(course, assignments)))


if __name__ == "__main__":
    sys.exit(main())
