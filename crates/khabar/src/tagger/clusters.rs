//! Word clusters learned without labels from a large corpus, at three
//! granularities, for the tagger's features.
//!
//! The method is distributional clustering: every frequent word gets a
//! sparse context vector over the commonest context words at each of the
//! positions −2, −1, +1, +2, weighted by positive pointwise mutual information
//! (with the context distribution smoothed, α = 0.75), normalised. Spherical
//! k-means on these sparse vectors splits the words into a tree: `k1` top
//! clusters, each split into `k2`, each of those into `k3`. A word's cluster is
//! its path `a.b.c`; the tagger uses each prefix of the path as a feature, so
//! it can back off from fine clusters to coarse ones as Brown cluster prefixes
//! do. One core, under a minute on the 100 MB ANT corpus; the same corpus and
//! seed give the same clusters.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lexicon::{fold_into, FastMap};
use crate::text::{tokenize_surface, TokenKind};

/// The word → packed cluster path map (built once from the model, only
/// looked up: the lexicons' fast hasher).
pub(crate) type WordMap = FastMap<String, u32>;

/// A word → cluster-path table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    map: WordMap,
}

/// ASCII, Arabic-Indic and Persian digits.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Packs a cluster path `a.b.c` (each part < 256) into one number.
fn pack(a: u32, b: u32, c: u32) -> u32 {
    (a << 16) | (b << 8) | c
}

impl Clusters {
    /// The number of words with a cluster.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The packed cluster path of a folded word key (see [`Clusters::key`]).
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        self.map.get(key).copied()
    }

    /// The cluster of `word` as a path `a.b.c`, if the word is known.
    ///
    /// ```no_run
    /// let c = khabar::tagger::Clusters::read_file("clusters.tsv")?;
    /// println!("{:?}", c.cluster("دمشق"));
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn cluster(&self, word: &str) -> Option<String> {
        let mut k = String::new();
        Clusters::key(word, &mut k);
        self.get(&k)
            .map(|p| format!("{}.{}.{}", p >> 16, (p >> 8) & 0xFF, p & 0xFF))
    }

    /// The lookup key of a word: folded ([`crate::lexicon::fold`]), digits
    /// replaced by `0`.
    pub(crate) fn key(word: &str, out: &mut String) {
        out.clear();
        fold_into(word, out);
        if out.chars().any(is_digit) {
            let s: String = out
                .chars()
                .map(|c| if is_digit(c) { '0' } else { c })
                .collect();
            *out = s;
        }
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, u32)> {
        self.map.iter().map(|(k, &v)| (k.as_str(), v))
    }

    pub(crate) fn from_entries(map: WordMap) -> Self {
        Clusters { map }
    }

    /// Writes the table as TSV (`word<TAB>a.b.c`), sorted by word, after
    /// `header` as comment lines.
    pub fn write_tsv(&self, path: impl AsRef<Path>, header: &str) -> Result<()> {
        let path = path.as_ref();
        let io = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let mut rows: Vec<(&str, u32)> = self.entries().collect();
        rows.sort_unstable();
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
        for line in header.lines() {
            writeln!(f, "# {line}").map_err(io)?;
        }
        for (w, p) in rows {
            writeln!(f, "{w}\t{}.{}.{}", p >> 16, (p >> 8) & 0xFF, p & 0xFF).map_err(io)?;
        }
        f.flush().map_err(io)
    }

    /// Reads a table written by [`Clusters::write_tsv`]. A malformed line is
    /// an error naming its line.
    pub fn read_tsv(text: &str) -> Result<Clusters> {
        let mut map = WordMap::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || {
                Error::parse(
                    "clusters",
                    Some(n + 1),
                    format!("expected `word<TAB>a.b.c`, found {line:?}"),
                )
            };
            let (w, path) = line.split_once('\t').ok_or_else(bad)?;
            let parts: Vec<u32> = path
                .split('.')
                .map(|p| p.parse::<u32>().ok().filter(|&v| v < 256))
                .collect::<Option<_>>()
                .ok_or_else(bad)?;
            let [a, b, c] = parts[..] else {
                return Err(bad());
            };
            map.insert(w.to_owned(), pack(a, b, c));
        }
        Ok(Clusters { map })
    }

    /// [`Clusters::read_tsv`] on a file.
    pub fn read_file(path: impl AsRef<Path>) -> Result<Clusters> {
        let path = path.as_ref();
        let text = crate::input::read_utf8_file(path)?;
        Clusters::read_tsv(&text).map_err(|e| e.in_file(path, None))
    }
}

/// Settings for [`build_clusters`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// At most this many words (the most frequent) get a cluster.
    pub max_words: usize,
    /// The number of context words (the most frequent).
    pub contexts: usize,
    /// Branching at each of the three levels of the cluster tree (each ≤ 255).
    pub branching: [usize; 3],
    /// k-means iterations at each split.
    pub iterations: usize,
    /// Seed of the random vectors and the k-means initialisation.
    pub seed: u64,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 3,
            max_words: 200_000,
            contexts: 10_000,
            branching: [64, 16, 8],
            iterations: 12,
            seed: 0,
            verbose: false,
        }
    }
}

/// SplitMix64: a small deterministic generator for seeds and initialisation.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Removes markup tags (`<TEXT>`, `</DOC>`) so that SGML and HTML corpora
/// give their text only.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) if j < 200 => {
                out.push(' ');
                rest = &rest[i + j + 1..];
            }
            _ => {
                out.push('<');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The corpus as word-key ids per line, with the vocabulary.
struct Corpus {
    ids: Vec<u32>,
    words: Vec<String>,
    counts: Vec<u64>,
}

const BREAK: u32 = u32::MAX;

fn read_corpus(files: &[PathBuf], verbose: bool) -> Result<Corpus> {
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut words = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut ids = Vec::new();
    let mut key = String::new();
    for (n, path) in files.iter().enumerate() {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let text = crate::input::decode(&bytes).map_err(|e| e.in_file(path, None))?;
        let text = strip_tags(&text);
        for line in text.lines() {
            let toks = tokenize_surface(line);
            if toks.is_empty() {
                continue;
            }
            for t in &toks {
                if matches!(
                    t.kind,
                    TokenKind::Url | TokenKind::Email | TokenKind::Mention
                ) {
                    continue;
                }
                Clusters::key(&line[t.span.range()], &mut key);
                let id = match index.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        index.insert(key.clone(), id);
                        words.push(key.clone());
                        counts.push(0);
                        id
                    }
                };
                counts[id as usize] += 1;
                ids.push(id);
            }
            ids.push(BREAK);
        }
        if verbose {
            eprintln!(
                "clusters: read {}/{} {} ({} tokens, {} types)",
                n + 1,
                files.len(),
                path.display(),
                ids.len(),
                words.len()
            );
        }
    }
    Ok(Corpus { ids, words, counts })
}

/// Learns word clusters from the text files under `inputs` (files, folders or
/// globs; plain, gzip, SGML or HTML: tags are dropped).
///
/// ```no_run
/// use khabar::tagger::{build_clusters, ClusterOptions};
/// let c = build_clusters(&["../shared/corpus/ant"], &ClusterOptions::default())?;
/// c.write_tsv("clusters.tsv", "ANT corpus clusters")?;
/// # Ok::<(), khabar::Error>(())
/// ```
pub fn build_clusters<S: AsRef<str>>(inputs: &[S], opts: &ClusterOptions) -> Result<Clusters> {
    if opts.branching.iter().any(|&k| k == 0 || k > 255) {
        return Err(Error::Option(
            "cluster branching must be 1–255 at each level".into(),
        ));
    }
    let files = crate::input::expand_paths(inputs)?;
    let corpus = read_corpus(&files, opts.verbose)?;
    Ok(cluster_corpus(&corpus, opts))
}

fn cluster_corpus(corpus: &Corpus, opts: &ClusterOptions) -> Clusters {
    let nwords = corpus.words.len();
    let mut order: Vec<u32> = (0..nwords as u32).collect();
    order.sort_by(|&a, &b| {
        corpus.counts[b as usize]
            .cmp(&corpus.counts[a as usize])
            .then_with(|| corpus.words[a as usize].cmp(&corpus.words[b as usize]))
    });
    // Targets: frequent words; contexts: the most frequent words.
    let mut target = vec![u32::MAX; nwords];
    let mut targets = Vec::new();
    for &w in order.iter().take(opts.max_words) {
        if corpus.counts[w as usize] < u64::from(opts.min_count) {
            break;
        }
        target[w as usize] = targets.len() as u32;
        targets.push(w);
    }
    let mut context = vec![u32::MAX; nwords];
    let mut nctx = 0;
    for (i, &w) in order.iter().take(opts.contexts).enumerate() {
        context[w as usize] = i as u32;
        nctx = i + 1;
    }
    let mut rng = Rng::new(opts.seed);
    let ncodes = 4 * nctx;
    // Co-occurrence counts: for each target, the (position, context) codes.
    let mut pairs: Vec<Vec<u32>> = vec![Vec::new(); targets.len()];
    let ids = &corpus.ids;
    for i in 0..ids.len() {
        let w = ids[i];
        if w == BREAK || target[w as usize] == u32::MAX {
            continue;
        }
        let t = target[w as usize] as usize;
        for (p, off) in [-2isize, -1, 1, 2].iter().enumerate() {
            let j = i as isize + off;
            if j < 0 || j as usize >= ids.len() {
                continue;
            }
            // Do not look across a line break.
            let (lo, hi) = if *off < 0 {
                (j as usize, i)
            } else {
                (i + 1, j as usize + 1)
            };
            if ids[lo..hi].contains(&BREAK) {
                continue;
            }
            let ci = context[ids[j as usize] as usize];
            if ci != u32::MAX {
                pairs[t].push((p * nctx) as u32 + ci);
            }
        }
    }
    // Sparse counts per target, and the column sums.
    let mut rows: Vec<Vec<(u32, f32)>> = Vec::with_capacity(targets.len());
    let mut col = vec![0f64; ncodes];
    for list in pairs.iter_mut() {
        list.sort_unstable();
        let mut row: Vec<(u32, f32)> = Vec::new();
        for &c in list.iter() {
            match row.last_mut() {
                Some((lc, n)) if *lc == c => *n += 1.0,
                _ => row.push((c, 1.0)),
            }
            col[c as usize] += 1.0;
        }
        *list = Vec::new();
        rows.push(row);
    }
    drop(pairs);
    // PPMI with context-distribution smoothing (α = 0.75).
    let col_s: Vec<f64> = col.iter().map(|&n| n.powf(0.75)).collect();
    let col_total: f64 = col_s.iter().sum::<f64>().max(1.0);
    if opts.verbose {
        eprintln!(
            "clusters: {} target words, {} context words at 4 positions",
            targets.len(),
            nctx
        );
    }
    let mut vecs: Vec<Vec<(u32, f32)>> = Vec::with_capacity(rows.len());
    for row in &rows {
        let n_w: f64 = row.iter().map(|&(_, n)| f64::from(n)).sum();
        let mut v: Vec<(u32, f32)> = row
            .iter()
            .filter_map(|&(c, n)| {
                let pmi = ((f64::from(n) * col_total) / (n_w * col_s[c as usize])).ln();
                (pmi > 0.0).then_some((c, pmi as f32))
            })
            .collect();
        let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, x) in &mut v {
                *x /= norm;
            }
        }
        vecs.push(v);
    }
    drop(rows);
    let n = targets.len();
    // The cluster tree.
    let all: Vec<usize> = (0..n).collect();
    let mut path = vec![0u32; n];
    let mut groups = vec![all];
    for (level, &k) in opts.branching.iter().enumerate() {
        let mut next = Vec::new();
        for g in &groups {
            let assign = kmeans(&vecs, ncodes, g, k, opts.iterations, &mut rng);
            let mut parts: Vec<Vec<usize>> = vec![Vec::new(); k];
            for (&w, &a) in g.iter().zip(&assign) {
                parts[a].push(w);
                path[w] |= (a as u32) << (16 - 8 * level as u32);
            }
            next.extend(parts.into_iter().filter(|p| !p.is_empty()));
        }
        if opts.verbose {
            eprintln!("clusters: level {} → {} clusters", level + 1, next.len());
        }
        groups = next;
    }
    let map = targets
        .iter()
        .zip(path)
        .map(|(&w, p)| (corpus.words[w as usize].clone(), p))
        .collect();
    Clusters { map }
}

fn dot(row: &[(u32, f32)], centre: &[f32]) -> f32 {
    row.iter().map(|&(c, x)| x * centre[c as usize]).sum()
}

/// Spherical k-means of the sparse unit rows `members` of `v` into `k`
/// groups (k-means++ initialisation); returns each member's group.
fn kmeans(
    v: &[Vec<(u32, f32)>],
    dim: usize,
    members: &[usize],
    k: usize,
    iterations: usize,
    rng: &mut Rng,
) -> Vec<usize> {
    let m = members.len();
    if m <= k {
        return (0..m).collect();
    }
    let row = |i: usize| v[members[i]].as_slice();
    let dense = |r: &[(u32, f32)], out: &mut [f32]| {
        for &(c, x) in r {
            out[c as usize] = x;
        }
    };
    let mut centres = vec![0f32; k * dim];
    dense(row(rng.below(m)), &mut centres[..dim]);
    let mut dist: Vec<f32> = (0..m)
        .map(|i| (1.0 - dot(row(i), &centres[..dim])).max(0.0))
        .collect();
    for c in 1..k {
        let sum: f32 = dist.iter().sum();
        let mut pick = rng.next_f32() * sum;
        let mut chosen = m - 1;
        for (i, d) in dist.iter().enumerate() {
            pick -= d;
            if pick <= 0.0 {
                chosen = i;
                break;
            }
        }
        dense(row(chosen), &mut centres[c * dim..(c + 1) * dim]);
        let cen = &centres[c * dim..(c + 1) * dim];
        for (i, d) in dist.iter_mut().enumerate() {
            *d = d.min((1.0 - dot(row(i), cen)).max(0.0));
        }
    }
    let mut assign = vec![0usize; m];
    for _ in 0..iterations {
        let mut changed = false;
        for (i, a) in assign.iter_mut().enumerate() {
            let r = row(i);
            let mut best = (f32::MIN, 0);
            for c in 0..k {
                let s = dot(r, &centres[c * dim..(c + 1) * dim]);
                if s > best.0 {
                    best = (s, c);
                }
            }
            if *a != best.1 {
                changed = true;
                *a = best.1;
            }
        }
        centres.iter_mut().for_each(|x| *x = 0.0);
        let mut sizes = vec![0usize; k];
        for (i, &a) in assign.iter().enumerate() {
            sizes[a] += 1;
            let cen = &mut centres[a * dim..(a + 1) * dim];
            for &(c, x) in row(i) {
                cen[c as usize] += x;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                // Re-seed an empty cluster with a random member.
                let r = row(rng.below(m));
                dense(r, &mut centres[c * dim..(c + 1) * dim]);
            }
        }
        normalise_rows(&mut centres, dim);
        if !changed {
            break;
        }
    }
    assign
}

fn normalise_rows(v: &mut [f32], dim: usize) {
    for r in v.chunks_mut(dim) {
        let norm = r.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in r {
                *x /= norm;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_roundtrip_and_errors() {
        let c = Clusters::read_tsv("# header\nدمشق\t3.4.5\nحلب\t3.4.6\n").unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c.cluster("دمشق").as_deref(), Some("3.4.5"));
        let e = Clusters::read_tsv("a\t1.2\n").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
        assert!(Clusters::read_tsv("a\t1.2.300\n").is_err());
    }

    #[test]
    fn words_in_the_same_contexts_share_clusters() {
        // Cities follow "في مدينة" and precede "اليوم"; verbs follow "ثم".
        let mut text = String::new();
        let cities = ["حلب", "دمشق", "حمص", "درعا"];
        let verbs = ["ذهب", "كتب", "قرأ", "لعب"];
        for i in 0..400 {
            text.push_str(&format!(
                "وصل الوفد إلى مدينة {} اليوم ثم {} الرجل كثيرا\n",
                cities[i % 4],
                verbs[(i / 4) % 4]
            ));
        }
        let mut corpus = Corpus {
            ids: Vec::new(),
            words: Vec::new(),
            counts: Vec::new(),
        };
        let mut index: HashMap<String, u32> = HashMap::new();
        for line in text.lines() {
            for w in line.split(' ') {
                let id = *index.entry(w.to_owned()).or_insert_with(|| {
                    corpus.words.push(w.to_owned());
                    corpus.counts.push(0);
                    (corpus.words.len() - 1) as u32
                });
                corpus.counts[id as usize] += 1;
                corpus.ids.push(id);
            }
            corpus.ids.push(BREAK);
        }
        let opts = ClusterOptions {
            branching: [8, 2, 2],
            ..ClusterOptions::default()
        };
        let c = cluster_corpus(&corpus, &opts);
        let top = |w: &str| c.get(w);
        assert_eq!(top("حلب"), top("دمشق"));
        assert_eq!(top("حمص"), top("درعا"));
        assert_eq!(top("ذهب"), top("لعب"));
        assert_ne!(top("حلب"), top("ذهب"));
        // Deterministic with a seed.
        assert_eq!(c, cluster_corpus(&corpus, &opts));
    }

    #[test]
    fn tags_are_stripped() {
        assert_eq!(strip_tags("<DOC><TEXT>نص</TEXT> a < b"), "  نص  a < b");
    }
}
