//! What an article says: one module per extractor, each reading the article
//! built by [`structure`](crate::structure) and returning its mentions with
//! byte spans into `Article.text`.

pub mod quotes;
