//! Gazetteer and trigger hints for the tagger's features, from the entities
//! layer ([`crate::entities::word_hints`]): membership in a built-in
//! gazetteer name (countries, cities, governorates, organisations, outlets,
//! armed groups, …), the rule class of trigger words (titles, head nouns of
//! organisations, places, facilities) and known given names.

use super::{Hint, Label};
use crate::entities::{self, rules::Trigger};

fn label(l: entities::Label) -> Label {
    match l {
        entities::Label::Per => Label::Per,
        entities::Label::Org => Label::Org,
        entities::Label::Loc => Label::Loc,
        entities::Label::Fac => Label::Fac,
        entities::Label::Norp => Label::Norp,
        entities::Label::Misc => Label::Misc,
    }
}

/// The entities layer's trigger classes as the label of the name they
/// introduce or belong to; function words that end names as `MISC` (a class
/// of their own for the features).
fn trigger(t: Trigger) -> Label {
    match t {
        Trigger::Title => Label::Per,
        Trigger::Org => Label::Org,
        Trigger::Loc | Trigger::Feature | Trigger::Part => Label::Loc,
        Trigger::Fac => Label::Fac,
        Trigger::Actor => Label::Norp,
        Trigger::Stop => Label::Misc,
    }
}

/// Hints for each word of a sentence (whitespace tokens): the label of a
/// gazetteer name the word is part of (and whether it begins it), the class of
/// a trigger word, and whether it is a known given name.
///
/// ```
/// use khabar::tagger::{default_hints, Label};
/// let h = default_hints(&["قصف", "بدير", "الزور", "قال", "الرئيس"]);
/// assert_eq!(h[1].gazetteer, Some(Label::Loc));
/// assert!(h[1].begins && !h[2].begins);
/// assert_eq!(h[2].gazetteer, Some(Label::Loc));
/// assert_eq!(h[4].trigger, Some(Label::Per));
/// ```
pub fn default_hints(words: &[&str]) -> Vec<Hint> {
    hints_with(entities::Gazetteer::builtin(), words)
}

/// [`default_hints`] with a given gazetteer (a pipeline's, with the user's
/// own entities).
pub fn hints_with(g: &entities::Gazetteer, words: &[&str]) -> Vec<Hint> {
    entities::word_hints_with(g, words)
        .into_iter()
        .map(|h| Hint {
            gazetteer: h.gazetteer.map(label),
            begins: h.begins,
            trigger: h.trigger.map(trigger),
            given_name: h.given_name,
            elsewhere: 0,
        })
        .collect()
}
