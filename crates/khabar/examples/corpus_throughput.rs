//! Structure-parsing throughput on a folder of SGML collections (default: the ANT
//! corpus in `../shared/corpus/ant`): decoding is done up front, then records are
//! split and turned into articles on one core and on all cores.
//!
//! `cargo run --release -p khabar --example corpus_throughput [-- DIR]`

use std::time::Instant;

use rayon::prelude::*;

fn parse_all(pipeline: &khabar::Pipeline, text: &str) -> (usize, usize) {
    let recs =
        khabar::input::records(text, khabar::Format::Sgml, &Default::default()).unwrap_or_default();
    let mut ok = 0;
    let mut failed = 0;
    for r in recs {
        match r.and_then(|r| pipeline.article(r)) {
            Ok(a) => {
                ok += 1;
                std::hint::black_box(a);
            }
            Err(_) => failed += 1,
        }
    }
    (ok, failed)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/ant".into());
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(d) => d
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".sgml.gz"))
            .collect(),
        Err(e) => {
            eprintln!("skipping: cannot read {dir}: {e}");
            return;
        }
    };
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|b| khabar::input::decode(&b).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let pipeline = khabar::Pipeline::new();
    println!(
        "corpus: {} files, {:.1} MB of decoded SGML",
        texts.len(),
        mb
    );
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    for (label, pool) in [("1 core", Some(&one)), ("all cores", None)] {
        let run = || {
            let start = Instant::now();
            let (ok, failed) = texts
                .par_iter()
                .map(|t| parse_all(&pipeline, t))
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
            (start.elapsed().as_secs_f64(), ok, failed)
        };
        // Best of three, after the first run warms the caches and lexicons.
        let mut best = f64::MAX;
        let mut counts = (0, 0);
        for _ in 0..3 {
            let (secs, ok, failed) = match pool {
                Some(p) => p.install(run),
                None => run(),
            };
            best = best.min(secs);
            counts = (ok, failed);
        }
        println!(
            "rust structure parsing, {label:>9} ({} threads): {:7.1} MB/s, {:8.0} articles/s ({} articles, {} failed)",
            pool.map_or(rayon::current_num_threads(), |p| p.current_num_threads()),
            mb / best,
            counts.0 as f64 / best,
            counts.0,
            counts.1
        );
    }
}
