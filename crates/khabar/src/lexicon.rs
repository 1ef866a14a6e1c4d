//! Lexicons compiled into the crate from the data files under `data/`, each parsed
//! once on first use.
//!
//! Lookups go through [`fold`], so one spelling in a file matches its hamza,
//! alef, alef-maqsura, diacritic and tatweel variants in text.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::text::{NormalizeOptions, Normalizer};

/// The [`NormalizeOptions`] that [`fold`] applies to Arabic letters: diacritics
/// and tatweel removed, alef forms and alef maqsura unified, everything else off.
pub const FOLD_OPTIONS: NormalizeOptions = NormalizeOptions {
    diacritics: true,
    tatweel: true,
    alef: true,
    alef_maqsura: true,
    ..NormalizeOptions::none()
};

/// The normaliser whose table [`fold`] uses for the Arabic block.
static FOLDER: LazyLock<Normalizer> = LazyLock::new(|| Normalizer::new(FOLD_OPTIONS));

/// Folds a name for lookup.
///
/// Defined as [`text::normalize`](crate::text::normalize) with [`FOLD_OPTIONS`]
/// (strip diacritics, Quranic marks and tatweel; `أ إ آ ٱ ٲ ٳ` → `ا`; `ى` → `ي`),
/// then letters outside the Arabic block lowercased, runs of whitespace
/// collapsed to one space and the ends trimmed. It reads the same mapping table
/// as `normalize`, and a property test checks the two agree on any string;
/// it is a specialisation (no alignment, one pass, plain Arabic words copied
/// whole), not a second definition. Folding is idempotent.
///
/// ```
/// assert_eq!(khabar::lexicon::fold("الإثنين"), khabar::lexicon::fold("الاثنين"));
/// assert_eq!(khabar::lexicon::fold("  Reuters "), "reuters");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appending to `out`, so that many words can share one buffer.
pub fn fold_into(s: &str, out: &mut String) {
    // Most words are plain Arabic letters that folding leaves alone: copy them
    // whole.
    if s.chars().all(|c| {
        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
            && !matches!(c, 'أ' | 'إ' | 'آ' | 'ى')
    }) {
        out.push_str(s);
        return;
    }
    let base = out.len();
    let mut space = false;
    for c in s.chars() {
        let c = if ('\u{0600}'..='\u{06FF}').contains(&c) {
            match FOLDER.map_arabic(c) {
                Some(c) => c,
                None => continue,
            }
        } else if c.is_whitespace() {
            space = out.len() > base;
            continue;
        } else {
            c
        };
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
}

/// [`fold`] of one character that is not whitespace, for callers that fold
/// character by character (hashing words): `emit` gets the characters it
/// folds to, none when folding drops it.
pub(crate) fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        if let Some(c) = FOLDER.map_arabic(c) {
            emit(c);
        }
    } else if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(emit);
    }
}

/// FNV-1a: lexicon keys are short words and fixed at build time, so a simple
/// fast hash beats the default SipHash (whose flood resistance protects maps
/// that untrusted input inserts into; these only look up).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map hashed with [`Fnv`], for tables built once and only looked up.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A set hashed with [`Fnv`], for word lists built once and only looked up.
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

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
    map: FastMap<String, V>,
    /// First words of the names that have more than one (`تشرين` of `تشرين الأول`).
    first_words: FastSet<String>,
    /// Longest name in words, so callers know how far to look ahead.
    pub max_words: usize,
}

impl<V: Clone> Table<V> {
    fn build(data: &'static str, value: impl Fn(&[&'static str]) -> Option<V>) -> Self {
        let mut map = FastMap::default();
        let mut first_words = FastSet::default();
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

    /// The value for a name that is already folded (see [`fold`]): no allocation.
    pub fn get_folded(&self, folded: &str) -> Option<V> {
        self.map.get(folded).cloned()
    }

    /// Every name, folded.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// True when a folded word is the first word of a name of two or more words.
    pub fn starts_name_folded(&self, folded: &str) -> bool {
        self.first_words.contains(folded)
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

/// A folded-phrase → rows table for lexicons where one phrase can play several
/// roles (`اليوم` is both "today" and the unit "day"): every row of a phrase is
/// kept, in file order.
pub struct Phrases {
    map: FastMap<String, Vec<Vec<&'static str>>>,
    /// Every proper word prefix of a phrase (`في الفترة` of `في الفترة الأخيرة`),
    /// so that a scan can stop as soon as no phrase can follow.
    prefixes: FastSet<String>,
    /// Longest phrase in words, so callers know how far to look ahead.
    pub max_words: usize,
}

impl Phrases {
    fn build(data: &'static str) -> Self {
        let mut map: FastMap<String, Vec<Vec<&'static str>>> = FastMap::default();
        let mut prefixes = FastSet::default();
        let mut max_words = 1;
        for row in rows(data) {
            let Some(name) = row.first() else { continue };
            let key = fold(name);
            if key.is_empty() {
                continue;
            }
            max_words = max_words.max(key.split(' ').count());
            for (i, _) in key.match_indices(' ') {
                prefixes.insert(key[..i].to_owned());
            }
            map.entry(key).or_default().push(row[1..].to_vec());
        }
        Phrases {
            map,
            prefixes,
            max_words,
        }
    }

    /// Every row for a phrase that is already folded (see [`fold`]): the fields
    /// after the phrase.
    pub fn rows_folded(&self, folded: &str) -> &[Vec<&'static str>] {
        self.map.get(folded).map_or(&[], Vec::as_slice)
    }

    /// The second field of the first row of `folded` whose first field is `class`.
    pub fn class_folded(&self, folded: &str, class: &str) -> Option<&'static str> {
        self.rows_folded(folded)
            .iter()
            .find(|r| r.first() == Some(&class))
            .map(|r| r.get(1).copied().unwrap_or(""))
    }

    /// Every phrase, folded.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// True when a folded word sequence is a phrase or the start of a longer one.
    pub fn starts_phrase(&self, folded: &str) -> bool {
        self.map.contains_key(folded) || self.prefixes.contains(folded)
    }

    /// True when a folded word sequence is the start of a longer phrase.
    pub fn is_prefix(&self, folded: &str) -> bool {
        self.prefixes.contains(folded)
    }

    /// True when some row of `folded` has class `class`.
    pub fn has(&self, folded: &str, class: &str) -> bool {
        self.class_folded(folded, class).is_some()
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Hijri month names → 1–12 (Muharram = 1).
pub static HIJRI_MONTHS: LazyLock<Table<u32>> =
    LazyLock::new(|| Table::build(include_str!("../data/hijri_months.tsv"), number));

/// Words of time expressions (relative days, units, parts of day, vague
/// references), each with its class and argument; see `data/time_words.tsv`.
pub static TIME_WORDS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::build(include_str!("../data/time_words.tsv")));

/// Arabic number words with their class and value; see `data/numbers.tsv`.
pub static NUMBER_WORDS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::build(include_str!("../data/numbers.tsv")));

/// Units a quantity can take → unit and category; see `data/units.tsv`.
pub static UNITS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::build(include_str!("../data/units.tsv")));

/// Words around numbers (hedges, identifiers, range joiners); see
/// `data/quantity_context.tsv`.
pub static QUANTITY_CONTEXT: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::build(include_str!("../data/quantity_context.tsv")));

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
        assert_eq!(HIJRI_MONTHS.get("ذي الحجة"), Some(12));
        assert_eq!(TIME_WORDS.class_folded("اليوم", "day"), Some("0"));
        assert_eq!(TIME_WORDS.class_folded("اليوم", "unit"), Some("day"));
        assert_eq!(NUMBER_WORDS.class_folded(&fold("ثلاثة"), "unit"), Some("3"));
        assert_eq!(
            UNITS.class_folded(&fold("كيلومترات"), "km"),
            Some("distance")
        );
    }

    #[test]
    fn fold_is_idempotent_and_strips_marks() {
        for s in ["مُحَمَّد", "العربيـــة", "  a  B ", "إبريل"] {
            assert_eq!(fold(&fold(s)), fold(s));
        }
        assert_eq!(fold("مُحَمَّد"), "محمد");
        assert_eq!(fold("العربيـــة"), "العربية");
    }

    #[test]
    fn fold_char_is_fold_of_one_character() {
        let chars = (0..0x800u32).chain(0x1E00..0x1F00).chain(0xFB50..0xFE00);
        for c in chars
            .filter_map(char::from_u32)
            .filter(|c| !c.is_whitespace())
        {
            let mut one = String::new();
            fold_char(c, |f| one.push(f));
            assert_eq!(one, fold(&c.to_string()), "{c:?}");
        }
    }
}
