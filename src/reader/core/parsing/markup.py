"""Source markup is not text: Markdown escapes and emphasis, HTML tags and entities.

A transcript saved as Markdown writes ``\\[laughter\\]`` for ``[laughter]`` and
``*spare*`` for an emphasised word; one pasted from a web page may keep
``O<sub>2</sub>``, ``<i>…</i>``, ``<br>`` or ``&amp;``. :meth:`Markup.plain` turns
such text into what it means. Only markers go, never a word: the characters between
them stay, in order. Markdown rules apply to ``.md`` files and to text that is
clearly Markdown (:func:`markup_of`); HTML tags (a fixed list of formatting tags, so
a transcriber's ``<crosstalk>`` stays) and entities are read in every text file.
Furniture lines are kept as written: they are the source, found at their offsets.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from reader.core.model import Paragraph, Turn

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = MARKDOWN_SUFFIXES | {".txt", ".text"}
"""Files whose text is the source as written; a web page's or Word document's text has
been decoded already, and decoding it again would turn its ``&lt;p&gt;`` into a tag."""
_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!<>|~\"'"
_ESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
_STRONG = re.compile(r"(\*\*|__)(?=\S)[^\n]+?(?<=\S)\1")
_MARKDOWN_SIGNS = (
    (re.compile(r"^#{1,6}\s+\S", re.MULTILINE), ("#",)),
    (_STRONG, ("**", "__")),
    (re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"), ("](",)),
    (_ESCAPE, ("\\",)),
)
"""A heading, strong emphasis, a link, a backslash escape: two kinds make it Markdown.
Each comes with the strings it needs one of (a cheap first test)."""
_ESCAPES_ALONE = 2
"""This many backslash escapes make text Markdown on their own (``\\[laughter\\]``)."""
_STRONG_ALONE = 3
"""So do this many ``**strong**`` runs (``**Ann:**`` labels in a ``.txt``)."""
_EMPHASIS = (
    re.compile(r"(?<![\w*])(\*{1,3})(?=[^\s*])([^\n]*?[^\s*])\1(?![\w*])"),
    re.compile(r"(?<![\w_])(_{1,3})(?=[^\s_])([^\n]*?[^\s_])\1(?![\w_])"),
)
"""``*a*``, ``**a**``, ``***a***`` and the same with underscores, not inside a word
(``snake_case_name`` stays), never across a paragraph."""
_CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
"""Inline code (text between backticks): the backticks are markup."""
_INLINE_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:<[^<>\n]*>|[^()\s<>]+)(?:\s+\"[^\"\n]*\")?\)")
"""A Markdown link, ``[work](https://…)``: it reads as its text."""
_LOOK_AT = 200_000
"""Characters counted for escapes and strong runs (enough to tell, cheap on 50 MB)."""
_PROTECTED = 0xE000
"""Escaped characters are parked in the Private Use Area while emphasis is removed."""
_PARKING = re.compile("[\ue000-\ue07f]")
_UNPARK = {_PROTECTED + code: code for code in range(128)}

_INLINE_TAGS = frozenset(
    "a abbr b big cite code del em font i ins kbd mark q s samp small span strike strong"
    " tt u var".split()
)
_BREAK_TAGS = frozenset(
    "br p div hr li ul ol blockquote h1 h2 h3 h4 h5 h6 center table tr td th".split()
)
_TAG = re.compile(r"\s*</?([A-Za-z][A-Za-z0-9]*)\b(?:\s[^<>]*)?/?>\s*")
_SCRIPT = re.compile(r"<(sub|sup)>([^<>\n]{1,20})</\1>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUPERSCRIPTS = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")


@dataclass(frozen=True, slots=True)
class Markup:
    """How one source marks its text up."""

    markdown: bool = False
    html: bool = True
    """Whether the text may hold HTML tags or entities (False: it has no ``<`` or ``&``)."""

    def plain(self, text: str) -> str:
        """``text`` as it reads: HTML (and, in Markdown, escapes and emphasis) rendered."""
        if self.html and "<" in text:
            stripped = text == text.strip()
            text = _TAG.sub(_tag, _SCRIPT.sub(_script, text))
            text = text.strip() if stripped else text
        if self.html and "&" in text:
            text = _ENTITY.sub(_entity, text)
        if self.markdown:
            text = _markdown(text)
        return text

    def plain_turns(self, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
        """The turns with each paragraph's markup rendered (the same turns if none)."""
        if not self.markdown and not self.html:
            return turns
        return tuple(self._plain_turn(turn) for turn in turns)

    def _plain_turn(self, turn: Turn) -> Turn:
        plain = [self.plain(p.text) for p in turn.paragraphs]
        if all(text == p.text for text, p in zip(plain, turn.paragraphs, strict=True)):
            return turn
        paragraphs = tuple(
            p if text == p.text else replace(p, text=text, marks=self._marks(p))
            for text, p in zip(plain, turn.paragraphs, strict=True)
        )
        return replace(turn, paragraphs=paragraphs)

    def _marks(self, paragraph: Paragraph) -> tuple[tuple[int, str | None, int | None], ...]:
        """The paragraph's page and line marks, moved to where they fall once its
        markup is rendered (the text before each, rendered, is what precedes it)."""
        text = paragraph.text
        return tuple(
            (len(self.plain(text[:offset]).rstrip()) + text[:offset].endswith(" "), page, line)
            for offset, page, line in paragraph.marks
        )


def markup_of(text: str, source: Path | None) -> Markup:
    """The markup of a text file (none for text taken out of another format): Markdown
    for ``.md`` files and text that is clearly Markdown, HTML where there may be some."""
    if source is not None and source.suffix.lower() not in TEXT_SUFFIXES:
        return Markup(markdown=False, html=False)
    html = "<" in text or "&" in text
    if source is not None and source.suffix.lower() in MARKDOWN_SUFFIXES:
        return Markup(markdown=True, html=html)
    head = text[:_LOOK_AT]
    found = {
        sign: _has(head, needles) and sign.search(head) is not None
        for sign, needles in _MARKDOWN_SIGNS
    }
    escapes = len(_ESCAPE.findall(head)) if found[_ESCAPE] else 0
    strong = len(_STRONG.findall(head)) if found[_STRONG] else 0
    signs = sum(found.values())
    markdown = signs >= 2 or escapes >= _ESCAPES_ALONE or strong >= _STRONG_ALONE
    return Markup(markdown=markdown, html=html)


def _has(text: str, needles: tuple[str, ...]) -> bool:
    return any(needle in text for needle in needles)


def _markdown(text: str) -> str:
    if _PARKING.search(text):  # the parking space is taken: leave emphasis alone
        return _ESCAPE.sub(r"\1", text)
    parked = "\\" in text
    if parked:
        text = _ESCAPE.sub(lambda m: chr(_PROTECTED + ord(m.group(1))), text)
    if "`" in text:
        text = _CODE_SPAN.sub(r"\1", text)
    if "](" in text:
        text = _INLINE_LINK.sub(r"\1", text)
    for marker, emphasis in zip("*_", _EMPHASIS, strict=True):
        previous = None
        while marker in text and previous != text:  # nested: **bold with *italic* inside**
            previous, text = text, emphasis.sub(r"\2", text)
    return text.translate(_UNPARK) if parked else text


def _script(match: re.Match[str]) -> str:
    """``<sub>2</sub>`` is ``₂`` where every character has a subscript form, else ``2``."""
    inner = match.group(2)
    table = _SUBSCRIPTS if match.group(1).lower() == "sub" else _SUPERSCRIPTS
    scripted = inner.translate(table)
    return scripted if all(a != b for a, b in zip(inner, scripted, strict=True)) else inner


def _tag(match: re.Match[str]) -> str:
    """A formatting tag goes (a break leaves a space); any other ``<word>`` is text."""
    name = match.group(1).lower()
    whole = match.group()
    if name in _BREAK_TAGS:
        return " "
    if name not in _INLINE_TAGS:
        return whole
    lead = whole[: len(whole) - len(whole.lstrip())]
    return lead or whole[len(whole.rstrip()) :]


def _entity(match: re.Match[str]) -> str:
    """``&amp;`` is ``&``; an unknown entity or one naming a control character stays."""
    char = html.unescape(match.group())
    printable = char not in ("", match.group()) and all(
        unicodedata.category(c) != "Cc" or c in "\t\n" for c in char
    )
    return char if printable else match.group()
