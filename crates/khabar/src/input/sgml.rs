//! SGML `<DOC>` collections as LDC Arabic Gigaword, TREC and the ANT corpus write
//! them. Not XML: bare `&`, unclosed tags and missing `</DOC>` are all tolerated.

use memchr::memmem;

use super::{Body, Format, Record};
use crate::error::{Error, Result};

/// Splits a collection into its `<DOC>` records: each runs to its `</DOC>`, or to
/// the next `<DOC` where the closing tag is missing. Yields the 1-based line each
/// record starts on.
pub(crate) fn split(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let lower = text.to_ascii_lowercase();
    let mut starts: Vec<usize> = memmem::find_iter(lower.as_bytes(), b"<doc")
        .filter(|&i| {
            matches!(
                lower.as_bytes().get(i + 4),
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
            )
        })
        .collect();
    let mut docs = Vec::with_capacity(starts.len());
    let mut line = 1;
    let mut counted = 0;
    starts.push(text.len());
    for w in starts.windows(2) {
        let (start, next) = (w[0], w[1]);
        let end =
            memmem::find(&lower.as_bytes()[start..next], b"</doc>").map_or(next, |e| start + e + 6);
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..start]).count();
        counted = start;
        docs.push((line, &text[start..end]));
    }
    docs.into_iter()
}

/// Parses one `<DOC>…</DOC>` record.
pub(crate) fn parse_doc(doc: &str, line: usize) -> Result<Record> {
    let lower = doc.to_ascii_lowercase();
    let get = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .find_map(|n| element(doc, &lower, n))
            .map(|s| unescape(s.trim()))
    };
    let text = element(doc, &lower, "text");
    let body = match text {
        Some(t) => {
            let tl = t.to_ascii_lowercase();
            if memmem::find(tl.as_bytes(), b"<p").is_some() {
                Body::Paragraphs(paragraphs(t, &tl))
            } else {
                Body::Text(unescape(&strip_tags(t)))
            }
        }
        None => Body::Text(String::new()),
    };
    let id = get(&["docno", "docid"]).or_else(|| attribute(doc, &lower, "id"));
    if id.is_none() && text.is_none() && get(&["title", "headline"]).is_none() {
        return Err(Error::parse(
            "sgml",
            Some(line),
            "a <DOC> record with no DOCNO, TITLE or TEXT",
        ));
    }
    Ok(Record {
        format: Some(Format::Sgml),
        id,
        title: get(&["title", "headline"]),
        lede: get(&["abstract", "summary", "lead"]),
        body,
        published: get(&["time", "date", "date_time", "datetime", "pubdate"]),
        source: get(&["src", "source"]),
        url: get(&["url"]),
        author: get(&["author", "byline"]),
        dateline: get(&["dateline"]),
        section: get(&["cat", "category", "section"]).or_else(|| attribute(doc, &lower, "type")),
        line: Some(line),
        ..Record::default()
    })
}

/// The content of the first `<name ...>` element; where `</name>` is missing it
/// runs to the next tag that opens a field.
fn element<'a>(doc: &'a str, lower: &str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    let start = loop {
        let i = from + memmem::find(&lower.as_bytes()[from..], open.as_bytes())?;
        let after = i + open.len();
        match lower.as_bytes().get(after) {
            Some(b'>') => break after + 1,
            Some(b' ' | b'\t' | b'\n' | b'\r') => {
                break after + memchr::memchr(b'>', &lower.as_bytes()[after..])? + 1
            }
            _ => from = after,
        }
    };
    let close = format!("</{name}>");
    let end = match memmem::find(&lower.as_bytes()[start..], close.as_bytes()) {
        Some(e) => start + e,
        None => next_field(lower, start),
    };
    doc.get(start..end)
}

/// Where an unclosed element ends: at the next opening tag of a top-level field or
/// the end of the record.
fn next_field(lower: &str, from: usize) -> usize {
    const FIELDS: &[&str] = &[
        "<docno",
        "<url",
        "<src",
        "<cat",
        "<title",
        "<headline",
        "<time",
        "<date",
        "<author",
        "<abstract",
        "<text",
        "<dateline",
        "</doc",
    ];
    FIELDS
        .iter()
        .filter_map(|f| memmem::find(&lower.as_bytes()[from..], f.as_bytes()).map(|i| from + i))
        .min()
        .unwrap_or(lower.len())
}

/// An attribute of the `<DOC ...>` tag (`<DOC id="AFP_ARB_…" type="story">`).
fn attribute(doc: &str, lower: &str, name: &str) -> Option<String> {
    let tag_end = memchr::memchr(b'>', lower.as_bytes())?;
    let tag = &lower[..tag_end];
    let key = format!("{name}=");
    let at = tag.find(&key)? + key.len();
    let rest = &doc[at..tag_end];
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split_whitespace().next()?,
    };
    Some(value.to_owned())
}

/// The `<P>` paragraphs of a TEXT element (Gigaword), each with its line breaks.
fn paragraphs(text: &str, lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = memmem::find(&lower.as_bytes()[from..], b"<p") {
        let at = from + i;
        let Some(gt) = memchr::memchr(b'>', &lower.as_bytes()[at..]) else {
            break;
        };
        let start = at + gt + 1;
        let end = [
            memmem::find(&lower.as_bytes()[start..], b"</p>"),
            memmem::find(&lower.as_bytes()[start..], b"<p"),
        ]
        .into_iter()
        .flatten()
        .min()
        .map_or(text.len(), |e| start + e);
        let p = unescape(&strip_tags(&text[start..end]));
        if !p.trim().is_empty() {
            out.push(p);
        }
        from = end;
    }
    out
}

/// Removes any tags left inside a field.
pub(crate) fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        // A `<` that does not open a tag (`a < b`) is text.
        let tail = &rest[i + 1..];
        let opens = tail.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (opens, tail.find('>')) {
            (true, Some(j)) => rest = &tail[j + 1..],
            _ => {
                out.push('<');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the character references SGML and HTML use; a bare `&` stays as it is.
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let semi = tail.find(';').filter(|&j| j <= 10);
        let decoded = semi.and_then(|j| {
            let name = &tail[..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "rlm" => Some('\u{200f}'),
                "lrm" => Some('\u{200e}'),
                "zwnj" => Some('\u{200c}'),
                "zwj" => Some('\u{200d}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, j))
        });
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANT: &str = "<DOC>\n<DOCNO>CN-x-1</DOCNO>\n<URL>https://arabic.cnn.com/a</URL>\n<SRC>CNN</SRC>\n\
        <CAT>middleEast</CAT>\n<TITLE>عنوان & آخر</TITLE>\n<TIME>Sun, 18 Feb 2018 06:06:55 +0000</TIME>\n\
        <AUTHOR></AUTHOR>\n<ABSTRACT>\nملخص\n</ABSTRACT>\n<TEXT>\nفقرة 1\nفقرة 2\n</TEXT>\n</DOC>\n";

    #[test]
    fn ant_record_fields() {
        let recs: Vec<_> = split(ANT).collect();
        assert_eq!(recs.len(), 1);
        let r = parse_doc(recs[0].1, recs[0].0).unwrap();
        assert_eq!(r.id.as_deref(), Some("CN-x-1"));
        assert_eq!(r.title.as_deref(), Some("عنوان & آخر"));
        assert_eq!(r.lede.as_deref(), Some("ملخص"));
        assert_eq!(r.source.as_deref(), Some("CNN"));
        assert_eq!(r.section.as_deref(), Some("middleEast"));
        assert_eq!(r.author.as_deref(), Some(""));
        assert_eq!(r.body, Body::Text("\nفقرة 1\nفقرة 2\n".into()));
    }

    #[test]
    fn unclosed_doc_and_tags_are_tolerated() {
        let text =
            "<DOC>\n<DOCNO>a</DOCNO>\n<DOC>\n<DOCNO>b</DOCNO>\n<TITLE>t\n<TEXT>x</TEXT></DOC>";
        let recs: Vec<_> = split(text).collect();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].0, 3);
        let b = parse_doc(recs[1].1, 3).unwrap();
        assert_eq!(b.title.as_deref(), Some("t"));
        assert_eq!(b.body, Body::Text("x".into()));
    }

    #[test]
    fn gigaword_paragraphs_and_attributes() {
        let doc = "<DOC id=\"AFP_ARB_20000101.0001\" type=\"story\" >\n<HEADLINE>\nعنوان\n</HEADLINE>\n\
            <DATELINE>القاهرة 1-1 (اف ب)</DATELINE>\n<TEXT>\n<P>\nسطر أول\nمن فقرة &amp; أخرى\n</P>\n<P>\nثانية\n</P>\n</TEXT>\n</DOC>";
        let r = parse_doc(doc, 1).unwrap();
        assert_eq!(r.id.as_deref(), Some("AFP_ARB_20000101.0001"));
        assert_eq!(r.section.as_deref(), Some("story"));
        assert_eq!(r.title.as_deref(), Some("عنوان"));
        assert_eq!(r.dateline.as_deref(), Some("القاهرة 1-1 (اف ب)"));
        assert_eq!(
            r.body,
            Body::Paragraphs(vec![
                "\nسطر أول\nمن فقرة & أخرى\n".into(),
                "\nثانية\n".into()
            ])
        );
    }

    #[test]
    fn references_decode_and_bare_ampersands_survive() {
        assert_eq!(
            unescape("a &amp; b & c &#1583; &#x62F; &bogus"),
            "a & b & c د د &bogus"
        );
        assert_eq!(strip_tags("x <b>y</b> 3 < 4"), "x y 3 < 4");
    }
}
