//! The error type every stage returns.

use std::path::PathBuf;

/// Everything that can go wrong turning input into an [`Article`](crate::Article).
///
/// Each variant names what was wrong with the input so a user can fix it; none of
/// them is ever a panic.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input held no text at all (empty, or only whitespace and controls).
    #[error("empty input: {0}")]
    Empty(String),
    /// The bytes are neither UTF-8 nor a legacy Arabic encoding we recognise.
    #[error("undecodable bytes: {0}")]
    Decode(String),
    /// A record could not be parsed in the given or detected format.
    #[error("{format} parse error{}: {message}", location(.line))]
    Parse {
        /// The format being parsed (`json`, `sgml`, `html`, `text`).
        format: &'static str,
        /// 1-based line number in the file or stream, where known.
        line: Option<usize>,
        /// What was wrong.
        message: String,
    },
    /// An option value that khabar does not know.
    #[error("invalid option: {0}")]
    Option(String),
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file being read.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A record from a file failed; wraps the record's error with where it came from.
    #[error("{}{}: {source}", path.display(), location(.line))]
    InFile {
        /// The file holding the record.
        path: PathBuf,
        /// 1-based line where the record starts, where known.
        line: Option<usize>,
        /// The record's own error.
        #[source]
        source: Box<Error>,
    },
    /// Serialised article JSON that does not describe a valid article.
    #[error("invalid article JSON: {0}")]
    ArticleJson(String),
}

fn location(line: &Option<usize>) -> String {
    match line {
        Some(n) => format!(" at line {n}"),
        None => String::new(),
    }
}

impl Error {
    pub(crate) fn parse(
        format: &'static str,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error::Parse {
            format,
            line,
            message: message.into(),
        }
    }

    /// Attaches the file (and line) a record came from. A parse error that already
    /// names its line keeps it there, so the line is not printed twice.
    pub fn in_file(self, path: impl Into<PathBuf>, line: Option<usize>) -> Self {
        let line = match &self {
            Error::Parse { line: Some(_), .. } => None,
            _ => line,
        };
        Error::InFile {
            path: path.into(),
            line,
            source: Box::new(self),
        }
    }

    /// The innermost error, past any file context.
    pub fn root(&self) -> &Error {
        match self {
            Error::InFile { source, .. } => source.root(),
            other => other,
        }
    }
}

/// `Result` with khabar's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
