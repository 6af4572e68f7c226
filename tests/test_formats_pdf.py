"""PDF transcripts: each page's text in reading order, pages split by form feeds.

The PDFs are written here (tests/pdfmaker.py) with text at the places real records
put it: a court reporter's numbered lines, a Hansard's two columns under a running
head, speaker names in a column of their own, a production note up the margin.
"""

from __future__ import annotations

import hashlib
import textwrap
import threading
from pathlib import Path

import pytest

from pdfmaker import Page, Text, lines, make_pdf
from reader.core.discovery import discover
from reader.core.formats.pdf import pdf_to_text
from reader.core.loader import is_supported, load_interview
from reader.core.model import LoadError

COURT_PAGE_1 = [
    (250, "P R O C E E D I N G S"),
    (430, "(10:02 a.m.)"),
    (198, "JUDGE MARTIN: We will hear the first matter"),
    (126, "this morning, the appeal of the harbour board."),
    (198, "Counsel."),
    (198, "MS. OKAFOR: Thank you, Your Honour. May it"),
    (126, "please the court: the board kept no minutes of"),
    (126, "the meeting on the ninth, and no one who was"),
]
COURT_PAGE_2 = [
    (126, "there has been asked what was said."),
    (198, "JUDGE MARTIN: Not one person?"),
]


def court_page(rows: list[tuple[float, str]], number: int) -> list[Text]:
    """25 numbered lines, double spaced, the page number and the reporter's name below."""
    texts = [Text(90 if n > 9 else 97, 90 + 26 * n, str(n)) for n in range(1, 26)]
    texts += [Text(x, 90 + 26 * n, row) for n, (x, row) in enumerate(rows, start=1)]
    texts += [Text(300, 760, str(number)), Text(250, 776, "Acme Reporting Company")]
    return texts


def words_per_line(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n")]


def text_of(tmp_path: Path, pages: list[Page | list[Text]]) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(make_pdf(pages))
    return pdf_to_text(path.read_bytes(), path)


def test_court_transcript_keeps_line_numbers_on_their_lines(tmp_path: Path) -> None:
    text = text_of(tmp_path, [court_page(COURT_PAGE_1, 1), court_page(COURT_PAGE_2, 2)])
    first, second = text.split("\f")
    assert words_per_line(first) == [
        "1 P R O C E E D I N G S",
        "2 (10:02 a.m.)",
        "3 JUDGE MARTIN: We will hear the first matter",
        "4 this morning, the appeal of the harbour board.",
        "5 Counsel.",
        "6 MS. OKAFOR: Thank you, Your Honour. May it",
        "7 please the court: the board kept no minutes of",
        "8 the meeting on the ninth, and no one who was",
        *(str(n) for n in range(9, 26)),
        "1",
        "Acme Reporting Company",
        "",
    ]
    assert words_per_line(second)[:3] == [
        "1 there has been asked what was said.",
        "2 JUDGE MARTIN: Not one person?",
        "3",
    ]
    assert text.count("\f") == 1 and text.endswith("\n")


def test_margin_gaps_and_indents_are_kept_as_spaces(tmp_path: Path) -> None:
    rows = text_of(tmp_path, [court_page(COURT_PAGE_1, 1)]).split("\n")
    assert rows[0].startswith(" 1 ") and rows[9].startswith("10")  # numbers right-aligned
    speech, continued = rows[5], rows[6]  # 6 MS. OKAFOR: ..., 7 please the court ...
    assert speech.index("MS.") > continued.index("please") > 3  # the paragraph's indent


HANSARD_LEFT = [
    "Mr. LEAHY. Mr. President, the nominee before us",
    "has served on the bench for nine years, and in",
    "that time not one of her opinions has been set",
    "aside on appeal. I ask unanimous consent that",
    "the letters of support be printed in the Record.",
    "The PRESIDING OFFICER. Without objection, it",
]
HANSARD_RIGHT = [
    "is so ordered. The Senator from Alabama.",
    "Mr. SESSIONS. Mr. President, I thank my friend",
    "from Vermont. I have read those letters, and I",
    "have read her opinions, and I will say this for",
    "the record: she writes plainly, which is rarer",
    "than it should be in our courts. I yield back.",
]


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    header = [Text(54, 50, "S8504", 9), Text(210, 50, "CONGRESSIONAL RECORD \u2014 SENATE", 9),
              Text(490, 50, "July 20, 2005", 9)]  # fmt: skip
    left = [Text(54, 80 + 11 * i, row, 9) for i, row in enumerate(HANSARD_LEFT)]
    right = [Text(318, 80 + 11 * i, row, 9) for i, row in enumerate(HANSARD_RIGHT)]
    text = text_of(tmp_path, [header + right + left])
    assert [line for line in words_per_line(text) if line] == [
        "S8504 CONGRESSIONAL RECORD \u2014 SENATE July 20, 2005",
        *HANSARD_LEFT,
        *HANSARD_RIGHT,
    ]


def test_speaker_names_in_a_column_of_their_own_stay_on_their_lines(tmp_path: Path) -> None:
    rows = []
    for n, (name, speech) in enumerate(
        [
            ("CHAIR:", "The committee will come to order."),
            ("SMITH:", "Thank you."),
            ("CHAIR:", "Please begin."),
            ("SMITH:", "I will be brief."),
            ("CHAIR:", "We are grateful."),
            ("SMITH:", "So am I."),
        ]  # fmt: skip
    ):
        rows += [Text(72, 80 + 40 * n, name), Text(160, 80 + 40 * n, speech)]
        rows.append(Text(160, 94 + 40 * n, "And a second line of the same answer here."))
    text = text_of(tmp_path, [rows])
    assert words_per_line(text)[:3] == [
        "CHAIR: The committee will come to order.",
        "And a second line of the same answer here.",
        "",
    ]


def test_paragraph_gaps_become_blank_lines(tmp_path: Path) -> None:
    page = lines(
        ["One line of the first paragraph,", "and its second line.", "",
         "The next paragraph, after a gap.", "Its second line.", "And a third."]
    )  # fmt: skip
    text = text_of(tmp_path, [page])
    assert text == (
        "One line of the first paragraph,\nand its second line.\n\n"
        "The next paragraph, after a gap.\nIts second line.\nAnd a third.\n"
    )


def test_sideways_margin_text_comes_after_the_page(tmp_path: Path) -> None:
    note = Text(30, 700, "VerDate 2014", 7, sideways=True)
    page = [*lines(["CHAIR: We begin.", "SMITH: Thank you."]), note]
    assert text_of(tmp_path, [page]) == "CHAIR: We begin.\nSMITH: Thank you.\nVerDate 2014\n"


def test_every_drawn_hyphen_is_a_hyphen(tmp_path: Path) -> None:
    text = text_of(tmp_path, [lines(["co\xadoperation, one-third -\xad", "as I said"])])
    assert text == "co-operation, one-third --\nas I said\n"


def test_markup_like_text_and_controls(tmp_path: Path) -> None:
    text = text_of(tmp_path, [lines(["SMITH: [inaudible] [/] [bold]no[/bold]", "A\x07B"])])
    assert text == "SMITH: [inaudible] [/] [bold]no[/bold]\nA B\n"  # BEL is dropped


def council_record() -> bytes:
    return make_pdf([
        lines(["Mayor Katz: Roll call, please.",
               "Clerk: His Worship Mayor Katz, Councillors Browaty",
               "and Eadie.",
               "Mayor Katz: We have a quorum. The minutes?",
               "Clerk: They were circulated on Monday."]),
        lines(["Councillor Eadie: Thank you. I move the minutes",
               "be adopted.",
               "Mayor Katz: All in favour? Carried.",
               "Councillor Eadie: Thank you, Mr. Mayor."]),
    ])  # fmt: skip


def test_a_council_record_opens_with_its_speakers(tmp_path: Path) -> None:
    path = tmp_path / "council.pdf"
    path.write_bytes(council_record())
    interview = load_interview(path)
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("Mayor Katz", "Roll call, please."),
        ("Clerk", "His Worship Mayor Katz, Councillors Browaty and Eadie."),
        ("Mayor Katz", "We have a quorum. The minutes?"),
        ("Clerk", "They were circulated on Monday."),
        ("Councillor Eadie", "Thank you. I move the minutes be adopted."),
        ("Mayor Katz", "All in favour? Carried."),
        ("Councillor Eadie", "Thank you, Mr. Mayor."),
    ]


def test_pdfs_are_found_in_folders_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "minutes" / "Council.PDF"
    path.parent.mkdir()
    path.write_bytes(council_record())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert is_supported(path)
    assert discover([tmp_path]) == ([path], [])
    load_interview(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_pdfs_load_safely_from_several_threads(tmp_path: Path) -> None:
    path = tmp_path / "council.pdf"
    path.write_bytes(council_record())
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(len(load_interview(path).turns)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [7] * 6


BROKEN = [
    ("scan.pdf", make_pdf([Page(scanned=True), Page(scanned=True)]), "no text layer (a scanned "
     "PDF?): it needs OCR to be read"),
    ("stamped-scan.pdf", make_pdf([Page((Text(500, 770, f"EFTA0000{n}"),), scanned=True)
                                   for n in range(3)]),
     "no text layer (a scanned PDF?): it needs OCR to be read"),
    ("locked.pdf", make_pdf([lines(["secret"])], encrypted=True),
     "encrypted PDF: it needs a password to open"),
    ("cut.pdf", council_record()[:-200], "truncated PDF: the file ends before its end marker"),
    ("mangled.pdf", council_record()[:400] + b"\x00" * 300 + council_record()[-100:],
     "damaged PDF, or not a PDF: it cannot be opened"),
    ("notes.pdf", b"Just some notes, not a PDF at all.\n%%EOF\n",
     "not a PDF file (no %PDF header)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_unreadable_pdfs_fail_in_one_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as info:
        load_interview(path)
    assert info.value.reason == reason
    assert path.read_bytes() == data


HEARING_TITLE = "OVERSIGHT OF THE HARBOUR BOARD"


def hearing_page(number: int, rows: list[tuple[float, str]]) -> list[Text]:
    """A GPO-style hearing page: the page number at the outer edge of a running head,
    text in one column, 13 points a line, paragraphs opening with an indent."""
    head = [Text(72, 50, str(number)), Text(220, 50, HEARING_TITLE)]
    if number % 2:
        head = [Text(220, 50, HEARING_TITLE), Text(520, 50, str(number))]
    return head + [Text(x, 80 + 13 * i, row) for i, (x, row) in enumerate(rows)]


HEARING = [
    hearing_page(2, [
        (90, "Chairman SMITH. The committee will come to order. We meet"),
        (72, "today on the minutes the board did not keep."),
        (90, "Mr. Jones, you may begin."),
        (90, "Mr. JONES. Thank you, Mr. Chairman. I served on the board"),
        (72, "for six years, and in those six years we kept minutes of"),
    ]),
    hearing_page(3, [
        (72, "every meeting but one."),
        (90, "[Laughter.]"),
        (90, "Chairman SMITH. Which one?"),
        (90, "Mr. JONES. The ninth."),
    ]),
]  # fmt: skip


def test_a_hearing_pdf_opens_with_its_speakers_and_pages(tmp_path: Path) -> None:
    path = tmp_path / "hearing.pdf"
    path.write_bytes(make_pdf(HEARING))
    interview = load_interview(path)
    assert [
        (t.speaker, [(p.kind.value, p.page, p.text) for p in t.paragraphs])
        for t in interview.turns
    ] == [
        ("Chairman SMITH", [
            ("speech", "2", "The committee will come to order. We meet today on the "
                            "minutes the board did not keep."),
            ("speech", "2", "Mr. Jones, you may begin."),
        ]),
        ("Mr. JONES", [
            ("speech", "2", "Thank you, Mr. Chairman. I served on the board for six years, "
                            "and in those six years we kept minutes of every meeting but one."),
            ("direction", "3", "[Laughter.]"),
        ]),
        ("Chairman SMITH", [("speech", "3", "Which one?")]),
        ("Mr. JONES", [("speech", "3", "The ninth.")]),
    ]  # fmt: skip
    heads = [" ".join(line.split()) for line in interview.furniture]
    assert heads == [f"2 {HEARING_TITLE}", f"{HEARING_TITLE} 3"]


def test_a_court_transcript_pdf_knows_each_paragraphs_page_and_line(tmp_path: Path) -> None:
    path = tmp_path / "court.pdf"
    path.write_bytes(make_pdf([court_page(COURT_PAGE_1, 1), court_page(COURT_PAGE_2, 2)]))
    interview = load_interview(path)
    assert [
        (t.speaker, [(p.page, p.line, p.text) for p in t.paragraphs]) for t in interview.turns
    ] == [
        ("JUDGE MARTIN", [
            ("1", 3, "We will hear the first matter this morning, the appeal of the harbour "
                     "board."),
            ("1", 5, "Counsel."),
        ]),
        ("MS. OKAFOR", [
            ("1", 6, "Thank you, Your Honour. May it please the court: the board kept no "
                     "minutes of the meeting on the ninth, and no one who was there has been "
                     "asked what was said."),
        ]),
        ("JUDGE MARTIN", [("2", 2, "Not one person?")]),
    ]  # fmt: skip
    assert "Acme Reporting Company" in interview.furniture


def test_long_printed_lines_wrap_into_paragraphs(tmp_path: Path) -> None:
    """A council record set across the page in small type: lines of over 100 characters
    that stop mid-sentence are one paragraph, as in any printed record."""
    said = [
        ("Mayor Katz", "Thank you, Mr. Speaker. I just want to inform everybody about the annual "
         "volunteer awards, which honour the people of this city who give their time to others "
         "without being asked, year after year."),
        ("Councillor Eadie", "Thank you. I move that the report of the committee be adopted as "
         "printed and that the matter of the arena be referred back to the community services "
         "department for a full review."),
        ("Mayor Katz", "All in favour? Opposed? Carried. That brings us to the end of the "
         "agenda for today, and I thank every member of council for their patience this morning."),
        ("Councillor Eadie", "Thank you, Mr. Mayor, and thank you to the clerk and to her staff "
         "for the work they did on the report over the holidays, which was considerable."),
    ]  # fmt: skip
    rows: list[str] = []
    for name, speech in said:
        rows += [*textwrap.wrap(f"{name}: {speech}", 115), ""]
    assert len(rows) == 12 and all(len(row) > 100 for row in rows[0::3])
    path = tmp_path / "council.pdf"
    page = [Text(30, 60 + 11 * i, row, 7) for i, row in enumerate(rows) if row]
    path.write_bytes(make_pdf([page[:4], page[4:]]))  # Eadie's speech turns the page
    interview = load_interview(path)
    assert [(t.speaker, t.speech) for t in interview.turns] == [
        (name, (speech,)) for name, speech in said
    ]
