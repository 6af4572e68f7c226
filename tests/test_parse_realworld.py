"""Six real transcripts from ../shared/realworld parse as their hand-checked ground truth.

``expected.json`` gives, per file: the accepted turn count (a number or a
``[min, max]`` pair), the speakers as labelled, the first words of the first two
turns, and furniture lines that must be in no turn's speech (furniture, or a
direction paragraph in its place, as ``The legislative clerk proceeded to call the
roll.`` is); ``realworld_truth.failures`` holds a file to it, as for ``tests/realworld``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.loader import load_interview
from realworld_truth import failures, load_truths

EXPECTED = Path(__file__).resolve().parents[2] / "shared" / "realworld" / "expected.json"
NAMES = sorted(json.loads(EXPECTED.read_text(encoding="utf-8"))) if EXPECTED.is_file() else []


@pytest.mark.parametrize("name", NAMES or ["expected.json"])
def test_realworld_transcript(realworld_dir: Path, name: str) -> None:
    assert failures(realworld_dir / name, load_truths(realworld_dir)[name]) == []


def test_every_expected_file_is_tested(realworld_dir: Path) -> None:
    listed = json.loads((realworld_dir / "expected.json").read_text("utf-8"))
    assert sorted(listed) == NAMES
    assert all((realworld_dir / name).is_file() for name in listed)


def test_spacelog_timestamps_become_start_times(realworld_dir: Path) -> None:
    interview = load_interview(realworld_dir / "spacelog_mercury4_liberty_bell_7_atg.txt")
    first, second = interview.turns[:2]
    assert (first.label, first.start_time, first.text) == ("STONY", 1.0, "Lift-off.")
    assert (second.label, second.start_time) == ("BELL 7", 3.0)
    assert interview.turns[-1].start_time == 26 * 60 + 9
    assert all("[00:" not in turn.text for turn in interview.turns)
    assert "the O₂ is go" in interview.turns[7].text  # O<sub>2</sub> in the source


def test_congressional_record_joins_lines_across_page_markers(realworld_dir: Path) -> None:
    interview = load_interview(realworld_dir / "congressional_record_2005-07-20_S8504.txt")
    reid = interview.turns[0]
    assert reid.speech[0] == (
        "Mr. President, as we all know now, last night the President announced he will "
        "nominate John G. Roberts of the District of Columbia Court of Appeals to the U.S. "
        "Supreme Court. I congratulate Judge Roberts on this most high honor."
    )
    assert any(
        "I argued cases before the Nevada Supreme Court and the Ninth Circuit" in p
        for p in reid.speech
    )
    assert reid.speech[-1] == "I yield the floor."
    assert interview.date is not None and interview.date.isoformat() == "2005-07-20"
    texts = [turn.text for turn in interview.turns]
    assert any("a fair up-or-down vote on Judge Roberts' nomination" in t for t in texts)
    assert not any("up- or" in t for t in texts)  # "up-" ends a line in the record


def test_front_matter_gives_title_and_date(realworld_dir: Path) -> None:
    call = load_interview(realworld_dir / "wh_background_call_2021-03-23_dprk.txt")
    assert call.title == (
        "Background Press Call by Senior Administration Officials on the Democratic "
        "People’s Republic of Korea"
    )
    assert call.date is not None and call.date.isoformat() == "2021-03-23"
    podcast = load_interview(realworld_dir / "btctranscripts_bitcoin_explained_38_rbf_bug.txt")
    assert podcast.title == "Replace-by-Fee Bug (CVE-2021-31876)"
    assert podcast.turns[0].start_time == 8.0
    assert podcast.turns[0].text == (
        "Live from Utrecht, Aruba and Utrecht, the Netherlands, this is The Van Wirdum Sjorsnado."
    )
