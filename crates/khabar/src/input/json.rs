//! JSON records: one object, an array of objects, or JSON Lines (also pretty-printed
//! objects one after another). Records are cut out of the stream by a small state
//! machine, so an array of 100,000 articles never sits in memory as one value.

use std::collections::HashMap;

use serde_json::Value;

use super::{Body, Format, Record};
use crate::error::{Error, Result};

/// Which JSON keys hold which article field.
///
/// The defaults know the common names (`title`/`headline`, `content`/`text`/
/// `body`/`article`, `date`/`published`/`datePublished`/`date_published`,
/// `source`/`outlet`/`site_name`, `url`, `author`, …). [`FieldMap::set`] puts a
/// user's key first for a field; dotted keys reach into nested objects
/// (`meta.title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    keys: HashMap<&'static str, Vec<String>>,
}

/// The article fields a JSON key can be mapped to.
pub const FIELDS: &[&str] = &[
    "id",
    "title",
    "lede",
    "body",
    "published",
    "modified",
    "source",
    "url",
    "author",
    "dateline",
    "section",
    "tags",
    "image",
    "language",
];

impl Default for FieldMap {
    fn default() -> Self {
        let d: &[(&str, &[&str])] = &[
            (
                "id",
                &["id", "_id", "docid", "doc_id", "docno", "guid", "uuid"],
            ),
            ("title", &["title", "headline", "heading", "name"]),
            (
                "lede",
                &[
                    "lede",
                    "lead",
                    "description",
                    "summary",
                    "abstract",
                    "standfirst",
                    "subtitle",
                ],
            ),
            (
                "body",
                &[
                    "content",
                    "text",
                    "body",
                    "article",
                    "articleBody",
                    "article_body",
                    "maintext",
                    "story",
                ],
            ),
            (
                "published",
                &[
                    "published",
                    "date",
                    "datePublished",
                    "date_published",
                    "published_at",
                    "publish_date",
                    "pubDate",
                    "pub_date",
                    "publication_date",
                    "time",
                    "created_at",
                    "timestamp",
                ],
            ),
            (
                "modified",
                &[
                    "modified",
                    "dateModified",
                    "date_modified",
                    "updated",
                    "updated_at",
                    "last_modified",
                ],
            ),
            (
                "source",
                &[
                    "source",
                    "outlet",
                    "site_name",
                    "siteName",
                    "publisher",
                    "source_name",
                    "newspaper",
                ],
            ),
            (
                "url",
                &["url", "link", "canonical_url", "canonicalUrl", "uri"],
            ),
            (
                "author",
                &["author", "authors", "byline", "creator", "writer"],
            ),
            ("dateline", &["dateline", "location"]),
            (
                "section",
                &["section", "category", "categories", "cat", "articleSection"],
            ),
            ("tags", &["tags", "keywords", "topics"]),
            (
                "image",
                &["image", "top_image", "image_url", "imageUrl", "thumbnail"],
            ),
            ("language", &["language", "lang", "inLanguage"]),
        ];
        FieldMap {
            keys: d
                .iter()
                .map(|(f, ks)| (*f, ks.iter().map(|k| k.to_string()).collect()))
                .collect(),
        }
    }
}

impl FieldMap {
    /// Reads `field` from `key` first (a dotted path reaches into nested objects).
    /// Errors on a field name khabar does not have.
    ///
    /// ```
    /// let mut map = khabar::input::FieldMap::default();
    /// map.set("published", "date_extracted").unwrap();
    /// assert!(map.set("colour", "x").is_err());
    /// ```
    pub fn set(&mut self, field: &str, key: &str) -> Result<()> {
        let Some(field) = FIELDS.iter().find(|f| **f == field) else {
            return Err(Error::Option(format!(
                "unknown article field {field:?} in the JSON field mapping; expected one of {}",
                FIELDS.join(", ")
            )));
        };
        let keys = self.keys.entry(field).or_default();
        keys.retain(|k| k != key);
        keys.insert(0, key.to_owned());
        Ok(())
    }

    fn lookup<'v>(
        &self,
        obj: &'v serde_json::Map<String, Value>,
        field: &str,
    ) -> Option<&'v Value> {
        self.keys.get(field)?.iter().find_map(|k| {
            let mut parts = k.split('.');
            let mut v = obj.get(parts.next()?)?;
            for p in parts {
                v = v.get(p)?;
            }
            (!v.is_null()).then_some(v)
        })
    }
}

/// A value as one string: strings as they are, numbers printed, arrays joined with
/// `، `, objects through their `name`, `@value`, `url` or `text` member.
fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(as_string)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("، "))
        }
        Value::Object(o) => ["name", "@value", "url", "text"]
            .iter()
            .find_map(|k| o.get(*k).and_then(as_string)),
        _ => None,
    }
}

fn as_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(as_string).collect(),
        Value::String(s) => s
            .split([',', '،'])
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        other => as_string(other).into_iter().collect(),
    }
}

/// Parses one JSON value (the bytes of one record) into a [`Record`].
pub(crate) fn parse_value(bytes: &[u8], line: usize, fields: &FieldMap) -> Result<Record> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        Error::parse(
            "json",
            Some(line + e.line().saturating_sub(1)),
            e.to_string(),
        )
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::parse(
            "json",
            Some(line),
            format!("expected a JSON object, found {}", kind(&value)),
        ));
    };
    let s = |f: &str| fields.lookup(&obj, f).and_then(as_string);
    let body = match fields.lookup(&obj, "body") {
        Some(Value::Array(items)) => Body::Paragraphs(items.iter().filter_map(as_string).collect()),
        Some(v) => Body::Text(as_string(v).unwrap_or_default()),
        None => Body::Text(String::new()),
    };
    Ok(Record {
        format: Some(Format::Json),
        id: s("id"),
        title: s("title"),
        lede: s("lede"),
        body,
        published: s("published"),
        modified: s("modified"),
        source: s("source"),
        url: s("url"),
        author: s("author"),
        dateline: s("dateline"),
        section: s("section"),
        tags: fields.lookup(&obj, "tags").map(as_list).unwrap_or_default(),
        image: s("image"),
        language: s("language"),
        line: Some(line),
        file: None,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Cuts top-level records out of a JSON byte stream fed in chunks: the elements of
/// a top-level array, or each of a sequence of values (JSON Lines). Tracks string
/// and escape state, so brackets inside strings do not confuse it.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    line: usize,
    started: bool,
    array: bool,
    depth: usize,
    in_string: bool,
    escape: bool,
    scalar: bool,
    value: Vec<u8>,
    value_line: usize,
    finished_array: bool,
}

impl Splitter {
    pub(crate) fn new() -> Self {
        Splitter {
            line: 1,
            ..Splitter::default()
        }
    }

    fn base(&self) -> usize {
        usize::from(self.array)
    }

    fn emit(&mut self, out: &mut Vec<Result<(usize, Vec<u8>)>>) {
        out.push(Ok((self.value_line, std::mem::take(&mut self.value))));
        self.scalar = false;
    }

    fn start(&mut self) {
        self.value_line = self.line;
    }

    /// Feeds a chunk; complete records are pushed to `out` with their start line.
    pub(crate) fn feed(&mut self, chunk: &[u8], out: &mut Vec<Result<(usize, Vec<u8>)>>) {
        for &b in chunk {
            if b == b'\n' {
                self.line += 1;
            }
            if self.in_string {
                self.value.push(b);
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            if self.scalar
                && (b.is_ascii_whitespace() || matches!(b, b',' | b']' | b'}'))
                && self.depth == self.base()
            {
                self.emit(out);
            }
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => {
                    if self.depth > self.base() {
                        self.value.push(b);
                    }
                }
                b'[' if !self.started || (self.finished_array && self.depth == 0) => {
                    self.started = true;
                    self.array = true;
                    self.finished_array = false;
                    self.depth = 1;
                }
                b'{' | b'[' => {
                    if self.depth == self.base() {
                        self.start();
                    }
                    self.started = true;
                    self.depth += 1;
                    self.value.push(b);
                }
                b']' if self.array && self.depth == 1 => {
                    self.depth = 0;
                    self.finished_array = true;
                }
                b'}' | b']' => {
                    if self.depth <= self.base() {
                        let c = b as char;
                        out.push(Err(Error::parse(
                            "json",
                            Some(self.line),
                            format!("unexpected `{c}`"),
                        )));
                        continue;
                    }
                    self.depth -= 1;
                    self.value.push(b);
                    if self.depth == self.base() {
                        self.emit(out);
                    }
                }
                b',' if self.depth == self.base() => {}
                b'"' => {
                    if self.depth == self.base() {
                        self.start();
                        self.scalar = true;
                    }
                    self.started = true;
                    self.in_string = true;
                    self.value.push(b);
                }
                _ => {
                    if self.depth == self.base() && !self.scalar {
                        self.start();
                        self.scalar = true;
                    }
                    self.started = true;
                    self.value.push(b);
                }
            }
        }
    }

    /// Ends the stream: a value still open is an error naming where it began.
    pub(crate) fn finish(&mut self, out: &mut Vec<Result<(usize, Vec<u8>)>>) {
        if self.scalar && !self.in_string {
            self.emit(out);
        } else if self.depth > self.base() || self.in_string {
            out.push(Err(Error::parse(
                "json",
                Some(self.value_line),
                "the record starting here is cut off (unbalanced brackets or an unterminated string)",
            )));
        } else if self.array && !self.finished_array {
            out.push(Err(Error::parse(
                "json",
                Some(self.line),
                "the top-level array is not closed with `]`",
            )));
        }
        self.value.clear();
        self.depth = 0;
    }
}

/// All records of an in-memory JSON document.
pub(crate) fn split(bytes: &[u8]) -> impl Iterator<Item = Result<(usize, Vec<u8>)>> {
    let mut s = Splitter::new();
    let mut out = Vec::new();
    s.feed(bytes, &mut out);
    s.finish(&mut out);
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<String> {
        split(s.as_bytes())
            .map(|r| {
                r.map(|(l, v)| format!("{l}:{}", String::from_utf8(v).unwrap()))
                    .unwrap_or_else(|e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn arrays_lines_and_pretty_objects() {
        assert_eq!(
            values(r#"[{"a": "]"}, {"b": [1, 2]}]"#),
            vec![r#"1:{"a": "]"}"#, r#"1:{"b": [1, 2]}"#]
        );
        assert_eq!(
            values("{\"a\":1}\n{\"b\":\"x\\\"}\"}\n"),
            vec!["1:{\"a\":1}", "2:{\"b\":\"x\\\"}\"}"]
        );
        assert_eq!(
            values("{\n \"a\": 1\n}\n{\n \"b\": 2\n}"),
            vec!["1:{\n \"a\": 1\n}", "4:{\n \"b\": 2\n}"]
        );
        assert_eq!(values("[1, \"s\"]"), vec!["1:1", "1:\"s\""]);
    }

    #[test]
    fn broken_json_names_its_line() {
        let v = values("{\"a\":1}\n{\"b\": [1,\n");
        assert_eq!(v[0], "1:{\"a\":1}");
        assert!(
            v[1].contains("line 2") && v[1].contains("cut off"),
            "{}",
            v[1]
        );
        let bad = parse_value(b"{\"title\": \"x\",, }", 7, &FieldMap::default())
            .unwrap_err()
            .to_string();
        assert!(bad.contains("line 7"), "{bad}");
        let not_obj = parse_value(b"42", 3, &FieldMap::default())
            .unwrap_err()
            .to_string();
        assert!(
            not_obj.contains("expected a JSON object, found a number"),
            "{not_obj}"
        );
    }

    #[test]
    fn common_and_mapped_field_names() {
        let json = br#"{"headline": "t", "articleBody": ["p1", "p2"], "datePublished": "2017-10-28",
            "publisher": {"name": "CNN"}, "authors": ["a", "b"], "keywords": "x, y", "meta": {"when": "w"}}"#;
        let r = parse_value(json, 1, &FieldMap::default()).unwrap();
        assert_eq!(r.title.as_deref(), Some("t"));
        assert_eq!(r.body, Body::Paragraphs(vec!["p1".into(), "p2".into()]));
        assert_eq!(r.published.as_deref(), Some("2017-10-28"));
        assert_eq!(r.source.as_deref(), Some("CNN"));
        assert_eq!(r.author.as_deref(), Some("a، b"));
        assert_eq!(r.tags, vec!["x", "y"]);
        let mut map = FieldMap::default();
        map.set("published", "meta.when").unwrap();
        assert_eq!(
            parse_value(json, 1, &map).unwrap().published.as_deref(),
            Some("w")
        );
    }
}
