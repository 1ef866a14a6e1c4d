//! `khabar.normalize`, `khabar.tokenize`, `khabar.sentences`: conversion around
//! `khabar::text`.
//!
//! Built for throughput from Python:
//! - `normalize` moves text as UTF-16 (Python's `str` encodes to and decodes
//!   from UTF-16 several times faster than UTF-8) through
//!   `Normalizer::normalize_utf16le`, the same table as the UTF-8 normaliser;
//! - `tokenize` returns a `Tokens` sequence holding the Rust tokens and their
//!   code-point offsets (one forward pass); `Token` objects are made only when
//!   indexed or iterated, and their strings only when read. Columnar accessors
//!   (`Tokens.texts`, `.starts`, …) skip the objects altogether.

use std::sync::{Arc, LazyLock, Mutex};

use khabar::text::{self, CharCursor, NormalizeOptions, Normalizer, Punctuation, TokenKind};
use khabar::Span;
use pyo3::basic::CompareOp;
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyInt, PyList, PySlice, PyString};
use pyo3::{intern, IntoPyObjectExt};

use crate::article::PySpan;
use crate::errors::raise;

/// Inputs at least this long (bytes) are processed with the GIL released.
const DETACH_AT: usize = 64 * 1024;

/// The text of a Python `str` as UTF-8 bytes, or `DecodeError` for lone
/// surrogates.
fn utf8<'py>(py: Python<'py>, s: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    s.encode_utf8().map_err(|_| surrogates(py))
}

/// The `str` view of what [`utf8`] returned.
fn as_str<'a>(b: &'a Bound<'_, PyBytes>) -> PyResult<&'a str> {
    std::str::from_utf8(b.as_bytes())
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

fn surrogates(py: Python<'_>) -> PyErr {
    raise(
        py,
        "DecodeError",
        "text holds lone surrogate code points (such as '\\ud800'), which are not characters"
            .to_owned(),
    )
}

/// Runs `f` with the GIL released when the input is large.
fn run<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
    if len >= DETACH_AT {
        py.detach(f)
    } else {
        f()
    }
}

fn options(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<NormalizeOptions> {
    let mut o = NormalizeOptions::default();
    let Some(options) = options else {
        return Ok(o);
    };
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
                        format!("punctuation must be 'keep', 'arabic' or 'latin', not {other:?}"),
                    ))
                }
            };
            continue;
        }
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
        *slot = v.extract()?;
    }
    Ok(o)
}

static DEFAULT: LazyLock<Arc<Normalizer>> = LazyLock::new(Arc::default);

/// Normalisers for the option sets asked for lately (a handful in practice).
static CUSTOM: Mutex<Vec<(NormalizeOptions, Arc<Normalizer>)>> = Mutex::new(Vec::new());

/// The normaliser for `o`, built once.
fn normalizer(o: NormalizeOptions) -> Arc<Normalizer> {
    if o == NormalizeOptions::default() {
        return Arc::clone(&DEFAULT);
    }
    let mut cache = CUSTOM.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, n)) = cache.iter().find(|(k, _)| *k == o) {
        return Arc::clone(n);
    }
    let n = Arc::new(Normalizer::new(o));
    if cache.len() >= 32 {
        cache.remove(0);
    }
    cache.push((o, Arc::clone(&n)));
    n
}

/// Normalises Arabic text; every option is a keyword named as in
/// `khabar::text::NormalizeOptions` (`diacritics=True`, `punctuation="latin"`, …).
#[pyfunction]
#[pyo3(signature = (text, **options))]
pub fn normalize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyString>> {
    let normalizer = normalizer(self::options(py, options)?);
    let encoded = text
        .call_method1(intern!(py, "encode"), (intern!(py, "utf-16-le"),))
        .map_err(|_| surrogates(py))?;
    let encoded = encoded.cast::<PyBytes>()?;
    let input = encoded.as_bytes();
    let mut out = Vec::new();
    let changed = run(py, input.len(), || {
        normalizer.normalize_utf16le(input, &mut out)
    });
    if !changed {
        // Nothing changed: the same string, no copy.
        return Ok(text.clone());
    }
    let bytes = PyBytes::new(py, &out);
    PyString::from_encoded_object(bytes.as_any(), Some(c"utf-16-le"), None)
}

/// What `Tokens` and `Token` share: the text, the Rust tokens and their
/// code-point offsets.
struct TokensData {
    text: String,
    tokens: Vec<text::Token>,
    /// Code-point start and end of each token.
    offsets: Vec<(usize, usize)>,
}

impl TokensData {
    fn slice(&self, s: Span) -> &str {
        self.text.get(s.range()).unwrap_or("")
    }
}

fn kind_str(py: Python<'_>, k: TokenKind) -> &Bound<'_, PyString> {
    match k {
        TokenKind::Word => intern!(py, "word"),
        TokenKind::Number => intern!(py, "number"),
        TokenKind::Latin => intern!(py, "latin"),
        TokenKind::Punct => intern!(py, "punct"),
        TokenKind::Url => intern!(py, "url"),
        TokenKind::Email => intern!(py, "email"),
        TokenKind::Hashtag => intern!(py, "hashtag"),
        TokenKind::Mention => intern!(py, "mention"),
        TokenKind::Symbol => intern!(py, "symbol"),
    }
}

/// One token: a word, number, Latin word, punctuation, URL, e-mail, hashtag,
/// mention or symbol; words carry their clitics as separate parts. Immutable;
/// its strings are made when read.
#[pyclass(frozen, module = "khabar._khabar", name = "Token")]
pub struct PyToken {
    data: Arc<TokensData>,
    i: usize,
}

impl PyToken {
    fn tok(&self) -> &text::Token {
        &self.data.tokens[self.i]
    }

    fn prefix_strs(&self) -> impl Iterator<Item = &str> {
        self.tok().prefixes().map(|s| self.data.slice(s))
    }

    fn same(&self, other: &PyToken) -> bool {
        let (a, b) = (self.tok(), other.tok());
        self.data.offsets[self.i] == other.data.offsets[other.i]
            && a.kind == b.kind
            && self.data.slice(a.span) == other.data.slice(b.span)
            && self.data.slice(a.stem) == other.data.slice(b.stem)
            && a.suffix().map(|s| self.data.slice(s)) == b.suffix().map(|s| other.data.slice(s))
            && self.prefix_strs().eq(other.prefix_strs())
    }
}

#[pymethods]
impl PyToken {
    /// The token as written.
    #[getter]
    fn text(&self) -> &str {
        self.data.slice(self.tok().span)
    }
    /// Code-point offset of the first character.
    #[getter]
    fn start(&self) -> usize {
        self.data.offsets[self.i].0
    }
    /// Code-point offset after the last character.
    #[getter]
    fn end(&self) -> usize {
        self.data.offsets[self.i].1
    }
    /// `"word"`, `"number"`, `"latin"`, `"punct"`, `"url"`, `"email"`,
    /// `"hashtag"`, `"mention"` or `"symbol"`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        kind_str(py, self.tok().kind).clone()
    }
    /// The word without its clitics.
    #[getter]
    fn stem(&self) -> &str {
        self.data.slice(self.tok().stem)
    }
    /// The proclitics, outermost first (`والبوكمال` → `["و", "ال"]`).
    #[getter]
    fn prefixes(&self) -> Vec<&str> {
        self.prefix_strs().collect()
    }
    /// The enclitic pronoun, if any.
    #[getter]
    fn suffix(&self) -> Option<&str> {
        self.tok().suffix().map(|s| self.data.slice(s))
    }

    fn __repr__(&self) -> String {
        let mut parts: Vec<&str> = self.prefix_strs().collect();
        parts.push(self.stem());
        parts.extend(self.suffix());
        format!(
            "Token({:?}, kind={:?}, parts={:?}, start={}, end={})",
            self.text(),
            self.tok().kind.as_str(),
            parts,
            self.start(),
            self.end()
        )
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<PyToken>() else {
            return Ok(py.NotImplemented());
        };
        let eq = self.same(other.get());
        match op {
            CompareOp::Eq => eq.into_py_any(py),
            CompareOp::Ne => (!eq).into_py_any(py),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.text(), self.start(), self.end()).hash(&mut h);
        h.finish()
    }
}

/// The tokens of a text: a read-only sequence of `Token` (indexing, negative
/// indices, slices, iteration, `len`, equality with another `Tokens` or a list
/// of `Token`), with columnar accessors that make no `Token` objects.
#[pyclass(frozen, sequence, module = "khabar._khabar", name = "Tokens")]
pub struct PyTokens {
    data: Arc<TokensData>,
    /// The view: token `start + k * step` for `k` in `0..len`.
    start: usize,
    step: isize,
    len: usize,
}

impl PyTokens {
    fn index(&self, k: usize) -> usize {
        (self.start as isize + k as isize * self.step) as usize
    }

    fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(|k| self.index(k))
    }

    fn token(&self, k: usize) -> PyToken {
        PyToken {
            data: Arc::clone(&self.data),
            i: self.index(k),
        }
    }

    fn column<'py, T: IntoPyObject<'py>>(
        &self,
        py: Python<'py>,
        f: impl Fn(usize) -> T,
    ) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.indices().map(f))
    }
}

#[pymethods]
impl PyTokens {
    fn __len__(&self) -> usize {
        self.len
    }

    fn __getitem__<'py>(&self, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = key.py();
        if let Ok(slice) = key.cast::<PySlice>() {
            let ix = slice.indices(self.len as isize)?;
            let len = ix.slicelength;
            let start = if len == 0 {
                0
            } else {
                self.index(ix.start as usize)
            };
            let view = PyTokens {
                data: Arc::clone(&self.data),
                start,
                step: self.step * ix.step,
                len,
            };
            return Ok(Bound::new(py, view)?.into_any());
        }
        let k: isize = match key.extract() {
            Ok(k) => k,
            // An int too large for an index is out of range, as for a list.
            Err(_) if key.is_instance_of::<PyInt>() => {
                return Err(PyIndexError::new_err("Tokens index out of range"))
            }
            Err(_) => {
                return Err(PyTypeError::new_err(
                    "Tokens indices must be integers or slices",
                ))
            }
        };
        let k = if k < 0 { k + self.len as isize } else { k };
        if k < 0 || k as usize >= self.len {
            return Err(PyIndexError::new_err("Tokens index out of range"));
        }
        Ok(Bound::new(py, self.token(k as usize))?.into_any())
    }

    fn __iter__(slf: PyRef<'_, Self>) -> TokensIter {
        TokensIter {
            tokens: slf.into(),
            next: 0,
        }
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let eq = if let Ok(other) = other.cast::<PyTokens>() {
            let other = other.get();
            self.len == other.len
                && self.indices().zip(other.indices()).all(|(a, b)| {
                    PyToken {
                        data: Arc::clone(&self.data),
                        i: a,
                    }
                    .same(&PyToken {
                        data: Arc::clone(&other.data),
                        i: b,
                    })
                })
        } else if let Ok(list) = other.cast::<PyList>() {
            list.len() == self.len
                && list.iter().enumerate().all(|(k, t)| {
                    t.cast::<PyToken>()
                        .is_ok_and(|t| self.token(k).same(t.get()))
                })
        } else {
            return Ok(py.NotImplemented());
        };
        match op {
            CompareOp::Eq => eq.into_py_any(py),
            CompareOp::Ne => (!eq).into_py_any(py),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __repr__(&self) -> String {
        const SHOWN: usize = 8;
        let mut items: Vec<String> = (0..self.len.min(SHOWN))
            .map(|k| self.token(k).__repr__())
            .collect();
        if self.len > SHOWN {
            items.push(format!("… {} more", self.len - SHOWN));
        }
        format!("Tokens([{}])", items.join(", "))
    }

    /// Every token's text, as a list.
    #[getter]
    fn texts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let d = &self.data;
        self.column(py, |i| d.slice(d.tokens[i].span))
    }
    /// Every token's start (code points), as a list.
    #[getter]
    fn starts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.column(py, |i| self.data.offsets[i].0)
    }
    /// Every token's end (code points), as a list.
    #[getter]
    fn ends<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.column(py, |i| self.data.offsets[i].1)
    }
    /// Every token's kind, as a list of (interned) strings.
    #[getter]
    fn kinds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.column(py, |i| kind_str(py, self.data.tokens[i].kind).clone())
    }
    /// Every token's stem, as a list.
    #[getter]
    fn stems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let d = &self.data;
        self.column(py, |i| d.slice(d.tokens[i].stem))
    }

    /// The columns as a `pyarrow.Table` (text, start, end, kind, stem); needs
    /// pyarrow.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pa = py.import("pyarrow")?;
        let columns = PyDict::new(py);
        columns.set_item("text", self.texts(py)?)?;
        columns.set_item("start", self.starts(py)?)?;
        columns.set_item("end", self.ends(py)?)?;
        columns.set_item("kind", self.kinds(py)?)?;
        columns.set_item("stem", self.stems(py)?)?;
        pa.getattr("table")?.call1((columns,))
    }
}

/// Iterator over a `Tokens`.
#[pyclass(module = "khabar._khabar", name = "TokensIterator")]
pub struct TokensIter {
    tokens: Py<PyTokens>,
    next: usize,
}

#[pymethods]
impl TokensIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> Option<PyToken> {
        let k = slf.next;
        let tokens = slf.tokens.get();
        if k >= tokens.len {
            return None;
        }
        let t = tokens.token(k);
        slf.next += 1;
        Some(t)
    }
}

/// Tokens with code-point offsets and clitics split off.
#[pyfunction]
pub fn tokenize(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<PyTokens> {
    let bytes = utf8(py, text)?;
    let text = as_str(&bytes)?;
    let data = run(py, text.len(), || {
        let tokens = text::tokenize(text);
        let mut cursor = CharCursor::new(text);
        let offsets = tokens.iter().map(|t| cursor.span(t.span)).collect();
        TokensData {
            text: text.to_owned(),
            tokens,
            offsets,
        }
    });
    let len = data.tokens.len();
    Ok(PyTokens {
        data: Arc::new(data),
        start: 0,
        step: 1,
        len,
    })
}

/// Sentences of a text, as spans with code-point offsets.
#[pyfunction]
pub fn sentences(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<PySpan>> {
    let bytes = utf8(py, text)?;
    let text = as_str(&bytes)?;
    let spans = run(py, text.len(), || text::sentences(text));
    let mut cursor = CharCursor::new(text);
    Ok(spans
        .iter()
        .map(|s| {
            let (start, end) = cursor.span(*s);
            PySpan {
                text: text.get(s.range()).unwrap_or("").to_owned(),
                start,
                end,
            }
        })
        .collect())
}
