//! Publication dates in the forms Arabic outlets write them.
//!
//! [`parse_date`] reads a whole field (`TIME`, `datePublished`, a stamp line);
//! [`find_date`] finds the first date inside a longer line (a byline that also
//! carries the date). Both accept:
//!
//! - ISO 8601 with or without offset (`2017-10-28T11:58:00+03:00`, `2017-10-28 11:58`);
//! - RFC 822 / 2822 (`Sun, 18 Feb 2018 21:35:43 +0400`, `… GMT`);
//! - numeric day-first dates with `.`, `/` or `-` (`28.10.2017 11:58`, `28/10/2017`)
//!   and year-first ones (`2017/10/28`);
//! - day, month name, year in every Arabic tradition (`السبت 28 تشرين الأول 2017`,
//!   `28 أكتوبر 2017`, `28 تشرين الأول/أكتوبر 2017`, `28 جانفي 2017`) and English
//!   (`Tuesday, 11 August 2015 - 16:10 pm`, `October 28, 2017`);
//! - Arabic-Indic and Persian digits (`٢٨/١٠/٢٠١٧`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use crate::lexicon::{fold, MONTHS, WEEKDAYS};
use crate::model::{Published, Span};

/// Parses a field that holds a date and nothing else (weekday names, commas and
/// dashes around it allowed).
///
/// ```
/// use khabar::date::parse_date;
/// assert_eq!(parse_date("28.10.2017 11:58").unwrap().to_string(), "2017-10-28T11:58:00");
/// assert_eq!(parse_date("Sun, 18 Feb 2018 21:35:43 +0400").unwrap().to_string(),
///            "2018-02-18T21:35:43+04:00");
/// assert_eq!(parse_date("السبت ٢٨ تشرين الأول/أكتوبر ٢٠١٧").unwrap().to_string(),
///            "2017-10-28T00:00:00");
/// assert!(parse_date("قال المتحدث 28").is_none());
/// ```
pub fn parse_date(s: &str) -> Option<Published> {
    let s = s.trim();
    // Every form has digits; most lines tested for a stamp have none.
    if s.is_empty() || s.len() > 200 || !s.chars().any(is_digit) {
        return None;
    }
    if let Some(p) = parse_machine(s) {
        return Some(p);
    }
    let ascii = to_ascii_digits(s);
    let toks = tokenize(&ascii);
    let (first, last, p) = scan(&toks)?;
    // Everything outside the date must be filler: weekday names, punctuation.
    let filler = |t: &Tok| t.kind != Kind::Num && (t.kind == Kind::Punct || is_weekday(t.text));
    (toks[..first].iter().all(filler) && toks[last..].iter().all(filler)).then_some(p)
}

/// Finds the first date in `s`; returns its byte span in `s` and its value.
///
/// ```
/// use khabar::date::find_date;
/// let s = "الرياض - الرياضية | Tuesday, 11 August 2015 - 16:10 pm";
/// let (span, p) = find_date(s).unwrap();
/// assert_eq!(p.to_string(), "2015-08-11T16:10:00");
/// assert_eq!(&s[span.range()], "Tuesday, 11 August 2015 - 16:10 pm");
/// ```
pub fn find_date(s: &str) -> Option<(Span, Published)> {
    if s.len() > 100_000 || !s.chars().any(is_digit) {
        return None;
    }
    let ascii = to_ascii_digits(s);
    let toks = tokenize(&ascii);
    let (mut first, last, p) = scan(&toks)?;
    // Take a weekday written just before the date into the span.
    while first > 0 && (toks[first - 1].kind == Kind::Punct || is_weekday(toks[first - 1].text)) {
        if is_weekday(toks[first - 1].text) {
            first -= 1;
            break;
        }
        first -= 1;
    }
    while toks[first].kind == Kind::Punct && first + 1 < last {
        first += 1;
    }
    // Token offsets index the ASCII-digit copy; map them back through char counts.
    let start = byte_in_original(s, &ascii, toks[first].start);
    let end = byte_in_original(s, &ascii, toks[last - 1].end);
    Some((Span::new(start, end), p))
}

/// ISO 8601 and RFC 2822, the forms machines write.
fn parse_machine(s: &str) -> Option<Published> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(Published::aware(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        // RFC 2822 `GMT` and `+0000` both mean UTC; keep the offset either way.
        return Some(Published::aware(dt));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return Some(Published::aware(dt));
        }
    }
    if let Some(body) = s.strip_suffix('Z').or_else(|| s.strip_suffix(" UTC")) {
        if let Some(p) = parse_naive_iso(body) {
            return Some(Published::aware(p.and_utc().fixed_offset()));
        }
    }
    parse_naive_iso(s).map(Published::naive)
}

fn parse_naive_iso(s: &str) -> Option<NaiveDateTime> {
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some(dt);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits to ASCII. Both
/// are two bytes in UTF-8 and ASCII digits one, so offsets change; see
/// [`byte_in_original`].
pub(crate) fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

/// Maps a byte offset in `to_ascii_digits(orig)` back to `orig`: the two strings
/// have the same chars one for one.
fn byte_in_original(orig: &str, ascii: &str, byte: usize) -> usize {
    let chars = ascii[..byte.min(ascii.len())].chars().count();
    orig.char_indices()
        .nth(chars)
        .map_or(orig.len(), |(i, _)| i)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Num,
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub(crate) kind: Kind,
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Tok<'_> {
    pub(crate) fn num(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.text.len() <= 4 {
            self.text.parse().ok()
        } else {
            None
        }
    }
    pub(crate) fn is(&self, chars: &str) -> bool {
        self.kind == Kind::Punct && chars.contains(self.text)
    }
}

pub(crate) fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if is_letter(c) {
            Kind::Word
        } else if c.is_whitespace() {
            continue;
        } else {
            toks.push(Tok {
                kind: Kind::Punct,
                text: &s[i..i + c.len_utf8()],
                start: i,
                end: i + c.len_utf8(),
            });
            continue;
        };
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            let same = match kind {
                Kind::Num => d.is_ascii_digit(),
                _ => is_letter(d) && !d.is_ascii_digit(),
            };
            if !same {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        toks.push(Tok {
            kind,
            text: &s[i..end],
            start: i,
            end,
        });
    }
    toks
}

/// A letter or an Arabic mark. Arabic letters are tested by range first: the
/// general `char::is_alphabetic` takes a slow table lookup for every non-ASCII
/// char, and Arabic text is almost all non-ASCII.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}')
        || is_arabic_mark(c)
        || c.is_alphabetic()
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

pub(crate) fn is_weekday(w: &str) -> bool {
    WEEKDAYS.get(w.trim_end_matches('.')).is_some()
}

/// A month name starting at token `i` (one or two words, `تشرين الأول`); returns
/// the month and the index after it. A paired name (`تشرين الأول/أكتوبر`) is
/// taken whole when both halves agree.
pub(crate) fn month_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let one = |i: usize| -> Option<(u32, usize)> {
        let t = toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        if let Some(next) = toks
            .get(i + 1)
            .filter(|n| n.kind == Kind::Word && MONTHS.starts_name(t.text))
        {
            if let Some(m) = MONTHS.get(&format!("{} {}", t.text, next.text)) {
                return Some((m, i + 2));
            }
        }
        let word = t.text;
        let m = MONTHS
            .get(word)
            .or_else(|| MONTHS.get(word.trim_end_matches('.')))?;
        // Skip an abbreviation's full stop: `Oct.`
        let after = if toks.get(i + 1).is_some_and(|n| n.is(".")) && word.is_ascii() {
            i + 2
        } else {
            i + 1
        };
        Some((m, after))
    };
    let (m, mut j) = one(i)?;
    while toks.get(j).is_some_and(|t| t.is("/")) {
        match one(j + 1) {
            Some((m2, k)) if m2 == m => j = k,
            _ => break,
        }
    }
    Some((m, j))
}

pub(crate) fn year(t: &Tok) -> Option<i32> {
    let n = t.num()? as i32;
    match t.text.len() {
        4 if (1800..=2200).contains(&n) => Some(n),
        2 => Some(if n < 70 { 2000 + n } else { 1900 + n }),
        _ => None,
    }
}

/// A date starting at token `i`; returns the date and the index after it.
pub(crate) fn date_at(toks: &[Tok], i: usize) -> Option<(NaiveDate, usize)> {
    let t = toks.get(i)?;
    let at = |k: usize| toks.get(k);
    // Numeric: d.m.y, d/m/y, d-m-y and y-m-d, y/m/d.
    if t.kind == Kind::Num {
        if let (Some(s1), Some(b), Some(s2), Some(c)) = (at(i + 1), at(i + 2), at(i + 3), at(i + 4))
        {
            if s1.is("./-") && s2.text == s1.text && b.kind == Kind::Num && c.kind == Kind::Num {
                let (a, bn) = (t.num()?, b.num()?);
                let date = if t.text.len() == 4 {
                    NaiveDate::from_ymd_opt(a as i32, bn, c.num()?)
                } else {
                    NaiveDate::from_ymd_opt(year(c)?, bn, a)
                };
                return date.map(|d| (d, i + 5));
            }
        }
        // d Month [,] y
        if t.text.len() <= 2 {
            if let Some((m, mut j)) = month_at(toks, i + 1) {
                if at(j).is_some_and(|t| t.is(",،")) {
                    j += 1;
                }
                let yt = at(j).filter(|t| t.text.len() == 4)?;
                let y = year(yt)?;
                return NaiveDate::from_ymd_opt(y, m, t.num()?).map(|d| (d, j + 1));
            }
        }
        return None;
    }
    // Month d, y (English order).
    let (m, j) = month_at(toks, i)?;
    let d = at(j).filter(|t| t.text.len() <= 2)?.num()?;
    let mut k = j + 1;
    if at(k).is_some_and(|t| t.is(",،")) {
        k += 1;
    }
    let y = year(at(k).filter(|t| t.text.len() == 4)?)?;
    NaiveDate::from_ymd_opt(y, m, d).map(|d| (d, k + 1))
}

/// A time of day starting at token `i` (`11:58`, `16:10:05 pm`, `9:30 ص`),
/// with an optional UTC offset after it.
pub(crate) fn time_at(toks: &[Tok], i: usize) -> Option<(NaiveTime, Option<FixedOffset>, usize)> {
    let at = |k: usize| toks.get(k);
    let h = at(i).filter(|t| t.text.len() <= 2)?.num()?;
    if !at(i + 1)?.is(":") {
        return None;
    }
    let mi = at(i + 2).filter(|t| t.text.len() == 2)?.num()?;
    let mut j = i + 3;
    let mut sec = 0;
    if at(j).is_some_and(|t| t.is(":")) {
        if let Some(s) = at(j + 1)
            .filter(|t| t.text.len() == 2)
            .and_then(|t| t.num())
        {
            sec = s;
            j += 2;
        }
    }
    let mut hour = h;
    if let Some(w) = at(j).filter(|t| t.kind == Kind::Word) {
        match fold(w.text).as_str() {
            "pm" | "م" | "مساء" | "مساءا" => {
                if hour < 12 {
                    hour += 12;
                }
                j += 1;
            }
            "am" | "ص" | "صباحا" | "صباح" => {
                if hour == 12 {
                    hour = 0;
                }
                j += 1;
            }
            _ => {}
        }
    }
    let time = NaiveTime::from_hms_opt(hour, mi, sec)?;
    let (offset, j) = offset_at(toks, j);
    Some((time, offset, j))
}

fn offset_at(toks: &[Tok], j: usize) -> (Option<FixedOffset>, usize) {
    let at = |k: usize| toks.get(k);
    match at(j) {
        Some(t) if t.kind == Kind::Word && matches!(t.text, "GMT" | "UTC" | "Z") => {
            // `GMT+3`, `UTC+03:00`
            if let Some((off, k)) = signed_offset(toks, j + 1) {
                return (Some(off), k);
            }
            (FixedOffset::east_opt(0), j + 1)
        }
        Some(_) => match signed_offset(toks, j) {
            Some((off, k)) => (Some(off), k),
            None => (None, j),
        },
        None => (None, j),
    }
}

fn signed_offset(toks: &[Tok], j: usize) -> Option<(FixedOffset, usize)> {
    let sign = match toks.get(j)?.text {
        "+" => 1,
        "-" | "−" => -1,
        _ => return None,
    };
    // The sign must touch its number (`+0300`, `GMT+3`), or `11:58 - 12` would
    // read as an offset.
    let t = toks
        .get(j + 1)
        .filter(|t| t.kind == Kind::Num && t.start == toks[j].end)?;
    let (mut h, mut m, mut k) = match t.text.len() {
        4 => (
            t.text[..2].parse::<i32>().ok()?,
            t.text[2..].parse::<i32>().ok()?,
            j + 2,
        ),
        1 | 2 => (t.text.parse::<i32>().ok()?, 0, j + 2),
        _ => return None,
    };
    if t.text.len() <= 2 && toks.get(k).is_some_and(|c| c.is(":")) {
        if let Some(mm) = toks
            .get(k + 1)
            .filter(|x| x.text.len() == 2)
            .and_then(|x| x.num())
        {
            m = mm as i32;
            k += 2;
        }
    }
    if h > 14 || m > 59 {
        return None;
    }
    h *= sign;
    m *= sign;
    FixedOffset::east_opt(h * 3600 + m * 60).map(|o| (o, k))
}

/// Finds the first date in the tokens, with a time of day right before or after
/// it. Returns the first and one-past-last token and the value.
fn scan(toks: &[Tok]) -> Option<(usize, usize, Published)> {
    for i in 0..toks.len() {
        let Some((date, mut end)) = date_at(toks, i) else {
            continue;
        };
        let mut first = i;
        // Time after: optional separators (`-`, `|`, `،`, `الساعة`, `at`).
        let mut j = end;
        while toks.get(j).is_some_and(|t| {
            t.is("-–—|،,@") || matches!(fold(t.text).as_str(), "الساعة" | "at" | "a" | "à")
        }) {
            j += 1;
        }
        let mut time = time_at(toks, j).map(|(t, o, k)| {
            end = k;
            (t, o)
        });
        // Or time before: `11:58 28.10.2017`.
        if time.is_none() && i >= 3 {
            for back in [3, 4] {
                if let Some(s) = i.checked_sub(back) {
                    if let Some((t, o, k)) = time_at(toks, s) {
                        if k == i || (k + 1 == i && toks[k].kind == Kind::Punct) {
                            time = Some((t, o));
                            first = s;
                            break;
                        }
                    }
                }
            }
        }
        let (t, offset) = time.unwrap_or((NaiveTime::MIN, None));
        let local = date.and_time(t);
        let p = match offset.and_then(|o| local.and_local_timezone(o).single()) {
            Some(dt) => Published::aware(dt),
            None => Published::naive(local),
        };
        return Some((first, end, p));
    }
    None
}

/// Fixed day (R.D. 1 = 0001-01-01 proleptic Gregorian) of 1 Muharram AH 1 in the
/// arithmetic Islamic calendar: Friday 16 July 622 (Julian), the "civil" epoch.
const ISLAMIC_EPOCH: i64 = 227_015;

fn fixed_from_hijri(y: i64, m: i64, d: i64) -> i64 {
    ISLAMIC_EPOCH - 1 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + 29 * (m - 1) + m / 2 + d
}

/// True when Hijri year `y` has 355 days in the arithmetic calendar (years 2, 5,
/// 7, 10, 13, 16, 18, 21, 24, 26 and 29 of each 30-year cycle).
pub fn hijri_leap_year(y: i64) -> bool {
    (14 + 11 * y).rem_euclid(30) < 11
}

/// Converts a Hijri date to the Gregorian calendar with the arithmetic (tabular)
/// Islamic calendar: months alternate 30 and 29 days, Dhu al-Hijja gains a day in
/// the 11 leap years of each 30-year cycle, epoch 16 July 622 (Julian).
///
/// Real Hijri dates follow the sighting of the new moon or a computed calendar
/// such as Umm al-Qura, so the result can be a day early or late (rarely two):
/// the arithmetic calendar is the best an offline converter can do without a
/// table. Returns None for an impossible date (`30 صفر`).
///
/// ```
/// use khabar::date::hijri_to_gregorian;
/// // Umm al-Qura puts 1 Muharram 1439 on 21 September 2017; the arithmetic
/// // calendar a day later.
/// let d = hijri_to_gregorian(1439, 1, 1).unwrap();
/// assert_eq!(d.to_string(), "2017-09-22");
/// ```
pub fn hijri_to_gregorian(y: i64, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let len = if m % 2 == 1 || (m == 12 && hijri_leap_year(y)) {
        30
    } else {
        29
    };
    if d > len {
        return None;
    }
    let fixed = fixed_from_hijri(y, i64::from(m), i64::from(d));
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(fixed).ok()?)
}

/// The arithmetic Hijri date (year, month, day) of a Gregorian date; the inverse of
/// [`hijri_to_gregorian`], with the same ±1 day limits.
pub fn gregorian_to_hijri(date: NaiveDate) -> (i64, u32, u32) {
    use chrono::Datelike;
    let fixed = i64::from(date.num_days_from_ce());
    let y = (30 * (fixed - ISLAMIC_EPOCH) + 10_646).div_euclid(10_631);
    let prior = fixed - fixed_from_hijri(y, 1, 1);
    let m = ((11 * prior + 330).div_euclid(325)).clamp(1, 12);
    let d = fixed - fixed_from_hijri(y, m, 1) + 1;
    (y, m as u32, d.max(1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> String {
        parse_date(s)
            .map(|p| p.to_string())
            .unwrap_or_else(|| format!("NONE for {s}"))
    }

    #[test]
    fn forms_arabic_outlets_use() {
        assert_eq!(iso("28.10.2017 11:58"), "2017-10-28T11:58:00");
        assert_eq!(iso("28/10/2017"), "2017-10-28T00:00:00");
        assert_eq!(iso("2017/10/28"), "2017-10-28T00:00:00");
        assert_eq!(iso("28-10-2017 - 11:58"), "2017-10-28T11:58:00");
        assert_eq!(
            iso("2017-10-28T11:58:00+03:00"),
            "2017-10-28T11:58:00+03:00"
        );
        assert_eq!(iso("2017-10-28T08:58:00Z"), "2017-10-28T08:58:00+00:00");
        assert_eq!(iso("2017-10-28 11:58:00"), "2017-10-28T11:58:00");
        assert_eq!(iso("2017-10-28"), "2017-10-28T00:00:00");
        assert_eq!(
            iso("Sun, 18 Feb 2018 18:06:52 GMT"),
            "2018-02-18T18:06:52+00:00"
        );
        assert_eq!(
            iso("Sun, 18 Feb 2018 21:35:43 +0400"),
            "2018-02-18T21:35:43+04:00"
        );
        assert_eq!(iso("السبت 28 تشرين الأول 2017"), "2017-10-28T00:00:00");
        assert_eq!(iso("28 أكتوبر 2017"), "2017-10-28T00:00:00");
        assert_eq!(iso("28 تشرين الأول/أكتوبر 2017"), "2017-10-28T00:00:00");
        assert_eq!(iso("الثلاثاء، 28 جانفي 2017"), "2017-01-28T00:00:00");
        assert_eq!(iso("٢٨/١٠/٢٠١٧"), "2017-10-28T00:00:00");
        assert_eq!(iso("٢٨.١٠.٢٠١٧ ١١:٥٨"), "2017-10-28T11:58:00");
        assert_eq!(iso("October 28, 2017 4:05 pm"), "2017-10-28T16:05:00");
        assert_eq!(iso("11:58 28.10.2017"), "2017-10-28T11:58:00");
        assert_eq!(
            iso("28 أكتوبر 2017 الساعة 9:30 م GMT+3"),
            "2017-10-28T21:30:00+03:00"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "سيريانيوز",
            "32/13/2017",
            "قال 28 أكتوبر 2017",
            "7 كيلومترات",
            "2017",
            "1% من قذائفنا",
        ] {
            assert!(parse_date(s).is_none(), "{s}");
        }
    }

    #[test]
    fn hijri_dates_convert_both_ways() {
        // Umm al-Qura: 15 Ramadan 1438 = 10 June 2017; the arithmetic calendar may
        // differ by a day.
        let d = hijri_to_gregorian(1438, 9, 15).unwrap();
        let uaq = NaiveDate::from_ymd_opt(2017, 6, 10).unwrap();
        assert!((d - uaq).num_days().abs() <= 1, "{d}");
        assert_eq!(gregorian_to_hijri(d), (1438, 9, 15));
        for y in [1400, 1438, 1439, 1445] {
            for m in 1..=12 {
                let d = hijri_to_gregorian(y, m, 1).unwrap();
                assert_eq!(gregorian_to_hijri(d), (y, m, 1));
            }
        }
        assert!(hijri_to_gregorian(1438, 2, 30).is_none());
        assert!(hijri_to_gregorian(1438, 13, 1).is_none());
    }

    #[test]
    fn finds_a_date_inside_a_byline_with_arabic_digits() {
        let s = "عمان - بترا - ٢٨/١٠/٢٠١٧";
        let (span, p) = find_date(s).unwrap();
        assert_eq!(&s[span.range()], "٢٨/١٠/٢٠١٧");
        assert_eq!(p.to_string(), "2017-10-28T00:00:00");
    }
}
