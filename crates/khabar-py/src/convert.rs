//! Conversions between Python values and khabar's: input data, datetimes, options.

use chrono::{Datelike, FixedOffset, NaiveDate, Timelike};
use khabar::{Format, Overrides, Pipeline, Published};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::errors::raise;

/// Article input: `str` or `bytes` (`bytearray`, `memoryview` via bytes()).
pub enum Data {
    Text(String),
    Bytes(Vec<u8>),
}

impl Data {
    pub fn extract(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            // Lone surrogates (`"\ud800"`) cannot be UTF-8: say so instead of failing obscurely.
            return match s.to_cow() {
                Ok(t) => Ok(Data::Text(t.into_owned())),
                Err(_) => Err(raise(
                    obj.py(),
                    "DecodeError",
                    format!(
                        "{what} holds lone surrogate code points and cannot be encoded as UTF-8"
                    ),
                )),
            };
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Data::Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(v) = obj.extract::<Vec<u8>>() {
            return Ok(Data::Bytes(v));
        }
        let type_name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        Err(PyTypeError::new_err(format!(
            "{what} must be str or bytes, not {type_name}"
        )))
    }

    pub fn parse(&self, pipeline: &Pipeline, meta: &Overrides) -> khabar::Result<khabar::Article> {
        match self {
            Data::Text(t) => pipeline.parse_str_with(t, meta),
            Data::Bytes(b) => pipeline.parse_with(b, meta),
        }
    }
}

/// A Python `datetime` for a publication time (aware where the offset is known).
pub fn datetime<'py>(py: Python<'py>, p: Option<Published>) -> PyResult<Bound<'py, PyAny>> {
    let Some(p) = p else {
        return Ok(py.None().into_bound(py));
    };
    let dt = py.import("datetime")?;
    let tz = match p.offset {
        Some(off) => {
            let delta = dt.getattr("timedelta")?.call1((0, off.local_minus_utc()))?;
            dt.getattr("timezone")?.call1((delta,))?
        }
        None => py.None().into_bound(py),
    };
    let l = p.local;
    let args = (
        l.year(),
        l.month(),
        l.day(),
        l.hour(),
        l.minute(),
        l.second(),
        l.nanosecond() / 1000,
        tz,
    );
    dt.getattr("datetime")?.call1(args)
}

/// A publication time from a `datetime`, a `date` or a string in any form
/// khabar reads (`2017-10-28T11:58`, `28.10.2017 11:58`, `28 أكتوبر 2017`).
pub fn published(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Published>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = obj.extract::<String>() {
        return Published::parse_iso(&s)
            .or_else(|| khabar::date::parse_date(&s))
            .map(Some)
            .ok_or_else(|| {
                raise(
                    obj.py(),
                    "InvalidOptionError",
                    format!("published: not a date or time: {s:?}"),
                )
            });
    }
    let int = |name: &str| -> PyResult<u32> { obj.getattr(name)?.extract::<u32>() };
    let date = NaiveDate::from_ymd_opt(obj.getattr("year")?.extract()?, int("month")?, int("day")?)
        .ok_or_else(|| PyValueError::new_err("published: invalid date"))?;
    let (h, m, s, us) = if obj.hasattr("hour")? {
        (
            int("hour")?,
            int("minute")?,
            int("second")?,
            int("microsecond")?,
        )
    } else {
        (0, 0, 0, 0)
    };
    let local = date
        .and_hms_micro_opt(h, m, s, us)
        .ok_or_else(|| PyValueError::new_err("published: invalid time"))?;
    let offset = if obj.hasattr("utcoffset")? {
        let off = obj.call_method0("utcoffset")?;
        if off.is_none() {
            None
        } else {
            let secs: f64 = off.call_method0("total_seconds")?.extract()?;
            FixedOffset::east_opt(secs as i32)
        }
    } else {
        None
    };
    Ok(Some(Published { local, offset }))
}

/// A pipeline from the Python options (`format=`, `fields=`).
pub fn pipeline(
    py: Python<'_>,
    format: &str,
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Pipeline> {
    let format: Format = format
        .parse()
        .map_err(|e: khabar::Error| raise(py, "InvalidOptionError", e.to_string()))?;
    let mut p = Pipeline::new().with_format(format);
    if let Some(fields) = fields {
        for (k, v) in fields.iter() {
            let (k, v): (String, String) = (k.extract()?, v.extract()?);
            p = p
                .with_field(&k, &v)
                .map_err(|e| raise(py, "InvalidOptionError", e.to_string()))?;
        }
    }
    Ok(p)
}

/// Adds a user gazetteer to a pipeline: a path (str or os.PathLike) to a
/// CSV/TSV/JSON/JSONL file, or an iterable of rows, each a mapping with `name`,
/// `label` and optional `canonical`, `id`, or a tuple in that order.
pub fn gazetteer(py: Python<'_>, p: Pipeline, spec: &Bound<'_, PyAny>) -> PyResult<Pipeline> {
    let invalid = |e: khabar::Error| raise(py, "InvalidOptionError", e.to_string());
    if spec.is_instance_of::<PyString>() || spec.hasattr("__fspath__")? {
        let path: std::path::PathBuf = spec.extract()?;
        return p.with_gazetteer_file(&path).map_err(|e| match e {
            khabar::Error::Io { .. } => raise(py, "KhabarError", e.to_string()),
            e => invalid(e),
        });
    }
    let mut rows = Vec::new();
    for (i, item) in spec.try_iter()?.enumerate() {
        let item = item?;
        let field = |name: &str, pos: usize| -> PyResult<Option<String>> {
            let v = if let Ok(d) = item.cast::<PyDict>() {
                d.get_item(name)?
            } else {
                item.get_item(pos).ok()
            };
            match v {
                Some(v) if !v.is_none() => Ok(Some(v.extract::<String>().map_err(|_| {
                    PyTypeError::new_err(format!("gazetteer row {}: {name} must be a str", i + 1))
                })?)),
                _ => Ok(None),
            }
        };
        let (Some(name), Some(label)) = (field("name", 0)?, field("label", 1)?) else {
            return Err(raise(
                py,
                "InvalidOptionError",
                format!("gazetteer row {}: a row needs a name and a label", i + 1),
            ));
        };
        rows.push(khabar::entities::GazetteerRow {
            name,
            label,
            canonical: field("canonical", 2)?,
            id: field("id", 3)?,
        });
    }
    p.with_gazetteer(&rows).map_err(invalid)
}

/// How a batch treats a failed item.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    Raise,
    Skip,
    Keep,
}

pub fn on_error(py: Python<'_>, s: &str) -> PyResult<OnError> {
    match s {
        "raise" => Ok(OnError::Raise),
        "skip" => Ok(OnError::Skip),
        "keep" => Ok(OnError::Keep),
        other => Err(raise(
            py,
            "InvalidOptionError",
            format!("errors must be 'raise', 'skip' or 'keep', not {other:?}"),
        )),
    }
}
