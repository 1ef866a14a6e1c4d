//! Feature extraction: each word of a sentence becomes a list of hashed
//! feature keys (64-bit), from the word itself, its clitics and stem, its
//! affixes and shape, the affixes of the whole word with its clitics, its
//! cluster path at three granularities, the gazetteer and trigger hints (and
//! gazetteer conjunctions over the ±2 window), and the same for the words up
//! to two away.

use super::clusters::{is_digit, Clusters};
use super::{Hint, Label};
use crate::lexicon::fold_into;
use crate::text::{tokenize_into, Token, TokenKind};

/// The version of the feature set: a model records it, and one trained with
/// another version will not load.
pub(crate) const VERSION: u32 = 7;

/// What the features need to know about one word.
#[derive(Debug, Default, Clone)]
struct Word {
    /// The folded word, digits as `0` (also the cluster key).
    key: u64,
    /// The folded stem (the word without its clitics).
    stem: u64,
    /// The proclitics, folded and joined (`وال`).
    pre: u64,
    /// The enclitic pronoun.
    suf: u64,
    /// Prefixes and suffixes of the stem, 1–4 letters.
    affixes: [u64; 8],
    /// The word shape.
    shape: u64,
    /// Cluster prefixes at the three levels (0 = no cluster).
    clusters: [u64; 3],
    /// The gazetteer hint (label and whether it begins the name).
    gaz: u64,
    /// The trigger hint.
    trigger: u64,
    /// A known given name.
    given: u64,
    /// The first pass's labels of the word elsewhere ([`Hint::elsewhere`]).
    elsewhere: u64,
    /// Character 3-grams of the stem (with boundary marks).
    grams: Vec<u64>,
    /// Cluster prefixes of the stem (0 = none).
    stem_clusters: [u64; 3],
    /// Prefixes and suffixes of the whole folded word (clitics included),
    /// 1–3 letters (0 = the word is too short).
    word_affixes: [u64; 6],
}

/// Hashes bytes into a running 64-bit state (FNV-style, then mixed).
#[inline]
fn hash_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash_str(s: &str) -> u64 {
    mix(hash_bytes(0xcbf2_9ce4_8422_2325, s.as_bytes()), 0x5151)
}

/// The word-shape class of a word.
fn shape(word: &str, tok: Option<&Token>) -> &'static str {
    let mut arabic = false;
    let mut digit = false;
    let mut latin_upper = false;
    let mut latin = false;
    let mut other = false;
    for c in word.chars() {
        if is_digit(c) {
            digit = true;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic = true;
        } else if c.is_ascii_uppercase() {
            latin_upper = true;
        } else if c.is_alphabetic() {
            latin = true;
        } else {
            other = true;
        }
    }
    match (arabic, digit, latin || latin_upper, other) {
        (true, false, false, false) => {
            let n = word.chars().count();
            match n {
                0..=2 => "a2",
                3 => "a3",
                4..=5 => "a5",
                6..=7 => "a7",
                _ => "a8",
            }
        }
        (false, true, false, false) => match word.chars().count() {
            4 => "d4",
            _ => "d",
        },
        (false, true, _, _) | (_, true, _, true) => "dx",
        (false, false, true, false) => {
            if latin_upper && !latin {
                "LL"
            } else if latin_upper {
                "Ll"
            } else {
                "ll"
            }
        }
        (false, false, false, true) => match tok.map(|t| t.kind) {
            Some(TokenKind::Punct) => "p",
            _ => "s",
        },
        _ => "mx",
    }
}

/// Scratch buffers for extraction, reused across sentences.
#[derive(Default)]
pub(crate) struct Extractor {
    words: Vec<Word>,
    toks: Vec<Token>,
    buf: String,
    buf2: String,
    buf3: String,
    pre: String,
    art: String,
    offs: Vec<usize>,
}

/// Template ids (the high byte of each feature's seed).
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const STEM: u64 = 3;
    pub const PRE: u64 = 4;
    pub const SUF: u64 = 5;
    pub const AFFIX: u64 = 6;
    pub const SHAPE: u64 = 7;
    pub const WIN_W: u64 = 8;
    pub const WIN_STEM: u64 = 9;
    pub const BIGRAM: u64 = 10;
    pub const CLUSTER: u64 = 11;
    pub const WIN_CLUSTER: u64 = 12;
    pub const GAZ: u64 = 13;
    pub const WIN_GAZ: u64 = 14;
    pub const TRIGGER: u64 = 15;
    pub const WIN_SHAPE: u64 = 16;
    pub const FIRST: u64 = 17;
    pub const PRE_CLUSTER: u64 = 18;
    pub const STEM_BIGRAM: u64 = 19;
    pub const GAZ_CLUSTER: u64 = 20;
    pub const GRAM: u64 = 21;
    pub const STEM_CLUSTER: u64 = 22;
    pub const GIVEN: u64 = 23;
    pub const WORD_AFFIX: u64 = 24;
    pub const GAZ_CONTEXT: u64 = 27;
    pub const ELSEWHERE: u64 = 28;
}

#[inline]
fn f(template: u64, slot: u64, value: u64) -> u64 {
    mix(value, (template << 8) | slot)
}

/// The stacking features of one word: the labels a first pass gave its
/// form elsewhere (`here`, [`Hint::elsewhere`]), alone, bit by bit and with
/// the word's coarsest cluster (`cluster`), and its neighbours' (`prev`,
/// `next`). Nothing for a hint of 0.
#[inline]
pub(crate) fn push_elsewhere(here: u64, cluster: u64, prev: u64, next: u64, out: &mut Vec<u64>) {
    if here != 0 {
        out.push(f(t::ELSEWHERE, 0, here));
        for b in 0..8u64 {
            if here & (1 << b) != 0 {
                out.push(f(t::ELSEWHERE, 1, b));
            }
        }
        out.push(f(t::ELSEWHERE, 2, mix(here, cluster)));
    }
    if prev != 0 {
        out.push(f(t::ELSEWHERE, 3, prev));
    }
    if next != 0 {
        out.push(f(t::ELSEWHERE, 4, next));
    }
}

/// [`push_elsewhere`] for every word of a sentence: `hints[i]` is word
/// `i`'s [`Hint::elsewhere`], `clusters[i]` its coarsest cluster (from
/// [`Extractor::coarse_clusters`]); `starts` as [`Extractor::extract`] gives
/// them.
pub(crate) fn elsewhere_features(
    hints: &[u16],
    clusters: &[u64],
    out: &mut Vec<u64>,
    starts: &mut Vec<usize>,
) {
    out.clear();
    starts.clear();
    let at = |j: usize| hints.get(j).map_or(0, |&h| u64::from(h));
    for i in 0..hints.len() {
        starts.push(out.len());
        let prev = if i == 0 { 0 } else { at(i - 1) };
        let cluster = clusters.get(i).copied().unwrap_or(0);
        push_elsewhere(at(i), cluster, prev, at(i + 1), out);
    }
    starts.push(out.len());
}

/// The byte offset of every char of `s`, and `s.len()` last, into `out`.
#[inline]
fn char_offsets(s: &str, out: &mut Vec<usize>) {
    out.clear();
    out.extend(s.char_indices().map(|(i, _)| i));
    out.push(s.len());
}

impl Extractor {
    #[cfg(test)]
    fn analyse(&mut self, word: &str, hint: Hint, clusters: &Clusters) -> Word {
        let mut w = Word::default();
        self.analyse_into(word, hint, clusters, &mut w);
        w
    }

    /// Fills `w` with what the features need of `word`; reuses `w`'s and the
    /// extractor's buffers (no allocation once they have grown).
    fn analyse_into(&mut self, word: &str, hint: Hint, clusters: &Clusters, w: &mut Word) {
        let mut grams = std::mem::take(&mut w.grams);
        grams.clear();
        *w = Word {
            grams,
            ..Word::default()
        };
        Clusters::key(word, &mut self.buf);
        w.key = hash_str(&self.buf);
        if let Some(p) = clusters.get(&self.buf) {
            w.clusters = [
                mix(u64::from(p >> 16), 1),
                mix(u64::from(p >> 8), 2),
                mix(u64::from(p), 3),
            ];
        }
        self.toks.clear();
        tokenize_into(word, &mut self.toks);
        let tok = self
            .toks
            .first()
            .filter(|t| t.span.start == 0 && t.span.end == word.len())
            .copied();
        // Stem, proclitics, enclitic.
        self.buf2.clear();
        match tok {
            Some(t) if t.kind == TokenKind::Word && t.has_clitics() => {
                fold_into(&word[t.stem.range()], &mut self.buf2);
                w.stem = hash_str(&self.buf2);
                let pre = &mut self.pre;
                pre.clear();
                for p in t.prefixes() {
                    fold_into(&word[p.range()], pre);
                }
                if t.article().is_some() && pre.ends_with('ل') && !pre.ends_with("ال") {
                    pre.push('*');
                }
                w.pre = hash_str(pre);
                if let Some(s) = t.suffix() {
                    w.suf = hash_str(&word[s.range()]);
                }
            }
            _ => {
                self.buf2.push_str(&self.buf);
                w.stem = w.key;
            }
        }
        if self.buf2 != self.buf {
            let k = &mut self.buf3;
            Clusters::key(&self.buf2, k);
            let found = clusters.get(k).or_else(|| {
                let art = &mut self.art;
                art.clear();
                art.push_str("ال");
                art.push_str(k);
                clusters.get(art)
            });
            if let Some(p) = found {
                w.stem_clusters = [
                    mix(u64::from(p >> 16), 1),
                    mix(u64::from(p >> 8), 2),
                    mix(u64::from(p), 3),
                ];
            }
        } else {
            w.stem_clusters = w.clusters;
        }
        // Character 3-grams of the stem between `<` and `>`, each char
        // hashed as its four little-endian bytes.
        let mut prev2: Option<char> = None;
        let mut prev1 = '<';
        for c in self.buf2.chars().chain(std::iter::once('>')) {
            if let Some(a) = prev2 {
                let mut h = 0xcbf2_9ce4_8422_2325u64;
                for ch in [a, prev1, c] {
                    h = hash_bytes(h, &(ch as u32).to_le_bytes());
                }
                w.grams.push(h);
            }
            prev2 = Some(prev1);
            prev1 = c;
        }
        // Affixes of the whole word: the clitics and the stem's edge together
        // (`وال`, `لل`, `بـ` + first letter), which the stem's affixes miss.
        char_offsets(&self.buf, &mut self.offs);
        let m = self.offs.len() - 1;
        for k in 1..=3usize {
            if m > k {
                w.word_affixes[k - 1] = hash_str(&self.buf[..self.offs[k]]);
                w.word_affixes[2 + k] = hash_str(&self.buf[self.offs[m - k]..]);
            }
        }
        char_offsets(&self.buf2, &mut self.offs);
        let n = self.offs.len() - 1;
        for k in 1..=4usize {
            if n > k {
                w.affixes[k - 1] = hash_str(&self.buf2[..self.offs[k]]);
                w.affixes[3 + k] = hash_str(&self.buf2[self.offs[n - k]..]);
            }
        }
        w.shape = hash_str(shape(word, tok.as_ref()));
        w.gaz = match hint.gazetteer {
            Some(l) => 1 + u64::from(l.index()) * 2 + u64::from(hint.begins),
            None => 0,
        };
        w.trigger = hint.trigger.map_or(0, |l: Label| 1 + u64::from(l.index()));
        w.given = u64::from(hint.given_name);
        w.elsewhere = u64::from(hint.elsewhere);
    }

    /// The coarsest cluster of each word of the last sentence given to
    /// [`Extractor::extract`] (what [`elsewhere_features`] needs), into `out`.
    pub(crate) fn coarse_clusters(&self, n: usize, out: &mut Vec<u64>) {
        out.clear();
        out.extend(self.words.iter().take(n).map(|w| w.clusters[0]));
    }

    /// Appends the features of every word of a sentence to `out`; `starts[i]`
    /// is where word `i`'s features begin (and a final entry the end).
    pub(crate) fn extract(
        &mut self,
        words: &[&str],
        hints: &[Hint],
        clusters: &Clusters,
        out: &mut Vec<u64>,
        starts: &mut Vec<usize>,
    ) {
        let mut all = std::mem::take(&mut self.words);
        // Keep the old entries (and their grams buffers) for reuse.
        if all.len() < words.len() {
            all.resize_with(words.len(), Word::default);
        }
        for (i, (w, slot)) in words.iter().zip(all.iter_mut()).enumerate() {
            let hint = hints.get(i).copied().unwrap_or_default();
            self.analyse_into(w, hint, clusters, slot);
        }
        let n = words.len();
        let ws = &all[..n];
        let none = Word {
            key: hash_str("<pad>"),
            stem: hash_str("<pad>"),
            shape: hash_str("<pad>"),
            ..Word::default()
        };
        let at = |j: isize| -> &Word {
            if j < 0 || j as usize >= n {
                &none
            } else {
                &ws[j as usize]
            }
        };
        starts.clear();
        for (i, w) in ws.iter().enumerate() {
            starts.push(out.len());
            let ii = i as isize;
            out.push(f(t::BIAS, 0, 0));
            out.push(f(t::W, 0, w.key));
            out.push(f(t::STEM, 0, w.stem));
            out.push(f(t::PRE, 0, w.pre));
            out.push(f(t::SUF, 0, w.suf));
            for (k, &a) in w.affixes.iter().enumerate() {
                if a != 0 {
                    out.push(f(t::AFFIX, k as u64, a));
                }
            }
            out.push(f(t::SHAPE, 0, w.shape));
            for &g in &w.grams {
                out.push(f(t::GRAM, 0, g));
            }
            for (lvl, &c) in w.stem_clusters.iter().enumerate() {
                out.push(f(t::STEM_CLUSTER, lvl as u64, c));
            }
            if i == 0 {
                out.push(f(t::FIRST, 0, 1));
            }
            for (slot, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let o = at(ii + off);
                out.push(f(t::WIN_W, slot as u64, o.key));
                out.push(f(t::WIN_SHAPE, slot as u64, o.shape));
                if off.abs() == 1 {
                    out.push(f(t::WIN_STEM, slot as u64, o.stem));
                }
            }
            let (p, nx) = (at(ii - 1), at(ii + 1));
            out.push(f(t::BIGRAM, 0, mix(p.key, w.key)));
            out.push(f(t::BIGRAM, 1, mix(w.key, nx.key)));
            out.push(f(t::STEM_BIGRAM, 0, mix(p.stem, w.stem)));
            out.push(f(t::STEM_BIGRAM, 1, mix(w.stem, nx.stem)));
            out.push(f(t::WIN_SHAPE, 9, mix(p.shape, mix(w.shape, nx.shape))));
            for (lvl, &c) in w.clusters.iter().enumerate() {
                out.push(f(t::CLUSTER, lvl as u64, c));
                out.push(f(t::PRE_CLUSTER, lvl as u64, mix(w.pre, c)));
            }
            for (slot, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let o = at(ii + off);
                let levels: &[usize] = &[0, 1, 2];
                for &lvl in levels {
                    out.push(f(t::WIN_CLUSTER, (slot * 4 + lvl) as u64, o.clusters[lvl]));
                }
            }
            out.push(f(t::WIN_CLUSTER, 20, mix(p.clusters[1], w.clusters[1])));
            out.push(f(t::WIN_CLUSTER, 21, mix(w.clusters[1], nx.clusters[1])));
            out.push(f(
                t::WIN_CLUSTER,
                22,
                mix(p.clusters[0], mix(w.clusters[0], nx.clusters[0])),
            ));
            out.push(f(t::WIN_CLUSTER, 23, mix(p.key, w.clusters[1])));
            out.push(f(t::WIN_CLUSTER, 24, mix(w.clusters[1], nx.key)));
            out.push(f(t::WIN_CLUSTER, 25, mix(w.shape, w.clusters[0])));
            out.push(f(t::GAZ, 0, w.gaz));
            out.push(f(t::GAZ_CLUSTER, 0, mix(w.gaz, w.clusters[0])));
            out.push(f(t::WIN_GAZ, 0, p.gaz));
            out.push(f(t::WIN_GAZ, 1, nx.gaz));
            out.push(f(t::TRIGGER, 0, w.trigger));
            out.push(f(t::TRIGGER, 1, p.trigger));
            out.push(f(t::TRIGGER, 2, at(ii - 2).trigger));
            out.push(f(t::TRIGGER, 3, nx.trigger));
            out.push(f(t::GIVEN, 0, w.given));
            out.push(f(t::GIVEN, 1, mix(p.given, w.given)));
            out.push(f(t::GIVEN, 2, nx.given));
            if p.trigger != 0 {
                out.push(f(t::TRIGGER, 4, mix(p.trigger, w.clusters[0])));
            }
            for (k, &a) in w.word_affixes.iter().enumerate() {
                if a != 0 {
                    out.push(f(t::WORD_AFFIX, k as u64, a));
                }
            }
            // Gazetteer names two away, gazetteer bigrams, a trigger before a
            // gazetteer word, and the gazetteer label with the stem.
            let (p2, n2) = (at(ii - 2), at(ii + 2));
            out.push(f(t::GAZ_CONTEXT, 0, p2.gaz));
            out.push(f(t::GAZ_CONTEXT, 1, n2.gaz));
            out.push(f(t::GAZ_CONTEXT, 2, mix(p.gaz, w.gaz)));
            out.push(f(t::GAZ_CONTEXT, 3, mix(w.gaz, nx.gaz)));
            out.push(f(t::GAZ_CONTEXT, 4, mix(p.trigger, w.gaz)));
            out.push(f(t::GAZ_CONTEXT, 5, mix(w.gaz, w.stem)));
            // Stacking, last: only when a first pass filled the hint, so that
            // models trained without it see the same features as before (and
            // a second pass can add these to the first pass's features).
            push_elsewhere(w.elsewhere, w.clusters[0], p.elsewhere, nx.elsewhere, out);
        }
        starts.push(out.len());
        self.words = all;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("2017", None), "d4");
        assert_eq!(shape("ريان", None), "a5");
        assert_eq!(shape("CNN", None), "LL");
        assert_eq!(shape("F16", None), "dx");
    }

    #[test]
    fn features_are_deterministic_and_clitic_aware() {
        let c = Clusters::default();
        let mut e = Extractor::default();
        let (mut a, mut sa) = (Vec::new(), Vec::new());
        let (mut b, mut sb) = (Vec::new(), Vec::new());
        let h = [Hint::default(); 2];
        e.extract(&["وإسرائيل", "قالت"], &h, &c, &mut a, &mut sa);
        e.extract(&["وإسرائيل", "قالت"], &h, &c, &mut b, &mut sb);
        assert_eq!(a, b);
        assert_eq!(sa.len(), 3);
        // The stem feature of `وإسرائيل` equals that of `إسرائيل`.
        let (mut x, mut sx) = (Vec::new(), Vec::new());
        e.extract(&["إسرائيل", "قالت"], &h, &c, &mut x, &mut sx);
        assert_eq!(a[2], x[2]);
        assert_ne!(a[1], x[1]);
    }

    #[test]
    fn whole_word_affixes_see_the_clitics() {
        let mut e = Extractor::default();
        let c = Clusters::default();
        // `وإسرائيل` and `إسرائيل` share their stem, but the whole word's
        // first letters (`و`, `وا`, `واس` folded) differ; its last letters do
        // not.
        let a = e.analyse("وإسرائيل", Hint::default(), &c);
        let b = e.analyse("إسرائيل", Hint::default(), &c);
        assert_eq!(a.stem, b.stem);
        assert_ne!(a.word_affixes[0], b.word_affixes[0]);
        assert_eq!(a.word_affixes[3..], b.word_affixes[3..]);
        // Too short a word has no affix of its length.
        let s = e.analyse("في", Hint::default(), &c);
        assert_ne!(s.word_affixes[0], 0);
        assert_eq!(s.word_affixes[1], 0);
    }

    #[test]
    fn first_pass_labels_elsewhere_add_features_only_when_known() {
        let c = Clusters::default();
        let mut e = Extractor::default();
        let words = ["قال", "ديلون", "إن"];
        let none = [Hint::default(); 3];
        let mut seen = none;
        seen[1].elsewhere = 1 << (1 + Label::Per.index());
        let (mut a, mut sa) = (Vec::new(), Vec::new());
        let (mut b, mut sb) = (Vec::new(), Vec::new());
        e.extract(&words, &none, &c, &mut a, &mut sa);
        e.extract(&words, &seen, &c, &mut b, &mut sb);
        // The word itself gets three more features, each neighbour one.
        assert_eq!(sb[2] - sb[1], sa[2] - sa[1] + 3);
        assert_eq!(sb[1] - sb[0], sa[1] - sa[0] + 1);
        assert_eq!(sb[3] - sb[2], sa[3] - sa[2] + 1);
        assert!(a[sa[1]..sa[2]].iter().all(|k| b[sb[1]..sb[2]].contains(k)));
    }

    #[test]
    fn stacking_features_come_last_and_can_be_added_afterwards() {
        // What a second pass adds to the first pass's features
        // (`elsewhere_features`) is what extraction with the hints gives.
        let c = Clusters::read_tsv("ديلون\t3.2.1\nقال\t1.1.1\n").unwrap();
        let mut e = Extractor::default();
        let words = ["قال", "ديلون", "إن", "ديلون"];
        let mut with = [Hint::default(); 4];
        let near = [0u16, 1 << (1 + Label::Per.index()), 1, 3];
        for (h, &x) in with.iter_mut().zip(&near) {
            h.elsewhere = x;
        }
        let (mut a, mut sa) = (Vec::new(), Vec::new());
        e.extract(&words, &[Hint::default(); 4], &c, &mut a, &mut sa);
        let mut coarse = Vec::new();
        e.coarse_clusters(4, &mut coarse);
        assert_ne!(coarse[1], 0);
        assert_eq!(coarse[2], 0);
        let (mut x, mut sx) = (Vec::new(), Vec::new());
        elsewhere_features(&near, &coarse, &mut x, &mut sx);
        let (mut b, mut sb) = (Vec::new(), Vec::new());
        e.extract(&words, &with, &c, &mut b, &mut sb);
        for i in 0..4 {
            let joined: Vec<u64> = a[sa[i]..sa[i + 1]]
                .iter()
                .chain(&x[sx[i]..sx[i + 1]])
                .copied()
                .collect();
            assert_eq!(joined, b[sb[i]..sb[i + 1]], "word {i}");
        }
        assert!(sx[1] < sx[2]);
    }

    #[test]
    fn a_gazetteer_name_two_words_away_changes_the_features() {
        let c = Clusters::default();
        let mut e = Extractor::default();
        let words = ["وصل", "الوفد", "إلى", "دمشق"];
        let none = [Hint::default(); 4];
        let mut loc = none;
        loc[3] = Hint {
            gazetteer: Some(Label::Loc),
            begins: true,
            ..Hint::default()
        };
        let (mut a, mut sa) = (Vec::new(), Vec::new());
        let (mut b, mut sb) = (Vec::new(), Vec::new());
        e.extract(&words, &none, &c, &mut a, &mut sa);
        e.extract(&words, &loc, &c, &mut b, &mut sb);
        // Word 1 (`الوفد`) is two words before the name: only the ±2
        // gazetteer feature differs.
        let w1a: Vec<u64> = a[sa[1]..sa[2]].to_vec();
        let w1b: Vec<u64> = b[sb[1]..sb[2]].to_vec();
        assert_eq!(w1a.len(), w1b.len());
        let differ = w1a.iter().zip(&w1b).filter(|(x, y)| x != y).count();
        assert_eq!(differ, 1);
        assert!(w1b.contains(&f(
            t::GAZ_CONTEXT,
            1,
            1 + u64::from(Label::Loc.index()) * 2 + 1
        )));
        // Word 0 is three away: unchanged.
        assert_eq!(a[sa[0]..sa[1]], b[sb[0]..sb[1]]);
    }
}
