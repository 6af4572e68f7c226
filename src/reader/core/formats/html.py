"""Saved web pages (``.html``, ``.htm``): the page's text, then the plain-text parser.

The standard library's :class:`html.parser.HTMLParser` does the reading: it adds no
dependency, never gives up on broken markup (unclosed tags, stray ``<``, bad entities),
and a page only needs to be reduced to blocks of text, which needs no DOM. Block tags
become paragraph breaks (a table row is one line), ``<br>`` a line break, runs of
spaces one space (``<pre>`` keeps its layout, and non-breaking spaces stay), entities
are decoded.

Scripts, styles and templates are code, not text, and are skipped. Navigation, headers,
footers, asides, forms, buttons, ``noscript`` and ``svg`` are page chrome: their text is
listed in ``Interview.furniture`` (except a form that turns out to hold the page's
content, as ASP.NET pages wrap their whole body in one). The ``<title>`` becomes the
first line when the page has no ``<h1>`` (otherwise it is furniture too). Offsets
(``start``/``end``) are into the extracted text that
:func:`reader.core.parsing.parse_text` receives.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

from reader.core.decoding import decode_bytes, read_text
from reader.core.model import Interview, LoadError
from reader.core.parsing import parse_text

CODE_TAGS = frozenset({"script", "style", "template"})
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "noscript", "svg", "button"})
BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tr",
        "ul",
    }
)  # fmt: skip
CONTENT_TAGS = frozenset({"main", "article", "h1", "p"})
"""Tags that show a ``<form>`` holds the page itself rather than a search box."""
CELL_TAGS = frozenset({"td", "th"})
"""Cells of a table row stay on one line (``00:01:02 | DANA: | Hello`` reads as one)."""
_SPACES = re.compile(r"[ \t\n\r\f]+")
_BLANK_LINES = re.compile(r"\n[ \t\n\r\f]*\n")
_CHARSET = re.compile(r"<meta[^>]+charset\s*=\s*[\"']?(?P<charset>[\w-]+)", re.IGNORECASE)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CHARSET_WINDOW = 4096
"""How far into a page to look for its ``<meta charset>``, as browsers do (1024 bytes+)."""


def load_html(path: Path) -> Interview:
    """Load a saved web page as a transcript."""
    text, chrome = html_to_text(_page_source(path))
    if not text.strip():
        raise LoadError(path, "no readable text in the page")
    interview = parse_text(text, source=path)
    return dataclasses.replace(
        interview,
        furniture=chrome + interview.furniture,
        furniture_starts=(None,) * len(chrome) + interview.furniture_starts,
    )


def _page_source(path: Path) -> str:
    """The page decoded as a text file is, unless it is not UTF-8 and declares a charset.

    Browsers save a page's bytes as served, so a Russian page may well be
    windows-1251, which the text-file fallback (cp1252) would garble.
    """
    text = read_text(path)
    declared = _CHARSET.search(text[:_CHARSET_WINDOW])
    data = path.read_bytes()
    if declared is None or data.startswith(_BOMS):
        return text
    try:
        data.decode("utf-8")
        return text
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(data.decode(declared["charset"]).encode("utf-8"))
    except (LookupError, UnicodeDecodeError):
        return text


def html_to_text(markup: str) -> tuple[str, tuple[str, ...]]:
    """The page's readable text, and the lines of page chrome that were left out."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return extractor.result()


class _Text:
    """Text written block by block, with HTML's whitespace rules."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, data: str, verbatim: bool) -> None:
        if not verbatim:
            data = _SPACES.sub(" ", data)
            if not self.parts or self.parts[-1].endswith(("\n", " ")):
                data = data.lstrip(" ")
        if data:
            self.parts.append(data)

    def line_break(self) -> None:
        self._end_line("\n")

    def paragraph_break(self) -> None:
        self._end_line("\n\n")

    def _end_line(self, ending: str) -> None:
        if self.parts:
            self.parts[-1] = self.parts[-1].rstrip(" ")
            self.parts.append(ending)

    def value(self) -> str:
        return _BLANK_LINES.sub("\n\n", "".join(self.parts)).strip("\n")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._kept = _Text()
        self._chrome = _Text()
        self._title = _Text()
        self._skipping: list[str] = []
        self._in_title = False
        self._pre_depth = 0
        self._has_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CONTENT_TAGS and self._skipping and set(self._skipping) == {"form"}:
            self._skipping.clear()  # a form around the whole page (ASP.NET) is not chrome
        if tag in CODE_TAGS or tag in CHROME_TAGS:
            self._skipping.append(tag)
            self._chrome.paragraph_break()
        elif tag == "title" and not self._skipping:  # not an <svg> icon's <title>
            self._in_title = True
        elif tag == "h1" and not self._skipping:
            self._has_h1 = True
        self._break(tag)
        if tag == "pre":
            self._pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping.pop() != tag:
                pass
            self._chrome.paragraph_break()
        elif tag == "title":
            self._in_title = False
        elif tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        if tag != "br":
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.add(data, verbatim=False)
        elif any(tag in CODE_TAGS for tag in self._skipping):
            return
        else:
            self._target().add(data, verbatim=self._pre_depth > 0)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Skip an unknown ``<![keyword[ ... ]>`` section (the base class asserts)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def result(self) -> tuple[str, tuple[str, ...]]:
        text = self._kept.value()
        title = self._title.value()
        chrome = [line.strip() for line in self._chrome.value().split("\n")]
        if title and not self._has_h1:
            text = f"{title}\n\n{text}"
        elif title:
            chrome.insert(0, title)
        return text, tuple(line for line in chrome if line)

    def _target(self) -> _Text:
        return self._chrome if self._skipping else self._kept

    def _break(self, tag: str) -> None:
        if tag == "br":
            self._target().line_break()
        elif tag in CELL_TAGS:
            self._target().add(" ", verbatim=False)
        elif tag in BLOCK_TAGS:
            self._target().paragraph_break()
