//! Times the text layer on a file of texts separated by U+001E (record
//! separator), one core, and prints one JSON object: bytes, seconds and MB/s
//! (CPU time of the process on Linux) for normalise (UTF-8 with its alignment,
//! and UTF-16 without, as the Python module calls it), tokenise (with clitic segmentation), surface tokenise (without)
//! and sentence split. Used by `scripts/bench_text`.
//!
//! `cargo run --release --example text_throughput -- texts.rs [min_seconds]`

use std::time::{Duration, Instant};

use khabar::text::{self, NormalizeOptions, Normalizer};

/// CPU time of this process where Linux tells it (`/proc/self/schedstat`, in
/// nanoseconds), so that other work on a shared machine does not count; else
/// wall-clock time.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn time<T: ?Sized>(texts: &[&T], min: Duration, mut f: impl FnMut(&T) -> usize) -> (f64, usize) {
    let mut runs = 0;
    let mut sink = 0;
    let wall = Instant::now();
    let start = cpu_seconds(wall);
    while runs == 0 || cpu_seconds(wall) - start < min.as_secs_f64() {
        for t in texts {
            sink += f(t);
        }
        runs += 1;
    }
    ((cpu_seconds(wall) - start) / runs as f64, sink)
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
    let utf16: Vec<Vec<u8>> = texts
        .iter()
        .map(|t| t.encode_utf16().flat_map(u16::to_le_bytes).collect())
        .collect();
    let utf16: Vec<&[u8]> = utf16.iter().map(Vec::as_slice).collect();
    let mut out16 = Vec::new();
    let ops: [(&str, (f64, usize)); 5] = [
        (
            "normalize",
            time(&texts, min, |t| normalizer.normalize(t).text.len()),
        ),
        (
            "normalize_utf16",
            time(&utf16, min, |t| {
                out16.clear();
                normalizer.normalize_utf16le(t, &mut out16);
                out16.len()
            }),
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
