"""Labels that name an office in the proceedings rather than a person who is asked.

A debate's moderator puts the questions, as an interviewer does, so a label that
says ``MODERATOR`` (``LEHRER (MODERATOR)``) is an interviewer's. A presiding officer
(``The PRESIDING OFFICER``, ``The PRESIDENT pro tempore``, ``Chairman INOUYE``,
``THE COURT``) gives the floor and keeps order: they neither put an interview's
questions nor answer them, so their role is ``other``, not ``interviewee``.
"""

from __future__ import annotations

import re

_MODERATOR = re.compile(r"\b(?:co-?)?moderator\b", re.IGNORECASE)
_PRESIDING = re.compile(
    r"\bpresiding\b|\bpro tempore\b|\b(?:vice[- ])?(?:co-?)?chair(?:man|woman|person)?\b"
    r"|^the (?:speaker|court|chair)$",
    re.IGNORECASE,
)


def moderates(label: str) -> bool:
    """Whether a speaker label names a moderator."""
    return _MODERATOR.search(label) is not None


def presides(label: str) -> bool:
    """Whether a speaker label names a presiding officer or a chair."""
    return _PRESIDING.search(" ".join(label.split())) is not None
