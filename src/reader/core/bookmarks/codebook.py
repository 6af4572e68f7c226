"""The codebook's rules, as SQL on a connection inside the store's write transaction.

Codes form a tree (``parent``); names are unique regardless of case. A passage (a
bookmark) carries any number of codes through ``bookmark_codes``. Every function raises
BookmarkError with one line for users, before writing anything, when a rule is broken.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence

from reader.core.bookmarks.model import BookmarkError, Code

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
"""Colours given to new codes in turn (Tableau 10: distinct on light and dark themes)."""
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_SHORT_COLOR = re.compile(r"#[0-9a-fA-F]{3}")
_COLUMNS = "id, guid, name, parent, color, description"


def all_codes(conn: sqlite3.Connection) -> list[Code]:
    """Every code, by name."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM codes ORDER BY name COLLATE NOCASE, id")
    return [Code(*row) for row in rows]


def usage(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """For each code id in use: (passages, distinct interview files)."""
    rows = conn.execute(
        "SELECT bc.code, COUNT(*), COUNT(DISTINCT b.source) FROM bookmark_codes bc"
        " JOIN bookmarks b ON b.id = bc.bookmark GROUP BY bc.code"
    )
    return {code: (passages, interviews) for code, passages, interviews in rows}


def find(conn: sqlite3.Connection, name: str) -> Code:
    """The code called ``name`` (any case); BookmarkError if there is none."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM codes WHERE name = ? COLLATE NOCASE", (name.strip(),)
    ).fetchone()
    if row is None:
        raise BookmarkError(f"no code named {name.strip()!r} (see 'reader codes list')")
    return Code(*row)


def add(
    conn: sqlite3.Connection,
    name: str,
    *,
    parent: str | None = None,
    color: str | None = None,
    description: str = "",
    guid: str | None = None,
) -> Code:
    """Create a code; its colour defaults to the next one of :data:`PALETTE`."""
    name = _valid_name(conn, name)
    parent_id = find(conn, parent).id if parent else None
    if color is None:
        count = conn.execute("SELECT COUNT(*) FROM codes").fetchone()[0]
        color = PALETTE[count % len(PALETTE)]
    code = Code(0, guid or str(uuid.uuid4()), name, parent_id, valid_color(color), description)
    cursor = conn.execute(
        "INSERT INTO codes (guid, name, parent, color, description) VALUES (?, ?, ?, ?, ?)",
        (code.guid, code.name, code.parent, code.color, code.description),
    )
    return Code(cursor.lastrowid or 0, code.guid, name, parent_id, code.color, description)


def rename(conn: sqlite3.Connection, old: str, new: str) -> Code:
    """Give a code a new name (a change of case alone is allowed)."""
    code = find(conn, old)
    if new.strip().casefold() != code.name.casefold():
        new = _valid_name(conn, new)
    conn.execute("UPDATE codes SET name = ? WHERE id = ?", (new.strip(), code.id))
    return find(conn, new)


def move(conn: sqlite3.Connection, name: str, parent: str | None) -> Code:
    """Put a code under ``parent`` (None: at the top); a cycle is refused."""
    code = find(conn, name)
    target = find(conn, parent) if parent else None
    if target is not None and code.id in _ancestry(conn, target.id):
        raise BookmarkError(
            f"cannot put {code.name!r} under {target.name!r}: {target.name!r} is"
            f" {'that code' if target.id == code.id else 'inside it'}"
        )
    conn.execute(
        "UPDATE codes SET parent = ? WHERE id = ?", (target.id if target else None, code.id)
    )
    return find(conn, name)


def edit(
    conn: sqlite3.Connection, name: str, *, color: str | None, description: str | None
) -> Code:
    """Change a code's colour and/or description."""
    code = find(conn, name)
    conn.execute(
        "UPDATE codes SET color = ?, description = ? WHERE id = ?",
        (
            valid_color(color) if color is not None else code.color,
            description if description is not None else code.description,
            code.id,
        ),
    )
    return find(conn, name)


def merge(conn: sqlite3.Connection, source: str, into: str) -> Code:
    """Move ``source``'s passages and sub-codes to ``into`` and delete ``source``."""
    gone, kept = find(conn, source), find(conn, into)
    if gone.id in _ancestry(conn, kept.id):
        raise BookmarkError(
            f"cannot merge {gone.name!r} into {kept.name!r}: "
            + ("they are the same code" if gone.id == kept.id else f"{kept.name!r} is inside it")
        )
    conn.execute(
        "INSERT OR IGNORE INTO bookmark_codes (bookmark, code)"
        " SELECT bookmark, ? FROM bookmark_codes WHERE code = ? ORDER BY rowid",
        (kept.id, gone.id),
    )
    conn.execute("UPDATE codes SET parent = ? WHERE parent = ?", (kept.id, gone.id))
    _delete(conn, gone)
    return kept


def remove(conn: sqlite3.Connection, name: str, *, force: bool = False) -> int:
    """Delete a code, its sub-codes moving up a level; returns how many passages lost it.

    A code on passages is only deleted with ``force``: the passages stay, without it.
    """
    code = find(conn, name)
    used = conn.execute("SELECT COUNT(*) FROM bookmark_codes WHERE code = ?", (code.id,))
    count = int(used.fetchone()[0])
    if count and not force:
        passages = "1 passage" if count == 1 else f"{count} passages"
        raise BookmarkError(
            f"code {code.name!r} is on {passages}: remove it with --force (the passages stay)"
        )
    conn.execute("UPDATE codes SET parent = ? WHERE parent = ?", (code.parent, code.id))
    _delete(conn, code)
    return count


def link(conn: sqlite3.Connection, bookmark_id: int, names: Iterable[str]) -> None:
    """Add codes (by name, all existing) to a bookmark; ones it already has are kept once."""
    codes = [find(conn, name) for name in names]
    conn.executemany(
        "INSERT OR IGNORE INTO bookmark_codes (bookmark, code) VALUES (?, ?)",
        [(bookmark_id, code.id) for code in codes],
    )


def unlink(conn: sqlite3.Connection, bookmark_id: int, name: str) -> None:
    """Take a code off a bookmark; BookmarkError if it did not have it."""
    code = find(conn, name)
    cursor = conn.execute(
        "DELETE FROM bookmark_codes WHERE bookmark = ? AND code = ?", (bookmark_id, code.id)
    )
    if cursor.rowcount == 0:
        raise BookmarkError(f"bookmark {bookmark_id} is not coded {code.name!r}")


def names_by_bookmark(conn: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """Each coded bookmark's code names, in the order they were given."""
    result: dict[int, tuple[str, ...]] = {}
    rows = conn.execute(
        "SELECT bc.bookmark, c.name FROM bookmark_codes bc JOIN codes c ON c.id = bc.code"
        " ORDER BY bc.rowid"
    )
    for bookmark, name in rows:
        result[bookmark] = (*result.get(bookmark, ()), name)
    return result


def clean_names(names: Sequence[str]) -> tuple[str, ...]:
    """Names trimmed, blanks dropped, repeats (in any case) kept once."""
    if isinstance(names, str):
        names = (names,)
    seen: dict[str, str] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip().casefold(), name.strip())
    return tuple(seen.values())


def tree(codes: Sequence[Code]) -> list[tuple[Code, int]]:
    """Codes in tree order (each parent before its children, siblings by name), with depth."""
    known = {code.id for code in codes}
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)
    ordered: list[tuple[Code, int]] = []

    def walk(key: int | None, depth: int) -> None:
        for code in children.get(key, []):
            ordered.append((code, depth))
            walk(code.id, depth + 1)

    walk(None, 0)
    return ordered


def valid_color(color: str) -> str:
    """``#rrggbb`` (lower case) from ``#RRGGBB`` or ``#RGB``; BookmarkError otherwise."""
    color = color.strip()
    if _SHORT_COLOR.fullmatch(color):
        color = "#" + "".join(digit * 2 for digit in color[1:])
    if not _COLOR.fullmatch(color):
        raise BookmarkError(f"{color!r} is not a colour: use #RRGGBB, e.g. #4e79a7")
    return color.lower()


def _valid_name(conn: sqlite3.Connection, name: str) -> str:
    name = name.strip()
    if not name:
        raise BookmarkError("a code needs a name")
    if "\n" in name or "\r" in name:
        raise BookmarkError("a code name is one line")
    taken = conn.execute("SELECT name FROM codes WHERE name = ? COLLATE NOCASE", (name,))
    row = taken.fetchone()
    if row is not None:
        raise BookmarkError(f"a code named {row[0]!r} already exists")
    return name


def _ancestry(conn: sqlite3.Connection, code_id: int) -> list[int]:
    """``code_id`` and the ids of every code above it."""
    chain = [code_id]
    while True:
        row = conn.execute("SELECT parent FROM codes WHERE id = ?", (chain[-1],)).fetchone()
        if row is None or row[0] is None or row[0] in chain:
            return chain
        chain.append(row[0])


def _delete(conn: sqlite3.Connection, code: Code) -> None:
    conn.execute("DELETE FROM bookmark_codes WHERE code = ?", (code.id,))
    conn.execute("DELETE FROM codes WHERE id = ?", (code.id,))
