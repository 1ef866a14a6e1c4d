//! Record to [`Article`] skeleton: cleaned text, title, lede, paragraphs, outlet,
//! dateline, author and publication time.
//!
//! The rules, in order:
//! 1. Paragraphs come from the format (`<P>`, JSON arrays) or from the text's
//!    lines: a blank line separates blocks, each line of a block is a paragraph
//!    unless the block is hard-wrapped, when its lines are joined.
//! 2. Plain text has no title field, so its first line is the title.
//! 3. Publication stamps (`28.10.2017 11:58`) and outlet sign-offs (`سيريانيوز`)
//!    on their own lines at the start or end are metadata, not paragraphs.
//! 4. A dateline, standalone or opening the first paragraph, goes to `dateline`,
//!    its place to `location`, and its outlet to `source`.
//! 5. The lede is the record's own (ABSTRACT, description) or else the first
//!    paragraph; a body paragraph that repeats it almost word for word is flagged.

mod clean;
pub mod dateline;

pub use clean::clean_inline;

use crate::date::{find_date, parse_date};
use crate::error::{Error, Result};
use crate::input::{Body, Format, Record};
use crate::model::{Article, Paragraph, ParagraphKind, Published, Span};

/// How much structure to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A news article: title, lede, dateline, stamps and sign-offs are detected.
    Article,
    /// Bare text (`khabar.analyze`): no title or outlet detection, paragraphs
    /// split at blank lines only.
    Plain,
}

/// Builds the article skeleton from a record. Fails on a record with no text,
/// naming which.
///
/// ```
/// use khabar::input::{Body, Record};
/// use khabar::structure::{build, Mode};
/// let rec = Record { body: Body::Text("عنوان الخبر\n\nالفقرة الأولى.\n\nالفقرة الثانية.\n\nسيريانيوز".into()),
///                    ..Record::default() };
/// let a = build(rec, Mode::Article).unwrap();
/// assert_eq!(a.title.as_deref(), Some("عنوان الخبر"));
/// assert_eq!(a.source.as_deref(), Some("سيريانيوز"));
/// assert_eq!(a.paragraphs.len(), 2);
/// ```
pub fn build(rec: Record, mode: Mode) -> Result<Article> {
    let opt = |s: Option<String>| s.map(|s| clean_inline(&s)).filter(|s| !s.is_empty());
    let mut title = opt(rec.title);
    let body = |p: String| (p, ParagraphKind::Body);
    let (mut paragraphs, mut kinds): (Vec<String>, Vec<ParagraphKind>) = match rec.body {
        Body::Paragraphs(ps) => ps
            .iter()
            .map(|p| clean_inline(p))
            .filter(|p| !p.is_empty())
            .map(body)
            .unzip(),
        Body::Blocks(bs) => bs
            .iter()
            .map(|(p, kind)| (clean_inline(p), *kind))
            .filter(|(p, _)| !p.is_empty())
            .unzip(),
        Body::Text(t) => match mode {
            Mode::Plain => clean::blocks(&t)
                .into_iter()
                .map(|b| b.join("\n"))
                .map(body)
                .unzip(),
            Mode::Article => clean::blocks(&t)
                .into_iter()
                .flat_map(clean::block_paragraphs)
                .map(body)
                .unzip(),
        },
    };
    let mut a = Article {
        id: String::new(),
        url: opt(rec.url),
        author: opt(rec.author),
        section: opt(rec.section),
        tags: rec
            .tags
            .iter()
            .map(|t| clean_inline(t))
            .filter(|t| !t.is_empty())
            .collect(),
        image: opt(rec.image),
        language: opt(rec.language),
        source: opt(rec.source),
        modified: rec.modified.as_deref().and_then(date_field),
        published: rec.published.as_deref().and_then(date_field),
        ..Article::default()
    };
    let record_id = opt(rec.id);

    if mode == Mode::Article {
        // Plain text: the first line is the title (unless it is the only line).
        if title.is_none() && rec.format.is_none_or(|f| f == Format::Text) && paragraphs.len() > 1 {
            title = Some(paragraphs.remove(0));
            kinds.remove(0);
        }
        // Both drop whole paragraphs from the ends only; keep the kinds aligned.
        trailing_metadata(&mut paragraphs, &mut a);
        kinds.truncate(paragraphs.len());
        leading_metadata(&mut paragraphs, &mut a);
        kinds.drain(..kinds.len().saturating_sub(paragraphs.len()));
        for field in [opt(rec.dateline), a.author.clone()].into_iter().flatten() {
            if let Some(d) = dateline::standalone(&field) {
                let from_author = a.author.as_deref() == Some(field.as_str());
                apply_dateline(&mut a, d, from_author);
                break;
            }
        }
        if let Some(first) = paragraphs.first() {
            if let Some(d) = dateline::leading(first) {
                let rest = first[d.rest..].to_owned();
                apply_dateline(&mut a, d, false);
                paragraphs[0] = rest;
            }
        }
        if a.published.is_none() {
            let texts = [a.author.as_deref(), a.dateline.as_deref(), a.url.as_deref()];
            a.published = texts
                .into_iter()
                .flatten()
                .find_map(|t| find_date(t).map(|(_, p)| p));
        }
        if a.published.is_none() {
            a.published = a.url.as_deref().and_then(date_in_url);
        }
    }

    let lede = opt(rec.lede);
    if title.is_none() && rec.format.is_some_and(|f| f != Format::Text) {
        // A record without a title still names its article in the URL's slug.
        title = a.url.as_deref().and_then(title_from_url);
    }
    if title.is_none() && paragraphs.is_empty() && lede.is_none() {
        return Err(Error::Empty(match record_id.as_ref().or(a.url.as_ref()) {
            Some(id) => format!("record {id:?} has no title and no text"),
            None => "the input is empty or only whitespace and control characters".into(),
        }));
    }
    // A title with no body is kept: cartoons, photo stories and videos are
    // published that way, and the record is still an article to count.

    // Lede: the record's own, else (in an article of two or more paragraphs) the first.
    match lede {
        Some(l) => {
            paragraphs.insert(0, l);
            kinds.insert(0, ParagraphKind::Lede);
        }
        None if mode == Mode::Article
            && paragraphs.len() > 1
            && kinds.first() == Some(&ParagraphKind::Body) =>
        {
            kinds[0] = ParagraphKind::Lede
        }
        None => {}
    }
    assemble(&mut a, title, paragraphs, &kinds);
    if let Some(lede_words) = a.lede.as_deref().map(word_set) {
        // The first body paragraph (or the second, past a short one) may repeat it.
        for p in a.paragraphs.iter_mut().skip(1).take(2) {
            let words = word_set(a.text.get(p.span.range()).unwrap_or(""));
            if repeats(&lede_words, &words) {
                p.repeats_lede = true;
                break;
            }
        }
    }
    a.id = record_id
        .or_else(|| a.url.clone())
        .unwrap_or_else(|| content_id(&a.text));
    if a.language.is_none() {
        a.language = detect_language(&a.text);
    }
    Ok(a)
}

/// Joins title and paragraphs into `text` and records every span.
fn assemble(
    a: &mut Article,
    title: Option<String>,
    paragraphs: Vec<String>,
    kinds: &[ParagraphKind],
) {
    let len = title.as_ref().map_or(0, |t| t.len() + 2)
        + paragraphs.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut text = String::with_capacity(len);
    if let Some(t) = &title {
        text.push_str(t);
    }
    for (p, kind) in paragraphs.iter().zip(kinds) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        a.paragraphs.push(Paragraph {
            span: Span::new(start, text.len()),
            kind: *kind,
            repeats_lede: false,
        });
    }
    a.lede = a
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::Lede)
        .map(|p| text[p.span.range()].to_owned());
    a.title = title;
    a.text = text;
}

fn apply_dateline(a: &mut Article, d: dateline::Dateline, from_author: bool) {
    if a.dateline.is_none() {
        a.dateline = Some(d.text);
        a.location = d.location;
    }
    if a.source.is_none() {
        a.source = d.outlet;
    }
    if from_author {
        // The byline field held a dateline; keep only a person's name as author.
        a.author = d.author;
    }
}

/// Publication stamps and sign-offs on the last lines.
fn trailing_metadata(paragraphs: &mut Vec<String>, a: &mut Article) {
    for _ in 0..4 {
        let Some(last) = paragraphs.last() else {
            return;
        };
        if let Some(p) = parse_date(last) {
            a.published.get_or_insert(p);
        } else if let Some(outlet) = dateline::sign_off(last) {
            a.source.get_or_insert(outlet);
        } else if let Some(d) = dateline::standalone(last).filter(|d| d.outlet.is_some()) {
            // `دمشق - سيريانيوز` as the last line: a dateline used as a sign-off.
            apply_dateline(a, d, false);
        } else {
            return;
        }
        paragraphs.pop();
    }
}

/// A publication stamp or a standalone dateline on the first lines.
fn leading_metadata(paragraphs: &mut Vec<String>, a: &mut Article) {
    for _ in 0..2 {
        let Some(first) = paragraphs.first() else {
            return;
        };
        if paragraphs.len() < 2 {
            return;
        }
        if let Some(p) = parse_date(first) {
            a.published.get_or_insert(p);
        } else if let Some(d) =
            dateline::standalone(first).filter(|d| d.location.is_some() || d.outlet.is_some())
        {
            if d.author.is_some() && d.location.is_none() {
                return; // `وكالة X - فلان` alone is too weak to drop a line for
            }
            apply_dateline(a, d, false);
        } else {
            return;
        }
        paragraphs.remove(0);
    }
}

/// A date field: the whole field as a date, else the first date inside it.
fn date_field(s: &str) -> Option<Published> {
    parse_date(s).or_else(|| find_date(s).map(|(_, p)| p))
}

/// `/2018/02/18/` or `/20150805/` in a URL path.
fn date_in_url(url: &str) -> Option<Published> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let segs: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    let num = |s: &str, n: usize| {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    // Month and day with or without a leading zero (`/2020/8/24/`).
    let num12 = |s: &str| num(s, 2).or_else(|| num(s, 1));
    for w in segs.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (num(w[0], 4), num12(w[1]), num12(w[2])) {
            if let Some(date) = chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
                .filter(|_| (1990..2100).contains(&y))
            {
                return date.and_hms_opt(0, 0, 0).map(Published::naive);
            }
        }
    }
    segs.iter().find_map(|s| {
        let (y, m, d) = (
            num(s.get(..4)?, 4)?,
            num(s.get(4..6)?, 2)?,
            num(s.get(6..)?, 2)?,
        );
        let date = chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
            .filter(|_| s.len() == 8 && (1990..2100).contains(&y))?;
        date.and_hms_opt(0, 0, 0).map(Published::naive)
    })
}

/// A title from a URL's slug (`…/node/620227/كيف-تسعف-طفلاً-بعد-انسداد.html`):
/// the last path segment of at least two words, percent-decoded, with its file
/// ending dropped and dashes read as spaces.
fn title_from_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/')
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|seg| {
            let seg = percent_decode(seg);
            let seg = seg
                .rsplit_once('.')
                .filter(|(_, ext)| ext.len() <= 5 && ext.is_ascii())
                .map_or(seg.as_str(), |(s, _)| s);
            let words: Vec<&str> = seg
                .split(['-', '_', '+'])
                .filter(|w| !w.is_empty())
                .collect();
            let lettered = words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count();
            (words.len() >= 2 && lettered * 2 > words.len() && !seg.is_ascii())
                .then(|| clean_inline(&words.join(" ")))
        })
}

/// Decodes `%XX` escapes (UTF-8); malformed escapes stay as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The folded words of a paragraph as sorted, deduplicated hashes, for
/// near-duplicate comparison without allocating a string per word.
fn word_set(s: &str) -> Vec<u64> {
    let mut words = Vec::new();
    let mut h: u64 = FNV_OFFSET;
    let mut in_word = false;
    for c in s.chars() {
        if is_word_char(c) {
            crate::lexicon::fold_char(c, |f| h = fnv(h, f as u64));
            in_word = true;
        } else if in_word {
            words.push(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        words.push(h);
    }
    words.sort_unstable();
    words.dedup();
    words
}

fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Arabic block: letters, marks and digits; not its punctuation.
        0x0600..=0x06ff => !matches!(
            c,
            '،' | '؛' | '؟' | '\u{060D}' | '\u{066A}'..='\u{066D}' | '\u{06D4}'
        ),
        _ => c.is_alphanumeric(),
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x0100_0000_01b3)
}

/// True when most of the lede's words appear in the paragraph: the lede printed
/// again, perhaps with a phrase added (`, بقيادة الولايات المتحدة الأمريكية,`) or
/// cut short (ANT's truncated ABSTRACT).
fn repeats(lede: &[u64], para: &[u64]) -> bool {
    if lede.len() < 4 || para.is_empty() {
        return false;
    }
    let shared = lede
        .iter()
        .filter(|w| para.binary_search(w).is_ok())
        .count();
    shared * 100 >= lede.len() * 75 && shared * 100 >= para.len() * 35
}

/// A stable id from the content: FNV-1a 64 of the text, in hex.
fn content_id(text: &str) -> String {
    format!(
        "{:016x}",
        text.bytes().fold(FNV_OFFSET, |h, b| fnv(h, u64::from(b)))
    )
}

/// `ar` when Arabic letters make up most of the letters, `en` when Latin letters do.
fn detect_language(text: &str) -> Option<String> {
    let (mut arabic, mut latin) = (0usize, 0usize);
    // The first 2,000 characters tell the script as well as the whole text does.
    for c in text.chars().take(2_000) {
        if ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if arabic + latin < 10 {
        None
    } else if arabic >= latin {
        Some("ar".into())
    } else {
        Some("en".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Article {
        build(
            Record {
                body: Body::Text(t.into()),
                ..Record::default()
            },
            Mode::Article,
        )
        .unwrap()
    }

    #[test]
    fn lede_repeat_is_found_despite_edits() {
        let a = text(
            "عنوان\n\nأعلن التحالف الدولي انه يستعد لشن هجوم على مدينة البوكمال بمحافظة دير الزور.\n\n\
             أعلن التحالف الدولي, بقيادة الولايات المتحدة, يوم السبت, انه يستعد لشن هجوم  على مدينة البوكمال بمحافظة دير الزور.\n\n\
             وأوضح المتحدث الرسمي باسم التحالف ريان ديلون ان التحالف يواصل عملياته.",
        );
        let flags: Vec<bool> = a.paragraphs.iter().map(|p| p.repeats_lede).collect();
        assert_eq!(flags, vec![false, true, false]);
        assert_eq!(a.paragraphs[0].kind, ParagraphKind::Lede);
        assert!(a.body().starts_with("أعلن التحالف الدولي, بقيادة"));
    }

    #[test]
    fn spans_index_the_text() {
        let a = text("عنوان\u{a0}الخبر\n\n \u{a0} \n\nفقرة  أولى\n\nفقرة ثانية\n28/10/2017");
        assert_eq!(a.title.as_deref(), Some("عنوان الخبر"));
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2017-10-28T00:00:00")
        );
        let texts: Vec<&str> = a
            .paragraphs
            .iter()
            .map(|p| &a.text[p.span.range()])
            .collect();
        assert_eq!(texts, vec!["فقرة أولى", "فقرة ثانية"]);
        assert_eq!(a.text, "عنوان الخبر\n\nفقرة أولى\n\nفقرة ثانية");
    }

    #[test]
    fn empty_input_is_an_error_and_one_line_is_a_paragraph() {
        let err = build(
            Record {
                body: Body::Text(" \u{a0}\n\u{200f}\n".into()),
                ..Record::default()
            },
            Mode::Article,
        );
        assert!(matches!(err, Err(Error::Empty(_))));
        let a = text("جملة واحدة فقط.");
        assert_eq!((a.title.as_deref(), a.paragraphs.len()), (None, 1));
    }

    #[test]
    fn title_only_records_are_kept_and_bare_urls_name_their_article() {
        let rec = Record {
            format: Some(Format::Sgml),
            title: Some("كاريكاتير".into()),
            ..Record::default()
        };
        let a = build(rec, Mode::Article).unwrap();
        assert_eq!(
            (a.title.as_deref(), a.paragraphs.len(), a.body()),
            (Some("كاريكاتير"), 0, "")
        );
        let url = "http://www.al-madina.com/node/620227/%D9%83%D9%8A%D9%81-%D8%AA%D8%B3%D8%B9%D9%81-طفلاً.html";
        let rec = Record {
            format: Some(Format::Json),
            url: Some(url.into()),
            ..Record::default()
        };
        assert_eq!(
            build(rec, Mode::Article).unwrap().title.as_deref(),
            Some("كيف تسعف طفلاً")
        );
        let rec = Record {
            format: Some(Format::Json),
            url: Some("https://x.com/a/123".into()),
            ..Record::default()
        };
        assert!(build(rec, Mode::Article).is_err());
    }

    #[test]
    fn url_dates() {
        let d = |u: &str| date_in_url(u).map(|p| p.to_string());
        assert_eq!(
            d("https://arabic.cnn.com/x/2018/02/18/slug").as_deref(),
            Some("2018-02-18T00:00:00")
        );
        assert_eq!(
            d("http://www.okaz.com.sa/new/Issues/20150805/Con20150805787539.htm").as_deref(),
            Some("2015-08-05T00:00:00")
        );
        assert_eq!(d("https://www.skynewsarabia.com/web/article/1022998"), None);
        assert_eq!(
            d("https://www.youm7.com/story/2020/8/24/slug/4943459").as_deref(),
            Some("2020-08-24T00:00:00")
        );
        assert_eq!(d("https://www.beirutobserver.com/2020/11/2338761/"), None);
    }
}
