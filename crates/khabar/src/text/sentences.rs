//! Sentence boundaries.
//!
//! A sentence ends at a line break, or at `.` `!` `?` `؟` `…` `۔` (or a run of
//! them) followed by whitespace or the end of the text, with these exceptions:
//!
//! - A full stop after an abbreviation (`data/abbreviations.tsv`: `د.`, `م.`,
//!   `Mr.`, `U.S.`), after a single letter (an initial: `ج. بوش`), or after a
//!   bare number at the start of a sentence (a list item: `1.`) ends nothing.
//! - A terminator with no space after it ends nothing: decimals and dates
//!   (`3.5`, `28.10.2017`), domains (`العربية.نت`), and the headline run-on
//!   `دفاعاته..التحالف` from the seed article. There the two dots join two
//!   clauses of one headline, as a dash would; headlines are one line and one
//!   unit for the extractors, so we keep them together rather than guess at a
//!   missing space.
//! - Inside a quotation whose closing mark comes later on the same line, a
//!   terminator ends nothing: quoted speech with a full stop (or an ellipsis)
//!   inside stays in its sentence. Quote marks in news text often do not pair
//!   up, so an opening mark with no closing mark on its line protects nothing.
//! - Two dots (or `…`) after at most three words are a headline kicker
//!   (`اليمن.. الحوثيون يقصفون`, `بالصور.. حريق`), which joins like a colon.
//! - Closing quote marks and brackets right after the terminator belong to the
//!   sentence that ends.
//!
//! Spans exclude the whitespace around sentences.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::tokenize::{is_arabic_mark, is_digit};
use crate::model::Span;

static ABBREVIATIONS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/abbreviations.tsv")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold)
        .collect()
});

fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
        .collect()
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// Double quote marks that open or close a quotation.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

/// Splits `text` into sentences (byte spans, whitespace trimmed).
///
/// ```
/// let text = "قال ديلون إن \"القرار سياسي. ولم نصل بعد\". وأضاف أن 3.5% من القوات انسحبت في 28.10.2017 الساعة 11:58.\nسيريانيوز";
/// let s: Vec<&str> = khabar::text::sentences(text).iter().map(|s| &text[s.range()]).collect();
/// assert_eq!(s, [
///     "قال ديلون إن \"القرار سياسي. ولم نصل بعد\".",
///     "وأضاف أن 3.5% من القوات انسحبت في 28.10.2017 الساعة 11:58.",
///     "سيريانيوز",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    let mut start: Option<usize> = None;
    let mut last_end = 0; // end of the last non-space char of the current sentence
    let mut in_quote = false;
    let mut last_closer = LastCloser::default();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            flush(&mut out, &mut start, last_end);
            in_quote = false;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        last_end = i + c.len_utf8();
        if is_quote(c) {
            in_quote = match c {
                '«' | '„' => true,
                '»' => false,
                _ => !in_quote,
            };
            continue;
        }
        if !is_terminator(c) {
            continue;
        }
        // The run of terminators.
        let mut end = last_end;
        let mut run = 1;
        while let Some(&(j, d)) = iter.peek() {
            if !is_terminator(d) {
                break;
            }
            end = j + d.len_utf8();
            run += 1;
            iter.next();
        }
        // Closing marks right after it.
        let mut closed_quote = false;
        while let Some(&(j, d)) = iter.peek() {
            let closes = match d {
                '»' | '”' | ')' | ']' | '’' => true,
                '"' | '“' => in_quote,
                _ => false,
            };
            if !closes {
                break;
            }
            if is_quote(d) {
                in_quote = d == '«';
                closed_quote = true;
            }
            end = j + d.len_utf8();
            iter.next();
        }
        last_end = end;
        let followed_by_space = match iter.peek() {
            None => true,
            Some(&(_, d)) => d.is_whitespace(),
        };
        if !followed_by_space {
            continue;
        }
        let sentence_start = start.unwrap_or(i);
        if run == 1
            && c == '.'
            && !closed_quote
            && no_break_before_full_stop(&text[sentence_start..i])
        {
            continue;
        }
        // `اليمن.. الحوثيون يقصفون`: a headline kicker, not a sentence.
        let kicker = (run == 2 && c == '.') || (run == 1 && c == '…');
        if kicker && !closed_quote && text[sentence_start..i].split_whitespace().count() <= 3 {
            continue;
        }
        if in_quote && last_closer.closes_after(text, end) {
            continue;
        }
        flush(&mut out, &mut start, last_end);
    }
    flush(&mut out, &mut start, last_end);
    out
}

fn flush(out: &mut Vec<Span>, start: &mut Option<usize>, end: usize) {
    if let Some(s) = start.take() {
        if end > s {
            out.push(Span::new(s, end));
        }
    }
}

/// True when a full stop after `before` (the sentence so far) is part of an
/// abbreviation, an initial or a list number.
fn no_break_before_full_stop(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && c != '.')
                || matches!(c, '(' | '«' | '"')
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|&c| !is_arabic_mark(c)).count();
    if letters == 1 && word.chars().next().is_some_and(char::is_alphabetic) {
        return true;
    }
    if word_start == 0 && word.chars().all(is_digit) {
        return true;
    }
    ABBREVIATIONS.contains(&fold(word))
}

/// The last quote mark of the current line, found once per line so that many
/// terminators inside one long quotation cost linear time.
#[derive(Default)]
struct LastCloser {
    line_end: usize,
    last: Option<usize>,
}

impl LastCloser {
    /// True when a quote mark that can close a quotation follows `at` on its line.
    fn closes_after(&mut self, text: &str, at: usize) -> bool {
        if at >= self.line_end || self.line_end == 0 {
            let rest = &text[at..];
            self.line_end = at + memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            self.last = text[at..self.line_end]
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, '"' | '”' | '“' | '»'))
                .map(|(i, _)| at + i);
        }
        self.last.is_some_and(|q| q >= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn splits_on_terminators_and_lines() {
        assert_eq!(
            split("أولا. ثانيا! ثالثا؟ ثم جاء رابعا بعد ذلك…  خامسا"),
            ["أولا.", "ثانيا!", "ثالثا؟", "ثم جاء رابعا بعد ذلك…", "خامسا"]
        );
        assert_eq!(split("سطر أول\nسطر ثان\n\n  "), ["سطر أول", "سطر ثان"]);
        assert_eq!(split("لماذا؟! لا أعرف."), ["لماذا؟!", "لا أعرف."]);
    }

    #[test]
    fn keeps_numbers_dates_times_abbreviations_initials() {
        assert_eq!(
            split("بلغ 3.5 بالمئة في 28.10.2017 الساعة 11:58 أمس."),
            ["بلغ 3.5 بالمئة في 28.10.2017 الساعة 11:58 أمس."]
        );
        assert_eq!(
            split("قال د. أحمد إن ج. بوش وصل. ثم غادر."),
            ["قال د. أحمد إن ج. بوش وصل.", "ثم غادر."]
        );
        assert_eq!(
            split("Mr. Smith met U.S. officials. They left."),
            ["Mr. Smith met U.S. officials.", "They left."]
        );
        assert_eq!(split("1. البند الأول"), ["1. البند الأول"]);
        assert_eq!(split("موقع العربية.نت نشر"), ["موقع العربية.نت نشر"]);
    }

    #[test]
    fn seed_title_run_on_stays_one_sentence() {
        let t = "بعد تعزيز \"داعش\" دفاعاته..التحالف يستعد لشن هجوم على البوكمال بدير الزور";
        assert_eq!(split(t), [t]);
        let t = "اليمن.. الحوثيون يقصفون مأرب. وقال مسؤول..";
        assert_eq!(split(t), ["اليمن.. الحوثيون يقصفون مأرب.", "وقال مسؤول.."]);
        assert_eq!(
            split("قال إن الوضع صعب.. ثم غادر"),
            ["قال إن الوضع صعب..", "ثم غادر"]
        );
    }

    #[test]
    fn quoted_speech_with_full_stop_stays_inside() {
        assert_eq!(
            split("قال: «انتهى الأمر. سنرحل» ثم صمت. وبعد"),
            ["قال: «انتهى الأمر. سنرحل» ثم صمت.", "وبعد"]
        );
        assert_eq!(
            split("قال \"انتهى... ربما\" وغادر."),
            ["قال \"انتهى... ربما\" وغادر."]
        );
        assert_eq!(
            split("قال \"انتهى.\" ثم غادر."),
            ["قال \"انتهى.\"", "ثم غادر."]
        );
        // An opening mark that never closes protects nothing.
        assert_eq!(split("قال \"انتهى. ثم غادر."), ["قال \"انتهى.", "ثم غادر."]);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n ").is_empty());
        assert_eq!(split("..."), ["..."]);
        assert_eq!(split("\u{064E}."), ["\u{064E}."]);
    }
}
