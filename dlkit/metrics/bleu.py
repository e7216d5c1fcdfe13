"""BLEU (Papineni et al., 2002), as the course settles it: clipped n-gram precisions
``p_1 .. p_N``, their geometric mean with uniform weights, times a brevity penalty; no smoothing.

    BLEU = BP * exp(sum_n (1/N) log p_n),    BP = 1 if c > r else exp(1 - r / c)

``c`` is the candidate's length and ``r`` the length of the reference closest to it (the shorter
one on a tie). A precision of zero makes BLEU zero. Sentences are lists of tokens (words, or the
characters of a date); the corpus score adds up the clipped counts, candidate lengths and
reference lengths of all sentences before combining them, which is not the mean of the sentence
scores. NLTK's ``sentence_bleu`` / ``corpus_bleu`` compute the same numbers
(``tests/test_seq2seq.py`` compares them).

Example::

    >>> references = ["the cat is on the mat".split(), "there is a cat on the mat".split()]
    >>> modified_precision("the the the the the the the".split(), references, 1)
    0.2857142857142857
"""
import math
from collections import Counter


def ngram_counts(tokens, n):
    """How often each n-gram (a tuple of ``n`` tokens) occurs in ``tokens``."""
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def clipped_matches(candidate, references, n):
    """``(clipped, total)``: the candidate's n-grams counted at most as often as they occur in any
    one reference, and the number of its n-grams."""
    counts = ngram_counts(candidate, n)
    most_in_a_reference = Counter()
    for reference in references:
        most_in_a_reference |= ngram_counts(reference, n)
    clipped = sum(min(count, most_in_a_reference[ngram]) for ngram, count in counts.items())
    return clipped, sum(counts.values())


def modified_precision(candidate, references, n):
    """``p_n``: clipped n-gram matches over the candidate's n-grams (0.0 when it has none)."""
    clipped, total = clipped_matches(candidate, references, n)
    return clipped / total if total else 0.0


def closest_reference_length(candidate, references):
    """The length of the reference closest in length to ``candidate``, the shorter on a tie."""
    return min((len(reference) for reference in references), key=lambda r: (abs(r - len(candidate)), r))


def penalty(c, r):
    """The brevity penalty of ``c`` candidate tokens against ``r`` reference tokens."""
    if c > r:
        return 1.0
    return math.exp(1 - r / c) if c > 0 else 0.0


def brevity_penalty(candidate, references):
    """BP of one candidate: 1 if it is longer than the closest reference, else ``exp(1 - r/c)``."""
    return penalty(len(candidate), closest_reference_length(candidate, references))


def combine(precisions, brevity):
    """``brevity * exp(mean log p_n)``; 0.0 as soon as one precision is 0."""
    if min(precisions) == 0:
        return 0.0
    return brevity * math.exp(sum(math.log(p) for p in precisions) / len(precisions))


def bleu(candidate, references, max_n=4):
    """Sentence BLEU of ``candidate`` (a list of tokens) against ``references`` (lists of tokens)."""
    precisions = [modified_precision(candidate, references, n) for n in range(1, max_n + 1)]
    return combine(precisions, brevity_penalty(candidate, references))


def corpus_bleu(candidates, references, max_n=4):
    """Corpus BLEU: ``candidates[i]`` is scored against the list ``references[i]``; clipped counts,
    n-gram totals and lengths are summed over the corpus first."""
    matches, totals = [0] * max_n, [0] * max_n
    c = r = 0
    for candidate, refs in zip(candidates, references, strict=True):
        for n in range(1, max_n + 1):
            clipped, total = clipped_matches(candidate, refs, n)
            matches[n - 1] += clipped
            totals[n - 1] += total
        c += len(candidate)
        r += closest_reference_length(candidate, refs)
    precisions = [m / t if t else 0.0 for m, t in zip(matches, totals)]
    return combine(precisions, penalty(c, r))
