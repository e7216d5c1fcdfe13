"""JupyterLab for the two kinds of users, and handing a student a week's notebook.

- :func:`hand_out` copies a week's release notebook (and its helper files) into the student's
  own folder, outside the instructor's tree, and never overwrites a file that is already there.
- :func:`lab_command` is the ``jupyter lab`` command line of a setup. A *student* gets their
  folder, the Validate button running the course's validation (:mod:`autograder.jupyter`) and no
  instructor tools (no formgrader, no Create Assignment, no assignment or course lists, which
  need an nbgrader exchange this course does not use). An *instructor* gets the course folder
  with formgrader, started there so that it finds ``nbgrader_config.py``.
"""
import json
import os
import shutil
import sys
from pathlib import Path

import jupyter_server_mathjax

NBGRADER_SERVER_EXTENSIONS = ("formgrader", "validate_assignment", "assignment_list", "course_list")
INSTRUCTOR_PLUGINS = ("formgrader", "create-assignment")
EXCHANGE_PLUGINS = ("assignment-list", "course-list")


def hand_out(course, assignment, folder):
    """Copy ``assignment``'s release into ``folder``/``assignment``/; returns the paths written.
    Files the student already has are kept as they are (and not listed)."""
    release = course.release / assignment
    if not release.is_dir():
        raise SystemExit(f"error: {assignment} has not been released (the instructor runs `python -m autograder build`)")
    written = []
    for source in sorted(path for path in release.rglob("*") if path.is_file()):
        target = Path(folder) / assignment / source.relative_to(release)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


def offline_mathjax_url():
    """The MathJax 2 that the ``jupyter-server-mathjax`` package installs, as a ``file:`` URL
    for nbconvert's ``HTMLExporter.mathjax_url``: HTML exports then typeset their maths on a
    machine without network (nbconvert's default loads MathJax from a CDN)."""
    script = Path(jupyter_server_mathjax.__file__).parent / "static" / "MathJax.js"
    return f"{script.as_uri()}?config=TeX-AMS-MML_HTMLorMML-full,Safe"


def _server_extensions(role):
    enabled = {f"nbgrader.server_extensions.{name}": False for name in NBGRADER_SERVER_EXTENSIONS}
    enabled["autograder.jupyter"] = True
    if role == "instructor":
        enabled["nbgrader.server_extensions.formgrader"] = True
    return enabled


def write_config(role, course, config_dir):
    """Write the configuration of ``role`` into ``config_dir`` (a folder to put first on
    ``JUPYTER_CONFIG_PATH``): the server extensions (:func:`_server_extensions`), the course
    validated against and the offline MathJax of HTML exports, and the JupyterLab page config
    disabling the nbgrader plugins the role does not use."""
    config_dir = Path(config_dir)
    disabled = EXCHANGE_PLUGINS + (INSTRUCTOR_PLUGINS if role == "student" else ())
    page_config = config_dir / "labconfig" / "page_config.json"
    page_config.parent.mkdir(parents=True, exist_ok=True)
    page_config.write_text(json.dumps({"disabledExtensions": {f"@jupyter/nbgrader:{name}": True for name in disabled}}, indent=1))
    server = {"ServerApp": {"jpserver_extensions": _server_extensions(role)}, "CourseValidation": {"course": str(course.root)},
              "HTMLExporter": {"mathjax_url": offline_mathjax_url()}}
    if role == "instructor":
        server["CourseDirectory"] = {"db_url": course.db_url}
    (config_dir / "jupyter_server_config.json").write_text(json.dumps(server, indent=1))


def lab_command(role, course, folder, config_dir, port=8888, extra=()):
    """``(argv, env, cwd)`` that start JupyterLab for ``role`` (``"student"`` or ``"instructor"``)."""
    if role not in ("student", "instructor"):
        raise ValueError(f"unknown role {role!r}")
    write_config(role, course, config_dir)
    root = Path(folder if role == "student" else course.root).resolve()
    argv = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", f"--ServerApp.root_dir={root}", *extra]
    env = {**os.environ, "JUPYTER_CONFIG_PATH": os.pathsep.join(filter(None, [str(config_dir), os.environ.get("JUPYTER_CONFIG_PATH")]))}
    return argv, env, root
