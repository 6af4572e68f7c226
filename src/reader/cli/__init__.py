"""The ``reader`` command: launch the app, or run one of the non-UI subcommands.

``reader [PATH...]`` opens the app. ``reader SUBCOMMAND ...`` runs a subcommand whose
module is imported only when chosen, so ``reader parse`` never imports Textual.
Each subcommand module provides ``HELP``, ``add_arguments(parser)`` and ``run(args)``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from reader import __version__
from reader.cli._common import add_paths_argument

SUBCOMMANDS: dict[str, str] = {
    "parse": "reader.cli.parse",
    "export": "reader.cli.export",
    "serve": "reader.cli.serve",
    "search": "reader.cli.search",
    "bookmarks": "reader.cli.bookmarks",
    "codes": "reader.cli.codes",
}
"""Subcommand name to the module implementing it."""

UI_SUBCOMMANDS = frozenset({"serve"})
"""Subcommands that start the Textual app and so may import it."""


def _module(name: str) -> ModuleType:
    return importlib.import_module(SUBCOMMANDS[name])


def _subcommand_summary() -> str:
    """One line per subcommand: its name and the first sentence of its help."""
    import textwrap  # for ``reader --help`` only

    lines = ["subcommands (run 'reader SUBCOMMAND --help' for each):"]
    for name in SUBCOMMANDS:
        first = _module(name).HELP.split(". ")[0].split(": ")[0].rstrip(".")
        lines.append(
            textwrap.fill(first, 79, initial_indent=f"  {name:<11}", subsequent_indent=" " * 13)
        )
    return "\n".join(lines)


def build_parser(command: str | None) -> argparse.ArgumentParser:
    """The parser for ``reader`` itself, or for one subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where bookmarks are kept (default: the user data folder; env READER_DATA_DIR)",
    )
    if command is None:
        parser = argparse.ArgumentParser(
            prog="reader",
            parents=[common],
            description="Read, search and cite interview transcripts.",
            epilog=_subcommand_summary(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.add_argument("--version", action="version", version=f"reader {__version__}")
        add_paths_argument(parser)
        return parser
    module = _module(command)
    parser = argparse.ArgumentParser(
        prog=f"reader {command}", parents=[common], description=module.HELP
    )
    module.add_arguments(parser)
    return parser


def split_command(argv: list[str]) -> tuple[str | None, list[str]]:
    """Find the subcommand, allowing global options before it (``reader --data-dir D parse``).

    Returns the subcommand (None for the app) and the remaining arguments.
    """
    index = 0
    while index < len(argv) and argv[index].startswith("--data-dir"):
        index += 2 if argv[index] == "--data-dir" else 1
    if index < len(argv) and argv[index] in SUBCOMMANDS:
        return argv[index], argv[:index] + argv[index + 1 :]
    return None, argv


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    command, args_list = split_command(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser(command)
    args = parser.parse_args(args_list)
    if args.data_dir:
        os.environ["READER_DATA_DIR"] = args.data_dir
    try:
        if command is None:
            from reader.cli import app

            return app.run(args)
        return int(_module(command).run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); that is not an error.
        sys.stderr.close()
        return 0
