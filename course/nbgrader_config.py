"""nbgrader configuration of the course (nbgrader 0.9.x).

Everything nbgrader writes here (release/, submitted/, autograded/, feedback/, gradebook.db) is
generated: `python -m autograder build` and `python -m autograder grade` recreate it.
"""
c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "dlcourse"

# Students see this in place of each solution.
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE: replace the next line with your implementation.\n"
    "raise NotImplementedError()",
}

# Training cells take longer than nbgrader's default of 30 s on a slow laptop.
c.ExecutePreprocessor.timeout = 120

# A cell whose stderr is only a library warning must not score 0 (nbgrader fails any test cell
# with stderr output). Our own grader (`python -m autograder grade`) ignores stderr altogether;
# this keeps stock `nbgrader autograde` fair too.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?i)(warning|warn\(|tqdm|it/s\])"

# A deleted graded cell is put back and graded, instead of leaving "needs manual grading".
c.OverwriteCells.add_missing_cells = True

# Feedback and other HTML exports typeset their maths with the MathJax installed with the
# course, not one from a CDN that an offline machine cannot reach.
from autograder.lab import offline_mathjax_url  # noqa: E402

c.HTMLExporter.mathjax_url = offline_mathjax_url()
