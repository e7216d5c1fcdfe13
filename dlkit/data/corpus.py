"""Generated text for week 12: a corpus in which word analogies can be learnt, and labelled
sentences for sentiment classification (nothing downloaded; fixed seeds).

**The analogy corpus.** Every *target* word has latent attributes, and each sentence about a
target is a template whose slots are filled with *marker* words, one pool per attribute value:

- people: gender (``he`` / ``his`` or ``she`` / ``her``), rank (``crown``, ``palace`` or
  ``bicycle``, ``market``), age (``old``, ``newspaper`` or ``young``, ``toys``) and the group
  they belong to (``kingdom`` for the king, queen, prince and princess);
- countries and capitals: the kind of place (``nation``, ``border`` or ``city``, ``mayor``)
  and the nation (``french``, ``cheese``), never both names in one sentence;
- nouns: number (``one``, ``this`` or ``two``, ``these``), a category (food, animal, object;
  food is the lectures' fourth feature) and the noun's own marker (``orchard`` for apple);
- opinion adjectives: polarity (``enjoyed`` or ``complained``) next to a topic (``movie``).

So the contexts of a word are a mixture over its attributes, and what tells ``king`` from
``queen`` is what tells ``man`` from ``woman``: ``king - man + woman`` lands near ``queen``.
Every marker sits within three words of its target. A fifth of the slots take a *stray*
marker, any word of that slot, as real text puts "she" near "king" now and then.
:func:`analogy_questions` derives the questions from the same attribute tables.

**The sentiment data.** Sentences about topics built from the corpus' words: ``"the movie was
not very good"``, ``"the food was bad but the service was great"``. ``not`` flips a clause's
polarity and a sentence with ``but`` takes the polarity of its second clause, so the words
alone (in any order) do not decide the label: an average of word vectors cannot tell
``"the food was good but the service was bad"`` from ``"the food was bad but the service
was good"``; a sequence model can. Two adjectives occur in test sentences only.
"""
from itertools import permutations
from typing import NamedTuple

import numpy as np

CORPUS_SEED = 12
SENTENCES_PER_TARGET = 300
STRAY = 0.2
SENTIMENT_SEED = 13
N_SENTIMENT_TRAIN, N_SENTIMENT_TEST = 1200, 400
CONTRAST_RATE, NEGATION_RATE = 0.3, 0.3
SENTIMENT_CLASSES = ("negative", "positive")

# --- people: a group's words share a marker (its name); rank follows the group -----------------
_GRIDS = {  # group -> (royal?, [male adult, female adult, male child, female child])
    "crowd": (False, ["man", "woman", "boy", "girl"]),
    "kingdom": (True, ["king", "queen", "prince", "princess"]),
    "family": (False, ["father", "mother", "son", "daughter"]),
    "relatives": (False, ["uncle", "aunt", "nephew", "niece"]),
}
_PAIRS = {  # group -> (royal?, [male, female]), adults
    "marriage": (False, ["husband", "wife"]),
    "empire": (True, ["emperor", "empress"]),
    "theatre": (False, ["actor", "actress"]),
    "restaurant": (False, ["waiter", "waitress"]),
}
_GENDER = {"male": {"pron": ["he"], "poss": ["his"]}, "female": {"pron": ["she"], "poss": ["her"]}}
_RANK = {"royal": {"rank_place": ["palace", "castle", "court"], "rank_thing": ["crown", "throne", "jewels"]},
         "common": {"rank_place": ["market", "office", "station"], "rank_thing": ["bicycle", "umbrella", "bag"]}}
_AGE = {"adult": {"age_adj": ["old", "tall", "wise"], "age_thing": ["newspaper", "coffee", "job"]},
        "child": {"age_adj": ["young", "little", "small"], "age_thing": ["toys", "ball", "school"]}}
_PERSON_TEMPLATES = (
    "the {age_adj} {word} left {poss} {rank_thing} there",
    "{pron} is the {word} of the {group}",
    "in the {rank_place} a {word} took {poss} {age_thing}",
    "the {group} loves the {word} and {poss} {rank_thing}",
    "{pron} said the {word} likes {poss} {age_thing}",
    "at the {rank_place} the {age_adj} {word} smiled",
)

# --- countries and capitals: (country, capital, demonym, dish) ------------------------------------
_NATIONS = (
    ("france", "paris", "french", "cheese"), ("italy", "rome", "italian", "pasta"),
    ("japan", "tokyo", "japanese", "sushi"), ("spain", "madrid", "spanish", "paella"),
    ("germany", "berlin", "german", "sausage"), ("greece", "athens", "greek", "olives"),
    ("russia", "moscow", "russian", "borscht"), ("egypt", "cairo", "egyptian", "falafel"),
    ("india", "delhi", "indian", "curry"), ("china", "beijing", "chinese", "dumplings"),
)
_PLACE_KIND = {"country": ["country", "nation", "border"], "capital": ["city", "capital", "mayor"]}
_PLACE_TEMPLATES = (
    "the {kind} {word} speaks {demonym}",
    "in the {kind} {word} we ate {dish}",
    "a {kind} called {word} loves {dish}",
    "the {demonym} {kind} of {word}",
)

# --- nouns: (singular, plural, category, own marker) -------------------------------------------
_NOUNS = (
    ("apple", "apples", "food", "orchard"), ("orange", "oranges", "food", "juice"),
    ("banana", "bananas", "food", "peel"), ("egg", "eggs", "food", "hen"),
    ("cake", "cakes", "food", "birthday"), ("cat", "cats", "animal", "whiskers"),
    ("dog", "dogs", "animal", "bone"), ("horse", "horses", "animal", "saddle"),
    ("bird", "birds", "animal", "nest"), ("car", "cars", "object", "engine"),
    ("book", "books", "object", "pages"), ("chair", "chairs", "object", "table"),
)
_NUMBER = {"singular": ["one", "this", "that"], "plural": ["two", "these", "those"]}
_CATEGORY = {"food": ["eat", "tasty", "kitchen"], "animal": ["pet", "farm", "feed"],
             "object": ["buy", "shop", "use"]}
_NOUN_TEMPLATES = (
    "i saw {number} {word} near the {marker}",
    "at the {category} {number} {word} had a {marker}",
    "we {category} {number} {word} every day",
    "not {number} {word} but the {marker}",
)

# --- opinions: adjectives with a polarity, about topics ------------------------------------------
POSITIVE_WORDS = ("good", "great", "wonderful", "excellent", "lovely", "amazing", "nice", "perfect")
NEGATIVE_WORDS = ("bad", "terrible", "awful", "horrible", "poor", "boring", "dreadful", "disappointing")
TOPICS = ("food", "movie", "service", "hotel", "music", "room", "staff", "show", "trip", "meal")
INTENSIFIERS = ("very", "really", "so", "quite")
DETERMINERS, VERBS = ("the", "this", "that"), ("was", "is")
HELD_OUT_WORDS = ("perfect", "dreadful")  # in no training sentence of the sentiment data
_REACTION = {"positive": ["enjoyed", "smiled", "recommend"], "negative": ["complained", "regret", "refund"]}
_OPINION_TEMPLATES = (
    "the {topic} was {word} and we {reaction} it",
    "because the {topic} was {intensifier} {word} we {reaction}",
    "what a {word} {topic} i {reaction} it",
)


# The lectures' featurised words: [gender, royal, age, food].
FOUR_FEATURES = ("gender", "royal", "age", "food")
_FOUR_FEATURE_VECTORS = {"man": [-1, 0.01, 0.03, 0.09], "woman": [1, 0.02, 0.02, 0.01],
                         "king": [-0.95, 0.93, 0.70, 0.02], "queen": [0.97, 0.95, 0.69, 0.01]}


class Corpus(NamedTuple):
    """``sentences``: lists of words; ``ids``: the same sentences as ``int64`` arrays of
    indices into ``words``, the vocabulary (most frequent first, ties alphabetical);
    ``counts``: ``int64`` ``(V,)``, how often each word occurs."""

    sentences: list
    ids: list
    words: list
    counts: np.ndarray


class SentimentDataset(NamedTuple):
    """``train_sentences`` / ``test_sentences``: lower-case strings, no sentence in both;
    ``train_labels`` / ``test_labels``: ``int64`` indices into ``classes``."""

    train_sentences: list
    train_labels: np.ndarray
    test_sentences: list
    test_labels: np.ndarray
    classes: tuple


def four_feature_vectors():
    """The lectures' word map ``{word: float64 (4,)}`` for man, woman, king and queen, whose
    coordinates are :data:`FOUR_FEATURES`; ``king - man + woman`` is closest to ``queen``."""
    return {word: np.array(vector) for word, vector in _FOUR_FEATURE_VECTORS.items()}


def people():
    """``{word: {"gender", "rank", "age", "group"}}`` for every person of the corpus."""
    table = {}
    for group, (royal, words) in _GRIDS.items():
        for word, (gender, age) in zip(words, [("male", "adult"), ("female", "adult"), ("male", "child"), ("female", "child")]):
            table[word] = {"gender": gender, "rank": "royal" if royal else "common", "age": age, "group": group}
    for group, (royal, words) in _PAIRS.items():
        for word, gender in zip(words, ("male", "female")):
            table[word] = {"gender": gender, "rank": "royal" if royal else "common", "age": "adult", "group": group}
    return table


def analogy_relations():
    """``{relation: [(x, y), ...]}``: word pairs that differ in one attribute the same way
    (``"gender"``: man to woman; ``"age"``: man to boy; ``"royalty"``: man to king;
    ``"capital"``: france to paris; ``"plural"``: apple to apples)."""
    table = people()

    def pairs(attribute, source, target):
        same = {"gender", "age", "group"} - {attribute}
        return [(x, y) for x, a in table.items() for y, b in table.items()
                if a[attribute] == source and b[attribute] == target and all(a[k] == b[k] for k in same)]

    return {
        "gender": pairs("gender", "male", "female"),
        "age": pairs("age", "adult", "child"),
        "royalty": list(zip(_GRIDS["crowd"][1], _GRIDS["kingdom"][1])),
        "capital": [(country, capital) for country, capital, _, _ in _NATIONS],
        "plural": [(singular, plural) for singular, plural, _, _ in _NOUNS],
    }


def analogy_questions(relation=None):
    """Analogy questions ``(a, b, c, d)``, "a is to b as c is to d", for one relation of
    :func:`analogy_relations` or (``None``) all of them: every ordered choice of two different
    pairs of the relation, in a fixed order."""
    relations = analogy_relations()
    chosen = relations if relation is None else {relation: relations[relation]}
    return [(a, b, c, d) for pairs in chosen.values() for (a, b), (c, d) in permutations(pairs, 2)]


def load_analogy_corpus(sentences_per_target=SENTENCES_PER_TARGET, seed=CORPUS_SEED):
    """The analogy corpus: ``sentences_per_target`` sentences about each target word (people,
    countries, capitals, nouns and opinion adjectives), shuffled, as a :class:`Corpus`."""
    rng = np.random.default_rng(seed)
    targets = list(_targets())
    fillers = _fillers_by_slot(targets)
    sentences = []
    for templates, slots in targets:
        for _ in range(sentences_per_target):
            sentences.append(_fill(_pick(rng, templates), slots, fillers, rng))
    sentences = [sentences[i] for i in rng.permutation(len(sentences))]
    words, counts = np.unique(np.concatenate(sentences), return_counts=True)
    order = np.lexsort((words, -counts))
    words, counts = [str(w) for w in words[order]], counts[order].astype(np.int64)
    index = {word: i for i, word in enumerate(words)}
    ids = [np.array([index[word] for word in sentence], dtype=np.int64) for sentence in sentences]
    return Corpus(sentences, ids, words, counts)


def _targets():
    """``(templates, slots)`` for every target word: the pools each slot is filled from."""
    for word, a in people().items():
        yield _PERSON_TEMPLATES, {"word": [word], "group": [a["group"]],
                                  **_GENDER[a["gender"]], **_RANK[a["rank"]], **_AGE[a["age"]]}
    for country, capital, demonym, dish in _NATIONS:
        for word, kind in ((country, "country"), (capital, "capital")):
            yield _PLACE_TEMPLATES, {"word": [word], "kind": _PLACE_KIND[kind], "demonym": [demonym], "dish": [dish]}
    for singular, plural, category, marker in _NOUNS:
        for word, number in ((singular, "singular"), (plural, "plural")):
            yield _NOUN_TEMPLATES, {"word": [word], "number": _NUMBER[number], "category": _CATEGORY[category],
                                    "marker": [marker]}
    for words, polarity in ((POSITIVE_WORDS, "positive"), (NEGATIVE_WORDS, "negative")):
        for word in words:
            yield _OPINION_TEMPLATES, {"word": [word], "topic": list(TOPICS), "reaction": _REACTION[polarity],
                                       "intensifier": list(INTENSIFIERS)}


def _fillers_by_slot(targets):
    """``{slot: every word that fills it for some target}``."""
    fillers = {}
    for _, slots in targets:
        for slot, pool in slots.items():
            fillers.setdefault(slot, set()).update(pool)
    return {slot: sorted(words) for slot, words in fillers.items()}


def _fill(template, slots, fillers, rng):
    """The template's words, each ``{slot}`` replaced by a word drawn from ``slots[slot]``, or,
    with probability :data:`STRAY`, from any target's fillers of that slot (never the target
    itself, ``{word}``). Without strays a marker never meets the targets of the other
    attribute value, and GloVe, which skips the pairs that never meet, could not tell them
    apart: it learns from *how often* words meet, not from whether they do."""
    words = []
    for token in template.split():
        if token.startswith("{"):
            slot = token[1:-1]
            token = _pick(rng, fillers[slot] if slot != "word" and rng.random() < STRAY else slots[slot])
        words.append(token)
    return words


# --- sentiment ---------------------------------------------------------------------------------

def load_sentiment_dataset(seed=SENTIMENT_SEED, n_train=N_SENTIMENT_TRAIN, n_test=N_SENTIMENT_TEST):
    """Labelled opinions (0 negative, 1 positive), ``n_train`` for training and ``n_test``
    other ones for testing, as a :class:`SentimentDataset`.

    Sentences are one clause, ``"the <topic> was [not] [<intensifier>] <adjective>"`` (or
    ``this`` / ``that`` for ``the``, ``is`` for ``was``), or, a fraction :data:`CONTRAST_RATE`
    of them, two clauses of opposite polarities about two topics joined
    by ``but``, labelled by the second; a fraction :data:`NEGATION_RATE` of the clauses have
    ``not``. The adjectives :data:`HELD_OUT_WORDS` occur in test sentences only: a classifier
    can get them right only through pretrained word vectors.
    """
    rng = np.random.default_rng(seed)
    train = _unique_opinions(rng, n_train, lambda sentence: not set(sentence.split()) & set(HELD_OUT_WORDS))
    test = _unique_opinions(rng, n_test, lambda sentence: sentence not in train)
    return SentimentDataset(list(train), np.array(list(train.values()), dtype=np.int64),
                            list(test), np.array(list(test.values()), dtype=np.int64), SENTIMENT_CLASSES)


def _unique_opinions(rng, n, accept):
    """``{sentence: label}``: ``n`` different opinions for which ``accept(sentence)`` holds."""
    opinions = {}
    while len(opinions) < n:
        sentence, label = _opinion(rng)
        if accept(sentence):
            opinions.setdefault(sentence, label)
    return opinions


def _opinion(rng):
    """One sentence and its label."""
    if rng.random() >= CONTRAST_RATE:
        return _clause(rng, int(rng.integers(2)))
    first_polarity = int(rng.integers(2))
    first_topic, second_topic = rng.choice(len(TOPICS), size=2, replace=False)
    first, _ = _clause(rng, first_polarity, first_topic)
    second, label = _clause(rng, 1 - first_polarity, second_topic)
    return f"{first} but {second}", label


def _clause(rng, polarity, topic_index=None):
    """``"the <topic> was ..."`` with the given polarity (1 positive), about ``TOPICS[topic_index]``
    or a random topic; negated with probability :data:`NEGATION_RATE`."""
    negated = bool(rng.random() < NEGATION_RATE)
    topic = _pick(rng, TOPICS) if topic_index is None else TOPICS[int(topic_index)]
    parts = [_pick(rng, DETERMINERS), topic, _pick(rng, VERBS)]
    if negated:
        parts.append("not")
    if rng.random() < 0.4:
        parts.append(_pick(rng, INTENSIFIERS))
    parts.append(_pick(rng, POSITIVE_WORDS if (polarity == 1) != negated else NEGATIVE_WORDS))
    return " ".join(parts), polarity


def _pick(rng, options):
    """One of ``options``, uniformly."""
    return options[int(rng.integers(len(options)))]
