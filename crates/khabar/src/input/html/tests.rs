//! Pages written for these tests: each shows one habit of real news sites.

use std::time::Duration;

use super::*;
use crate::{Format, ParagraphKind, Pipeline};

fn blocks(r: &Record) -> Vec<(&str, ParagraphKind)> {
    match &r.body {
        Body::Blocks(b) => b.iter().map(|(t, k)| (t.as_str(), *k)).collect(),
        _ => Vec::new(),
    }
}

fn texts(r: &Record) -> Vec<&str> {
    blocks(r).into_iter().map(|(t, _)| t).collect()
}

const P1: &str = "أعلن التحالف الدولي، بقيادة الولايات المتحدة، انه يستعد لشن هجوم على مدينة البوكمال بمحافظة دير الزور.";
const P2: &str = "وأوضح المتحدث باسم التحالف ريان ديلون، في تصريح لوكالة رويترز، ان العمليات ستبدأ منتصف الشهر الجاري.";
const P3: &str = "وكانت قوات سوريا الديمقراطية، المدعومة من التحالف، قد سيطرت على حقول النفط شرق النهر يوم الاحد الماضي.";

/// A news page with the usual furniture around three paragraphs and a subheading.
fn furnished_page() -> String {
    format!(
        r##"<!DOCTYPE html><html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>التحالف يستعد لهجوم على البوكمال | موقع الأخبار</title>
<link rel="stylesheet" href="/s.css"></head>
<body class="single has-sidebar">
<div id="cookie-banner">نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا، هل توافق على ذلك؟</div>
<header class="site-header"><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">سياسة</a></li></ul></nav></header>
<div class="container"><main>
<article class="post">
  <h1>التحالف يستعد لهجوم على البوكمال</h1>
  <div class="post-meta"><span class="byline">كتب: أحمد علي</span></div>
  <div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a> شارك</div>
  <figure><img src="/a.jpg"><figcaption>صورة أرشيفية لمقاتلين في ريف دير الزور، أرشيف الموقع</figcaption></figure>
  <div class="entry-content">
    <p>{P1}</p>
    <p>اقرأ أيضا: <a href="/x">قوات سوريا الديمقراطية تتقدم في ريف دير الزور الشرقي</a></p>
    <p>{P2}</p>
    <h2>خلفية المعركة</h2>
    <p>{P3}</p>
    <div class="related-posts"><h3>أخبار ذات صلة</h3><ul>
      <li><a href="/1">خبر أول عن المعارك في دير الزور وريفها الشرقي اليوم</a></li>
      <li><a href="/2">خبر ثان عن المعارك في دير الزور وريفها الشرقي أمس</a></li></ul></div>
  </div>
  <div class="tags"><a href="/t/1">البوكمال</a><a href="/t/2">التحالف</a></div>
</article>
<section id="comments"><h3>التعليقات</h3><p>تعليق طويل من قارئ يقول فيه إن التحالف، كما يرى، لن ينجح في هذه المعركة أبدا.</p></section>
</main>
<aside class="sidebar"><h3>الأكثر قراءة</h3><p>خبر آخر طويل بما يكفي ليبدو كفقرة، لكنه في الشريط الجانبي للموقع.</p></aside>
</div>
<footer><p>جميع الحقوق محفوظة لموقع الأخبار، 2017، ولا يجوز النقل دون إذن مكتوب.</p></footer>
</body></html>"##
    )
}

#[test]
fn main_text_leaves_the_furniture_out() {
    let r = parse(&furnished_page()).unwrap();
    assert_eq!(
        blocks(&r),
        vec![
            (P1, ParagraphKind::Body),
            (P2, ParagraphKind::Body),
            ("خلفية المعركة", ParagraphKind::Heading),
            (P3, ParagraphKind::Body),
        ]
    );
    assert_eq!(r.title.as_deref(), Some("التحالف يستعد لهجوم على البوكمال"));
}

#[test]
fn headings_become_heading_paragraphs_in_the_article() {
    let a = crate::parse(furnished_page().as_bytes()).unwrap();
    let kinds: Vec<ParagraphKind> = a.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ParagraphKind::Lede,
            ParagraphKind::Body,
            ParagraphKind::Heading,
            ParagraphKind::Body
        ]
    );
    assert_eq!(a.paragraph_text(2), Some("خلفية المعركة"));
    assert_eq!(a.paragraph_text(0), Some(P1));
}

#[test]
fn metadata_in_order_of_trust() {
    let page = format!(
        r#"<html lang="ar"><head>
<title>عنوان من وسم العنوان - الموقع</title>
<meta property="og:title" content="عنوان من أوبن غراف - الموقع">
<meta property="og:site_name" content="الموقع">
<meta property="article:published_time" content="2017-10-27T10:00:00+03:00">
<meta property="article:modified_time" content="2017-10-28T12:00:00+03:00">
<meta property="article:section" content="سياسة">
<meta property="article:tag" content="البوكمال"><meta property="article:tag" content="التحالف">
<meta name="keywords" content="كلمة، أخرى">
<meta property="og:image" content="https://example.org/og.jpg">
<meta property="og:url" content="https://example.org/og-url">
<link rel="canonical" href="https://example.org/news/1">
<meta name="author" content="https://facebook.com/someone">
<meta name="description" content="خلاصة الخبر كما كتبها المحرر، وهي ليست جزءا من نص المقال نفسه.">
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
  {{"@type":"WebSite","name":"الموقع"}},
  {{"@type":"NewsArticle","headline":"عنوان من JSON-LD","datePublished":"2017-10-28T11:58:00+03:00",
   "author":[{{"@type":"Person","name":"أحمد علي"}}],"publisher":{{"@type":"Organization","name":"سيريانيوز"}},
   "image":{{"@type":"ImageObject","url":"https://example.org/ld.jpg"}}}}]}}</script>
</head><body><article><p>{P1}</p><p>{P2}</p></article></body></html>"#
    );
    let r = parse(&page).unwrap();
    assert_eq!(r.title.as_deref(), Some("عنوان من JSON-LD"));
    assert_eq!(r.published.as_deref(), Some("2017-10-28T11:58:00+03:00"));
    assert_eq!(r.modified.as_deref(), Some("2017-10-28T12:00:00+03:00"));
    assert_eq!(r.author.as_deref(), Some("أحمد علي"));
    assert_eq!(r.source.as_deref(), Some("سيريانيوز"));
    assert_eq!(r.url.as_deref(), Some("https://example.org/news/1"));
    assert_eq!(r.image.as_deref(), Some("https://example.org/ld.jpg"));
    assert_eq!(r.section.as_deref(), Some("سياسة"));
    assert_eq!(r.tags, vec!["البوكمال", "التحالف"]);
    assert_eq!(r.language.as_deref(), Some("ar"));
    assert_eq!(
        r.lede.as_deref(),
        Some("خلاصة الخبر كما كتبها المحرر، وهي ليست جزءا من نص المقال نفسه.")
    );

    // The article keeps the offset.
    let a = crate::parse(page.as_bytes()).unwrap();
    assert_eq!(
        a.published.unwrap().to_string(),
        "2017-10-28T11:58:00+03:00"
    );
    assert_eq!(a.paragraphs[0].kind, ParagraphKind::Lede);
    assert_eq!(a.paragraph_text(1), Some(P1));
}

#[test]
fn broken_json_ld_gives_way_to_open_graph() {
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@type": "NewsArticle", "headline": "x",</script>
<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"not a date"}}</script>
<meta property="og:title" content="العنوان الصحيح">
<meta property="article:published_time" content="2020-08-24T09:23:13Z"></head>
<body><p>{P1}</p></body></html>"#
    );
    let r = parse(&page).unwrap();
    assert_eq!(r.title.as_deref(), Some("العنوان الصحيح"));
    assert_eq!(r.published.as_deref(), Some("2020-08-24T09:23:13Z"));
}

#[test]
fn lower_sources_when_the_higher_are_absent() {
    // itemprop, then <time datetime>, then a byline in Arabic.
    let itemprop = format!(
        r#"<html><body><h1 itemprop="headline">عنوان</h1><span itemprop="author" itemscope><span itemprop="name">سارة</span></span>
<time datetime="2019-01-02T08:00:00+02:00"></time><meta itemprop="datePublished" content="2019-01-03T09:00:00+02:00">
<div class="content"><p>{P1}</p></div></body></html>"#
    );
    let r = parse(&itemprop).unwrap();
    assert_eq!(r.published.as_deref(), Some("2019-01-03T09:00:00+02:00"));
    assert_eq!(r.author.as_deref(), Some("سارة"));
    assert_eq!(r.title.as_deref(), Some("عنوان"));

    let time = format!(
        r#"<html><body><time datetime="2019-01-02T08:00:00+02:00">2 يناير</time><p>{P1}</p></body></html>"#
    );
    assert_eq!(
        parse(&time).unwrap().published.as_deref(),
        Some("2019-01-02T08:00:00+02:00")
    );

    let byline = format!(
        r#"<html><body><div class="top-nav"><span class="date">25 ديسمبر 2020</span></div>
<div class="article"><div class="article_created">تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً</div><p>{P1}</p><p>{P2}</p></div></body></html>"#
    );
    let a = crate::parse(byline.as_bytes()).unwrap();
    assert_eq!(
        a.published.map(|p| p.local.date().to_string()).as_deref(),
        Some("2020-04-24")
    );
    assert_eq!(a.paragraph_text(0), Some(P1));

    // Last resort: the date in the URL.
    let url = format!(
        r#"<html><head><link rel="canonical" href="https://x.example/2018/02/18/slug"></head><body><p>{P1}</p></body></html>"#
    );
    let a = crate::parse(url.as_bytes()).unwrap();
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2018-02-18T00:00:00")
    );
}

#[test]
fn site_name_is_cut_from_either_end_of_the_title() {
    let sites = vec!["اليوم السابع".to_string(), "المدينة نيوز".to_string()];
    assert_eq!(
        meta::strip_site("وزير الري يشهد توقيع عقد - اليوم السابع", &sites),
        "وزير الري يشهد توقيع عقد"
    );
    assert_eq!(
        meta::strip_site(" المدينة نيوز - أميركا: 50 ألفا", &sites),
        "أميركا: 50 ألفا"
    );
    assert_eq!(
        meta::strip_site("بيروت - دمشق: طريق جديد", &sites),
        "بيروت - دمشق: طريق جديد"
    );
    // The site name learnt from the <title> tail strips the og:title prefix.
    let page = format!(
        r#"<html><head><title>أميركا: 50 ألفا حصيلة الوفيات - المدينة نيوز</title>
<meta property="og:title" content=" المدينة نيوز - أميركا: 50 ألفا حصيلة الوفيات"></head><body><p>{P1}</p></body></html>"#
    );
    assert_eq!(
        parse(&page).unwrap().title.as_deref(),
        Some("أميركا: 50 ألفا حصيلة الوفيات")
    );
    // Only a <title>: its short tail is the site name.
    let page = format!(
        r#"<html><head><title>معارضون يسيطرون على مخازن للصواريخ - CNNArabic.com</title></head><body><p>{P1}</p></body></html>"#
    );
    assert_eq!(
        parse(&page).unwrap().title.as_deref(),
        Some("معارضون يسيطرون على مخازن للصواريخ")
    );
}

#[test]
fn a_description_cut_from_the_first_paragraph_is_not_a_second_lede() {
    let cut: String = P1.chars().take(60).collect();
    let page = format!(
        r#"<html><head><meta name="description" content="{cut}..."></head><body><p>{P1}</p><p>{P2}</p></body></html>"#
    );
    let r = parse(&page).unwrap();
    assert_eq!(r.lede, None);
    let a = crate::parse(page.as_bytes()).unwrap();
    assert_eq!(a.lede.as_deref(), Some(P1));
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn a_wrong_latin_lang_on_an_arabic_page_is_ignored() {
    let page =
        format!(r#"<html lang="en-US" dir="rtl"><body><p>{P1}</p><p>{P2}</p></body></html>"#);
    assert_eq!(parse(&page).unwrap().language, None);
    assert_eq!(
        crate::parse(page.as_bytes()).unwrap().language.as_deref(),
        Some("ar")
    );
    let en = r#"<html lang="en"><body><p>The coalition said on Saturday that it was ready, and that the operation would start soon.</p></body></html>"#;
    assert_eq!(parse(en).unwrap().language.as_deref(), Some("en"));
}

#[test]
fn text_in_divs_with_line_breaks_is_split_into_paragraphs() {
    let page = format!(
        r#"<html><body><div class="menu"><a href="/">الرئيسية</a></div>
<div id="news_text">{P1}<br><br>{P2}<br/>{P3}</div><div class="footer-links"><a href="/">من نحن</a></div></body></html>"#
    );
    assert_eq!(texts(&parse(&page).unwrap()), vec![P1, P2, P3]);
}

#[test]
fn a_byline_stamp_inside_the_text_goes_to_the_date() {
    let page = format!(
        r#"<html><body><div class="story"><p>الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)</p><p>{P1}</p><p>{P2}</p></div></body></html>"#
    );
    let r = parse(&page).unwrap();
    assert_eq!(texts(&r), vec![P1, P2]);
    let a = crate::parse(page.as_bytes()).unwrap();
    assert_eq!(
        a.published.map(|p| p.local.date().to_string()).as_deref(),
        Some("2013-08-28")
    );
}

// ---------------------------------------------------------------------------
// Encodings

fn legacy_page(charset_tag: &str) -> String {
    format!(
        "<html><head>{charset_tag}<title>\u{0627}\u{0644}\u{062a}\u{062d}\u{0627}\u{0644}\u{0641} \u{064a}\u{0633}\u{062a}\u{0639}\u{062f}</title></head><body><p>{P1}</p><p>{P2}</p></body></html>"
    )
}

#[test]
fn windows_1256_and_iso_8859_6_pages_decode() {
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};
    let cases = [
        (WINDOWS_1256, r#"<meta charset="windows-1256">"#),
        (
            WINDOWS_1256,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#,
        ),
        (WINDOWS_1256, ""),
        (
            ISO_8859_6,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6">"#,
        ),
        (ISO_8859_6, ""),
    ];
    for (enc, tag) in cases {
        let page = legacy_page(tag);
        let (bytes, _, bad) = enc.encode(&page);
        assert!(!bad, "{} cannot encode the page", enc.name());
        let a = crate::parse(&bytes).unwrap_or_else(|e| panic!("{} {tag:?}: {e}", enc.name()));
        assert_eq!(
            a.title.as_deref(),
            Some("التحالف يستعد"),
            "{} {tag:?}",
            enc.name()
        );
        assert_eq!(a.paragraph_text(1), Some(P2), "{} {tag:?}", enc.name());
    }
    // A UTF-8 page with a BOM, and one mislabelled as windows-1256.
    let bom = format!("\u{feff}{}", legacy_page(""));
    assert_eq!(
        crate::parse(bom.as_bytes()).unwrap().paragraph_text(1),
        Some(P2)
    );
    let lying = legacy_page(r#"<meta charset="windows-1256">"#);
    assert_eq!(
        crate::parse(lying.as_bytes()).unwrap().paragraph_text(1),
        Some(P2)
    );
}

// ---------------------------------------------------------------------------
// Bad input: a clear outcome, no panic, bounded time.

#[test]
fn truncated_html_keeps_what_arrived() {
    let page = furnished_page();
    let mut cuts: Vec<usize> = (0..page.len())
        .step_by(97)
        .filter(|i| page.is_char_boundary(*i))
        .collect();
    cuts.push(page.find(P2).unwrap() + 10);
    for cut in cuts {
        // Every prefix parses or fails cleanly.
        let _ = crate::parse(&page.as_bytes()[..cut]);
    }
    let cut = page.find("<h2>").unwrap() + 2;
    let r = parse(&page[..cut]).unwrap();
    assert_eq!(texts(&r), vec![P1, P2]);
}

#[test]
fn deep_nesting_is_handled() {
    for tag in ["div", "span", "b", "blockquote", "table"] {
        let deep = format!("<{tag}>").repeat(10_000)
            + "<p>"
            + P1
            + "</p>"
            + &format!("</{tag}>").repeat(10_000);
        let (r, t) = crate::testing::cpu_time(|| crate::parse(deep.as_bytes()));
        assert!(t < Duration::from_secs(30), "{tag}: {t:?}");
        if tag == "div" {
            assert_eq!(r.unwrap().paragraph_text(0), Some(P1));
        }
    }
    // Unclosed, too.
    let deep = "<div>".repeat(10_000) + P1;
    assert!(crate::parse(deep.as_bytes()).is_ok());
}

#[test]
fn a_20_mb_page_is_parsed_in_bounded_time() {
    let mut page = String::from("<html><head><title>صفحة كبيرة جدا للاختبار</title></head><body>");
    let item = format!("<div class=\"item\"><p>{P1}</p><a href=\"/x\">رابط</a></div>\n");
    while page.len() < 20 << 20 {
        page.push_str(&item);
    }
    page.push_str("</body></html>");
    // The HTML and structure stages only: the extractors' own linear-time
    // tests cover the rest, and in a debug build they would dominate.
    let (a, t) = crate::testing::cpu_time(|| {
        let recs = crate::input::records(&page, Format::Html, &Default::default()).unwrap();
        let rec = recs.into_iter().next().unwrap().unwrap();
        crate::structure::build(rec, crate::structure::Mode::Article).unwrap()
    });
    assert!(t < Duration::from_secs(60), "{t:?}");
    assert!(!a.paragraphs.is_empty());
    // Past the limit: refused, not parsed.
    let huge = " ".repeat(MAX_PAGE_BYTES + 1);
    let err = parse(&huge).unwrap_err().to_string();
    assert!(err.contains("MiB"), "{err}");
}

#[test]
fn a_page_without_an_article_is_an_error() {
    let nav_only = r#"<html><body><nav><a href="/">الرئيسية</a><a href="/a">أخبار</a></nav><footer>حقوق</footer></body></html>"#;
    let err = crate::parse(nav_only.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("no title and no article text"), "{err}");
    let empty = "<html><body><div></div></body></html>";
    assert!(crate::parse(empty.as_bytes()).is_err());
    // A title and nothing else (a photo story, a video page): an article with a
    // title and no paragraphs, as for any other format.
    let title_only =
        "<html><head><title>عنوان فقط</title></head><body><nav><a href='/'>x</a></nav></body></html>";
    let a = crate::parse(title_only.as_bytes()).unwrap();
    assert_eq!(a.title.as_deref(), Some("عنوان فقط"));
    assert!(a.paragraphs.is_empty());
}

#[test]
fn binary_sent_as_html_is_refused() {
    let html = Pipeline::new().with_format(Format::Html);
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n"
        .iter()
        .copied()
        .chain((0..2000u32).map(|i| (i * 31 % 251) as u8))
        .collect();
    for bytes in [&pdf, &png] {
        for result in [crate::parse(bytes), html.parse(bytes)] {
            let err = result.unwrap_err().to_string();
            assert!(err.contains("not text") || err.contains("binary"), "{err}");
        }
    }
    // Binary junk behind an HTML-looking start.
    let mut junk = b"<html><body>".to_vec();
    junk.extend((0..5000u32).map(|i| (i * 37 % 256) as u8));
    assert!(html.parse(&junk).is_err());
}

#[test]
fn a_furniture_name_beside_a_content_name_does_not_hide_the_article() {
    // WordPress themes: `entry-content no-share`; the related list inside is still furniture.
    let related: String = (0..6)
        .map(|i| {
            format!("<li><a href=\"/{i}\">عنوان خبر آخر طويل بما يكفي رقم {i} عن المعارك</a></li>")
        })
        .collect();
    let page = format!(
        r#"<html><body><div class="entry-content no-share"><p>{P1}</p>
<div class="inline_related_post"><h3>إقرأ أيضاً</h3><ul>{related}</ul></div><p>{P2}</p></div>
<div class="more-news"><ul>{related}{related}</ul></div></body></html>"#
    );
    assert_eq!(texts(&parse(&page).unwrap()), vec![P1, P2]);
}

#[test]
fn short_lines_between_breaks_are_subheadings_and_credits_go() {
    let page = format!(
        r#"<html><body><div class="article-body">{P1}<br><br>REUTERS / SHOKRY HUSSIEN<br><br>انتكاسة جديدة<br><br>{P2} {P3}<br><br>21<br>{P3}</div></body></html>"#
    );
    let r = parse(&page).unwrap();
    let long = format!("{P2} {P3}");
    assert_eq!(
        blocks(&r),
        vec![
            (P1, ParagraphKind::Body),
            ("انتكاسة جديدة", ParagraphKind::Heading),
            (long.as_str(), ParagraphKind::Body),
            (P3, ParagraphKind::Body),
        ]
    );
}

#[test]
fn the_byline_near_the_article_wins_over_the_page_header_date() {
    let page = format!(
        r#"<html><body><div class="top-bar"><span class="today-date">الخميس 25 ديسمبر 2020</span></div>
<div id="wrap"><div class="col"><div class="story-head"><span class="story-date">الأحد 20 ديسمبر 2020</span></div>
<div class="story-body"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div></div></body></html>"#
    );
    let a = crate::parse(page.as_bytes()).unwrap();
    assert_eq!(
        a.published.map(|p| p.local.date().to_string()).as_deref(),
        Some("2020-12-20")
    );
}

#[test]
fn site_names_with_case_changing_letters_do_not_break_the_cut() {
    // `İ` lowercases to two code points: byte lengths differ between cases.
    let sites = vec!["İstanbul Haber".to_string()];
    assert_eq!(
        meta::strip_site("Başlık İİİ - İstanbul Haber", &sites),
        "Başlık İİİ"
    );
    assert_eq!(
        meta::strip_site("İİ - İstanbul Haber - x", &sites),
        "İİ - İstanbul Haber - x"
    );
}

mod random_markup {
    use proptest::prelude::*;

    /// Pieces of markup real pages are made of, shuffled at random.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<h2>".to_string()),
            Just("<br>".to_string()),
            Just("<a href='/x'>".to_string()),
            Just("</a>".to_string()),
            Just("<div class='related share'>".to_string()),
            Just("<script>if (a < b) {".to_string()),
            Just("<meta property='og:title' content='عنوان'>".to_string()),
            Just("<script type='application/ld+json'>{\"@type\":\"NewsArticle\",".to_string()),
            Just("<time datetime='2020-13-45'>".to_string()),
            Just("<!--".to_string()),
            Just("&amp;&#x62F;&#99999999;".to_string()),
            "[\\PC]{0,40}",
            Just("أعلن التحالف الدولي، بقيادة الولايات المتحدة، انه يستعد لشن هجوم.".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_markup_parses_or_fails_cleanly(pieces in proptest::collection::vec(piece(), 0..60)) {
            let page = pieces.concat();
            if let Ok(a) = crate::parse(page.as_bytes()) {
                // Every paragraph span indexes the text.
                for p in &a.paragraphs {
                    prop_assert!(a.text.get(p.span.range()).is_some());
                }
            }
        }
    }
}

#[test]
fn a_short_all_bold_paragraph_is_a_subheading() {
    let page = format!(
        r#"<html><body><div class="article-text"><p>{P1}</p><p><strong>خلفية المعركة</strong></p>
<p><b>القاهرة - </b>{P2}</p><p>{P3}</p></div></body></html>"#
    );
    let r = parse(&page).unwrap();
    let p2 = format!("القاهرة - {P2}");
    assert_eq!(
        blocks(&r),
        vec![
            (P1, ParagraphKind::Body),
            ("خلفية المعركة", ParagraphKind::Heading),
            (p2.as_str(), ParagraphKind::Body),
            (P3, ParagraphKind::Body),
        ]
    );
}

#[test]
fn relative_urls_are_resolved_against_the_page_url() {
    let page = format!(
        r#"<html><head><meta property="og:url" content="https://example.org/news/2020/1.html">
<link rel="canonical" href="/news/2020/1.html"><meta property="og:image" content="//cdn.example.org/a.jpg">
</head><body><p>{P1}</p></body></html>"#
    );
    let r = parse(&page).unwrap();
    assert_eq!(
        r.url.as_deref(),
        Some("https://example.org/news/2020/1.html")
    );
    assert_eq!(r.image.as_deref(), Some("https://cdn.example.org/a.jpg"));
    let page = format!(
        r#"<html><head><link rel="canonical" href="http://example.org/a/b.html"><meta property="og:image" content="img/x.jpg"></head><body><p>{P1}</p></body></html>"#
    );
    assert_eq!(
        parse(&page).unwrap().image.as_deref(),
        Some("http://example.org/a/img/x.jpg")
    );
}
