"""``reader bookmarks list|add|code|uncode|remove|note|export``: bookmarks from the shell."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path

from reader.cli._common import error, store_action
from reader.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, export, refi
from reader.core.bookmarks.export import FORMATS, long_date
from reader.core.loader import load_interview
from reader.core.model import LoadError, turn_number

HELP = (
    "Bookmarks are quoted passages kept for citing. 'list' shows them (re-anchored to "
    "files that changed; a passage no longer found is shown as orphaned, never dropped), "
    "'add FILE TURN' bookmarks a turn (numbered from 1, as 'reader parse FILE' shows) or a "
    "--quote inside it and prints the new id, 'code ID NAME' and 'uncode ID NAME' add and "
    "take off a code (see 'reader codes'), 'remove ID' deletes one, 'note ID TEXT' "
    "replaces its note, 'export' writes them all as Markdown citations, JSON, CSV, or a "
    "REFI-QDA project (qdpx) or codebook (qdc) for NVivo, ATLAS.ti, MAXQDA, QualCoder."
)

EXPORT_FORMATS = (*FORMATS, "qdpx", "qdc")
QUOTE_WIDTH = 200
"""Longest quote 'list' shows before cutting it with an ellipsis."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One sub-parser per action."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = store_action(actions, "list", "show every bookmark, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--code", metavar="NAME", help="only the passages with this code")
    adding = store_action(actions, "add", "bookmark a turn, or a quote inside it; prints the id")
    adding.add_argument("file", metavar="FILE", help="the transcript")
    adding.add_argument("turn", metavar="TURN", help="the turn's number in 'reader parse FILE'")
    adding.add_argument("--quote", metavar="TEXT", help="the passage (default: the whole turn)")
    adding.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")
    adding.add_argument(
        "--code", metavar="NAME", action="append", default=[], help="a code (repeatable)"
    )
    for name, summary in (("code", "add a code to a bookmark"), ("uncode", "take a code off")):
        coding = store_action(actions, name, summary)
        coding.add_argument("id", metavar="ID", help="the bookmark's id (see 'list')")
        coding.add_argument("name", metavar="NAME", help="the code's name (see 'reader codes')")
    removing = store_action(actions, "remove", "delete a bookmark")
    removing.add_argument("id", metavar="ID", help="the bookmark's id (see 'list')")
    noting = store_action(actions, "note", "replace a bookmark's note")
    noting.add_argument("id", metavar="ID", help="the bookmark's id (see 'list')")
    noting.add_argument("text", metavar="TEXT", help="the new note ('' clears it)")
    exporting = store_action(actions, "export", "write every bookmark out")
    exporting.add_argument(
        "-f",
        "--format",
        choices=EXPORT_FORMATS,
        default="md",
        help="md (citations, default), json, csv, qdpx (a REFI-QDA project; needs --output),"
        " qdc (the codebook alone)",
    )
    exporting.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output"
    )


Action = Callable[[BookmarkStore, argparse.Namespace], int]


def run(args: argparse.Namespace) -> int:
    """Open the store and run the chosen action; every failure is one line, exit 1."""
    return run_action(args, ACTIONS)


def run_action(args: argparse.Namespace, actions: dict[str, Action]) -> int:
    """Open the store and run ``actions[args.action]`` (for ``bookmarks`` and ``codes``):
    warnings on stderr, every failure one line, exit 1."""
    try:
        store = BookmarkStore.open(Path(args.data_dir) if args.data_dir else None)
    except BookmarkError as exc:
        return error(str(exc))
    with store:
        _warn(store.warning)
        opened_warning = store.warning
        try:
            status = actions[args.action](store, args)
        except (BookmarkError, LoadError) as exc:
            return error(str(exc))
        if store.warning != opened_warning:
            _warn(store.warning)
        return status


def _warn(message: str | None) -> None:
    if message:
        print(f"reader: warning: {message}", file=sys.stderr)


def _list(store: BookmarkStore, args: argparse.Namespace) -> int:
    keep = {b.id for b in store.list(code=args.code)} if args.code is not None else None
    bookmarks = [b for b in store.refresh() if keep is None or b.id in keep]
    if args.json:
        print(json.dumps([b.to_json() for b in bookmarks], ensure_ascii=False, indent=2))
    else:
        print("\n".join(describe(b) for b in bookmarks) if bookmarks else "No bookmarks.")
    return 0


def describe(bookmark: Bookmark) -> str:
    """A few lines for ``list``: id, speaker, interview, turn, the quote, note, codes, status."""
    title = bookmark.interview_title
    if bookmark.interview_date:
        title += f", {long_date(bookmark.interview_date)}"
    quote = " ".join(bookmark.quote.split())
    if len(quote) > QUOTE_WIDTH:
        quote = quote[: QUOTE_WIDTH - 1] + "…"
    lines = [
        f"#{bookmark.id}  {bookmark.speaker} — {title} (turn {turn_number(bookmark.turn)})",
        f"    “{quote}”",
        f"    file: {bookmark.source}",
    ]
    if bookmark.note:
        lines.append(f"    note: {' '.join(bookmark.note.split())}")
    if bookmark.codes:
        lines.append(f"    codes: {', '.join(bookmark.codes)}")
    if bookmark.orphaned:
        lines.append("    ORPHANED: this passage is not in the current version of the file")
    return "\n".join(lines)


def _add(store: BookmarkStore, args: argparse.Namespace) -> int:
    index = _number(args.turn, "TURN") - 1  # people number turns from 1
    interview = load_interview(Path(args.file))
    bookmark = store.add(interview, index, args.quote, note=args.note, codes=args.code)
    print(bookmark.id)
    return 0


def _code(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.code(_number(args.id, "ID"), [args.name])
    return 0


def _uncode(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.uncode(_number(args.id, "ID"), args.name)
    return 0


def _remove(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.remove(_number(args.id, "ID"))
    return 0


def _note(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.set_note(_number(args.id, "ID"), args.text)
    return 0


def _export(store: BookmarkStore, args: argparse.Namespace) -> int:
    if args.format == "qdc":
        data = refi.codebook(store.codes())
    elif args.format == "qdpx":
        if args.output is None:
            return error("a .qdpx project is a zip file: give --output FILE.qdpx")
        data, skipped = refi.project(store.refresh(), store.codes(), load_interview, _user())
        for line in skipped:
            _warn(line)
    else:
        data = export(store.refresh(), args.format).encode("utf-8")
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        return error(f"{args.output}: cannot write ({exc.strerror or exc})")
    return 0


def _user() -> str:
    """The coder's name for a REFI-QDA project: the login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reader"


def _number(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BookmarkError(f"{name} must be a whole number, not {value!r}") from None


ACTIONS: dict[str, Action] = {
    "list": _list,
    "add": _add,
    "code": _code,
    "uncode": _uncode,
    "remove": _remove,
    "note": _note,
    "export": _export,
}
