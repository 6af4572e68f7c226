"""Scoring candidate sentences, alone and joined with a neighbour, into ranked hits.

A window (one sentence, or two adjacent ones of the same paragraph) scores on:

- coverage: the IDF-weighted share of query words found, fuzzy matches counting
  by their similarity (the main signal);
- order: how many adjacent query words appear close together in the same order
  (swapped counts half);
- density: how much of the window the matches make up (short beats long).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader.core.search.passages import sentence_spans
from reader.core.search.text import word_spans

HIGHLIGHT_SIMILARITY = 0.6
"""Weaker fuzzy matches count towards the score but are only highlighted when they are
the best match a query word has in the passage."""
PAIR_PENALTY = 2.0
"""Points a two-sentence window loses against one sentence covering as much."""
PAIRED = 60
"""Best single sentences that are also tried joined with a neighbour."""
COVERAGE, ORDER, DENSITY = 0.75, 0.15, 0.10
CLOSE_MATCH = 60.0
"""Score from which a hit matches the query as a whole: most of its words, weighed by
rarity, typos allowed (coverage alone gives 75 points). The app's ``n``/``N`` step through
these. On the 42 queries of ``bench/quality_queries.json``, each in its interview, every
passage sought scores 63 or more and 3 of the 1,686 other hits do (bench/close_match.py)."""

K = TypeVar("K")
V = TypeVar("V")
Tokens = Sequence[tuple[int, int, str]]
Span = tuple[int, int]


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


@dataclass(frozen=True, slots=True)
class TurnText:
    """What ranking needs of a candidate's turn (read from the index, not the interview)."""

    speaker: str
    text: str


Titles = Callable[[int], tuple[Path | None, str] | None]
"""A doc's source and interview title, asked for its hits only; None leaves them out."""


@dataclass(frozen=True, slots=True)
class Plan:
    """A query resolved against the vocabulary: what to look for and how to weigh it."""

    weights: tuple[float, ...]
    """IDF weight per fuzzy word, then per word of each phrase in turn."""
    matches: Mapping[str, tuple[tuple[int, float], ...]]
    """Vocabulary word -> (query word index, similarity) pairs it satisfies."""
    phrases: tuple[tuple[str, ...], ...]
    excluded: tuple[tuple[str, ...], ...]
    lookups: tuple[tuple[int, str, float], ...]
    """``(query word index, vocabulary word, similarity)`` to fetch candidates by."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence proposed by the index."""

    doc: int
    turn: int
    start: int
    stop: int


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    order: int
    candidate: Candidate
    span: Span
    highlights: tuple[Span, ...]


class Ranker:
    """Scores candidates into hits; caches sentence splits and tokens across queries."""

    def __init__(self) -> None:
        # Tuples of tuples of atoms, which the garbage collector stops tracking (as
        # lists, tens of thousands of them lengthened every full collection).
        self._sentences: OrderedDict[tuple[int, int], tuple[Span, ...]] = OrderedDict()
        self._tokens: OrderedDict[tuple[int, int, int], tuple[tuple[int, int, str], ...]] = (
            OrderedDict()
        )

    def rank(
        self,
        plan: Plan,
        candidates: Sequence[Candidate],
        turns: Mapping[tuple[int, int], TurnText],
        limit: int,
        titles: Titles,
    ) -> list[SearchHit]:
        """The best ``limit`` hits, never two overlapping, best first.

        ``turns`` holds the candidates' turns by ``(doc, turn)``; others are skipped.
        """
        singles: list[_Scored] = []
        for order, candidate in enumerate(candidates):
            turn = turns.get((candidate.doc, candidate.turn))
            if turn is None:
                continue
            scored = self._window(plan, turn.text, candidate, order, 0, 0)
            if scored is not None:
                singles.append(scored)
        singles.sort(key=_best_first)
        best = list(singles)
        for single in singles[:PAIRED]:
            text = turns[single.candidate.doc, single.candidate.turn].text
            for before, after in ((1, 0), (0, 1)):
                pair = self._window(plan, text, single.candidate, single.order, before, after)
                if pair is not None and pair.score > single.score:
                    best.append(pair)
        best.sort(key=_best_first)
        return self._hits(best, turns, limit, titles)

    def _hits(
        self,
        ranked: Iterable[_Scored],
        turns: Mapping[tuple[int, int], TurnText],
        limit: int,
        titles: Titles,
    ) -> list[SearchHit]:
        hits: list[SearchHit] = []
        taken: dict[tuple[int, int], list[Span]] = {}
        for scored in ranked:
            doc, turn = scored.candidate.doc, scored.candidate.turn
            start, stop = scored.span
            spans = taken.setdefault((doc, turn), [])
            if any(start < other_stop and other_start < stop for other_start, other_stop in spans):
                continue
            about = titles(doc)
            if about is None:
                continue
            spans.append(scored.span)
            the_turn = turns[doc, turn]
            hits.append(
                SearchHit(
                    source=about[0],
                    interview_title=about[1],
                    turn=turn,
                    speaker=the_turn.speaker,
                    text=the_turn.text[start:stop],
                    passage_start=start,
                    score=round(max(0.0, min(100.0, scored.score)), 2),
                    highlights=tuple((a - start, b - start) for a, b in scored.highlights),
                )
            )
            if len(hits) >= limit:
                break
        return hits

    def _window(
        self,
        plan: Plan,
        text: str,
        candidate: Candidate,
        order: int,
        before: int,
        after: int,
    ) -> _Scored | None:
        window: Sequence[Span] = ((candidate.start, candidate.stop),)
        if before or after:
            sentences = self._sentence_spans(candidate.doc, candidate.turn, text)
            index = bisect_left(sentences, window[0])
            first, last = index - before, index + after
            if index >= len(sentences) or sentences[index] != window[0]:
                return None
            if first < 0 or last >= len(sentences):
                return None
            window = sentences[first : last + 1]
            if "\n\n" in text[window[0][1] : window[-1][0]]:
                return None
        tokens: list[tuple[int, int, str]] = []
        for sentence in window:
            tokens.extend(self._sentence_tokens(candidate, sentence, text))
        scored = score_tokens(plan, tokens)
        if scored is None:
            return None
        score, highlights = scored
        span = (window[0][0], window[-1][1])
        return _Scored(score - PAIR_PENALTY * (len(window) - 1), order, candidate, span, highlights)

    def _sentence_spans(self, doc: int, turn: int, text: str) -> tuple[Span, ...]:
        key = (doc, turn)
        spans = self._sentences.get(key)
        if spans is None:
            spans = tuple(sentence_spans(text))
            _remember(self._sentences, key, spans, 5000)
        return spans

    def _sentence_tokens(self, candidate: Candidate, span: Span, text: str) -> Tokens:
        key = (candidate.doc, candidate.turn, span[0])
        tokens = self._tokens.get(key)
        if tokens is None:
            start = span[0]
            words = word_spans(text[start : span[1]])
            tokens = tuple((a + start, b + start, w) for a, b, w in words)
            _remember(self._tokens, key, tokens, 20000)
        return tokens


def _best_first(scored: _Scored) -> tuple[float, int, int]:
    return (-scored.score, scored.order, scored.span[1] - scored.span[0])


def _remember(cache: OrderedDict[K, V], key: K, value: V, size: int) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


def score_tokens(plan: Plan, tokens: Tokens) -> tuple[float, tuple[Span, ...]] | None:
    """Score one window of tokens, with the spans to highlight; None if it must not match."""
    words = [w for _, _, w in tokens]
    if any(_occurrences(words, phrase) for phrase in plan.excluded):
        return None
    best = [0.0] * len(plan.weights)
    position = [-1] * len(plan.weights)
    matched: set[int] = set()
    slot = len(plan.weights) - sum(map(len, plan.phrases))
    for phrase in plan.phrases:
        found = _occurrences(words, phrase)
        if not found:
            return None
        for offset in range(len(phrase)):
            best[slot + offset] = 1.0
            position[slot + offset] = found[0] + offset
            matched.update(at + offset for at in found)
        slot += len(phrase)
    for at, word in enumerate(words):
        for query_index, similarity in plan.matches.get(word, ()):
            if similarity >= HIGHLIGHT_SIMILARITY:
                matched.add(at)
            if similarity > best[query_index]:
                best[query_index] = similarity
                position[query_index] = at
    if not any(best):
        return None
    matched.update(at for at in position if at >= 0)
    coverage = sum(w * s for w, s in zip(plan.weights, best, strict=True)) / sum(plan.weights)
    pairs = len(position) - 1
    close = sum(
        _closeness(a, b) for a, b in zip(position, position[1:], strict=False) if a >= 0 <= b
    )
    order = close / pairs if pairs else 1.0
    density = len(matched) / len(words)
    score = 100 * (COVERAGE * coverage + ORDER * order + DENSITY * density)
    return score, _merge(tokens[at][:2] for at in sorted(matched))


def _closeness(first: int, second: int) -> float:
    """1 for two query words close and in order, half that when swapped, else 0."""
    gap = second - first
    if 0 < gap <= 3:
        return 1.0
    return 0.5 if -3 <= gap < 0 else 0.0


def _occurrences(words: Sequence[str], phrase: Sequence[str]) -> list[int]:
    size = len(phrase)
    first = phrase[0]
    return [
        i
        for i, word in enumerate(words)
        if word == first and tuple(words[i : i + size]) == tuple(phrase)
    ]


def _merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
