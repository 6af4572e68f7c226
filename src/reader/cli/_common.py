"""Helpers shared by the subcommands: one-line errors and default paths."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core.paths import bundled_corpus_dir


def error(message: str) -> int:
    """Print a one-line error on stderr and return the failure exit status."""
    print(f"reader: {' '.join(message.split())}", file=sys.stderr)
    return 1


def corpus_paths(paths: Sequence[str]) -> list[Path]:
    """The paths named on the command line, or the bundled corpus when none."""
    return [Path(p) for p in paths] or [bundled_corpus_dir()]


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """The ``PATH...`` argument: transcript files or folders, the bundled corpus if none."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="transcript files or folders (default: the bundled demo corpus)",
    )


def store_action(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str
) -> argparse.ArgumentParser:
    """A ``bookmarks`` or ``codes`` action; ``--data-dir`` is also accepted after the
    action (SUPPRESS keeps a value given before it)."""
    parser = actions.add_parser(name, help=summary, description=summary)
    parser.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where bookmarks are kept"
    )
    return parser
