//! The module's functions and the `Pipeline` and reader classes: argument
//! conversion around `khabar::Pipeline`, with the GIL released while Rust works.

use std::collections::VecDeque;
use std::sync::{LazyLock, Mutex};

use khabar::{Article, Articles, Overrides, Pipeline};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::article::PyArticle;
use crate::convert::{self, on_error, Data, OnError};
use crate::errors::{guard, raise, run, to_py};

static DEFAULT: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

fn overrides(
    url: Option<String>,
    source: Option<String>,
    published: Option<&Bound<'_, PyAny>>,
) -> PyResult<Overrides> {
    Ok(Overrides {
        url,
        source,
        published: convert::published(published)?,
    })
}

fn parse_one(
    py: Python<'_>,
    p: &Pipeline,
    data: &Bound<'_, PyAny>,
    meta: Overrides,
) -> PyResult<PyArticle> {
    let data = Data::extract(data, "data")?;
    let result = py.detach(|| guard(|| data.parse(p, &meta)));
    match result {
        Ok(Ok(a)) => Ok(PyArticle::new(a)),
        Ok(Err(e)) => Err(to_py(py, &e, None)),
        Err(msg) => Err(raise(py, "KhabarError", msg)),
    }
}

/// Items per chunk between checks for Ctrl-C in a batch.
const CHUNK: usize = 2048;

fn parse_batch(
    py: Python<'_>,
    p: &Pipeline,
    items: &Bound<'_, PyAny>,
    workers: Option<usize>,
    errors: &str,
) -> PyResult<Vec<PyArticle>> {
    let mode = on_error(py, errors)?;
    let mut data = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        data.push(Data::extract(&item?, &format!("item {i}"))?);
    }
    let pool = match workers {
        Some(0) => {
            return Err(raise(
                py,
                "InvalidOptionError",
                "workers must be at least 1".into(),
            ))
        }
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| {
                    raise(
                        py,
                        "KhabarError",
                        format!("could not start {n} worker threads: {e}"),
                    )
                })?,
        ),
        None => None,
    };
    let meta = Overrides::default();
    let mut out = Vec::with_capacity(data.len());
    for (c, chunk) in data.chunks(CHUNK).enumerate() {
        let results: Vec<Result<khabar::Result<Article>, String>> = py.detach(|| {
            let work = || {
                use rayon::prelude::*;
                chunk
                    .par_iter()
                    .map(|d| guard(|| d.parse(p, &meta)))
                    .collect()
            };
            match &pool {
                Some(pool) => pool.install(work),
                None => work(),
            }
        });
        for (j, r) in results.into_iter().enumerate() {
            let index = c * CHUNK + j;
            let err = match r {
                Ok(Ok(a)) => {
                    out.push(PyArticle::new(a));
                    continue;
                }
                Ok(Err(e)) => e,
                Err(msg) => khabar::Error::Option(msg),
            };
            match mode {
                OnError::Raise => return Err(to_py(py, &err, Some(format!("item {index}")))),
                OnError::Skip => {}
                OnError::Keep => out.push(PyArticle::new(Article::failed(
                    format!("item-{index}"),
                    &err,
                ))),
            }
        }
        py.check_signals()?;
    }
    Ok(out)
}

fn open_reader(
    py: Python<'_>,
    p: &Pipeline,
    path: &Bound<'_, PyAny>,
    errors: &str,
) -> PyResult<Reader> {
    let mode = on_error(py, errors)?;
    let paths: Vec<String> = if let Ok(s) = path.extract::<String>() {
        vec![s]
    } else if let Ok(fs) = path.call_method0("__fspath__") {
        vec![fs.extract()?]
    } else {
        path.try_iter()?
            .map(|p| p.and_then(|p| p.str().map(|s| s.to_string())))
            .collect::<PyResult<_>>()?
    };
    let articles = run(py, || p.read(&paths))?;
    Ok(Reader {
        inner: Mutex::new((articles, VecDeque::new())),
        mode,
    })
}

/// Parses one article from `str` or `bytes`.
#[pyfunction]
#[pyo3(signature = (data, *, format = "auto", url = None, source = None, published = None, fields = None))]
pub fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    format: &str,
    url: Option<String>,
    source: Option<String>,
    published: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyArticle> {
    let meta = overrides(url, source, published)?;
    if format == "auto" && fields.is_none() {
        return parse_one(py, &DEFAULT, data, meta);
    }
    parse_one(py, &convert::pipeline(py, format, fields)?, data, meta)
}

/// Parses many articles in parallel, order kept.
#[pyfunction]
#[pyo3(signature = (items, *, format = "auto", workers = None, errors = "raise", fields = None))]
pub fn parse_many(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    format: &str,
    workers: Option<usize>,
    errors: &str,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<PyArticle>> {
    parse_batch(
        py,
        &convert::pipeline(py, format, fields)?,
        items,
        workers,
        errors,
    )
}

/// Streams the articles of a file, folder, glob or list of them.
#[pyfunction]
#[pyo3(signature = (path, *, format = "auto", errors = "raise", fields = None))]
pub fn read(
    py: Python<'_>,
    path: &Bound<'_, PyAny>,
    format: &str,
    errors: &str,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Reader> {
    open_reader(py, &convert::pipeline(py, format, fields)?, path, errors)
}

/// Runs the extractors on text without article structure.
#[pyfunction]
#[pyo3(signature = (text, *, published = None))]
pub fn analyze(
    py: Python<'_>,
    text: &str,
    published: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyArticle> {
    let published = convert::published(published)?;
    run(py, || DEFAULT.analyze(text, published)).map(PyArticle::new)
}

/// Runs the `khabar` command line with `argv` (program name first); returns its exit status.
#[pyfunction]
pub fn cli_main(py: Python<'_>, argv: Vec<String>) -> PyResult<i32> {
    py.detach(|| guard(|| khabar_cli::run(argv)))
        .map_err(|msg| raise(py, "KhabarError", msg))
}

/// A path given as `str` or `os.PathLike`.
fn path_string(path: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = path.extract::<String>() {
        return Ok(s);
    }
    path.call_method0("__fspath__")?.extract()
}

/// Trains an entity tagger on a CoNLL file and writes the model to `output`;
/// returns what training measured. `stack=True` trains a stacked (two-pass)
/// model (`khabar::tagger::TrainOptions::stack`).
#[pyfunction]
#[pyo3(signature = (train, dev = None, *, output, seed = 0, epochs = 30, clusters = None, dropout = 0.3, stack = false, verbose = false))]
#[allow(clippy::too_many_arguments)]
pub fn train_ner<'py>(
    py: Python<'py>,
    train: &Bound<'py, PyAny>,
    dev: Option<&Bound<'py, PyAny>>,
    output: &Bound<'py, PyAny>,
    seed: u64,
    epochs: usize,
    clusters: Option<&Bound<'py, PyAny>>,
    dropout: f32,
    stack: bool,
    verbose: bool,
) -> PyResult<Bound<'py, PyDict>> {
    use khabar::tagger;
    let train = path_string(train)?;
    let dev = dev.map(path_string).transpose()?;
    let output = path_string(output)?;
    let clusters = clusters.map(path_string).transpose()?;
    let report = run(py, || {
        py.detach(|| {
            guard(|| -> khabar::Result<tagger::TrainReport> {
                let train = tagger::read_conll_file(&train)?;
                let dev = dev.map(tagger::read_conll_file).transpose()?;
                let clusters = clusters.map(tagger::Clusters::read_file).transpose()?;
                let opts = tagger::TrainOptions {
                    seed,
                    epochs,
                    clusters,
                    dropout,
                    stack,
                    verbose,
                    ..Default::default()
                };
                let (model, report) = tagger::train(&train, dev.as_deref(), &opts)?;
                model.save_file(&output)?;
                Ok(report)
            })
            .unwrap_or_else(|msg| Err(khabar::Error::Option(msg)))
        })
    })?;
    let d = PyDict::new(py);
    let micro = report.dev.micro();
    d.set_item("best_epoch", report.best_epoch)?;
    d.set_item("epochs_run", report.epochs_run)?;
    d.set_item("dev_precision", micro.precision())?;
    d.set_item("dev_recall", micro.recall())?;
    d.set_item("dev_f1", micro.f1())?;
    d.set_item("features", report.features)?;
    d.set_item("sentences", report.sentences)?;
    d.set_item("seconds", report.seconds)?;
    d.set_item("passes", 1 + usize::from(report.first_dev.is_some()))?;
    if let Some(first) = &report.first_dev {
        d.set_item("first_pass_dev_f1", first.micro().f1())?;
    }
    Ok(d)
}

/// Tags the named entities of `text` with the statistical tagger (the default
/// model, or the one in the file `model`): `(start, end, label)` in code points.
#[pyfunction]
#[pyo3(signature = (text, *, model = None))]
pub fn tag_entities(
    py: Python<'_>,
    text: &str,
    model: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(usize, usize, &'static str)>> {
    use khabar::tagger::Tagger;
    let path = model.map(path_string).transpose()?;
    run(py, || {
        py.detach(|| {
            guard(|| -> khabar::Result<Vec<(usize, usize, &'static str)>> {
                let owned;
                let tagger: &Tagger = match &path {
                    Some(p) => {
                        owned = Tagger::load_file(p)?;
                        &owned
                    }
                    None => Tagger::default_model()?,
                };
                let offsets = khabar::CharOffsets::new(text);
                Ok(tagger
                    .tag_text(text, &khabar::sentences(text))
                    .into_iter()
                    .map(|(s, l)| (offsets.to_char(s.start), offsets.to_char(s.end), l.as_str()))
                    .collect())
            })
            .unwrap_or_else(|msg| Err(khabar::Error::Option(msg)))
        })
    })
}

/// A configured pipeline; its methods are the module's functions.
#[pyclass(frozen, module = "khabar._khabar", name = "Pipeline")]
pub struct PyPipeline {
    inner: Pipeline,
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (*, format = "auto", fields = None, gazetteer = None, ner_model = None, ner = "both"))]
    fn new(
        py: Python<'_>,
        format: &str,
        fields: Option<&Bound<'_, PyDict>>,
        gazetteer: Option<&Bound<'_, PyAny>>,
        ner_model: Option<&Bound<'_, PyAny>>,
        ner: &str,
    ) -> PyResult<Self> {
        let mode: khabar::NerMode = ner
            .parse()
            .map_err(|e: khabar::Error| raise(py, "InvalidOptionError", e.to_string()))?;
        let mut inner = convert::pipeline(py, format, fields)?.with_ner(mode);
        if let Some(g) = gazetteer {
            inner = convert::gazetteer(py, inner, g)?;
        }
        if let Some(path) = ner_model {
            let path = path_string(path)?;
            inner = py
                .detach(|| guard(|| inner.with_ner_model(&path)))
                .map_err(|msg| raise(py, "KhabarError", msg))?
                .map_err(|e| to_py(py, &e, None))?;
        }
        Ok(PyPipeline { inner })
    }

    #[getter]
    fn ner(&self) -> &'static str {
        self.inner.ner().as_str()
    }

    #[getter]
    fn format(&self) -> &'static str {
        self.inner.format().as_str()
    }

    #[pyo3(signature = (data, *, url = None, source = None, published = None))]
    fn parse(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        url: Option<String>,
        source: Option<String>,
        published: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyArticle> {
        parse_one(py, &self.inner, data, overrides(url, source, published)?)
    }

    #[pyo3(signature = (items, *, workers = None, errors = "raise"))]
    fn parse_many(
        &self,
        py: Python<'_>,
        items: &Bound<'_, PyAny>,
        workers: Option<usize>,
        errors: &str,
    ) -> PyResult<Vec<PyArticle>> {
        parse_batch(py, &self.inner, items, workers, errors)
    }

    #[pyo3(signature = (path, *, errors = "raise"))]
    fn read(&self, py: Python<'_>, path: &Bound<'_, PyAny>, errors: &str) -> PyResult<Reader> {
        open_reader(py, &self.inner, path, errors)
    }

    #[pyo3(signature = (text, *, published = None))]
    fn analyze(
        &self,
        py: Python<'_>,
        text: &str,
        published: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyArticle> {
        let published = convert::published(published)?;
        run(py, || self.inner.analyze(text, published)).map(PyArticle::new)
    }

    fn __repr__(&self) -> String {
        format!(
            "Pipeline(format={:?}, ner={:?})",
            self.inner.format().as_str(),
            self.inner.ner().as_str()
        )
    }
}

/// Articles streamed from files, parsed a batch at a time in parallel.
#[pyclass(module = "khabar._khabar", name = "Reader")]
pub struct Reader {
    inner: Mutex<(Articles, VecDeque<khabar::Result<Article>>)>,
    mode: OnError,
}

/// Records parsed per batch while reading.
const READ_BATCH: usize = 256;

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyArticle>> {
        loop {
            let next = py.detach(|| {
                let mut guard_ = self.inner.lock().unwrap_or_else(|p| p.into_inner());
                let (articles, buffer) = &mut *guard_;
                if buffer.is_empty() {
                    match guard(|| articles.next_batch(READ_BATCH)) {
                        Ok(batch) => buffer.extend(batch),
                        Err(msg) => return Some(Err(khabar::Error::Option(msg))),
                    }
                }
                buffer.pop_front()
            });
            match next {
                None => return Ok(None),
                Some(Ok(a)) => return Ok(Some(PyArticle::new(a))),
                Some(Err(e)) => match self.mode {
                    OnError::Raise => return Err(to_py(py, &e, None)),
                    OnError::Skip => continue,
                    OnError::Keep => return Ok(Some(PyArticle::new(Article::failed("", &e)))),
                },
            }
        }
    }
}
