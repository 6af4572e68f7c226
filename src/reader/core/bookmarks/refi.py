"""REFI-QDA export: the codebook as ``.qdc``, coded passages as a ``.qdpx`` project.

A ``.qdpx`` is a zip of ``project.qde`` (QDA-XML, namespace ``urn:QDA-XML:project:1.0``)
and one UTF-8 text file per interview under ``Sources/``, as NVivo, ATLAS.ti, MAXQDA and
QualCoder exchange them. Each interview's text is written as ``Speaker: words`` turns,
so a passage's ``startPosition``/``endPosition`` (characters of that text) are its
turn's offset plus the bookmark's own offsets: they enclose exactly the quoted words.
GUIDs are derived from what they name, so exporting twice gives the same ones.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader import __version__
from reader.core.bookmarks.model import Bookmark, Code
from reader.core.model import Interview, LoadError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
NAMESPACE = uuid.UUID("6f0d5a52-6f9c-4f53-9d0e-1c2f0e6a3b71")
"""Fixed namespace for the GUIDs this reader derives (uuid5)."""
SPEAKER_SEPARATOR = ": "
TURN_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class SourceText:
    """An interview as the plain text of a REFI-QDA source."""

    text: str
    turn_offsets: tuple[int, ...]
    """Where each turn's ``Turn.text`` begins in ``text``."""


def source_text(interview: Interview) -> SourceText:
    """The title, then each turn as ``Speaker: text``, separated by blank lines."""
    parts = [interview.title]
    if interview.date:
        parts.append(interview.date.isoformat())
    text = "\n".join(parts)
    offsets = []
    for turn in interview.turns:
        text += TURN_SEPARATOR + turn.speaker + SPEAKER_SEPARATOR
        offsets.append(len(text))
        text += turn.text
    return SourceText(text + "\n", tuple(offsets))


def guid(*parts: object) -> str:
    """A stable GUID for the thing these parts name."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(part) for part in parts)))


def selection_guid(bookmark: Bookmark) -> str:
    """The GUID of a bookmark's ``PlainTextSelection``."""
    return guid("selection", bookmark.id, bookmark.created.isoformat())


def codebook(codes: Sequence[Code]) -> bytes:
    """A ``.qdc`` file: ``<CodeBook>`` with the code tree, in the codebook namespace."""
    root = ET.Element("CodeBook")
    root.append(_codes(codes))
    return _serialise(root, CODEBOOK_NS)


def project(
    bookmarks: Sequence[Bookmark],
    codes: Sequence[Code],
    load: Callable[[Path], Interview],
    user: str,
    now: dt.datetime | None = None,
) -> tuple[bytes, list[str]]:
    """A ``.qdpx`` zip of these bookmarks, and one line per bookmark left out (and why)."""
    stamp = _stamp(now or dt.datetime.now(dt.UTC))
    user_guid = guid("user", user)
    root = ET.Element(
        "Project",
        {
            "name": "interview-reader project",
            "origin": _origin(),
            "creatingUserGUID": user_guid,
            "creationDateTime": stamp,
        },
    )
    users = _sub(root, "Users")
    _sub(users, "User", guid=user_guid, name=user)
    if codes:
        _sub(root, "CodeBook").append(_codes(codes))
    sources, notes, skipped = _sources(bookmarks, codes, load, user_guid)
    if sources:
        sources_element = _sub(root, "Sources")
        for element, _ in sources:
            sources_element.append(element)
    if notes:
        _sub(root, "Notes").extend(notes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _serialise(root, PROJECT_NS))
        for element, text in sources:
            archive.writestr(f"Sources/{element.get('guid')}.txt", text.encode("utf-8"))
    return out.getvalue(), skipped


_Source = tuple[ET.Element, str]


def _sources(
    bookmarks: Sequence[Bookmark],
    codes: Sequence[Code],
    load: Callable[[Path], Interview],
    user_guid: str,
) -> tuple[list[_Source], list[ET.Element], list[str]]:
    """One ``TextSource`` per interview with bookmarks, the notes, and what was skipped."""
    by_name = {code.name: code for code in codes}
    by_source: dict[Path, list[Bookmark]] = {}
    for bookmark in sorted(bookmarks, key=lambda b: (str(b.source), b.turn, b.start, b.id)):
        by_source.setdefault(bookmark.source, []).append(bookmark)
    sources: list[_Source] = []
    notes: list[ET.Element] = []
    skipped: list[str] = []
    for path, group in by_source.items():
        try:
            interview = load(path)
        except LoadError as exc:
            skipped.append(f"not exported: {len(group)} passage(s) of {path.name}: {exc.reason}")
            continue
        plain = source_text(interview)
        element = ET.Element(
            "TextSource",
            guid=guid("source", path),
            name=interview.title,
            plainTextPath=f"internal://{guid('source', path)}.txt",
        )
        for bookmark in group:
            if not _in_place(bookmark, interview):
                skipped.append(
                    f"not exported: bookmark #{bookmark.id}: its passage is not in the"
                    f" current version of {path.name}"
                )
                continue
            offset = plain.turn_offsets[bookmark.turn]
            selection = _selection(bookmark, offset, by_name, user_guid)
            element.append(selection)
            if bookmark.note.strip():
                notes.append(_note(bookmark, selection, user_guid))
        if len(element):
            sources.append((element, plain.text))
    return sources, notes, skipped


def _in_place(bookmark: Bookmark, interview: Interview) -> bool:
    turns = interview.turns
    return (
        not bookmark.orphaned
        and bookmark.turn < len(turns)
        and turns[bookmark.turn].text[bookmark.start : bookmark.end] == bookmark.quote
    )


def _selection(
    bookmark: Bookmark, offset: int, by_name: dict[str, Code], user_guid: str
) -> ET.Element:
    selection = ET.Element(
        "PlainTextSelection",
        guid=selection_guid(bookmark),
        name=_short(bookmark.quote),
        startPosition=str(offset + bookmark.start),
        endPosition=str(offset + bookmark.end),
        creatingUser=user_guid,
        creationDateTime=_stamp(bookmark.created),
        modifyingUser=user_guid,
        modifiedDateTime=_stamp(bookmark.updated),
    )
    for name in bookmark.codes:
        code = by_name[name]
        coding = _sub(
            selection,
            "Coding",
            guid=guid("coding", selection.get("guid"), code.guid),
            creatingUser=user_guid,
            creationDateTime=_stamp(bookmark.updated),
        )
        _sub(coding, "CodeRef", targetGUID=code.guid)
    return selection


def _note(bookmark: Bookmark, selection: ET.Element, user_guid: str) -> ET.Element:
    note_guid = guid("note", selection.get("guid"))
    _sub(selection, "NoteRef", targetGUID=note_guid)
    note = ET.Element(
        "Note",
        guid=note_guid,
        name=f"Note on “{_short(bookmark.quote, 40)}”",
        creatingUser=user_guid,
        creationDateTime=_stamp(bookmark.updated),
    )
    _sub(note, "PlainTextContent").text = bookmark.note
    return note


def _codes(codes: Sequence[Code]) -> ET.Element:
    """``<Codes>`` holding the tree: each code nested in its parent."""
    children: dict[int | None, list[Code]] = {}
    known = {code.id for code in codes}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)
    element = ET.Element("Codes")
    _add_codes(element, children, None)
    return element


def _add_codes(parent: ET.Element, children: dict[int | None, list[Code]], key: int | None) -> None:
    for code in children.get(key, []):
        element = ET.SubElement(
            parent,
            "Code",
            guid=code.guid,
            name=code.name,
            isCodable="true",
            color=code.color,
        )
        if code.description:
            ET.SubElement(element, "Description").text = code.description
        _add_codes(element, children, code.id)


def _sub(parent: ET.Element, tag: str, **attributes: str | None) -> ET.Element:
    clean = {key: value for key, value in attributes.items() if value is not None}
    return ET.SubElement(parent, tag, clean)


def _serialise(root: ET.Element, ns: str) -> bytes:
    """The document, its elements (built with local names) in namespace ``ns``, declared
    once on the root (ElementTree's ``default_namespace`` refuses unqualified attributes,
    which QDA-XML uses)."""
    root.set("xmlns", ns)
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def _stamp(moment: dt.datetime) -> str:
    """``xsd:dateTime`` in UTC: ``2024-01-02T03:04:05.123456Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _short(text: str, width: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1] + "…"


def _origin() -> str:
    return f"interview-reader {__version__}"
