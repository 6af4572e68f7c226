"""From labels to people: display names and conversational roles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.core.model import Role
from reader.core.parsing.metadata import PARENTHETICAL, Header
from reader.core.parsing.offices import moderates, presides

QUESTION_LABELS = frozenset(
    {"q", "question", "questioner", "interviewer", "host", "moderator", "reporter", "journalist"}
)
ANSWER_LABELS = frozenset({"a", "answer", "interviewee", "guest", "respondent"})
UNKNOWN_SPEAKER = "Speaker"
"""The name of an unlabelled speaker when the header does not say who it is."""

TITLE_WORDS = frozenset(
    """
    the mr mrs ms miss mx dr prof sir dame lord lady hon honorable honourable rev
    senator sen rep representative congressman congresswoman delegate secretary minister
    president vice chair chairman chairwoman chairperson mayor councillor councilor
    councilmember council member clerk deputy assistant city county state general attorney
    judge justice governor ambassador speaker officer presiding pro tempore acting
    administration senior official witness host guest moderator interviewer reporter
    question answer q a operator narrator announcer interpreter translator caller
    audience crowd member members participant participants panel panelist voice voices
    unidentified unknown male female man woman all several multiple
    """.split()
)
"""Titles, roles and groups: words that name a position or a crowd rather than a
person. A shorter label made only of these (``Clerk`` beside ``City Clerk``,
``AUDIENCE`` beside ``AUDIENCE MEMBER``) is a role, never someone's short name."""


def speaker_name(label: str, header: Header) -> str:
    """The display name for a label: the person the header names, or the label itself.

    ``QUESTION`` becomes the interviewer when the header names one (else
    ``Question``); ``SECRETARY KERRY`` becomes ``John Kerry`` when the header names
    John Kerry. Other labels are shown as written, without a trailing parenthetical
    or a role after a comma (``SENATOR TIM KENNEDY, CHAIR, SENATE STANDING …``).
    """
    key = " ".join(label.casefold().split())
    if key in QUESTION_LABELS:
        return header.interviewer or ("Question" if key in {"q", "question"} else label)
    if key in ANSWER_LABELS:
        return header.interviewee or ("Answer" if key in {"a", "answer"} else label)
    for person in (header.interviewee, header.interviewer):
        if person and _same_surname(label, person):
            return person
    return _person(label)


def _person(label: str) -> str:
    """A label without a trailing parenthetical or a role after a comma."""
    return PARENTHETICAL.sub("", label).split(",")[0].strip()


def speaker_names(labels: Iterable[str], header: Header) -> dict[str, str]:
    """The display name of each label, one person under one name.

    Where a file names a person by a full label and elsewhere by a shorter one
    (``Bekah Hawrot Weigel`` and ``Bekah``; ``SECRETARY KERRY`` and ``KERRY``), both
    are shown under the fullest. A label that gives its short form in parentheses
    (``Adam Levine (AL)``, ``Christopher Jeffrey (JJ)``) names whoever that short
    form labels. A shorter label is a person's short name when its
    words appear, in order, in exactly one longer label and one of them is not a
    title or role (so ``Clerk`` and ``City Clerk`` stay two roles, and ``Mr. SMITH``
    and ``Mrs. SMITH`` two people, with ``SMITH`` beside both left as written).
    """
    keys = {label: name_words(label) for label in dict.fromkeys(labels)}
    declared = {form: label for label in keys if (form := short_form(label)) in keys}
    names = {}
    for label, words in keys.items():
        if label in declared:
            names[label] = speaker_name(declared[label], header)
            continue
        fuller = [
            other
            for other, other_words in keys.items()
            if len(other_words) > len(words) and _in_order(words, other_words)
        ]
        short = len(fuller) == 1 and not TITLE_WORDS.issuperset(words)
        names[label] = speaker_name(fuller[0] if short else label, header)
    return names


_SHORT_FORM = re.compile(r"\s\((?P<short>[^\s()]{1,12})\)$")


def short_form(label: str) -> str | None:
    """The one-word short form a label gives in parentheses: ``AL`` in ``Adam Levine (AL)``."""
    match = _SHORT_FORM.search(label)
    return match.group("short") if match else None


def name_words(label: str) -> tuple[str, ...]:
    """A label's words, case-folded, without punctuation, a trailing parenthetical or a
    role after a comma."""
    return tuple(re.findall(r"[^\W_][\w'’\-]*", _person(label).casefold()))


def same_person(words: Sequence[str], other: Sequence[str]) -> bool:
    """Whether two labels' words (see :func:`name_words`) may name one person: the
    shorter's words occur in the longer in order, and not all of them are titles."""
    short, long = sorted((words, other), key=len)
    return len(short) < len(long) and not TITLE_WORDS.issuperset(short) and _in_order(short, long)


def _in_order(words: Sequence[str], within: Sequence[str]) -> bool:
    """Whether ``words`` occur in ``within`` in the same order (not necessarily adjacent)."""
    remaining = iter(within)
    return bool(words) and all(word in remaining for word in words)


def _same_surname(label: str, person: str) -> bool:
    label_words = re.findall(r"[^\W\d_][\w'’\-]*", label)
    person_words = re.findall(r"[^\W\d_][\w'’\-]*", person)
    return bool(label_words and person_words) and (
        label_words[-1].casefold() == person_words[-1].casefold()
    )


def asks(label: str | None, speaker: str, header: Header) -> bool:
    """Whether a turn's label or speaker is the interviewer's: a question label
    (``Q``, ``QUESTION``, ``Host``…), a moderator, or the interviewer the header names."""
    if label and (" ".join(label.casefold().split()) in QUESTION_LABELS or moderates(label)):
        return True
    return bool(header.interviewer) and speaker == header.interviewer


_SEVERAL = re.compile(r"\s(?:and|&)\s|[,;/]")
"""What joins the names of several people: ``Ann Lee and Bob Ray``, ``Ann Lee, Bob Ray``."""


def opening_speaker(first_label: str | None, first_speaker: str, header: Header) -> str:
    """Who says an unlabelled opening, given the first labelled turn after it (None: the
    file has no labels): the interviewee the header names, where it names one person
    and the labels begin with a question to them (a press conference's statement,
    then questions) or there are none (a monologue); else nobody known.

    A label of the interviewee or of a third person first (a host's welcome) says
    the opening was someone else's: a quote is never credited on a guess.
    """
    person = header.interviewee
    if person is None or _SEVERAL.search(person):
        return UNKNOWN_SPEAKER
    if first_label is None or asks(first_label, first_speaker, header):
        return person
    return UNKNOWN_SPEAKER


def roles(turns: Sequence[tuple[str | None, str, str]], header: Header) -> dict[str, Role]:
    """The role of each speaker, from ``(label, speaker, text)`` of every turn.

    Interviewers are question labels (``Q``, ``QUESTION``, ``Host``…) and the person
    the header names as interviewer; without either, in a conversation of two people
    (others at most interjecting, :func:`_main_pair`), the one whose turns are mostly
    questions. Moderators ask and presiding officers are
    ``other`` (see :mod:`.offices`). The interviewee is the person the header names;
    when it names nobody who speaks, everyone else is an interviewee, but only in a
    file where someone asks. A record where nobody interviews anybody (a court's
    argument, a council meeting, a podcast of two voices whose questions are not
    mostly one side's) has no interviewee: everyone in it is ``other``.
    """
    speakers = list(dict.fromkeys(speaker for _, speaker, _ in turns))
    asking = {speaker for label, speaker, _ in turns if asks(label, speaker, header)}
    presiding = {speaker for label, speaker, _ in turns if label and presides(label)}
    pair = _main_pair(turns) if not asking else ()
    if pair:
        asking = _mostly_questions(pair)
    named = header.interviewee if header.interviewee in speakers else None
    result: dict[str, Role] = {}
    for speaker in speakers:
        if speaker in asking:
            result[speaker] = Role.INTERVIEWER
        elif speaker in presiding:
            result[speaker] = Role.OTHER
        elif speaker == named or (named is None and asking):
            result[speaker] = Role.INTERVIEWEE
        else:
            result[speaker] = Role.OTHER
    return result


MAIN_PAIR_SHARE = 0.9
"""The share of turns two people must hold for the rest to be interjections."""


def _main_pair(
    turns: Sequence[tuple[str | None, str, str]],
) -> Sequence[tuple[str | None, str, str]]:
    """The turns of the two people who hold the conversation (at least
    :data:`MAIN_PAIR_SHARE` of its turns between them: a witness and counsel, with a
    chairman's ruling and an objection between), or none if there are no such two."""
    counts = Counter(speaker for _, speaker, _ in turns)
    pair = [speaker for speaker, _ in counts.most_common(2)]
    if len(pair) < 2 or sum(counts[s] for s in pair) < MAIN_PAIR_SHARE * len(turns):
        return ()
    return [turn for turn in turns if turn[1] in pair]


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
