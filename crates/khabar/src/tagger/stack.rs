//! Stacking: what a first tagging pass said about the other occurrences of a
//! word's form nearby ([`Hint::elsewhere`](super::Hint::elsewhere)), for a
//! second pass to use as features. A name tagged with confidence in one
//! sentence helps where the same name stands in a weaker context.

use super::TagOut;

/// Sentences either side whose first-pass labels a word's hint collects, by
/// default.
pub const DEFAULT_WINDOW: usize = 15;

/// The key of a word's form for matching occurrences: the word without
/// leading `و` (the conjunction), alef forms (`أ إ آ`) as bare `ا`, hashed.
pub(crate) fn form_key(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut buf = [0u8; 4];
    for c in word.trim_start_matches('و').chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        };
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The hint bit of a tag: bit 0 for `O`, bit `1 + k` for the label of
/// [`Label`](super::Label) index `k`.
pub(crate) fn tag_bit(t: TagOut) -> u16 {
    match t.label() {
        None => 1,
        Some(l) => 2 << l.index(),
    }
}

/// Counts of first-pass labels by word form over a window of sentences.
#[derive(Debug, Default)]
pub(crate) struct FormCounts {
    counts: crate::lexicon::FastMap<u64, [u32; 8]>,
}

impl FormCounts {
    /// Adds (`add`) or removes one sentence's words and their tags.
    pub(crate) fn update(&mut self, forms: &[u64], tags: &[TagOut], add: bool) {
        for (&f, &t) in forms.iter().zip(tags) {
            let b = tag_bit(t).trailing_zeros() as usize;
            let c = self.counts.entry(f).or_insert([0; 8]);
            if let Some(x) = c.get_mut(b) {
                if add {
                    *x += 1;
                } else {
                    *x = x.saturating_sub(1);
                }
            }
            if !add && c.iter().all(|&x| x == 0) {
                self.counts.remove(&f);
            }
        }
    }

    /// Each word's hint: the labels counted for its form, its own occurrence
    /// (which the counts must hold) left out.
    pub(crate) fn hints(&self, forms: &[u64], tags: &[TagOut], out: &mut Vec<u16>) {
        out.clear();
        for (&f, &t) in forms.iter().zip(tags) {
            let own = tag_bit(t).trailing_zeros() as usize;
            let mut m = 0u16;
            if let Some(c) = self.counts.get(&f) {
                for (b, &x) in c.iter().enumerate() {
                    if x > u32::from(b == own) {
                        m |= 1 << b;
                    }
                }
            }
            out.push(m);
        }
    }
}

/// [`Hint::elsewhere`](super::Hint::elsewhere) of every word of `sents` from
/// first-pass tags `tags` (one per word): the labels the other occurrences of
/// its form (see [`form_key`]) got within `window` sentences either side,
/// its own sentence included.
pub(crate) fn elsewhere<S: AsRef<str>>(
    sents: &[Vec<S>],
    tags: &[Vec<TagOut>],
    window: usize,
) -> Vec<Vec<u16>> {
    let forms: Vec<Vec<u64>> = sents
        .iter()
        .map(|s| s.iter().map(|w| form_key(w.as_ref())).collect())
        .collect();
    let n = forms.len().min(tags.len());
    let mut counts = FormCounts::default();
    let mut out = Vec::with_capacity(n);
    let mut added = 0;
    for i in 0..n {
        // The window of sentence i is i - window ..= i + window.
        while added < n && added <= i + window {
            counts.update(&forms[added], &tags[added], true);
            added += 1;
        }
        if i > window {
            let j = i - window - 1;
            counts.update(&forms[j], &tags[j], false);
        }
        let mut h = Vec::new();
        counts.hints(&forms[i], &tags[i], &mut h);
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::Label;

    fn brute(sents: &[Vec<&str>], tags: &[Vec<TagOut>], window: usize) -> Vec<Vec<u16>> {
        (0..sents.len())
            .map(|i| {
                (0..sents[i].len())
                    .map(|k| {
                        let mut m = 0;
                        for j in i.saturating_sub(window)..(i + window + 1).min(sents.len()) {
                            for (kk, w) in sents[j].iter().enumerate() {
                                if (j, kk) != (i, k) && form_key(w) == form_key(sents[i][k]) {
                                    m |= tag_bit(tags[j][kk]);
                                }
                            }
                        }
                        m
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_name_tagged_nearby_is_seen_under_its_other_spellings() {
        use TagOut::*;
        let per = B(Label::Per);
        let sents = vec![
            vec!["قال", "أوباما", "إن"],
            vec!["وأوباما", "زار", "دمشق"],
            vec!["اوباما", "في", "دمشق"],
            vec!["زار", "دمشق"],
        ];
        let tags = vec![
            vec![O, per, O],
            vec![O, O, B(Label::Loc)],
            vec![per, O, B(Label::Loc)],
            vec![O, O],
        ];
        let h = elsewhere(&sents, &tags, 1);
        let o = tag_bit(O);
        let p = tag_bit(per);
        let loc = tag_bit(B(Label::Loc));
        // `أوباما`, one sentence away from `وأوباما` (O): O; `اوباما` is two
        // away, out of the window.
        assert_eq!(h[0][1], o);
        // `وأوباما`: PER before and after.
        assert_eq!(h[1][0], p);
        // `دمشق` of sentence 1 sees LOC in 2; that of 3 sees LOC in 2 only.
        assert_eq!(h[1][2], loc);
        assert_eq!(h[3][1], loc);
        // `في` occurs once: nothing known.
        assert_eq!(h[2][1], 0);
        for w in 0..4 {
            assert_eq!(
                elsewhere(&sents, &tags, w),
                brute(&sents, &tags, w),
                "window {w}"
            );
        }
    }
}
