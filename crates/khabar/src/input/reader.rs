//! Streaming records out of files, folders and globs. One record at a time is
//! decoded and handed on, so memory stays flat over a whole corpus.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::json::{self, Splitter};
use super::{decode, records, sgml, FieldMap, Format, Record};
use crate::error::{Error, Result};

/// File name endings khabar reads when given a folder.
const EXTENSIONS: &[&str] = &[
    ".txt", ".sgml", ".sgm", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".xml",
];

fn readable(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    EXTENSIONS.iter().any(|e| name.ends_with(e))
}

/// Expands files, folders (recursively, files with a known ending, sorted) and
/// glob patterns into a list of files. A pattern or path that matches nothing is
/// an error naming it.
pub fn expand_paths<S: AsRef<str>>(inputs: &[S]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let input = input.as_ref();
        let path = Path::new(input);
        if path.is_dir() {
            let before = out.len();
            walk(path, &mut out)?;
            out[before..].sort();
        } else if path.exists() {
            out.push(path.to_path_buf());
        } else if input.contains(['*', '?', '[']) {
            let paths = glob::glob(input)
                .map_err(|e| Error::Option(format!("bad glob pattern {input:?}: {e}")))?;
            let before = out.len();
            for p in paths.flatten() {
                if p.is_dir() {
                    walk(&p, &mut out)?;
                } else {
                    out.push(p);
                }
            }
            if out.len() == before {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no files match this pattern",
                    ),
                });
            }
        } else {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if readable(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// The format a file's name says, if it says one.
fn format_from_name(path: &Path) -> Format {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit('.').next() {
        Some("sgml" | "sgm") => Format::Sgml,
        Some("json" | "jsonl" | "ndjson") => Format::Json,
        Some("html" | "htm") => Format::Html,
        _ => Format::Auto,
    }
}

enum Source {
    /// SGML read line by line, a few `<DOC>`s buffered at a time.
    Sgml {
        reader: Box<dyn BufRead + Send>,
        buf: Vec<u8>,
        line: usize,
        buf_line: usize,
    },
    /// JSON read in chunks through the record splitter.
    Json {
        reader: Box<dyn BufRead + Send>,
        splitter: Splitter,
    },
    /// Nothing left to read in this file.
    Done,
}

/// An iterator of records from files, streaming. Each item is a record or the
/// error of one record or file, with the file and line; reading goes on after it.
pub struct Reader {
    files: VecDeque<PathBuf>,
    format: Format,
    fields: FieldMap,
    current: Option<PathBuf>,
    source: Source,
    pending: VecDeque<Result<Record>>,
}

impl Reader {
    /// A reader over `files` (already expanded, see [`expand_paths`]).
    pub fn new(files: Vec<PathBuf>, format: Format, fields: FieldMap) -> Self {
        Reader {
            files: files.into(),
            format,
            fields,
            current: None,
            source: Source::Done,
            pending: VecDeque::new(),
        }
    }

    fn open(&mut self, path: PathBuf) {
        let io = |e| Error::Io {
            path: path.clone(),
            source: e,
        };
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                self.pending.push_back(Err(io(e)));
                return;
            }
        };
        let mut raw = BufReader::with_capacity(1 << 16, file);
        let gz = matches!(raw.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
        let mut reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(raw),
            ))
        } else {
            Box::new(raw)
        };
        let mut format = match self.format {
            Format::Auto => format_from_name(&path),
            f => f,
        };
        if format == Format::Auto {
            format = match reader.fill_buf() {
                Ok(head) => super::sniff(&String::from_utf8_lossy(&head[..head.len().min(4096)])),
                Err(e) => {
                    self.pending.push_back(Err(io(e)));
                    return;
                }
            };
        }
        self.current = Some(path.clone());
        self.source = match format {
            Format::Sgml => Source::Sgml {
                reader,
                buf: Vec::new(),
                line: 0,
                buf_line: 1,
            },
            Format::Json => Source::Json {
                reader,
                splitter: Splitter::new(),
            },
            _ => {
                // One record per file: read it whole.
                let mut bytes = Vec::new();
                let rec = reader
                    .read_to_end(&mut bytes)
                    .map_err(io)
                    .and_then(|_| decode(&bytes))
                    .and_then(|text| single(&text, format, &self.fields))
                    .map(|mut r| {
                        r.file = Some(path.clone());
                        r
                    });
                self.pending
                    .push_back(rec.map_err(|e| e.in_file(&path, None)));
                Source::Done
            }
        };
    }

    /// Reads until at least one record is pending or the file is done.
    fn fill(&mut self) {
        let path = self.current.clone().unwrap_or_default();
        match &mut self.source {
            Source::Done => {}
            Source::Sgml {
                reader,
                buf,
                line,
                buf_line,
            } => loop {
                let at = buf.len();
                match reader.read_until(b'\n', buf) {
                    Ok(0) => {
                        let docs = std::mem::take(buf);
                        push_sgml(&mut self.pending, &docs, *buf_line, &path);
                        self.source = Source::Done;
                        return;
                    }
                    Ok(_) => {
                        *line += 1;
                        let new = buf[at..].to_ascii_lowercase();
                        if memchr::memmem::find(&new, b"</doc>").is_some() {
                            let docs = std::mem::take(buf);
                            push_sgml(&mut self.pending, &docs, *buf_line, &path);
                            *buf_line = *line + 1;
                            if !self.pending.is_empty() {
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        self.pending.push_back(Err(Error::Io {
                            path: path.clone(),
                            source: e,
                        }));
                        self.source = Source::Done;
                        return;
                    }
                }
            },
            Source::Json { reader, splitter } => loop {
                let mut out = Vec::new();
                let chunk = match reader.fill_buf() {
                    Ok(c) => c,
                    Err(e) => {
                        self.pending.push_back(Err(Error::Io {
                            path: path.clone(),
                            source: e,
                        }));
                        self.source = Source::Done;
                        return;
                    }
                };
                let n = chunk.len();
                if n == 0 {
                    splitter.finish(&mut out);
                } else {
                    splitter.feed(chunk, &mut out);
                    reader.consume(n);
                }
                for item in out {
                    let rec = item
                        .and_then(|(line, bytes)| json::parse_value(&bytes, line, &self.fields))
                        .map(|mut r| {
                            r.file = Some(path.clone());
                            r
                        });
                    self.pending
                        .push_back(rec.map_err(|e| e.in_file(&path, None)));
                }
                if n == 0 {
                    self.source = Source::Done;
                    return;
                }
                if !self.pending.is_empty() {
                    return;
                }
            },
        }
    }
}

fn single(text: &str, format: Format, fields: &FieldMap) -> Result<Record> {
    let mut recs = records(text, format, fields)?;
    match recs.len() {
        1 => recs
            .pop()
            .unwrap_or_else(|| Err(Error::Empty("no record".into()))),
        0 => Err(Error::Empty("the file holds no record".into())),
        n => Err(Error::parse(
            format.as_str(),
            None,
            format!("expected one record, found {n}"),
        )),
    }
}

fn push_sgml(pending: &mut VecDeque<Result<Record>>, bytes: &[u8], first_line: usize, path: &Path) {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            pending.push_back(Err(e.in_file(path, Some(first_line))));
            return;
        }
    };
    let mut any = false;
    for (line, doc) in sgml::split(&text) {
        any = true;
        let line = first_line + line - 1;
        let rec = sgml::parse_doc(doc, line).map(|mut r| {
            r.file = Some(path.to_path_buf());
            r
        });
        pending.push_back(rec.map_err(|e| e.in_file(path, Some(line))));
    }
    if !any && !text.trim().is_empty() {
        let msg = "text outside any <DOC> record";
        pending.push_back(Err(
            Error::parse("sgml", Some(first_line), msg).in_file(path, Some(first_line))
        ));
    }
}

impl Iterator for Reader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if matches!(self.source, Source::Done) {
                let path = self.files.pop_front()?;
                self.open(path);
            } else {
                self.fill();
            }
        }
    }
}
