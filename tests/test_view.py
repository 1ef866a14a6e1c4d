"""The notebook view (`Article._repr_html_`), `Article.to_displacy` and the
tables of `khabar.to_pandas` / `khabar.to_arrow`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import khabar
import pytest
from conftest import SEED, need
from khabar._frames import COLUMNS, SCHEMA

TEXT = (
    "التحالف يستعد لشن هجوم على البوكمال\n\n"
    'وأوضح المتحدث باسم التحالف ريان ديلون في تصريح لوكالة (رويترز) ان "داعش يعزز '
    'دفاعاته منذ يوم السبت في البوكمال" على بعد 7 كيلومترات.\n\n'
    "وسيطرت قوات سوريا الديمقراطية منتصف الشهر الجاري على الرقة & <المدينة>.\n\n"
    "سيريانيوز\n\n28.10.2017 11:58"
)

NAMES = [
    ("التحالف", "ORG", "التحالف الدولي", None),
    ("البوكمال", "LOC", "البوكمال", "34.45,40.92"),
    ("ريان ديلون", "PER", "ريان ديلون", None),
    ("رويترز", "ORG", "رويترز", None),
    ("داعش", "ORG", "تنظيم الدولة الإسلامية", None),
    ("قوات سوريا الديمقراطية", "ORG", "قوات سوريا الديمقراطية", None),
    ("الرقة", "LOC", "الرقة", "SY-RA"),
    ("<المدينة>", "FAC", "<مدينة> & co", None),
]


def with_entities(a: khabar.Article) -> khabar.Article:
    """`a` with every occurrence of NAMES as an entity, through the JSON round
    trip (the way a user or a later stage adds mentions)."""
    d = a.to_dict()
    ents = []
    for name, label, canonical, ident in NAMES:
        for m in re.finditer(re.escape(name), d["text"]):
            para = next(
                (i for i, p in enumerate(d["paragraphs"]) if p["start"] <= m.start() < p["end"]),
                -1,
            )
            ents.append(
                {
                    "text": name,
                    "start": m.start(),
                    "end": m.end(),
                    "label": label,
                    "id": ident,
                    "canonical": canonical,
                    "paragraph": para,
                    "sentence": 0,
                }
            )
    d["entities"] = sorted(ents, key=lambda e: e["start"])
    return khabar.Article.from_json(json.dumps(d, ensure_ascii=False))


@pytest.fixture
def article() -> khabar.Article:
    return with_entities(khabar.parse(TEXT))


class Tree(HTMLParser):
    """Checks that tags nest and close in order and records, for every element
    with `data-m`, its attributes and the text inside it."""

    VOID = {"br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, attrs, parts = self.stack.pop()
        assert open_tag == tag, f"<{open_tag}> closed by </{tag}>"
        self.elements.append((tag, attrs, "".join(parts)))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self.stack:
            parts.append(data)
        self.text.append(data)


def parse_html(html: str) -> Tree:
    t = Tree()
    t.feed(html)
    t.close()
    assert not t.stack, f"unclosed: {[s[0] for s in t.stack]}"
    return t


def mention(a: khabar.Article, m: str) -> Any:
    kinds = {"e": a.entities, "q": a.quotes, "t": a.times, "n": a.quantities}
    return kinds[m[0]][int(m[1:])]


def check_marks(a: khabar.Article, tree: Tree) -> int:
    """Every whole mark holds exactly its mention's text; pieces of a split one
    hold consecutive parts of it. Returns the number of marks."""
    pieces: dict[str, str] = {}
    n = 0
    for _, attrs, text in tree.elements:
        m = attrs.get("data-m")
        if m is None:
            continue
        n += 1
        if attrs.get("data-part") is None:
            assert text == mention(a, m).text, m
        else:
            pieces[m] = pieces.get(m, "") + text
    for m, text in pieces.items():
        assert text and text in mention(a, m).text.replace("\n\n", ""), m
    return n


def test_view_structure(article: khabar.Article) -> None:
    a = article
    assert a.quotes and a.times and a.quantities, "the extractors ran"
    html = a._repr_html_()
    tree = parse_html(html)
    root = next(attrs for tag, attrs, _ in tree.elements if attrs.get("class") == "khabar-article")
    assert root["dir"] == "rtl" and root["lang"] == "ar"
    assert "Noto Naskh Arabic" in (root["style"] or "")
    # Every mention is marked once, whole (nothing crosses here).
    marks = check_marks(a, tree)
    assert marks == len(a.entities) + len(a.quotes) + len(a.times) + len(a.quantities)
    assert 'data-part="1"' not in html
    # The quote holds entities and the time: nested, not interleaved.
    quote = next(e for e in tree.elements if e[1].get("class") == "khabar-quote")
    assert "داعش" in quote[2] and "يوم السبت" in quote[2]
    # Tooltips: canonical and id, speaker and via, resolved time value.
    labels = {e.text: e for e in a.entities}
    tips = {attrs["data-m"]: attrs["title"] for _, attrs, _ in tree.elements if "data-m" in attrs}
    i = a.entities.index(labels["البوكمال"])
    assert tips[f"e{i}"] == "LOC — البوكمال\nid: 34.45,40.92"
    q = next(m for m, t in tips.items() if m[0] == "q" and "via: رويترز" in (t or ""))
    assert "speaker: ريان ديلون" in (tips[q] or "")
    assert any("2017-10-28" in (t or "") for m, t in tips.items() if m[0] == "t")
    # The legend names the five labels with their counts; the title is marked.
    legend = {
        attrs["data-label"]: text
        for _, attrs, text in tree.elements
        if attrs.get("class") == "khabar-legend-item" and attrs.get("data-label")
    }
    assert list(legend) == ["PER", "ORG", "LOC", "FAC", "NORP"]
    assert legend["ORG"].endswith(f" {sum(e.label == 'ORG' for e in a.entities)}")
    title = next(e for e in tree.elements if e[1].get("class") == "khabar-title")
    assert title[2] == a.title
    # Paragraphs show their text unchanged, in order.
    paras = [t for _, attrs, t in tree.elements if attrs.get("class") == "khabar-paragraph"]
    assert paras == [p.text for p in a.paragraphs]


def test_view_escapes_text_and_attributes(article: khabar.Article) -> None:
    html = article._repr_html_()
    assert "<المدينة>" not in html and "&lt;المدينة&gt;" in html
    assert "الرقة</span> &amp; <span" in html
    assert "FAC — &lt;مدينة&gt; &amp; co" in html
    tree = parse_html(html)
    fac = next(
        t for _, attrs, t in tree.elements if attrs.get("data-label") == "FAC" and "data-m" in attrs
    )
    assert fac == "<المدينة>"


def test_view_survives_bad_and_crossing_spans(article: khabar.Article) -> None:
    d = article.to_dict()
    text = d["text"]
    q = d["quotes"][0]
    # An entity from inside the quote to past its end: split into two pieces.
    start = q["end"] - 3
    d["entities"].append(
        {"text": text[start : q["end"] + 4], "start": start, "end": q["end"] + 4, "label": "LOC"}
        | {"id": None, "canonical": "x", "paragraph": 1, "sentence": 0}
    )
    a = khabar.Article.from_json(json.dumps(d, ensure_ascii=False))
    tree = parse_html(a._repr_html_())
    parts = [attrs for _, attrs, _ in tree.elements if attrs.get("data-part")]
    assert {p["data-m"] for p in parts} == {f"e{len(a.entities) - 1}"} and len(parts) == 2
    check_marks(a, tree)


def test_view_of_the_seed_with_its_own_mentions() -> None:
    a = with_entities(khabar.parse(need(SEED).read_bytes()))
    tree = parse_html(a._repr_html_())
    n = check_marks(a, tree)
    assert n >= len(a.entities) + len(a.quotes) + len(a.times) + len(a.quantities)
    text = "".join(tree.text)
    for p in a.paragraphs:
        assert p.text in text


def test_to_displacy_offsets_are_code_points(article: khabar.Article) -> None:
    a = article
    d = a.to_displacy()
    assert d["text"] == a.text and d["title"] == a.title
    assert d["settings"] == {"lang": "ar", "direction": "rtl"}
    ents = d["ents"]
    assert len(ents) == len(a.entities)
    for e, ent in zip(ents, a.entities):
        assert a.text[e["start"] : e["end"]] == ent.text and e["label"] == ent.label
    assert all(x["end"] <= y["start"] for x, y in zip(ents, ents[1:]))
    quotes = a.to_displacy("quotes")["ents"]
    assert [a.text[q["start"] : q["end"]] for q in quotes] == [q.text for q in a.quotes]
    assert {q["label"] for q in quotes} <= {"QUOTE", "REPORTED"}
    times = a.to_displacy("times")["ents"]
    assert [a.text[t["start"] : t["end"]] for t in times] == [t.text for t in a.times]
    qty = a.to_displacy(what="quantities")["ents"]
    assert [a.text[t["start"] : t["end"]] for t in qty] == [t.text for t in a.quantities]
    with pytest.raises(khabar.InvalidOptionError, match="entities, quotes, times, quantities"):
        a.to_displacy("people")  # type: ignore[arg-type]


TABLES = ["articles", "paragraphs", "entities", "quotes", "times", "quantities"]


@pytest.mark.parametrize("what", TABLES)
def test_to_pandas_columns_and_dtypes_are_stable(article: khabar.Article, what: str) -> None:
    pytest.importorskip("pandas")
    full = khabar.to_pandas([article, article], what=what)
    empty = khabar.to_pandas([], what=what)
    assert list(full.columns) == list(empty.columns) == COLUMNS[what]
    assert list(full.dtypes) == list(empty.dtypes), what
    assert len(empty) == 0
    n = {"articles": 1, "paragraphs": len(article.paragraphs)}.get(what)
    items = n if n is not None else len(getattr(article, what))
    assert len(full) == 2 * items > 0
    for c, kind in SCHEMA[what].items():
        dtype = str(full[c].dtype)
        expected = {"int": "int64", "bool": "bool", "float": "float64"}.get(kind)
        if expected:
            assert dtype == expected, (what, c, dtype)
    if what not in ("articles",):
        for row in full.itertuples():
            assert article.text[row.start : row.end] == row.text


def test_mention_tables_hold_the_fields(article: khabar.Article) -> None:
    pytest.importorskip("pandas")
    ents = khabar.to_pandas(article, what="entities")
    row = ents[ents["text"] == "الرقة"].iloc[0]
    assert (row["label"], row["canonical"], row["id"], row["paragraph"]) == (
        "LOC",
        "الرقة",
        "SY-RA",
        1,
    )
    quotes = khabar.to_pandas(article, what="quotes")
    assert {"speaker", "via", "verb", "direct"} <= set(quotes.columns)
    assert "رويترز" in set(quotes["via"].dropna())
    times = khabar.to_pandas(article, what="times")
    assert "2017-10-28" in set(times["value"]) and {"kind", "modifier"} <= set(times.columns)
    qty = khabar.to_pandas(article, what="quantities")
    seven = qty[qty["text"] == "7 كيلومترات"].iloc[0]
    assert (seven["value"], seven["unit"]) == (7.0, "km")


def test_bad_table_names_the_allowed_ones(article: khabar.Article) -> None:
    with pytest.raises(khabar.InvalidOptionError, match="articles, paragraphs, entities, quotes"):
        khabar.to_pandas([article], what="mentions")


@pytest.mark.parametrize("what", TABLES)
def test_to_arrow_schema_is_stable(article: khabar.Article, what: str) -> None:
    pytest.importorskip("pyarrow")
    full = khabar.to_arrow([article], what=what)
    empty = khabar.to_arrow([], what=what)
    assert full.schema == empty.schema and full.column_names == COLUMNS[what]
    assert empty.num_rows == 0 and full.num_rows > 0
    if what == "articles":
        assert full.column("published").to_pylist() == ["2017-10-28T11:58:00"]


def test_any_entity_spans_give_balanced_html() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    base = khabar.parse(TEXT).to_dict()
    n = len(base["text"])

    @hypothesis.given(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=25))
    @hypothesis.settings(max_examples=60, deadline=None)
    def run(spans: list[tuple[int, int]]) -> None:
        d = dict(base)
        d["entities"] = [
            {"text": base["text"][s:e], "start": s, "end": e, "label": "LOC"}
            | {"id": None, "canonical": "x", "paragraph": 0, "sentence": 0}
            for s, e in spans
            if s <= e
        ]
        a = khabar.Article.from_json(json.dumps(d, ensure_ascii=False))
        tree = parse_html(a._repr_html_())
        check_marks(a, tree)
        paras = [t for _, attrs, t in tree.elements if attrs.get("class") == "khabar-paragraph"]
        assert paras == [p.text for p in a.paragraphs]

    run()
