"""PDF transcripts with a text layer, read with pypdfium2 (PDFium), then the text parser.

Hearing records, Hansards and court transcripts come as PDFs whose pages carry their
text. Each page's characters and their boxes come from PDFium (Chrome's PDF engine:
fast, permissively licensed, and forgiving of the damage real files have);
:mod:`reader.core.formats.pdf_layout` lays them out as lines in reading order, two
or three columns read column by column. Pages are separated by a form feed
(``\\f``, as ``pdftotext`` writes them), and everything printed stays in the text:
running headers, page numbers and court reporters' margin line numbers, exactly as
on the page, for the text parser's pagination rules. See ``bench/pdf_libraries.py``
for how PDFium was chosen over pypdf, pdfminer.six/pdfplumber and PyMuPDF.

A PDF with no text at all (a scan) needs OCR first; an encrypted, damaged or
truncated PDF gets a one-line error. The file is only ever read.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reader.core.formats.pdf_layout import Char, page_text
from reader.core.model import Interview, LoadError
from reader.core.parsing import parse_text

MAX_PDF_SIZE = 256 * 1024 * 1024
"""PDFs larger than this (256 MB) are refused rather than read into memory."""
SCAN_TEXT = 20
"""Fewer printed characters than this a page on average is a scan: a stamped number
(``EFTA00012345``, ``Page 3 of 9``) on each page is no transcript."""
_TAIL = 1024
"""A complete PDF ends with ``%%EOF`` within its last kilobyte (as Acrobat requires)."""
_HYPHENS = {"\x02": "-", "\ufffe": "-", "\xad": "-"}
"""PDFium's marks for a hyphen it took for a soft one: every drawn hyphen is kept."""
_INVISIBLE = frozenset({"Cc", "Cs", "Cn"})
"""Control codes, lone surrogates and unassigned code points never reach the text."""
_SIDEWAYS = 0.5
"""Characters turned more than 30 degrees are sideways text, laid out apart."""
_PASSWORD_ERROR = 4
_SECURITY_ERROR = 5
_LOCK = threading.Lock()
"""PDFium is not thread-safe, and files load in background threads."""


def load_pdf(path: Path) -> Interview:
    """Load a PDF transcript; LoadError with a one-line reason if it cannot be read."""
    text = pdf_to_text(_read(path), path)
    return parse_text(text, source=path)


def pdf_to_text(data: bytes, path: Path) -> str:
    """The text of every page, in reading order, pages separated by form feeds."""
    if b"%PDF-" not in data[:1024]:
        raise LoadError(path, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-_TAIL:]:
        raise LoadError(path, "truncated PDF: the file ends before its end marker")
    with _LOCK:
        pages = list(_pages(data, path))
    if not pages:
        raise LoadError(path, "the PDF has no pages")
    if sum(len("".join(page.split())) for page in pages) < SCAN_TEXT * len(pages):
        raise LoadError(path, "no text layer (a scanned PDF?): it needs OCR to be read")
    return "\f".join(page + "\n" for page in pages)


def _read(path: Path) -> bytes:
    size, limit = path.stat().st_size // 2**20, MAX_PDF_SIZE // 2**20
    if size > limit:
        raise LoadError(path, f"file too large ({size} MB; the limit is {limit} MB)")
    return path.read_bytes()


def _pages(data: bytes, path: Path) -> Iterator[str]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        raise LoadError(path, _open_error(code, b"/Encrypt" in data)) from None
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError:
                raise LoadError(path, f"damaged PDF: page {index + 1} cannot be read") from None
            try:
                yield page_text(_chars(textpage, page.get_height()))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()


def _open_error(code: object, encrypted: bool) -> str:
    if code == _PASSWORD_ERROR and encrypted:
        return "encrypted PDF: it needs a password to open"
    if code == _SECURITY_ERROR:
        return "encrypted PDF with an unsupported security handler"
    return "damaged PDF, or not a PDF: it cannot be opened"


def _chars(textpage: pdfium.PdfTextPage, height: float) -> Iterator[Char]:
    """The page's drawn characters with their boxes (top-down), spaces as flags."""
    raw = textpage.raw
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # outside UCS-2, or PDFium left a character out: one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
    box = pdfium_c.FS_RECTF()
    spaced = False
    last_top, last_left = -1.0, -1.0
    for index, code in enumerate(text):
        char = _HYPHENS.get(code, code)
        if char.isspace() or unicodedata.category(char) in _INVISIBLE:
            spaced = spaced or char.isspace()
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, box):
            continue
        top = height - box.top
        # A character that does not follow the last along its line may be turned.
        upright = (top == last_top and box.left >= last_left) or abs(
            math.sin(pdfium_c.FPDFText_GetCharAngle(raw, index))
        ) < _SIDEWAYS
        yield Char(char, box.left, box.right, top, height - box.bottom, spaced, upright)
        spaced, last_top, last_left = False, top, box.left
