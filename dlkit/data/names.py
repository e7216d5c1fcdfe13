"""Dinosaur-like names: the corpus of week 11's character-level language models.

Each name is one to three *roots* and a *suffix*: "krasto" + "vel" + "saurus". The roots are
syllables drawn from a fixed inventory of onsets, vowels and codas; the suffixes are the
familiar endings (saurus, raptor, ceratops, don...). A model that has learnt the corpus spells
pronounceable roots, joins them with a linking vowel and ends with a real suffix. Names are
lower-case letters; the vocabulary adds the newline that ends a name.

Everything is drawn from fixed seeds; the test names are disjoint from the training names.
"""
from typing import NamedTuple

import numpy as np

ONSETS = ("b", "br", "c", "ch", "d", "dr", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "ph", "pr", "r",
          "s", "st", "t", "th", "tr", "v", "z")
VOWELS = ("a", "e", "i", "o", "u", "y", "ae", "io")
CODAS = ("", "", "", "n", "l", "r", "s", "x", "st", "nt")
LINKS = ("o", "i", "a")
SUFFIXES = ("saurus", "raptor", "ceratops", "don", "odon", "mimus", "venator", "titan", "suchus", "nykus",
            "pteryx", "lophus", "ops", "tops", "rex", "sauria")
N_ROOTS = 160
NAMES_SEED = 11
N_TRAIN, N_TEST = 1500, 200


class NamesCorpus(NamedTuple):
    """``train`` and ``test``: lists of names; ``chars``: the vocabulary, newline first;
    ``char_to_ix`` and ``ix_to_char``: its two directions."""

    train: list
    test: list
    chars: list
    char_to_ix: dict
    ix_to_char: dict


def _roots(rng):
    roots = set()
    while len(roots) < N_ROOTS:
        syllables = int(rng.choice([1, 2], p=[0.6, 0.4]))
        roots.add("".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)))
    return sorted(roots)


def _name(rng, roots):
    count = int(rng.choice([1, 2, 3], p=[0.45, 0.45, 0.1]))
    parts = [roots[int(rng.integers(len(roots)))] for _ in range(count)]
    stem = "".join(part + (rng.choice(LINKS) if part[-1] not in "aeiouy" else "") for part in parts[:-1]) + parts[-1]
    suffix = str(rng.choice(SUFFIXES))
    if stem[-1] in "aeiouy" and suffix[0] in "aeiouy":
        stem = stem[:-1]
    return stem + suffix


def generate_names(n, seed=NAMES_SEED):
    """``n`` distinct names, in the order they are drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    roots = _roots(rng)
    names = {}
    while len(names) < n:
        names.setdefault(_name(rng, roots), None)
    return list(names)


def vocabulary(names):
    """``(chars, char_to_ix, ix_to_char)`` of ``names``, the newline first, then the letters in order."""
    chars = ["\n"] + sorted(set("".join(names)))
    return chars, {ch: i for i, ch in enumerate(chars)}, dict(enumerate(chars))


def load_names():
    """The corpus: :data:`N_TRAIN` training and :data:`N_TEST` test names and their vocabulary
    (every letter of a test name also occurs in the training names)."""
    names = generate_names(N_TRAIN + N_TEST)
    train, test = names[:N_TRAIN], names[N_TRAIN:]
    chars, char_to_ix, ix_to_char = vocabulary(names)
    return NamesCorpus(train, test, chars, char_to_ix, ix_to_char)
