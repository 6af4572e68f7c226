"""``reader [PATH...]``: open the Textual app, once the paths and the terminal are usable."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.cli._common import error

_WORD = re.compile(r"[A-Za-z][\w-]*")
"""What a mistyped subcommand looks like, as opposed to a path (no separator, no suffix)."""


def run(args: argparse.Namespace) -> int:
    """Launch the reader on the given paths (the bundled corpus when none)."""
    problem = unusable_paths(args.paths) or no_terminal()
    if problem is not None:
        return error(problem)
    from reader.ui.app import ReaderApp

    app = ReaderApp(paths=list(args.paths))
    try:
        app.run()
    finally:
        app.close()
    return app.return_code or 0


def unusable_paths(paths: Sequence[str]) -> str | None:
    """Why the app would open empty: every path given is missing (None if any exists).

    A lone missing word such as ``serach`` is more likely a mistyped command.
    """
    missing = [p for p in paths if not Path(p).expanduser().exists()]
    if not paths or len(missing) < len(paths):
        return None
    first = missing[0]
    if len(paths) == 1 and _WORD.fullmatch(first):
        from reader.cli import SUBCOMMANDS

        close = difflib.get_close_matches(first, SUBCOMMANDS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"commands: {', '.join(SUBCOMMANDS)}"
        return f"{first!r} is neither a command nor a file or folder ({hint})"
    more = f" (nor are the {len(missing) - 1} other paths)" if len(missing) > 1 else ""
    return f"{first}: no such file or folder{more}"


def no_terminal() -> str | None:
    """Why the app cannot run here: standard input or output is not a terminal.

    A Textual driver set in the environment (``reader serve`` sets the web driver for
    each browser tab) brings its own screen and keyboard.
    """
    if os.environ.get("TEXTUAL_DRIVER") or (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    return (
        "the app needs a terminal (standard input and output are not one); "
        "without one use 'reader parse', 'reader search' or 'reader export'"
    )
