"""A turn as the parser gathers it (:class:`TurnDraft`), and the :class:`Turn` it
becomes: speakers named, roles given, each paragraph's kind, time, page and line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.model import PARAGRAPH_SEPARATOR, Paragraph, ParagraphKind, Turn
from reader.core.parsing.directions import is_direction
from reader.core.parsing.furniture import is_procedure
from reader.core.parsing.lines import TERMINAL_PUNCTUATION, Line, join_lines, line_offsets
from reader.core.parsing.metadata import Header
from reader.core.parsing.pages import Pagination
from reader.core.parsing.speakers import opening_speaker, roles, speaker_names


@dataclass(slots=True)
class TurnDraft:
    """A turn being gathered: its paragraphs as lists of line texts, and those lines."""

    label: str | None
    start: int
    time: float | None
    paragraphs: list[list[str]] = field(default_factory=list)
    lines: list[list[Line]] = field(default_factory=list)
    times: list[float | None] = field(default_factory=list)
    """Each paragraph's start time in the recording, where the source gives one."""
    end: int = 0
    notes: set[int] = field(default_factory=set)
    """Paragraphs (by index) that are the record's notes of procedure: directions."""

    def add(self, text: str, line: Line, new_paragraph: bool, time: float | None = None) -> None:
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append([])
            self.lines.append([])
            opening = len(self.paragraphs) == 1
            self.times.append(self.time if opening and time is None else time)
        self.paragraphs[-1].append(text)
        self.lines[-1].append(line)
        self.end = line.end

    def current(self) -> list[str]:
        """The lines of the paragraph being gathered (none yet: empty)."""
        return self.paragraphs[-1] if self.paragraphs else []

    def add_note(self, line: Line) -> None:
        """A procedure line as a direction paragraph of its own."""
        self.add(line.text, line, True)
        self.notes.add(len(self.paragraphs) - 1)

    def texts(self) -> list[str]:
        """Each paragraph's lines joined."""
        return [join_lines(texts) for texts in self.paragraphs]

    def kinds(self, texts: Sequence[str]) -> list[ParagraphKind]:
        """Each paragraph's kind (``texts`` are :meth:`texts`): a note, wholly a
        direction or the record's narration of procedure, or else speech."""
        return [
            ParagraphKind.DIRECTION
            if index in self.notes or is_direction(text) or is_procedure(text)
            else ParagraphKind.SPEECH
            for index, text in enumerate(texts)
        ]

    def continues_sentence(self, ends: frozenset[str] = TERMINAL_PUNCTUATION) -> bool:
        """Whether the last line so far stops mid-sentence (as before a time mark): it
        does not end with one of ``ends``."""
        return bool(self.lines) and self.lines[-1][-1].text[-1] not in ends


def make_turns(
    drafts: Sequence[TurnDraft], header: Header, pagination: Pagination
) -> tuple[Turn, ...]:
    """Name each draft's speaker (an unlabelled opening's: :func:`.opening_speaker`),
    then roles."""
    names = speaker_names((d.label for d in drafts if d.label), header)
    first = next((d.label for d in drafts if d.label), None)
    opener = opening_speaker(first, names[first] if first else "", header)
    named = [
        (draft, names[draft.label] if draft.label else opener, _paragraphs(draft, pagination))
        for draft in drafts
    ]
    role_of = roles(
        [(d.label, speaker, _speech(paragraphs)) for d, speaker, paragraphs in named], header
    )
    return tuple(
        Turn(
            speaker=speaker,
            label=draft.label,
            role=role_of[speaker],
            paragraphs=paragraphs,
            start=draft.start,
            end=max(draft.end, draft.start),
            start_time=draft.time if draft.time is not None else next(iter(draft.times), None),
        )
        for draft, speaker, paragraphs in named
    )


def _paragraphs(draft: TurnDraft, pagination: Pagination) -> tuple[Paragraph, ...]:
    """A draft's paragraphs, each with its kind, start time, page and margin line
    number (the first starts at the turn's time unless the source times it)."""
    texts = draft.texts()
    kinds = draft.kinds(texts)
    if not pagination.paged and not pagination.margins:
        return tuple(map(Paragraph, texts, kinds, draft.times))
    places = [
        [(_page(n, pagination), pagination.margins.get(n)) for n in (line.number for line in lines)]
        for lines in draft.lines
    ]
    return tuple(
        Paragraph(text, kind, time, *where[0], marks=_marks(line_texts, where))
        for text, kind, time, line_texts, where in zip(
            texts, kinds, draft.times, draft.paragraphs, places, strict=True
        )
    )


def _page(number: int, pagination: Pagination) -> str | None:
    return pagination.page(number) if pagination.paged else None


def _marks(
    lines: Sequence[str], places: Sequence[tuple[str | None, int | None]]
) -> tuple[tuple[int, str | None, int | None], ...]:
    """Where a paragraph joined from ``lines`` moves to another page or numbered line:
    (offset in its text, page, line) at each line that does."""
    offsets = line_offsets(lines)
    return tuple(
        (offsets[i], *places[i]) for i in range(1, len(lines)) if places[i] != places[i - 1]
    )


def _speech(paragraphs: Sequence[Paragraph]) -> str:
    return PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs if p.kind is ParagraphKind.SPEECH)
