//! The trained model: feature weights, BIO transition weights, the cluster
//! table; Viterbi decoding; the binary format.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{Read, Write};

use super::clusters::{Clusters, WordMap};
use super::features::{elsewhere_features, Extractor, VERSION};
use super::stack::{form_key, FormCounts};
use super::{default_hints, entities, Hint, Label, TagOut};
use crate::error::{Error, Result};
use crate::model::Span;
use crate::text::{tokenize_into, Token, TokenKind};

/// The file format's magic; its last byte is the format version: 1 for a
/// one-pass model, 2 for a stacked one (a first pass, then a second that
/// sees the first's labels of the same word form nearby). A one-pass model is
/// always written as version 1, byte for byte as before stacking existed.
const MAGIC: &[u8; 7] = b"KHABNER";
const FORMAT_ONE_PASS: u8 = 1;
const FORMAT_TWO_PASS: u8 = 2;

/// One slot of a [`FeatureTable`]: the key and its row side by side, so a
/// lookup touches one cache line.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    row: u32,
}

const EMPTY: Slot = Slot {
    key: 0,
    row: u32::MAX,
};

/// An open-addressing hash table from feature key to weight row.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureTable {
    slots: Vec<Slot>,
    mask: usize,
}

impl FeatureTable {
    pub(crate) fn build(keys: &[u64]) -> Self {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut t = FeatureTable {
            slots: vec![EMPTY; cap],
            mask: cap - 1,
        };
        for (row, &k) in keys.iter().enumerate() {
            let mut i = (k as usize) & t.mask;
            while t.slots[i].row != u32::MAX {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = Slot {
                key: k,
                row: row as u32,
            };
        }
        t
    }

    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<usize> {
        let mut i = (k as usize) & self.mask;
        loop {
            let s = *self.slots.get(i)?;
            if s.row == u32::MAX {
                return None;
            }
            if s.key == k {
                return Some(s.row as usize);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Reads the first slot of every key (independent loads the processor
    /// overlaps), so that the lookups that follow find them cached.
    #[inline]
    fn touch(&self, keys: &[u64]) -> u64 {
        let mut acc = 0u64;
        for &k in keys {
            if let Some(s) = self.slots.get((k as usize) & self.mask) {
                acc = acc.wrapping_add(u64::from(s.row));
            }
        }
        acc
    }
}

/// A trained entity tagger. Cheap to share across threads (`&Tagger` is all
/// tagging needs).
///
/// ```
/// use khabar::tagger::{Tagger, TagOut, Label, default_hints};
/// let t = Tagger::default_model()?;
/// let words = ["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس"];
/// let tags = t.tag(&words, &default_hints(&words));
/// assert_eq!(tags[3], TagOut::B(Label::Per));
/// assert_eq!(tags[6], TagOut::B(Label::Loc));
/// # Ok::<(), khabar::Error>(())
/// ```
#[derive(Clone)]
pub struct Tagger {
    /// The labels, in model order; tag 0 is `O`, tag `1 + 2k` is `B` of label
    /// `k`, `2 + 2k` its `I`.
    pub(crate) labels: Vec<Label>,
    pub(crate) table: FeatureTable,
    /// The feature keys in row order (kept for saving).
    pub(crate) keys: Vec<u64>,
    /// `rows × ntags` weights.
    pub(crate) weights: Vec<f32>,
    /// `(ntags + 1) × ntags`: from tag (last row: the sentence start) to tag.
    pub(crate) trans: Vec<f32>,
    pub(crate) clusters: Clusters,
    /// Free-text description: what the model was trained on.
    pub(crate) meta: String,
    /// The entity bias already applied to `trans` (not saved: a loaded
    /// model has it baked in).
    pub(crate) bias: f32,
    /// A stacked model's second pass: its own labels, features, weights and
    /// transitions (its clusters unused: the first pass's serve both), fed
    /// the first pass's features plus the stacking ones.
    pub(crate) second: Option<Box<Tagger>>,
    /// For a stacked model: both passes' weights in one table (see
    /// [`Joint`]); the passes' own tables are left empty.
    pub(crate) joint: Option<Box<Joint>>,
    /// For a stacked model: the sentences either side whose first-pass
    /// labels fill [`Hint::elsewhere`].
    pub(crate) window: usize,
}

/// A stacked model's weights for tagging: one row per feature of either
/// pass, the first pass's `nt1` weights then the second's `nt2` (zeros where
/// a pass lacks the feature), so that one lookup of a feature serves both
/// passes (the second pass's scores from the first pass's features are
/// summed while the first pass runs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Joint {
    table: FeatureTable,
    weights: Vec<f32>,
    nt1: usize,
    nt2: usize,
}

impl Joint {
    fn new(first: &Tagger, second: &Tagger) -> Joint {
        let (nt1, nt2) = (first.ntags(), second.ntags());
        let width = nt1 + nt2;
        let mut rows: crate::lexicon::FastMap<u64, usize> = Default::default();
        let mut keys = Vec::with_capacity(first.keys.len() + second.keys.len() / 4);
        let mut weights = Vec::with_capacity(keys.capacity() * width);
        for (i, &k) in first.keys.iter().enumerate() {
            rows.insert(k, keys.len());
            keys.push(k);
            weights.extend_from_slice(&first.weights[i * nt1..(i + 1) * nt1]);
            weights.extend(std::iter::repeat_n(0.0, nt2));
        }
        for (i, &k) in second.keys.iter().enumerate() {
            let r = *rows.entry(k).or_insert_with(|| {
                keys.push(k);
                weights.extend(std::iter::repeat_n(0.0, width));
                keys.len() - 1
            });
            weights[r * width + nt1..(r + 1) * width]
                .copy_from_slice(&second.weights[i * nt2..(i + 1) * nt2]);
        }
        Joint {
            table: FeatureTable::build(&keys),
            weights,
            nt1,
            nt2,
        }
    }

    /// Both passes' scores of every word from the first pass's features: the
    /// first's into `s1`, the second's into `s2`, each summed feature by
    /// feature in the order given (the same sums as each pass alone).
    fn scores(&self, feats: &[u64], starts: &[usize], s1: &mut Vec<f32>, s2: &mut Vec<f32>) {
        let n = starts.len().saturating_sub(1);
        s1.clear();
        s1.resize(n * self.nt1, 0.0);
        s2.clear();
        s2.resize(n * self.nt2, 0.0);
        std::hint::black_box(self.table.touch(feats));
        if self.nt1 == 9 && self.nt2 == 9 {
            self.scores_fixed::<18>(feats, starts, s1, s2);
            return;
        }
        let width = self.nt1 + self.nt2;
        for (i, se) in starts.windows(2).enumerate() {
            let (r1, r2) = (
                &mut s1[i * self.nt1..(i + 1) * self.nt1],
                &mut s2[i * self.nt2..(i + 1) * self.nt2],
            );
            for &k in feats.get(se[0]..se[1]).unwrap_or_default() {
                if let Some(r) = self.table.get(k) {
                    let w = &self.weights[r * width..(r + 1) * width];
                    for (a, x) in r1.iter_mut().zip(&w[..self.nt1]) {
                        *a += x;
                    }
                    for (a, x) in r2.iter_mut().zip(&w[self.nt1..]) {
                        *a += x;
                    }
                }
            }
        }
    }

    /// [`Joint::scores`] for `W` weights a row.
    fn scores_fixed<const W: usize>(
        &self,
        feats: &[u64],
        starts: &[usize],
        s1: &mut [f32],
        s2: &mut [f32],
    ) {
        let nt1 = self.nt1;
        for (i, se) in starts.windows(2).enumerate() {
            let mut acc = [0f32; W];
            for &k in feats.get(se[0]..se[1]).unwrap_or_default() {
                if let Some(r) = self.table.get(k) {
                    if let Some(w) = self.weights.get(r * W..(r + 1) * W) {
                        for (a, x) in acc.iter_mut().zip(w) {
                            *a += x;
                        }
                    }
                }
            }
            s1[i * nt1..(i + 1) * nt1].copy_from_slice(&acc[..nt1]);
            s2[i * (W - nt1)..(i + 1) * (W - nt1)].copy_from_slice(&acc[nt1..]);
        }
    }

    /// Adds the second pass's weights of more features (the stacking ones)
    /// to its scores `s2`, feature by feature.
    fn add_second(&self, feats: &[u64], starts: &[usize], s2: &mut [f32]) {
        let width = self.nt1 + self.nt2;
        for (row, se) in s2.chunks_exact_mut(self.nt2).zip(starts.windows(2)) {
            for &k in feats.get(se[0]..se[1]).unwrap_or_default() {
                if let Some(r) = self.table.get(k) {
                    if let Some(w) = self.weights.get(r * width + self.nt1..(r + 1) * width) {
                        for (a, x) in row.iter_mut().zip(w) {
                            *a += x;
                        }
                    }
                }
            }
        }
    }
}

/// One sentence's first pass, kept for the second: the second pass's scores
/// from the first pass's features, the coarsest cluster and form of each
/// word, and the first pass's tags.
#[derive(Default)]
struct FirstPass {
    scores: Vec<f32>,
    coarse: Vec<u64>,
    forms: Vec<u64>,
    tags: Vec<TagOut>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("labels", &self.labels)
            .field("features", &self.keys.len())
            .field("cluster_words", &self.clusters.len())
            .field("passes", &self.passes())
            .field("description", &self.meta)
            .finish()
    }
}

/// Per-thread buffers for tagging: the extractor, feature keys, word starts,
/// scores.
type Scratch = (Extractor, Vec<u64>, Vec<usize>, Vec<f32>);

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Default::default());
}

impl Tagger {
    /// A one-pass model of these parts (no bias, no second pass).
    pub(crate) fn one_pass(
        labels: Vec<Label>,
        table: FeatureTable,
        keys: Vec<u64>,
        weights: Vec<f32>,
        trans: Vec<f32>,
        clusters: Clusters,
        meta: String,
    ) -> Tagger {
        Tagger {
            labels,
            table,
            keys,
            weights,
            trans,
            clusters,
            meta,
            bias: 0.0,
            second: None,
            joint: None,
            window: 0,
        }
    }

    pub(crate) fn ntags(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    pub(crate) fn tag_of(&self, i: usize) -> TagOut {
        if i == 0 {
            return TagOut::O;
        }
        let l = self.labels[(i - 1) / 2];
        if i % 2 == 1 {
            TagOut::B(l)
        } else {
            TagOut::I(l)
        }
    }

    /// Shifts every word's score for `O` down by `bias` relative to the
    /// entity tags (on top of any earlier shift: the model remembers the
    /// total, and `favour_entities(0.0)` undoes it). Implemented on the
    /// transitions into `O`, which is the same thing.
    pub(crate) fn favour_entities(&mut self, bias: f32) {
        let nt = self.ntags();
        let delta = bias - self.bias;
        for p in 0..=nt {
            self.trans[p * nt] -= delta;
        }
        self.bias = bias;
    }

    /// The labels this model tags.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// What the model says about itself (training data, clusters, scores).
    pub fn description(&self) -> &str {
        &self.meta
    }

    /// The number of weighted features (of both passes for a stacked model).
    pub fn num_features(&self) -> usize {
        self.keys.len() + self.second.as_ref().map_or(0, |s| s.keys.len())
    }

    /// Tagging passes: 1, or 2 for a stacked model (trained with
    /// [`TrainOptions::stack`](super::TrainOptions::stack)), whose second
    /// pass sees the labels the first gave the same word form in the
    /// sentences nearby (see [`Tagger::tag_sentences`]).
    pub fn passes(&self) -> usize {
        1 + usize::from(self.second.is_some())
    }

    /// A stacked model from a first pass and a second trained on its labels
    /// ([`Hint::elsewhere`] over `window` sentences either side).
    pub(crate) fn stacked(mut first: Tagger, mut second: Tagger, window: usize) -> Tagger {
        second.clusters = Clusters::default();
        second.second = None;
        let joint = Joint::new(&first, &second);
        // Tagging uses the joint table only.
        first.table = FeatureTable::default();
        second.table = FeatureTable::default();
        first.second = Some(Box::new(second));
        first.joint = Some(Box::new(joint));
        first.window = window;
        first
    }

    /// The number of words with a cluster in the model.
    pub fn num_cluster_words(&self) -> usize {
        self.clusters.len()
    }

    /// Tags the words of one sentence. `hints` holds one [`Hint`] per word (a
    /// shorter slice means no hints for the rest); see
    /// [`default_hints`].
    ///
    /// A stacked model tags a lone sentence with its first pass only: its
    /// second pass learned from the sentences around a word, and on a
    /// sentence alone it scores below the first (5-fold CV on ANERcorp
    /// train: 0.005 micro F1); [`Tagger::tag_sentences`] gives it the
    /// sentences around.
    pub fn tag(&self, words: &[&str], hints: &[Hint]) -> Vec<TagOut> {
        if words.is_empty() {
            return Vec::new();
        }
        if let Some(joint) = self.joint.as_deref() {
            return SCRATCH.with(|s| {
                let mut s = s.borrow_mut();
                let (ex, feats, starts, scores) = &mut *s;
                let mut h = hints.to_vec();
                h.resize(words.len(), Hint::default());
                for x in &mut h {
                    x.elsewhere = 0;
                }
                feats.clear();
                ex.extract(words, &h, &self.clusters, feats, starts);
                let mut unused = Vec::new();
                joint.scores(feats, starts, scores, &mut unused);
                viterbi(scores, &self.trans, self.ntags(), words.len())
                    .into_iter()
                    .map(|t| self.tag_of(t))
                    .collect()
            });
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let (ex, feats, starts, scores) = &mut *s;
            feats.clear();
            ex.extract(words, hints, &self.clusters, feats, starts);
            self.emission_scores(feats, starts, scores);
            viterbi(scores, &self.trans, self.ntags(), words.len())
                .into_iter()
                .map(|t| self.tag_of(t))
                .collect()
        })
    }

    /// Tags a run of sentences in reading order (an article's, a corpus
    /// file's), `hints` giving each sentence's [`Hint`]s. A one-pass model tags
    /// each sentence as [`Tagger::tag`] does; a stacked one (given two
    /// sentences or more; one alone it tags as [`Tagger::tag`] does) tags
    /// them all with its first pass, then again with its second, which sees
    /// what the first
    /// said about the same word form (a leading `و` and alef forms aside)
    /// elsewhere within its window of sentences either side
    /// ([`Hint::elsewhere`], filled here: the hints' own is ignored). The
    /// first pass's features are reused, and only a window of sentences is
    /// held at a time.
    ///
    /// ```
    /// use khabar::tagger::{default_hints, Tagger};
    /// let t = Tagger::default_model()?;
    /// let sents = [vec!["قال", "ديلون", "إن", "القوات", "تقدمت"], vec!["وأضاف", "ديلون"]];
    /// let tags = t.tag_sentences(&sents, default_hints);
    /// assert_eq!(tags.len(), 2);
    /// assert_eq!(tags[1].len(), 2);
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn tag_sentences(
        &self,
        sentences: &[Vec<&str>],
        hints: impl Fn(&[&str]) -> Vec<Hint>,
    ) -> Vec<Vec<TagOut>> {
        let (Some(second), Some(joint)) = (self.second.as_deref(), self.joint.as_deref()) else {
            return sentences.iter().map(|w| self.tag(w, &hints(w))).collect();
        };
        if sentences.len() < 2 {
            return sentences.iter().map(|w| self.tag(w, &hints(w))).collect();
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let (ex, feats, starts, scores) = &mut *s;
            let n = sentences.len();
            let w = self.window;
            let mut out = Vec::with_capacity(n);
            let mut counts = FormCounts::default();
            // First passes of sentences `lo..added`.
            let mut held: VecDeque<FirstPass> = VecDeque::new();
            let mut spare: Vec<FirstPass> = Vec::new();
            let (mut lo, mut added) = (0usize, 0usize);
            let (mut extra, mut extra_starts, mut near) = (Vec::new(), Vec::new(), Vec::new());
            let mut s2 = Vec::new();
            for i in 0..n {
                while added < n && added <= i + w {
                    let words = &sentences[added];
                    let mut p = spare.pop().unwrap_or_default();
                    let mut h = hints(words);
                    h.resize(words.len(), Hint::default());
                    for x in &mut h {
                        x.elsewhere = 0;
                    }
                    feats.clear();
                    ex.extract(words, &h, &self.clusters, feats, starts);
                    ex.coarse_clusters(words.len(), &mut p.coarse);
                    p.forms.clear();
                    p.forms.extend(words.iter().map(|x| form_key(x)));
                    joint.scores(feats, starts, scores, &mut p.scores);
                    p.tags.clear();
                    if !words.is_empty() {
                        let path = viterbi(scores, &self.trans, self.ntags(), words.len());
                        p.tags.extend(path.into_iter().map(|t| self.tag_of(t)));
                    }
                    counts.update(&p.forms, &p.tags, true);
                    held.push_back(p);
                    added += 1;
                }
                while lo + w < i {
                    if let Some(p) = held.pop_front() {
                        counts.update(&p.forms, &p.tags, false);
                        spare.push(p);
                    }
                    lo += 1;
                }
                let Some(p) = held.get_mut(i - lo) else {
                    out.push(Vec::new());
                    continue;
                };
                if p.tags.is_empty() {
                    out.push(Vec::new());
                    continue;
                }
                counts.hints(&p.forms, &p.tags, &mut near);
                elsewhere_features(&near, &p.coarse, &mut extra, &mut extra_starts);
                s2.clear();
                s2.extend_from_slice(&p.scores);
                joint.add_second(&extra, &extra_starts, &mut s2);
                let path = viterbi(&s2, &second.trans, second.ntags(), p.tags.len());
                out.push(path.into_iter().map(|t| second.tag_of(t)).collect());
            }
            out
        })
    }

    /// Per-word tag scores from the features (`words × ntags`).
    pub(crate) fn emission_scores(&self, feats: &[u64], starts: &[usize], out: &mut Vec<f32>) {
        let nt = self.ntags();
        let n = starts.len().saturating_sub(1);
        out.clear();
        out.resize(n * nt, 0.0);
        std::hint::black_box(self.table.touch(feats));
        // Four labels (the default model) get a loop of fixed width; the sums
        // are the same, feature by feature in the same order.
        if nt == 9 {
            self.emissions_fixed::<9>(feats, starts, out);
            return;
        }
        for i in 0..n {
            let row = &mut out[i * nt..(i + 1) * nt];
            for &k in &feats[starts[i]..starts[i + 1]] {
                if let Some(r) = self.table.get(k) {
                    for (o, w) in row.iter_mut().zip(&self.weights[r * nt..(r + 1) * nt]) {
                        *o += w;
                    }
                }
            }
        }
    }

    /// [`Tagger::emission_scores`] for `N` tags.
    fn emissions_fixed<const N: usize>(&self, feats: &[u64], starts: &[usize], out: &mut [f32]) {
        for (row, se) in out.chunks_exact_mut(N).zip(starts.windows(2)) {
            let mut acc = [0f32; N];
            for &k in &feats[se[0]..se[1]] {
                if let Some(r) = self.table.get(k) {
                    if let Some(w) = self.weights.get(r * N..(r + 1) * N) {
                        for (a, x) in acc.iter_mut().zip(w) {
                            *a += x;
                        }
                    }
                }
            }
            row.copy_from_slice(&acc);
        }
    }

    /// Tags the sentences of a text and returns each entity's byte span and
    /// label. Words are the text layer's tokens ([`crate::text::tokenize`]);
    /// proclitics (`و ف ب ل ك`) stay outside the span and the article stays
    /// inside, so `والبوكمال` gives a span on `البوكمال`, `وإسرائيل` one on
    /// `إسرائيل`, and `للتحالف` (`ل` + the article written `ل`) one starting at
    /// the article's `ل`.
    ///
    /// ```
    /// let t = khabar::tagger::Tagger::default_model()?;
    /// let text = "وصلت القوات إلى البوكمال، وقالت إسرائيل إنها قصفت مواقع في دمشق.";
    /// let spans = t.tag_text(text, &khabar::sentences(text));
    /// let names: Vec<&str> = spans.iter().map(|(s, _)| &text[s.range()]).collect();
    /// assert!(names.contains(&"البوكمال") && names.contains(&"دمشق"));
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn tag_text(&self, text: &str, sentences: &[Span]) -> Vec<(Span, Label)> {
        self.tag_text_with(text, sentences, default_hints)
    }

    /// [`Tagger::tag_text`] with hints from `hints` (one per word of each
    /// sentence) instead of [`default_hints`]: for a pipeline with its own
    /// gazetteer, `|w| word_hints_with(g, w)` converted.
    ///
    /// ```
    /// let t = khabar::tagger::Tagger::default_model()?;
    /// let text = "وصل الوفد إلى دمشق.";
    /// let none = |w: &[&str]| vec![khabar::tagger::Hint::default(); w.len()];
    /// let spans = t.tag_text_with(text, &khabar::sentences(text), none);
    /// assert_eq!(spans.iter().map(|(s, _)| &text[s.range()]).collect::<Vec<_>>(), ["دمشق"]);
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn tag_text_with(
        &self,
        text: &str,
        sentences: &[Span],
        hints: impl Fn(&[&str]) -> Vec<Hint>,
    ) -> Vec<(Span, Label)> {
        let mut out = Vec::new();
        let mut toks: Vec<Token> = Vec::new();
        // Every piece (a sentence, or a window of a long one): where its
        // sentence starts, and its tokens (offsets in the text).
        let mut pieces: Vec<(usize, Vec<Token>)> = Vec::new();
        for s in sentences {
            let Some(sent) = text.get(s.range()) else {
                continue;
            };
            toks.clear();
            tokenize_into(sent, &mut toks);
            // Guard against pathological sentences: tag in windows.
            for chunk in toks.chunks(MAX_WORDS) {
                pieces.push((s.start, chunk.to_vec()));
            }
        }
        let words: Vec<Vec<&str>> = pieces
            .iter()
            .map(|(at, chunk)| {
                chunk
                    .iter()
                    .map(|t| text.get(at + t.span.start..at + t.span.end).unwrap_or(""))
                    .collect()
            })
            .collect();
        let tags = self.tag_sentences(&words, hints);
        for ((at, chunk), tags) in pieces.iter().zip(&tags) {
            for (a, b, label) in entities(tags) {
                let start = outside_clitics(&chunk[a]);
                let end = chunk[b - 1].span.end;
                if start < end {
                    out.push((Span::new(at + start, at + end), label));
                }
            }
        }
        out
    }

    /// Serialises the model (gzip-compressed binary; format version 1 for a
    /// one-pass model, 2 for a stacked one).
    pub fn save(&self) -> Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.push(if self.second.is_some() {
            FORMAT_TWO_PASS
        } else {
            FORMAT_ONE_PASS
        });
        put_u32(&mut raw, VERSION);
        put_bytes(&mut raw, self.meta.as_bytes());
        self.put_labels(&mut raw);
        // Clusters: sorted words.
        let mut cl: Vec<(&str, u32)> = self.clusters.entries().collect();
        cl.sort_unstable();
        put_u32(&mut raw, cl.len() as u32);
        for (w, p) in cl {
            put_bytes(&mut raw, w.as_bytes());
            put_u32(&mut raw, p);
        }
        self.put_features(&mut raw);
        if let Some(second) = &self.second {
            put_u32(&mut raw, self.window as u32);
            second.put_labels(&mut raw);
            second.put_features(&mut raw);
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw)
            .and_then(|_| gz.finish())
            .map_err(|e| bad(format!("cannot compress: {e}")))
    }

    /// The labels and the transition weights.
    fn put_labels(&self, raw: &mut Vec<u8>) {
        raw.push(self.labels.len() as u8);
        raw.extend(self.labels.iter().map(|l| l.index()));
        for &w in &self.trans {
            raw.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// Features: sorted keys (delta varints), weights quantised to i16 with
    /// one scale, stored sparse (a bit mask of the non-zero tags).
    fn put_features(&self, raw: &mut Vec<u8>) {
        let nt = self.ntags();
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&i| self.keys[i]);
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        put_u32(raw, order.len() as u32);
        raw.extend_from_slice(&scale.to_le_bytes());
        let mut prev = 0u64;
        for &i in &order {
            put_varint(raw, self.keys[i] - prev);
            prev = self.keys[i];
        }
        for &i in &order {
            let row = &self.weights[i * nt..(i + 1) * nt];
            let q: Vec<i16> = row.iter().map(|w| (w / scale).round() as i16).collect();
            let mut mask = 0u16;
            for (t, &v) in q.iter().enumerate() {
                if v != 0 {
                    mask |= 1 << t;
                }
            }
            raw.extend_from_slice(&mask.to_le_bytes());
            for &v in q.iter().filter(|&&v| v != 0) {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    /// Reads a model written by [`Tagger::save`] (gzip or not; one pass or
    /// two). Anything truncated, corrupt, of another format or from another
    /// feature version is an error.
    pub fn load(bytes: &[u8]) -> Result<Tagger> {
        let raw: Vec<u8> = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::with_capacity(bytes.len() * 3);
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut out)
                .map_err(|e| bad(format!("not a valid gzip stream: {e}")))?;
            out
        } else {
            bytes.to_vec()
        };
        let mut r = Reader { b: &raw, at: 0 };
        if r.take(7)? != MAGIC {
            return Err(bad("not a khabar NER model (bad magic)".into()));
        }
        let format = r.take(1)?[0];
        if format != FORMAT_ONE_PASS && format != FORMAT_TWO_PASS {
            return Err(bad(format!(
                "model file format {format}, this khabar reads {FORMAT_ONE_PASS} and {FORMAT_TWO_PASS}: a newer khabar wrote it"
            )));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(bad(format!(
                "model has feature version {version}, this khabar reads {VERSION}: retrain it"
            )));
        }
        let meta = String::from_utf8(r.bytes()?.to_vec())
            .map_err(|_| bad("description is not UTF-8".into()))?;
        let (labels, trans) = read_labels(&mut r)?;
        let nc = r.u32()? as usize;
        let mut map = WordMap::with_capacity_and_hasher(nc.min(1 << 22), Default::default());
        for _ in 0..nc {
            let w = std::str::from_utf8(r.bytes()?)
                .map_err(|_| bad("cluster word is not UTF-8".into()))?
                .to_owned();
            map.insert(w, r.u32()?);
        }
        let (keys, weights) = read_features(&mut r, 1 + 2 * labels.len())?;
        let table = FeatureTable::build(&keys);
        let clusters = Clusters::from_entries(map);
        let first = Tagger::one_pass(labels, table, keys, weights, trans, clusters, meta);
        let model = if format == FORMAT_TWO_PASS {
            let window = r.u32()? as usize;
            let (labels, trans) = read_labels(&mut r)?;
            let (keys, weights) = read_features(&mut r, 1 + 2 * labels.len())?;
            let table = FeatureTable::build(&keys);
            let second = Tagger::one_pass(
                labels,
                table,
                keys,
                weights,
                trans,
                Clusters::default(),
                String::new(),
            );
            Tagger::stacked(first, second, window)
        } else {
            first
        };
        if r.at != raw.len() {
            return Err(bad("trailing bytes after the model".into()));
        }
        Ok(model)
    }

    /// Reads a model file.
    pub fn load_file(path: impl AsRef<std::path::Path>) -> Result<Tagger> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Tagger::load(&bytes).map_err(|e| e.in_file(path, None))
    }

    /// Writes the model to a file.
    pub fn save_file(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.save()?).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    }
}

/// Sentences longer than this many tokens are tagged in pieces.
const MAX_WORDS: usize = 400;

/// Where an entity starting at token `t` begins: after its proclitics, the
/// article excepted.
fn outside_clitics(t: &Token) -> usize {
    if t.kind != TokenKind::Word {
        return t.span.start;
    }
    let mut start = t.span.start;
    for p in t.prefixes() {
        if Some(p) == t.article() {
            break;
        }
        start = p.end;
    }
    start
}

/// The best tag sequence under BIO constraints: `I-X` only after `B-X` or `I-X`.
pub(crate) fn viterbi(scores: &[f32], trans: &[f32], nt: usize, n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let allowed = |prev: Option<usize>, cur: usize| -> bool {
        if cur == 0 || cur % 2 == 1 {
            return true;
        }
        match prev {
            Some(p) => p != 0 && (p - 1) / 2 == (cur - 1) / 2,
            None => false,
        }
    };
    const NEG: f32 = f32::NEG_INFINITY;
    let mut delta = vec![NEG; n * nt];
    let mut back = vec![0u16; n * nt];
    for c in 0..nt {
        if allowed(None, c) {
            delta[c] = scores[c] + trans[nt * nt + c];
        }
    }
    for i in 1..n {
        for c in 0..nt {
            let mut best = (NEG, 0usize);
            for p in 0..nt {
                if !allowed(Some(p), c) {
                    continue;
                }
                let v = delta[(i - 1) * nt + p] + trans[p * nt + c];
                if v > best.0 {
                    best = (v, p);
                }
            }
            delta[i * nt + c] = best.0 + scores[i * nt + c];
            back[i * nt + c] = best.1 as u16;
        }
    }
    let mut best = (NEG, 0usize);
    for c in 0..nt {
        if delta[(n - 1) * nt + c] > best.0 {
            best = (delta[(n - 1) * nt + c], c);
        }
    }
    let mut path = vec![0usize; n];
    path[n - 1] = best.1;
    for i in (1..n).rev() {
        path[i - 1] = back[i * nt + path[i]] as usize;
    }
    path
}

/// A pass's labels and transition weights.
fn read_labels(r: &mut Reader<'_>) -> Result<(Vec<Label>, Vec<f32>)> {
    let nl = r.take(1)?[0] as usize;
    if nl == 0 || nl > Label::ALL.len() {
        return Err(bad(format!("bad label count {nl}")));
    }
    let labels = r
        .take(nl)?
        .iter()
        .map(|&i| Label::from_index(i).ok_or_else(|| bad(format!("unknown label index {i}"))))
        .collect::<Result<Vec<_>>>()?;
    if (1..labels.len()).any(|i| labels[..i].contains(&labels[i])) {
        return Err(bad("a label appears twice".into()));
    }
    let nt = 1 + 2 * labels.len();
    let trans = (0..(nt + 1) * nt)
        .map(|_| r.f32())
        .collect::<Result<Vec<_>>>()?;
    Ok((labels, trans))
}

/// A pass's feature keys and weights (`nt` tags).
fn read_features(r: &mut Reader<'_>, nt: usize) -> Result<(Vec<u64>, Vec<f32>)> {
    let nf = r.u32()? as usize;
    if nf > r.b.len() {
        return Err(bad("feature count larger than the file".into()));
    }
    let scale = r.f32()?;
    let mut keys = Vec::with_capacity(nf);
    let mut prev = 0u64;
    for _ in 0..nf {
        prev = prev.wrapping_add(r.varint()?);
        keys.push(prev);
    }
    let mut weights = vec![0f32; nf * nt];
    for row in weights.chunks_mut(nt) {
        let mask = u16::from_le_bytes([r.take(1)?[0], r.take(1)?[0]]);
        for (t, w) in row.iter_mut().enumerate() {
            if mask & (1 << t) != 0 {
                let v = r.take(2)?;
                *w = f32::from(i16::from_le_bytes([v[0], v[1]])) * scale;
            }
        }
    }
    Ok((keys, weights))
}

fn bad(msg: String) -> Error {
    Error::parse("ner-model", None, msg)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| bad("truncated model".into()))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }

    fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(bad("bad varint".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::{read_conll, train, TrainOptions};

    fn tiny() -> Vec<crate::tagger::Sentence> {
        let data = "قال O\nالرئيس O\nماكرون B-PERS\nفي O\nباريس B-LOC\n\n\
                    زار O\nوزير O\nالخارجية O\nلافروف B-PERS\nدمشق B-LOC\n\n\
                    أعلنت O\nمنظمة B-ORG\nالصحة I-ORG\nالعالمية I-ORG\nذلك O\n\n"
            .repeat(5);
        read_conll(&data).unwrap()
    }

    fn opts(seed: u64) -> TrainOptions {
        TrainOptions {
            epochs: 4,
            seed,
            ..Default::default()
        }
    }

    #[test]
    fn save_load_roundtrip_keeps_the_tags() {
        let (m, _) = train(&tiny(), None, &opts(1)).unwrap();
        let bytes = m.save().unwrap();
        let back = Tagger::load(&bytes).unwrap();
        assert_eq!(back.labels(), m.labels());
        assert_eq!(back.num_features(), m.num_features());
        let words = ["قال", "الرئيس", "ماكرون", "في", "باريس"];
        let hints = default_hints(&words);
        assert_eq!(back.tag(&words, &hints), m.tag(&words, &hints));
        assert_eq!(back.tag(&words, &hints)[2], TagOut::B(Label::Per));
        // Quantisation error is tiny.
        let max = m.weights.iter().fold(0f32, |a, w| a.max(w.abs()));
        for (i, &k) in m.keys.iter().enumerate() {
            let r = back.table.get(k).unwrap();
            let nt = m.ntags();
            for t in 0..nt {
                let d = (m.weights[i * nt + t] - back.weights[r * nt + t]).abs();
                assert!(d <= max / 30000.0, "{d}");
            }
        }
        // And saving the loaded model gives the same bytes.
        assert_eq!(back.save().unwrap(), bytes);
    }

    fn stacked(seed: u64) -> Tagger {
        let o = TrainOptions {
            stack: true,
            ..opts(seed)
        };
        let (m, report) = train(&tiny(), None, &o).unwrap();
        assert!(report.first_dev.is_some());
        m
    }

    #[test]
    fn a_stacked_model_saves_both_passes_and_loads_them_back() {
        let m = stacked(1);
        assert_eq!(m.passes(), 2);
        let bytes = m.save().unwrap();
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(&raw[..8], b"KHABNER\x02");
        let back = Tagger::load(&bytes).unwrap();
        assert_eq!(back.passes(), 2);
        assert_eq!(back.num_features(), m.num_features());
        assert_eq!(back.save().unwrap(), bytes);
        let sents = [
            vec!["قال", "الرئيس", "ماكرون", "في", "باريس"],
            vec!["زار", "وزير", "الخارجية", "لافروف", "دمشق"],
        ];
        let tags = back.tag_sentences(&sents, default_hints);
        assert_eq!(tags, m.tag_sentences(&sents, default_hints));
        assert_eq!(tags[0][2], TagOut::B(Label::Per));
        assert_eq!(tags[1][4], TagOut::B(Label::Loc));
        // A one-pass model is still written as format 1.
        let (one, _) = train(&tiny(), None, &opts(1)).unwrap();
        raw.clear();
        flate2::read::GzDecoder::new(&one.save().unwrap()[..])
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(&raw[..8], b"KHABNER\x01");
        // A later format is refused with a clear message.
        raw[7] = 3;
        let e = Tagger::load(&raw).unwrap_err().to_string();
        assert!(e.contains("format 3"), "{e}");
        // A stacked file cut short is an error, not a one-pass model.
        let mut two = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut two)
            .unwrap();
        assert!(Tagger::load(&two[..two.len() - 3]).is_err());
    }

    #[test]
    fn the_second_pass_sees_the_first_pass_labels_of_the_sentences_around() {
        // Tagging a run of sentences with a stacked model is the second
        // pass's model given the first pass's labels of the other
        // occurrences (features reused, not extracted again).
        let m = stacked(2);
        let sents = [
            vec!["قال", "الرئيس", "ماكرون", "في", "باريس"],
            vec!["وماكرون", "زار", "دمشق"],
            vec!["أعلنت", "منظمة", "الصحة", "العالمية", "ذلك", "في", "باريس"],
        ];
        let got = m.tag_sentences(&sents, default_hints);
        let first: Vec<Vec<TagOut>> = sents
            .iter()
            .map(|w| {
                let mut one = m.clone();
                one.second = None;
                one.joint = None;
                one.table = FeatureTable::build(&one.keys);
                one.tag(w, &default_hints(w))
            })
            .collect();
        let near = crate::tagger::stack::elsewhere(&sents, &first, m.window);
        // `باريس` (sentence 0) sees the LOC the first pass gave the other.
        assert_eq!(first[2][6], TagOut::B(Label::Loc));
        assert_ne!(near[0][4] & (1 << (1 + Label::Loc.index())), 0);
        let mut second = (**m.second.as_ref().unwrap()).clone();
        second.clusters = m.clusters.clone();
        second.table = FeatureTable::build(&second.keys);
        for (i, w) in sents.iter().enumerate() {
            let mut h = default_hints(w);
            for (h, &e) in h.iter_mut().zip(&near[i]) {
                h.elsewhere = e;
            }
            assert_eq!(got[i], second.tag(w, &h), "sentence {i}");
        }
        // One sentence alone gets the first pass only, from `tag` and from
        // `tag_sentences`.
        for (i, w) in sents.iter().enumerate() {
            assert_eq!(m.tag(w, &default_hints(w)), first[i]);
            assert_eq!(
                m.tag_sentences(&sents[i..i + 1], default_hints),
                [first[i].clone()]
            );
        }
    }

    #[test]
    fn stacked_training_is_deterministic_and_checks_its_parts() {
        assert_eq!(stacked(4).save().unwrap(), stacked(4).save().unwrap());
        let o = TrainOptions {
            stack: true,
            stack_folds: 1,
            ..opts(0)
        };
        assert!(train(&tiny(), None, &o).is_err());
    }

    #[test]
    fn training_is_deterministic_with_a_seed() {
        let a = train(&tiny(), None, &opts(7)).unwrap().0.save().unwrap();
        let b = train(&tiny(), None, &opts(7)).unwrap().0.save().unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn bad_model_bytes_are_errors() {
        assert!(Tagger::load(b"").is_err());
        assert!(Tagger::load(b"not a model at all").is_err());
        assert!(Tagger::load(&[0x1f, 0x8b, 1, 2, 3]).is_err());
        let (m, _) = train(&tiny(), None, &opts(1)).unwrap();
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&m.save().unwrap()[..])
            .read_to_end(&mut raw)
            .unwrap();
        for cut in [4, 9, 20, raw.len() / 2, raw.len() - 1] {
            let e = Tagger::load(&raw[..cut]).unwrap_err().to_string();
            assert!(e.contains("ner-model"), "{e}");
        }
        let mut labels = raw.clone();
        let at = 8 + 4 + 4 + m.meta.len();
        labels[at] = 200;
        assert!(Tagger::load(&labels)
            .unwrap_err()
            .to_string()
            .contains("label count"));
        labels[at] = 2;
        labels[at + 2] = labels[at + 1];
        assert!(Tagger::load(&labels)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let mut other = raw.clone();
        other[8] = 99;
        assert!(Tagger::load(&other)
            .unwrap_err()
            .to_string()
            .contains("version"));
    }

    #[test]
    fn extra_sentences_are_trained_on_and_never_held_out() {
        // The extra sentences hold the only LOC `طرابلس` after `إلى`; the
        // dev part (the last tenth of `tiny`) stays gold.
        let extra = read_conll(&"وصل O\nالوفد O\nإلى O\nطرابلس B-LOC\n\n".repeat(10)).unwrap();
        let o = TrainOptions { extra, ..opts(1) };
        let (m, report) = train(&tiny(), None, &o).unwrap();
        assert_eq!(report.sentences, tiny().len() + 10);
        assert_eq!(report.dev.micro().tp + report.dev.micro().fn_, 3);
        let words = ["وصل", "الوفد", "إلى", "طرابلس"];
        assert_eq!(m.tag(&words, &[])[3], TagOut::B(Label::Loc));
    }

    #[test]
    fn cross_validation_pools_every_fold() {
        let (pooled, folds) = crate::tagger::cross_validate(&tiny(), 3, &opts(0)).unwrap();
        assert_eq!(folds.len(), 3);
        // Every gold entity of the data is scored once.
        let micro = pooled.micro();
        assert_eq!(micro.tp + micro.fn_, 5 * 5);
        assert!(crate::tagger::cross_validate(&tiny(), 1, &opts(0)).is_err());
    }

    #[test]
    fn training_errors_are_clear() {
        assert!(train(&[], None, &opts(0)).is_err());
        let all_o = read_conll("a O\nb O\n").unwrap();
        let e = train(&all_o, None, &opts(0)).unwrap_err().to_string();
        assert!(e.contains("no entities"), "{e}");
    }

    #[test]
    fn viterbi_never_starts_or_continues_with_a_stray_i() {
        // Scores that favour I-PER everywhere: decoding must still be valid BIO.
        let nt = 3;
        let scores = vec![0.0, 0.0, 5.0, 0.0, 0.0, 5.0];
        let trans = vec![0.0; (nt + 1) * nt];
        let path = viterbi(&scores, &trans, nt, 2);
        assert_eq!(path, [1, 2]);
        assert!(viterbi(&[], &trans, nt, 0).is_empty());
    }

    #[test]
    fn default_model_spans_keep_clitics_outside() {
        let t = Tagger::default_model().unwrap();
        let text = "قال المتحدث باسم التحالف ريان ديلون إن القوات تتقدم نحو البوكمال والبوكمال قريبة من الحدود. \
                    وقالت وإسرائيل وسوريا إن الهجوم بدأ.";
        let found: Vec<(&str, Label)> = t
            .tag_text(text, &crate::sentences(text))
            .into_iter()
            .map(|(s, l)| (&text[s.range()], l))
            .collect();
        assert!(found.contains(&("ريان ديلون", Label::Per)), "{found:?}");
        assert!(found.contains(&("البوكمال", Label::Loc)), "{found:?}");
        assert!(
            found
                .iter()
                .all(|(s, _)| !s.starts_with("وال") && !s.starts_with("وإ")),
            "{found:?}"
        );
        assert!(found.contains(&("سوريا", Label::Loc)), "{found:?}");
        assert!(found.contains(&("إسرائيل", Label::Loc)), "{found:?}");
    }

    #[test]
    fn empty_and_odd_input() {
        let t = Tagger::default_model().unwrap();
        assert!(t.tag(&[], &[]).is_empty());
        assert_eq!(t.tag(&["!!"], &[]), [TagOut::O]);
        assert!(t.tag_text("", &[]).is_empty());
        // A sentence span off a character boundary or past the end is skipped.
        assert!(t
            .tag_text("دمشق", &[Span::new(1, 3), Span::new(0, 99)])
            .is_empty());
        // A very long sentence is tagged in pieces, without trouble.
        let long = "قال الرئيس في دمشق ".repeat(500);
        let spans = t.tag_text(&long, &[Span::new(0, long.len())]);
        assert!(spans.len() >= 400);
    }

    proptest::proptest! {
        #[test]
        fn tagged_spans_slice_the_text_in_order(
            text in "[\\PC وبلفكالأإآةى٠-٩.،«»()]{0,300}",
        ) {
            let t = Tagger::default_model().unwrap();
            let sentences = crate::sentences(&text);
            let spans = t.tag_text(&text, &sentences);
            let mut last = 0;
            for (s, _) in &spans {
                let piece = text.get(s.range());
                proptest::prop_assert!(piece.is_some());
                proptest::prop_assert!(!s.is_empty() && s.start >= last);
                proptest::prop_assert!(sentences.iter().any(|x| x.start <= s.start && s.end <= x.end));
                last = s.end;
            }
        }
    }
}
