"""REFI-QDA exchange: .qdpx/.qdc export valid against the schema, import, round trip."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from reader.cli import main
from reader.core.bookmarks import BookmarkError, BookmarkStore, refi
from reader.core.bookmarks.refi_import import import_file
from reader.core.loader import load_interview
from reader.core.model import Interview

SCHEMA = etree.XMLSchema(etree.parse(Path(__file__).parent / "data/refi-qda/Project-mrt2019.xsd"))
KERRY = "000_0e1d10314e09f99d.txt"
GUSMAN = "001_162a7744382b1fcc.txt"
NS = {"q": refi.PROJECT_NS}


def validate_project(qde: bytes) -> etree._Element:
    root = etree.fromstring(qde)
    SCHEMA.assertValid(root)
    return root


def validate_codebook(qdc: bytes) -> etree._Element:
    """The codebook format shares the project's Code type: check it inside a Project."""
    root = etree.fromstring(qdc)
    assert root.tag == f"{{{refi.CODEBOOK_NS}}}CodeBook"
    text = qdc.decode("utf-8").split("?>", 1)[1].replace(refi.CODEBOOK_NS, refi.PROJECT_NS)
    SCHEMA.assertValid(
        etree.fromstring(f'<Project xmlns="{refi.PROJECT_NS}" name="p">{text}</Project>')
    )
    return root


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def coded(store: BookmarkStore, seeds_dir: Path) -> list[Interview]:
    """Two interviews of the corpus with a small codebook and four coded passages."""
    kerry, gusman = load_interview(seeds_dir / KERRY), load_interview(seeds_dir / GUSMAN)
    store.add_code("War", color="#aa0000", description="wars, cold or hot")
    store.add_code("Cold war", parent="War")
    store.add_code("Trust & <doubt>")
    store.add(kerry, 3, "cooperation", codes=["Trust & <doubt>", "War"], note="first\nnote")
    store.add(kerry, 1, codes=["Trust & <doubt>"])
    store.add(gusman, 2, "President Putin", codes=["Cold war"])
    store.add(gusman, 4, note="uncoded, with a note")
    return [kerry, gusman]


def export(store: BookmarkStore) -> tuple[bytes, list[str]]:
    return refi.project(store.refresh(), store.codes(), load_interview, "ann")


def test_the_project_is_valid_and_positions_enclose_the_quotes(
    store: BookmarkStore, coded: list[Interview]
) -> None:
    data, skipped = export(store)
    assert skipped == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = validate_project(archive.read("project.qde"))
        sources = {
            s.get("name"): archive.read(f"Sources/{s.get('guid')}.txt").decode("utf-8")
            for s in root.iterfind(".//q:TextSource", NS)
        }
    assert [s.get("plainTextPath") for s in root.iterfind(".//q:TextSource", NS)] == [
        f"internal://{s.get('guid')}.txt" for s in root.iterfind(".//q:TextSource", NS)
    ]
    quotes = {b.id: b.quote for b in store.list()}
    found = []
    for source in root.iterfind(".//q:TextSource", NS):
        text = sources[source.get("name")]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            found.append(text[start:end])
    assert sorted(found) == sorted(quotes.values())
    assert [u.get("name") for u in root.iterfind("q:Users/q:User", NS)] == ["ann"]
    codes = root.find("q:CodeBook/q:Codes", NS)
    assert [(c.get("name"), c.get("color")) for c in codes] == [
        ("Trust & <doubt>", "#e15759"),
        ("War", "#aa0000"),
    ]
    assert [c.get("name") for c in codes[1].iterfind("q:Code", NS)] == ["Cold war"]
    assert codes[1].findtext("q:Description", namespaces=NS) == "wars, cold or hot"


def test_notes_are_project_notes_referenced_from_their_passages(
    store: BookmarkStore, coded: list[Interview]
) -> None:
    data, _ = export(store)
    root = validate_project(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    notes = {
        n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS)
        for n in root.iterfind("q:Notes/q:Note", NS)
    }
    refs = {
        s.get("name"): notes[s.find("q:NoteRef", NS).get("targetGUID")]
        for s in root.iterfind(".//q:PlainTextSelection", NS)
        if s.find("q:NoteRef", NS) is not None
    }
    assert sorted(refs.values()) == ["first\nnote", "uncoded, with a note"]
    assert refs["cooperation"] == "first\nnote"


def test_guids_are_the_same_on_every_export(store: BookmarkStore, coded: list[Interview]) -> None:
    def guids() -> list[str]:
        root = etree.fromstring(zipfile.ZipFile(io.BytesIO(export(store)[0])).read("project.qde"))
        return [e.get("guid") for e in root.iter() if e.get("guid")]

    first = guids()
    assert len(first) == len(set(first)) == 1 + 3 + 2 + 4 + 4 + 2  # user codes sources ...
    assert guids() == first


def test_an_orphaned_passage_is_left_out_and_said(store: BookmarkStore, tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text("Ann: The bridge took eleven years.\n\nBob: Really?\n", encoding="utf-8")
    store.add(load_interview(path), 0, "eleven years")
    path.write_text("Ann: Something else entirely.\n\nBob: Really?\n", encoding="utf-8")
    data, skipped = export(store)
    assert skipped == [
        "not exported: bookmark #1: its passage is not in the current version of talk.txt"
    ]
    root = validate_project(zipfile.ZipFile(io.BytesIO(data)).read("project.qde"))
    assert root.find("q:Sources", NS) is None


def test_the_codebook_alone_is_valid(store: BookmarkStore, coded: list[Interview]) -> None:
    root = validate_codebook(refi.codebook(store.codes()))
    names = [c.get("name") for c in root.iter(f"{{{refi.CODEBOOK_NS}}}Code")]
    assert names == ["Trust & <doubt>", "War", "Cold war"]


def test_round_trip_into_an_empty_store_gives_the_same_work(
    store: BookmarkStore, coded: list[Interview], tmp_path: Path
) -> None:
    (tmp_path / "export.qdpx").write_bytes(export(store)[0])
    with BookmarkStore.open(tmp_path / "fresh") as fresh:
        report = import_file(fresh, tmp_path / "export.qdpx", coded)
        assert (report.codes_added, report.passages_added, report.skipped) == (3, 4, ())

        def work(s: BookmarkStore) -> tuple[object, ...]:
            names = {c.id: c.name for c in s.codes()}
            codes = [
                (c.name, names.get(c.parent or 0), c.color, c.description, c.guid)
                for c in s.codes()
            ]
            passages = sorted(
                (str(b.source), b.turn, b.start, b.end, b.quote, b.codes, b.note, b.created)
                for b in s.list()
            )
            return codes, passages

        assert work(fresh) == work(store)
        again = import_file(fresh, tmp_path / "export.qdpx", coded)
        assert (again.codes_added, again.codes_found, again.passages_added) == (0, 3, 0)
        assert again.passages_updated == 4 and work(fresh) == work(store)


def test_a_source_with_another_layout_still_matches(tmp_path: Path, seeds_dir: Path) -> None:
    """Another program's text of the interview (here: the original file) matches."""
    kerry = load_interview(seeds_dir / KERRY)
    text = (seeds_dir / KERRY).read_text(encoding="utf-8")
    start = text.index("cooperation")
    g = "-1111-1111-1111-111111111111"  # the tail of every GUID here
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{refi.PROJECT_NS}" name="x"><CodeBook><Codes>
<Code guid="11111111{g}" name="Aims" isCodable="true"/>
</Codes></CodeBook><Sources>
<TextSource guid="22222222{g}" name="kerry" plainTextPath="internal://k.txt">
<PlainTextSelection guid="33333333{g}" startPosition="{start}" endPosition="{start + 11}">
<Coding guid="44444444{g}"><CodeRef targetGUID="11111111{g}"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="55555555{g}" startPosition="0" endPosition="0"/>
</TextSource>
<TextSource guid="66666666{g}" name="elsewhere" plainTextPath="internal://e.txt">
<PlainTextSelection guid="77777777{g}" startPosition="0" endPosition="4"/>
</TextSource></Sources></Project>"""
    SCHEMA.assertValid(etree.fromstring(qde.encode()))
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("Sources/k.txt", text)
        archive.writestr("Sources/e.txt", "Some other talk altogether.")
    with BookmarkStore.open(tmp_path / "data") as fresh:
        report = import_file(fresh, path, [kerry])
        [passage] = fresh.list()
    assert (passage.turn, passage.quote, passage.codes) == (3, "cooperation", ("Aims",))
    assert report.skipped == (
        "source 'kerry': passage at 0-0 (“”) is not in one turn of"
        " 'Interview With Askar Alimzhanov of Mir TV'; not imported",
        "source 'elsewhere': no loaded interview has its text; 1 coded passage(s) not imported",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not xml", r"not a REFI-QDA file \(syntax error"),
        (b"<Other/>", r"not a REFI-QDA file \(it holds <Other>\)"),
        (
            (
                f'<CodeBook xmlns="{refi.CODEBOOK_NS}"><Codes><Code name="x"/></Codes></CodeBook>'
            ).encode(),
            "^malformed REFI-QDA file: a <Code> has no guid$",
        ),
    ],
)
def test_a_malformed_file_is_one_line_and_writes_nothing(
    store: BookmarkStore, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.qdc"
    path.write_bytes(content)
    with pytest.raises(BookmarkError, match=message):
        import_file(store, path, [])
    assert store.codes() == []


def test_a_zip_without_a_project_is_refused(store: BookmarkStore, tmp_path: Path) -> None:
    path = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(BookmarkError, match="not a REFI-QDA project \\(no project.qde\\)$"):
        import_file(store, path, [])


def test_cli_export_and_import_round_trip(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "a")]
    assert main(["codes", "add", "Trust", *data]) == 0
    assert (
        main(
            [
                "bookmarks",
                "add",
                str(seeds_dir / KERRY),
                "4",
                "--quote",
                "cooperation",
                "--code",
                "trust",
                *data,
            ]
        )
        == 0
    )
    target = tmp_path / "work.qdpx"
    assert main(["bookmarks", "export", "--format", "qdpx", "--output", str(target), *data]) == 0
    capsys.readouterr()
    assert main(["bookmarks", "export", "--format", "qdpx", *data]) == 1
    assert capsys.readouterr() == (
        "",
        "reader: a .qdpx project is a zip file: give --output FILE.qdpx\n",
    )
    assert main(["bookmarks", "export", "--format", "qdc", *data]) == 0
    out = capsys.readouterr()
    validate_codebook(out.out.encode("utf-8"))
    fresh = ["--data-dir", str(tmp_path / "b")]
    assert main(["codes", "import", str(target), str(seeds_dir), *fresh]) == 0
    assert (
        capsys.readouterr().out
        == "codes: 1 added, 0 already here; passages: 1 added, 0 already here\n"
    )
    assert main(["bookmarks", "list", "--code", "TRUST", "--json", *fresh]) == 0
    [passage] = json.loads(capsys.readouterr().out)
    assert (passage["quote"], passage["codes"]) == ("cooperation", ["Trust"])
