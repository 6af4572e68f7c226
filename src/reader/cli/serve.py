"""``reader serve [PATH...]``: the same app in a web browser, through textual-serve."""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import sys
from pathlib import Path

from reader.cli._common import add_paths_argument, error

HELP = (
    "Serve the reader in a web browser: open the printed address and each browser tab "
    "gets its own copy of the app. There is NO authentication: anyone who can reach the "
    "address can read the transcripts and use the app, so it binds to 127.0.0.1 "
    "(this machine only) by default. Stop it with Ctrl+C."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``PATH...``, ``--host``, ``--port`` and ``--public-url``."""
    add_paths_argument(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1; 0.0.0.0 exposes it to the network)",
    )
    parser.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: 8000)"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when it differs from http://HOST:PORT (e.g. a proxy)",
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return port


def cannot_listen(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (taken, unknown host...), or None if it can."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.create_server((host, port), family=family):
            return None
    except socket.gaierror as exc:
        return str(exc.strerror)
    except OSError as exc:
        return os.strerror(exc.errno) if exc.errno else str(exc)


def app_command(paths: list[str]) -> str:
    """The shell command that runs the app on ``paths`` with this interpreter."""
    absolute = [str(Path(path).expanduser().absolute()) for path in paths]
    return shlex.join([sys.executable, "-m", "reader", *absolute])


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    missing = [path for path in args.paths if not Path(path).expanduser().exists()]
    if missing:
        return error(f"{missing[0]}: no such file or folder")
    reason = cannot_listen(args.host, args.port)
    if reason is not None:
        return error(f"cannot listen on {args.host}:{args.port} ({reason})")
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
