"""REFI-QDA import: a ``.qdc`` codebook, or a ``.qdpx`` project's codebook and codings.

A project's source is matched to a loaded interview when most of that interview's turns
occur in the source's text (whitespace and case aside), so the codings survive another
program's layout of the text. Each coded selection is anchored by its quoted words, near
where it was, like a bookmark after an edit. The file is read and checked whole before
anything is written, and everything is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.bookmarks import codebook
from reader.core.bookmarks.anchoring import find_after, locate
from reader.core.bookmarks.model import BookmarkError
from reader.core.bookmarks.store import BookmarkStore, insert, new_bookmark
from reader.core.model import Interview

MATCH_SHARE = 0.8
"""Share of an interview's turns that must occur in a source's text for it to match."""


@dataclass(frozen=True, slots=True)
class _Code:
    guid: str
    name: str
    parent: str | None
    color: str | None
    description: str


@dataclass(frozen=True, slots=True)
class _Selection:
    start: int
    end: int
    codes: tuple[str, ...]
    """GUIDs of the codes."""
    note: str
    created: dt.datetime | None


@dataclass(frozen=True, slots=True)
class _Source:
    name: str
    text: str | None
    selections: tuple[_Selection, ...]


@dataclass(frozen=True, slots=True)
class _Passage:
    interview: Interview
    turn: int
    start: int
    end: int
    selection: _Selection


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, and one line for each thing it could not do."""

    codes_added: int
    codes_found: int
    passages_added: int
    passages_updated: int
    skipped: tuple[str, ...] = field(default=())


def import_file(store: BookmarkStore, path: Path, interviews: Sequence[Interview]) -> ImportReport:
    """Import ``path`` (``.qdc`` or ``.qdpx``) into ``store``, matching ``interviews``."""
    codes, sources = read(path)
    passages: list[_Passage] = []
    skipped: list[str] = []
    for source in sources:
        passages += _anchor(source, interviews, skipped)
    with store.writing() as conn:
        names, added = _write_codes(conn, codes)
        new = updated = 0
        for passage in passages:
            code_names = [names[g] for g in passage.selection.codes if g in names]
            if _update_existing(conn, passage, code_names):
                updated += 1
                continue
            bookmark = new_bookmark(
                passage.interview,
                passage.turn,
                passage.interview.turns[passage.turn].text[passage.start : passage.end],
                start=passage.start,
                note=passage.selection.note,
                created=passage.selection.created,
            )
            insert(conn, bookmark, code_names)
            new += 1
    return ImportReport(added, len(codes) - added, new, updated, tuple(skipped))


def read(path: Path) -> tuple[list[_Code], list[_Source]]:
    """The codes (parents first) and text sources of a REFI-QDA file."""
    if path.is_dir():
        raise BookmarkError(f"{path}: is a folder, not a REFI-QDA file")
    if not path.exists():
        raise BookmarkError(f"{path}: no such file")
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                return _read_project(archive)
        root = ET.parse(path).getroot()
    except (OSError, zipfile.BadZipFile, ET.ParseError, UnicodeDecodeError) as exc:
        raise BookmarkError(f"{path}: not a REFI-QDA file ({_first_line(exc)})") from None
    if _local(root.tag) not in ("CodeBook", "Project"):
        raise BookmarkError(f"{path}: not a REFI-QDA file (it holds <{_local(root.tag)}>)")
    return _read_codes(root), []


def _read_project(archive: zipfile.ZipFile) -> tuple[list[_Code], list[_Source]]:
    entries = {name.lower(): name for name in archive.namelist()}
    if "project.qde" not in entries:
        raise BookmarkError(f"{archive.filename}: not a REFI-QDA project (no project.qde)")
    root = ET.fromstring(archive.read(entries["project.qde"]))
    notes = {
        _required(note, "guid"): _text(note, "PlainTextContent") for note in _all(root, "Note")
    }
    sources = [
        _read_source(element, archive, entries, notes) for element in _all(root, "TextSource")
    ]
    return _read_codes(root), sources


def _read_source(
    element: ET.Element,
    archive: zipfile.ZipFile,
    entries: dict[str, str],
    notes: dict[str, str],
) -> _Source:
    name = element.get("name") or _required(element, "guid")
    text = _text(element, "PlainTextContent") or None
    internal = (element.get("plainTextPath") or "").removeprefix("internal://")
    entry = entries.get(f"sources/{internal}".lower())
    if text is None and entry is not None:
        text = archive.read(entry).decode("utf-8-sig")
    selections = tuple(
        _read_selection(selection, notes)
        for selection in element
        if _local(selection.tag) == "PlainTextSelection"
    )
    return _Source(name, text, selections)


def _read_selection(element: ET.Element, notes: dict[str, str]) -> _Selection:
    try:
        start = int(_required(element, "startPosition"))
        end = int(_required(element, "endPosition"))
    except ValueError:
        raise BookmarkError("a PlainTextSelection has a position that is not a number") from None
    codes = tuple(_required(ref, "targetGUID") for ref in _all(element, "CodeRef"))
    refs = [_required(ref, "targetGUID") for ref in _all(element, "NoteRef")]
    note = "\n\n".join(notes[ref] for ref in refs if notes.get(ref))
    created = None
    if stamp := element.get("creationDateTime"):
        try:
            created = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            created = None
        if created is not None and created.tzinfo is None:
            created = created.replace(tzinfo=dt.UTC)
    return _Selection(start, end, codes, note, created)


def _read_codes(root: ET.Element) -> list[_Code]:
    codes: list[_Code] = []
    for holder in (e for e in root.iter() if _local(e.tag) == "Codes"):
        for element in holder:
            if _local(element.tag) == "Code":
                _walk_code(element, None, codes)
        break
    return codes


def _walk_code(element: ET.Element, parent: str | None, into: list[_Code]) -> None:
    code = _Code(
        guid=_required(element, "guid"),
        name=_required(element, "name"),
        parent=parent,
        color=element.get("color"),
        description=_text(element, "Description"),
    )
    into.append(code)
    for child in element:
        if _local(child.tag) == "Code":
            _walk_code(child, code.guid, into)


def _anchor(source: _Source, interviews: Sequence[Interview], skipped: list[str]) -> list[_Passage]:
    """The source's selections as passages of the interview it matches."""
    if not source.selections:
        return []
    count = f"{len(source.selections)} coded passage(s) not imported"
    if source.text is None:
        skipped.append(f"source {source.name!r}: its text is not in the project; {count}")
        return []
    interview = _matching(source.text, interviews)
    if interview is None:
        skipped.append(f"source {source.name!r}: no loaded interview has its text; {count}")
        return []
    offsets = _turn_offsets(source.text, interview)
    passages = []
    for selection in source.selections:
        quote = source.text[selection.start : selection.end]
        turn = max((i for i, at in enumerate(offsets) if at <= selection.start), default=0)
        anchor = None
        if 0 <= selection.start < selection.end <= len(source.text) and quote.strip():
            anchor = locate(interview, quote, turn, selection.start - offsets[turn])
        if anchor is None:
            skipped.append(
                f"source {source.name!r}: passage at {selection.start}-{selection.end}"
                f" (“{' '.join(quote.split())[:50]}”) is not in one turn of"
                f" {interview.title!r}; not imported"
            )
            continue
        passages.append(_Passage(interview, anchor.turn, anchor.start, anchor.end, selection))
    return passages


def _matching(text: str, interviews: Sequence[Interview]) -> Interview | None:
    """The interview most of whose turns are in ``text``, if any."""
    flat = _flat(text)
    best: tuple[float, Interview] | None = None
    for interview in interviews:
        turns = [_flat(turn.text) for turn in interview.turns if turn.text.strip()]
        if not turns:
            continue
        share = sum(turn in flat for turn in turns) / len(turns)
        if share >= MATCH_SHARE and (best is None or share > best[0]):
            best = (share, interview)
    return best[1] if best else None


def _turn_offsets(text: str, interview: Interview) -> list[int]:
    """Where each turn's text begins in ``text`` (or the previous turn's end if absent)."""
    offsets, pos = [], 0
    for turn in interview.turns:
        span = find_after(text, turn.text, pos) if turn.text.strip() else None
        offsets.append(span[0] if span else pos)
        pos = span[1] if span else pos
    return offsets


def _write_codes(conn: sqlite3.Connection, codes: Sequence[_Code]) -> tuple[dict[str, str], int]:
    """Codes found by GUID or name, the rest added; returns GUID → local name, added."""
    local = codebook.all_codes(conn)
    by_guid = {code.guid.lower(): code.name for code in local}
    names: dict[str, str] = {}
    added = 0
    for code in codes:
        found = by_guid.get(code.guid.lower())
        if found is None:
            try:
                found = codebook.find(conn, code.name).name
            except BookmarkError:
                parent = names.get(code.parent) if code.parent else None
                found = codebook.add(
                    conn,
                    code.name,
                    parent=parent,
                    color=_color(code.color),
                    description=code.description,
                    guid=code.guid,
                ).name
                added += 1
        names[code.guid] = found
    return names, added


def _update_existing(conn: sqlite3.Connection, passage: _Passage, names: list[str]) -> bool:
    """Add codes (and a missing note) to a bookmark already on this very passage."""
    source = str(Path(passage.interview.source or "").resolve())
    row = conn.execute(
        "SELECT id, note FROM bookmarks WHERE source = ? AND turn = ? AND quote_start = ?"
        " AND quote_end = ? ORDER BY id LIMIT 1",
        (source, passage.turn, passage.start, passage.end),
    ).fetchone()
    if row is None:
        return False
    codebook.link(conn, row[0], names)
    if not row[1] and passage.selection.note:
        conn.execute("UPDATE bookmarks SET note = ? WHERE id = ?", (passage.selection.note, row[0]))
    return True


def _color(color: str | None) -> str | None:
    try:
        return codebook.valid_color(color) if color else None
    except BookmarkError:
        return None


def _local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rpartition("}")[2]


def _all(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if _local(element.tag) == name]


def _text(element: ET.Element, child: str) -> str:
    for sub in element:
        if _local(sub.tag) == child:
            return sub.text or ""
    return ""


def _required(element: ET.Element, attribute: str) -> str:
    value = element.get(attribute)
    if value is None:
        raise BookmarkError(
            f"malformed REFI-QDA file: a <{_local(element.tag)}> has no {attribute}"
        )
    return value


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _flat(text: str) -> str:
    """Text compared without regard to whitespace or case."""
    return " ".join(text.split()).casefold()
