//! Quantities: numbers in digits or words with their unit — casualty counts,
//! distances, areas, weights, money, percentages.
//!
//! - Digits in ASCII, Arabic-Indic and Persian, with thousands separators
//!   (`1,500`, `١٬٥٠٠`) and decimals (`2.5`, `٢٫٥`, `3,5`), and a scale word
//!   (`50 ألف`, `2.5 مليار`).
//! - Number words (`خمسة وعشرون`, `ثلاثة آلاف`, `ألفين`) and vague round counts
//!   (`عشرات`, `مئات`, `آلاف`, `الآلاف`, `عشرات الآلاف`), which are
//!   `approximate`; so are numbers after a hedge (`نحو`, `أكثر من`), which stays
//!   outside the span.
//! - Ranges (`10-15`, `بين 10 و15`, `من 10 إلى 15`) are one quantity spanning both
//!   ends, with the lower bound as `value` and `approximate` set.
//! - Units from `data/units.tsv`: `km`, `km2`, `kg`, `t`, currencies (`USD`, `SYP`,
//!   or a bare currency name such as `lira`), `percent`, people counted
//!   (`killed`, `injured`, `civilian`, `person`, `refugee`, …) and durations.
//!
//! Dates, times of day and years (anything the time extractor finds, and bare
//! four-digit years), phone numbers, ordinals (`الـ24`) and labels (`القرار
//! 2254`, `F-16`, `G20`) are not quantities.

use crate::date::Kind;
use crate::lexicon::{QUANTITY_CONTEXT, UNITS};
use crate::model::{Published, Quantity, Span, TimeExpr};

use super::numbers::{number_at, Number};
use super::{ascii_copy, times, Ctx};

/// Finds the quantities in `text`. `published` is used only to find the time
/// expressions, whose numbers are not quantities.
///
/// ```
/// let text = "حيث فر الآلاف من السوريين على طول 7 كيلومترات، و\"1% من قذائفنا\"";
/// let qs = khabar::extract::quantities::extract(text, None);
/// let got: Vec<(&str, f64, Option<&str>, bool)> = qs
///     .iter()
///     .map(|q| (&text[q.span.range()], q.value, q.unit.as_deref(), q.approximate))
///     .collect();
/// assert_eq!(got, [
///     ("الآلاف", 1000.0, None, true),
///     ("7 كيلومترات", 7.0, Some("km"), false),
///     ("1%", 1.0, Some("percent"), false),
/// ]);
/// ```
pub fn extract(text: &str, published: Option<Published>) -> Vec<Quantity> {
    let times = times::extract(text, published);
    extract_excluding(text, &times)
}

/// [`extract`] with the time expressions already found: numbers inside them are
/// skipped.
pub fn extract_excluding(text: &str, times: &[TimeExpr]) -> Vec<Quantity> {
    let ascii = ascii_copy(text);
    let ctx = Ctx::new(text, &ascii);
    extract_in(&ctx, times)
}

/// [`extract_excluding`] on text already tokenized.
pub(crate) fn extract_in(ctx: &Ctx, times: &[TimeExpr]) -> Vec<Quantity> {
    let text = ctx.text;
    // Time spans by start, with the greatest end so far: a span overlaps a time
    // when one of the times starting before its end reaches past its start.
    let mut spans: Vec<(usize, usize)> = times.iter().map(|t| (t.span.start, t.span.end)).collect();
    spans.sort_unstable();
    let mut reach = 0;
    let max_end: Vec<usize> = spans
        .iter()
        .map(|&(_, e)| {
            reach = reach.max(e);
            reach
        })
        .collect();
    let in_time = |sp: Span| {
        let k = spans.partition_point(|&(s, _)| s < sp.end);
        k.checked_sub(1).is_some_and(|k| max_end[k] > sp.start)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ctx.len() {
        if !ctx.starts[i] {
            i += 1;
            continue;
        }
        let Some(n) = number_at(ctx, i) else {
            i += 1;
            continue;
        };
        match quantity(ctx, i, n) {
            Step::Found(q, end) => {
                if !in_time(q.span) && text.get(q.span.range()).is_some() && !q.span.is_empty() {
                    out.push(q);
                }
                i = end.max(i + 1);
            }
            Step::Skip(end) => i = end.max(i + 1),
        }
    }
    out
}

enum Step {
    Found(Quantity, usize),
    Skip(usize),
}

/// Clitics and prepositions a number may be glued to (`و5`, `ب15`, `إلى14.67`).
fn is_clitic_or_preposition(w: &str) -> bool {
    matches!(
        w,
        "و" | "ب"
            | "ل"
            | "ف"
            | "ك"
            | "وب"
            | "ول"
            | "فب"
            | "بـ"
            | "لـ"
            | "الي"
            | "من"
            | "عند"
            | "في"
            | "حتي"
            | "نحو"
            | "بين"
            | "علي"
    )
}

/// True when the number at token `i` is a label, an ordinal or part of a code.
fn is_label(ctx: &Ctx, i: usize) -> bool {
    let toks = &ctx.toks;
    let Some(p) = i.checked_sub(1) else {
        return false;
    };
    let prev = &toks[p];
    // `الـ24`, `الـ 24`: an ordinal.
    if prev.kind == Kind::Word && ctx.f(p) == "ال" {
        return true;
    }
    // Glued to a word that is not a clitic (`G20`), or to `-` glued to one
    // (`F-16`, `كوفيد-19`).
    if ctx.touches_prev(i) {
        // Glued to a word (`G20`, `فرانس24`), unless the word is a clitic or a
        // preposition missing its space (`و5`, `إلى14.67`).
        if prev.kind == Kind::Word && !is_clitic_or_preposition(ctx.f(p)) {
            return true;
        }
        if prev.is("-/") && p > 0 && ctx.touches_prev(p) && toks[p - 1].kind == Kind::Word {
            return true;
        }
        // `+963…`: a phone number.
        if prev.is("+") {
            return true;
        }
    }
    // After a Latin word (`iPhone 8`, `Windows 10`) or a label word (`القرار 2254`).
    if prev.kind == Kind::Word && prev.text.is_ascii() {
        return true;
    }
    let label = |k: usize| {
        ctx.readings(k)
            .iter()
            .any(|(_, r)| QUANTITY_CONTEXT.has(r, "identifier"))
    };
    prev.kind == Kind::Word && label(p)
}

/// The unit at token `k`: (unit, index after).
fn unit_at(ctx: &Ctx, k: usize) -> Option<(&'static str, usize)> {
    let t = ctx.toks.get(k)?;
    if t.kind == Kind::Punct {
        return UNITS
            .rows_folded(t.text)
            .first()
            .and_then(|r| r.first())
            .map(|u| (*u, k + 1));
    }
    if t.kind != Kind::Word {
        return None;
    }
    // Read the first word as written, without `ال`, or without a clitic `ب`
    // (`بالمئة` is listed whole).
    let f = ctx.f(k);
    let mut firsts = vec![f.to_owned()];
    if let Some(rest) = f.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
        firsts.push(rest.to_owned());
    }
    for first in firsts {
        let mut key = first;
        let mut best = UNITS.rows_folded(&key).first().map(|r| (r, k + 1));
        for j in k + 1..(k + UNITS.max_words).min(ctx.len()) {
            if !ctx.is_word(j) {
                break;
            }
            key.push(' ');
            key.push_str(ctx.f(j));
            if let Some(r) = UNITS.rows_folded(&key).first() {
                best = Some((r, j + 1));
            }
        }
        if let Some((row, end)) = best {
            return row.first().map(|u| (*u, end));
        }
    }
    None
}

/// A hedge phrase ending just before token `i` (`نحو`, `أكثر من`, `ما يقرب من`).
pub(crate) fn hedged(ctx: &Ctx, i: usize) -> bool {
    for len in 1..=QUANTITY_CONTEXT.max_words.min(i) {
        let words: Option<Vec<String>> = (i - len..i)
            .map(|k| {
                if !ctx.is_word(k) {
                    return None;
                }
                // A clitic on the first word of the hedge (`وحوالي`).
                if k == i - len {
                    ctx.readings(k)
                        .iter()
                        .map(|(_, r)| r.clone())
                        .find(|r| {
                            QUANTITY_CONTEXT
                                .rows_folded(r)
                                .iter()
                                .any(|row| row.first() == Some(&"hedge"))
                                || len > 1
                        })
                        .or_else(|| Some(ctx.f(k).to_owned()))
                } else {
                    Some(ctx.f(k).to_owned())
                }
            })
            .collect();
        if let Some(words) = words {
            if QUANTITY_CONTEXT.has(&words.join(" "), "hedge") {
                return true;
            }
        }
    }
    false
}

fn is_range_joiner(ctx: &Ctx, k: usize) -> bool {
    let Some(t) = ctx.toks.get(k) else {
        return false;
    };
    match t.kind {
        Kind::Punct => t.is("-–"),
        Kind::Word => QUANTITY_CONTEXT.has(ctx.f(k), "range"),
        Kind::Num => false,
    }
}

fn quantity(ctx: &Ctx, i: usize, n: Number) -> Step {
    let toks = &ctx.toks;
    if !n.words && is_label(ctx, i) {
        return Step::Skip(n.end);
    }
    let digits = toks[i].text;
    // Phone numbers: long digit runs, or a leading zero on a long number.
    if n.plain_digits && (digits.len() >= 7 || (digits.len() >= 4 && digits.starts_with('0'))) {
        return Step::Skip(n.end);
    }
    let mut end = n.end;
    let mut approx = n.approx;
    // A range: `10-15`, `10 إلى 15`, `10 و15` (after `بين` or `من`).
    if is_range_joiner(ctx, end) {
        let joiner_is_wa = ctx.f(end) == "و";
        let opened = i
            .checked_sub(1)
            .is_some_and(|p| matches!(ctx.f(p), "بين" | "من" | "ما"));
        if let Some(n2) = number_at(ctx, end + 1) {
            if n2.value > n.value && n2.words == n.words && (!joiner_is_wa || opened) {
                end = n2.end;
                approx = true;
            } else if toks[end].is("-")
                && !n.words
                && !n2.words
                && n.value <= 20.0
                && n2.value <= 20.0
            {
                // `2-1`: a score.
                return Step::Skip(n2.end);
            }
        }
    }
    // The unit; vague counts take theirs after `من` (`مئات من العسكريين`).
    let mut unit = unit_at(ctx, end);
    if unit.is_none() && n.approx && ctx.f(end) == "من" {
        unit = unit_at(ctx, end + 1);
    }
    // `$50`.
    let dollar_before = i > 0 && toks[i - 1].is("$");
    let mut value = n.value;
    let unit_name = match unit {
        Some((u, e)) => {
            // `نصف ساعة` in a duration after `من` is not read past `من`.
            end = e;
            Some(u.to_owned())
        }
        None if dollar_before => Some("USD".to_owned()),
        None => None,
    };
    if n.fraction && unit_name.is_none() {
        return Step::Skip(n.end);
    }
    // A bare four-digit number from 1900 to 2100 with no unit is a year.
    if n.plain_digits
        && unit_name.is_none()
        && digits.len() == 4
        && (1900.0..=2100.0).contains(&value)
    {
        return Step::Skip(end);
    }
    if ctx.f(end) == "تقريبا" {
        approx = true;
    }
    if hedged(ctx, i) {
        approx = true;
    }
    if !value.is_finite() {
        value = 0.0;
    }
    let start = ctx.orig(toks[i].start + n.skip);
    let last = end.saturating_sub(1).max(i);
    let span = Span::new(start, ctx.orig(toks[last].end));
    Step::Found(
        Quantity {
            span,
            value,
            unit: unit_name,
            approximate: approx,
            paragraph: 0,
            sentence: 0,
        },
        end,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn many_times_and_quantities_are_linear() {
        // Each quantity was checked against every time expression: minutes on
        // a long paragraph; now a binary search.
        let text = "قتل 15 مدنيا يوم الاحد الماضي و".repeat(40_000);
        let (qs, t) = crate::testing::cpu_time(|| extract(&text, None));
        assert_eq!(qs.len(), 40_000);
        assert!(t.as_secs() < 10, "{t:?}");
    }

    use super::*;

    fn q(text: &str) -> Vec<(String, f64, Option<String>, bool)> {
        extract(text, None)
            .into_iter()
            .map(|q| {
                (
                    text[q.span.range()].to_owned(),
                    q.value,
                    q.unit,
                    q.approximate,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, Option<String>, bool) {
        let v = q(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v[0].clone()
    }

    fn e(s: &str, v: f64, u: Option<&str>, a: bool) -> (String, f64, Option<String>, bool) {
        (s.to_owned(), v, u.map(str::to_owned), a)
    }

    #[test]
    fn digits_units_and_percent() {
        assert_eq!(
            one("على طول 7 كيلومترات من"),
            e("7 كيلومترات", 7.0, Some("km"), false)
        );
        assert_eq!(one("\"1% من قذائفنا"), e("1%", 1.0, Some("percent"), false));
        assert_eq!(one("نسبة ٥٪"), e("٥٪", 5.0, Some("percent"), false));
        assert_eq!(
            one("بنسبة 5 في المئة"),
            e("5 في المئة", 5.0, Some("percent"), false)
        );
        assert_eq!(
            one("مقتل 250 مدنيا"),
            e("250 مدنيا", 250.0, Some("civilian"), false)
        );
        assert_eq!(
            one("اعتقال 50 ألف شخص"),
            e("50 ألف شخص", 50_000.0, Some("person"), false)
        );
        assert_eq!(
            one("بقيمة 2.5 مليار دولار"),
            e("2.5 مليار دولار", 2.5e9, Some("USD"), false)
        );
        assert_eq!(
            one("نحو 100 قتيل"),
            e("100 قتيل", 100.0, Some("killed"), true)
        );
        assert_eq!(
            one("١٬٥٠٠ لاجئ"),
            e("١٬٥٠٠ لاجئ", 1500.0, Some("refugee"), false)
        );
        assert_eq!(
            one("ثلاثة آلاف جريح"),
            e("ثلاثة آلاف جريح", 3000.0, Some("injured"), false)
        );
        assert_eq!(
            one("مليون ليرة سورية"),
            e("مليون ليرة سورية", 1e6, Some("SYP"), false)
        );
        assert_eq!(
            one("بين 10 و15 شخصا"),
            e("10 و15 شخصا", 10.0, Some("person"), true)
        );
        assert_eq!(
            one("مساحة 20 كيلومترا مربعا"),
            e("20 كيلومترا مربعا", 20.0, Some("km2"), false)
        );
    }

    #[test]
    fn approximate_counts() {
        assert_eq!(one("فرّ الآلاف من السوريين"), e("الآلاف", 1000.0, None, true));
        assert_eq!(
            one("مئات من العسكريين"),
            e("مئات من العسكريين", 100.0, Some("soldier"), true)
        );
        assert_eq!(
            one("عشرات القتلى"),
            e("عشرات القتلى", 10.0, Some("killed"), true)
        );
        assert_eq!(one("مئات الآلاف"), e("مئات الآلاف", 100_000.0, None, true));
    }

    #[test]
    fn what_is_not_a_quantity() {
        for t in [
            "28.10.2017 11:58",
            "في عام 2014",
            "في 2014",
            "منذ 2011 قتل",
            "القرار 2254",
            "طائرات F-16",
            "قمة G20",
            "قناة فرانس24",
            "الدورة الـ24",
            "اتصل على 0933123456",
            "فاز 2-1 على",
            "أحد القادة",
            "قبل ثلاثة أيام",
            "يوم 22 أكتوبر",
        ] {
            assert!(q(t).is_empty(), "{t}: {:?}", q(t));
        }
    }

    proptest::proptest! {
        #[test]
        fn spans_fall_on_char_boundaries(text in "\\PC{0,200}") {
            for q in extract(&text, None) {
                proptest::prop_assert!(text.get(q.span.range()).is_some());
                proptest::prop_assert!(q.value.is_finite());
            }
        }
    }
}
