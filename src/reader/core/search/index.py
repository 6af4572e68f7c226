"""The index side of search: vocabulary, query planning and candidate sentences.

Every sentence is a row of an FTS5 table over its normalised words. A query word is
expanded to close vocabulary words (typos) and weighted by how rare it is (IDF).
Candidates are the sentences with the highest IDF-weighted sum of matched query
words, computed from the rarest words' posting lists (common words are left to the
ranker, so a query costs about the same on any corpus size); the ranker
(:mod:`reader.core.search.rank`) then scores the best few hundred properly.
"""

from __future__ import annotations

import heapq
import math
import pickle
import sqlite3
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reader.core.cache import ACTIVE, generation, read_meta, write_meta
from reader.core.model import Interview
from reader.core.search.passages import sentence_spans
from reader.core.search.query import Query
from reader.core.search.rank import Candidate, Plan
from reader.core.search.text import normalize_words

CANDIDATES = 200
"""Sentences handed to the ranker."""
POSTINGS_BUDGET = 25_000
"""Posting-list entries read per query, rarest words first (the rarest one always)."""
MAX_EXPANSIONS = 8
"""Vocabulary words tried per query word."""
PREFIX_SIMILARITY = 0.7
"""Weight of a vocabulary word that only starts with the last query word."""


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

    def __init__(
        self, counts: Mapping[str, int], sentences: int, generation: int, scanned: bool = True
    ) -> None:
        self._counts = counts
        self._sentences = max(sentences, 1)
        self.generation = generation
        """The cache generation (:func:`reader.core.cache.generation`) it was read at."""
        self._scanned = scanned
        """Whether it was scanned from the index (else read from a saved snapshot)."""
        self._sorted = sorted(counts)
        by_length: dict[int, list[str]] = {}
        for term in self._sorted:
            by_length.setdefault(len(term), []).append(term)
        self._by_length = by_length
        self._expansions: OrderedDict[tuple[str, bool], tuple[tuple[str, float], ...]] = (
            OrderedDict()
        )

    @staticmethod
    def is_saved(conn: sqlite3.Connection) -> bool:
        """Whether the cache holds a snapshot of its current vocabulary."""
        return read_meta(conn, "vocabulary_generation") == str(generation(conn)).encode()

    @classmethod
    def from_db(cls, conn: sqlite3.Connection) -> Vocabulary:
        """The vocabulary of the index: its cached snapshot when current, else a scan."""
        stamp = generation(conn)
        if read_meta(conn, "vocabulary_generation") == str(stamp).encode():
            try:
                counts, sentences = pickle.loads(read_meta(conn, "vocabulary") or b"")
                return cls(counts, sentences, stamp, scanned=False)
            except Exception:  # a damaged snapshot only means a slower start
                pass
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab"
            " USING fts5vocab(main, passages_fts, 'row')"
        )
        counts = dict(conn.execute("SELECT term, doc FROM temp.vocab"))
        sentences = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        return cls(counts, sentences, stamp)

    def save(self, conn: sqlite3.Connection) -> None:
        """Store a snapshot so the next start need not scan the index."""
        if self._scanned:
            snapshot = pickle.dumps((self._counts, self._sentences), protocol=5)
            write_meta(conn, "vocabulary", snapshot)
            write_meta(conn, "vocabulary_generation", str(self.generation).encode())

    def count(self, term: str) -> int:
        """Sentences containing ``term``."""
        return self._counts.get(term, 0)

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


def plan(query: Query, vocabulary: Vocabulary) -> Plan | None:
    """Resolve a parsed query; None when nothing in the index can match it."""
    if any(not all(map(vocabulary.count, phrase)) for phrase in query.phrases):
        return None
    matches: dict[str, list[tuple[int, float]]] = {}
    weights = []
    postings = []
    last = len(query.words) - 1
    for index, word in enumerate(query.words):
        expansions = vocabulary.expand(word, prefix=index == last)
        for term, similarity in expansions:
            matches.setdefault(term, []).append((index, similarity))
            postings.append((vocabulary.count(term), index, term, similarity))
        weights.append(vocabulary.idf(expansions[0][0] if expansions else word))
    for phrase in query.phrases:
        weights.extend(vocabulary.idf(word) for word in phrase)
    if not matches and not query.phrases:
        return None
    return Plan(
        weights=tuple(weights),
        matches={term: tuple(pairs) for term, pairs in matches.items()},
        phrases=query.phrases,
        excluded=query.excluded,
        lookups=_within_budget(postings),
    )


def _within_budget(
    postings: list[tuple[int, int, str, float]],
) -> tuple[tuple[int, str, float], ...]:
    chosen: list[tuple[int, str, float]] = []
    used = 0
    for count, index, term, similarity in sorted(postings):
        if chosen and used + count > POSTINGS_BUDGET:
            break
        chosen.append((index, term, similarity))
        used += count
    return tuple(sorted(chosen, key=lambda item: (item[0], -item[2])))


@dataclass(frozen=True, slots=True)
class Scope:
    """Which sentences a search may return."""

    rows: tuple[int, int] | None = None
    """An inclusive range of sentence ids: one interview's."""
    speakers: tuple[str, ...] = ()
    """Normalised text each sentence's speaker key must contain."""
    active_only: bool = False
    """Whether to keep only interviews listed in :data:`ACTIVE` (some cached ones are not
    loaded in this session)."""
    allowed: frozenset[int] | None = None
    """Only these sentence ids (those of a code's passages), when given."""


def candidates(
    conn: sqlite3.Connection, the_plan: Plan, scope: Scope, limit: int = CANDIDATES
) -> list[Candidate]:
    """The sentences most worth ranking, best first."""
    required: set[int] | None = None
    for phrase in the_plan.phrases:
        found = set(_rowids(conn, _quote(phrase), scope))
        required = found if required is None else required & found
    scores = _accumulate(conn, the_plan, scope)
    if required is not None:
        scores = {row: scores.get(row, 0.0) for row in required}
    for phrase in the_plan.excluded:
        for row in _rowids(conn, _quote(phrase), scope):
            scores.pop(row, None)
    if scope.allowed is not None:
        scores = {row: score for row, score in scores.items() if row in scope.allowed}
    best = heapq.nlargest(limit, scores, key=scores.__getitem__)
    return _rows(conn, best)


def _accumulate(conn: sqlite3.Connection, the_plan: Plan, scope: Scope) -> dict[int, float]:
    by_word: dict[int, dict[int, float]] = {}
    for index, term, similarity in the_plan.lookups:
        found = dict.fromkeys(_rowids(conn, _quote((term,)), scope), similarity)
        earlier = by_word.get(index)
        if earlier:  # lookups come best similarity first: earlier values win
            found.update(earlier)
        by_word[index] = found
    scores: dict[int, float] = {}
    get = scores.get
    for index, rows in by_word.items():
        weight = the_plan.weights[index]
        for row, similarity in rows.items():
            scores[row] = get(row, 0.0) + weight * similarity
    return scores


def _rowids(conn: sqlite3.Connection, match: str, scope: Scope) -> list[int]:
    if not scope.speakers and not scope.active_only:
        sql = "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?"
    else:
        sql = (
            "SELECT f.rowid FROM passages_fts f JOIN passages p ON p.id = f.rowid"
            " WHERE passages_fts MATCH ?"
        )
        if scope.active_only:
            sql += f" AND p.doc IN {ACTIVE}"
        sql += " AND instr(p.who, ?) > 0" * len(scope.speakers)
    params: list[object] = [match, *scope.speakers]
    if scope.rows is not None:
        sql += " AND f.rowid BETWEEN ? AND ?" if "JOIN" in sql else " AND rowid BETWEEN ? AND ?"
        params.extend(scope.rows)
    return [row for (row,) in conn.execute(sql, params)]


def _rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[Candidate]:
    if not ids:
        return []
    found = {
        row[0]: Candidate(*row[1:])
        for row in conn.execute(
            "SELECT id, doc, turn, start, stop FROM passages WHERE id IN"
            f" ({','.join('?' * len(ids))})",
            list(ids),
        )
    }
    return [found[i] for i in ids if i in found]


def _quote(words: Sequence[str]) -> str:
    return '"' + " ".join(words) + '"'
