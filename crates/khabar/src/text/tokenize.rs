//! Tokens: words with their clitics, numbers, Latin words, punctuation, URLs,
//! e-mail addresses, hashtags and mentions, each a byte span of the input.

use std::fmt;

use super::clitics::{self, Letter, MAX_LETTERS};
use super::normalize::is_arabic_letter;
use crate::model::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An Arabic word, possibly with clitics (see [`Token::prefixes`]).
    Word,
    /// Digits (ASCII, Arabic-Indic or Persian) with inner separators (`3.5`,
    /// `3٫5`, `1,000`, `28.10.2017`, `11:58`) and a trailing `%` or `٪`.
    Number,
    /// A word in Latin or another non-Arabic script (`Reuters`, `F16`).
    Latin,
    /// Punctuation; a run of the same mark (`..`, `!!`) is one token.
    Punct,
    /// A web address (`https://…`, `www.…`).
    Url,
    /// An e-mail address.
    Email,
    /// `#` and a word.
    Hashtag,
    /// `@` and a user name.
    Mention,
    /// Anything else: symbols, emoji, a combining mark with no letter before it.
    Symbol,
}

impl TokenKind {
    /// The lowercase name used in Python and JSON (`"word"`, `"number"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Latin => "latin",
            TokenKind::Punct => "punct",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Symbol => "symbol",
        }
    }
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token of a text: its span, its kind, and for Arabic words the clitics
/// around the stem.
///
/// `span` = proclitics + `stem` + suffix, all byte spans of the text given to
/// [`tokenize`]. For tokens without clitics `stem == span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// The whole token.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
    /// The word without its clitics.
    pub stem: Span,
    /// Byte length of each proclitic, outermost first; 0 ends the list.
    prefix_lens: [u8; 4],
    /// True when the last proclitic is the article.
    article: bool,
}

impl Token {
    fn plain(span: Span, kind: TokenKind) -> Self {
        Token {
            span,
            kind,
            stem: span,
            prefix_lens: [0; 4],
            article: false,
        }
    }

    /// The proclitics, outermost first: `والبوكمال` → `و`, `ال`; `للتحالف` → `ل`,
    /// `ل` (the article, its alef not written).
    pub fn prefixes(&self) -> impl Iterator<Item = Span> + '_ {
        let mut at = self.span.start;
        self.prefix_lens
            .iter()
            .take_while(|&&l| l > 0)
            .map(move |&l| {
                let s = Span::new(at, at + l as usize);
                at += l as usize;
                s
            })
    }

    /// The article among the proclitics (always the last one), if any:
    /// `ال` in `والبوكمال`, the second `ل` in `للتحالف`.
    pub fn article(&self) -> Option<Span> {
        if self.article {
            self.prefixes().last()
        } else {
            None
        }
    }

    /// The number of proclitics.
    pub fn prefix_count(&self) -> usize {
        self.prefix_lens.iter().take_while(|&&l| l > 0).count()
    }

    /// The enclitic pronoun, if any: `دفاعاته` → `ه`.
    pub fn suffix(&self) -> Option<Span> {
        (self.stem.end < self.span.end).then(|| Span::new(self.stem.end, self.span.end))
    }

    /// True when the token has a proclitic or an enclitic.
    pub fn has_clitics(&self) -> bool {
        self.stem != self.span
    }
}

/// Splits `text` into tokens, segmenting the clitics of Arabic words.
/// Whitespace and invisible controls separate tokens and belong to none.
///
/// ```
/// use khabar::text::{tokenize, TokenKind};
/// let text = "والبوكمال بدير الزور، 28.10.2017";
/// let tokens = tokenize(text);
/// let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
/// assert_eq!(words, ["والبوكمال", "بدير", "الزور", "،", "28.10.2017"]);
/// let t = &tokens[0];
/// let parts: Vec<&str> = t.prefixes().map(|s| &text[s.range()]).collect();
/// assert_eq!(parts, ["و", "ال"]);
/// assert_eq!(&text[t.stem.range()], "بوكمال");
/// assert_eq!(tokens[4].kind, TokenKind::Number);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 8 + 1);
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] appending to `out`, so a caller can reuse one buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    scan::<true>(text, out);
}

/// Splits `text` into surface tokens only: no clitic segmentation, every
/// token's `stem` is its `span`. Faster; for callers that want whitespace and
/// punctuation tokens as written (`والبوكمال` stays one unit).
///
/// ```
/// let t = khabar::text::tokenize_surface("والبوكمال");
/// assert_eq!(t[0].stem, t[0].span);
/// ```
pub fn tokenize_surface(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 8 + 1);
    scan::<false>(text, &mut out);
    out
}

/// The tokens of `text`, with their clitics when `CLITICS` (a constant, so
/// that the surface tokenizer never does the clitics' work).
fn scan<const CLITICS: bool>(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut letters = [Letter::default(); MAX_LETTERS];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast paths.
        if b < 0x80 {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => i += 1,
                b'0'..=b'9' => i = number(text, i, out),
                b'h' | b'H' | b'w' | b'W' if url_start(bytes, i) => i = url(text, i, out),
                b'#' => i = tagged(text, i, TokenKind::Hashtag, out),
                b'@' => i = tagged(text, i, TokenKind::Mention, out),
                b if b.is_ascii_alphanumeric() => i = latin(text, i, out),
                _ if b.is_ascii_punctuation() => i = punct(text, i, b as char, 1, out),
                _ => {
                    // Other ASCII controls separate tokens.
                    i += 1;
                }
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if is_arabic_letter(c) {
            i = word::<CLITICS>(text, i, &mut letters, out);
        } else if is_digit(c) {
            i = number(text, i, out);
        } else if c.is_whitespace() || is_invisible(c) {
            i += len;
        } else if is_arabic_mark(c) {
            out.push(Token::plain(Span::new(i, i + len), TokenKind::Symbol));
            i += len;
        } else if is_punct(c) {
            i = punct(text, i, c, len, out);
        } else if c.is_alphabetic() {
            i = latin(text, i, out);
        } else {
            out.push(Token::plain(Span::new(i, i + len), TokenKind::Symbol));
            i += len;
        }
    }
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Diacritics, Quranic marks and tatweel: part of the word they sit in.
#[inline]
pub(crate) fn is_arabic_mark(c: char) -> bool {
    // Below U+0800 a bitset answers (see [`is_arabic_letter`]).
    let u = c as u32;
    if u < 0x800 {
        return ARABIC_MARKS_LOW[(u / 64) as usize] & (1 << (u % 64)) != 0;
    }
    arabic_mark(c)
}

/// [`arabic_mark`] of every character below U+0800, as a bitset.
const ARABIC_MARKS_LOW: [u64; 32] = {
    let mut bits = [0u64; 32];
    let mut u = 0;
    while u < 0x800 {
        if let Some(c) = char::from_u32(u) {
            if arabic_mark(c) {
                bits[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        u += 1;
    }
    bits
};

/// The definition of [`is_arabic_mark`].
const fn arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}')
}

/// Zero-width and bidi controls, the byte-order mark and the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}')
}

pub(crate) fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '،' | '؛'
                | '؟'
                | '٪'
                | '٫'
                | '٬'
                | '۔'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '‘'
                | '’'
                | '‚'
                | '‛'
                | '″'
                | '′'
                | '…'
                | '‐'..='―' | '•' | '·' | '¡' | '¿' | '§' | '¶' | '﴾' | '﴿' | '⁏'
        )
}

/// An Arabic word: letters with their marks, then its clitics.
fn word<const CLITICS: bool>(
    text: &str,
    start: usize,
    letters: &mut [Letter; MAX_LETTERS],
    out: &mut Vec<Token>,
) -> usize {
    if !CLITICS {
        // A surface token needs only the word's end.
        let end = word_end(text, start);
        out.push(Token::plain(Span::new(start, end), TokenKind::Word));
        return end;
    }
    let mut n = 0;
    let mut overflow = false;
    let mut end = start;
    for (off, c) in text[start..].char_indices() {
        if is_arabic_letter(c) {
            if n < MAX_LETTERS {
                letters[n] = Letter {
                    c: clitics::fold_letter(c),
                    raw: c,
                    start: off as u32,
                };
                n += 1;
            } else {
                overflow = true;
            }
        } else if !is_arabic_mark(c) {
            break;
        }
        end = start + off + c.len_utf8();
    }
    let span = Span::new(start, end);
    let mut tok = Token::plain(span, TokenKind::Word);
    if !overflow && n >= 2 {
        let split = clitics::split(&letters[..n]);
        let bound = |k: usize| {
            if k < n {
                start + letters[k].start as usize
            } else {
                end
            }
        };
        let mut k = 0;
        let mut ok = true;
        for (slot, &l) in tok.prefix_lens.iter_mut().zip(&split.pre) {
            if l == 0 {
                break;
            }
            let len = bound(k + l as usize) - bound(k);
            if len > u8::MAX as usize {
                ok = false;
                break;
            }
            *slot = len as u8;
            k += l as usize;
        }
        let stem_end = n - split.suffix as usize;
        if ok && k < stem_end {
            tok.stem = Span::new(bound(k), bound(stem_end));
            tok.article = split.article;
        } else {
            tok.prefix_lens = [0; 4];
        }
    }
    out.push(tok);
    end
}

/// The characters of an Arabic word ([`is_arabic_letter`] or
/// [`is_arabic_mark`]) below U+0800, as a bitset.
const WORD_CHARS_LOW: [u64; 32] = {
    let mut bits = [0u64; 32];
    let mut u = 0;
    while u < 0x800 {
        if let Some(c) = char::from_u32(u) {
            if super::normalize::arabic_letter(c) || arabic_mark(c) {
                bits[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        u += 1;
    }
    bits
};

/// The end of the Arabic word starting at byte `start` of `text`: where its
/// letters and marks end. Two-byte characters (Arabic) are decoded by hand.
#[inline]
fn word_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() {
        let b0 = b[i];
        if b0 < 0x80 {
            // No ASCII character is a letter or mark of the script.
            break;
        }
        if b0 < 0xE0 {
            // A two-byte sequence: `text` is UTF-8, so its second byte is there.
            let Some(&b1) = b.get(i + 1) else { break };
            let u = (usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F);
            if WORD_CHARS_LOW[u / 64] & (1 << (u % 64)) == 0 {
                break;
            }
            i += 2;
            continue;
        }
        match text.get(i..).and_then(|s| s.chars().next()) {
            Some(c) if is_arabic_letter(c) || is_arabic_mark(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// A number: digits with inner separators, then an optional percent sign.
fn number(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let mut i = start;
    loop {
        while let Some(c) = next_char(text, i).filter(|&c| is_digit(c)) {
            i += c.len_utf8();
        }
        match next_char(text, i) {
            Some(sep @ ('.' | ',' | ':' | '/' | '٫' | '٬' | '،'))
                if next_char(text, i + sep.len_utf8()).is_some_and(is_digit) =>
            {
                i += sep.len_utf8();
            }
            _ => break,
        }
    }
    if let Some(p @ ('%' | '٪')) = next_char(text, i) {
        i += p.len_utf8();
    }
    out.push(Token::plain(Span::new(start, i), TokenKind::Number));
    i
}

/// A Latin (or other non-Arabic script) word, or an e-mail address.
fn latin(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    if let Some(end) = email(text.as_bytes(), start) {
        out.push(Token::plain(Span::new(start, end), TokenKind::Email));
        return end;
    }
    let mut i = start;
    while let Some(c) = next_char(text, i) {
        let inner = matches!(c, '\'' | '’' | '-')
            && i > start
            && next_char(text, i + c.len_utf8())
                .is_some_and(|d| d.is_alphabetic() && !is_arabic_letter(d));
        let letter = c.is_alphanumeric() && !is_arabic_letter(c) && !is_digit_arabic(c);
        if !letter && !inner {
            break;
        }
        i += c.len_utf8();
    }
    if i == start {
        i += next_char(text, i).map_or(1, char::len_utf8);
    }
    out.push(Token::plain(Span::new(start, i), TokenKind::Latin));
    i
}

fn is_digit_arabic(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// The end of an e-mail address starting at `start`, if there is one.
fn email(b: &[u8], start: usize) -> Option<usize> {
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    // Bounded scans (64 and 255 bytes, the limits for addresses) keep long
    // runs of dots and letters linear.
    let mut i = start;
    while i < b.len() && i - start < 64 && local(b[i]) {
        i += 1;
    }
    if i == start || b.get(i) != Some(&b'@') {
        return None;
    }
    i += 1;
    let dom = i;
    while i < b.len()
        && i - dom < 255
        && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'-'))
    {
        i += 1;
    }
    while i > dom && matches!(b[i - 1], b'.' | b'-') {
        i -= 1;
    }
    let domain = &b[dom..i];
    let dot = domain.iter().rposition(|&c| c == b'.')?;
    let tld = &domain[dot + 1..];
    (dot > 0 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)).then_some(i)
}

fn url_start(b: &[u8], i: usize) -> bool {
    let rest = &b[i..];
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    starts(b"http://") || starts(b"https://") || (starts(b"www.") && rest.len() > 4)
}

/// A URL: up to whitespace or a quote mark, without trailing punctuation.
fn url(text: &str, start: usize, out: &mut Vec<Token>) -> usize {
    let mut end = start;
    for (off, c) in text[start..].char_indices() {
        if c.is_whitespace()
            || is_invisible(c)
            || matches!(c, '"' | '<' | '>' | '«' | '»' | '“' | '”' | '\'')
        {
            break;
        }
        end = start + off + c.len_utf8();
    }
    let trimmed =
        text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '،', '؛', '؟']);
    let end = start + trimmed.len();
    out.push(Token::plain(Span::new(start, end), TokenKind::Url));
    end
}

/// A hashtag or mention: the sign and the word after it, else the sign alone.
fn tagged(text: &str, start: usize, kind: TokenKind, out: &mut Vec<Token>) -> usize {
    let mut i = start + 1;
    while let Some(c) = next_char(text, i) {
        let ok = match kind {
            TokenKind::Mention => {
                c.is_ascii_alphanumeric() || c == '_' || (c == '.' && i > start + 1)
            }
            // The basic Arabic letters (all alphabetic) without a table
            // lookup.
            _ => {
                ('\u{0620}'..='\u{064A}').contains(&c)
                    || c.is_alphanumeric()
                    || c == '_'
                    || is_arabic_mark(c)
            }
        };
        if !ok {
            break;
        }
        i += c.len_utf8();
    }
    while i > start + 1 && text.as_bytes()[i - 1] == b'.' {
        i -= 1;
    }
    if i == start + 1 {
        return punct(text, start, text.as_bytes()[start] as char, 1, out);
    }
    out.push(Token::plain(Span::new(start, i), kind));
    i
}

/// Punctuation: a run of the same mark is one token.
fn punct(text: &str, start: usize, c: char, len: usize, out: &mut Vec<Token>) -> usize {
    let mut i = start + len;
    while next_char(text, i) == Some(c) {
        i += len;
    }
    out.push(Token::plain(Span::new(start, i), TokenKind::Punct));
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (&text[t.span.range()], t.kind))
            .collect()
    }

    #[test]
    fn word_end_is_where_letters_and_marks_end() {
        // Two-byte letters and marks, a presentation form (three bytes), a
        // mark above U+0800, then what ends a word: ASCII, a Persian digit,
        // Arabic punctuation, a symbol.
        for (text, word) in [
            ("كتبَ الولد", "كتبَ"),
            ("ﻻﺣﻆ۪ت.", "ﻻﺣﻆ۪ت"),
            ("مدينة٣", "مدينة"),
            ("عين۱", "عين"),
            ("قال،", "قال"),
            ("سلامـــ☺", "سلامـــ"),
            ("ھێ ", "ھێ"),
        ] {
            assert_eq!(&text[..word_end(text, 0)], word, "{text}");
            let surface = tokenize_surface(text);
            let full = tokenize(text);
            assert_eq!(surface[0].span, full[0].span, "{text}");
            assert_eq!(&text[surface[0].span.range()], word, "{text}");
        }
    }

    #[test]
    fn kinds_of_tokens() {
        use TokenKind::*;
        assert_eq!(
            kinds("قال (CNN): 3.5% و٣٫٥ ١٢:٣٠ https://x.com/a?b=1. a.b@c.org #سوريا @user_1 .. ☺"),
            [
                ("قال", Word),
                ("(", Punct),
                ("CNN", Latin),
                (")", Punct),
                (":", Punct),
                ("3.5%", Number),
                ("و", Word),
                ("٣٫٥", Number),
                ("١٢:٣٠", Number),
                ("https://x.com/a?b=1", Url),
                (".", Punct),
                ("a.b@c.org", Email),
                ("#سوريا", Hashtag),
                ("@user_1", Mention),
                ("..", Punct),
                ("☺", Symbol),
            ]
        );
    }

    #[test]
    fn words_keep_their_diacritics_and_clitics_have_spans() {
        let text = "وَالبُوكمالِ للتحالف";
        let toks = tokenize(text);
        assert_eq!(toks.len(), 2);
        assert_eq!(&text[toks[0].span.range()], "وَالبُوكمالِ");
        let pre: Vec<&str> = toks[0].prefixes().map(|s| &text[s.range()]).collect();
        assert_eq!(pre, ["وَ", "ال"]);
        assert_eq!(&text[toks[0].stem.range()], "بُوكمالِ");
        let pre: Vec<&str> = toks[1].prefixes().map(|s| &text[s.range()]).collect();
        assert_eq!(pre, ["ل", "ل"]);
        assert_eq!(&text[toks[1].stem.range()], "تحالف");
        assert_eq!(toks[1].article().map(|s| &text[s.range()]), Some("ل"));
        assert_eq!(toks[0].article().map(|s| &text[s.range()]), Some("ال"));
    }

    #[test]
    fn enclitic_is_a_suffix_span() {
        let text = "دفاعاته";
        let t = tokenize(text)[0];
        assert_eq!(&text[t.stem.range()], "دفاعات");
        assert_eq!(t.suffix().map(|s| &text[s.range()]), Some("ه"));
        assert!(t.has_clitics());
    }

    #[test]
    fn letter_and_mark_bitsets_agree_with_their_definitions() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_arabic_letter(c),
                super::super::normalize::arabic_letter(c),
                "{c:?}"
            );
            assert_eq!(is_arabic_mark(c), arabic_mark(c), "{c:?}");
        }
        for c in '\u{0620}'..='\u{064A}' {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
        assert_eq!(kinds("#سوريا_الآن"), [("#سوريا_الآن", TokenKind::Hashtag)]);
    }

    #[test]
    fn bad_input_gives_a_defined_result() {
        assert!(tokenize("").is_empty());
        assert_eq!(kinds("\u{064E}"), [("\u{064E}", TokenKind::Symbol)]);
        assert_eq!(kinds("\u{200F}\u{FEFF} "), []);
        assert_eq!(kinds("#"), [("#", TokenKind::Punct)]);
    }
}
