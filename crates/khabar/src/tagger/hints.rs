//! Gazetteer and trigger hints from the lexicons already in the crate: places
//! (`data/places.tsv`) and outlets (`data/outlets.tsv`) as gazetteer names,
//! roles and titles (`data/roles.txt`) as person triggers, and head nouns of
//! organisations and places (`data/tagger_triggers.tsv`).

use std::sync::LazyLock;

use super::{Hint, Label};
use crate::lexicon::{fold, FastSet, OUTLETS, PLACES};

static ROLES: LazyLock<FastSet<String>> = LazyLock::new(|| {
    include_str!("../../data/roles.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(fold)
        .collect()
});

static HEADS: LazyLock<Vec<(String, Label)>> = LazyLock::new(|| {
    include_str!("../../data/tagger_triggers.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (w, lab) = l.split_once('\t')?;
            Some((fold(w.trim()), lab.trim().parse().ok()?))
        })
        .collect()
});

/// The spellings of a word to look up: as written, without a proclitic
/// (`و ف ب ل ك`, one or two of them), and `لل` read as `ال`.
fn variants(folded: &str) -> Vec<String> {
    let mut out = vec![folded.to_owned()];
    let mut rest = folded;
    for _ in 0..2 {
        let Some(c) = rest.chars().next() else { break };
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            break;
        }
        rest = &rest[c.len_utf8()..];
        if rest.chars().count() < 2 {
            break;
        }
        out.push(rest.to_owned());
        if c == 'ل' && rest.starts_with('ل') {
            out.push(format!("ا{rest}"));
        }
    }
    out
}

/// Hints for each word of a sentence from the crate's own lexicons: a
/// gazetteer label on the words of a known place or outlet name (longest
/// match first, a proclitic allowed on the first word) and a trigger on role
/// words and head nouns.
///
/// ```
/// use khabar::tagger::{default_hints, Label};
/// let h = default_hints(&["قصف", "بدير", "الزور", "قال", "الرئيس"]);
/// assert_eq!(h[1].gazetteer, Some(Label::Loc));
/// assert!(h[1].begins && !h[2].begins);
/// assert_eq!(h[2].gazetteer, Some(Label::Loc));
/// assert_eq!(h[4].trigger, Some(Label::Per));
/// ```
pub fn default_hints(words: &[&str]) -> Vec<Hint> {
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut out = vec![Hint::default(); words.len()];
    let max = PLACES.max_words.max(OUTLETS.max_words).clamp(1, 6);
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        'outer: for first in variants(&folded[i]) {
            for n in (1..=max.min(words.len() - i)).rev() {
                let mut phrase = first.clone();
                for w in &folded[i + 1..i + n] {
                    phrase.push(' ');
                    phrase.push_str(w);
                }
                let label = if PLACES.get_folded(&phrase).is_some() {
                    Some(Label::Loc)
                } else if OUTLETS.get_folded(&phrase).is_some() {
                    Some(Label::Org)
                } else {
                    None
                };
                if let Some(l) = label {
                    for (k, h) in out[i..i + n].iter_mut().enumerate() {
                        h.gazetteer = Some(l);
                        h.begins = k == 0;
                    }
                    matched = n;
                    break 'outer;
                }
            }
        }
        for (k, f) in folded[i..i + matched.max(1)].iter().enumerate() {
            let h = &mut out[i + k];
            for v in variants(f) {
                if ROLES.contains(&v) {
                    h.trigger = Some(Label::Per);
                } else if let Some((_, l)) = HEADS.iter().find(|(w, _)| *w == v) {
                    h.trigger = Some(*l);
                }
                if h.trigger.is_some() {
                    break;
                }
            }
        }
        i += matched.max(1);
    }
    out
}
