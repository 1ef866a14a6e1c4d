//! Time and quantity extraction alone, on the article texts of one ANT file
//! (default `../shared/corpus/ant/BBC_middleEast.sgml.gz`), on one core: the
//! structure stage runs first, untimed, so the figure compares with tools that
//! only scan text (dateparser's `search_dates`).
//!
//! `cargo run --release -p khabar --example extract_throughput [-- FILE [N]]`
//! (N: only the file's first N articles, to time the same texts as another tool).

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/ant/BBC_middleEast.sgml.gz".into());
    let data = match std::fs::read(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping: cannot read {path}: {e}");
            return;
        }
    };
    let text = match khabar::input::decode(&data) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping: {e}");
            return;
        }
    };
    let pipeline = khabar::Pipeline::new();
    let recs = khabar::input::records(&text, khabar::Format::Sgml, &Default::default())
        .unwrap_or_default();
    let limit: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let articles: Vec<(String, Option<khabar::Published>)> = recs
        .into_iter()
        .take(limit)
        .filter_map(|r| r.and_then(|r| pipeline.article(r)).ok())
        .map(|a| (a.text, a.published))
        .collect();
    let bytes: usize = articles.iter().map(|(t, _)| t.len()).sum();
    // Time expressions alone: what dateparser's `search_dates` does.
    // KHABAR_REPEAT=n repeats the timed loop (for a profiler); the figure is per pass.
    let repeat: usize = std::env::var("KHABAR_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        .max(1);
    let t0 = Instant::now();
    let mut times = 0;
    for _ in 0..repeat {
        times = 0;
        for (text, published) in &articles {
            times += khabar::extract::times::extract(text, *published).len();
        }
    }
    let secs_times = t0.elapsed().as_secs_f64() / repeat as f64;
    let t0 = Instant::now();
    let mut quantities = 0;
    for (text, published) in &articles {
        let t = khabar::extract::times::extract(text, *published);
        quantities += khabar::extract::quantities::extract_excluding(text, &t).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{} articles ({:.1} MB): time expressions alone {times} in {secs_times:.3} s = {:.0} articles/s; \
         times + quantities ({quantities}) {secs:.3} s = {:.0} articles/s, {:.1} MB/s on one core",
        articles.len(),
        bytes as f64 / 1e6,
        articles.len() as f64 / secs_times,
        articles.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
