//! Normalisation of Arabic text with an [`Alignment`] back to the original.
//!
//! One pass over the input: ASCII and unchanged Arabic letters are copied in
//! runs, characters of the Arabic block (U+0600–U+06FF) are looked up in a
//! 256-entry table built once per [`NormalizeOptions`], and the rare rest
//! (spaces, quotes, controls, presentation forms) goes through a `match`.
//!
//! Every option maps a character to characters the same options leave alone,
//! so normalising twice gives the same text as normalising once.
//!
//! [`Normalizer::normalize_utf16le`] applies the same table to UTF-16 text
//! without an alignment (the Python binding's path: Python strings convert to
//! and from UTF-16 far faster than UTF-8); a property test checks it against
//! [`Normalizer::normalize`] on random text and options.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use crate::model::Span;

/// Which direction punctuation is unified in ([`NormalizeOptions::punctuation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Punctuation {
    /// Leave `، ؛ ؟` and `, ; ?` as written.
    Keep,
    /// Latin `, ; ?` written right after an Arabic letter (spaces between
    /// allowed) become `، ؛ ؟`, as in the seed's `دير الزور, بعد`. Latin
    /// punctuation elsewhere (`1,000`, English text) is left alone.
    #[default]
    Arabic,
    /// `، ؛ ؟` (and the Urdu full stop `۔`) become `, ; ? .`.
    Latin,
}

/// What [`normalize`] changes. Each field is one independent switch; the
/// [`Default`] is the setting the extractors use, marked below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    /// Remove harakat, tanween, shadda, sukun, the dagger alef and Quranic
    /// marks (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED). Default on.
    pub diacritics: bool,
    /// Remove tatweel (kashida, U+0640). Default on.
    pub tatweel: bool,
    /// Unify alef forms: `أ إ آ ٱ ٲ ٳ` → `ا`. Default on.
    pub alef: bool,
    /// Alef maqsura `ى` → yaa `ي`. Default off (it changes words: `على`/`علي`).
    pub alef_maqsura: bool,
    /// Taa marbuta `ة` → haa `ه`. Default off.
    pub taa_marbuta: bool,
    /// Hamza on a carrier `ؤ ئ` → the bare hamza `ء`. Default off.
    pub hamza: bool,
    /// Persian and Urdu letter variants to the Arabic letter: `ی ې ے ۓ ۍ` → `ي`,
    /// `ک ڪ` → `ك`, `ە ہ ھ ۀ ۂ` → `ه`, `ۃ` → `ة`. Letters Arabic also uses for
    /// foreign sounds (`پ چ ژ گ ڤ`) stay. Default on.
    pub persian: bool,
    /// Arabic-Indic and Persian digits → ASCII digits, `٫` → `.`, `٬` → `,`,
    /// `٪` → `%`. Default on.
    pub digits: bool,
    /// Arabic ↔ Latin punctuation; default [`Punctuation::Arabic`].
    pub punctuation: Punctuation,
    /// Quotation marks `« » “ ” „ ‟ ″ ‶` → `"` and `‘ ’ ‚ ‛ ′` → `'`. Default on.
    pub quotes: bool,
    /// Presentation forms of single letters and marks (U+FB50–U+FDFF,
    /// U+FE70–U+FEFC) → the letter, by compatibility decomposition. Default on.
    pub presentation_forms: bool,
    /// Ligatures (`ﻻ ﻷ` lam-alef, `ﷲ`, `ﷺ` and the other multi-letter
    /// presentation forms) → their letters. Default on.
    pub ligatures: bool,
    /// Remove bidi and zero-width controls (U+200B–U+200F, U+202A–U+202E,
    /// U+2060–U+2069, U+061C, U+FEFF) and the soft hyphen. Default on.
    pub controls: bool,
    /// Unusual spaces (no-break, thin, em, ideographic, …) → an ASCII space,
    /// line and paragraph separators → `\n`. Runs are not collapsed. Default on.
    pub spaces: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            diacritics: true,
            tatweel: true,
            alef: true,
            alef_maqsura: false,
            taa_marbuta: false,
            hamza: false,
            persian: true,
            digits: true,
            punctuation: Punctuation::Arabic,
            quotes: true,
            presentation_forms: true,
            ligatures: true,
            controls: true,
            spaces: true,
        }
    }
}

impl NormalizeOptions {
    /// Every option off: the text comes back unchanged.
    pub const fn none() -> Self {
        NormalizeOptions {
            diacritics: false,
            tatweel: false,
            alef: false,
            alef_maqsura: false,
            taa_marbuta: false,
            hamza: false,
            persian: false,
            digits: false,
            punctuation: Punctuation::Keep,
            quotes: false,
            presentation_forms: false,
            ligatures: false,
            controls: false,
            spaces: false,
        }
    }

    /// Every letter option on as well (alef maqsura, taa marbuta, hamza): the
    /// most aggressive folding, for matching names and search.
    pub fn all() -> Self {
        NormalizeOptions {
            alef_maqsura: true,
            taa_marbuta: true,
            hamza: true,
            ..NormalizeOptions::default()
        }
    }
}

/// Normalised text and the [`Alignment`] that maps its spans to the original.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Maps byte offsets between `text` and the original.
    pub alignment: Alignment,
}

impl Normalized {
    /// The span of the original text that `span` of the normalised text came
    /// from. Offsets are clamped to the text and widened to char boundaries; the
    /// result always lies on char boundaries of the original. A span that starts
    /// or ends inside a character that expanded (a ligature) covers the whole
    /// original character. Never panics.
    pub fn to_original(&self, span: Span) -> Span {
        let start = floor_boundary(&self.text, span.start.min(span.end));
        let end = ceil_boundary(&self.text, span.end.max(span.start));
        self.alignment.to_original(Span::new(start, end))
    }

    /// The span of the normalised text that `span` of the original maps to.
    /// Offsets are clamped and widened to char boundaries. Never panics.
    pub fn to_normalized(&self, span: Span) -> Span {
        let s = self.alignment.to_normalized(span);
        Span::new(
            floor_boundary(&self.text, s.start),
            ceil_boundary(&self.text, s.end),
        )
    }
}

/// One stretch of the alignment: from `norm` in the normalised text and `orig` in
/// the original up to the next segment's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    norm: usize,
    orig: usize,
    /// True where both sides have the same length and correspond byte for byte
    /// (copied text, or characters replaced by ones of the same UTF-8 length);
    /// false for a character that was removed or changed length, which only maps
    /// as a whole.
    linear: bool,
}

/// Maps byte offsets between a normalised text and its original.
///
/// Stored as a list of segments where the offset difference changes, so text
/// that normalisation leaves alone costs nothing. Offsets should be char
/// boundaries of the text they index; [`Normalized::to_original`] and
/// [`Normalized::to_normalized`] take care of that for arbitrary input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    segs: Vec<Segment>,
    norm_len: usize,
    orig_len: usize,
}

impl Default for Alignment {
    fn default() -> Self {
        Alignment {
            segs: vec![Segment {
                norm: 0,
                orig: 0,
                linear: true,
            }],
            norm_len: 0,
            orig_len: 0,
        }
    }
}

impl Alignment {
    /// The identity alignment of a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        Alignment {
            norm_len: len,
            orig_len: len,
            ..Alignment::default()
        }
    }

    /// True when normalisation changed no offsets (it may still have replaced
    /// characters by others of the same length).
    pub fn is_identity(&self) -> bool {
        self.segs.len() == 1 && self.norm_len == self.orig_len
    }

    /// Length of the normalised text in bytes.
    pub fn normalized_len(&self) -> usize {
        self.norm_len
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.orig_len
    }

    /// Maps a span of the normalised text to the original. Removed characters
    /// between two kept ones belong to the one before: a span's end takes the
    /// diacritics after its last letter with it, its start skips them.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.map(span.start.min(self.norm_len), false, true);
        let end = self.map(span.end.min(self.norm_len), true, true);
        Span::new(start, end.max(start))
    }

    /// Maps a span of the original text to the normalised text.
    pub fn to_normalized(&self, span: Span) -> Span {
        let start = self.map(span.start.min(self.orig_len), false, false);
        let end = self.map(span.end.min(self.orig_len), true, false);
        Span::new(start, end.max(start))
    }

    /// Maps one offset; `forward` = normalised → original.
    fn map(&self, at: usize, end: bool, forward: bool) -> usize {
        let key = |s: &Segment| if forward { s.norm } else { s.orig };
        let i = self
            .segs
            .partition_point(|s| key(s) <= at)
            .saturating_sub(1);
        let Some(seg) = self.segs.get(i) else {
            return 0;
        };
        let (next_norm, next_orig) = match self.segs.get(i + 1) {
            Some(n) => (n.norm, n.orig),
            None => (self.norm_len, self.orig_len),
        };
        let (from, to, to_end) = if forward {
            (seg.norm, seg.orig, next_orig)
        } else {
            (seg.orig, seg.norm, next_norm)
        };
        if seg.linear {
            (to + (at - from)).min(to_end)
        } else if at == from || !end {
            to
        } else {
            to_end
        }
    }

    fn push(&mut self, norm: usize, orig: usize, linear: bool) {
        if let Some(last) = self.segs.last_mut() {
            if last.norm == norm && last.orig == orig {
                last.linear = linear;
                let n = self.segs.len();
                // Two removals in a row: keep one segment for both.
                if n >= 2 && !linear && !self.segs[n - 2].linear && self.segs[n - 2].norm == norm {
                    self.segs.pop();
                }
                return;
            }
            if linear && last.linear && norm - last.norm == orig - last.orig {
                return;
            }
        }
        self.segs.push(Segment { norm, orig, linear });
    }
}

/// What the table says about a character of the Arabic block.
const KEEP: u32 = 0;
const DROP: u32 = 1;

/// A normaliser for one set of options; build once, use on many texts.
///
/// ```
/// use khabar::text::{NormalizeOptions, Normalizer};
/// let n = Normalizer::new(NormalizeOptions::default());
/// assert_eq!(n.normalize("مُحَمَّد").text, "محمد");
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizeOptions,
    arabic: [u32; 256],
    /// One bit per code unit of the Basic Multilingual Plane: set where these
    /// options may change the character ([`Normalizer::normalize_utf16le`]
    /// copies everything else without looking further). Built on first use.
    attention: OnceLock<Box<[u64; 1024]>>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizeOptions::default())
    }
}

impl Normalizer {
    /// Builds the lookup table for `options`.
    pub fn new(options: NormalizeOptions) -> Self {
        let mut t = [KEEP; 256];
        let mut set = |cps: &[u32], to: u32| {
            for &cp in cps {
                t[(cp - 0x600) as usize] = to;
            }
        };
        let range = |a: u32, b: u32| (a..=b).collect::<Vec<u32>>();
        let o = options;
        if o.diacritics {
            for r in [
                range(0x610, 0x61A),
                range(0x64B, 0x65F),
                vec![0x670],
                range(0x6D6, 0x6DC),
            ] {
                set(&r, DROP);
            }
            for r in [range(0x6DF, 0x6E4), vec![0x6E7, 0x6E8], range(0x6EA, 0x6ED)] {
                set(&r, DROP);
            }
        }
        if o.tatweel {
            set(&[0x640], DROP);
        }
        if o.alef {
            set(&[0x622, 0x623, 0x625, 0x671, 0x672, 0x673], 0x627);
        }
        if o.alef_maqsura {
            set(&[0x649], 0x64A);
        }
        if o.taa_marbuta {
            set(&[0x629], 0x647);
        }
        if o.hamza {
            set(&[0x624, 0x626], 0x621);
        }
        if o.persian {
            set(&[0x6CC, 0x6D0, 0x6D2, 0x6D3, 0x6CD], 0x64A);
            set(&[0x6A9, 0x6AA], 0x643);
            set(&[0x6D5, 0x6C1, 0x6BE, 0x6C0, 0x6C2], 0x647);
            set(&[0x6C3], 0x629);
        }
        if o.digits {
            for d in 0..10 {
                set(&[0x660 + d, 0x6F0 + d], '0' as u32 + d);
            }
            set(&[0x66B], '.' as u32);
            set(&[0x66C], ',' as u32);
            set(&[0x66A], '%' as u32);
        }
        if o.punctuation == Punctuation::Latin {
            set(&[0x60C], ',' as u32);
            set(&[0x61B], ';' as u32);
            set(&[0x61F], '?' as u32);
            set(&[0x6D4], '.' as u32);
        }
        if o.controls {
            set(&[0x61C], DROP);
        }
        // Chains (ۃ → ة → ه) resolve to their end, so one pass is enough.
        for i in 0..256 {
            let mut to = t[i];
            while (0x600..0x700).contains(&to) && t[(to - 0x600) as usize] != KEEP {
                to = t[(to - 0x600) as usize];
            }
            t[i] = to;
        }
        Normalizer {
            options,
            arabic: t,
            attention: OnceLock::new(),
        }
    }

    /// The bitmap of code units these options may change (see `attention`).
    fn attention(&self) -> &[u64; 1024] {
        self.attention.get_or_init(|| {
            let mut bits = Box::new([0u64; 1024]);
            let mut flagged: Vec<u32> = Vec::new();
            if self.options.punctuation == Punctuation::Arabic {
                flagged.extend([',', ';', '?'].map(u32::from));
            }
            flagged.extend((0x600..0x700).filter(|&u| self.arabic[(u - 0x600) as usize] != KEEP));
            // Every character `other` can map lies in these ranges.
            flagged.extend(
                (0xA0..=0xBB)
                    .chain(0x2000..=0x206F)
                    .chain([0x3000])
                    .chain(0xFB50..=0xFEFF)
                    .filter(|&u| {
                        char::from_u32(u).is_some_and(|c| !matches!(self.other(c), Action::Keep))
                    }),
            );
            for u in flagged {
                bits[(u >> 6) as usize] |= 1 << (u & 63);
            }
            bits
        })
    }

    /// The mapping of one character of the Arabic block (U+0600–U+06FF) under
    /// these options: `None` when it is removed. The table [`Normalizer::normalize`]
    /// uses, for callers that fold word by word (`lexicon::fold`).
    pub(crate) fn map_arabic(&self, c: char) -> Option<char> {
        let cp = c as u32;
        if !(0x600..0x700).contains(&cp) {
            return Some(c);
        }
        match self.arabic[(cp - 0x600) as usize] {
            KEEP => Some(c),
            DROP => None,
            to => char::from_u32(to),
        }
    }

    /// The options this normaliser applies.
    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Normalises `text` (see [`normalize`]).
    pub fn normalize(&self, text: &str) -> Normalized {
        let bytes = text.as_bytes();
        // Allocated on the first change: unchanged text costs one copy.
        let mut out = String::new();
        let mut align = Alignment::identity(0);
        let mut copied = 0;
        let mut i = 0;
        let arabic_punct = self.options.punctuation == Punctuation::Arabic;
        while i < bytes.len() {
            let b = bytes[i];
            let (len, act): (usize, Action) = if b < 0x80 {
                if arabic_punct && matches!(b, b',' | b';' | b'?') {
                    if out.capacity() == 0 {
                        out.reserve(text.len() + 16);
                    }
                    out.push_str(&text[copied..i]);
                    copied = i;
                    if after_arabic_letter(&out) {
                        let c = match b {
                            b',' => '،',
                            b';' => '؛',
                            _ => '؟',
                        };
                        (1, Action::Char(c))
                    } else {
                        (1, Action::Keep)
                    }
                } else {
                    i += 1;
                    continue;
                }
            } else if (0xD8..=0xDB).contains(&b) {
                let cp = (((b & 0x1F) as usize) << 6)
                    | (bytes.get(i + 1).map_or(0, |&c| c & 0x3F) as usize);
                match self.arabic[cp & 0xFF] {
                    KEEP => {
                        i += 2;
                        continue;
                    }
                    DROP => (2, Action::Drop),
                    to if (0x80..0x800).contains(&to) => {
                        // Same length (a letter for a letter): no alignment change.
                        if out.capacity() == 0 {
                            out.reserve(text.len());
                        }
                        out.push_str(&text[copied..i]);
                        out.push(char::from_u32(to).unwrap_or('\u{FFFD}'));
                        i += 2;
                        copied = i;
                        continue;
                    }
                    to => (2, char::from_u32(to).map_or(Action::Keep, Action::Char)),
                }
            } else {
                let len = utf8_len(b);
                if !matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF) {
                    i += len;
                    continue;
                }
                let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                    i += len;
                    continue;
                };
                match self.other(c) {
                    Action::Keep => {
                        i += len;
                        continue;
                    }
                    act => (len, act),
                }
            };
            // A change: flush the unchanged run, then emit the replacement.
            if out.capacity() == 0 {
                out.reserve(text.len() + 16);
            }
            if copied < i {
                out.push_str(&text[copied..i]);
            }
            let (n0, o0) = (out.len(), i);
            match act {
                Action::Keep => out.push_str(&text[i..i + len]),
                Action::Drop => {}
                Action::Char(c @ (',' | ';' | '?'))
                    if arabic_punct && after_arabic_letter(&out) =>
                {
                    out.push(match c {
                        ',' => '،',
                        ';' => '؛',
                        _ => '؟',
                    })
                }
                Action::Char(c) => out.push(c),
                Action::Str(s) => {
                    for c in s.chars() {
                        self.push_mapped(&mut out, c);
                    }
                }
            }
            i += len;
            copied = i;
            let n1 = out.len();
            if n1 - n0 != len {
                align.push(n0, o0, false);
                align.push(n1, i, true);
            }
        }
        if copied == 0 {
            // Nothing changed: one copy, identity alignment.
            return Normalized {
                text: text.to_owned(),
                alignment: Alignment::identity(text.len()),
            };
        }
        out.push_str(&text[copied..]);
        align.norm_len = out.len();
        align.orig_len = text.len();
        Normalized {
            text: out,
            alignment: align,
        }
    }

    /// Normalises UTF-16LE text (`input`, two bytes per code unit) into UTF-16LE
    /// bytes appended to `out`, without an alignment: the same mapping as
    /// [`Normalizer::normalize`], character for character (a property test checks
    /// that), for callers whose strings are not UTF-8 — Python's `str` encodes to
    /// UTF-16 and decodes from it several times faster than to and from UTF-8.
    /// Surrogate pairs pass through unchanged; so do lone surrogates, and a
    /// trailing odd byte is dropped. Returns false when nothing but an odd byte
    /// was dropped: `out` got `input` as it was.
    ///
    /// ```
    /// use khabar::text::Normalizer;
    /// let n = Normalizer::default();
    /// let input: Vec<u8> = "مُحَمَّد ١٢".encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// let mut out = Vec::new();
    /// n.normalize_utf16le(&input, &mut out);
    /// let units: Vec<u16> = out.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    /// assert_eq!(String::from_utf16_lossy(&units), "محمد 12");
    /// ```
    pub fn normalize_utf16le(&self, input: &[u8], out: &mut Vec<u8>) -> bool {
        out.reserve(input.len());
        let arabic_punct = self.options.punctuation == Punctuation::Arabic;
        let units = input.chunks_exact(2);
        // Start of the run of units copied unchanged, in bytes of `input`.
        let mut copied = 0;
        let mut i = 0;
        let mut changed = false;
        let attention = self.attention();
        for pair in units {
            let u = u16::from_le_bytes([pair[0], pair[1]]);
            let at = i;
            i += 2;
            if (attention[usize::from(u >> 6)] >> (u & 63)) & 1 == 0 {
                continue;
            }
            let act = if u < 0x80 {
                if arabic_punct && matches!(u, 0x2C | 0x3B | 0x3F) {
                    Action::Char(u as u8 as char)
                } else {
                    continue;
                }
            } else if (0x600..0x700).contains(&u) {
                match self.arabic[(u & 0xFF) as usize] {
                    KEEP => continue,
                    DROP => Action::Drop,
                    to => char::from_u32(to).map_or(Action::Keep, Action::Char),
                }
            } else if u >= 0xA0 {
                // Not a surrogate (those are not chars): the rare rest.
                match char::from_u32(u32::from(u)).map(|c| self.other(c)) {
                    Some(Action::Keep) | None => continue,
                    Some(act) => act,
                }
            } else {
                continue;
            };
            out.extend_from_slice(&input[copied..at]);
            copied = i;
            let before = out.len();
            match act {
                Action::Keep => out.extend_from_slice(&input[at..i]),
                Action::Drop => {}
                Action::Char(c @ (',' | ';' | '?'))
                    if arabic_punct && after_arabic_letter_utf16le(out) =>
                {
                    push_utf16le(
                        out,
                        match c {
                            ',' => '،',
                            ';' => '؛',
                            _ => '؟',
                        },
                    )
                }
                Action::Char(c) => push_utf16le(out, c),
                Action::Str(s) => {
                    for c in s.chars() {
                        let mut buf = String::new();
                        self.push_mapped(&mut buf, c);
                        for c in buf.chars() {
                            push_utf16le(out, c);
                        }
                    }
                }
            }
            changed |= out.get(before..) != input.get(at..i);
        }
        out.extend_from_slice(&input[copied..i]);
        changed
    }

    /// Pushes one character of an expansion, through the same mapping.
    fn push_mapped(&self, out: &mut String, c: char) {
        let cp = c as u32;
        if (0x600..0x700).contains(&cp) {
            match self.arabic[(cp - 0x600) as usize] {
                KEEP => out.push(c),
                DROP => {}
                to => out.push(char::from_u32(to).unwrap_or(c)),
            }
            return;
        }
        match self.other(c) {
            Action::Keep => out.push(c),
            Action::Drop => {}
            Action::Char(c) => out.push(c),
            Action::Str(s) => out.push_str(s),
        }
    }

    /// The mapping of characters outside the Arabic block.
    fn other(&self, c: char) -> Action {
        let o = &self.options;
        match c {
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
                if o.spaces =>
            {
                Action::Char(' ')
            }
            '\u{2028}' | '\u{2029}' if o.spaces => Action::Char('\n'),
            '\u{AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
                if o.controls =>
            {
                Action::Drop
            }
            '\u{2066}'..='\u{2069}' | '\u{FEFF}' if o.controls => Action::Drop,
            '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '‶' if o.quotes => {
                Action::Char('"')
            }
            '‘' | '’' | '‚' | '‛' | '′' if o.quotes => Action::Char('\''),
            '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}'
                if o.presentation_forms || o.ligatures =>
            {
                match PRESENTATION.get(&c) {
                    Some(s) => {
                        let single = s.chars().nth(1).is_none();
                        if (single && o.presentation_forms) || (!single && o.ligatures) {
                            Action::Str(s)
                        } else {
                            Action::Keep
                        }
                    }
                    None => Action::Keep,
                }
            }
            _ => Action::Keep,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Keep,
    Drop,
    Char(char),
    Str(&'static str),
}

fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Appends `c` as UTF-16LE.
fn push_utf16le(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u16; 2];
    for u in c.encode_utf16(&mut buf) {
        out.extend_from_slice(&u.to_le_bytes());
    }
}

/// [`after_arabic_letter`] on UTF-16LE output.
fn after_arabic_letter_utf16le(out: &[u8]) -> bool {
    let last = out
        .chunks_exact(2)
        .rev()
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .find(|&u| u != 0x20 && u != 0x09);
    last.and_then(|u| char::from_u32(u32::from(u)))
        .is_some_and(is_arabic_letter)
}

/// True when the last non-space character written is an Arabic letter.
fn after_arabic_letter(out: &str) -> bool {
    let Some(c) = out.trim_end_matches([' ', '\t']).chars().next_back() else {
        return false;
    };
    is_arabic_letter(c)
}

/// True for letters of the Arabic script (not digits, marks or punctuation).
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    // Every tokenizer step asks this: below U+0800 (ASCII, Latin, Arabic) a
    // bitset answers.
    let u = c as u32;
    if u < 0x800 {
        return ARABIC_LETTERS_LOW[(u / 64) as usize] & (1 << (u % 64)) != 0;
    }
    arabic_letter(c)
}

/// [`arabic_letter`] of every character below U+0800, as a bitset.
const ARABIC_LETTERS_LOW: [u64; 32] = {
    let mut bits = [0u64; 32];
    let mut u = 0;
    while u < 0x800 {
        if let Some(c) = char::from_u32(u) {
            if arabic_letter(c) {
                bits[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        u += 1;
    }
    bits
};

/// The definition of [`is_arabic_letter`].
pub(crate) const fn arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
}

/// Presentation form → letters, from `data/presentation_forms.tsv`.
static PRESENTATION: LazyLock<HashMap<char, &'static str>> = LazyLock::new(|| {
    include_str!("../../data/presentation_forms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (cp, to) = l.split_once('\t')?;
            let c = char::from_u32(u32::from_str_radix(cp, 16).ok()?)?;
            Some((c, to))
        })
        .collect()
});

pub(crate) fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(crate) fn ceil_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

static DEFAULT: LazyLock<Normalizer> = LazyLock::new(Normalizer::default);

/// Normalises Arabic text with `options`, keeping an alignment to the original.
///
/// ```
/// use khabar::text::{normalize, NormalizeOptions};
/// use khabar::Span;
/// let original = "قال الرئيسُ: «إنَّ الوضعَ تحسّن»";
/// let n = normalize(original, &NormalizeOptions::default());
/// assert_eq!(n.text, "قال الرئيس: \"ان الوضع تحسن\"");
/// // Any span of the normalised text maps back to the original.
/// let start = n.text.find("الرئيس").unwrap();
/// let back = n.to_original(Span::new(start, start + "الرئيس".len()));
/// assert_eq!(&original[back.range()], "الرئيسُ");
/// ```
pub fn normalize(text: &str, options: &NormalizeOptions) -> Normalized {
    if *options == NormalizeOptions::default() {
        DEFAULT.normalize(text)
    } else {
        Normalizer::new(*options).normalize(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s, &NormalizeOptions::default()).text
    }

    #[test]
    fn default_options_fold_letters_marks_digits_and_quotes() {
        assert_eq!(norm("مُحَمَّدٌ"), "محمد");
        assert_eq!(norm("العربيـــة"), "العربية");
        assert_eq!(norm("أإآٱ"), "اااا");
        assert_eq!(norm("٢٠١٧ ۱۲"), "2017 12");
        assert_eq!(norm("«داعش» “قسد” „x‟"), "\"داعش\" \"قسد\" \"x\"");
        assert_eq!(norm("کتاب یک"), "كتاب يك");
        assert_eq!(norm("على مدرسة"), "على مدرسة");
        assert_eq!(norm("a\u{200F}b\u{FEFF}c\u{A0}d"), "abc d");
    }

    #[test]
    fn optional_letter_folds() {
        let all = NormalizeOptions::all();
        assert_eq!(
            normalize("على مدرسة مسؤول شئون", &all).text,
            "علي مدرسه مسءول شءون"
        );
        assert_eq!(normalize("أَ", &NormalizeOptions::none()).text, "أَ");
    }

    #[test]
    fn latin_comma_after_arabic_becomes_arabic_comma() {
        assert_eq!(norm("دير الزور, بعد"), "دير الزور، بعد");
        assert_eq!(norm("الفرات , في"), "الفرات ، في");
        assert_eq!(norm("1,000 and a, b"), "1,000 and a, b");
        assert_eq!(norm("لماذا?"), "لماذا؟");
        let latin = NormalizeOptions {
            punctuation: Punctuation::Latin,
            ..NormalizeOptions::default()
        };
        assert_eq!(normalize("نعم، لا؛ لماذا؟", &latin).text, "نعم, لا; لماذا?");
    }

    #[test]
    fn presentation_forms_and_ligatures_decompose() {
        assert_eq!(norm("\u{FEDF}\u{FEE0}"), norm("\u{0644}\u{0644}"));
        assert_eq!(norm("\u{FEFB}"), "لا");
        assert_eq!(norm("\u{FEF7}"), "لا");
        assert_eq!(norm("\u{FDF2}"), "الله");
        let no_lig = NormalizeOptions {
            ligatures: false,
            ..NormalizeOptions::default()
        };
        assert_eq!(normalize("\u{FEFB}", &no_lig).text, "\u{FEFB}");
    }

    #[test]
    fn alignment_maps_spans_both_ways() {
        let orig = "الرئيسُ ١٢ ﻻ";
        let n = normalize(orig, &NormalizeOptions::default());
        assert_eq!(n.text, "الرئيس 12 لا");
        let s = n.text.find("12").unwrap();
        let back = n.to_original(Span::new(s, s + 2));
        assert_eq!(&orig[back.range()], "١٢");
        assert_eq!(n.to_normalized(back), Span::new(s, s + 2));
        // Half of an expanded ligature maps to the whole ligature.
        let l = n.text.len();
        let back = n.to_original(Span::new(l - 2, l));
        assert_eq!(&orig[back.range()], "ﻻ");
        // Out of range and inside a char: clamped, never a panic.
        let back = n.to_original(Span::new(1, 1000));
        assert_eq!(back.end, orig.len());
        assert!(orig.is_char_boundary(back.start));
    }

    #[test]
    fn unchanged_text_has_identity_alignment() {
        let n = normalize("hello world", &NormalizeOptions::default());
        assert!(n.alignment.is_identity());
        let n = normalize("", &NormalizeOptions::default());
        assert_eq!(n.text, "");
        assert_eq!(n.to_original(Span::new(3, 9)), Span::new(0, 0));
    }

    #[test]
    fn table_is_a_fixpoint_for_every_option_set() {
        let sets = [
            NormalizeOptions::default(),
            NormalizeOptions::all(),
            NormalizeOptions::none(),
        ];
        for o in sets {
            let n = Normalizer::new(o);
            let block: String = (0x600u32..0x700).filter_map(char::from_u32).collect();
            let pres: String = (0xFB50u32..=0xFEFF).filter_map(char::from_u32).collect();
            for s in [block, pres] {
                let once = n.normalize(&s).text;
                assert_eq!(n.normalize(&once).text, once, "{o:?}");
            }
        }
    }
}
