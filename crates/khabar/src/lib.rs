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
//! records) → [`structure`] (record → article skeleton) → extraction. Lexicons are
//! data files under `data/`, compiled in ([`lexicon`]).

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

use std::sync::LazyLock;

pub use error::{Error, Result};
pub use input::Format;
pub use model::{
    Article, CharOffsets, Entity, Paragraph, ParagraphKind, Published, Quantity, Quote, Span,
    Spanned, TimeExpr, TimeKind,
};
pub use pipeline::{Articles, Overrides, Pipeline};

static DEFAULT: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// Parses one article from bytes (format and encoding detected) with the default
/// pipeline.
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
