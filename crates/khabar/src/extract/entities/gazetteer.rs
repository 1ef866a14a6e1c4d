//! Gazetteers: names of known things with their label, canonical name and
//! identifier, matched in one pass over a folded copy of the text: a byte trie
//! of every name, tried anchored at each word start.
//!
//! The built-in lists are the data files under `data/gazetteer/` (see the
//! README there for where each came from); users add their own rows, which take
//! priority over the built-in ones.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::lexicon::FastMap;
use crate::model::Span;

use super::canonical::Near;
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
    /// True for a row the user added.
    pub user: bool,
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

/// A set of names compiled into one trie.
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
    /// The patterns of [`Gazetteer::ambiguous`] (entries of that gazetteer),
    /// in the same trie, so that one pass finds both (see
    /// [`Gazetteer::find_with_ambiguous_in`]); empty in the ambiguous
    /// gazetteer itself.
    ambiguous: Vec<(u32, bool)>,
    /// The trie's string index → (pattern, ambiguous pattern), `u32::MAX`
    /// for none: a string can be a name of both lists.
    slots: Vec<[u32; 2]>,
    keys: FastMap<String, u32>,
    /// The first word (run of letters, [`is_letter`]) of every pattern,
    /// hashed into a bitset (see [`word_bit`]): a name can start only where
    /// the text's word from there to its end is some name's first word, so
    /// most word starts are rejected without walking the trie.
    first_words: Vec<u64>,
    /// The patterns and ambiguous patterns as a byte trie of [`slots`](Self::slots):
    /// names are matched anchored at word
    /// starts (the anchored search of a leftmost-longest Aho-Corasick
    /// automaton, without the failure links it never follows).
    trie: Trie,
    /// The index of names within one edit (see [`near`](super::canonical::near)), built
    /// the first time a mention asks for it, once per gazetteer.
    near: OnceLock<Near>,
}

/// A byte trie, breadth first: the children of a node are consecutive nodes,
/// so a node needs no edge list of its own.
#[derive(Default)]
struct Trie {
    /// The byte on the edge into each node (0 for the root).
    byte: Vec<u8>,
    /// The nodes: what a step of the walk reads of a node is in one place.
    nodes: Vec<Node>,
    /// Children by byte (`u32::MAX` for none) of the nodes with many.
    dense: Vec<u32>,
}

/// A node of a [`Trie`].
#[derive(Clone, Copy)]
struct Node {
    /// The first child.
    first: u32,
    /// The pattern ending here, or `u32::MAX`.
    pattern: u32,
    /// Where a node with many children has its 256 children by byte in
    /// `dense` (`u32::MAX` for a node without).
    dense_at: u32,
    /// The number of children.
    count: u16,
}

/// A trie while [`Trie::new`] builds it: one vector a field of [`Node`].
struct Building {
    byte: Vec<u8>,
    first: Vec<u32>,
    count: Vec<u16>,
    pattern: Vec<u32>,
}

/// Nodes with at least this many children get a dense table.
const DENSE_CHILDREN: u16 = 6;

impl Trie {
    /// Builds the trie of `strings`; where two are equal, the first one's
    /// index is kept.
    fn new(strings: &[String]) -> Trie {
        let mut order: Vec<u32> = (0..strings.len() as u32).collect();
        order.sort_by(|&a, &b| {
            strings[a as usize]
                .as_bytes()
                .cmp(strings[b as usize].as_bytes())
                .then(a.cmp(&b))
        });
        let pat = |k: u32| strings[order[k as usize] as usize].as_bytes();
        let mut t = Building {
            byte: vec![0],
            first: vec![0],
            count: vec![0],
            pattern: vec![u32::MAX],
        };
        // (node, the range of `order` below it, its depth), in node order.
        let mut queue: Vec<(u32, u32, u32, usize)> = vec![(0, 0, order.len() as u32, 0)];
        let mut q = 0;
        while q < queue.len() {
            let (node, mut lo, hi, depth) = queue[q];
            q += 1;
            // Patterns that end here sort first; equal ones by index.
            if lo < hi && pat(lo).len() == depth {
                t.pattern[node as usize] = order[lo as usize];
                while lo < hi && pat(lo).len() == depth {
                    lo += 1;
                }
            }
            t.first[node as usize] = t.byte.len() as u32;
            let mut n = 0u16;
            while lo < hi {
                let b = pat(lo)[depth];
                let mut end = lo + 1;
                while end < hi && pat(end)[depth] == b {
                    end += 1;
                }
                let child = t.byte.len() as u32;
                t.byte.push(b);
                t.first.push(0);
                t.count.push(0);
                t.pattern.push(u32::MAX);
                queue.push((child, lo, end, depth + 1));
                n += 1;
                lo = end;
            }
            t.count[node as usize] = n;
        }
        let mut dense = Vec::new();
        let mut nodes = Vec::with_capacity(t.byte.len());
        for node in 0..t.byte.len() {
            let mut dense_at = u32::MAX;
            if t.count[node] >= DENSE_CHILDREN || node == 0 {
                let at = dense.len();
                dense.resize(at + 256, u32::MAX);
                let first = t.first[node] as usize;
                for child in first..first + t.count[node] as usize {
                    dense[at + t.byte[child] as usize] = child as u32;
                }
                dense_at = at as u32;
            }
            nodes.push(Node {
                first: t.first[node],
                pattern: t.pattern[node],
                dense_at,
                count: t.count[node],
            });
        }
        Trie {
            byte: t.byte,
            nodes,
            dense,
        }
    }

    /// The child of `node` on byte `b`, or `u32::MAX`.
    #[inline(always)]
    fn child(&self, node: &Node, b: u8) -> u32 {
        let d = node.dense_at;
        if d != u32::MAX {
            return self.dense[d as usize + b as usize];
        }
        let first = node.first as usize;
        let kids = &self.byte[first..first + node.count as usize];
        match kids.iter().position(|&k| k == b) {
            Some(k) => (first + k) as u32,
            None => u32::MAX,
        }
    }

    /// Calls `visit` with every string that `text` starts with (its index
    /// and length), shortest first.
    #[inline]
    fn walk(&self, text: &[u8], mut visit: impl FnMut(u32, usize)) {
        let mut bytes = text.iter();
        let mut node = match bytes.next() {
            Some(&b) => self.child(&self.nodes[0], b),
            None => return,
        };
        let mut len = 1;
        while node != u32::MAX {
            let n = &self.nodes[node as usize];
            if n.pattern != u32::MAX {
                visit(n.pattern, len);
            }
            let Some(&b) = bytes.next() else { break };
            node = self.child(n, b);
            len += 1;
        }
    }
}

/// Bits in [`Gazetteer`]'s bitset of first words.
const FIRST_WORD_BITS: u32 = 18;

/// The bit of the word `w` (bytes) in the bitset of first words: a
/// multiply-rotate hash of its bytes, eight at a time.
#[inline]
fn word_bit(w: &[u8]) -> usize {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    let mix = |h: u64, c: &[u8]| {
        let mut a = [0u8; 8];
        a[..c.len()].copy_from_slice(c);
        (h.rotate_left(23) ^ u64::from_le_bytes(a)).wrapping_mul(K)
    };
    for c in &mut chunks {
        h = mix(h, c);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, rest);
    }
    (h.wrapping_mul(K) >> (64 - FIRST_WORD_BITS)) as usize
}

/// The first word of a folded pattern: its bytes up to the first character
/// that is no letter.
fn first_word(p: &str) -> &[u8] {
    let letters = &*LETTERS;
    let mut i = 0;
    while i < p.len() {
        let (letter, len) = letter_at(p, i, letters);
        if !letter {
            break;
        }
        i += len;
    }
    &p.as_bytes()[..i]
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
        include_str!("../../../data/gazetteer/countries.tsv"),
    ),
    (
        "nationalities.tsv",
        include_str!("../../../data/gazetteer/nationalities.tsv"),
    ),
    (
        "cities.tsv",
        include_str!("../../../data/gazetteer/cities.tsv"),
    ),
    (
        "regions.tsv",
        include_str!("../../../data/gazetteer/regions.tsv"),
    ),
    (
        "facilities.tsv",
        include_str!("../../../data/gazetteer/facilities.tsv"),
    ),
    (
        "organisations.tsv",
        include_str!("../../../data/gazetteer/organisations.tsv"),
    ),
    (
        "groups.tsv",
        include_str!("../../../data/gazetteer/groups.tsv"),
    ),
    (
        "outlets.tsv",
        include_str!("../../../data/gazetteer/outlets.tsv"),
    ),
    (
        "people.tsv",
        include_str!("../../../data/gazetteer/people.tsv"),
    ),
    (
        "state_bodies.tsv",
        include_str!("../../../data/gazetteer/state_bodies.tsv"),
    ),
];

static BUILTIN_GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut b = Builder::default();
    for (_, data) in BUILTIN {
        b.add_tsv(data);
    }
    b.build(Some(Gazetteer::ambiguous()))
});

/// Names that are also ordinary words (`data/gazetteer/ambiguous.tsv`): never
/// matched on their own, only after a head noun that says what they are
/// (`مدينة الأمل`, `قناة العربية`).
static AMBIGUOUS: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.add_tsv(include_str!("../../../data/gazetteer/ambiguous.tsv"));
    b.build(None)
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
        Ok(b.build(Some(Gazetteer::ambiguous())))
    }

    /// The built-in gazetteer with the user's rows added; where a user's name
    /// folds the same as a built-in one, the user's row wins.
    pub fn with_builtin(rows: &[GazetteerRow]) -> Result<Gazetteer> {
        let mut b = Builder::default();
        b.add_rows(rows)?;
        for (_, data) in BUILTIN {
            b.add_tsv(data);
        }
        Ok(b.build(Some(Gazetteer::ambiguous())))
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

    /// True when some pattern may start with the word `word` (a run of
    /// letters from the candidate start to the run's end).
    #[inline]
    fn may_start(&self, word: &[u8]) -> bool {
        let bit = word_bit(word);
        self.first_words[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Every folded name and its entry.
    pub fn keys(&self) -> Vec<(String, u32)> {
        self.keys.iter().map(|(k, &e)| (k.clone(), e)).collect()
    }

    /// The index of this gazetteer's names within one edit, built on first
    /// use and kept.
    pub(crate) fn near_index(&self) -> &Near {
        self.near.get_or_init(|| Near::build(self.keys()))
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
        self.find_folded_in(original, f, 0..f.text.len())
    }

    /// [`Gazetteer::find_folded`] on the folded bytes `range` alone (a piece
    /// of the text, see [`Folded::folded_at`]), as if the folded text were
    /// only those bytes; the hits' spans are bytes of `original`.
    pub fn find_folded_in(&self, original: &str, f: &Folded, range: Range<usize>) -> Vec<Hit> {
        self.scan(original, f, range, false).0
    }

    /// [`Gazetteer::find_folded_in`] with, in the same pass, the hits of
    /// [`Gazetteer::ambiguous`] (whose entries they index), as that
    /// gazetteer's own `find_folded_in` finds them: each list's names are
    /// found left to right, not overlapping each other.
    pub fn find_with_ambiguous_in(
        &self,
        original: &str,
        f: &Folded,
        range: Range<usize>,
    ) -> (Vec<Hit>, Vec<Hit>) {
        if self.ambiguous.is_empty() {
            // A gazetteer built without them (the ambiguous one itself).
            let hits = self.find_folded_in(original, f, range.clone());
            return (
                hits,
                Gazetteer::ambiguous().find_folded_in(original, f, range),
            );
        }
        self.scan(original, f, range, true)
    }

    /// The hits of the patterns and, with `ambiguous`, of the ambiguous
    /// patterns, each list with its own cursor: a name of one list does not
    /// hide a name of the other.
    fn scan(
        &self,
        original: &str,
        f: &Folded,
        range: Range<usize>,
        ambiguous: bool,
    ) -> (Vec<Hit>, Vec<Hit>) {
        let mut hits = Vec::new();
        let mut amb_hits = Vec::new();
        let ambiguous = ambiguous && !self.ambiguous.is_empty();
        if self.patterns.is_empty() && !ambiguous {
            return (hits, amb_hits);
        }
        let Some(text) = f.text.get(range.clone()) else {
            return (hits, amb_hits);
        };
        let base = range.start;
        let bytes = text.as_bytes();
        let letters = &*LETTERS;
        // The words: the runs of letters of the folded text, cut to `range`.
        let runs = f.runs();
        let first = runs.partition_point(|&(_, e)| e as usize <= range.start);
        // Each list's cursor: where its next name may start.
        let mut i = if self.patterns.is_empty() {
            usize::MAX
        } else {
            0
        };
        let mut j = if ambiguous { 0 } else { usize::MAX };
        for &(s, e) in &runs[first..] {
            let (s, e) = (s as usize, e as usize);
            if s >= range.end {
                break;
            }
            let start = s.max(range.start) - base;
            let (mut main_on, mut amb_on) = (start >= i, start >= j);
            if !main_on && !amb_on {
                continue;
            }
            let end = e.min(range.end) - base;
            let (mut main_next, mut amb_next) = (end, end);
            for (at, after_l, after_k) in candidates(text, start, end) {
                if !main_on && !amb_on {
                    break;
                }
                if !self.may_start(&bytes[at..end]) {
                    continue;
                }
                // A name ends at a word end; the article's ل without its alef
                // only after a ل (`للتحالف`); after ك ("like") only a name
                // with the article or of several words, since a bare one is
                // more often part of a word (`كلاوس` is no ك + لاوس).
                let accept = |(_, elided): (u32, bool), len: usize| {
                    let name = &text[at..at + len];
                    ends_word(text, at + len, letters)
                        && (!elided || after_l)
                        && (!after_k || name.starts_with("ال") || name.contains(' '))
                };
                let (mut best, mut best_amb) = (None, None);
                self.trie.walk(&bytes[at..], |slot, len| {
                    let [p, a] = self.slots[slot as usize];
                    if main_on && p != u32::MAX && accept(self.patterns[p as usize], len) {
                        best = Some((p, len));
                    }
                    if amb_on && a != u32::MAX && accept(self.ambiguous[a as usize], len) {
                        best_amb = Some((a, len));
                    }
                });
                let hit =
                    |len: usize| close_marks(original, f.original(base + at, base + at + len));
                if let Some((p, len)) = best {
                    hits.push(Hit {
                        span: hit(len),
                        entry: self.patterns[p as usize].0,
                    });
                    main_next = at + len;
                    main_on = false;
                }
                if let Some((a, len)) = best_amb {
                    amb_hits.push(Hit {
                        span: hit(len),
                        entry: self.ambiguous[a as usize].0,
                    });
                    amb_next = at + len;
                    amb_on = false;
                }
            }
            if start >= i {
                i = main_next.max(start + 1);
            }
            if start >= j {
                j = amb_next.max(start + 1);
            }
        }
        (hits, amb_hits)
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
    fn entry(&mut self, canonical: &str, label: Label, id: Option<&str>, user: bool) -> u32 {
        let key = (canonical.to_owned(), label);
        if let Some(&e) = self.canonical.get(&key) {
            return e;
        }
        let e = self.entries.len() as u32;
        self.entries.push(Entry {
            canonical: canonical.to_owned(),
            label,
            id: id.filter(|s| !s.is_empty()).map(str::to_owned),
            user,
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
            let e = self.entry(canonical, label, id, false);
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
            let e = self.entry(canonical, label, row.id.as_deref(), true);
            // A user's row replaces a built-in one with the same name: users
            // come first, and the first writer keeps the key.
            self.name(name, e);
            self.name(canonical, e);
        }
        Ok(())
    }

    /// The gazetteer of the names added, with the patterns of `ambiguous`
    /// in its trie too (see [`Gazetteer::find_with_ambiguous_in`]).
    fn build(self, ambiguous: Option<&Gazetteer>) -> Gazetteer {
        let (patterns, mut strings) = pattern_strings(&self.keys);
        let (amb_patterns, amb_strings) = match ambiguous {
            Some(a) => pattern_strings(&a.keys),
            None => (Vec::new(), Vec::new()),
        };
        // The trie holds the strings of both lists; a node's string index
        // is the first of the equal ones, and its slot says which pattern of
        // each list (the first of the equal ones) that string is.
        let n = strings.len();
        strings.extend(amb_strings);
        let mut slots: Vec<[u32; 2]> = vec![[u32::MAX, u32::MAX]; strings.len()];
        let mut first: FastMap<&str, u32> = FastMap::default();
        for (k, p) in strings.iter().enumerate() {
            let f = *first.entry(p.as_str()).or_insert(k as u32) as usize;
            let (list, index) = if k < n { (0, k) } else { (1, k - n) };
            if slots[f][list] == u32::MAX {
                slots[f][list] = index as u32;
            }
        }
        let mut first_words = vec![0u64; (1 << FIRST_WORD_BITS) / 64];
        for p in &strings {
            let bit = word_bit(first_word(p));
            first_words[bit / 64] |= 1 << (bit % 64);
        }
        let trie = Trie::new(&strings);
        Gazetteer {
            entries: self.entries,
            patterns,
            ambiguous: amb_patterns,
            slots,
            keys: self.keys,
            first_words,
            trie,
            near: OnceLock::new(),
        }
    }
}

/// The patterns of a gazetteer's folded names (entry, elided article) and
/// their strings: each name, and the form `ل…` of a name with `ال`.
fn pattern_strings(keys: &FastMap<String, u32>) -> (Vec<(u32, bool)>, Vec<String>) {
    let mut keys: Vec<(&String, &u32)> = keys.iter().collect();
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
    (patterns, strings)
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

/// Folds one character for matching names: `None` drops it. A folded
/// character has the byte length of the original one (see [`Folded`]).
#[inline(always)]
fn fold_char(c: char) -> Option<char> {
    // The common cases first: ASCII and the Arabic letters that stay.
    if c.is_ascii() {
        return match c {
            '"' | '\'' | '(' | ')' | '[' | ']' => None,
            c => Some(c.to_ascii_lowercase()),
        };
    }
    if matches!(c, '\u{0628}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}') && c != 'ة' {
        return Some(c);
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200B}'..='\u{200F}' => return None,
        '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '″' => return None,
        c => c,
    })
}

/// The character at byte `i` of `s` (a char boundary, `i < s.len()`) and its
/// length in bytes: ASCII and two-byte sequences (Arabic) decoded by hand.
#[inline(always)]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    if b0 < 0xE0 && i + 1 < b.len() {
        let c = (u32::from(b0 & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
        return (char::from_u32(c).unwrap_or('\u{FFFD}'), 2);
    }
    match s[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// `char::is_whitespace`, without a table lookup for the letters between
/// Latin-1 and U+1680 (Arabic among them), which are never whitespace.
#[inline(always)]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r');
    }
    (c <= '\u{FF}' || c >= '\u{1680}') && c.is_whitespace()
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
    let mut i = 0;
    while i < name.len() {
        let (c, len) = char_at(name, i);
        i += len;
        if is_space(c) {
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

/// [`FOLD_TABLE`]: the character is whitespace.
const FOLD_SPACE: u32 = 0xFFFF;
/// [`FOLD_TABLE`]: the character is dropped.
const FOLD_DROP: u32 = 0xFFFE;
/// [`FOLD_TABLE`]: the bits of the folded character (or of [`FOLD_SPACE`],
/// [`FOLD_DROP`]).
const FOLD_CHAR: u32 = 0xFFFF;
/// [`FOLD_TABLE`]: the folded character is a letter ([`is_letter`]).
const FOLD_LETTER: u32 = 1 << 16;

/// What folding does to each character below U+0800 (one or two bytes):
/// [`FOLD_SPACE`], [`FOLD_DROP`] or the folded character, from [`is_space`]
/// and [`fold_char`], with [`FOLD_LETTER`] when that character is a letter.
static FOLD_TABLE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    (0..0x800u32)
        .map(|c| match char::from_u32(c) {
            None => FOLD_DROP,
            Some(c) if is_space(c) => FOLD_SPACE,
            Some(c) => match fold_char(c) {
                // Folding keeps a character's byte length.
                Some(f) if f.len_utf8() == c.len_utf8() => {
                    u32::from(f) | if is_letter(f) { FOLD_LETTER } else { 0 }
                }
                _ => FOLD_DROP,
            },
        })
        .collect()
});

/// Text folded for matching, with the way back to the original bytes.
///
/// Folding keeps each character's byte length (`ة` → `ه`, `أ` → `ا`), drops
/// some characters and turns each run of whitespace into one space, so the
/// way back is sparse: the difference between original and folded offsets
/// changes only after a dropped character or a run of whitespace.
pub struct Folded {
    /// The folded text: one space for each run of whitespace.
    pub text: String,
    /// `(folded byte, original byte − folded byte)` at each kept character
    /// where the difference changes, in order.
    shifts: Vec<(u32, u32)>,
    /// The runs of letters ([`is_letter`]) of `text` (start, end): each word
    /// start (a letter after a non-letter) and the word's end, found while
    /// folding and shared by every gazetteer and piece that scans the text.
    runs: Vec<(u32, u32)>,
}

/// The runs of letters of a text being folded, character by character.
struct LetterRuns {
    /// Where the open run started, if one is open.
    open: Option<u32>,
    runs: Vec<(u32, u32)>,
}

impl LetterRuns {
    /// The folded character at byte `at` is (`letter`) or is not a letter.
    #[inline(always)]
    fn step(&mut self, at: u32, letter: bool) {
        match (self.open, letter) {
            (None, true) => self.open = Some(at),
            (Some(start), false) => {
                self.runs.push((start, at));
                self.open = None;
            }
            _ => {}
        }
    }

    /// The folded text ends at byte `at`.
    fn finish(mut self, at: u32) -> Vec<(u32, u32)> {
        if let Some(start) = self.open {
            self.runs.push((start, at));
        }
        self.runs
    }
}

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str) -> Folded {
        let src = text.as_bytes();
        let table = &*FOLD_TABLE;
        let mut out = String::with_capacity(text.len());
        let mut shifts: Vec<(u32, u32)> = Vec::new();
        let mut runs = LetterRuns {
            open: None,
            runs: Vec::with_capacity(text.len() / 8),
        };
        let mut delta = u32::MAX;
        let mut space = false;
        // Where the run of characters that folding leaves as they are
        // started, if one is open: it is copied whole when it ends.
        let mut run: Option<usize> = None;
        let mut i = 0;
        while i < src.len() {
            if let Some(r) = run {
                // Inside a run copied whole, the two-byte letters that
                // folding keeps as they are (most of an Arabic text) only
                // open a run of letters, at the first of them.
                let mut k = i;
                while k + 1 < src.len() && (0xC2..0xE0).contains(&src[k]) {
                    let c = (u32::from(src[k] & 0x1F) << 6) | u32::from(src[k + 1] & 0x3F);
                    let t = table[c as usize];
                    if t & FOLD_CHAR != c || t & FOLD_LETTER == 0 {
                        break;
                    }
                    k += 2;
                }
                if k > i {
                    runs.step((out.len() + i - r) as u32, true);
                    i = k;
                    continue;
                }
            }
            let at_char = i;
            let b0 = src[i];
            // One- and two-byte characters (ASCII, Arabic) through the
            // table; the rest as `is_space` and `fold_char` say.
            let (c, folded, letter) = if b0 < 0x80 {
                i += 1;
                let t = table[b0 as usize];
                (u32::from(b0), t & FOLD_CHAR, t & FOLD_LETTER != 0)
            } else if (0xC2..0xE0).contains(&b0) && i + 1 < src.len() {
                let c = (u32::from(b0 & 0x1F) << 6) | u32::from(src[i + 1] & 0x3F);
                i += 2;
                let t = table[c as usize];
                (c, t & FOLD_CHAR, t & FOLD_LETTER != 0)
            } else {
                let (c, len) = char_at(text, i);
                i += len;
                let folded = if is_space(c) {
                    FOLD_SPACE
                } else {
                    fold_char(c).map_or(FOLD_DROP, u32::from)
                };
                let letter = char::from_u32(folded).is_some_and(is_letter);
                (u32::from(c), folded, letter)
            };
            let keep = folded != FOLD_SPACE && folded != FOLD_DROP;
            if keep && folded == c {
                if let Some(r) = run {
                    // Inside a run copied whole, folded bytes are the
                    // original ones: the character goes where the run's
                    // copy will put it.
                    runs.step((out.len() + at_char - r) as u32, letter);
                    continue;
                }
            }
            if let Some(r) = run.take() {
                out.push_str(&text[r..at_char]);
            }
            if !keep {
                if folded == FOLD_SPACE {
                    space = !out.is_empty();
                }
                continue;
            }
            if space {
                runs.step(out.len() as u32, false);
                out.push(' ');
                space = false;
            }
            let at = out.len() as u32;
            runs.step(at, letter);
            let d = at_char as u32 - at;
            if d != delta {
                shifts.push((at, d));
                delta = d;
            }
            if folded == c {
                run = Some(at_char);
            } else {
                out.push(char::from_u32(folded).unwrap_or('\u{FFFD}'));
            }
        }
        if let Some(r) = run {
            out.push_str(&text[r..]);
        }
        let runs = runs.finish(out.len() as u32);
        Folded {
            text: out,
            shifts,
            runs,
        }
    }

    /// The runs of letters ([`is_letter`]) of the folded text: each word
    /// start (a letter after a non-letter) and the word's end.
    fn runs(&self) -> &[(u32, u32)] {
        &self.runs
    }

    /// The original byte where the character holding folded byte `p` starts
    /// (for an inserted space: where the next character starts).
    fn start_of(&self, p: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut p = p;
        if *b.get(p)? == b' ' {
            // A space is always followed by a kept character.
            p += 1;
        }
        while p > 0 && p < b.len() && (b[p] & 0xC0) == 0x80 {
            p -= 1;
        }
        if p >= b.len() {
            return None;
        }
        let k = self.shifts.partition_point(|&(at, _)| at as usize <= p);
        let d = k.checked_sub(1).map_or(0, |k| self.shifts[k].1) as usize;
        Some(p + d)
    }

    /// The original byte where the character holding folded byte `p` ends
    /// (for an inserted space: where the next character starts).
    fn end_of(&self, p: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        if *b.get(p)? == b' ' {
            return self.start_of(p + 1);
        }
        let s = self.start_of(p)?;
        let mut c = p;
        while c > 0 && (b[c] & 0xC0) == 0x80 {
            c -= 1;
        }
        let len = self.text[c..].chars().next().map_or(1, char::len_utf8);
        Some(s + len)
    }

    /// The folded form of the original bytes `span` — [`fold_key`] of them —
    /// when `span` is a word (no whitespace inside) starting at a character
    /// that folding keeps; `None` otherwise. `segment` is a cursor for words
    /// asked in order (start it at 0).
    pub(crate) fn word_key(&self, span: Span, segment: &mut usize) -> Option<&str> {
        let orig = |k: usize| {
            let (at, d) = self.shifts[k];
            (at + d) as usize
        };
        let k = segment;
        if self.shifts.is_empty() || orig(0) > span.start {
            return None;
        }
        if *k >= self.shifts.len() || orig(*k) > span.start {
            *k = 0;
        }
        while *k + 1 < self.shifts.len() && orig(*k + 1) <= span.start {
            *k += 1;
        }
        let (at, d) = self.shifts[*k];
        let p0 = span.start.checked_sub(d as usize)?;
        let seg_end = |k: usize| {
            self.shifts
                .get(k + 1)
                .map_or(self.text.len(), |x| x.0 as usize)
        };
        if p0 < at as usize || p0 >= seg_end(*k) {
            return None;
        }
        // The folded bytes from `p0` whose original bytes are before the
        // span's end, segment by segment.
        let mut j = *k;
        let mut p = p0;
        let p1 = loop {
            let d = self.shifts[j].1 as usize;
            let end = seg_end(j);
            let lim = span.end.saturating_sub(d);
            if lim <= end || j + 1 >= self.shifts.len() {
                break lim.min(end).max(p);
            }
            j += 1;
            p = end;
        };
        let key = self.text.get(p0..p1)?;
        // A word has no whitespace: an inserted space is past its end.
        let end = key.bytes().position(|b| b == b' ').unwrap_or(key.len());
        key.get(..end)
    }

    /// The original span of the folded bytes `start..end`.
    pub fn original(&self, start: usize, end: usize) -> Span {
        let s = self.start_of(start).unwrap_or(0);
        let e = if end > start {
            self.end_of(end - 1).unwrap_or(0)
        } else {
            s
        };
        Span::new(s, e.max(s))
    }

    /// The folded byte where the original byte `at` is (or the next one).
    pub fn folded_at(&self, at: usize) -> usize {
        // The number of folded bytes whose original start is before `at`
        // (original starts never decrease along the folded text).
        let (mut lo, mut hi) = (0, self.text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.start_of(mid).is_some_and(|s| s < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
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
    // Arabic letters first: most of the text.
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return true;
    }
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{0660}'..='\u{0669}' | '\u{0671}'..='\u{06D3}' => true,
        // Common punctuation, without a table lookup.
        '،' | '؛' | '؟' | '٪' | '«' | '»' | '“' | '”' | '–' | '—' | '…' | '\u{00A0}' => {
            false
        }
        c => c.is_alphanumeric(),
    }
}

/// [`is_letter`] of every character below U+0800 (one or two bytes), as a
/// bitset.
static LETTERS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x800 / 64];
    for c in (0..0x800u32).filter_map(char::from_u32) {
        if is_letter(c) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
    }
    bits
});

/// Whether the character at byte `i` of `s` (a char boundary, `i < s.len()`)
/// is a letter ([`is_letter`]), and its length in bytes.
#[inline(always)]
fn letter_at(s: &str, i: usize, letters: &[u64]) -> (bool, usize) {
    let b = s.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        return (b0.is_ascii_alphanumeric(), 1);
    }
    if b0 < 0xE0 && i + 1 < b.len() {
        let c = (usize::from(b0 & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F);
        return (letters[c / 64] & (1 << (c % 64)) != 0, 2);
    }
    let (c, len) = char_at(s, i);
    (is_letter(c), len)
}

fn ends_word(s: &str, i: usize, letters: &[u64]) -> bool {
    i >= s.len() || !letter_at(s, i, letters).0
}

/// Where a name may start in the word `s[i..end]`: at the word, or after the
/// proclitics و ف ب ل ك (at most two: `وبالبوكمال`). The flags say whether a
/// `ل` proclitic just precedes (so an elided-article form may match) and
/// whether a `ك` is among the proclitics.
fn candidates(s: &str, i: usize, end: usize) -> impl Iterator<Item = (usize, bool, bool)> + '_ {
    let word = &s[i..end];
    let mut out: [(usize, bool, bool); 3] = [(i, false, false); 3];
    let mut n = 1;
    let mut at = 0;
    let mut after_k = false;
    for c in word.chars().take(2) {
        if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            break;
        }
        at += c.len_utf8();
        let mut rest = word[at..].chars();
        if rest.next().is_none() || rest.next().is_none() {
            break;
        }
        after_k |= c == 'ك';
        out[n] = (i + at, c == 'ل', after_k);
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
    fn a_shorter_name_where_the_longer_runs_on() {
        let g = g(&[
            ("دير الزور", "LOC", ""),
            ("دير", "LOC", ""),
            ("لاوس", "LOC", ""),
        ]);
        // `دير الزورية` is no دير الزور; `دير` alone still is a name.
        assert_eq!(found(&g, "في دير الزورية")[0].0, "دير");
        // ك + a bare name is more often one word: `كلاوس`.
        assert!(found(&g, "قال كلاوس").is_empty());
        assert_eq!(found(&g, "وفي لاوس")[0].0, "لاوس");
    }

    #[test]
    fn names_are_tried_where_the_word_is_a_first_word() {
        // First words cut by a hyphen, a digit run, a quote mark, or after a
        // proclitic and the elided article.
        let g = g(&[
            ("بي-بي-سي", "ORG", ""),
            ("إف-16", "FAC", ""),
            ("قوات \"سوريا الديمقراطية\"", "ORG", ""),
            ("التحالف الدولي", "ORG", ""),
        ]);
        assert_eq!(found(&g, "وقالت بي-بي-سي إن")[0].0, "بي-بي-سي");
        assert_eq!(found(&g, "طائرات إف-16 أمس")[0].0, "إف-16");
        assert_eq!(
            found(&g, "قوات سوريا الديمقراطية")[0].0,
            "قوات سوريا الديمقراطية"
        );
        assert_eq!(found(&g, "وقال للتحالف الدولي")[0].0, "لتحالف الدولي");
        // The first word must be whole: `بيت` is no `بي`, `قواتنا` no `قوات`.
        assert!(found(&g, "بيت-بي-سي").is_empty());
        assert!(found(&g, "قواتنا سوريا الديمقراطية").is_empty());
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
    fn folding_keeps_byte_lengths() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(f) = fold_char(c) {
                assert_eq!(f.len_utf8(), c.len_utf8(), "{c:?}");
            }
        }
    }

    #[test]
    fn the_fold_table_folds_like_fold_key() {
        // Every character below U+0800 and some beyond, between letters and
        // spaces: the table-driven fold is `fold_key`'s.
        let mut text = String::new();
        for c in (0..0x800u32).chain(0x1680..0x1700).chain(0x2000..0x2070) {
            if let Some(c) = char::from_u32(c) {
                text.push(c);
                text.push_str(if c as u32 % 3 == 0 { " ب" } else { "ة" });
            }
        }
        text.push_str("«قوات \"سوريا الديمقراطية\"» 😀 ﻻ\u{3000}آخر ");
        let f = Folded::new(&text);
        assert_eq!(f.text, fold_key(&text));
        for (i, c) in text.char_indices() {
            let p = f.folded_at(i);
            if p < f.text.len() && fold_char(c).is_some() && !is_space(c) {
                assert_eq!(
                    f.original(p, p + c.len_utf8()),
                    Span::new(i, i + c.len_utf8())
                );
            }
        }
    }

    #[test]
    fn letter_runs_found_while_folding_are_those_of_the_folded_text() {
        // The definition: scan the folded text for a letter after a
        // non-letter, then for the first non-letter.
        /// The first word start at or after byte `i` (a char boundary): a letter
        /// whose previous character is not one.
        fn next_word_start(s: &str, i: usize, letters: &[u64]) -> Option<usize> {
            let mut prev_letter = s[..i].chars().next_back().is_some_and(is_letter);
            let mut j = i;
            while j < s.len() {
                let (letter, len) = letter_at(s, j, letters);
                if letter && !prev_letter {
                    return Some(j);
                }
                prev_letter = letter;
                j += len;
            }
            None
        }

        fn word_end(s: &str, i: usize, letters: &[u64]) -> usize {
            let mut j = i;
            while j < s.len() {
                let (letter, len) = letter_at(s, j, letters);
                if !letter {
                    return j;
                }
                j += len;
            }
            s.len()
        }

        let texts = [
            "",
            "  قال المتحدث، باسم «التحالف» ريان-ديلون: 28.10.2017 (رويترز)  ",
            "مُحَمَّد العربيـــة\u{200F}ابن x1 \"سوريا\" ﻻ 😀 آخر، ة",
            "a\u{00A0}b\u{3000}ـ “ج” ٣٫٥",
        ];
        for text in texts {
            let f = Folded::new(text);
            let t = f.text.as_str();
            let mut want = Vec::new();
            let mut i = 0;
            while let Some(start) = next_word_start(t, i, &LETTERS) {
                let end = word_end(t, start, &LETTERS);
                want.push((start as u32, end as u32));
                i = end;
            }
            assert_eq!(f.runs(), want, "{text:?}");
        }
    }

    #[test]
    fn the_sparse_map_back_is_the_dense_one() {
        // The dense map: for each folded byte, the original start and end of
        // its character (an inserted space: the next kept character's start).
        fn dense(text: &str) -> (String, Vec<usize>, Vec<usize>) {
            let (mut out, mut starts, mut ends) = (String::new(), Vec::new(), Vec::new());
            let mut space = false;
            for (i, c) in text.char_indices() {
                if c.is_whitespace() {
                    space = !out.is_empty();
                    continue;
                }
                let Some(f) = fold_char(c) else { continue };
                if space {
                    out.push(' ');
                    starts.push(i);
                    ends.push(i);
                    space = false;
                }
                out.push(f);
                for _ in 0..f.len_utf8() {
                    starts.push(i);
                    ends.push(i + c.len_utf8());
                }
            }
            (out, starts, ends)
        }
        let texts = [
            "",
            "  \n ",
            "قوات \"سوريا الديمقراطية\"  في  «إسرائيل» (حقل العمر) ـــ مُحمّد\u{200F}  ",
            " Abc \t DEF (x) 'y' — ة أ آ ى ؤ ک ی",
            "\"\"\" ((  a",
        ];
        for text in texts {
            let f = Folded::new(text);
            let (out, starts, ends) = dense(text);
            assert_eq!(f.text, out);
            for s in 0..=out.len() + 1 {
                for e in s..=out.len() + 1 {
                    let want_s = starts.get(s).copied().unwrap_or(0);
                    let want_e = if e > s {
                        ends.get(e - 1).copied().unwrap_or(0)
                    } else {
                        want_s
                    };
                    assert_eq!(
                        f.original(s, e),
                        Span::new(want_s, want_e.max(want_s)),
                        "{text:?} {s}..{e}"
                    );
                }
            }
            for at in 0..=text.len() + 1 {
                assert_eq!(
                    f.folded_at(at),
                    starts.partition_point(|&s| s < at),
                    "{text:?} {at}"
                );
            }
        }
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
