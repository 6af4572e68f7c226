"""Markdown transcripts, end to end through the loader (issue 9's Markdown requirements)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.core.loader import load_interview

FORMATS = Path(__file__).parent / "data" / "formats"


def test_front_matter_headings_bold_labels_and_timestamps() -> None:
    interview = load_interview(FORMATS / "rebuilding.md")
    assert [(t.speaker, t.role.value, t.text, t.start_time) for t in interview.turns] == [
        ("Dana Whitfield", "interviewer", "When did the water come in?", 5.0),
        (
            "Priya Raman",
            "interviewee",
            "Just after midnight. We had an hour.\n\nIt was not enough.",
            9.0,
        ),
        ("Dana Whitfield", "interviewer", "And now?", 75.0),
        (
            "Priya Raman",
            "interviewee",
            "We reopen in May. The school keeps our spare beds.",  # *spare* in the source
            80.0,
        ),
    ]
    assert interview.title == "Rebuilding the clinic"
    assert interview.date == dt.date(2024, 3, 20)
    assert interview.furniture == (
        "---",
        'title: "Rebuilding the clinic"',
        "date: 2024-03-20",
        "speakers:",
        "- Dana Whitfield",
        "- Priya Raman",
        "---",
        "# Rebuilding the clinic",
        "## Part one: the flood",
        "## Part two: after",
    )


def test_headings_and_front_matter_never_reach_the_text() -> None:
    text = " ".join(t.text for t in load_interview(FORMATS / "rebuilding.md").turns)
    for fragment in ("#", "Part one", "title:", "speakers", "---", "**", "00:0", "(01:15)"):
        assert fragment not in text


def test_timestamp_after_the_label_becomes_the_start_time(tmp_path: Path) -> None:
    path = tmp_path / "after.md"
    path.write_text(
        "**Dana:** [00:00:05] When?\n\n**Priya:** 00:00:09 At midnight.\n\n"
        "**Dana:** (01:15) And now?\n\n**Priya:** [00:01:20] We reopen.\n",
        encoding="utf-8",
    )
    assert [(t.text, t.start_time) for t in load_interview(path).turns] == [
        ("When?", 5.0),
        ("At midnight.", 9.0),
        ("And now?", 75.0),
        ("We reopen.", 80.0),
    ]


def test_a_bold_label_used_once_is_still_a_label(tmp_path: Path) -> None:
    path = tmp_path / "once.md"
    path.write_text(
        "**Dana:** Who found the leak?\n\n**Priya:** Ed did.\n\n**Ed:** I heard it drip.\n\n"
        "**Dana:** Thank you both.\n\n**Priya:** Thanks.\n",
        encoding="utf-8",
    )
    assert [t.speaker for t in load_interview(path).turns] == [
        "Dana",
        "Priya",
        "Ed",
        "Dana",
        "Priya",
    ]


def test_a_line_that_is_an_html_comment_is_not_speech(tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    path.write_text(
        "<!-- draft: check the names -->\n\n# A talk by the river\n\n"
        "ANN: Hello. <!-- not a whole line --> Hi.\n\n<!-- a --> <!-- b -->\n\nBO: Bye.\n",
        encoding="utf-8",
    )
    interview = load_interview(path)
    assert interview.title == "A talk by the river"
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("ANN", "Hello. <!-- not a whole line --> Hi."),
        ("BO", "Bye."),
    ]
    assert interview.furniture == (
        "<!-- draft: check the names -->",
        "# A talk by the river",
        "<!-- a --> <!-- b -->",
    )
