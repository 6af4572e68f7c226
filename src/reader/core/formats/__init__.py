"""Loaders for transcripts that are not plain text: captions, Word, web pages, PDF.

Each module reduces its format to turns (captions) or to plain-text lines handed to
:func:`reader.core.parsing.parse_text` (Word, HTML, PDF), so every format ends up in the
same interviews-of-turns model and obeys the same "no word lost" rule: every piece of
text the loader reads is either in a turn or listed in ``Interview.furniture``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reader.core.model import Interview


def load_docx(path: Path) -> Interview:
    """Load a Word document; python-docx (with lxml, ~35 ms) is imported on first use."""
    from reader.core.formats.docx import load_docx as load

    return load(path)


def load_pdf(path: Path) -> Interview:
    """Load a PDF; pypdfium2 (PDFium) is imported on first use."""
    from reader.core.formats.pdf import load_pdf as load

    return load(path)


def with_chrome(interview: Interview, chrome: tuple[str, ...]) -> Interview:
    """The interview with page chrome (lines not in its text) first in its furniture."""
    return dataclasses.replace(
        interview,
        furniture=chrome + interview.furniture,
        furniture_starts=(None,) * len(chrome) + interview.furniture_starts,
    )
