"""The query syntax, in the spirit of fzf's.

- plain words match fuzzily (typos, other word order, dropped words);
- ``"exact phrase"`` must appear (case, diacritics, quotes and apostrophes ignored);
- ``-word`` excludes passages containing that word;
- ``speaker:lavrov`` or ``speaker:"john kerry"`` keeps turns whose speaker name or
  label contains the value;
- ``code:trust`` or ``code:"economic hardship"`` keeps the passages coded with that
  code (its name, any case).

``speaker:`` or ``code:`` with nothing right after the colon is an error that says so.

Unknown ``key:`` prefixes are plain words; an empty query matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.search.text import normalize_words

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_TOKEN = re.compile(r'\s*(-?)(?:(speaker|code):)?(?:"([^"]*)("?)|(\S*))', re.IGNORECASE)
_NEEDS_A_NAME = {
    "speaker": "speaker: needs a name (speaker:lavrov)",
    "code": "code: needs a code's name (code:trust)",
}


class InvalidQueryError(ValueError):
    """A query that cannot be understood; the message is one line for users."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query, every word already normalised."""

    words: tuple[str, ...] = ()
    """Fuzzy words, in the order typed."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Exact phrases, each a sequence of words that must appear consecutively."""
    excluded: tuple[tuple[str, ...], ...] = ()
    """Words or phrases a passage must not contain."""
    speaker: str | None = None
    """Normalised text the speaker name or label must contain."""
    code: str | None = None
    """The name of the code whose passages are searched, as typed (spaces collapsed)."""

    @property
    def is_empty(self) -> bool:
        """Whether nothing in the query could make a passage match."""
        return not self.words and not self.phrases


def parse_query(text: str) -> Query:
    """Parse the query syntax; raise InvalidQueryError when it is malformed."""
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    speakers: list[str] = []
    codes: list[str] = []
    text = text.translate(_QUOTES)
    position = 0
    while match := _TOKEN.match(text, position):
        if match.end() == position:
            break
        position = match.end()
        negated, key, quoted, closing, bare = match.groups()
        if quoted is not None and not closing:
            raise InvalidQueryError('unterminated quote in query: add the closing "')
        value = normalize_words(quoted if quoted is not None else bare)
        if key and key.lower() == "code":
            codes.append(_named(key, " ".join((quoted if quoted is not None else bare).split())))
        elif key:
            speakers.append(_named(key, " ".join(value)))
        elif negated:
            if value:
                excluded.append(tuple(value))
        elif quoted is not None:
            if value:
                phrases.append(tuple(value))
        else:
            words.extend(value)
    if len(set(speakers)) > 1:
        raise InvalidQueryError("only one speaker: filter per query")
    if len({name.casefold() for name in codes}) > 1:
        raise InvalidQueryError("only one code: filter per query")
    return Query(
        words=tuple(words),
        phrases=tuple(phrases),
        excluded=tuple(dict.fromkeys(excluded)),
        speaker=speakers[0] if speakers else None,
        code=codes[0] if codes else None,
    )


def _named(key: str, name: str) -> str:
    """The name a ``key:`` filter gives; InvalidQueryError when it gives none."""
    if not name:
        raise InvalidQueryError(_NEEDS_A_NAME[key.lower()])
    return name
