"""Saved web pages (``.html``, ``.htm``): the page's text, then the plain-text parser.

The standard library's :class:`html.parser.HTMLParser` does the reading: it adds no
dependency, never gives up on broken markup (unclosed tags, stray ``<``, bad entities),
and a page only needs to be reduced to blocks of text, which needs no DOM. Block tags
become paragraph breaks (a table row is one line, its data cells split by tabs, so
a time | speaker | text row reads as a table row does in text), ``<br>`` a line
break, runs of spaces one space (``<pre>`` keeps its layout, and non-breaking spaces
stay), entities are decoded. A name in bold that opens a block and is followed by a
colon (``<strong>Mr. LIMAN</strong>:``) becomes a ``**Mr. LIMAN:**`` label, bold being
as explicit a label signal on a page as in Markdown.

A line break in the page's source is a space, except where the source line after a
sentence's end is a record's period label (``Chairman HAMILTON. Counsel, …``, as the
Congressional Record prints them) or wholly a reporter's note
(``[Counsel conferring with witness.]``): hand-typed hearing pages put those on lines of
their own inside one block, and the text parser reads them as it does in a text file.

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
import re
from html.parser import HTMLParser
from pathlib import Path

from reader.core.decoding import decode_bytes, read_text
from reader.core.formats import with_chrome
from reader.core.model import Interview, LoadError
from reader.core.parsing import parse_text
from reader.core.parsing.directions import is_direction
from reader.core.parsing.labels import PERIOD, candidate, is_label_name

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
BOLD_TAGS = frozenset({"b", "strong"})
_ENDS_BOLD_LEAD = BLOCK_TAGS | CODE_TAGS | CHROME_TAGS | {"br", "td", "th", "title"}
"""Tags after which held-back bold text can no longer be followed by its colon."""
_SPACES = re.compile(r"[ \t\n\r\f]+")
_SENTENCE_ENDS = frozenset('.?!)]"”’')
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
    return with_chrome(interview, chrome)


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
        if verbatim or "\n" not in data:
            self._add(data, verbatim)
            return
        first, *others = data.split("\n")
        alone = self.at_block_start()
        previous = first.strip()
        run = [first]  # source lines that run on as one line
        for piece in others:
            line = piece.strip()
            if line:
                alone = _own_line(previous or self._current_line(), line, alone)
                if alone:
                    self._add(" ".join(run), verbatim)
                    self.line_break()
                    run = []
                previous = line
            run.append(piece)
        self._add(" ".join(run), verbatim)

    def _add(self, data: str, verbatim: bool) -> None:
        if not verbatim:
            data = _SPACES.sub(" ", data)
            if not self.parts or self.parts[-1].endswith(("\n", " ")):
                data = data.lstrip(" ")
        if data:
            self.parts.append(data)

    def at_block_start(self) -> bool:
        """Whether nothing has been written since the last line break."""
        return not self.parts or self.parts[-1].endswith("\n")

    def line_break(self) -> None:
        self._end_line("\n")

    def _current_line(self) -> str:
        """The text written since the last line break, stripped."""
        tail: list[str] = []
        for part in reversed(self.parts):
            head, newline, rest = part.rpartition("\n")
            tail.append(rest if newline else part)
            if newline:
                break
        return "".join(reversed(tail)).strip()

    def paragraph_break(self) -> None:
        self._end_line("\n\n")

    def _end_line(self, ending: str) -> None:
        if self.parts:
            self.parts[-1] = self.parts[-1].rstrip(" ")
            self.parts.append(ending)

    def value(self) -> str:
        return _BLANK_LINES.sub("\n\n", "".join(self.parts)).strip("\n")


def _own_line(before: str, source_line: str, alone: bool) -> bool:
    """Whether a source line goes on a line of its own rather than running on: after a
    sentence's end, a period label or a whole note; or anything after a whole note
    (``before``, the source line above, stood ``alone`` on its line)."""
    if not before or before[-1] not in _SENTENCE_ENDS:
        return False
    if alone and before[0] in "([" and is_direction(before):
        return True
    if source_line[0] in "([":
        return is_direction(source_line)
    if not source_line[0].isupper():
        return False
    found = candidate(source_line)
    return found is not None and found.style == PERIOD


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
        self._bold: list[str] | None = None
        """Bold text opening a block, held back until it is known to be a label."""
        self._bold_done = False

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
        if tag in _ENDS_BOLD_LEAD:
            self._end_bold()
        elif tag in BOLD_TAGS and not self._skipping and self._kept.at_block_start():
            self._end_bold()
            self._bold = []
        self._break(tag)
        if tag == "pre":
            self._pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in BOLD_TAGS and self._bold is not None:
            self._bold_done = True
        elif tag in _ENDS_BOLD_LEAD:
            self._end_bold()
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
        elif self._bold is not None and not self._bold_done:
            self._bold.append(data)
        else:
            data = self._end_bold(data)
            self._target().add(data, verbatim=self._pre_depth > 0)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Skip an unknown ``<![keyword[ ... ]>`` section (the base class asserts)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def result(self) -> tuple[str, tuple[str, ...]]:
        self._end_bold()
        text = self._kept.value()
        title = self._title.value()
        chrome = [line.strip() for line in self._chrome.value().split("\n")]
        if title and not self._has_h1:
            text = f"{title}\n\n{text}"
        elif title:
            chrome.insert(0, title)
        return text, tuple(line for line in chrome if line)

    def _end_bold(self, following: str = "") -> str:
        """Write held-back bold text: as a ``**Name:**`` label if it is a name with a
        colon inside or just after it, else as it was. Returns ``following`` without
        that colon."""
        if self._bold is None:
            return following
        bold = "".join(self._bold)
        self._bold, self._bold_done = None, False
        name = " ".join(bold.split()).removesuffix(":").strip()
        colon = bold.rstrip().endswith(":") or following.lstrip().startswith(":")
        if colon and is_label_name(name):
            self._kept.add(f"**{name}:**", verbatim=True)
            return " " + following.lstrip().removeprefix(":").lstrip() if following else ""
        if bold:
            self._kept.add(bold, verbatim=False)
        return following

    def _target(self) -> _Text:
        return self._chrome if self._skipping else self._kept

    def _break(self, tag: str) -> None:
        if tag == "br":
            self._target().line_break()
        elif tag == "td" and not self._pre_depth:
            self._target().add("\t", verbatim=True)
        elif tag == "th":
            self._target().add(" ", verbatim=False)
        elif tag in BLOCK_TAGS:
            self._target().paragraph_break()
