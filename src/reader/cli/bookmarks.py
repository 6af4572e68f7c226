"""``reader bookmarks list|add|remove|note|export``: the bookmark store from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from reader.cli._common import error
from reader.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, export
from reader.core.bookmarks.export import FORMATS, long_date
from reader.core.loader import load_interview
from reader.core.model import LoadError, turn_number

HELP = (
    "Bookmarks are quoted passages kept for citing. 'list' shows them (re-anchored to "
    "files that changed; a passage no longer found is shown as orphaned, never dropped), "
    "'add FILE TURN' bookmarks a turn (numbered from 1, as 'reader parse FILE' shows) or a "
    "--quote inside it and prints the new id, 'remove ID' deletes one, 'note ID TEXT' "
    "replaces its note, 'export' writes them all as Markdown citations, JSON or CSV."
)

QUOTE_WIDTH = 200
"""Longest quote 'list' shows before cutting it with an ellipsis."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One sub-parser per action."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = _action(actions, "list", "show every bookmark, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    adding = _action(actions, "add", "bookmark a turn, or a quote inside it; prints the id")
    adding.add_argument("file", metavar="FILE", help="the transcript")
    adding.add_argument("turn", metavar="TURN", help="the turn's number in 'reader parse FILE'")
    adding.add_argument("--quote", metavar="TEXT", help="the passage (default: the whole turn)")
    adding.add_argument("--note", metavar="TEXT", default="", help="a note to keep with it")
    adding.add_argument(
        "--tag", metavar="T", action="append", default=[], help="a tag (repeatable)"
    )
    removing = _action(actions, "remove", "delete a bookmark")
    removing.add_argument("id", metavar="ID", help="the bookmark's id (see 'list')")
    noting = _action(actions, "note", "replace a bookmark's note")
    noting.add_argument("id", metavar="ID", help="the bookmark's id (see 'list')")
    noting.add_argument("text", metavar="TEXT", help="the new note ('' clears it)")
    exporting = _action(actions, "export", "write every bookmark out")
    exporting.add_argument(
        "-f", "--format", choices=FORMATS, default="md", help="md (citations, default), json, csv"
    )
    exporting.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of standard output"
    )


def _action(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str
) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=summary, description=summary)
    # Also accepted after the action; SUPPRESS keeps a value given before it.
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where bookmarks are kept"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Open the store and run the chosen action; every failure is one line, exit 1."""
    try:
        store = BookmarkStore.open(Path(args.data_dir) if args.data_dir else None)
    except BookmarkError as exc:
        return error(str(exc))
    with store:
        _warn(store.warning)
        opened_warning = store.warning
        try:
            status = ACTIONS[args.action](store, args)
        except (BookmarkError, LoadError) as exc:
            return error(str(exc))
        if store.warning != opened_warning:
            _warn(store.warning)
        return status


def _warn(message: str | None) -> None:
    if message:
        print(f"reader: warning: {message}", file=sys.stderr)


def _list(store: BookmarkStore, args: argparse.Namespace) -> int:
    bookmarks = store.refresh()
    if args.json:
        print(json.dumps([b.to_json() for b in bookmarks], ensure_ascii=False, indent=2))
    else:
        print("\n".join(describe(b) for b in bookmarks) if bookmarks else "No bookmarks.")
    return 0


def describe(bookmark: Bookmark) -> str:
    """A few lines for ``list``: id, speaker, interview, turn, the quote, note, tags, status."""
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
    if bookmark.tags:
        lines.append(f"    tags: {', '.join(bookmark.tags)}")
    if bookmark.orphaned:
        lines.append("    ORPHANED: this passage is not in the current version of the file")
    return "\n".join(lines)


def _add(store: BookmarkStore, args: argparse.Namespace) -> int:
    index = _number(args.turn, "TURN") - 1  # people number turns from 1
    interview = load_interview(Path(args.file))
    bookmark = store.add(interview, index, args.quote, note=args.note, tags=args.tag)
    print(bookmark.id)
    return 0


def _remove(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.remove(_number(args.id, "ID"))
    return 0


def _note(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.set_note(_number(args.id, "ID"), args.text)
    return 0


def _export(store: BookmarkStore, args: argparse.Namespace) -> int:
    text = export(store.refresh(), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        return error(f"{args.output}: cannot write ({exc.strerror or exc})")
    return 0


def _number(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BookmarkError(f"{name} must be a whole number, not {value!r}") from None


ACTIONS: dict[str, Callable[[BookmarkStore, argparse.Namespace], int]] = {
    "list": _list,
    "add": _add,
    "remove": _remove,
    "note": _note,
    "export": _export,
}
