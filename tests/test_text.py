"""The text layer from Python: normalisation, tokens with clitics, sentences."""

from __future__ import annotations

import time
from typing import Callable

import khabar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def test_normalize_options() -> None:
    assert khabar.normalize("أَعلنَ") == khabar.normalize("اعلن")
    assert khabar.normalize("العربيـــة") == "العربية"
    assert khabar.normalize("٢٨/١٠/٢٠١٧", digits=True) == "28/10/2017"
    kept = khabar.normalize("أعلن", alef=False)
    assert kept.startswith("أ")
    with pytest.raises(khabar.InvalidOptionError):
        khabar.normalize("x", colour=True)


def test_tokens_split_clitics_with_offsets() -> None:
    text = "والبوكمال بدير الزور لوكالة وزارة"
    tokens = khabar.tokenize(text)
    for t in tokens:
        assert text[t.start : t.end] == t.text
    first = tokens[0]
    assert (first.prefixes, first.stem) == (["و", "ال"], "بوكمال")
    assert tokens[1].prefixes == ["ب"] and tokens[1].stem == "دير"
    assert tokens[3].prefixes == ["ل"] and tokens[3].stem == "وكالة"
    assert tokens[4].prefixes == [] and tokens[4].stem == "وزارة"


def test_sentences_keep_decimals_and_dates() -> None:
    text = "ارتفع المؤشر 3.5 نقطة يوم 28.10.2017. وقال المتحدث إن الوضع مستقر!"
    spans = khabar.sentences(text)
    assert len(spans) == 2
    for s in spans:
        assert text[s.start : s.end] == s.text
    assert spans[0].text.endswith("28.10.2017.")


def test_article_mentions_carry_sentence_indices(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    assert a.sentences
    for group in (a.quotes, a.times, a.quantities):
        for m in group:
            s = a.sentences[m.sentence]
            assert s.start <= m.start and m.end <= s.end
    mid = next(t for t in a.times if t.text == "منتصف الشهر الجاري")
    assert (mid.value, mid.modifier) == ("2017-10", "MID")
    sunday = next(t for t in a.times if "الاحد الماضي" in t.text)
    assert sunday.value == "2017-10-22"
    km = [q for q in a.quantities if q.unit == "km"]
    assert sorted(q.value for q in km) == [3.0, 7.0]


ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)
NOISE = st.sampled_from(
    [" ", "\n", "\u00a0", "\u200f", ".", "،", ",", "?", '"', "«", "»", "3.5", "٢٨", "#", "@x"]
)
TEXT = st.lists(
    st.one_of(
        st.text(ARABIC, min_size=1, max_size=10),
        st.text(PRESENTATION, max_size=2),
        NOISE,
        st.text(max_size=4),
    ),
    max_size=40,
).map("".join)

SENTENCE = (
    "أعلن التحالف الدولي، بقيادة الولايات المتحدة، يوم السبت 28.10.2017 انه يستعد لشن هجوم "
    "على مدينة البوكمال بدير الزور. وقال المتحدث ريان ديلون لوكالة «رويترز» إن 3.5% فقط تغيّر!\n"
)


def test_tokens_behave_like_a_list_of_token() -> None:
    text = "والبوكمال بدير الزور، لوكالة (رويترز) 3.5% وزارة"
    tokens = khabar.tokenize(text)
    as_list = list(tokens)
    assert isinstance(tokens, khabar.Tokens)
    assert len(tokens) == len(as_list) == 10
    assert all(isinstance(t, khabar.Token) for t in tokens)
    assert tokens[-1] == as_list[-1] and tokens[-1].text == "وزارة"
    assert tokens[-len(tokens)] == tokens[0]
    for bad in (len(tokens), -len(tokens) - 1, 10**30):
        with pytest.raises(IndexError):
            tokens[bad]
    with pytest.raises(TypeError):
        tokens["0"]  # type: ignore[call-overload]
    for sl in (slice(1, 4), slice(None, None, -1), slice(-3, None), slice(1, 8, 3), slice(5, 2)):
        view = tokens[sl]
        assert isinstance(view, khabar.Tokens)
        assert list(view) == as_list[sl]
        assert view == as_list[sl]
        assert view.texts == [t.text for t in as_list[sl]]
    assert tokens[::-1][::2] == as_list[::-1][::2]
    # Equality: by value, with another Tokens or a list of Token.
    assert tokens == khabar.tokenize(text) and tokens == as_list
    assert tokens != khabar.tokenize(text + " x") and tokens != as_list[:-1]
    assert tokens[0] != tokens[1] and tokens[0] == khabar.tokenize(text)[0]
    assert hash(tokens[0]) == hash(khabar.tokenize(text)[0])
    assert (tokens == 42) is False
    # Columns agree with the objects.
    assert tokens.texts == [t.text for t in tokens]
    assert tokens.starts == [t.start for t in tokens]
    assert tokens.ends == [t.end for t in tokens]
    assert tokens.kinds == [t.kind for t in tokens]
    assert tokens.stems == [t.stem for t in tokens]
    assert tokens.kinds[:4] == ["word", "word", "word", "punct"]
    assert repr(tokens).startswith('Tokens([Token("والبوكمال", kind="word"')
    assert repr(tokens[6]) == 'Token("رويترز", kind="word", parts=["رويترز"], start=30, end=36)'
    # A Token outlives its Tokens.
    first = tokens[0]
    del tokens, as_list
    assert (first.prefixes, first.stem, first.suffix) == (["و", "ال"], "بوكمال", None)
    with pytest.raises(AttributeError):
        first.text = "x"  # type: ignore[misc]


def test_tokens_to_arrow() -> None:
    pa = pytest.importorskip("pyarrow")
    table = khabar.tokenize("قال ديلون: نعم").to_arrow()
    assert isinstance(table, pa.Table)
    assert table.column_names == ["text", "start", "end", "kind", "stem"]
    assert table.column("text").to_pylist() == ["قال", "ديلون", ":", "نعم"]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_token_offsets_slice_the_text(text: str) -> None:
    tokens = khabar.tokenize(text)
    prev_end = 0
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert "".join(t.prefixes) + t.stem + (t.suffix or "") == t.text
        assert prev_end <= t.start < t.end
        prev_end = t.end
    assert tokens.starts == [t.start for t in tokens]
    for s in khabar.sentences(text):
        assert text[s.start : s.end] == s.text


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalize_is_idempotent_and_matches_the_options(text: str) -> None:
    once = khabar.normalize(text)
    assert khabar.normalize(once) == once
    off = dict.fromkeys(
        ["diacritics", "tatweel", "alef", "persian", "digits", "quotes"]
        + ["presentation_forms", "ligatures", "controls", "spaces"],
        False,
    )
    assert khabar.normalize(text, punctuation="keep", **off) == text


def test_normalize_returns_unchanged_text_as_is() -> None:
    text = "hello world " * 10
    assert khabar.normalize(text) is text


def test_bad_input_gives_a_clear_error_or_a_defined_result() -> None:
    for fn in (khabar.normalize, khabar.tokenize, khabar.sentences):
        with pytest.raises(khabar.DecodeError, match="surrogate"):
            fn("\ud800")
        with pytest.raises(khabar.DecodeError, match="surrogate"):
            fn("قال \udfff نعم")
        with pytest.raises(TypeError):
            fn(b"bytes")  # type: ignore[arg-type]
    assert khabar.normalize("") == ""
    assert len(khabar.tokenize("")) == 0 and khabar.tokenize("") == []
    assert khabar.sentences("") == []
    # A lone combining mark: removed by normalisation, a symbol token, a sentence.
    assert khabar.normalize("\u064e") == ""
    assert khabar.normalize("\u064e", diacritics=False) == "\u064e"
    assert [(t.text, t.kind) for t in khabar.tokenize("\u064e")] == [("\u064e", "symbol")]
    assert [s.text for s in khabar.sentences("\u064e")] == ["\u064e"]
    # Characters beyond the BMP pass through with correct code-point offsets.
    text = "😀 قال 𝐀𝐁 نعم"
    assert khabar.normalize(text) == text
    for t in khabar.tokenize(text):
        assert text[t.start : t.end] == t.text


def test_large_inputs_run_in_linear_time() -> None:
    """10× the text takes about 10× the CPU time; a quadratic step would take
    100×. The bound (30×) leaves room for the allocator: buffers of a 50 MB input
    are fresh memory-mapped pages each time, while a 5 MB run reuses the heap."""
    small = SENTENCE * (5_000_000 // len(SENTENCE.encode()))
    large = small * 10
    marks = "\u064e" * 500_000

    def cpu(fn: Callable[[str], object], text: str) -> float:
        t0 = time.process_time()
        fn(text)
        return time.process_time() - t0

    def ratio(fn: Callable[[str], object], a: str, b: str) -> float:
        return min(cpu(fn, b), cpu(fn, b)) / max(min(cpu(fn, a), cpu(fn, a)), 0.002)

    for fn in (khabar.normalize, khabar.tokenize, khabar.sentences):
        assert ratio(fn, small, large) < 30, fn.__name__
        assert ratio(fn, marks, marks * 10) < 30, fn.__name__
