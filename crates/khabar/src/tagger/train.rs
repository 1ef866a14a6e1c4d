//! Training (a structured averaged perceptron with Viterbi decoding over BIO
//! transitions) and entity-level evaluation.

use std::collections::HashMap;
use std::fmt;
use std::time::Instant;

use super::clusters::{Clusters, Rng};
use super::features::Extractor;
use super::model::{viterbi, FeatureTable, Tagger};
use super::{default_hints, entities, Label, Sentence, TagOut};
use crate::error::{Error, Result};

/// Settings for [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The most passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence order; the same data and seed give the same model.
    pub seed: u64,
    /// Without a dev set, this last fraction of the training sentences is held
    /// out to choose the number of epochs.
    pub dev_fraction: f64,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    /// After choosing the epoch count on a held-out part of train, train again
    /// on all of train for that many epochs.
    pub refit: bool,
    /// Weights smaller than this (in absolute value) are dropped from the model.
    pub prune: f32,
    /// During training each feature occurrence is left out with this
    /// probability (a regulariser: the model learns to use context and
    /// clusters, not only the word).
    pub dropout: f32,
    /// Train this many models with consecutive seeds and average their
    /// weights (1 = one model).
    pub ensemble: usize,
    /// The margin of cost-augmented training: a wrong tag's score is raised
    /// by this much while training (0 = the plain perceptron).
    pub margin: f32,
    /// More training sentences (machine-labelled ones, for self-training:
    /// see `scripts/ner_self_label`): trained on beside `train` but never held
    /// out as dev data, which stays gold.
    pub extra: Vec<Sentence>,
    /// Train a stacked model (two passes): a first pass as without this; a
    /// second pass trained on the same data with
    /// [`Hint::elsewhere`](super::Hint::elsewhere) filled from first-pass
    /// labels, cross-fitted: `train` is cut into
    /// [`TrainOptions::stack_folds`] contiguous parts and each is labelled by
    /// a first-pass model trained on the others (so that the second pass
    /// learns from labels as good as it will get on new text); the dev
    /// sentences are labelled by the first pass itself.
    pub stack: bool,
    /// The number of cross-fitting parts for [`TrainOptions::stack`].
    pub stack_folds: usize,
    /// The sentences either side whose first-pass labels a word's hint
    /// collects, for [`TrainOptions::stack`].
    pub stack_window: usize,
    /// Hand-made stacking hints: [`Hint::elsewhere`](super::Hint::elsewhere)
    /// of each word of each sentence of `train` (then of
    /// [`TrainOptions::extra`]); empty = none. [`TrainOptions::stack`] fills
    /// it itself.
    pub train_elsewhere: Vec<Vec<u16>>,
    /// The same for the sentences of `dev`.
    pub dev_elsewhere: Vec<Vec<u16>>,
    /// Word clusters to use as features (see [`super::build_clusters`]).
    pub clusters: Option<Clusters>,
    /// A description stored in the model (training data, provenance).
    pub description: String,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 30,
            seed: 0,
            dev_fraction: 0.1,
            patience: 4,
            min_count: 1,
            refit: true,
            prune: 0.0,
            dropout: 0.3,
            ensemble: 1,
            margin: 0.0,
            extra: Vec::new(),
            stack: false,
            stack_folds: 5,
            stack_window: super::stack::DEFAULT_WINDOW,
            train_elsewhere: Vec::new(),
            dev_elsewhere: Vec::new(),
            clusters: None,
            description: String::new(),
            verbose: false,
        }
    }
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// The epoch count chosen on the dev set.
    pub best_epoch: usize,
    /// The score bonus for entity tags over `O` chosen on the dev set.
    pub entity_bias: f32,
    /// Epochs run while choosing.
    pub epochs_run: usize,
    /// Dev scores at the chosen epoch.
    pub dev: Scores,
    /// Wall-clock seconds for all of training.
    pub seconds: f64,
    /// Features in the final model.
    pub features: usize,
    /// Sentences trained on (the final pass).
    pub sentences: usize,
    /// For a stacked model: the first pass's dev scores (`dev` is the
    /// second's).
    pub first_dev: Option<Scores>,
}

/// Counts for one label: true positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Entities found with the right span and label.
    pub tp: usize,
    /// Entities found that are not in the gold standard.
    pub fp: usize,
    /// Gold entities not found.
    pub fn_: usize,
}

impl Score {
    /// Precision (0 when nothing was found).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there is nothing to find).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Entity-level exact-match scores (span and label), per label and micro
/// averaged, as conlleval computes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Per label.
    pub labels: Vec<(Label, Score)>,
    /// Tokens whose tag was right, and all tokens.
    pub tokens: (usize, usize),
}

impl Scores {
    /// Adds one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[TagOut], pred: &[TagOut]) {
        let g = entities(gold);
        let p = entities(pred);
        self.tokens.0 += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
        self.tokens.1 += gold.len();
        for e in &p {
            let s = self.entry(e.2);
            if g.contains(e) {
                s.tp += 1;
            } else {
                s.fp += 1;
            }
        }
        for e in &g {
            if !p.contains(e) {
                self.entry(e.2).fn_ += 1;
            }
        }
    }

    fn entry(&mut self, l: Label) -> &mut Score {
        let i = match self.labels.iter().position(|(x, _)| *x == l) {
            Some(i) => i,
            None => {
                self.labels.push((l, Score::default()));
                self.labels.sort_by_key(|(x, _)| *x);
                self.labels.iter().position(|(x, _)| *x == l).unwrap_or(0)
            }
        };
        &mut self.labels[i].1
    }

    /// The micro-averaged counts over all labels.
    pub fn micro(&self) -> Score {
        self.labels
            .iter()
            .fold(Score::default(), |a, (_, s)| Score {
                tp: a.tp + s.tp,
                fp: a.fp + s.fp,
                fn_: a.fn_ + s.fn_,
            })
    }

    /// Adds another set of scores to these.
    pub fn merge(&mut self, other: &Scores) {
        for (l, s) in &other.labels {
            let e = self.entry(*l);
            e.tp += s.tp;
            e.fp += s.fp;
            e.fn_ += s.fn_;
        }
        self.tokens.0 += other.tokens.0;
        self.tokens.1 += other.tokens.1;
    }

    /// Token accuracy.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tokens.0, self.tokens.1)
    }
}

impl fmt::Display for Scores {
    /// A table: label, precision, recall, F1, gold count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "label   precision  recall      F1   gold")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &Score| {
            writeln!(
                f,
                "{name:<6} {:>10.4} {:>7.4} {:>7.4} {:>6}",
                s.precision(),
                s.recall(),
                s.f1(),
                s.tp + s.fn_
            )
        };
        for (l, s) in &self.labels {
            row(f, l.as_str(), s)?;
        }
        row(f, "micro", &self.micro())?;
        write!(f, "token accuracy {:.4}", self.accuracy())
    }
}

/// Tags every sentence with `tagger` (hints from [`default_hints`]; the
/// sentences in file order as one run for a stacked model, see
/// [`Tagger::tag_sentences`]) and scores the result against the gold tags.
pub fn evaluate(tagger: &Tagger, sentences: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let pred = tagger.tag_sentences(&words, default_hints);
    for (s, p) in sentences.iter().zip(&pred) {
        scores.add(&s.tags, p);
    }
    scores
}

/// K-fold cross-validation: `sents` cut into `folds` contiguous parts; each
/// part is tagged by a model trained on the others (the part as its dev set,
/// which chooses the epoch count and entity bias), and the scores of all parts
/// are pooled. Returns the pooled scores and each fold's micro F1.
/// [`TrainOptions::extra`] sentences join every fold's training data: to keep
/// the folds honest they must not be labelled by a model that saw them.
///
/// ```
/// use khabar::tagger::{read_conll, cross_validate, TrainOptions};
/// let data = "قال O\nالرئيس O\nماكرون B-PERS\nفي O\nباريس B-LOC\n\n".repeat(20);
/// let sents = read_conll(&data)?;
/// let (pooled, per_fold) = cross_validate(&sents, 2, &TrainOptions { epochs: 2, ..Default::default() })?;
/// assert_eq!(per_fold.len(), 2);
/// assert!(pooled.micro().f1() > 0.9);
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn cross_validate(
    sents: &[Sentence],
    folds: usize,
    opts: &TrainOptions,
) -> Result<(Scores, Vec<f64>)> {
    if folds < 2 || folds > sents.len() {
        return Err(Error::Option(format!(
            "cross-validation needs 2 to {} folds, not {folds}",
            sents.len()
        )));
    }
    let mut pooled = Scores::default();
    let mut per_fold = Vec::with_capacity(folds);
    // Progress is one line a fold (with `verbose`), not the trainings' own.
    let quiet = TrainOptions {
        verbose: false,
        ..opts.clone()
    };
    for k in 0..folds {
        let t0 = Instant::now();
        let (a, b) = (k * sents.len() / folds, (k + 1) * sents.len() / folds);
        let rest: Vec<Sentence> = sents[..a].iter().chain(&sents[b..]).cloned().collect();
        let (model, _) = train(&rest, Some(&sents[a..b]), &quiet)?;
        let sc = evaluate(&model, &sents[a..b]);
        per_fold.push(sc.micro().f1());
        pooled.merge(&sc);
        if opts.verbose {
            eprintln!(
                "train-ner: fold {}/{folds}: micro F1 {:.4} ({:.1} s)",
                k + 1,
                sc.micro().f1(),
                t0.elapsed().as_secs_f64()
            );
        }
    }
    Ok((pooled, per_fold))
}

/// A sentence as feature-row ids and gold tag indices.
struct Prepared {
    /// Hashed features, flattened; `starts` delimits each word's.
    keys: Vec<u64>,
    starts: Vec<usize>,
    ids: Vec<u32>,
    id_starts: Vec<usize>,
    gold: Vec<usize>,
}

/// Trains a tagger on `train`. When `dev` is `None` the last
/// [`TrainOptions::dev_fraction`] of `train` is held out to choose the epoch
/// count (and, with [`TrainOptions::refit`], the model is then trained again on
/// all of `train`). The test set must never be passed as `dev`.
///
/// ```
/// use khabar::tagger::{read_conll, train, TrainOptions, TagOut, Label};
/// let data = "قال O\nالرئيس O\nماكرون B-PERS\nفي O\nباريس B-LOC\n\n".repeat(20);
/// let sents = read_conll(&data)?;
/// let (tagger, report) = train(&sents, None, &TrainOptions { epochs: 3, ..Default::default() })?;
/// assert!(report.best_epoch >= 1);
/// let tags = tagger.tag(&["قال", "الرئيس", "ماكرون", "في", "باريس"], &[]);
/// assert_eq!(tags[2], TagOut::B(Label::Per));
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn train(
    train: &[Sentence],
    dev: Option<&[Sentence]>,
    opts: &TrainOptions,
) -> Result<(Tagger, TrainReport)> {
    if opts.stack {
        return train_stacked(train, dev, opts);
    }
    let t0 = Instant::now();
    if train.is_empty() {
        return Err(Error::Option("no training sentences".into()));
    }
    if opts.epochs == 0 {
        return Err(Error::Option("epochs must be at least 1".into()));
    }
    let mut labels: Vec<Label> = train
        .iter()
        .chain(&opts.extra)
        .flat_map(|s| s.tags.iter().filter_map(|t| t.label()))
        .collect();
    labels.sort();
    labels.dedup();
    if labels.is_empty() {
        return Err(Error::Option(
            "the training data has no entities (every tag is O)".into(),
        ));
    }
    for s in train.iter().chain(&opts.extra) {
        if s.words.len() != s.tags.len() {
            return Err(Error::Option("a sentence has more words than tags".into()));
        }
    }
    let clusters = opts.clusters.clone().unwrap_or_default();
    let log = |msg: String| {
        if opts.verbose {
            eprintln!("train-ner: {msg}");
        }
    };
    let (fit, held): (&[Sentence], &[Sentence]) = match dev {
        Some(d) => (train, d),
        None => {
            let n_dev = ((train.len() as f64) * opts.dev_fraction).round() as usize;
            let n_dev = n_dev.min(train.len().saturating_sub(1));
            train.split_at(train.len() - n_dev)
        }
    };
    log(format!(
        "{} training sentences ({} extra), {} dev sentences, labels {:?}, {} cluster words",
        fit.len() + opts.extra.len(),
        opts.extra.len(),
        held.len(),
        labels.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        clusters.len()
    ));
    let mut ex = Extractor::default();
    let with_extra =
        |part: &[Sentence]| -> Vec<Sentence> { part.iter().chain(&opts.extra).cloned().collect() };
    // Each part's hints by sentence (none for the extra sentences, which
    // follow); without a dev set the held-out part's are train's last ones.
    let te = &opts.train_elsewhere;
    let upto = |n: usize| &te[..n.min(te.len())];
    let (fit_else, held_else) = match dev {
        Some(_) => (upto(fit.len()), &opts.dev_elsewhere[..]),
        None => (upto(fit.len()), &te[fit.len().min(te.len())..]),
    };
    let fit_p = prepare(&with_extra(fit), &labels, &clusters, &mut ex, fit_else);
    let held_p = prepare(held, &labels, &clusters, &mut ex, held_else);
    log(format!(
        "features extracted ({:.1} s)",
        t0.elapsed().as_secs_f64()
    ));
    let run = Run {
        labels: &labels,
        clusters: &clusters,
        opts,
    };
    let mut fit_p = fit_p;
    let (best, best_epoch, epochs_run, dev_scores) =
        run.fit(&mut fit_p, Some(&held_p), opts.epochs, opts.seed)?;
    let ens = opts.ensemble.max(1);
    let (best, dev_scores) = if ens > 1 && !held_p.is_empty() {
        let mut models = Vec::new();
        for k in 1..ens as u64 {
            models.push(run.fit(&mut fit_p, None, best_epoch, opts.seed + k)?.0);
        }
        let m = average(best, &models);
        let sc = score_prepared(&m, &held_p, &mut Vec::new());
        log(format!(
            "average of {ens} models (seeds {}..): dev F1 {:.4}",
            opts.seed,
            sc.micro().f1()
        ));
        (m, sc)
    } else {
        (best, dev_scores)
    };
    drop(fit_p);
    // How much to favour entities over O: chosen on the dev set too.
    let mut bias = (0.0f32, dev_scores.micro().f1());
    let mut buf = Vec::new();
    if !held_p.is_empty() {
        for b in [0.5f32, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0] {
            let mut m = best.clone();
            m.favour_entities(b);
            let f1 = score_prepared(&m, &held_p, &mut buf).micro().f1();
            log(format!("entity bias {b}: dev F1 {f1:.4}"));
            if f1 > bias.1 {
                bias = (b, f1);
            }
        }
    }
    let (mut best, dev_scores) = if bias.0 > 0.0 {
        let mut m = best;
        m.favour_entities(bias.0);
        let sc = score_prepared(&m, &held_p, &mut buf);
        (m, sc)
    } else {
        (best, dev_scores)
    };
    best.favour_entities(0.0);
    let refit = dev.is_none() && opts.refit && !held.is_empty();
    let (model, sentences) = if refit {
        log(format!(
            "refit on all {} sentences for {best_epoch} epochs",
            train.len()
        ));
        let mut all = prepare(
            &with_extra(train),
            &labels,
            &clusters,
            &mut ex,
            upto(train.len()),
        );
        let first = run.fit(&mut all, None, best_epoch, opts.seed)?.0;
        let mut models = Vec::new();
        for k in 1..ens as u64 {
            models.push(run.fit(&mut all, None, best_epoch, opts.seed + k)?.0);
        }
        let mut m = average(first, &models);
        m.favour_entities(bias.0);
        (m, train.len() + opts.extra.len())
    } else {
        best.favour_entities(bias.0);
        (best, fit.len() + opts.extra.len())
    };
    let model = run.pruned(model);
    let report = TrainReport {
        entity_bias: bias.0,
        best_epoch,
        epochs_run,
        dev: dev_scores,
        seconds: t0.elapsed().as_secs_f64(),
        features: model.num_features(),
        sentences,
        first_dev: None,
    };
    log(format!(
        "done: {} features, {:.1} s",
        report.features, report.seconds
    ));
    Ok((model, report))
}

/// [`train`] with [`TrainOptions::stack`]: the first pass, the cross-fitted
/// first-pass labels of `train`, the second pass.
fn train_stacked(
    train_s: &[Sentence],
    dev: Option<&[Sentence]>,
    opts: &TrainOptions,
) -> Result<(Tagger, TrainReport)> {
    let t0 = Instant::now();
    let k = opts.stack_folds;
    if k < 2 || k > train_s.len() {
        return Err(Error::Option(format!(
            "stacking needs 2 to {} cross-fitting parts, not {k}",
            train_s.len()
        )));
    }
    let log = |msg: String| {
        if opts.verbose {
            eprintln!("train-ner: stack: {msg}");
        }
    };
    let plain = TrainOptions {
        stack: false,
        train_elsewhere: Vec::new(),
        dev_elsewhere: Vec::new(),
        ..opts.clone()
    };
    let quiet = TrainOptions {
        verbose: false,
        ..plain.clone()
    };
    log(format!("first pass on {} sentences", train_s.len()));
    let (first, first_report) = train(train_s, dev, &plain)?;
    let words = |sents: &[Sentence]| -> Vec<Vec<String>> {
        sents.iter().map(|s| s.words.clone()).collect()
    };
    let tag_all = |m: &Tagger, sents: &[Sentence]| -> Vec<Vec<TagOut>> {
        sents
            .iter()
            .map(|s| {
                let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
                m.tag(&w, &default_hints(&w))
            })
            .collect()
    };
    let n = train_s.len();
    let mut pred: Vec<Vec<TagOut>> = vec![Vec::new(); n];
    for j in 0..k {
        let tj = Instant::now();
        let (a, b) = (j * n / k, (j + 1) * n / k);
        let rest: Vec<Sentence> = train_s[..a].iter().chain(&train_s[b..]).cloned().collect();
        let (inner, report) = train(&rest, None, &quiet)?;
        for (p, t) in pred[a..b].iter_mut().zip(tag_all(&inner, &train_s[a..b])) {
            *p = t;
        }
        log(format!(
            "part {}/{k}: sentences {a}..{b} labelled by a first pass trained on the other {} (dev F1 {:.4}, {:.1} s)",
            j + 1,
            rest.len(),
            report.dev.micro().f1(),
            tj.elapsed().as_secs_f64()
        ));
    }
    let window = opts.stack_window;
    let train_elsewhere = super::stack::elsewhere(&words(train_s), &pred, window);
    let dev_elsewhere = match dev {
        Some(d) => super::stack::elsewhere(&words(d), &tag_all(&first, d), window),
        None => Vec::new(),
    };
    log(format!(
        "second pass on {n} sentences with first-pass labels within {window} sentences"
    ));
    let second_opts = TrainOptions {
        train_elsewhere,
        dev_elsewhere,
        ..plain
    };
    let (second, report) = train(train_s, dev, &second_opts)?;
    log(format!(
        "dev F1 first pass {:.4}, second {:.4}",
        first_report.dev.micro().f1(),
        report.dev.micro().f1()
    ));
    let model = Tagger::stacked(first, second, window);
    let report = TrainReport {
        seconds: t0.elapsed().as_secs_f64(),
        features: model.num_features(),
        first_dev: Some(first_report.dev),
        ..report
    };
    Ok((model, report))
}

fn tag_index(labels: &[Label], t: TagOut) -> usize {
    match t {
        TagOut::O => 0,
        TagOut::B(l) | TagOut::I(l) => {
            let k = labels.iter().position(|&x| x == l).unwrap_or(0);
            if matches!(t, TagOut::B(_)) {
                1 + 2 * k
            } else {
                2 + 2 * k
            }
        }
    }
}

/// Extracts features and gold tags; a stray `I-X` (not after `B-X`/`I-X`)
/// becomes `B-X`, as conlleval reads it.
fn prepare(
    sents: &[Sentence],
    labels: &[Label],
    clusters: &Clusters,
    ex: &mut Extractor,
    elsewhere: &[Vec<u16>],
) -> Vec<Prepared> {
    sents
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut hints = default_hints(&words);
            if let Some(e) = elsewhere.get(si) {
                for (h, &m) in hints.iter_mut().zip(e) {
                    h.elsewhere = m;
                }
            }
            let mut keys = Vec::new();
            let mut starts = Vec::new();
            ex.extract(&words, &hints, clusters, &mut keys, &mut starts);
            let mut gold = Vec::with_capacity(s.tags.len());
            let mut prev = TagOut::O;
            for &t in &s.tags {
                let t = match t {
                    TagOut::I(l) if prev.label() != Some(l) => TagOut::B(l),
                    t if labels.contains(&t.label().unwrap_or(Label::Per)) || t == TagOut::O => t,
                    _ => TagOut::O,
                };
                gold.push(tag_index(labels, t));
                prev = t;
            }
            Prepared {
                keys,
                starts,
                ids: Vec::new(),
                id_starts: Vec::new(),
                gold,
            }
        })
        .collect()
}

struct Run<'a> {
    labels: &'a [Label],
    clusters: &'a Clusters,
    opts: &'a TrainOptions,
}

impl Run<'_> {
    /// Trains for at most `epochs` (stopping early on `dev`) and returns the
    /// best averaged model, its epoch, the epochs run and its dev scores.
    fn fit(
        &self,
        data: &mut [Prepared],
        dev: Option<&[Prepared]>,
        epochs: usize,
        seed: u64,
    ) -> Result<(Tagger, usize, usize, Scores)> {
        let nt = 1 + 2 * self.labels.len();
        // Feature index: keys seen at least min_count times.
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for s in data.iter() {
            for &k in &s.keys {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        let mut keys: Vec<u64> = counts
            .iter()
            .filter(|(_, &c)| c >= self.opts.min_count)
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        drop(counts);
        let index: HashMap<u64, u32> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        for s in data.iter_mut() {
            s.ids.clear();
            s.id_starts.clear();
            for w in 0..s.starts.len().saturating_sub(1) {
                s.id_starts.push(s.ids.len());
                for k in &s.keys[s.starts[w]..s.starts[w + 1]] {
                    if let Some(&id) = index.get(k) {
                        s.ids.push(id);
                    }
                }
            }
            s.id_starts.push(s.ids.len());
        }
        drop(index);
        let nf = keys.len();
        let ntr = (nt + 1) * nt;
        let mut w = vec![0f32; nf * nt];
        let mut acc = vec![0f64; nf * nt];
        let mut tw = vec![0f32; ntr];
        let mut tacc = vec![0f64; ntr];
        let mut c: f64 = 1.0;
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut scores = Vec::new();
        let (mut drop_ids, mut drop_starts) = (Vec::new(), Vec::new());
        let mut best: Option<(f64, usize, Tagger, Scores)> = None;
        let mut since_best = 0;
        let mut epochs_run = 0;
        let table = FeatureTable::build(&keys);
        for epoch in 1..=epochs {
            let te = Instant::now();
            epochs_run = epoch;
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            let mut mistakes = 0usize;
            for &si in &order {
                let s = &data[si];
                let n = s.gold.len();
                if n == 0 {
                    continue;
                }
                // Feature dropout: each feature occurrence is left out with
                // probability `dropout`, so that no one feature (the word
                // itself) carries a decision alone.
                let (ids, starts): (&[u32], &[usize]) = if self.opts.dropout > 0.0 {
                    drop_ids.clear();
                    drop_starts.clear();
                    for i in 0..n {
                        drop_starts.push(drop_ids.len());
                        for &f in &s.ids[s.id_starts[i]..s.id_starts[i + 1]] {
                            if rng.next_f32() >= self.opts.dropout {
                                drop_ids.push(f);
                            }
                        }
                    }
                    drop_starts.push(drop_ids.len());
                    (&drop_ids, &drop_starts)
                } else {
                    (&s.ids, &s.id_starts)
                };
                emissions(ids, starts, &w, nt, &mut scores);
                // Cost-augmented decoding: every wrong tag gets a head start,
                // so updates continue until the gold path wins by a margin.
                if self.opts.margin > 0.0 {
                    for (i, &g) in s.gold.iter().enumerate() {
                        for (t, x) in scores[i * nt..(i + 1) * nt].iter_mut().enumerate() {
                            if t != g {
                                *x += self.opts.margin;
                            }
                        }
                    }
                }
                let pred = viterbi(&scores, &tw, nt, n);
                if pred != s.gold {
                    for i in 0..n {
                        let (g, p) = (s.gold[i], pred[i]);
                        let gp = if i == 0 { nt } else { s.gold[i - 1] };
                        let pp = if i == 0 { nt } else { pred[i - 1] };
                        if g != p {
                            mistakes += 1;
                            for &f in &ids[starts[i]..starts[i + 1]] {
                                let f = f as usize * nt;
                                w[f + g] += 1.0;
                                acc[f + g] += c;
                                w[f + p] -= 1.0;
                                acc[f + p] -= c;
                            }
                        }
                        if (gp, g) != (pp, p) {
                            tw[gp * nt + g] += 1.0;
                            tacc[gp * nt + g] += c;
                            tw[pp * nt + p] -= 1.0;
                            tacc[pp * nt + p] -= c;
                        }
                    }
                }
                c += 1.0;
            }
            let model = self.averaged(&keys, &table, &w, &acc, &tw, &tacc, c);
            let msg = format!(
                "epoch {epoch}: {mistakes} token mistakes ({:.1} s)",
                te.elapsed().as_secs_f64()
            );
            let Some(dev) = dev.filter(|d| !d.is_empty()) else {
                if self.opts.verbose {
                    eprintln!("train-ner: {msg}");
                }
                best = Some((0.0, epoch, model, Scores::default()));
                continue;
            };
            let sc = score_prepared(&model, dev, &mut scores);
            let f1 = sc.micro().f1();
            if self.opts.verbose {
                eprintln!("train-ner: {msg}, dev F1 {f1:.4}");
            }
            if best.as_ref().is_none_or(|b| f1 > b.0) {
                best = Some((f1, epoch, model, sc));
                since_best = 0;
            } else {
                since_best += 1;
                if since_best >= self.opts.patience {
                    break;
                }
            }
        }
        let (_, epoch, model, sc) =
            best.ok_or_else(|| Error::Option("training ran no epoch".into()))?;
        Ok((model, epoch, epochs_run, sc))
    }

    #[allow(clippy::too_many_arguments)]
    fn averaged(
        &self,
        keys: &[u64],
        table: &FeatureTable,
        w: &[f32],
        acc: &[f64],
        tw: &[f32],
        tacc: &[f64],
        c: f64,
    ) -> Tagger {
        let avg = |w: &[f32], a: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(a)
                .map(|(&w, &a)| (f64::from(w) - a / c) as f32)
                .collect()
        };
        Tagger::one_pass(
            self.labels.to_vec(),
            table.clone(),
            keys.to_vec(),
            avg(w, acc),
            avg(tw, tacc),
            self.clusters.clone(),
            self.opts.description.clone(),
        )
    }

    /// Drops features whose weights are all below the pruning threshold.
    fn pruned(&self, m: Tagger) -> Tagger {
        let nt = m.ntags();
        let mut keys = Vec::new();
        let mut weights = Vec::new();
        for (i, &k) in m.keys.iter().enumerate() {
            let row = &m.weights[i * nt..(i + 1) * nt];
            if row.iter().any(|w| w.abs() > self.opts.prune.max(1e-6)) {
                keys.push(k);
                weights.extend_from_slice(row);
            }
        }
        Tagger {
            table: FeatureTable::build(&keys),
            keys,
            weights,
            ..m
        }
    }
}

/// The average of models trained on the same data (same feature rows).
fn average(mut first: Tagger, rest: &[Tagger]) -> Tagger {
    let n = 1.0 + rest.len() as f32;
    for m in rest {
        for (a, b) in first.weights.iter_mut().zip(&m.weights) {
            *a += b;
        }
        for (a, b) in first.trans.iter_mut().zip(&m.trans) {
            *a += b;
        }
    }
    for a in first.weights.iter_mut().chain(first.trans.iter_mut()) {
        *a /= n;
    }
    first
}

fn emissions(ids: &[u32], starts: &[usize], w: &[f32], nt: usize, out: &mut Vec<f32>) {
    let n = starts.len().saturating_sub(1);
    out.clear();
    out.resize(n * nt, 0.0);
    for i in 0..n {
        let row = &mut out[i * nt..(i + 1) * nt];
        for &f in &ids[starts[i]..starts[i + 1]] {
            let f = f as usize * nt;
            for (o, x) in row.iter_mut().zip(&w[f..f + nt]) {
                *o += x;
            }
        }
    }
}

/// Scores a model on prepared sentences (features already hashed).
fn score_prepared(model: &Tagger, data: &[Prepared], buf: &mut Vec<f32>) -> Scores {
    let mut sc = Scores::default();
    let nt = model.ntags();
    for s in data {
        let n = s.gold.len();
        if n == 0 {
            continue;
        }
        model.emission_scores(&s.keys, &s.starts, buf);
        let pred: Vec<TagOut> = viterbi(buf, &model.trans, nt, n)
            .into_iter()
            .map(|t| model.tag_of(t))
            .collect();
        let gold: Vec<TagOut> = s.gold.iter().map(|&t| model.tag_of(t)).collect();
        sc.add(&gold, &pred);
    }
    sc
}
