//! HTML pages, first pass: the `<title>` and `<meta>` tags (Open Graph,
//! `article:*`, `description`), `<html lang>`, `<time datetime>`, and the text of
//! `<h1>`–`<h3>` and `<p>` elements outside navigation, scripts and footers.
//! Main-content scoring and JSON-LD belong to the HTML issue; this is the part
//! every page needs.

use super::sgml::unescape;
use super::{Body, Format, Record};
use crate::error::{Error, Result};

/// Elements whose text is never article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "select",
    "iframe",
    "figcaption",
];

pub(crate) fn parse(html: &str) -> Result<Record> {
    let mut rec = Record {
        format: Some(Format::Html),
        ..Record::default()
    };
    let mut paragraphs = Vec::new();
    let mut title_tag = None;
    let mut h1 = None;
    let mut skip_depth = 0usize;
    let mut block: Option<(String, String)> = None; // (tag, text so far)
    let mut rest = html;
    let mut steps = 0usize;
    while let Some(lt) = rest.find('<') {
        steps += 1;
        if steps > 5_000_000 {
            return Err(Error::parse(
                "html",
                None,
                "the page has more than 5 million tags",
            ));
        }
        let text = &rest[..lt];
        if skip_depth == 0 {
            if let Some((_, buf)) = block.as_mut() {
                buf.push_str(text);
            }
        }
        let after = &rest[lt + 1..];
        if let Some(c) = after.strip_prefix("!--") {
            rest = c.find("-->").map_or("", |e| &c[e + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if SKIP.contains(&name.as_str()) {
            if closing {
                skip_depth = skip_depth.saturating_sub(1);
            } else if !tag.ends_with('/') {
                skip_depth += 1;
                if matches!(name.as_str(), "script" | "style") {
                    // Their content may hold `<`; jump to the closing tag.
                    let close = format!("</{name}");
                    let lower = rest.to_ascii_lowercase();
                    rest = lower.find(&close).map_or("", |i| &rest[i..]);
                }
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("html", false) => {
                rec.language =
                    attr(tag, "lang").map(|l| l.split('-').next().unwrap_or(&l).to_owned())
            }
            ("meta", false) => meta(tag, &mut rec),
            ("link", false) if attr(tag, "rel").as_deref() == Some("canonical") => {
                rec.url = attr(tag, "href")
            }
            ("time", false) if rec.published.is_none() => rec.published = attr(tag, "datetime"),
            ("title" | "h1" | "h2" | "h3" | "p", false) => {
                block = Some((name.clone(), String::new()))
            }
            ("br", false) => {
                if let Some((_, buf)) = block.as_mut() {
                    buf.push(' ');
                }
            }
            ("title" | "h1" | "h2" | "h3" | "p", true) => {
                if let Some((open, buf)) = block.take() {
                    let text = unescape(buf.trim());
                    if text.is_empty() || skip_depth > 0 {
                        continue;
                    }
                    match open.as_str() {
                        "title" => title_tag = title_tag.or(Some(text)),
                        "h1" => {
                            if h1.is_none() {
                                h1 = Some(text)
                            }
                        }
                        _ => paragraphs.push(text),
                    }
                }
            }
            _ => {}
        }
    }
    if rec.title.is_none() {
        rec.title = h1.or(title_tag);
    }
    if paragraphs.is_empty() && rec.title.is_none() {
        return Err(Error::parse(
            "html",
            None,
            "the page has no title and no paragraphs",
        ));
    }
    rec.body = Body::Paragraphs(paragraphs);
    Ok(rec)
}

fn meta(tag: &str, rec: &mut Record) {
    let key = attr(tag, "property")
        .or_else(|| attr(tag, "name"))
        .or_else(|| attr(tag, "itemprop"));
    let (Some(key), Some(content)) = (key, attr(tag, "content")) else {
        return;
    };
    let content = unescape(content.trim());
    let slot = match key.to_ascii_lowercase().as_str() {
        "og:title" | "twitter:title" => &mut rec.title,
        "og:description" | "description" | "twitter:description" => &mut rec.lede,
        "article:published_time" | "datepublished" | "pubdate" | "date" => &mut rec.published,
        "article:modified_time" | "datemodified" | "og:updated_time" => &mut rec.modified,
        "og:site_name" | "application-name" => &mut rec.source,
        "og:url" => &mut rec.url,
        "author" | "article:author" => &mut rec.author,
        "article:section" => &mut rec.section,
        "og:image" => &mut rec.image,
        "article:tag" | "keywords" | "news_keywords" => {
            rec.tags.extend(
                content
                    .split([',', '،'])
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty()),
            );
            return;
        }
        _ => return,
    };
    if slot.is_none() && !content.is_empty() {
        *slot = Some(content);
    }
}

/// The value of attribute `name` in a tag's source.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        return Some(match v.chars().next()? {
            q @ ('"' | '\'') => v[1..].split(q).next()?.to_owned(),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()?
                .to_owned(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_meta_and_paragraphs() {
        let page = r#"<!doctype html><html lang="ar-SA" dir="rtl"><head><title>عنوان - الموقع</title>
            <meta property="og:title" content="عنوان">
            <meta property="article:published_time" content="2017-10-28T11:58:00+03:00">
            <meta property="og:site_name" content="سيريانيوز"><script>if (a<b) {}</script></head>
            <body><nav><p>قائمة</p></nav><h1>عنوان</h1><p>فقرة &amp; أولى</p><p>ثانية<br>سطر</p>
            <footer><p>حقوق</p></footer></body></html>"#;
        let r = parse(page).unwrap();
        assert_eq!(r.title.as_deref(), Some("عنوان"));
        assert_eq!(r.language.as_deref(), Some("ar"));
        assert_eq!(r.source.as_deref(), Some("سيريانيوز"));
        assert_eq!(r.published.as_deref(), Some("2017-10-28T11:58:00+03:00"));
        assert_eq!(
            r.body,
            Body::Paragraphs(vec!["فقرة & أولى".into(), "ثانية سطر".into()])
        );
    }

    #[test]
    fn deep_nesting_and_no_article_are_handled() {
        let deep = "<div>".repeat(10_000) + "<p>نص</p>" + &"</div>".repeat(10_000);
        assert_eq!(
            parse(&deep).unwrap().body,
            Body::Paragraphs(vec!["نص".into()])
        );
        assert!(parse("<html><body><div></div></body></html>").is_err());
    }
}
