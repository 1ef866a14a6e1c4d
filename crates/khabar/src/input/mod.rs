//! Bytes to records: encodings, gzip, format detection, and the record formats
//! (plain text, SGML `<DOC>` collections, JSON / JSON Lines, HTML).
//!
//! A [`Record`] is what a format says about one article, field by field, before
//! the [`structure`](crate::structure) stage turns it into an
//! [`Article`](crate::Article).

mod decode;
mod html;
mod json;
mod reader;
mod sgml;

use std::fmt;
use std::str::FromStr;

pub use decode::{decode, gunzip_if_needed, read_utf8_file};
pub use json::FieldMap;
pub use reader::{expand_paths, Reader};

use crate::error::{Error, Result};
use crate::model::ParagraphKind;

/// The input formats khabar reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Sniff the content (a `.txt` file may hold a `<DOC>` record).
    #[default]
    Auto,
    /// Plain text: the first line is the title, paragraphs follow.
    Text,
    /// SGML `<DOC>` records (LDC Gigaword, TREC, ANT).
    Sgml,
    /// A JSON object, a JSON array of objects, or JSON Lines.
    Json,
    /// An HTML page.
    Html,
}

impl Format {
    /// The name used in options and messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Sgml => "sgml",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Format::Auto,
            "text" | "txt" | "plain" => Format::Text,
            "sgml" | "trec" | "gigaword" => Format::Sgml,
            "json" | "jsonl" | "ndjson" => Format::Json,
            "html" | "htm" => Format::Html,
            other => {
                return Err(Error::Option(format!(
                    "unknown format {other:?}; expected one of auto, text, sgml, json, html"
                )))
            }
        })
    }
}

/// Guesses the format from the first bytes of decoded content.
///
/// ```
/// use khabar::input::{sniff, Format};
/// assert_eq!(sniff("<DOC>\n<DOCNO>x</DOCNO>"), Format::Sgml);
/// assert_eq!(sniff("  {\"title\": \"t\"}"), Format::Json);
/// assert_eq!(sniff("<!doctype html><html>"), Format::Html);
/// let saved = format!("<!-- saved from {} -->\n<html dir=\"rtl\">", "x".repeat(600));
/// assert_eq!(sniff(&saved), Format::Html);
/// assert_eq!(sniff("عنوان\n\nنص"), Format::Text);
/// ```
pub fn sniff(text: &str) -> Format {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // 2 KiB: enough to see past a leading comment or XML declaration to `<html>`.
    let lower: String = head
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<doc") && !lower.starts_with("<doctype") || lower.contains("<docno>") {
        return Format::Sgml;
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || (lower.starts_with('<')
            && (lower.contains("<html")
                || lower.contains("<meta")
                || lower.contains("<p>")
                || lower.contains("<div")))
    {
        return Format::Html;
    }
    if head.starts_with('{') || head.starts_with('[') {
        return Format::Json;
    }
    Format::Text
}

/// The body of a record, in whichever shape its format gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Raw text whose lines and blank lines the structure stage splits.
    Text(String),
    /// Paragraphs the format already delimits (`<P>`, `<p>`, a JSON array).
    Paragraphs(Vec<String>),
    /// Paragraphs with the role the format marks them with: HTML gives
    /// subheadings (`<h2>`) as [`ParagraphKind::Heading`], the rest as
    /// [`ParagraphKind::Body`].
    Blocks(Vec<(String, ParagraphKind)>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

/// One article as a format gives it: raw fields, not yet cleaned or structured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The format it was read as.
    pub format: Option<Format>,
    /// The record's own id (DOCNO, `id`).
    pub id: Option<String>,
    /// The headline; for plain text None, and the first line becomes the title.
    pub title: Option<String>,
    /// An explicit lede (ABSTRACT, description).
    pub lede: Option<String>,
    /// The body.
    pub body: Body,
    /// Publication time as written.
    pub published: Option<String>,
    /// Modification time as written.
    pub modified: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Byline; often a dateline in practice.
    pub author: Option<String>,
    /// Dateline field.
    pub dateline: Option<String>,
    /// Section / category.
    pub section: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Top image URL.
    pub image: Option<String>,
    /// Declared language.
    pub language: Option<String>,
    /// 1-based line where the record starts in its file.
    pub line: Option<usize>,
    /// The file the record was read from.
    pub file: Option<std::path::PathBuf>,
}

/// Splits decoded text into records in the given format (`Auto` sniffs).
///
/// ```
/// use khabar::input::{records, Format, FieldMap};
/// let recs = records("<DOC><DOCNO>a</DOCNO><TEXT>x</TEXT></DOC><DOC><DOCNO>b</DOCNO></DOC>",
///                    Format::Auto, &FieldMap::default()).unwrap();
/// assert_eq!(recs.len(), 2);
/// assert_eq!(recs[1].as_ref().unwrap().id.as_deref(), Some("b"));
/// ```
pub fn records(text: &str, format: Format, fields: &FieldMap) -> Result<Vec<Result<Record>>> {
    let format = match format {
        Format::Auto => sniff(text),
        f => f,
    };
    Ok(match format {
        Format::Sgml => sgml::split(text)
            .map(|(line, doc)| sgml::parse_doc(doc, line))
            .collect(),
        Format::Json => json::split(text.as_bytes())
            .map(|item| item.and_then(|(line, bytes)| json::parse_value(&bytes, line, fields)))
            .collect(),
        Format::Html => vec![html::parse(text)],
        Format::Text | Format::Auto => {
            vec![Ok(Record {
                format: Some(Format::Text),
                body: Body::Text(text.to_owned()),
                ..Record::default()
            })]
        }
    })
}
