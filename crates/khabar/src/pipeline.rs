//! The [`Pipeline`]: configuration plus the entry points that run every stage,
//! `input` → `structure` → extraction, on one article, a batch or a corpus.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::input::{self, expand_paths, FieldMap, Format, Reader, Record};
use crate::model::{Article, Published};
use crate::structure::{self, Mode};
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
        Ok(self.extract(a))
    }

    /// Turns a record from [`input`] into a finished article.
    pub fn article(&self, rec: Record) -> Result<Article> {
        let a = structure::build(rec, Mode::Article)?;
        Ok(self.extract(a))
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
        Ok(self.extract(a))
    }

    /// The extraction stages, on an article whose structure is done: sentence
    /// boundaries first, then times and quantities, then quotes; last, every
    /// mention gets the index of its sentence.
    fn extract(&self, mut a: Article) -> Article {
        a.sentences = text::sentences(&a.text);
        crate::extract::times_and_quantities(&mut a);
        a.quotes = crate::extract::quotes::extract(&a);
        assign_sentences(&mut a);
        a
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
