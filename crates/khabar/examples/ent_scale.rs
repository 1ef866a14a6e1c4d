//! Entity extraction time on one long paragraph of 1, 2, 4 and 8 MB (the
//! seed's paragraphs repeated), to check that it grows linearly.
//!
//! `cargo run --release -p khabar --example ent_scale`
use std::time::Instant;

fn main() {
    let Ok(seed) = std::fs::read_to_string("../shared/corpus/seed/article.txt") else {
        eprintln!("skipping: ../shared/corpus/seed/article.txt is absent");
        return;
    };
    let para = seed.split("\n\n").skip(1).collect::<Vec<_>>().join(" ");
    let g = khabar::entities::Gazetteer::builtin();
    for mb in [1usize, 2, 4, 8] {
        let mut text = String::new();
        while text.len() < mb << 20 {
            text.push_str(&para);
            text.push(' ');
        }
        let t = Instant::now();
        let n = khabar::entities::mentions(&text, g, &[]).len();
        println!(
            "{mb} MB: {n} mentions in {:.2} s",
            t.elapsed().as_secs_f64()
        );
    }
}
