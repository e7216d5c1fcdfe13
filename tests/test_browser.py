"""A student and an instructor in JupyterLab 4, driven through Debian's Chromium by Playwright.

The student gets week 1 handed out into a folder of their own, fills in ``sigmoid``, runs the
notebook, presses Validate and reads the result; the instructor opens formgrader on a graded
class. Screenshots of each step go to ``$BROWSER_SCREENSHOTS`` (default: the test's tmp folder).
"""
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from autograder import demo, simulate
from autograder.course import Course, copy_sources
from conftest import COURSE, WEEK01, autograder_cli, copy_of_built, read_release, read_source, source_notebook_of

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
TOKEN = "course-browser-test"
SIGMOID = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
START_SECONDS = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyter_lab(role, course, log_path, folder=None):
    """Start ``python -m autograder lab`` for ``role`` as a user would; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "autograder", "--course", str(course.root), "lab",
               *(["--student", str(folder)] if role == "student" else ["--instructor"]), "--port", str(port),
               "--", f"--IdentityProvider.token={TOKEN}", "--allow-root", "--ServerApp.open_browser=False"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                    break
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"JupyterLab did not start:\n{Path(log_path).read_text()[-3000:]}")
                time.sleep(0.5)
            yield base
        finally:
            server.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=20)
            if server.poll() is None:
                server.kill()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        raise AssertionError(f"{CHROMIUM} is missing: `./run test` installs Debian's chromium package")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS", tmp_path / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser, url, screenshots):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(60_000)
    page.goto(url)
    return page


def notebook_cell(page, text):
    """The code cell whose source contains ``text``."""
    return page.locator(".jp-Notebook .jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=text)).first


def test_a_student_fills_in_a_function_runs_its_test_and_validates(built_course, tmp_path, browser, screenshots):
    course = copy_of_built(built_course, tmp_path / "course")
    home = tmp_path / "student"
    autograder_cli("handout", WEEK01, "--to", str(home), course=course)
    notebook = f"{WEEK01}/{WEEK01}.ipynb"
    started = time.monotonic()
    with jupyter_lab("student", course, tmp_path / "lab.log", folder=home) as base:
        assert _status(f"{base}/formgrader?token={TOKEN}") == 404  # no instructor tools on the server
        page = open_page(browser, f"{base}/lab/tree/{notebook}?token={TOKEN}", screenshots)
        page.locator(".jp-Notebook .jp-CodeCell").first.wait_for()
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
        page.screenshot(path=screenshots / "student-1-opened.png")

        cell = notebook_cell(page, "def sigmoid(")
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(SIGMOID)
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.screenshot(path=screenshots / "student-2-running.png")
        test_cell = notebook_cell(page, 'check("week01.sigmoid"')
        test_cell.locator(".jp-OutputArea-output", has_text="sigmoid: all").wait_for()
        failed = notebook_cell(page, 'check("week01.sigmoid_derivative"').locator(".jp-OutputArea-output",
                                                                             has_text="Check failed")
        failed.scroll_into_view_if_needed()
        page.screenshot(path=screenshots / "student-3-ran.png")
        shown = failed.text_content()
        assert "`sigmoid_derivative` is not implemented yet" in shown
        assert "registry.py" not in shown and "Traceback" not in shown  # the check's message, not its frames

        page.get_by_role("button", name="Validate").click()
        dialog = page.locator(".jp-Dialog")
        dialog.get_by_text("The tests of sigmoid_derivative").wait_for(timeout=120_000)
        report = dialog.inner_text()
        page.screenshot(path=screenshots / "student-4-validated.png")
        dialog.get_by_role("button", name="Ok").click()
    assert "The tests of sigmoid\n" not in report + "\n" and "The tests of sigmoid_derivative" in report
    assert "`sigmoid_derivative` is not implemented yet" in report and "registry.py" not in report
    saved = (home / notebook).read_text()
    assert "return 1 / (1 + np.exp(-z))" in saved  # the student's work is in their own folder
    assert "np.exp(-z)" not in (course.release / notebook).read_text()
    print(f"student flow: {time.monotonic() - started:.1f} s")


def test_an_instructor_sees_the_grades_in_formgrader_with_nothing_to_grade_by_hand(tmp_path, browser, screenshots):
    course = copy_sources(Course(COURSE), tmp_path / "course")  # a gradebook of its own: this class only
    autograder_cli("build", WEEK01, course=course)
    release, reference = read_release(course), simulate.reference_solutions(read_source(course))
    Student = simulate.Student
    students = [Student("alice", "", lambda: simulate.fill_in(release, reference)),
                Student("bob", "", lambda: release),
                Student("truncated", "", lambda: nbformat.writes(simulate.fill_in(release, reference)).encode()[:500])]
    demo.write_class(course, students)
    autograder_cli("grade", "--workers", "2", course=course)
    started = time.monotonic()
    with jupyter_lab("instructor", course, tmp_path / "lab.log") as base:
        page = open_page(browser, f"{base}/lab?token={TOKEN}", screenshots)  # logs in: formgrader's pages use the cookie
        page.locator(".jp-LauncherCard").first.wait_for()
        page.goto(f"{base}/formgrader/gradebook/{WEEK01}/{WEEK01}")
        rows = page.locator("table tbody tr")
        rows.filter(has_text="Submission #3").wait_for()
        page.get_by_role("button", name="Show All Names").click()
        rows.filter(has_text="truncated").wait_for()
        page.screenshot(path=screenshots / "instructor-1-manual-grading.png")
        table = {name: rows.filter(has_text=name).first.inner_text() for name in ("alice", "bob", "truncated")}
        assert rows.count() == 3
        assert "20 / 20" in table["alice"] and "0 / 20" in table["bob"] and "0 / 20" in table["truncated"]
        needs_manual_grade = page.locator("table thead th").all_inner_texts().index("Needs Manual Grade?")
        assert [row.locator("td").nth(needs_manual_grade).inner_text().strip() for row in rows.all()] == ["", "", ""]

        page.goto(f"{base}/formgrader/manage_submissions/{WEEK01}")
        page.locator("table tbody tr", has_text="truncated").wait_for()
        page.screenshot(path=screenshots / "instructor-2-submissions.png")
        assert page.locator("text=needs autograding").count() == 0
        assert page.locator("table tbody tr", has_text="graded").count() == 3

        page.goto(f"{base}/lab")
        page.get_by_text("Nbgrader", exact=True).click()
        page.get_by_text("Formgrader", exact=True).click()
        frame = page.frame_locator("iframe").first
        frame.get_by_text(WEEK01).first.wait_for()
        page.screenshot(path=screenshots / "instructor-3-formgrader-in-lab.png")
    print(f"instructor flow: {time.monotonic() - started:.1f} s")


def test_html_exports_typeset_their_maths_without_a_network(tmp_path, browser, screenshots):
    """The course's configuration (nbgrader's and the lab setups') points nbconvert at the MathJax
    installed with the course; a page exported with it typesets its formulas from disk."""
    from nbconvert import HTMLExporter
    from traitlets.config.loader import PyFileConfigLoader

    from autograder.lab import offline_mathjax_url

    config = PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config()
    assert config.HTMLExporter.mathjax_url == offline_mathjax_url()
    body, _ = HTMLExporter(config=config).from_filename(str(source_notebook_of("week01")))
    page_path = tmp_path / "week01.html"
    page_path.write_text(body)
    started = time.monotonic()
    page = browser.new_page()
    page.route("http*://**", lambda route: route.abort())  # offline: only file: URLs load
    page.goto(page_path.as_uri())
    page.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0"
                           " && document.querySelectorAll('.MathJax, .MathJax_CHTML').length > 10", timeout=60_000)
    page.screenshot(path=screenshots / "export-1-maths.png")
    typeset = page.locator(".MathJax, .MathJax_CHTML").count()
    page.close()
    assert typeset > 10
    print(f"HTML export: {typeset} formulas typeset offline in {time.monotonic() - started:.1f} s")


def _status(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code
