"""Metadata a reader expects: the date in a file name, a heading as the title, and the
roles of moderators and presiding officers (issue 16, item 11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.core.loader import load_interview
from reader.core.model import Role
from reader.core.parsing import parse_text
from reader.core.parsing.dates import date_in_name

DEBATE = """PARTICIPANTS: Former Gov. Mitt Romney and President Barack Obama
MODERATOR: Jim Lehrer (PBS)

LEHRER: Good evening from the Magness Arena. What are the differences between you on jobs?

OBAMA: Well, thank you very much, Jim, for this opportunity.

LEHRER: Governor Romney, two minutes?

ROMNEY: Thank you, Jim. It's an honor to be here with you.
"""

SENATE = """The PRESIDING OFFICER. The Senator from Nevada.

Mr. REID. Mr. President, I ask unanimous consent that the order be rescinded.

The PRESIDING OFFICER. Without objection, it is so ordered.

Mr. LEAHY. Mr. President, I rise today to speak about the nominee.
"""

HEARING = """Chairman INOUYE. The hearing will come to order.

Mr. NIELDS. Colonel North, were you involved in the sale?

Mr. NORTH. Yes, I was.

Chairman INOUYE. Thank you. Mr. Nields, continue.
"""

RITCHIE_BODY = "\n\nQ: How did C start?\n\nA: It grew out of B.\n\nQ: And Unix?\n\nA: Together.\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("debate_2012-10-03.txt", dt.date(2012, 10, 3)),
        ("call_2021_03_23.vtt", dt.date(2021, 3, 23)),
        ("x.1999.12.31.md", dt.date(1999, 12, 31)),
        ("mixed_2012-10_03.txt", None),
        ("bad_2012-13-03.txt", None),
        ("000_0e1d10314e09f99d.txt", None),
        ("id_120121003.txt", None),
    ],
)
def test_date_in_a_file_name(name: str, date: dt.date | None) -> None:
    assert date_in_name(name) == date


def test_the_file_name_gives_the_date_only_when_the_text_has_none(tmp_path: Path) -> None:
    debate = load_interview(write(tmp_path, "debate_2012-10-03.txt", DEBATE))
    assert debate.date == dt.date(2012, 10, 3)
    dated = write(tmp_path, "notes_2001-01-01.txt", "Remarks, March 3, 2020" + RITCHIE_BODY)
    assert load_interview(dated).date == dt.date(2020, 3, 3)


@pytest.mark.parametrize(
    ("heading", "suffix"),
    [
        ("Interview with Dennis Ritchie.", ".txt"),
        ("<h1>Interview with Dennis Ritchie</h1>", ".txt"),
        ("**Interview with Dennis Ritchie**", ".md"),
    ],
)
def test_a_heading_line_is_the_title_not_the_file_name(
    tmp_path: Path, heading: str, suffix: str
) -> None:
    path = write(tmp_path, f"dmr{suffix}", heading + RITCHIE_BODY)
    assert load_interview(path).title == heading.strip("*").removeprefix("<h1>").removesuffix(
        "</h1>"
    )


def test_a_title_with_a_full_stop_heads_an_unlabelled_transcript(tmp_path: Path) -> None:
    text = (
        "Interview with Dennis Ritchie.\n\n"
        "C grew out of B, which Ken wrote. We needed types for the new machine.\n\n"
        "Unix came along at the same time, and the two grew up together.\n"
    )
    interview = load_interview(write(tmp_path, "dmr.txt", text))
    assert interview.title == "Interview with Dennis Ritchie."
    assert interview.furniture == ("Interview with Dennis Ritchie.",)
    assert [t.text[:6] for t in interview.turns] == ["C grew"]


def test_a_moderator_asks_and_is_named_by_the_header(tmp_path: Path) -> None:
    debate = load_interview(write(tmp_path, "debate_2012-10-03.txt", DEBATE))
    assert debate.interviewer == "Jim Lehrer"
    assert [(t.speaker, t.role) for t in debate.turns] == [
        ("Jim Lehrer", Role.INTERVIEWER),
        ("OBAMA", Role.INTERVIEWEE),
        ("Jim Lehrer", Role.INTERVIEWER),
        ("ROMNEY", Role.INTERVIEWEE),
    ]
    assert debate.furniture == (
        "PARTICIPANTS: Former Gov. Mitt Romney and President Barack Obama",
        "MODERATOR: Jim Lehrer (PBS)",
    )


def test_a_moderator_label_asks(tmp_path: Path) -> None:
    text = DEBATE.split("\n\n", 1)[1].replace("LEHRER:", "LEHRER (MODERATOR):")
    roles = {t.label: t.role for t in load_interview(write(tmp_path, "d.txt", text)).turns}
    assert roles == {
        "LEHRER (MODERATOR)": Role.INTERVIEWER,
        "OBAMA": Role.INTERVIEWEE,
        "ROMNEY": Role.INTERVIEWEE,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            SENATE,
            [
                ("The PRESIDING OFFICER", Role.OTHER),
                ("Mr. REID", Role.OTHER),
                ("The PRESIDING OFFICER", Role.OTHER),
                ("Mr. LEAHY", Role.OTHER),
            ],
        ),
        (
            HEARING,
            [
                ("Chairman INOUYE", Role.OTHER),
                ("Mr. NIELDS", Role.OTHER),
                ("Mr. NORTH", Role.OTHER),
                ("Chairman INOUYE", Role.OTHER),
            ],
        ),
    ],
)
def test_presiding_officers_and_chairs_are_other(
    tmp_path: Path, text: str, expected: list[tuple[str, Role]]
) -> None:
    """So is everyone else where nobody is found interviewing (one question is not
    an examination)."""
    interview = load_interview(write(tmp_path, "record.txt", text))
    assert [(t.label, t.role) for t in interview.turns] == expected


def test_real_record_and_hearing(realworld_dir: Path) -> None:
    record = load_interview(realworld_dir / "congressional_record_2005-07-20_S8504.txt")
    assert {t.role for t in record.turns} == {Role.OTHER}
    hearing = load_interview(realworld_dir / "irancontra_hearings_1987-05-05_opening.txt")
    assert hearing.date == dt.date(1987, 5, 5)
    assert {t.role for t in hearing.turns} == {Role.OTHER}


def test_front_matter_lists_of_people_give_their_names_not_their_fields() -> None:
    """A podcast's front matter lists guests and hosts as YAML lists of mappings; each
    item's ``url:`` is its own field, never the person's name."""
    from reader.core.parsing import parse_text

    text = (
        "---\n"
        "title: Tooling Day\n"
        "guests:\n"
        "    - name: Ellen Körbes\n"
        "      url: https://twitter.com/ellenkorbes\n"
        "hosts:\n"
        "    - name: Carlisia Thompson\n"
        "      url: https://twitter.com/carlisia\n"
        "    - name: Duffie Cooley\n"
        "---\n\n"
        "CC: Hi, everybody. Welcome back.\n\n"
        "EK: Hi. I do developer relations.\n\n"
        "CC: Tell us more.\n\n"
        "EK: Gladly.\n"
    )
    interview = parse_text(text)
    assert interview.interviewee == "Ellen Körbes"
    assert interview.interviewer == "Carlisia Thompson, Duffie Cooley"
    assert [t.speaker for t in interview.turns] == ["CC", "EK", "CC", "EK"]


EXAMINATION = """Mr. LIMAN. Did you tell the President?

Mr. POINDEXTER. I did not.

Mr. LIMAN. Why not?

Mr. POINDEXTER. To protect him.

Mr. BECKLER. I object to that question.

Chairman HAMILTON. Counsel may proceed.

Mr. LIMAN. Did anyone else know?

Mr. POINDEXTER. Colonel North knew.

Mr. LIMAN. And the Attorney General?

Mr. POINDEXTER. Not then.

Mr. LIMAN. When, then?

Mr. POINDEXTER. In November.

Mr. LIMAN. Was that before the Finding?

Mr. POINDEXTER. It was after it.

Mr. LIMAN. Did you keep notes?

Mr. POINDEXTER. No.

Mr. LIMAN. None at all?

Mr. POINDEXTER. None.

Mr. LIMAN. Thank you, Admiral. Is that all?

Mr. POINDEXTER. Yes.
"""


def test_counsel_who_asks_is_the_interviewer_despite_an_objection_and_a_ruling() -> None:
    """Two people hold an examination (nine-tenths of its turns); the one whose turns
    are mostly questions asks, whoever else interjects once."""
    interview = parse_text(EXAMINATION)
    assert {t.speaker: t.role for t in interview.turns} == {
        "Mr. LIMAN": Role.INTERVIEWER,
        "Mr. POINDEXTER": Role.INTERVIEWEE,
        "Mr. BECKLER": Role.INTERVIEWEE,
        "Chairman HAMILTON": Role.OTHER,
    }
    two_and_three = EXAMINATION.replace("Mr. POINDEXTER. No.", "Mr. BECKLER. No.").replace(
        "Mr. POINDEXTER. None.", "Mr. BECKLER. None."
    )
    # Three people share it: nobody is found asking, so nobody is an interviewee.
    assert {t.role for t in parse_text(two_and_three).turns} == {Role.OTHER}
