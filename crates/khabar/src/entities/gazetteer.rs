//! Gazetteers: names of known things with their label, canonical name and
//! identifier, matched in one Aho-Corasick pass over a folded copy of the text.
//!
//! The built-in lists are the data files under `data/gazetteer/` (see the
//! README there for where each came from); users add their own rows, which take
//! priority over the built-in ones.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::lexicon::{FastMap, FastSet};
use crate::model::Span;

use super::Label;

/// One known thing: what it is, its canonical name and its identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The one name every mention gets.
    pub canonical: String,
    /// PER, ORG, LOC, FAC or NORP.
    pub label: Label,
    /// ISO 3166 code for a country, `geo:LAT,LON` for a place, or a user's id.
    pub id: Option<String>,
}

/// A row a user adds: a name as written, what it is, and optionally its
/// canonical name (the name itself when absent) and identifier.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GazetteerRow {
    /// The name as it appears in text.
    pub name: String,
    /// `PER`, `ORG`, `LOC`, `FAC` or `NORP` (case-insensitive).
    pub label: String,
    /// The canonical name; defaults to `name`.
    #[serde(default)]
    pub canonical: Option<String>,
    /// An identifier to carry to every mention.
    #[serde(default)]
    pub id: Option<String>,
}

/// A name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Bytes of the original text, proclitics outside.
    pub span: Span,
    /// Index of the entry (see [`Gazetteer::entry`]).
    pub entry: u32,
}

/// A set of names compiled into one automaton.
///
/// ```
/// use khabar::entities::{Gazetteer, GazetteerRow};
/// let g = Gazetteer::from_rows(&[GazetteerRow {
///     name: "دير الزور".into(), label: "LOC".into(), canonical: None, id: None,
/// }]).unwrap();
/// let text = "هجوم بدير الزور";
/// let hits = g.find(text);
/// assert_eq!(&text[hits[0].span.range()], "دير الزور");
/// ```
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Pattern index → (entry, elided article): the second form of a name with
    /// `ال` is `ل…`, matched only after a `ل` proclitic (`للتحالف`).
    patterns: Vec<(u32, bool)>,
    keys: FastMap<String, u32>,
    /// The first bytes (up to 6: three Arabic letters) of every pattern, so
    /// that most word starts are rejected without running the automaton.
    starts: FastSet<u64>,
    /// Bit `n` set when some pattern is only `n` (< 6) bytes long.
    short: u8,
    automaton: Option<AhoCorasick>,
}

/// The first (up to) six bytes of `s`, as one number.
#[inline]
fn prefix6(s: &[u8]) -> u64 {
    let mut v = 0u64;
    for &b in s.iter().take(6) {
        v = (v << 8) | u64::from(b);
    }
    v | ((s.len().min(6) as u64) << 56)
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("names", &self.patterns.len())
            .finish()
    }
}

/// The built-in lists: file name and contents.
const BUILTIN: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../data/gazetteer/countries.tsv"),
    ),
    (
        "nationalities.tsv",
        include_str!("../../data/gazetteer/nationalities.tsv"),
    ),
    (
        "cities.tsv",
        include_str!("../../data/gazetteer/cities.tsv"),
    ),
    (
        "regions.tsv",
        include_str!("../../data/gazetteer/regions.tsv"),
    ),
    (
        "facilities.tsv",
        include_str!("../../data/gazetteer/facilities.tsv"),
    ),
    (
        "organisations.tsv",
        include_str!("../../data/gazetteer/organisations.tsv"),
    ),
    (
        "groups.tsv",
        include_str!("../../data/gazetteer/groups.tsv"),
    ),
    (
        "outlets.tsv",
        include_str!("../../data/gazetteer/outlets.tsv"),
    ),
    (
        "people.tsv",
        include_str!("../../data/gazetteer/people.tsv"),
    ),
    (
        "state_bodies.tsv",
        include_str!("../../data/gazetteer/state_bodies.tsv"),
    ),
];

static BUILTIN_GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut b = Builder::default();
    for (_, data) in BUILTIN {
        b.add_tsv(data);
    }
    b.build()
});

/// Names that are also ordinary words (`data/gazetteer/ambiguous.tsv`): never
/// matched on their own, only after a head noun that says what they are
/// (`مدينة الأمل`, `قناة العربية`).
static AMBIGUOUS: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tsv(include_str!("../../data/gazetteer/ambiguous.tsv"));
    b.build()
});

impl Gazetteer {
    /// The built-in gazetteer, compiled once per process on first use.
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN_GAZETTEER
    }

    /// The names that are also ordinary words, for lookups after a cue.
    pub fn ambiguous() -> &'static Gazetteer {
        &AMBIGUOUS
    }

    /// A gazetteer of the user's rows only.
    pub fn from_rows(rows: &[GazetteerRow]) -> Result<Gazetteer> {
        let mut b = Builder::default();
        b.add_rows(rows)?;
        Ok(b.build())
    }

    /// The built-in gazetteer with the user's rows added; where a user's name
    /// folds the same as a built-in one, the user's row wins.
    pub fn with_builtin(rows: &[GazetteerRow]) -> Result<Gazetteer> {
        let mut b = Builder::default();
        b.add_rows(rows)?;
        for (_, data) in BUILTIN {
            b.add_tsv(data);
        }
        Ok(b.build())
    }

    /// Reads rows from a CSV, TSV, JSON (array of objects) or JSON Lines file
    /// with the fields `name`, `label`, `canonical` (optional) and `id`
    /// (optional); CSV and TSV need a header row naming them.
    pub fn read_rows(path: &Path) -> Result<Vec<GazetteerRow>> {
        let data = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        parse_rows(&data, &ext).map_err(|e| e.in_file(path, None))
    }

    /// The entry of a hit.
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no names.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of names (canonical names and variants, both article forms).
    pub fn names(&self) -> usize {
        self.patterns.len()
    }

    /// True when some pattern may start at the start of `rest`.
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        if rest.len() >= 6 && self.starts.contains(&prefix6(&rest[..6])) {
            return true;
        }
        (1..6).any(|n| {
            self.short & (1 << n) != 0
                && rest.len() >= n
                && self.starts.contains(&prefix6(&rest[..n]))
        })
    }

    /// Every folded name and its entry.
    pub fn keys(&self) -> Vec<(String, u32)> {
        self.keys.iter().map(|(k, &e)| (k.clone(), e)).collect()
    }

    /// The entry a name (as written, any spelling variant) belongs to.
    pub fn lookup(&self, name: &str) -> Option<u32> {
        let key = fold_key(name);
        self.keys.get(&key).copied()
    }

    /// The entry of an already folded name (see [`fold_key`]).
    pub fn lookup_folded(&self, key: &str) -> Option<u32> {
        self.keys.get(key).copied()
    }

    /// Every known name in `text`, left to right, not overlapping; a name
    /// starts at a word start or after proclitics (`وبغداد`, `بدير الزور`,
    /// `للتحالف`) and ends at a word end. Quote marks, parentheses, diacritics
    /// and tatweel inside a name are skipped (`قوات "سوريا الديمقراطية"`).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let folded = Folded::new(text);
        self.find_folded(text, &folded)
    }

    /// [`Gazetteer::find`] on text folded once for several gazetteers.
    pub fn find_folded(&self, original: &str, f: &Folded) -> Vec<Hit> {
        let mut hits = Vec::new();
        let Some(ac) = &self.automaton else {
            return hits;
        };
        let bytes = f.text.as_bytes();
        let text = f.text.as_str();
        let mut i = 0;
        while i < bytes.len() {
            // The next word start: a letter after a non-letter.
            let Some(start) = next_word_start(text, i) else {
                break;
            };
            let mut next = word_end(text, start);
            for (at, elided_ok) in candidates(text, start, next) {
                if !self.may_start(&bytes[at..]) {
                    continue;
                }
                let input = Input::new(bytes).range(at..).anchored(Anchored::Yes);
                let Some(m) = ac.find(input) else {
                    continue;
                };
                let (entry, elided) = self.patterns[m.pattern().as_usize()];
                if elided && !elided_ok {
                    continue;
                }
                if !ends_word(text, m.end()) {
                    continue;
                }
                hits.push(Hit {
                    span: close_marks(original, f.original(m.start(), m.end())),
                    entry,
                });
                next = m.end();
                break;
            }
            i = next.max(start + 1);
        }
        hits
    }
}

/// Accumulates names, first writer wins per folded key.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    keys: FastMap<String, u32>,
    canonical: HashMap<(String, Label), u32>,
}

impl Builder {
    fn entry(&mut self, canonical: &str, label: Label, id: Option<&str>) -> u32 {
        let key = (canonical.to_owned(), label);
        if let Some(&e) = self.canonical.get(&key) {
            return e;
        }
        let e = self.entries.len() as u32;
        self.entries.push(Entry {
            canonical: canonical.to_owned(),
            label,
            id: id.filter(|s| !s.is_empty()).map(str::to_owned),
        });
        self.canonical.insert(key, e);
        e
    }

    fn name(&mut self, name: &str, entry: u32) {
        let key = fold_key(name);
        if key.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return;
        }
        self.keys.entry(key).or_insert(entry);
    }

    fn add_tsv(&mut self, data: &str) {
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(canonical), Some(label)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Some(label) = Label::parse(label) else {
                continue;
            };
            let canonical = canonical.trim();
            let id = cols.next().map(str::trim);
            let e = self.entry(canonical, label, id);
            self.name(canonical, e);
            if let Some(variants) = cols.next() {
                for v in variants.split('|').map(str::trim).filter(|v| !v.is_empty()) {
                    self.name(v, e);
                }
            }
        }
    }

    fn add_rows(&mut self, rows: &[GazetteerRow]) -> Result<()> {
        for (i, row) in rows.iter().enumerate() {
            let label = Label::parse(&row.label).ok_or_else(|| {
                Error::Option(format!(
                    "gazetteer row {}: label {:?} is not one of PER, ORG, LOC, FAC, NORP",
                    i + 1,
                    row.label
                ))
            })?;
            let name = row.name.trim();
            if name.is_empty() {
                return Err(Error::Option(format!(
                    "gazetteer row {}: empty name",
                    i + 1
                )));
            }
            let canonical = row.canonical.as_deref().map(str::trim).unwrap_or(name);
            let e = self.entry(canonical, label, row.id.as_deref());
            // A user's row replaces a built-in one with the same name: users
            // come first, and the first writer keeps the key.
            self.name(name, e);
            self.name(canonical, e);
        }
        Ok(())
    }

    fn build(self) -> Gazetteer {
        let mut keys: Vec<(&String, &u32)> = self.keys.iter().collect();
        keys.sort();
        let mut patterns = Vec::with_capacity(keys.len() * 2);
        let mut strings: Vec<String> = Vec::with_capacity(keys.len() * 2);
        for (k, &e) in &keys {
            patterns.push((e, false));
            strings.push((*k).clone());
            if let Some(rest) = k.strip_prefix("ال") {
                if rest.chars().count() >= 2 {
                    patterns.push((e, true));
                    strings.push(format!("ل{rest}"));
                }
            }
        }
        let starts = strings.iter().map(|p| prefix6(p.as_bytes())).collect();
        let short = strings
            .iter()
            .filter(|p| p.len() < 6)
            .fold(0u8, |m, p| m | (1 << p.len()));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&strings)
            .ok();
        Gazetteer {
            entries: self.entries,
            patterns,
            keys: self.keys,
            starts,
            short,
            automaton,
        }
    }
}

fn parse_rows(data: &str, ext: &str) -> Result<Vec<GazetteerRow>> {
    let bad = |line: usize, message: String| Error::parse("gazetteer", Some(line), message);
    match ext {
        "json" => serde_json::from_str(data).map_err(|e| bad(e.line(), e.to_string())),
        "jsonl" | "ndjson" => data
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| serde_json::from_str(l).map_err(|e| bad(i + 1, e.to_string())))
            .collect(),
        _ => {
            let sep = if ext == "tsv" || data.lines().next().is_some_and(|l| l.contains('\t')) {
                '\t'
            } else {
                ','
            };
            let mut lines = data
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty());
            let Some((_, header)) = lines.next() else {
                return Ok(Vec::new());
            };
            let header: Vec<String> = split_csv(header, sep)
                .into_iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            let col = |n: &str| header.iter().position(|h| h == n);
            let (Some(name), Some(label)) = (col("name"), col("label")) else {
                return Err(bad(
                    1,
                    "the header must name the columns `name` and `label` (and optionally `canonical`, `id`)".into(),
                ));
            };
            let (canonical, id) = (col("canonical"), col("id"));
            lines
                .map(|(i, l)| {
                    let f = split_csv(l, sep);
                    let get = |c: Option<usize>| {
                        c.and_then(|c| f.get(c))
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty())
                    };
                    Ok(GazetteerRow {
                        name: get(Some(name))
                            .ok_or_else(|| bad(i + 1, "the row has no name".into()))?,
                        label: get(Some(label))
                            .ok_or_else(|| bad(i + 1, "the row has no label".into()))?,
                        canonical: get(canonical),
                        id: get(id),
                    })
                })
                .collect()
        }
    }
}

/// Splits one CSV line, honouring double-quoted fields with `""` escapes.
fn split_csv(line: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if cur.trim().is_empty() => {
                cur.clear();
                quoted = true;
            }
            c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Folds one character for matching names: `None` drops it.
#[inline]
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200B}'..='\u{200F}' => return None,
        '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '″' | '(' | ')' | '[' | ']' => {
            return None
        }
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    })
}

/// Folds a name the way [`Folded`] folds text (see [`Gazetteer::find`]).
///
/// ```
/// use khabar::entities::fold_key;
/// assert_eq!(fold_key("قوات \"سوريا الديمقراطية\""), fold_key("قوات سوريا الديمقراطيه"));
/// ```
pub fn fold_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_key_into(name, &mut out);
    out
}

/// [`fold_key`] appending to `out` (which it does not clear).
pub fn fold_key_into(name: &str, out: &mut String) {
    let base = out.len();
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = out.len() > base;
            continue;
        }
        let Some(f) = fold_char(c) else { continue };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(f);
    }
}

/// Text folded for matching, with the way back to the original bytes.
pub struct Folded {
    /// The folded text: one space for each run of whitespace.
    pub text: String,
    /// For each folded byte, the original byte where its character starts.
    starts: Vec<u32>,
    /// For each folded byte, the original byte where its character ends.
    ends: Vec<u32>,
}

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len());
        let mut ends = Vec::with_capacity(text.len());
        let mut space = false;
        for (i, c) in text.char_indices() {
            let end = (i + c.len_utf8()) as u32;
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            let Some(f) = fold_char(c) else { continue };
            if space {
                out.push(' ');
                starts.push(i as u32);
                ends.push(i as u32);
                space = false;
            }
            out.push(f);
            for _ in 0..f.len_utf8() {
                starts.push(i as u32);
                ends.push(end);
            }
        }
        Folded {
            text: out,
            starts,
            ends,
        }
    }

    /// The original span of the folded bytes `start..end`.
    pub fn original(&self, start: usize, end: usize) -> Span {
        let s = self.starts.get(start).copied().unwrap_or(0) as usize;
        let e = if end > start {
            self.ends.get(end - 1).copied().unwrap_or(0) as usize
        } else {
            s
        };
        Span::new(s, e.max(s))
    }

    /// The folded byte where the original byte `at` is (or the next one).
    pub fn folded_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) < at)
    }
}

/// Extends a span over a closing mark whose opening mark it holds
/// (`حقل (العمر` → `حقل (العمر)`).
pub(crate) fn close_marks(text: &str, span: Span) -> Span {
    let inside = &text[span.range()];
    let opens = inside
        .chars()
        .filter(|c| matches!(c, '(' | '«' | '“'))
        .count();
    let closes = inside
        .chars()
        .filter(|c| matches!(c, ')' | '»' | '”'))
        .count();
    let quotes = inside.chars().filter(|&c| c == '"').count();
    let rest = &text[span.end..];
    match rest.chars().next() {
        Some(c @ (')' | '»' | '”')) if opens > closes => {
            Span::new(span.start, span.end + c.len_utf8())
        }
        Some('"') if quotes % 2 == 1 => Span::new(span.start, span.end + 1),
        _ => span,
    }
}

/// A letter or digit: Arabic letters and ASCII without a table lookup.
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{0671}'..='\u{06D3}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// The first word start at or after byte `i` (a char boundary): a letter
/// whose previous character is not one.
fn next_word_start(s: &str, i: usize) -> Option<usize> {
    let mut prev_letter = s[..i].chars().next_back().is_some_and(is_letter);
    for (j, c) in s[i..].char_indices() {
        let letter = is_letter(c);
        if letter && !prev_letter {
            return Some(i + j);
        }
        prev_letter = letter;
    }
    None
}

fn ends_word(s: &str, i: usize) -> bool {
    !s[i..].chars().next().is_some_and(is_letter)
}

fn word_end(s: &str, i: usize) -> usize {
    s[i..]
        .char_indices()
        .find(|&(_, c)| !is_letter(c))
        .map_or(s.len(), |(j, _)| i + j)
}

/// Where a name may start in the word `s[i..end]`: at the word, or after the
/// proclitics و ف ب ل ك (at most two: `وبالبوكمال`). The flag says whether a
/// `ل` proclitic precedes (so an elided-article form may match).
fn candidates(s: &str, i: usize, end: usize) -> impl Iterator<Item = (usize, bool)> + '_ {
    let word = &s[i..end];
    let mut out: [(usize, bool); 3] = [(i, false); 3];
    let mut n = 1;
    let mut at = 0;
    for c in word.chars().take(2) {
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            break;
        }
        at += c.len_utf8();
        if word[at..].chars().count() < 2 {
            break;
        }
        out[n] = (i + at, c == 'ل');
        n += 1;
    }
    out.into_iter().take(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(rows: &[(&str, &str, &str)]) -> Gazetteer {
        let rows: Vec<GazetteerRow> = rows
            .iter()
            .map(|(n, l, c)| GazetteerRow {
                name: (*n).into(),
                label: (*l).into(),
                canonical: (!c.is_empty()).then(|| (*c).into()),
                id: None,
            })
            .collect();
        Gazetteer::from_rows(&rows).unwrap()
    }

    fn found<'a>(g: &Gazetteer, text: &'a str) -> Vec<(&'a str, String)> {
        g.find(text)
            .into_iter()
            .map(|h| (&text[h.span.range()], g.entry(h.entry).canonical.clone()))
            .collect()
    }

    #[test]
    fn clitics_stay_outside_and_words_stay_whole() {
        let g = g(&[
            ("البوكمال", "LOC", ""),
            ("دير الزور", "LOC", ""),
            ("التحالف الدولي", "ORG", ""),
            ("مصر", "LOC", ""),
        ]);
        assert_eq!(
            found(&g, "والبوكمال بدير الزور وللتحالف الدولي"),
            [
                ("البوكمال", "البوكمال".to_string()),
                ("دير الزور", "دير الزور".to_string()),
                ("لتحالف الدولي", "التحالف الدولي".to_string()),
            ]
        );
        // A name inside a longer word is not a mention.
        assert!(found(&g, "المصرية ومصرف").is_empty());
        assert_eq!(found(&g, "في مصر.").len(), 1);
    }

    #[test]
    fn quote_marks_and_spelling_variants_inside_names() {
        let g = g(&[
            ("قوات سوريا الديمقراطية", "ORG", "قسد"),
            ("إسرائيل", "LOC", ""),
        ]);
        let text = "مع قوات \"سوريا الديمقراطية\" في اسرائيل";
        assert_eq!(
            found(&g, text),
            [
                ("قوات \"سوريا الديمقراطية\"", "قسد".to_string()),
                ("اسرائيل", "إسرائيل".to_string())
            ]
        );
    }

    #[test]
    fn longest_name_wins() {
        let g = g(&[
            ("الولايات المتحدة", "LOC", ""),
            ("الولايات المتحدة الأمريكية", "LOC", "الولايات المتحدة"),
        ]);
        let text = "بقيادة الولايات المتحدة الأمريكية, يوم";
        assert_eq!(found(&g, text)[0].0, "الولايات المتحدة الأمريكية");
    }

    #[test]
    fn user_rows_from_files() {
        let csv =
            "name,label,canonical,id\n\"سبوتنيك, الوكالة\",ORG,سبوتنيك,\nديلون,PER,ريان ديلون,Q1\n";
        let rows = parse_rows(csv, "csv").unwrap();
        assert_eq!(rows[0].name, "سبوتنيك, الوكالة");
        assert_eq!(rows[1].id.as_deref(), Some("Q1"));
        let rows = parse_rows("{\"name\": \"x\", \"label\": \"PER\"}\n{bad\n", "jsonl");
        match rows {
            Err(Error::Parse { line, .. }) => assert_eq!(line, Some(2)),
            other => panic!("{other:?}"),
        }
        assert!(parse_rows("naam,label\nx,PER\n", "csv").is_err());
        let bad = [GazetteerRow {
            name: "x".into(),
            label: "THING".into(),
            canonical: None,
            id: None,
        }];
        assert!(Gazetteer::from_rows(&bad).is_err());
    }

    #[test]
    fn builtin_loads_and_finds_the_seed_places() {
        let g = Gazetteer::builtin();
        assert!(g.len() > 1000, "{}", g.len());
        let text = "الحدود بين سوريا والعراق";
        let hits = found(g, text);
        assert!(hits.iter().any(|(s, _)| *s == "سوريا"), "{hits:?}");
        assert!(hits.iter().any(|(s, _)| *s == "العراق"), "{hits:?}");
    }
}
