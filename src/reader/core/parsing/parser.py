"""``parse_text``: from decoded transcript text to an :class:`Interview`.

The steps, each in its own module: split lines (:mod:`.lines`), set aside front
matter and furniture lines (:mod:`.furniture`), find the labels the file uses
(:mod:`.labels`), read the header before the first label (:mod:`.metadata`), then
walk the body, gathering each label's lines into paragraphs (:mod:`.layout`), and
finally name the speakers and their roles (:mod:`.speakers`).

Invariant: every non-blank line ends up either in a turn (as part of a paragraph,
minus its label and any timestamp before the label) or in ``Interview.furniture``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.model import PARAGRAPH_SEPARATOR, Interview, Turn
from reader.core.parsing.furniture import Kind, classify, front_matter, is_fragment
from reader.core.parsing.labels import Candidate, accepted_labels, candidate
from reader.core.parsing.layout import paragraph_layout, starts_paragraph
from reader.core.parsing.lines import TERMINAL_PUNCTUATION, Line, split_lines
from reader.core.parsing.markup import markup_of
from reader.core.parsing.metadata import (
    HEADER_LIMIT,
    Header,
    is_person_name,
    metadata_field,
    opening_statement,
    read_header,
    reads_as_speech,
)
from reader.core.parsing.speakers import UNKNOWN_SPEAKER, roles, speaker_name
from reader.core.parsing.timestamps import timestamp_line

MAX_TRAILING_FRAGMENTS = 3
"""At most this many trailing captions (``Advanced settings``) are taken as page furniture."""


@dataclass(slots=True)
class _TurnDraft:
    """A turn being gathered: its paragraphs as lists of line texts, and those lines."""

    label: str | None
    start: int
    time: float | None
    paragraphs: list[list[str]] = field(default_factory=list)
    lines: list[list[Line]] = field(default_factory=list)
    end: int = 0

    def add(self, text: str, line: Line, new_paragraph: bool) -> None:
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append([])
            self.lines.append([])
        self.paragraphs[-1].append(text)
        self.lines[-1].append(line)
        self.end = line.end

    def continues_sentence(self) -> bool:
        """Whether the last line so far stops mid-sentence (as before a page marker)."""
        return bool(self.lines) and not self.lines[-1][-1].ends_sentence


@dataclass(slots=True)
class _Source:
    """The analysed lines of one text."""

    lines: list[Line]
    body_start: int
    fields: dict[str, str]
    kinds: dict[int, str]
    labels: dict[int, Candidate]
    header: Header

    @classmethod
    def analyse(cls, text: str) -> _Source:
        lines = split_lines(text)
        matter = front_matter(lines)
        body_start = matter.end if matter else 0
        kinds = {
            line.number: kind
            for line in lines[body_start:]
            if not line.blank and (kind := classify(line.text)) is not None
        }
        found = {
            line.number: cand
            for line in lines[body_start:]
            if not line.blank
            and line.number not in kinds
            and (cand := candidate(line.text)) is not None
        }
        for number in _leading_metadata(lines[body_start:], kinds, found):
            found.pop(number, None)
        for number, cand in list(found.items()):
            if cand.bold and not _opens_paragraph(lines, number, body_start, kinds, found):
                found[number] = replace(cand, bold=False)
        keep = accepted_labels(found.values(), text)
        labels = {n: c for n, c in found.items() if c.key in keep}
        fields = matter.fields if matter else {}
        return cls(lines, body_start, fields, kinds, labels, Header())


def _opens_paragraph(
    lines: Sequence[Line],
    number: int,
    body_start: int,
    kinds: dict[int, str],
    found: dict[int, Candidate],
) -> bool:
    """Whether a body line opens a paragraph: first, or after a blank, furniture or label line.

    Only there is a bold label (``**Ed:**``) an explicit label signal.
    """
    if number <= body_start:
        return True
    above = lines[number - 1]
    return above.blank or above.number in kinds or above.number in found


def _leading_metadata(
    lines: Sequence[Line], kinds: dict[int, str], found: dict[int, Candidate]
) -> set[int]:
    """``Host: Jane Doe``-style lines before the first line that starts like a label.

    A key the file also uses as a speaker label (``Interviewer: Hello``) is metadata
    only when its value is a person's name.
    """
    label_keys = Counter(cand.key for cand in found.values())
    metadata: set[int] = set()
    for line in lines[:HEADER_LIMIT]:
        if line.blank or line.number in kinds:
            continue
        field = metadata_field(line.text)
        cand = found.get(line.number)
        if field is not None and (
            cand is None or label_keys[cand.key] < 2 or is_person_name(field[1])
        ):
            metadata.add(line.number)
        elif cand is not None:
            break
    return metadata


def parse_text(text: str, source: Path | None = None) -> Interview:
    """Parse a transcript's decoded text into an interview; never raises on any text."""
    src = _Source.analyse(text)
    src.header.markup = markup_of(text, source)
    furniture = [line for line in src.lines[: src.body_start] if not line.blank]
    body_start, opening, time = _split_header(src, furniture)
    drafts = _walk_body(src, body_start, opening, furniture, time)
    _drop_trailing_fragments(drafts, furniture)
    turns = src.header.markup.plain_turns(_make_turns(drafts, src.header))
    header = src.header
    title = header.title or (source.stem if source else "Untitled transcript")
    return Interview(
        source=source,
        title=title,
        turns=turns,
        date=header.date,
        place=header.place,
        interviewer=header.interviewer,
        outlet=header.outlet,
        interviewee=header.interviewee,
        interviewee_role=header.interviewee_role,
        description=header.description,
        furniture=tuple(line.text for line in furniture),
        furniture_starts=tuple(line.start for line in furniture),
    )


def _split_header(
    src: _Source, furniture: list[Line]
) -> tuple[int, list[Line], float | None]:
    """Read the header; return where the body starts, any opening-statement lines and
    the time of a timestamp line just before the body."""
    first_label = min(src.labels, default=None)
    end = first_label if first_label is not None else len(src.lines)
    blocks = _blocks(src.lines[src.body_start : end], src.kinds)
    if first_label is None:
        untitled = 1 if len(blocks) > 1 else 0
        speech = next((i for i, b in enumerate(blocks) if reads_as_speech(b)), untitled)
        header_blocks, opening_blocks = blocks[:speech], blocks[speech:]
    else:
        count = opening_statement(blocks)
        header_blocks, opening_blocks = blocks[: len(blocks) - count], blocks[len(blocks) - count :]
    header_lines = [line for block in header_blocks for line in block]
    header_end = opening_blocks[0][0].number if opening_blocks else end
    headings = [
        line.text.lstrip("#").strip()
        for line in src.lines[src.body_start : header_end]
        if src.kinds.get(line.number) == Kind.HEADING
    ]
    read_header(header_lines, src.fields, src.header, headings)
    opening = [line for block in opening_blocks for line in block]
    body_start = opening[0].number if opening else end
    time: float | None = None
    for line in src.lines[src.body_start : body_start]:
        if line.blank:
            continue
        furniture.append(line)
        if src.kinds.get(line.number) == Kind.TIMESTAMP:
            time = timestamp_line(line.text)
        elif line.number not in src.kinds:
            time = None
    return body_start, opening, time


def _blocks(lines: Sequence[Line], kinds: dict[int, str]) -> list[list[Line]]:
    """Runs of consecutive text lines; blank and furniture lines separate them."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank or line.number in kinds:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _walk_body(
    src: _Source, start: int, opening: list[Line], furniture: list[Line], time: float | None
) -> list[_TurnDraft]:
    """Gather the body's lines into turn drafts; furniture lines go to ``furniture``."""
    lines = src.lines
    bare_labels = {n for n, cand in src.labels.items() if not cand.rest}
    layout = paragraph_layout(
        lines[start:], set(src.kinds) | bare_labels, set(src.kinds) | set(src.labels)
    )
    last_label = max(src.labels, default=-1)
    header_furniture = {f.text for f in furniture if f.text[-1] not in TERMINAL_PUNCTUATION}
    drafts: list[_TurnDraft] = []
    if opening:
        drafts.append(_TurnDraft(None, opening[0].start, None))
    pending_time = time
    new_paragraph = True
    across_page = False
    previous: Line | None = None
    in_footer = False
    for line in lines[start:]:
        if line.blank:
            new_paragraph = new_paragraph or not across_page
            previous = None
            continue
        kind = src.kinds.get(line.number)
        in_footer = in_footer or (
            line.number > last_label
            and (kind in (Kind.END, Kind.NAVIGATION) or line.text in header_furniture)
        )
        if kind is not None or in_footer:
            furniture.append(line)
            if kind == Kind.TIMESTAMP:
                pending_time = timestamp_line(line.text)
            elif kind == Kind.PAGE and drafts and drafts[-1].continues_sentence():
                new_paragraph, across_page = False, True
            previous = None
            continue
        across_page = False
        cand = src.labels.get(line.number)
        if cand is not None:
            start_time = cand.time if cand.time is not None else pending_time
            draft = _TurnDraft(cand.label, line.start, start_time)
            pending_time = None
            draft.end = line.end
            if cand.rest:
                draft.add(cand.rest, line, True)
            drafts.append(draft)
            new_paragraph = not cand.rest
        else:
            fresh = new_paragraph or (
                previous is not None and starts_paragraph(line, previous, layout)
            )
            drafts[-1].add(line.text, line, fresh)
            new_paragraph = False
        previous = line
    return drafts


def _drop_trailing_fragments(drafts: list[_TurnDraft], furniture: list[Line]) -> None:
    """Move a few short caption-like paragraphs at the very end of the text to furniture."""
    if not drafts:
        return
    last = drafts[-1]
    moved: list[Line] = []
    while (
        len(moved) < MAX_TRAILING_FRAGMENTS
        and len(last.lines) > 1
        and len(last.lines[-1]) == 1
        and is_fragment(last.lines[-1][0].text)
    ):
        moved.append(last.lines[-1][0])
        last.lines.pop()
        last.paragraphs.pop()
        last.end = last.lines[-1][-1].end
    furniture.extend(reversed(moved))


def join_lines(lines: Sequence[str]) -> str:
    """A paragraph's lines joined by spaces, except that a word hyphenated at the end
    of a line is joined to the rest of it, hyphen kept (``up-`` + ``or-down``)."""
    parts: list[str] = []
    for line in lines:
        if parts:
            last = parts[-1]
            broken = len(last) > 1 and last[-1] == "-" and last[-2].isalpha()
            parts.append("" if broken and line[:1].isalpha() else " ")
        parts.append(line)
    return "".join(parts)


def _make_turns(drafts: Sequence[_TurnDraft], header: Header) -> tuple[Turn, ...]:
    """Name each draft's speaker (unlabelled turns are the interviewee's), then roles."""
    named = [
        (
            draft,
            (
                speaker_name(draft.label, header)
                if draft.label
                else header.interviewee or UNKNOWN_SPEAKER
            ),
            PARAGRAPH_SEPARATOR.join(join_lines(p) for p in draft.paragraphs),
        )
        for draft in drafts
    ]
    role_of = roles([(d.label, speaker, text) for d, speaker, text in named], header)
    return tuple(
        Turn(
            speaker=speaker,
            label=draft.label,
            role=role_of[speaker],
            paragraphs=tuple(join_lines(p) for p in draft.paragraphs),
            start=draft.start,
            end=max(draft.end, draft.start),
            start_time=draft.time,
        )
        for draft, speaker, _ in named
    )
