//! HTML news pages: the article's main text and its metadata.
//!
//! The page is parsed into a DOM by html5ever (through `scraper`), the way a
//! browser would, so truncated and malformed markup still gives a tree. Then:
//!
//! - [`meta`] reads the metadata, each field from the most trusted source the
//!   page has: JSON-LD (`NewsArticle`, `Article`, `@graph`), Open Graph and
//!   `article:*` meta, other `<meta>` names, `itemprop`, `<time datetime>`, an
//!   Arabic date in the visible byline (a date in the URL is the structure
//!   stage's last resort). The title loses its ` - site name` part.
//! - [`content`] finds the main text: a readability-style score over the blocks
//!   of text (length, commas, link density, class and id names), the best
//!   container and its siblings that score alike, then the paragraphs inside it
//!   that are not boilerplate (`اقرأ أيضا`, share bars, bylines, comments).
//!   Subheadings come out as [`ParagraphKind::Heading`](crate::ParagraphKind).
//!
//! Why our own scorer rather than a readability port (dom_smoothie, measured
//! on the ten real pages of `../shared/corpus/html`): the port returns cleaned
//! HTML that would have to be parsed again to get paragraphs and headings; it
//! kept CNN's comment-policy text and joined paragraphs (token F1 0.90 where
//! ours is 1.00); it has no notion of Arabic furniture (`اقرأ أيضا`); its dates
//! were right on 5 of 8 pages (ours 8 of 8); and it was not faster (about 530
//! pages/s in process, ours about 640 with metadata and structure included),
//! for a heavier dependency tree.

mod content;
mod meta;

use scraper::Html;

use super::{Body, Format, Record};
use crate::error::{Error, Result};

/// Pages larger than this are refused rather than parsed: no news page comes
/// close, and it bounds the memory one call can take (the DOM is several times
/// the size of the page).
pub const MAX_PAGE_BYTES: usize = 64 << 20;

pub(crate) fn parse(html: &str) -> Result<Record> {
    if html.len() > MAX_PAGE_BYTES {
        return Err(Error::parse(
            "html",
            None,
            format!(
                "the page is {} MiB; pages over {} MiB are refused",
                html.len() >> 20,
                MAX_PAGE_BYTES >> 20
            ),
        ));
    }
    let doc = Html::parse_document(html);
    let mut found = meta::collect(&doc);
    let content = content::extract(&doc, found.title.as_deref());
    if found.published.is_none() {
        found.published = content.byline_date.clone();
    }
    let mut blocks = content.blocks;
    // A description that only repeats the opening paragraph is not a separate
    // lede: the first paragraph serves as one.
    let lede = found.lede.take().filter(|d| !repeats_opening(d, &blocks));
    if found.title.is_none() {
        found.title = content.h1;
    }
    if blocks.is_empty() && lede.is_none() && found.title.is_none() {
        return Err(Error::parse(
            "html",
            None,
            "the page has no title and no article text",
        ));
    }
    let language = found.language.filter(|l| !contradicts_script(l, &blocks));
    blocks.retain(|(t, _)| !t.trim().is_empty());
    Ok(Record {
        format: Some(Format::Html),
        title: found.title,
        lede,
        body: Body::Blocks(blocks),
        published: found.published,
        modified: found.modified,
        source: found.source,
        url: found.url,
        author: found.author,
        section: found.section,
        tags: found.tags,
        image: found.image,
        language,
        ..Record::default()
    })
}

/// True when most words of `description` are in the first paragraphs: a teaser
/// cut from the article (often ending in `...`), not a standfirst of its own.
fn repeats_opening(description: &str, blocks: &[(String, crate::ParagraphKind)]) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(crate::lexicon::fold)
            .collect()
    };
    let desc = words(description);
    if desc.is_empty() {
        return true;
    }
    let opening: std::collections::HashSet<String> =
        blocks.iter().take(8).flat_map(|(t, _)| words(t)).collect();
    let shared = desc.iter().filter(|w| opening.contains(*w)).count();
    shared * 100 >= desc.len() * 80
}

/// A declared language in a Latin-script tag (`lang="en-US"`, a theme's default)
/// on a page whose text is Arabic script: the declaration is wrong, and language
/// detection on the text should decide.
fn contradicts_script(lang: &str, blocks: &[(String, crate::ParagraphKind)]) -> bool {
    const ARABIC_SCRIPT: &[&str] = &[
        "ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug", "arz", "apc", "ary",
    ];
    if ARABIC_SCRIPT.contains(&lang) {
        return false;
    }
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in blocks.iter().flat_map(|(t, _)| t.chars()).take(5_000) {
        if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    arabic > 50 && arabic > 4 * latin
}

#[cfg(test)]
mod tests;
