"""The five bundled seeds parse exactly: turn order, speakers, metadata, every word."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from reader.core.loader import load_interview
from reader.core.model import Interview, Role

ROLE_LETTER = {Role.INTERVIEWER: "Q", Role.INTERVIEWEE: "A", Role.OTHER: "O"}
LABEL = re.compile(
    r"^(?:QUESTION|SECRETARY KERRY|ASSISTANT SECRETARY BOUCHER|Question|Sergey Lavrov):\s*"
)


def seed(seeds_dir: Path, prefix: str) -> Interview:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return load_interview(path)


def sequence(interview: Interview) -> str:
    return "".join(ROLE_LETTER[turn.role] for turn in interview.turns)


def test_000_kerry_mir_tv(seeds_dir: Path) -> None:
    interview = seed(seeds_dir, "000")
    assert sequence(interview) == "QAQAQAQAQQAQAQA"
    assert interview.title == "Interview With Askar Alimzhanov of Mir TV"
    assert interview.interviewee == "John Kerry"
    assert interview.interviewee_role == "Secretary of State"
    assert interview.interviewer == "Askar Alimzhanov"
    assert interview.outlet == "Mir TV"
    assert interview.place == "Astana"
    assert interview.date == dt.date(2015, 11, 2)
    assert interview.speakers == ("Askar Alimzhanov", "John Kerry")
    assert {(t.label, t.speaker) for t in interview.turns} == {
        ("QUESTION", "Askar Alimzhanov"),
        ("SECRETARY KERRY", "John Kerry"),
    }
    first = interview.turns[0]
    assert first.text == "Hello, Mr. Secretary. It’s an honor and a privilege to (inaudible)."
    assert interview.turns[8].text == (
        "A couple of days ago, I think on Friday, we announced about sending some U.S. "
        "troops to Syria."
    )
    assert interview.turns[9].text.startswith("Can you tell us the details of the decision")
    assert len(interview.turns[-1].speech) == 2
    assert interview.turns[-1].speech[0].startswith("Well, Ukraine is not an issue")
    assert interview.furniture[:6] == (
        "Interview With Askar Alimzhanov of Mir TV",
        "John Kerry",
        "Secretary of State",
        "U.S. Ambassador's Residence",
        "Astana, Kazakhstan",
        "November 2, 2015",
    )


def test_001_kerry_rossiya_24(seeds_dir: Path) -> None:
    interview = seed(seeds_dir, "001")
    assert sequence(interview) == "QAQAQAQAQAQQAQQAQAQAQAQ"
    assert (interview.interviewee, interview.interviewer, interview.outlet) == (
        "John Kerry",
        "Mikhail Gusman",
        "Rossiya 24",
    )
    assert (interview.place, interview.date) == ("Moscow", dt.date(2016, 3, 23))
    assert interview.turns[-1].text == "Thank you, Mr. Secretary."
    assert interview.turns[-1].speaker == "Mikhail Gusman"


def test_002_lavrov_khabar(seeds_dir: Path) -> None:
    interview = seed(seeds_dir, "002")
    assert sequence(interview) == "QA" * 9
    assert interview.interviewee == "Sergey Lavrov"
    assert interview.interviewee_role == "Foreign Minister"
    assert interview.outlet == "Khabar Agency"
    assert interview.interviewer is None
    assert interview.date == dt.date(2018, 12, 9)
    assert interview.place == "Moscow"
    assert interview.title == (
        "Foreign Minister Sergey Lavrov’s interview with Khabar Agency, Kazakhstan, for Maya "
        "Bekbayeva’s project The Era of Revival, Moscow, December 9, 2018"
    )
    assert interview.speakers == ("Question", "Sergey Lavrov")
    repeat = [t for t in interview.turns if any(p.startswith("I repeat:") for p in t.speech)]
    assert len(repeat) == 1 and repeat[0].label == "Sergey Lavrov"
    assert repeat[0].speech[-1] == (
        "I repeat: we will view everything that is in the interests of the Kazakh people "
        "in this way."
    )
    assert "• en-GB1 ru-RU1" in interview.furniture
    assert interview.furniture[-1] == "Advanced settings"
    assert not any("Advanced settings" in t.text or "en-GB1" in t.text for t in interview.turns)


def test_003_boucher_vremya(seeds_dir: Path) -> None:
    interview = seed(seeds_dir, "003")
    assert sequence(interview) == "QA" * 10 + "Q"
    assert interview.turns[-1].text == "Thank you."
    assert interview.turns[-2].speech[-1] == "Thank you very much."
    assert interview.interviewee == "Richard A. Boucher"
    assert interview.interviewee_role == "Assistant Secretary for South and Central Asian Affairs"
    assert (interview.interviewer, interview.outlet) == ("Maria Kosygina", "Vremya Newspaper")
    assert (interview.place, interview.date) == ("Astana", dt.date(2007, 2, 27))
    assert interview.speakers == ("Maria Kosygina", "Richard A. Boucher")
    assert interview.furniture.count("U.S. Department of State") == 9
    assert "Back to top" in interview.furniture
    assert interview.furniture[-1].startswith("Published by the U.S. Department of State")
    for turn in interview.turns:
        assert "Department of State" not in turn.text
        assert "Back to top" not in turn.text


def test_004_lavrov_opening_statement(seeds_dir: Path) -> None:
    interview = seed(seeds_dir, "004")
    assert sequence(interview) == "AQAQA"
    opening = interview.turns[0]
    assert (opening.label, opening.speaker) == (None, "Sergey Lavrov")
    assert len(opening.speech) == 9
    assert opening.speech[0] == "Ladies and gentlemen,"
    assert interview.title == "Kazakhstan is Russia's ally, good neighbour and strategic partner"
    assert (interview.date, interview.place) == (dt.date(2017, 1, 20), "Moscow")
    assert interview.description is not None
    assert interview.description.startswith("Foreign Minister Sergey Lavrov’s remarks")
    assert interview.furniture[0] == "Official visits"
    assert [t.label for t in interview.turns[1:]] == ["Question", "Sergey Lavrov"] * 2


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_spoken_paragraph_is_in_exactly_one_turn(seeds_dir: Path, prefix: str) -> None:
    """Seeds have one paragraph a line: the non-furniture lines, unlabelled, are the turns."""
    interview = seed(seeds_dir, prefix)
    text = interview.source.read_text(encoding="utf-8") if interview.source else ""
    furniture = Counter(interview.furniture)
    spoken: Counter[str] = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if furniture[stripped]:
            furniture[stripped] -= 1
            continue
        spoken[LABEL.sub("", stripped)] += 1
    paragraphs = Counter(p for turn in interview.turns for p in turn.speech)
    assert spoken == paragraphs
    assert +furniture == Counter()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_point_at_the_turns_in_the_source(seeds_dir: Path, prefix: str) -> None:
    interview = seed(seeds_dir, prefix)
    assert interview.source is not None
    text = interview.source.read_text(encoding="utf-8")
    for turn in interview.turns:
        passage = text[turn.start : turn.end]
        if turn.label:
            assert passage.startswith(turn.label)
        assert passage.endswith(turn.speech[-1])
        assert passage.count("\n\n") == len(turn.speech) - 1


def test_seeds_parse_the_same_whatever_order_they_are_loaded_in(seeds_dir: Path) -> None:
    """Nothing carries over from one file to the next (labels, speakers, header state)."""
    paths = sorted(seeds_dir.glob("*.txt"))
    forward = [load_interview(path) for path in paths]
    backward = [load_interview(path) for path in reversed(paths)][::-1]
    assert forward == backward
    assert [sequence(interview) for interview in forward] == [
        "QAQAQAQAQQAQAQA",
        "QAQAQAQAQAQQAQQAQAQAQAQ",
        "QA" * 9,
        "QA" * 10 + "Q",
        "AQAQA",
    ]


def test_transcribers_marks_are_kept_verbatim(seeds_dir: Path) -> None:
    kerry = seed(seeds_dir, "000")
    assert kerry.turns[2].text.startswith(
        "Thank you (inaudible) for your time and to answer a few questions. (Inaudible) to our"
    )
    boucher = seed(seeds_dir, "003")
    assert sum("against [inaudible], against" in t.text for t in boucher.turns) == 1
    gusman = seed(seeds_dir, "001")
    assert gusman.turns[3].text == (
        "Don’t you think it’s better I give it to President Putin first? (Laughter.)"
    )
