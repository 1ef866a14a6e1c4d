//! khabar (خبر, "a news item") turns Arabic news articles into typed records an
//! analyst can count, filter and join: the article's structure (title, lede,
//! paragraphs, outlet, dateline, publication time) and what it says.
//!
//! ```
//! let article = khabar::parse_text(
//!     "التحالف يستعد لشن هجوم على البوكمال\n\n\
//!      أعلن التحالف الدولي انه يستعد لشن هجوم على مدينة البوكمال.\n\n\
//!      وأوضح المتحدث باسم التحالف ان العمليات مستمرة.\n\n\
//!      سيريانيوز\n\n28.10.2017 11:58",
//! )?;
//! assert_eq!(article.title.as_deref(), Some("التحالف يستعد لشن هجوم على البوكمال"));
//! assert_eq!(article.source.as_deref(), Some("سيريانيوز"));
//! assert_eq!(article.published.unwrap().to_string(), "2017-10-28T11:58:00");
//! for p in &article.paragraphs {
//!     println!("{}: {}", p.kind, &article.text[p.span.range()]);
//! }
//! # Ok::<(), khabar::Error>(())
//! ```
//!
//! The stages, one module each, data flowing one way: [`input`] (bytes → text and
//! records) → [`structure`] (record → article skeleton) → [`text`] (normalisation
//! with an offset map, tokens with clitics, sentences) → [`extract`]
//! (entities, quotes, times, quantities; each a module). Lexicons are data
//! files under `data/`, compiled in ([`lexicon`]); the entity [`tagger`] is a
//! model file under `data/models/`.

#![warn(missing_docs)]

pub mod date;
pub mod display;
mod error;
pub mod extract;
pub mod input;
pub mod lexicon;
pub mod model;
mod pipeline;
pub mod structure;
pub mod tagger;
#[cfg(test)]
mod testing;
pub mod text;

use std::sync::LazyLock;

pub use error::{Error, Result};
/// The entities stage, [`extract::entities`], at the crate's root for short paths.
pub use extract::entities;
pub use input::Format;
pub use model::{
    Article, CharOffsets, Entity, Paragraph, ParagraphKind, Published, Quantity, Quote, Span,
    Spanned, TimeExpr, TimeKind,
};
pub use pipeline::{Articles, NerMode, Overrides, Pipeline};
pub use text::{normalize, sentences, tokenize, NormalizeOptions, Normalized, Token, TokenKind};

static DEFAULT: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// Parses one article from bytes (format and encoding detected) with the default
/// pipeline.
///
/// An HTML page gives the same article a plain-text record would: its main
/// text without the page furniture, subheadings as paragraphs of kind
/// `heading`, and the metadata from JSON-LD, Open Graph and the like.
///
/// ```
/// let page = r#"<html lang="ar"><head>
///   <title>التحالف يستعد لهجوم على البوكمال - سيريانيوز</title>
///   <meta property="article:published_time" content="2017-10-28T11:58:00+03:00">
///   <meta property="og:site_name" content="سيريانيوز"></head>
/// <body><nav><a href="/">الرئيسية</a></nav><article>
///   <p>أعلن التحالف الدولي، بقيادة الولايات المتحدة، انه يستعد لشن هجوم على مدينة البوكمال.</p>
///   <h2>خلفية</h2>
///   <p>وأوضح المتحدث باسم التحالف، في تصريح لوكالة رويترز، ان العمليات ستبدأ قريبا.</p>
/// </article><footer>جميع الحقوق محفوظة</footer></body></html>"#;
/// let article = khabar::parse(page.as_bytes())?;
/// assert_eq!(article.title.as_deref(), Some("التحالف يستعد لهجوم على البوكمال"));
/// assert_eq!(article.source.as_deref(), Some("سيريانيوز"));
/// assert_eq!(article.published.unwrap().to_string(), "2017-10-28T11:58:00+03:00");
/// let kinds: Vec<String> = article.paragraphs.iter().map(|p| p.kind.to_string()).collect();
/// assert_eq!(kinds, ["lede", "heading", "body"]);
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn parse(data: &[u8]) -> Result<Article> {
    DEFAULT.parse(data)
}

/// Parses one article from text with the default pipeline.
pub fn parse_text(text: &str) -> Result<Article> {
    DEFAULT.parse_str(text)
}

/// Runs the extractors on text without article structure (see [`Pipeline::analyze`]).
pub fn analyze(text: &str, published: Option<Published>) -> Result<Article> {
    DEFAULT.analyze(text, published)
}

/// Streams the articles of files, folders or globs (see [`Pipeline::read`]).
pub fn read<S: AsRef<str>>(inputs: &[S]) -> Result<Articles> {
    DEFAULT.read(inputs)
}
