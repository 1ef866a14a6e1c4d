//! Scores an entity tagger on CoNLL files and prints its errors.
//!
//! `cargo run --release --example eval_tagger -- MODEL|default TEST [--errors]`

use khabar::tagger::{default_hints, entities, evaluate, read_conll_file, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(model), Some(test)) = (args.first(), args.get(1)) else {
        eprintln!("usage: eval_tagger MODEL|default TEST [--errors]");
        std::process::exit(2);
    };
    let owned;
    let tagger: &Tagger = if model == "default" {
        Tagger::default_model()?
    } else {
        owned = Tagger::load_file(model)?;
        &owned
    };
    let gold = read_conll_file(test)?;
    println!("{}", evaluate(tagger, &gold));
    if args.iter().any(|a| a == "--errors") {
        for s in &gold {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let pred = tagger.tag(&words, &default_hints(&words));
            let (g, p) = (entities(&s.tags), entities(&pred));
            let show = |e: &(usize, usize, khabar::tagger::Label)| {
                format!("{} {}", e.2, words[e.0..e.1].join(" "))
            };
            for e in g.iter().filter(|e| !p.contains(e)) {
                println!("MISS\t{}", show(e));
            }
            for e in p.iter().filter(|e| !g.contains(e)) {
                println!("FALSE\t{}", show(e));
            }
        }
    }
    Ok(())
}
