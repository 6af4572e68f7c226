"""``reader search QUERY [PATH...]``: ranked passages matching a half-remembered quote."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from reader.cli._common import add_paths_argument, corpus_paths, error
from reader.core.library import CodedPlace, Library, LoadProgress
from reader.core.model import turn_number
from reader.core.search import InvalidQueryError, SearchHit, parse_query

HELP = (
    "Search transcripts for a half-remembered quote: typos, other word order and dropped "
    'words are fine. "exact phrase" must appear, -word excludes, speaker:NAME filters. '
    "Searches the given files and folders, or the bundled corpus. The index is cached. "
    "Like grep, exits with status 1 when nothing matches."
)

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``QUERY``, ``PATH...``, ``--limit``, ``--speaker`` and ``--json``."""
    parser.add_argument("query", metavar="QUERY", help="what to look for")
    add_paths_argument(parser)
    parser.add_argument(
        "-n", "--limit", type=int, default=10, help="at most this many hits (default 10)"
    )
    parser.add_argument(
        "-s", "--speaker", metavar="NAME", help="only turns whose speaker name or label has NAME"
    )
    parser.add_argument("--json", action="store_true", help="print the hits as a JSON list")


def run(args: argparse.Namespace) -> int:
    """Load (from the cache where possible), search, print the hits best first."""
    try:
        parse_query(args.query)
    except InvalidQueryError as exc:
        return error(str(exc))
    if args.limit < 1:
        return error("--limit must be at least 1")
    with Library() as library:
        library.code_passages = _coded_places
        library.load(corpus_paths(args.paths), on_progress=_progress_line(sys.stderr))
        for load_error in library.errors:
            error(str(load_error))
        if not library.count:
            return error("no transcript could be loaded")
        try:
            hits = library.search(args.query, limit=args.limit, speaker=args.speaker)
        except InvalidQueryError as exc:  # e.g. code: naming no code
            return error(str(exc))
    if args.json:
        import json  # only here: a search's start-up is most of its time

        json.dump([hit_json(hit) for hit in hits], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(hits, bold=sys.stdout.isatty()))
    if not hits:  # grep's convention: exit status 1 when nothing matched
        return error(f"no passage matches {args.query!r}")
    return 0


def _progress_line(stream: TextIO) -> Callable[[LoadProgress], None] | None:
    """On a terminal, a self-erasing ``loading 120/5000`` line while a load is slow."""
    if not stream.isatty():
        return None
    started = time.monotonic()

    def show(progress: LoadProgress) -> None:
        if progress.done == progress.total:
            stream.write("\r\x1b[K")
        elif time.monotonic() - started > 0.5:
            stream.write(f"\rloading {progress.done}/{progress.total}")
        stream.flush()

    return show


def hit_json(hit: SearchHit) -> dict[str, Any]:
    """One hit in the ``--json`` shape."""
    return {
        "file": str(hit.source) if hit.source is not None else None,
        "interview": hit.interview_title,
        "turn": hit.turn,
        "speaker": hit.speaker,
        "text": hit.text,
        "score": hit.score,
        "highlights": [list(span) for span in hit.highlights],
    }


def _coded_places(code: str) -> list[CodedPlace]:
    """The places coded ``code`` in the bookmark store, for ``code:`` in a query."""
    from reader.core.bookmarks import BookmarkError, BookmarkStore  # only for code:

    try:
        with BookmarkStore.open() as store:
            return store.coded_places(code)
    except BookmarkError as error:
        raise ValueError(str(error)) from None


def render(hits: list[SearchHit], *, bold: bool) -> str:
    """Human output: one block per hit, matched words in bold (tty) or ``*starred*``."""
    before, after = (BOLD, RESET) if bold else ("*", "*")
    blocks = []
    for hit in hits:
        text = hit.text
        for start, end in reversed(hit.highlights):
            text = text[:start] + before + text[start:end] + after + text[end:]
        where = f"{hit.interview_title} — {hit.speaker}, turn {turn_number(hit.turn)}"
        passage = " ".join(text.split())
        blocks.append(f"{hit.score:5.1f}  {where}\n       {hit.source}\n       {passage}\n")
    return "\n".join(blocks)
