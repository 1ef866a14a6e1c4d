//! The entities stage: people, organisations, places, facilities and
//! nationalities, each mention tied to one canonical name.
//!
//! Three passes over an article's text:
//! 1. [`gazetteer`]: known names, one pass over a folded copy (a byte trie of
//!    every name, tried at each word start and after its proclitics).
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

use crate::lexicon::FastMap;
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
    /// Anything else named (events, products, works), from the tagger.
    Misc,
}

impl Label {
    /// Every label, in the order the notebook view's legend shows them.
    pub const ALL: [Label; 6] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Fac,
        Label::Norp,
        Label::Misc,
    ];

    /// The label's name: `PER`, `ORG`, `LOC`, `FAC`, `NORP`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Fac => "FAC",
            Label::Norp => "NORP",
            Label::Misc => "MISC",
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
            "MISC" => Label::Misc,
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
    /// A name of the user's gazetteer.
    User,
    /// A name of the built-in gazetteers.
    Gazetteer,
    /// A rule (title, given name, head noun).
    Rule,
    /// The statistical tagger.
    Tagger,
    /// A back-reference to another mention (surname, alias, bare head).
    Reference,
}

/// Finds the entities of an article's text with a gazetteer (the built-in one
/// when `None`) and, optionally, spans a tagger proposed (see [`mentions`]).
pub fn extract(
    a: &Article,
    gazetteer: Option<&Gazetteer>,
    tagged: &[(Span, Label)],
) -> Vec<Entity> {
    extract_with(a, gazetteer, tagged, true)
}

/// [`extract`], with the gazetteer's names and the rules (`rules = true`) or
/// the tagger's spans alone, canonicalised (`rules = false`).
pub fn extract_with(
    a: &Article,
    gazetteer: Option<&Gazetteer>,
    tagged: &[(Span, Label)],
    rules: bool,
) -> Vec<Entity> {
    let text = a.text.as_str();
    if text.is_empty() {
        return Vec::new();
    }
    let g = match gazetteer {
        Some(g) => g,
        None => Gazetteer::builtin(),
    };
    let mentions = if rules {
        mentions(text, g, tagged)
    } else {
        tagged_mentions(text, g, tagged)
    };
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
    // Names and rules look no further than a sentence, so they run on pieces
    // of a few kilobytes: the rules' checks against the mentions found so far
    // then stay local, and a 50 MB paragraph takes linear time.
    // The text is folded once; each piece's names and words come from its
    // part of the folded text, and the pieces' words together are the
    // text's words for canonicalisation.
    let folded = Folded::new(text);
    let pieces = pieces(text, PIECE_BYTES);
    let mut found: Vec<Mention> = Vec::new();
    let mut all_words = Vec::new();
    for &piece in &pieces {
        let mut words = rules::Words::piece(text, piece, &folded);
        found.extend(find(&words, g, &folded, piece));
        if all_words.is_empty() {
            // The first piece's words are moved, not copied (most texts are
            // one piece).
            all_words = std::mem::take(&mut words.words);
        } else {
            all_words.append(&mut words.words);
        }
    }
    // A cut inside a token (only in a long run without a space) splits it:
    // the text's words are then tokenized afresh.
    let words = if pieces.iter().all(|p| clean_cut(text, p.start)) {
        rules::Words {
            text,
            words: all_words,
        }
    } else {
        rules::Words::with_folded(text, &folded)
    };
    debug_assert!(
        words
            .words
            .iter()
            .map(|w| w.span)
            .eq(rules::Words::new(text).words.iter().map(|w| w.span)),
        "the pieces' tokens are the text's"
    );
    // Merge with the tagger. Each layer fills only what the ones before it
    // left: the user's own names, then the tagger's spans, then the built-in
    // gazetteers' names, then the rules' guesses — except that a list or rule
    // name holding a tagger span whole wins. The lists still give canonical
    // names and ids to the tagger's spans (see [`canonical::resolve`]). The
    // policies measured are in `scripts/eval_ner` and the README.
    let tagged = valid_spans(text, tagged);
    let mut user = Vec::new();
    let mut known = Vec::new();
    let mut guessed = Vec::new();
    for m in found {
        match m.source {
            Source::User => user.push(m),
            Source::Gazetteer => known.push(m),
            _ => guessed.push(m),
        }
    }
    let mut ms = user;
    sort(&mut ms);
    // Where a name from the lists or rules holds a tagger span whole and is
    // longer, it knows the name's extent better (`مخيم الركبان` over `الركبان`,
    // `تنظيم داعش` over `داعش`): the tagger's span gives way.
    sort(&mut known);
    sort(&mut guessed);
    let holds = |ms: &[Mention], s: Span| {
        let i = ms.partition_point(|m| m.span.end <= s.start);
        ms.get(i)
            .is_some_and(|m| m.span.start <= s.start && s.end <= m.span.end && m.span != s)
    };
    let mut tagged: Vec<Mention> = tagged
        .into_iter()
        .filter(|t| !holds(&known, t.span) && !holds(&guessed, t.span))
        .collect();
    two_people(text, &mut tagged, &[&known, &guessed]);
    for layer in [tagged, known, guessed] {
        let added: Vec<Mention> = layer
            .into_iter()
            .filter(|m| !overlaps(&ms, m.span))
            .collect();
        if !added.is_empty() {
            ms.extend(added);
            sort(&mut ms);
        }
    }
    canonical::resolve(text, &words, g, &mut ms);
    sort(&mut ms);
    ms
}

/// A tagger's person span that runs two people together (`كوسبي توم ميسيرو`
/// in `محامي كوسبي توم ميسيرو`, "Cosby's lawyer Tom Mesereau": a stacked
/// model that has seen `كوسبي` named earlier in the text tags on through the
/// next name) gives its first word up to the earlier person: when that word
/// is no given name and is the last word of a person named before the span,
/// and two or more words follow that open no link (`بن`, `أبو`), those words
/// are another person. The word left over is then read as a reference back
/// to the earlier person, like any later surname. The spans of `tagged` are
/// cut in place; `others` are the lists' and rules' mentions. Linear: the
/// persons' last words are folded once, and each span looks its first up.
fn two_people(text: &str, tagged: &mut [Mention], others: &[&[Mention]]) {
    // The spans that may run two people together: a tagger's person of
    // three or more words whose first is no given name and whose second
    // opens no link, with the first word's key.
    let (mut key, mut second_key) = (String::new(), String::new());
    let mut spans: Vec<(usize, String)> = Vec::new();
    for (k, t) in tagged.iter().enumerate() {
        if t.label != Label::Per {
            continue;
        }
        let mut words = text[t.span.range()].split_whitespace();
        let (Some(first), Some(second), Some(_)) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        key.clear();
        gazetteer::fold_key_into(first, &mut key);
        if rules::is_given_name(&key) {
            continue;
        }
        second_key.clear();
        gazetteer::fold_key_into(second, &mut second_key);
        if rules::is_link_key(&second_key) {
            continue;
        }
        spans.push((k, key.clone()));
    }
    if spans.is_empty() {
        return;
    }
    // The folded last word of each person of two or more words (all the
    // tagger's spans as they came, and the lists' and rules' mentions), with
    // where the first such person ends.
    let mut ends: FastMap<String, usize> = FastMap::default();
    for m in tagged.iter().chain(others.iter().flat_map(|ms| ms.iter())) {
        if m.label != Label::Per {
            continue;
        }
        let name = &text[m.span.range()];
        let mut words = name.split_whitespace();
        if words.nth(1).is_none() {
            continue;
        }
        let Some(last) = name.split_whitespace().next_back() else {
            continue;
        };
        key.clear();
        gazetteer::fold_key_into(last, &mut key);
        match ends.get_mut(key.as_str()) {
            Some(end) => *end = (*end).min(m.span.end),
            None => {
                ends.insert(key.clone(), m.span.end);
            }
        }
    }
    for (k, key) in spans {
        let t = &mut tagged[k];
        if ends.get(key.as_str()).is_none_or(|&end| end > t.span.start) {
            continue;
        }
        let name = &text[t.span.range()];
        let mut words = name.split_whitespace();
        let (Some(first), Some(second)) = (words.next(), words.next()) else {
            continue;
        };
        let Some(at) = name[first.len()..].find(second) else {
            continue;
        };
        t.span = Span::new(t.span.start + first.len() + at, t.span.end);
        t.canonical = canonical::clean(&text[t.span.range()]);
    }
}

/// The tagger's spans alone, canonicalised like every mention.
pub fn tagged_mentions(text: &str, g: &Gazetteer, tagged: &[(Span, Label)]) -> Vec<Mention> {
    let mut ms = valid_spans(text, tagged);
    sort(&mut ms);
    ms.dedup_by(|b, a| a.span.end > b.span.start);
    for m in &mut ms {
        // A known name gets its canonical name and id.
        if let Some(e) = g.lookup(&text[m.span.range()]) {
            let e = g.entry(e);
            if e.label == m.label {
                m.canonical = e.canonical.clone();
                m.id = e.id.clone();
            }
        }
    }
    let folded = Folded::new(text);
    let words = rules::Words::with_folded(text, &folded);
    canonical::resolve(text, &words, g, &mut ms);
    sort(&mut ms);
    ms
}

fn sort(ms: &mut [Mention]) {
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
}

/// The tagger's spans that are inside `text` on character boundaries and hold
/// a name (not only marks), as mentions named by their own text.
fn valid_spans(text: &str, tagged: &[(Span, Label)]) -> Vec<Mention> {
    tagged
        .iter()
        .filter(|(s, _)| {
            !s.is_empty()
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
        .map(|&(span, label)| Mention {
            span,
            label,
            canonical: canonical::clean(&text[span.range()]),
            id: None,
            source: Source::Tagger,
        })
        // A span of marks or punctuation alone (a stray diacritic the model
        // tagged) names nothing.
        .filter(|m| !m.canonical.is_empty())
        .filter(|m| !(m.label == Label::Per && is_portfolio(text, m.span)))
        .map(|mut m| {
            if m.label == Label::Per {
                m.label = headed_label(&text[m.span.range()]).unwrap_or(Label::Per);
            }
            m
        })
        .collect()
}

/// The label a name with an organisation's or a facility's head noun in it
/// has (`رابو بنك`, `جامعة ريدنغ`, `متحف بولتون`): no person's name holds
/// one, so a tagger's person span that does names a body or a building.
fn headed_label(name: &str) -> Option<Label> {
    name.split_whitespace()
        .find_map(|w| match rules::trigger(&fold_key(w)) {
            Some(rules::Trigger::Org) => Some(Label::Org),
            Some(rules::Trigger::Fac) => Some(Label::Fac),
            _ => None,
        })
}

/// True when `span` is one definite word right after an indefinite title: the
/// portfolio of `وزير الري`, `مدير الأمن`, not a person (the name comes after
/// the portfolio: `وزير الري محمد …`; a definite title takes the name itself:
/// `الرئيس الأسد`). On ANERcorp train such a word is a person 1 time in 310.
fn is_portfolio(text: &str, span: Span) -> bool {
    let word = fold_key(&text[span.range()]);
    if word.contains(' ') || !word.starts_with("ال") {
        return false;
    }
    let before = text[..span.start].trim_end();
    let title = before
        .rsplit(char::is_whitespace)
        .next()
        .map(fold_key)
        .unwrap_or_default();
    !title.starts_with("ال") && rules::trigger(&title) == Some(rules::Trigger::Title)
}

/// Gazetteer names and rule mentions of one piece of text, given its words
/// (see [`rules::Words::piece`]) and the whole text folded.
fn find(words: &rules::Words<'_>, g: &Gazetteer, folded: &Folded, piece: Span) -> Vec<Mention> {
    // The piece's text: the whole text up to the piece's end, so that spans
    // are the whole text's and nothing after the piece is seen.
    let text = words.text;
    let range = folded.folded_at(piece.start)..folded.folded_at(piece.end);
    // The gazetteer's names and the ambiguous ones, in one pass.
    let (hits, ambiguous) = g.find_with_ambiguous_in(text, folded, range);
    let mut ms: Vec<Mention> = hits
        .iter()
        .map(|h| {
            let e = g.entry(h.entry);
            Mention {
                span: h.span,
                label: e.label,
                canonical: e.canonical.clone(),
                id: e.id.clone(),
                source: if e.user {
                    Source::User
                } else {
                    Source::Gazetteer
                },
            }
        })
        .collect();
    ms.retain(|m| m.source == Source::User || !rules::clitic_common_word(text, m.span));
    rules::apply(words, g, &mut ms);
    rules::join_given_names(words, &mut ms);
    rules::link_names(words, &mut ms);
    rules::nisba_surnames(words, &mut ms);
    rules::drop_event_places(words, &mut ms);
    rules::drop_adjective_places(words, &mut ms);
    rules::ambiguous_hits_in_lists(text, &ambiguous, &mut ms);
    rules::keep_actor_adjectives(words, &mut ms);
    ms
}

/// Pieces of text are cut after this many bytes, at the next sentence end.
const PIECE_BYTES: usize = 4096;

/// Splits `text` into pieces of about `size` bytes that end at a sentence end
/// (`.`, `!`, `?`, `؟`, a line break) followed by a space, or, in a piece four
/// times as long with no sentence end, at a space.
fn pieces(text: &str, size: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut start = 0;
    while text.len() - start > size {
        let mut cut = None;
        let mut i = start + size;
        let hard = (start + 4 * size).min(text.len());
        while i < hard {
            let b = bytes[i];
            if b == b'\n' || (matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ')) {
                cut = Some(i + 1);
                break;
            }
            // `؟` is U+061F: bytes D8 9F.
            if b == 0xD8 && bytes.get(i + 1) == Some(&0x9F) {
                cut = Some(i + 2);
                break;
            }
            i += 1;
        }
        // No sentence end: the rest is one piece if it is short enough, else
        // the cut goes at the last space.
        let cut = cut.unwrap_or_else(|| {
            if hard == text.len() {
                return hard;
            }
            bytes[start + size..hard]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(hard, |j| start + size + j + 1)
        });
        // A cut inside a character (a hard cut) moves to its end.
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push(Span::new(start, cut));
        start = cut;
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// True when no token runs over a cut of `text` at byte `at` (see
/// [`pieces`]): whitespace on either side, or a `؟` before that is not
/// followed by another (a run of marks is one token).
fn clean_cut(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    match (before, after) {
        (None, _) | (_, None) => true,
        (Some(b), Some(a)) => b.is_whitespace() || a.is_whitespace() || (b == '؟' && a != '؟'),
    }
}

/// True when `span` overlaps a mention of `ms`, which is sorted by start and
/// holds no overlapping mentions.
pub(crate) fn overlaps(ms: &[Mention], span: Span) -> bool {
    let i = ms.partition_point(|m| m.span.end <= span.start);
    ms.get(i).is_some_and(|m| m.span.start < span.end)
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
    let mut key = String::new();
    for (o, w) in out.iter_mut().zip(words) {
        key.clear();
        gazetteer::fold_key_into(w, &mut key);
        o.trigger = rules::trigger(&key);
        o.given_name = rules::is_given_name(&key);
    }
    out
}

#[cfg(test)]
mod tests;
