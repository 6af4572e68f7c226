"""WebVTT and SRT captions open as interviews of turns, through the ordinary loader."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.bookmarks import BookmarkStore
from reader.core.decoding import read_text
from reader.core.discovery import discover
from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError

FORMATS = Path(__file__).parent / "data" / "formats"
TIMING = re.compile(r"\d\d:\d\d[.,]\d{3}|-->")


def spoken(interview: Interview) -> list[tuple[str, str, float | None]]:
    return [(t.speaker, t.text, t.start_time) for t in interview.turns]


def assert_no_caption_furniture_in_text(interview: Interview) -> None:
    for turn in interview.turns:
        assert not TIMING.search(turn.text), turn.text
        assert not re.search(r"^\d+\b|<[^>]*>", turn.text), turn.text


def assert_every_line_kept(interview: Interview, path: Path) -> None:
    """No word lost: each non-blank source line is in a turn's span or is furniture."""
    text = read_text(path)
    furniture = set(interview.furniture)
    offset = 0
    for line in text.split("\n"):
        inside = any(t.start <= offset < t.end for t in interview.turns)
        assert inside or not line.strip() or line.strip() in furniture, line
        offset += len(line) + 1
    for start, kept in interview.placed_furniture():
        assert start is not None and text[start : start + len(kept)] == kept


def test_zoom_vtt_with_three_speakers() -> None:
    path = FORMATS / "zoom_three_speakers.vtt"
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Dana Whitfield", "Thanks for joining us today. Can you hear me?", 1.35),
        ("Priya Raman", "Yes, loud and clear.", 4.9),
        (
            "Dana Whitfield",
            "Great. Let's start with the flood in March. What did you see when the water came in?",
            6.5,
        ),
        (
            "Priya Raman",
            "The river rose about two metres overnight. "
            "By morning the ground floor of the clinic was gone.",
            15.01,
        ),
        ("Tom O'Neill", "Sorry, I joined late. Note: I'm recording too.", 23.4),
        ("Dana Whitfield", "No problem, Tom. Priya, what happened next?", 62.0),
        ("Priya Raman", "We moved the patients to the school & waited.", 66.0),
    ]
    assert [t.label for t in interview.turns] == [t.speaker for t in interview.turns]
    assert interview.speakers == ("Dana Whitfield", "Priya Raman", "Tom O'Neill")
    # As in plain text: no question labels and three voices, so nobody is found
    # interviewing, and nobody is an interviewee.
    assert {t.role.value for t in interview.turns} == {"other"}
    assert interview.title == "zoom_three_speakers"
    assert interview.furniture[:4] == ("WEBVTT", "1", "00:00:01.350 --> 00:00:04.230", "2")
    assert len(interview.furniture) == 1 + 2 * 9
    assert_no_caption_furniture_in_text(interview)
    assert_every_line_kept(interview, path)


def test_turn_offsets_span_the_cue_lines_in_the_file() -> None:
    path = FORMATS / "zoom_three_speakers.vtt"
    text = read_text(path)
    third = load_interview(path).turns[2]
    assert text[third.start : third.end] == (
        "Dana Whitfield: Great. Let's start with the flood in March.\n\n"
        "4\n00:00:10.000 --> 00:00:14.250\n"
        "Dana Whitfield: What did you see when the water came in?"
    )


def test_vtt_voice_tags_notes_styles_and_hours() -> None:
    path = FORMATS / "voice_tags.vtt"
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Interviewer", "When did you first work on the docks?", 0.0),
        (
            "Maria Santos",
            "In nineteen sixty-two. My father was a stevedore, and his father too. "
            "He said the work was hard",
            3.5,
        ),
        ("Interviewer", "And the strike?", 3723.25),
    ]
    assert [t.role.value for t in interview.turns] == ["interviewer", "interviewee", "interviewer"]
    assert interview.title == "Harbour oral history, tape 2"
    assert interview.furniture[:7] == (
        "WEBVTT - Harbour oral history, tape 2",
        "Kind: captions",
        "Language: en",
        "NOTE",
        "This file was exported from the archive's caption editor.",
        "STYLE",
        "::cue { color: white; }",
    )
    assert "intro" in interview.furniture
    assert_no_caption_furniture_in_text(interview)
    assert_every_line_kept(interview, path)


def test_rolling_auto_captions_are_deduplicated_under_an_unnamed_speaker() -> None:
    path = FORMATS / "youtube_rolling.vtt"
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Speaker", "welcome back to the show today we talk about bees and why they matter", 0.16)
    ]
    assert interview.turns[0].label is None
    repeats = [line for line in interview.furniture if "-->" not in line]
    assert repeats == [
        "WEBVTT",
        "Kind: captions",
        "Language: en",
        "welcome back to the show",
        "welcome back to the show",
        "today we talk about bees",
        "today we talk about bees",
    ]
    assert_every_line_kept(interview, path)


def test_srt_with_crlf_labels_and_formatting_tags() -> None:
    path = FORMATS / "interview.srt"
    interview = load_interview(path)
    assert spoken(interview) == [
        ("REPORTER", "How long have you lived here?", 1.0),
        ("MR. HALE", "Forty years. Since before the mill closed. And I mean to stay.", 4.5),
        ("REPORTER", "Why?", 12.0),
        ("MR. HALE", "This is home.", 3615.5),
    ]
    assert [t.role.value for t in interview.turns] == ["interviewer", "interviewee"] * 2
    assert interview.furniture[:2] == ("1", "00:00:01,000 --> 00:00:04,000")
    assert len(interview.furniture) == 10
    assert_no_caption_furniture_in_text(interview)
    assert_every_line_kept(interview, path)


def test_q_and_a_labels_are_named_and_given_roles_as_in_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "qa.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nQ: Ready?\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nA: Yes.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nQ: Go.\n",
        encoding="utf-8",
    )
    interview = load_interview(path)
    assert [(t.speaker, t.label, t.role.value, t.text) for t in interview.turns] == [
        ("Question", "Q", "interviewer", "Ready?"),
        ("Answer", "A", "interviewee", "Yes."),
        ("Question", "Q", "interviewer", "Go."),
    ]


def test_zoom_names_with_a_note_in_parentheses(tmp_path: Path) -> None:
    path = tmp_path / "zoom.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nDana Whitfield (Host): Welcome.\n\n"
        "2\n00:00:02.000 --> 00:00:03.000\nSam (he/him): Thanks.\n",
        encoding="utf-8",
    )
    assert [(t.speaker, t.label, t.text) for t in load_interview(path).turns] == [
        ("Dana Whitfield", "Dana Whitfield (Host)", "Welcome."),
        ("Sam", "Sam (he/him)", "Thanks."),
    ]


def test_broadcast_labels_on_their_own_line_or_after_chevrons(tmp_path: Path) -> None:
    path = tmp_path / "news.srt"
    path.write_text(
        "1\n00:00:20,887 --> 00:00:26,760\nMAN 2:\nE equals m c-squared is\nnot about Einstein.\n\n"
        "2\n00:00:26,760 --> 00:00:32,200\n>> ANCHOR: Thank you.\n\n"
        "3\n00:00:32,200 --> 00:00:36,200\nMAN 2:\n\n"
        "4\n00:00:36,200 --> 00:00:38,000\n>> ANCHOR: And now the weather.\n",
        encoding="utf-8",
    )
    interview = load_interview(path)
    assert [(t.speaker, t.text, t.start_time) for t in interview.turns] == [
        ("MAN 2", "E equals m c-squared is not about Einstein.", 20.887),
        ("ANCHOR", "Thank you. And now the weather.", 26.76),
    ]
    assert "MAN 2:" in interview.furniture  # a label with nothing said after it
    assert_every_line_kept(interview, path)


def test_a_lone_colon_phrase_in_unlabelled_captions_stays_speech(tmp_path: Path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nSo here is the thing.\n\n"
        "00:02.000 --> 00:03.000\nBottom line: we ran out of money.\n\n"
        "00:03.000 --> 00:04.000\nAnd nobody noticed.\n",
        encoding="utf-8",
    )
    assert spoken(load_interview(path)) == [
        (
            "Speaker",
            "So here is the thing. Bottom line: we ran out of money. And nobody noticed.",
            1.0,
        )
    ]


def test_a_line_repeated_by_a_labelled_speaker_is_speech(tmp_path: Path) -> None:
    path = tmp_path / "repeat.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>No.\n\n00:02.000 --> 00:03.000\n<v Ann>No.\n",
        encoding="utf-8",
    )
    assert spoken(load_interview(path)) == [("Ann", "No. No.", 1.0)]


def test_caption_text_after_a_blank_line_belongs_to_its_cue(tmp_path: Path) -> None:
    path = tmp_path / "gap.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nFirst part\n\nsecond part\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nthird part\n",
        encoding="utf-8",
    )
    assert spoken(load_interview(path)) == [("Speaker", "First part second part third part", 1.0)]


def test_entities_and_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    path = tmp_path / "escapes.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Bo>a &lt;b&gt; &#27;[31mred&nbsp;c\n",
        encoding="utf-8",
    )
    assert spoken(load_interview(path)) == [("Bo", "a <b> [31mred\xa0c", 1.0)]


def test_reader_parse_json_gives_start_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FORMATS / "interview.srt"), "--json"]) == 0
    turns = json.loads(capsys.readouterr().out)["turns"]
    assert [(turn["speaker"], turn["start_time"]) for turn in turns] == [
        ("REPORTER", 1.0),
        ("MR. HALE", 4.5),
        ("REPORTER", 12.0),
        ("MR. HALE", 3615.5),
    ]


def test_reader_parse_reports_a_bad_caption_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.srt"
    path.write_text("1\nsoon\nHello\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"reader: {path}: line 2: expected a cue timing, found 'soon'\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("plain.vtt", "Hello there.\n", "not a WebVTT file (it does not start with WEBVTT)"),
        ("no_cues.vtt", "WEBVTT\n\nNOTE nothing here\n", "no caption text in the file"),
        ("empty_cue.srt", "1\n00:00:01,000 --> 00:00:02,000\n", "no caption text in the file"),
        (
            "bad_time.vtt",
            "WEBVTT\n\n1\n00:00:01 --> 00:00:04\nHi\n",
            "line 4: expected a cue timing, found '00:00:01 --> 00:00:04'",
        ),
        (
            "prose.srt",
            "This is a letter, not subtitles.\nSecond line.\n",
            "line 1: expected a cue timing, found 'This is a letter, not subtitles.'",
        ),
        ("binary.srt", "\x00\x01\x02" * 100, "binary file, not a transcript"),
    ],
)
def test_malformed_captions_give_one_line_errors(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_interview(path)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{path}: {reason}"


def test_folder_scan_finds_captions_and_a_bad_one_does_not_stop_the_rest(tmp_path: Path) -> None:
    for name in ("zoom_three_speakers.vtt", "interview.srt"):
        (tmp_path / name).write_bytes((FORMATS / name).read_bytes())
    (tmp_path / "broken.vtt").write_text("not captions\n", encoding="utf-8")
    files, errors = discover([tmp_path])
    assert [f.name for f in files] == ["broken.vtt", "interview.srt", "zoom_three_speakers.vtt"]
    assert errors == []
    loaded, failed = [], []
    for file in files:
        try:
            loaded.append(load_interview(file).title)
        except LoadError as exc:
            failed.append(exc.reason)
    assert loaded == ["interview", "zoom_three_speakers"]
    assert failed == ["not a WebVTT file (it does not start with WEBVTT)"]


def test_a_bookmark_into_captions_re_anchors_after_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "meeting.vtt"
    original = (FORMATS / "zoom_three_speakers.vtt").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    with BookmarkStore.open(tmp_path / "data") as store:
        store.add(load_interview(path), 3, "two metres overnight")
        extra_cue = "0\n00:00:00.500 --> 00:00:01.000\nTom O'Neill: Testing, testing.\n\n"
        path.write_text(original.replace("1\n", extra_cue + "1\n", 1), encoding="utf-8")
        [moved] = store.refresh()
    assert (moved.turn, moved.speaker, moved.quote, moved.orphaned) == (
        4,
        "Priya Raman",
        "two metres overnight",
        False,
    )
    assert load_interview(path).turns[4].text[moved.start : moved.end] == "two metres overnight"


def test_reader_search_finds_quotes_in_captions_and_web_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("zoom_three_speakers.vtt", "interview.srt", "press_briefing.html"):
        (tmp_path / name).write_bytes((FORMATS / name).read_bytes())
    for query, file, speaker, text in [
        ("patients to the school", "zoom_three_speakers.vtt", "Priya Raman",
         "We moved the patients to the school & waited."),
        ("before the mill closed", "interview.srt", "MR. HALE", "Since before the mill closed."),
        ("when will the bridge reopen", "press_briefing.html", "REPORTER",
         "When will the bridge reopen?"),
    ]:  # fmt: skip
        assert main(["search", query, str(tmp_path), "--json", "-n", "1"]) == 0
        [hit] = json.loads(capsys.readouterr().out)
        assert (Path(hit["file"]).name, hit["speaker"], hit["text"]) == (file, speaker, text)


CAPTION_LINES = st.sampled_from(
    [
        "WEBVTT",
        "",
        " ",
        "1",
        "00:00:01.000 --> 00:00:02.500",
        "00:00:03,000 --> 00:00:04,000",
        "1:00:00.000 --> 1:00:01.000 align:start",
        "<v Ann>Hello there.</v>",
        "<v.loud Bo Li>Yes?",
        "Ann: Again.",
        "MAN 2:",
        ">> ANCHOR: Hi.",
        "Note: this is speech.",
        "<c>rolling</c><00:00:01.200> words",
        "&amp; &nbsp; &#27;",
        "NOTE a comment",
        "-->",
        "{\\an8}Top line",
    ]
)
CAPTION_TEXT = st.lists(st.one_of(CAPTION_LINES, st.text(max_size=20)), max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(text=CAPTION_TEXT, suffix=st.sampled_from([".vtt", ".srt"]))
def test_any_caption_text_loads_or_fails_in_one_line(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"captions{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            interview = load_interview(path)
        except LoadError as exc:
            assert "\n" not in str(exc)
            return
        assert interview.turns
        assert_every_line_kept(interview, path)
        assert all(t.text and t.start < t.end for t in interview.turns)


def test_broken_files_of_every_format_do_not_stop_a_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.vtt").write_bytes((FORMATS / "zoom_three_speakers.vtt").read_bytes())
    broken = {
        "a.vtt": "not a WebVTT file (it does not start with WEBVTT)",
        "b.srt": "line 1: expected a cue timing, found 'garbage'",
        "c.docx": "not a readable Word document",
        "d.html": "no readable text in the page",
        "e.txt": "empty file",
    }
    for name in broken:
        (tmp_path / name).write_text("" if name == "e.txt" else "garbage", encoding="utf-8")
    (tmp_path / "d.html").write_text("<script>garbage()</script>", encoding="utf-8")
    assert main(["search", "two metres overnight", str(tmp_path), "--json", "-n", "1"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["speaker"] == "Priya Raman"
    assert captured.err.splitlines() == [
        f"reader: {tmp_path / name}: {reason}" for name, reason in broken.items()
    ]


def test_a_voice_named_in_full_and_then_short_is_one_speaker(tmp_path: Path) -> None:
    path = tmp_path / "coffee.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Bekah Hawrot Weigel>Hi, welcome.\n\n"
        "00:00:03.000 --> 00:00:04.000\n<v Josh>Thanks.\n\n"
        "00:00:05.000 --> 00:00:06.000\n<v Bekah>Great.\n\n"
        "00:00:07.000 --> 00:00:08.000\n<v Josh Goldberg>Sure.\n",
        encoding="utf-8",
    )
    interview = load_interview(path)
    assert [(t.label, t.speaker, t.start_time) for t in interview.turns] == [
        ("Bekah Hawrot Weigel", "Bekah Hawrot Weigel", 1.0),
        ("Josh", "Josh Goldberg", 3.0),
        ("Bekah", "Bekah Hawrot Weigel", 5.0),
        ("Josh Goldberg", "Josh Goldberg", 7.0),
    ]
    assert interview.speakers == ("Bekah Hawrot Weigel", "Josh Goldberg")
