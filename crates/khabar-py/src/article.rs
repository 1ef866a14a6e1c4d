//! The Python classes of the model. Each converts a khabar record once; byte
//! spans become code-point offsets so that `article.text[m.start:m.end] == m.text`.

use std::sync::Arc;

use khabar::{Article, CharOffsets, Span};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};

use crate::convert::datetime;
use crate::errors::{guard, raise, run};

/// Code-point `(start, end)` and text of a byte span.
fn cp(text: &str, map: &CharOffsets, s: Span) -> (usize, usize, String) {
    (
        map.to_char(s.start),
        map.to_char(s.end),
        text.get(s.range()).unwrap_or("").to_owned(),
    )
}

fn short(s: &str) -> String {
    let n = s.chars().count();
    if n <= 60 {
        s.to_owned()
    } else {
        let head: String = s.chars().take(57).collect();
        format!("{head}…")
    }
}

/// A stretch of `Article.text` (a sentence).
#[pyclass(frozen, module = "khabar._khabar", name = "Span", eq)]
#[derive(Clone, PartialEq)]
pub struct PySpan {
    #[pyo3(get)]
    pub text: String,
    #[pyo3(get)]
    pub start: usize,
    #[pyo3(get)]
    pub end: usize,
}

#[pymethods]
impl PySpan {
    fn __repr__(&self) -> String {
        format!(
            "Span({:?}, start={}, end={})",
            short(&self.text),
            self.start,
            self.end
        )
    }
}

/// One paragraph of an article.
#[pyclass(frozen, module = "khabar._khabar", name = "Paragraph", eq)]
#[derive(Clone, PartialEq)]
pub struct PyParagraph {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    repeats_lede: bool,
}

#[pymethods]
impl PyParagraph {
    fn __repr__(&self) -> String {
        let flag = if self.repeats_lede {
            ", repeats_lede=True"
        } else {
            ""
        };
        format!(
            "Paragraph({:?}, kind={:?}, start={}, end={}{flag})",
            short(&self.text),
            self.kind,
            self.start,
            self.end
        )
    }
}

/// A named entity mention.
#[pyclass(frozen, module = "khabar._khabar", name = "Entity", eq)]
#[derive(Clone, PartialEq)]
pub struct PyEntity {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    label: String,
    #[pyo3(get)]
    id: Option<String>,
    #[pyo3(get)]
    canonical: String,
    #[pyo3(get)]
    paragraph: i64,
    #[pyo3(get)]
    sentence: i64,
}

#[pymethods]
impl PyEntity {
    fn __repr__(&self) -> String {
        format!(
            "Entity({:?}, label={:?}, canonical={:?}, start={}, end={})",
            self.text, self.label, self.canonical, self.start, self.end
        )
    }
}

/// A statement attributed to a speaker.
#[pyclass(frozen, module = "khabar._khabar", name = "Quote", eq)]
#[derive(Clone, PartialEq)]
pub struct PyQuote {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    speaker: Option<String>,
    #[pyo3(get)]
    verb: Option<String>,
    #[pyo3(get)]
    via: Option<String>,
    #[pyo3(get)]
    direct: bool,
    #[pyo3(get)]
    paragraph: i64,
    #[pyo3(get)]
    sentence: i64,
}

#[pymethods]
impl PyQuote {
    fn __repr__(&self) -> String {
        format!(
            "Quote({:?}, speaker={:?}, via={:?}, direct={})",
            short(&self.text),
            self.speaker,
            self.via,
            self.direct
        )
    }
}

/// A time expression resolved to the calendar.
#[pyclass(frozen, module = "khabar._khabar", name = "TimeExpr", eq)]
#[derive(Clone, PartialEq)]
pub struct PyTimeExpr {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    value: String,
    #[pyo3(get)]
    modifier: Option<String>,
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    paragraph: i64,
    #[pyo3(get)]
    sentence: i64,
}

#[pymethods]
impl PyTimeExpr {
    fn __repr__(&self) -> String {
        format!(
            "TimeExpr({:?}, value={:?}, kind={:?})",
            self.text, self.value, self.kind
        )
    }
}

/// A number with its unit.
#[pyclass(frozen, module = "khabar._khabar", name = "Quantity", eq)]
#[derive(Clone, PartialEq)]
pub struct PyQuantity {
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    value: f64,
    #[pyo3(get)]
    unit: Option<String>,
    #[pyo3(get)]
    approximate: bool,
    #[pyo3(get)]
    paragraph: i64,
    #[pyo3(get)]
    sentence: i64,
}

#[pymethods]
impl PyQuantity {
    fn __repr__(&self) -> String {
        format!(
            "Quantity({:?}, value={}, unit={:?})",
            self.text, self.value, self.unit
        )
    }
}

/// A news article: its structure and what it says. Offsets are code-point
/// indices into `text`.
#[pyclass(frozen, module = "khabar._khabar", name = "Article")]
pub struct PyArticle {
    pub inner: Arc<Article>,
}

impl PyArticle {
    pub fn new(a: Article) -> Self {
        PyArticle { inner: Arc::new(a) }
    }

    /// The offset map, built per call: a getter converts all its spans with one
    /// O(text) pass, and articles never asked for offsets pay nothing.
    fn offsets(&self) -> CharOffsets<'_> {
        CharOffsets::new(&self.inner.text)
    }
}

#[pymethods]
impl PyArticle {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }
    #[getter]
    fn lede(&self) -> Option<&str> {
        self.inner.lede.as_deref()
    }
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    #[getter]
    fn dateline(&self) -> Option<&str> {
        self.inner.dateline.as_deref()
    }
    #[getter]
    fn location(&self) -> Option<&str> {
        self.inner.location.as_deref()
    }
    #[getter]
    fn author(&self) -> Option<&str> {
        self.inner.author.as_deref()
    }
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }
    #[getter]
    fn published<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        datetime(py, self.inner.published)
    }
    #[getter]
    fn modified<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        datetime(py, self.inner.modified)
    }
    #[getter]
    fn section(&self) -> Option<&str> {
        self.inner.section.as_deref()
    }
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.inner.tags.clone()
    }
    #[getter]
    fn image(&self) -> Option<&str> {
        self.inner.image.as_deref()
    }
    #[getter]
    fn language(&self) -> Option<&str> {
        self.inner.language.as_deref()
    }
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// Every paragraph after the lede, as one string.
    #[getter]
    fn body(&self) -> &str {
        self.inner.body()
    }
    #[getter]
    fn error(&self) -> Option<&str> {
        self.inner.error.as_deref()
    }
    #[getter]
    fn paragraphs(&self) -> Vec<PyParagraph> {
        let map = self.offsets();
        self.inner
            .paragraphs
            .iter()
            .map(|p| {
                let (start, end, text) = cp(&self.inner.text, &map, p.span);
                PyParagraph {
                    text,
                    start,
                    end,
                    kind: p.kind.as_str(),
                    repeats_lede: p.repeats_lede,
                }
            })
            .collect()
    }
    #[getter]
    fn sentences(&self) -> Vec<PySpan> {
        let map = self.offsets();
        self.inner
            .sentences
            .iter()
            .map(|s| {
                let (start, end, text) = cp(&self.inner.text, &map, *s);
                PySpan { text, start, end }
            })
            .collect()
    }
    #[getter]
    fn entities(&self) -> Vec<PyEntity> {
        let map = self.offsets();
        self.inner
            .entities
            .iter()
            .map(|e| {
                let (start, end, text) = cp(&self.inner.text, &map, e.span);
                PyEntity {
                    text,
                    start,
                    end,
                    label: e.label.clone(),
                    id: e.id.clone(),
                    canonical: e.canonical.clone(),
                    paragraph: e.paragraph,
                    sentence: e.sentence,
                }
            })
            .collect()
    }
    #[getter]
    fn quotes(&self) -> Vec<PyQuote> {
        let map = self.offsets();
        self.inner
            .quotes
            .iter()
            .map(|q| {
                let (start, end, text) = cp(&self.inner.text, &map, q.span);
                PyQuote {
                    text,
                    start,
                    end,
                    speaker: q.speaker.clone(),
                    verb: q.verb.clone(),
                    via: q.via.clone(),
                    direct: q.direct,
                    paragraph: q.paragraph,
                    sentence: q.sentence,
                }
            })
            .collect()
    }
    #[getter]
    fn times(&self) -> Vec<PyTimeExpr> {
        let map = self.offsets();
        self.inner
            .times
            .iter()
            .map(|t| {
                let (start, end, text) = cp(&self.inner.text, &map, t.span);
                let kind = match t.kind {
                    khabar::TimeKind::Absolute => "absolute",
                    khabar::TimeKind::Relative => "relative",
                    khabar::TimeKind::Vague => "vague",
                };
                PyTimeExpr {
                    text,
                    start,
                    end,
                    value: t.value.clone(),
                    modifier: t.modifier.clone(),
                    kind,
                    paragraph: t.paragraph,
                    sentence: t.sentence,
                }
            })
            .collect()
    }
    #[getter]
    fn quantities(&self) -> Vec<PyQuantity> {
        let map = self.offsets();
        self.inner
            .quantities
            .iter()
            .map(|q| {
                let (start, end, text) = cp(&self.inner.text, &map, q.span);
                PyQuantity {
                    text,
                    start,
                    end,
                    value: q.value,
                    unit: q.unit.clone(),
                    approximate: q.approximate,
                    paragraph: q.paragraph,
                    sentence: q.sentence,
                }
            })
            .collect()
    }

    /// The article as JSON (code-point offsets), optionally indented.
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, py: Python<'_>, indent: Option<usize>) -> PyResult<String> {
        let json = self.inner.to_json();
        match indent {
            None => Ok(json),
            Some(n) => {
                let m = py.import("json")?;
                let v = m.call_method1("loads", (json,))?;
                let kw = PyDict::new(py);
                kw.set_item("indent", n)?;
                kw.set_item("ensure_ascii", false)?;
                m.getattr("dumps")?.call((v,), Some(&kw))?.extract()
            }
        }
    }

    /// The article as a dict of plain Python values (what `to_json` writes).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.inner.to_json(),))
    }

    /// Reads an article written by `to_json`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: &str) -> PyResult<Self> {
        article_from_json(py, json)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let f = py.import("khabar._khabar")?.getattr("_article_from_json")?;
        Ok((f, (self.inner.to_json(),)))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyArticle>()
            .is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        let a = &self.inner;
        let mut parts = vec![format!("id={:?}", a.id)];
        if let Some(t) = &a.title {
            parts.push(format!("title={:?}", short(t)));
        }
        if let Some(s) = &a.source {
            parts.push(format!("source={s:?}"));
        }
        if let Some(p) = a.published {
            parts.push(format!("published={p}"));
        }
        parts.push(format!("paragraphs={}", a.paragraphs.len()));
        for (name, n) in [
            ("entities", a.entities.len()),
            ("quotes", a.quotes.len()),
            ("times", a.times.len()),
            ("quantities", a.quantities.len()),
        ] {
            if n > 0 {
                parts.push(format!("{name}={n}"));
            }
        }
        if let Some(e) = &a.error {
            parts.push(format!("error={e:?}"));
        }
        format!("Article({})", parts.join(", "))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| khabar::display::article_html(&self.inner))
            .map_err(|msg| raise(py, "KhabarError", msg))
    }

    /// The article in spaCy displaCy's manual format, for
    /// `displacy.render(article.to_displacy(), style="ent", manual=True)`:
    /// `{"text", "ents": [{"start", "end", "label"}], "title", "settings"}` with
    /// code-point offsets. `what` is entities, quotes, times or quantities.
    #[pyo3(signature = (what = "entities"))]
    fn to_displacy<'py>(&self, py: Python<'py>, what: &str) -> PyResult<Bound<'py, PyDict>> {
        let spans = run(py, || khabar::display::displacy_spans(&self.inner, what))?;
        let ents = PyList::empty(py);
        for s in spans {
            let e = PyDict::new(py);
            e.set_item("start", s.start)?;
            e.set_item("end", s.end)?;
            e.set_item("label", s.label)?;
            ents.append(e)?;
        }
        let settings = PyDict::new(py);
        settings.set_item("lang", "ar")?;
        settings.set_item("direction", "rtl")?;
        let d = PyDict::new(py);
        d.set_item("text", &self.inner.text)?;
        d.set_item("ents", ents)?;
        d.set_item(
            "title",
            self.inner
                .title
                .as_deref()
                .unwrap_or(self.inner.id.as_str()),
        )?;
        d.set_item("settings", settings)?;
        Ok(d)
    }
}

/// Reads an article written by `Article.to_json` (also what unpickling calls).
#[pyfunction]
pub fn _article_from_json(py: Python<'_>, json: &str) -> PyResult<PyArticle> {
    article_from_json(py, json)
}

fn article_from_json(py: Python<'_>, json: &str) -> PyResult<PyArticle> {
    run(py, || Article::from_json(json)).map(PyArticle::new)
}
