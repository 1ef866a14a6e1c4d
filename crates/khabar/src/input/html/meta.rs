//! Page metadata, each field from the most trusted source present.
//!
//! Trust, highest first (a lower rank wins): JSON-LD article objects (0), Open
//! Graph and `article:*` (1), other `<meta name>` conventions (2), `itemprop`
//! microdata (3), `<time datetime>` (4), the `<h1>` and `<title>` (5). Dates are
//! only taken where they parse, so a broken high-trust value gives way to a good
//! lower one.

use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use crate::date::{find_date, parse_date};

/// What the page says about the article.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub title: Option<String>,
    pub lede: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub image: Option<String>,
    pub language: Option<String>,
}

/// One field's best value so far and the rank of its source.
#[derive(Debug, Default)]
struct Slot(Option<(u8, String)>);

impl Slot {
    fn offer(&mut self, rank: u8, value: &str) {
        let value = value.trim();
        if value.is_empty() || self.0.as_ref().is_some_and(|(r, _)| *r <= rank) {
            return;
        }
        self.0 = Some((rank, value.to_owned()));
    }
    fn offer_date(&mut self, rank: u8, value: &str) {
        if parse_date(value.trim()).is_some() || find_date(value).is_some() {
            self.offer(rank, value);
        }
    }
    fn offer_name(&mut self, rank: u8, value: &str) {
        if !looks_like_url(value) {
            self.offer(rank, value);
        }
    }
    fn take(self) -> Option<String> {
        self.0.map(|(_, v)| v)
    }
}

#[derive(Debug, Default)]
struct Slots {
    titles: Vec<(u8, String)>,
    sites: Vec<String>,
    ledes: Vec<(u8, String)>,
    published: Slot,
    modified: Slot,
    source: Slot,
    url: Slot,
    author: Slot,
    section: Slot,
    tags: Option<(u8, Vec<String>)>,
    image: Slot,
    language: Slot,
    /// Every URL the page gives for itself, to resolve relative ones against.
    bases: Vec<String>,
}

impl Slots {
    fn offer_tags(&mut self, rank: u8, tags: impl IntoIterator<Item = String>) {
        let tags: Vec<String> = tags
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        match &mut self.tags {
            _ if tags.is_empty() => {}
            Some((r, list)) if *r == rank => list.extend(tags),
            Some((r, _)) if *r < rank => {}
            slot => *slot = Some((rank, tags)),
        }
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

/// Reads every metadata source of the page.
pub(super) fn collect(doc: &Html) -> Found {
    let mut s = Slots::default();
    let mut title_tag = None;
    let mut h1 = None;
    for node in doc.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let Some(eref) = ElementRef::wrap(node) else {
            continue;
        };
        match el.name() {
            "html" => {
                if let Some(lang) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    s.language.offer(0, lang);
                }
            }
            "meta" => meta_tag(el, &mut s),
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    if let Some(href) = el.attr("href").filter(|h| !h.trim().is_empty()) {
                        s.bases.push(href.trim().to_owned());
                        s.url.offer(0, href);
                    }
                }
            }
            "script" => {
                let kind = el.attr("type").unwrap_or("").to_ascii_lowercase();
                if kind.contains("ld+json") {
                    let json: String = eref.text().collect();
                    json_ld(&json, &mut s);
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(text_of(eref, 500)),
            "h1" if h1.is_none() => h1 = Some(text_of(eref, 500)).filter(|t| !t.is_empty()),
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    let publishy = el.attr("pubdate").is_some()
                        || el.attr("class").is_some_and(|c| c.contains("publish"))
                        || el
                            .attr("itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
                    if el
                        .attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("dateModified"))
                    {
                        s.modified.offer_date(4, dt);
                    } else {
                        s.published.offer_date(if publishy { 3 } else { 4 }, dt);
                    }
                }
            }
            _ => {}
        }
        if let Some(prop) = el.attr("itemprop") {
            if el.name() != "meta" {
                itemprop(prop, eref, &mut s);
            }
        }
    }
    if let Some(t) = title_tag.as_deref().filter(|t| !t.is_empty()) {
        s.titles.push((5, t.to_owned()));
        // The last part of `<title>` after a separator is usually the site name.
        if let Some((_, tail)) = split_last(t) {
            if tail.split_whitespace().count() <= 5 {
                s.sites.push(tail.to_owned());
            }
        }
    }
    if let Some(h) = &h1 {
        s.titles.push((4, h.clone()));
    }
    if let Some(src) = s.source.0.as_ref().map(|(_, v)| v.clone()) {
        s.sites.push(src);
    }
    let title = choose_title(&mut s.titles, &s.sites, h1.as_deref());
    // Not a lede: the site's name or slogan, the title again, a word or two.
    let not_lede: Vec<String> = s
        .sites
        .iter()
        .chain(&title)
        .map(|t| crate::lexicon::fold(t))
        .collect();
    s.ledes.sort_by_key(|(r, _)| *r);
    let lede = s
        .ledes
        .into_iter()
        .map(|(_, l)| l.trim().to_owned())
        .find(|l| {
            let folded = crate::lexicon::fold(l);
            l.split_whitespace().count() >= 4
                && !not_lede.iter().any(|n| {
                    folded == *n || folded.starts_with(n.as_str()) && folded.len() < n.len() + 12
                })
        });
    // Nor is the site an author (`<meta name="author" content="akhbarelyom">`).
    let host = s
        .url
        .0
        .as_ref()
        .map(|(_, u)| u.to_ascii_lowercase())
        .unwrap_or_default();
    let author = s.author.take().filter(|a| {
        let folded = crate::lexicon::fold(a);
        let squashed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
        let is_site = s
            .sites
            .iter()
            .any(|site| crate::lexicon::fold(site) == folded);
        let is_host = squashed.is_ascii() && squashed.len() >= 4 && host.contains(&squashed);
        !is_site && !is_host
    });
    let base = s
        .bases
        .iter()
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .cloned();
    let mut tags = s.tags.map(|(_, t)| t).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    Found {
        title,
        lede,
        published: s.published.take(),
        modified: s.modified.take(),
        source: s.source.take(),
        url: s.url.take().map(|u| absolute(&u, base.as_deref())),
        author,
        section: s.section.take(),
        tags,
        image: s.image.take().map(|u| absolute(&u, base.as_deref())),
        language: s.language.take().map(|l| primary_language(&l)),
    }
}

/// `href` made absolute against `base` (`/news/1`, `//cdn.example/a.jpg`,
/// `img/a.jpg`); unchanged where it already is, or where there is no base.
fn absolute(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    let Some(base) = base else {
        return href.to_owned();
    };
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    if let Some(net) = href.strip_prefix("//") {
        format!("{scheme}://{net}")
    } else if href.starts_with('/') {
        format!("{scheme}://{host}{href}")
    } else {
        let dir = base.split(['?', '#']).next().unwrap_or(base);
        let dir = match dir.rfind('/') {
            Some(i) if i > scheme.len() + 2 => &dir[..=i],
            _ => return format!("{scheme}://{host}/{href}"),
        };
        format!("{dir}{href}")
    }
}

/// `ar-SA`, `ar_AR`, `AR` → `ar`.
fn primary_language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The text of an element, whitespace collapsed, at most `max` bytes read.
pub(super) fn text_of(el: ElementRef<'_>, max: usize) -> String {
    let mut out = String::new();
    for t in el.text() {
        if out.len() > max {
            break;
        }
        out.push_str(t);
        out.push(' ');
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn meta_tag(el: &scraper::node::Element, s: &mut Slots) {
    let Some(content) = el.attr("content") else {
        return;
    };
    if let Some(equiv) = el.attr("http-equiv") {
        if equiv.eq_ignore_ascii_case("content-language") {
            s.language.offer(2, content);
        }
        return;
    }
    if let Some(prop) = el.attr("itemprop") {
        itemprop_value(prop, content, s);
    }
    let Some(key) = el.attr("property").or_else(|| el.attr("name")) else {
        return;
    };
    let key = key.trim().to_ascii_lowercase();
    let rank = if key.starts_with("og:") || key.starts_with("article:") {
        1
    } else {
        2
    };
    match key.as_str() {
        "og:title" => s.titles.push((1, content.to_owned())),
        "twitter:title" | "dc.title" => s.titles.push((2, content.to_owned())),
        "og:description" | "description" | "twitter:description" | "dc.description" => {
            s.ledes.push((rank, content.to_owned()))
        }
        "article:published_time"
        | "og:published_time"
        | "article:published"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "dcterms.issued"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published"
        | "datepublished"
        | "original-publish-date"
        | "release_date" => s.published.offer_date(rank, content),
        "article:modified_time"
        | "og:updated_time"
        | "datemodified"
        | "lastmod"
        | "last-modified"
        | "dcterms.modified"
        | "article.updated" => s.modified.offer_date(rank, content),
        "og:site_name" | "application-name" | "dc.publisher" => {
            if !looks_like_url(content) {
                s.sites.push(content.trim().to_owned());
            }
            s.source.offer_name(rank, content)
        }
        "og:url" => {
            s.bases.push(content.trim().to_owned());
            s.url.offer(1, content)
        }
        "author" | "article:author" | "dc.creator" | "byl" | "sailthru.author" => {
            s.author.offer_name(rank, content)
        }
        "article:section" | "section" | "category" | "dc.subject" => s.section.offer(rank, content),
        "og:image"
        | "og:image:url"
        | "og:image:secure_url"
        | "twitter:image"
        | "twitter:image:src" => s.image.offer(rank, content),
        "og:locale" | "dc.language" | "language" => s.language.offer(2, content),
        "article:tag" => s.offer_tags(1, split_tags(content)),
        "news_keywords" | "keywords" => s.offer_tags(2, split_tags(content)),
        _ => {}
    }
}

fn split_tags(s: &str) -> Vec<String> {
    s.split([',', '،', ';', '؛'])
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// A microdata property given as an attribute value (`<meta itemprop content>`).
fn itemprop_value(prop: &str, value: &str, s: &mut Slots) {
    for prop in prop.split_whitespace() {
        match prop.to_ascii_lowercase().as_str() {
            "headline" => s.titles.push((3, value.to_owned())),
            "datepublished" | "datecreated" => s.published.offer_date(3, value),
            "datemodified" => s.modified.offer_date(3, value),
            "author" | "creator" => s.author.offer_name(3, value),
            "articlesection" => s.section.offer(3, value),
            "keywords" => s.offer_tags(3, split_tags(value)),
            "image" | "thumbnailurl" => s.image.offer(3, value),
            "inlanguage" => s.language.offer(3, value),
            "description" => s.ledes.push((3, value.to_owned())),
            _ => {}
        }
    }
}

/// A microdata property on an element: its value is an attribute or its text.
fn itemprop(prop: &str, el: ElementRef<'_>, s: &mut Slots) {
    let v = el.value();
    let attr_value = v.attr("content").or_else(|| v.attr("datetime"));
    let value = match attr_value {
        Some(a) => a.to_owned(),
        None => match v.name() {
            "img" => v.attr("src").unwrap_or("").to_owned(),
            "a" | "link" if prop.eq_ignore_ascii_case("url") => {
                v.attr("href").unwrap_or("").to_owned()
            }
            _ => {
                // `<div itemprop="author"><span itemprop="name">` gives the name.
                if prop.eq_ignore_ascii_case("author") {
                    let name = el.descendent_elements().find(|d| {
                        d.value()
                            .attr("itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("name"))
                    });
                    match name {
                        Some(n) => text_of(n, 200),
                        None => text_of(el, 200),
                    }
                } else {
                    text_of(el, 500)
                }
            }
        },
    };
    if value.len() <= 500 {
        itemprop_value(prop, &value, s);
    }
}

// ---------------------------------------------------------------------------
// JSON-LD

fn json_ld(raw: &str, s: &mut Slots) {
    let raw = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim();
    let raw = raw
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        // Raw line breaks and tabs inside strings are the common breakage.
        Err(_) => match serde_json::from_str(&raw.replace(['\n', '\r', '\t'], " ")) {
            Ok(v) => v,
            Err(_) => return,
        },
    };
    let mut articles = Vec::new();
    let mut pages = Vec::new();
    gather(&value, 0, &mut articles, &mut pages);
    // Article objects first; a WebPage's dates count as Open Graph would.
    for (objs, rank) in [(&articles, 0u8), (&pages, 1u8)] {
        for obj in objs.iter() {
            ld_fields(obj, rank, s);
        }
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting"
        )
}

fn types(obj: &serde_json::Map<String, Value>) -> Vec<&str> {
    match obj.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn gather<'a>(
    v: &'a Value,
    depth: usize,
    articles: &mut Vec<&'a serde_json::Map<String, Value>>,
    pages: &mut Vec<&'a serde_json::Map<String, Value>>,
) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| gather(i, depth + 1, articles, pages)),
        Value::Object(obj) => {
            let ts = types(obj);
            if ts.iter().any(|t| is_article_type(t)) {
                articles.push(obj);
            } else if ts.iter().any(|t| t.ends_with("WebPage")) {
                pages.push(obj);
            }
            for key in ["@graph", "mainEntity", "mainEntityOfPage", "hasPart"] {
                if let Some(inner) = obj.get(key).filter(|i| i.is_object() || i.is_array()) {
                    gather(inner, depth + 1, articles, pages);
                }
            }
        }
        _ => {}
    }
}

/// A string, or the `name` / `url` / `@id` of an object, or the first of an array.
fn ld_str<'a>(v: Option<&'a Value>, keys: &[&str]) -> Option<&'a str> {
    match v? {
        Value::String(s) => Some(s),
        Value::Object(o) => keys.iter().find_map(|k| o.get(*k).and_then(Value::as_str)),
        Value::Array(a) => a.iter().find_map(|i| ld_str(Some(i), keys)),
        _ => None,
    }
}

fn ld_fields(obj: &serde_json::Map<String, Value>, rank: u8, s: &mut Slots) {
    if rank == 0 {
        if let Some(h) = ld_str(obj.get("headline"), &[]).or_else(|| ld_str(obj.get("name"), &[])) {
            s.titles.push((0, h.to_owned()));
        }
        if let Some(d) = ld_str(obj.get("description"), &[]) {
            s.ledes.push((0, d.to_owned()));
        }
        let authors: Vec<&str> = match obj.get("author") {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| ld_str(Some(x), &["name"]))
                .collect(),
            other => ld_str(other, &["name"]).into_iter().collect(),
        };
        let authors: Vec<&str> = authors
            .into_iter()
            .filter(|a| !looks_like_url(a) && !a.trim().is_empty())
            .collect();
        if !authors.is_empty() {
            s.author.offer(0, &authors.join("، "));
        }
        if let Some(p) = obj
            .get("publisher")
            .and_then(|p| ld_str(Some(p), &["name"]))
        {
            s.sites.push(p.trim().to_owned());
            s.source.offer_name(0, p);
        }
        if let Some(sec) = ld_str(obj.get("articleSection"), &[]) {
            s.section.offer(0, sec);
        }
        match obj.get("keywords") {
            Some(Value::String(k)) => s.offer_tags(0, split_tags(k)),
            Some(Value::Array(ks)) => {
                s.offer_tags(0, ks.iter().filter_map(Value::as_str).flat_map(split_tags))
            }
            _ => {}
        }
        if let Some(img) = ld_str(obj.get("image"), &["url", "contentUrl", "@id"]) {
            s.image.offer(0, img);
        }
        if let Some(l) = ld_str(obj.get("inLanguage"), &["alternateName", "name"]) {
            s.language.offer(1, l);
        }
        if let Some(u) = ld_str(obj.get("url"), &[])
            .or_else(|| ld_str(obj.get("mainEntityOfPage"), &["@id", "url"]))
        {
            s.url.offer(1, u);
        }
    }
    if let Some(d) =
        ld_str(obj.get("datePublished"), &[]).or_else(|| ld_str(obj.get("dateCreated"), &[]))
    {
        s.published.offer_date(rank, d);
    }
    if let Some(d) = ld_str(obj.get("dateModified"), &[]) {
        s.modified.offer_date(rank, d);
    }
}

// ---------------------------------------------------------------------------
// Title

/// Separators between a headline and the site name in titles.
const SEPARATORS: &[&str] = &[
    " - ", " | ", " – ", " — ", " :: ", " » ", " « ", " ｜ ", " · ", " / ",
];

/// Splits `t` at its last separator: (before, after).
fn split_last(t: &str) -> Option<(&str, &str)> {
    SEPARATORS
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|(i, _)| *i)
        .map(|(i, n)| (t[..i].trim(), t[i + n..].trim()))
}

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Removes a known site name from either end of a title.
pub(super) fn strip_site(title: &str, sites: &[String]) -> String {
    let mut t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for _ in 0..2 {
        let before = t.clone();
        for site in sites
            .iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
        {
            for sep in SEPARATORS {
                // Compare slices of `t` itself (case-folded per slice), so a
                // letter whose lowercase has another length cannot shift a cut.
                let same = |part: Option<&str>, want: &str| {
                    part.is_some_and(|p| p.to_lowercase() == want.to_lowercase())
                };
                let sep_site = format!("{sep}{site}");
                let site_sep = format!("{site}{sep}");
                if let Some(cut) = t.len().checked_sub(sep_site.len()).filter(|c| *c > 0) {
                    if same(t.get(cut..), &sep_site) {
                        t = t.get(..cut).unwrap_or("").trim().to_owned();
                        continue;
                    }
                }
                if t.len() > site_sep.len() && same(t.get(..site_sep.len()), &site_sep) {
                    t = t.get(site_sep.len()..).unwrap_or("").trim().to_owned();
                }
            }
        }
        if t == before {
            break;
        }
    }
    t
}

/// The headline: the most trusted candidate, site name removed; where only the
/// `<title>` is left, its last part goes if the `<h1>` or a short tail says it
/// is a site name.
fn choose_title(titles: &mut [(u8, String)], sites: &[String], h1: Option<&str>) -> Option<String> {
    titles.sort_by_key(|(r, _)| *r);
    let (rank, best) = titles.iter().find(|(_, t)| !t.trim().is_empty())?;
    let mut t = strip_site(best, sites);
    if let (Some((head, _)), Some(h1)) = (split_last(&t), h1) {
        if normalized(head) == normalized(h1) {
            t = head.to_owned();
        }
    }
    if *rank == 5 {
        if let Some((head, tail)) = split_last(&t) {
            if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3 {
                t = head.to_owned();
            }
        }
    }
    Some(t).filter(|t| !t.is_empty())
}
