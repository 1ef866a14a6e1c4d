//! Properties of the text layer on random input, and its output on the seed
//! article.

use khabar::text::{self, NormalizeOptions, Normalizer, Punctuation, TokenKind};
use khabar::Span;
use proptest::prelude::*;

/// Strings heavy in the characters normalisation touches, mixed with anything.
fn arabic_ish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[\u{0600}-\u{06FF}]{1,8}",
        1 => "[\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}]{1,3}",
        1 => "[ \u{A0}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}«»“”„″,;?.!\n0-9]{1,4}",
        1 => "[a-zA-Z@#:/._-]{1,6}",
        1 => any::<String>(),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = NormalizeOptions> {
    (any::<[bool; 13]>(), 0..3u8).prop_map(|(b, p)| NormalizeOptions {
        diacritics: b[0],
        tatweel: b[1],
        alef: b[2],
        alef_maqsura: b[3],
        taa_marbuta: b[4],
        hamza: b[5],
        persian: b[6],
        digits: b[7],
        punctuation: [Punctuation::Keep, Punctuation::Arabic, Punctuation::Latin][p as usize],
        quotes: b[8],
        presentation_forms: b[9],
        ligatures: b[10],
        controls: b[11],
        spaces: b[12],
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalising_twice_equals_once(s in arabic_ish(), o in options()) {
        let n = Normalizer::new(o);
        let once = n.normalize(&s).text;
        prop_assert_eq!(n.normalize(&once).text, once);
    }

    #[test]
    fn alignment_never_panics_and_lands_on_char_boundaries(
        s in arabic_ish(), o in options(), a in 0usize..200, b in 0usize..200,
    ) {
        let n = Normalizer::new(o).normalize(&s);
        let back = n.to_original(Span::new(a, b));
        prop_assert!(back.start <= back.end && back.end <= s.len());
        prop_assert!(s.is_char_boundary(back.start) && s.is_char_boundary(back.end));
        let fwd = n.to_normalized(Span::new(a, b));
        prop_assert!(fwd.start <= fwd.end && fwd.end <= n.text.len());
        prop_assert!(n.text.is_char_boundary(fwd.start) && n.text.is_char_boundary(fwd.end));
        // The whole text maps to the whole text (less removed characters in front).
        prop_assert_eq!(n.to_original(Span::new(0, n.text.len())).end, s.len());
    }

    /// Spans between tokens of the normalised text map back to original text
    /// that normalises to the same thing (for the context-free options:
    /// `Punctuation::Arabic` looks at the letter before a comma).
    #[test]
    fn mapped_back_tokens_normalise_to_themselves(s in arabic_ish(), o in options()) {
        let o = NormalizeOptions { punctuation: Punctuation::Keep, ..o };
        let norm = Normalizer::new(o);
        let n = norm.normalize(&s);
        for t in text::tokenize(&n.text) {
            let back = n.to_original(t.span);
            let again = norm.normalize(&s[back.range()]).text;
            // A token may start or end inside an expanded ligature; then the
            // original covers the whole ligature and more than the token.
            prop_assert!(again.contains(&n.text[t.span.range()]), "{:?} -> {:?}", &n.text[t.span.range()], again);
        }
    }

    #[test]
    fn tokens_slice_the_input_in_order(s in arabic_ish()) {
        let mut last = 0;
        for t in text::tokenize(&s) {
            prop_assert!(t.span.start >= last && t.span.end > t.span.start);
            prop_assert!(s.get(t.span.range()).is_some());
            prop_assert!(t.span.start <= t.stem.start && t.stem.end <= t.span.end);
            prop_assert!(s.get(t.stem.range()).is_some());
            let mut at = t.span.start;
            for p in t.prefixes() {
                prop_assert_eq!(p.start, at);
                prop_assert!(s.get(p.range()).is_some());
                at = p.end;
            }
            prop_assert_eq!(at, t.stem.start);
            if t.kind != TokenKind::Word {
                prop_assert_eq!(t.stem, t.span);
            }
            last = t.span.end;
        }
    }

    #[test]
    fn surface_tokens_have_the_same_boundaries(s in arabic_ish()) {
        let full: Vec<Span> = text::tokenize(&s).iter().map(|t| t.span).collect();
        let surface = text::tokenize_surface(&s);
        prop_assert!(surface.iter().all(|t| t.stem == t.span && !t.has_clitics()));
        let surface: Vec<Span> = surface.iter().map(|t| t.span).collect();
        prop_assert_eq!(full, surface);
    }

    #[test]
    fn sentences_are_ordered_trimmed_slices(s in arabic_ish()) {
        let mut last = 0;
        for sp in text::sentences(&s) {
            prop_assert!(sp.start >= last && sp.end > sp.start);
            let t = s.get(sp.range());
            prop_assert!(t.is_some());
            let t = t.unwrap_or_default();
            prop_assert_eq!(t.trim(), t);
            prop_assert!(!t.contains('\n'));
            last = sp.end;
        }
    }

    #[test]
    fn stemmers_never_panic(s in arabic_ish()) {
        let _ = text::light_stem(&s);
        let _ = text::root_stem(&s);
    }
}

fn seed() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seed/article.txt"
    );
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(_) => {
            println!("skipped: the seed article is absent ({path})");
            None
        }
    }
}

#[test]
fn seed_article_text_layer() {
    let Some(raw) = seed() else { return };
    let article = khabar::parse_text(&raw).expect("seed parses");
    let t = &article.text;
    let sents: Vec<&str> = article.sentences.iter().map(|s| &t[s.range()]).collect();
    // The headline, with its `..` run-on, is one sentence.
    assert_eq!(
        sents[0],
        "بعد تعزيز \"داعش\" دفاعاته..التحالف يستعد لشن هجوم على البوكمال بدير الزور"
    );
    assert!(sents
        .iter()
        .any(|s| s.starts_with("وأوضح المتحدث الرسمي باسم التحالف ريان ديلون")));
    assert!(sents.len() >= 20, "{}", sents.len());

    // Clitics glued to names come off.
    let tokens = text::tokenize(t);
    let find = |w: &str| tokens.iter().find(|k| &t[k.span.range()] == w).copied();
    let seg = |w: &str| {
        let k = find(w).unwrap_or_else(|| panic!("{w} not found"));
        let mut parts: Vec<&str> = k.prefixes().map(|p| &t[p.range()]).collect();
        parts.push(&t[k.stem.range()]);
        if let Some(s) = k.suffix() {
            parts.push(&t[s.range()]);
        }
        parts.join("+")
    };
    assert_eq!(seg("والبوكمال"), "و+ال+بوكمال");
    assert_eq!(seg("بدير"), "ب+دير");
    assert_eq!(seg("لوكالة"), "ل+وكالة");
    assert_eq!(seg("للتحالف"), "ل+ل+تحالف");
    assert_eq!(seg("دفاعاته"), "دفاعات+ه");
    assert_eq!(seg("وزارة"), "وزارة");
    assert_eq!(seg("سوريا"), "سوريا");
    let stamp = text::tokenize(&raw)
        .into_iter()
        .find(|k| &raw[k.span.range()] == "28.10.2017");
    assert_eq!(stamp.map(|k| k.kind), Some(TokenKind::Number));

    // Normalisation: Latin commas after Arabic words become Arabic commas and
    // every token maps back to the original.
    let n = text::normalize(t, &NormalizeOptions::default());
    assert!(n.text.contains("دير الزور، بعد"));
    for k in text::tokenize(&n.text) {
        let back = n.to_original(k.span);
        assert!(t.get(back.range()).is_some());
    }
    assert_eq!(
        text::normalize(&n.text, &NormalizeOptions::default()).text,
        n.text
    );
}

/// Inputs built to make a careless scanner quadratic; each must finish quickly
/// (a quadratic pass over 2 MB would take minutes in a debug build).
#[test]
fn pathological_inputs_run_in_linear_time() {
    let n = 1 << 21;
    let inputs = [
        format!("\"{}", "قال. ".repeat(n / 10)),
        "a.".repeat(n / 2),
        "a".repeat(n),
        format!("{}x", " ,".repeat(n / 2)),
        "\u{064E}".repeat(n / 2),
        "ـ".repeat(n / 2),
        "1.".repeat(n / 2),
        "و".repeat(n / 2),
        "http://".repeat(n / 7),
        "#".repeat(n),
    ];
    for s in &inputs {
        let start = std::time::Instant::now();
        let n = text::normalize(s, &NormalizeOptions::default());
        let _ = n.to_original(Span::new(0, n.text.len()));
        let toks = text::tokenize(s);
        let sents = text::sentences(s);
        let elapsed = start.elapsed();
        assert!(
            elapsed.as_secs() < 20,
            "{:?}…: {elapsed:?}",
            &s.chars().take(10).collect::<String>()
        );
        assert!(toks.len() <= s.len() && sents.len() <= s.len());
    }
}

proptest! {
    #[test]
    fn char_cursor_agrees_with_char_offsets(s in arabic_ish(), mut offs in prop::collection::vec(0usize..300, 0..20)) {
        let map = khabar::CharOffsets::new(&s);
        let mut cursor = text::CharCursor::new(&s);
        for &o in &offs {
            prop_assert_eq!(cursor.to_char(o), map.to_char(o.min(s.len())));
        }
        offs.sort_unstable();
        for &o in &offs {
            prop_assert_eq!(cursor.to_char(o), map.to_char(o.min(s.len())));
        }
    }
}

/// The same properties on real news: a few hundred ANT articles.
#[test]
fn corpus_properties_hold_on_ant_articles() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/ant/BBC_middleEast.sgml.gz"
    );
    let Ok(bytes) = std::fs::read(path) else {
        println!("skipped: the ANT corpus is absent ({path})");
        return;
    };
    let Ok(sgml) = khabar::input::decode(&bytes) else {
        panic!("ANT file does not decode")
    };
    let recs =
        khabar::input::records(&sgml, khabar::Format::Sgml, &Default::default()).expect("records");
    let pipeline = khabar::Pipeline::new();
    let keep = NormalizeOptions {
        punctuation: Punctuation::Keep,
        ..NormalizeOptions::default()
    };
    let norm = Normalizer::new(keep);
    let mut checked = 0;
    for rec in recs.into_iter().filter_map(|r| r.ok()).take(300) {
        let Ok(article) = pipeline.article(rec) else {
            continue;
        };
        let t = &article.text;
        let n = norm.normalize(t);
        assert_eq!(norm.normalize(&n.text).text, n.text, "{}", article.id);
        for tok in text::tokenize(&n.text) {
            let back = n.to_original(tok.span);
            assert_eq!(
                norm.normalize(&t[back.range()]).text,
                &n.text[tok.span.range()],
                "{}",
                article.id
            );
        }
        for tok in text::tokenize(t) {
            assert!(t.get(tok.stem.range()).is_some());
        }
        for s in &article.sentences {
            assert!(!t[s.range()].contains('\n'));
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The UTF-16 normaliser (used from Python) is the UTF-8 one, unit for unit.
    #[test]
    fn utf16_normalisation_equals_utf8_normalisation(s in arabic_ish(), o in options()) {
        let n = Normalizer::new(o);
        let mut out = Vec::new();
        let changed = n.normalize_utf16le(&utf16le(&s), &mut out);
        let expected = n.normalize(&s).text;
        prop_assert_eq!(changed, expected != s);
        prop_assert_eq!(out, utf16le(&expected));
    }

    /// `lexicon::fold` is `normalize` with `lexicon::FOLD_OPTIONS`, then Latin
    /// lowercased and whitespace collapsed and trimmed: one definition of the
    /// letter folding.
    #[test]
    fn fold_is_normalize_with_fold_options(s in arabic_ish()) {
        let n = text::normalize(&s, &khabar::lexicon::FOLD_OPTIONS).text;
        let lowered: String = n
            .chars()
            .flat_map(|c| {
                let l: Vec<char> = if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) {
                    vec![c.to_ascii_lowercase()]
                } else {
                    c.to_lowercase().collect()
                };
                l
            })
            .collect();
        let expected = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(khabar::lexicon::fold(&s), expected);
    }
}

#[test]
fn utf16_normalisation_keeps_surrogates_and_odd_bytes_defined() {
    let n = Normalizer::default();
    let mut out = Vec::new();
    // A lone surrogate passes through; an odd trailing byte is dropped.
    n.normalize_utf16le(&[0x00, 0xD8, 0x4E, 0x06, 0x41], &mut out);
    assert_eq!(out, [0x00, 0xD8]);
    out.clear();
    n.normalize_utf16le(&[], &mut out);
    assert!(out.is_empty());
}
