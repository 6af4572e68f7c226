"""``reader parse FILE [--json]``: show how a transcript file is parsed."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from reader.cli._common import error
from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError, Role, turn_number

HELP = (
    "Parse one transcript file and print its metadata, its turns (numbered from 1) and "
    "the lines set aside as not speech; or all of it as JSON."
)
PREVIEW_WIDTH = 60
FURNITURE_WIDTH = 76
ROLE_LETTERS = {Role.INTERVIEWER: "Q", Role.INTERVIEWEE: "A", Role.OTHER: "O"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="a transcript (.txt, .md, .vtt, .srt, .docx, .html, .pdf)"
    )
    parser.add_argument("--json", action="store_true", help="print the parsed interview as JSON")


def run(args: argparse.Namespace) -> int:
    try:
        interview = load_interview(Path(args.file))
    except LoadError as exc:
        return error(str(exc))
    if args.json:
        print(json.dumps(interview.to_json(), ensure_ascii=False, indent=2))
    else:
        print(summary(interview))
    return 0


def summary(interview: Interview) -> str:
    """The human-readable summary: metadata, one line per turn, then what is not speech."""
    interviewee = interview.interviewee or "-"
    if interview.interviewee_role:
        interviewee += f" ({interview.interviewee_role})"
    fields = [
        ("Title", interview.title),
        ("Date", interview.date.isoformat() if interview.date else "-"),
        ("Place", interview.place or "-"),
        ("Interviewee", interviewee),
        ("Interviewer", interview.interviewer or "-"),
        ("Outlet", interview.outlet or "-"),
        ("Turns", str(len(interview.turns))),
    ]
    lines = [f"{name + ':':<13}{value}" for name, value in fields]
    width = len(str(len(interview.turns)))
    for index, turn in enumerate(interview.turns):
        lines.append(
            f"{turn_number(index):>{width}} {ROLE_LETTERS[turn.role]} {turn.speaker}: "
            f"{preview(turn.text)}"
        )
    if interview.furniture:
        count = len(interview.furniture)
        lines.append(f"\nNot speech ({count} line{'' if count == 1 else 's'}):")
        lines.extend(f"  {preview(text, FURNITURE_WIDTH)}" for text in interview.furniture)
    return "\n".join(lines)


def preview(text: str, width: int = PREVIEW_WIDTH) -> str:
    """The first ``width`` characters of a text on one line, with an ellipsis if cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
