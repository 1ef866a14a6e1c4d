"""The text layer from Python: normalisation, tokens with clitics, sentences."""

from __future__ import annotations

import khabar
import pytest


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
