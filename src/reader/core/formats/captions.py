"""WebVTT (``.vtt``) and SubRip (``.srt``) captions: cues become turns.

A speaker comes from a voice tag (``<v Jane Doe>``) or, as Zoom writes it, a
``Jane Doe: text`` label at the start of a cue line (broadcast captions also write
``>> JANE:`` or the label alone on its line); such labels count where the file uses
them as labels, so a lone ``Note: ...`` stays speech. Consecutive cues by one speaker
form one turn of one paragraph; its ``start_time`` is the first cue's start. Cues with
no speaker continue the previous turn, or at the start open one for an unnamed speaker
(named as the plain-text parser names one). Roles are decided as that parser does.

Offsets (``start``/``end``) are into the decoded caption file itself, like those of a
plain-text transcript. Everything that is not speech (the header, NOTE/STYLE/REGION
blocks, cue numbers and identifiers, timing lines, and caption lines that only repeat
the previous cue, as rolling auto-captions do) is listed in ``Interview.furniture``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.decoding import read_text
from reader.core.model import Interview, LoadError, Turn
from reader.core.parsing.metadata import Header
from reader.core.parsing.speakers import UNKNOWN_SPEAKER, roles, speaker_name

_VTT_HEADER = re.compile(r"WEBVTT(?:[ \t](?P<title>.*))?")
_VTT_TIME = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_SRT_TIME = r"(\d+):([0-5]\d):([0-5]\d)[,.](\d{1,3})"
_VTT_TIMING = re.compile(rf"{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t].*)?")
_SRT_TIMING = re.compile(rf"{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?")
_VTT_NON_CUE = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>]*)>")
_SPACES = re.compile(r"[ \t\n\r\f]+")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
_LABEL = re.compile(
    r"(?:>>[ \t]*)?"
    r"(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,4}(?:[ \t]+\([^()]{1,30}\))?)"
    r":(?:[ \t\xa0]+(?P<text>\S.*))?"
)
"""A speaker label: a short name, perhaps with a note such as ``(Host)``, then a colon and
the speech, or nothing (the speech is on the next lines). Broadcast captions put ``>>``
before it."""


@dataclass(frozen=True, slots=True)
class _Line:
    """One source line and where it sits in the decoded file."""

    number: int
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class _Cue:
    start_time: float
    lines: tuple[_Line, ...]


@dataclass(frozen=True, slots=True)
class _Caption:
    """A cue line reduced to its speech, with the speaker label it starts with, if any."""

    line: _Line
    text: str
    label: str | None = None


@dataclass(slots=True)
class _TurnBuilder:
    first: _Line
    speaker: str
    label: str | None
    start_time: float
    end: int = 0
    pieces: list[str] = field(default_factory=list)

    def add(self, text: str, end: int) -> None:
        self.pieces.append(text)
        self.end = end


def load_vtt(path: Path) -> Interview:
    """Load a WebVTT caption file."""
    return parse_vtt(read_text(path), source=path)


def load_srt(path: Path) -> Interview:
    """Load a SubRip caption file."""
    return parse_srt(read_text(path), source=path)


def parse_vtt(text: str, source: Path | None = None) -> Interview:
    """Turn decoded WebVTT text into an interview; raise LoadError if it is not WebVTT."""
    blocks = list(_blocks(text))
    header = blocks[0] if blocks else ()
    match = _VTT_HEADER.fullmatch(header[0].text.rstrip()) if header else None
    if match is None:
        raise _error(source, "not a WebVTT file (it does not start with WEBVTT)")
    furniture = list(header)
    cue_blocks: list[tuple[_Line, ...]] = []
    for block in blocks[1:]:
        if _VTT_NON_CUE.fullmatch(block[0].text.rstrip()):
            furniture.extend(block)
        else:
            cue_blocks.append(block)
    cues = _cues(cue_blocks, _VTT_TIMING, furniture, source)
    title = (match["title"] or "").strip(" -\t")
    return _interview(cues, furniture, source, title, _vtt_caption)


def parse_srt(text: str, source: Path | None = None) -> Interview:
    """Turn decoded SubRip text into an interview; raise LoadError if it is not SRT."""
    furniture: list[_Line] = []
    cues = _cues(list(_blocks(text)), _SRT_TIMING, furniture, source)
    return _interview(cues, furniture, source, "", _srt_caption)


def _blocks(text: str) -> Iterator[tuple[_Line, ...]]:
    """Runs of non-blank lines, each line with its number and offset."""
    block: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            block.append(_Line(number, raw, offset))
        elif block:
            yield tuple(block)
            block = []
        offset += len(raw) + 1
    if block:
        yield tuple(block)


def _cues(
    blocks: list[tuple[_Line, ...]],
    timing: re.Pattern[str],
    furniture: list[_Line],
    source: Path | None,
) -> list[_Cue]:
    """Cues from blocks of an optional identifier, a timing line and text lines.

    A block with no timing line continues the previous cue's text: caption text may
    itself contain blank or whitespace-only lines (YouTube writes a lone space).
    """
    cues: list[_Cue] = []
    for block in blocks:
        index = next((i for i, line in enumerate(block[:2]) if "-->" in line.text), None)
        if index is None and cues:
            cues[-1] = _Cue(cues[-1].start_time, cues[-1].lines + block)
            continue
        numbered = len(block) > 1 and block[0].text.strip().isdigit()
        line = block[index if index is not None else int(numbered)]
        match = timing.fullmatch(line.text.strip())
        if index is None or match is None:
            shown = line.text.strip()[:60]
            raise _error(source, f"line {line.number}: expected a cue timing, found {shown!r}")
        furniture.extend(block[: index + 1])
        hours, minutes, seconds, millis = match.groups()[:4]
        start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
        cues.append(_Cue(start, block[index + 1 :]))
    return cues


def _clean(text: str) -> str:
    """Caption markup removed, entities decoded, spaces collapsed (not non-breaking ones)."""
    text = _SPACES.sub(" ", html.unescape(_TAG.sub("", text))).strip(" ")
    return text if text.strip() else ""


def _vtt_caption(line: _Line) -> _Caption:
    voice = _VOICE.search(line.text)
    label = " ".join(voice["name"].split()) if voice else ""
    return _Caption(line, _clean(line.text), label or None)


def _srt_caption(line: _Line) -> _Caption:
    return _Caption(line, _clean(line.text))


def _with_labels(captions: list[_Caption]) -> list[_Caption]:
    """Read Zoom-style ``Name: text`` labels where the file uses them as labels.

    A name counts as a label when most caption lines carry a label, or when that
    name labels at least two lines; so a lone ``Note: ...`` stays speech.
    """
    found = {id(c): _LABEL.fullmatch(c.text) for c in captions if c.label is None}
    names = Counter(m["name"] for m in found.values() if m)
    mostly_labelled = 2 * sum(names.values()) >= len(captions)
    result = []
    for caption in captions:
        match = found.get(id(caption))
        if match and (mostly_labelled or names[match["name"]] >= 2):
            caption = _Caption(caption.line, match["text"] or "", match["name"])
        result.append(caption)
    return result


def _interview(
    cues: list[_Cue],
    furniture: list[_Line],
    source: Path | None,
    title: str,
    read: Callable[[_Line], _Caption],
) -> Interview:
    header = Header()
    captions = _with_labels([read(line) for cue in cues for line in cue.lines])
    builders = _build_turns(cues, captions, furniture, header)
    if not builders:
        raise _error(source, "no caption text in the file")
    said = [(b.label, b.speaker, " ".join(b.pieces)) for b in builders]
    role_of = roles(said, header)
    turns = tuple(
        Turn(b.speaker, b.label, role_of[b.speaker], (text,), b.first.start, b.end, b.start_time)
        for b, (_, _, text) in zip(builders, said, strict=True)
    )
    placed = sorted(furniture, key=_start)
    return Interview(
        source=source,
        title=title or (source.stem if source else "Untitled transcript"),
        turns=turns,
        furniture=tuple(line.text.strip() for line in placed),
        furniture_starts=tuple(_stripped_start(line) for line in placed),
    )


def _build_turns(
    cues: list[_Cue], captions: list[_Caption], furniture: list[_Line], header: Header
) -> list[_TurnBuilder]:
    """Group caption lines into turns; lines without speech go to ``furniture``.

    Labels are named as the plain-text parser names them (``Q`` is "Question").
    """
    by_line = {caption.line.start: caption for caption in captions}
    builders: list[_TurnBuilder] = []
    labelled: _TurnBuilder | None = None  # the latest label, until speech follows it
    previous: set[str] = set()
    for cue in cues:
        texts: set[str] = set()
        for line in cue.lines:
            caption = by_line[line.start]
            texts.add(caption.text)
            current = builders[-1] if builders else None
            rolling = current and not caption.label and caption.text in previous
            if not (caption.text or caption.label) or rolling:
                furniture.append(line)  # no speech, or a rolling caption's repeated line
                continue
            if caption.label:
                if labelled:
                    furniture.append(labelled.first)  # a label with nothing said after it
                speaker = speaker_name(caption.label, header)
                labelled = _TurnBuilder(line, speaker, caption.label, cue.start_time)
            if not caption.text:
                continue
            if labelled and (current is None or labelled.speaker != current.speaker):
                current = labelled
                builders.append(current)
            elif current is None:
                current = _TurnBuilder(line, UNKNOWN_SPEAKER, None, cue.start_time)
                builders.append(current)
            labelled = None
            current.add(caption.text, line.end)
        previous = texts
    if labelled:
        furniture.append(labelled.first)
    return builders


def _start(line: _Line) -> int:
    return line.start


def _stripped_start(line: _Line) -> int:
    """Where the line's text starts once leading blanks are stripped."""
    return line.start + len(line.text) - len(line.text.lstrip())


def _error(source: Path | None, reason: str) -> LoadError:
    return LoadError(source or "<text>", reason)
