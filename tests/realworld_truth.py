"""Hand-written ground truth for real transcripts, and how a parsed interview is held to it.

Shared by the tests of ``tests/realworld`` and ``../shared/realworld`` and by
``bench/realworld.py``. An ``expected.json`` maps a file name to its truth; keys that
start with ``_`` are notes, not files. :func:`failures` lists, in plain words, every way
an interview differs from its truth; an empty list means the file is read right.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError, Turn

Truth = dict[str, Any]

TEXT_SUFFIXES = {".txt", ".md", ".srt", ".vtt"}
"""Files whose ground-truth lines can be checked against the file's own text."""


def load_truths(folder: Path) -> dict[str, Truth]:
    """The entries of ``folder/expected.json`` (notes left out); empty if there is none."""
    path = folder / "expected.json"
    if not path.is_file():
        return {}
    data: dict[str, Truth] = json.loads(path.read_text(encoding="utf-8"))
    return {name: truth for name, truth in data.items() if not name.startswith("_")}


def label_name(label: str) -> str:
    """A label without a trailing parenthetical or a role after a comma:
    ``The PRESIDING OFFICER (Mr. Talent)``, ``SENATOR LEROY COMRIE, CHAIR, SENATE …``."""
    return re.sub(r"\s*\([^()]*\)$", "", label).split(",")[0].strip()


def normalized(text: str) -> str:
    """Whitespace (line breaks, NBSPs, paragraph breaks) as single spaces."""
    return " ".join(text.split())


def merged_texts(turns: tuple[Turn, ...]) -> list[str]:
    """Turn texts with consecutive turns under the same label merged, as in the
    ground truth's merged count."""
    texts: list[str] = []
    previous: str | None = None
    for turn in turns:
        text = normalized(turn.text)
        if turn.label is not None and turn.label == previous:
            texts[-1] += " " + text
        else:
            texts.append(text)
        previous = turn.label
    return texts


def starts_with(texts: list[str], first_words: list[str]) -> bool:
    return len(texts) >= len(first_words) and all(
        text.startswith(words) for text, words in zip(texts, first_words, strict=False)
    )


def failures(path: Path, truth: Truth) -> list[str]:
    """Every way the file as loaded differs from its truth (empty: read right)."""
    try:
        interview = load_interview(path)
    except LoadError as error:
        return [f"not loaded: {error.reason}"]
    texts = [normalized(turn.text) for turn in interview.turns]
    return [
        *_turn_count(interview, truth),
        *_speakers(interview, truth),
        *_first_texts(interview, texts, truth),
        *_start_times(interview, truth),
        *_not_speech(interview, texts, truth),
        *_must_be_speech(texts, truth),
    ]


def _turn_count(interview: Interview, truth: Truth) -> list[str]:
    accepted = truth["turns"]
    low, high = (accepted, accepted) if isinstance(accepted, int) else accepted
    if low <= len(interview.turns) <= high:
        return []
    return [f"turns: {len(interview.turns)}, expected {accepted}"]


def _speakers(interview: Interview, truth: Truth) -> list[str]:
    aliases: dict[str, str] = truth.get("aliases", {})
    labelled = [t for t in interview.turns if t.label]
    found = {aliases.get(label_name(t.label or ""), label_name(t.label or "")) for t in labelled}
    expected = set(truth["speakers"])
    problems = []
    if found != expected:
        missing, unexpected = sorted(expected - found), sorted(found - expected)
        problems.append(f"speakers: missing {missing}, unexpected {unexpected}")
    for short, full in aliases.items():
        shown = {t.speaker for t in labelled if label_name(t.label or "") in (short, full)}
        if len(shown) > 1:
            problems.append(f"one person, several speakers: {sorted(shown)}")
    return problems


def _first_texts(interview: Interview, texts: list[str], truth: Truth) -> list[str]:
    first = truth["first_texts"]
    if starts_with(texts, first) or starts_with(merged_texts(interview.turns), first):
        return []
    got = [text[:40] for text in texts[: len(first)]]
    return [f"first texts: {got}"]


def _start_times(interview: Interview, truth: Truth) -> list[str]:
    expected = truth.get("start_times")
    if expected is None:
        return []
    got = [turn.start_time for turn in interview.turns[: len(expected)]]
    if len(got) == len(expected) and all(
        seconds is not None and abs(seconds - want) < 0.01
        for seconds, want in zip(got, expected, strict=True)
    ):
        return []
    return [f"start times: {got}, expected {expected}"]


def _not_speech(interview: Interview, texts: list[str], truth: Truth) -> list[str]:
    problems = []
    for line in truth.get("furniture", []):
        if line not in interview.furniture:
            problems.append(f"not listed as furniture: {line!r}")
    for line in [*truth.get("furniture", []), *truth.get("not_speech", [])]:
        if any(normalized(line) in text for text in texts):
            problems.append(f"in speech: {line!r}")
    return problems


def _must_be_speech(texts: list[str], truth: Truth) -> list[str]:
    return [
        f"not in speech: {line!r}"
        for line in truth.get("must_be_speech", [])
        if not any(normalized(line) in text for text in texts)
    ]


def unknown_words(path: Path, truth: Truth) -> list[str]:
    """Words of the truth's quoted lines that the file does not contain: a check that the
    lines were copied right (binary formats are not checked)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = path.read_text(encoding="utf-8-sig")
    elif suffix in {".html", ".htm"}:
        text = html.unescape(re.sub(r"<[^>]*>", " ", path.read_text(encoding="utf-8")))
    else:
        return []
    words = set(re.findall(r"\w+", text))
    quoted = [*truth["first_texts"], *truth.get("not_speech", []), *truth.get("must_be_speech", [])]
    return sorted({word for line in quoted for word in re.findall(r"\w+", line)} - words)
