//! Numbers as Arabic news writes them, shared by the time and quantity
//! extractors: digits in any script with thousands separators and decimals
//! (`1,500`, `٣٫٥`, `2.5 مليار`), and number words (`خمسة وعشرون`, `ثلاثة آلاف`,
//! `مئات الآلاف`), whose lexicon is `data/numbers.tsv`.

use crate::date::Kind;
use crate::lexicon::NUMBER_WORDS;

use super::Ctx;

/// A number found at a token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    /// Bytes of a clitic before the first word (`و` of `وثلاثة`), in the copy.
    pub skip: usize,
    /// Index of the token after the number.
    pub end: usize,
    /// The value.
    pub value: f64,
    /// A vague round count (`مئات`, `عشرات الآلاف`).
    pub approx: bool,
    /// Written in words rather than digits.
    pub words: bool,
    /// A bare fraction word (`نصف`), a number only before a unit or scale.
    pub fraction: bool,
    /// Digits only, no separator, decimal or scale word (for telling years and
    /// phone numbers apart).
    pub plain_digits: bool,
}

fn class_value(folded: &str, class: &str) -> Option<f64> {
    NUMBER_WORDS
        .class_folded(folded, class)
        .and_then(|v| v.parse().ok())
}

/// A scale word (`ألف`, `آلاف`, `مليون`) at token `k`.
fn scale_at(ctx: &Ctx, k: usize) -> Option<f64> {
    if !ctx.is_word(k) {
        return None;
    }
    class_value(ctx.f(k), "scale")
}

/// The number starting at token `i`, if any.
pub(crate) fn number_at(ctx: &Ctx, i: usize) -> Option<Number> {
    if ctx.is_num(i) {
        digits_at(ctx, i)
    } else if ctx.is_word(i) {
        words_at(ctx, i)
    } else {
        None
    }
}

fn digits_at(ctx: &Ctx, i: usize) -> Option<Number> {
    let toks = &ctx.toks;
    let mut s = toks.get(i)?.text.to_owned();
    let mut j = i + 1;
    let mut plain = true;
    let tok_is = |k: usize, chars: &[&str]| {
        toks.get(k)
            .is_some_and(|t| t.kind == Kind::Punct && chars.contains(&t.text))
    };
    let num_len = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.text.len())
    };
    // Thousands groups: `1,500,000`, `1٬500`.
    if s.len() <= 3 {
        while tok_is(j, &[",", "٬"])
            && ctx.touches_prev(j)
            && num_len(j + 1) == Some(3)
            && ctx.touches_prev(j + 1)
        {
            s.push_str(toks[j + 1].text);
            j += 2;
            plain = false;
        }
    }
    // Decimals: `2.5`, `٣٫٥`, `3,5` (a comma not followed by a group of three).
    if tok_is(j, &[".", "٫", ","])
        && ctx.touches_prev(j)
        && ctx.is_num(j + 1)
        && ctx.touches_prev(j + 1)
    {
        let sep_comma = toks[j].text == ",";
        if !(sep_comma && num_len(j + 1) == Some(3)) {
            // `28.10.2017`: a second separator means a date or a version, not a decimal.
            if !(tok_is(j + 2, &[".", "/", "-"]) && ctx.touches_prev(j + 2)) {
                s.push('.');
                s.push_str(toks[j + 1].text);
                j += 2;
                plain = false;
            }
        }
    }
    let mut value: f64 = s.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    if let Some(scale) = scale_at(ctx, j) {
        value *= scale;
        j += 1;
        plain = false;
    }
    Some(Number {
        skip: 0,
        end: j,
        value,
        approx: false,
        words: false,
        fraction: false,
        plain_digits: plain,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    Unit,
    Ten,
    Hundred,
    Scale,
    Approx,
    Fraction,
}

fn words_at(ctx: &Ctx, i: usize) -> Option<Number> {
    // The first word, possibly with a clitic (`وثلاثة`, `بعشرات`).
    let (skip, first) = ctx
        .readings(i)
        .iter()
        .find(|(_, r)| {
            NUMBER_WORDS
                .rows_folded(r)
                .iter()
                .any(|row| row.first() != Some(&"teen") || r == "عشر")
        })
        .map(|(s, r)| (*s, r.clone()))?;
    // `الاثني عشر`: a definite number whose `عشر` alone is not ten.
    if first == "عشر" && i > 0 && ctx.f(i - 1).starts_with("ال") {
        return None;
    }
    let rows = NUMBER_WORDS.rows_folded(&first);
    let row = |class: &str| {
        rows.iter()
            .find(|r| r.first() == Some(&class))
            .and_then(|r| r.get(1))
            .and_then(|v| v.parse::<f64>().ok())
    };
    let (mut total, mut cur, mut approx) = (0.0, 0.0, false);
    let mut last;
    if let Some(v) = row("approx") {
        cur = v;
        last = Last::Approx;
        approx = true;
    } else if let Some(v) = row("unit") {
        cur = v;
        last = Last::Unit;
    } else if let Some(v) = row("teen") {
        cur = v;
        last = Last::Ten;
    } else if let Some(v) = row("ten") {
        cur = v;
        last = Last::Ten;
    } else if let Some(v) = row("hundred") {
        cur = v;
        last = Last::Hundred;
    } else if let Some(v) = row("dual") {
        total = v;
        last = Last::Scale;
    } else if let Some(v) = row("scale") {
        total = v;
        last = Last::Scale;
    } else if let Some(v) = row("fraction") {
        cur = v;
        last = Last::Fraction;
    } else {
        return None;
    }
    let mut k = i + 1;
    while ctx.is_word(k) {
        let f = ctx.f(k);
        let (wa, w) = match f.strip_prefix('و') {
            Some(rest) if !NUMBER_WORDS.rows_folded(f).iter().any(|_| true) => (true, rest),
            _ => (false, f),
        };
        let v = |class: &str| class_value(w, class);
        if !wa {
            if let (Some(t), Last::Unit) = (v("teen").or(v("unit").filter(|x| *x == 10.0)), last) {
                if cur < 10.0 {
                    cur += t;
                    last = Last::Ten;
                    k += 1;
                    continue;
                }
            }
            if let (Some(100.0), Last::Unit) = (v("hundred"), last) {
                cur *= 100.0;
                last = Last::Hundred;
                k += 1;
                continue;
            }
            if last == Last::Approx {
                if let Some(s) = v("approx").filter(|s| *s >= 1000.0) {
                    cur *= s;
                    k += 1;
                    continue;
                }
            }
            if let Some(s) = v("scale") {
                if last != Last::Scale {
                    total += if cur > 0.0 { cur } else { 1.0 } * s;
                    cur = 0.0;
                    last = Last::Scale;
                    k += 1;
                    continue;
                }
            }
            break;
        }
        // `و` + unit, ten or hundred adds on.
        if last == Last::Approx || last == Last::Fraction {
            break;
        }
        if let Some(x) = v("ten").or(v("unit")).or(v("hundred")) {
            if x < 1000.0 {
                cur += x;
                last = if x >= 100.0 {
                    Last::Hundred
                } else if x >= 20.0 {
                    Last::Ten
                } else {
                    Last::Unit
                };
                k += 1;
                continue;
            }
        }
        if let Some(x) = v("dual") {
            total += x;
            last = Last::Scale;
            k += 1;
            continue;
        }
        break;
    }
    let value = total + cur;
    // `واحد`/`أحد` alone are pronouns as often as numbers (`أحد القادة`, `في آن واحد`).
    if k == i + 1 && last == Last::Unit && value <= 1.0 {
        return None;
    }
    Some(Number {
        skip,
        end: k,
        value,
        approx,
        words: true,
        fraction: last == Last::Fraction && k == i + 1,
        plain_digits: false,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{ascii_copy, Ctx};
    use super::*;

    fn num(s: &str) -> Option<(f64, bool, usize)> {
        let ascii = ascii_copy(s);
        let ctx = Ctx::new(s, &ascii);
        number_at(&ctx, 0).map(|n| (n.value, n.approx, n.end))
    }

    #[test]
    fn digits_in_every_script_with_separators() {
        assert_eq!(num("1,500,000 شخص"), Some((1_500_000.0, false, 5)));
        assert_eq!(num("٣٫٥ مليون"), Some((3_500_000.0, false, 4)));
        assert_eq!(num("3,5"), Some((3.5, false, 3)));
        assert_eq!(num("۱۲"), Some((12.0, false, 1)));
        assert_eq!(num("50 ألف"), Some((50_000.0, false, 2)));
    }

    #[test]
    fn number_words() {
        assert_eq!(num("ثلاثة أيام").map(|n| n.0), Some(3.0));
        assert_eq!(num("خمسة وعشرون").map(|n| n.0), Some(25.0));
        assert_eq!(num("ثلاثة عشر").map(|n| n.0), Some(13.0));
        assert_eq!(num("إحدى عشرة").map(|n| n.0), Some(11.0));
        assert_eq!(num("ثلاثة آلاف وخمسمئة").map(|n| n.0), Some(3500.0));
        assert_eq!(num("ألفين").map(|n| n.0), Some(2000.0));
        assert_eq!(num("مليون دولار").map(|n| n.0), Some(1e6));
        assert_eq!(num("نصف مليون").map(|n| n.0), Some(500_000.0));
        assert_eq!(num("مئات").map(|n| (n.0, n.1)), Some((100.0, true)));
        assert_eq!(
            num("عشرات الآلاف").map(|n| (n.0, n.1)),
            Some((10_000.0, true))
        );
        assert_eq!(num("الآلاف").map(|n| (n.0, n.1)), Some((1000.0, true)));
        assert_eq!(num("أحد القادة"), None);
        assert_eq!(num("وثلاثة").map(|n| n.0), Some(3.0));
        assert_eq!(num("ثلاثة أرباع").map(|n| n.0), Some(0.75));
        assert_eq!(num("7.45 تريليون").map(|n| n.0), Some(7.45e12));
    }
}
