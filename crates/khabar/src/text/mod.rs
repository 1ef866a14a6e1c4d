//! The Arabic text layer: normalisation with an offset map, tokens with their
//! clitics, sentences and stems. Every extractor stands on it.
//!
//! All offsets are byte spans ([`Span`](crate::Span)) into the text given; the
//! normalised text carries an [`Alignment`] back to the original.
//!
//! ```
//! use khabar::text;
//! let s = "أعلن التحالف الدولي انه يستعد لشن هجوم على مدينة البوكمال بدير الزور. وأوضح ديلون ذلك.";
//! assert_eq!(text::sentences(s).len(), 2);
//! let tokens = text::tokenize(s);
//! let bdir = tokens.iter().find(|t| &s[t.span.range()] == "بدير").unwrap();
//! assert_eq!(&s[bdir.stem.range()], "دير");
//! assert_eq!(text::normalize(s, &Default::default()).text.starts_with("اعلن"), true);
//! ```

mod clitics;
mod normalize;
mod offsets;
mod sentences;
mod stem;
mod tokenize;

pub use normalize::{normalize, Alignment, NormalizeOptions, Normalized, Normalizer, Punctuation};
pub use offsets::CharCursor;
pub use sentences::sentences;
pub use stem::{light_stem, root_stem};
pub use tokenize::{tokenize, tokenize_into, tokenize_surface, Token, TokenKind};
