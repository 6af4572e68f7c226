"""Speaker stats and keyword-in-context over hand-built interviews."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.analysis import (
    KwicLine,
    SpeakerStats,
    count_words,
    keyword_in_context,
    speaker_stats,
)
from reader.core.model import Interview, Paragraph, ParagraphKind, Role, Turn


def _turn(speaker: str, *paragraphs: str, role: Role = Role.INTERVIEWEE) -> Turn:
    return Turn(speaker, speaker.upper(), role, tuple(map(Paragraph, paragraphs)), 0, 0)


def _interview(title: str, *turns: Turn, source: str | None = None) -> Interview:
    return Interview(Path(source) if source else None, title, turns)


KERRY = _interview(
    "Kerry in Astana",
    _turn("Question", "Hello, Mr. Secretary. It’s an honor.", role=Role.INTERVIEWER),
    _turn("John Kerry", "Thank you very much."),
    _turn("Question", "What about the Café summit?", role=Role.INTERVIEWER),
    _turn("John Kerry", "The cafe was closed.", "We don't know; CAFÉ owners do."),
    source="kerry.txt",
)
OTHER = _interview(
    "Second talk",
    _turn("Anna", "A cafe-bar, not a cafeteria: [inaudible] café."),
    source="other.txt",
)


def test_directions_are_not_counted_as_words_nor_found_in_context() -> None:
    laughter = Paragraph("(Laughter and applause.)", ParagraphKind.DIRECTION)
    said = Turn("Anna", "ANNA", Role.OTHER, (Paragraph("Thank you all."), laughter), 0, 0)
    talk = _interview("Council", said)
    assert speaker_stats(talk) == (SpeakerStats("Anna", 1, 3, 1.0),)
    assert keyword_in_context([talk], "applause") == []
    assert [line.word for line in keyword_in_context([talk], "thank")] == ["Thank"]


def test_count_words_keeps_inner_apostrophes_and_ignores_punctuation() -> None:
    assert count_words("We don't know — it’s 5+1, [inaudible].") == 7


def test_speaker_stats_counts_turns_words_and_share_in_order_of_appearance() -> None:
    stats = speaker_stats(KERRY)
    assert stats == (
        SpeakerStats("Question", 2, 11, 11 / 25),
        SpeakerStats("John Kerry", 2, 14, 14 / 25),
    )
    assert sum(s.share for s in stats) == pytest.approx(1.0)


def test_speaker_stats_of_an_interview_without_words() -> None:
    empty = _interview("Silence", _turn("Anna", "…"))
    assert speaker_stats(empty) == (SpeakerStats("Anna", 1, 0, 0.0),)
    assert speaker_stats(_interview("Nothing")) == ()


def test_kwic_finds_whole_words_ignoring_case_and_diacritics_across_interviews() -> None:
    lines = keyword_in_context([KERRY, OTHER], "cafe", width=12)
    assert [(line.title, line.turn, line.offset, line.word) for line in lines] == [
        ("Kerry in Astana", 2, 15, "Café"),
        ("Kerry in Astana", 3, 4, "cafe"),
        ("Kerry in Astana", 3, 37, "CAFÉ"),
        ("Second talk", 0, 2, "cafe"),
        ("Second talk", 0, 41, "café"),
    ]
    assert all(
        KERRY_OR_OTHER[line.title].turns[line.turn].text[line.offset :].startswith(line.word)
        for line in lines
    )


KERRY_OR_OTHER = {KERRY.title: KERRY, OTHER.title: OTHER}


def test_kwic_line_is_centred_on_the_word_on_one_line() -> None:
    line = keyword_in_context([KERRY], "know", width=17)[0]
    assert line == KwicLine(
        source=Path("kerry.txt"),
        title="Kerry in Astana",
        speaker="John Kerry",
        turn=3,
        offset=31,
        left="closed. We don't ",
        word="know",
        right="; CAFÉ owners do.",
    )


def test_kwic_context_is_cut_to_width_and_joins_paragraphs_with_one_space() -> None:
    line = keyword_in_context([KERRY], "we", width=10)[0]
    assert (line.left, line.word, line.right) == ("s closed. ", "We", " don't kno")


def test_kwic_query_with_diacritics_and_apostrophe_variants() -> None:
    assert [line.word for line in keyword_in_context([KERRY, OTHER], "CAFÉ")] == [
        "Café",
        "cafe",
        "CAFÉ",
        "cafe",
        "café",
    ]
    assert [line.word for line in keyword_in_context([KERRY], "don’t")] == ["don't"]
    assert [line.word for line in keyword_in_context([KERRY], "it's")] == ["It’s"]


def test_kwic_matches_decomposed_accents_in_the_text() -> None:
    decomposed = _interview("NFD", _turn("Anna", "un cafe\u0301 noir"))
    [line] = keyword_in_context([decomposed], "café")
    assert (line.offset, line.word, line.right) == (3, "cafe\u0301", " noir")


def test_kwic_phrase_matches_across_any_whitespace() -> None:
    lines = keyword_in_context([KERRY], "very   MUCH")
    assert [(line.turn, line.word) for line in lines] == [(1, "very much")]


def test_kwic_treats_markup_like_text_literally() -> None:
    [line] = keyword_in_context([OTHER], "inaudible", width=5)
    assert (line.left, line.word, line.right) == ("ia: [", "inaudible", "] caf")


def test_kwic_limit_stops_early() -> None:
    assert len(keyword_in_context([KERRY, OTHER], "cafe", limit=2)) == 2


@pytest.mark.parametrize("query", ["", "   ", "\n"])
def test_kwic_rejects_an_empty_query(query: str) -> None:
    with pytest.raises(ValueError, match="type a word"):
        keyword_in_context([KERRY], query)


def test_kwic_on_the_bundled_corpus_reports_offsets_into_turn_text(seeds_dir: Path) -> None:
    from reader.core.discovery import discover
    from reader.core.loader import load_interview

    files, errors = discover([seeds_dir])
    interviews = [load_interview(path) for path in files]
    lines = keyword_in_context(interviews, "Kazakhstan")
    assert errors == [] and lines
    for line in lines:
        interview = next(i for i in interviews if i.source == line.source)
        text = interview.turns[line.turn].text
        assert text[line.offset : line.offset + len(line.word)].casefold() == "kazakhstan"
        assert interview.turns[line.turn].speaker == line.speaker
