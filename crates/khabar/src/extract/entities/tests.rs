//! The entities stage on real text: the seed article and sentences like it.

use super::*;

fn seed() -> Option<Article> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seed/article.txt"
    );
    let data = std::fs::read(path).ok()?;
    crate::parse(&data).ok()
}

fn found(a: &Article) -> Vec<(String, &str, &str)> {
    a.entities
        .iter()
        .map(|e| {
            (
                a.text[e.span.range()].to_string(),
                e.label.as_str(),
                e.canonical.as_str(),
            )
        })
        .collect()
}

#[test]
fn person_after_a_role_and_the_surname_later() {
    let a = crate::parse_text("عنوان\n\nوأوضح المتحدث الرسمي باسم التحالف ريان ديلون, في تصريح, ان الهجوم قريب. وأضاف ديلون أن العمليات مستمرة.").unwrap();
    let people: Vec<_> = found(&a)
        .into_iter()
        .filter(|(_, l, _)| *l == "PER")
        .collect();
    assert_eq!(
        people,
        [
            ("ريان ديلون".to_string(), "PER", "ريان ديلون"),
            ("ديلون".to_string(), "PER", "ريان ديلون")
        ]
    );
}

#[test]
fn organisations_from_head_nouns() {
    let a = crate::Pipeline::new()
        .analyze(
            "ووجهت وزارة الدفاع الروسية مؤخرا اتهامات للولايات المتحدة.",
            None,
        )
        .unwrap();
    let f = found(&a);
    assert!(
        f.contains(&("وزارة الدفاع الروسية".into(), "ORG", "وزارة الدفاع الروسية")),
        "{f:?}"
    );
}

#[test]
fn places_and_facilities_from_head_nouns() {
    let a = crate::Pipeline::new()
        .analyze(
            "وصل النازحون إلى بلدة كفرنبودة ثم إلى مخيم الزعتري قرب مدينة البوكمال.",
            None,
        )
        .unwrap();
    let f = found(&a);
    assert!(
        f.iter().any(|(s, l, _)| s == "كفرنبودة" && *l == "LOC"),
        "{f:?}"
    );
    assert!(
        f.iter().any(|(s, l, _)| s == "مخيم الزعتري" && *l == "FAC"),
        "{f:?}"
    );
    assert!(
        f.iter().any(|(s, l, _)| s == "البوكمال" && *l == "LOC"),
        "{f:?}"
    );
}

#[test]
fn declared_alias_and_bare_head() {
    let a = crate::Pipeline::new()
        .analyze(
            "أعلنت هيئة الإغاثة الإنسانية (إهاد) أن الهيئة ستواصل العمل، وقالت إهاد إن الوضع صعب.",
            None,
        )
        .unwrap();
    let f = found(&a);
    let c = "هيئة الإغاثة الإنسانية";
    assert!(f.contains(&("إهاد".into(), "ORG", c)), "{f:?}");
    assert_eq!(f.iter().filter(|(_, _, k)| *k == c).count(), 4, "{f:?}");
}

#[test]
fn user_rows_win() {
    let rows = [GazetteerRow {
        name: "سوريا".into(),
        label: "LOC".into(),
        canonical: Some("Syria".into()),
        id: Some("SY".into()),
    }];
    let p = crate::Pipeline::new().with_gazetteer(&rows).unwrap();
    let a = p.analyze("في سوريا والعراق", None).unwrap();
    let f = found(&a);
    assert_eq!(f[0], ("سوريا".into(), "LOC", "Syria"));
    assert_eq!(a.entities[0].id.as_deref(), Some("SY"));
}

#[test]
fn spans_are_inside_the_text_and_do_not_overlap() {
    let Some(a) = seed() else {
        eprintln!("skipped: ../shared/corpus/seed/article.txt is absent");
        return;
    };
    let mut last = 0;
    for e in &a.entities {
        assert!(e.span.start >= last, "{e:?}");
        assert!(a.text.is_char_boundary(e.span.start) && a.text.is_char_boundary(e.span.end));
        last = e.span.end;
    }
}

#[test]
fn the_seed() {
    let Some(a) = seed() else {
        eprintln!("skipped: ../shared/corpus/seed/article.txt is absent");
        return;
    };
    let f = found(&a);
    for (s, l, c) in &f {
        eprintln!("{l}\t{s}\t{c}");
    }
    let canon = |surface: &str| -> Vec<&str> {
        f.iter()
            .filter(|(s, ..)| s == surface)
            .map(|(_, _, c)| *c)
            .collect()
    };
    // Every ديلون is ريان ديلون.
    let dillon = canon("ديلون");
    assert!(
        dillon.len() >= 4 && dillon.iter().all(|c| *c == "ريان ديلون"),
        "{dillon:?}"
    );
    assert!(canon("البوكمال").len() >= 5);
    assert!(f.iter().any(|(s, l, _)| s == "مخيم الركبان" && *l == "FAC"));
    assert!(f
        .iter()
        .any(|(s, l, _)| s.contains("وزارة الدفاع الروسية") && *l == "ORG"));
}

#[test]
fn ambiguous_names_only_in_lists_of_their_kind() {
    let p = crate::Pipeline::new();
    let a = p
        .analyze(
            "وفتح الباب أمام المفاوضات. وقصفت الطائرات حلب والباب.",
            None,
        )
        .unwrap();
    let f = found(&a);
    assert_eq!(
        f.iter().filter(|(s, ..)| s == "الباب").count(),
        1,
        "only the second الباب is a place: {f:?}"
    );
    let a = p.analyze("يعزز دفاعاته في القائم والبوكمال", None).unwrap();
    assert!(found(&a)
        .iter()
        .any(|(s, l, _)| s == "القائم" && *l == "LOC"));
}

#[test]
fn one_edit() {
    use super::canonical::within_one_edit;
    assert!(within_one_edit("سبونتيك", "سبوتنيك")); // swap
    assert!(within_one_edit("اردوجان", "اردوغان")); // substitution
    assert!(within_one_edit("بوتن", "بوتين")); // deletion
    assert!(!within_one_edit("ميونيخ", "ميلوني")); // two edits
    assert!(!within_one_edit("ab", "abcd"));
}

#[test]
fn pieces_cover_the_text_at_char_boundaries() {
    use super::pieces;
    let text = "كلمة ".repeat(5000) + "نهاية. " + &"ب".repeat(30000) + "؟ آخر";
    for size in [7, 64, 4096] {
        let ps = pieces(&text, size);
        assert_eq!(ps[0].start, 0);
        assert_eq!(ps.last().unwrap().end, text.len());
        for w in ps.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        for p in &ps {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
    }
}

#[test]
fn pieces_give_the_texts_tokens_and_the_mentions_of_short_texts() {
    // Long texts run piece by piece; the pieces' words are the text's words
    // (checked in debug builds inside `mentions`), also where a cut falls
    // after a run of `؟` or inside a long run without spaces.
    let sentence = "وقال الرئيس السوري بشار الأسد في دمشق؟؟ ";
    let text = sentence.repeat(400) + &"ب".repeat(20000) + " في بغداد.";
    let g = Gazetteer::builtin();
    let ms = mentions(&text, g, &[]);
    let one = mentions(sentence, g, &[]);
    assert!(!one.is_empty());
    // Each sentence's mentions are those of the sentence alone.
    for (k, m) in one.iter().enumerate() {
        for rep in [0, 199, 399] {
            let at = rep * sentence.len();
            let found = ms.iter().find(|x| x.span.start == m.span.start + at);
            let found = found.unwrap_or_else(|| panic!("mention {k} of sentence {rep}"));
            assert_eq!((found.span.end - at, found.label), (m.span.end, m.label));
        }
    }
    assert!(ms.iter().any(|m| &text[m.span.range()] == "بغداد"));
}

#[test]
fn a_name_after_the_elided_article_starts_at_the_articles_lam() {
    // `للتحالف` is ل + the article without its alef + تحالف: the proclitic
    // stays outside, the article's ل inside, as the article is in `والبوكمال`.
    let text = "وأكدت الغارات للتحالف الدولي وزيارة للبوكمال";
    let ms = mentions(text, Gazetteer::builtin(), &[]);
    let found: Vec<(&str, &str)> = ms
        .iter()
        .map(|m| (&text[m.span.range()], m.canonical.as_str()))
        .collect();
    assert!(
        found.contains(&("لتحالف الدولي", "التحالف الدولي")),
        "{found:?}"
    );
    assert!(found.contains(&("لبوكمال", "البوكمال")), "{found:?}");
}
