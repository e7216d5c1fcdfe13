"""The course's Jupyter server extension: nbgrader's Validate button runs the course's own
validation.

nbgrader's button posts the notebook's path to ``/assignments/validate`` and shows the result in
the format of nbgrader's ``Validator``. Stock, that runs every cell and prints the tracebacks of
the registry; here the handler runs :func:`autograder.validate.run_visible_tests` — the same
sandboxed run, course configuration and one-line reasons as ``python -m autograder validate``.
It replaces nbgrader's ``validate_assignment`` extension, which must be disabled (the setups of
:mod:`autograder.lab` do so).

Configuration: ``c.CourseValidation.course`` (default: the repository's ``course/``).
"""
import asyncio
import json
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from nbgrader import __version__ as nbgrader_version
from tornado import web
from traitlets import Unicode
from traitlets.config import Configurable

from autograder.course import DEFAULT_COURSE, Course
from autograder.grading import Limits
from autograder.validate import nbgrader_results, run_visible_tests


class CourseValidation(Configurable):
    course = Unicode(str(DEFAULT_COURSE), help="the nbgrader course whose releases notebooks are validated against").tag(config=True)


class ValidateHandler(JupyterHandler):
    """``POST path=<notebook>``: ``{"success": true, "value": <Validator results>}``, or
    ``{"success": false, "value": <why>}`` when the notebook cannot be validated."""

    @web.authenticated
    async def post(self):
        path = self.get_argument("path", None) or (self.get_json_body() or {}).get("path", "")
        root = Path(self.settings["server_root_dir"]).expanduser().resolve()
        notebook = (root / path).resolve()
        if not notebook.is_relative_to(root):
            raise web.HTTPError(403, "the notebook is outside the server's folder")
        course = Course(Path(self.settings["course_validation"].course).resolve())
        try:
            validation = await asyncio.to_thread(run_visible_tests, course, notebook,
                                                 Limits(cell_timeout=course.cell_timeout()))
        except SystemExit as problem:  # the notebook is not one of the course's: say why
            self.finish(json.dumps({"success": False, "value": str(problem).removeprefix("error: ")}))
            return
        self.finish(json.dumps({"success": True, "value": nbgrader_results(validation)}))


class VersionHandler(JupyterHandler):
    """The version handshake nbgrader's button makes before validating."""

    @web.authenticated
    def get(self):
        self.finish(json.dumps({"success": self.get_argument("version", "") == nbgrader_version,
                                "message": f"nbgrader's JupyterLab extension and server differ ({nbgrader_version})"}))


def _jupyter_server_extension_points():
    return [{"module": "autograder.jupyter"}]


def _load_jupyter_server_extension(serverapp):
    web_app = serverapp.web_app
    web_app.settings["course_validation"] = CourseValidation(parent=serverapp)
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base_url, "assignments/validate"), ValidateHandler),
                                 (url_path_join(base_url, "nbgrader_version"), VersionHandler)])
