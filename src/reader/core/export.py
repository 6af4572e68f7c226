"""An interview as Markdown (speaker headings, paragraphs) or as JSON (``reader parse --json``).

Transcript text is escaped so that Markdown renders it literally: ``*``, ``_``,
``[inaudible]`` or a line starting with ``#`` stay text, never formatting. A Markdown
export begins with :data:`EXPORT_MARK`, so that a folder searched for transcripts
(where the app may have written it) does not read it back as one more interview.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.model import Interview, Paragraph, Turn, hms

FORMATS = ("md", "json")
"""Export formats, as ``reader export --format`` names them."""
EXPORT_MARK = "<!-- interview-reader export: skipped when its folder is read for transcripts -->"
"""The first line of a Markdown export: an HTML comment, hidden where Markdown is shown."""
_MARK_BYTES = EXPORT_MARK.encode()
_BOM = b"\xef\xbb\xbf"

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^([ \t]*)(#+|[-+=]+|\d+[.)])(?=\s|$)", re.MULTILINE)


def export(interview: Interview, fmt: str) -> str:
    """``interview`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "md":
        return to_markdown(interview)
    if fmt == "json":
        return to_json_text(interview)
    raise ValueError(f"unknown export format {fmt!r} (use md or json)")


def export_file(interview: Interview, fmt: str, folder: Path) -> Path:
    """Write ``interview`` into a new file in ``folder``; return its path.

    The name is the transcript's (``kerry.md``), numbered when taken (``kerry (2).md``),
    so no existing file, the transcript included, is ever overwritten. Raises OSError.
    """
    return write_new(folder, export_name(interview, fmt), export(interview, fmt))


def write_new(folder: Path, name: str, text: str, *, newline: str | None = None) -> Path:
    """Write ``text`` to a new file ``name`` in ``folder`` (``name (2).csv`` when taken),
    never over an existing file. Raises OSError."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for number in range(1, 1000):
        path = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
        try:
            with path.open("x", encoding="utf-8", newline=newline) as file:
                file.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / name}: too many files with this name already")


def export_name(interview: Interview, fmt: str) -> str:
    """The file name an export gets: the transcript's name, or one made from the title."""
    if interview.source is not None:
        return f"{interview.source.stem}.{fmt}"
    stem = re.sub(r"[^\w.-]+", "-", interview.title).strip("-.")[:80] or "interview"
    return f"{stem}.{fmt}"


def is_markdown_export(path: str) -> bool:
    """Whether the file is a Markdown export (begins with :data:`EXPORT_MARK`)."""
    if not is_markdown_name(path):
        return False
    try:
        with open(path, "rb") as file:
            head = file.read(len(_MARK_BYTES) + 3)
    except OSError:
        return False  # the loader will say what is wrong with it
    return is_export_content(path, head)


def is_export_content(path: str, data: bytes) -> bool:
    """Whether ``data``, the start of the file at ``path`` (or all of it), is a
    Markdown export's: a ``.md``/``.markdown`` file that begins with
    :data:`EXPORT_MARK` (after a byte order mark, if any)."""
    return is_markdown_name(path) and data.startswith((_MARK_BYTES, _BOM + _MARK_BYTES))


def is_markdown_name(path: str) -> bool:
    """Whether the file's name is a Markdown one, where an export may be."""
    return path.lower().endswith((".md", ".markdown"))


def to_json_text(interview: Interview) -> str:
    """Exactly :meth:`Interview.to_json`, pretty-printed, ending with a newline."""
    import json  # here: the walk of every start needs this module, not json

    return json.dumps(interview.to_json(), indent=2, ensure_ascii=False) + "\n"


def to_markdown(interview: Interview) -> str:
    """A title, the metadata as a list, then one heading per turn and its paragraphs
    (stage directions in italics)."""
    blocks = [EXPORT_MARK, f"# {escape(interview.title)}"]
    details = _details(interview)
    if details:
        blocks.append("\n".join(details))
    if interview.description:
        blocks.append(escape(interview.description))
    for turn in interview.turns:
        blocks.append(_heading(turn))
        blocks.extend(_paragraph(paragraph) for paragraph in turn.paragraphs)
    return "\n\n".join(blocks) + "\n"


def escape(text: str) -> str:
    """``text`` with Markdown syntax backslash-escaped so it renders as written."""
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    return _BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


def _paragraph(paragraph: Paragraph) -> str:
    """A speech paragraph as written; a stage direction in italics."""
    text = escape(paragraph.text)
    return text if paragraph.is_speech else f"*{text}*"


def _heading(turn: Turn) -> str:
    heading = f"## {escape(turn.speaker)}"
    if turn.start_time is not None:
        heading += f" ({hms(turn.start_time)})"
    return heading


def _details(interview: Interview) -> list[str]:
    interviewee = interview.interviewee
    if interviewee and interview.interviewee_role:
        interviewee = f"{interviewee}, {interview.interviewee_role}"
    fields = [
        ("Date", interview.date.isoformat() if interview.date else None),
        ("Place", interview.place),
        ("Interviewer", interview.interviewer),
        ("Outlet", interview.outlet),
        ("Interviewee", interviewee),
        ("Source", interview.source.name if interview.source else None),
    ]
    return [f"- **{name}:** {escape(value)}" for name, value in fields if value]
