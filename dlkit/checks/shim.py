"""The fixed code the grader runs in a student's kernel: step 2 of a check, and nothing else.

The grader sends the cases' arguments (never the expected results or the hidden tests' source)
and gets back what the student's function did on each, as one ``display_data`` output of type
:data:`MIME`: a list of base64 strings, each an outcome encoded by :func:`dlkit.checks.codec.encode`.
Everything here runs in the student's process and may have been tampered with; the grader
trusts none of it beyond "these are the bytes the kernel sent", decodes them as plain data and
judges them itself.
"""
import base64

from dlkit.checks import codec
from dlkit.checks.registry import REGISTRY, run_case
from dlkit.checks.spec import Case

MIME = "application/vnd.dlkit.outcomes+json"


def encode_cases(cases):
    """What the grader sends for ``cases``: base64 text of ``[(args, seed), ...]``."""
    return base64.b64encode(codec.encode([(case.args, case.seed) for case in cases])).decode("ascii")


def run_cases(key, function, payload):
    """Run ``function`` on every case of ``payload`` (see :func:`encode_cases`) under the call
    kind of ``key`` and display the encoded outcomes."""
    from IPython.display import display

    spec = REGISTRY[key]
    cases = codec.decode(base64.b64decode(payload))
    outcomes = [run_case(spec, function, Case(tuple(args), "", seed)) for args, seed in cases]
    display({MIME: [base64.b64encode(outcome).decode("ascii") for outcome in outcomes]}, raw=True)
