//! `khabar._khabar`: the Python binding of the khabar core. It converts Python
//! values to khabar's and back and owns no logic of its own; the package
//! `python/khabar` re-exports it with typed stubs.

mod api;
mod article;
mod convert;
mod errors;
mod text;

use pyo3::prelude::*;

#[pymodule]
fn _khabar(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<article::PyArticle>()?;
    m.add_class::<article::PyParagraph>()?;
    m.add_class::<article::PySpan>()?;
    m.add_class::<article::PyEntity>()?;
    m.add_class::<article::PyQuote>()?;
    m.add_class::<article::PyTimeExpr>()?;
    m.add_class::<article::PyQuantity>()?;
    m.add_class::<text::PyToken>()?;
    m.add_class::<text::PyTokens>()?;
    m.add_class::<text::TokensIter>()?;
    m.add_class::<api::PyPipeline>()?;
    m.add_class::<api::Reader>()?;
    m.add_function(wrap_pyfunction!(api::parse, m)?)?;
    m.add_function(wrap_pyfunction!(api::parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(api::read, m)?)?;
    m.add_function(wrap_pyfunction!(api::analyze, m)?)?;
    m.add_function(wrap_pyfunction!(api::cli_main, m)?)?;
    m.add_function(wrap_pyfunction!(api::train_ner, m)?)?;
    m.add_function(wrap_pyfunction!(api::tag_entities, m)?)?;
    m.add_function(wrap_pyfunction!(text::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(text::tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(text::sentences, m)?)?;
    m.add_function(wrap_pyfunction!(article::_article_from_json, m)?)?;
    Ok(())
}
