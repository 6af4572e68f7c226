"""Paginated records' front matter and body: title pages, contents, headings, long labels.

A hearing or court transcript opens with pages that are not the conversation: a title
page, the list of those present, a contents page with page numbers. The fixtures here
copy the public layouts of state-senate hearings (numbered, double-spaced lines under a
form feed) and Supreme Court transcripts (numbered single-spaced lines, a running head
and a reporter's footer).
"""

from __future__ import annotations

from reader.core.model import ParagraphKind
from reader.core.parsing import parse_text

S, D = ParagraphKind.SPEECH, ParagraphKind.DIRECTION


def numbered(lines: list[str], *, double: bool) -> str:
    """A page of lines numbered in the margin; an empty string is a numbered empty line."""
    rows = [f"{n:>8}      {text}".rstrip() for n, text in enumerate(lines, 1)]
    return ("\n\n" if double else "\n").join(rows) + "\n"


TITLE_PAGE = (
    "\n"
    "       1      BEFORE THE STATE SENATE\n"
    "              COMMITTEE ON RIVERS\n"
    "       2      -------------------------------\n"
    "       3      ROUNDTABLE ON THE PROPOSAL TO\n"
    "              MERGE THE HARBOUR OFFICE WITH\n"
    "       4      THE DEPARTMENT OF CANALS\n"
    "              Room 124, Capitol\n"
    "       5      Senator Jane Hale\n"
    "              Chair\n"
    "       6      Ann Brook\n"
    "              Harbour Coalition of America\n"
    "       7      Tom Fenn\n"
    "              Member of the public\n"
    "       8      Rita Moss\n"
    "              Canal Boatmen's Union\n"
)
HEARING_BODY = [
    "       SENATOR HALE:  Welcome, everyone.  Let us go",
    "around the room.",
    "       MS. BROOK:  I'm Ann Brook, and I'm with",
    "HARCO (the Harbour Coalition of America).",
    "       SENATOR HALE:  And in the back?",
    "       MR. FENN:  Hi.  Tom Fenn (ph.), from",
    "[inaudible].",
    "       SENATOR HALE:  Thank you both for coming",
    "today.  We will hear first from the",
    "Harbour Coalition of America and the Canal",
    "Boatmen's Union, in that order.",
    "       MS. BROOK:  Thank you, Senator.  The",
    "harbour needs dredging this year, and the",
]
HEARING_MORE = [
    "canals need new locks.  Both cost money the",
    "office does not have.",
    "       SENATOR HALE:  How much money?",
    "       MS. BROOK:  Four million dollars for the",
    "dredging, and about as much again for the",
    "locks, over three years.",
    "       SENATOR HALE:  Thank you.  Ms. Moss?",
    "       MS. MOSS:  The boatmen agree with the",
    "coalition about the locks.",
    "       SENATOR HALE:  Then we agree.  Thank",
    "you all.",
]


def test_title_pages_set_otherwise_do_not_hide_a_double_spaced_body() -> None:
    """The title page's lines are single spaced; the body's blank lines are double
    spacing, not paragraph breaks: a sentence runs on over them (a line in title case
    between them is no heading), a once-used capital word after ``I'm with`` continues
    it, and ``[inaudible].`` after ``from`` is said."""
    text = "\f".join(
        [TITLE_PAGE, numbered(HEARING_BODY, double=True), numbered(HEARING_MORE, double=True)]
    )
    turns = parse_text(text).turns
    assert [(t.label, [p.text for p in t.paragraphs]) for t in turns[:5]] == [
        ("SENATOR HALE", ["Welcome, everyone.  Let us go around the room."]),
        ("MS. BROOK", ["I'm Ann Brook, and I'm with HARCO (the Harbour Coalition of America)."]),
        ("SENATOR HALE", ["And in the back?"]),
        ("MR. FENN", ["Hi.  Tom Fenn (ph.), from [inaudible]."]),
        ("SENATOR HALE", ["Thank you both for coming today.  We will hear first from the "
                          "Harbour Coalition of America and the Canal Boatmen's Union, in "
                          "that order."]),
    ]  # fmt: skip
    assert [t.label for t in turns[5:]] == [
        "MS. BROOK", "SENATOR HALE", "MS. BROOK", "SENATOR HALE", "MS. MOSS", "SENATOR HALE"
    ]  # fmt: skip
    assert turns[5].text == (
        "Thank you, Senator.  The harbour needs dredging this year, and the canals need "
        "new locks.  Both cost money the office does not have."
    )


def court_page(number: int, lines: list[str]) -> str:
    """A page of a court transcript: running head, numbered lines, page number, footer."""
    head = "                       Official - Subject to Final Review\n"
    foot = f"{number:>33}\n                        Alderson Reporting Company\n"
    return head + numbered(lines, double=False) + foot


ARGUMENT = "\f".join(
    [
        court_page(1, [
            "         IN THE SUPREME COURT OF THE UNITED STATES",
            "  RIVER AUTHORITY,                 :    No. 11-398",
            "                          Washington, D.C.",
            "                 The above-entitled matter came on for oral",
            "  argument before the Supreme Court of the United States",
            "  at 10:12 a.m.",
            "  APPEARANCES:",
            "  ANN BROOK, ESQ., Washington, D.C.; for",
            "     the Petitioner.",
        ]),
        court_page(2, [
            "                         C O N T E N T S",
            "  ORAL ARGUMENT OF                                    PAGE",
            "  ANN BROOK, ESQ.",
            "     On behalf of the Petitioner                      3",
            "  ORAL ARGUMENT OF",
            "  TOM FENN, ESQ.",
            "     On behalf of the Respondent                      30",
            "  REBUTTAL ARGUMENT OF",
            "  ANN BROOK, ESQ.",
            "     On behalf of the Petitioner                      53",
            "",
            "",
        ]),
        court_page(3, [
            "                     P R O C E E D I N G S",
            "                                               (10:12 a.m.)",
            "              CHIEF JUSTICE HALE:  We will hear",
            "  argument this morning in Case 11-398, River Authority",
            "  v. Fenn.",
            "              Ms. Brook.",
            "               ORAL ARGUMENT OF ANN BROOK",
            "                ON BEHALF OF THE PETITIONER",
            "              MS. BROOK:  Mr. Chief Justice, and may it",
            "  please the Court:",
            "              The river is not a road.",
            "              JUSTICE MOSS:  Why not?",
            "              MS. BROOK:  It floods.",
        ]),
    ]
)  # fmt: skip


def test_a_court_transcripts_cover_and_contents_pages_are_front_matter() -> None:
    """The cover page's note of the matter, the appearances and the contents page (its
    lines end in page numbers) come before the first label's page: none of it is an
    opening statement; the spaced-out heading and the time on that page are not speech,
    and the two-line heading of an argument inside a turn is furniture."""
    interview = parse_text(ARGUMENT)
    assert [(t.label, [(p.kind, p.page, p.line, p.text) for p in t.paragraphs])
            for t in interview.turns] == [
        ("CHIEF JUSTICE HALE", [
            (S, "3", 3, "We will hear argument this morning in Case 11-398, River Authority "
             "v. Fenn."),
            (S, "3", 6, "Ms. Brook."),
        ]),
        ("MS. BROOK", [
            (S, "3", 9, "Mr. Chief Justice, and may it please the Court:"),
            (S, "3", 11, "The river is not a road."),
        ]),
        ("JUSTICE MOSS", [(S, "3", 12, "Why not?")]),
        ("MS. BROOK", [(S, "3", 13, "It floods.")]),
    ]  # fmt: skip
    furniture = interview.furniture
    for line in ("The above-entitled matter came on for oral", "APPEARANCES:",
                 "C O N T E N T S", "P R O C E E D I N G S", "(10:12 a.m.)",
                 "ORAL ARGUMENT OF ANN BROOK", "ON BEHALF OF THE PETITIONER"):  # fmt: skip
        assert line in furniture
    assert "On behalf of the Respondent                      30" in furniture


def test_a_label_on_a_contents_page_is_no_speaker() -> None:
    """``PANEL 2:`` heads a list of witnesses with the pages they speak on."""
    contents = (
        "                 INDEX\n\n"
        "PANEL 1:\n\nAnn Brook                      14\n     Harbour Coalition\n\n"
        "PANEL 2:\n\nTom Fenn                       38\n     Boatmen's Union\n\n"
        "Rita Moss                      49\n     Canal Office\n"
    )
    body = "ANN: The harbour needs dredging.\n\nTOM: And the locks.\n\nANN: Both.\n"
    turns = parse_text("TRANSPORT HEARING\n\f" + contents + "\f" + body).turns
    assert [(t.label, t.text) for t in turns] == [
        ("ANN", "The harbour needs dredging."),
        ("TOM", "And the locks."),
        ("ANN", "Both."),
    ]


def test_a_heading_over_two_lines_between_a_sentence_and_a_label_is_furniture() -> None:
    text = (
        "CHIEF JUSTICE HALE: We will hear argument first in the river case.\n"
        "Ms. Brook.\n"
        "ORAL ARGUMENT OF ANN BROOK\n"
        "ON BEHALF OF THE PETITIONER\n"
        "MS. BROOK: I work for the\n"
        "HARBOUR OFFICE OF THE CITY\n"
        "and speak for it.\n"
        "CHIEF JUSTICE HALE: Thank you.\n"
        "MS. BROOK: Thank you.\n"
    )
    interview = parse_text(text)
    assert interview.furniture == ("ORAL ARGUMENT OF ANN BROOK", "ON BEHALF OF THE PETITIONER")
    assert [t.text for t in interview.turns] == [
        "We will hear argument first in the river case. Ms. Brook.",
        "I work for the HARBOUR OFFICE OF THE CITY and speak for it.",
        "Thank you.",
        "Thank you.",
    ]


def test_prose_on_a_page_before_the_first_label_is_not_an_opening_statement() -> None:
    note = (
        "The above-entitled matter came on for a public hearing before the Committee on "
        "Rivers at the Capitol, at ten o'clock in the morning.\n\n"
        "Present were the members of the committee and the witnesses named on the list "
        "of those who asked to be heard, with their counsel.\n"
    )
    body = "HALE: The hearing will come to order.\n\nBROOK: Thank you, Senator.\n"
    interview = parse_text(note + "\f" + body)
    assert [(t.label, t.text) for t in interview.turns] == [
        ("HALE", "The hearing will come to order."),
        ("BROOK", "Thank you, Senator."),
    ]
    assert interview.furniture[0].startswith("The above-entitled matter")


def hearing_page(number: int, lines: list[str], length: int = 20) -> str:
    """A page of a remote hearing's record: ``Page N`` top right, the running head as
    numbered line 1, double-spaced numbered lines (empty ones up to ``length``), the
    reporter's two-line footer."""
    texts = ["Joint Hearing on Rivers, 8-25-20", *lines]
    texts += [""] * (length - len(texts))
    rows = [f"{n:<4}{text}".rstrip() for n, text in enumerate(texts, 1)]
    foot = "                 River Reporting, Inc.\n       12 Main Street, Albany, NY 12207\n"
    return f"{'Page ' + str(number):>60}\n" + "\n\n".join(rows) + "\n\n\n" + foot


REMOTE_HEARING = "\f".join(
    [
        "            JOINT PUBLIC HEARING\n\n     SENATE STANDING COMMITTEE ON RIVERS\n\n"
        "               August 25, 2020\n\n\n"
        "                 River Reporting, Inc.\n       12 Main Street, Albany, NY 12207\n",
        hearing_page(2, [
            "           (The public hearing commenced at 10:00",
            "   a.m.)",
            "           SENATOR JANE HALE, CHAIR, SENATE",
            "   STANDING COMMITTEE ON RIVERS:          Welcome",
            "   everyone. We are having a hearing on the",
            "   harbour and the canals.",
            "           MS. ANN BROOK, PRESIDENT, HARBOUR",
            "   COALITION OF AMERICA:       Thank you, Senator.",
            "   Senator Hale, can you hear me?",
            "           SENATOR HALE:       Yes.",
            "           MS. BROOK:      Good. The harbour needs",
        ]),
        hearing_page(3, [
            "   dredging this year, and the canals need new",
            "   locks, and both cost more money than the",
            "   office has.",
            "           SENATOR HALE:      How much money?",
            "           MS. BROOK:      Four million dollars over",
            "   three years for the dredging, and about as",
            "   much again for the",
        ]),
        hearing_page(4, ["   locks. We welcome your questions."], length=2),
    ]
)  # fmt: skip


def test_a_label_wrapped_over_numbered_lines_with_a_role_names_its_speaker() -> None:
    """``SENATOR JANE HALE, CHAIR, SENATE`` / ``STANDING COMMITTEE ON RIVERS:   Welcome``
    is one label; the speaker is the name before the comma, and ``SENATOR HALE`` later
    is the same person. The numbered running head, the reporter's footer and the
    short last page's line numbers are furniture, not speech."""
    interview = parse_text(REMOTE_HEARING)
    assert [(t.speaker, t.label) for t in interview.turns] == [
        ("SENATOR JANE HALE", "SENATOR JANE HALE, CHAIR, SENATE STANDING COMMITTEE ON RIVERS"),
        ("MS. ANN BROOK", "MS. ANN BROOK, PRESIDENT, HARBOUR COALITION OF AMERICA"),
        ("SENATOR JANE HALE", "SENATOR HALE"),
        ("MS. ANN BROOK", "MS. BROOK"),
        ("SENATOR JANE HALE", "SENATOR HALE"),
        ("MS. ANN BROOK", "MS. BROOK"),
    ]
    assert [(p.page, p.line, p.text) for t in interview.turns for p in t.paragraphs] == [
        ("2", 5, "Welcome everyone. We are having a hearing on the harbour and the canals."),
        ("2", 9, "Thank you, Senator. Senator Hale, can you hear me?"),
        ("2", 11, "Yes."),
        ("2", 12, "Good. The harbour needs dredging this year, and the canals need new locks, "
         "and both cost more money than the office has."),
        ("3", 5, "How much money?"),
        ("3", 6, "Four million dollars over three years for the dredging, and about as much "
         "again for the locks. We welcome your questions."),
    ]  # fmt: skip
    assert interview.turns[0].start == REMOTE_HEARING.index("SENATOR JANE HALE, CHAIR")
    assert "(The public hearing commenced at 10:00" in interview.furniture


def test_a_line_of_speech_in_capitals_above_a_label_is_not_part_of_it() -> None:
    text = (
        "ANN SMITH: Did you agree?\nBO JONES: I said it out loud:\nYES, SIR,\n"
        "ANN SMITH: And then?\n\fBO JONES: Nothing.\n"
    )
    turns = parse_text(text).turns
    assert [(t.label, t.text) for t in turns] == [
        ("ANN SMITH", "Did you agree?"),
        ("BO JONES", "I said it out loud: YES, SIR,"),
        ("ANN SMITH", "And then?"),
        ("BO JONES", "Nothing."),
    ]
