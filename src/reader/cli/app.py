"""``reader [PATH...]``: open the Textual app."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    """Launch the reader on the given paths (the bundled corpus when none)."""
    from reader.ui.app import ReaderApp

    app = ReaderApp(paths=list(args.paths))
    try:
        app.run()
    finally:
        app.close()
    return app.return_code or 0
