//! Datelines and sign-offs: `دمشق - سيريانيوز`, `لندن: «الشرق الأوسط»`,
//! `دبي ـ العربية.نت` (tatweel as a dash), `عكاظ (جدة)`, `القاهرة - أحمد الريدي`,
//! CNN's in-text `دبي، الإمارات العربية المتحدة (CNN) –`, and an outlet's name
//! on its own line at the end of the text.

use crate::date::find_date;
use crate::lexicon::{OUTLETS, PLACES};

/// What a dateline says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dateline {
    /// The dateline as written (cleaned, without the trailing dash).
    pub text: String,
    /// The place it names.
    pub location: Option<String>,
    /// The outlet or agency it names (canonical name).
    pub outlet: Option<String>,
    /// A person it names (a byline such as `القاهرة - أحمد الريدي`).
    pub author: Option<String>,
    /// For a dateline that opens a paragraph: the byte offset where the
    /// paragraph's own text starts.
    pub rest: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Place,
    Outlet,
    Date,
    Name,
    Other,
}

/// Characters that separate a dateline's parts. The tatweel counts only when it
/// stands alone between spaces (`دبي ـ العربية.نت`), not inside a stretched word.
fn is_separator(s: &str, i: usize, c: char) -> bool {
    match c {
        '-' | '–' | '—' | ':' | '|' | '/' => true,
        'ـ' => {
            let before = s[..i].chars().next_back();
            let after = s[i + c.len_utf8()..].chars().next();
            before.is_none_or(|b| b == ' ' || b == 'ـ')
                && after.is_none_or(|a| a == ' ' || a == 'ـ')
        }
        _ => false,
    }
}

fn strip_marks(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "«»\"“”'()[]،,.".contains(c))
}

fn classify(seg: &str) -> (Part, Option<String>) {
    let s = strip_marks(seg);
    if s.is_empty() {
        return (Part::Other, None);
    }
    if let Some(o) = OUTLETS.get(s) {
        return (Part::Outlet, Some(o.to_owned()));
    }
    // `دبي، الإمارات العربية المتحدة`: the first comma-separated piece decides.
    let first = s.split(['،', ',']).next().unwrap_or(s).trim();
    if PLACES.get(first).is_some() {
        return (Part::Place, Some(s.to_owned()));
    }
    if find_date(s).is_some() {
        return (Part::Date, None);
    }
    let words = s.split_whitespace().count();
    let lettered = s
        .chars()
        .all(|c| c.is_alphabetic() || " .،,\u{0640}".contains(c));
    if (1..=4).contains(&words) && lettered {
        return (Part::Name, Some(s.to_owned()));
    }
    (Part::Other, None)
}

/// Splits into parts at separators and parentheses: `عكاظ (جدة)` → `عكاظ`, `جدة`.
fn parts(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if is_separator(s, i, c) || c == '(' || c == ')' {
            if !s[start..i].trim().is_empty() {
                out.push(&s[start..i]);
            }
            start = i + c.len_utf8();
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(&s[start..]);
    }
    out
}

fn assemble(
    text: &str,
    classified: &[(Part, Option<String>)],
    allow_names: bool,
) -> Option<Dateline> {
    let has = |p: Part| classified.iter().any(|(k, _)| *k == p);
    if !(has(Part::Place) || has(Part::Outlet))
        || has(Part::Other)
        || (!allow_names && has(Part::Name))
    {
        return None;
    }
    let first = |p: Part| {
        classified
            .iter()
            .find(|(k, _)| *k == p)
            .and_then(|(_, v)| v.clone())
    };
    Some(Dateline {
        text: text
            .trim()
            .trim_end_matches(|c: char| c.is_whitespace() || "-–—:ـ|".contains(c))
            .to_owned(),
        location: first(Part::Place),
        outlet: first(Part::Outlet),
        author: first(Part::Name),
        rest: 0,
    })
}

/// Reads a line or field that is a dateline and nothing else.
///
/// ```
/// use khabar::structure::dateline::standalone;
/// let d = standalone("لندن: «الشرق الأوسط»").unwrap();
/// assert_eq!(d.location.as_deref(), Some("لندن"));
/// assert_eq!(d.outlet.as_deref(), Some("الشرق الأوسط"));
/// let d = standalone("القاهرة - أحمد الريدي").unwrap();
/// assert_eq!(d.author.as_deref(), Some("أحمد الريدي"));
/// assert!(standalone("قال المتحدث باسم التحالف").is_none());
/// ```
pub fn standalone(line: &str) -> Option<Dateline> {
    if line.chars().count() > 90 {
        return None;
    }
    let ps = parts(line);
    if ps.is_empty() || ps.len() > 4 {
        return None;
    }
    let classified: Vec<_> = ps.iter().map(|p| classify(p)).collect();
    assemble(line, &classified, true)
}

/// Reads a dateline that opens a paragraph (`دبي، الإمارات العربية المتحدة (CNN) –
/// قال …`, `الرياض - واس - أعلن …`). Only places, outlets and dates may make it up,
/// and a dash or colon must close it, so an ordinary sentence is never taken.
pub fn leading(par: &str) -> Option<Dateline> {
    let mut best = None;
    let mut seps = 0;
    for (i, c) in par.char_indices() {
        if i > 120 || seps >= 4 {
            break;
        }
        if !(is_separator(par, i, c) && c != '/' && c != '|') {
            continue;
        }
        // A hyphen inside a word (`2-صفر`) is no separator.
        let before = par[..i].chars().next_back();
        let after = par[i + c.len_utf8()..].chars().next();
        if c == '-'
            && before.is_some_and(char::is_alphanumeric)
            && after.is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        seps += 1;
        let prefix = &par[..i];
        let ps = parts(prefix);
        if ps.is_empty() || ps.len() > 4 {
            continue;
        }
        let mut classified: Vec<_> = ps.iter().map(|p| classify(p)).collect();
        // `أتلانتا، الولايات المتحدة الأمريكية (CNN) –`: an outlet in parentheses
        // closing the prefix vouches for the place names before it, listed or not.
        if prefix.trim_end().ends_with(')')
            && classified.last().is_some_and(|(k, _)| *k == Part::Outlet)
        {
            for (k, _) in classified.iter_mut() {
                if *k == Part::Name {
                    *k = Part::Place;
                }
            }
        }
        if let Some(mut d) = assemble(prefix, &classified, false) {
            let mut rest = i + c.len_utf8();
            // Swallow doubled dashes and spaces: `(CNN) -- قال`.
            while let Some(n) = par[rest..]
                .chars()
                .next()
                .filter(|n| n.is_whitespace() || "-–—ـ".contains(*n))
            {
                rest += n.len_utf8();
            }
            if rest >= par.len() {
                break;
            }
            d.rest = rest;
            best = Some(d);
        }
    }
    best
}

/// An outlet's sign-off on its own line at the end of an article (`سيريانيوز`,
/// `(رويترز)`, `المصدر: وكالة الأنباء الألمانية`): the outlet's canonical name.
pub fn sign_off(line: &str) -> Option<String> {
    if line.chars().count() > 40 {
        return None;
    }
    let s = line.trim();
    let s = s
        .strip_prefix("المصدر")
        .map(|r| r.trim_start_matches([':', ' ']))
        .unwrap_or(s);
    let s = strip_marks(s);
    if let Some(o) = OUTLETS.get(s) {
        return Some(o.to_owned());
    }
    // An outlet we do not list, written as outlets name themselves online.
    let one_word = !s.is_empty() && !s.contains(' ');
    let webby = ["نيوز", "news", ".نت", ".com", ".net", "أونلاين"]
        .iter()
        .any(|m| s.to_lowercase().contains(m));
    (one_word && webby).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_fields_of_real_outlets() {
        let d = standalone("دمشق - سيريانيوز").unwrap();
        assert_eq!(
            (d.location.as_deref(), d.outlet.as_deref()),
            (Some("دمشق"), Some("سيريانيوز"))
        );
        let d = standalone("دبي ـ العربية.نت").unwrap();
        assert_eq!(
            (d.location.as_deref(), d.outlet.as_deref()),
            (Some("دبي"), Some("العربية.نت"))
        );
        let d = standalone("عكاظ (جدة)").unwrap();
        assert_eq!(
            (d.location.as_deref(), d.outlet.as_deref()),
            (Some("جدة"), Some("عكاظ"))
        );
        let d = standalone("سبق- الرياض:").unwrap();
        assert_eq!(d.text, "سبق- الرياض");
        assert!(standalone("العربيـــة").is_none());
    }

    #[test]
    fn cnn_in_text_dateline() {
        let p = "دبي، الإمارات العربية المتحدة (CNN) -- قال وزير الدفاع الأمريكي، جيمس ماتيس، إنه";
        let d = leading(p).unwrap();
        assert_eq!(d.text, "دبي، الإمارات العربية المتحدة (CNN)");
        assert_eq!(d.location.as_deref(), Some("دبي، الإمارات العربية المتحدة"));
        assert_eq!(d.outlet.as_deref(), Some("CNN"));
        assert_eq!(&p[d.rest..], "قال وزير الدفاع الأمريكي، جيمس ماتيس، إنه");
        let d = leading("أتلانتا، الولايات المتحدة الأمريكية(CNN)— هبط مؤشر داو جونز").unwrap();
        assert_eq!(
            d.location.as_deref(),
            Some("أتلانتا، الولايات المتحدة الأمريكية")
        );
        let d = leading("الرياض - واس - أعلن مجلس الوزراء").unwrap();
        assert_eq!(d.text, "الرياض - واس");
        assert_eq!(d.outlet.as_deref(), Some("واس"));
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert!(leading("أعلن التحالف الدولي - بقيادة الولايات المتحدة - انه يستعد").is_none());
        assert!(leading("ليقود فريقه للفوز 2-صفر على أتليتيك بيلباو").is_none());
        assert!(leading("واشنطن ترفض - ").is_none());
    }

    #[test]
    fn sign_offs() {
        assert_eq!(sign_off("سيريانيوز").as_deref(), Some("سيريانيوز"));
        assert_eq!(sign_off("(رويترز)").as_deref(), Some("رويترز"));
        assert_eq!(sign_off("المصدر: أ ف ب").as_deref(), Some("فرانس برس"));
        assert_eq!(sign_off("عمون نيوز").as_deref(), None);
        assert_eq!(sign_off("انتهى").as_deref(), None);
    }
}
