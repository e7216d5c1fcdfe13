"""Week 13: the dates data, the attention model, the decoders on models whose probabilities are
known, and BLEU against NLTK."""
import datetime
import functools
import itertools
import warnings

import numpy as np
import pytest
import torch
from nltk.translate import bleu_score as nltk_bleu

from dlkit.data import dates as dates_data
from dlkit.metrics import bleu
from dlkit.nets import seq2seq
from dlkit.nets.training import train_classifier
from dlkit.runtime.device import get_device, seed_everything
from dlkit.scratch import decoding

# --- data --------------------------------------------------------------------------------------


def test_every_format_writes_a_date_that_reads_back_unambiguously():
    """Each format, on days chosen so that day and month differ and exceed 12, gives a different
    string per day, and the slash / dot conventions never collide."""
    days = [datetime.date(1950, 1, 1) + datetime.timedelta(days=int(k)) for k in range(0, 36525, 97)]
    for index in range(len(dates_data.FORMATS)):
        written = [dates_data.human_date(day, index) for day in days]
        assert len(set(written)) == len(days), dates_data.FORMATS[index]
        assert all(len(w) <= dates_data.SOURCE_LENGTH for w in written)
    assert dates_data.human_date(datetime.date(1979, 5, 3), dates_data.FORMATS.index(("en", "{m}/{d}/{yy}"))) == "5/3/79"
    assert dates_data.human_date(datetime.date(1979, 5, 3), dates_data.FORMATS.index(("de", "{dd}.{mm}.{yy}"))) == "03.05.79"
    assert dates_data.human_date(datetime.date(2007, 7, 10), dates_data.FORMATS.index(("en", "{wd} {d} {mon} {yyyy}"))) == "tue 10 jul 2007"


def test_the_data_set_is_fixed_and_its_test_days_are_new():
    first, second = dates_data.load_dates(), dates_data.load_dates()
    assert first == second
    assert (len(first.train), len(first.test)) == (dates_data.N_TRAIN, dates_data.N_TEST)
    assert not {iso for _, iso in first.test} & {iso for _, iso in first.train}
    x, y = first.arrays("test")
    assert x.shape == (dates_data.N_TEST, dates_data.SOURCE_LENGTH) and y.shape == (dates_data.N_TEST, dates_data.TARGET_LENGTH)
    assert [first.decode_target(row) for row in y] == [iso for _, iso in first.test]
    assert len({first.test[k][0] for k in range(len(first.test))}) == len(first.test)
    used_formats = {pattern for pattern in dates_data.FORMATS
                    if any(dates_data.human_date(datetime.date.fromisoformat(iso), dates_data.FORMATS.index(pattern)) == human
                           for human, iso in first.train[:2000])}
    assert len(used_formats) == len(dates_data.FORMATS)


# --- decoding ----------------------------------------------------------------------------------

def random_table(seed, V=4, T=4):
    rng = np.random.default_rng(seed)
    return decoding.table_model(rng.normal(0, 1.5, (T, V, V)))


@pytest.mark.parametrize("seed", range(20))
def test_beam_width_one_is_greedy_and_a_beam_that_prunes_nothing_is_exhaustive(seed):
    step, state = random_table(seed)
    greedy = decoding.greedy_decode(step, state, 0, 1, 4)
    assert decoding.beam_search(step, state, 0, 1, 1, 4)[0] == greedy
    beam_tokens, beam_score = decoding.beam_search(step, state, 0, 1, 4 ** 4, 4)
    best_tokens, best_score = decoding.exhaustive_search(step, state, 0, 1, 4)
    assert beam_tokens == best_tokens and beam_score == pytest.approx(best_score)


def test_beam_search_finds_what_greedy_misses_and_exhaustive_search_confirms():
    """Token 2 is the likelier first token, but everything after it is a coin toss among three;
    after token 3 the end token is almost certain."""
    logits = np.full((3, 4, 4), -20.0)
    logits[0, 0, [2, 3]] = [np.log(0.6), np.log(0.4)]
    logits[1, 2, [1, 2, 3]] = 0.0
    logits[1, 3, 1] = 0.0
    step, state = decoding.table_model(logits)
    assert decoding.greedy_decode(step, state, 0, 1, 3)[0] == 2
    tokens, score = decoding.beam_search(step, state, 0, 1, 2, 3, alpha=0.0)
    assert tokens == [3, 1] and score == pytest.approx(np.log(0.4), abs=1e-6)
    assert decoding.exhaustive_search(step, state, 0, 1, 3, alpha=0.0)[0] == [3, 1]


def test_length_normalisation_changes_the_choice_where_it_should():
    """The end token first has probability 0.3; the best 3-token sequence has probability
    0.6 * 0.7 * 0.7 = 0.294: less likely in total, more likely per token."""
    logits = np.full((3, 3, 3), -30.0)
    logits[0, 0, [1, 2]] = np.log([0.3, 0.6])
    logits[1, 2, 2] = logits[2, 2, 1] = np.log(0.7)
    logits[1, 2, 1] = logits[2, 2, 2] = np.log(0.3)
    step, state = decoding.table_model(logits)
    assert decoding.beam_search(step, state, 0, 1, 3, 3, alpha=0.0)[0] == [1]
    assert decoding.beam_search(step, state, 0, 1, 3, 3, alpha=0.7)[0] == [2, 2, 1]
    assert decoding.length_normalized_score(np.log([0.6, 0.7, 0.7])) == pytest.approx(np.log(0.294) / 3 ** 0.7)


def test_greedy_costs_one_model_step_per_token_and_beam_search_b():
    calls = []
    step, state = random_table(3, V=5, T=6)

    def counted(token, s):
        calls.append(token)
        return step(token, s)

    tokens = decoding.greedy_decode(counted, state, 0, 1, 6)
    assert len(calls) == len(tokens)
    calls.clear()
    decoding.beam_search(counted, state, 0, 1, 3, 6)
    assert len(calls) <= 1 + 3 * 5


# --- BLEU --------------------------------------------------------------------------------------

REFERENCES = ["the cat is on the mat".split(), "there is a cat on the mat".split()]


def test_the_lectures_clipped_precisions():
    assert bleu.modified_precision("the the the the the the the".split(), REFERENCES, 1) == pytest.approx(2 / 7)
    assert bleu.modified_precision("the cat the cat on the mat".split(), REFERENCES, 2) == pytest.approx(4 / 6)


def test_the_brevity_penalty_punishes_short_candidates_not_long_ones():
    assert bleu.brevity_penalty("the cat".split(), REFERENCES) == pytest.approx(np.exp(1 - 6 / 2))
    assert bleu.brevity_penalty("a cat is on the mat here and there".split(), REFERENCES) == 1.0
    assert bleu.brevity_penalty("a b c d e".split(), ["a b c d".split(), "a b c d e f".split()]) == 1.0
    assert bleu.brevity_penalty([], REFERENCES) == 0.0


def random_corpus(rng, size, shortest=1):
    vocabulary = [str(i) for i in range(int(rng.integers(2, 8)))]
    candidates, references = [], []
    for _ in range(size):
        candidate = list(rng.choice(vocabulary, int(rng.integers(shortest, 16))))
        refs = [[w if rng.random() < 0.7 else str(rng.choice(vocabulary)) for w in candidate][:int(rng.integers(1, 18))]
                + list(rng.choice(vocabulary, int(rng.integers(0, 4)))) for _ in range(int(rng.integers(1, 4)))]
        candidates.append(candidate)
        references.append(refs)
    return candidates, references


def gaps_from_nltk(shortest, rounds=1000):
    """The largest differences from NLTK's sentence and corpus BLEU over random corpora, and how
    many of the sentence scores were not 0. NLTK without smoothing puts a tiny number for a zero
    precision where the course puts 0: both are below 1e-12."""
    rng = np.random.default_rng(0)
    sentence_gap = corpus_gap = 0.0
    nonzero = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NLTK warns about every zero precision
        for _ in range(rounds):
            candidates, references = random_corpus(rng, int(rng.integers(1, 6)), shortest)
            for candidate, refs in zip(candidates, references):
                ours = bleu.bleu(candidate, refs)
                sentence_gap = max(sentence_gap, abs(ours - nltk_bleu.sentence_bleu(refs, candidate)))
                nonzero += ours > 0
            corpus_gap = max(corpus_gap, abs(bleu.corpus_bleu(candidates, references)
                                             - nltk_bleu.corpus_bleu(references, candidates)))
    return sentence_gap, corpus_gap, nonzero


def test_bleu_agrees_with_nltk_on_random_sentences_and_corpora():
    sentence_gap, corpus_gap, nonzero = gaps_from_nltk(shortest=4)
    assert sentence_gap < 1e-12 and corpus_gap < 1e-12
    assert nonzero > 500  # the comparison is not all zeros


def test_nltk_counts_one_n_gram_for_a_candidate_shorter_than_n():
    """NLTK's ``modified_precision`` divides by ``max(1, number of n-grams)``: a 2-token candidate
    adds 1 to the 3- and 4-gram totals of a corpus. Papineni's totals, and the course's, count
    the n-grams there are. Sentence scores are 0 either way."""
    sentence_gap, corpus_gap, _ = gaps_from_nltk(shortest=1, rounds=300)
    assert sentence_gap < 1e-12 and corpus_gap > 0.01
    candidates = ["the cat is on the mat".split(), "a mat".split()]
    references = [[REFERENCES[0]], [REFERENCES[1]]]
    assert bleu.corpus_bleu(candidates, references) == pytest.approx(
        np.exp(1 - 13 / 8) * (8 / 8 * 5 / 6 * 4 / 4 * 3 / 3) ** 0.25)


def test_the_corpus_score_is_not_the_mean_of_the_sentence_scores():
    candidates = ["the cat is on the mat".split(), "a mat".split()]
    references = [[REFERENCES[0]], [REFERENCES[1]]]
    assert bleu.corpus_bleu(candidates, references) != pytest.approx(
        np.mean([bleu.bleu(c, r) for c, r in zip(candidates, references)]))


# --- the model ---------------------------------------------------------------------------------

def test_attention_weights_sum_to_one_over_the_source_and_padding_is_attended_to_by_choice():
    torch.manual_seed(0)
    model = seq2seq.AttentionSeq2Seq(10, 7)
    x = torch.tensor([[3, 4, 5, 0, 0], [6, 7, 8, 9, 2]])
    a, state = model.encode(x)
    _, _, alphas = model.decode_step(a, torch.tensor([0, 0]), state)
    assert alphas.shape == (2, 5)
    assert torch.allclose(alphas.sum(dim=1), torch.ones(2))


def test_forward_with_teacher_forcing_equals_decoding_step_by_step():
    torch.manual_seed(0)
    model = seq2seq.AttentionSeq2Seq(10, 7).eval()
    x = torch.randint(1, 10, (1, 6))
    y = torch.tensor([[3, 4, 2, 1]])
    logits = model(x, seq2seq.teacher_forcing_inputs(y))
    step, state = seq2seq.decoder_step(model, x[0], torch.device("cpu"))
    log_probs = decoding.sequence_log_probs(step, state, seq2seq.START_ID, y[0].tolist())
    expected = torch.log_softmax(logits[0], dim=-1)[torch.arange(4), y[0]]
    assert np.abs(log_probs - expected.detach().numpy()).max() < 1e-5


def test_a_short_training_run_learns_many_of_the_dates():
    """A quarter of the data, three epochs (the notebook trains on all of it)."""
    data = dates_data.load_dates(n_train=3000, n_test=200)
    x, y = data.arrays("train")
    seed_everything(0)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.as_tensor(x), torch.as_tensor(y)),
                                         batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
    model = seq2seq.AttentionSeq2Seq(len(data.source_tokens), len(data.target_tokens))
    losses = train_classifier(model, loader, 3, 0.01, get_device(), step=seq2seq.seq2seq_step)
    assert losses[-1] < losses[0] / 3
    greedy = functools.partial(decoding.greedy_decode, start_id=seq2seq.START_ID, end_id=seq2seq.END_ID,
                               max_length=dates_data.TARGET_LENGTH)
    x_test, _ = data.arrays("test")
    predicted = [data.decode_target(t) for t in seq2seq.translate(model, x_test, get_device(), greedy)]
    assert seq2seq.exact_match(predicted, [iso for _, iso in data.test]) > 0.3


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_the_model_gives_the_same_logits_on_cuda():
    torch.manual_seed(0)
    model = seq2seq.AttentionSeq2Seq(44, 13)
    x, y_in = torch.randint(0, 44, (8, 30)), torch.randint(0, 13, (8, 11))
    on_cpu = model(x, y_in)
    on_cuda = model.to(torch.device("cuda"))(x.cuda(), y_in.cuda()).cpu()
    assert torch.allclose(on_cpu, on_cuda, atol=1e-4)


def test_every_sequence_exhaustive_search_considers_ends_once():
    step, state = random_table(1, V=3, T=3)
    total = 0.0
    for length in range(1, 4):
        for tokens in itertools.product(range(3), repeat=length):
            if 1 in tokens[:-1] or (length < 3 and tokens[-1] != 1):
                continue
            total += np.exp(decoding.sequence_log_probs(step, state, 0, tokens).sum())
    assert total == pytest.approx(1.0)
