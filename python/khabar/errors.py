"""khabar's exceptions. Each derives from ``KhabarError`` and from the builtin a
caller would catch anyway, so ``except ValueError`` keeps working."""

from __future__ import annotations

__all__ = [
    "KhabarError",
    "ParseError",
    "DecodeError",
    "EmptyInputError",
    "InvalidOptionError",
    "ReadError",
    "InputNotFoundError",
]


class KhabarError(Exception):
    """Base class of every error khabar raises."""


class ParseError(KhabarError, ValueError):
    """A record could not be parsed in its format (the message names the line)."""


class DecodeError(ParseError):
    """The bytes are not text khabar can decode (not UTF-8, not a legacy Arabic
    encoding, or binary data such as a PDF or an image)."""


class EmptyInputError(ParseError):
    """The input holds no text (empty, whitespace only, or a record with no body)."""


class InvalidOptionError(KhabarError, ValueError):
    """An option value khabar does not know (a format name, a field mapping)."""


class ReadError(KhabarError, OSError):
    """A file could not be read."""


class InputNotFoundError(ReadError, FileNotFoundError):
    """A path or glob pattern matched nothing."""
