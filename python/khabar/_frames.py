"""Tables of articles for pandas and Arrow: one row an article, a paragraph or a
mention, with the article id (and paragraph and sentence indices) to join on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from khabar._khabar import Article

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["to_pandas", "to_arrow", "rows", "COLUMNS"]

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


def to_pandas(articles: Iterable[Article] | Article, what: str = "articles") -> pandas.DataFrame:
    """A pandas DataFrame of articles, paragraphs, entities, quotes, times or
    quantities; always with the same columns, even when empty."""
    import pandas as pd

    return pd.DataFrame(rows(articles, what), columns=COLUMNS[what])


def to_arrow(articles: Iterable[Article] | Article, what: str = "articles") -> pyarrow.Table:
    """A pyarrow Table with the columns of :func:`to_pandas`."""
    import pyarrow as pa

    data = rows(articles, what)
    return pa.Table.from_pydict({c: [r[c] for r in data] for c in COLUMNS[what]})
