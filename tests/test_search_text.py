"""Normalisation, word offsets, sentence splitting and the query syntax."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from reader.core.search import (
    InvalidQueryError,
    Query,
    normalize_words,
    parse_query,
    sentence_spans,
    word_spans,
)
from reader.core.search.text import NUMBERS


def test_normalize_folds_case_diacritics_apostrophes_quotes_dashes_and_numbers() -> None:
    text = "Don’t say “Résumé” – the Sea-Dragon's TWO 5+1 ﬁne"
    assert normalize_words(text) == [
        "dont",
        "say",
        "resume",
        "the",
        "sea",
        "dragons",
        "2",
        "5",
        "1",
        "fine",
    ]


def test_word_spans_give_offsets_into_the_original_text() -> None:
    text = "He said: “don't”, résumé – Forty!"
    spans = list(word_spans(text))
    assert [(text[a:b], word) for a, b, word in spans] == [
        ("He", "he"),
        ("said", "said"),
        ("don't", "dont"),
        ("résumé", "resume"),
        ("Forty", "40"),
    ]


def test_word_spans_agree_with_normalize_words_on_decomposed_accents() -> None:
    text = "re\u0301sume\u0301 d\u2019accord"
    assert (
        [word for _, _, word in word_spans(text)] == normalize_words(text) == ["resume", "daccord"]
    )


def _folded_words_by_definition(text: str) -> list[str]:
    """normalize_words as its docstring defines it, one step after another over the
    whole text (the reader folds only the non-ASCII runs, and matches ASCII apart)."""
    dropped = "".join(c for c in text if c not in "'’ʼ‘`´")
    folded = dropped.casefold()
    for separator in "–—‒―“”„«»‹›…•·\u00a0\u2009\u202f\u200b":
        folded = folded.replace(separator, " ")
    decomposed = unicodedata.normalize("NFKD", folded)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(str.maketrans({"ø": "o", "đ": "d", "ð": "d", "ł": "l"}))
    plain = plain.translate(str.maketrans({"æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}))
    words = re.findall(r"(?:[^\W_]|[\u0300-\u036f])+", plain)
    return [NUMBERS.get(word, word) for word in words]


@pytest.mark.parametrize("block", range(0, 0x3400, 0x400))
def test_normalize_words_folds_every_character_as_defined(block: int) -> None:
    for code in range(block, block + 0x400):
        for text in (chr(code), f"Ab{chr(code)}c\u0301D", f"{chr(code)}’{chr(code)} Two"):
            assert normalize_words(text) == _folded_words_by_definition(text), hex(code)
    for text in ("ŉ", "㎆ ﬁne", "İstanbul", "Straße", "e\u0301\u0327", "rock ’n’ roll"):
        assert normalize_words(text) == _folded_words_by_definition(text), text


def test_a_long_paragraph_splits_into_every_sentence() -> None:
    text = "This is one sentence. " * 2000 + "And mr. Smith ends it. the end"
    spans = sentence_spans(text)
    assert len(spans) == 2001
    assert [text[a:b] for a, b in spans[-2:]] == [
        "This is one sentence.",
        "And mr. Smith ends it. the end",
    ]


def test_sentences_split_on_end_punctuation_but_not_abbreviations_or_initials() -> None:
    text = (
        'Mr. Smith went to Washington, D.C. yesterday. He said: "No!" Then U.S. officials '
        "met, e.g. the U.N. team. Is it 5.5 percent? Yes.\n\nNew paragraph… J. Kerry spoke."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Mr. Smith went to Washington, D.C. yesterday.",
        'He said: "No!"',
        "Then U.S. officials met, e.g. the U.N. team.",
        "Is it 5.5 percent?",
        "Yes.",
        "New paragraph…",
        "J. Kerry spoke.",
    ]


def test_an_unpunctuated_monologue_is_cut_at_word_boundaries() -> None:
    text = " ".join(["word"] * 200)
    spans = sentence_spans(text)
    assert len(spans) == 4
    assert all(b - a <= 320 for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one cold war was enough", Query(words=("1", "cold", "war", "was", "enough"))),
        (
            'speaker:"John Kerry" “big game” -russia',
            Query(phrases=(("big", "game"),), excluded=(("russia",),), speaker="john kerry"),
        ),
        ("Speaker:Lavrov Minsk", Query(words=("minsk",), speaker="lavrov")),
        ("foo:bar don't", Query(words=("foo", "bar", "dont"))),
        ('-"bad word" x-ray', Query(words=("x", "ray"), excluded=(("bad", "word"),))),
        ('code:"Economic  hardship" jobs', Query(words=("jobs",), code="Economic hardship")),
        ("CODE:trust code:Trust x", Query(words=("x",), code="trust")),
        ("   ", Query()),
    ],
)
def test_query_syntax(text: str, expected: Query) -> None:
    assert parse_query(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unfinished phrase', 'unterminated quote in query: add the closing "'),
        ("speaker:kerry speaker:lavrov", "only one speaker: filter per query"),
        ("code:trust code:fear", "only one code: filter per query"),
        ("speaker: a - b", "speaker: needs a name (speaker:lavrov)"),
        ("a code:", "code: needs a code's name (code:trust)"),
    ],
)
def test_malformed_queries_raise_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidQueryError) as caught:
        parse_query(text)
    assert str(caught.value) == message


def test_empty_and_exclusion_only_queries_are_empty() -> None:
    assert parse_query("").is_empty
    assert parse_query("-russia speaker:kerry").is_empty
    assert not parse_query('"big game"').is_empty


def test_indexing_and_offset_tokenisers_agree_on_every_real_transcript(
    seeds_dir: Path, realworld_dir: Path
) -> None:
    files = sorted(seeds_dir.glob("*.txt")) + sorted(realworld_dir.glob("*.txt"))
    assert len(files) >= 10
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert [w for _, _, w in word_spans(line)] == normalize_words(line), line
