//! Structure parsing throughput on real ANT records (skipped where
//! `../shared/corpus/ant` is absent) and on a synthetic article.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn ant_sample() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/ant/BBC_middleEast.sgml.gz"
    );
    let bytes = std::fs::read(path).ok()?;
    khabar::input::decode(&bytes).ok()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("structure");
    let synthetic = format!(
        "عنوان الخبر\n\n{}\n\nسيريانيوز\n\n28.10.2017 11:58",
        "أعلن التحالف الدولي, بقيادة الولايات المتحدة, انه يستعد لشن هجوم على مدينة البوكمال.\n\n"
            .repeat(20)
    );
    g.throughput(Throughput::Bytes(synthetic.len() as u64));
    g.bench_function("plain_text_article", |b| {
        b.iter(|| khabar::parse_text(&synthetic))
    });
    match ant_sample() {
        Some(sgml) => {
            let pipeline = khabar::Pipeline::new();
            g.throughput(Throughput::Bytes(sgml.len() as u64));
            g.bench_function("ant_bbc_middle_east_collection", |b| {
                b.iter(|| {
                    let recs =
                        khabar::input::records(&sgml, khabar::Format::Sgml, &Default::default())
                            .unwrap();
                    recs.into_iter()
                        .filter_map(|r| r.ok())
                        .filter_map(|r| pipeline.article(r).ok())
                        .count()
                })
            });
        }
        None => eprintln!("skipping the ANT bench: ../shared/corpus/ant is absent"),
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
