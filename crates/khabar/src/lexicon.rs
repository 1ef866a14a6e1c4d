//! Lexicons compiled into the crate from the data files under `data/`, each parsed
//! once on first use.
//!
//! Lookups go through [`fold`], so one spelling in a file matches its hamza,
//! alef, alef-maqsura, diacritic and tatweel variants in text.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::{NormalizeOptions, Normalizer, Punctuation};

/// Folds a name for lookup: the text normaliser ([`crate::text::normalize`])
/// with its letter folds (diacritics, Quranic marks and tatweel removed, alef
/// forms `أ إ آ ٱ` → `ا`, alef maqsura `ى` → `ي`, Persian letter variants,
/// presentation forms, invisible controls), then Latin letters lowercased and
/// whitespace collapsed. Folding is idempotent.
///
/// ```
/// assert_eq!(khabar::lexicon::fold("الإثنين"), khabar::lexicon::fold("الاثنين"));
/// assert_eq!(khabar::lexicon::fold("  Reuters "), "reuters");
/// ```
pub fn fold(s: &str) -> String {
    let normalized = FOLD.normalize(s).text;
    if already_folded(&normalized) {
        return normalized;
    }
    let mut out = String::with_capacity(normalized.len());
    let mut space = false;
    for c in normalized.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`fold`] into a buffer the caller reuses (cleared first).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.push_str(&fold(s));
}

/// True when `s` has no ASCII capitals, no whitespace but single inner spaces,
/// and no characters outside ASCII and the Arabic block (which would need a
/// Unicode lowercase): the common case of a name already in lexicon form.
fn already_folded(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    for &c in b {
        match c {
            b'A'..=b'Z' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1C..=0x1F => return false,
            b' ' if space => return false,
            b' ' => space = true,
            0xC0..=0xD7 | 0xDC..=0xFF => return false,
            _ => space = false,
        }
    }
    true
}

/// The normaliser behind [`fold`]: letters folded, digits, quotes and
/// punctuation as written.
static FOLD: LazyLock<Normalizer> = LazyLock::new(|| {
    Normalizer::new(NormalizeOptions {
        alef_maqsura: true,
        digits: false,
        punctuation: Punctuation::Keep,
        quotes: false,
        ..NormalizeOptions::default()
    })
});

/// Rows of a tab-separated data file: comment lines (`#`) and blank lines skipped,
/// fields split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// A folded-name → value table built from one data file.
pub struct Table<V> {
    map: HashMap<String, V>,
    /// First words of the names that have more than one (`تشرين` of `تشرين الأول`).
    first_words: std::collections::HashSet<String>,
    /// Longest name in words, so callers know how far to look ahead.
    pub max_words: usize,
}

impl<V: Clone> Table<V> {
    fn build(data: &'static str, value: impl Fn(&[&'static str]) -> Option<V>) -> Self {
        let mut map = HashMap::new();
        let mut first_words = std::collections::HashSet::new();
        let mut max_words = 1;
        for row in rows(data) {
            let (Some(name), Some(v)) = (row.first(), value(&row)) else {
                continue;
            };
            let key = fold(name);
            let words = key.split(' ').count();
            max_words = max_words.max(words);
            if let Some((first, _)) = key.split_once(' ') {
                first_words.insert(first.to_owned());
            }
            map.entry(key).or_insert(v);
        }
        Table {
            map,
            first_words,
            max_words,
        }
    }

    /// True when `word` is the first word of a name of two or more words.
    pub fn starts_name(&self, word: &str) -> bool {
        self.first_words.contains(&fold(word))
    }

    /// The value for `name` (any spelling variant that folds the same).
    pub fn get(&self, name: &str) -> Option<V> {
        self.map.get(&fold(name)).cloned()
    }

    /// Number of names in the table.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the table has no names.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn number(row: &[&str]) -> Option<u32> {
    row.get(1)?.trim().parse().ok()
}

fn text(row: &[&'static str]) -> Option<&'static str> {
    row.get(1).copied()
}

/// Month names (Levantine, Egyptian/Gulf, Maghrebi, English, French) → 1–12.
pub static MONTHS: LazyLock<Table<u32>> =
    LazyLock::new(|| Table::build(include_str!("../data/months.tsv"), number));

/// Weekday names → ISO weekday number (Monday = 1).
pub static WEEKDAYS: LazyLock<Table<u32>> =
    LazyLock::new(|| Table::build(include_str!("../data/weekdays.tsv"), number));

/// News outlets and agencies → canonical name.
pub static OUTLETS: LazyLock<Table<&'static str>> =
    LazyLock::new(|| Table::build(include_str!("../data/outlets.tsv"), text));

/// Dateline places → ISO 3166-1 country code.
pub static PLACES: LazyLock<Table<&'static str>> =
    LazyLock::new(|| Table::build(include_str!("../data/places.tsv"), text));

/// Page-furniture lines of news sites (`اقرأ أيضا`, `شارك`, `التعليقات`) → the
/// rule for them: `line`, `prefix` or `stop` (see `data/boilerplate.tsv`).
pub static BOILERPLATE: LazyLock<Table<&'static str>> =
    LazyLock::new(|| Table::build(include_str!("../data/boilerplate.tsv"), text));

/// Hints in HTML class and id names (`comment`, `related`, `article`) and what
/// they say: `strong`, `negative`, `positive` or `segment` (see
/// `data/html_classes.tsv`). Patterns are lowercase ASCII, matched inside tokens.
pub static CLASS_HINTS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    rows(include_str!("../data/html_classes.tsv"))
        .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_fold_variants() {
        assert_eq!(MONTHS.get("تشرين الأول"), Some(10));
        assert_eq!(MONTHS.get("اكتوبر"), Some(10));
        assert_eq!(MONTHS.get("جانفي"), Some(1));
        assert_eq!(MONTHS.get("AUGUST"), Some(8));
        assert_eq!(MONTHS.max_words, 2);
        assert_eq!(WEEKDAYS.get("الاحد"), Some(7));
        assert_eq!(OUTLETS.get("سيريانيوز"), Some("سيريانيوز"));
        assert_eq!(OUTLETS.get("العربية.نت"), Some("العربية.نت"));
        assert_eq!(PLACES.get("دمشق"), Some("SY"));
        assert_eq!(PLACES.get("ابوظبي"), Some("AE"));
        assert_eq!(BOILERPLATE.get("اقرا ايضا"), Some("prefix"));
        assert!(CLASS_HINTS.contains(&("comment", "strong")));
    }

    #[test]
    fn fold_is_idempotent_and_strips_marks() {
        for s in [
            "مُحَمَّد",
            "العربيـــة",
            "  a  B ",
            "إبريل",
            "ﻻ\u{200F}ی",
            "İstanbul",
        ] {
            assert_eq!(fold(&fold(s)), fold(s));
        }
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("العربيـــة"), "العربية");
    }
}
