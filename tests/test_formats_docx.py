"""Word documents open as interviews; fixtures are built here with python-docx."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.decoding import read_text
from reader.core.discovery import discover
from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError

Runs = tuple[tuple[str, bool], ...]


def write_docx(path: Path, paragraphs: list[Runs | str], footer: str = "") -> Path:
    """A .docx whose paragraphs are runs of (text, bold); a str is a Heading 1."""
    document = docx.Document()
    for paragraph in paragraphs:
        if isinstance(paragraph, str):
            document.add_heading(paragraph, 1)
            continue
        p = document.add_paragraph()
        for text, bold in paragraph:
            p.add_run(text).bold = bold
    if footer:
        document.sections[0].footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def spoken(interview: Interview) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in interview.turns]


def plain(text: str) -> Runs:
    return ((text, False),)


def test_bold_and_colon_labels(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "harbour.docx",
        [
            plain("The harbour strike: an oral history"),
            (("Interviewer:", True), (" When did you start on the docks?", False)),
            (("Maria Santos", True), (": In 1962. My father was a stevedore.", False)),
            plain("Bottom line: the work was hard, and it was ours."),
            (("Interviewer:", True), (" And the strike?", False)),
            (("Maria Santos:", True), (" It lasted ", False), ("six", True), (" weeks.", False)),
        ],
        footer="Harbour Archive, tape 2",
    )
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Interviewer", "When did you start on the docks?"),
        (
            "Maria Santos",
            "In 1962. My father was a stevedore.\n\n"
            "Bottom line: the work was hard, and it was ours.",
        ),
        ("Interviewer", "And the strike?"),
        ("Maria Santos", "It lasted six weeks."),
    ]
    assert interview.title == "The harbour strike: an oral history"
    assert interview.furniture[0] == "Harbour Archive, tape 2"


def test_speaker_names_on_their_own_bold_line(tmp_path: Path) -> None:
    """A transcription service's layout: a bold name paragraph, then what was said."""
    path = write_docx(
        tmp_path / "service.docx",
        [
            "Session one",
            (("Sam Ortiz", True),),
            plain("Thanks for coming in."),
            (("Lee Chen", True),),
            plain("Happy to be here."),
            plain("It has been a long year."),
            (("Sam Ortiz", True),),
            plain("Let's begin."),
            (("Lee Chen", True),),
            plain("Go ahead."),
        ],
    )
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Sam Ortiz", "Thanks for coming in."),
        ("Lee Chen", "Happy to be here.\n\nIt has been a long year."),
        ("Sam Ortiz", "Let's begin."),
        ("Lee Chen", "Go ahead."),
    ]
    assert "Session one" not in " ".join(t.text for t in interview.turns)


def test_bold_words_inside_speech_are_not_labels(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "emphasis.docx",
        [
            (("Q:", True), (" Was it safe?", False)),
            (("No.", True), (" It was never safe.", False)),
            (("A:", True), (" I said ", False), ("never", True), (".", False)),
            (("Q:", True), (" Why?", False)),
            (("A:", True), (" Ask ", False), ("them", True), (".", False)),
        ],
    )
    assert [t.text for t in load_interview(path).turns] == [
        "Was it safe?\n\nNo. It was never safe.",
        "I said never.",
        "Why?",
        "Ask them.",
    ]


def test_table_cells_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "table.docx"
    document = docx.Document()
    document.add_paragraph("Q: Who was there?")
    table = document.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "A: My brother and I."
    table.rows[1].cells[0].add_paragraph("And our dog.")  # a cell of two paragraphs
    document.save(str(path))
    assert spoken(load_interview(path))[-1][1] == "My brother and I.\n\nAnd our dog."


def test_a_transcript_laid_out_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "table.docx"
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    said = [("00:01:02", "Dana", "Hello there."), ("00:01:09", "Priya", "Hi."),
            ("00:02:00", "Dana", "Ready?"), ("00:02:04", "Priya", "Yes.")]  # fmt: skip
    for row, (time_, name, text) in zip(table.rows, said, strict=True):
        row.cells[0].text = time_
        row.cells[1].paragraphs[0].add_run(f"{name}:").bold = True
        row.cells[2].text = text
    document.save(str(path))
    assert [(t.speaker, t.text, t.start_time) for t in load_interview(path).turns] == [
        ("Dana", "Hello there.", 62.0),
        ("Priya", "Hi.", 69.0),
        ("Dana", "Ready?", 120.0),
        ("Priya", "Yes.", 124.0),
    ]


@pytest.mark.parametrize(
    "content",
    [b"this is plain text with a .docx name", b"PK\x03\x04 truncated zip"],
)
def test_not_a_word_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        load_interview(path)
    assert str(caught.value) == f"{path}: not a readable Word document"


def test_word_document_missing_its_body(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "good.docx", [plain("Q: Hello?")])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            if name != "word/document.xml":
                dst.writestr(name, src.read(name))
    with pytest.raises(LoadError, match="not a readable Word document$"):
        load_interview(broken)


def test_folder_scan_picks_up_docx(tmp_path: Path) -> None:
    write_docx(tmp_path / "a.docx", [plain("Q: Hello?"), plain("A: Hi.")])
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    files, errors = discover([tmp_path])
    assert [f.name for f in files] == ["a.docx"]  # not Word's "~$" lock file
    assert errors == []


def test_a_label_bold_through_the_strong_character_style(tmp_path: Path) -> None:
    path = tmp_path / "strong.docx"
    document = docx.Document()
    for name, text in [("Ann", "Ready?"), ("Bo", "Yes."), ("Ann", "Go."), ("Bo", "Going.")]:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{name}:", style="Strong")
        paragraph.add_run(f" {text}")
    document.save(str(path))
    assert spoken(load_interview(path)) == [
        ("Ann", "Ready?"),
        ("Bo", "Yes."),
        ("Ann", "Go."),
        ("Bo", "Going."),
    ]


def test_a_2000_paragraph_document_keeps_every_turn(tmp_path: Path) -> None:
    """Style look-ups are cached (uncached, this took about 11 s; see bench/parse_bench.py)."""
    path = tmp_path / "long.docx"
    document = docx.Document()
    for i in range(2000):
        paragraph = document.add_paragraph()
        paragraph.add_run("Ann:" if i % 2 == 0 else "Bo:").bold = True
        paragraph.add_run(f" Sentence number {i}.")
    document.save(str(path))
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Ann" if i % 2 == 0 else "Bo", f"Sentence number {i}.") for i in range(2000)
    ]


def test_a_real_briefing_as_a_word_document_reads_like_the_text(
    realworld_dir: Path, tmp_path: Path
) -> None:
    """The White House briefing, one paragraph per line as a Word file, reads the same."""
    source = realworld_dir / "wh_covid_briefing_2020-04-24.txt"
    lines = [line.strip() for line in read_text(source).split("\n") if line.strip()]
    document = docx.Document()
    document.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        document.add_paragraph(line)
    path = tmp_path / "briefing.docx"
    document.save(str(path))
    as_text, as_word = load_interview(source), load_interview(path)
    assert [(t.speaker, t.role, t.text) for t in as_word.turns] == [
        (t.speaker, t.role, t.text) for t in as_text.turns
    ]
    assert len(as_word.turns) == 12
    assert as_word.title == as_text.title


@pytest.mark.parametrize(
    "speaker_line",
    [
        pytest.param("{name} ({time}):", id="rev"),
        pytest.param("{name}  {time}", id="otter"),
    ],
)
def test_transcription_service_exports(tmp_path: Path, speaker_line: str) -> None:
    said = [
        ("Dana Whitfield", "00:05", "Thanks for coming in."),
        ("Priya Raman", "00:09", "Sure."),
        ("Dana Whitfield", "01:15", "Where were you?"),
        ("Priya Raman", "01:20", "At home."),
    ]
    paragraphs: list[Runs | str] = []
    for name, time_, text in said:
        paragraphs += [plain(speaker_line.format(name=name, time=time_)), plain(text)]
    interview = load_interview(write_docx(tmp_path / "export.docx", paragraphs))
    assert [(t.speaker, t.text, t.start_time) for t in interview.turns] == [
        ("Dana Whitfield", "Thanks for coming in.", 5.0),
        ("Priya Raman", "Sure.", 9.0),
        ("Dana Whitfield", "Where were you?", 75.0),
        ("Priya Raman", "At home.", 80.0),
    ]


def test_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "c1.docx", [plain("Q: red \x9b31m text"), plain("A: fine")])
    assert [t.text for t in load_interview(path).turns] == ["red 31m text", "fine"]


def test_an_empty_word_document(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "empty.docx", ["", plain("   ")])
    with pytest.raises(LoadError) as caught:
        load_interview(path)
    assert str(caught.value) == f"{path}: no text in the document"


def test_python_docx_is_imported_only_to_open_a_word_document(tmp_path: Path) -> None:
    """It costs ~35 ms, so commands that read only text files never import it."""
    (tmp_path / "a.txt").write_text("Q: Hi?\n\nA: Hello.\n", encoding="utf-8")
    write_docx(tmp_path / "b.docx", [plain("Q: Hi?"), plain("A: Hello.")])
    check = (
        "import sys; from reader.core.loader import load_interview as load; "
        f"load({str(tmp_path / 'a.txt')!r}); print('docx' in sys.modules); "
        f"load({str(tmp_path / 'b.docx')!r}); print('docx' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


def test_a_table_with_a_time_column_and_names_without_colons(tmp_path: Path) -> None:
    path = tmp_path / "table.docx"
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    said = [("0h00m44s", "Dana", "Hello there."), ("0h00m50s", "Priya", "Hi."),
            ("0h01m02s", "Dana", "Ready?"), ("0h01m05s", "Priya", "Yes.")]  # fmt: skip
    for row, (time_, name, text) in zip(table.rows, said, strict=True):
        row.cells[0].text = time_
        row.cells[1].text = name
        row.cells[2].text = text
    document.save(str(path))
    assert [(t.speaker, t.text, t.start_time) for t in load_interview(path).turns] == [
        ("Dana", "Hello there.", 44.0),
        ("Priya", "Hi.", 50.0),
        ("Dana", "Ready?", 62.0),
        ("Priya", "Yes.", 65.0),
    ]


def test_bold_names_followed_by_a_tab_and_a_time_before_a_bold_label(tmp_path: Path) -> None:
    """An oral-history layout: a bold name, a tab, the speech; a relative who speaks
    once; and a label after a time the transcriber typed in plain text."""
    path = write_docx(
        tmp_path / "docks.docx",
        [
            plain("Oral history of the docks"),
            (("INTERVIEWER", True), ("\tWhere were you born?", False)),
            (("Maria Santos", True), ("\tIn Leeds.", False)),
            (("INTERVIEWER", True), ("\tWhen?", False)),
            (("Maria Santos", True), ("\tIn 1931.", False)),
            (("Tom Santos", True), ("\tShe means 1932.", False)),
            (("[00:01:02] ", False), ("Maria Santos:", True), (" No, 1931.", False)),
        ],
    )
    interview = load_interview(path)
    assert [(t.label, t.text, t.start_time) for t in interview.turns] == [
        ("INTERVIEWER", "Where were you born?", None),
        ("Maria Santos", "In Leeds.", None),
        ("INTERVIEWER", "When?", None),
        ("Maria Santos", "In 1931.", None),
        ("Tom Santos", "She means 1932.", None),
        ("Maria Santos", "No, 1931.", 62.0),
    ]
    assert interview.title == "Oral history of the docks"


RUN_TEXTS = st.sampled_from(
    [
        "Q:", "A:", "MR. SMITH:", "Ann Lee", ":", " ", "\t", "Hello there. ", "Why not? ",
        "[laughs]", "(Laughter.)", "00:01:02", "Interviewer", "Page 3", "**Ann:**", "[/]",
    ]
)  # fmt: skip
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
RUNS = st.lists(st.tuples(st.one_of(RUN_TEXTS, PRINTABLE), st.booleans()), min_size=1, max_size=5)
DOCUMENT = st.lists(st.one_of(RUNS.map(tuple), PRINTABLE.filter(str.strip)), max_size=15)


@settings(max_examples=60, deadline=None)
@given(paragraphs=DOCUMENT)
def test_any_word_document_keeps_every_word(paragraphs: list[Runs | str]) -> None:
    """Every word of a document is in a turn (speech, direction or label) or furniture."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_docx(Path(folder) / "any.docx", paragraphs)
        try:
            interview = load_interview(path)
        except LoadError as exc:
            assert "\n" not in str(exc)
            return
    kept = " ".join(
        [p.text for t in interview.turns for p in t.paragraphs]
        + [t.label or "" for t in interview.turns]
        + list(interview.furniture)
        + [interview.title]
    )
    written = [p if isinstance(p, str) else "".join(text for text, _ in p) for p in paragraphs]
    for word in re.findall(r"\w+", " ".join(written)):
        assert word in kept


def test_a_word_partly_bold_is_no_label(tmp_path: Path) -> None:
    """``**Ann**a and I…`` is the word ``Anna`` emphasised in part, not Ann speaking
    (found by the property test: ``**A**Q:`` lost the word ``AQ``)."""
    path = write_docx(
        tmp_path / "partly.docx",
        [
            (("Ann:", True), (" Where were you?", False)),
            (("Bo:", True), (" At home.", False)),
            (("Ann", True), ("a and I were there too.", False)),
        ],
    )
    assert spoken(load_interview(path)) == [
        ("Ann", "Where were you?"),
        ("Bo", "At home.\n\nAnna and I were there too."),
    ]
