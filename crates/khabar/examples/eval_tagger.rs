//! Scores entity finders on a CoNLL file, entity-level exact match
//! (conlleval rules): the statistical tagger alone, the entities layer's
//! gazetteers and rules alone, and both merged the way the entities layer
//! merges them (known names and rules win where they overlap a tagger span;
//! tagger MISC spans, a type the rules lack, are kept where nothing overlaps),
//! and the other policy (tagger spans first, rule mentions where the tagger
//! found nothing).
//!
//! `cargo run --release --example eval_tagger -- MODEL|default TEST [--errors]`
//!
//! Rules and merged predictions are mapped onto the file's whitespace tokens
//! (a mention covers every token it overlaps); FAC counts as LOC and NORP is
//! not scored, as in `scripts/eval_ner`.

use khabar::entities::{self, Gazetteer};
use khabar::tagger::{
    default_hints, entities as bio_entities, read_conll_file, Label, Scores, TagOut, Tagger,
};
use khabar::Span;

fn to_tags(n: usize, spans: &[(usize, usize, Label)]) -> Vec<TagOut> {
    let mut tags = vec![TagOut::O; n];
    for &(a, b, l) in spans {
        if tags[a..b].iter().any(|t| *t != TagOut::O) {
            continue;
        }
        tags[a] = TagOut::B(l);
        for t in &mut tags[a + 1..b] {
            *t = TagOut::I(l);
        }
    }
    tags
}

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
    let errors = args.iter().any(|a| a == "--errors");
    let (mut tag_s, mut rule_s, mut both_s) =
        (Scores::default(), Scores::default(), Scores::default());
    let mut tagger_first = Scores::default();
    let g = Gazetteer::builtin();
    for s in &gold {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let n = words.len();
        // Gold without NORP-like types: ANERcorp has PER, ORG, LOC, MISC only.
        let pred = tagger.tag(&words, &default_hints(&words));
        tag_s.add(&s.tags, &pred);
        // The sentence as text, and each token's byte span.
        let mut text = String::new();
        let mut spans = Vec::with_capacity(n);
        for w in &words {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push(Span::new(text.len(), text.len() + w.len()));
            text.push_str(w);
        }
        let to_tokens = |sp: Span| -> Option<(usize, usize)> {
            let a = spans.iter().position(|t| t.end > sp.start)?;
            let b = spans.iter().rposition(|t| t.start < sp.end)?;
            (a <= b).then_some((a, b + 1))
        };
        let map = |l: entities::Label| match l {
            entities::Label::Per => Some(Label::Per),
            entities::Label::Org => Some(Label::Org),
            entities::Label::Loc | entities::Label::Fac => Some(Label::Loc),
            entities::Label::Misc => Some(Label::Misc),
            entities::Label::Norp => None,
        };
        let from_mentions = |ms: &[entities::Mention]| -> Vec<(usize, usize, Label)> {
            ms.iter()
                .filter_map(|m| {
                    let (a, b) = to_tokens(m.span)?;
                    Some((a, b, map(m.label)?))
                })
                .collect()
        };
        let rules = from_mentions(&entities::mentions(&text, g, &[]));
        rule_s.add(&s.tags, &to_tags(n, &rules));
        // Tagger spans in text offsets, clitics outside, for the merge.
        let tspans: Vec<(Span, Label)> = bio_entities(&pred)
            .into_iter()
            .map(|(a, b, l)| (Span::new(spans[a].start, spans[b - 1].end), l))
            .collect();
        let as_entity = |l: Label| match l {
            Label::Per => Some(entities::Label::Per),
            Label::Org => Some(entities::Label::Org),
            Label::Loc => Some(entities::Label::Loc),
            Label::Fac => Some(entities::Label::Fac),
            Label::Norp => Some(entities::Label::Norp),
            Label::Misc => Some(entities::Label::Misc),
        };
        let tagged: Vec<(Span, entities::Label)> = tspans
            .iter()
            .filter_map(|&(sp, l)| Some((sp, as_entity(l)?)))
            .collect();
        let mut merged = from_mentions(&entities::mentions(&text, g, &tagged));
        merged.sort();
        let both = to_tags(n, &merged);
        both_s.add(&s.tags, &both);
        // The other policy: tagger spans first, rule mentions where the
        // tagger found nothing.
        let mut tfirst = bio_entities(&pred);
        for r in &rules {
            if !tfirst.iter().any(|&(x, y, _)| x < r.1 && r.0 < y) {
                tfirst.push(*r);
            }
        }
        tfirst.sort();
        tagger_first.add(&s.tags, &to_tags(n, &tfirst));
        if errors {
            let (ge, pe) = (bio_entities(&s.tags), bio_entities(&pred));
            let show = |e: &(usize, usize, Label)| format!("{} {}", e.2, words[e.0..e.1].join(" "));
            for e in ge.iter().filter(|e| !pe.contains(e)) {
                println!("MISS\t{}", show(e));
            }
            for e in pe.iter().filter(|e| !ge.contains(e)) {
                println!("FALSE\t{}", show(e));
            }
        }
    }
    println!("== tagger only\n{tag_s}\n\n== rules and gazetteers only\n{rule_s}\n\n== both (rules win on overlap)\n{both_s}");
    println!("\n== both (tagger wins on overlap, rules fill gaps)\n{tagger_first}");
    Ok(())
}
