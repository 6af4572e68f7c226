"""``reader serve [PATH...]``: the same app in a web browser, through textual-serve."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from reader.cli._common import error

HELP = (
    "Serve the reader in a web browser: open the printed address and each browser tab "
    "gets its own copy of the app. There is NO authentication: anyone who can reach the "
    "address can read the transcripts and use the app, so it binds to 127.0.0.1 "
    "(this machine only) by default. Stop it with Ctrl+C."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH...``, ``--host``, ``--port`` and ``--public-url``."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="transcript files or folders (default: the bundled demo corpus)",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes it to the network)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when it differs from http://HOST:PORT (e.g. a proxy)",
    )


def app_command(paths: list[str]) -> str:
    """The shell command that runs the app on ``paths`` with this interpreter."""
    absolute = [str(Path(path).expanduser().absolute()) for path in paths]
    return shlex.join([sys.executable, "-m", "reader", *absolute])


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    missing = [path for path in args.paths if not Path(path).expanduser().exists()]
    if missing:
        return error(f"{missing[0]}: no such file or folder")
    from textual_serve.server import Server

    server = Server(
        app_command(args.paths),
        host=args.host,
        port=args.port,
        title="interview-reader",
        public_url=args.public_url,
    )
    try:
        server.serve()
    except OSError as exc:
        return error(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})")
    return 0
