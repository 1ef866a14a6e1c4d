"""Tables of articles for pandas and Arrow: one row an article, a paragraph or a
mention, with the article id (and paragraph and sentence indices) to join on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from khabar._khabar import Article

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["to_pandas", "to_arrow", "rows", "COLUMNS", "SCHEMA"]

_MENTION = ["article_id", "paragraph", "sentence", "start", "end", "text"]

COLUMNS: dict[str, list[str]] = {
    "articles": [
        "id",
        "title",
        "lede",
        "source",
        "dateline",
        "location",
        "author",
        "url",
        "published",
        "modified",
        "section",
        "tags",
        "image",
        "language",
        "n_paragraphs",
        "n_entities",
        "n_quotes",
        "n_times",
        "n_quantities",
        "text",
        "error",
    ],
    "paragraphs": ["article_id", "index", "kind", "repeats_lede", "start", "end", "text"],
    "entities": [*_MENTION, "label", "canonical", "id"],
    "quotes": [*_MENTION, "speaker", "verb", "via", "direct"],
    "times": [*_MENTION, "value", "modifier", "kind"],
    "quantities": [*_MENTION, "value", "unit", "approximate"],
}


_KINDS: dict[str, str] = {
    "id": "str",
    "article_id": "str",
    "paragraph": "int",
    "sentence": "int",
    "start": "int",
    "end": "int",
    "text": "str",
    "index": "int",
    "kind": "str",
    "repeats_lede": "bool",
    "label": "str",
    "canonical": "str",
    "speaker": "str",
    "verb": "str",
    "via": "str",
    "direct": "bool",
    "modifier": "str",
    "unit": "str",
    "approximate": "bool",
    "published": "datetime",
    "modified": "datetime",
    "tags": "list",
    "n_paragraphs": "int",
    "n_entities": "int",
    "n_quotes": "int",
    "n_times": "int",
    "n_quantities": "int",
}

#: The type of every column of every table: ``int``, ``bool``, ``float``, ``str``
#: (may be missing), ``list`` (of strings) or ``datetime``.
SCHEMA: dict[str, dict[str, str]] = {
    what: {
        c: ("float" if what == "quantities" else "str") if c == "value" else _KINDS.get(c, "str")
        for c in cols
    }
    for what, cols in COLUMNS.items()
}


def _article_row(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "lede": a.lede,
        "source": a.source,
        "dateline": a.dateline,
        "location": a.location,
        "author": a.author,
        "url": a.url,
        "published": a.published,
        "modified": a.modified,
        "section": a.section,
        "tags": list(a.tags),
        "image": a.image,
        "language": a.language,
        "n_paragraphs": len(a.paragraphs),
        "n_entities": len(a.entities),
        "n_quotes": len(a.quotes),
        "n_times": len(a.times),
        "n_quantities": len(a.quantities),
        "text": a.text,
        "error": a.error,
    }


def rows(articles: Iterable[Article] | Article, what: str = "articles") -> list[dict[str, Any]]:
    """The rows of table ``what`` as dicts (the columns of ``COLUMNS[what]``)."""
    if what not in COLUMNS:
        from khabar.errors import InvalidOptionError

        raise InvalidOptionError(f"what must be one of {', '.join(COLUMNS)}, not {what!r}")
    if isinstance(articles, Article):
        articles = [articles]
    out: list[dict[str, Any]] = []
    for a in articles:
        if what == "articles":
            out.append(_article_row(a))
        elif what == "paragraphs":
            for i, p in enumerate(a.paragraphs):
                out.append(
                    {
                        "article_id": a.id,
                        "index": i,
                        "kind": p.kind,
                        "repeats_lede": p.repeats_lede,
                        "start": p.start,
                        "end": p.end,
                        "text": p.text,
                    }
                )
        else:
            cols = COLUMNS[what][len(_MENTION) :]
            for m in getattr(a, what):
                row = {
                    "article_id": a.id,
                    "paragraph": m.paragraph,
                    "sentence": m.sentence,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
                row.update({c: getattr(m, c) for c in cols})
                out.append(row)
    return out


def _pandas_column(pd: Any, values: list[Any], kind: str) -> Any:
    if kind == "int":
        return pd.Series(values, dtype="int64")
    if kind == "bool":
        return pd.Series(values, dtype="bool")
    if kind == "float":
        return pd.Series(values, dtype="float64")
    if kind == "str":
        # pandas 3 has a string dtype of its own (missing values are NaN);
        # pandas 2 keeps strings and None in object columns.
        string = "str" if int(pd.__version__.split(".")[0]) >= 3 else object
        return pd.Series(values, dtype=string)
    return pd.Series(values, dtype=object)


def to_pandas(articles: Iterable[Article] | Article, what: str = "articles") -> pandas.DataFrame:
    """A pandas DataFrame of articles, paragraphs, entities, quotes, times or
    quantities: always the columns of ``COLUMNS[what]`` with the dtypes of
    ``SCHEMA[what]`` (``int64``, ``bool``, ``float64``, the string dtype), even
    with no rows. ``published``/``modified`` hold Python datetimes (object
    dtype): outlets mix times with and without a UTC offset."""
    import pandas as pd

    data = rows(articles, what)
    schema = SCHEMA[what]
    return pd.DataFrame(
        {c: _pandas_column(pd, [r[c] for r in data], schema[c]) for c in COLUMNS[what]},
        columns=COLUMNS[what],
    )


def to_arrow(articles: Iterable[Article] | Article, what: str = "articles") -> pyarrow.Table:
    """A pyarrow Table with the columns of :func:`to_pandas` and a fixed schema
    (``int64``, ``bool``, ``float64``, ``string``, ``list<string>`` for tags),
    even with no rows. ``published``/``modified`` are ISO 8601 strings as written
    (with the UTC offset where the outlet gives one)."""
    import pyarrow as pa

    types = {
        "int": pa.int64(),
        "bool": pa.bool_(),
        "float": pa.float64(),
        "str": pa.string(),
        "list": pa.list_(pa.string()),
        "datetime": pa.string(),
    }
    data = rows(articles, what)
    schema = SCHEMA[what]
    fields = [pa.field(c, types[schema[c]]) for c in COLUMNS[what]]
    columns = {}
    for c in COLUMNS[what]:
        values = [r[c] for r in data]
        if schema[c] == "datetime":
            values = [None if v is None else v.isoformat() for v in values]
        columns[c] = values
    return pa.Table.from_pydict(columns, schema=pa.schema(fields))
