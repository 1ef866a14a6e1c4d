"""khabar (خبر, "a news item"): Arabic news articles into typed records.

>>> import khabar
>>> a = khabar.parse("عنوان الخبر\\n\\nالفقرة الأولى.\\n\\nالفقرة الثانية.\\n\\nسيريانيوز")
>>> a.title, a.source, len(a.paragraphs)
('عنوان الخبر', 'سيريانيوز', 2)
"""

from __future__ import annotations

from khabar._frames import to_arrow, to_pandas
from khabar._khabar import (
    Article,
    Entity,
    Paragraph,
    Pipeline,
    Quantity,
    Quote,
    Reader,
    Span,
    TimeExpr,
    Token,
    Tokens,
    __version__,
    analyze,
    normalize,
    parse,
    parse_many,
    read,
    sentences,
    tag_entities,
    tokenize,
    train_ner,
)
from khabar.errors import (
    DecodeError,
    EmptyInputError,
    InputNotFoundError,
    InvalidOptionError,
    KhabarError,
    ParseError,
    ReadError,
)

__all__ = [
    "Article",
    "DecodeError",
    "EmptyInputError",
    "Entity",
    "InputNotFoundError",
    "InvalidOptionError",
    "KhabarError",
    "Paragraph",
    "ParseError",
    "Pipeline",
    "Quantity",
    "Quote",
    "ReadError",
    "Reader",
    "Span",
    "TimeExpr",
    "Token",
    "Tokens",
    "__version__",
    "analyze",
    "normalize",
    "parse",
    "parse_many",
    "read",
    "sentences",
    "tag_entities",
    "to_arrow",
    "to_pandas",
    "tokenize",
    "train_ner",
]
