use super::*;
use crate::ParagraphKind;

fn paragraphs(r: &Record) -> Vec<&str> {
    match &r.body {
        Body::Blocks(b) => b.iter().map(|(t, _)| t.as_str()).collect(),
        _ => Vec::new(),
    }
}

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
    assert_eq!(paragraphs(&r), vec!["فقرة & أولى", "ثانية", "سطر"]);
    let _ = ParagraphKind::Heading;
}
