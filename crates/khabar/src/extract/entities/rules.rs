//! Rules for the entities no list can hold: a person after a title or role
//! (`المتحدث باسم التحالف ريان ديلون`) or a given name, organisations from their
//! head nouns (`وزارة الدفاع الروسية`), places and facilities from theirs
//! (`مدينة البوكمال`, `مخيم الركبان`). The trigger words are the data file
//! `data/entity_triggers.tsv`; given names are `data/given_names.txt`.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::lexicon::FastMap;
use crate::model::Span;
use crate::text::TokenKind;

use super::gazetteer::{close_marks, fold_key, Folded, Gazetteer};
use super::{canonical, Label, Mention, Source};

/// The class of a trigger word (see `data/entity_triggers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// A title or role before a person's name.
    Title,
    /// Head noun of an organisation name, part of the span.
    Org,
    /// Head noun before a place name, outside the span.
    Loc,
    /// Head noun of a natural feature, part of the span.
    Feature,
    /// Head noun of a facility, part of the span.
    Fac,
    /// A definite noun that a nationality adjective makes an organisation.
    Actor,
    /// A function word that ends a name.
    Stop,
    /// The first word of a two-word place name (`دير`, `عين`, `تل`).
    Part,
}

/// First words of the two-word triggers (`ولي` of `ولي العهد`).
static TRIGGER_FIRSTS: LazyLock<FastMap<String, ()>> = LazyLock::new(|| {
    TRIGGERS
        .keys()
        .filter_map(|k| k.split_once(' '))
        .map(|(first, _)| (first.to_owned(), ()))
        .collect()
});

/// True when a trigger word's surface has a hamza on or under an alef that
/// every spelling of the trigger lacks (`وأدى` is no `وادي`).
fn hamza_mismatch(surface: &str) -> bool {
    surface.contains(['أ', 'إ', 'آ'])
        && TRIGGERS
            .get(&fold_key(surface))
            .is_some_and(|&(_, hamza)| !hamza)
}

/// Trigger words by folded key: the class of the first spelling listed, and
/// whether some spelling has a hamza on or under an alef (`أم`: yes; `وادي`,
/// `مدينة`: no).
static TRIGGERS: LazyLock<FastMap<String, (Trigger, bool)>> = LazyLock::new(|| {
    let mut m: FastMap<String, (Trigger, bool)> = FastMap::default();
    for line in include_str!("../../../data/entity_triggers.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((w, class)) = line.split_once('\t') else {
            continue;
        };
        let t = match class.trim() {
            "title" => Trigger::Title,
            "org" => Trigger::Org,
            "loc" => Trigger::Loc,
            "feature" => Trigger::Feature,
            "fac" => Trigger::Fac,
            "actor" => Trigger::Actor,
            "stop" => Trigger::Stop,
            "part" => Trigger::Part,
            _ => continue,
        };
        m.entry(fold_key(w)).or_insert((t, false)).1 |= w.contains(['أ', 'إ', 'آ']);
    }
    m
});

/// What `data/given_names.txt` says of one given name.
#[derive(Debug, Clone, Copy, Default)]
struct GivenName {
    /// Also an everyday word (`عمر` "age"): alone it is no evidence.
    word: bool,
    /// A foreign name (`جون`, `هيلين`): the word after it is its surname even
    /// when it is spelt like an Arabic word (`كلارك`, `كندي`).
    foreign: bool,
}

/// Given names and what the list says of each.
static GIVEN_NAMES: LazyLock<FastMap<String, GivenName>> = LazyLock::new(|| {
    include_str!("../../../data/given_names.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| match l.split_once('\t') {
            Some((name, class)) => {
                let marks = class.split_whitespace();
                let mut g = GivenName::default();
                for m in marks {
                    g.word |= m == "word";
                    g.foreign |= m == "foreign";
                }
                (fold_key(name), g)
            }
            None => (fold_key(l), GivenName::default()),
        })
        .collect()
});

/// A bitset of hashed keys (see [`key_bit`]): most words are no trigger and
/// no given name, and the bitset says so before the map is asked.
struct KeyBits(Vec<u64>);

/// Bits in a [`KeyBits`].
const KEY_BITS: u32 = 14;

/// A cheap hash of a folded key: its length and first and last eight bytes.
#[inline]
fn key_bit(key: &str) -> usize {
    let b = key.as_bytes();
    let (first, last) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(f), Some(l)) => (u64::from_le_bytes(*f), u64::from_le_bytes(*l)),
        _ => {
            let v = b.iter().fold(0u64, |v, &c| (v << 8) | u64::from(c));
            (v, v)
        }
    };
    let x = (b.len() as u64 ^ first).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let x = (x ^ last).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (x >> (64 - KEY_BITS)) as usize
}

impl KeyBits {
    fn of<'a>(keys: impl Iterator<Item = &'a String>) -> KeyBits {
        let mut bits = vec![0u64; (1 << KEY_BITS) / 64];
        for k in keys {
            let b = key_bit(k);
            bits[b / 64] |= 1 << (b % 64);
        }
        KeyBits(bits)
    }

    /// False when `key` is certainly not in the set.
    #[inline]
    fn may_hold(&self, key: &str) -> bool {
        self.has(key_bit(key))
    }

    /// [`KeyBits::may_hold`] of a key whose [`key_bit`] is `b`.
    #[inline]
    fn has(&self, b: usize) -> bool {
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

static TRIGGER_BITS: LazyLock<KeyBits> = LazyLock::new(|| KeyBits::of(TRIGGERS.keys()));

static GIVEN_BITS: LazyLock<KeyBits> = LazyLock::new(|| KeyBits::of(GIVEN_NAMES.keys()));

static TRIGGER_FIRST_BITS: LazyLock<KeyBits> = LazyLock::new(|| KeyBits::of(TRIGGER_FIRSTS.keys()));

/// Words before a team in sports news (see `data/club_words.txt`).
static CLUB_WORDS: LazyLock<FastMap<String, ()>> = LazyLock::new(|| {
    include_str!("../../../data/club_words.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| (fold_key(l.trim()), ()))
        .collect()
});

/// Heads of events named after their host place (see `data/event_heads.txt`).
static EVENT_HEADS: LazyLock<FastMap<String, ()>> = LazyLock::new(|| {
    include_str!("../../../data/event_heads.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| (fold_key(l.trim()), ()))
        .collect()
});

/// Bare words that are common nouns or adjectives (`false`) or verbs (`true`).
static COMMON: LazyLock<FastMap<String, bool>> = LazyLock::new(|| {
    include_str!("../../../data/common_words.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, class)| (w.trim().to_owned(), class.trim() == "verb"))
        .collect()
});

/// True when a folded bare word is a common noun, adjective or verb (see
/// `data/common_words.txt`), so not a name.
pub fn is_common(key: &str) -> bool {
    COMMON.contains_key(key)
}

/// True when a name found after a proclitic (`ل` + `غات`) is the tail of a
/// token that is a common word as a whole (`لغات` "languages").
pub fn clitic_common_word(text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    let Some(c) = before.chars().next_back() else {
        return false;
    };
    if !matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') || text[span.range()].starts_with("ال") {
        return false;
    }
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(span.start, |(i, _)| i);
    let ends = text[span.end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphabetic());
    ends && is_common(&fold_key(&text[start..span.end]))
}

/// True when a folded bare word is mostly a verb (`يشكل`, `عقد`).
pub fn is_verb(key: &str) -> bool {
    COMMON.get(key).copied().unwrap_or(false)
}

/// True when a word is a time word (`الأسبوع`, `أمس`, `المقبل`).
fn is_time_word(surface: &str) -> bool {
    is_time_word_as(surface, true)
}

/// [`is_time_word`]; with `names = false` the bare names of weekdays and
/// months (`جمعة`, `رمضان`, `رجب`), which are also family names, are not
/// counted.
fn is_time_word_as(surface: &str, names: bool) -> bool {
    let f = crate::lexicon::fold(surface);
    // `آل` (a family: `آل خليفة`) folds like the time words' `الـ` (`الـ20`).
    if f.chars().count() < 3 {
        return false;
    }
    if !crate::lexicon::TIME_WORDS.rows_folded(&f).is_empty() {
        return true;
    }
    let named = crate::lexicon::WEEKDAYS.get_folded(&f).is_some()
        || crate::lexicon::MONTHS.get_folded(&f).is_some();
    named && (names || f.starts_with("ال"))
}

/// The trigger class of a folded word or two-word phrase.
pub fn trigger(key: &str) -> Option<Trigger> {
    if !TRIGGER_BITS.may_hold(key) {
        return None;
    }
    TRIGGERS.get(key).map(|&(t, _)| t)
}

/// True when a folded word is a known given name.
pub fn is_given_name(key: &str) -> bool {
    GIVEN_BITS.may_hold(key) && GIVEN_NAMES.contains_key(key)
}

/// True when a folded given name is also an everyday word (`عمر` "age",
/// `سلامة` "safety"): alone it is no evidence of a person.
pub fn is_word_name(key: &str) -> bool {
    GIVEN_BITS.may_hold(key) && GIVEN_NAMES.get(key).is_some_and(|g| g.word)
}

/// True when a folded given name is a foreign one (`جون`, `هيلين`, `خوسي`).
pub fn is_foreign_name(key: &str) -> bool {
    GIVEN_BITS.may_hold(key) && GIVEN_NAMES.get(key).is_some_and(|g| g.foreign)
}

/// True when a surface word ends in an attached pronoun (`مواقفه`, `لإقناعهم`,
/// `حولها`), so it is a noun, verb or preposition and not a name. Names that
/// end like one are spared: `جوزيه`, `نبيه` (a `ه` after `ي`), `عبدالله`,
/// `أدهم` (short), and known given names.
fn pronoun_suffixed(surface: &str) -> bool {
    let chars: Vec<char> = surface.chars().collect();
    let n = chars.len();
    if n < 4
        || is_given_name(&fold_key(surface))
        || surface.ends_with("لله")
        || surface.ends_with("اله")
    {
        return false;
    }
    let ends = |s: &str| surface.ends_with(s);
    if n >= 5 && (ends("ها") || ends("هم") || ends("هما") || ends("هن") || ends("كم")) {
        return true;
    }
    chars[n - 1] == 'ه' && chars[n - 2] != 'ي'
}

/// One token as the rules see it; its folded forms are borrowed from the
/// text folded once where they can be.
#[derive(Debug, Clone)]
pub struct Word<'t> {
    /// The whole token.
    pub span: Span,
    /// The token without its non-article proclitics (`والرئيس` → `الرئيس`).
    pub inner: Span,
    /// [`fold_key`] of `inner`.
    pub key: Key<'t>,
    /// [`fold_key`] of the whole token when it differs from `key` (see
    /// [`Word::full`]).
    full: Key<'t>,
    /// True when `inner` starts with the article.
    pub definite: bool,
    /// True when proclitics other than the article precede `inner`.
    pub clitic: bool,
    /// What the token is.
    pub kind: TokenKind,
    /// What the word lists say of `key`, asked once.
    class: KeyClass,
}

/// What the trigger and given-name lists say of one folded key: [`trigger`]
/// and [`is_given_name`] of it, with one hash for both bitsets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct KeyClass {
    trigger: Option<Trigger>,
    given: bool,
}

impl KeyClass {
    #[inline]
    fn of(key: &str) -> KeyClass {
        let b = key_bit(key);
        KeyClass {
            trigger: if TRIGGER_BITS.has(b) {
                TRIGGERS.get(key).map(|&(t, _)| t)
            } else {
                None
            },
            given: GIVEN_BITS.has(b) && GIVEN_NAMES.contains_key(key),
        }
    }

    fn known(self) -> bool {
        self.trigger.is_some() || self.given
    }
}

impl<'t> Word<'t> {
    /// An Arabic word: its proclitics are the letters و ف ب ل ك (at most two)
    /// before the article (`وبالبوكمال`, `للتحالف`) or before a word the rules
    /// know (`لوكالة`, `ومحمد`).
    fn arabic(text: &str, span: Span) -> Word<'t> {
        Word::arabic_keyed(text, span, Cow::Owned(fold_key(&text[span.range()])))
    }

    /// [`Word::arabic`] with the word's [`fold_key`] given.
    fn arabic_keyed(text: &str, span: Span, full: Cow<'t, str>) -> Word<'t> {
        let word = |inner: usize, key: Cow<'t, str>, definite: bool, class: KeyClass| Word {
            span,
            inner: Span::new(span.start + inner, span.end),
            key: Key(key),
            full: Key(Cow::Borrowed("")),
            definite,
            clitic: inner > 0,
            kind: TokenKind::Word,
            class,
        };
        let known = |k: &str, class: KeyClass| class.known() && k.chars().count() >= 2;
        // The article is written without a hamza: `ألبرتو`, `إلى` are no
        // definite words.
        let surface = &text[span.range()];
        let hamza = surface.starts_with(['أ', 'إ']);
        // More than the two letters of the article (each two bytes).
        let definite = |k: &str| k.starts_with("ال") && k.len() > 4;
        let full_class = KeyClass::of(&full);
        if (definite(&full) && !hamza) || known(&full, full_class) {
            let d = definite(&full) && !hamza;
            return word(0, full, d, full_class);
        }
        // Byte offsets in the surface word of its first characters (folding
        // keeps one-letter proclitics one character long).
        let mut offsets = surface.char_indices().map(|(i, _)| i).skip(1);
        let mut at = 0; // folded bytes consumed
        let mut out = None;
        for n in 0..2 {
            let Some(c) = full[at..].chars().next() else {
                break;
            };
            // A conjunction comes before a preposition, never after one
            // (`وبالبوكمال`; `كوبل` is no ك + و + بل).
            let conj = matches!(c, 'و' | 'ف');
            if !(conj || matches!(c, 'ب' | 'ل' | 'ك')) || (n == 1 && conj) {
                break;
            }
            if n == 1 && !matches!(full.chars().next(), Some('و' | 'ف')) {
                break;
            }
            at += c.len_utf8();
            let Some(inner) = offsets.next() else { break };
            let rest = &full[at..];
            if c == 'ل' && rest.starts_with('ل') && rest.chars().count() >= 3 {
                // `للتحالف`: ل and the article without its alef.
                let key = format!("ا{rest}");
                let class = KeyClass::of(&key);
                out = Some(word(inner, Cow::Owned(key), true, class));
                break;
            }
            if rest.starts_with("ال") && rest.chars().count() >= 4 {
                out = Some(word(inner, suffix(&full, at), true, KeyClass::of(rest)));
                break;
            }
            let class = KeyClass::of(rest);
            if known(rest, class) {
                out = Some(word(inner, suffix(&full, at), false, class));
                break;
            }
        }
        match out {
            Some(mut w) => {
                w.full = Key(full);
                w
            }
            None => word(0, full, false, full_class),
        }
    }

    /// [`fold_key`] of the whole token, proclitics included.
    pub fn full(&self) -> &str {
        if self.full.is_empty() {
            &self.key
        } else {
            &self.full
        }
    }

    /// [`trigger`] of `key`, looked up when the word was made.
    #[inline]
    pub fn trigger(&self) -> Option<Trigger> {
        debug_assert_eq!(self.class, KeyClass::of(&self.key));
        self.class.trigger
    }

    /// [`is_given_name`] of `key`, looked up when the word was made.
    #[inline]
    pub fn given(&self) -> bool {
        self.class.given
    }

    /// [`is_given_name`] of [`Word::full`].
    #[inline]
    pub fn given_full(&self) -> bool {
        if self.full.is_empty() {
            self.class.given
        } else {
            is_given_name(&self.full)
        }
    }
}

/// The tokens of a text, prepared once for every rule.
pub struct Words<'t> {
    /// The text.
    pub text: &'t str,
    /// Its tokens.
    pub words: Vec<Word<'t>>,
}

/// A word's folded form: borrowed from the text folded once where it can be
/// (see [`Words::with_folded`]), else owned; reads as a `&str`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'t>(Cow<'t, str>);

impl Key<'_> {
    /// The key as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Key<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<str> for Key<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl std::fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The folded suffix of `s` from byte `at`, borrowed where `s` is.
fn suffix<'t>(s: &Cow<'t, str>, at: usize) -> Cow<'t, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(&b[at..]),
        Cow::Owned(o) => Cow::Owned(o[at..].to_owned()),
    }
}

impl<'t> Words<'t> {
    /// Splits `text` into tokens (no clitic segmentation: the rules only need
    /// the proclitics before the article or before a word they know, and
    /// finding those here is several times faster).
    pub fn new(text: &'t str) -> Self {
        Self::build(text, None)
    }

    /// [`Words::new`] taking the words' folded forms from `text` folded once.
    pub fn with_folded(text: &'t str, folded: &'t Folded) -> Self {
        Self::build(text, Some(folded))
    }

    /// The words of the piece `piece` of `text` (which ends at a space or a
    /// sentence end, so that no token runs over it), seen as if the text
    /// ended there: `text` is cut at the piece's end, the spans are those of
    /// the whole text, and the folded forms come from `folded`, the whole
    /// text folded.
    pub fn piece(text: &'t str, piece: Span, folded: &'t Folded) -> Self {
        let text = &text[..piece.end];
        Self::build_from(text, piece.start, Some(folded))
    }

    fn build(text: &'t str, folded: Option<&'t Folded>) -> Self {
        Self::build_from(text, 0, folded)
    }

    /// The words of `text[from..]`.
    fn build_from(text: &'t str, from: usize, folded: Option<&'t Folded>) -> Self {
        let mut tokens = crate::text::tokenize_surface(&text[from..]);
        if from > 0 {
            for t in &mut tokens {
                t.span = Span::new(t.span.start + from, t.span.end + from);
            }
        }
        let mut words = Vec::with_capacity(tokens.len());
        let mut segment = 0;
        for t in &tokens {
            words.push(if t.kind == TokenKind::Word {
                match folded.and_then(|f| f.word_key(t.span, &mut segment)) {
                    Some(key) => {
                        debug_assert_eq!(key, fold_key(&text[t.span.range()]));
                        Word::arabic_keyed(text, t.span, Cow::Borrowed(key))
                    }
                    None => Word::arabic(text, t.span),
                }
            } else {
                Word {
                    span: t.span,
                    inner: t.span,
                    key: Key(Cow::Borrowed("")),
                    full: Key(Cow::Borrowed("")),
                    definite: false,
                    clitic: false,
                    kind: t.kind,
                    class: KeyClass::default(),
                }
            });
        }
        Words { text, words }
    }

    /// The index of the token holding byte `at`, if any.
    pub fn at(&self, at: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.span.end <= at);
        (i < self.words.len() && self.words[i].span.start <= at).then_some(i)
    }

    fn is_mark(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.kind == TokenKind::Punct
            && self.text[w.span.range()]
                .chars()
                .all(|c| matches!(c, '"' | '«' | '»' | '“' | '”' | '(' | ')' | '\''))
    }

    /// The next word index after `i`, skipping quote marks and parentheses.
    fn next_word(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        while j < self.words.len() && self.is_mark(j) {
            j += 1;
        }
        (j < self.words.len() && self.words[j].kind == TokenKind::Word).then_some(j)
    }

    /// True when nothing but spaces and quote marks separate tokens `i` and `j`.
    fn adjacent(&self, i: usize, j: usize) -> bool {
        (i + 1..j).all(|k| self.is_mark(k))
    }
}

/// A known one-word surname takes the given name written right before it,
/// with a hashtag mark between or not (`جيم ماتيس`, `دونالد #ترمب`): the given name
/// a rule found alone, or a given name no rule took (it needs a name word
/// after it, and the list's name is no rule's). The whole keeps the list's
/// canonical name.
pub fn join_given_names(words: &Words<'_>, ms: &mut Vec<Mention>) {
    let ws = &words.words;
    ms.sort_by_key(|m| m.span.start);
    let mut joined: Vec<usize> = Vec::new();
    for b in 0..ms.len() {
        let m = &ms[b];
        if m.label != Label::Per || m.source != Source::Gazetteer {
            continue;
        }
        let Some(k) = words.at(m.span.start) else {
            continue;
        };
        // The surname is a word of its own or a hashtag's (`#ترمب`).
        let tag =
            ws[k].kind == TokenKind::Hashtag && ws[k].span.start + '#'.len_utf8() == m.span.start;
        // One word: a full name before a given name is another person's
        // (`أحمد علي عبد الله صالح` is the son of `علي عبد الله صالح`).
        if ws[k].span.end != m.span.end {
            continue;
        }
        if !tag && (ws[k].span.start != m.span.start || ws[k].clitic) {
            continue;
        }
        let Some(p) = k.checked_sub(1) else {
            continue;
        };
        let w = &ws[p];
        let surface = &words.text[w.span.range()];
        if w.kind != TokenKind::Word || w.clitic || w.definite || matches!(surface, "علي" | "على")
        {
            continue;
        }
        // A rule's one-word person, or a free given name.
        let before = b.checked_sub(1).filter(|&a| ms[a].span.end > w.span.start);
        match before {
            Some(a)
                if ms[a].label == Label::Per
                    && ms[a].source == Source::Rule
                    && ms[a].span == w.span =>
            {
                joined.push(a);
            }
            None if w.given() && !is_word_name(&w.key) => {}
            _ => continue,
        }
        // Another given name before a known surname is another person of
        // that family (`جوناثان ليفني`, not `تسيبي ليفني`); one a letter
        // from the list's is the same (`جيم ماتيس`, `جيمس ماتيس`).
        let other = ms[b].canonical.split_once(' ').is_some_and(|(first, _)| {
            let first = fold_key(first);
            first != *w.key && !canonical::within_one_edit(&first, &w.key)
        });
        ms[b].span = Span::new(w.span.start, ms[b].span.end);
        if other {
            let name = canonical::clean(&words.text[ms[b].span.range()].replace('#', ""));
            ms[b].canonical = name;
            ms[b].id = None;
        }
    }
    for a in joined.into_iter().rev() {
        ms.remove(a);
    }
}

/// A link word between two parts of one person's name, as [`link_names`]
/// reads it: `بن`, `ابن`, `بنت`, `ولد`, and the kunyas `أبو`, `أبي`, `أبا`.
fn name_link(key: &str) -> bool {
    matches!(key, "بن" | "ابن" | "بنت" | "ولد" | "ابو" | "ابي" | "ابا")
}

/// A person's name runs back through the link words before it (`سليمان بن
/// موسى الكلاعي`, `ابن أبي وقاص`, `مكتوم بن محمد بن راشد آل مكتوم`), taking
/// the name word or the person before each link, and on through a link to a
/// known place or person after it (`أحمد أبو غزة`, `إسماعيل بن الخليل`): the
/// rules stop a name at a link with nothing named before it, or at a name
/// already found. A kunya may open the name (`أبي وقاص`); `بن`, `ولد` and
/// `بنت` need a name before them; a link with a proclitic opens the name
/// (`لأبي خليل`).
pub fn link_names(words: &Words<'_>, ms: &mut Vec<Mention>) {
    let ws = &words.words;
    ms.sort_by_key(|m| m.span.start);
    let mut gone: Vec<usize> = Vec::new();
    for b in 0..ms.len() {
        if ms[b].label != Label::Per || ms[b].source == Source::User || gone.contains(&b) {
            continue;
        }
        let (Some(first), Some(last)) = (
            words.at(ms[b].span.start),
            words.at(ms[b].span.end.saturating_sub(1)),
        ) else {
            continue;
        };
        let free = |k: usize, ms: &[Mention]| !covered(ms, ws[k].span);
        let mut start = ms[b].span.start;
        let mut s = first;
        // Left: `سليمان بن`, `ابن أبي`.
        while !ws[s].clitic {
            let Some(l) = s.checked_sub(1) else { break };
            let lw = &ws[l];
            if lw.kind != TokenKind::Word
                || !words.adjacent(l, s)
                || !name_link(&lw.key)
                || !free(l, ms)
            {
                break;
            }
            // A kunya may open the name (`أبي وقاص`); `بن`, `ولد` and `بنت`
            // need a name before them (`ولد` is also "was born").
            let kunya = matches!(lw.key.as_str(), "ابو" | "ابي" | "ابا");
            let before = l
                .checked_sub(1)
                .filter(|&p| !lw.clitic && ws[p].kind == TokenKind::Word && words.adjacent(p, l));
            // A person found before the link, or a free name word.
            let person = before.and_then(|p| {
                ms.iter().enumerate().position(|(a, m)| {
                    a != b
                        && !gone.contains(&a)
                        && m.label == Label::Per
                        && m.span.end == ws[p].span.end
                })
            });
            if let Some(a) = person {
                start = ms[a].span.start;
                gone.push(a);
                match words.at(start) {
                    Some(k) => s = k,
                    None => break,
                }
                continue;
            }
            let word = before.filter(|&p| {
                let pw = &ws[p];
                free(p, ms)
                    && (is_given_name(&pw.key)
                        || name_word(words, pw, true)
                        || &words.text[pw.span.range()] == "علي")
            });
            if let Some(p) = word {
                start = ws[p].inner.start;
                s = p;
                continue;
            }
            // `عبد الرحمان ولد`: `عبد` and a definite word.
            let abd = before.filter(|&p| {
                p >= 1
                    && ws[p].definite
                    && !ws[p].clitic
                    && free(p, ms)
                    && ws[p - 1].key == "عبد"
                    && words.adjacent(p - 1, p)
                    && free(p - 1, ms)
            });
            if let Some(p) = abd {
                start = ws[p - 1].inner.start;
                s = p - 1;
                continue;
            }
            if kunya {
                start = lw.inner.start;
                s = l;
                continue;
            }
            break;
        }
        // Right: `أحمد أبو غزة`, `إسماعيل بن الخليل`.
        let mut end = ms[b].span.end;
        if ws[last].span.end == end && last + 2 < ws.len() {
            let (lw, nw) = (&ws[last + 1], &ws[last + 2]);
            let link = lw.kind == TokenKind::Word
                && !lw.clitic
                && name_link(&lw.key)
                && words.adjacent(last, last + 1)
                && words.adjacent(last + 1, last + 2)
                && free(last + 1, ms)
                && !nw.clitic;
            // Only after a link is the mention list searched.
            let after = link.then(|| {
                ms.iter().enumerate().position(|(a, m)| {
                    a != b
                        && !gone.contains(&a)
                        && matches!(m.label, Label::Per | Label::Loc)
                        && m.span.start == nw.span.start
                })
            });
            if let Some(a) = after.flatten() {
                end = ms[a].span.end;
                gone.push(a);
            }
        }
        if start != ms[b].span.start || end != ms[b].span.end {
            let span = Span::new(start, end);
            ms[b].span = span;
            ms[b].canonical = canonical::clean(&words.text[span.range()]);
            ms[b].id = None;
        }
    }
    gone.sort_unstable();
    gone.dedup();
    for a in gone.into_iter().rev() {
        ms.remove(a);
    }
}

/// A nationality adjective right after a given name is the person's
/// surname (`الشيخ فيصل الجامايكي`, `محمد سعيد الكندي`, `أبو حمزة المصري`;
/// ANERcorp train: inside the name all 7 times), not a nationality mention;
/// after a foreign given name without the article too (`جون كندي`).
pub fn nisba_surnames(words: &Words<'_>, ms: &mut Vec<Mention>) {
    let ws = &words.words;
    let mut gone: Vec<usize> = Vec::new();
    for b in 0..ms.len() {
        if ms[b].label != Label::Per || ms[b].source == Source::User {
            continue;
        }
        let Some(e) = words.at(ms[b].span.end.saturating_sub(1)) else {
            continue;
        };
        if ws[e].span.end != ms[b].span.end || !is_given_name(&ws[e].key) || e + 1 >= ws.len() {
            continue;
        }
        let n = &ws[e + 1];
        // After a foreign given name an indefinite one too (`جون كندي`).
        if n.kind != TokenKind::Word
            || n.clitic
            || !(n.definite || foreign(&ws[e]))
            || !words.text[n.span.range()].ends_with('ي')
            || !words.adjacent(e, e + 1)
        {
            continue;
        }
        let norp = ms
            .iter()
            .position(|m| m.label == Label::Norp && m.span == n.span);
        if let Some(a) = norp {
            let span = Span::new(ms[b].span.start, n.span.end);
            ms[b].span = span;
            ms[b].canonical = canonical::clean(&words.text[span.range()]);
            ms[b].id = None;
            gone.push(a);
        }
    }
    gone.sort_unstable();
    for a in gone.into_iter().rev() {
        ms.remove(a);
    }
}

/// True when a word is the head of an event (see `data/event_heads.txt`),
/// with or without proclitics (`لدورة`, `ببطولة`).
fn event_head(w: &Word) -> bool {
    if w.kind != TokenKind::Word {
        return false;
    }
    let full = w.full();
    let mut rest = full;
    for _ in 0..3 {
        if EVENT_HEADS.contains_key(rest) {
            return true;
        }
        match rest.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']) {
            Some(r) => rest = r,
            None => break,
        }
    }
    false
}

/// Drops a place written right after the head of an event, with no
/// proclitic of its own (`بطولة الولايات المتحدة المفتوحة`, `دورة لوس
/// أنجلوس`, `مهرجان البندقية`): it names the event. `مهرجان بالبندقية`
/// ("a festival in Venice") keeps its place.
pub fn drop_event_places(words: &Words<'_>, ms: &mut Vec<Mention>) {
    let ws = &words.words;
    ms.retain(|m| {
        if !matches!(m.label, Label::Loc | Label::Fac) || m.source == Source::User {
            return true;
        }
        let Some(k) = words.at(m.span.start) else {
            return true;
        };
        !(k > 0
            && !ws[k].clitic
            && ws[k].span.start == m.span.start
            && words.adjacent(k - 1, k)
            && event_head(&ws[k - 1]))
    });
}

/// Drops a one-word place that reads as a feminine nationality adjective
/// (`السعودية`) right after a definite feminine word it agrees with
/// (`العائلة المالكة السعودية`, `المحادثات الإسرائيلية السعودية`, `للديون
/// السيادية السعودية`; ANERcorp train: 3 of 3 such places are no place):
/// a country there is no adjective, `في السعودية` stays a place.
pub fn drop_adjective_places(words: &Words<'_>, ms: &mut Vec<Mention>) {
    let ws = &words.words;
    ms.retain(|m| {
        if m.label != Label::Loc || m.source != Source::Gazetteer {
            return true;
        }
        let Some(k) = words.at(m.span.start) else {
            return true;
        };
        let w = &ws[k];
        let surface = &words.text[w.span.range()];
        let feminine = |s: &str| s.ends_with('ة') || s.ends_with("ات");
        !(k > 0
            && w.span == m.span
            && w.definite
            && (surface.ends_with("ية") || surface.ends_with("يه"))
            && ws[k - 1].kind == TokenKind::Word
            && ws[k - 1].definite
            && words.adjacent(k - 1, k)
            && feminine(&words.text[ws[k - 1].span.range()]))
    });
}

/// Keeps nationality mentions that name people (`الأكراد`, `السوريين`) or
/// qualify an actor (`القوات الأمريكية`), and drops singular adjectives that
/// qualify anything else (`الحدود السورية`).
pub fn keep_actor_adjectives(words: &Words<'_>, ms: &mut Vec<Mention>) {
    ms.retain(|m| {
        if m.label != Label::Norp {
            return true;
        }
        let key = fold_key(&words.text[m.span.range()]);
        let adjective = key.ends_with('ي') || key.ends_with("يه");
        if !adjective {
            return true;
        }
        let Some(i) = words.at(m.span.start) else {
            return false;
        };
        i > 0 && trigger(&words.words[i - 1].key) == Some(Trigger::Actor)
    });
}

fn covered(ms: &[Mention], span: Span) -> bool {
    ms.iter()
        .any(|m| m.span.start < span.end && span.start < m.span.end)
}

/// True when a token is one word in a name's context: no proclitics, or ones
/// the segmenter may have split off a name (`بشار`, `كفرنبودة`); a leading
/// `و` or `ف` is a conjunction and ends the name.
fn whole(words: &Words<'_>, w: &Word) -> bool {
    let conj = words.text[w.span.range()].starts_with(['و', 'ف']);
    // `وليد`, `فيصل` are names; `وأعضاء`, `ومعالي` are و + a word.
    !conj || (!w.clitic && w.given())
}

/// A word that may be part of a person's name. The first word of a name
/// must not be a common word (`اتهامات`); later ones may (`حسني مبارك`).
fn name_word(words: &Words<'_>, w: &Word, first: bool) -> bool {
    if w.kind != TokenKind::Word || (w.definite && (first || !article_name(w))) {
        return false;
    }
    // `ومحمد`, `وأسامة`: the conjunction and a given name start a name (the
    // conjunction stays outside it). Not after other proclitics (`لصالح` "in
    // favour of", `لجان` "committees") nor for a name that is also a word.
    // A link inside a name (`بن`, `آل`, `ولد`); one with nothing after it is
    // dropped again (see [`person_from`]).
    if is_link(w) && (!first || matches!(w.key.as_str(), "ابو" | "ابي" | "ام" | "عبد")) {
        return true;
    }
    if first
        && w.clitic
        && w.inner.start == w.span.start + 'و'.len_utf8()
        && words.text[w.span.range()].starts_with('و')
        && w.given()
        && !is_word_name(&w.key)
    {
        return true;
    }
    let surface = &words.text[w.span.range()];
    if pronoun_suffixed(surface) {
        return false;
    }
    if !whole(words, w) {
        // A later word may start with `ف` (`حسين فهمي`, `سليمان فرنجية`),
        // unless it is `ف` and a word (`فقال`, `فإن`).
        let rest = w.full().strip_prefix('ف').unwrap_or("");
        let f_name = !first
            && surface.starts_with('ف')
            && rest.chars().count() >= 3
            && !rest.starts_with("ال")
            && !is_given_name(rest)
            && trigger(rest).is_none()
            && trigger(w.full()).is_none()
            && !is_common(rest)
            && !is_common(w.full());
        if !f_name {
            return false;
        }
    }
    let key: &str = if w.clitic { w.full() } else { &w.key };
    if is_given_name(key) {
        return true;
    }
    let chars = key.chars().count();
    // A proclitic and a common word (`لحل`, `بانشاء`), an accusative of one
    // (`عزما`, `ساكنا`).
    let clitic_common = clitic_common(key);
    let accusative = key.strip_suffix('ا').is_some_and(is_common);
    chars >= 2
        && (w.trigger().is_none() || (link_word(&w.key) && !w.clitic))
        && trigger(w.full()).is_none_or(|t| t == Trigger::Part && link_word(w.full()))
        && !(first && (is_common(key) || is_common(&w.key)))
        && !is_verb(key)
        && !clitic_common
        && !accusative
        // The future prefix of a verb (`ستزور`, `سيعقد`); after a name word
        // only when a known verb or noun follows the `س` (`ستانيشيف`,
        // `سيروب` are surnames).
        && !(key.chars().count() >= 5
            && ["ست", "سي", "سن"].iter().any(|p| key.starts_with(p))
            && (first || is_common(&key['س'.len_utf8()..])))
        && !is_time_word_as(surface, first)
}

/// True when a folded word is a proclitic `ل`, `ب` or `ك` and a common word
/// (`لحل`, `بانشاء`, `لايقاف`).
fn clitic_common(key: &str) -> bool {
    key.starts_with(['ل', 'ب', 'ك'])
        && key
            .char_indices()
            .nth(1)
            .is_some_and(|(i, _)| is_common(&key[i..]))
}

/// True when a word that reads as `ب`/`ك`/`ل` and the article is a name
/// that starts with those letters (`كالديرون`, `بالاسيوس`): what follows the
/// article is no common word (`بالقرب`, `بالرئيس`) and no trigger.
fn article_name(w: &Word) -> bool {
    let full = w.full();
    let Some(bare) = ["بال", "كال", "لال"]
        .iter()
        .find_map(|p| full.strip_prefix(p))
    else {
        return false;
    };
    w.clitic
        && bare.chars().count() >= 3
        && !is_common(bare)
        && trigger(bare).is_none()
        && trigger(full).is_none()
}

/// True when word `j` is one Arabic letter with a full stop right after it
/// and more text after that (`ب.` of `محمد ب. (29 سنة)`).
fn initial(words: &Words<'_>, j: usize) -> bool {
    let ws = &words.words;
    let (Some(w), Some(dot)) = (ws.get(j), ws.get(j + 1)) else {
        return false;
    };
    w.kind == TokenKind::Word
        && words.text[w.span.range()].chars().count() == 1
        && dot.span.start == w.span.end
        && &words.text[dot.span.range()] == "."
        && j > 0
        && ws[j - 1].span.end < w.span.start
        && ws.get(j + 2).is_some()
}

/// A word that links two parts of a name and takes the next word with it
/// (`عبد الله`, `أبو بكر`, `بن زايد`, `آل نهيان`, `ولد عبد العزيز`), and the
/// particles of European names (`فان باستن`, `دو فيلبان`, `فون دير لاين`).
fn link_word(key: &str) -> bool {
    matches!(
        key,
        "عبد"
            | "ابو"
            | "ابي"
            | "ابا"
            | "ابن"
            | "بن"
            | "بنت"
            | "ام"
            | "ال"
            | "ولد"
            | "فان"
            | "فون"
            | "دي"
            | "دو"
            | "دا"
            | "ديل"
    )
}

/// True when a folded word links two parts of a name (see [`link_word`]).
pub(crate) fn is_link_key(key: &str) -> bool {
    link_word(key)
}

/// A token that is a link word (`فان` is no `ف` and `أن`).
fn is_link(w: &Word) -> bool {
    (!w.clitic && link_word(&w.key)) || link_word(w.full())
}

/// A regnal number after a name (`محمد الخامس`, `عبد الله الثاني`,
/// `بنديكت السادس عشر`).
fn ordinal(key: &str) -> bool {
    matches!(
        key,
        "الاول"
            | "الثاني"
            | "الثالث"
            | "الرابع"
            | "الخامس"
            | "السادس"
            | "السابع"
            | "الثامن"
            | "التاسع"
            | "العاشر"
            | "الحادي"
    )
}

/// A definite word that may end a name (`بشار الأسد`, `أبو بكر البغدادي`).
fn surname_word(words: &Words<'_>, w: &Word) -> bool {
    w.kind == TokenKind::Word
        && !w.clitic
        && w.definite
        && w.key.chars().count() >= 4
        && w.trigger().is_none()
        && !is_time_word(&words.text[w.span.range()])
}

/// The end (exclusive word index) of a person's name starting at `i`, if
/// there is one: one to three name words (`عبد` and `أبو` take the next word
/// with them), then at most one definite surname.
fn person_from(words: &Words<'_>, ms: &[Mention], i: usize) -> Option<usize> {
    let ws = &words.words;
    let mut j = i;
    let mut n: usize = 0;
    let compound = is_link;
    // After a link any word but a function word is part of the name
    // (`سعد بن أبي وقاص`, `عمرو بن ود`).
    let linked = |w: &Word| {
        w.kind == TokenKind::Word
            && !w.clitic
            && !covered(ms, w.span)
            && w.trigger().is_none_or(|t| t == Trigger::Part)
            && w.key.chars().count() >= 2
            && !is_time_word(&words.text[w.span.range()])
    };
    // `محمد علي السعدي`: `علي` (which folds like `على` "on") is a middle name
    // between a given name and another name.
    let ali = |j: usize| {
        j > i
            && &words.text[ws[j].span.range()] == "علي"
            && ws[j - 1].given()
            && ws.get(j + 1).is_some_and(|n| {
                !n.clitic
                    && !covered(ms, n.span)
                    && (n.given()
                        || (n.definite
                            && n.trigger().is_none()
                            && !is_common(n.key.strip_prefix("ال").unwrap_or(&n.key))))
            })
    };
    // `وعادل فتحي`: the conjunction and a given name that is also a word
    // (`عادل` "just") open a name when a given name follows.
    let conj_word_name = |j: usize| {
        j == i
            && ws[j].clitic
            && words.text[ws[j].span.range()].starts_with('و')
            && ws[j].inner.start == ws[j].span.start + 'و'.len_utf8()
            && is_word_name(&ws[j].key)
            && plain_given_next(words, j)
    };
    while j < ws.len()
        && n < 3
        && (name_word(words, &ws[j], n == 0)
            || ali(j)
            || conj_word_name(j)
            || (j > i && foreign_surname(words, &ws[j - 1], &ws[j])))
        && !covered(ms, ws[j].span)
    {
        // `ولد` and `بنت` only link (`ولد` is also "was born").
        if n == 0 && matches!(ws[j].key.as_str(), "ولد" | "بنت" | "بن" | "ابن" | "ال")
        {
            return None;
        }
        // After a full name, a common noun starts what is said of the person
        // (`ستيفن جيرارد ضربة ركنية`, `نزار قباني نقلة نوعية`).
        if n >= 2
            && !is_link(&ws[j])
            && !ws[j].given()
            && (is_common(&ws[j].key) || is_common(ws[j].full()))
            && !ws[j - 1].definite
            && !is_link(&ws[j - 1])
        {
            break;
        }
        // Link words do not count: `محمد بن عبد الكريم الخطابي`.
        if !is_link(&ws[j]) {
            n += 1;
        }
        j += 1;
        // `بن عبد الكريم`, `آل نهيان`: a link word takes the next word along,
        // and links chain.
        while compound(&ws[j - 1]) && j < ws.len() && linked(&ws[j]) {
            if !is_link(&ws[j]) {
                n += 1;
            }
            j += 1;
        }
    }
    // A link word with nothing after it is not part of the name (`فاطمة بنت`).
    while j > i && compound(&ws[j - 1]) {
        j -= 1;
    }
    if n == 0 || j == i {
        return None;
    }
    // `محمد ب.`: the initial of a surname withheld, with its full stop.
    if initial(words, j) && !covered(ms, ws[j].span) {
        return Some(j + 2);
    }
    // `محمد الخامس`, `بنديكت السادس عشر`: a regnal number after a name.
    if j < ws.len() && !ws[j].clitic && ordinal(&ws[j].key) && !covered(ms, ws[j].span) {
        j += 1;
        if ws
            .get(j)
            .is_some_and(|w| w.key == "عشر" && !covered(ms, w.span))
        {
            j += 1;
        }
        return Some(j);
    }
    // `راوول الهدف`: a foreign name takes no Arabic definite surname.
    if j == i + 1 && foreign(&ws[i]) {
        return Some(j);
    }
    if j < ws.len() && surname_word(words, &ws[j]) && !covered(ms, ws[j].span) {
        let bare = ws[j].key.strip_prefix("ال").unwrap_or(&ws[j].key);
        // `عبد الله الهلالي`, `صلاح الدين الأيوبي`: a compound name counts as
        // a given name.
        let after_given = ws[j - 1].given()
            || (j >= i + 2
                && (is_link(&ws[j - 2]) || matches!(ws[j - 1].key.as_str(), "الله" | "الدين")));
        // `محيي الدين`, `عز الدين`: `الدين` completes a compound name.
        let din = ws[j].key == "الدين";
        // A verbal noun or a plural is what the person does, not a surname
        // (`رفض حمدان الإجراءات`, `ورفض جوزيه الإفصاح`).
        if !din && verbal_noun(bare) {
            return Some(j);
        }
        let after = ws.get(j + 1);
        // `بشار الأسد`: a definite word after a given name is the surname; after
        // another name word it is one when it is no common word and no other
        // definite word follows it (which would make it a noun phrase).
        if after_given
            || din
            || (!is_common(bare)
                && after.is_none_or(|a| {
                    !a.definite || a.kind != TokenKind::Word || a.trigger() == Some(Trigger::Stop)
                }))
        {
            j += 1;
            // `صلاح الدين الأيوبي`, `بهاء الدين إبراهيم`: a compound takes
            // a surname or a given name after it.
            if din {
                if let Some(n) = ws.get(j).filter(|n| {
                    !n.clitic
                        && n.kind == TokenKind::Word
                        && words.adjacent(j - 1, j)
                        && !covered(ms, n.span)
                }) {
                    let nisba = surname_word(words, n) && n.key.ends_with('ي');
                    if nisba || (n.given() && !is_word_name(&n.key)) {
                        j += 1;
                    }
                }
            }
        }
    }
    Some(j)
}

/// True when a word is a foreign given name (`جون`, `هيلين`; see
/// `data/given_names.txt`) with no proclitic.
fn foreign(w: &Word) -> bool {
    w.given() && !w.clitic && is_foreign_name(&w.key)
}

/// True when word `w` right after the foreign given name `prev` is its
/// surname although it is spelt like an Arabic word (`هيلين كلارك`,
/// `جون كندي`, `مايكل بالاك`): a transliterated surname is no verb or noun of
/// the text. Not a trigger, a function word, a link, a time word, a word with
/// the article or a pronoun suffix, nor `و`/`ف` and a word.
fn foreign_surname(words: &Words<'_>, prev: &Word, w: &Word) -> bool {
    let surface = &words.text[w.span.range()];
    foreign(prev)
        && w.kind == TokenKind::Word
        && !w.definite
        && !surface.starts_with("ال")
        && w.full().chars().count() >= 3
        && trigger(w.full()).is_none()
        // `لإيقاف`, `بشأن`: a proclitic and a word.
        && !(w.clitic && (w.trigger().is_some() || is_common(&w.key)))
        && !clitic_common(w.full())
        // `هيلاري ردا`: an accusative (or its stem) is a word of the text.
        && !(w.full().ends_with('ا')
            && (is_common(w.full()) || w.full().strip_suffix('ا').is_some_and(is_common)))
        && !is_link(w)
        && !surface.starts_with(['و', 'ف'])
        && !pronoun_suffixed(surface)
        && !is_time_word(surface)
}

/// A folded bare word (no article) that is a common verbal noun or plural:
/// `إجراءات`, `إفصاح`, `استضافة`, `تقدم`, `انسحاب` (see `data/common_words.txt`).
fn verbal_noun(bare: &str) -> bool {
    if !is_common(bare) {
        return false;
    }
    let cs: Vec<char> = bare.chars().collect();
    let n = cs.len();
    (n >= 5 && bare.ends_with("ات"))
        // إفعال: `إفصاح`, `إجراء`.
        || (n == 5 && cs[0] == 'ا' && cs[3] == 'ا')
        // افتعال, انفعال: `انسحاب`, `اجتماع`.
        || (n == 6 && cs[0] == 'ا' && cs[4] == 'ا')
        // استفعال: `استضافة`.
        || (n >= 6 && bare.starts_with("است"))
        // تفعّل: `تقدم`, `تعاون`.
        || (n == 4 && cs[0] == 'ت')
}

/// Applies every rule, adding mentions that overlap none already found.
pub fn apply(words: &Words<'_>, g: &Gazetteer, ms: &mut Vec<Mention>) {
    let ws = &words.words;
    extend_known_people(words, ms);
    clubs_by_city(words, ms);
    clubs_by_nisba(words, ms);
    // Each word asks whether a mention covers it; the mentions change only
    // where a rule fires.
    let mut cover = Cover::default();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        if w.kind != TokenKind::Word || cover.covered(ms, w.span) {
            i += 1;
            continue;
        }
        let two = ws
            .get(i + 1)
            .filter(|_| TRIGGER_FIRST_BITS.may_hold(&w.key) && TRIGGER_FIRSTS.contains_key(&*w.key))
            .map(|n| format!("{} {}", w.key, n.full()))
            .and_then(|k| trigger(&k).map(|t| (t, 2)));
        // `أبو حمزة`, `أم كلثوم`: a kunya before a given name.
        let kunya = !w.clitic
            && matches!(w.key.as_str(), "ابو" | "ابي" | "ام")
            && ws.get(i + 1).is_some_and(|n| !n.clitic && n.given());
        if kunya {
            if let Some(end) = person_from(words, ms, i) {
                push_rule(words, ms, i, end, Label::Per, None);
                cover.changed();
                i = end;
                continue;
            }
        }
        // `عبد الفتاح صلاح`, `عبد الرحمن مودي`: `عبد` and a definite word
        // (a name of God) open a name when another name word follows.
        let abd = !w.clitic
            && w.key == "عبد"
            && ws
                .get(i + 1)
                .is_some_and(|n| !n.clitic && n.definite && words.adjacent(i, i + 1));
        if abd && ws.get(i + 2).is_some_and(backs_name) {
            if let Some(end) = person_from(words, ms, i).filter(|&e| e >= i + 3) {
                push_rule(words, ms, i, end, Label::Per, None);
                cover.changed();
                i = end;
                continue;
            }
        }
        // `السيد علي محمد الحمادي`: `علي` (which folds like `على` "on")
        // opens a name when a given name and another name word follow it.
        if opens_with_ali(words, i) {
            if let Some(end) = person_from(words, ms, i + 1).filter(|&e| e >= i + 3) {
                push_rule(words, ms, i, end, Label::Per, None);
                cover.changed();
                i = end;
                continue;
            }
        }
        let (class, len) = match two.or_else(|| w.trigger().map(|t| (t, 1))) {
            Some(t) => t,
            None => {
                if !w.definite && (w.given() || w.given_full()) {
                    if let Some(end) = person_from(words, ms, i) {
                        // A name that is also a word (`عمر`, `سلامة`) needs
                        // another name word after it: `عن عمر يناهز`.
                        let word = is_word_name(&w.key) || is_word_name(w.full());
                        let n = &ws[(i + 1).min(ws.len() - 1)];
                        // A kunya starts a name of its own (`خليفة أبو حمزة`
                        // "Abu Hamza's successor").
                        let kunya = matches!(n.key.as_str(), "ابو" | "ابي" | "ابا" | "ام");
                        let backed = end > i + 1 && !kunya && backs_name(n);
                        if !word || backed {
                            push_rule(words, ms, i, end, Label::Per, None);
                            cover.changed();
                            i = end;
                            continue;
                        }
                    }
                }
                i += 1;
                continue;
            }
        };
        let next = i + len;
        // `وأدى الصلاة` "and he performed the prayer" folds like `وادي`:
        // a hamza the trigger's spelling lacks makes it another word.
        if len == 1 && hamza_mismatch(&words.text[w.inner.range()]) {
            i += 1;
            continue;
        }
        let done = match class {
            Trigger::Title => title(words, ms, i, next),
            Trigger::Org if !w.definite => head(words, g, ms, i, next, Label::Org, true),
            Trigger::Loc if !w.definite => place(words, g, ms, next, Label::Loc),
            Trigger::Feature if !w.definite => head(words, g, ms, i, next, Label::Loc, false),
            Trigger::Fac if !w.definite => head(words, g, ms, i, next, Label::Fac, false),
            _ => {
                i += 1;
                continue;
            }
        };
        cover.changed();
        i = done.unwrap_or(i + 1).max(i + 1);
    }
}

/// [`covered`] for the words of a text in turn, while the mentions change
/// now and then: the mentions' spans sorted by start with the largest end up
/// to each, rebuilt after a change (see [`Cover::changed`]), so that a word
/// asks in logarithmic time instead of looking at every mention.
#[derive(Default)]
struct Cover {
    /// The starts of the mentions' spans, sorted.
    starts: Vec<usize>,
    /// The largest end of the spans up to each of `starts`.
    ends: Vec<usize>,
    /// True when `starts` and `ends` are those of the mentions.
    fresh: bool,
}

impl Cover {
    /// The mentions may have changed.
    fn changed(&mut self) {
        self.fresh = false;
    }

    /// [`covered`]`(ms, span)`.
    fn covered(&mut self, ms: &[Mention], span: Span) -> bool {
        if !self.fresh {
            let mut spans: Vec<(usize, usize)> =
                ms.iter().map(|m| (m.span.start, m.span.end)).collect();
            spans.sort_unstable();
            self.starts.clear();
            self.ends.clear();
            let mut end = 0;
            for (s, e) in spans {
                end = end.max(e);
                self.starts.push(s);
                self.ends.push(end);
            }
            self.fresh = true;
        }
        // The spans that start before `span` ends: one of them covers it
        // when it ends after `span` starts.
        let k = self.starts.partition_point(|&s| s < span.end);
        k > 0 && self.ends[k - 1] > span.start
    }
}

/// True when a word after a given name (or `عبد الله`) makes it a name: a
/// given name, or a word that is neither common nor an imperfect verb
/// (`عمر يناهز`, `عبد الله تذوق`).
fn backs_name(n: &Word) -> bool {
    let verb_like = n.key.starts_with(['ي', 'ت']) && n.key.chars().count() >= 4;
    n.given() || (!is_common(n.key.strip_prefix("ال").unwrap_or(&n.key)) && !verb_like)
}

/// True when word `i` is `علي` spelt with `ي`, not after a word with a
/// proclitic (`بالتحفظ علي`), before a given name that is no everyday word.
fn opens_with_ali(words: &Words<'_>, i: usize) -> bool {
    let ws = &words.words;
    &words.text[ws[i].span.range()] == "علي"
        && (i == 0 || !ws[i - 1].clitic)
        && plain_given_next(words, i)
}

/// True when the word after word `i`, right after it, is a given name with no
/// proclitic that is no everyday word (`محمد`, not `عادل`).
fn plain_given_next(words: &Words<'_>, i: usize) -> bool {
    words.words.get(i + 1).is_some_and(|n| {
        n.kind == TokenKind::Word
            && !n.clitic
            && words.adjacent(i, i + 1)
            && n.given()
            && !is_word_name(&n.key)
    })
}

/// A known person's name runs on through link words (`حمد بن جاسم` → `حمد
/// بن جاسم بن جبر آل ثاني`, the same person); a name that ends in one
/// (`مكتوم بن محمد بن راشد آل مكتوم`) is someone else's, named after that
/// person, and takes the known name in with its own canonical name.
fn extend_known_people(words: &Words<'_>, ms: &mut [Mention]) {
    let ws = &words.words;
    let free = |ms: &[Mention], k: usize| {
        ws.get(k).is_some_and(|w| {
            w.kind == TokenKind::Word
                && !w.clitic
                && !covered(ms, w.span)
                && w.trigger().is_none_or(|t| t == Trigger::Part)
        })
    };
    let name =
        |k: usize| ws[k].key.chars().count() >= 2 && !is_time_word(&words.text[ws[k].span.range()]);
    for m in 0..ms.len() {
        if ms[m].label != Label::Per || ms[m].source != Source::Gazetteer {
            continue;
        }
        let (Some(first), Some(last)) = (
            words.at(ms[m].span.start),
            words.at(ms[m].span.end.saturating_sub(1)),
        ) else {
            continue;
        };
        // Right: `بن جبر`, `آل ثاني`.
        let mut end = last;
        while free(ms, end + 1)
            && matches!(
                ws[end + 1].key.as_str(),
                "بن" | "ابن" | "بنت" | "ال" | "ولد"
            )
            && free(ms, end + 2)
            && name(end + 2)
            && words.adjacent(end, end + 1)
            && words.adjacent(end + 1, end + 2)
        {
            end += 2;
        }
        // Left: `مكتوم بن`.
        let mut start = first;
        while start >= 2
            && matches!(ws[start - 1].key.as_str(), "بن" | "ابن" | "بنت")
            && free(ms, start - 1)
            && free(ms, start - 2)
            && ws[start - 2].given()
            && words.adjacent(start - 2, start - 1)
            && words.adjacent(start - 1, start)
        {
            start -= 2;
        }
        if start == first && end == last {
            continue;
        }
        let span = Span::new(
            ws[start].inner.start.min(ms[m].span.start),
            ws[end].span.end.max(ms[m].span.end),
        );
        let mm = &mut ms[m];
        mm.span = span;
        if start != first {
            mm.canonical = canonical::clean(&words.text[span.range()]);
            mm.id = None;
        }
    }
}

/// A known place followed by a definite masculine adjective of a place that
/// is no nationality and no common word, the nisba of a city, is a sports
/// club (`المغرب التطواني`, `المغرب الفاسي`; ANERcorp train: an ORG all 8
/// times, a place never): the adjective is part of the club's name.
fn clubs_by_nisba(words: &Words<'_>, ms: &mut [Mention]) {
    let ws = &words.words;
    for m in 0..ms.len() {
        if ms[m].label != Label::Loc || ms[m].source != Source::Gazetteer {
            continue;
        }
        let Some(last) = words.at(ms[m].span.end.saturating_sub(1)) else {
            continue;
        };
        let Some(adj) = ws.get(last + 1) else {
            continue;
        };
        let bare = adj.key.strip_prefix("ال").unwrap_or(&adj.key);
        if ws[last].span.end == ms[m].span.end
            && adj.kind == TokenKind::Word
            && !adj.clitic
            && adj.definite
            && words.text[adj.span.range()].ends_with('ي')
            && bare.chars().count() >= 4
            && words.adjacent(last, last + 1)
            && !covered(ms, adj.span)
            && !is_common(bare)
            && !is_common(&adj.key)
            && trigger(&adj.key).is_none()
        {
            let span = Span::new(ms[m].span.start, adj.span.end);
            ms[m].span = span;
            ms[m].label = Label::Org;
            ms[m].canonical = canonical::clean(&words.text[span.range()]);
            ms[m].id = None;
        }
    }
}

/// A city followed by a masculine nationality adjective is a sports club
/// (`برشلونة الإسباني`, `هامبورغ الألماني`): a city is feminine (`مدينة
/// برشلونة الإسبانية`), the adjective agrees with an implied `النادي`.
fn clubs_by_city(words: &Words<'_>, ms: &mut [Mention]) {
    let ws = &words.words;
    let norp_at = |ms: &[Mention], w: &Word| {
        ms.iter().any(|m| {
            m.label == Label::Norp && m.span.start == w.inner.start && m.canonical != "العرب"
        })
    };
    for m in 0..ms.len() {
        let city = ms[m].label == Label::Loc
            && ms[m].id.as_deref().is_some_and(|id| id.starts_with("geo:"));
        if !city {
            continue;
        }
        let (Some(first), Some(last)) = (
            words.at(ms[m].span.start),
            words.at(ms[m].span.end.saturating_sub(1)),
        ) else {
            continue;
        };
        // `حارس مرمى ليفربول`, `صفوف برشلونة`: a word of sports news before
        // the city.
        let sports = first > 0
            && ws[first - 1].kind == TokenKind::Word
            && !ws[first].clitic
            && words.adjacent(first - 1, first)
            && CLUB_WORDS.contains_key(ws[first - 1].full());
        // `ليفربول (إنجلترا)`: a city with its country in parentheses, as
        // tables of fixtures name clubs.
        let fixture = |k: usize| {
            words.text[ws[k].span.range()].starts_with('(')
                && ms.iter().any(|c| {
                    c.label == Label::Loc
                        && c.span.start == ws.get(k + 1).map_or(0, |w| w.inner.start)
                        && c.id.as_deref().is_some_and(|id| !id.starts_with("geo:"))
                        && words.text[c.span.end..].trim_start().starts_with(')')
                })
        };
        if sports
            || (last + 1 < ws.len() && ws[last + 1].kind == TokenKind::Punct && fixture(last + 1))
        {
            ms[m].label = Label::Org;
            ms[m].id = None;
            continue;
        }
        let Some(adj) = ws.get(last + 1) else {
            continue;
        };
        let masculine = words.text[adj.span.range()].ends_with('ي');
        if adj.kind == TokenKind::Word
            && !adj.clitic
            && adj.definite
            && masculine
            && words.adjacent(last, last + 1)
            && norp_at(ms, adj)
        {
            ms[m].label = Label::Org;
            ms[m].id = None;
        }
    }
}

/// Adds a mention from word `from` to word `to` (exclusive). A name's first
/// word keeps the letters the segmenter may have taken for proclitics
/// (`كوندوليزا`); a head noun's proclitics stay outside (`لوكالة`).
fn push_rule(
    words: &Words<'_>,
    ms: &mut Vec<Mention>,
    from: usize,
    to: usize,
    label: Label,
    canonical: Option<(String, Option<String>)>,
) {
    let ws = &words.words;
    let first = &ws[from];
    let head = first.trigger().is_some();
    let start = if first.clitic && whole(words, first) && !first.definite && !head && !first.given()
    {
        first.span.start
    } else {
        first.inner.start
    };
    let span = Span::new(start, ws[to - 1].span.end);
    let span = close_marks(words.text, span);
    let (canonical, id) =
        canonical.unwrap_or_else(|| (canonical::clean(&words.text[span.range()]), None));
    ms.push(Mention {
        span,
        label,
        canonical,
        id,
        source: Source::Rule,
    });
}

/// After a title: skip its complements (`الرسمي`, `باسم التحالف`,
/// `الفرنسي`) and take the name that follows, if any.
fn title(words: &Words<'_>, ms: &mut Vec<Mention>, t: usize, mut j: usize) -> Option<usize> {
    let ws = &words.words;
    let next = ws.get(j).filter(|w| w.kind == TokenKind::Word);
    let given_next = next.is_some_and(|w| w.given() || w.given_full());
    // An indefinite role noun heads a construct (`ملك أراجون`, `مدرب بايرن
    // ميونيخ`, `حارس تشيفس`): the word after it is its complement, not a
    // name, unless it is a given name or a known name (skipped below).
    // Honorifics (`معالي`, `سعادة`, `سمو`) go straight before a name.
    let honorific = matches!(
        ws[t].key.as_str(),
        "معالي" | "سعاده" | "سمو" | "فخامه" | "مولاي" | "صاحب" | "د"
    );
    let known_next = next.is_some_and(|w| covered(ms, w.span));
    if !ws[t].definite
        && !honorific
        && !given_next
        && !known_next
        && next.is_some_and(|w| !w.definite)
    {
        return None;
    }
    // `الفريق` is a rank and, far more often, a team.
    if ws[t].key == "الفريق" && !given_next {
        return None;
    }
    let mut skipped = 0;
    while j < ws.len() && skipped < 5 {
        let w = &ws[j];
        if w.kind != TokenKind::Word {
            break;
        }
        if w.key == "باسم" || w.key == "ب" {
            j += 1;
            skipped += 1;
            continue;
        }
        let known = ms
            .iter()
            .find(|m| m.span.start <= w.inner.start && w.inner.start < m.span.end);
        if let Some(m) = known {
            if m.label == Label::Per {
                return None;
            }
            // A known organisation or place in the title (`باسم التحالف`).
            let end = m.span.end;
            while j < ws.len() && ws[j].span.start < end {
                j += 1;
            }
            skipped += 1;
            continue;
        }
        if w.definite && !w.clitic && w.trigger() != Some(Trigger::Stop) {
            j += 1;
            skipped += 1;
            continue;
        }
        break;
    }
    let end = person_from(words, ms, j)?;
    push_rule(words, ms, j, end, Label::Per, None);
    Some(end)
}

/// A head noun and what follows: definite words, known names and words in
/// quote marks (`وزارة الدفاع الروسية`, `حركة "حماس"`, `حقل (العمر)`). Where
/// the complement is a known organisation (`تنظيم داعش`) that mention grows to
/// hold the head and keeps its canonical name.
fn head(
    words: &Words<'_>,
    g: &Gazetteer,
    ms: &mut Vec<Mention>,
    i: usize,
    mut j: usize,
    label: Label,
    long: bool,
) -> Option<usize> {
    let ws = &words.words;
    let max = if long { 4 } else { 2 };
    let mut n = 0;
    // An organisation is named when its complement holds a proper name: a
    // known place or nationality, a word in quote marks, or a word that is no
    // common noun (`حزب الليكود`, `وزارة الدفاع الروسية`); `مجلس الشيوخ` and
    // `وزارة الصناعة` are descriptions, not names.
    let mut named = label != Label::Org && !plain_head(&ws[i].key);
    let mut opened = false;
    // True once the complement holds a proper name other than a nationality.
    let mut proper = false;
    while n < max {
        let Some(k) = words.next_word(j - 1) else {
            break;
        };
        if !words.adjacent(j - 1, k) {
            break;
        }
        // Past the first word no mark opens more of the name (`محكمة المدينة
        // (الفرنسية)`), and past a name in quote marks an organisation's ends
        // (`صحيفة "صن" البريطانية`); a feature's or facility's runs on past
        // the mark that closes its name (`حقل (العمر) النفطي`).
        if n > 0 && (j..k).any(|m| label == Label::Org || opening_mark(words, m, opened)) {
            break;
        }
        let w = &ws[k];
        // A word in quote marks opens the complement (`حركة "حماس"`).
        let quoted = n == 0 && k > 0 && words.is_mark(k - 1);
        opened |= quoted;
        // `شركة « أمريكان أكسبريس »`: a name of several words in quote marks
        // is the whole complement, whatever its words.
        // Known names inside it (`" واشنطن تايمز "`) are part of it, unless
        // one is all of it (`" الشرق الأوسط "`), which the head joins below.
        if quoted && label == Label::Org {
            if let Some(close) = quoted_run(words, k) {
                let inside = Span::new(w.inner.start, ws[close - 1].span.end);
                if !ms.iter().any(|m| m.span == inside) {
                    ms.retain(|m| m.span.end <= inside.start || inside.end <= m.span.start);
                    push_rule(words, ms, i, close, label, None);
                    return Some(close);
                }
            }
        }
        if let Some(mi) = ms
            .iter()
            .position(|m| m.span.start == w.inner.start && !w.clitic)
        {
            // `لجنة الأمم المتحدة لنزع السلاح`, `مركز الأمم المتحدة`: a body
            // of a known organisation is another organisation, whose name
            // runs on past what the rules can delimit; the known one stays.
            let body = matches!(
                ws[i].key.as_str(),
                "مجلس"
                    | "هييه"
                    | "لجنه"
                    | "صندوق"
                    | "مركز"
                    | "مديريه"
                    | "مفوضيه"
                    | "محكمه"
                    | "مكتب"
            );
            if n == 0 && label == Label::Org && ms[mi].label == Label::Org && body {
                return None;
            }
            if n == 0 && label == Label::Org && ms[mi].label == Label::Org {
                // `تنظيم داعش`, `قوات "قسد"`: the head joins the known name.
                let m = &mut ms[mi];
                let end = m.span.end;
                m.span.start = ws[i].inner.start;
                m.span = close_marks(words.text, m.span);
                if label == Label::Org {
                    m.label = Label::Org;
                }
                return words.at(end.saturating_sub(1)).map(|e| e + 1);
            }
            // `جامعة الملك فهد`: a known person names the institution.
            if n == 0 && institution(label, &ws[i].key) && ms[mi].label == Label::Per {
                let end = ms[mi].span.end;
                ms.remove(mi);
                j = words.at(end.saturating_sub(1)).map_or(k + 1, |e| e + 1);
                n += 1;
                named = true;
                break;
            }
            if ms[mi].label == Label::Per || (label == Label::Loc && n == 0) {
                // `جزيرة كوبا`: the place is known; the head stays outside.
                return None;
            }
            // A nationality after a name is no part of it (`حزب الله
            // اللبناني`, `نادي الظفرة الإماراتي`; ANERcorp train: outside the
            // tag 56 times, inside 13), though it names a description
            // (`وزارة الدفاع الروسية`).
            if label == Label::Org && ms[mi].label == Label::Norp && proper {
                break;
            }
            // A known place or nationality inside (`قوات سوريا الديمقراطية`).
            named = true;
            proper |= ms[mi].label != Label::Norp;
            let end = ms[mi].span.end;
            ms.remove(mi);
            j = words.at(end.saturating_sub(1)).map_or(k + 1, |e| e + 1);
            n += 1;
            continue;
        }
        // `جامعة الملك فهد`, `مطار حيدر علييف`: an institution or facility
        // named after a person, whose name is all of the complement.
        if n == 0 && institution(label, &ws[i].key) && !w.clitic {
            let titled = w.definite && w.trigger() == Some(Trigger::Title);
            let from = if titled { k + 1 } else { k };
            let named_after = (titled || (!w.definite && w.given()))
                && from < ws.len()
                && (!titled || words.adjacent(k, from));
            if let Some(end) = named_after.then(|| person_from(words, ms, from)).flatten() {
                j = end;
                n += 1;
                named = true;
                break;
            }
        }
        let ok = w.kind == TokenKind::Word
            && !w.clitic
            && w.trigger().is_none()
            && w.key.chars().count() >= 2
            && (w.definite || quoted)
            && !is_time_word(&words.text[w.span.range()]);
        if !ok {
            break;
        }
        let bare = w.key.strip_prefix("ال").unwrap_or(&w.key);
        named |= quoted || !is_common(bare);
        proper |= quoted || !is_common(bare);
        j = k + 1;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    // An acronym in parentheses after it names it too: `هيئة الإغاثة (إهاد)`.
    let after = words.text[ws[j - 1].span.end..].trim_start();
    named |= after.starts_with('(')
        && after[1..]
            .find(')')
            .is_some_and(|c| c > 0 && c < 40 && !after[1..1 + c].contains(char::is_numeric));
    if !named {
        return None;
    }
    let span = Span::new(ws[i].inner.start, ws[j - 1].span.end);
    let surface = &words.text[span.range()];
    let known = canonical::near(g, surface, label).or_else(|| {
        let complement = Span::new(ws[i + 1].span.start.min(span.end), span.end);
        canonical::near(g, &words.text[complement.range()], label)
    });
    push_rule(words, ms, i, j, label, known);
    Some(j)
}

/// True when a head of this label may be named after a person: a facility
/// (`مطار محمد الخامس`) or a university (`جامعة الملك فهد`).
fn institution(label: Label, head: &str) -> bool {
    label == Label::Fac || head == "جامعه"
}

/// The end (exclusive word index) of a name of two to six words in quote
/// marks starting at word `k` (the mark before it opens it), if the marks
/// close: `« أمريكان أكسبريس »`, `" تي في 5 "`.
fn quoted_run(words: &Words<'_>, k: usize) -> Option<usize> {
    let ws = &words.words;
    let mut e = k;
    while e < ws.len()
        && e - k < 6
        && matches!(
            ws[e].kind,
            TokenKind::Word | TokenKind::Latin | TokenKind::Number
        )
    {
        e += 1;
    }
    (e - k >= 2 && e < ws.len() && words.is_mark(e) && !opening_mark(words, e, true)).then_some(e)
}

/// True when mark token `m` opens a quotation or parenthesis: `(`, `«`, `“`,
/// or a straight quote when none is open (`opened` false).
fn opening_mark(words: &Words<'_>, m: usize, opened: bool) -> bool {
    let t = &words.text[words.words[m].span.range()];
    t.contains(['(', '«', '“']) || (!opened && t.contains(['"', '\'']))
}

/// Place and facility heads that are also everyday nouns (`مقاطعة المنتجات`
/// "boycotting the products", `قضاء العطلات` "spending the holidays",
/// `حقل الاقتصاد` "the field of economics", `قاعدة البيانات` "the database"):
/// the name after them must be no common word.
fn plain_head(key: &str) -> bool {
    matches!(
        key,
        "مقاطعه"
            | "قضاء"
            | "ولايه"
            | "ناحيه"
            | "حقل"
            | "قاعده"
            | "سهل"
            | "جسر"
            | "سجن"
    )
}

/// A place head (`مدينة`, `محافظة`, `بلدة`) and the name after it, head
/// outside the span: one word, or two when the second is definite (`دير الزور`).
fn place(
    words: &Words<'_>,
    g: &Gazetteer,
    ms: &mut Vec<Mention>,
    j: usize,
    label: Label,
) -> Option<usize> {
    let ws = &words.words;
    let k = words.next_word(j.checked_sub(1)?)?;
    if !words.adjacent(j - 1, k) {
        return None;
    }
    let w = &ws[k];
    let key: &str = if w.definite { &w.key } else { w.full() };
    let plain = plain_head(&ws[j - 1].key) && is_common(key.strip_prefix("ال").unwrap_or(key));
    if plain
        || covered(ms, w.span)
        || !whole(words, w)
        || w.trigger().is_some_and(|t| t != Trigger::Part)
        || trigger(w.full()).is_some_and(|t| t != Trigger::Part)
        || w.key.chars().count() < 2
        || is_time_word(&words.text[w.span.range()])
        // An adjective, not a name: `مدينة إسرائيلية`, `بلدة صغيرة`.
        || (!w.definite && (key.ends_with('ي') || key.ends_with("يه") || is_common(key)))
    {
        return None;
    }
    let mut end = k + 1;
    if trigger(key) == Some(Trigger::Part) {
        if let Some(n) = ws.get(end) {
            if n.definite && !n.clitic && n.kind == TokenKind::Word && n.trigger().is_none() {
                end += 1;
            }
        }
    }
    let from = if w.definite {
        w.inner.start
    } else {
        w.span.start
    };
    let surface = &words.text[Span::new(from, ws[end - 1].span.end).range()];
    let known = canonical::near(g, surface, label);
    push_rule(words, ms, k, end, label, known);
    Some(end)
}

/// Names that are also ordinary words (`القائم` "the existing one", `الباب`
/// "the door") count as names inside a list of names of the same kind:
/// `في القائم والبوكمال`, `البوكمال والقائم`, `حلب، الباب`.
pub fn ambiguous_in_lists(text: &str, folded: &super::Folded, ms: &mut Vec<Mention>) {
    ambiguous_in_lists_in(text, folded, 0..folded.text.len(), ms);
}

/// [`ambiguous_in_lists`] in the folded bytes `range` of the text alone (see
/// [`Gazetteer::find_folded_in`]).
pub fn ambiguous_in_lists_in(
    text: &str,
    folded: &super::Folded,
    range: std::ops::Range<usize>,
    ms: &mut Vec<Mention>,
) {
    let hits = Gazetteer::ambiguous().find_folded_in(text, folded, range);
    ambiguous_hits_in_lists(text, &hits, ms);
}

/// [`ambiguous_in_lists`] given the hits of [`Gazetteer::ambiguous`] (see
/// [`Gazetteer::find_with_ambiguous_in`]).
pub fn ambiguous_hits_in_lists(text: &str, hits: &[super::Hit], ms: &mut Vec<Mention>) {
    if hits.is_empty() {
        return;
    }
    let amb = Gazetteer::ambiguous();
    let mut added = Vec::new();
    for h in hits {
        let e = amb.entry(h.entry);
        // A name in quote marks is a title, not a place or a word: `قال
        // لـ«الشرق الأوسط»` is the newspaper.
        let quoted = text[..h.span.start].trim_end().ends_with(['«', '"', '“'])
            && text[h.span.end..].trim_start().starts_with(['»', '"', '”']);
        if quoted && e.label == Label::Org {
            if let Some(m) = ms.iter_mut().find(|m| m.span == h.span) {
                if m.label == Label::Loc {
                    m.label = Label::Org;
                    m.canonical = e.canonical.clone();
                    m.id = e.id.clone();
                }
                continue;
            }
        }
        if covered(ms, h.span) {
            continue;
        }
        // What separates two names of a list: a comma or a و (spaces alone
        // do not: `بوخارست ينبع من` "Bucharest springs from").
        let linked = |between: &str| {
            let b = between.trim_matches(|c: char| c.is_whitespace() || c == '،' || c == ',');
            (b.is_empty() && between.contains(['،', ','])) || b == "و"
        };
        let before = ms
            .iter()
            .filter(|m| m.span.end <= h.span.start && m.label == e.label)
            .max_by_key(|m| m.span.end)
            .is_some_and(|m| linked(&text[m.span.end..h.span.start]));
        let after = ms
            .iter()
            .filter(|m| m.span.start >= h.span.end && m.label == e.label)
            .min_by_key(|m| m.span.start)
            .is_some_and(|m| linked(&text[h.span.end..m.span.start]));
        // `والقائم`: the hit starts after the و, which belongs to the list.
        let joined = text[..h.span.start].strip_suffix('و').is_some_and(|head| {
            ms.iter()
                .filter(|m| m.label == e.label && m.span.end <= head.len())
                .max_by_key(|m| m.span.end)
                .is_some_and(|m| {
                    head[m.span.end..].trim().is_empty() || linked(&head[m.span.end..])
                })
        });
        if before || after || joined {
            added.push(Mention {
                span: h.span,
                label: e.label,
                canonical: e.canonical.clone(),
                id: e.id.clone(),
                source: Source::Gazetteer,
            });
        }
    }
    ms.extend(added);
}
