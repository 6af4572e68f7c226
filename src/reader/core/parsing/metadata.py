"""The header of a transcript: title, date, place, people and outlet.

The header is every line before the first speaker label (or, in a file without
labels, before the first paragraph of speech). Its lines all end up as furniture,
except an opening statement that runs straight into the first label; see
:func:`opening_statement`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.parsing.dates import find_date
from reader.core.parsing.lines import TERMINAL_PUNCTUATION, Line, word_count
from reader.core.parsing.markup import Markup

FIELD_KEYS: dict[str, str] = {
    **dict.fromkeys(("title", "headline"), "title"),
    **dict.fromkeys(("date", "recorded", "date recorded", "published"), "date"),
    **dict.fromkeys(("place", "location", "venue", "city"), "place"),
    **dict.fromkeys(
        ("interviewer", "interviewers", "host", "hosts", "moderator", "interviewed by"),
        "interviewer",
    ),
    **dict.fromkeys(
        ("outlet", "publication", "show", "program", "programme", "network", "podcast"), "outlet"
    ),
    **dict.fromkeys(
        ("interviewee", "guest", "guests", "speaker", "witness", "witnesses"), "interviewee"
    ),
    **dict.fromkeys(("participants", "panelists", "panel", "candidates"), "participants"),
    **dict.fromkeys(("role", "position", "office"), "interviewee_role"),
    **dict.fromkeys(("description", "summary", "abstract"), "description"),
}
"""Header keys (``Host: Jane Doe``, front matter ``title:``) and the field each fills."""

PERSON_FIELDS = frozenset({"interviewer", "interviewee"})
"""Fields that name a person: ``Jim Lehrer (PBS)`` is Jim Lehrer."""
HEADER_LIMIT = 300
"""Only this many header lines are read for metadata (all of them are furniture)."""
SENTENCE_LIMIT = 1000
"""Only this many characters of a title or description are searched for people."""
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,24}?)\s*:\s+(?P<value>\S.*)$")
_TITLE_WORDS = re.compile(
    r"\b(?:interview|remarks|conversation|press (?:briefing|conference|call)|briefing"
    r"|transcript|hearing|podcast|q&a)\b",
    re.IGNORECASE,
)
_TITLE_START = re.compile(rf"^(?:(?:an?|the|full|edited)\s+)?{_TITLE_WORDS.pattern}", re.I)
"""A line that opens with what kind of record it is: ``Interview with Dennis Ritchie.``"""
TITLE_WORD_LIMIT = 12
"""A title-shaped line longer than this (in words) is a sentence, whatever it starts with."""
MIN_LIST_LINES = 3
LIST_LINE_WORDS = 6
"""A header block of MIN_LIST_LINES lines or more of at most this many words, none
ending like a sentence, is a list (of names, of contents), not speech."""
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]$")
"""A note in parentheses or brackets at a line's end: ``(inaudible)``, ``[laughs]``."""
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]+)$")
_PLACE = re.compile(r"^(?P<city>[A-Z][^,]{1,40}),\s+[A-Z][^,]{1,40}$")
_PLACE_BEFORE_DATE = re.compile(r"[(,]\s*(?P<place>[A-Z][^,()]{1,40}),\s*$")
_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.IGNORECASE)
_POSSESSIVE = re.compile(
    r"(?P<who>(?:[A-Z][\w.\-]*\s+){1,6}?[A-Z][\w\-]+)['’]s\s+"
    r"(?:interview|remarks|answers|statement|speech|address|comments|article|op-ed)\b"
)
_INTERVIEW_WITH = re.compile(
    r"\binterview(?:ed)?\s+(?:with|by)\s+(?P<who>[^,;()]+?)"
    r"(?:\s+of\s+(?P<outlet>[^,;()]+?))?\s*(?:[,;(]|$)",
    re.IGNORECASE,
)
_INTERVIEWED_BY = re.compile(
    r"^(?:interviewed|interview|conducted|hosted|moderated)\s+by\s+(?P<who>[^,;()]+?)[.,;]?$",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:agency|tv|television|radio|news|newspaper|times|post|network|channel|magazine"
    r"|press|service|corporation|broadcasting|journal|daily|media|gazette|herald|tribune)\b",
    re.IGNORECASE,
)
PARENTHETICAL = re.compile(r"\s*\([^()]*\)$")
"""A trailing note in parentheses: ``Jim Lehrer (PBS)``, ``Adam Levine (AL)``."""
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|]{1,60}$")


@dataclass(slots=True)
class Header:
    """Metadata gathered from the header and front matter."""

    title: str | None = None
    date: dt.date | None = None
    place: str | None = None
    interviewer: str | None = None
    outlet: str | None = None
    interviewee: str | None = None
    interviewee_role: str | None = None
    description: str | None = None
    participants: str | None = None
    """Who took part (``PARTICIPANTS: …`` in a debate); read so it is not taken for a
    speaker, not shown."""
    markup: Markup = field(default_factory=Markup)
    """How the source marks text up; header lines are read as they render."""

    def fill(self, name: str, value: str) -> None:
        """Set a field from text unless it is already known."""
        value = " ".join(value.split())
        if not value:
            return
        if name in PERSON_FIELDS:
            value = PARENTHETICAL.sub("", value) or value
        if name == "date":
            if self.date is None and (found := find_date(value)) is not None:
                self.date = found[0]
        elif getattr(self, name) is None:
            setattr(self, name, value)


def metadata_field(text: str) -> tuple[str, str] | None:
    """``(field, value)`` if a line is a header ``Key: value`` such as ``Host: Jane Doe``."""
    match = _KEY_VALUE.match(text)
    if match is None:
        return None
    name = FIELD_KEYS.get(match.group("key").casefold())
    value = match.group("value").strip()
    if name is None:
        return None
    if name not in {"description", "title", "participants"} and (
        word_count(value) > 8 or (value[-1] in ".?!" and find_date(value) is None)
    ):
        return None
    return name, value


def read_header(
    lines: Sequence[Line], fields: dict[str, str], header: Header, headings: Sequence[str]
) -> None:
    """Fill ``header`` from front-matter fields, Markdown headings and header lines.

    Front matter and ``Key: value`` lines win; then the date nearest the transcript
    (a page's publication date tends to come first), on a line of its own if there is
    one (a date in an agenda item's text is not the record's), the title, and the people.
    """
    render = header.markup.plain
    for key, value in fields.items():
        if key in FIELD_KEYS:
            header.fill(FIELD_KEYS[key], render(value))
    for heading in headings[:1]:
        header.fill("title", render(heading))
    texts = [render(line.text) for line in lines[:HEADER_LIMIT]]
    navigation = _navigation(texts)
    plain = [t for t in texts if t not in navigation and metadata_field(t) is None]
    for text in texts:
        if text not in navigation and (found := metadata_field(text)) is not None:
            header.fill(*found)
    for text in [*reversed([t for t in plain if _is_date_line(t)]), *reversed(plain)]:
        header.fill("date", text)
    for text in plain:
        if (by := _INTERVIEWED_BY.match(text)) and is_person_name(by.group("who")):
            header.fill("interviewer", by.group("who"))
    title_index = _title_index(plain)
    if title_index is not None:
        header.fill("title", _SITE_SUFFIX.sub("", plain[title_index]))
        _people_after_title(plain[title_index + 1 :], header)
    for text in plain:
        if text != header.title and _is_description(text):
            header.fill("description", text)
            break
    for sentence in (header.title, header.description):
        if sentence:
            _people_in_sentence(sentence[:SENTENCE_LIMIT], header)


def _navigation(texts: Sequence[str]) -> set[str]:
    """Lines repeated in the header, and lines that end with such a repeat glued on."""
    counts = Counter(texts)
    repeated = {t for t, n in counts.items() if n >= 2}
    glued = {t for t in texts for r in repeated if t != r and t.endswith(r)}
    return repeated | glued


def _title_index(texts: Sequence[str]) -> int | None:
    candidates = [
        i
        for i, t in enumerate(texts)
        if 3 <= word_count(t) <= 30
        and (not t.endswith(".") or is_title_line(t))
        and not _is_date_line(t)
    ]
    preferred = [i for i in candidates if _TITLE_WORDS.search(texts[i])]
    chosen = preferred or candidates
    return chosen[0] if chosen else None


def is_title_line(text: str) -> bool:
    """A short line that names the record it heads, even with a full stop at the end."""
    return word_count(text) <= TITLE_WORD_LIMIT and _TITLE_START.match(text) is not None


def _is_date_line(text: str) -> bool:
    found = find_date(text)
    if found is None:
        return False
    rest = text[: found[1].start()] + text[found[1].end() :]
    return word_count(re.sub(r"[^\w\s]", " ", rest)) <= 2


def _is_description(text: str) -> bool:
    return word_count(text) >= 12 and (text.endswith(".") or bool(_POSSESSIVE.search(text)))


def is_person_name(text: str) -> bool:
    """Two to four capitalised words or initials, as in ``Richard A. Boucher``."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def _people_after_title(texts: Sequence[str], header: Header) -> None:
    """``John Kerry`` / ``Secretary of State`` / ``Astana, Kazakhstan`` under a title."""
    rest = [t for t in texts if not _is_date_line(t)]
    located = any(_is_date_line(t) or _PLACE.match(t) for t in texts[1:6])
    if rest and located:
        name, _, role = rest[0].partition(", ")
        if is_person_name(name):
            header.fill("interviewee", name)
            if role:
                header.fill("interviewee_role", role)
            elif len(rest) > 1 and _is_role(rest[1]):
                header.fill("interviewee_role", rest[1])
    for text in rest[:5]:
        match = _PLACE.match(text)
        if match and word_count(text) <= 5 and not is_person_name(match.group("city")):
            header.fill("place", match.group("city"))
            break


def _is_role(text: str) -> bool:
    return (
        word_count(text) <= 10
        and not text.endswith(".")
        and _PLACE.match(text) is None
        and not is_person_name(text)
        and "'s " not in text
        and "’s " not in text
    )


def _people_in_sentence(text: str, header: Header) -> None:
    """Interviewee, interviewer, outlet and place named in a title or description."""
    possessive = _POSSESSIVE.search(text)
    if possessive:
        words = possessive.group("who").split()
        size = 3 if len(words) >= 3 and re.fullmatch(r"[A-Z]\.", words[-2]) else 2
        header.fill("interviewee", " ".join(words[-size:]))
        if len(words) > size:
            header.fill("interviewee_role", " ".join(words[:-size]))
    interview = _INTERVIEW_WITH.search(text)
    if interview:
        who, outlet = interview.group("who").strip(), interview.group("outlet")
        whole = f"{who} of {outlet}" if outlet else who
        if outlet and is_person_name(who):
            header.fill("interviewer", who)
            header.fill("outlet", outlet)
        elif _ORGANISATION.search(whole):
            header.fill("outlet", whole)
        elif is_person_name(whole):
            other = header.interviewee and header.interviewee != whole
            header.fill("interviewer" if other else "interviewee", whole)
    found = find_date(text)
    if found is not None:
        place = _PLACE_BEFORE_DATE.search(text[: found[1].start()])
        if place and not _WEEKDAY.match(place.group("place")):
            header.fill("place", place.group("place"))


def opening_statement(blocks: Sequence[Sequence[Line]]) -> int:
    """How many trailing header blocks are an unlabelled opening statement (0 if none).

    Counting back from the first label, blocks that read as speech (ending like a
    sentence, or long) belong to the statement, up to a block that carries a date or
    describes the event. At least two blocks and forty words are needed, so a lone
    editor's note before the first label stays in the header.
    """
    count = 0
    words = 0
    for block in reversed(blocks):
        text = " ".join(line.text for line in block)
        if not reads_as_speech(block) or find_date(text) or _POSSESSIVE.search(text):
            break
        count += 1
        words += word_count(text)
    return count if count >= 2 and words >= 40 else 0


def reads_as_speech(block: Sequence[Line]) -> bool:
    """Whether a block of lines reads as speech: it ends like a sentence, or is long.

    A list is not: three lines or more, each of a few words and none ending like a
    sentence (an attendance list under ``City Staff``). Nor is a line whose words stop
    short of a sentence before a bracketed note (``Public Speaker(s)``,
    ``Agenda Item E-7 [Start: 12:41 p.m.]``).
    """
    text = " ".join(line.text for line in block)
    if metadata_field(block[0].text) is not None or (len(block) == 1 and is_title_line(text)):
        return False
    if len(block) >= MIN_LIST_LINES and all(_list_line(line) for line in block):
        return False
    last = _TRAILING_NOTE.sub("", block[-1].text) or block[-1].text
    return last[-1] in TERMINAL_PUNCTUATION or word_count(text) >= 12


def _list_line(line: Line) -> bool:
    return not line.ends_sentence and word_count(line.text) <= LIST_LINE_WORDS
