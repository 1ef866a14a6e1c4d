//! `khabar.normalize`, `khabar.tokenize`, `khabar.sentences`: conversion around
//! `khabar::text`, with code-point offsets computed in one pass per call.

use khabar::text::{self, CharCursor, NormalizeOptions, Punctuation, TokenKind};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::article::PySpan;
use crate::errors::raise;

/// One token: a word, number, Latin word, punctuation, URL, e-mail, hashtag,
/// mention or symbol; words carry their clitics as separate spans.
#[pyclass(frozen, module = "khabar._khabar", name = "Token", eq)]
#[derive(Clone, PartialEq)]
pub struct PyToken {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    stem: String,
    #[pyo3(get)]
    prefixes: Vec<String>,
    #[pyo3(get)]
    suffix: Option<String>,
}

#[pymethods]
impl PyToken {
    fn __repr__(&self) -> String {
        let mut parts = self.prefixes.clone();
        parts.push(self.stem.clone());
        parts.extend(self.suffix.clone());
        format!(
            "Token({:?}, kind={:?}, parts={:?}, start={}, end={})",
            self.text, self.kind, parts, self.start, self.end
        )
    }
}

fn kind_name(k: TokenKind) -> &'static str {
    k.as_str()
}

/// Normalises Arabic text; every option is a keyword named as in
/// `khabar::text::NormalizeOptions` (`diacritics=True`, `punctuation="latin"`, …).
#[pyfunction]
#[pyo3(signature = (text, **options))]
pub fn normalize(
    py: Python<'_>,
    text: &str,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let mut o = NormalizeOptions::default();
    if let Some(options) = options {
        for (k, v) in options.iter() {
            let key: String = k.extract()?;
            if key == "punctuation" {
                let v: String = v.extract()?;
                o.punctuation = match v.as_str() {
                    "keep" => Punctuation::Keep,
                    "arabic" => Punctuation::Arabic,
                    "latin" => Punctuation::Latin,
                    other => {
                        return Err(raise(
                            py,
                            "InvalidOptionError",
                            format!(
                                "punctuation must be 'keep', 'arabic' or 'latin', not {other:?}"
                            ),
                        ))
                    }
                };
                continue;
            }
            let flag: bool = v.extract()?;
            let slot = match key.as_str() {
                "diacritics" => &mut o.diacritics,
                "tatweel" => &mut o.tatweel,
                "alef" => &mut o.alef,
                "alef_maqsura" => &mut o.alef_maqsura,
                "taa_marbuta" => &mut o.taa_marbuta,
                "hamza" => &mut o.hamza,
                "persian" => &mut o.persian,
                "digits" => &mut o.digits,
                "quotes" => &mut o.quotes,
                "presentation_forms" => &mut o.presentation_forms,
                "ligatures" => &mut o.ligatures,
                "controls" => &mut o.controls,
                "spaces" => &mut o.spaces,
                other => {
                    return Err(raise(
                        py,
                        "InvalidOptionError",
                        format!("unknown normalize option {other:?}"),
                    ))
                }
            };
            *slot = flag;
        }
    }
    Ok(py.detach(|| text::normalize(text, &o).text))
}

/// Tokens with code-point offsets and clitics split off.
#[pyfunction]
pub fn tokenize(py: Python<'_>, text: &str) -> Vec<PyToken> {
    let tokens = py.detach(|| text::tokenize(text));
    let mut cursor = CharCursor::new(text);
    let slice = |s: khabar::Span| text.get(s.range()).unwrap_or("").to_owned();
    tokens
        .iter()
        .map(|t| {
            let (start, end) = cursor.span(t.span);
            PyToken {
                text: slice(t.span),
                start,
                end,
                kind: kind_name(t.kind),
                stem: slice(t.stem),
                prefixes: t.prefixes().map(slice).collect(),
                suffix: t.suffix().map(slice),
            }
        })
        .collect()
}

/// Sentences of a text, as spans with code-point offsets.
#[pyfunction]
pub fn sentences(py: Python<'_>, text: &str) -> Vec<PySpan> {
    let spans = py.detach(|| text::sentences(text));
    let mut cursor = CharCursor::new(text);
    spans
        .iter()
        .map(|s| {
            let (start, end) = cursor.span(*s);
            PySpan {
                text: text.get(s.range()).unwrap_or("").to_owned(),
                start,
                end,
            }
        })
        .collect()
}
