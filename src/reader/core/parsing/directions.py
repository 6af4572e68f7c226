"""Stage directions and reporters' notes: paragraphs that are the record's, not a speaker's.

Transcribers put what nobody said in brackets. So a paragraph is a *direction* when,
markup emphasis (``*``, ``**``, ``_``) or inline code (a backtick) aside, it is wholly

* in parentheses or square brackets, the opening one closing at the very end (a final
  period may follow): ``(Laughter.)``, ``(THE END OF TAPE)``,
  ``[The exhibit appears at p. 461.]``, ``(Whereupon, the hearing recessed.)``;
* between double dashes: ``--Title page--``;
* an emphasised editorial note: ``**Break:**``, ``*Editor's note:* ...`` (a key from
  :data:`EDITORIAL_KEYS` in bold or italics, then a colon);
* the tail of a note whose opening bracket the text lost (a scan's text layer may drop
  it): a few words closing at the end a bracket they never opened, ``Vote: 5-0)``.

A transcriber's note on a speaker, ``Pierre repeats question``, is one too where every
paragraph around it is labelled (:func:`is_speaker_note`).

``(a) first; (b) second`` is speech (its first parenthesis closes early), and so is a
sentence with an aside inside it (``I was [laughs] surprised.``).
"""

from __future__ import annotations

import re
from collections.abc import Container

from reader.core.parsing.lines import TERMINAL_PUNCTUATION

EDITORIAL_KEYS = (
    "break", "ad break", "note", "editor's note", "editor’s note", "transcriber's note",
    "transcriber’s note", "music", "intro", "outro", "advertisement", "ad", "sponsor",
    "sponsor message", "correction", "clarification", "update",
)  # fmt: skip
"""What an emphasised ``Key:`` opening an editorial note may say."""

_CLOSING = {"(": ")", "[": "]"}
_CLOSERS = frozenset(_CLOSING.values())
_TAIL_WORDS = 4
"""At most this many words in the tail of a note that lost its opening bracket."""
_ENUMERATOR = re.compile(r"(?:^|\s)(?:[a-z]|[ivx]{1,4}|\d{1,2})[)\]]$", re.IGNORECASE)
"""A list's item number: ``b)``, ``iv)``, ``12)``."""
OPENINGS = frozenset("([-*_`")
"""What a direction starts with: a cheap first test."""
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_|`)(?P<inner>.+)\1$")
_DASHED = re.compile(r"^-{2,}\s*[^-\s].*?-{2,}$")
_NOTE_WORDS = 6
"""At most this many words in a transcriber's note on a speaker."""
_KEYS = "|".join(re.escape(key) for key in EDITORIAL_KEYS)
_EDITORIAL = re.compile(rf"^(\*\*|__|\*|_)(?:{_KEYS})(?::\1|\1\s*:)(?:\s|$)", re.IGNORECASE)


def is_direction(text: str) -> bool:
    """Whether a (stripped, joined) paragraph is wholly a stage direction or note."""
    if text[:1] not in OPENINGS:
        return text[-1:] in _CLOSERS and _lost_opening(text)
    if _EDITORIAL.match(text):
        return True
    inner = _unemphasised(text)
    return _enclosed(inner) or _DASHED.match(inner) is not None


def _lost_opening(text: str) -> bool:
    """Whether a few words end by closing a bracket none of them opened (``5-0)``; not
    an emoticon's ``:)`` nor a list's ``b)``)."""
    closing = text[-1]
    opening = "(" if closing == ")" else "["
    return (
        len(text.split()) <= _TAIL_WORDS
        and text[-2:-1].isalnum()
        and text.count(closing) == 1
        and opening not in text
        and _ENUMERATOR.search(text) is None
    )


def _unemphasised(text: str) -> str:
    """``text`` without emphasis or backticks wrapping all of it (``**(Laughter.)**``)."""
    match = _EMPHASIS.match(text)
    return match.group("inner").strip() if match else text


def _enclosed(text: str) -> bool:
    """Whether the bracket opening ``text`` closes at its end (a period may follow)."""
    closing = _CLOSING.get(text[:1])
    if closing is None:
        return False
    body = text[:-1] if text.endswith(".") and len(text) > 2 else text
    depth = 0
    for index, char in enumerate(body):
        if char == text[0]:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index == len(body) - 1 and index > 1
    return False


def is_speaker_note(text: str, names: Container[str]) -> bool:
    """Whether a short line with no closing punctuation tells, in the third person, what
    a speaker of the file (one of ``names``, the labels) does: ``Pierre repeats question``."""
    words = text.split()
    if not 2 <= len(words) <= _NOTE_WORDS or text[-1] in TERMINAL_PUNCTUATION:
        return False
    for size in range(1, len(words)):
        verb = words[size]
        if " ".join(words[:size]) in names and verb.islower() and verb.endswith("s"):
            return True
    return False
