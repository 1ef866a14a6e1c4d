//! The seed article's time expressions and quantities, as the issue lists them.
//! Reads `../shared/corpus/seed/article.txt`; skips with a message where absent.

use std::path::PathBuf;

use khabar::{Article, TimeKind};

fn seed() -> Option<Article> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seed/article.txt");
    let Ok(data) = std::fs::read(&path) else {
        println!("skipped: {} is absent", path.display());
        return None;
    };
    Some(khabar::parse(&data).expect("the seed parses"))
}

#[test]
fn seed_times() {
    let Some(a) = seed() else { return };
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2017-10-28T11:58:00")
    );
    let times: Vec<(&str, &str, TimeKind, Option<&str>)> = a
        .times
        .iter()
        .map(|t| {
            (
                a.slice(t.span),
                t.value.as_str(),
                t.kind,
                t.modifier.as_deref(),
            )
        })
        .collect();
    let has = |text: &str, value: &str| times.iter().any(|t| t.0 == text && t.1 == value);
    assert!(has("يوم السبت", "2017-10-28"), "{times:?}");
    assert!(has("يوم الاحد الماضي", "2017-10-22"), "{times:?}");
    assert!(
        times.contains(&(
            "منتصف الشهر الجاري",
            "2017-10",
            TimeKind::Relative,
            Some("MID")
        )),
        "{times:?}"
    );
    assert!(
        times
            .iter()
            .any(|t| t.0 == "في الفترة الأخيرة" && t.2 == TimeKind::Vague),
        "{times:?}"
    );
    assert!(has("مؤخرا", "PAST_REF"), "{times:?}");
    for t in &a.times {
        // Each mention sits inside the sentence it names.
        let s = a.sentences[t.sentence as usize];
        assert!(s.start <= t.span.start && t.span.end <= s.end, "{t:?}");
        assert!(t.paragraph >= -1);
    }
}

#[test]
fn seed_quantities() {
    let Some(a) = seed() else { return };
    let qs: Vec<(&str, f64, Option<&str>, bool)> = a
        .quantities
        .iter()
        .map(|q| (a.slice(q.span), q.value, q.unit.as_deref(), q.approximate))
        .collect();
    assert!(qs.contains(&("1%", 1.0, Some("percent"), false)), "{qs:?}");
    assert!(
        qs.contains(&("7 كيلومترات", 7.0, Some("km"), false)),
        "{qs:?}"
    );
    assert!(
        qs.contains(&("3 كيلومترات", 3.0, Some("km"), false)),
        "{qs:?}"
    );
    assert!(qs.iter().any(|q| q.0.starts_with("مئات") && q.3), "{qs:?}");
    assert!(qs.iter().any(|q| q.0 == "الآلاف" && q.3), "{qs:?}");
    // The closing stamp is a date and a time, not quantities.
    assert!(
        !qs.iter()
            .any(|q| q.0.contains("28") || q.0.contains("2017") || q.0.contains("11")),
        "{qs:?}"
    );
    assert_eq!(qs.len(), 5, "{qs:?}");
}
