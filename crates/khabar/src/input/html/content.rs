//! The article's main text: which part of the page it is, and its paragraphs.
//!
//! Two passes over the DOM, both iterative (a page nested 10,000 levels deep
//! costs time, not stack):
//!
//! 1. Text length under each element whose class or id names page furniture, so
//!    that a wrapper which happens to carry such a name (`has-sidebar`) but holds
//!    most of the page's text is not thrown away; and the short date-bearing
//!    elements (bylines) outside navigation.
//! 2. Blocks of text (the inline text between block-level tags, `<br>` kept as a
//!    line break), with their link text, outside skipped elements (scripts,
//!    navigation, footers, asides, forms, hidden elements, furniture by name).
//!
//! Each block of 25 characters or more adds `1 + commas + min(length/100, 3)` to
//! its container, half of that to the next ancestor and a third to the one above
//! (the readability scheme); a container's score is scaled by its text that is
//! not link text. The best container and those of its siblings that score at
//! least a fifth as well hold the article; its blocks, less link lists,
//! boilerplate lines and the byline, are the paragraphs.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use crate::date::find_date;
use crate::lexicon::{fold, BOILERPLATE, CLASS_HINTS};
use crate::model::ParagraphKind;

/// What the content pass found.
#[derive(Debug, Default)]
pub(super) struct Content {
    /// Paragraphs in order, headings marked.
    pub blocks: Vec<(String, ParagraphKind)>,
    /// A date written in the visible byline, where there is one.
    pub byline_date: Option<String>,
    /// The first `<h1>` of the article container, a title of last resort.
    pub h1: Option<String>,
}

/// Elements never holding article text; their whole subtree is skipped.
const SKIP_TAGS: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "map",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "option",
    "nav",
    "footer",
    "aside",
    "header",
    "figcaption",
    "dialog",
    "menu",
];

/// Elements that end a run of inline text.
const BLOCK_TAGS: &[&str] = &[
    "html",
    "body",
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "figure",
    "address",
    "center",
    "hr",
    "details",
    "summary",
    "caption",
    "fieldset",
];

/// Blocks whose score goes to their parent (the block itself is not a container).
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "pre",
    "blockquote",
];

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// What an element's class and id names say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Hints {
    strong: bool,
    negative: bool,
    positive: bool,
    comments: bool,
}

/// The class and id patterns of [`CLASS_HINTS`] as one automaton: every token
/// of every element is matched, so this is on the hot path.
struct ClassMatcher {
    automaton: Option<AhoCorasick>,
    /// The hint of each automaton pattern.
    hints: Vec<&'static str>,
    /// Patterns that must be a whole `-`/`_` segment of a token (`ad`, `ads`).
    segments: Vec<&'static str>,
}

static MATCHER: LazyLock<ClassMatcher> = LazyLock::new(|| {
    let (segments, rest): (Vec<_>, Vec<_>) =
        CLASS_HINTS.iter().partition(|(_, hint)| *hint == "segment");
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(rest.iter().map(|(p, _)| *p))
        // A fixed list of short words: building does not fail on it, and
        // without the automaton only the hints are lost.
        .ok();
    ClassMatcher {
        automaton,
        hints: rest.iter().map(|(_, h)| *h).collect(),
        segments: segments.iter().map(|(p, _)| *p).collect(),
    }
});

fn hints(el: &scraper::node::Element) -> Hints {
    let mut h = Hints::default();
    let m = &*MATCHER;
    let names = el.attr("class").into_iter().chain(el.attr("id"));
    for token in names.flat_map(str::split_whitespace) {
        let bytes = token.as_bytes();
        if bytes.len() >= 7 && bytes[..7].eq_ignore_ascii_case(b"comment") {
            h.comments = true;
        }
        let (mut strong, mut negative, mut positive) = (false, false, false);
        for hit in m
            .automaton
            .iter()
            .flat_map(|a| a.find_overlapping_iter(token))
        {
            match m.hints.get(hit.pattern().as_usize()).copied() {
                Some("strong") => strong = true,
                Some("negative") => negative = true,
                Some("positive") => positive = true,
                _ => {}
            }
        }
        if token
            .split(['-', '_'])
            .any(|seg| m.segments.iter().any(|p| seg.eq_ignore_ascii_case(p)))
        {
            strong = true;
        }
        if strong && token.to_ascii_lowercase().contains("disqus") {
            h.comments = true;
        }
        // Within one token furniture wins (`related-posts`, `comment-content`);
        // a token that is only positive (`entry-content` beside `no-share`)
        // vouches for the element.
        h.strong |= strong;
        h.negative |= negative && !positive;
        h.positive |= positive && !strong && !negative;
    }
    h
}

impl Hints {
    /// Named as furniture and not vouched for by another name.
    fn furniture(self) -> bool {
        self.comments || (self.strong || self.negative) && !self.positive
    }
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Letters and digits, not spaces: the measure of text length used throughout.
fn weight(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Pass 1 results.
struct Survey {
    /// Text and prose weight under each element that names furniture in its
    /// class or id.
    furniture: HashMap<NodeId, (usize, usize, Hints)>,
    /// Text weight of the whole page.
    total: usize,
    /// Prose weight of the whole page: long paragraphs that are mostly not links.
    total_prose: usize,
    /// Short elements whose class, id or tag suggests a date or byline, in page
    /// order, outside navigation and furniture.
    bylines: Vec<NodeId>,
}

fn is_dateish(el: &scraper::node::Element) -> bool {
    if el.name() == "time" {
        return true;
    }
    el.attr("class")
        .into_iter()
        .chain(el.attr("id"))
        .flat_map(str::split_whitespace)
        .any(|t| {
            let t = t.to_ascii_lowercase();
            [
                "date", "time", "publish", "byline", "created", "posted", "meta", "info",
            ]
            .iter()
            .any(|p| t.contains(p))
        })
}

/// Weights gathered under one open element during the survey.
struct Open {
    id: NodeId,
    weight: usize,
    links: usize,
    prose: usize,
    furniture: Option<Hints>,
    nav: bool,
}

fn survey(doc: &Html) -> Survey {
    let mut furniture = HashMap::new();
    let mut bylines = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let (mut total, mut total_prose) = (0, 0);
    let (mut in_nav, mut in_link) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    let w = weight(t);
                    total += w;
                    if let Some(top) = stack.last_mut() {
                        top.weight += w;
                        if in_link > 0 {
                            top.links += w;
                        }
                    }
                }
                Node::Element(el) => {
                    let h = hints(el);
                    let nav = matches!(
                        el.name(),
                        "nav" | "footer" | "aside" | "script" | "style" | "head"
                    ) || h.furniture();
                    in_nav += usize::from(nav);
                    in_link += usize::from(el.name() == "a");
                    let furniture = h.furniture().then_some(h);
                    stack.push(Open {
                        id: node.id(),
                        weight: 0,
                        links: 0,
                        prose: 0,
                        furniture,
                        nav,
                    });
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let Some(mut open) = stack.pop() else {
                    continue;
                };
                in_nav -= usize::from(open.nav);
                in_link = in_link.saturating_sub(usize::from(el.name() == "a"));
                // Prose: paragraphs long enough to be article text, mostly not links.
                if el.name() == "p" && open.weight >= 80 && open.links * 10 < open.weight * 3 {
                    // (A `<p>` cannot hold another, so nothing is counted twice.)
                    open.prose = open.weight;
                    total_prose += open.weight;
                }
                if let Some(top) = stack.last_mut() {
                    top.weight += open.weight;
                    top.links += open.links;
                    top.prose += open.prose;
                }
                if let Some(h) = open.furniture {
                    furniture.insert(open.id, (open.weight, open.prose, h));
                }
                if in_nav == 0
                    && (1..=160).contains(&open.weight)
                    && bylines.len() < 64
                    && is_dateish(el)
                {
                    bylines.push(open.id);
                }
            }
        }
    }
    Survey {
        furniture,
        total,
        total_prose,
        bylines,
    }
}

/// A run of inline text inside one block-level element.
#[derive(Debug)]
struct Block {
    node: NodeId,
    tag: String,
    text: String,
    chars: usize,
    link_chars: usize,
    /// All of its text is inside `<strong>` or `<b>`.
    bold: bool,
}

impl Block {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// Text gathered since the last block boundary, with its weights.
#[derive(Default)]
struct Pending {
    text: String,
    chars: usize,
    link_chars: usize,
    /// Weight outside `<strong>`/`<b>`: zero means the block is all bold.
    plain_chars: usize,
}

impl Pending {
    fn push(&mut self, t: &str, weight: usize, in_link: bool, in_bold: bool) {
        self.text.push_str(t);
        self.chars += weight;
        if in_link {
            self.link_chars += weight;
        }
        if !in_bold {
            self.plain_chars += weight;
        }
    }

    /// Ends the pending text as a block of the innermost open block element.
    fn flush(&mut self, out: &mut Vec<Block>, open: &[(NodeId, &str)], root: NodeId) {
        if self.chars > 0 {
            let (node, tag) = open.last().copied().unwrap_or((root, "html"));
            out.push(Block {
                node,
                tag: tag.to_owned(),
                text: std::mem::take(&mut self.text),
                chars: self.chars,
                link_chars: self.link_chars,
                bold: self.plain_chars == 0,
            });
        }
        *self = Pending::default();
    }
}

/// Pass 2: the blocks of text outside skipped elements, and the text and link
/// weight under every block-level element.
fn blocks(doc: &Html, survey: &Survey) -> (Vec<Block>, HashMap<NodeId, (usize, usize)>) {
    let mut out = Vec::new();
    let mut totals = HashMap::new();
    let mut skip_until: Option<NodeId> = None;
    let mut open_blocks: Vec<(NodeId, &str)> = Vec::new();
    // (node, weight, link weight) of every open element
    let mut acc: Vec<(NodeId, usize, usize)> = Vec::new();
    let mut pending = Pending::default();
    let mut in_link = 0usize;
    // Bold text (`<strong>`): a paragraph that is all bold may be a subheading.
    let mut in_bold = 0usize;
    let root = doc.tree.root().id();

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        let w = weight(t);
                        pending.push(t, w, in_link > 0, in_bold > 0);
                        if let Some(top) = acc.last_mut() {
                            top.1 += w;
                            if in_link > 0 {
                                top.2 += w;
                            }
                        }
                    }
                    Node::Element(el) => {
                        let name = el.name();
                        if skipped(node.id(), el, survey) {
                            skip_until = Some(node.id());
                            continue;
                        }
                        if name == "br" {
                            pending.text.push('\n');
                            continue;
                        }
                        if name == "a" {
                            in_link += 1;
                        }
                        if matches!(name, "strong" | "b") {
                            in_bold += 1;
                        }
                        if is_block(name) {
                            pending.flush(&mut out, &open_blocks, root);
                            open_blocks.push((node.id(), name));
                        }
                        acc.push((node.id(), 0, 0));
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip_until {
                    if s == node.id() {
                        skip_until = None;
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                if name == "br" {
                    continue;
                }
                if name == "a" {
                    in_link = in_link.saturating_sub(1);
                }
                if matches!(name, "strong" | "b") {
                    in_bold = in_bold.saturating_sub(1);
                }
                if is_block(name) {
                    pending.flush(&mut out, &open_blocks, root);
                    open_blocks.pop();
                }
                if let Some((id, w, l)) = acc.pop() {
                    if let Some(top) = acc.last_mut() {
                        top.1 += w;
                        top.2 += l;
                    }
                    if is_block(name) {
                        totals.insert(id, (w, l));
                    }
                }
            }
        }
    }
    pending.flush(&mut out, &open_blocks, root);
    (out, totals)
}

fn skipped(id: NodeId, el: &scraper::node::Element, survey: &Survey) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) || is_hidden(el) {
        return true;
    }
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    // A furniture name is trusted unless the element holds most of the page's
    // prose (most of its text, on pages without paragraphs): `has-sidebar` on a
    // wrapper, `no-share` on the article body.
    let Some((weight, prose, h)) = survey.furniture.get(&id) else {
        return false;
    };
    let (part, whole) = if survey.total_prose > 0 {
        (*prose, survey.total_prose)
    } else {
        (*weight, survey.total)
    };
    if h.comments {
        part * 10 < whole * 9
    } else {
        part * 2 < whole
    }
}

fn init_score(node: NodeRef<'_, Node>) -> f64 {
    let Node::Element(el) = node.value() else {
        return 0.0;
    };
    let h = hints(el);
    let mut s = 0.0;
    if h.positive {
        s += 25.0;
    }
    if h.strong || h.negative {
        s -= 25.0;
    }
    s + match el.name() {
        "div" => 5.0,
        "article" | "main" => 8.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Finds the article's paragraphs in a parsed page.
pub(super) fn extract(doc: &Html, title: Option<&str>) -> Content {
    let survey = survey(doc);
    let (blocks, totals) = blocks(doc, &survey);
    let link_density = |id: NodeId| match totals.get(&id) {
        Some((w, l)) if *w > 0 => *l as f64 / *w as f64,
        _ => 0.0,
    };

    // Score the containers.
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for b in &blocks {
        if b.chars < 25 || b.link_density() > 0.5 {
            continue;
        }
        let commas = b.text.chars().filter(|c| matches!(c, ',' | '،')).count();
        let s = 1.0 + commas as f64 + (b.chars as f64 / 100.0).min(3.0);
        let Some(node) = doc.tree.get(b.node) else {
            continue;
        };
        let first = if PARAGRAPH_TAGS.contains(&b.tag.as_str()) {
            node.parent()
        } else {
            Some(node)
        };
        for (level, anc) in std::iter::successors(first, |n| n.parent())
            .take(3)
            .enumerate()
        {
            if !anc.value().is_element() {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *scores.entry(anc.id()).or_insert_with(|| init_score(anc)) += s / divider;
        }
    }
    let final_score = |id: NodeId, s: f64| s * (1.0 - link_density(id));
    let winner = scores
        .iter()
        .map(|(id, s)| (*id, final_score(*id, *s)))
        .filter(|(_, s)| *s > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));

    // The winner and its siblings that score alike (or are long plain paragraphs).
    let mut inside: Option<HashSet<NodeId>> = None;
    if let Some((win, top)) = winner {
        let threshold = (top * 0.2).max(10.0);
        let mut included = vec![win];
        if let Some(parent) = doc.tree.get(win).and_then(|n| n.parent()) {
            for sib in parent.children().filter(|c| c.id() != win) {
                let Node::Element(el) = sib.value() else {
                    continue;
                };
                let score = scores
                    .get(&sib.id())
                    .map(|s| final_score(sib.id(), *s))
                    .unwrap_or(0.0);
                let (w, _) = totals.get(&sib.id()).copied().unwrap_or((0, 0));
                let plain_paragraph = el.name() == "p" && w > 80 && link_density(sib.id()) < 0.25;
                if score >= threshold || plain_paragraph {
                    included.push(sib.id());
                }
            }
        }
        let mut set = HashSet::new();
        for id in included {
            if let Some(n) = doc.tree.get(id) {
                set.extend(n.descendants().map(|d| d.id()));
            }
        }
        inside = Some(set);
    }

    let mut content = Content::default();
    let title_key = title.map(fold);
    'blocks: for b in &blocks {
        if inside.as_ref().is_some_and(|set| !set.contains(&b.node)) {
            continue;
        }
        let level = heading_level(&b.tag);
        if b.link_density() > 0.5 && !(level.is_none() && b.chars > 200) {
            continue;
        }
        let lines: Vec<String> = b
            .text
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let line = line.clone();
            if !line.chars().any(char::is_alphabetic) || is_credit(&line) {
                continue;
            }
            if title_key.as_deref().is_some_and(|t| *t == fold(&line)) {
                continue; // the headline printed again
            }
            match furniture_rule(&line) {
                Some("stop") if !content.blocks.is_empty() => break 'blocks,
                Some("stop-prefix") => {
                    if content
                        .blocks
                        .last()
                        .is_some_and(|(t, _)| fold(t).contains("تعليق"))
                    {
                        content.blocks.pop();
                    }
                    break 'blocks;
                }
                Some(_) => continue,
                None => {}
            }
            if let Some(date) = byline_date(&line) {
                content.byline_date.get_or_insert(date);
                continue;
            }
            if level == Some(1) {
                if content.h1.is_none() {
                    content.h1 = Some(line.clone());
                }
                if title_key
                    .as_deref()
                    .is_none_or(|t| similar(t, &fold(&line)))
                {
                    continue;
                }
            }
            let kind = match level {
                Some(_) if line.chars().count() <= 200 => ParagraphKind::Heading,
                // `<br><br>انتكاسة جديدة<br><br>` before a long paragraph: a
                // subheading in sites that set the text as one block.
                None if lines.len() > 2
                    && lines.get(i + 1).is_some_and(|n| n.chars().count() > 100)
                    && is_subheading(&line) =>
                {
                    ParagraphKind::Heading
                }
                // `<p><strong>خلفية المعركة</strong></p>`: the same, set in bold.
                None if b.bold && lines.len() == 1 && is_subheading(&line) => {
                    ParagraphKind::Heading
                }
                _ => ParagraphKind::Body,
            };
            content.blocks.push((line, kind));
        }
    }
    // Headings left with nothing after them (a trailing "related" title) go.
    while content
        .blocks
        .last()
        .is_some_and(|(_, k)| *k == ParagraphKind::Heading)
    {
        content.blocks.pop();
    }
    if content.byline_date.is_none() {
        // Bylines near the article first (under the winner's grandparent), then
        // any other outside navigation, in page order.
        let region = winner
            .and_then(|(id, _)| doc.tree.get(id))
            .and_then(|n| std::iter::successors(Some(n), |n| n.parent()).nth(2))
            .map(|n| n.id());
        let near = |id: &NodeId| {
            region.is_some_and(|r| {
                doc.tree
                    .get(*id)
                    .is_some_and(|n| n.ancestors().take(64).any(|a| a.id() == r))
            })
        };
        let dated = |id: &NodeId| {
            let el = doc.tree.get(*id).and_then(ElementRef::wrap)?;
            let text = super::meta::text_of(el, 400);
            find_date(&text).map(|_| text)
        };
        content.byline_date = survey
            .bylines
            .iter()
            .filter(|id| near(id))
            .find_map(dated)
            .or_else(|| survey.bylines.iter().find_map(dated));
    }
    content
}

/// A short line without sentence punctuation: a subheading where it stands
/// alone before a paragraph.
fn is_subheading(line: &str) -> bool {
    line.chars().count() <= 50
        && line.split_whitespace().count() <= 6
        && !line.ends_with([
            '.', ':', '!', '?', '؟', '…', '،', ',', '؛', '"', '»', ')', '-',
        ])
}

/// A photo credit or agency label: a short line of capital Latin letters
/// (`REUTERS / SHOKRY HUSSIEN`, `AFP`) with no Arabic and no lowercase.
fn is_credit(line: &str) -> bool {
    line.chars().count() <= 60
        && line.chars().any(|c| c.is_ascii_uppercase())
        && !line
            .chars()
            .any(|c| c.is_lowercase() || ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Two folded titles that are the same headline (one may carry a site name).
fn similar(a: &str, b: &str) -> bool {
    a == b || (a.len() > 10 && b.len() > 10 && (a.contains(b) || b.contains(a)))
}

/// The boilerplate rule a line falls under, if any.
fn furniture_rule(line: &str) -> Option<&'static str> {
    let chars = line.chars().count();
    if chars > 120 {
        return None;
    }
    let folded = fold(line);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    for k in (1..=words.len().min(BOILERPLATE.max_words)).rev() {
        let key = words[..k].join(" ");
        match BOILERPLATE.get(&key) {
            Some(rule @ ("prefix" | "stop-prefix")) => return Some(rule),
            Some("stop") if k == words.len() => return Some("stop"),
            Some("line") if k == words.len() => return Some("line"),
            _ => {}
        }
    }
    None
}

/// A line that is a date with little else (`الأربعاء، 28 آب/اغسطس 2013، آخر تحديث
/// 14:00`): a byline or stamp, not article text. Returns the line.
fn byline_date(line: &str) -> Option<String> {
    if line.chars().count() > 120 {
        return None;
    }
    let (span, _) = find_date(line)?;
    let rest = format!(
        "{} {}",
        line.get(..span.start).unwrap_or(""),
        line.get(span.end..).unwrap_or("")
    );
    // Words other than the date's, not counting `GMT`, `PM` and the like.
    let words = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1 && !w.chars().all(|c| c.is_ascii_uppercase()))
        .count();
    (words <= 4).then(|| line.to_owned())
}
