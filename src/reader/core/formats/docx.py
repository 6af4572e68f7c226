"""Word documents (``.docx``), read with ``python-docx``, then the plain-text parser.

Body paragraphs and table cells are written out in document order, one paragraph per
block of text (a table row of one-paragraph cells is one line, its cells split by
tabs). Heading styles become
Markdown headings (section breaks, not speech). A bold speaker name at the start of a
paragraph becomes a ``**Name:**`` label when it ends with a colon, or when the same
bold name starts paragraphs more than once (a transcription service's speaker line,
possibly on a paragraph of its own). Page header and footer text is listed in
``Interview.furniture``. Offsets (``start``/``end``) are into this extracted text,
which is what :func:`reader.core.parsing.parse_text` receives.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.document import Document
from docx.opc.exceptions import OpcError
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from reader.core.decoding import decode_bytes
from reader.core.formats import with_chrome
from reader.core.model import Interview, LoadError
from reader.core.parsing import parse_text

_UNREADABLE = (OpcError, KeyError, ValueError, SyntaxError, BadZipFile, EOFError, zlib.error)
"""What python-docx raises on a file that is not a Word document, or a broken one."""

_HEADING_STYLE = re.compile(r"Heading (\d)")
_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?:[ \t]+[\w.'’()-]+){0,5}")


@dataclasses.dataclass(frozen=True, slots=True)
class _Para:
    """A paragraph's text, split into its leading bold run(s) and the rest."""

    text: str
    bold_lead: str = ""
    heading: int = 0


def load_docx(path: Path) -> Interview:
    """Load a Word document as a transcript; LoadError if it cannot be read."""
    data = path.read_bytes()
    try:
        document = docx.Document(io.BytesIO(data))
        text = docx_to_text(document)
        chrome = _page_furniture(document)
    except _UNREADABLE:
        raise LoadError(path, "not a readable Word document") from None
    if not text.strip():
        raise LoadError(path, "no text in the document")
    # The same clean-up as a text file gets: no control characters reach a terminal.
    interview = parse_text(decode_bytes(text.encode("utf-8")), source=path)
    return with_chrome(interview, chrome)


def docx_to_text(document: Document) -> str:
    """The document's paragraphs as plain text, with speaker labels marked up."""
    paras = list(_paragraphs(document, _Styles()))
    names = _bold_names(paras)
    blocks: list[str] = []
    pending = ""
    for para in paras:
        if not para.text.strip():
            continue
        label, rest = _label(para, names)
        if pending and (para.heading or label):
            blocks.append(pending)
            pending = ""
        if para.heading:
            blocks.append(f"{'#' * para.heading} {rest}")
        elif label and not rest:
            pending = label
        elif rest:
            label = label or pending
            blocks.append(f"**{label}:** {rest}" if label else rest)
            pending = ""
    if pending:
        blocks.append(pending)
    return "\n\n".join(blocks)


def _bold_names(paras: list[_Para]) -> set[str]:
    """Bold names this document uses as speaker labels.

    A bold name that starts two or more paragraphs is a label; once a document labels
    speakers that way, so is any bold name standing alone as a paragraph.
    """
    leads = (p.bold_lead.strip().removesuffix(":") for p in paras)
    counts = Counter(lead for lead in leads if _is_name(lead))
    names = {name for name, count in counts.items() if count > 1}
    if names:
        names.update(p.text.strip() for p in paras if p.text == p.bold_lead and _is_name(p.text))
    return names


def _label(para: _Para, names: set[str]) -> tuple[str, str]:
    """The speaker label a paragraph starts with (or ""), and the paragraph's other text."""
    lead = para.bold_lead.strip()
    rest = para.text[len(para.bold_lead) :].strip()
    if lead.endswith(":") and _is_name(lead[:-1]):
        return lead[:-1].strip(), rest
    if rest.startswith(":") and _is_name(lead):
        return lead, rest[1:].strip()
    if lead in names:
        return lead, rest
    return "", para.text.strip()


def _paragraphs(container: Document | _Cell, styles: _Styles) -> Iterator[_Para]:
    """Paragraphs in document order, including those in (nested) table cells.

    A table row whose cells hold one paragraph each is one line, so a
    time | speaker | text row reads like ``00:01:02<TAB>DANA<TAB>Hello``.
    """
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _para(item, styles)
            continue
        for row in item.rows:
            cells = {id(cell._tc): cell for cell in row.cells}  # a merged cell repeats
            per_cell = [
                [p for p in _paragraphs(cell, styles) if p.text.strip()] for cell in cells.values()
            ]
            if all(len(paras) <= 1 for paras in per_cell):
                yield _row([paras[0] for paras in per_cell if paras])
            else:
                yield from (para for paras in per_cell for para in paras)


def _row(cells: list[_Para]) -> _Para:
    """Single-paragraph cells joined by tabs into one line (read as a table row is in
    text), keeping the first cell's bold start."""
    lead = cells[0].bold_lead if cells else ""
    return _Para("\t".join(cell.text for cell in cells), bold_lead=lead)


def _para(paragraph: Paragraph, styles: _Styles) -> _Para:
    """A paragraph's text (its runs' and links' texts, each read once: python-docx reads
    them from the XML on every access) and heading level or bold start."""
    items = list(paragraph.iter_inner_content())
    texts = [item.text for item in items]
    text = "".join(texts)
    style, style_bold = styles.paragraph(paragraph)
    if style == "Title":
        return _Para(text)
    heading = _HEADING_STYLE.fullmatch(style)
    if heading:
        return _Para(text, heading=int(heading[1]))
    lead = ""
    for item, item_text in zip(items, texts, strict=True):
        if not isinstance(item, Run):
            break
        bold = item.bold
        if bold is None:
            bold = styles.run_bold(item)
        if not (bold if bold is not None else style_bold) and item_text.strip():
            break
        lead += item_text
    if _mid_word(lead, text[len(lead) :]):  # a word partly bold is emphasis, no label
        lead = ""
    return _Para(text, bold_lead=lead if lead.strip() else "")


def _mid_word(lead: str, rest: str) -> bool:
    """Whether the bold start ends inside a word that the rest of the text goes on with."""
    return bool(lead) and bool(rest) and lead[-1].isalnum() and rest[0].isalnum()


class _Styles:
    """Style look-ups cached by style id (python-docx scans all styles for each one).

    Boldness is direct formatting first, then the run's character style, then the
    paragraph's style.
    """

    def __init__(self) -> None:
        self._paragraph: dict[str | None, tuple[str, bool | None]] = {}
        self._run: dict[str | None, bool | None] = {}

    def paragraph(self, paragraph: Paragraph) -> tuple[str, bool | None]:
        """The name and boldness of the paragraph's style."""
        key = paragraph._p.style
        if key not in self._paragraph:
            style = paragraph.style
            found = (style.name or "", style.font.bold) if style is not None else ("", None)
            self._paragraph[key] = found
        return self._paragraph[key]

    def run_bold(self, run: Run) -> bool | None:
        """Whether the run's character style is bold (None: it does not say)."""
        key = run._r.style
        if key not in self._run:
            self._run[key] = run.style.font.bold if run.style is not None else None
        return self._run[key]


def _is_name(text: str) -> bool:
    """Short enough, and shaped like a speaker name rather than a sentence."""
    return bool(_NAME.fullmatch(text.strip())) and not text.strip().endswith((".", "?", "!"))


def _page_furniture(document: Document) -> tuple[str, ...]:
    """Text of page headers and footers, once each."""
    lines: dict[str, None] = {}
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                lines.update(dict.fromkeys(line.strip() for line in paragraph.text.split("\n")))
    lines.pop("", None)
    return tuple(lines)
