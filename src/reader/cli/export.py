"""``reader export FILE --format md|json [--output FILE]``: one interview as Markdown or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli._common import error
from reader.core.export import FORMATS, export
from reader.core.loader import load_interview
from reader.core.model import LoadError

HELP = (
    "Export one transcript as Markdown (a heading per speaker turn, then its paragraphs) "
    "or as JSON (the same shape as 'reader parse --json'). Writes to standard output "
    "unless --output is given; the transcript itself is never modified."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``FILE``, ``--format`` and ``--output``."""
    parser.add_argument("file", metavar="FILE", help="the transcript to export")
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="md",
        help="md (Markdown, the default) or json",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to this file instead of standard output (replaced if it exists)",
    )


def run(args: argparse.Namespace) -> int:
    """Load the transcript, render it, write it out."""
    source = Path(args.file)
    try:
        text = export(load_interview(source), args.format)
    except LoadError as exc:
        return error(str(exc))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    output = Path(args.output)
    if output.exists() and output.resolve() == source.resolve():
        return error(f"{output}: refusing to overwrite the transcript being exported")
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        return error(f"{output}: cannot write ({exc.strerror or exc})")
    return 0
