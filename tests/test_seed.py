"""The reference article: every quirk of the SyriaNews seed is a requirement."""

from __future__ import annotations

import datetime

import khabar


def test_seed_structure(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    assert a.title == 'بعد تعزيز "داعش" دفاعاته..التحالف يستعد لشن هجوم على البوكمال بدير الزور'
    assert a.lede is not None and a.lede.startswith("أعلن التحالف الدولي انه يستعد لشن هجوم")
    assert a.paragraphs[0].kind == "lede" and a.paragraphs[0].text == a.lede
    body = a.paragraphs[1:]
    assert len(body) == 21
    assert all(p.kind == "body" for p in body)
    # The first body paragraph repeats the lede with a phrase added: flagged,
    # and no other paragraph is.
    assert [p.repeats_lede for p in a.paragraphs] == [False, True] + [False] * 20
    assert a.source == "سيريانيوز"
    assert a.published == datetime.datetime(2017, 10, 28, 11, 58)
    assert a.published.tzinfo is None
    assert a.language == "ar"
    assert body[-1].text.endswith("وفق ما أعلنه البنتاغون مرارا.")


def test_seed_text_is_clean(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    assert "\u00a0" not in a.text and "  " not in a.text
    assert "سيريانيوز" not in a.text.split("\n\n")[-1]
    for p in a.paragraphs:
        assert p.text.strip() == p.text and p.text
        assert a.text[p.start : p.end] == p.text
    assert a.text.startswith(a.title + "\n\n" + a.lede + "\n\n")
    assert a.body == a.text[body_start(a) :]
    # Doubled and no-break spaces collapse: "هجوم  على" in the source.
    assert "لشن هجوم على مدينة البوكمال بمحافظة دير الزور, بعد تعزيز" in a.paragraphs[1].text


def body_start(a: khabar.Article) -> int:
    return a.paragraphs[1].start


def test_seed_as_text_format_and_str(seed_bytes: bytes) -> None:
    as_bytes = khabar.parse(seed_bytes, format="text")
    as_str = khabar.parse(seed_bytes.decode("utf-8"))
    assert as_bytes == as_str
    assert as_str.id == as_bytes.id and len(as_str.id) == 16


def test_seed_quotes(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    for q in a.quotes:
        assert a.text[q.start : q.end] == q.text
        assert q.text not in ("داعش", "قسد")
    by_start = {q.text[:20]: q for q in a.quotes}
    sputnik = next(q for q in a.quotes if q.text.startswith("ان التحالف يواصل"))
    assert (sputnik.speaker, sputnik.via, sputnik.direct) == ("ريان ديلون", "سبوتنيك", False)
    reuters = next(q for q in a.quotes if q.via == "رويترز")
    assert reuters.speaker == "ريان ديلون" and "يعزز دفاعاته في القائم والبوكمال" in reuters.text
    accusation = next(q for q in a.quotes if q.text.startswith("دمر الرقة"))
    assert accusation.speaker == "وزارة الدفاع الروسية"
    # The spokesman's statements, including those with no subject (`وبين ان`,
    # `وأكد على أن`) and the one chained with `مبينا`.
    for start in [
        "عدة قذائف هاون",
        "قيادة التنظيم انتقلت",
        "الأولوية الآن",
        "خاطئة ولا أساس",
        "الجميع هناك",
        "1% من قذائفنا",
        "ستتم مناقشته",
        "هذه مسألة سياسية",
    ]:
        q = next(q for q in a.quotes if q.text.startswith(start))
        assert (q.speaker, q.direct) == ("ريان ديلون", True), (start, by_start)
    df = khabar.to_pandas([a], what="quotes")
    assert len(df) == len(a.quotes) and set(df["speaker"]) >= {"ريان ديلون", "التحالف الدولي"}
