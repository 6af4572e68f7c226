"""Layouts users bring: Q/A, NAME:, Name:, **Name:**, Name. labels, timestamps, no labels,
header metadata, encodings and line endings. Fixtures are in tests/data/parse/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.core.loader import load_interview
from reader.core.model import Interview, ParagraphKind, Role
from reader.core.parsing import parse_text
from reader.core.parsing.lines import join_lines

DATA = Path(__file__).parent / "data" / "parse"
LETTER = {Role.INTERVIEWER: "Q", Role.INTERVIEWEE: "A", Role.OTHER: "O"}


def load(name: str) -> Interview:
    return load_interview(DATA / name)


def rows(interview: Interview) -> list[tuple[str | None, str, str, str]]:
    return [(t.label, t.speaker, LETTER[t.role], t.text) for t in interview.turns]


def test_q_and_a_letters_with_header_metadata() -> None:
    interview = load("qa_letters.txt")
    assert rows(interview) == [
        ("Q", "Jane Doe", "Q", "How did you start building bridges?"),
        (
            "A",
            "Tom Baker",
            "A",
            "By accident. I was hired to count rivets.\n\nBottom line: nobody else wanted the job.",
        ),
        ("Q", "Jane Doe", "Q", "And today?"),
        ("A", "Tom Baker", "A", "Today I design them. Note: I still count rivets."),
    ]
    assert interview.title == "A Conversation About Bridges"
    assert (interview.interviewer, interview.interviewee) == ("Jane Doe", "Tom Baker")
    assert interview.date == dt.date(2021, 6, 14)
    assert interview.furniture == (
        "Title: A Conversation About Bridges",
        "Host: Jane Doe",
        "Guest: Tom Baker",
        "Date: 2021-06-14",
    )


def test_capitals_labels_map_to_the_people_in_the_header() -> None:
    interview = load("caps_names.txt")
    assert [(t.label, t.speaker, LETTER[t.role]) for t in interview.turns] == [
        ("ORTIZ", "Lena Ortiz", "Q"),
        ("MAYOR BELLINI", "Marco Bellini", "A"),
        ("ORTIZ", "Lena Ortiz", "Q"),
        ("MAYOR BELLINI", "Marco Bellini", "A"),
        ("ORTIZ", "Lena Ortiz", "Q"),
    ]
    assert interview.turns[3].speech == (
        "Traffic. Too many trucks, too few trains.",
        "Note: this is not new. The port has complained since 1990.",
    )
    assert (interview.interviewee_role, interview.outlet, interview.place) == (
        "Mayor of Trieste",
        "Harbour Radio",
        "Trieste",
    )
    assert interview.date == dt.date(2019, 3, 3)


def test_markdown_bold_labels_heading_title_and_literal_markup() -> None:
    interview = load("mixed_names.md")
    assert interview.title == "Garden Talk, episode 12"
    assert [t.label for t in interview.turns] == ["Ana Silva", "Ben Okafor"] * 3
    assert "".join(LETTER[t.role] for t in interview.turns) == "QAQAQA"
    assert interview.turns[3].speech == (
        "Peas, always peas.",
        "Bottom line: if the soil is workable, sow them.",
    )
    assert interview.turns[-1].text == (
        "Slugs. [bold red]Lots[/] of slugs. See [link=https://example.org]this[/link]."
    )
    assert interview.furniture == ("# Garden Talk, episode 12",)


def test_period_labels_in_indented_hard_wrapped_text() -> None:
    interview = load("period_labels.txt")
    assert [(t.label, t.speech) for t in interview.turns] == [
        (
            "The CHAIRMAN",
            ("The committee will come to order. We are here to discuss the county road budget.",),
        ),
        (
            "Mr. HALE",
            (
                "Thank you, Mr. Chairman. I have a short statement.",
                "The roads in my district are in poor repair.",
            ),
        ),
        ("The CHAIRMAN", ("Please go on.",)),
        ("Mr. HALE", ("That is all, Mr. Chairman.",)),
    ]
    assert interview.title == "HEARING BEFORE THE COMMITTEE ON ROADS"


def test_bracketed_timestamps_one_turn_a_line() -> None:
    interview = load("bracket_timestamps.txt")
    assert [(t.label, t.start_time, t.text) for t in interview.turns] == [
        ("Mia Chen", 5.0, "Good morning, this is the news."),
        ("Omar Haddad", 9.0, "Good morning, Mia."),
        ("Mia Chen", 62.0, "What happened overnight?"),
        ("Omar Haddad", 90.0, "Heavy snow in the north."),
        ("Mia Chen", 86400.0 + 7, "Thanks, Omar."),
    ]


def test_plain_and_parenthesised_timestamps() -> None:
    interview = load("plain_timestamps.txt")
    assert [(t.label, t.start_time, t.text) for t in interview.turns] == [
        ("Rosa", 1.0, "Are we recording?"),
        ("Karl", 3.0, "We are."),
        ("Rosa", 12.0, "Then let us begin."),
        ("Karl", 20.0, "Fine."),
    ]


def test_no_labels_is_one_turn_after_the_header() -> None:
    interview = load("no_labels.txt")
    assert interview.title == "Remarks at the Harbour Festival"
    assert interview.date == dt.date(2022, 6, 1)
    (turn,) = interview.turns
    assert (turn.label, turn.speaker) == (None, "Speaker")
    assert turn.speech == (
        "Friends, neighbours, sailors: welcome to the twentieth Harbour Festival.",
        "This harbour has fed our town for three hundred years, and tonight we celebrate it.",
        "Thank you.",
    )
    assert interview.furniture == ("Remarks at the Harbour Festival", "June 1, 2022")


def test_a_single_unlabelled_line() -> None:
    interview = parse_text("just one line of talk")
    assert [(t.label, t.text, t.start, t.end) for t in interview.turns] == [
        (None, "just one line of talk", 0, 21)
    ]
    assert interview.title == "Untitled transcript"


def test_mixed_case_label_used_once_in_an_answer_is_speech() -> None:
    text = (
        "Jane: Why did you leave?\n\nPaul: Money. Honestly: it was the money.\n\n"
        "Jane: Only that?\n\nPaul: Mostly.\nReason: my boss.\n"
    )
    interview = parse_text(text)
    assert [t.label for t in interview.turns] == ["Jane", "Paul", "Jane", "Paul"]
    assert interview.turns[-1].speech == ("Mostly.", "Reason: my boss.")


def test_markdown_heading_does_not_start_a_turn() -> None:
    text = "A: One.\n\nQ: Two?\n\n## Part two\n\nStill the question.\n\nA: Three.\n"
    interview = parse_text(text)
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("A", ("One.",)),
        ("Q", ("Two?", "Still the question.")),
        ("A", ("Three.",)),
    ]
    assert interview.furniture == ("## Part two",)


ENCODED = "Q: Café “crème”?\n\nA: Oui – très bien.\n\nQ: Merci.\n\nA: De rien.\n"


@pytest.mark.parametrize(
    "data",
    [
        ENCODED.encode("utf-8"),
        b"\xef\xbb\xbf" + ENCODED.encode("utf-8"),
        ENCODED.encode("utf-16"),
        ENCODED.encode("cp1252"),
        ENCODED.replace("\n", "\r\n").encode("utf-8"),
        ENCODED.replace("\n", "\r").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "crlf", "lone-cr"],
)
def test_encodings_and_line_endings_give_the_same_turns(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "encoded.txt"
    path.write_bytes(data)
    interview = load_interview(path)
    assert [(t.label, t.text) for t in interview.turns] == [
        ("Q", "Café “crème”?"),
        ("A", "Oui – très bien."),
        ("Q", "Merci."),
        ("A", "De rien."),
    ]


def test_latin1_bytes_outside_cp1252_still_decode(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Q: Ça va?\n\nA: Oui.\n".encode("latin-1") + b"\x81\n")
    interview = load_interview(path)
    assert [t.text for t in interview.turns] == ["Ça va?", "Oui."]


def test_non_breaking_spaces_after_labels_are_kept_in_speech() -> None:
    text = (
        "Q\u00a0\u00a0\u00a0 Ready?\u00a0 Go.\n\nMR. LEE:\u00a0Yes.\n\nQ\u00a0\u00a0\u00a0 Good.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.text) for t in interview.turns] == [
        ("Q", "Ready?\u00a0 Go."),
        ("MR. LEE", "Yes."),
        ("Q", "Good."),
    ]


def test_offsets_are_into_the_decoded_text() -> None:
    text = "Intro line\n\nANA: Hello there.\n\nMore from Ana.\n\nBEN: Hi.\n\nANA: Bye.\n"
    interview = parse_text(text)
    first = interview.turns[0]
    assert text[first.start : first.end] == "ANA: Hello there.\n\nMore from Ana."
    assert [text[t.start : t.end] for t in interview.turns[1:]] == ["BEN: Hi.", "ANA: Bye."]


def seeds_corpus(seeds_dir: Path) -> str:
    return "\n\n".join(p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt")))


def shape(interview: Interview) -> list[tuple[str | None, Role]]:
    return [(t.label, t.role) for t in interview.turns]


def test_a_5_mb_transcript_keeps_every_turn_in_order(seeds_dir: Path) -> None:
    corpus = seeds_corpus(seeds_dir)
    copies = 5 * 1024 * 1024 // len(corpus)
    once = parse_text(corpus)
    assert len(once.turns) == 81
    interview = parse_text(corpus * copies)
    assert len(interview.turns) == 81 * copies
    assert shape(interview) == shape(once) * copies
    assert interview.turns[0].text == once.turns[0].text
    assert interview.turns[-1].text == once.turns[-1].text


@pytest.mark.slow
def test_a_50_mb_file_loads_every_turn_in_order(seeds_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    corpus = seeds_corpus(seeds_dir)
    copies = 50 * 1024 * 1024 // len(corpus)
    path.write_text(corpus * copies, encoding="utf-8")
    once = parse_text(corpus)
    interview = load_interview(path)
    assert len(interview.turns) == 81 * copies == 78_246
    assert shape(interview) == shape(once) * copies
    assert interview.title == "Interview With Askar Alimzhanov of Mir TV"
    assert interview.turns[0].text == (
        "Hello, Mr. Secretary. It’s an honor and a privilege to (inaudible)."
    )
    assert interview.turns[-1].label == "Sergey Lavrov"
    assert interview.turns[-1].speech[-1] == (
        "As for who will lead the UN, I can say that a UN delegation has been invited. Who "
        "will lead it is being decided in New York. I believe this will become known in the "
        "near future."
    )


def test_a_single_1_mb_line_is_kept_whole() -> None:
    line = "word " * 200_000
    interview = parse_text(f"Q: {line}\n\nA: Short.\n")
    assert [(t.label, t.role, t.speech) for t in interview.turns] == [
        ("Q", Role.INTERVIEWER, (line.strip(),)),
        ("A", Role.INTERVIEWEE, ("Short.",)),
    ]


def test_name_and_timestamp_alone_on_a_line() -> None:
    text = (
        "Speaker 1  0:00\nHello there, welcome.\n\n"
        "Speaker 2  0:04\nThanks for having me.\nIt is great.\n\n"
        "Speaker 1  1:02:03\nGood.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.start_time, t.speech) for t in interview.turns] == [
        ("Speaker 1", 0.0, ("Hello there, welcome.",)),
        ("Speaker 2", 4.0, ("Thanks for having me.", "It is great.")),
        ("Speaker 1", 3723.0, ("Good.",)),
    ]


def test_a_timestamp_opening_the_speech_is_the_turn_start_time() -> None:
    text = (
        "Rosa: [00:01:02] Are we recording?\n\nKarl: 00:01:05 We are.\n\n"
        "Rosa: (01:10) - Then let us begin.\n\nKarl: 9:15 in the morning, I said.\n\n"
        "Q: [00:02:00.5] Ready?\n\nA: [00:02:03]\nSure.\n"
    )
    assert [(t.label, t.start_time, t.text) for t in parse_text(text).turns] == [
        ("Rosa", 62.0, "Are we recording?"),
        ("Karl", 65.0, "We are."),
        ("Rosa", 70.0, "Then let us begin."),
        ("Karl", None, "9:15 in the morning, I said."),
        ("Q", 120.5, "Ready?"),
        ("A", 123.0, "Sure."),
    ]


def test_a_timestamp_between_name_and_colon_is_a_label_with_its_time() -> None:
    text = (
        "Dana Whitfield (00:05):\nThanks for coming in.\n\n"
        "Priya Raman (00:09): Sure. Happy to.\n\n"
        "Dana Whitfield [00:01:15]: Where were you?\n\n"
        "Priya Raman (01:20):\n\nAt home.\nAsleep.\n"
    )
    assert [(t.label, t.start_time, t.speech) for t in parse_text(text).turns] == [
        ("Dana Whitfield", 5.0, ("Thanks for coming in.",)),
        ("Priya Raman", 9.0, ("Sure. Happy to.",)),
        ("Dana Whitfield", 75.0, ("Where were you?",)),
        ("Priya Raman", 80.0, ("At home.", "Asleep.")),
    ]


def test_a_bold_label_opening_a_paragraph_counts_even_once() -> None:
    text = (
        "---\ntitle: Leak\n---\n**Dana:** Who found the leak?\n\n**Note:** Ed joined late.\n\n"
        "**Priya:** Ed did.\n**Ed**: I heard it drip.\n\n**Dana:** And Flo?\nShe said:\n"
        "**Flo:** not me.\n\n**Priya:** Thanks.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("Dana", ("Who found the leak?",)),  # Markdown: bold is markup
        ("Priya", ("Ed did.",)),
        ("Ed", ("I heard it drip.",)),
        ("Dana", ("And Flo?", "She said:", "Flo: not me.")),
        ("Priya", ("Thanks.",)),
    ]
    note = interview.turns[0].paragraphs[1]
    assert (note.text, note.kind) == ("Note: Ed joined late.", ParagraphKind.DIRECTION)


def test_a_lone_bold_word_among_plain_text_is_not_a_label() -> None:
    text = "Notes from the site visit.\n\n**Background:** the roof leaked in May.\n"
    (turn,) = parse_text(text).turns
    assert (turn.label, turn.speech) == (
        None,
        ("Notes from the site visit.", "**Background:** the roof leaked in May."),
    )


def test_a_header_key_used_as_a_label_is_a_label() -> None:
    interview = parse_text(
        "Interviewer: Hello\nInterviewee: Hi\nInterviewer: How are you?\nInterviewee: Fine.\n"
    )
    assert [(t.label, LETTER[t.role], t.text) for t in interview.turns] == [
        ("Interviewer", "Q", "Hello"),
        ("Interviewee", "A", "Hi"),
        ("Interviewer", "Q", "How are you?"),
        ("Interviewee", "A", "Fine."),
    ]
    assert (interview.interviewer, interview.furniture) == (None, ())


def test_a_header_key_with_a_name_is_metadata_even_when_also_a_label() -> None:
    interview = parse_text(
        "Host: Jane Doe\n\nHost: Welcome to the show.\n\nBob Ray: Thanks.\n\n"
        "Host: Bye?\n\nBob Ray: Bye.\n"
    )
    assert [(t.speaker, LETTER[t.role]) for t in interview.turns] == [
        ("Jane Doe", "Q"),
        ("Bob Ray", "A"),
        ("Jane Doe", "Q"),
        ("Bob Ray", "A"),
    ]
    assert interview.furniture == ("Host: Jane Doe",)


def test_the_date_nearest_the_transcript_wins() -> None:
    text = "Issued on:\nApril 27, 2020\n\nBriefing Room\n\nApril 24, 2020\n\nQ: Yes?\n\nA: No.\n"
    assert parse_text(text).date == dt.date(2020, 4, 24)


def test_a_capitals_word_opening_one_paragraph_is_speech_when_mentioned_elsewhere() -> None:
    text = (
        "QUESTION: What about NATO?\n\nSECRETARY SMITH: It matters.\n\n"
        "NATO: the alliance is strong.\n\nQUESTION: Thanks.\n\nTHE MODERATOR: Time.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("QUESTION", ("What about NATO?",)),
        ("SECRETARY SMITH", ("It matters.", "NATO: the alliance is strong.")),
        ("QUESTION", ("Thanks.",)),
        ("THE MODERATOR", ("Time.",)),
    ]


def test_web_page_footer_after_the_last_turn_is_furniture() -> None:
    text = (
        "Home | News\n\nQ: Ready?\n\nA: Yes.\n\nThank you all.\n\nEND\n\n"
        "Privacy Policy\n\nThis site is run by the county.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("Q", ("Ready?",)),
        ("A", ("Yes.", "Thank you all.")),
    ]
    assert interview.furniture == (
        "Home | News",
        "END",
        "Privacy Policy",
        "This site is run by the county.",
    )


def test_trailing_captions_without_punctuation_are_furniture() -> None:
    interview = parse_text("Q: Ready?\n\nA: Yes.\n\nMore to say.\n\nAdvanced settings\n")
    assert interview.turns[-1].speech == ("Yes.", "More to say.")
    assert interview.furniture == ("Advanced settings",)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("Q: hello there\nA: an answer", ("an answer",)),
        ("Q: hello there\nA: an answer\n", ("an answer",)),
        ("Q: hello there\nA: an answer\n\nSee You Soon", ("an answer", "See You Soon")),
    ],
)
def test_a_tiny_unpunctuated_question_and_answer_keeps_both_turns(
    text: str, answer: tuple[str, ...]
) -> None:
    """An answer right under its question is a turn however the question ends, and a
    short last line after unpunctuated speech is the speaker's, not a page caption."""
    interview = parse_text(text)
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("Q", ("hello there",)),
        ("A", answer),
    ]
    assert interview.furniture == ()


@pytest.mark.parametrize("answerer", ["ADA", "MS. LOVELACE", "**Ada**"])
def test_one_question_and_its_answer_are_two_turns(answerer: str) -> None:
    """A ``Q`` opening its paragraph makes an interview of a file where no label comes
    twice: its answer's formal label counts (found by QA: one turn, labels left in the
    text). A plain ``Ada:`` used once still needs labels established elsewhere."""
    interview = parse_text(f"Q: What is the engine for?\n\n{answerer}: It weaves patterns.\n")
    assert [(t.label, t.text) for t in interview.turns] == [
        ("Q", "What is the engine for?"),
        (answerer.strip("*"), "It weaves patterns."),
    ]


def test_a_q_inside_a_sentence_makes_no_interview() -> None:
    text = "We asked about the engine and the answer was\nQ: the weaving of patterns.\n"
    assert [t.label for t in parse_text(text).turns] == [None]


OPENING = (
    "Thanks everyone for coming along tonight, it is good to see so many of you here. We"
    " will take questions after a short introduction.\n\nThe plan has three parts, and I"
    " will go through each of them in turn before we start.\n\n"
)


@pytest.mark.parametrize(
    ("header", "labels", "opener"),
    [
        ("", ("Q", "A"), "Speaker"),
        ("Guests: Ann Lee and Bob Ray\n\n", ("Q", "A"), "Speaker"),
        ("Guests: Ann Lee, Bob Ray\n\n", ("Q", "A"), "Speaker"),
        ("Interview with Ann Lee\n\n", ("Bob Ray", "Ann Lee"), "Speaker"),
        ("Interview with Ann Lee\n\n", ("Ann Lee", "Q"), "Speaker"),
        ("Interview with Ann Lee\n\n", ("Q", "A"), "Ann Lee"),
        ("Interview with Ann Lee\n\n", ("Moderator", "Ann Lee"), "Ann Lee"),
    ],
)
def test_an_unlabelled_opening_is_the_interviewees_only_before_questions_to_them(
    header: str, labels: tuple[str, str], opener: str
) -> None:
    """The opening before the first label is credited to the one person the header
    names only where the labels then begin with a question (a statement, then
    questions, as at a press conference); otherwise it is an unknown speaker's, kept
    whole, never quoted as somebody's."""
    first, second = labels
    text = f"{header}{OPENING}{first}: Why now?\n\n{second}: Because.\n\n{first}: And?\n\n"
    text += f"{second}: That is all.\n"
    interview = parse_text(text)
    assert (interview.turns[0].label, interview.turns[0].speaker) == (None, opener)
    assert interview.turns[0].speech == (
        "Thanks everyone for coming along tonight, it is good to see so many of you here. We"
        " will take questions after a short introduction.",
        "The plan has three parts, and I will go through each of them in turn before we start.",
    )
    assert [t.label for t in interview.turns[1:]] == [first, second, first, second]


def test_oral_history_header_names_both_people() -> None:
    interview = load("oral_history.txt")
    assert (interview.interviewer, interview.interviewee) == ("Mary Jones", "JOHN SMITH")
    assert interview.date == dt.date(1998, 6, 5)
    assert [(t.label, t.speaker, LETTER[t.role]) for t in interview.turns] == [
        ("JONES", "Mary Jones", "Q"),
        ("SMITH", "JOHN SMITH", "A"),
        ("JONES", "Mary Jones", "Q"),
        ("SMITH", "JOHN SMITH", "A"),
    ]


def test_hanging_indented_continuations_join_their_label_line() -> None:
    text = (
        "JANE:  This is a long answer that\n       wraps under itself and goes\n"
        "       on for a while.\n\nBOB:   Short reply that is also\n       wrapped.\n\n"
        "JANE:  Fine.\n"
    )
    assert [(t.label, t.speech) for t in parse_text(text).turns] == [
        ("JANE", ("This is a long answer that wraps under itself and goes on for a while.",)),
        ("BOB", ("Short reply that is also wrapped.",)),
        ("JANE", ("Fine.",)),
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Interview With Lena Ortiz of Harbour Radio", ("Lena Ortiz", "Harbour Radio", None)),
        ("Interview with the Times of India", (None, "the Times of India", None)),
        ("Interview with the Secretary of State", (None, None, None)),
        ("Interview with Jane Doe", (None, None, "Jane Doe")),
    ],
)
def test_who_an_interview_title_names(
    title: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    interview = parse_text(f"{title}\n\nQ: Why?\n\nA: Because.\n")
    assert interview.title == title
    assert (interview.interviewer, interview.outlet, interview.interviewee) == expected


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["an up-", "or-down vote"], "an up-or-down vote"),
        (["a multi-", "year plan"], "a multi-year plan"),
        (["we went -", "and then"], "we went - and then"),  # a dash set off by spaces
        (["in 1990-", "1995"], "in 1990- 1995"),  # not a word
        (["one line"], "one line"),
    ],
)
def test_a_word_hyphenated_at_a_line_end_is_joined_hyphen_kept(
    lines: list[str], joined: str
) -> None:
    assert join_lines(lines) == joined


def test_a_timed_segment_label_with_no_speech_after_it_is_kept() -> None:
    """``Ann [00:00:05]:`` closing a file starts no speech; its line is not lost (found by
    the Word property test: ``Q:00:01:02`` after a ``Q`` turn vanished)."""
    interview = parse_text("Ann [00:00:01]: hi\n\nAnn [00:00:05]:\n")
    assert [(t.label, t.text) for t in interview.turns] == [("Ann", "hi")]
    assert interview.furniture == ("Ann [00:00:05]:",)
