"""Fuzzy passage search: query syntax, sentence passages, the index and its ranking."""

from reader.core.search.index import (
    Scope,
    Vocabulary,
    candidates,
    passage_rows,
    plan,
    speaker_key,
)
from reader.core.search.passages import sentence_spans
from reader.core.search.query import InvalidQueryError, Query, parse_query
from reader.core.search.rank import CLOSE_MATCH, Ranker, SearchHit, TurnText
from reader.core.search.text import normalize_word, normalize_words, word_spans

__all__ = [
    "CLOSE_MATCH",
    "InvalidQueryError",
    "Query",
    "Ranker",
    "Scope",
    "SearchHit",
    "TurnText",
    "Vocabulary",
    "candidates",
    "normalize_word",
    "normalize_words",
    "parse_query",
    "passage_rows",
    "plan",
    "sentence_spans",
    "speaker_key",
    "word_spans",
]
