"""From labels to people: display names and conversational roles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.core.model import Role
from reader.core.parsing.metadata import Header
from reader.core.parsing.offices import moderates, presides

QUESTION_LABELS = frozenset(
    {"q", "question", "questioner", "interviewer", "host", "moderator", "reporter", "journalist"}
)
ANSWER_LABELS = frozenset({"a", "answer", "interviewee", "guest", "respondent"})
UNKNOWN_SPEAKER = "Speaker"
"""The name of an unlabelled speaker when the header does not say who it is."""

_PARENTHETICAL = re.compile(r"\s*\([^()]*\)$")


def speaker_name(label: str, header: Header) -> str:
    """The display name for a label: the person the header names, or the label itself.

    ``QUESTION`` becomes the interviewer when the header names one (else
    ``Question``); ``SECRETARY KERRY`` becomes ``John Kerry`` when the header names
    John Kerry. Other labels are shown as written, without a trailing parenthetical.
    """
    key = " ".join(label.casefold().split())
    if key in QUESTION_LABELS:
        return header.interviewer or ("Question" if key in {"q", "question"} else label)
    if key in ANSWER_LABELS:
        return header.interviewee or ("Answer" if key in {"a", "answer"} else label)
    for person in (header.interviewee, header.interviewer):
        if person and _same_surname(label, person):
            return person
    return _PARENTHETICAL.sub("", label)


def _same_surname(label: str, person: str) -> bool:
    label_words = re.findall(r"[^\W\d_][\w'’\-]*", label)
    person_words = re.findall(r"[^\W\d_][\w'’\-]*", person)
    return bool(label_words and person_words) and (
        label_words[-1].casefold() == person_words[-1].casefold()
    )


def roles(
    turns: Sequence[tuple[str | None, str, str]], header: Header
) -> dict[str, Role]:
    """The role of each speaker, from ``(label, speaker, text)`` of every turn.

    Interviewers are question labels (``Q``, ``QUESTION``, ``Host``…) and the person
    the header names as interviewer; without either, in a two-person conversation,
    the one whose turns are mostly questions. Moderators ask and presiding officers are
    ``other`` (see :mod:`.offices`). The interviewee is the person the header names;
    when it names nobody who speaks, everyone else is an interviewee. Anyone else is
    ``other``.
    """
    speakers = list(dict.fromkeys(speaker for _, speaker, _ in turns))
    asking = {
        speaker
        for label, speaker, _ in turns
        if (label and (" ".join(label.casefold().split()) in QUESTION_LABELS or moderates(label)))
        or (header.interviewer and speaker == header.interviewer)
    }
    presiding = {speaker for label, speaker, _ in turns if label and presides(label)}
    if not asking and len(speakers) == 2:
        asking = _mostly_questions(turns)
    named = header.interviewee if header.interviewee in speakers else None
    result: dict[str, Role] = {}
    for speaker in speakers:
        if speaker in asking:
            result[speaker] = Role.INTERVIEWER
        elif speaker in presiding:
            result[speaker] = Role.OTHER
        elif named is None or speaker == named:
            result[speaker] = Role.INTERVIEWEE
        else:
            result[speaker] = Role.OTHER
    return result


def _mostly_questions(turns: Sequence[tuple[str | None, str, str]]) -> set[str]:
    total: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for _, speaker, text in turns:
        total[speaker] += 1
        asked[speaker] += "?" in text
    ratio = {speaker: asked[speaker] / total[speaker] for speaker in total}
    ranked = sorted(ratio, key=ratio.__getitem__, reverse=True)
    top, other = ranked[0], ranked[1]
    if total[top] >= 2 and ratio[top] >= 0.5 and ratio[top] - ratio[other] >= 0.25:
        return {top}
    return set()
