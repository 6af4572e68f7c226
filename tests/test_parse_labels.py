"""Labels and times as people write them (issue 13, items 1, 2 and 5).

Fixtures in tests/data/parse/ are modelled on public transcripts: IRC-style meeting
logs (handles), diarised podcast exports, Rev/podcast-site pages, YouTube transcript
copies, podcast tables, oral-history tables, council records and assembly minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.loader import load_interview
from reader.core.model import Interview
from reader.core.parsing import parse_text
from reader.core.parsing.metadata import Header
from reader.core.parsing.speakers import speaker_names
from reader.core.parsing.tables import Row, table_row

DATA = Path(__file__).parent / "data" / "parse"


def load(name: str) -> Interview:
    return load_interview(DATA / name)


def turns(interview: Interview) -> list[tuple[str | None, str, float | None, tuple[str, ...]]]:
    return [(t.label, t.speaker, t.start_time, t.speech) for t in interview.turns]


def times(interview: Interview) -> list[list[float | None]]:
    """Each turn's paragraphs' start times."""
    return [[p.start_time for p in t.paragraphs] for t in interview.turns]


def test_lowercase_handles_with_digits_are_labels() -> None:
    interview = load("irc_handles.md")
    assert [(t.label, t.text) for t in interview.turns] == [
        ("wumpus", "Let's start with segwit review. who has looked at it?"),
        ("sipa", "i rebased it this morning, the tests pass."),
        (
            "jonasschnelli",
            "i reviewed the wallet part.\n\nnote: fee estimation still needs work there.",
        ),
        ("btcdrak", "0.12.1 is out with BIP68, 112 and 113."),
        ("sipa", "great. adam3us asked about the soft fork yesterday."),
        ("wumpus", "ok. any other topics?"),
        ("jonasschnelli", "not from me."),
    ]


def test_a_handle_needs_other_labels_beside_it() -> None:
    text = "We met at noon.\n\nsoup: hot, for once.\n\nsoup: cold again.\n"
    (turn,) = parse_text(text).turns
    assert turn.label is None
    assert turn.speech == ("We met at noon.", "soup: hot, for once.", "soup: cold again.")


def test_diarised_lines_with_bracketed_speaker_and_time() -> None:
    interview = load("diarised.txt")
    assert times(interview) == [[0.0, 11.0], [12.0], [24.0], [39.0], [62.0, 81.0]]
    assert turns(interview) == [
        (
            "Speaker 1",
            "Speaker 1",
            0.0,
            ("Yeah. Well, this is the fun stuff, when the board doesn't work.", "So"),
        ),
        (
            "Speaker 2",
            "Speaker 2",
            12.0,
            ("Oh, yeah. Absolutely. I've heard some stories of smoke plumes.",),
        ),
        ("Speaker 3", "Speaker 3", 24.0, ("That's good. Very few [inaudible] plumes.",)),
        ("Speaker 2", "Speaker 2", 39.0, ("You thought it was like choosing the pope?",)),
        (
            "Speaker 3",
            "Speaker 3",
            62.0,
            ("Yeah. Sure.", "My second real foray into hardware [laughs]."),
        ),
    ]


def test_diarised_segments_with_a_time_range_and_speech_below() -> None:
    text = (
        "[Speaker 1] [00:00:00.000 --> 00:00:05.000]\nGood morning, how are you feeling?\n\n"
        "[Speaker 2] [00:00:05.000 --> 00:00:10.000]\nI have had chest pain for days.\n\n"
        "[Speaker 1] [00:00:10.000 --> 00:00:15.000]\nIs it sharp or dull?\n\n"
        "[Speaker 1] [00:00:15.000 --> 00:00:18.000]\nTake your time.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.start_time, t.speech) for t in interview.turns] == [
        ("Speaker 1", 0.0, ("Good morning, how are you feeling?",)),
        ("Speaker 2", 5.0, ("I have had chest pain for days.",)),
        ("Speaker 1", 10.0, ("Is it sharp or dull?", "Take your time.")),
    ]
    assert times(interview)[-1] == [10.0, 15.0]


def test_bracketed_asides_at_line_start_are_not_speakers() -> None:
    text = (
        "Jane: So.\n\n[Laughter] That was good.\n\nPaul: Yes.\n\n[Laughter] Again.\n\n"
        "Jane: Ok.\n\nPaul: Fine.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.text) for t in interview.turns] == [
        ("Jane", "So.\n\n[Laughter] That was good."),
        ("Paul", "Yes.\n\n[Laughter] Again."),
        ("Jane", "Ok."),
        ("Paul", "Fine."),
    ]


def test_bare_times_continue_the_speaker_as_new_paragraphs() -> None:
    interview = load("rev_timestamps.md")
    assert turns(interview) == [
        (
            "Matt MacInnis",
            "Matt MacInnis",
            0.0,
            ("It is really important to me that we feel we have understaffed every project.",),
        ),
        (
            "Lenny Rachitsky",
            "Lenny Rachitsky",
            15.0,
            ("You have been a long time COO. Recently, you moved into product.",),
        ),
        (
            "Matt MacInnis",
            "Matt MacInnis",
            41.0,
            (
                "Fundamentally, the most selfish thing you can do is withhold feedback.",
                "As an executive, your job is to preserve that intensity.",
            ),
        ),
        (
            "Lenny Rachitsky",
            "Lenny Rachitsky",
            93.0,
            (
                "Today, my guest is Matt MacInnis.",
                "A huge thank you to everyone who suggested questions.",
            ),
        ),
    ]
    assert times(interview) == [[0.0], [15.0], [41.0, 77.0], [93.0, 132.0]]
    assert "(00:01:17):" in interview.furniture
    assert "(00:02:12):" in interview.furniture


def test_three_word_labels_and_a_label_after_a_tab() -> None:
    text = (
        "Bekah Hawrot Weigel:\tWelcome to the show.\n\nJosh Goldberg:\tThanks.\n\n"
        "Bekah Hawrot Weigel:\tTell me more.\n\nJosh Goldberg:\tSure.\n"
    )
    assert [(t.label, t.text) for t in parse_text(text).turns] == [
        ("Bekah Hawrot Weigel", "Welcome to the show."),
        ("Josh Goldberg", "Thanks."),
        ("Bekah Hawrot Weigel", "Tell me more."),
        ("Josh Goldberg", "Sure."),
    ]


def test_labels_in_a_column_before_a_tab() -> None:
    interview = load("tab_labels.txt")
    assert [(t.label, t.text) for t in interview.turns] == [
        ("Interviewer", "Where were you born?"),
        ("Maria Santos", "In Leeds, in 1931."),
        ("Interviewer", "And your father?"),
        ("Maria Santos", "A stevedore, like his father."),
    ]
    assert interview.title == "Oral history of the harbour strike"


def test_tabs_inside_prose_are_not_labels() -> None:
    text = "Jane: Hello.\n\nPaul: The results\twere good.\n\nJane: Fine.\n\nPaul: Yes.\n"
    assert [(t.label, t.text) for t in parse_text(text).turns] == [
        ("Jane", "Hello."),
        ("Paul", "The results\twere good."),
        ("Jane", "Fine."),
        ("Paul", "Yes."),
    ]


def test_a_lone_punctuation_cell_names_no_speaker() -> None:
    """``.<TAB>0`` is no row (its period would be lost as a speaker cell); ``Q.<TAB>Why?`` is."""
    assert table_row(".\t0") is None
    assert table_row(":\tWhy?") is None
    assert table_row("Q.\tWhy?") == Row(None, "Q", "Why?")
    interview = parse_text("Q: \nQ: \nQ: \n.\t0")
    assert [(t.label, t.text) for t in interview.turns] == [("Q", ""), ("Q", ""), ("Q", ".\t0")]


def test_a_speaker_who_talks_once_among_established_labels() -> None:
    interview = load("once_speaker.txt")
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("Chair", ("We now turn to the motion on library hours. Okafor, you have the floor.",)),
        (
            "Okafor",
            (
                "Thank you, Chair. The library closes at ten, which is too early in exams.",
                "Background: The library moved to ten o'clock closing after the budget cuts; "
                "its background is in annex A.",
            ),
        ),
        ("Lindqvist", ("I support the motion, but who pays for the extra staff?",)),
        ("Okafor", ("The student union has offered to cover half.",)),
        ("Dlamini", ("As the delegate of the night students, I can say we need it most.",)),
        ("Chair", ("Thank you.", "Source: the budget figures are in annex B.")),
        ("Lindqvist", ("Then I withdraw my objection.", "Remember: we vote at noon.")),
        ("Chair", ("The motion carries.",)),
    ]


def test_a_common_noun_with_a_colon_is_not_a_speaker_who_talks_once() -> None:
    text = (
        "Jane: The weather?\n\nPaul: Cold.\n\nJane: And the harvest?\n\nPaul: Late.\n\n"
        "Summary: It was a cold and late year. The summary is ours.\n"
    )
    assert [t.label for t in parse_text(text).turns] == ["Jane", "Paul", "Jane", "Paul"]


def test_a_line_that_starts_with_a_clock_gives_its_paragraph_a_time() -> None:
    interview = load("clock_lines.txt")
    (turn,) = interview.turns
    assert (turn.label, turn.start_time) == (None, 0.0)
    assert times(interview) == [[0.0, 4.0, 70.0]]
    assert turn.speech == (
        "Welcome back to the channel.",
        "Today we are going underground, literally.",
        "The first line opened in 1863, with steam trains.",
    )
    assert interview.title == "How the Tube was built"


def test_a_said_time_without_hours_stays_speech() -> None:
    text = "Q: When?\n\nA: 9:15 in the morning.\n\nQ: Sure?\n\nA: Yes.\n"
    assert parse_text(text).turns[1].text == "9:15 in the morning."


def test_a_markdown_table_with_a_time_column() -> None:
    interview = load("time_table.md")
    assert [(t.label, t.start_time, t.speech) for t in interview.turns] == [
        ("Ana Silva", 0.0, ("Welcome to Night Trains.",)),
        ("Ben Okafor", 44.0, ("Thanks for having me, Ana.",)),
        ("Ana Silva", 62.0, ("Where does the sleeper to Vienna leave from?",)),
        (
            "Ben Okafor",
            70.0,
            ("From Hamburg. [laughs] Every night at eight.", "And it is always full."),
        ),
    ]
    assert times(interview) == [[0.0], [44.0], [62.0], [70.0, 90.0]]
    assert interview.furniture == (
        "# Night Trains, episode 12",
        "| Time | Speaker | Text |",
        "|------|---------|------|",
    )
    assert interview.title == "Night Trains, episode 12"


def test_tab_separated_time_speaker_and_text() -> None:
    interview = load("tab_times.txt")
    assert [(t.label, t.start_time, t.speech) for t in interview.turns] == [
        ("INTERVIEWER", 5.0, ("When did you come to the lighthouse?",)),
        ("Agnes Morris", 9.0, ("In nineteen sixty-one, with my husband.",)),
        ("INTERVIEWER", 15.0, ("And the storms?",)),
        ("Agnes Morris", 18.0, ("We had the worst in sixty-three.", "The lamp never went out.")),
    ]
    assert times(interview)[-1] == [18.0, 31.0]


def test_captions_pasted_into_markdown_read_as_turns_with_cue_times() -> None:
    interview = load("captions_in_markdown.md")
    assert turns(interview) == [
        (
            "McIntosh",
            "McIntosh",
            0.16,
            ("Hey, Sats Stackers.", "This is the last episode of the show."),
        ),
        ("Kenshin", "Kenshin", 11.885, ("So let's get to it.",)),
        ("McIntosh", "McIntosh", 13.3, ("Alright.",)),
        ("Kenshin", "Kenshin", 15.2, ("Go.",)),
    ]
    assert times(interview) == [[0.16, 1.92], [11.885], [13.3], [15.2]]
    assert interview.title == "Episode 148 Transcript"
    assert "00:00:01.920 --> 00:00:02.899" in interview.furniture
    assert {"WEBVTT", "1", "6", "```text", "```"} <= set(interview.furniture)


def test_two_once_used_openers_sharing_a_word_are_not_speakers() -> None:
    text = (
        "Q: Where did you read it?\n\nA: In the paper.\n\n"
        "Washington: The capital was quiet that week.\n\n"
        "Washington Post: The paper ran it first.\n\nQ: And then?\n\nA: Nothing.\n"
    )
    assert [t.label for t in parse_text(text).turns] == ["Q", "A", "Q", "A"]


def test_a_full_name_then_a_short_one_is_one_speaker() -> None:
    interview = load("short_names.md")
    assert [(t.label, t.speaker) for t in interview.turns] == [
        ("Bekah Hawrot Weigel", "Bekah Hawrot Weigel"),
        ("Josh Goldberg", "Josh Goldberg"),
        ("Bekah", "Bekah Hawrot Weigel"),
        ("Josh", "Josh Goldberg"),
        ("Bekah", "Bekah Hawrot Weigel"),
        ("Josh", "Josh Goldberg"),
    ]
    assert interview.turns[0].text == "Hi, I'm Bekah Hawrot Weigel, and this is Virtual Coffee."
    assert interview.speakers == ("Bekah Hawrot Weigel", "Josh Goldberg")


def test_roles_and_namesakes_stay_apart_in_a_council_record() -> None:
    interview = load("council_record.txt")
    assert [(t.label, t.speaker) for t in interview.turns] == [
        ("MAYOR QUIMBY", "MAYOR QUIMBY"),
        ("CITY CLERK", "CITY CLERK"),
        ("MR. SKINNER", "MR. SKINNER"),
        ("CITY CLERK", "CITY CLERK"),
        ("MRS. SKINNER", "MRS. SKINNER"),
        ("QUIMBY", "MAYOR QUIMBY"),
        ("CLERK", "CLERK"),
        ("SKINNER", "SKINNER"),
        ("QUIMBY", "MAYOR QUIMBY"),
        ("CLERK", "CLERK"),
        ("SKINNER", "SKINNER"),
    ]


@pytest.mark.parametrize(
    ("labels", "names"),
    [
        (["SECRETARY KERRY", "KERRY"], ["SECRETARY KERRY", "SECRETARY KERRY"]),
        (["Clerk", "City Clerk"], ["Clerk", "City Clerk"]),
        (["Mr. SMITH", "Mrs. SMITH"], ["Mr. SMITH", "Mrs. SMITH"]),
        (["Mr. SMITH", "SMITH"], ["Mr. SMITH", "Mr. SMITH"]),
        (["THE PRESIDENT", "THE VICE PRESIDENT"], ["THE PRESIDENT", "THE VICE PRESIDENT"]),
        (["Jane", "Jane Doe", "Jane Roe"], ["Jane", "Jane Doe", "Jane Roe"]),
        (["Speaker 1", "Speaker 12", "Speaker"], ["Speaker 1", "Speaker 12", "Speaker"]),
        (["AUDIENCE", "AUDIENCE MEMBER"], ["AUDIENCE", "AUDIENCE MEMBER"]),
    ],
)
def test_which_short_labels_name_the_same_person(labels: list[str], names: list[str]) -> None:
    assert [speaker_names(labels, Header())[label] for label in labels] == names


def test_parse_json_gives_each_paragraph_its_time() -> None:
    turn = load("rev_timestamps.md").to_json()["turns"][2]
    assert [(p["text"][:20], p["kind"], p["start_time"]) for p in turn["paragraphs"]] == [
        ("Fundamentally, the m", "speech", 41.0),
        ("As an executive, you", "speech", 77.0),
    ]
    assert turn["start_time"] == 41.0


def test_question_and_answer_letters_before_a_tab() -> None:
    text = "Q.\tWhere were you born?\nA.\tIn Leeds.\nQ.\tWhen?\nA.\tIn 1950.\n"
    assert [(t.label, t.speaker, t.text) for t in parse_text(text).turns] == [
        ("Q", "Question", "Where were you born?"),
        ("A", "Answer", "In Leeds."),
        ("Q", "Question", "When?"),
        ("A", "Answer", "In 1950."),
    ]


def test_a_copied_video_transcript_with_a_time_above_each_line() -> None:
    """A time line gives its time to the speech below; a sentence runs on across it."""
    interview = load("youtube_copy.txt")
    (turn,) = interview.turns
    assert [(p.text, p.start_time) for p in turn.paragraphs] == [
        (
            "hi everyone and welcome back to the channel. today we are brewing coffee "
            "with a french press.",
            0.0,
        ),
        ("First, grind the beans coarsely.", 62.0),
    ]
    assert interview.title == "How to brew coffee"
    assert interview.furniture == ("How to brew coffee", "0:00", "0:03", "0:07", "1:02")


def test_a_time_line_under_an_unfinished_sentence_still_times_the_next_turn() -> None:
    text = "BELL 7: OK, it is a nice ride\n[00:00:00:20]\nCC: Loud and clear.\n\nBELL 7: Roger\n"
    assert [(t.label, t.start_time) for t in parse_text(text).turns] == [
        ("BELL 7", None),
        ("CC", 20.0),
        ("BELL 7", None),
    ]


def test_a_bare_time_with_a_colon_before_the_speech_on_its_line() -> None:
    text = (
        "Lenny Rachitsky (00:00:15):\nYou have been COO.\n\n"
        "Matt MacInnis (00:00:41):\nFundamentally, yes.\n\n(00:01:17): As an executive, more.\n\n"
        "Lenny Rachitsky (00:01:33):\nToday.\n\nMatt MacInnis (00:01:40):\nYes.\n"
    )
    assert [t.label for t in parse_text(text).turns] == [
        "Lenny Rachitsky",
        "Matt MacInnis",
        "Lenny Rachitsky",
        "Matt MacInnis",
    ]
    assert [(p.text, p.start_time) for p in parse_text(text).turns[1].paragraphs] == [
        ("Fundamentally, yes.", 41.0),
        ("As an executive, more.", 77.0),
    ]


def test_a_label_that_gives_its_short_form_in_parentheses() -> None:
    text = (
        "Adam Levine (AL): JJ, thanks for being here today.\n\n"
        "Christopher Jeffrey (JJ): Thanks man. Glad to be here.\n\n"
        "AL: How did it start?\n\nJJ: As a tiny wallet.\n\nAL: And now?\n\nJJ: A full node.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.speaker) for t in interview.turns] == [
        ("Adam Levine (AL)", "Adam Levine"),
        ("Christopher Jeffrey (JJ)", "Christopher Jeffrey"),
        ("AL", "Adam Levine"),
        ("JJ", "Christopher Jeffrey"),
        ("AL", "Adam Levine"),
        ("JJ", "Christopher Jeffrey"),
    ]


def test_a_presiding_officer_named_in_parentheses_is_not_merged_with_the_senator() -> None:
    names = speaker_names(["The PRESIDING OFFICER (Mr. Talent)", "Mr. TALENT"], Header())
    assert names == {
        "The PRESIDING OFFICER (Mr. Talent)": "The PRESIDING OFFICER",
        "Mr. TALENT": "Mr. TALENT",
    }


def test_a_wrapped_line_is_not_a_label_and_a_hyphenated_surname_is() -> None:
    """GPO layout: labels open indented paragraphs; ``Pius IX.`` continues a sentence."""
    text = (
        "  Mr. MICA. Mr. Speaker, Brumidi made a portrait of Pope\n"
        "Pius IX. In 1852, he came to the United States.\n"
        "  Ms. MILLENDER-McDONALD. Mr. Speaker, I yield myself such time as I\n"
        "may consume.\n"
        "  The SPEAKER pro tempore. Pursuant to the rule, the gentleman from\n"
        "Florida will control 20 minutes.\n"
        "  Mr. MICA. Mr. Speaker, I reserve the balance of my time.\n"
        "  The SPEAKER pro tempore (Mr. Foley). The question is on the motion.\n"
    )
    assert [t.label for t in parse_text(text).turns] == [
        "Mr. MICA",
        "Ms. MILLENDER-McDONALD",
        "The SPEAKER pro tempore",
        "Mr. MICA",
        "The SPEAKER pro tempore (Mr. Foley)",
    ]
    assert parse_text(text).turns[0].text == (
        "Mr. Speaker, Brumidi made a portrait of Pope Pius IX. In 1852, he came to the "
        "United States."
    )


def test_a_name_talked_about_is_not_a_speaker_who_talks_once_in_a_long_record() -> None:
    """Many senators speak once (more than the echo checks); ``President:`` opening a
    wrapped line of a letter is not one of them, as the President is talked about."""
    roll = "".join(f"SENATOR NAME{chr(65 + i)}: Here.\n\n" for i in range(24))
    text = (
        "Mr. Smith: The clerk will read the letter, Madam President.\n\n"
        "Ms. Jones: Thank you.\n\n"
        + roll
        + "THE SECRETARY: Dear Ms.\nPresident: I would appreciate the privilege.\n\n"
        "Mr. Smith: Thank you.\n\nMs. Jones: Agreed.\n"
    )
    interview = parse_text(text)
    assert "President" not in {t.label for t in interview.turns}
    secretary = next(t for t in interview.turns if t.label == "THE SECRETARY")
    assert secretary.text == "Dear Ms.\n\nPresident: I would appreciate the privilege."


def test_a_zoom_saved_transcript_with_a_bracketed_name_and_a_clock() -> None:
    text = (
        "[Johnny Doe] 11:02:09\nHow you doing?\n\n[Janet Dough] 11:02:09\nHey, how are you?\n\n"
        "[Johnny Doe] 11:02:11\nI'm okay.\n\n[Johnny Doe] 11:02:14\nCan you hear me?\n\n"
        "[Janet Dough] 11:02:20\nYes.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.start_time, t.speech) for t in interview.turns] == [
        ("Johnny Doe", 11 * 3600 + 2 * 60 + 9.0, ("How you doing?",)),
        ("Janet Dough", 11 * 3600 + 2 * 60 + 9.0, ("Hey, how are you?",)),
        ("Johnny Doe", 11 * 3600 + 2 * 60 + 11.0, ("I'm okay.", "Can you hear me?")),
        ("Janet Dough", 11 * 3600 + 2 * 60 + 20.0, ("Yes.",)),
    ]


def test_a_bracketed_aside_before_a_said_time_is_not_a_label() -> None:
    text = (
        "Jane: When?\n\nPaul: Soon.\n\n[Laughter] 9:15 in the morning.\n\nJane: Ok.\n\nPaul: Yes.\n"
    )
    assert [t.label for t in parse_text(text).turns] == ["Jane", "Paul", "Jane", "Paul"]


def test_a_name_and_a_time_with_a_colon_alone_on_a_line_is_a_label() -> None:
    text = (
        "Stephan 00:00:00:\n\nAnant, welcome back to the show.\n\n"
        "Anant 00:02:38:\n\nHey Stephan, thanks for having me again.\n\n"
        "Stephan 00:02:40:\n\nSo there's been a lot going on.\n\nIt is fresh.\n\n"
        "Anant 00:03:22:\n\nSee, self-custody is a journey.\n"
    )
    assert [(t.label, t.start_time, t.speech) for t in parse_text(text).turns] == [
        ("Stephan", 0.0, ("Anant, welcome back to the show.",)),
        ("Anant", 158.0, ("Hey Stephan, thanks for having me again.",)),
        ("Stephan", 160.0, ("So there's been a lot going on.", "It is fresh.")),
        ("Anant", 202.0, ("See, self-custody is a journey.",)),
    ]


def test_a_once_used_label_also_set_as_a_bracketed_heading_is_a_label() -> None:
    text = (
        "[ANNOUNCER]\n\nWelcome to The Podlets Podcast, a weekly show that explores "
        "cloud native one buzzword at a time.\n\n[EPISODE]\n\n"
        "[0:00:41.8] CC: Hi, everybody.\n\n[0:00:57.9] DC: Hey.\n\n"
        "[0:01:11.7] CC: Today we talk rivers.\n\n[0:01:20.0] DC: Bye.\n\n"
        "[END OF EPISODE]\n\n[0:47:31.0] ANNOUNCER: Thank you for listening.\n"
    )
    turns = parse_text(text).turns
    welcome = "Welcome to The Podlets Podcast, a weekly show that explores cloud native one"
    assert [(t.label, t.start_time, t.speech) for t in turns] == [
        ("ANNOUNCER", None, (f"{welcome} buzzword at a time.",)),
        ("CC", 41.8, ("Hi, everybody.",)),
        ("DC", 57.9, ("Hey.",)),
        ("CC", 71.7, ("Today we talk rivers.",)),
        ("DC", 80.0, ("Bye.",)),
        ("ANNOUNCER", 2851.0, ("Thank you for listening.",)),
    ]


def test_numbered_markers_that_count_up_once_each_are_not_speakers() -> None:
    text = (
        "## The transcript\n\n"
        '{{< asset-static file="call.pptx" label="View the slides" >}}\n\n'
        '{{< accordion kicker="Slide by Slide" >}}**Slide 1:** Welcome, everyone.\n\n'
        "**Slide 2:** My name is Dan, and I lead the team.\n\n"
        "Today is a big day.\n\n"
        "**Slide 3:** So what's on our agenda?\n\n"
        "**James:** Hey there, my name is James.\n\n"
        "**Dan:** Thanks, James.\n\n"
        "**Slide 4:** Back to the slides.\n\n"
        "**James:** Sure.\n\n"
        "**Dan:** Bye.\n"
    )
    interview = parse_text(text, Path("call.md"))
    assert [(t.label, t.speech) for t in interview.turns] == [
        (None, ("Welcome, everyone.", "My name is Dan, and I lead the team.",
                "Today is a big day.", "So what's on our agenda?")),
        ("James", ("Hey there, my name is James.",)),
        ("Dan", ("Thanks, James.", "Back to the slides.")),
        ("James", ("Sure.",)),
        ("Dan", ("Bye.",)),
    ]  # fmt: skip
    assert interview.furniture == (
        "## The transcript",
        '{{< asset-static file="call.pptx" label="View the slides" >}}',
        '{{< accordion kicker="Slide by Slide" >}}**Slide 1:**',
        "**Slide 2:**",
        "**Slide 3:**",
        "**Slide 4:**",
    )


def test_list_headings_and_a_caption_column_of_colons_are_not_speakers() -> None:
    text = (
        "DEPARTMENT OF HEALTH AND            :\n\n"
        "HUMAN SERVICES, ET AL.,            :\n\n"
        "FLORIDA, ET AL.                    :\n\n"
        "APPEARANCES:\n\n"
        "ROBERT A. LONG, ESQ., Washington, D.C.; for amicus curiae\n\n"
        "SENATORS PRESENT:\n\n"
        "Senator Jane Roe\n\n"
        "CHIEF JUSTICE ROBERTS: We will hear argument this morning.\n\n"
        "MR. LONG: Mr. Chief Justice, and may it please the Court.\n\n"
        "CHIEF JUSTICE ROBERTS: Thank you.\n\n"
        "MR. LONG: The Act imposes a rule.\n"
    )
    interview = parse_text(text)
    assert [t.label for t in interview.turns] == [
        "CHIEF JUSTICE ROBERTS", "MR. LONG", "CHIEF JUSTICE ROBERTS", "MR. LONG"
    ]  # fmt: skip
    assert interview.furniture[3:] == (
        "APPEARANCES:",
        "ROBERT A. LONG, ESQ., Washington, D.C.; for amicus curiae",
        "SENATORS PRESENT:",
        "Senator Jane Roe",
    )


def test_a_bracketed_heading_naming_a_label_of_the_file_starts_that_speakers_turn() -> None:
    """Podcast transcripts put the announcer's opening under ``[ANNOUNCER]`` and label
    the announcer's closing ``ANNOUNCER:``: the welcome is the announcer's, not the
    guest's the header names; ``[EPISODE]`` names no speaker and stays no one's speech."""
    text = (
        "---\ntitle: Tooling Day\nguests:\n    - name: Ellen Körbes\n---\n\n"
        "[ANNOUNCER]\n\n"
        "Welcome to The Show, a weekly podcast about tools.\n\n"
        "[EPISODE]\n\n"
        "[0:00:41.1] CC: Hi, everybody.\n\n"
        "[0:00:50.2] EK: Hello, I am Ellen.\n\n"
        "[0:01:00.0] CC: Great to have you.\n\n"
        "[0:01:10.0] EK: Thanks.\n\n"
        "[0:47:31.0] ANNOUNCER: Thank you for listening.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.text) for t in interview.turns] == [
        ("ANNOUNCER", "Welcome to The Show, a weekly podcast about tools."),
        ("CC", "Hi, everybody."),
        ("EK", "Hello, I am Ellen."),
        ("CC", "Great to have you."),
        ("EK", "Thanks."),
        ("ANNOUNCER", "Thank you for listening."),
    ]
