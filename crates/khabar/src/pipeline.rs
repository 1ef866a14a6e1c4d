//! The [`Pipeline`]: configuration plus the entry points that run every stage,
//! `input` → `structure` → extraction, on one article, a batch or a corpus.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use rayon::prelude::*;

use crate::entities::Label as EntityLabel;
use crate::entities::{Gazetteer, GazetteerRow};
use crate::error::{Error, Result};
use crate::input::{self, expand_paths, FieldMap, Format, Reader, Record};
use crate::model::Span;
use crate::model::{Article, Published};
use crate::structure::{self, Mode};
use crate::tagger::{hints_with, Tagger};
use crate::text::{self, NormalizeOptions};

/// Metadata the caller knows better than the input (`khabar.parse(url=…)`); each
/// given field replaces what was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The article's URL.
    pub url: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The publication time.
    pub published: Option<Published>,
}

/// Holds the configuration (input format, JSON field mapping) and runs the stages.
/// Cheap to clone and safe to share across threads.
///
/// ```
/// use khabar::{Format, Pipeline};
/// let pipeline = Pipeline::new().with_format(Format::Json).with_field("published", "date_extracted")?;
/// let a = pipeline.parse(br#"{"title": "t", "content": "p", "date_extracted": "2015-07-21 02:51:32"}"#)?;
/// assert_eq!(a.published.unwrap().to_string(), "2015-07-21T02:51:32");
/// # Ok::<(), khabar::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    format: Format,
    fields: FieldMap,
    normalize: NormalizeOptions,
    ner: NerMode,
    /// A tagger model given by the user; `None` means the default model.
    tagger: Option<Arc<Tagger>>,
    gazetteer: Option<Arc<Gazetteer>>,
}

/// Which entity finders run: the rules and gazetteers, the statistical
/// tagger, or both (rules win where they know better).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NerMode {
    /// Gazetteers and rules only.
    Rules,
    /// The statistical tagger only.
    Tagger,
    /// Both, merged.
    #[default]
    Both,
}

impl NerMode {
    /// The name used in Python and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            NerMode::Rules => "rules",
            NerMode::Tagger => "tagger",
            NerMode::Both => "both",
        }
    }
}

impl fmt::Display for NerMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NerMode {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "rules" => Ok(NerMode::Rules),
            "tagger" => Ok(NerMode::Tagger),
            "both" => Ok(NerMode::Both),
            _ => Err(Error::Option(format!(
                "unknown ner mode {s:?} (expected \"rules\", \"tagger\" or \"both\")"
            ))),
        }
    }
}

impl Pipeline {
    /// A pipeline with the defaults: format sniffed, common JSON field names.
    pub fn new() -> Self {
        Pipeline::default()
    }

    /// Reads input as `format` instead of sniffing it.
    pub fn with_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Reads article field `field` from JSON key `key` (see [`FieldMap::set`]).
    pub fn with_field(mut self, field: &str, key: &str) -> Result<Self> {
        self.fields.set(field, key)?;
        Ok(self)
    }

    /// The input format this pipeline reads.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Normalises text for the extractors with `options` instead of the
    /// defaults. Offsets in articles always index the original text.
    pub fn with_normalize_options(mut self, options: NormalizeOptions) -> Self {
        self.normalize = options;
        self
    }

    /// Chooses the entity finders (see [`NerMode`]).
    pub fn with_ner(mut self, mode: NerMode) -> Self {
        self.ner = mode;
        self
    }

    /// The entity finders this pipeline runs.
    pub fn ner(&self) -> NerMode {
        self.ner
    }

    /// Uses the tagger model in the file at `path` instead of the default one.
    ///
    /// ```no_run
    /// let p = khabar::Pipeline::new().with_ner_model("my-ner.bin.gz")?;
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn with_ner_model(self, path: impl AsRef<std::path::Path>) -> Result<Self> {
        Ok(self.with_tagger(Arc::new(Tagger::load_file(path)?)))
    }

    /// Uses `tagger` instead of the default model.
    pub fn with_tagger(mut self, tagger: Arc<Tagger>) -> Self {
        self.tagger = Some(tagger);
        self
    }

    /// The tagger this pipeline uses: the one given, else the default model
    /// (parsed on first use).
    pub fn tagger(&self) -> Result<&Tagger> {
        match &self.tagger {
            Some(t) => Ok(t),
            None => Tagger::default_model(),
        }
    }

    /// Adds the user's own entities to the built-in gazetteer; where a name is
    /// in both, the user's row wins.
    ///
    /// ```
    /// use khabar::entities::GazetteerRow;
    /// let rows = [GazetteerRow { name: "ديلون".into(), label: "PER".into(),
    ///     canonical: Some("Ryan Dillon".into()), id: Some("Q1".into()) }];
    /// let p = khabar::Pipeline::new().with_gazetteer(&rows)?;
    /// let a = p.analyze("وأضاف ديلون أن الهجوم قريب.", None)?;
    /// assert_eq!(a.entities[0].canonical, "Ryan Dillon");
    /// assert_eq!(a.entities[0].id.as_deref(), Some("Q1"));
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn with_gazetteer(mut self, rows: &[GazetteerRow]) -> Result<Self> {
        self.gazetteer = Some(Arc::new(Gazetteer::with_builtin(rows)?));
        Ok(self)
    }

    /// [`Pipeline::with_gazetteer`] with rows read from a CSV, TSV, JSON or
    /// JSON Lines file (see [`Gazetteer::read_rows`]).
    pub fn with_gazetteer_file(self, path: impl AsRef<Path>) -> Result<Self> {
        let rows = Gazetteer::read_rows(path.as_ref())?;
        self.with_gazetteer(&rows)
    }

    /// The gazetteer the entities stage uses.
    pub fn gazetteer(&self) -> &Gazetteer {
        match &self.gazetteer {
            Some(g) => g,
            None => Gazetteer::builtin(),
        }
    }

    /// The normalisation options the extractors use.
    pub fn normalize_options(&self) -> &NormalizeOptions {
        &self.normalize
    }

    /// Parses one article from bytes in any supported format and encoding
    /// (gzip, UTF-8, windows-1256, ISO-8859-6).
    pub fn parse(&self, data: &[u8]) -> Result<Article> {
        self.parse_with(data, &Overrides::default())
    }

    /// [`Pipeline::parse`] with caller-supplied metadata.
    pub fn parse_with(&self, data: &[u8], meta: &Overrides) -> Result<Article> {
        let text = input::decode(data)?;
        self.parse_str_with(&text, meta)
    }

    /// Parses one article from text.
    pub fn parse_str(&self, text: &str) -> Result<Article> {
        self.parse_str_with(text, &Overrides::default())
    }

    /// [`Pipeline::parse_str`] with caller-supplied metadata.
    pub fn parse_str_with(&self, text: &str, meta: &Overrides) -> Result<Article> {
        let mut recs = input::records(text, self.format, &self.fields)?;
        let rec = match recs.len() {
            0 => return Err(Error::Empty("the input is empty or only whitespace".into())),
            1 => recs.pop().unwrap_or_else(|| Err(Error::Empty("no record".into())))?,
            n => {
                return Err(Error::Option(format!(
                    "the input holds {n} records; parse takes one article: use read() or parse_many() for collections"
                )))
            }
        };
        // Overrides go in before extraction: relative times resolve against the
        // caller's publication time.
        let mut a = structure::build(rec, Mode::Article)?;
        apply(&mut a, meta);
        self.extract(a)
    }

    /// Turns a record from [`input`] into a finished article.
    pub fn article(&self, rec: Record) -> Result<Article> {
        let a = structure::build(rec, Mode::Article)?;
        self.extract(a)
    }

    /// [`Pipeline::article`] for a record read from a file: an error names the
    /// file and the line the record starts on.
    fn article_in_file(&self, rec: Record) -> Result<Article> {
        let (file, line) = (rec.file.clone(), rec.line);
        self.article(rec).map_err(|e| match file {
            Some(f) => e.in_file(f, line),
            None => e,
        })
    }

    /// Runs the extraction stages on text that has no article structure (a
    /// sentence, a transcript): no title or outlet detection, paragraphs split at
    /// blank lines only.
    ///
    /// ```
    /// let a = khabar::Pipeline::new().analyze("قال المتحدث إن الهجوم بدأ.\n\nوأضاف أن القوات تقدمت.", None)?;
    /// assert_eq!(a.title, None);
    /// assert_eq!(a.paragraphs.len(), 2);
    /// # Ok::<(), khabar::Error>(())
    /// ```
    pub fn analyze(&self, text: &str, published: Option<Published>) -> Result<Article> {
        let rec = Record {
            body: input::Body::Text(text.to_owned()),
            ..Record::default()
        };
        let mut a = structure::build(rec, Mode::Plain)?;
        a.published = published;
        self.extract(a)
    }

    /// The extraction stages, on an article whose structure is done: sentence
    /// boundaries first, then times and quantities, then quotes; last, every
    /// mention gets the index of its sentence.
    fn extract(&self, mut a: Article) -> Result<Article> {
        a.sentences = text::sentences(&a.text);
        let g = self.gazetteer();
        let tagged: Vec<(Span, EntityLabel)> = match self.ner {
            NerMode::Rules => Vec::new(),
            NerMode::Tagger | NerMode::Both => {
                let tagger = self.tagger()?;
                let spans = if self.gazetteer.is_some() {
                    tagger.tag_text_with(&a.text, &a.sentences, |w| hints_with(g, w))
                } else {
                    tagger.tag_text(&a.text, &a.sentences)
                };
                spans
                    .into_iter()
                    .filter_map(|(s, l)| Some((s, l.entity_label()?)))
                    .collect()
            }
        };
        let rules = self.ner != NerMode::Tagger;
        a.entities = crate::entities::extract_with(&a, Some(g), &tagged, rules);
        crate::extract::times_and_quantities(&mut a);
        a.quotes = crate::extract::quotes::extract(&a);
        crate::extract::quotes::speakers_as_entities(&mut a, self.gazetteer());
        assign_sentences(&mut a);
        Ok(a)
    }

    /// Parses many articles in parallel (rayon), keeping their order. Each
    /// result is the article or the error of that item.
    pub fn parse_many<T: AsRef<[u8]> + Sync>(&self, items: &[T]) -> Vec<Result<Article>> {
        items
            .par_iter()
            .map(|item| self.parse(item.as_ref()))
            .collect()
    }

    /// [`Pipeline::parse_many`] with metadata for each item.
    pub fn parse_many_with<T: AsRef<[u8]> + Sync>(
        &self,
        items: &[(T, Overrides)],
    ) -> Vec<Result<Article>> {
        items
            .par_iter()
            .map(|(item, meta)| self.parse_with(item.as_ref(), meta))
            .collect()
    }

    /// Streams the articles of files, folders or glob patterns (`.txt`, `.sgml`,
    /// `.html`, `.json`, `.jsonl`, each optionally `.gz`). A record that fails
    /// yields its error (with file and line) and reading goes on.
    pub fn read<S: AsRef<str>>(&self, inputs: &[S]) -> Result<Articles> {
        let files = expand_paths(inputs)?;
        Ok(Articles {
            reader: Reader::new(files.clone(), self.format, self.fields.clone()),
            pipeline: self.clone(),
            files,
        })
    }
}

/// Sets each mention's `sentence` to the sentence holding its start (-1 where
/// none does, as for an article without sentences).
fn assign_sentences(a: &mut Article) {
    let sentences = &a.sentences;
    let index = |start: usize| -> i64 {
        let i = sentences.partition_point(|s| s.end <= start);
        match sentences.get(i) {
            Some(s) if s.start <= start => i as i64,
            _ => -1,
        }
    };
    for e in &mut a.entities {
        e.sentence = index(e.span.start);
    }
    for q in &mut a.quotes {
        q.sentence = index(q.span.start);
    }
    for t in &mut a.times {
        t.sentence = index(t.span.start);
    }
    for q in &mut a.quantities {
        q.sentence = index(q.span.start);
    }
}

fn apply(a: &mut Article, meta: &Overrides) {
    if let Some(u) = &meta.url {
        a.url = Some(u.clone());
    }
    if let Some(s) = &meta.source {
        a.source = Some(s.clone());
    }
    if let Some(p) = meta.published {
        a.published = Some(p);
    }
}

/// The articles of a corpus, streamed (see [`Pipeline::read`]).
pub struct Articles {
    reader: Reader,
    pipeline: Pipeline,
    files: Vec<PathBuf>,
}

impl Articles {
    /// The files being read, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The next `n` records, parsed in parallel, order kept. Empty at the end.
    pub fn next_batch(&mut self, n: usize) -> Vec<Result<Article>> {
        let recs: Vec<Result<Record>> = self.reader.by_ref().take(n).collect();
        let pipeline = &self.pipeline;
        recs.into_par_iter()
            .map(|r| pipeline.article_in_file(r?))
            .collect()
    }
}

impl Iterator for Articles {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        let rec = self.reader.next()?;
        Some(rec.and_then(|r| self.pipeline.article_in_file(r)))
    }
}
