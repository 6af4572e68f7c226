"""Roles: nobody is an interviewee in a record where nobody interviews anybody.

A speaker is an interviewee only where the file has an interviewer (a question
label, a moderator, the interviewer the header names, or the examination rule's
questioner) or names its interviewee in the header and they speak; in a court's
argument, a council meeting or a podcast of two voices, everyone is ``other``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.loader import load_interview
from reader.core.model import Role
from reader.core.parsing import parse_text

CORPUS = Path(__file__).resolve().parent / "realworld"

COURT = """CHIEF JUSTICE ROBERTS: We will hear argument first this morning in Case 11-398.

MR. LONG: Mr. Chief Justice, and may it please the Court: the Act is not jurisdictional.

JUSTICE SCALIA: Is that so? Why should we read it that way?

MR. LONG: Because Congress wrote it as a rule of timing, Your Honor.

JUSTICE GINSBURG: And the penalty is not a tax?

MR. LONG: Not for this purpose.
"""

COUNCIL = """MAYOR ORTIZ: The meeting will come to order. Item E-7, the parking ordinance.

CITY ATTORNEY PARK: Madam Mayor, this is an ordinance on second reading.

COUNCILMEMBER KIM: I move approval.

VICE MAYOR BROOKS: Second.

MAYOR ORTIZ: All in favour? The motion carries.
"""

DIARISED = """Speaker 0: Hi John.

Speaker 1: Hi Gloria. Last time we talked about the mempool. What is a parent?

Speaker 0: A transaction whose output another one spends. Does that make sense?

Speaker 1: It does. And the child can pay for its parent.
"""

QA = "Q: How did C start?\n\nA: It grew out of B.\n\nQ: And Unix?\n\nA: Together.\n"

BRIEFING = """MS. PSAKI: Good afternoon. Two items at the top.

Q: Thanks, Jen. On the vaccine: when?

MS. PSAKI: Next week.

SECRETARY KERRY: Let me add one thing on climate.

Q: Secretary, what about China?

SECRETARY KERRY: We will work with them where we can.
"""

MONOLOGUE = "Interview with Ann Lee\n\nI grew up by the harbour.\n\nMy father fished.\n"


def roles_of(text: str) -> list[tuple[str, Role]]:
    return [(t.speaker, t.role) for t in parse_text(text).turns]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            COURT,
            ["CHIEF JUSTICE ROBERTS", "MR. LONG", "JUSTICE SCALIA"]
            + ["MR. LONG", "JUSTICE GINSBURG", "MR. LONG"],
        ),
        (
            COUNCIL,
            ["MAYOR ORTIZ", "CITY ATTORNEY PARK", "COUNCILMEMBER KIM"]
            + ["VICE MAYOR BROOKS", "MAYOR ORTIZ"],
        ),
        (DIARISED, ["Speaker 0", "Speaker 1", "Speaker 0", "Speaker 1"]),
    ],
)
def test_a_record_where_nobody_interviews_has_no_interviewee(
    text: str, speakers: list[str]
) -> None:
    assert roles_of(text) == [(speaker, Role.OTHER) for speaker in speakers]


def test_a_question_and_answer_interview_keeps_its_roles() -> None:
    asks, answers = ("Question", Role.INTERVIEWER), ("Answer", Role.INTERVIEWEE)
    assert roles_of(QA) == [asks, answers, asks, answers]


def test_a_briefing_keeps_the_podium_as_interviewees() -> None:
    psaki, kerry = ("MS. PSAKI", Role.INTERVIEWEE), ("SECRETARY KERRY", Role.INTERVIEWEE)
    asks = ("Question", Role.INTERVIEWER)
    assert roles_of(BRIEFING) == [psaki, asks, psaki, kerry, asks, kerry]


def test_a_monologue_by_the_person_the_header_names_is_the_interviewee() -> None:
    assert roles_of(MONOLOGUE) == [("Ann Lee", Role.INTERVIEWEE)]


@pytest.mark.parametrize(
    "name",
    [
        "scotus_11-398_2012-03-26_pp1-8.pdf",
        "coralgables_commission_2024-01-09_item_e7.pdf",
        "btc_brink_2021-11-24_mempool_ancestors.md",
    ],
)
def test_real_argument_meeting_and_podcast_have_no_interviewee(name: str) -> None:
    assert {t.role for t in load_interview(CORPUS / name).turns} == {Role.OTHER}


def test_a_real_gaggle_keeps_its_questions_and_podium() -> None:
    interview = load_interview(CORPUS / "wh_gaggle_2024-04-18_kirby.md")
    assert {t.speaker: t.role for t in interview.turns} == {
        "MS. JEAN-PIERRE": Role.INTERVIEWEE,
        "MR. KIRBY": Role.INTERVIEWEE,
        "Question": Role.INTERVIEWER,
    }
