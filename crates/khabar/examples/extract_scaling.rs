//! Linearity check for the extraction stages: times each stage (sentences,
//! times, quantities, quotes) on single-paragraph inputs of 1, 2, 4 and 8 MB,
//! realistic Arabic news text repeated and pathological text (all quote marks,
//! all digits, one very long word, no spaces). A linear stage doubles its time
//! when the input doubles.
//!
//! `cargo run --release -p khabar --example extract_scaling [-- MAX_MB [KIND]]`

use std::time::Instant;

const REALISTIC: &str = "وأوضح المتحدث الرسمي باسم التحالف ريان ديلون, في تصريح لوكالة (سبونتيك), ان \"التحالف يواصل تنظيف دير الزور من الألغام\", مضيفا ان 7 كيلومترات من الطريق باتت آمنة يوم الاحد الماضي. وقال ان \"داعش\" يعزز دفاعاته في القائم والبوكمال“ منذ أسبوعين، مشيرا إلى مقتل 15 مدنيا في 28 تشرين الأول 2017. ";

fn kinds() -> Vec<(&'static str, String)> {
    vec![
        ("realistic", REALISTIC.to_owned()),
        ("quote marks", "\"".to_owned()),
        ("quote marks spaced", "\" ".to_owned()),
        ("mixed marks", "«\"“ ”» ".to_owned()),
        ("digits", "1234567890".to_owned()),
        ("digits spaced", "12 ".to_owned()),
        ("long word", "ب".to_owned()),
        ("no spaces", "قالانالتحالف2017\"".to_owned()),
        ("verbs", "وقال ".to_owned()),
        ("verb comp", "قال ان ".to_owned()),
        ("times words", "يوم الاحد الماضي ".to_owned()),
        ("number words", "ثلاثة عشر ألف ".to_owned()),
    ]
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

fn main() {
    let max_mb: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let only = std::env::args().nth(2);
    let published = chrono::NaiveDate::from_ymd_opt(2017, 10, 28)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(khabar::Published::naive);
    for (name, unit) in kinds() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let mut mb = 1;
        while mb <= max_mb {
            let text = repeat_to(&unit, mb << 20);
            let t = Instant::now();
            let s = khabar::sentences(&text);
            let t_sent = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let times = khabar::extract::times::extract(&text, published);
            let t_times = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let qs = khabar::extract::quantities::extract_excluding(&text, &times);
            let t_q = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let a = match khabar::analyze(&text, published) {
                Ok(a) => a,
                Err(e) => {
                    println!("{name:>20} {mb} MB: {e}");
                    break;
                }
            };
            let t_all = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let quotes = khabar::extract::quotes::extract(&a);
            let t_quotes = t.elapsed().as_secs_f64();
            println!(
                "{name:>20} {mb} MB: sentences {t_sent:7.3}s ({}) times {t_times:7.3}s ({}) quantities {t_q:7.3}s ({}) quotes {t_quotes:7.3}s ({}) analyze {t_all:7.3}s",
                s.len(),
                times.len(),
                qs.len(),
                quotes.len()
            );
            if t_all > 60.0 {
                break;
            }
            mb *= 2;
        }
    }
}
