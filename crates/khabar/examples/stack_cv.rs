//! Stacking measured by 5-fold cross-validation on a CoNLL training file: a
//! first-pass model's labels for the same word form elsewhere nearby become
//! features of a second pass ([`khabar::tagger::Hint::elsewhere`]).
//!
//! For each fold (contiguous fifths, the fold as dev set, as `khabar
//! train-ner --folds 5`): the first-pass labels of the other four fifths come
//! from five inner models each trained without the part it labels
//! (cross-fitted, so that training sees first-pass labels as good as the ones
//! it will get), those of the fold from a first-pass model trained on all
//! four; the second pass is trained on the four with those hints. A word's
//! hint holds the labels the first pass gave every other occurrence of its
//! form (a leading `و` dropped, alef forms folded) within `WINDOW` sentences
//! either side. Prints each fold's and the pooled scores of the plain model
//! and the stacked one.
//!
//! `cargo run --release --example stack_cv -- TRAIN CLUSTERS [WINDOW=15] [SEED=0]`
//!
//! This is the experiment that led to stacking being shipped: `khabar
//! train-ner TRAIN --stack` trains a stacked model (the cross-fitting inside
//! [`khabar::tagger::train`]), and `--stack --folds 5` cross-validates it
//! (each fold's first pass trained with the fold as its dev set, so the
//! figures differ a little from this example's).

use std::collections::HashMap;

use khabar::tagger::{
    default_hints, read_conll_file, train, Clusters, Scores, Sentence, TagOut, Tagger, TrainOptions,
};

/// The form two occurrences must share.
fn form(w: &str) -> String {
    w.trim_start_matches('و').replace(['أ', 'إ', 'آ'], "ا")
}

fn predict(m: &Tagger, sents: &[Sentence]) -> Vec<Vec<TagOut>> {
    sents
        .iter()
        .map(|s| {
            let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
            m.tag(&w, &default_hints(&w))
        })
        .collect()
}

/// [`khabar::tagger::Hint::elsewhere`] of every word of `sents`.
fn elsewhere(sents: &[Sentence], pred: &[Vec<TagOut>], window: usize) -> Vec<Vec<u16>> {
    let bit = |t: TagOut| match t.label() {
        None => 1u16,
        Some(l) => {
            2 << khabar::tagger::Label::ALL
                .iter()
                .position(|&x| x == l)
                .unwrap_or(0)
        }
    };
    (0..sents.len())
        .map(|i| {
            let near = i.saturating_sub(window)..(i + window + 1).min(sents.len());
            let mut seen: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
            for j in near {
                for (k, w) in sents[j].words.iter().enumerate() {
                    seen.entry(form(w)).or_default().push((j, k));
                }
            }
            sents[i]
                .words
                .iter()
                .enumerate()
                .map(|(k, w)| {
                    seen.get(&form(w)).map_or(0, |v| {
                        v.iter()
                            .filter(|&&at| at != (i, k))
                            .fold(0, |m, &(j, kk)| m | bit(pred[j][kk]))
                    })
                })
                .collect()
        })
        .collect()
}

/// Sentences outside `range`.
fn without(sents: &[Sentence], range: std::ops::Range<usize>) -> Vec<Sentence> {
    sents[..range.start]
        .iter()
        .chain(&sents[range.end..])
        .cloned()
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(clusters)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stack_cv TRAIN CLUSTERS [WINDOW] [SEED]");
        std::process::exit(2);
    };
    let window: usize = args.get(2).map_or(Ok(15), |s| s.parse())?;
    let seed: u64 = args.get(3).map_or(Ok(0), |s| s.parse())?;
    let sents = read_conll_file(path)?;
    let base = TrainOptions {
        clusters: Some(Clusters::read_file(clusters)?),
        seed,
        ..Default::default()
    };
    let n = sents.len();
    let (mut plain, mut stacked) = (Scores::default(), Scores::default());
    for k in 0..5 {
        let fold = k * n / 5..(k + 1) * n / 5;
        let rest = without(&sents, fold.clone());
        let dev = &sents[fold];
        let (_, first) = train(&rest, Some(dev), &base)?;
        let m = rest.len();
        let mut pred_rest = vec![Vec::new(); m];
        for j in 0..5 {
            let part = j * m / 5..(j + 1) * m / 5;
            let (inner, _) = train(&without(&rest, part.clone()), None, &base)?;
            for (i, p) in predict(&inner, &rest[part.clone()]).into_iter().enumerate() {
                pred_rest[part.start + i] = p;
            }
        }
        let (pass1, _) = train(&rest, None, &base)?;
        let opts = TrainOptions {
            train_elsewhere: elsewhere(&rest, &pred_rest, window),
            dev_elsewhere: elsewhere(dev, &predict(&pass1, dev), window),
            ..base.clone()
        };
        let (_, second) = train(&rest, Some(dev), &opts)?;
        println!(
            "fold {k}: plain {:.4} stacked {:.4}",
            first.dev.micro().f1(),
            second.dev.micro().f1()
        );
        plain.merge(&first.dev);
        stacked.merge(&second.dev);
    }
    println!("plain\n{plain}\nstacked\n{stacked}");
    Ok(())
}
