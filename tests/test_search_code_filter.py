"""``code:NAME`` in the search syntax: only passages coded NAME are searched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.library import CodedPlace, Library
from reader.core.search import InvalidQueryError, parse_query

KERRY = "000_0e1d10314e09f99d.txt"
BOUCHER = "003_ebdff7c3278b8ae4.txt"


def test_parsing_code_filters() -> None:
    query = parse_query('cold war code:"Cold war" speaker:kerry')
    assert (query.words, query.speaker, query.code) == (("cold", "war"), "kerry", "Cold war")
    assert parse_query("x code:Trust").code == "Trust"
    with pytest.raises(InvalidQueryError, match="^code: needs a code's name"):
        parse_query("x code:")
    with pytest.raises(InvalidQueryError, match="^only one code: filter per query$"):
        parse_query("x code:a code:b")


def test_library_keeps_hits_inside_the_codes_passages(seeds_dir: Path) -> None:
    with Library() as library:
        library.load([seeds_dir])
        everywhere = library.search("cooperation", limit=50)
        assert {hit.source.name for hit in everywhere} >= {KERRY, BOUCHER}  # type: ignore[union-attr]
        with pytest.raises(InvalidQueryError, match="^code: needs the codebook"):
            library.search("cooperation code:aims")
        kerry = next(hit for hit in everywhere if hit.source.name == KERRY)  # type: ignore[union-attr]
        place = CodedPlace(kerry.source, kerry.turn, kerry.passage_start, kerry.passage_start + 5)  # type: ignore[arg-type]

        def places(name: str) -> list[CodedPlace]:
            if name.casefold() != "aims":
                raise ValueError(f"no code named {name!r}")
            return [place]

        library.code_passages = places
        hits = library.search("cooperation code:Aims", limit=50)
        assert [(h.source, h.turn, h.passage_start) for h in hits] == [
            (kerry.source, kerry.turn, kerry.passage_start)
        ]
        with pytest.raises(InvalidQueryError, match="^no code named 'x'$"):
            library.search("cooperation code:x")


def test_cli_search_inside_a_code(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codes", "add", "Aims"]) == 0
    assert main(["bookmarks", "add", str(seeds_dir / KERRY), "4", "--code", "aims"]) == 0
    capsys.readouterr()
    assert main(["search", "cooperation code:aims", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(Path(h["file"]).name, h["turn"]) for h in hits] == [(KERRY, 3)]
    assert main(["search", "cooperation code:nope"]) == 1
    assert capsys.readouterr().err == "reader: no code named 'nope' (see 'reader codes list')\n"
