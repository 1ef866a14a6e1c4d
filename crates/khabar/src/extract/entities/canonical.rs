//! One canonical name per thing: aliases declared in the text (`X (Y)`), a
//! later surname or first name for an earlier full name, a bare definite head
//! (`التنظيم`, `التحالف`) for the last organisation it heads, and known names
//! misspelled by one letter (`سبونتيك` → `سبوتنيك`).

use crate::lexicon::FastMap;
use crate::model::Span;
use crate::text::TokenKind;

use super::gazetteer::{fold_key, Gazetteer, GazetteerRow};
use super::rules::{self, Trigger, Words};
use super::{Label, Mention, Source};

/// A mention's text as a readable name: diacritics, tatweel, quote marks and
/// parentheses dropped, whitespace collapsed.
///
/// ```
/// assert_eq!(khabar::entities::canonical::clean("حقل (العمر)"), "حقل العمر");
/// ```
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        match c {
            '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200B}'..='\u{200F}' => {}
            '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '(' | ')' | '[' | ']' => {}
            c if c.is_whitespace() => space = !out.is_empty(),
            c => {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
    }
    out
}

/// Deletion neighbourhoods of the known names: a name within one edit
/// (insertion, deletion, substitution or swap of neighbours) of a known name
/// shares a key with it; each candidate is then checked with the true edit
/// distance, since two names that share a deletion key can be two edits apart
/// (`ميونيخ`, `ميلوني`).
pub(crate) struct Near {
    names: Vec<(String, u32)>,
    map: FastMap<String, Vec<u32>>,
}

fn deletions(key: &str) -> impl Iterator<Item = String> + '_ {
    key.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(key.len());
        s.push_str(&key[..i]);
        s.push_str(&key[i + c.len_utf8()..]);
        s
    })
}

/// True when `a` becomes `b` by at most one insertion, deletion, substitution
/// or swap of two neighbouring characters.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let p = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if p == short.len() {
        return true; // equal, or one character added at the end
    }
    if short.len() == long.len() {
        // One substitution, or a swap of neighbours.
        short[p + 1..] == long[p + 1..]
            || (p + 1 < short.len()
                && short[p] == long[p + 1]
                && short[p + 1] == long[p]
                && short[p + 2..] == long[p + 2..])
    } else {
        short[p..] == long[p + 1..]
    }
}

/// True when the word that differs is long and no common word itself: a
/// typo (`أردوجان`), not another name or word (`جون تيري` is not `جون كيري`,
/// `وزارة العمل` is not `وزارة العدل`).
fn plausible_typo(key: &str, name: &str) -> bool {
    let at = key
        .char_indices()
        .zip(name.chars())
        .find(|((_, a), b)| a != b)
        .map_or(key.len(), |((i, _), _)| i);
    let start = key[..at].rfind(' ').map_or(0, |s| s + 1);
    let end = key[at..].find(' ').map_or(key.len(), |e| at + e);
    let word = &key[start..end];
    let bare = word.strip_prefix("ال").unwrap_or(word);
    bare.chars().count() >= 5 && !rules::is_common(bare)
}

/// Names shorter than this (characters, folded) are never matched fuzzily:
/// six-letter names one letter apart are too often two names (`ماكوين`,
/// `ماكرون`).
const NEAR_MIN_CHARS: usize = 7;

impl Near {
    pub(crate) fn build(names: Vec<(String, u32)>) -> Near {
        let mut map: FastMap<String, Vec<u32>> = FastMap::default();
        for (i, (key, _)) in names.iter().enumerate() {
            if key.chars().count() < NEAR_MIN_CHARS {
                continue;
            }
            for d in deletions(key).chain(std::iter::once(key.clone())) {
                let v = map.entry(d).or_default();
                if !v.contains(&(i as u32)) {
                    v.push(i as u32);
                }
            }
        }
        Near { names, map }
    }

    fn find(&self, key: &str) -> Option<u32> {
        let mut found: Option<u32> = None;
        // Each deletion of one character (as [`deletions`] makes them, into
        // one buffer), then the key itself.
        let mut d = String::with_capacity(key.len());
        let cuts = key.char_indices().map(Some).chain(std::iter::once(None));
        for cut in cuts {
            d.clear();
            match cut {
                Some((i, c)) => {
                    d.push_str(&key[..i]);
                    d.push_str(&key[i + c.len_utf8()..]);
                }
                None => d.push_str(key),
            }
            let Some(candidates) = self.map.get(d.as_str()) else {
                continue;
            };
            for &i in candidates {
                let (name, e) = &self.names[i as usize];
                if !within_one_edit(key, name) || !plausible_typo(key, name) {
                    continue;
                }
                match found {
                    None => found = Some(*e),
                    Some(f) if f != *e => return None,
                    _ => {}
                }
            }
        }
        found
    }
}

/// The canonical name and id of the known name `surface` is, exactly or
/// within one edit, when that name has a compatible label (an organisation
/// head may name an outlet: `وكالة (سبونتيك)`).
pub fn near(g: &Gazetteer, surface: &str, label: Label) -> Option<(String, Option<String>)> {
    let key = fold_key(surface);
    let amb = Gazetteer::ambiguous();
    if g.lookup_folded(&key).is_none() {
        if let Some(e) = amb.lookup_folded(&key) {
            let entry = amb.entry(e);
            return (entry.label == label).then(|| (entry.canonical.clone(), entry.id.clone()));
        }
    }
    let e = g.lookup_folded(&key).or_else(|| {
        if key.chars().count() < NEAR_MIN_CHARS {
            return None;
        }
        g.near_index().find(&key)
    })?;
    let entry = g.entry(e);
    (entry.label == label).then(|| (entry.canonical.clone(), entry.id.clone()))
}

/// The full name a word refers back to, among the full names it is a part
/// of (`candidates`: name, whether the word is its surname): a surname wins
/// over a first name (`كوسبي` is `بيل كوسبي`, not the show `كوسبي شو`), and
/// names that end with one another are one person written longer or shorter
/// (`بيل كوسبي` in `الشهير بيل كوسبي`): the shortest of them. Any other choice
/// is ambiguous: None.
fn one_person(candidates: &[(String, bool)]) -> Option<String> {
    let surname = candidates.iter().any(|(_, s)| *s);
    let mut names: Vec<&str> = candidates
        .iter()
        .filter(|(_, s)| *s == surname)
        .map(|(n, _)| n.as_str())
        .collect();
    names.sort_by_key(|n| n.len());
    let shortest = *names.first()?;
    let tail = format!(" {shortest}");
    names
        .iter()
        .all(|n| *n == shortest || (surname && n.ends_with(&tail)))
        .then(|| shortest.to_owned())
}

/// Resolves every mention's canonical name against the others of the same
/// text, and adds the mentions that only the text's own aliases reveal.
pub fn resolve(text: &str, words: &Words<'_>, g: &Gazetteer, ms: &mut Vec<Mention>) {
    let mut aliases: Vec<GazetteerRow> = Vec::new();
    declared_aliases(text, g, ms, &mut aliases);
    // Full names: their surname and first name refer back to them.
    // Each word's candidates: (full name, whether the word is its surname).
    let mut candidates: FastMap<String, Vec<(String, bool)>> = FastMap::default();
    for m in ms.iter().filter(|m| m.label == Label::Per) {
        let parts: Vec<&str> = m.canonical.split(' ').collect();
        if parts.len() < 2 {
            continue;
        }
        let first = parts[0];
        let last = parts[parts.len() - 1];
        for (k, part) in [first, last].into_iter().enumerate() {
            let key = fold_key(part);
            // A surname (`ديلون`) refers back; a first name only when it is
            // not in the given-names list (`محمد` alone names too many people)
            // or a foreign one there (`ميلانيا`, `إيفانكا`), and no part
            // that is a common word (`نصر الله` is not `الله`).
            if key.chars().count() < 3
                || rules::trigger(&key).is_some()
                || rules::is_common(key.strip_prefix("ال").unwrap_or(&key))
                || key == "الله"
                || (k == 0 && rules::is_given_name(&key) && !rules::is_foreign_name(&key))
            {
                continue;
            }
            let c = candidates.entry(key).or_default();
            if !c.iter().any(|(n, s)| *n == m.canonical && *s == (k == 1)) {
                c.push((m.canonical.clone(), k == 1));
            }
        }
    }
    let people: FastMap<String, String> = candidates
        .into_iter()
        .filter_map(|(key, c)| one_person(&c).map(|full| (key, full)))
        .collect();
    // Single-word people found by rules take their full name.
    for m in ms.iter_mut().filter(|m| m.label == Label::Per) {
        if !m.canonical.contains(' ') {
            if let Some(full) = people.get(&fold_key(&m.canonical)) {
                m.canonical = full.clone();
            }
        }
    }
    for (k, full) in &people {
        aliases.push(GazetteerRow {
            name: k.clone(),
            label: "PER".into(),
            canonical: Some(full.clone()),
            id: None,
        });
    }
    if !aliases.is_empty() {
        ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        local_aliases(words, &aliases, ms);
    }
    ms.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    bare_heads(words, ms);
    // Tagger and rule mentions that are known names misspelled.
    for m in ms.iter_mut() {
        if matches!(m.source, Source::Tagger | Source::Rule) && m.id.is_none() {
            if let Some((c, id)) = near(g, &text[m.span.range()], m.label) {
                m.canonical = c;
                m.id = id;
            }
        }
    }
}

/// Finds the text's own aliases (surnames, declared acronyms) word by word:
/// a handful of names per article, so a map lookup per word beats compiling
/// an automaton.
fn local_aliases(words: &Words<'_>, aliases: &[GazetteerRow], ms: &mut Vec<Mention>) {
    let mut map: FastMap<String, &GazetteerRow> = FastMap::default();
    let mut longest = 1;
    for a in aliases {
        let key = fold_key(&a.name);
        longest = longest.max(key.split(' ').count());
        map.entry(key).or_insert(a);
    }
    // The aliases' first words: a word that is none of them starts no alias
    // (word keys hold no space), and is passed over without a lookup.
    let mut firsts: Vec<&str> = map
        .keys()
        .map(|k| k.split(' ').next().unwrap_or(""))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    // Their [`word_bit`]s, as a bitmask: most words have none of them and
    // are passed over without a search.
    let bits = firsts.iter().fold(0u64, |m, w| m | word_bit(w));
    let ws = &words.words;
    let mut added = Vec::new();
    let mut i = 0;
    let mut key = String::new();
    while i < ws.len() {
        if ws[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let mut found = None;
        for first in [&*ws[i].key, ws[i].full()] {
            if bits & word_bit(first) == 0 || firsts.binary_search(&first).is_err() {
                continue;
            }
            key.clear();
            key.push_str(first);
            for n in 0..longest.min(ws.len() - i) {
                if n > 0 {
                    key.push(' ');
                    key.push_str(ws[i + n].full());
                }
                if let Some(a) = map.get(key.as_str()) {
                    found = Some((i + n, *a));
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some((last, a)) = found else {
            i += 1;
            continue;
        };
        let span = Span::new(ws[i].inner.start, ws[last].span.end);
        // The text's own alias outranks the tagger's guess at the same words.
        let k = ms.partition_point(|m| m.span.start < span.start);
        if let Some(m) = ms
            .get_mut(k)
            .filter(|m| m.span == span && m.source == Source::Tagger)
        {
            if let Some(label) = Label::parse(&a.label) {
                m.label = label;
                m.canonical = a.canonical.clone().unwrap_or_else(|| a.name.clone());
                m.id = a.id.clone();
            }
            i = last + 1;
            continue;
        }
        let taken = super::overlaps(ms, span);
        if let (false, Some(label)) = (taken, Label::parse(&a.label)) {
            added.push(Mention {
                span,
                label,
                canonical: a.canonical.clone().unwrap_or_else(|| a.name.clone()),
                id: a.id.clone(),
                source: Source::Reference,
            });
        }
        i = last + 1;
    }
    ms.extend(added);
}

/// `X (Y)`: Y names what X names. Y becomes a mention with X's canonical name
/// where it is not one already, and an alias for the rest of the text. When Y
/// is a known one-word name (`وكالة الأنباء السورية الرسمية (سانا)`) and X is
/// not, X and every mention sharing its canonical name take Y's instead, so
/// that the thing keeps the one name it has in every article.
fn declared_aliases(
    text: &str,
    g: &Gazetteer,
    ms: &mut Vec<Mention>,
    aliases: &mut Vec<GazetteerRow>,
) {
    let mut added = Vec::new();
    let mut renamed: Vec<(String, String, Option<String>)> = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        // Places are followed by parentheses of other kinds: a dateline's
        // agency (`بغداد (اف ب)`), a country (`طرابلس (لبنان)`).
        if !matches!(m.label, Label::Org | Label::Per) {
            continue;
        }
        let rest = &text[m.span.end..];
        let after = rest.trim_start();
        let Some(inner) = after.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let y = inner[..close].trim();
        let words = y.split_whitespace().count();
        let short_word = y.split_whitespace().any(|w| w.chars().count() < 2);
        // A photo caption's position (`(يمين)`, `(أعلى)`) or a common word is
        // no alias.
        let plain = y.split_whitespace().any(|w| {
            let k = fold_key(w);
            rules::trigger(&k).is_some() || rules::is_common(k.strip_prefix("ال").unwrap_or(&k))
        });
        if y.is_empty()
            || plain
            || words > 3
            || y.len() > 60
            || short_word
            || y.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let start = m.span.end
            + (rest.len() - after.len())
            + 1
            + (inner[..close].len() - inner[..close].trim_start().len());
        let span = Span::new(start, start + y.len());
        // A known one-word name gives its canonical name to one the lists do
        // not know, whoever found the two.
        if words == 1 && !matches!(m.source, Source::Gazetteer | Source::User) {
            let known = |s: &str| g.lookup(s).map(|e| g.entry(e));
            if let (Some(e), None) = (known(y), known(&text[m.span.range()])) {
                if e.label == m.label && e.canonical != m.canonical {
                    renamed.push((m.canonical.clone(), e.canonical.clone(), e.id.clone()));
                    continue;
                }
            }
        }
        // `ms` is sorted and its mentions do not overlap.
        let k = ms.partition_point(|o| o.span.end <= span.start);
        let existing = (k < ms.len() && ms[k].span.start < span.end).then_some(k);
        match existing {
            // A known name with its own canonical keeps it (`(داعش)`).
            Some(j) if ms[j].source == Source::Gazetteer => continue,
            Some(j) => added.push((Some(j), span, i)),
            None => added.push((None, span, i)),
        }
        aliases.push(GazetteerRow {
            name: clean(y),
            label: m.label.as_str().into(),
            canonical: Some(m.canonical.clone()),
            id: m.id.clone(),
        });
    }
    for (old, canonical, id) in renamed {
        for m in ms.iter_mut().filter(|m| m.canonical == old) {
            m.canonical.clone_from(&canonical);
            m.id.clone_from(&id);
        }
    }
    for (existing, span, from) in added {
        let (label, canonical, id) = (
            ms[from].label,
            ms[from].canonical.clone(),
            ms[from].id.clone(),
        );
        match existing {
            Some(j) => {
                ms[j].canonical = canonical;
                ms[j].label = label;
                ms[j].id = id;
            }
            None => ms.push(Mention {
                span,
                label,
                canonical,
                id,
                source: Source::Reference,
            }),
        }
    }
}

/// One bit of 64 for a word, from its byte length and last byte: a set of a
/// few words as a bitmask says of most other words that they are none of
/// them.
#[inline]
fn word_bit(w: &str) -> u64 {
    let b = w.as_bytes();
    let last = b.last().map_or(0, |&c| u32::from(c));
    let h = (b.len() as u32).wrapping_mul(0x9E37_79B9) ^ last.wrapping_mul(0x85EB_CA6B);
    1u64 << (h >> 26)
}

/// A bare definite head (`التنظيم`, `الحركة`, `التحالف`) names the nearest
/// organisation before it (or, in a title, after it) that it heads.
fn bare_heads(words: &Words<'_>, ms: &mut Vec<Mention>) {
    // Heads of the organisations mentioned: `تنظيم X` → `التنظيم`,
    // `التحالف الدولي` → `التحالف`.
    // Head → the organisations it heads, in text order.
    let mut heads: FastMap<String, Vec<(usize, String, Option<String>)>> = FastMap::default();
    for m in ms.iter().filter(|m| m.label == Label::Org) {
        // A head noun just before the name (`تنظيم "الدولة الإسلامية"` where
        // the name was found without it) heads it too.
        if let Some(i) = words.at(m.span.start) {
            let before = (0..i)
                .rev()
                .find(|&k| words.words[k].kind == TokenKind::Word)
                .filter(|&k| (k + 1..i).all(|j| words.words[j].kind == TokenKind::Punct));
            if let Some(k) = before {
                let w = &words.words[k];
                if !w.definite && w.trigger() == Some(Trigger::Org) {
                    heads.entry(format!("ال{}", w.key)).or_default().push((
                        m.span.start,
                        m.canonical.clone(),
                        m.id.clone(),
                    ));
                }
            }
        }
        let surface = fold_key(&words.text[m.span.range()]);
        for name in [surface, fold_key(&m.canonical)] {
            let Some((first, _)) = name.split_once(' ') else {
                continue;
            };
            let head = if first.starts_with("ال") {
                first.to_owned()
            } else if rules::trigger(first) == Some(Trigger::Org) {
                format!("ال{first}")
            } else {
                continue;
            };
            heads
                .entry(head)
                .or_default()
                .push((m.span.start, m.canonical.clone(), m.id.clone()));
        }
    }
    if heads.is_empty() {
        return;
    }
    // The heads' [`word_bit`]s: most words are no head and are passed over
    // without a lookup.
    let head_bits = heads.keys().fold(0u64, |m, h| m | word_bit(h));
    // `ms` is sorted by start: a span overlaps a mention when one of those
    // starting before its end reaches past its start.
    let mut max_end = Vec::with_capacity(ms.len());
    let mut reach = 0;
    for m in ms.iter() {
        reach = reach.max(m.span.end);
        max_end.push(reach);
    }
    // Head → the start of its last use in a name no mention covers (`الهيئة
    // العامة للطيران المدني` when the stage found none there): a bare head
    // after it refers to that body, not to an organisation named before it.
    let mut unfound: FastMap<String, usize> = FastMap::default();
    // The word as a definite head (`هيئة` → `الهيئة`), built in one buffer:
    // most words are no head, and this runs for every word.
    let mut as_head = String::new();
    let mut added = Vec::new();
    for (i, w) in words.words.iter().enumerate() {
        if w.kind != TokenKind::Word {
            continue;
        }
        let span = w.inner;
        let before = ms.partition_point(|m| m.span.start < span.end);
        if before > 0 && max_end[before - 1] > span.start {
            continue;
        }
        // The head must stand alone: `الجيش النظامي` is another army than
        // the `الجيش الأمريكي` before it.
        let next = words.words.get(i + 1).filter(|n| n.kind == TokenKind::Word);
        if next.is_some() && (!w.definite || next.is_some_and(|n| n.definite)) {
            as_head.clear();
            if !w.definite {
                as_head.push_str("ال");
            }
            as_head.push_str(&w.key);
            if head_bits & word_bit(&as_head) != 0 && heads.contains_key(&as_head) {
                unfound.insert(as_head.clone(), span.start);
            }
        }
        if !w.definite || next.is_some_and(|n| n.definite) {
            continue;
        }
        if head_bits & word_bit(&w.key) == 0 {
            continue;
        }
        let Some(orgs) = heads.get(&*w.key) else {
            continue;
        };
        // The nearest before it, else (a head in the title) the first after.
        let k = orgs.partition_point(|(at, ..)| *at < span.start);
        let chosen = if k > 0 { orgs.get(k - 1) } else { orgs.first() };
        // Another body with that head named nearer, which the stage did not
        // find: the link would be wrong.
        let nearer = |at: usize| {
            unfound
                .get(&*w.key)
                .is_some_and(|&u| u > at && u < span.start)
        };
        if let Some((_, canonical, id)) = chosen.filter(|(at, ..)| !nearer(*at)) {
            added.push(Mention {
                span,
                label: Label::Org,
                canonical: canonical.clone(),
                id: id.clone(),
                source: Source::Reference,
            });
        }
    }
    ms.extend(added);
}

#[cfg(test)]
mod tests {
    /// The canonical names of the organisation mentions of `text`, by surface.
    fn orgs(text: &str) -> Vec<(String, String)> {
        let a = crate::parse_text(text).unwrap();
        a.entities
            .iter()
            .filter(|e| e.label == "ORG")
            .map(|e| (a.slice(e.span).to_owned(), e.canonical.clone()))
            .collect()
    }

    #[test]
    fn a_user_gazetteer_matches_within_one_edit_with_its_index_built_once() {
        use super::super::gazetteer::{Gazetteer, GazetteerRow};
        use super::super::Label;
        let g = Gazetteer::with_builtin(&[GazetteerRow {
            name: "مرصد الرقابة".into(),
            label: "ORG".into(),
            canonical: None,
            id: Some("user-1".into()),
        }])
        .unwrap();
        // A built-in name and the user's, each misspelt by one letter.
        let sputnik = super::near(&g, "سبونتيك", Label::Org).map(|(c, _)| c);
        assert_eq!(sputnik.as_deref(), Some("سبوتنيك"));
        let user = super::near(&g, "مرصد الرقابه", Label::Org);
        assert_eq!(user, Some(("مرصد الرقابة".into(), Some("user-1".into()))));
        let user = super::near(&g, "مرصد الرقاية", Label::Org);
        assert_eq!(user, Some(("مرصد الرقابة".into(), Some("user-1".into()))));
        // The index is the gazetteer's, not rebuilt for each mention.
        assert!(std::ptr::eq(g.near_index(), g.near_index()));
    }

    #[test]
    fn a_surname_is_the_full_name_it_ends_rather_than_one_it_starts() {
        assert_eq!(
            super::one_person(&[("بيل كوسبي".into(), true), ("كوسبي شو".into(), false)]),
            Some("بيل كوسبي".to_owned())
        );
        // The same person written with a word before the name.
        assert_eq!(
            super::one_person(&[
                ("الشهير بيل كوسبي".into(), true),
                ("بيل كوسبي".into(), true)
            ]),
            Some("بيل كوسبي".to_owned())
        );
        // Two people of one surname: ambiguous.
        assert_eq!(
            super::one_person(&[("بيل كوسبي".into(), true), ("كاميل كوسبي".into(), true)]),
            None
        );
        let a = crate::parse_text(
            "عنوان\n\nأدانت محكمة الممثل بيل كوسبي. واشتهر بمسلسل \"كوسبي شو\". وقال كوسبي إنه بريء.",
        )
        .unwrap();
        let last = a.entities.iter().rfind(|e| a.slice(e.span) == "كوسبي");
        assert_eq!(
            last.map(|e| e.canonical.as_str()),
            Some("بيل كوسبي"),
            "{:?}",
            a.entities
        );
    }

    #[test]
    fn a_name_declared_with_a_known_acronym_takes_its_canonical_name() {
        let text = "عنوان\n\nونقلت وكالة الأنباء السورية الرسمية (سانا) عن مصدر عسكري أن الهجوم فشل. وذكرت وكالة الأنباء السورية الرسمية أن القوات تقدمت.";
        let found = orgs(text);
        let names: Vec<&str> = found
            .iter()
            .filter(|(s, _)| s == "وكالة الأنباء السورية الرسمية" || s == "سانا")
            .map(|(_, c)| c.as_str())
            .collect();
        assert_eq!(names, ["سانا", "سانا", "سانا"], "{found:?}");
        // A known name declared with another known one keeps its own.
        let found = orgs("عنوان\n\nوقالت قوات سوريا الديمقراطية (قسد) إن الهجوم فشل.");
        assert!(
            found.iter().all(|(_, c)| c == "قوات سوريا الديمقراطية"),
            "{found:?}"
        );
    }

    #[test]
    fn a_bare_head_after_another_body_with_that_head_is_not_linked_back() {
        // `الهيئة` names the aviation authority named just before it, which
        // the stage may not find; never the weather authority.
        let text = "عنوان\n\nوقالت هيئة الأرصاد الجوية العمانية إن العاصفة تقترب. وكانت الهيئة العامة للطيران المدني قررت إغلاق المطار. وقالت الهيئة إنها ستمدد الإغلاق.";
        let found = orgs(text);
        assert!(
            !found
                .iter()
                .any(|(s, c)| s == "الهيئة" && c == "هيئة الأرصاد الجوية العمانية"),
            "{found:?}"
        );
        // With no other body between, the bare head is linked back.
        let text = "عنوان\n\nوقالت هيئة الأرصاد الجوية العمانية إن العاصفة تقترب. وقالت الهيئة إن الرياح ستشتد.";
        let found = orgs(text);
        assert!(
            found
                .iter()
                .any(|(s, c)| s == "الهيئة" && c == "هيئة الأرصاد الجوية العمانية"),
            "{found:?}"
        );
    }
}
