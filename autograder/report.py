"""Reading the gradebook back: the score table, the grades CSV and the feedback pages."""
import csv
import html
import json

import nbformat
from nbgrader.api import Assignment, BaseCell, Grade, Notebook, SubmittedAssignment, SubmittedNotebook

from autograder.grading import result_path, find_submissions
from autograder.notebooks import grade_id, graded_function, is_test_cell, points


def graded_columns(course, assignments=None):
    """``[(assignment, notebook, grade_id, max_score)]`` of every test cell, in release order."""
    columns = []
    for assignment in assignments or course.assignments():
        for release_path in course.release_notebooks(assignment):
            nb = nbformat.read(release_path, as_version=4)
            columns += [(assignment, release_path.stem, grade_id(c), points(c)) for c in nb.cells if is_test_cell(c)]
    return columns


def gradebook_rows(course, assignments=None):
    """One dict per student in the gradebook: ``student``, a score per grade id (``None`` when not
    submitted), ``total`` and ``max_score``. One query, whatever the size of the class."""
    columns = graded_columns(course, assignments)
    with course.gradebook() as gb:
        students = sorted(s.id for s in gb.students)
        scores = {tuple(key): score for *key, score in (
            gb.db.query(SubmittedAssignment.student_id, Assignment.name, Notebook.name, BaseCell.name, Grade.score)
            .select_from(Grade)
            .join(BaseCell, Grade.cell_id == BaseCell.id)
            .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
            .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
            .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
            .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id))}
    rows = []
    for student in students:
        row = {"student": student}
        for assignment, notebook, gid, _ in columns:
            row[gid] = scores.get((student, assignment, notebook, gid))
        row["total"] = sum(v for _, _, gid, _ in columns if (v := row[gid]) is not None)
        row["max_score"] = sum(max_score for *_, max_score in columns)
        rows.append(row)
    return rows


def export_csv(course, path, assignments=None):
    """Write the grades: one row per student, one column per graded function, then the total."""
    columns = [gid for _, _, gid, _ in graded_columns(course, assignments)]
    rows = gradebook_rows(course, assignments)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["student", *columns, "total", "max_score"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else _number(v)) for k, v in row.items()})
    return len(rows)


def format_table(rows, columns, seconds=None):
    """The gradebook as fixed-width text: total, the time grading took (when ``seconds`` maps
    students to it), then the graded functions that lost points."""
    width = max([len("student")] + [len(r["student"]) for r in rows])
    time_header = f"  {'time':>7}" if seconds is not None else ""
    lines = [f"{'student':<{width}}  {'score':>9}{time_header}  functions that lost points"]
    for row in rows:
        lost = [graded_function(gid) for gid, max_score in columns if row[gid] is not None and row[gid] < max_score]
        missing = all(row[gid] is None for gid, _ in columns)
        score = "missing" if missing else f"{_number(row['total'])}/{_number(row['max_score'])}"
        lost_text = "all" if len(lost) == len(columns) else ", ".join(lost) or "-"
        took = ""
        if seconds is not None:
            took = f"  {seconds[row['student']]:>6.1f}s" if row["student"] in seconds else f"  {'-':>7}"
        lines.append(f"{row['student']:<{width}}  {score:>9}{took}  {lost_text}")
    return "\n".join(lines)


def grading_seconds(course, assignments=None):
    """``{student: seconds}``: how long grading each student's notebooks took, from their results."""
    seconds = {}
    for submission in find_submissions(course, assignments):
        for release_path in course.release_notebooks(submission.assignment):
            path = result_path(course, submission, release_path.stem)
            if path.exists():
                took = json.loads(path.read_text()).get("seconds", 0.0)
                seconds[submission.student] = seconds.get(submission.student, 0.0) + took
    return seconds


def write_feedback(course, assignments=None):
    """Write ``feedback/<student>/<assignment>/<notebook>.html`` for every graded notebook.

    A page shows the scores, the messages and the student's own code, never the tests: the
    source of test cells (where the hidden tests are) and tracebacks (which quote it) are left out.
    """
    written = []
    for submission in find_submissions(course, assignments):
        for release_path in course.release_notebooks(submission.assignment):
            result_file = result_path(course, submission, release_path.stem)
            if not result_file.exists():
                continue
            result = json.loads(result_file.read_text())
            graded = course.autograded / submission.student / submission.assignment / release_path.name
            code = _solution_code(graded) if graded.exists() else {}
            page = _feedback_page(submission, release_path.stem, result, code)
            target = course.feedback / submission.student / submission.assignment / f"{release_path.stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page)
            written.append(target)
    return written


def _solution_code(notebook_path):
    nb = nbformat.read(notebook_path, as_version=4)
    return {
        grade_id(cell): cell.source
        for cell in nb.cells
        if grade_id(cell) and cell.metadata.nbgrader.get("solution")
    }


def _feedback_page(submission, notebook, result, code):
    esc = html.escape
    score = sum(g["score"] for g in result["grades"].values())
    total = sum(g["max_score"] for g in result["grades"].values())
    rows = "".join(
        f"<tr class='{'ok' if g['score'] == g['max_score'] else 'lost'}'><td>{esc(gid)}</td>"
        f"<td>{_number(g['score'])} / {_number(g['max_score'])}</td><td>{esc(g['message'])}</td></tr>"
        for gid, g in result["grades"].items()
    )
    issues = "".join(f"<li>{esc(issue)}</li>" for issue in result["issues"])
    answers = "".join(
        f"<h3>{esc(gid)}</h3><pre>{esc(source)}</pre>" for gid, source in code.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback: {esc(submission.assignment)}</title>
<style>
body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; }}
tr.ok td:nth-child(2) {{ color: #1a7f37; }} tr.lost td:nth-child(2) {{ color: #cf222e; font-weight: bold; }}
pre {{ background: #f6f8fa; padding: .6rem; overflow-x: auto; }}
</style></head><body>
<h1>{esc(submission.assignment)} / {esc(notebook)}</h1>
<p>Student: <b>{esc(submission.student)}</b> &mdash; score <b>{_number(score)} / {_number(total)}</b></p>
{f"<h2>Problems with the notebook</h2><ul>{issues}</ul>" if issues else ""}
<h2>Graded functions</h2>
<table><tr><th>test</th><th>points</th><th>result</th></tr>{rows}</table>
<h2>Your code</h2>{answers}
</body></html>
"""


def _number(value):
    return f"{value:g}" if isinstance(value, float) else value
