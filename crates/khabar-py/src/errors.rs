//! khabar errors as the Python exceptions of `khabar.errors`, each deriving from
//! `KhabarError` and the matching builtin (`ParseError` is also a `ValueError`).
//! A Rust panic is caught and raised as `KhabarError`, never a crash.

use std::panic::{catch_unwind, AssertUnwindSafe};

use khabar::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// Raises `khabar.errors.<name>(message)`.
pub fn raise(py: Python<'_>, name: &str, message: String) -> PyErr {
    let class = ERRORS
        .get_or_try_init(py, || py.import("khabar.errors").map(Bound::unbind))
        .and_then(|m| m.bind(py).getattr(name));
    match class {
        Ok(class) => match class.call1((message.clone(),)) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        },
        Err(_) => pyo3::exceptions::PyValueError::new_err(message),
    }
}

/// The Python exception class for a khabar error.
fn class_of(e: &Error) -> &'static str {
    match e.root() {
        Error::Empty(_) => "EmptyInputError",
        Error::Decode(_) => "DecodeError",
        Error::Parse { .. } | Error::ArticleJson(_) => "ParseError",
        Error::Option(_) => "InvalidOptionError",
        Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            "InputNotFoundError"
        }
        Error::Io { .. } => "ReadError",
        _ => "KhabarError",
    }
}

/// Converts a khabar error, optionally prefixed (`item 3: …`).
pub fn to_py(py: Python<'_>, e: &Error, prefix: Option<String>) -> PyErr {
    let message = match prefix {
        Some(p) => format!("{p}: {e}"),
        None => e.to_string(),
    };
    raise(py, class_of(e), message)
}

/// Runs `f`, turning a panic into a `KhabarError` naming it as a bug.
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error in khabar (please report it): {what}")
    })
}

/// [`guard`] for fallible work: a panic becomes `KhabarError`, an error its class.
pub fn run<T>(py: Python<'_>, f: impl FnOnce() -> khabar::Result<T>) -> PyResult<T> {
    match guard(f) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_py(py, &e, None)),
        Err(msg) => Err(raise(py, "KhabarError", msg)),
    }
}
