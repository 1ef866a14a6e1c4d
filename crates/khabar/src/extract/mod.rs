//! Extraction: what an article says. One module per extractor, each with an
//! `extract(text, published)` entry point that works on any text and returns
//! mentions with byte spans into it.
//!
//! - [`entities`]: people, organisations, places, facilities and
//!   nationalities, each with one canonical name (gazetteers, rules, the
//!   statistical [`crate::tagger`]'s spans);
//! - [`quotes`]: who said what, through which agency;
//! - [`times`]: time expressions, absolute, relative (resolved against the
//!   publication time) and vague;
//! - [`quantities`]: numbers in digits or words with their unit.
//!
//! ```
//! use khabar::Published;
//! use chrono::NaiveDate;
//! let published = Published::naive(
//!     NaiveDate::from_ymd_opt(2017, 10, 28).unwrap().and_hms_opt(11, 58, 0).unwrap(),
//! );
//! let text = "وسيطرت القوات يوم الاحد الماضي على 7 كيلومترات";
//! let times = khabar::extract::times::extract(text, Some(published));
//! assert_eq!(&text[times[0].span.range()], "يوم الاحد الماضي");
//! assert_eq!(times[0].value, "2017-10-22");
//! let qs = khabar::extract::quantities::extract(text, Some(published));
//! assert_eq!((qs[0].value, qs[0].unit.as_deref()), (7.0, Some("km")));
//! ```

pub mod entities;
pub mod numbers;
pub mod quantities;
pub mod quotes;
pub mod times;

use crate::date::{to_ascii_digits, tokenize, Kind, Tok};
use std::cell::OnceCell;
use std::sync::LazyLock;

use crate::lexicon::{
    fold_into, FastSet, HIJRI_MONTHS, MONTHS, NUMBER_WORDS, TIME_WORDS, WEEKDAYS,
};
use crate::model::{Article, Span};

/// Runs the time and quantity extractors on `article.text` and stores their
/// mentions, each with its paragraph; `sentence` is left at -1 for the sentence
/// splitter to fill.
pub fn times_and_quantities(article: &mut Article) {
    let ascii = ascii_copy(&article.text);
    let ctx = Ctx::new(&article.text, &ascii);
    let mut times = times::extract_in(&ctx, article.published);
    for t in &mut times {
        t.paragraph = article.paragraph_at(t.span.start);
        t.sentence = -1;
    }
    let mut quantities = quantities::extract_in(&ctx, &times);
    for q in &mut quantities {
        q.paragraph = article.paragraph_at(q.span.start);
        q.sentence = -1;
    }
    article.times = times;
    article.quantities = quantities;
}

/// The clitics that attach to the front of a word, longest first: conjunctions
/// (و ف), prepositions (ب ل ك) and their pairs. Stripped only when what is left
/// is a word the lexicon knows.
const CLITICS: [&str; 11] = ["وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك", ""];

/// The tokens of one text, with folded word forms and a map from the
/// ASCII-digit copy the tokens index back to the original text.
pub(crate) struct Ctx<'a> {
    /// The original text.
    pub text: &'a str,
    /// Tokens of the ASCII-digit copy (see [`crate::date`]).
    pub toks: Vec<Tok<'a>>,
    /// `fold` of every token's text, one after another (see [`Ctx::f`]).
    fbuf: String,
    /// Where each token's folded text sits in `fbuf`.
    franges: Vec<(usize, usize)>,
    /// Clitic readings of each word token (see [`Ctx::readings`]); empty for the
    /// others.
    readings: Vec<OnceCell<Vec<(usize, String)>>>,
    /// Per token, a bit set an extractor computes once from its readings (the
    /// time extractor: the lexicon classes any reading can begin).
    bits: Vec<OnceCell<u32>>,
    /// True for a token an expression or a number can start at: a number, or a
    /// word one of whose readings starts a lexicon entry. Most words are not, and
    /// the extractors skip them without trying every rule.
    pub starts: Vec<bool>,
    /// Byte offset in the original of each byte offset in the copy; empty when the
    /// two are the same (no Arabic-Indic or Persian digits).
    map: Vec<usize>,
}

impl<'a> Ctx<'a> {
    /// Tokenizes `ascii`, which must be `to_ascii_digits(text)`.
    pub fn new(text: &'a str, ascii: &'a str) -> Self {
        let toks = tokenize(ascii);
        let mut fbuf = String::with_capacity(ascii.len());
        let franges = toks
            .iter()
            .map(|t| {
                let start = fbuf.len();
                if t.kind == Kind::Word {
                    fold_into(t.text, &mut fbuf);
                } else {
                    fbuf.push_str(t.text);
                }
                (start, fbuf.len())
            })
            .collect();
        let map = if ascii.len() == text.len() {
            Vec::new()
        } else {
            let mut map = Vec::with_capacity(ascii.len() + 1);
            for ((_, c), (oi, _)) in ascii.chars().map(|c| (0, c)).zip(text.char_indices()) {
                for _ in 0..c.len_utf8() {
                    map.push(oi);
                }
            }
            map.push(text.len());
            map
        };
        let mut ctx = Ctx {
            text,
            toks,
            fbuf,
            franges,
            map,
            readings: Vec::new(),
            bits: Vec::new(),
            starts: Vec::new(),
        };
        ctx.readings = (0..ctx.toks.len()).map(|_| OnceCell::new()).collect();
        ctx.bits = (0..ctx.toks.len()).map(|_| OnceCell::new()).collect();
        ctx.starts = (0..ctx.toks.len())
            .map(|i| match ctx.toks[i].kind {
                Kind::Num => true,
                Kind::Punct => false,
                Kind::Word => may_start(ctx.f(i)),
            })
            .collect();
        ctx
    }

    /// The byte in the original text for byte `b` of the ASCII-digit copy.
    pub fn orig(&self, b: usize) -> usize {
        if self.map.is_empty() {
            b.min(self.text.len())
        } else {
            self.map.get(b).copied().unwrap_or(self.text.len())
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True for a word token.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// True for a number token.
    pub fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    /// The folded text of token `i` ("" past the end).
    pub fn f(&self, i: usize) -> &str {
        self.franges
            .get(i)
            .and_then(|&(a, b)| self.fbuf.get(a..b))
            .unwrap_or("")
    }

    /// True when token `i` directly follows token `i - 1` with no space between.
    pub fn touches_prev(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i].start == self.toks[i - 1].end
    }

    /// The span in the original text from the start of token `first` (plus
    /// `skip` bytes of the copy, for a clitic) to the end of token `last`.
    pub fn span(&self, first: usize, skip: usize, last: usize) -> Span {
        let (Some(a), Some(b)) = (self.toks.get(first), self.toks.get(last)) else {
            return Span::default();
        };
        Span::new(self.orig(a.start + skip), self.orig(b.end))
    }

    /// The bit set of token `i`, computed by `f` the first time it is asked for
    /// (0 past the end).
    pub fn bits(&self, i: usize, f: impl FnOnce() -> u32) -> u32 {
        self.bits.get(i).map_or(0, |cell| *cell.get_or_init(f))
    }

    /// Clitic readings of word `i`: (bytes of clitic in the copy, folded rest),
    /// the bare word first and then longest clitic first. The bare word is always
    /// included; the others only when at least two letters remain. Empty for a
    /// token that is not a word.
    pub fn readings(&self, i: usize) -> &[(usize, String)] {
        self.readings
            .get(i)
            .map_or(&[], |cell| cell.get_or_init(|| self.compute_readings(i)))
    }

    fn compute_readings(&self, i: usize) -> Vec<(usize, String)> {
        let mut out = Vec::with_capacity(2);
        let Some(t) = self.toks.get(i).filter(|t| t.kind == Kind::Word) else {
            return out;
        };
        let f = self.f(i);
        out.push((0, f.to_owned()));
        for c in CLITICS.iter().filter(|c| !c.is_empty()) {
            let Some(rest) = f.strip_prefix(c) else {
                continue;
            };
            if rest.chars().count() < 2 {
                continue;
            }
            // ل and ك attach to definite nouns in the words we look up (`للعام`,
            // `كالأمس`); before anything else they are usually part of the word
            // (`لامس` is "touched", not ل + `امس`).
            // A number after the word (`لعام 2016`) or a number word (`لعشر
            // سنوات`) makes the clitic reading likely too.
            if (c.ends_with('ل') || c.ends_with('ك'))
                && !rest.starts_with("ال")
                && !rest.starts_with('ل')
                && !self.is_num(i + 1)
                && !NUMBER_WORDS.starts_phrase(rest)
            {
                continue;
            }
            // The clitic's letters in the original token, plus any marks on them.
            let n = c.chars().count();
            let mut seen = 0;
            let mut skip = t.text.len();
            for (bi, ch) in t.text.char_indices() {
                let mark = matches!(ch, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}');
                if seen == n && !mark {
                    skip = bi;
                    break;
                }
                if !mark {
                    seen += 1;
                }
            }
            out.push((skip, rest.to_owned()));
            // `لل` + noun is ل + ال with the alef elided: read `للعام` as `العام`.
            if *c == "ل" && rest.starts_with('ل') && !rest.starts_with("ال") {
                out.push((skip, format!("ا{rest}")));
            }
        }
        out
    }
}

/// Folded words that can begin a time expression or a number: the first word
/// of every time phrase, weekday, Gregorian or Hijri month and number word, and
/// decades without their article (`ثمانينيات`).
static STARTERS: LazyLock<FastSet<String>> = LazyLock::new(|| {
    let first = |n: &str| n.split(' ').next().unwrap_or(n).to_owned();
    let mut set: FastSet<String> = TIME_WORDS
        .names()
        .chain(NUMBER_WORDS.names())
        .chain(WEEKDAYS.names())
        .chain(MONTHS.names())
        .chain(HIJRI_MONTHS.names())
        .map(first)
        .collect();
    for n in TIME_WORDS.names().filter(|n| TIME_WORDS.has(n, "decade")) {
        if let Some(rest) = n.strip_prefix("ال") {
            set.insert(first(rest));
        }
    }
    set
});

/// True when a folded word, as written or after a clitic (`وأمس`, `للعام`), is
/// in [`STARTERS`]. Allocates only for the rare `لل` form.
fn may_start(f: &str) -> bool {
    if STARTERS.contains(f) {
        return true;
    }
    CLITICS.iter().filter(|c| !c.is_empty()).any(|c| {
        let Some(rest) = f.strip_prefix(c) else {
            return false;
        };
        if rest.chars().count() < 2 {
            return false;
        }
        if c.ends_with('ل') && rest.starts_with('ل') && !rest.starts_with("ال") {
            return STARTERS.contains(&format!("ا{rest}"));
        }
        STARTERS.contains(rest)
    })
}

/// Builds the ASCII-digit copy a [`Ctx`] tokenizes.
pub(crate) fn ascii_copy(text: &str) -> String {
    // Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits are D9 A0–A9
    // and DB B0–B9 in UTF-8; without them the copy is the text (a memcpy).
    let b = text.as_bytes();
    let has_digits = memchr::memchr2_iter(0xD9, 0xDB, b).any(|i| {
        b.get(i + 1).is_some_and(|&n| match b[i] {
            0xD9 => (0xA0..=0xA9).contains(&n),
            _ => (0xB0..=0xB9).contains(&n),
        })
    });
    if has_digits {
        to_ascii_digits(text)
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn pipeline_mentions_slice_the_text(
            text in "[\\PC٠-٩۰-۹ وأمسالجمعة٫٬%]{0,300}",
            day in 1u32..28,
        ) {
            let published = chrono::NaiveDate::from_ymd_opt(2018, 3, day)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(crate::model::Published::naive);
            if let Ok(a) = crate::analyze(&text, published) {
                for t in &a.times {
                    proptest::prop_assert!(a.text.get(t.span.range()).is_some());
                    // -1, or the sentence that holds the time's start.
                    let held = usize::try_from(t.sentence)
                        .ok()
                        .and_then(|i| a.sentences.get(i))
                        .is_some_and(|s| s.start <= t.span.start && t.span.start < s.end);
                    proptest::prop_assert!(t.sentence == -1 || held, "{:?}", t);
                }
                for q in &a.quantities {
                    proptest::prop_assert!(a.text.get(q.span.range()).is_some());
                    proptest::prop_assert!(q.value.is_finite());
                }
            }
        }
    }

    #[test]
    fn a_time_in_a_sentence_is_numbered_with_it() {
        // Found by the property test above, which once expected -1 always.
        let a = crate::analyze("0:00®", None).expect("text");
        assert!(!a.times.is_empty());
        assert!(a.times.iter().all(|t| t.sentence == 0), "{:?}", a.times);
    }

    #[test]
    fn offsets_map_back_through_arabic_digits() {
        let text = "في ٢٨ أكتوبر";
        let ascii = ascii_copy(text);
        let ctx = Ctx::new(text, &ascii);
        let sp = ctx.span(1, 0, 1);
        assert_eq!(&text[sp.range()], "٢٨");
    }

    #[test]
    fn clitic_readings_keep_the_clitic_outside() {
        let text = "وَأمس بالأمس";
        let ascii = ascii_copy(text);
        let ctx = Ctx::new(text, &ascii);
        let r = ctx.readings(0);
        let (skip, rest) = r.iter().find(|(_, r)| r == "امس").unwrap();
        assert_eq!(rest, "امس");
        assert_eq!(&text[ctx.span(0, *skip, 0).range()], "أمس");
        let r = ctx.readings(1);
        let (skip, _) = r.iter().find(|(_, r)| r == "الامس").unwrap();
        assert_eq!(&text[ctx.span(1, *skip, 1).range()], "الأمس");
    }
}
