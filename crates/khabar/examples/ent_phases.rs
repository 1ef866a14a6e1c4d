//! Scratch profiling driver for the entities stage: reads article texts
//! written by `ent_golden` (u32 length + bytes each), warms the lazy tables
//! up, then runs `entities::mentions` on them in `run_all` (for
//! `valgrind --tool=callgrind --toggle-collect='*run_all*'`).
//!
//! `cargo run --release -p khabar --example ent_phases -- TEXTS [N] [REPEAT]`

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

use std::time::Instant;

use khabar::entities::{self, Gazetteer};

#[inline(never)]
fn run_all(texts: &[String], g: &Gazetteer) -> usize {
    texts
        .iter()
        .map(|t| entities::mentions(t, g, &[]).len())
        .sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/tmp/entperf/texts2000.bin".into());
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let repeat: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let t0 = Instant::now();
    let g = Gazetteer::builtin();
    let load = t0.elapsed();
    let data = std::fs::read(&path).expect("read TEXTS");
    let mut texts = Vec::new();
    let mut at = 0;
    while at + 4 <= data.len() && texts.len() < n {
        let len = u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize;
        at += 4;
        texts.push(String::from_utf8(data[at..at + len].to_vec()).expect("utf-8"));
        at += len;
    }
    let t1 = Instant::now();
    let warm = entities::mentions(
        "قال المتحدث باسم التحالف ريان ديلون إن داعش يتراجع في (سبونتيك).",
        g,
        &[],
    )
    .len();
    let warmup = t1.elapsed();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut found = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        let c = cpu_seconds();
        found = run_all(&texts, g);
        if let (Some(c0), Some(c1)) = (c, cpu_seconds()) {
            best_cpu = best_cpu.min(c1 - c0);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    if best_cpu < f64::MAX {
        println!(
            "CPU {best_cpu:.2} s = {:.1} MB/s, {:.0} articles/s",
            bytes as f64 / 1e6 / best_cpu,
            texts.len() as f64 / best_cpu
        );
    }
    println!(
        "load {:.1} ms, warm-up {:.1} ms ({warm}); {} articles {:.1} MB: {found} mentions, best {:.3} s = {:.1} MB/s, {:.0} articles/s",
        load.as_secs_f64() * 1e3,
        warmup.as_secs_f64() * 1e3,
        texts.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        texts.len() as f64 / best
    );
}
