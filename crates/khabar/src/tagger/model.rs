//! The trained model: feature weights, BIO transition weights, the cluster
//! table; Viterbi decoding; the binary format.

use std::cell::RefCell;
use std::io::{Read, Write};

use super::clusters::{Clusters, WordMap};
use super::features::{Extractor, VERSION};
use super::{default_hints, entities, Hint, Label, TagOut};
use crate::error::{Error, Result};
use crate::model::Span;
use crate::text::{tokenize_into, Token, TokenKind};

const MAGIC: &[u8; 8] = b"KHABNER\x01";

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
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("labels", &self.labels)
            .field("features", &self.keys.len())
            .field("cluster_words", &self.clusters.len())
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

    /// The number of weighted features.
    pub fn num_features(&self) -> usize {
        self.keys.len()
    }

    /// The number of words with a cluster in the model.
    pub fn num_cluster_words(&self) -> usize {
        self.clusters.len()
    }

    /// Tags the words of one sentence. `hints` holds one [`Hint`] per word (a
    /// shorter slice means no hints for the rest); see
    /// [`default_hints`].
    pub fn tag(&self, words: &[&str], hints: &[Hint]) -> Vec<TagOut> {
        if words.is_empty() {
            return Vec::new();
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
        for s in sentences {
            let Some(sent) = text.get(s.range()) else {
                continue;
            };
            toks.clear();
            tokenize_into(sent, &mut toks);
            // Guard against pathological sentences: tag in windows.
            for chunk in toks.chunks(MAX_WORDS) {
                let words: Vec<&str> = chunk.iter().map(|t| &sent[t.span.range()]).collect();
                let hints = hints(&words);
                let tags = self.tag(&words, &hints);
                for (a, b, label) in entities(&tags) {
                    let first = &chunk[a];
                    let start = outside_clitics(sent, first);
                    let end = chunk[b - 1].span.end;
                    if start < end {
                        out.push((Span::new(s.start + start, s.start + end), label));
                    }
                }
            }
        }
        out
    }

    /// Serialises the model (gzip-compressed binary).
    pub fn save(&self) -> Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        put_u32(&mut raw, VERSION);
        put_bytes(&mut raw, self.meta.as_bytes());
        raw.push(self.labels.len() as u8);
        raw.extend(self.labels.iter().map(|l| l.index()));
        for &w in &self.trans {
            raw.extend_from_slice(&w.to_le_bytes());
        }
        // Clusters: sorted words.
        let mut cl: Vec<(&str, u32)> = self.clusters.entries().collect();
        cl.sort_unstable();
        put_u32(&mut raw, cl.len() as u32);
        for (w, p) in cl {
            put_bytes(&mut raw, w.as_bytes());
            put_u32(&mut raw, p);
        }
        // Features: sorted keys (delta varints), weights quantised to i16 with
        // one scale, stored sparse (a bit mask of the non-zero tags).
        let nt = self.ntags();
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&i| self.keys[i]);
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        put_u32(&mut raw, order.len() as u32);
        raw.extend_from_slice(&scale.to_le_bytes());
        let mut prev = 0u64;
        for &i in &order {
            put_varint(&mut raw, self.keys[i] - prev);
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
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw)
            .and_then(|_| gz.finish())
            .map_err(|e| bad(format!("cannot compress: {e}")))
    }

    /// Reads a model written by [`Tagger::save`] (gzip or not). Anything
    /// truncated, corrupt or from another feature version is an error.
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
        if r.take(8)? != MAGIC {
            return Err(bad("not a khabar NER model (bad magic)".into()));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(bad(format!(
                "model has feature version {version}, this khabar reads {VERSION}: retrain it"
            )));
        }
        let meta = String::from_utf8(r.bytes()?.to_vec())
            .map_err(|_| bad("description is not UTF-8".into()))?;
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
        let nc = r.u32()? as usize;
        let mut map = WordMap::with_capacity_and_hasher(nc.min(1 << 22), Default::default());
        for _ in 0..nc {
            let w = std::str::from_utf8(r.bytes()?)
                .map_err(|_| bad("cluster word is not UTF-8".into()))?
                .to_owned();
            map.insert(w, r.u32()?);
        }
        let nf = r.u32()? as usize;
        if nf > raw.len() {
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
        if r.at != raw.len() {
            return Err(bad("trailing bytes after the model".into()));
        }
        Ok(Tagger {
            labels,
            table: FeatureTable::build(&keys),
            keys,
            weights,
            trans,
            clusters: Clusters::from_entries(map),
            meta,
            bias: 0.0,
        })
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
fn outside_clitics(sent: &str, t: &Token) -> usize {
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
    let _ = sent;
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
