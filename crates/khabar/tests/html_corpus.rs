//! The real news pages in `../shared/corpus/html` (see its SOURCE.md): titles,
//! publication dates and main text against their ground truth. Skips, saying
//! so, where that folder is absent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use khabar::{Article, Format, ParagraphKind, Pipeline};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/html");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: {} is absent; the HTML corpus tests did not run",
            dir.display()
        );
        None
    }
}

fn parse(path: &Path) -> Article {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Pipeline::new()
        .with_format(Format::Html)
        .parse(&bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article's main text as the eval script takes it: dateline, then paragraphs.
fn main_text(a: &Article) -> String {
    let mut parts: Vec<&str> = a.dateline.iter().map(String::as_str).collect();
    parts.extend((0..a.paragraphs.len()).filter_map(|i| a.paragraph_text(i)));
    parts.join("\n\n")
}

fn token_f1(got: &str, want: &str) -> f64 {
    let bag = |s: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in s
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|t| !t.is_empty())
        {
            *m.entry(t.to_owned()).or_default() += 1;
        }
        m
    };
    let (g, w) = (bag(got), bag(want));
    let common: usize = g
        .iter()
        .map(|(t, n)| (*n).min(w.get(t).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / g.values().sum::<usize>() as f64;
    let r = common as f64 / w.values().sum::<usize>() as f64;
    2.0 * p * r / (p + r)
}

/// htmldate's Media Cloud pages: every publication date, and the headline
/// (checked by hand against each page: the `<h1>`, without the site name).
#[test]
fn mediacloud_dates_and_titles() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("htmldate-mediacloud2020");
    let titles: HashMap<&str, &str> = [
        (
            "1691196862.html",
            "وزير الرى يشهد توقيع عقد دراسة تحديد السحب الآمن للخزانات الجوفية مع جامعة القاهرة",
        ),
        (
            "1784190729.html",
            "طهران تدفن «زادة».. وتتهم المعارضة الإيرانية باغتياله",
        ),
        (
            "1623715966.html",
            "القائم بأعمال السفارة الأفغانية يثمّن جهود الإمارات",
        ),
        ("1731695567.html", "36 عامًا.. سر رحيل نعيمة عاكف في سن مبكر"),
        (
            "1588107198.html",
            "أميركا :50 الفا حصيلة الوفيات بسبب فيروس كورونا",
        ),
        (
            "1550981615.html",
            "مصر تسجل 30 إصابة جديدة وحالتي وفاة بفيروس كورونا",
        ),
        (
            "1806793639.html",
            "تركى آل الشيخ بعد إصابة يسرا بكورونا: يارب يرفع عنك",
        ),
        (
            "1764731404.html",
            "سرقة منزل أميرة سعودية في باريس يضم أغراضاً فاخرة بقيمة 700 ألف دولار",
        ),
    ]
    .into_iter()
    .collect();
    let expected = json(&dir.join("expected_dates.json"));
    let entries = expected
        .as_object()
        .expect("expected_dates.json is an object");
    assert_eq!(entries.len(), 8);
    for (url, v) in entries {
        let file = v["file"].as_str().unwrap_or_default();
        let a = parse(&dir.join(file));
        let date = a.published.map(|p| p.local.date().to_string());
        assert_eq!(date.as_deref(), v["date"].as_str(), "{file} ({url})");
        assert_eq!(a.title.as_deref(), titles.get(file).copied(), "{file}");
        assert_eq!(a.language.as_deref(), Some("ar"), "{file}");
        assert!(
            a.paragraphs
                .iter()
                .any(|p| p.kind != ParagraphKind::Heading),
            "{file} has no text"
        );
    }
}

/// The offset is kept where the page gives one.
#[test]
fn timezones_are_kept() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("htmldate-mediacloud2020");
    let a = parse(&dir.join("1806793639.html"));
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2020-12-25T01:59:50+02:00")
    );
    let a = parse(&dir.join("1623715966.html"));
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2020-06-03T03:01:00+04:00")
    );
    assert_eq!(a.source.as_deref(), Some("البيان"));
}

/// trafilatura's assabah.com.tn page: title, and the snippets that must and
/// must not be in the main text (weather widget, comment form, other stories).
#[test]
fn assabah_title_and_snippets() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("trafilatura-assabah");
    let expected = json(&dir.join("expected.json"));
    let (_, v) = expected
        .as_object()
        .and_then(|o| o.iter().next())
        .expect("one entry");
    let a = parse(&dir.join(v["file"].as_str().unwrap_or_default()));
    assert_eq!(
        a.title.as_deref().map(squash),
        v["title"].as_str().map(squash)
    );
    assert_eq!(a.source.as_deref(), Some("Assabah News"));
    let text = squash(&main_text(&a));
    for s in v["with"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
    {
        assert!(text.contains(&squash(s)), "missing {s:?}");
    }
    for s in v["without"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
    {
        assert!(!text.contains(&squash(s)), "boilerplate {s:?} in the text");
    }
}

/// newspaper4k's CNN Arabic page: title, URL, site and the full main text.
#[test]
fn cnn_arabic_title_and_main_text() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("newspaper4k-cnn-arabic");
    let meta = json(&dir.join("expected_metadata.json"));
    let want = std::fs::read_to_string(dir.join("expected_text.txt")).expect("expected_text.txt");
    let a = parse(&dir.join("arabic_article.html"));
    assert_eq!(a.title.as_deref(), meta["title"].as_str());
    assert_eq!(a.url.as_deref(), meta["canonical_link"].as_str());
    assert_eq!(a.source.as_deref(), meta["meta_site_name"].as_str());
    assert_eq!(a.language.as_deref(), Some("ar"));
    assert_eq!(a.dateline.as_deref(), Some("دمشق، سوريا (CNN)"));
    let f1 = token_f1(&main_text(&a), &want);
    assert!(f1 >= 0.95, "main-text token F1 {f1:.3}");
    assert!(
        !main_text(&a).contains("ترحب شبكة CNN"),
        "comment policy kept"
    );
}
