//! Golden output of the entities stage, to check that an optimisation changes
//! nothing: runs `entities::mentions` with the built-in gazetteer on the first
//! N (default 2,000) ANT articles and writes every mention, one a line
//! (article, start, end, label, canonical, id, source). Optionally also writes
//! the article texts (u32 length + bytes each) for a profiling driver.
//!
//! `cargo run --release -p khabar --example ent_golden -- OUT [N] [TEXTS_OUT]`

use std::io::Write;

use khabar::entities::{self, Gazetteer};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "/tmp/ent_golden.tsv".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let texts_out = args.next();
    let root = "/work/shared/corpus/ant";
    let Ok(mut reader) = khabar::Pipeline::new().read(&[root]) else {
        eprintln!("skipping: cannot read {root}");
        return;
    };
    let mut texts = Vec::new();
    while texts.len() < n {
        let batch = reader.next_batch(256);
        if batch.is_empty() {
            break;
        }
        texts.extend(batch.into_iter().filter_map(Result::ok).map(|a| a.text));
    }
    texts.truncate(n);
    let g = Gazetteer::builtin();
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out).expect("create OUT"));
    let mut total = 0;
    for (i, t) in texts.iter().enumerate() {
        for m in entities::mentions(t, g, &[]) {
            total += 1;
            writeln!(
                w,
                "{i}\t{}\t{}\t{}\t{}\t{}\t{:?}\t{}",
                m.span.start,
                m.span.end,
                m.label,
                m.canonical,
                m.id.as_deref().unwrap_or("-"),
                m.source,
                &t[m.span.range()],
            )
            .expect("write");
        }
    }
    w.flush().expect("flush");
    if let Some(p) = texts_out {
        let mut w = std::io::BufWriter::new(std::fs::File::create(p).expect("create TEXTS_OUT"));
        for t in &texts {
            w.write_all(&(t.len() as u32).to_le_bytes()).expect("write");
            w.write_all(t.as_bytes()).expect("write");
        }
        w.flush().expect("flush");
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "{} articles, {bytes} bytes, {total} mentions → {out}",
        texts.len()
    );
}
