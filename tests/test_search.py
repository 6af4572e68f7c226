"""Ranking and filters over small transcripts written here (the real parser reads them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.library import CodedPlace, Library
from reader.core.search import InvalidQueryError, SearchHit

HARBOUR = """Interview With Anna Berg of Radio North

John Smith
Minister of Transport
Oslo
March 3, 2020

QUESTION: What about the harbour in Tromsø?

MINISTER SMITH: The harbour will reopen in spring. We don’t expect delays.

I have said many times that the ships, the ports, the roads, the rail and the harbour \
authorities must work together, and that in spring and in summer and in every season the \
government will reopen what can be reopened, because that is what people expect of us.

QUESTION: Is it a big game for the region?

MINISTER SMITH: No big game at all. Two ships arrive every day from Narva.

QUESTION: And Bergen?

MINISTER SMITH: Bergen is a "small" problem, and we are working on it.
"""

FISHERIES = """Interview With Lena Ortiz of Coast Daily

Maria Holm
Minister of Fisheries
Bergen
June 1, 2019

QUESTION: Will the fleet survive the winter?

MINISTER HOLM: The fleet will survive, I promise you. The big fleets from the south are a \
big game changer for the Tromsø region.

QUESTION: What about quotas?

MINISTER HOLM: Quotas are set in autumn. Nobody likes them, and that’s fine.
"""


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (corpus / "fisheries.txt").write_text(FISHERIES, encoding="utf-8")
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert library.errors == ()
        yield library


def marked(hit: SearchHit) -> str:
    """The passage with its highlights in [brackets]."""
    text = hit.text
    for start, end in reversed(hit.highlights):
        text = text[:start] + "[" + text[start:end] + "]" + text[end:]
    return text


def top(library: Library, query: str, **filters: object) -> tuple[str, int, str, str]:
    hit = library.search(query, **filters)[0]  # type: ignore[arg-type]
    assert hit.source is not None
    return hit.source.name, hit.turn, hit.speaker, marked(hit)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbur reopen sprng", "The [harbour] will [reopen] in [spring]."),
        ("in spring the harbour reopens", "[The] [harbour] will [reopen] [in] [spring]."),
        ("we dont expect delays", "[We] [don’t] [expect] [delays]."),
    ],
)
def test_typod_and_reordered_queries_find_the_sentence_not_the_long_answer(
    library: Library, query: str, expected: str
) -> None:
    assert top(library, query) == ("harbour.txt", 1, "John Smith", expected)


def test_hit_offsets_point_into_the_turn_text(library: Library) -> None:
    hit = library.search("quotas autumn")[0]
    interview = library.interview(hit.source)  # type: ignore[arg-type]
    assert interview is not None
    turn_text = interview.turns[hit.turn].text
    assert hit.text == "Quotas are set in autumn."
    assert turn_text[hit.passage_start : hit.passage_start + len(hit.text)] == hit.text
    assert hit.passage_start == 0
    assert [hit.text[a:b] for a, b in hit.highlights] == ["Quotas", "autumn"]
    assert hit.interview_title == "Interview With Lena Ortiz of Coast Daily"
    assert 0 < hit.score <= 100


def test_a_query_spanning_two_sentences_returns_both(library: Library) -> None:
    assert top(library, "harbour reopen dont expect delays")[3] == (
        "The [harbour] will [reopen] in spring. We [don’t] [expect] [delays]."
    )


def test_exact_rare_word_ranks_every_passage_containing_it_first(library: Library) -> None:
    hits = library.search("tromso")
    assert [marked(h) for h in hits[:2]] == [
        "What about the harbour in [Tromsø]?",
        "The big fleets from the south are a big game changer for the [Tromsø] region.",
    ]


def test_numbers_match_as_digits_or_words(library: Library) -> None:
    assert top(library, "2 ships every day")[3] == "[Two] [ships] arrive [every] [day] from Narva."


def test_exact_phrase_must_appear(library: Library) -> None:
    hits = library.search('"big game" region')
    assert [marked(h) for h in hits] == [
        "Is it a [big] [game] for the [region]?",
        "The big fleets from the south are a [big] [game] changer for the Tromsø [region].",
        "No [big] [game] at all.",
    ]


def test_excluded_word_removes_passages(library: Library) -> None:
    texts = [h.text for h in library.search("big game -region")]
    assert texts == ["No big game at all."]


def test_speaker_filter_in_query_and_as_argument(library: Library) -> None:
    assert {h.speaker for h in library.search("big game speaker:holm")} == {"Maria Holm"}
    assert {h.speaker for h in library.search("big game", speaker="Smith")} == {"John Smith"}
    assert {h.speaker for h in library.search("big game", speaker="berg")} == {"Anna Berg"}
    assert library.search("big game speaker:nobody") == []


def test_source_filter_restricts_to_one_interview(library: Library) -> None:
    fisheries = next(i for i in library.summaries if i.title.endswith("Coast Daily"))
    hits = library.search("big game", source=fisheries.source)
    assert [h.source for h in hits] == [fisheries.source]
    assert library.search("big game", source=Path("elsewhere.txt")) == []


def test_curly_and_straight_quotes_are_the_same(library: Library) -> None:
    assert top(library, "thats fine nobody likes them")[3] == (
        "[Nobody] [likes] [them], and [that’s] [fine]."
    )
    assert top(library, '"a “small” problem"')[3] == (
        'Bergen is [a] "[small]" [problem], and we are working on it.'
    )


def test_empty_query_finds_nothing_and_malformed_query_raises(library: Library) -> None:
    assert library.search("") == []
    assert library.search("   -harbour") == []
    assert library.search("zzzzqqqq") == []
    with pytest.raises(InvalidQueryError):
        library.search('"harbour')


def test_limit_is_respected_and_results_are_best_first(library: Library) -> None:
    hits = library.search("the", limit=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jose dont cry so much", ("CC", 2, "[José], [don't] [cry] too [much].")),
        ("cabin presure holding five", ("CC", 20, "[Cabin] [pressure] [holding] [5].[5].")),
    ],
)
def test_real_transcripts_are_searched_in_place(
    realworld_dir: Path, tmp_path: Path, query: str, expected: tuple[str, int, str]
) -> None:
    with Library(tmp_path / "cache") as library:
        library.load([realworld_dir])
        assert library.errors == ()
        name, turn, speaker, text = top(library, query)
    assert name == "spacelog_mercury4_liberty_bell_7_atg.txt"
    assert (speaker, turn, text) == expected


def test_a_large_limit_within_one_interview_returns_every_match(tmp_path: Path) -> None:
    sentences = " ".join(f"Item {n} went to the harbour." for n in range(300))
    text = HARBOUR.replace("No big game at all.", sentences)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "long.txt"])
        hits = library.search("harbour", limit=1000, source=tmp_path / "long.txt")
    assert len(hits) == 300 + 3


QUERY_PIECES = st.sampled_from(
    ["harbour", "harbur", "big", "game", "tromsø", '"', "-", "speaker:", "smith", "’", "two", " "]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
        st.lists(QUERY_PIECES, max_size=8).map("".join),
    )
)
def test_any_query_either_searches_or_is_a_one_line_error(library: Library, query: str) -> None:
    try:
        hits = library.search(query)
    except InvalidQueryError as error:
        assert "\n" not in str(error)
        return
    for hit in hits:
        assert 0 <= hit.score <= 100
        spans = list(hit.highlights)
        assert spans == sorted(spans)
        assert all(0 <= a < b <= len(hit.text) for a, b in spans)
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


def test_code_filter_searches_inside_a_codes_passages(library: Library) -> None:
    fisheries = next(i for i in library.summaries if i.title.endswith("Coast Daily"))
    assert fisheries.source is not None
    interview = library.interview(fisheries.source)
    assert interview is not None and interview.turns[1].speaker == "Maria Holm"
    promise = interview.turns[1].text.index("I promise")  # the end of its first sentence
    coded = {"fleet": [CodedPlace(fisheries.source, 1, promise, promise + 9)]}

    def code_passages(name: str) -> list[CodedPlace]:
        if name.casefold() not in coded:
            raise ValueError(f"no code called {name}")
        return coded[name.casefold()]

    assert {h.speaker for h in library.search("big game")} == {
        "Anna Berg",
        "John Smith",
        "Maria Holm",
    }
    with pytest.raises(InvalidQueryError, match="needs the codebook"):
        library.search("big game code:fleet")
    library.code_passages = code_passages
    assert library.search("big game code:Fleet") == []  # only its first sentence is coded
    texts = [h.text for h in library.search("fleet survive code:fleet")]
    assert texts == ["The fleet will survive, I promise you."]
    coded["fleet"].append(CodedPlace(fisheries.source, 1, promise + 20, promise + 21))
    texts = [h.text for h in library.search('big game code:"fleet"')]
    assert texts == ["The big fleets from the south are a big game changer for the Tromsø region."]
    with pytest.raises(InvalidQueryError, match="no code called trust"):
        library.search("big game code:trust")
    coded["empty"] = []
    assert library.search("big game code:empty") == []
