"""``reader codes list|add|rename|move|merge|remove|import``: the codebook from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli._common import corpus_paths, store_action
from reader.cli.bookmarks import Action, run_action
from reader.core.bookmarks import BookmarkStore, Code
from reader.core.bookmarks.codebook import tree
from reader.core.bookmarks.refi_import import import_file
from reader.core.discovery import discover
from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError

HELP = (
    "Codes are the themes of a codebook that passages are marked with: a tree, each code "
    "with a colour and a description. A coded passage is a bookmark with codes "
    "('reader bookmarks add FILE TURN --quote Q --code NAME', 'reader bookmarks code ID "
    "NAME'). 'import' reads a REFI-QDA codebook (.qdc) or project (.qdpx) from NVivo, "
    "ATLAS.ti, MAXQDA or QualCoder, with the codings of the sources that match an "
    "interview among the given paths (default: the bundled corpus)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One sub-parser per action."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = store_action(actions, "list", "show the code tree with passage and interview counts")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    adding = store_action(actions, "add", "add a code")
    adding.add_argument("name", metavar="NAME")
    adding.add_argument("--parent", metavar="P", help="the code it sits under")
    adding.add_argument("--color", metavar="#RRGGBB", help="default: the next of a palette")
    adding.add_argument("--description", metavar="D", default="")
    renaming = store_action(actions, "rename", "rename a code (its passages keep it)")
    renaming.add_argument("old", metavar="OLD")
    renaming.add_argument("new", metavar="NEW")
    moving = store_action(actions, "move", "put a code under another, or at the top")
    moving.add_argument("name", metavar="NAME")
    moving.add_argument("--parent", metavar="P", help="the new parent (default: the top)")
    merging = store_action(
        actions, "merge", "give FROM's passages and sub-codes to INTO, drop FROM"
    )
    merging.add_argument("source", metavar="FROM")
    merging.add_argument("into", metavar="INTO")
    removing = store_action(actions, "remove", "delete a code (its sub-codes move up)")
    removing.add_argument("name", metavar="NAME")
    removing.add_argument(
        "--force", action="store_true", help="also when passages have it (they stay, without it)"
    )
    importing = store_action(actions, "import", "read a .qdc codebook or a .qdpx project")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "paths", nargs="*", metavar="PATH", help="interviews to match (default: bundled corpus)"
    )


def run(args: argparse.Namespace) -> int:
    """Open the store and run the chosen action; every failure is one line, exit 1."""
    return run_action(args, ACTIONS)


def _list(store: BookmarkStore, args: argparse.Namespace) -> int:
    codes = store.codes()
    usage = store.code_usage()
    names = {code.id: code.name for code in codes}
    if args.json:
        rows = [
            code.to_json(names.get(code.parent or 0), *usage.get(code.id, (0, 0)))
            for code, _ in tree(codes)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    lines = [_line(code, depth, usage.get(code.id, (0, 0))) for code, depth in tree(codes)]
    print("\n".join(lines) if lines else "No codes.")
    return 0


def _line(code: Code, depth: int, counts: tuple[int, int]) -> str:
    passages, interviews = counts
    text = (
        f"{'  ' * depth}{code.name}  {code.color}  {_plural(passages, 'passage')}"
        f" in {_plural(interviews, 'interview')}"
    )
    return text + (f" — {' '.join(code.description.split())}" if code.description else "")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _add(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.add_code(args.name, parent=args.parent, color=args.color, description=args.description)
    return 0


def _rename(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.rename_code(args.old, args.new)
    return 0


def _move(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.move_code(args.name, args.parent)
    return 0


def _merge(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.merge_codes(args.source, args.into)
    return 0


def _remove(store: BookmarkStore, args: argparse.Namespace) -> int:
    store.remove_code(args.name, force=args.force)
    return 0


def _import(store: BookmarkStore, args: argparse.Namespace) -> int:
    report = import_file(store, Path(args.file), _interviews(args.paths))
    for line in report.skipped:
        print(f"reader: {line}", file=sys.stderr)
    print(
        f"codes: {report.codes_added} added, {report.codes_found} already here;"
        f" passages: {report.passages_added} added, {report.passages_updated} already here"
    )
    return 0


def _interviews(paths: list[str]) -> list[Interview]:
    files, _ = discover(corpus_paths(paths))
    interviews = []
    for path in files:
        try:
            interviews.append(load_interview(path))
        except LoadError:
            continue
    return interviews


ACTIONS: dict[str, Action] = {
    "list": _list,
    "add": _add,
    "rename": _rename,
    "move": _move,
    "merge": _merge,
    "remove": _remove,
    "import": _import,
}
