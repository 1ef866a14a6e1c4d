//! Text-layer throughput: normalisation, tokenisation with clitics, sentence
//! splitting, on the body text of real ANT articles (skipped where
//! `../shared/corpus/ant` is absent) and on a synthetic paragraph.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khabar::text::{self, NormalizeOptions, Normalizer};

/// The article text of one ANT collection, as the pipeline builds it.
fn ant_text() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/ant/BBC_middleEast.sgml.gz"
    );
    let bytes = std::fs::read(path).ok()?;
    let sgml = khabar::input::decode(&bytes).ok()?;
    let recs = khabar::input::records(&sgml, khabar::Format::Sgml, &Default::default()).ok()?;
    let pipeline = khabar::Pipeline::new();
    let texts: Vec<String> = recs
        .into_iter()
        .filter_map(|r| r.ok())
        .filter_map(|r| pipeline.article(r).ok())
        .map(|a| a.text)
        .collect();
    Some(texts.join("\n\n"))
}

fn bench(c: &mut Criterion) {
    let synthetic = "أعلن التحالف الدولي, بقيادة الولايات المتحدة الأمريكية, يوم السبت, انه يستعد لشن هجوم على مدينة البوكمال بمحافظة دير الزور. وأوضح المتحدث باسم التحالف ريان ديلون, في تصريح لوكالة (رويترز), ان \"داعش\" يعزز دفاعاته في القائم والبوكمال.\n".repeat(200);
    let ant = ant_text();
    if ant.is_none() {
        eprintln!("skipping the ANT inputs: ../shared/corpus/ant is absent");
    }
    let inputs: Vec<(&str, &str)> = [
        Some(("synthetic", synthetic.as_str())),
        ant.as_deref().map(|t| ("ant_bbc_middle_east", t)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let normalizer = Normalizer::new(NormalizeOptions::default());
    let mut g = c.benchmark_group("text");
    for (name, input) in inputs {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(format!("normalize/{name}"), |b| {
            b.iter(|| normalizer.normalize(input))
        });
        let utf16: Vec<u8> = input.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = Vec::with_capacity(utf16.len());
        g.bench_function(format!("normalize_utf16/{name}"), |b| {
            b.iter(|| {
                out.clear();
                normalizer.normalize_utf16le(&utf16, &mut out)
            })
        });
        g.bench_function(format!("tokenize/{name}"), |b| {
            b.iter(|| text::tokenize(input))
        });
        g.bench_function(format!("sentences/{name}"), |b| {
            b.iter(|| text::sentences(input))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
