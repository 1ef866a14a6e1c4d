"""Invariants, on generated text and on real corpus articles: every offset slices
``article.text`` to the mention's text, and nothing panics."""

from __future__ import annotations

import gzip
import itertools

import khabar
from conftest import ANT, SAUDI, need
from hypothesis import given, settings
from hypothesis import strategies as st

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
NOISE = st.sampled_from(
    ["\n", "\n\n", " ", "\u00a0", "\u200f", "\t", ".", "،", '"', "«", "»", "\r\n", "\ufeff"]
)
TEXT = st.lists(
    st.one_of(st.text(ARABIC, min_size=1, max_size=12), NOISE, st.text(max_size=4)), max_size=60
).map("".join)


def check_offsets(a: khabar.Article) -> None:
    for p in a.paragraphs:
        assert a.text[p.start : p.end] == p.text
        assert p.text and p.text == p.text.strip()
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text
    for group in (a.entities, a.quotes, a.times, a.quantities):
        for m in group:
            assert a.text[m.start : m.end] == m.text
    if a.title is not None:
        assert a.text.startswith(a.title)
    assert khabar.Article.from_json(a.to_json()) == a


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_random_text_parses_or_fails_cleanly(text: str) -> None:
    for fn in (khabar.parse, lambda t: khabar.analyze(t)):
        try:
            a = fn(text)
        except khabar.KhabarError:
            continue
        check_offsets(a)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        check_offsets(khabar.parse(data))
    except khabar.KhabarError:
        pass


def test_offsets_on_a_corpus_sample() -> None:
    files = sorted(need(ANT).glob("*.sgml.gz"))
    sample = list(itertools.islice(khabar.read(files[::5]), 1500))
    assert len(sample) == 1500
    for a in sample:
        check_offsets(a)


def test_offsets_on_saudinewsnet_sample() -> None:
    f = sorted(need(SAUDI).glob("*.json.gz"))[0]
    with gzip.open(f) as fh:
        assert fh.read(1) == b"["
    for a in itertools.islice(khabar.read(f, errors="skip"), 800):
        check_offsets(a)
