//! The typed records every stage fills: [`Article`], its [`Paragraph`]s and the
//! mentions found in it.
//!
//! In Rust every span is a byte range into [`Article::text`], so
//! `&article.text[span.range()]` is the mention's text. In JSON (and in Python)
//! `start`/`end` are code-point indices instead; [`Article::to_json`] and
//! [`Article::from_json`] convert, and [`CharOffsets`] does the same for callers
//! that need it.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// A byte range into [`Article::text`] (or into whatever text it was computed on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range, for slicing: `&text[span.range()]`.
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// What role a paragraph plays in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// The standfirst / summary that opens the article.
    Lede,
    /// An ordinary body paragraph.
    #[default]
    Body,
    /// A subheading inside the article.
    Heading,
}

impl ParagraphKind {
    /// The lowercase name used in JSON and Python (`"lede"`, `"body"`, `"heading"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Lede => "lede",
            ParagraphKind::Body => "body",
            ParagraphKind::Heading => "heading",
        }
    }
}

impl fmt::Display for ParagraphKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One paragraph of [`Article::text`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Paragraph {
    /// Where the paragraph sits in [`Article::text`] (bytes).
    #[serde(skip)]
    pub span: Span,
    /// Lede, body or heading.
    pub kind: ParagraphKind,
    /// True for a body paragraph that repeats the lede almost word for word (a
    /// common habit of news sites: the standfirst printed again as paragraph one).
    #[serde(default)]
    pub repeats_lede: bool,
}

/// When an article was published, as precise as the input says: with a UTC offset
/// where the input gives one, naive (local time of the outlet) otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Published {
    /// The wall-clock date and time as written.
    pub local: NaiveDateTime,
    /// The UTC offset, where the input states it.
    pub offset: Option<FixedOffset>,
}

impl Published {
    /// A naive (offset-less) time.
    pub const fn naive(local: NaiveDateTime) -> Self {
        Published {
            local,
            offset: None,
        }
    }

    /// A time with its UTC offset.
    pub fn aware(dt: DateTime<FixedOffset>) -> Self {
        Published {
            local: dt.naive_local(),
            offset: Some(*dt.offset()),
        }
    }

    /// The time with its offset, where there is one.
    pub fn to_datetime(self) -> Option<DateTime<FixedOffset>> {
        let offset = self.offset?;
        self.local.and_local_timezone(offset).single()
    }

    /// Parses the ISO 8601 form [`Published`] is written in (`2017-10-28T11:58:00`,
    /// optionally with `+03:00` or `Z`).
    pub fn parse_iso(s: &str) -> Option<Self> {
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Published::aware(dt));
        }
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .map(Published::naive)
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S"))?;
        if let Some(off) = self.offset {
            let secs = off.local_minus_utc();
            let sign = if secs < 0 { '-' } else { '+' };
            let secs = secs.abs();
            write!(f, "{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)?;
        }
        Ok(())
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Published::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 8601 date-time: {s:?}")))
    }
}

/// A named entity mention.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Entity {
    /// Where the mention is (bytes), clitics outside.
    #[serde(skip)]
    pub span: Span,
    /// `PER`, `ORG`, `LOC`, `FAC`, `NORP`, …
    pub label: String,
    /// Gazetteer identifier (ISO code, coordinates, …), where known.
    pub id: Option<String>,
    /// One name for every mention of the same thing.
    pub canonical: String,
    /// Index into [`Article::paragraphs`], or -1 for the title.
    pub paragraph: i64,
    /// Index into [`Article::sentences`].
    pub sentence: i64,
}

/// A statement attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words (inside the marks) or the reported clause (bytes).
    #[serde(skip)]
    pub span: Span,
    /// Canonical name of who said it.
    pub speaker: Option<String>,
    /// The reporting verb as written.
    pub verb: Option<String>,
    /// The agency or outlet the statement was given to.
    pub via: Option<String>,
    /// True for words in quote marks, false for reported speech.
    pub direct: bool,
    /// Index into [`Article::paragraphs`], or -1 for the title.
    pub paragraph: i64,
    /// Index into [`Article::sentences`].
    pub sentence: i64,
}

/// How a time expression relates to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// A date or time written out in full.
    #[default]
    Absolute,
    /// Resolved against the publication time (`أمس`, `الأحد الماضي`).
    Relative,
    /// Not resolvable to a calendar date (`مؤخرا`).
    Vague,
}

/// A time expression resolved to the calendar.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where the expression is (bytes).
    #[serde(skip)]
    pub span: Span,
    /// ISO 8601 as precise as the text (`2017-10-22`, `2017-10`, `2017-W43`) or a
    /// TIMEX3 word such as `PRESENT_REF`.
    pub value: String,
    /// Absolute, relative or vague.
    pub kind: TimeKind,
    /// TIMEX3 `mod`: which part of the period the text means (`START` for
    /// `مطلع`, `MID` for `منتصف`, `END` for `نهاية`) or `APPROX`; None otherwise.
    /// `منتصف الشهر الجاري` is value `2017-10` with modifier `MID`.
    #[serde(default)]
    pub modifier: Option<String>,
    /// Index into [`Article::paragraphs`], or -1 for the title.
    pub paragraph: i64,
    /// Index into [`Article::sentences`].
    pub sentence: i64,
}

/// A number with its unit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Quantity {
    /// Where the quantity is (bytes).
    #[serde(skip)]
    pub span: Span,
    /// The numeric value.
    pub value: f64,
    /// The unit, where there is one.
    pub unit: Option<String>,
    /// True for `مئات`, `نحو 100`, …
    pub approximate: bool,
    /// Index into [`Article::paragraphs`], or -1 for the title.
    pub paragraph: i64,
    /// Index into [`Article::sentences`].
    pub sentence: i64,
}

/// Something with a byte span, so that generic code can convert its offsets.
pub trait Spanned {
    /// The byte span.
    fn span(&self) -> Span;
    /// Mutable access to the byte span.
    fn span_mut(&mut self) -> &mut Span;
}

macro_rules! spanned {
    ($($t:ty),*) => {$(
        impl Spanned for $t {
            fn span(&self) -> Span { self.span }
            fn span_mut(&mut self) -> &mut Span { &mut self.span }
        }
    )*};
}
spanned!(Paragraph, Entity, Quote, TimeExpr, Quantity);

impl Spanned for Span {
    fn span(&self) -> Span {
        *self
    }
    fn span_mut(&mut self) -> &mut Span {
        self
    }
}

/// A news article: its structure and what it says.
///
/// `text` is the canonical text: the title, then each paragraph, joined by a
/// blank line (`"\n\n"`), with whitespace cleaned. Every span indexes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// The record's own id (DOCNO, an `id` field, the URL), else a stable hash of
    /// the content.
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The lede (standfirst), where there is one; it is also paragraph 0.
    pub lede: Option<String>,
    /// The paragraphs, in order; lede first where there is one.
    pub paragraphs: Vec<Paragraph>,
    /// The outlet (`سيريانيوز`, `CNN`, …).
    pub source: Option<String>,
    /// The dateline as written (`دمشق - سيريانيوز`).
    pub dateline: Option<String>,
    /// The place the dateline names (`دمشق`).
    pub location: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// When the article was published.
    pub published: Option<Published>,
    /// When the article was last modified, where the input says.
    pub modified: Option<Published>,
    /// The outlet's section or category.
    pub section: Option<String>,
    /// Tags or keywords.
    pub tags: Vec<String>,
    /// URL of the top image.
    pub image: Option<String>,
    /// ISO 639-1 code of the article's language (`ar`), where it can be told.
    pub language: Option<String>,
    /// The canonical text every span indexes.
    pub text: String,
    /// Sentences of `text`.
    pub sentences: Vec<Span>,
    /// Named entity mentions.
    pub entities: Vec<Entity>,
    /// Attributed statements.
    pub quotes: Vec<Quote>,
    /// Time expressions.
    pub times: Vec<TimeExpr>,
    /// Quantities.
    pub quantities: Vec<Quantity>,
    /// Why the record failed, for articles kept by an `errors="keep"` batch.
    pub error: Option<String>,
}

impl Article {
    /// The text a span covers. Returns `""` for a span outside `text` rather than
    /// panicking.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The title's span in `text` (it always comes first).
    pub fn title_span(&self) -> Option<Span> {
        self.title.as_ref().map(|t| Span::new(0, t.len()))
    }

    /// The text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> Option<&str> {
        self.paragraphs.get(i).map(|p| self.slice(p.span))
    }

    /// The body: every paragraph after the lede, as one slice of `text`.
    pub fn body(&self) -> &str {
        let mut body = self
            .paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Lede);
        match (body.next(), self.paragraphs.last()) {
            (Some(first), Some(last)) => {
                self.text.get(first.span.start..last.span.end).unwrap_or("")
            }
            _ => "",
        }
    }

    /// The paragraph (index, or -1 for the title) that contains byte `offset`.
    pub fn paragraph_at(&self, offset: usize) -> i64 {
        let i = self.paragraphs.partition_point(|p| p.span.end < offset);
        match self.paragraphs.get(i) {
            Some(p) if p.span.start <= offset => i as i64,
            _ => -1,
        }
    }

    /// An article that stands for a failed record in a batch run with
    /// `errors = Keep`: no text, and `error` saying what went wrong.
    pub fn failed(id: impl Into<String>, error: &Error) -> Self {
        Article {
            id: id.into(),
            error: Some(error.to_string()),
            ..Article::default()
        }
    }

    /// Serialises to JSON, offsets as code-point indices.
    ///
    /// ```
    /// let article = khabar::parse_text("عنوان\n\nفقرة أولى.")?;
    /// let json = article.to_json();
    /// assert!(json.contains("\"title\":\"عنوان\""));
    /// assert_eq!(khabar::Article::from_json(&json)?, article);
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Serialising our own types to a String cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads an article written by [`Article::to_json`], checking that every offset
    /// falls inside the text and agrees with the mention's `text`.
    pub fn from_json(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| Error::ArticleJson(e.to_string()))
    }
}

/// Converts between byte offsets and code-point indices of one text.
///
/// ```
/// use khabar::CharOffsets;
/// let text = "دير الزور";
/// let map = CharOffsets::new(text);
/// assert_eq!(map.to_char(text.len()), 9);
/// assert_eq!(map.to_byte(4), Some(7));
/// ```
#[derive(Debug, Clone)]
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Byte offset of every `STRIDE`-th char; empty for ASCII text.
    blocks: Vec<usize>,
    chars: usize,
}

/// Chars between checkpoints: memory is one `usize` per 64 chars, and a lookup
/// walks at most 64 chars.
const STRIDE: usize = 64;

impl<'a> CharOffsets<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                text,
                blocks: Vec::new(),
                chars: text.len(),
            };
        }
        let mut blocks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (i, _) in text.char_indices() {
            if chars % STRIDE == 0 {
                blocks.push(i);
            }
            chars += 1;
        }
        CharOffsets {
            text,
            blocks,
            chars,
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The code-point index of byte offset `byte` (rounded down to a char boundary,
    /// clamped to the text's end).
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.blocks.is_empty() {
            return byte;
        }
        let k = self
            .blocks
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let from = self.blocks[k];
        // Count char starts in [from, byte): bytes that are not continuation bytes.
        let within = self.text.as_bytes()[from..byte]
            .iter()
            .filter(|b| (**b as i8) >= -0x40)
            .count();
        // Inside a char: the count took its first byte; round down to that char.
        let inside = usize::from(!self.text.is_char_boundary(byte));
        k * STRIDE + within - inside
    }

    /// The byte offset of code-point index `ch`, or None past the end.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        if ch > self.chars {
            return None;
        }
        if self.blocks.is_empty() {
            return Some(ch);
        }
        if ch == self.chars {
            return Some(self.text.len());
        }
        let from = *self.blocks.get(ch / STRIDE)?;
        let rest = ch % STRIDE;
        Some(
            self.text[from..]
                .char_indices()
                .nth(rest)
                .map_or(self.text.len(), |(i, _)| from + i),
        )
    }
}

// ---------------------------------------------------------------------------
// JSON: the same records with code-point offsets and each mention's text.

#[derive(Serialize)]
struct WireOut<'a, T: Serialize> {
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(flatten)]
    item: &'a T,
}

#[derive(Deserialize)]
struct WireIn<T> {
    text: String,
    start: usize,
    end: usize,
    #[serde(flatten)]
    item: T,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    title: &'a Option<String>,
    lede: &'a Option<String>,
    source: &'a Option<String>,
    dateline: &'a Option<String>,
    location: &'a Option<String>,
    author: &'a Option<String>,
    url: &'a Option<String>,
    published: &'a Option<Published>,
    modified: &'a Option<Published>,
    section: &'a Option<String>,
    tags: &'a [String],
    image: &'a Option<String>,
    language: &'a Option<String>,
    text: &'a str,
    paragraphs: Vec<WireOut<'a, Paragraph>>,
    sentences: Vec<WireOut<'a, Empty>>,
    entities: Vec<WireOut<'a, Entity>>,
    quotes: Vec<WireOut<'a, Quote>>,
    times: Vec<WireOut<'a, TimeExpr>>,
    quantities: Vec<WireOut<'a, Quantity>>,
    error: &'a Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
struct Empty {}

#[derive(Deserialize)]
struct ArticleIn {
    #[serde(default)]
    id: String,
    title: Option<String>,
    lede: Option<String>,
    source: Option<String>,
    dateline: Option<String>,
    location: Option<String>,
    author: Option<String>,
    url: Option<String>,
    published: Option<Published>,
    modified: Option<Published>,
    section: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    image: Option<String>,
    language: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    paragraphs: Vec<WireIn<Paragraph>>,
    #[serde(default)]
    sentences: Vec<WireIn<Empty>>,
    #[serde(default)]
    entities: Vec<WireIn<Entity>>,
    #[serde(default)]
    quotes: Vec<WireIn<Quote>>,
    #[serde(default)]
    times: Vec<WireIn<TimeExpr>>,
    #[serde(default)]
    quantities: Vec<WireIn<Quantity>>,
    error: Option<String>,
}

fn wire_out<'a, T: Spanned + Serialize>(
    text: &'a str,
    map: &CharOffsets,
    items: &'a [T],
) -> Vec<WireOut<'a, T>> {
    items
        .iter()
        .map(|item| {
            let s = item.span();
            WireOut {
                text: text.get(s.range()).unwrap_or(""),
                start: map.to_char(s.start),
                end: map.to_char(s.end),
                item,
            }
        })
        .collect()
}

static EMPTY: Empty = Empty {};

impl Serialize for Article {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let map = CharOffsets::new(&self.text);
        let sentences = self
            .sentences
            .iter()
            .map(|sp| WireOut {
                text: self.text.get(sp.range()).unwrap_or(""),
                start: map.to_char(sp.start),
                end: map.to_char(sp.end),
                item: &EMPTY,
            })
            .collect();
        ArticleOut {
            id: &self.id,
            title: &self.title,
            lede: &self.lede,
            source: &self.source,
            dateline: &self.dateline,
            location: &self.location,
            author: &self.author,
            url: &self.url,
            published: &self.published,
            modified: &self.modified,
            section: &self.section,
            tags: &self.tags,
            image: &self.image,
            language: &self.language,
            text: &self.text,
            paragraphs: wire_out(&self.text, &map, &self.paragraphs),
            sentences,
            entities: wire_out(&self.text, &map, &self.entities),
            quotes: wire_out(&self.text, &map, &self.quotes),
            times: wire_out(&self.text, &map, &self.times),
            quantities: wire_out(&self.text, &map, &self.quantities),
            error: &self.error,
        }
        .serialize(s)
    }
}

fn wire_in<T: Spanned>(
    what: &str,
    text: &str,
    map: &CharOffsets,
    items: Vec<WireIn<T>>,
) -> std::result::Result<Vec<T>, String> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let (Some(start), Some(end)) = (map.to_byte(w.start), map.to_byte(w.end)) else {
                return Err(format!(
                    "{what}[{i}]: offsets {}..{} outside the text",
                    w.start, w.end
                ));
            };
            if start > end || text.get(start..end) != Some(w.text.as_str()) {
                return Err(format!(
                    "{what}[{i}]: text does not match offsets {}..{}",
                    w.start, w.end
                ));
            }
            let mut item = w.item;
            *item.span_mut() = Span::new(start, end);
            Ok(item)
        })
        .collect()
}

impl<'de> Deserialize<'de> for Article {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let a = ArticleIn::deserialize(d)?;
        let map = CharOffsets::new(&a.text);
        let err = serde::de::Error::custom;
        let sentences = a
            .sentences
            .into_iter()
            .map(|w| WireIn {
                text: w.text,
                start: w.start,
                end: w.end,
                item: Span::default(),
            })
            .collect();
        Ok(Article {
            paragraphs: wire_in("paragraphs", &a.text, &map, a.paragraphs).map_err(err)?,
            sentences: wire_in("sentences", &a.text, &map, sentences).map_err(err)?,
            entities: wire_in("entities", &a.text, &map, a.entities).map_err(err)?,
            quotes: wire_in("quotes", &a.text, &map, a.quotes).map_err(err)?,
            times: wire_in("times", &a.text, &map, a.times).map_err(err)?,
            quantities: wire_in("quantities", &a.text, &map, a.quantities).map_err(err)?,
            id: a.id,
            title: a.title,
            lede: a.lede,
            source: a.source,
            dateline: a.dateline,
            location: a.location,
            author: a.author,
            url: a.url,
            published: a.published,
            modified: a.modified,
            section: a.section,
            tags: a.tags,
            image: a.image,
            language: a.language,
            text: a.text,
            error: a.error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_round_trip_on_mixed_text() {
        let text = "قوات \"قسد\" (SDF) 7 كم ".repeat(20);
        let text = text.as_str();
        let map = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.to_char(bi), ci);
            assert_eq!(map.to_byte(ci), Some(bi));
        }
        assert_eq!(map.char_len(), text.chars().count());
        assert_eq!(map.to_byte(map.char_len()), Some(text.len()));
        assert_eq!(map.to_char(text.len()), map.char_len());
        assert_eq!(map.to_byte(map.char_len() + 1), None);
        // Inside a char rounds down to its start.
        assert_eq!(map.to_char(1), 0);
    }

    proptest::proptest! {
        #[test]
        fn char_offsets_agree_with_char_indices(text in "\\PC{0,300}") {
            let map = CharOffsets::new(&text);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            for (ci, &bi) in starts.iter().enumerate() {
                proptest::prop_assert_eq!(map.to_char(bi), ci);
                proptest::prop_assert_eq!(map.to_byte(ci), Some(bi));
            }
            for b in 0..=text.len() + 2 {
                let c = map.to_char(b);
                let back = map.to_byte(c).unwrap_or(usize::MAX);
                proptest::prop_assert!(back <= b.min(text.len()) && text.is_char_boundary(back));
            }
        }
    }

    #[test]
    fn published_prints_offset_only_when_known() {
        let dt = DateTime::parse_from_rfc3339("2018-02-18T21:35:43+04:00").unwrap();
        assert_eq!(
            Published::aware(dt).to_string(),
            "2018-02-18T21:35:43+04:00"
        );
        let naive = Published::naive(dt.naive_local());
        assert_eq!(naive.to_string(), "2018-02-18T21:35:43");
        assert_eq!(Published::parse_iso(&naive.to_string()), Some(naive));
    }

    #[test]
    fn json_rejects_offsets_that_disagree_with_text() {
        let json = r#"{"id":"x","text":"abc","paragraphs":[{"text":"xyz","start":0,"end":3,"kind":"body"}]}"#;
        let err = Article::from_json(json).unwrap_err().to_string();
        assert!(err.contains("paragraphs[0]"), "{err}");
    }
}
