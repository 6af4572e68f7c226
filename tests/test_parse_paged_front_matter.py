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
    "coalition, and then from the town.",
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
    spacing, not paragraph breaks: a sentence runs on over them, a once-used capital
    word after ``I'm with`` continues it, and ``[inaudible].`` after ``from`` is said."""
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
                          "coalition, and then from the town."]),
    ]  # fmt: skip
    assert [t.label for t in turns[5:]] == [
        "MS. BROOK", "SENATOR HALE", "MS. BROOK", "SENATOR HALE", "MS. MOSS", "SENATOR HALE"
    ]  # fmt: skip
    assert turns[5].text == (
        "Thank you, Senator.  The harbour needs dredging this year, and the canals need "
        "new locks.  Both cost money the office does not have."
    )
