"""Records as they are printed: stage directions, pages, running heads, margin line numbers.

The fixtures in tests/data/parse/ copy real layouts: a hearing typed on numbered
lines with a running head and a form feed between pages, a deposition whose pages
are known only by their printed number and the restart of the line numbers, a city
council's verbatim record with ``(Laughter.)`` and a reporter's bracketed note, and a
podcast's Markdown with an editorial ``**Break:**``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from reader.core.library import Library
from reader.core.loader import load_interview
from reader.core.model import Interview, ParagraphKind
from reader.core.parsing import parse_text

DATA = Path(__file__).parent / "data" / "parse"
S, D = ParagraphKind.SPEECH, ParagraphKind.DIRECTION

Row = tuple[str | None, ParagraphKind, str | None, int | None, str]


def rows(interview: Interview) -> list[Row]:
    return [
        (turn.label, p.kind, p.page, p.line, p.text)
        for turn in interview.turns
        for p in turn.paragraphs
    ]


def test_a_hearing_on_numbered_lines_reads_across_the_form_feed() -> None:
    interview = load_interview(DATA / "hearing_numbered_lines.txt")
    assert rows(interview) == [
        ("Mr. LIMAN", S, "460", 1, "Colonel, when you learned of the Attorney General's "
         "inquiry, what did you do?"),
        ("Colonel NORTH", S, "460", 3, "I went to my office and began to shred documents."),
        ("Mr. LIMAN", S, "460", 5, "And did anyone help you?"),
        ("Colonel NORTH", S, "460", 6, "My secretary did. She helped me with the files that "
         "were in the cabinets behind my desk."),
        ("Colonel NORTH", D, "461", 2, "[The exhibit appears at p. 461.]"),
        ("Mr. LIMAN", S, "461", 3, "Thank you, Colonel."),
        ("Mr. LIMAN", D, "461", 4, "(Laughter.)"),
        ("Colonel NORTH", S, "461", 5, "You are welcome."),
        ("Mr. LIMAN", S, "461", 6, "Nothing further."),
    ]  # fmt: skip
    head = "IRAN-CONTRA INVESTIGATION                               {}"
    assert interview.furniture == (head.format(460), head.format(461))
    assert interview.turns[3].text == (
        "My secretary did. She helped me with the files that were in the cabinets behind my desk."
    )


def test_a_deposition_pages_by_printed_number_and_line_restart() -> None:
    interview = load_interview(DATA / "deposition_numbered_lines.txt")
    assert rows(interview) == [
        ("Q", S, "45", 1, "Did you see him that night?"),
        ("A", S, "45", 2, "Yes, I saw him at the door. He had a bag with him."),
        ("Q", S, "45", 4, "What was in the bag?"),
        ("A", S, "45", 5, "I did not look."),
        ("Q", S, "45", 7, "Did he say anything?"),
        ("A", S, "45", 8, "He said he would be back before midnight."),
        ("Q", S, "46", 2, "Was he?"),
        ("A", S, "46", 3, "No."),
        ("A", D, "46", 4, "(Witness excused.)"),
    ]
    assert interview.furniture == ("45", "6", "46", "5")


def test_a_court_reporters_page_line_export_states_each_page() -> None:
    interview = load_interview(DATA / "deposition_page_line_margins.txt")
    assert rows(interview) == [
        ("Q", S, "6", 1, "And what type of doctor are you?"),
        ("A", S, "6", 2, "So I am a dual-board-certified orthopedic surgeon.  I have a "
         "certification in orthopedic surgery and in sports medicine."),
        ("Q", S, "6", 5, "Please look at Exhibit 4."),
        ("Q", D, "6", 6, "(The witness reviewed the document.)"),
        ("MR. BEATTIE", S, "6", 7, "Objection to the form of the question."),
        ("Q", S, "6", 10, "Do you recognize it?"),
        ("A", S, "7", 1, "Yes.  It is my report from the first visit."),
        ("Q", S, "7", 3, "Who wrote it?"),
        ("A", S, "7", 4, "I did."),
        ("MR. BEATTIE", S, "7", 5, "Thank you."),
    ]  # fmt: skip
    assert interview.furniture == ("09", "06")
    assert interview.turns[1].paragraphs[0].place == "6:2"


def test_a_council_record_keeps_directions_in_place_and_out_of_speech() -> None:
    interview = load_interview(DATA / "council_record_directions.txt")
    assert rows(interview) == [
        ("THE PRESIDENT", S, None, None, "Good evening. Will the clerk call the roll?"),
        ("THE CLERK", S, None, None, "Councilmember Adams."),
        ("COUNCILMEMBER ADAMS", S, None, None, "Here."),
        ("THE PRESIDENT", S, None, None, "We have a quorum. I am told the coffee is better "
         "tonight."),
        ("THE PRESIDENT", D, None, None, "(Laughter.)"),
        ("COUNCILMEMBER ADAMS", S, None, None, "It could hardly be worse."),
        ("COUNCILMEMBER ADAMS", D, None, None, "(Laughter.)"),
        ("COUNCILMEMBER ADAMS", S, None, None, "Mr. President, I move the minutes (as "
         "amended)."),
        ("THE CLERK", D, None, None, "[The motion appears at p. 12 of the minutes.]"),
        ("THE PRESIDENT", S, None, None, "So ordered. I was [laughs] relieved."),
        ("THE PRESIDENT", D, None, None, "(THE END OF TAPE)"),
    ]  # fmt: skip
    # Before anyone speaks there is no turn to hold a direction: it stays with the header.
    assert "(The assemblage repeated the Pledge of Allegiance.)" in interview.furniture
    assert interview.turns[4].speech == (
        "It could hardly be worse.",
        "Mr. President, I move the minutes (as amended).",
    )
    assert interview.turns[5].text == ""


def test_a_council_items_attendance_list_and_roll_call_of_votes() -> None:
    interview = load_interview(DATA / "council_item_record.txt")
    assert interview.date == datetime.date(2024, 6, 4)  # not the date in the item's text
    assert rows(interview) == [
        ("Mayor Ortiz", S, None, None, "Moving onto F-3."),
        ("City Attorney Park", S, None, None, "F-3 is a Resolution approving an agreement "
         "with the county for the maintenance of the river trail."),
        ("Councilmember Kim", S, None, None, "I move it."),
        ("Vice Mayor Brooks", S, None, None, "Second."),
        ("Vice Mayor Brooks", S, None, None, "Yes"),
        ("Councilmember Reyes", S, None, None, "Yes"),
        ("Councilmember Kim", S, None, None, "Yes"),
        ("Mayor Ortiz", S, None, None, "Yes"),
        ("Mayor Ortiz", D, None, None, "(Vote: 4-0)"),
        ("Mayor Ortiz", S, None, None, "Thank you."),
    ]  # fmt: skip
    assert interview.furniture[4:9] == (
        "City Council",
        "Mayor Ana Ortiz",
        "Vice Mayor Dale Brooks",
        "Councilmember Rosa Kim",
        "Councilmember Tom Reyes",
    )
    assert interview.furniture[-5:] == (
        "Agenda Item F-3 [Start: 10:05 a.m.]",
        "A Resolution of the City Council approving an agreement with the county for the",
        "maintenance of the river trail between the old mill and the north bridge, providing",
        "for the sharing of its costs from August 20, 2024, and for an effective date.",
        "(Sponsored by Councilmember Kim)",
    )


def test_a_note_whose_opening_bracket_the_text_lost_is_a_direction() -> None:
    text = "MAYOR: Yes\nVote: 5-0)\n\nCLERK: So noted :)\n\nMAYOR: Item b)\n"
    interview = parse_text(text)
    assert rows(interview) == [
        ("MAYOR", S, None, None, "Yes"),
        ("MAYOR", D, None, None, "Vote: 5-0)"),
        ("CLERK", S, None, None, "So noted :)"),
        ("MAYOR", S, None, None, "Item b)"),
    ]


def test_a_double_spaced_typescript_reads_by_its_indentation() -> None:
    """A state senate's floor record: a blank line after every typed line, paragraphs
    indented from a margin the lines stray from by a column, directions wrapped."""
    interview = load_interview(DATA / "floor_double_spaced.txt")
    assert [(label, kind, text) for label, kind, _, _, text in rows(interview)] == [
        ("THE PRESIDENT", S, "The Senate will come to order."),
        ("THE PRESIDENT", S, "Would you please rise and join with me in pledging allegiance."),
        ("THE PRESIDENT", D, "(The assemblage repeated the Pledge of Allegiance to the Flag.)"),
        ("THE SECRETARY", S, "Senator Abate."),
        ("THE SECRETARY", D, "(There was no audible response.)"),
        ("THE SECRETARY", S, "Senator Alesi."),
        ("SENATOR ALESI", S, "Here."),
        ("THE PRESIDENT", S, "The Senate stands adjourned until Monday at three o'clock."),
        ("THE PRESIDENT", D, "(Whereupon at 12:25 p.m., the Senate adjourned.)"),
    ]
    assert interview.furniture == ("P R O C E E D I N G S",)


def test_one_line_paragraphs_between_blank_lines_are_not_double_spacing() -> None:
    said = "\n\n".join(f"ANN: Point {n} is made here in a sentence of its own." for n in range(12))
    turns = parse_text(said + "\n\nBO: (Laughter.)\n\nAnd then\n\nmore.\n").turns
    assert [(p.kind, p.text) for p in turns[-1].paragraphs] == [
        (D, "(Laughter.)"),
        (S, "And then"),
        (S, "more."),
    ]


def test_editorial_notes_and_dashed_titles_are_not_speech() -> None:
    interview = load_interview(DATA / "podcast_editorial_notes.md")
    assert [(label, kind, text) for label, kind, _, _, text in rows(interview)] == [
        ("Host", S, "Welcome back to the show. Today we talk about rivers."),
        ("Guest", S, "Thanks for having me [laughs]."),
        ("Guest", D, "Break: a word from our sponsor."),  # Markdown: bold is markup
        ("Host", S, "We're back. Where were we?"),
        ("Host", D, "[music fades out]"),
        ("Guest", S, "Rivers."),
        ("Host", S, "Right."),
    ]
    assert interview.furniture == ("--Title page--",)


def test_a_paragraph_only_partly_in_brackets_is_speech() -> None:
    text = (
        "ANN: (a) the budget and (b) the roads.\n\n"
        "BO: [Inaudible] is what the tape says.\n\n"
        "ANN: (Aside.) Go on.\n\n"
        "BO: (This is a direction (with a nested aside).)\n\n"
        "ANN: ()\n"
    )
    kinds = [(t.label, p.kind) for t in parse_text(text).turns for p in t.paragraphs]
    assert kinds == [("ANN", S), ("BO", S), ("ANN", S), ("BO", D), ("ANN", S)]


PAGED = (
    "Verbatim Record, March 4, 2025\n\n"
    "MAYOR: The meeting will come to order. We begin with the\n"
    "reports of the committees, and first of all with the\n"
    "report of the committee on public works, which has met\n"
    "twice since our last meeting to consider the state of\n\n"
    "Springfield City Council                 Page 1 of 2\n"
    "\f"
    "Verbatim Record, March 4, 2025\n\n"
    "the roads.\n\n"
    "CLERK: The report is filed.\n\n"
    "The clerk proceeded to call the roll.\n\n"
    "MAYOR: Thank you.\n\n"
    "Springfield City Council                 Page 2 of 2\n"
)


def test_running_heads_and_feet_of_every_page_are_furniture() -> None:
    interview = parse_text(PAGED)
    assert rows(interview) == [
        ("MAYOR", S, "1", None, "The meeting will come to order. We begin with the reports "
         "of the committees, and first of all with the report of the committee on public "
         "works, which has met twice since our last meeting to consider the state of the "
         "roads."),
        ("CLERK", S, "2", None, "The report is filed."),
        ("CLERK", D, "2", None, "The clerk proceeded to call the roll."),
        ("MAYOR", S, "2", None, "Thank you."),
    ]  # fmt: skip
    assert interview.furniture == (
        "Verbatim Record, March 4, 2025",
        "Springfield City Council                 Page 1 of 2",
        "Verbatim Record, March 4, 2025",
        "Springfield City Council                 Page 2 of 2",
    )


FOOT = "Council Meeting\n\nPage {}\nMay 7, 2024\nAgenda Item E-10 - Ordinance on building sites\n"


def test_a_running_foot_of_several_lines_is_furniture_line_by_line() -> None:
    text = (
        "MAYOR: We take up the ordinance on building sites, which the\n"
        "sponsor has asked us to\n\n" + FOOT.format(1) + "\f"
        "hear today.\n\nCLERK: The item is read.\n\n" + FOOT.format(2) + "\f"
        "MAYOR: Thank you.\n\n" + FOOT.format(3)
    )
    interview = parse_text(text)
    assert rows(interview) == [
        ("MAYOR", S, "1", None, "We take up the ordinance on building sites, which the sponsor "
         "has asked us to hear today."),
        ("CLERK", S, "2", None, "The item is read."),
        ("MAYOR", S, "3", None, "Thank you."),
    ]  # fmt: skip
    foot = [
        "Council Meeting",
        "Page {}",
        "May 7, 2024",
        "Agenda Item E-10 - Ordinance on building sites",
    ]
    assert list(interview.furniture) == [line.format(n) for n in (1, 2, 3) for line in foot]


def test_a_speech_cut_at_a_comma_by_a_page_break_is_one_paragraph() -> None:
    text = (
        "CLERK: The item provides for a severability clause,\n\n" + FOOT.format(1) + "\f"
        "a repealer provision, and an effective date.\n\n"
        "MAYOR: (Laughter.)\n\n" + FOOT.format(2) + "\f"
        "Thank you.\n\n" + FOOT.format(3)
    )
    assert rows(parse_text(text)) == [
        ("CLERK", S, "1", None, "The item provides for a severability clause, a repealer "
         "provision, and an effective date."),
        ("MAYOR", D, "2", None, "(Laughter.)"),
        ("MAYOR", S, "3", None, "Thank you."),
    ]  # fmt: skip


def test_section_headings_in_the_body_are_furniture() -> None:
    text = (
        "THE CHAIR: The committee will come to order.\n\n"
        "MORNING BUSINESS\n\n"
        "THE CHAIR: Is there any morning business?\n\n"
        "MS. DOE: NO OBJECTION\n\n"
        "CROSS-EXAMINATION\n\n"
        "MS. DOE: Thank you.\n\n"
        "I have SEVERAL QUESTIONS.\n"
    )
    interview = parse_text(text)
    assert interview.furniture == ("MORNING BUSINESS", "CROSS-EXAMINATION")
    assert [t.text for t in interview.turns] == [
        "The committee will come to order.",
        "Is there any morning business?",
        "NO OBJECTION",
        "Thank you.\n\nI have SEVERAL QUESTIONS.",
    ]


def test_a_text_set_in_capitals_has_no_section_headings() -> None:
    text = "Q: WHERE WERE YOU\n\nAT THE HARBOUR OFFICE\n\nA: AT HOME ALL EVENING\n"
    interview = parse_text(text)
    assert interview.furniture == ()
    assert [t.text for t in interview.turns] == [
        "WHERE WERE YOU\n\nAT THE HARBOUR OFFICE",
        "AT HOME ALL EVENING",
    ]


def test_a_heading_at_the_top_of_a_page_ends_the_speech_before_it() -> None:
    text = (
        "CHAIR: The contents of the record, page\n\n"
        "ANN: We begin on\n\fMORNING BUSINESS\n\n"
        "(10:12 a.m.)\n\nANN: Good morning.\n"
    )
    interview = parse_text(text)
    assert [(t.label, p.kind, p.page, p.text) for t in interview.turns for p in t.paragraphs] == [
        ("CHAIR", S, "1", "The contents of the record, page"),
        ("ANN", S, "1", "We begin on"),
        ("ANN", D, "2", "(10:12 a.m.)"),
        ("ANN", S, "2", "Good morning."),
    ]
    assert interview.furniture == ("MORNING BUSINESS",)


def test_form_feeds_alone_number_the_pages() -> None:
    text = "ANN: One page.\n\fBO: Two pages.\n\f\fANN: Four.\n"
    pages = [p.page for t in parse_text(text).turns for p in t.paragraphs]
    assert pages == ["1", "2", "4"]


def test_page_markers_start_the_pages_they_name(realworld_dir: Path) -> None:
    record = load_interview(realworld_dir / "congressional_record_2005-07-20_S8504.txt")
    reid, _, mcconnell = record.turns[:3]
    assert reid.paragraphs[0].page == "S8504"  # from the header's [Pages S8504-S8510]
    assert reid.paragraphs[-1].page == "S8505"
    assert mcconnell.paragraphs[0].page == "S8505"
    spacelog = load_interview(realworld_dir / "spacelog_mercury4_liberty_bell_7_atg.txt")
    pages = [turn.paragraphs[0].page for turn in spacelog.turns]
    assert pages[0] == "42"  # "_page: 42" opens the file
    assert sorted(set(pages)) == ["42", "43", "44", "45", "46", "47"]
    assert pages == sorted(pages)


def test_search_never_returns_a_direction(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "council.txt").write_bytes((DATA / "council_record_directions.txt").read_bytes())
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert library.search("laughter") == []
        assert library.search("assemblage pledge") == []
        hits = library.search("coffee better tonight")
        assert [(hit.turn, hit.text) for hit in hits][:1] == [
            (3, "I am told the coffee is better tonight.")
        ]


def test_a_direction_set_as_inline_code_is_not_speech() -> None:
    text = (
        "**Kat:** I do!\n\n`[ Laughter ]`\n\n**Lauren:** So how do we start?\n\n"
        "**Kat:** Well, `[sic]` is how. [ Laughter ]\n"
    )
    turns = parse_text(text, Path("call.md")).turns
    assert [(t.label, p.kind, p.text) for t in turns for p in t.paragraphs] == [
        ("Kat", S, "I do!"),
        ("Kat", D, "[ Laughter ]"),
        ("Lauren", S, "So how do we start?"),
        ("Kat", S, "Well, [sic] is how. [ Laughter ]"),
    ]


def test_a_link_alone_between_blank_lines_is_furniture_not_speech() -> None:
    text = (
        "AJ: Can you talk about that PR?\n\n"
        "https://github.com/bitcoin/bitcoin/pull/16175\n\n"
        "CD: Sure, see the review club\n"
        "https://bitcoincore.reviews/20158\n"
        "for the notes.\n\n"
        "PR: https://github.com/bitcoin/bitcoin/pull/20158\n\n"
        "AJ: Thanks.\n"
    )
    interview = parse_text(text)
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("AJ", ("Can you talk about that PR?",)),
        ("CD", ("Sure, see the review club https://bitcoincore.reviews/20158 for the notes.",)),
        ("AJ", ("Thanks.",)),
    ]
    assert interview.furniture == (
        "https://github.com/bitcoin/bitcoin/pull/16175",
        "PR: https://github.com/bitcoin/bitcoin/pull/20158",
    )


def test_a_transcribers_note_on_a_speaker_between_turns_is_a_direction() -> None:
    text = (
        "Pierre: So how do they sort out false positives?\n\n"
        "Pierre repeats question\n\n"
        "John: They read every email.\n\n"
        "Pierre: And then?\n\n"
        "John: Then we patch it\n\n"
        "John reads the patch notes aloud because they matter\n\n"
        "Pierre: Thanks.\n"
    )
    turns = parse_text(text).turns
    assert [(t.label, p.kind, p.text) for t in turns for p in t.paragraphs] == [
        ("Pierre", S, "So how do they sort out false positives?"),
        ("Pierre", D, "Pierre repeats question"),
        ("John", S, "They read every email."),
        ("Pierre", S, "And then?"),
        ("John", S, "Then we patch it"),
        ("John", S, "John reads the patch notes aloud because they matter"),
        ("Pierre", S, "Thanks."),
    ]


def test_a_records_narration_of_votes_and_readings_is_not_speech() -> None:
    text = (
        "The SPEAKER pro tempore. The Clerk will report the resolution.\n\n"
        "The Clerk read as follows:\n\n"
        "Resolved, That the rotunda may be used for a ceremony.\n\n"
        "The SPEAKER pro tempore. The question is on the motion.\n\n"
        "The question was taken; and (two-thirds having voted in favor\n"
        "thereof) the rules were suspended and the concurrent resolution was\n"
        "agreed to.\n\n"
        "A motion to reconsider was laid on the table.\n\n"
        "Mr. NEY. The question was taken up by the committee in May, and I\n"
        "thank the gentleman.\n"
    )
    turns = parse_text(text).turns
    assert [(t.label, p.kind, p.text) for t in turns for p in t.paragraphs] == [
        ("The SPEAKER pro tempore", S, "The Clerk will report the resolution."),
        ("The SPEAKER pro tempore", D, "The Clerk read as follows:"),
        ("The SPEAKER pro tempore", S, "Resolved, That the rotunda may be used for a ceremony."),
        ("The SPEAKER pro tempore", S, "The question is on the motion."),
        ("The SPEAKER pro tempore", D, "The question was taken; and (two-thirds having voted in "
         "favor thereof) the rules were suspended and the concurrent resolution was agreed to."),
        ("The SPEAKER pro tempore", D, "A motion to reconsider was laid on the table."),
        ("Mr. NEY", S, "The question was taken up by the committee in May, and I thank the "
         "gentleman."),
    ]  # fmt: skip


def test_a_witness_heading_the_oath_and_a_title_case_heading_are_not_speech() -> None:
    text = (
        "**Lady Hallett**: Yes, Mr Keith.\n\n"
        "**Mr Keith**: The first witness is Roger Hargreaves, please.\n\n"
        "1. Mr Roger Hargreaves\n======================\n\n"
        "*MR ROGER HARGREAVES (sworn).*\n\n"
        "Questions From Lead Counsel to the Inquiry\n\n"
        "**Mr Keith**: Could you give the Inquiry your name, please.\n\n"
        "**Mr Roger Hargreaves**: My name is Roger Hargreaves.\n\n"
        "**Mr Keith**: Thank you.\n\n"
        "Thank you so much\n\n"
        "**Lady Hallett**: Is that right, Mr Hargreaves?\n"
    )
    interview = parse_text(text, Path("hearing.txt"))
    assert [(t.label, p.kind, p.text) for t in interview.turns for p in t.paragraphs] == [
        ("Lady Hallett", S, "Yes, Mr Keith."),
        ("Mr Keith", S, "The first witness is Roger Hargreaves, please."),
        ("Mr Keith", D, "MR ROGER HARGREAVES (sworn)."),
        ("Mr Keith", S, "Could you give the Inquiry your name, please."),
        ("Mr Roger Hargreaves", S, "My name is Roger Hargreaves."),
        ("Mr Keith", S, "Thank you."),
        ("Mr Keith", S, "Thank you so much"),
        ("Lady Hallett", S, "Is that right, Mr Hargreaves?"),
    ]
    assert interview.furniture == (
        "1. Mr Roger Hargreaves",
        "======================",
        "Questions From Lead Counsel to the Inquiry",
    )
