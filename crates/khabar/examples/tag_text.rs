//! Tags the entities of a text file with the default model and prints them.
//!
//! `cargo run --release --example tag_text -- FILE`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tag_text FILE")?;
    let text = std::fs::read_to_string(path)?;
    let t0 = std::time::Instant::now();
    let tagger = khabar::tagger::Tagger::default_model()?;
    eprintln!("model loaded in {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    for (span, label) in tagger.tag_text(&text, &khabar::sentences(&text)) {
        println!("{label}\t{}", &text[span.range()]);
    }
    Ok(())
}
