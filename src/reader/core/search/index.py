"""Ranking passages: FTS5 proposes candidate sentences, Python scores 1-2 sentence windows.

Each query word is expanded to close vocabulary words (typos), weighted by how rare
it is (IDF). FTS5's bm25 over those expansions picks a few hundred candidate
sentences; each is then scored alone and joined with either neighbour on:

- coverage: the IDF-weighted share of query words found, fuzzy matches counting
  by their similarity (the main signal);
- order: how many adjacent query words appear close together in the same order;
- density: how much of the window the matches make up (short beats long).
"""

from __future__ import annotations

import math
import sqlite3
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz, process

from reader.core.model import Interview
from reader.core.search.passages import sentence_spans
from reader.core.search.query import Query
from reader.core.search.text import normalize_words, word_spans

CANDIDATES = 300
"""Sentences FTS5 hands to the re-ranker."""
COMMON_SHARE = 0.05
"""Terms in more sentences than this share are left out of the candidate query."""
MAX_EXPANSIONS = 8
"""Vocabulary words tried per query word."""
PREFIX_SIMILARITY = 0.7
"""Weight of a vocabulary word that only starts with the last query word."""
HIGHLIGHT_SIMILARITY = 0.6
"""Weaker fuzzy matches still count towards the score but are not highlighted."""
PAIR_PENALTY = 2.0
"""Points a two-sentence window loses against one sentence covering as much."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked passage: a sentence or two of one turn."""

    source: Path | None
    interview_title: str
    turn: int
    """Index into ``Interview.turns``."""
    speaker: str
    text: str
    """The passage: one or two sentences of the turn."""
    passage_start: int
    """Offset of ``text`` inside ``Turn.text``."""
    score: float
    """Higher is better, 0..100."""
    highlights: tuple[tuple[int, int], ...]
    """``[start, end)`` offsets of matched words in ``text``, sorted, non-overlapping."""


def passage_rows(interview: Interview) -> list[tuple[int, int, int, str, str]]:
    """``(turn, start, stop, who, normalised text)`` for every sentence of an interview."""
    rows = []
    for index, turn in enumerate(interview.turns):
        who = speaker_key(turn.speaker, turn.label)
        text = turn.text
        for start, stop in sentence_spans(text):
            words = normalize_words(text[start:stop])
            if words:
                rows.append((index, start, stop, who, " ".join(words)))
    return rows


def speaker_key(speaker: str, label: str | None) -> str:
    """What ``speaker:`` filters look in: normalised name and label, kept apart."""
    return " ".join(normalize_words(speaker)) + " | " + " ".join(normalize_words(label or ""))


class Vocabulary:
    """Indexed words with their sentence counts: typo expansion and IDF weights."""

    def __init__(self, counts: Mapping[str, int], sentences: int) -> None:
        self._counts = counts
        self._sentences = max(sentences, 1)
        self._sorted = sorted(counts)
        by_length: dict[int, list[str]] = {}
        for term in self._sorted:
            by_length.setdefault(len(term), []).append(term)
        self._by_length = by_length
        self._expansions: OrderedDict[tuple[str, bool], tuple[tuple[str, float], ...]] = (
            OrderedDict()
        )

    @classmethod
    def from_db(cls, conn: sqlite3.Connection) -> Vocabulary:
        """Read the vocabulary of the FTS index."""
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab"
            " USING fts5vocab(main, passages_fts, 'row')"
        )
        counts = dict(conn.execute("SELECT term, doc FROM temp.vocab"))
        sentences = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        return cls(counts, sentences)

    def count(self, term: str) -> int:
        """Sentences containing ``term``."""
        return self._counts.get(term, 0)

    def is_common(self, term: str) -> bool:
        """Whether ``term`` is too frequent to help find candidates."""
        return self.count(term) > COMMON_SHARE * self._sentences

    def idf(self, term: str) -> float:
        """Inverse document frequency (over sentences); unknown words weigh the most."""
        return math.log(1 + self._sentences / (self.count(term) + 0.5))

    def expand(self, word: str, prefix: bool = False) -> tuple[tuple[str, float], ...]:
        """Vocabulary words close to ``word`` with a similarity in (0, 1], best first."""
        key = (word, prefix)
        cached = self._expansions.get(key)
        if cached is None:
            cached = self._expand(word, prefix)
            self._expansions[key] = cached
            if len(self._expansions) > 2000:
                self._expansions.popitem(last=False)
        return cached

    def _expand(self, word: str, prefix: bool) -> tuple[tuple[str, float], ...]:
        found: dict[str, float] = {}
        if word in self._counts:
            found[word] = 1.0
        if len(word) >= 4:
            cutoff = _cutoff(len(word))
            spread = 2 if len(word) < 8 else 3
            for length in range(len(word) - spread, len(word) + spread + 1):
                terms = self._by_length.get(length, ())
                for term, ratio, _ in process.extract(
                    word, terms, scorer=fuzz.ratio, score_cutoff=cutoff, limit=MAX_EXPANSIONS
                ):
                    similarity = 1 - 0.5 * (100 - ratio) / (100 - cutoff)
                    found[term] = max(found.get(term, 0.0), min(similarity, 0.95))
        if prefix and len(word) >= 3:
            start = bisect_left(self._sorted, word)
            for term in self._sorted[start : start + 50]:
                if not term.startswith(word):
                    break
                found.setdefault(term, PREFIX_SIMILARITY)
        best = sorted(found.items(), key=lambda item: (-item[1], -self.count(item[0]), item[0]))
        return tuple(best[: MAX_EXPANSIONS + 1])


def _cutoff(length: int) -> float:
    if length <= 4:
        return 75.0
    if length <= 7:
        return 80.0
    return 78.0


@dataclass(frozen=True, slots=True)
class _Plan:
    """A query resolved against the vocabulary."""

    weights: tuple[float, ...]
    """IDF weight per fuzzy word, then per word of each phrase in turn."""
    matches: Mapping[str, tuple[tuple[int, float], ...]]
    """Vocabulary word -> (query word index, similarity) pairs it satisfies."""
    phrases: tuple[tuple[str, ...], ...]
    excluded: tuple[tuple[str, ...], ...]
    fts: str
    """The FTS5 MATCH expression for candidates."""


def plan(query: Query, vocabulary: Vocabulary) -> _Plan | None:
    """Resolve a parsed query; None when nothing in the index can match it."""
    matches: dict[str, list[tuple[int, float]]] = {}
    weights = []
    last = len(query.words) - 1
    for index, word in enumerate(query.words):
        expansions = vocabulary.expand(word, prefix=index == last)
        for term, similarity in expansions:
            matches.setdefault(term, []).append((index, similarity))
        weights.append(vocabulary.idf(expansions[0][0] if expansions else word))
    for phrase in query.phrases:
        weights.extend(vocabulary.idf(word) for word in phrase)
    fts = _fts_expression(query, matches, vocabulary)
    if fts is None:
        return None
    return _Plan(
        weights=tuple(weights),
        matches={term: tuple(pairs) for term, pairs in matches.items()},
        phrases=query.phrases,
        excluded=query.excluded,
        fts=fts,
    )


def _fts_expression(
    query: Query, matches: Mapping[str, list[tuple[int, float]]], vocabulary: Vocabulary
) -> str | None:
    if any(not all(map(vocabulary.count, phrase)) for phrase in query.phrases):
        return None
    known = [(term,) for term in matches if vocabulary.count(term)]
    known += [(word,) for phrase in query.phrases for word in phrase]
    rare = [term for term in known if not vocabulary.is_common(term[0])]
    terms = list(dict.fromkeys(rare or known))
    if not terms:
        return None
    expression = "(" + " OR ".join(map(_quote, terms)) + ")"
    for phrase in query.phrases:
        expression += " AND " + _quote(phrase)
    if query.excluded:
        expression += " NOT (" + " OR ".join(map(_quote, query.excluded)) + ")"
    return expression


def _quote(words: Sequence[str]) -> str:
    return '"' + " ".join(words) + '"'


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence proposed by FTS5."""

    doc: int
    turn: int
    start: int
    stop: int


Tokens = list[tuple[int, int, str]]
K = TypeVar("K")
V = TypeVar("V")


class Ranker:
    """Scores candidate windows; keeps a small cache of tokenised sentences."""

    def __init__(self) -> None:
        self._sentences: OrderedDict[tuple[int, int], list[tuple[int, int]]] = OrderedDict()
        self._tokens: OrderedDict[tuple[int, int, int], Tokens] = OrderedDict()

    def rank(
        self,
        the_plan: _Plan,
        candidates: Iterable[Candidate],
        interviews: Callable[[int], Interview | None],
        limit: int,
    ) -> list[SearchHit]:
        """The best ``limit`` hits, one per region of text, best first."""
        scored: list[tuple[float, int, int, int, int, int, tuple[tuple[int, int], ...]]] = []
        for order, candidate in enumerate(candidates):
            interview = interviews(candidate.doc)
            if interview is None or candidate.turn >= len(interview.turns):
                continue
            best = self._best_window(the_plan, interview, candidate)
            if best is not None:
                score, start, stop, marks = best
                scored.append((-score, order, candidate.doc, candidate.turn, start, stop, marks))
        scored.sort()
        hits: list[SearchHit] = []
        taken: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for negative, _, doc, turn, start, stop, highlights in scored:
            spans = taken.setdefault((doc, turn), [])
            if any(start < s_stop and s_start < stop for s_start, s_stop in spans):
                continue
            spans.append((start, stop))
            interview = interviews(doc)
            assert interview is not None
            hit_turn = interview.turns[turn]
            hits.append(
                SearchHit(
                    source=interview.source,
                    interview_title=interview.title,
                    turn=turn,
                    speaker=hit_turn.speaker,
                    text=hit_turn.text[start:stop],
                    passage_start=start,
                    score=round(-negative, 2),
                    highlights=tuple((a - start, b - start) for a, b in highlights),
                )
            )
            if len(hits) >= limit:
                break
        return hits

    def _best_window(
        self, the_plan: _Plan, interview: Interview, candidate: Candidate
    ) -> tuple[float, int, int, tuple[tuple[int, int], ...]] | None:
        text = interview.turns[candidate.turn].text
        sentences = self._sentence_spans(candidate.doc, candidate.turn, text)
        index = bisect_left(sentences, (candidate.start, candidate.stop))
        if index >= len(sentences) or sentences[index][0] != candidate.start:
            return None
        windows = [(index, index)]
        for first, last in ((index - 1, index), (index, index + 1)):
            if 0 <= first and last < len(sentences):
                gap = text[sentences[first][1] : sentences[last][0]]
                if "\n\n" not in gap:
                    windows.append((first, last))
        best = None
        for first, last in windows:
            tokens: Tokens = []
            for i in range(first, last + 1):
                tokens.extend(self._sentence_tokens(candidate, sentences[i], text))
            scored = score_tokens(the_plan, tokens)
            if scored is None:
                continue
            score, highlights = scored
            if last > first:
                score -= PAIR_PENALTY
            if best is None or score > best[0]:
                best = (score, sentences[first][0], sentences[last][1], highlights)
        return best

    def _sentence_spans(self, doc: int, turn: int, text: str) -> list[tuple[int, int]]:
        key = (doc, turn)
        spans = self._sentences.get(key)
        if spans is None:
            spans = sentence_spans(text)
            _remember(self._sentences, key, spans, 5000)
        return spans

    def _sentence_tokens(self, candidate: Candidate, span: tuple[int, int], text: str) -> Tokens:
        key = (candidate.doc, candidate.turn, span[0])
        tokens = self._tokens.get(key)
        if tokens is None:
            start = span[0]
            tokens = [(a + start, b + start, w) for a, b, w in word_spans(text[start : span[1]])]
            _remember(self._tokens, key, tokens, 20000)
        return tokens


def _remember(cache: OrderedDict[K, V], key: K, value: V, size: int) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


def score_tokens(
    the_plan: _Plan, tokens: Tokens
) -> tuple[float, tuple[tuple[int, int], ...]] | None:
    """Score one window of tokens, with the spans to highlight; None if it must not match."""
    words = [w for _, _, w in tokens]
    if any(_occurrences(words, phrase) for phrase in the_plan.excluded):
        return None
    best = [0.0] * len(the_plan.weights)
    position = [-1] * len(the_plan.weights)
    matched: set[int] = set()
    slot = len(the_plan.weights) - sum(map(len, the_plan.phrases))
    for phrase in the_plan.phrases:
        found = _occurrences(words, phrase)
        if not found:
            return None
        for offset in range(len(phrase)):
            best[slot + offset] = 1.0
            position[slot + offset] = found[0] + offset
            matched.update(at + offset for at in found)
        slot += len(phrase)
    for at, word in enumerate(words):
        for query_index, similarity in the_plan.matches.get(word, ()):
            if similarity >= HIGHLIGHT_SIMILARITY:
                matched.add(at)
            if similarity > best[query_index]:
                best[query_index] = similarity
                position[query_index] = at
    if not any(best):
        return None
    matched.update(at for at in position if at >= 0)
    total = sum(the_plan.weights)
    coverage = sum(w * s for w, s in zip(the_plan.weights, best, strict=True)) / total
    pairs = len(position) - 1
    close = sum(
        1 for a, b in zip(position, position[1:], strict=False) if a >= 0 and 0 < b - a <= 3
    )
    order = close / pairs if pairs else 1.0
    density = len(matched) / len(words) if words else 0.0
    score = 100 * (0.75 * coverage + 0.15 * order + 0.10 * density)
    highlights = _merge(tokens[at][:2] for at in sorted(matched))
    return score, highlights


def _occurrences(words: Sequence[str], phrase: Sequence[str]) -> list[int]:
    size = len(phrase)
    first = phrase[0]
    return [
        i
        for i, word in enumerate(words)
        if word == first and tuple(words[i : i + size]) == tuple(phrase)
    ]


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def candidates(
    conn: sqlite3.Connection,
    the_plan: _Plan,
    *,
    doc: int | None = None,
    speakers: Sequence[str] = (),
    limit: int = CANDIDATES,
) -> list[Candidate]:
    """Candidate sentences from FTS5 (bm25 order) among active interviews."""
    sql = (
        "SELECT p.doc, p.turn, p.start, p.stop FROM passages_fts f"
        " JOIN passages p ON p.id = f.rowid"
        " WHERE passages_fts MATCH ? AND p.doc IN temp.active"
    )
    params: list[object] = [the_plan.fts]
    if doc is not None:
        sql += " AND p.doc = ?"
        params.append(doc)
    for speaker in speakers:
        sql += " AND instr(p.who, ?) > 0"
        params.append(speaker)
    sql += " ORDER BY f.rank LIMIT ?"
    params.append(limit)
    return [Candidate(*row) for row in conn.execute(sql, params)]
