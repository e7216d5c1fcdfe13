"""Human-readable dates and their ISO form: the translation task of weeks 13 and 14.

A source is a date as people write it, in one of several formats and three languages
("3 may 1979", "tue 10 jul 2007", "5/3/79", "mardi 10 juillet 2007", "10. jul. 2007",
"10.07.07"); the target is the same date as ``YYYY-MM-DD``. Sources are lower-case. Numeric
formats are never ambiguous: slashes put the month first (as in the US), dots put the day first
(as in Germany), and two-digit years stand for 1950-2049.

Dates run from 1950-01-01 to 2049-12-31. Everything is drawn from fixed seeds, and no test date
(the day itself, whatever its format) occurs in the training set.

Token ids: sources are characters, padded with :data:`SOURCE_PAD` (id 0) on the right, unknown
characters mapped to :data:`SOURCE_UNKNOWN` (id 1). Targets are the 10 characters of the ISO
date followed by :data:`END`, and decoders start from :data:`START`.
"""
import datetime
from typing import NamedTuple

import numpy as np

FIRST_DAY = datetime.date(1950, 1, 1)
LAST_DAY = datetime.date(2049, 12, 31)
DATES_SEED = 13
N_TRAIN, N_TEST = 12000, 1000
SOURCE_LENGTH = 30  # Tx: the longest source ("donnerstag, 30. september 2038") has 30 characters
TARGET_LENGTH = 11  # Ty: ten characters and the end token

SOURCE_PAD, SOURCE_UNKNOWN = "<pad>", "<unk>"
START, END = "<s>", "</s>"
TARGET_TOKENS = (START, END, "-", *"0123456789")

MONTHS = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"),
}
SHORT_MONTHS = {
    "en": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    "de": ("jan.", "feb.", "märz", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dez."),
}
WEEKDAYS = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
}


def _parts(day):
    """The pieces formats are made of, for ``day`` in one language."""
    return lambda language: {
        "d": str(day.day), "dd": f"{day.day:02d}", "m": str(day.month), "mm": f"{day.month:02d}",
        "yy": f"{day.year % 100:02d}", "yyyy": str(day.year),
        "month": MONTHS[language][day.month - 1], "mon": SHORT_MONTHS[language][day.month - 1],
        "weekday": WEEKDAYS[language][day.weekday()], "wd": WEEKDAYS[language][day.weekday()][:3],
    }


# (language, format): the placeholders are the keys of ``_parts``.
FORMATS = (
    ("en", "{d} {month} {yyyy}"), ("en", "{dd} {month} {yyyy}"), ("en", "{month} {d}, {yyyy}"),
    ("en", "{month} {dd} {yyyy}"), ("en", "{d} {mon} {yyyy}"), ("en", "{mon} {d}, {yyyy}"),
    ("en", "{wd} {d} {mon} {yyyy}"), ("en", "{weekday}, {month} {d}, {yyyy}"), ("en", "{d} {month}, {yyyy}"),
    ("en", "{m}/{d}/{yy}"), ("en", "{mm}/{dd}/{yyyy}"), ("en", "{m}/{d}/{yyyy}"),
    ("fr", "{d} {month} {yyyy}"), ("fr", "{weekday} {d} {month} {yyyy}"), ("fr", "{d} {mon} {yyyy}"),
    ("de", "{d}. {month} {yyyy}"), ("de", "{weekday}, {d}. {month} {yyyy}"), ("de", "{d}. {mon} {yyyy}"),
    ("de", "{dd}.{mm}.{yy}"), ("de", "{dd}.{mm}.{yyyy}"), ("de", "{d}.{m}.{yyyy}"),
    ("en", "{yyyy}-{mm}-{dd}"),
)


def human_date(day, format_index):
    """``day`` (a ``datetime.date``) written in format ``FORMATS[format_index]``, lower-case."""
    language, pattern = FORMATS[format_index]
    return pattern.format(**_parts(day)(language))


def iso_date(day):
    """``day`` as ``YYYY-MM-DD``."""
    return day.isoformat()


class DatesDataset(NamedTuple):
    """Pairs of human-readable and ISO dates, and both vocabularies.

    ``train`` and ``test``: lists of ``(human, iso)`` string pairs; ``source_tokens``: the source
    characters, :data:`SOURCE_PAD` and :data:`SOURCE_UNKNOWN` first; ``target_tokens``:
    :data:`TARGET_TOKENS`.
    """

    train: list
    test: list
    source_tokens: tuple
    target_tokens: tuple

    @property
    def source_to_id(self):
        return {token: i for i, token in enumerate(self.source_tokens)}

    @property
    def target_to_id(self):
        return {token: i for i, token in enumerate(self.target_tokens)}

    def encode_sources(self, humans):
        """Source ids ``(N, SOURCE_LENGTH)`` int64: characters, then padding (longer ones cut)."""
        to_id = self.source_to_id
        ids = np.zeros((len(humans), SOURCE_LENGTH), dtype=np.int64)
        for row, human in enumerate(humans):
            chars = [to_id.get(ch, 1) for ch in human[:SOURCE_LENGTH]]
            ids[row, :len(chars)] = chars
        return ids

    def encode_targets(self, isos):
        """Target ids ``(N, TARGET_LENGTH)`` int64: the ten characters, then :data:`END`."""
        to_id = self.target_to_id
        return np.array([[to_id[ch] for ch in iso] + [to_id[END]] for iso in isos], dtype=np.int64)

    def decode_target(self, ids):
        """The string of target ids, stopping at :data:`END` (special tokens dropped)."""
        chars = []
        for i in ids:
            token = self.target_tokens[int(i)]
            if token == END:
                break
            if token != START:
                chars.append(token)
        return "".join(chars)

    def arrays(self, split):
        """``(source_ids, target_ids)`` of ``"train"`` or ``"test"``."""
        pairs = getattr(self, split)
        return self.encode_sources([h for h, _ in pairs]), self.encode_targets([iso for _, iso in pairs])


def _random_days(rng, n):
    """``n`` different days, in the order drawn."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    offsets = rng.choice(span, n, replace=False)
    return [FIRST_DAY + datetime.timedelta(days=int(k)) for k in offsets]


def load_dates(n_train=N_TRAIN, n_test=N_TEST, seed=DATES_SEED):
    """The data set: ``n_train`` training and ``n_test`` test pairs, each a different day in a
    random format (so the test days never occur in training)."""
    rng = np.random.default_rng(seed)
    days = _random_days(rng, n_train + n_test)
    formats = rng.integers(0, len(FORMATS), n_train + n_test)
    pairs = [(human_date(day, int(f)), iso_date(day)) for day, f in zip(days, formats)]
    chars = sorted(set("".join(human for human, _ in pairs)))
    return DatesDataset(pairs[:n_train], pairs[n_train:], (SOURCE_PAD, SOURCE_UNKNOWN, *chars), TARGET_TOKENS)
