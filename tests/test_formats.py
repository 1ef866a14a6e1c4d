"""Record formats on fixtures written for this project: SGML, JSON, JSON Lines,
HTML, plain text, gzip, legacy encodings, and the fields each maps."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

import khabar
import pytest

SGML = """<DOC>
<DOCNO>T-1</DOCNO>
<URL>https://arabic.cnn.com/middle-east/2018/02/18/x</URL>
<SRC>CNN</SRC>
<CAT>middleEast</CAT>
<TITLE>وزير الدفاع: لا معلومات كافية & لا تعليق</TITLE>
<TIME>Sun, 18 Feb 2018 06:06:55 +0000</TIME>
<AUTHOR></AUTHOR>
<ABSTRACT>
قال وزير الدفاع الأمريكي إنه يحتاج إلى المزيد من المعلومات حول المتعاقدين
</ABSTRACT>
<TEXT>
واشنطن، الولايات المتحدة الأمريكية (CNN) -- قال وزير الدفاع الأمريكي إنه يحتاج إلى المزيد من المعلومات حول المتعاقدين العسكريين الروس.
وقال الوزير في حديث للصحفيين إن الحادث قيد التحقيق.
</TEXT>
</DOC>
<DOC>
<DOCNO>T-2</DOCNO>
<TITLE>عنوان ثان</TITLE>
<TIME>Mon, 19 Feb 2018 10:00:00 GMT</TIME>
<AUTHOR>دبي ـ العربية.نت</AUTHOR>
<TEXT>
فقرة أولى من الخبر الثاني.
فقرة ثانية.
</TEXT>
</DOC>
"""


def test_sgml_collection_fields_and_cnn_dateline(tmp_path: Path) -> None:
    f = tmp_path / "c.sgml"
    f.write_text(SGML, encoding="utf-8")
    a, b = list(khabar.read(f))
    assert a.id == "T-1" and a.section == "middleEast" and a.source == "CNN"
    assert a.title == "وزير الدفاع: لا معلومات كافية & لا تعليق"
    assert a.published == datetime.datetime(2018, 2, 18, 6, 6, 55, tzinfo=datetime.timezone.utc)
    assert a.dateline == "واشنطن، الولايات المتحدة الأمريكية (CNN)"
    assert a.location == "واشنطن، الولايات المتحدة الأمريكية"
    assert a.paragraphs[0].kind == "lede"
    assert a.paragraphs[1].text.startswith("قال وزير الدفاع الأمريكي")
    assert a.paragraphs[1].repeats_lede
    assert b.dateline == "دبي ـ العربية.نت" and b.source == "العربية.نت" and b.location == "دبي"
    assert b.author is None


def test_txt_file_holding_a_doc_record_is_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(SGML.split("</DOC>")[0] + "</DOC>\n", encoding="utf-8")
    assert [a.id for a in khabar.read(f)] == ["T-1"]
    assert khabar.parse(f.read_bytes()).id == "T-1"


def test_json_object_array_lines_and_gzip(tmp_path: Path) -> None:
    rec = {
        "headline": "عنوان",
        "articleBody": "الفقرة الأولى.\n\n الفقرة الثانية.",
        "datePublished": "2017-10-28T11:58:00+03:00",
        "publisher": {"name": "سيريانيوز"},
        "url": "https://example.org/a",
    }
    a = khabar.parse(json.dumps(rec, ensure_ascii=False))
    assert a.title == "عنوان" and a.source == "سيريانيوز" and a.id == "https://example.org/a"
    assert a.published is not None and a.published.utcoffset() == datetime.timedelta(hours=3)
    assert [p.text for p in a.paragraphs] == ["الفقرة الأولى.", "الفقرة الثانية."]
    array = tmp_path / "a.json.gz"
    array.write_bytes(gzip.compress(json.dumps([rec, rec | {"url": "u2"}]).encode()))
    assert [x.id for x in khabar.read(array)] == ["https://example.org/a", "u2"]
    lines = tmp_path / "a.jsonl"
    lines.write_text("\n".join(json.dumps(rec | {"url": f"u{i}"}) for i in range(5)))
    assert [x.id for x in khabar.read(lines)] == [f"u{i}" for i in range(5)]


def test_user_field_mapping() -> None:
    rec = {"title": "t", "content": "نص الخبر.", "date_extracted": "2015-07-21 02:51:32"}
    assert khabar.parse(json.dumps(rec)).published is None
    mapped = khabar.parse(json.dumps(rec), fields={"published": "date_extracted"})
    assert mapped.published == datetime.datetime(2015, 7, 21, 2, 51, 32)
    with pytest.raises(khabar.InvalidOptionError, match="colour"):
        khabar.parse(json.dumps(rec), fields={"colour": "x"})


def test_malformed_json_line_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"title": "a", "content": "x"}\n{"title": "b", "content": \n{"title": "c"}\n')
    with pytest.raises(khabar.ParseError, match=r"bad\.jsonl.*line 2"):
        list(khabar.read(f))
    kept = list(khabar.read(f, errors="keep"))
    assert kept[0].title == "a" and kept[0].error is None
    assert any(k.error and "line 2" in k.error for k in kept)


def test_html_page_metadata() -> None:
    page = """<!doctype html><html lang="ar" dir="rtl"><head><title>عنوان - الموقع</title>
    <meta property="og:title" content="عنوان الخبر">
    <meta property="article:published_time" content="2017-10-28T11:58:00+03:00">
    <meta property="og:site_name" content="سيريانيوز"></head><body><nav><p>قائمة</p></nav>
    <h1>عنوان الخبر</h1><p>الفقرة الأولى من الخبر.</p><p>الفقرة الثانية.</p></body></html>"""
    a = khabar.parse(page)
    assert a.title == "عنوان الخبر" and a.source == "سيريانيوز" and a.language == "ar"
    assert "قائمة" not in a.text
    assert a.published is not None and a.published.hour == 11


def test_html_main_text_and_headings() -> None:
    p1 = "أعلن التحالف الدولي، بقيادة الولايات المتحدة، انه يستعد لشن هجوم على مدينة البوكمال."
    p2 = "وأوضح المتحدث باسم التحالف، في تصريح لوكالة رويترز، ان العمليات ستبدأ منتصف الشهر."
    page = f"""<html lang="ar"><head><title>هجوم مرتقب - الموقع</title>
    <script type="application/ld+json">{{"@type": "NewsArticle", "headline": "هجوم مرتقب",
    "datePublished": "2017-10-28T11:58:00+03:00", "author": {{"name": "أحمد علي"}},
    "keywords": ["البوكمال", "التحالف"]}}</script></head><body>
    <div class="cookie-notice">نستخدم ملفات تعريف الارتباط، هل توافق على ذلك الآن؟</div>
    <article><p>{p1}</p><p>اقرأ أيضا: <a href="/x">خبر آخر عن المعارك</a></p>
    <h2>خلفية</h2><p>{p2}</p></article>
    <div class="related-news"><a href="/1">خبر ذو صلة طويل بما يكفي ليكون فقرة كاملة هنا</a></div>
    </body></html>"""
    a = khabar.parse(page.encode("cp1256"), format="html")
    assert a.title == "هجوم مرتقب" and a.author == "أحمد علي"
    assert [p.kind for p in a.paragraphs] == ["lede", "heading", "body"]
    assert [p.text for p in a.paragraphs] == [p1, "خلفية", p2]
    assert a.tags == ["البوكمال", "التحالف"]
    assert a.published is not None and a.published.utcoffset() == datetime.timedelta(hours=3)


def test_legacy_arabic_encodings() -> None:
    text = "عنوان الخبر\n\nأعلن التحالف الدولي انه يستعد لشن هجوم.\n\nوأضاف المتحدث أن العمليات مستمرة."
    for enc in ["cp1256", "iso-8859-6"]:
        a = khabar.parse(text.encode(enc))
        assert a.title == "عنوان الخبر", enc
        assert a.paragraphs[1].text == "وأضاف المتحدث أن العمليات مستمرة."


def test_dates_in_the_forms_outlets_write() -> None:
    cases = {
        "28/10/2017": datetime.datetime(2017, 10, 28),
        "السبت 28 تشرين الأول 2017": datetime.datetime(2017, 10, 28),
        "28 تشرين الأول/أكتوبر 2017": datetime.datetime(2017, 10, 28),
        "28 جانفي 2017": datetime.datetime(2017, 1, 28),
        "٢٨/١٠/٢٠١٧": datetime.datetime(2017, 10, 28),
        "2017-10-28T11:58:00Z": datetime.datetime(
            2017, 10, 28, 11, 58, tzinfo=datetime.timezone.utc
        ),
    }
    for stamp, expected in cases.items():
        a = khabar.parse(f"عنوان\n\nفقرة أولى.\n\nفقرة ثانية.\n\n{stamp}")
        assert a.published == expected, stamp
        assert stamp not in a.text


def test_datelines_at_the_start() -> None:
    a = khabar.parse("عنوان\n\nلندن: «الشرق الأوسط»\n\nفقرة أولى.\n\nفقرة ثانية.")
    assert (a.dateline, a.location, a.source) == ("لندن: «الشرق الأوسط»", "لندن", "الشرق الأوسط")
    assert [p.text for p in a.paragraphs] == ["فقرة أولى.", "فقرة ثانية."]


def test_analyze_keeps_text_as_given() -> None:
    text = "قال المتحدث إن الهجوم بدأ.\nوأضاف أن القوات تقدمت.\n\nسيريانيوز"
    a = khabar.analyze(text, published="2017-10-28")
    assert a.title is None and a.source is None
    assert [p.text for p in a.paragraphs] == [
        "قال المتحدث إن الهجوم بدأ.\nوأضاف أن القوات تقدمت.",
        "سيريانيوز",
    ]
    assert a.published == datetime.datetime(2017, 10, 28)
