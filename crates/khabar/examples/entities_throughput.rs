//! The entities stage alone, on the article texts of the ANT corpus (default
//! `../shared/corpus/ant`, every `.sgml.gz`), on one core, all built-in
//! gazetteers loaded. Prints the gazetteer load time first (a fresh process
//! compiles it on first use), then MB/s and articles/s of entity extraction;
//! the structure stage runs before, untimed. The CPU time of the timed part
//! is printed too (Linux), since the wall clock counts other processes' turns.
//!
//! `cargo run --release -p khabar --example entities_throughput [-- DIR_OR_FILE]`

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

use std::time::Instant;

use khabar::entities::{self, Gazetteer};

fn main() {
    let t0 = Instant::now();
    let g = Gazetteer::builtin();
    let load = t0.elapsed();
    println!(
        "built-in gazetteer: {} entries, {} names, compiled in {:.1} ms",
        g.len(),
        g.names(),
        load.as_secs_f64() * 1e3
    );
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/ant".into());
    let pipeline = khabar::Pipeline::new();
    let Ok(mut reader) = pipeline.read(&[root.as_str()]) else {
        eprintln!("skipping: cannot read {root}");
        return;
    };
    let mut articles = Vec::new();
    loop {
        let batch = reader.next_batch(1024);
        if batch.is_empty() {
            break;
        }
        articles.extend(batch.into_iter().filter_map(Result::ok));
    }
    if articles.is_empty() {
        eprintln!("skipping: no articles under {root}");
        return;
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let mut found = 0;
    for a in &articles {
        found += entities::extract(a, Some(g), &[]).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    if let (Some(c0), Some(c1)) = (cpu0, cpu_seconds()) {
        let cpu = c1 - c0;
        println!(
            "CPU time {cpu:.2} s = {:.0} articles/s, {:.1} MB/s of CPU (wall clock below)",
            articles.len() as f64 / cpu,
            bytes as f64 / 1e6 / cpu
        );
    }
    println!(
        "{} articles ({:.1} MB): {found} entity mentions in {secs:.2} s = {:.0} articles/s, {:.1} MB/s on one core",
        articles.len(),
        bytes as f64 / 1e6,
        articles.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
