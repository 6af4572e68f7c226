"""Export of an interview as Markdown and as the ``reader parse --json`` JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reader.core.discovery import discover
from reader.core.export import (
    EXPORT_MARK,
    escape,
    export,
    export_file,
    export_name,
    to_json_text,
    to_markdown,
)
from reader.core.loader import load_interview
from reader.core.model import Interview, Paragraph, ParagraphKind, Role, Turn

HELLO = "Hello, Mr. Secretary."
INTERVIEW = Interview(
    source=Path("/corpus/kerry.txt"),
    title="Interview With Askar Alimzhanov of Mir TV",
    turns=(
        Turn("Question", "QUESTION", Role.INTERVIEWER, (Paragraph(HELLO),), 120, 150),
        Turn(
            "John Kerry",
            "SECRETARY KERRY",
            Role.INTERVIEWEE,
            (
                Paragraph("Thank you (inaudible) very much."),
                Paragraph("We work on 5+1 *together* [inaudible]."),
            ),
            152,
            260,
            start_time=3725.5,
        ),
    ),
    date=dt.date(2015, 11, 2),
    place="Astana, Kazakhstan",
    interviewer="Askar Alimzhanov",
    outlet="Mir TV",
    interviewee="John Kerry",
    interviewee_role="Secretary of State",
    description="A visit to Central Asia.",
    furniture=("Interview With Askar Alimzhanov of Mir TV",),
)


def test_markdown_has_title_metadata_and_a_heading_per_turn_with_its_paragraphs() -> None:
    assert to_markdown(INTERVIEW) == (
        "<!-- interview-reader export: skipped when its folder is read for transcripts -->\n"
        "\n"
        "# Interview With Askar Alimzhanov of Mir TV\n"
        "\n"
        "- **Date:** 2015-11-02\n"
        "- **Place:** Astana, Kazakhstan\n"
        "- **Interviewer:** Askar Alimzhanov\n"
        "- **Outlet:** Mir TV\n"
        "- **Interviewee:** John Kerry, Secretary of State\n"
        "- **Source:** kerry.txt\n"
        "\n"
        "A visit to Central Asia.\n"
        "\n"
        "## Question\n"
        "\n"
        "Hello, Mr. Secretary.\n"
        "\n"
        "## John Kerry (01:02:05)\n"
        "\n"
        "Thank you (inaudible) very much.\n"
        "\n"
        "We work on 5+1 \\*together\\* \\[inaudible\\].\n"
    )


def test_markdown_of_a_bare_interview_is_title_and_turns_only() -> None:
    bare = Interview(None, "Untitled", (Turn("Anna", None, Role.OTHER, (Paragraph("Hi."),), 0, 3),))
    assert to_markdown(bare) == f"{EXPORT_MARK}\n\n# Untitled\n\n## Anna\n\nHi.\n"


def test_markdown_sets_directions_in_italics_and_json_lists_every_paragraph() -> None:
    paragraphs = (
        Paragraph("Thank you.", page="461"),
        Paragraph("(Laughter.)", ParagraphKind.DIRECTION, page="461"),
        Paragraph("Next *item*.", page="462", line=3),
    )
    turn = Turn("Liman", "Mr. LIMAN", Role.OTHER, paragraphs, 0, 40)
    interview = Interview(None, "Hearing", (turn,))
    assert to_markdown(interview) == (
        f"{EXPORT_MARK}\n\n"
        "# Hearing\n\n## Liman\n\nThank you.\n\n*(Laughter.)*\n\nNext \\*item\\*.\n"
    )
    data = interview.to_json()["turns"][0]
    assert data["text"] == "Thank you.\n\nNext *item*."
    assert [list(p.values()) for p in data["paragraphs"]] == [
        ["Thank you.", "speech", None, "461", None],
        ["(Laughter.)", "direction", None, "461", None],
        ["Next *item*.", "speech", None, "462", 3],
    ]
    assert list(data["paragraphs"][0]) == ["text", "kind", "start_time", "page", "line"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("[/] and [bold]x[/bold]", "\\[/\\] and \\[bold\\]x\\[/bold\\]"),
        ("# not a heading", "\\# not a heading"),
        ("## nor this", "\\## nor this"),
        ("- not a list", "\\- not a list"),
        ("---", "\\---"),
        ("1. not a list either", "1\\. not a list either"),
        ("first line\n2) second", "first line\n2\\) second"),
        ("> quote <b>", "\\> quote \\<b\\>"),
        ("snake_case and `code` \\ back", "snake\\_case and \\`code\\` \\\\ back"),
        ("5+1 talks - in 2015. Fine", "5+1 talks - in 2015. Fine"),
    ],
)
def test_escape_keeps_transcript_text_literal(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_json_export_is_exactly_the_parse_json_shape() -> None:
    text = to_json_text(INTERVIEW)
    assert text.endswith("}\n")
    assert json.loads(text) == INTERVIEW.to_json()


def test_json_export_keeps_non_ascii_text_readable() -> None:
    turn = Turn("Zoë", None, Role.OTHER, (Paragraph("It’s"),), 0, 4)
    interview = Interview(None, "Café", (turn,))
    assert '"title": "Café"' in to_json_text(interview)
    assert '"text": "It’s"' in to_json_text(interview)


def test_export_dispatches_by_format_name() -> None:
    assert export(INTERVIEW, "md") == to_markdown(INTERVIEW)
    assert export(INTERVIEW, "json") == to_json_text(INTERVIEW)
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export(INTERVIEW, "pdf")


def test_export_file_never_overwrites_and_numbers_the_name(tmp_path: Path) -> None:
    (tmp_path / "kerry.md").write_text("the transcript itself", encoding="utf-8")
    first = export_file(INTERVIEW, "md", tmp_path)
    second = export_file(INTERVIEW, "md", tmp_path)
    as_json = export_file(INTERVIEW, "json", tmp_path)
    assert [first.name, second.name, as_json.name] == ["kerry (2).md", "kerry (3).md", "kerry.json"]
    assert (tmp_path / "kerry.md").read_text(encoding="utf-8") == "the transcript itself"
    assert first.read_text(encoding="utf-8") == to_markdown(INTERVIEW)
    assert json.loads(as_json.read_text(encoding="utf-8")) == INTERVIEW.to_json()


def test_export_file_names_an_interview_without_source_after_its_title(tmp_path: Path) -> None:
    untitled = Interview(None, "Q&A: Kerry / Mir TV?", ())
    assert export_file(untitled, "md", tmp_path).name == "Q-A-Kerry-Mir-TV.md"
    assert export_file(Interview(None, "???", ()), "json", tmp_path).name == "interview.json"


def test_export_file_into_a_missing_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        export_file(INTERVIEW, "md", tmp_path / "missing")


def test_export_name_is_the_transcript_name_with_the_format_suffix() -> None:
    assert export_name(INTERVIEW, "md") == "kerry.md"
    assert export_name(Interview(None, "Q&A: Kerry / Mir TV?", ()), "json") == (
        "Q-A-Kerry-Mir-TV.json"
    )


def test_a_folder_search_leaves_out_markdown_exports_but_reads_one_named(tmp_path: Path) -> None:
    (tmp_path / "talk.txt").write_text("ANN: Hi.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nANN: Hi.\n", encoding="utf-8")
    exported = export_file(INTERVIEW, "md", tmp_path)
    (tmp_path / "edited.markdown").write_bytes(b"\xef\xbb\xbf" + to_markdown(INTERVIEW).encode())
    assert exported == tmp_path / "kerry.md"
    assert discover([tmp_path]) == ([tmp_path / "notes.md", tmp_path / "talk.txt"], [])
    assert discover([exported]) == ([exported], [])


@pytest.mark.parametrize("seed", sorted(Path("data").glob("*.txt")), ids=lambda p: p.name[:3])
def test_a_markdown_export_opened_by_name_reads_as_its_interview(
    seed: Path, tmp_path: Path
) -> None:
    """Its ``## Speaker`` headings start the speakers' turns (found by QA: one turn
    under "Speaker", the headings taken for section titles)."""
    original = load_interview(seed)
    exported = tmp_path / "export.md"
    exported.write_text(export(original, "md"), encoding="utf-8")
    again = load_interview(exported)
    assert [(t.speaker, t.text) for t in again.turns] == [
        (t.speaker, t.text) for t in original.turns
    ]
    assert (again.title, again.date) == (original.title, original.date)
