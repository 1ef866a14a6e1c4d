//! A statistical named-entity tagger: a linear model over rich word features
//! (normalised word, stem and clitics from the [`text`](crate::text) layer,
//! affixes, word shape, a ±2 window, word clusters learned without labels from a
//! news corpus, gazetteer and trigger hints), trained as a structured averaged
//! perceptron and decoded with Viterbi over BIO transitions.
//!
//! khabar ships a default model trained on ANERcorp (see the README, "Default NER
//! model"); [`Tagger::default_model`] parses it once per process.
//!
//! ```
//! use khabar::tagger::{Label, Tagger};
//! let tagger = Tagger::default_model()?;
//! let text = "قال المتحدث باسم التحالف ريان ديلون إن القوات تقدمت.";
//! let sentences = khabar::sentences(text);
//! let found = tagger.tag_text(text, &sentences);
//! assert!(found.iter().any(|(s, l)| &text[s.range()] == "ريان ديلون" && *l == Label::Per));
//! # Ok::<(), khabar::Error>(())
//! ```

mod clusters;
mod conll;
mod features;
mod hints;
mod model;
mod stack;
mod train;

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

pub use clusters::{build_clusters, ClusterOptions, Clusters};
pub use conll::{read_conll, read_conll_file, Sentence};
pub use hints::{default_hints, hints_with};
pub use model::Tagger;
pub use stack::DEFAULT_WINDOW as STACK_WINDOW;
pub use train::{cross_validate, evaluate, train, Score, Scores, TrainOptions, TrainReport};

use crate::error::{Error, Result};

/// An entity type the tagger knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// A person (`PER`, ANERcorp's `PERS`).
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
    /// Anything else named (events, products, nationalities in ANERcorp).
    Misc,
    /// A facility (camps, airports, fields, bases).
    Fac,
    /// A nationality or community.
    Norp,
}

impl Label {
    /// Every label, in a fixed order.
    pub const ALL: [Label; 6] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Fac,
        Label::Norp,
    ];

    /// The short name: `PER`, `ORG`, `LOC`, `MISC`, `FAC`, `NORP`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Fac => "FAC",
            Label::Norp => "NORP",
        }
    }

    /// The entities layer's label for this one; `MISC`, which the entities
    /// layer does not have, gives `None`.
    ///
    /// ```
    /// use khabar::tagger::Label;
    /// assert_eq!(Label::Per.entity_label(), Some(khabar::entities::Label::Per));
    /// assert_eq!(Label::Misc.entity_label(), Some(khabar::entities::Label::Misc));
    /// ```
    pub const fn entity_label(self) -> Option<crate::entities::Label> {
        use crate::entities::Label as E;
        match self {
            Label::Per => Some(E::Per),
            Label::Org => Some(E::Org),
            Label::Loc => Some(E::Loc),
            Label::Fac => Some(E::Fac),
            Label::Norp => Some(E::Norp),
            Label::Misc => Some(E::Misc),
        }
    }

    pub(crate) const fn index(self) -> u8 {
        match self {
            Label::Per => 0,
            Label::Org => 1,
            Label::Loc => 2,
            Label::Misc => 3,
            Label::Fac => 4,
            Label::Norp => 5,
        }
    }

    pub(crate) fn from_index(i: u8) -> Option<Label> {
        Label::ALL.get(i as usize).copied()
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = Error;

    /// Reads a label, case-insensitively, with the common aliases (`PERS`,
    /// `PERSON`, `ORGANIZATION`, `LOCATION`, `GPE`).
    fn from_str(s: &str) -> Result<Label> {
        Ok(match s.to_ascii_uppercase().as_str() {
            "PER" | "PERS" | "PERSON" => Label::Per,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Label::Org,
            "LOC" | "LOCATION" | "GPE" => Label::Loc,
            "MISC" | "MIS" => Label::Misc,
            "FAC" | "FACILITY" => Label::Fac,
            "NORP" => Label::Norp,
            _ => {
                return Err(Error::Option(format!(
                    "unknown entity label {s:?} (expected PER, ORG, LOC, MISC, FAC or NORP)"
                )))
            }
        })
    }
}

/// One word's tag in the BIO scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TagOut {
    /// Outside any entity.
    O,
    /// The first word of an entity.
    B(Label),
    /// A word inside an entity, after its first.
    I(Label),
}

impl TagOut {
    /// The label, for `B` and `I`.
    pub fn label(self) -> Option<Label> {
        match self {
            TagOut::O => None,
            TagOut::B(l) | TagOut::I(l) => Some(l),
        }
    }

    /// Reads a BIO/IOB tag: `O`, `B-PERS`, `I-LOC` (also `B_LOC`).
    pub fn parse(tag: &str) -> Result<TagOut> {
        if tag == "O" || tag == "o" {
            return Ok(TagOut::O);
        }
        let (bio, label) = match tag.split_once(['-', '_']) {
            Some(p) => p,
            None => {
                return Err(Error::Option(format!(
                    "malformed tag {tag:?} (expected O, B-TYPE or I-TYPE)"
                )))
            }
        };
        let label: Label = label.parse()?;
        match bio {
            "B" | "b" => Ok(TagOut::B(label)),
            "I" | "i" => Ok(TagOut::I(label)),
            _ => Err(Error::Option(format!(
                "malformed tag {tag:?} (expected O, B-TYPE or I-TYPE)"
            ))),
        }
    }
}

impl fmt::Display for TagOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TagOut::O => f.write_str("O"),
            TagOut::B(l) => write!(f, "B-{l}"),
            TagOut::I(l) => write!(f, "I-{l}"),
        }
    }
}

/// What gazetteers and rules know about one word, given to the tagger as
/// features. One hint per word; [`Hint::default`] knows nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Hint {
    /// The word is part of a gazetteer name of this label.
    pub gazetteer: Option<Label>,
    /// The word begins that gazetteer name.
    pub begins: bool,
    /// The word is a trigger: a title or role before a person (`الرئيس`), a
    /// head noun of an organisation (`وزارة`) or place (`مدينة`); the label is
    /// what it introduces.
    pub trigger: Option<Label>,
    /// The word (without its clitics) is a known given name.
    pub given_name: bool,
    /// The labels a first tagging pass gave the same word form elsewhere
    /// nearby (bit 0: `O`, bit `1 + k`: the label of [`Label`] index `k`);
    /// 0 when unknown. For stacking: a stacked model's second pass fills it
    /// itself ([`Tagger::tag_sentences`]); a word with 0 gets the same
    /// features as without the field, so one-pass models tag as before.
    pub elsewhere: u16,
}

/// Entities from BIO tags: `(first word, one past the last word, label)`. An
/// `I` after a different label or after `O` opens a new entity, as conlleval
/// reads it.
///
/// ```
/// use khabar::tagger::{entities, Label, TagOut};
/// let tags = [TagOut::B(Label::Per), TagOut::I(Label::Per), TagOut::O, TagOut::I(Label::Loc)];
/// assert_eq!(entities(&tags), [(0, 2, Label::Per), (3, 4, Label::Loc)]);
/// ```
pub fn entities(tags: &[TagOut]) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match t {
            TagOut::O => {
                if let Some((s, l)) = open.take() {
                    out.push((s, i, l));
                }
            }
            TagOut::B(l) => {
                if let Some((s, pl)) = open.take() {
                    out.push((s, i, pl));
                }
                open = Some((i, l));
            }
            TagOut::I(l) => match open {
                Some((_, pl)) if pl == l => {}
                _ => {
                    if let Some((s, pl)) = open.take() {
                        out.push((s, i, pl));
                    }
                    open = Some((i, l));
                }
            },
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

static DEFAULT_MODEL: OnceLock<std::result::Result<Tagger, String>> = OnceLock::new();

/// The default model's bytes (gzip), compiled in.
const DEFAULT_MODEL_BYTES: &[u8] = include_bytes!("../../data/models/ner.bin.gz");

impl Tagger {
    /// The default Arabic news model (ANERcorp train, ANT corpus clusters),
    /// parsed on first use and shared for the life of the process.
    pub fn default_model() -> Result<&'static Tagger> {
        let parsed = DEFAULT_MODEL.get_or_init(|| {
            Tagger::load(DEFAULT_MODEL_BYTES).map_err(|e| match e {
                Error::Parse { message, .. } => message,
                e => e.to_string(),
            })
        });
        match parsed {
            Ok(t) => Ok(t),
            Err(e) => Err(Error::parse(
                "ner-model",
                None,
                format!("the built-in model: {e}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_and_print() {
        assert_eq!(TagOut::parse("B-PERS").ok(), Some(TagOut::B(Label::Per)));
        assert_eq!(TagOut::parse("I-LOC").ok(), Some(TagOut::I(Label::Loc)));
        assert_eq!(TagOut::parse("O").ok(), Some(TagOut::O));
        assert!(TagOut::parse("B-XYZ").is_err());
        assert!(TagOut::parse("IPERS").is_err());
        assert_eq!(TagOut::B(Label::Org).to_string(), "B-ORG");
    }

    #[test]
    fn bio_decoding_opens_entities_at_stray_i() {
        use TagOut::*;
        let tags = [
            I(Label::Per),
            I(Label::Per),
            B(Label::Per),
            I(Label::Org),
            O,
            B(Label::Loc),
        ];
        assert_eq!(
            entities(&tags),
            [
                (0, 2, Label::Per),
                (2, 3, Label::Per),
                (3, 4, Label::Org),
                (5, 6, Label::Loc)
            ]
        );
        assert!(entities(&[]).is_empty());
    }
}
