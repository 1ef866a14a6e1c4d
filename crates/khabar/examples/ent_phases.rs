use khabar::entities::{self, Gazetteer};
fn main() {
    let g = Gazetteer::builtin();
    let pipeline = khabar::Pipeline::new();
    let mut reader = pipeline
        .read(&["../shared/corpus/ant/BBC_middleEast.sgml.gz"])
        .unwrap();
    let arts: Vec<_> = reader
        .next_batch(300)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let mut n = 0;
    for a in &arts {
        n += entities::mentions(&a.text, g, &[]).len();
    }
    println!("{n}");
}
