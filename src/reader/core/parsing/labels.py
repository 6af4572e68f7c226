"""Speaker labels: how a line can start with one, and which ones a file really uses.

A line *may* start with a label in six written styles:

* colon: ``QUESTION:``, ``Sergey Lavrov:``, ``**Jane Doe:**``, ``Aaron van Wirdum: 00:00:08``,
  ``Jane Doe (00:05):`` (Rev exports), ``adam3us:`` (a handle: one lower-case word)
* period: ``Mr. REID.``, ``The PRESIDING OFFICER (Mr. Talent).``, ``Chairman INOUYE.``
* letter: ``Q``/``A`` followed by a colon, a period, a tab or several (non-breaking) spaces
* stamped: a name and a timestamp alone on a line, ``Speaker 1  0:04`` (Otter exports)
* bracket: a name in brackets then a time or a colon, ``[Speaker 2] [04:10] text``
  (diarised transcripts)
* table: the speaker cell of a table row, ``| 0h00m44s | Jane Doe | Hello |`` or
  ``Interviewer<TAB>Where were you born?`` (see :mod:`.tables`)

Whether a candidate really is a label is decided by how the file uses it (see
:func:`accepted_labels`), never by a list of known names.

In a record, a label that gives the speaker's role after a comma may wrap over up to
MAX_LABEL_LINES lines in capitals (:func:`wrapped_labels`): ``SENATOR TIM KENNEDY,
CHAIR, SENATE`` over ``STANDING COMMITTEE ON TRANSPORTATION:   Well,``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from reader.core.parsing.lines import TERMINAL_PUNCTUATION, Line, line_above
from reader.core.parsing.metadata import PARENTHETICAL
from reader.core.parsing.speakers import TITLE_WORDS, name_words, same_person, short_form
from reader.core.parsing.tables import Row, table_row
from reader.core.parsing.timestamps import (
    BARE_STAMP,
    ENCLOSED_STAMP,
    ENCLOSED_TIME,
    SPEECH_PREFIX,
    TIMESTAMP_AFTER_NAME,
    TIMESTAMP_SUFFIX,
    seconds,
    split_prefix,
    timestamp_line,
)

COLON = "colon"
PERIOD = "period"
LETTER = "letter"
STAMPED = "stamped"
BRACKET = "bracket"
TABLE = "table"

_MAX_WORDS = 6
_PARTICLES = frozenset(
    "van von de der den da di du la le del della dos bin ibn al el pro tempore of the y and".split()
)
NOT_LABELS = frozenset(
    {
        "note",
        "notes",
        "nb",
        "ps",
        "p.s",
        "update",
        "updated",
        "example",
        "warning",
        "caution",
        "tip",
        "important",
        "summary",
        "source",
        "sources",
        "correction",
        "disclaimer",
        "transcript",
        "editor's note",
        "editor’s note",
        "result",
        "reason",
        "background",
        "context",
        "edit",
        "addendum",
        "disclosure",
        "clarification",
        "footnote",
        "aside",
        "quote",
        "caption",
        "credit",
        "credits",
        "link",
        "links",
    }
)
"""Words that start a sentence with a colon without naming a speaker."""
LIST_HEADINGS = frozenset(
    "appearances present presiding attendance participants witnesses contents index".split()
)
"""Last words of a record's list headings (``APPEARANCES:``, ``SENATORS PRESENT:``,
``ALSO IN ATTENDANCE:``): they head who was there, and name no speaker."""

_LETTER = re.compile(r"^(?P<label>[QA])(?:\s*[.:]|[ \t\u00a0]{2,}|[\t\u00a0])\s*(?P<rest>.*)$")
_COLON = re.compile(
    rf"^(?P<open>\*\*|__)?(?P<label>[^\s:*_][^:*\n]{{0,60}}?(?:\s*(?:{ENCLOSED_STAMP}))?)"
    r"\s*(?:\*\*|__)?\s*:(?:\*\*|__)?(?=\s|$)\s*(?P<rest>.*)$"
)
_CAPS_WORD = r"(?:Mc|Mac)?[A-Z][A-Z'’\-]+(?:(?<=-)(?:Mc|Mac)[A-Z][A-Z'’\-]+)*"
"""A word in capitals, as formal records print surnames: ``KERRY``, ``McCONNELL``,
``MILLENDER-McDONALD``."""
_PERIOD = re.compile(
    rf"^(?P<label>(?P<prefix>(?:[A-Z][\w'’]*\.?\s+){{0,3}}){_CAPS_WORD}"
    rf"(?:\s+(?:{_CAPS_WORD}|\d+|pro|tempore|of|the))*(?:\s*\([^()]{{1,60}}\))?)"
    r"\.(?:\s+(?P<rest>\S.*))?$"
)
_BRACKET = re.compile(
    rf"^\[(?P<label>[^\[\]():]{{1,40}})\]"
    rf"(?:\s*(?P<stamp>{ENCLOSED_TIME})|\s*(?P<colon>:)|\s+(?P<bare>{BARE_STAMP})$)"
    r"\s*(?P<rest>.*)$"
)
"""A diarised or Zoom label: ``[Speaker 2] [04:10] text``, ``[SPEAKER_00]: text``, or
``[Johnny Doe] 11:02:09`` alone on its line (a time without brackets could be said)."""
_HANDLE = re.compile(r"[a-z][a-z\d_.-]{0,30}[a-z\d_]")
"""A user name written as a label, ``stark`` or ``adam3us``: one lower-case word."""
_BOLD_LABEL = re.compile(r"^(\*\*|__)[^*_\n]+?(?::\1|\1\s*:)")
"""A colon label in bold markup: ``**Name:**`` or ``**Name**:``."""
_CAPS_WORD_ALONE = re.compile(rf"(?<![\w'’]){_CAPS_WORD}(?![a-z])")
_NAME_CHARACTERS = re.compile(r"[\w'’.\-]+")
"""What a word of a name is made of: letters, digits and ``'’.-_``."""
_LABEL_REACH = 160
"""Where in a line a label's colon or period must be by, far past any real label: a
line with neither that early skips those patterns (most lines of speech)."""
_STAMP_ENDS = frozenset("0123456789]):")
MAX_ECHO_CHECKS = 20
"""Once-used labels checked against the whole text (each check reads it once)."""
_PERIOD_STOPWORDS = frozenset({"OK", "NO", "YES", "END", "NOTE", "OKAY", "PS", "NB"})
_TEMPLATE_TAGS = re.compile(r"^(?:(?:\{\{[<%].*?[>%]\}\}|\{%.*?%\})\s*)+")
"""Site-template tags opening a line (``{{< accordion … >}}``, ``{% include … %}``): markup."""
_NUMBERED = re.compile(r"(?P<word>[A-Z][\w'’-]*) (?P<number>\d{1,4})")
MIN_MARKERS = 3
"""A numbered sequence of at least this many labels is a sequence of markers."""


class Candidate(NamedTuple):
    """A line that starts like a speaker label (a named tuple, as :class:`.Line` is:
    many lines of a transcript start like one)."""

    label: str
    """The label as written, without markup, colon or period."""
    style: str
    rest: str
    """The speech after the label on the same line (may be empty)."""
    time: float | None
    """Seconds from a timestamp before or after the label, if any."""
    key: str
    """The label with its whitespace normalised: what identifies a speaker label."""
    bold: bool = False
    """Whether the label is in bold markup (``**Name:**``), an explicit label signal."""
    opens: bool = True
    """Whether the label's line opens a paragraph (first, or under a blank or a label)."""
    continues: bool = False
    """Whether the line above is text that stops mid-sentence, so that this line is
    more likely its continuation (``Pope`` / ``Pius IX. In 1852, ...``) than a label."""

    parts: Mapping[int, str] = MappingProxyType({})
    """For a label wrapped over lines, the lines after its first (by number), each with
    the speech that follows the label on it (only the last has any)."""

    @property
    def caps(self) -> bool:
        """Whether the label has a word in capitals, as formal transcripts write names."""
        return has_caps_word(self.label)


def has_caps_word(label: str) -> bool:
    """Whether a word of two or more capital letters (``KERRY``, ``McCONNELL``) occurs."""
    return _CAPS_WORD_ALONE.search(label) is not None


def candidate(text: str) -> Candidate | None:
    """The label a stripped line starts with, if it starts like one."""
    if "\t" in text or text.startswith("|"):
        row = table_row(text)
        found_row = _row(row) if row is not None else None
        if found_row is not None:
            return found_row
    time, skip = split_prefix(text)
    body = text[skip:]
    if body[:2] in ("{{", "{%"):
        body = _TEMPLATE_TAGS.sub("", body)
    found = (
        _letter(body)
        or (_bracket(body) if body[:1] == "[" else None)
        or (_colon(body) if ":" in body[:_LABEL_REACH] else None)
        or (_stamped(body) if body[-1:] in _STAMP_ENDS else None)
        or (_period(body) if "." in body[:_LABEL_REACH] else None)
    )
    if found is None:
        return None
    label, style, rest, label_time = found
    rest, rest_time = _unstamped(rest)
    key = " ".join(label.split())
    bold = style == COLON and body[:2] in ("**", "__") and _BOLD_LABEL.match(body) is not None
    return Candidate(label, style, rest, _first(time, label_time, rest_time), key, bold)


def _unstamped(rest: str) -> tuple[str, float | None]:
    """The speech after a label without a timestamp that opens it, and that time."""
    if rest and (whole := timestamp_line(rest)) is not None:
        return "", whole
    time, skip = split_prefix(rest, SPEECH_PREFIX)
    return (rest, None) if time is None else (rest[skip:], time)


def _row(row: Row) -> Candidate | None:
    if row.label is None or not _name_like(row.label):
        return None
    rest, rest_time = _unstamped(row.text)
    key = " ".join(row.label.split())
    return Candidate(row.label, TABLE, rest, _first(row.time, rest_time), key)


def _first(*values: float | None) -> float | None:
    for value in values:
        if value is not None:
            return value
    return None


Found = tuple[str, str, str, float | None]


def _letter(body: str) -> Found | None:
    match = _LETTER.match(body) if body[:1] in "QA" else None
    if match is None or not match.group("rest"):
        return None
    return match.group("label"), LETTER, match.group("rest"), None


def _bracket(body: str) -> Found | None:
    match = _BRACKET.match(body)
    if match is None or not _name_like(match.group("label").strip()):
        return None
    stamp = match.group("stamp") or match.group("bare")
    time = seconds(stamp) if stamp else None
    return match.group("label").strip(), BRACKET, match.group("rest").strip(), time


def _colon(body: str) -> Found | None:
    match = _COLON.match(body)
    if match is None or _column_gap(body, match.end("label")):
        return None
    label = match.group("label").strip()
    time = None
    suffix = TIMESTAMP_SUFFIX.search(label) if label[-1:] in "])" else None
    if suffix:
        time = seconds(suffix.group("stamp"))
        label = label[: suffix.start()].strip()
    if not _name_like(label):
        return None
    return label, COLON, match.group("rest").strip(), time


def _column_gap(body: str, label_end: int) -> bool:
    """Whether a colon stands apart from the words before it, in a column of its own
    (a case caption's ``DEPARTMENT OF HEALTH AND            :``): no label's colon does."""
    gap = body[label_end : body.find(":", label_end)]
    return "  " in gap or "\t" in gap


def _stamped(body: str) -> Found | None:
    match = TIMESTAMP_AFTER_NAME.match(body)
    if match is None or not _name_like(match.group("label")):
        return None
    return match.group("label"), STAMPED, "", seconds(match.group("stamp"))


def _period(body: str) -> Found | None:
    match = _PERIOD.match(body) if "A" <= body[:1] <= "Z" else None
    if match is None:
        return None
    label = match.group("label")
    caps = re.findall(_CAPS_WORD, PARENTHETICAL.sub("", label))
    if not (match.group("prefix") or len(caps) >= 2 or len(caps[0]) >= 4):
        return None
    if len(caps) == 1 and not match.group("prefix") and caps[0] in _PERIOD_STOPWORDS:
        return None
    return label, PERIOD, (match.group("rest") or "").strip(), None


def _name_like(label: str) -> bool:
    words = (PARENTHETICAL.sub("", label) if label[-1:] == ")" else label).split()
    if len(words) == 1 and _HANDLE.fullmatch(words[0]):
        return True
    if not 1 <= len(words) <= _MAX_WORDS or not words[0][0].isupper():
        return False
    return all(_name_word(word) for word in words)


def _name_word(word: str) -> bool:
    if word in _PARTICLES or word.isdigit():
        return True
    if not word[0].isupper():
        return False
    return _NAME_CHARACTERS.fullmatch(word) is not None


def is_label_name(text: str) -> bool:
    """Whether a text is shaped like a speaker label's name (``Mr. LIMAN``, ``adam3us``)
    and is not a sentence opener (``Note``)."""
    return _name_like(text.strip()) and " ".join(text.split()).casefold() not in NOT_LABELS


def is_handle(label: str) -> bool:
    """Whether a label is a lower-case user name (``adam3us``) rather than a name."""
    return label[:1].islower()


def accepted_labels(candidates: Iterable[Candidate], text: str) -> frozenset[str]:
    """The label keys a file really uses as speaker labels.

    A label used twice or more is a label; a handle (``stark``) only where at least
    two labels are. So is a label used once, opening its paragraph, whose person is
    labelled repeatedly under a shorter or fuller name (``Bekah Hawrot Weigel`` and
    ``Bekah``), or that is a handle where two handles are in use.
    Otherwise a label used once is one when labels are established in the file
    (its style used twice, other labels found, or a ``Q`` opening a paragraph: one
    question and its answer are an interview) and it is written like a formal
    label: in bold markup (``**Ed:**``), in capitals (``THE VICE PRESIDENT:``), as a
    period, bracket or table label or a ``Q``/``A``, as a full name (two or more
    words) among other name labels, or as a speaker who talks once (a delegate, a
    witness): where two name labels repeat, a name that opens a turn
    (:func:`_opens_a_turn`) and is not a common noun (:func:`_common_noun`).
    Except in bold, it must not occur elsewhere in the text (``NATO: the alliance``
    when NATO is talked about), nor continue a sentence the line above leaves open.
    ``A`` counts only beside ``Q``; sentence openers such as ``Note:`` never count.
    """
    found = list(candidates)
    counts = Counter(c.key for c in found)
    style_totals = Counter(c.style for c in found)
    usable = [c for c in found if c.key.casefold() not in NOT_LABELS and not _lists(c)]
    named_again = _named_again({c.key for c in usable if c.opens}, counts)
    accepted = {c.key for c in usable if counts[c.key] >= 2 or c.key in named_again}
    if len(accepted) < 2:
        accepted = {key for key in accepted if not is_handle(key)}
    repeated_names = {c.key for c in found if c.style == COLON and c.key in accepted}
    handles = sum(1 for key in accepted if is_handle(key))
    established = len(repeated_names) >= 2
    labels = [c.label for c in found]
    asked = any(c.key == "Q" and c.opens and not c.continues for c in usable)
    once: list[Candidate] = []
    word_checks = 0
    for cand in usable:
        if counts[cand.key] != 1 or cand.key in accepted or cand.continues:
            continue
        if not (style_totals[cand.style] >= 2 or accepted or asked):
            continue
        if _written_formally(cand, established, handles >= 2):
            once.append(cand)
        elif established and word_checks < MAX_ECHO_CHECKS and _opens_a_turn(cand):
            word_checks += 1  # a speaker who talks once: the weakest signal, always checked
            if not _common_noun(cand.label, text) and not _echoed(cand.label, text, labels):
                accepted.add(cand.key)
    implicit = [c for c in once if not c.bold]
    accepted.update(c.key for c in once if c.bold)
    accepted.update(c.key for c in implicit[:MAX_ECHO_CHECKS] if not _echoed(c.label, text, labels))
    accepted.update(c.key for c in implicit[MAX_ECHO_CHECKS:])
    if "Q" not in accepted:
        accepted.discard("A")
    return frozenset(accepted)


def numbered_markers(labels: Mapping[int, Candidate]) -> frozenset[str]:
    """Keys of labels (by line number) that number a sequence rather than name speakers:
    ``Slide 1``, ``Slide 2``, ``Slide 3``, one word with numbers that count up, each
    used once, at least MIN_MARKERS of them (``Speaker 1`` and ``Speaker 2`` come back)."""
    counts = Counter(cand.key for cand in labels.values())
    sequences: dict[str, list[tuple[int, str]]] = {}
    for number in sorted(labels):
        key = labels[number].key
        match = _NUMBERED.fullmatch(key) if key[-1].isdigit() else None
        if match is not None:
            sequences.setdefault(match.group("word"), []).append((int(match.group("number")), key))
    markers: set[str] = set()
    for sequence in sequences.values():
        numbers = [n for n, _ in sequence]
        if (
            len(sequence) >= MIN_MARKERS
            and all(counts[key] == 1 for _, key in sequence)
            and numbers == sorted(numbers)
        ):
            markers.update(key for _, key in sequence)
    return frozenset(markers)


def _lists(cand: Candidate) -> bool:
    """Whether a label heads a list (``APPEARANCES:``, ``SENATORS PRESENT:``): nothing
    follows it on its line and its last word is a list heading's."""
    return not cand.rest and cand.key.split()[-1].casefold() in LIST_HEADINGS


def _written_formally(cand: Candidate, established: bool, handles: bool) -> bool:
    """Whether a once-used label is written as formal labels are: in bold, in capitals,
    in a style other than ``Name:``, as a full name where names are ``established``,
    or as a handle opening its paragraph where ``handles`` are in use."""
    return (
        cand.bold
        or cand.caps
        or cand.style != COLON
        or (established and len(cand.key.split()) >= 2)
        or (handles and is_handle(cand.key) and cand.opens)
    )


def _named_again(keys: set[str], counts: Counter[str]) -> set[str]:
    """Labels used once whose person a repeated label names, shorter or fuller
    (``Bekah Hawrot Weigel`` and ``Bekah``; not ``Clerk`` and ``City Clerk``, which
    are roles), or as the short form they give (``Adam Levine (AL)`` and ``AL``)."""
    words = {key: name_words(key) for key in keys}
    by_word: dict[str, list[str]] = {}
    for key, key_words in words.items():
        for word in set(key_words) - TITLE_WORDS - _PARTICLES:
            by_word.setdefault(word, []).append(key)
    again: set[str] = set()
    for key, key_words in words.items():
        if counts[key] != 1:
            continue
        if counts[short_form(key) or ""] >= 2:  # Adam Levine (AL) beside a repeated AL
            again.add(key)
            continue
        for word in set(key_words) - TITLE_WORDS - _PARTICLES:
            if any(
                counts[other] >= 2 and same_person(key_words, words[other])
                for other in by_word[word]
            ):
                again.add(key)
                break
    return again


def _opens_a_turn(cand: Candidate) -> bool:
    """Whether a once-used ``Name:`` sits where a speaker's would: it opens its
    paragraph and what follows starts as a sentence does (a capital, a digit or a
    quotation mark), where an opener like ``Reason: my boss`` runs on in lower case."""
    first = cand.rest[:1]
    return (
        cand.opens
        and not is_handle(cand.label)
        and (not first or first.isupper() or first.isdigit() or first in "\"“‘'")
    )


def _common_noun(label: str, text: str) -> bool:
    """Whether a word of the label also occurs in lower case in the text: names are
    proper nouns, ``Background:`` or ``Source:`` are common ones."""
    return any(
        lower in text and re.search(rf"(?<![\w'’]){re.escape(lower)}(?![\w'’])", text)
        for word in PARENTHETICAL.sub("", label).split()
        if (lower := word.casefold()) != word
    )


def _echoed(label: str, text: str, labels: Sequence[str]) -> bool:
    """Whether a label's exact words occur in the text other than in labels (itself, or
    a fuller label such as ``The SPEAKER pro tempore (Mr. Foley)``) or in a heading of
    its own in brackets (``[ANNOUNCER]`` alone on a line, over what the announcer says)."""
    if text.count(label) < 2:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
    in_labels = sum(1 for other in labels if pattern.match(other))
    heading = re.compile(rf"^[ \t]*\[{re.escape(label)}\][ \t]*$", re.MULTILINE)
    return len(pattern.findall(text)) > in_labels + len(heading.findall(text))


_HEADING_LABEL = re.compile(r"^\[(?P<label>[^\[\]():]{1,40})\]$")


def heading_labels(
    body: Sequence[Line], kinds: Container[int], keep: frozenset[str]
) -> dict[int, Candidate]:
    """``[ANNOUNCER]`` alone on a line, over what the announcer says, where ANNOUNCER is
    a label the file uses elsewhere (``ANNOUNCER: Thank you for listening``): a heading
    naming a speaker starts that speaker's turn. A bracketed line naming nobody who
    speaks (``[EPISODE]``, ``[Music]``) stays what it was: a direction or furniture."""
    headings = {}
    for line in body:
        opens = line.text[:1] == "[" and line.number not in kinds
        match = _HEADING_LABEL.match(line.text) if opens else None
        key = " ".join(match.group("label").split()) if match else None
        if key is not None and key in keep:
            headings[line.number] = Candidate(key, BRACKET, "", None, key)
    return headings


_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?P<label>[^#:\[\]()]{1,60}?)[ \t]*#*")


def markdown_speaker_headings(body: Sequence[Line]) -> dict[int, Candidate]:
    """``## John Kerry`` over what John Kerry says, as the reader's own Markdown export
    and some podcast sites write a transcript: where two or more people each head two
    or more sections, a heading naming one (shaped like a label) starts their turn."""
    named: dict[int, str] = {}
    for line in body:
        match = _MARKDOWN_HEADING.fullmatch(line.text) if line.text[:1] == "#" else None
        key = " ".join(match.group("label").split()) if match else ""
        if key and candidate(f"{key}: …") is not None:
            named[line.number] = key
    counts = Counter(named.values())
    people = {key for key, count in counts.items() if count >= 2}
    if len(people) < 2:
        return {}
    return {n: Candidate(key, BRACKET, "", None, key) for n, key in named.items() if key in people}


MAX_LABEL_LINES = 3
_STOPS = TERMINAL_PUNCTUATION - {","}
"""How a line ends a sentence (or breaks off) rather than a clause."""
_WRAPPED_END = re.compile(r"^(?P<label>[^:a-z]{2,80}?)\s*:(?:\s+(?P<rest>.*))?$")
"""The line that closes a wrapped label: capitals, the colon, then any speech."""


def wrapped_labels(
    lines: Sequence[Line], start: int, furniture: Container[int], gaps: Container[int]
) -> dict[int, Candidate]:
    """Labels wrapped over lines (from line ``start`` on), by their first line.

    A label that names the speaker and then, after a comma, their role may run over
    up to MAX_LABEL_LINES lines in capitals, each ending mid-phrase or with a comma,
    the last with the label's colon (and speech after it). Above its first line is
    a blank line, furniture or a sentence's end; the name before the first comma is
    shaped like a label's, in two words or more (``ASSEMBLY MEMBER AMY PAULIN, CHAIR,``
    / ``ASSEMBLY STANDING COMMITTEE ON CORPORATIONS,`` / ``AUTHORITIES AND
    COMMISSIONS:``).
    """
    found: dict[int, Candidate] = {}
    for line in lines[start:]:
        text = line.text
        if not text[:1].isupper() or ":" not in text or line.number in furniture:
            continue
        end = _WRAPPED_END.match(text)
        if end is None or not end.group("label").isupper():
            continue
        parts = _parts_above(lines, line.number, start, furniture, gaps)
        if parts:
            rest = (end.group("rest") or "").strip()
            wrapped = _wrapped(parts, line, end.group("label"), rest)
            if wrapped is not None:
                found[parts[0].number] = wrapped
    return found


def _parts_above(
    lines: Sequence[Line], number: int, start: int, furniture: Container[int], gaps: Container[int]
) -> list[Line]:
    """The lines that open a label closed on line ``number``, top first (none: not one)."""
    above: list[Line] = []
    while len(above) < MAX_LABEL_LINES - 1 and number > start:
        line = line_above(lines, number, gaps)
        if not _label_part(line.text) or line.number in furniture:
            break
        above.append(line)
        number = line.number
    while above:  # the label opens where the line above it stops
        top = above[-1].number
        over = line_above(lines, top, gaps) if top > start else None
        if over is None or over.blank or over.number in furniture or over.text[-1] in _STOPS:
            return above[::-1]
        above.pop()
    return []


def _label_part(text: str) -> bool:
    """A line that may open or go on with a wrapped label: capitals, no colon (that is
    a label's own line) and no sentence's end (a comma may end it)."""
    return text.isupper() and ":" not in text and (text[-1] == "-" or text[-1] not in _STOPS)


def _wrapped(parts: Sequence[Line], last: Line, closing: str, rest: str) -> Candidate | None:
    label = " ".join([*(line.text for line in parts), closing.strip()])
    name = label.split(",")[0]
    if "," not in label or len(name.split()) < 2:
        return None
    if not _name_like(name) or not has_caps_word(name):
        return None
    key = " ".join(label.split())
    lines = {line.number: "" for line in parts[1:]}
    lines[last.number] = rest
    return Candidate(key, COLON, "", None, key, parts=lines)
