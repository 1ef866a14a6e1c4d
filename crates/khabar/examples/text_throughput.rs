//! Times the text layer on a file of texts separated by U+001E (record
//! separator), one core, and prints one JSON object: bytes, seconds and MB/s
//! for normalise, tokenise (with clitic segmentation), surface tokenise (without)
//! and sentence split. Used by `scripts/bench_text`.
//!
//! `cargo run --release --example text_throughput -- texts.rs [min_seconds]`

use std::time::{Duration, Instant};

use khabar::text::{self, NormalizeOptions, Normalizer};

fn time(texts: &[&str], min: Duration, mut f: impl FnMut(&str) -> usize) -> (f64, usize) {
    let mut runs = 0;
    let mut sink = 0;
    let start = Instant::now();
    while runs == 0 || start.elapsed() < min {
        for t in texts {
            sink += f(t);
        }
        runs += 1;
    }
    (start.elapsed().as_secs_f64() / runs as f64, sink)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: text_throughput FILE [MIN_SECONDS]");
        std::process::exit(2);
    };
    let min = Duration::from_secs_f64(args.next().and_then(|s| s.parse().ok()).unwrap_or(2.0));
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<&str> = data.split('\u{1e}').collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let normalizer = Normalizer::new(NormalizeOptions::default());
    let mut tokens = Vec::new();
    let ops: [(&str, (f64, usize)); 4] = [
        (
            "normalize",
            time(&texts, min, |t| normalizer.normalize(t).text.len()),
        ),
        (
            "tokenize",
            time(&texts, min, |t| {
                tokens.clear();
                text::tokenize_into(t, &mut tokens);
                tokens.len()
            }),
        ),
        (
            "tokenize_surface",
            time(&texts, min, |t| text::tokenize_surface(t).len()),
        ),
        ("sentences", time(&texts, min, |t| text::sentences(t).len())),
    ];
    let fields: Vec<String> = ops
        .iter()
        .map(|(name, (secs, n))| {
            format!(
                "\"{name}\": {{\"seconds\": {secs:.6}, \"mb_per_s\": {:.1}, \"items\": {n}}}",
                bytes as f64 / secs / 1e6
            )
        })
        .collect();
    println!(
        "{{\"bytes\": {bytes}, \"texts\": {}, {}}}",
        texts.len(),
        fields.join(", ")
    );
}
