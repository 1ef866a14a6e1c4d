//! Views of an article for people: a self-contained HTML fragment for notebooks
//! (`_repr_html_` in Python) and spaCy displaCy's "manual" format.
//!
//! The HTML view is right-to-left (`dir="rtl"`, `lang="ar"`, an Arabic-capable font
//! stack), with the title and metadata on top, a legend, then the paragraphs.
//! Mentions are marked in the text:
//!
//! - entities: a background colour per label (`PER`, `ORG`, `LOC`, `FAC`, `NORP`;
//!   grey for any other), canonical name and id in the tooltip;
//! - quotes: underlined (solid for direct, dashed for reported speech), speaker,
//!   via and verb in the tooltip;
//! - time expressions: a solid box, the resolved value in the tooltip;
//! - quantities: a dashed box, value and unit in the tooltip.
//!
//! Every mark is a `<span>` with `data-m` naming the mention (`e3` is entity 3,
//! `q`, `t`, `n` for quotes, times and quantities). Mentions nest (an entity
//! inside a quote); where two cross, the one that starts later is split at the
//! boundary into pieces marked `data-part`, so the HTML is always well formed.
//! Spans outside the text, empty, or not on character boundaries are skipped.
//! Rendering is one pass over the text after sorting the mentions.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::model::{Article, CharOffsets, ParagraphKind, Span, TimeKind};

/// The font stack of the view: Arabic-capable fonts first.
pub const FONT_STACK: &str = "'Noto Naskh Arabic', 'Amiri', 'Scheherazade New', \
                              'Noto Sans Arabic', 'Segoe UI', Tahoma, Arial, sans-serif";

/// The entity labels khabar produces, in legend order, with a gloss and the
/// background colour the view gives them.
pub const LABELS: [(&str, &str, &str); 5] = [
    ("PER", "person", "#ffd8a8"),
    ("ORG", "organisation", "#bfdbfe"),
    ("LOC", "place", "#bbf7d0"),
    ("FAC", "facility", "#e9d5ff"),
    ("NORP", "group", "#fecdd3"),
];

/// Background of labels outside [`LABELS`].
const OTHER_COLOUR: &str = "#e5e7eb";
const QUOTE_COLOUR: &str = "#c2410c";
const TIME_COLOUR: &str = "#0f766e";
const QUANTITY_COLOUR: &str = "#7c3aed";

/// The background colour of an entity label.
pub fn label_colour(label: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(l, _, _)| *l == label)
        .map_or(OTHER_COLOUR, |(_, _, c)| c)
}

/// Appends `s` to `out` with `& < > " '` escaped.
fn push_escaped(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// True when `span` is a non-empty slice of `text` on character boundaries.
fn valid(text: &str, span: Span) -> bool {
    span.start < span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Which kind of mention a mark shows; the order is the nesting order when two
/// mentions cover the same text (a quote outside a time outside an entity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Quote,
    Time,
    Entity,
    Quantity,
}

/// A mention, or a piece of one, to mark within one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: usize,
    end: usize,
    layer: Layer,
    /// Index into the article's vector of that layer.
    index: usize,
    /// True when this is only part of the mention (clipped or split).
    part: bool,
}

impl Piece {
    /// Opening order: by start, longer first, then by layer.
    fn key(&self) -> (usize, Reverse<usize>, Layer, usize) {
        (self.start, Reverse(self.end), self.layer, self.index)
    }
}

impl Ord for Piece {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Piece {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Every valid mention of the article as a piece, unsorted.
fn mentions(a: &Article) -> Vec<Piece> {
    let text = a.text.as_str();
    let layers = [
        (
            Layer::Entity,
            a.entities.iter().map(|m| m.span).collect::<Vec<_>>(),
        ),
        (Layer::Quote, a.quotes.iter().map(|m| m.span).collect()),
        (Layer::Time, a.times.iter().map(|m| m.span).collect()),
        (
            Layer::Quantity,
            a.quantities.iter().map(|m| m.span).collect(),
        ),
    ];
    let mut out = Vec::new();
    for (layer, spans) in layers {
        for (index, s) in spans.into_iter().enumerate() {
            if valid(text, s) {
                out.push(Piece {
                    start: s.start,
                    end: s.end,
                    layer,
                    index,
                    part: false,
                });
            }
        }
    }
    out
}

/// A stretch of text rendered as one block: the title or a paragraph.
#[derive(Debug, Clone, Copy)]
enum Block {
    Title,
    /// Index into `Article::paragraphs`.
    Paragraph(usize),
    /// The text after the title, for an article without paragraphs.
    Rest,
}

/// The blocks to render with their spans, in text order, valid and
/// non-overlapping.
fn blocks(a: &Article) -> Vec<(Span, Block)> {
    let text = a.text.as_str();
    let mut out = Vec::with_capacity(a.paragraphs.len() + 1);
    let mut title_end = 0;
    if let Some(t) = &a.title {
        let s = Span::new(0, t.len());
        if !t.is_empty() && text.get(s.range()) == Some(t.as_str()) {
            out.push((s, Block::Title));
            title_end = s.end;
        }
    }
    let mut paragraphs: Vec<(Span, Block)> = a
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| valid(text, p.span))
        .map(|(i, p)| (p.span, Block::Paragraph(i)))
        .collect();
    paragraphs.sort_by_key(|(s, _)| (s.start, s.end));
    for (s, b) in paragraphs {
        if out.last().is_none_or(|(prev, _)| prev.end <= s.start) {
            out.push((s, b));
        }
    }
    if a.paragraphs.is_empty() {
        let rest = text.get(title_end..).unwrap_or("");
        let trimmed = rest.trim_start();
        let start = title_end + (rest.len() - trimmed.len());
        let end = start + trimmed.trim_end().len();
        if start < end {
            out.push((Span::new(start, end), Block::Rest));
        }
    }
    out
}

/// Tooltip and opening tag of a mark.
fn open_mark(h: &mut String, a: &Article, p: &Piece) {
    let mut tip = String::new();
    let (class, letter, style, label): (&str, char, String, Option<&str>) = match p.layer {
        Layer::Entity => {
            let e = &a.entities[p.index];
            let _ = write!(tip, "{} — {}", e.label, e.canonical);
            if let Some(id) = &e.id {
                let _ = write!(tip, "\nid: {id}");
            }
            (
                "khabar-ent",
                'e',
                format!(
                    "background: {}; border-radius: .3em;",
                    label_colour(&e.label)
                ),
                Some(e.label.as_str()),
            )
        }
        Layer::Quote => {
            let q = &a.quotes[p.index];
            tip.push_str(if q.direct {
                "quote (direct)"
            } else {
                "quote (reported)"
            });
            for (k, v) in [("speaker", &q.speaker), ("via", &q.via), ("verb", &q.verb)] {
                if let Some(v) = v {
                    let _ = write!(tip, "\n{k}: {v}");
                }
            }
            let line = if q.direct { "solid" } else { "dashed" };
            (
                "khabar-quote",
                'q',
                format!(
                    "text-decoration: underline {line} {QUOTE_COLOUR}; \
                     text-decoration-thickness: 2px; text-underline-offset: .5em; \
                     text-decoration-skip-ink: none;"
                ),
                None,
            )
        }
        Layer::Time => {
            let t = &a.times[p.index];
            let kind = match t.kind {
                TimeKind::Absolute => "absolute",
                TimeKind::Relative => "relative",
                TimeKind::Vague => "vague",
            };
            let _ = write!(tip, "time ({kind}): {}", t.value);
            if let Some(m) = &t.modifier {
                let _ = write!(tip, " {m}");
            }
            (
                "khabar-time",
                't',
                format!(
                    "outline: 1.5px solid {TIME_COLOUR}; outline-offset: 1px; border-radius: .3em;"
                ),
                None,
            )
        }
        Layer::Quantity => {
            let q = &a.quantities[p.index];
            let _ = write!(tip, "quantity: {}", q.value);
            if let Some(u) = &q.unit {
                let _ = write!(tip, " {u}");
            }
            if q.approximate {
                tip.push_str(" (approximate)");
            }
            (
                "khabar-qty",
                'n',
                format!(
                    "outline: 1.5px dashed {QUANTITY_COLOUR}; outline-offset: 1px; border-radius: .3em;"
                ),
                None,
            )
        }
    };
    let _ = write!(h, "<span class=\"{class}\" data-m=\"{letter}{}\"", p.index);
    if let Some(l) = label {
        h.push_str(" data-label=\"");
        push_escaped(h, l);
        h.push('"');
    }
    if p.part {
        h.push_str(" data-part=\"1\"");
    }
    h.push_str(" title=\"");
    push_escaped(h, &tip);
    let _ = write!(h, "\" style=\"{style} cursor: help;\">");
}

/// Writes `text[region]` with its marks. `pieces` lie inside `region`.
///
/// Pieces open in [`Piece::key`] order onto a stack whose ends never grow
/// towards the top; a piece that would end after the piece it opens inside is
/// cut at that end and its remainder queued to open there.
fn render_region(h: &mut String, a: &Article, region: Span, pieces: &mut [Piece]) {
    let text = a.text.as_str();
    pieces.sort_unstable();
    // Crossing spans are rare; this bounds the work on adversarial input.
    let mut budget = 4 * pieces.len() + 64;
    let mut queued: BinaryHeap<Reverse<Piece>> = BinaryHeap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut pos = region.start;
    let mut sorted = pieces.iter().copied().peekable();
    loop {
        let next = match (sorted.peek(), queued.peek()) {
            (Some(p), Some(Reverse(q))) if q < p => queued.pop().map(|r| r.0),
            (Some(_), _) => sorted.next(),
            (None, _) => queued.pop().map(|r| r.0),
        };
        let Some(mut p) = next else { break };
        close_until(h, text, &mut stack, &mut pos, p.start);
        push_escaped(h, text.get(pos..p.start).unwrap_or(""));
        pos = p.start;
        if let Some(&outer_end) = stack.last() {
            if p.end > outer_end {
                if budget > 0 {
                    budget -= 1;
                    queued.push(Reverse(Piece {
                        start: outer_end,
                        part: true,
                        ..p
                    }));
                }
                p.end = outer_end;
                p.part = true;
            }
        }
        open_mark(h, a, &p);
        stack.push(p.end);
    }
    close_until(h, text, &mut stack, &mut pos, usize::MAX);
    push_escaped(h, text.get(pos..region.end).unwrap_or(""));
}

/// Closes every open mark that ends at or before `limit`, writing the text up to
/// each end.
fn close_until(h: &mut String, text: &str, stack: &mut Vec<usize>, pos: &mut usize, limit: usize) {
    while let Some(&end) = stack.last() {
        if end > limit {
            break;
        }
        push_escaped(h, text.get(*pos..end).unwrap_or(""));
        *pos = end;
        h.push_str("</span>");
        stack.pop();
    }
}

/// Puts every mention into the blocks it overlaps, clipped to each.
fn bucket(blocks: &[(Span, Block)], pieces: Vec<Piece>) -> Vec<Vec<Piece>> {
    let mut buckets = vec![Vec::new(); blocks.len()];
    for p in pieces {
        let mut i = blocks.partition_point(|(s, _)| s.end <= p.start);
        while let Some((s, _)) = blocks.get(i) {
            if s.start >= p.end {
                break;
            }
            let start = p.start.max(s.start);
            let end = p.end.min(s.end);
            if start < end {
                buckets[i].push(Piece {
                    start,
                    end,
                    part: p.part || start != p.start || end != p.end,
                    ..p
                });
            }
            i += 1;
        }
    }
    buckets
}

fn push_legend(h: &mut String, a: &Article) {
    h.push_str(
        "<div class=\"khabar-legend\" dir=\"ltr\" style=\"font-family: sans-serif; \
         font-size: .8em; color: #374151; margin: .2em 0 .8em 0; line-height: 2.2;\">",
    );
    let count = |label: &str| a.entities.iter().filter(|e| e.label == label).count();
    let mut labels: Vec<(&str, &str)> = LABELS.iter().map(|(l, g, _)| (*l, *g)).collect();
    let mut extra: Vec<&str> = a
        .entities
        .iter()
        .map(|e| e.label.as_str())
        .filter(|l| !LABELS.iter().any(|(k, _, _)| k == l))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    labels.extend(extra.into_iter().map(|l| (l, "")));
    let chip =
        "border-radius: .3em; padding: .1em .45em; margin-right: .25em; white-space: nowrap;";
    for (label, gloss) in labels {
        h.push_str("<span class=\"khabar-legend-item\" data-label=\"");
        push_escaped(h, label);
        let _ = write!(
            h,
            "\" style=\"background: {}; {chip}\"><b>",
            label_colour(label)
        );
        push_escaped(h, label);
        h.push_str("</b>");
        if !gloss.is_empty() {
            let _ = write!(h, " {gloss}");
        }
        let _ = write!(h, " {}</span> ", count(label));
    }
    h.push_str("<br>");
    let direct = a.quotes.iter().filter(|q| q.direct).count();
    let _ = write!(
        h,
        "<span class=\"khabar-legend-item\" data-kind=\"quote\" style=\"{chip} \
         text-decoration: underline solid {QUOTE_COLOUR} 2px; text-underline-offset: .3em;\">\
         quote {direct}</span> \
         <span class=\"khabar-legend-item\" data-kind=\"reported\" style=\"{chip} \
         text-decoration: underline dashed {QUOTE_COLOUR} 2px; text-underline-offset: .3em;\">\
         reported {}</span> \
         <span class=\"khabar-legend-item\" data-kind=\"time\" style=\"{chip} \
         outline: 1.5px solid {TIME_COLOUR}; outline-offset: -2px;\">time {}</span> \
         <span class=\"khabar-legend-item\" data-kind=\"quantity\" style=\"{chip} \
         outline: 1.5px dashed {QUANTITY_COLOUR}; outline-offset: -2px;\">quantity {}</span>",
        a.quotes.len() - direct,
        a.times.len(),
        a.quantities.len(),
    );
    h.push_str("</div>");
}

fn push_meta(h: &mut String, a: &Article) {
    let mut meta: Vec<(&str, String)> = Vec::new();
    let mut add = |k: &'static str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            meta.push((k, escape(v)));
        }
    };
    add("outlet", a.source.as_deref());
    add("dateline", a.dateline.as_deref());
    add("author", a.author.as_deref());
    add("section", a.section.as_deref());
    let published = a.published.map(|p| p.to_string());
    add("published", published.as_deref());
    if let Some(url) = a.url.as_deref().filter(|u| !u.is_empty()) {
        let u = escape(url);
        let v = if url.starts_with("https://") || url.starts_with("http://") {
            format!("<a href=\"{u}\" target=\"_blank\" rel=\"noopener noreferrer\">{u}</a>")
        } else {
            u
        };
        meta.push(("url", v));
    }
    meta.push(("id", escape(&a.id)));
    meta.push((
        "counts",
        format!(
            "{} paragraphs · {} sentences · {} entities · {} quotes · {} times · {} quantities",
            a.paragraphs.len(),
            a.sentences.len(),
            a.entities.len(),
            a.quotes.len(),
            a.times.len(),
            a.quantities.len()
        ),
    ));
    h.push_str(
        "<table class=\"khabar-meta\" dir=\"ltr\" style=\"font-family: sans-serif; \
         font-size: .8em; color: #4b5563; margin: 0 0 .4em 0; border-collapse: collapse;\">",
    );
    for (k, v) in meta {
        let _ = write!(
            h,
            "<tr><th style=\"text-align: left; font-weight: 600; padding: 0 1em 0 0; \
             vertical-align: top;\">{k}</th><td dir=\"auto\" style=\"text-align: left; \
             padding: 0; overflow-wrap: anywhere;\">{v}</td></tr>"
        );
    }
    h.push_str("</table>");
}

/// Renders `article` as a self-contained HTML fragment (inline styles only, so
/// it survives notebook renderers that drop `<style>`).
///
/// ```
/// use khabar::{Entity, Span};
/// let mut a = khabar::parse_text("عنوان <مهم>\n\nزار الوزير دمشق أمس.")?;
/// let start = a.text.find("دمشق").unwrap();
/// a.entities.push(Entity {
///     span: Span::new(start, start + "دمشق".len()),
///     label: "LOC".into(),
///     canonical: "دمشق".into(),
///     ..Entity::default()
/// });
/// let html = khabar::display::article_html(&a);
/// assert!(html.contains("dir=\"rtl\"") && html.contains("عنوان &lt;مهم&gt;"));
/// assert!(html.contains("data-label=\"LOC\""));
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn article_html(a: &Article) -> String {
    let mut h = String::with_capacity(a.text.len() * 2 + 4096);
    let _ = write!(
        h,
        "<div class=\"khabar-article\" dir=\"rtl\" lang=\"ar\" style=\"font-family: {FONT_STACK}; \
         font-size: 1.1em; line-height: 2; max-width: 48em; text-align: right; \
         color: #111827; background: #ffffff; border: 1px solid #e5e7eb; \
         border-radius: .5em; padding: .8em 1.2em;\">"
    );
    let blocks = blocks(a);
    let mut buckets = bucket(&blocks, mentions(a));
    let title = blocks.iter().position(|(_, b)| matches!(b, Block::Title));
    h.push_str("<h3 class=\"khabar-title\" style=\"margin: 0 0 .3em 0; line-height: 1.6;\">");
    match (title, &a.title) {
        (Some(i), _) => render_region(&mut h, a, blocks[i].0, &mut buckets[i]),
        (None, Some(t)) => push_escaped(&mut h, t),
        (None, None) => h.push_str("<span style=\"color: #9ca3af;\">(untitled)</span>"),
    }
    h.push_str("</h3>");
    push_meta(&mut h, a);
    if let Some(e) = &a.error {
        h.push_str("<p class=\"khabar-error\" dir=\"ltr\" style=\"color: #b91c1c;\">error: ");
        push_escaped(&mut h, e);
        h.push_str("</p>");
    }
    push_legend(&mut h, a);
    for (i, (span, block)) in blocks.iter().enumerate() {
        let (style, note) = match block {
            Block::Title => continue,
            Block::Rest => ("", ""),
            Block::Paragraph(k) => {
                let p = &a.paragraphs[*k];
                match p.kind {
                    ParagraphKind::Lede => ("font-weight: bold;", ""),
                    ParagraphKind::Heading => ("font-weight: bold; font-size: 1.1em;", ""),
                    ParagraphKind::Body if p.repeats_lede => {
                        ("color: #6b7280;", " title=\"repeats the lede\"")
                    }
                    ParagraphKind::Body => ("", ""),
                }
            }
        };
        let kind = match block {
            Block::Paragraph(k) => a.paragraphs[*k].kind.as_str(),
            _ => "body",
        };
        let _ = write!(
            h,
            "<p class=\"khabar-paragraph\" data-kind=\"{kind}\" style=\"margin: 0 0 .7em 0; {style}\"{note}>"
        );
        render_region(&mut h, a, *span, &mut buckets[i]);
        h.push_str("</p>");
    }
    h.push_str("</div>");
    h
}

/// One span in displaCy's manual format, in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplacySpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label displaCy shows.
    pub label: String,
}

/// What [`displacy_spans`] can show.
pub const DISPLACY_WHAT: [&str; 4] = ["entities", "quotes", "times", "quantities"];

/// The spans of one kind of mention for spaCy's displaCy (`style="ent"`,
/// `manual=True`), with code-point offsets into `article.text`, sorted, and
/// without overlaps (displaCy's entity view cannot draw them: of two
/// overlapping spans the earlier, then longer, one is kept).
///
/// Labels: the entity label; `QUOTE` or `REPORTED` for quotes; `TIME`;
/// `QUANTITY`. Invalid spans are skipped.
///
/// ```
/// use khabar::{Entity, Span};
/// let mut a = khabar::parse_text("عنوان\n\nزار الوزير دمشق أمس.")?;
/// let start = a.text.find("دمشق").unwrap();
/// a.entities.push(Entity {
///     span: Span::new(start, start + "دمشق".len()),
///     label: "LOC".into(),
///     ..Entity::default()
/// });
/// let spans = khabar::display::displacy_spans(&a, "entities")?;
/// let chars: Vec<char> = a.text.chars().collect();
/// let s = &spans[0];
/// assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "دمشق");
/// assert!(khabar::display::displacy_spans(&a, "words").is_err());
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn displacy_spans(a: &Article, what: &str) -> Result<Vec<DisplacySpan>> {
    let spans: Vec<(Span, String)> = match what {
        "entities" => a
            .entities
            .iter()
            .map(|e| (e.span, e.label.clone()))
            .collect(),
        "quotes" => a
            .quotes
            .iter()
            .map(|q| {
                let l = if q.direct { "QUOTE" } else { "REPORTED" };
                (q.span, l.to_owned())
            })
            .collect(),
        "times" => a
            .times
            .iter()
            .map(|t| (t.span, "TIME".to_owned()))
            .collect(),
        "quantities" => a
            .quantities
            .iter()
            .map(|q| (q.span, "QUANTITY".to_owned()))
            .collect(),
        _ => {
            return Err(Error::Option(format!(
                "what must be one of {}, not {what:?}",
                DISPLACY_WHAT.join(", ")
            )))
        }
    };
    let mut spans: Vec<(Span, String)> = spans
        .into_iter()
        .filter(|(s, _)| valid(&a.text, *s))
        .collect();
    spans.sort_by_key(|(s, _)| (s.start, Reverse(s.end)));
    let map = CharOffsets::new(&a.text);
    let mut out: Vec<DisplacySpan> = Vec::with_capacity(spans.len());
    let mut last_end = 0;
    for (s, label) in spans {
        if s.start < last_end {
            continue;
        }
        last_end = s.end;
        out.push(DisplacySpan {
            start: map.to_char(s.start),
            end: map.to_char(s.end),
            label,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Quantity, Quote, TimeExpr};
    use scraper::{ElementRef, Html, Selector};

    const TEXT: &str = "التحالف يستعد لشن هجوم على البوكمال\n\n\
        وأوضح المتحدث باسم التحالف ريان ديلون ان \"داعش يعزز دفاعاته منذ يوم السبت في البوكمال\" على بعد 7 كيلومترات.\n\n\
        وسيطرت قوات سوريا الديمقراطية منتصف الشهر الجاري على الرقة.";

    fn find(a: &Article, needle: &str, nth: usize) -> Span {
        let start = a
            .text
            .match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .expect("needle in text");
        Span::new(start, start + needle.len())
    }

    fn ent(a: &Article, needle: &str, nth: usize, label: &str, canonical: &str) -> Entity {
        Entity {
            span: find(a, needle, nth),
            label: label.into(),
            canonical: canonical.into(),
            id: None,
            paragraph: 0,
            sentence: 0,
        }
    }

    /// The seed-like article with every kind of mention, nested: entities and a
    /// time inside a quote, a quantity after it, one in the title.
    fn sample() -> Article {
        let mut a = crate::parse_text(TEXT).expect("parses");
        a.entities = vec![
            ent(&a, "التحالف", 0, "ORG", "التحالف الدولي"),
            ent(&a, "البوكمال", 0, "LOC", "البوكمال"),
            ent(&a, "ريان ديلون", 0, "PER", "ريان ديلون"),
            ent(&a, "داعش", 0, "ORG", "تنظيم الدولة الإسلامية"),
            ent(&a, "البوكمال", 1, "LOC", "البوكمال"),
            ent(
                &a,
                "قوات سوريا الديمقراطية",
                0,
                "ORG",
                "قوات سوريا الديمقراطية",
            ),
            ent(&a, "الرقة", 0, "LOC", "الرقة"),
        ];
        a.entities[1].id = Some("34.45,40.92".into());
        a.quotes = vec![Quote {
            span: find(&a, "داعش يعزز دفاعاته منذ يوم السبت في البوكمال", 0),
            speaker: Some("ريان ديلون".into()),
            verb: Some("وأوضح".into()),
            via: None,
            direct: true,
            paragraph: 0,
            sentence: 0,
        }];
        a.times = vec![
            TimeExpr {
                span: find(&a, "يوم السبت", 0),
                value: "2017-10-28".into(),
                kind: TimeKind::Relative,
                ..TimeExpr::default()
            },
            TimeExpr {
                span: find(&a, "منتصف الشهر الجاري", 0),
                value: "2017-10".into(),
                modifier: Some("MID".into()),
                kind: TimeKind::Relative,
                ..TimeExpr::default()
            },
        ];
        a.quantities = vec![Quantity {
            span: find(&a, "7 كيلومترات", 0),
            value: 7.0,
            unit: Some("km".into()),
            ..Quantity::default()
        }];
        a
    }

    /// Every tag closes in the order it opened (escaping leaves no other `<`),
    /// so no parser has to repair the markup.
    fn balanced(html: &str) {
        let mut stack: Vec<&str> = Vec::new();
        for (i, _) in html.match_indices('<') {
            let rest = &html[i + 1..];
            let end = rest.find('>').expect("tag closes");
            let tag = &rest[..end];
            assert!(!tag.contains('<'), "stray < in {tag:?}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "at byte {i}");
            } else {
                let name = tag.split([' ', '>']).next().unwrap_or("");
                if name != "br" {
                    stack.push(name);
                }
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
    }

    fn text_of(e: &ElementRef<'_>) -> String {
        e.text().collect()
    }

    fn sel(s: &str) -> Selector {
        Selector::parse(s).expect("selector")
    }

    fn mention_span(a: &Article, m: &str) -> Span {
        let (kind, i) = m.split_at(1);
        let i: usize = i.parse().expect("index");
        match kind {
            "e" => a.entities[i].span,
            "q" => a.quotes[i].span,
            "t" => a.times[i].span,
            "n" => a.quantities[i].span,
            _ => panic!("unknown mark {m}"),
        }
    }

    fn mention_text<'a>(a: &'a Article, m: &str) -> &'a str {
        a.slice(mention_span(a, m))
    }

    fn check(a: &Article) -> usize {
        check_with(a, true)
    }

    /// Checks the invariants of a rendering and returns how many marks it has:
    /// each paragraph shows exactly its text; a whole mark holds exactly its
    /// mention's text; the pieces of a split mention add up to its text (within
    /// each paragraph); serialising the parsed tree gives the same marks back.
    fn check_with(a: &Article, complete: bool) -> usize {
        let html = article_html(a);
        let doc = Html::parse_fragment(&html);
        balanced(&html);
        for p in doc.select(&sel("p.khabar-paragraph")) {
            let t = text_of(&p);
            assert!(
                a.paragraphs.iter().any(|q| a.slice(q.span) == t),
                "paragraph text changed: {t:?}"
            );
        }
        let mut pieces: std::collections::BTreeMap<String, String> = Default::default();
        let mut marks = 0;
        for m in doc.select(&sel("span[data-m]")) {
            marks += 1;
            let id = m.value().attr("data-m").expect("data-m").to_owned();
            let t = text_of(&m);
            if m.value().attr("data-part").is_none() {
                assert_eq!(t, mention_text(a, &id), "mark {id}");
            } else {
                pieces.entry(id).or_default().push_str(&t);
            }
        }
        for (id, t) in pieces {
            // The pieces hold the mention's text inside the blocks shown, all
            // of it unless the split budget ran out.
            let span = mention_span(a, &id);
            let shown: String = blocks(a)
                .iter()
                .filter_map(|(b, _)| {
                    let (s, e) = (span.start.max(b.start), span.end.min(b.end));
                    (s < e).then(|| a.slice(Span::new(s, e)))
                })
                .collect();
            if complete {
                assert_eq!(t, shown, "pieces of {id}");
            } else {
                assert!(shown.starts_with(&t), "pieces of {id}");
            }
        }
        marks
    }

    #[test]
    fn nested_marks_hold_their_mention_text() {
        let a = sample();
        let html = article_html(&a);
        assert_eq!(check(&a), 11);
        let doc = Html::parse_fragment(&html);
        // The time and the entities inside the quote are its descendants.
        let quote = doc.select(&sel("span.khabar-quote")).next().expect("quote");
        let inner: Vec<&str> = quote
            .select(&sel("span[data-m]"))
            .filter_map(|e| e.value().attr("data-m"))
            .collect();
        assert_eq!(inner, ["e3", "t0", "e4"]);
        // The title is marked too.
        let title = doc.select(&sel("h3.khabar-title")).next().expect("title");
        assert_eq!(title.select(&sel("span[data-m]")).count(), 2);
        // Tooltips: canonical and id, speaker, resolved value.
        assert!(html.contains("title=\"LOC — البوكمال\nid: 34.45,40.92\""));
        assert!(html.contains("speaker: ريان ديلون"));
        assert!(html.contains("title=\"time (relative): 2017-10 MID\""));
        assert!(html.contains("title=\"quantity: 7 km\""));
        assert!(!html.contains("data-part"));
    }

    #[test]
    fn rtl_font_stack_metadata_and_legend() {
        let mut a = sample();
        a.source = Some("سيريانيوز".into());
        a.entities.push(ent(&a, "الجاري", 0, "MISC", "x"));
        let html = article_html(&a);
        let doc = Html::parse_fragment(&html);
        let root = doc.select(&sel("div.khabar-article")).next().expect("root");
        assert_eq!(root.value().attr("dir"), Some("rtl"));
        assert_eq!(root.value().attr("lang"), Some("ar"));
        let style = root.value().attr("style").unwrap_or("");
        assert!(style.contains("Noto Naskh Arabic") && style.contains("Amiri"));
        let legend: Vec<String> = doc
            .select(&sel("div.khabar-legend span[data-label]"))
            .filter_map(|e| e.value().attr("data-label").map(str::to_owned))
            .collect();
        assert_eq!(legend, ["PER", "ORG", "LOC", "FAC", "NORP", "MISC"]);
        let org = doc
            .select(&sel("div.khabar-legend span[data-label=\"ORG\"]"))
            .next()
            .expect("ORG in legend");
        assert!(text_of(&org).ends_with(" 3"), "{}", text_of(&org));
        let meta = text_of(&doc.select(&sel("table.khabar-meta")).next().expect("meta"));
        assert!(meta.contains("outletسيريانيوز"), "{meta}");
        assert!(meta.contains("8 entities · 1 quotes · 2 times · 1 quantities"));
    }

    #[test]
    fn everything_is_escaped() {
        let mut a = crate::parse_text(
            "عنوان <b>مهم</b> & \"جديد\"\n\nنص فيه <script>alert(1)</script> & شركة A&B.",
        )
        .expect("parses");
        a.quantities.clear();
        a.entities.clear();
        a.entities.push(ent(&a, "A&B", 0, "ORG", "<i>\"A&B\"</i>"));
        a.entities.push(ent(&a, "<script>", 0, "<x\"y>", "s"));
        a.url = Some("javascript:alert(\"x\")".into());
        a.source = Some("<img src=x>".into());
        let html = article_html(&a);
        assert!(!html.contains("<script>") && !html.contains("<b>مهم") && !html.contains("<img"));
        assert!(html.contains("عنوان &lt;b&gt;مهم&lt;/b&gt; &amp; &quot;جديد&quot;"));
        assert!(html.contains("&lt;i&gt;&quot;A&amp;B&quot;&lt;/i&gt;"));
        assert!(!html.contains("href=\"javascript"));
        assert_eq!(check(&a), 2);
        let doc = Html::parse_fragment(&html);
        let odd = doc.select(&sel("span[data-m=\"e1\"]")).next().expect("e1");
        assert_eq!(odd.value().attr("data-label"), Some("<x\"y>"));
    }

    #[test]
    fn crossing_spans_are_split_into_pieces() {
        let mut a = sample();
        // An entity that starts inside the quote and ends after it, and one
        // that runs over the paragraph break.
        let q = a.quotes[0].span;
        let s = find(&a, "البوكمال\"", 0).start;
        a.entities.push(Entity {
            span: Span::new(s, q.end + 6),
            label: "LOC".into(),
            ..Entity::default()
        });
        let p0 = a.paragraphs[0].span;
        a.entities.push(Entity {
            span: Span::new(p0.end - 5, p0.end + 10),
            label: "FAC".into(),
            ..Entity::default()
        });
        let html = article_html(&a);
        let doc = Html::parse_fragment(&html);
        assert_eq!(
            doc.select(&sel("span[data-m=\"e7\"][data-part]")).count(),
            2
        );
        assert_eq!(
            doc.select(&sel("span[data-m=\"e8\"][data-part]")).count(),
            3
        );
        check(&a);
    }

    #[test]
    fn bad_spans_are_skipped() {
        let mut a = sample();
        let n = a.text.len();
        for span in [
            Span::new(n, n + 5),
            Span::new(5, 2),
            Span::new(3, 3),
            Span::new(1, 4), // inside a two-byte letter
            Span::new(usize::MAX - 1, usize::MAX),
        ] {
            a.entities.push(Entity {
                span,
                label: "PER".into(),
                ..Entity::default()
            });
            a.quotes.push(Quote {
                span,
                ..Quote::default()
            });
        }
        a.paragraphs.push(crate::model::Paragraph {
            span: Span::new(n - 1, n + 100),
            ..Default::default()
        });
        assert_eq!(check(&a), 11);
        assert_eq!(
            displacy_spans(&a, "entities").map(|v| v.len()).ok(),
            Some(7)
        );
    }

    #[test]
    fn article_without_paragraphs_or_title_still_shows_text() {
        let mut a = sample();
        a.paragraphs.clear();
        a.title = None;
        let html = article_html(&a);
        assert!(html.contains("(untitled)") && html.contains("الرقة"));
        let empty = article_html(&Article::default());
        balanced(&empty);
    }

    #[test]
    fn many_crossing_spans_stay_bounded() {
        // A staircase of mentions, each crossing the next: output stays linear.
        let text = "كلمة ".repeat(3000);
        let mut a = Article {
            text: text.clone(),
            paragraphs: vec![crate::model::Paragraph {
                span: Span::new(0, text.len()),
                ..Default::default()
            }],
            ..Article::default()
        };
        let w = "كلمة ".len();
        for i in 0..2000 {
            a.entities.push(Entity {
                span: Span::new(i * w, (i + 40) * w),
                label: "ORG".into(),
                ..Entity::default()
            });
        }
        let html = article_html(&a);
        let marks = html.matches("<span class=\"khabar-ent\"").count();
        assert!(marks <= 5 * 2000 + 64, "{marks}");
        check_with(&a, false);
    }

    #[test]
    fn displacy_offsets_are_code_points() {
        let a = sample();
        let chars: Vec<char> = a.text.chars().collect();
        let cut = |s: &DisplacySpan| chars[s.start..s.end].iter().collect::<String>();
        let ents = displacy_spans(&a, "entities").expect("entities");
        assert_eq!(ents.len(), 7);
        assert!(ents.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(cut(&ents[2]), "ريان ديلون");
        assert_eq!(ents[2].label, "PER");
        let quotes = displacy_spans(&a, "quotes").expect("quotes");
        assert_eq!(quotes[0].label, "QUOTE");
        let times = displacy_spans(&a, "times").expect("times");
        assert_eq!(cut(&times[1]), "منتصف الشهر الجاري");
        let err = displacy_spans(&a, "people").unwrap_err().to_string();
        assert!(err.contains("entities, quotes, times, quantities"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_spans_give_well_formed_html(
            words in proptest::collection::vec("[a-z<&>\"]{1,4}|دير|الزور|«قال»", 1..40),
            spans in proptest::collection::vec((0usize..200, 0usize..200, 0u8..4), 0..30),
        ) {
            let text = words.join(" ");
            let mut a = crate::parse_text(&format!("عنوان\n\n{text}\n\n{text}")).expect("parses");
            for (s, e, k) in spans {
                let span = Span::new(s, e);
                match k {
                    0 => a.entities.push(Entity { span, label: "LOC".into(), ..Entity::default() }),
                    1 => a.quotes.push(Quote { span, ..Quote::default() }),
                    2 => a.times.push(TimeExpr { span, ..TimeExpr::default() }),
                    _ => a.quantities.push(Quantity { span, ..Quantity::default() }),
                }
            }
            check(&a);
            for what in DISPLACY_WHAT {
                let n = a.text.chars().count();
                for s in displacy_spans(&a, what).expect("known") {
                    proptest::prop_assert!(s.start < s.end && s.end <= n);
                }
            }
        }
    }
}
