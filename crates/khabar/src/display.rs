//! A self-contained HTML view of an article for notebooks (`_repr_html_` in
//! Python): right-to-left, an Arabic-capable font stack, the title and metadata on
//! top, then the paragraphs with their kinds.

use crate::model::{Article, ParagraphKind};

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `article` as an HTML fragment.
///
/// ```
/// let a = khabar::parse_text("عنوان <مهم>\n\nفقرة أولى.\n\nفقرة ثانية.")?;
/// let html = khabar::display::article_html(&a);
/// assert!(html.contains("dir=\"rtl\"") && html.contains("عنوان &lt;مهم&gt;"));
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn article_html(a: &Article) -> String {
    let mut h = String::with_capacity(a.text.len() * 2 + 1024);
    h.push_str(
        "<div class=\"khabar-article\" dir=\"rtl\" lang=\"ar\" style=\"font-family: 'Noto Naskh Arabic', 'Amiri', \
         'Scheherazade New', 'Segoe UI', Tahoma, 'Arial', sans-serif; line-height: 1.8; max-width: 48em; text-align: right;\">",
    );
    if let Some(t) = &a.title {
        h.push_str(&format!(
            "<h3 style=\"margin: 0 0 .4em 0;\">{}</h3>",
            escape(t)
        ));
    }
    let meta: Vec<(&str, Option<String>)> = vec![
        ("source", a.source.clone()),
        ("dateline", a.dateline.clone()),
        ("author", a.author.clone()),
        ("published", a.published.map(|p| p.to_string())),
        ("url", a.url.clone()),
        ("id", Some(a.id.clone())),
    ];
    h.push_str("<table dir=\"ltr\" style=\"font-size: .85em; color: #555; margin-bottom: .6em;\">");
    for (k, v) in meta.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))) {
        h.push_str(&format!(
            "<tr><td style=\"padding-right: 1em;\">{k}</td><td dir=\"auto\">{}</td></tr>",
            escape(&v)
        ));
    }
    h.push_str("</table>");
    if let Some(e) = &a.error {
        h.push_str(&format!(
            "<p dir=\"ltr\" style=\"color: #b00;\">error: {}</p>",
            escape(e)
        ));
    }
    for p in &a.paragraphs {
        let style = match p.kind {
            ParagraphKind::Lede => "font-weight: bold;",
            ParagraphKind::Heading => "font-weight: bold; font-size: 1.1em;",
            ParagraphKind::Body if p.repeats_lede => "color: #888;",
            ParagraphKind::Body => "",
        };
        let note = if p.repeats_lede {
            " title=\"repeats the lede\""
        } else {
            ""
        };
        h.push_str(&format!(
            "<p style=\"{style}\"{note}>{}</p>",
            escape(a.slice(p.span))
        ));
    }
    h.push_str("</div>");
    h
}
