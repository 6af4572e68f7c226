"""``parse_text``: from decoded transcript text to an :class:`Interview`.

The steps, each in its own module: split lines (:mod:`.lines`), read the pagination
of a paged record (:mod:`.pages`), set aside front matter and furniture lines
(:mod:`.furniture`), find the labels the file uses (:mod:`.labels`), read the header
before the first label (:mod:`.metadata`), then walk the body, gathering each label's
lines into paragraphs (:mod:`.layout`), tell stage directions from speech
(:mod:`.directions`), and finally name the speakers and their roles (:mod:`.speakers`).

A direction keeps its place as a paragraph of the turn it falls in. Before the first
turn there is no conversation to place it in, so a direction there is furniture with
the header (as is an unlabelled opening made only of directions). A record's note of
procedure (``The clerk proceeded to call the roll.``) is a direction inside a turn.

Invariant: every non-blank line ends up either in a turn (as part of a speech or
direction paragraph, minus its label, any timestamp before the label and any margin
line number) or in ``Interview.furniture``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.collector import collection_paused
from reader.core.model import Interview, ParagraphKind
from reader.core.parsing.directions import is_direction, is_speaker_note
from reader.core.parsing.drafts import TurnDraft, make_turns
from reader.core.parsing.furniture import (
    Kind,
    classify,
    front_matter,
    is_fragment,
    link_lines,
    section_headings,
    title_headings,
    underlined_headings,
)
from reader.core.parsing.labels import (
    LETTER,
    Candidate,
    accepted_labels,
    candidate,
    heading_labels,
    markdown_speaker_headings,
    numbered_markers,
    wrapped_labels,
)
from reader.core.parsing.layout import (
    LINES,
    WRAPPED,
    paragraph_layout,
    spacing_gaps,
    starts_paragraph,
)
from reader.core.parsing.lines import (
    TERMINAL_PUNCTUATION,
    Line,
    join_lines,
    line_above,
    split_lines,
)
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
from reader.core.parsing.pages import Pagination, contents_lines, paginate
from reader.core.parsing.tables import table_row
from reader.core.parsing.timestamps import SPEECH_PREFIX, split_prefix, timestamp_line

MAX_TRAILING_FRAGMENTS = 3
"""At most this many trailing captions (``Advanced settings``) are taken as page furniture."""
SENTENCE_ENDS = frozenset('.?!…"”’)]')
"""What a paragraph's last line before a page break ends with; one that stops at a comma,
a colon or a dash runs on across the break (``severability clause,`` / ``repealer``)."""
VOTE_WORDS = 2
"""A label line with at most this many words of speech is whole (see :func:`_says_all`)."""


@dataclass(slots=True)
class _Source:
    """The analysed lines of one text."""

    lines: list[Line]
    body_start: int
    fields: dict[str, str]
    kinds: dict[int, str]
    labels: dict[int, Candidate]
    markers: dict[int, Candidate]
    """Labels that number a sequence (``**Slide 3:**``): a new paragraph, not a new turn."""
    header: Header
    pagination: Pagination
    gaps: set[int]
    """Blank lines of double spacing: no paragraph break (see :func:`.spacing_gaps`)."""

    @classmethod
    def analyse(cls, text: str) -> _Source:
        pagination = paginate(split_lines(text))
        lines = pagination.lines
        matter = front_matter(lines)
        body_start = matter.end if matter else 0
        print_furniture = pagination.furniture
        kinds = {
            line.number: kind
            for line in lines[body_start:]
            if line.text
            and (kind := Kind.PAGE if line.number in print_furniture else classify(line.text))
        }
        _mark_row_heads(lines, kinds)
        kinds.update(dict.fromkeys(link_lines(lines, body_start, kinds), Kind.LINK))
        found = {
            line.number: cand
            for line in lines[body_start:]
            if not line.blank
            and line.number not in kinds
            and not is_direction(line.text)
            and (cand := candidate(line.text)) is not None
        }
        _set_aside_contents(pagination, kinds, found)
        gaps = spacing_gaps(lines, pagination.starts)
        if pagination.margins or len(pagination.starts) > 1:
            for number, cand in wrapped_labels(lines, body_start, kinds, gaps).items():
                found[number] = cand
                for part in cand.parts:
                    found.pop(part, None)
        for number in _leading_metadata(lines[body_start:], kinds, found):
            found.pop(number, None)
        for number, cand in list(found.items()):
            above = line_above(lines, number, gaps) if number > body_start else None
            continues = (
                above is not None
                and above.number not in kinds
                and not above.blank
                and not above.ends_sentence
                and not _answers(found.get(above.number), cand)
                and not _says_all(found.get(above.number))
            )
            opens = _opens_paragraph(lines, number, body_start, kinds, found)
            if continues or not opens:
                found[number] = cand._replace(
                    continues=continues, bold=cand.bold and opens, opens=opens
                )
        keep = accepted_labels(found.values(), text)
        labels = {n: c for n, c in found.items() if c.key in keep}
        labels |= heading_labels(lines[body_start:], kinds, keep)
        if not labels:
            labels = markdown_speaker_headings(lines[body_start:])
            for number in labels:
                kinds.pop(number, None)
        numbered = numbered_markers(labels)
        markers = {n: labels.pop(n) for n in list(labels) if labels[n].key in numbered}
        first_label = min(labels, default=len(lines))
        kinds.update(dict.fromkeys(_speaker_notes(lines, labels), Kind.PROCEDURE))
        spoken = labels.keys() | {n for cand in labels.values() for n in cand.parts}
        skip = kinds.keys() | spoken
        headings = section_headings(lines, first_label, kinds, spoken, gaps)
        headings |= underlined_headings(lines, first_label) - skip
        headings |= title_headings(lines, first_label, skip, gaps)
        for number in headings:
            kinds[number] = Kind.SECTION
        fields = matter.fields if matter else {}
        return cls(lines, body_start, fields, kinds, labels, markers, Header(), pagination, gaps)


def _answers(above: Candidate | None, cand: Candidate) -> bool:
    """Whether a ``Q``/``A`` label sits right under the other letter's labelled line:
    an answer under its question (or the next question under an answer) starts a
    turn however the line above ends, as unpunctuated transcripts write them."""
    return above is not None and above.style == cand.style == LETTER and above.key != cand.key


def _says_all(cand: Candidate | None) -> bool:
    """Whether a label line says all it has to say in a word or two (a roll call's vote,
    ``Commissioner Castro: Yes``): the line below it does not run on from it."""
    return cand is not None and 0 < len(cand.rest.split()) <= VOTE_WORDS


_NOTE_REACH = 8
"""How many lines apart two labels may be with a speaker note between them."""


def _speaker_notes(lines: Sequence[Line], labels: dict[int, Candidate]) -> list[int]:
    """Lines between two labelled lines, blank lines apart, that are a transcriber's note
    on a speaker (:func:`.is_speaker_note`): in a file labelled paragraph by paragraph,
    an unlabelled line there is the record's, not speech."""
    names = {cand.key for cand in labels.values()}
    notes = []
    for above, below in itertools.pairwise(sorted(labels)):
        if below - above > _NOTE_REACH:
            continue
        between = [line for line in lines[above + 1 : below] if line.text]
        if (
            len(between) == 1
            and labels[above].rest
            and not lines[above + 1].text
            and not lines[below - 1].text
            and is_speaker_note(between[0].text, names)
        ):
            notes.append(between[0].number)
    return notes


def _set_aside_contents(
    pagination: Pagination, kinds: dict[int, str], found: dict[int, Candidate]
) -> None:
    """Mark the lines of a record's contents pages (see :func:`.contents_lines`) as
    front matter: a heading there (``PANEL 2:``) is no label."""
    if len(pagination.starts) < 2:
        return
    first = min(found, default=len(pagination.lines))  # else the first label-like line
    said = min((n for n, cand in found.items() if cand.rest), default=first)
    for number in contents_lines(pagination, said):
        kinds[number] = Kind.CONTENTS
        found.pop(number, None)


def _mark_row_heads(lines: Sequence[Line], kinds: dict[int, str]) -> None:
    """Mark the line above a table's head rule as the table's head, and a number
    just above a caption cue's timing line as the cue's number: neither is speech."""
    for number, kind in list(kinds.items()):
        above = lines[number - 1] if number > 0 else None
        if above is None or above.blank or above.number in kinds:
            continue
        if kind == Kind.RULE and above.text.startswith("|"):
            kinds[above.number] = Kind.TABLE_HEAD
        elif kind == Kind.TIMESTAMP and above.text.isdigit() and "-->" in lines[number].text:
            kinds[above.number] = Kind.CAPTION


def _opens_paragraph(
    lines: Sequence[Line],
    number: int,
    body_start: int,
    kinds: dict[int, str],
    found: dict[int, Candidate],
) -> bool:
    """Whether a body line opens a paragraph: first, or after a blank, furniture or label line.

    Only there is a bold label (``**Ed:**``) an explicit label signal, and only there
    can a label used once be a speaker's (see :func:`.labels.accepted_labels`).
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
    with collection_paused():
        return _parse(text, source)


def _parse(text: str, source: Path | None) -> Interview:
    src = _Source.analyse(text)
    src.header.markup = markup_of(text, source)
    furniture = [line for line in src.lines[: src.body_start] if not line.blank]
    body_start, opening, time = _split_header(src, furniture)
    drafts = _walk_body(src, body_start, opening, furniture, time)
    _drop_trailing_fragments(drafts, furniture)
    _drop_directions_only_opening(drafts, furniture)
    turns = src.header.markup.plain_turns(make_turns(drafts, src.header, src.pagination))
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


def _split_header(src: _Source, furniture: list[Line]) -> tuple[int, list[Line], float | None]:
    """Read the header; return where the body starts, any opening-statement lines and
    the time of a timestamp line just before the body."""
    first_label = min(src.labels, default=None)
    first_marker = min(src.markers, default=len(src.lines))  # a marker opens speech
    end = min(first_marker, first_label if first_label is not None else len(src.lines))
    blocks = _blocks(src.lines[src.body_start : end], src.kinds)
    if first_label is None and not src.markers:
        untitled = 1 if len(blocks) > 1 else 0
        speech = next((i for i, b in enumerate(blocks) if reads_as_speech(b)), untitled)
        speech = min(speech, _first_timed(blocks, src))
        header_blocks, opening_blocks = blocks[:speech], blocks[speech:]
    else:  # in a record on pages, the pages before the first label's are front matter
        page_start = src.pagination.starts[src.pagination.index(end)]
        count = opening_statement([block for block in blocks if block[0].number >= page_start])
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
    if not opening and first_marker == end < len(src.lines):
        opening = [src.lines[first_marker]]
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


def _first_timed(blocks: Sequence[list[Line]], src: _Source) -> int:
    """The index of the first block right under a timestamp line (a time is only ever
    given to what was said), or the number of blocks if there is none."""
    for index, block in enumerate(blocks):
        above = block[0].number - 1
        if above >= 0 and src.kinds.get(above) == Kind.TIMESTAMP:
            return index
    return len(blocks)


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
) -> list[TurnDraft]:
    """Gather the body's lines into turn drafts; furniture lines go to ``furniture``.

    A speech cut by a page break (a page marker, a form feed, a running head) goes on
    as one paragraph when the line before the break stops mid-sentence.
    """
    lines, kinds, labels, markers = src.lines, src.kinds, src.labels, src.markers
    bare_labels = {n for n, cand in labels.items() if not cand.rest}
    label_parts = {n: rest for cand in labels.values() for n, rest in cand.parts.items()}
    body = [line for line in lines[start:] if line.number not in src.gaps]
    margin = min((n.indent for n in body if n.text and n.number not in kinds), default=0)
    layout = paragraph_layout(body, set(kinds) | bare_labels, set(kinds) | set(labels), margin)
    if (src.pagination.margins or len(src.pagination.pages) > 1) and layout == LINES:
        layout = WRAPPED  # a record printed on pages (or numbered lines) wraps at the margin
    last_label = max(labels, default=-1)
    header_furniture = {f.text for f in furniture if f.text[-1] not in TERMINAL_PUNCTUATION}
    drafts: list[TurnDraft] = []
    if opening:
        drafts.append(TurnDraft(None, opening[0].start, None))
    pending_time = time
    timed_label: Line | None = None  # a segment's label whose speech is still to come
    new_paragraph = True
    page_turned = False
    time_marked = False
    previous: Line | None = None
    sheet = lines[start].sheet if start < len(lines) else 0
    in_footer = False
    for line in body:
        if not line.text:
            new_paragraph, previous = True, None
            continue
        kind = kinds.get(line.number)
        page_turned = page_turned or line.sheet != sheet
        sheet = line.sheet
        in_footer = in_footer or (  # a page's own furniture comes back on every page
            line.number > last_label
            and (
                kind in (Kind.END, Kind.NAVIGATION)
                or (line.text in header_furniture and kind != Kind.PAGE)
            )
        )
        if kind == Kind.PROCEDURE and drafts and not in_footer:
            drafts[-1].add_note(line)
            new_paragraph, previous = True, None
            continue
        if kind is not None or in_footer:
            furniture.append(line)
            if kind == Kind.TIMESTAMP:
                pending_time, timed_label = timestamp_line(line.text), None
                time_marked = time_marked or "-->" in line.text or previous is not None
            page_turned = (page_turned or kind == Kind.PAGE) and kind != Kind.SECTION
            new_paragraph = (
                new_paragraph or kind == Kind.SECTION or line.number in src.pagination.margins
            )
            previous = None
            continue
        said = label_parts.get(line.number)
        if said is not None:  # a wrapped label goes on, and its speech may start
            if said:
                drafts[-1].add(said, line, True, pending_time)
                pending_time = None
            drafts[-1].end = line.end
            new_paragraph, previous = not said, line
            continue
        marker = markers.get(line.number)
        if marker is not None and drafts:
            furniture.append(_marker_line(line, marker))
            if marker.rest:
                drafts[-1].add(marker.rest, line, True, pending_time)
                pending_time = None
            new_paragraph, previous = not marker.rest, line
            continue
        cand = labels.get(line.number)
        if cand is not None and _continues_turn(cand, drafts):
            if cand.rest:
                drafts[-1].add(cand.rest, line, True, cand.time)
            else:  # the segment's speech is on the lines below
                pending_time, timed_label, drafts[-1].end = cand.time, line, line.end
            new_paragraph = not cand.rest
        elif cand is not None:
            start_time = cand.time if cand.time is not None else pending_time
            draft = TurnDraft(cand.label, line.start, start_time)
            pending_time = None
            draft.end = line.end
            if cand.rest:
                draft.add(cand.rest, line, True)
            drafts.append(draft)
            new_paragraph = not cand.rest
        else:
            # a sentence runs on across a page break, or a time mark within it
            carried = (page_turned and drafts[-1].continues_sentence(SENTENCE_ENDS)) or (
                time_marked and drafts[-1].continues_sentence()
            )
            time, text = _timed_text(line.text)
            if time is None and not carried:
                time = pending_time
            pending_time = None
            fresh = time is not None or (
                not carried
                and (
                    new_paragraph
                    or (previous is not None and starts_paragraph(line, previous, layout, margin))
                    or _sets_off(line, previous, drafts[-1].current())
                )
            )
            drafts[-1].add(text, line, fresh, time)
            new_paragraph = False
        previous = line
        page_turned = time_marked = False
    if pending_time is not None and timed_label is not None:
        furniture.append(timed_label)  # no speech came: the label and its time stay seen
    return drafts


def _marker_line(line: Line, marker: Candidate) -> Line:
    """The part of a line before the speech a sequence marker opens, as furniture."""
    cut = len(line.text) - len(marker.rest) if line.text.endswith(marker.rest) else None
    text = line.text[:cut].rstrip() if marker.rest else line.text
    return line._replace(end=line.start + len(text), text=text)


def _continues_turn(cand: Candidate, drafts: Sequence[TurnDraft]) -> bool:
    """Whether a label line with its own time repeats the label of the turn it follows:
    diarised and caption-like exports cut one speaker's speech into timed segments,
    and each segment is a paragraph of the same turn."""
    return (
        cand.time is not None
        and bool(drafts)
        and drafts[-1].label == cand.label
        and bool(drafts[-1].paragraphs)
    )


def _timed_text(text: str) -> tuple[float | None, str]:
    """A speech line's own start time (a leading clock, a table's time cell), and the
    line without it."""
    if "\t" in text or text[0] == "|":
        row = table_row(text)
        if row is not None and row.label is None:
            return row.time, row.text
    if text[0] in "[(0123456789":
        time, skip = split_prefix(text, SPEECH_PREFIX)
        if time is not None:
            return time, text[skip:]
    return None, text


def _sets_off(line: Line, previous: Line | None, paragraph: Sequence[str]) -> bool:
    """Whether a line starts a paragraph of its own because a stage direction begins
    or has just ended there: after a sentence's end or a vote (a ``paragraph`` of a word
    or two: ``Mayor Lago: Yes``), a line opening a bracket or a whole direction, or any
    line once the ``paragraph`` so far is a whole direction."""
    vote = len(paragraph) == 1 and 0 < len(paragraph[0].split()) <= VOTE_WORDS
    if previous is None or not (previous.ends_sentence or vote):
        return False
    return (
        line.text[:1] in "(["
        or is_direction(line.text)
        or (previous.text[-1] in ")]" and is_direction(join_lines(paragraph)))
    )


def _drop_trailing_fragments(drafts: list[TurnDraft], furniture: list[Line]) -> None:
    """Move a few short caption-like paragraphs at the very end of the text to furniture,
    where the speech before them ends its sentence: after unpunctuated speech, a short
    unpunctuated line is the speaker's own style, not a page's caption."""
    if not drafts:
        return
    last = drafts[-1]
    count = 0
    while (
        count < MAX_TRAILING_FRAGMENTS
        and len(last.lines) > count + 1
        and len(last.lines[-count - 1]) == 1
        and is_fragment(last.lines[-count - 1][0].text)
    ):
        count += 1
    if count == 0 or not last.lines[-count - 1][-1].ends_sentence:
        return
    furniture.extend(lines[0] for lines in last.lines[-count:])
    del last.lines[-count:], last.paragraphs[-count:], last.times[-count:]
    last.end = last.lines[-1][-1].end


def _drop_directions_only_opening(drafts: list[TurnDraft], furniture: list[Line]) -> None:
    """An unlabelled opening made only of directions is nobody's turn: furniture."""
    if drafts and drafts[0].label is None:
        if all(kind == ParagraphKind.DIRECTION for kind in drafts[0].kinds(drafts[0].texts())):
            furniture.extend(line for lines in drafts[0].lines for line in lines)
            del drafts[0]
