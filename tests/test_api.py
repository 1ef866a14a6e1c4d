"""The Python surface: batches, streaming, serialisation, tables, errors, the CLI."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

import khabar
import pytest

ARTICLE = "عنوان الخبر\n\nأعلن التحالف الدولي انه يستعد لشن هجوم.\n\nوأوضح المتحدث أن العمليات مستمرة.\n\nسيريانيوز"


def test_parse_many_keeps_order_and_names_the_failing_item() -> None:
    items = [f"عنوان {i}\n\nفقرة أولى {i}.\n\nفقرة ثانية {i}." for i in range(300)]
    out = khabar.parse_many(items, workers=2)
    assert [a.title for a in out] == [f"عنوان {i}" for i in range(300)]
    bad = [*items[:3], "  \u00a0 ", items[4], b"%PDF-1.4 junk"]
    with pytest.raises(khabar.EmptyInputError, match="item 3"):
        khabar.parse_many(bad)
    assert [a.title for a in khabar.parse_many(bad, errors="skip")] == [
        "عنوان 0",
        "عنوان 1",
        "عنوان 2",
        "عنوان 4",
    ]
    kept = khabar.parse_many(bad, errors="keep")
    assert len(kept) == 6
    assert kept[3].error is not None and "empty" in kept[3].error
    assert kept[5].error is not None and "PDF" in kept[5].error
    assert kept[4].error is None
    with pytest.raises(khabar.InvalidOptionError):
        khabar.parse_many(items, errors="ignore")  # type: ignore[arg-type]


def test_pipeline_object() -> None:
    p = khabar.Pipeline(format="json", fields={"published": "crawled"})
    assert p.format == "json"
    a = p.parse(json.dumps({"title": "t", "text": "نص.", "crawled": "2015-08-01 10:00:00"}))
    assert a.published == datetime.datetime(2015, 8, 1, 10)
    with pytest.raises(khabar.InvalidOptionError, match="unknown format"):
        khabar.Pipeline(format="docx")  # type: ignore[arg-type]


def test_overrides_win() -> None:
    a = khabar.parse(
        ARTICLE, url="https://x.org/1", source="Outlet", published="2020-01-02T03:04:05+02:00"
    )
    assert (a.url, a.source) == ("https://x.org/1", "Outlet")
    assert a.published == datetime.datetime(
        2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    b = khabar.parse(ARTICLE, published=datetime.datetime(2020, 1, 2))
    assert b.published == datetime.datetime(2020, 1, 2)


def test_json_dict_pickle_round_trips() -> None:
    a = khabar.parse(ARTICLE)
    assert khabar.Article.from_json(a.to_json()) == a
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.deepcopy(a) == a
    d = a.to_dict()
    assert d["title"] == a.title and d["paragraphs"][1]["text"] == a.paragraphs[1].text
    assert json.loads(a.to_json(indent=2)) == d
    with pytest.raises(khabar.ParseError, match="paragraphs"):
        khabar.Article.from_json(json.dumps(d | {"text": "xyz"}))


def test_repr_and_notebook_view() -> None:
    a = khabar.parse(ARTICLE)
    r = repr(a)
    assert r.startswith("Article(") and "paragraphs=2" in r and "سيريانيوز" in r
    html = a._repr_html_()
    assert 'dir="rtl"' in html and "عنوان الخبر" in html
    assert "Paragraph(" in repr(a.paragraphs[0])


def test_to_pandas_and_arrow() -> None:
    pd = pytest.importorskip("pandas")
    arts = khabar.parse_many([ARTICLE, ARTICLE.replace("عنوان", "خبر")])
    df = khabar.to_pandas(arts)
    assert list(df["title"]) == ["عنوان الخبر", "خبر الخبر"]
    assert isinstance(df, pd.DataFrame)
    paras = khabar.to_pandas(arts, what="paragraphs")
    assert len(paras) == 4 and set(paras["kind"]) == {"lede", "body"}
    for row in paras.itertuples():
        art = arts[0] if row.article_id == arts[0].id else arts[1]
        assert art.text[row.start : row.end] == row.text
    ents = khabar.to_pandas(arts, what="entities")
    assert list(ents.columns)[:6] == ["article_id", "paragraph", "sentence", "start", "end", "text"]
    with pytest.raises(khabar.InvalidOptionError):
        khabar.to_pandas(arts, what="words")
    pa = pytest.importorskip("pyarrow")
    table = khabar.to_arrow(arts, what="paragraphs")
    assert isinstance(table, pa.Table) and table.num_rows == 4


def test_exceptions_derive_from_builtins() -> None:
    assert issubclass(khabar.ParseError, ValueError)
    assert issubclass(khabar.DecodeError, khabar.KhabarError)
    assert issubclass(khabar.ReadError, OSError)
    with pytest.raises(khabar.EmptyInputError):
        khabar.parse("")
    with pytest.raises(ValueError):
        khabar.parse(" \n\u200f\u00a0\n ")
    with pytest.raises(khabar.DecodeError, match="binary|not UTF-8"):
        khabar.parse(bytes(range(256)) * 4)
    with pytest.raises(khabar.DecodeError, match="surrogate"):
        khabar.parse("\ud800")
    with pytest.raises(khabar.DecodeError, match="PNG"):
        khabar.parse(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(TypeError, match="str or bytes"):
        khabar.parse(42)  # type: ignore[arg-type]
    with pytest.raises(khabar.InputNotFoundError):
        khabar.read("/nonexistent/khabar/*.sgml")
    with pytest.raises(FileNotFoundError):
        khabar.read("/nonexistent/file.txt")


def test_nul_bytes_in_text_are_cleaned_not_fatal() -> None:
    a = khabar.parse("عنوان\0 الخبر\n\nفقرة\0 أولى طويلة بما يكفي.\n\nفقرة ثانية.")
    assert a.title == "عنوان الخبر" and "\0" not in a.text


def test_a_50_mb_paragraph_is_linear() -> None:
    unit = "أعلن التحالف الدولي يوم الاحد انه يستعد لشن هجوم على 3 مدن قرب البوكمال "
    para = unit * (50_000_000 // len(unit.encode()) + 1)
    assert len(para.encode()) > 50_000_000
    # CPU time, not wall time: the bound is about the algorithm, and a busy
    # machine must not fail it.
    start = time.process_time()
    a = khabar.parse("عنوان\n\n" + para + "\n\nفقرة ثانية.")
    assert time.process_time() - start < 30
    assert len(a.paragraphs) == 2 and a.paragraphs[0].end - a.paragraphs[0].start == len(
        para.strip()
    )
    # Extraction ran on all of it (it used to be skipped above 4 MiB).
    n = para.count(unit)
    assert len(a.times) == n and len(a.quantities) == n
    assert len(a.quotes) == n and not a.quotes[-1].direct
    assert a.times[-1].text == "يوم الاحد"


def test_read_streams_folders_globs_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for i in range(3):
        (tmp_path / "sub" / f"{i}.txt").write_text(f"عنوان {i}\n\nفقرة {i}.\n\nفقرة أخرى.")
    (tmp_path / "sub" / "3.txt.gz").write_bytes(
        __import__("gzip").compress("عنوان 3\n\nفقرة.\n\nأخرى.".encode())
    )
    (tmp_path / "ignored.csv").write_text("a,b")
    titles = [a.title for a in khabar.read(tmp_path)]
    assert titles == ["عنوان 0", "عنوان 1", "عنوان 2", "عنوان 3"]
    assert len(list(khabar.read(str(tmp_path / "sub" / "*.txt")))) == 3
    assert len(list(khabar.Pipeline().read([tmp_path / "sub" / "0.txt"]))) == 1
    it = khabar.read(tmp_path)
    assert iter(it) is it


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    code = "import sys, khabar._cli as c; sys.argv = ['khabar', *sys.argv[1:]]; c.main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], input=stdin, capture_output=True, timeout=120
    )


def test_cli_demo_and_parse(tmp_path: Path) -> None:
    demo = run_cli("demo")
    assert demo.returncode == 0, demo.stderr
    out = demo.stdout.decode()
    assert "title" in out and "سيريانيوز" in out and "repeats the lede" in out
    # What it says, too: entities with ids, quotes, resolved times, quantities.
    assert "سد الفرات geo:" in out and "الرقة geo:" in out
    assert "وزير الموارد المائية" in out and "quotes:" in out
    assert "يوم الاحد الماضي → 2023-06-11" in out
    assert "3 مليارات ليرة → 3000000000 lira" in out
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    g = tmp_path / "b.jsonl"
    g.write_text('{"title": "t", "content": "x"}\nnot json\n')
    res = run_cli("parse", str(f), str(g), "-o", str(tmp_path / "out.jsonl"))
    assert res.returncode == 1
    assert b"line 2" in res.stderr
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["عنوان الخبر", "t"]
    piped = run_cli("parse", "-", stdin=ARTICLE.encode())
    assert piped.returncode == 0 and json.loads(piped.stdout)["source"] == "سيريانيوز"
    assert run_cli("parse", "--format", "docx", str(f)).returncode == 2
