"""Plain-text and Markdown transcript parsing; see :func:`parse_text`."""

from reader.core.parsing.parser import parse_text

__all__ = ["parse_text"]
