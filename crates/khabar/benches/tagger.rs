//! Entity tagger throughput on one core: words of pre-split sentences
//! (ANERcorp test where `../shared` is present, else a synthetic paragraph),
//! and whole texts through `tag_text` (tokenising and clitic spans included).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use khabar::tagger::{default_hints, read_conll_file, Tagger};

fn bench(c: &mut Criterion) {
    let tagger = match Tagger::default_model() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("no default model: {e}");
            return;
        }
    };
    let paragraph = "أعلن التحالف الدولي، بقيادة الولايات المتحدة الأمريكية، يوم السبت، انه يستعد لشن هجوم على مدينة البوكمال بمحافظة دير الزور. وأوضح المتحدث باسم التحالف ريان ديلون، في تصريح لوكالة رويترز، ان داعش يعزز دفاعاته في القائم والبوكمال.\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/ner/anercorp/ANERCorp_CamelLab_test.txt"
    );
    let sentences: Vec<Vec<String>> = match read_conll_file(path) {
        Ok(s) => s.into_iter().map(|s| s.words).collect(),
        Err(_) => {
            eprintln!("{path} is absent: tagging a synthetic paragraph instead");
            let text = paragraph.repeat(100);
            let spans = khabar::sentences(&text);
            spans
                .iter()
                .map(|s| {
                    khabar::tokenize(&text[s.range()])
                        .iter()
                        .map(|t| text[s.range()][t.span.range()].to_owned())
                        .collect()
                })
                .collect()
        }
    };
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("tagger");
    g.sample_size(10);
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("tag words with hints", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                let w: Vec<&str> = s.iter().map(String::as_str).collect();
                n += tagger.tag(&w, &default_hints(&w)).len();
            }
            n
        })
    });
    let text = paragraph.repeat(200);
    let spans = khabar::sentences(&text);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tag_text", |b| {
        b.iter(|| tagger.tag_text(&text, &spans).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
