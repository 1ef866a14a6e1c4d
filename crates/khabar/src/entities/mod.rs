//! The entities stage: people, organisations, places, facilities and
//! nationalities, each mention tied to one canonical name.
//!
//! Three passes over an article's text:
//! 1. [`gazetteer`]: known names, one Aho-Corasick pass over a folded copy.
//! 2. [`rules`]: what no list holds — a name after a title or a given name,
//!    organisations and places from their head nouns.
//! 3. [`canonical`]: one name per thing — aliases declared in the text
//!    (`X (Y)`), a later surname for an earlier full name, a bare definite head
//!    (`التنظيم`) for the last organisation it heads, misspellings of known names.
//!
//! ```
//! let a = khabar::parse_text(
//!     "قال المتحدث باسم التحالف ريان ديلون إن الهجوم على البوكمال قريب. وأضاف ديلون أن داعش يتراجع.",
//! ).unwrap();
//! let people: Vec<&str> = a.entities.iter().filter(|e| e.label == "PER")
//!     .map(|e| e.canonical.as_str()).collect();
//! assert_eq!(people, ["ريان ديلون", "ريان ديلون"]);
//! ```

pub mod canonical;
pub mod gazetteer;
pub mod rules;

use std::fmt;

use crate::model::{Article, Entity, Span};

pub use gazetteer::{fold_key, Entry, Folded, Gazetteer, GazetteerRow, Hit};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// A person.
    Per,
    /// An organisation: government body, armed group, party, company, outlet.
    Org,
    /// A place: country, city, region, river.
    Loc,
    /// A facility: camp, oil field, airport, base, crossing.
    Fac,
    /// A nationality or community (`الأكراد`).
    Norp,
}

impl Label {
    /// Every label, in the order the notebook view's legend shows them.
    pub const ALL: [Label; 5] = [Label::Per, Label::Org, Label::Loc, Label::Fac, Label::Norp];

    /// The label's name: `PER`, `ORG`, `LOC`, `FAC`, `NORP`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Fac => "FAC",
            Label::Norp => "NORP",
        }
    }

    /// Reads a label, case-insensitive; `PERS`, `PERSON`, `GPE` are accepted.
    pub fn parse(s: &str) -> Option<Label> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "PER" | "PERS" | "PERSON" => Label::Per,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Label::Org,
            "LOC" | "LOCATION" | "GPE" => Label::Loc,
            "FAC" | "FACILITY" => Label::Fac,
            "NORP" => Label::Norp,
            _ => return None,
        })
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mention while the stage works on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Bytes of the article text, clitics outside.
    pub span: Span,
    /// What it names.
    pub label: Label,
    /// Its canonical name.
    pub canonical: String,
    /// Its identifier, where a gazetteer gives one.
    pub id: Option<String>,
    /// Where it came from.
    pub source: Source,
}

/// Which pass found a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A gazetteer name.
    Gazetteer,
    /// A rule (title, given name, head noun).
    Rule,
    /// The statistical tagger.
    Tagger,
    /// A back-reference to another mention (surname, alias, bare head).
    Reference,
}

/// Finds the entities of an article's text with a gazetteer (the built-in one
/// when `None`) and, optionally, spans a tagger proposed; known names and rules
/// win over the tagger where they overlap.
pub fn extract(
    a: &Article,
    gazetteer: Option<&Gazetteer>,
    tagged: &[(Span, Label)],
) -> Vec<Entity> {
    let text = a.text.as_str();
    if text.is_empty() {
        return Vec::new();
    }
    let g = match gazetteer {
        Some(g) => g,
        None => Gazetteer::builtin(),
    };
    let mentions = mentions(text, g, tagged);
    let paragraph = |start: usize| -> i64 {
        let i = a.paragraphs.partition_point(|p| p.span.end <= start);
        match a.paragraphs.get(i) {
            Some(p) if p.span.start <= start => i as i64,
            _ => -1,
        }
    };
    mentions
        .into_iter()
        .map(|m| Entity {
            span: m.span,
            label: m.label.as_str().to_owned(),
            id: m.id,
            canonical: m.canonical,
            paragraph: paragraph(m.span.start),
            sentence: -1,
        })
        .collect()
}

/// The mentions of `text`, sorted, not overlapping, canonicalised.
pub fn mentions(text: &str, g: &Gazetteer, tagged: &[(Span, Label)]) -> Vec<Mention> {
    let folded = Folded::new(text);
    let hits = g.find_folded(text, &folded);
    let words = rules::Words::new(text);
    let mut ms: Vec<Mention> = hits
        .iter()
        .map(|h| {
            let e = g.entry(h.entry);
            Mention {
                span: h.span,
                label: e.label,
                canonical: e.canonical.clone(),
                id: e.id.clone(),
                source: Source::Gazetteer,
            }
        })
        .collect();
    rules::apply(&words, g, &mut ms);
    rules::ambiguous_in_lists(text, &folded, &mut ms);
    rules::keep_actor_adjectives(&words, &mut ms);
    for &(span, label) in tagged {
        if span.is_empty() || !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end)
        {
            continue;
        }
        if ms
            .iter()
            .any(|m| m.span.start < span.end && span.start < m.span.end)
        {
            continue;
        }
        let surface = canonical::clean(&text[span.range()]);
        ms.push(Mention {
            span,
            label,
            canonical: surface,
            id: None,
            source: Source::Tagger,
        });
    }
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    canonical::resolve(text, &words, g, &mut ms);
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    ms
}

/// What the entities stage knows about one word, for a tagger's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordHint {
    /// The label of a gazetteer name the word is part of.
    pub gazetteer: Option<Label>,
    /// True when that name starts at this word.
    pub begins: bool,
    /// The rule class of the word when it is a trigger (title, head noun).
    pub trigger: Option<rules::Trigger>,
    /// True when the word (without clitics) is a known given name.
    pub given_name: bool,
}

/// Hints for the words of one sentence (whitespace tokens, as in CoNLL files):
/// gazetteer membership with the built-in gazetteer, and trigger classes.
///
/// ```
/// use khabar::entities::{word_hints, Label};
/// let h = word_hints(&["الرئيس", "السوري", "في", "دمشق"]);
/// assert_eq!(h[3].gazetteer, Some(Label::Loc));
/// assert!(h[0].trigger.is_some());
/// ```
pub fn word_hints(words: &[&str]) -> Vec<WordHint> {
    word_hints_with(Gazetteer::builtin(), words)
}

/// [`word_hints`] with a given gazetteer.
pub fn word_hints_with(g: &Gazetteer, words: &[&str]) -> Vec<WordHint> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(w);
    }
    let word_at = |b: usize| starts.partition_point(|&s| s <= b).saturating_sub(1);
    let mut out = vec![WordHint::default(); words.len()];
    for h in g.find(&text) {
        let first = word_at(h.span.start);
        let last = word_at(h.span.end.saturating_sub(1));
        let label = g.entry(h.entry).label;
        for (k, o) in out.iter_mut().enumerate().take(last + 1).skip(first) {
            o.gazetteer = Some(label);
            o.begins = k == first;
        }
    }
    for (o, w) in out.iter_mut().zip(words) {
        let key = rules::word_key(w);
        o.trigger = rules::trigger(&key);
        o.given_name = rules::is_given_name(&key);
    }
    out
}

#[cfg(test)]
mod tests;
