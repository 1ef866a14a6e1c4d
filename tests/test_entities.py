"""Entities: people, organisations, places, facilities and nationalities, each
with one canonical name, on the seed and on sentences like it; user gazetteers."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import khabar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def by_canonical(a: khabar.Article) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in a.entities:
        out[e.label, e.canonical].add(e.text)
    return out


def test_seed_people_organisations_places(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    found = by_canonical(a)
    # Every ديلون is ريان ديلون.
    dillon = [e for e in a.entities if "ديلون" in e.text]
    assert len(dillon) == 5
    assert {e.canonical for e in dillon} == {"ريان ديلون"}
    assert all(e.label == "PER" for e in dillon)
    # قسد and سوريا الديمقراطية are one; داعش and الدولة الإسلامية are one.
    sdf = found["ORG", "قوات سوريا الديمقراطية"]
    assert any("قسد" in t for t in sdf) and any("سوريا الديمقراطية" in t for t in sdf)
    isis = found["ORG", "داعش"]
    assert any("الدولة الإسلامية" in t for t in isis) and "داعش" in isis
    assert "التنظيم" in isis  # the bare head refers back
    # Organisations by rule and by list; the misspelt agency is Sputnik.
    assert found["ORG", "وزارة الدفاع الروسية"]
    assert found["ORG", "سبوتنيك"] and found["ORG", "رويترز"]
    assert found["ORG", "التحالف الدولي"] >= {"التحالف الدولي", "التحالف"}
    # Places: clitics outside the span; بدير الزور is دير الزور.
    for place in ["البوكمال", "دير الزور", "سوريا", "العراق", "روسيا", "الرقة", "الأردن"]:
        assert found["LOC", place], place
    assert "البوكمال" in found["LOC", "البوكمال"]
    assert found["LOC", "القائم"]  # an ordinary word too, but in a list of places
    assert all(not t.startswith(("و", "ب")) for t in found["LOC", "البوكمال"])
    assert found["FAC", "مخيم الركبان"]
    assert any("العمر" in t for (label, _), ts in found.items() if label == "FAC" for t in ts)
    # Countries carry their ISO code, cities coordinates.
    syria = next(e for e in a.entities if e.canonical == "سوريا")
    assert syria.id == "SY"
    bukamal = next(e for e in a.entities if e.canonical == "البوكمال")
    assert bukamal.id is not None and bukamal.id.startswith("geo:")
    # Scare-quoted names are entities, not quotes.
    assert not any(q.text.strip() in {"داعش", "قسد"} for q in a.quotes)


def test_offsets_and_paragraphs(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    last = 0
    for e in a.entities:
        assert a.text[e.start : e.end] == e.text
        assert e.start >= last, "mentions are sorted and do not overlap"
        last = e.end
        if e.paragraph >= 0:
            p = a.paragraphs[e.paragraph]
            assert p.start <= e.start < p.end
        assert 0 <= e.sentence < len(a.sentences)


def test_quote_speakers_are_canonical_entities(seed_bytes: bytes) -> None:
    a = khabar.parse(seed_bytes)
    canon = {e.canonical for e in a.entities}
    speakers = {q.speaker for q in a.quotes if q.speaker}
    assert "ريان ديلون" in speakers
    assert speakers <= canon, speakers - canon


def test_person_after_title_and_later_surname() -> None:
    a = khabar.analyze(
        "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مستمرة. وأضاف لافروف أن الحل سياسي."
    )
    people = [(e.text, e.canonical) for e in a.entities if e.label == "PER"]
    assert people == [("سيرغي لافروف", "سيرغي لافروف"), ("لافروف", "سيرغي لافروف")]


def test_declared_alias() -> None:
    a = khabar.analyze("أعلنت هيئة الإغاثة الإنسانية (إهاد) أن فرق إهاد وصلت إلى المدينة.")
    orgs = [(e.text, e.canonical) for e in a.entities if e.label == "ORG"]
    assert ("إهاد", "هيئة الإغاثة الإنسانية") in orgs
    assert sum(1 for _, c in orgs if c == "هيئة الإغاثة الإنسانية") == 3


def test_user_gazetteer_rows_win() -> None:
    rows = [
        {"name": "ديلون", "label": "PER", "canonical": "Ryan Dillon", "id": "Q1"},
        ("سوريا", "LOC", "Syria", "SY"),
        ("شركة الفرات للنفط", "ORG"),
    ]
    p = khabar.Pipeline(gazetteer=rows)
    a = p.analyze("قال ديلون إن شركة الفرات للنفط عادت إلى سوريا.")
    got = {(e.text, e.label, e.canonical, e.id) for e in a.entities}
    assert ("ديلون", "PER", "Ryan Dillon", "Q1") in got
    assert ("سوريا", "LOC", "Syria", "SY") in got
    assert ("شركة الفرات للنفط", "ORG", "شركة الفرات للنفط", None) in got
    # The default pipeline is unchanged.
    assert khabar.analyze("إلى سوريا").entities[0].canonical == "سوريا"


@pytest.mark.parametrize("ext", ["csv", "tsv", "json", "jsonl"])
def test_user_gazetteer_files(tmp_path: Path, ext: str) -> None:
    rows = [
        {"name": "مخيم الزعتري", "label": "FAC", "canonical": "الزعتري", "id": "geo:32.29,36.32"}
    ]
    path = tmp_path / f"g.{ext}"
    if ext == "json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    elif ext == "jsonl":
        path.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
        )
    else:
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="," if ext == "csv" else "\t")
            w.writeheader()
            w.writerows(rows)
    a = khabar.Pipeline(gazetteer=path).analyze("وصل اللاجئون إلى مخيم الزعتري أمس.")
    assert [(e.canonical, e.id) for e in a.entities] == [("الزعتري", "geo:32.29,36.32")]


def test_bad_gazetteers(tmp_path: Path) -> None:
    with pytest.raises(khabar.InvalidOptionError, match="THING"):
        khabar.Pipeline(gazetteer=[("x", "THING")])
    with pytest.raises(khabar.InvalidOptionError, match="name and a label"):
        khabar.Pipeline(gazetteer=[{"name": "x"}])
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"name": "a", "label": "PER"}\n{oops\n', encoding="utf-8")
    with pytest.raises(khabar.KhabarError, match="line 2"):
        khabar.Pipeline(gazetteer=bad)
    header = tmp_path / "g.csv"
    header.write_text("naam,soort\nx,PER\n", encoding="utf-8")
    with pytest.raises(khabar.KhabarError, match="name"):
        khabar.Pipeline(gazetteer=header)
    with pytest.raises(khabar.KhabarError):
        khabar.Pipeline(gazetteer=tmp_path / "missing.csv")


WORDS = [
    "في",
    "سوريا",
    "قال",
    "الرئيس",
    "بشار",
    "الأسد",
    "وزارة",
    "الدفاع",
    "الروسية",
    "(",
    ")",
    '"',
    "داعش",
    "مدينة",
    "البوكمال",
    "والبوكمال",
    "بدير",
    "الزور",
    "،",
    ".",
    "ريان",
    "ديلون",
    "التنظيم",
    "للتحالف",
    "الدولي",
    "\u064e",
    "ـ",
    "«",
    "»",
    "x",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.text(max_size=20))
def test_spans_always_match_text(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    if not text.strip():
        return
    try:
        a = khabar.analyze(text)
    except khabar.KhabarError:
        return
    last = 0
    for e in a.entities:
        assert a.text[e.start : e.end] == e.text
        assert e.start >= last
        last = e.end
        assert e.label in {"PER", "ORG", "LOC", "FAC", "NORP", "MISC"}
        assert e.canonical
