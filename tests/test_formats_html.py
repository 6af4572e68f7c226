"""Saved web pages open as interviews: page chrome and code left out, text parsed."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.decoding import read_text
from reader.core.discovery import discover
from reader.core.formats.html import html_to_text
from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError
from reader.core.parsing.markup import markup_of

FORMATS = Path(__file__).parent / "data" / "formats"


def spoken(interview: Interview) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in interview.turns]


def write(tmp_path: Path, markup: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def test_press_page_without_navigation_scripts_or_footer() -> None:
    interview = load_interview(FORMATS / "press_briefing.html")
    assert spoken(interview) == [
        (
            "DIRECTOR OKAFOR",
            "Good morning. The river crested at 9.2\xa0metres overnight, the highest since "
            "1974.\n\nWe have opened two shelters — the high school and the library.\n\n"
            "Both take pets.",
        ),
        ("REPORTER", "How many homes were flooded?"),
        ("DIRECTOR OKAFOR", "About four hundred. That number will rise."),
        ("REPORTER", "When will the bridge reopen?"),
        ("DIRECTOR OKAFOR", "Not before Friday. Thank you all."),
    ]
    assert [t.role.value for t in interview.turns] == ["interviewee", "interviewer"] * 2 + [
        "interviewee"
    ]
    assert interview.title == "Press Briefing on Flood Recovery"
    assert interview.date == dt.date(2024, 3, 14)
    assert interview.furniture[:10] == (
        "Riverside County",
        "Home",
        "Newsroom",
        "Open Menu",
        "Related",
        "Sandbag locations",
        "Search the site",
        "Please enable JavaScript",
        "© 2024 Riverside County",
        "Privacy Policy",
    )
    assert "Skip to content" in interview.furniture
    everything = " ".join([t.text for t in interview.turns] + list(interview.furniture))
    assert "SCRIPT TEXT" not in everything and "STYLE TEXT" not in everything


def test_extracted_text_keeps_blocks_line_breaks_and_non_breaking_spaces() -> None:
    text, chrome = html_to_text(
        "<title>T</title><div><p>Q&nbsp;&nbsp;&nbsp;Why   now?</p><p>A: Because<br>"
        "it   was   time.</p></div><ul><li>one</li><li>two</li></ul>"
        "<pre>  Mr. REID. Mr. President,\n  I yield.</pre>"
    )
    assert text == (
        "T\n\nQ\xa0\xa0\xa0Why now?\n\nA: Because\nit was time.\n\none\n\ntwo\n\n"
        "  Mr. REID. Mr. President,\n  I yield."
    )
    assert chrome == ()


def test_the_h1_is_the_title_and_the_page_title_is_furniture(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "<html><head><title>Site | Interview with Ada Byrne</title></head><body>"
        "<header><p>Site</p></header><main><h1>Ada Byrne on bridges</h1>"
        "<p>[00:00:05] HOST: Why bridges?</p><p>[00:01:02] BYRNE: They carry people.</p>"
        "<p>[00:02:10] HOST: And now?</p><p>[00:02:30] BYRNE: I teach.</p></main></body></html>",
    )
    interview = load_interview(path)
    assert interview.title == "Ada Byrne on bridges"
    assert interview.furniture[:2] == ("Site | Interview with Ada Byrne", "Site")
    assert [(t.speaker, t.text, t.start_time) for t in interview.turns] == [
        ("HOST", "Why bridges?", 5.0),
        ("BYRNE", "They carry people.", 62.0),
        ("HOST", "And now?", 130.0),
        ("BYRNE", "I teach.", 150.0),
    ]


def test_icon_titles_are_not_the_page_title() -> None:
    text, chrome = html_to_text(
        "<title>Briefing</title><a><svg><title>Share on Facebook</title></svg></a><p>Q: Hi?</p>"
    )
    assert (text, chrome) == ("Briefing\n\nQ: Hi?", ("Share on Facebook",))


def test_a_utf16_page_keeps_its_byte_order_mark_encoding(tmp_path: Path) -> None:
    path = tmp_path / "wide.html"
    markup = '<meta charset="windows-1252"><p>Q: Señor?</p><p>A: Sí.</p>'
    path.write_bytes(markup.encode("utf-16"))
    assert spoken(load_interview(path)) == [("Question", "Señor?"), ("Answer", "Sí.")]


def test_a_form_around_the_whole_page_is_not_chrome(tmp_path: Path) -> None:
    """ASP.NET pages (many government sites) wrap their whole body in one <form>."""
    path = write(
        tmp_path,
        '<body><form id="aspnetForm"><div><label>Search this site</label><input name="q">'
        "<button>Go</button></div><div id='content'><h1>Interview with Ada Byrne</h1>"
        "<p>Q: Why bridges?</p><p>A: They carry people.</p><p>Q: And now?</p>"
        "<p>A: I teach.</p></div><footer>Privacy</footer></form></body>",
    )
    interview = load_interview(path)
    assert spoken(interview) == [
        ("Question", "Why bridges?"),
        ("Ada Byrne", "They carry people."),  # the parser names "A" from the title
        ("Question", "And now?"),
        ("Ada Byrne", "I teach."),
    ]
    assert interview.title == "Interview with Ada Byrne"
    assert interview.furniture[:3] == ("Search this site", "Go", "Privacy")


def test_malformed_markup_still_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "<p>Q: Is it <b>broken?<p>A: Only a little &bogus; 3 < 4.<![if !vml]>"
        "<![foo[ x ]]><div>Q: Really?</span><p>A: Yes.</td></table>",
    )
    assert spoken(load_interview(path)) == [
        ("Question", "Is it broken?"),
        ("Answer", "Only a little &bogus; 3 < 4."),
        ("Question", "Really?"),
        ("Answer", "Yes."),
    ]


def test_windows_1252_page(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes("<p>Q: Caf\u00e9?</p><p>A: \u201cYes.\u201d</p>".encode("cp1252"))
    assert spoken(load_interview(path)) == [("Question", "Café?"), ("Answer", "“Yes.”")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><head><script>x()</script></head><body><nav>Home</nav></body></html>",
         "no readable text in the page"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file, not a transcript"),
        (b"   \n", "empty file"),
    ],
)  # fmt: skip
def test_pages_without_a_transcript_give_one_line_errors(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_interview(path)
    assert str(caught.value) == f"{path}: {reason}"


HTML_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div>", "</div>", "<br>", "<nav>", "</nav>", "<footer>", "</footer>",
        "<script>", "</script>", "<form>", "</form>", "<style>", "</style>", "<pre>", "</pre>",
        "<h1>", "</h1>",
        "<title>", "</title>", "<b>", "</b>", "<![if x]>", "<![foo[", "]]>", "<!--", "-->",
        "&amp;", "&nbsp;", "&bogus", "<", ">", "Q: ", "A: ", "Mr. REID. ", "\n", "  ",
        "Hello world. ", "Why not? ", "**Ann:** ", "# Heading\n",
    ]
)  # fmt: skip
HTML_TEXT = st.lists(st.one_of(HTML_PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(markup=HTML_TEXT)
def test_any_markup_loads_or_fails_in_one_line_and_keeps_every_word(markup: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(markup, encoding="utf-8")
        try:
            text, chrome = html_to_text(read_text(path))
            interview = load_interview(path)
        except LoadError as exc:
            assert "\n" not in str(exc)
            return
    kept = " ".join(
        [p.text for t in interview.turns for p in t.paragraphs]
        + [t.label or "" for t in interview.turns]
        + list(interview.furniture)
    )
    for word in re.findall(r"\w+", text + " " + " ".join(chrome)):
        assert word in kept


EXPECTED = Path(__file__).resolve().parents[2] / "shared" / "realworld" / "expected.json"
REALWORLD = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.is_file() else {}


@pytest.mark.parametrize("name", sorted(REALWORLD))
def test_real_transcripts_as_preformatted_pages_read_like_the_text(
    realworld_dir: Path, tmp_path: Path, name: str
) -> None:
    """A real transcript inside <pre> (as GPO serves them) gives the same turns as its .txt,
    except that the page shows the file's markup (``O<sub>2</sub>``) as written."""
    source = realworld_dir / name
    escaped = html.escape(read_text(source))
    page = write(tmp_path, f"<html><body><pre>{escaped}</pre></body></html>")
    as_text, as_page = load_interview(source), load_interview(page)
    rendered = markup_of(read_text(source), source).plain_turns(as_page.turns)
    assert [(t.speaker, t.role, t.text, t.start_time) for t in rendered] == [
        (t.speaker, t.role, t.text, t.start_time) for t in as_text.turns
    ]
    expected = REALWORLD[name]["turns"]
    low, high = (expected, expected) if isinstance(expected, int) else expected
    assert low <= len(as_page.turns) <= high


def test_a_real_press_page_with_one_block_per_line(realworld_dir: Path, tmp_path: Path) -> None:
    """The White House page had a block per line: rebuilt that way, it reads the same."""
    source = realworld_dir / "wh_covid_briefing_2020-04-24.txt"
    lines = [line for line in read_text(source).split("\n") if line.strip()]
    body = "".join(f"<div>{html.escape(line)}</div>\n" for line in lines[1:])
    page = write(tmp_path, f"<title>{html.escape(lines[0])}</title><body>{body}</body>")
    as_text, as_page = load_interview(source), load_interview(page)
    assert [(t.speaker, t.text) for t in as_page.turns] == [
        (t.speaker, t.text) for t in as_text.turns
    ]
    assert len(as_page.turns) == 12
    assert as_page.title == as_text.title


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1251">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_a_page_in_its_declared_charset(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "mid.html"
    body = "<p>Вопрос: Как дела?</p><p>С.В.Лавров: Хорошо.</p>" * 2
    path.write_bytes(f"<html><head>{meta}</head><body>{body}</body></html>".encode("cp1251"))
    assert spoken(load_interview(path)) == [
        ("Вопрос", "Как дела?"),
        ("С.В.Лавров", "Хорошо."),
        ("Вопрос", "Как дела?"),
        ("С.В.Лавров", "Хорошо."),
    ]


def test_a_utf8_page_wins_over_a_wrong_charset(tmp_path: Path) -> None:
    path = write(tmp_path, '<meta charset="iso-8859-1"><p>Q: Café?</p><p>A: Oui.</p>')
    assert spoken(load_interview(path)) == [("Question", "Café?"), ("Answer", "Oui.")]


def test_a_transcript_laid_out_as_a_table(tmp_path: Path) -> None:
    rows = [("00:01:02", "DANA:", "Hello <b>there</b>."), ("00:01:09", "PRIYA:", "Hi."),
            ("00:02:00", "DANA:", "Ready?"), ("00:02:04", "PRIYA:", "Yes.")]  # fmt: skip
    cells = "".join(f"<tr><td>{t}</td><td>{s}</td><td>{x}</td></tr>" for t, s, x in rows)
    path = write(tmp_path, f"<table><tr><th>Time</th><th>Speaker</th></tr>{cells}</table>")
    interview = load_interview(path)
    assert [(t.speaker, t.text, t.start_time) for t in interview.turns] == [
        ("DANA", "Hello there.", 62.0),
        ("PRIYA", "Hi.", 69.0),
        ("DANA", "Ready?", 120.0),
        ("PRIYA", "Yes.", 124.0),
    ]
    assert interview.furniture == ("Time Speaker",)


def test_a_saved_pages_asset_folder_is_not_scanned(tmp_path: Path) -> None:
    """Browsers save "Name.html" with "Name_files/" (scripts, images, ad frames)."""
    write(tmp_path, "<p>Q: Hi?</p><p>A: Hello.</p>", "briefing.html")
    assets = tmp_path / "briefing_files"
    assets.mkdir()
    write(assets, "<p>Advertisement</p>", "saved_resource.html")
    other = tmp_path / "notes_files"  # no notes.html beside it: an ordinary folder
    other.mkdir()
    write(other, "<p>Q: Kept?</p><p>A: Yes.</p>", "kept.htm")
    files, errors = discover([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "briefing.html",
        "notes_files/kept.htm",
    ]
    assert errors == []


def test_bold_labels_in_a_hearing_page() -> None:
    """``<strong>Mr. LIMAN</strong>:`` is a label even for a senator who asks once and
    is named in the text; a bold ``Note:`` and bold words inside speech stay speech."""
    interview = load_interview(FORMATS / "hearing_strong.html")
    assert [(t.label, t.speech) for t in interview.turns] == [
        ("Mr. LIMAN", ("General Secord, when did you first meet Colonel North?",)),
        (
            "Mr. SECORD",
            (
                "In 1984, I believe, at a meeting in the Old Executive Office Building.",
                "It was a short meeting.",
            ),
        ),
        ("Mr. LIMAN", ("Who else was there?",)),
        ("Senator RUDMAN", ("May I ask one question here, Mr. Liman?",)),
        (
            "Mr. LIMAN",
            ("Of course, Senator RUDMAN.", "Note: the witness consulted his counsel."),
        ),
        ("Mr. SECORD", ("I do not recall anyone else.",)),
    ]
    assert interview.title == "Testimony of Richard V. Secord"


def test_a_page_table_with_a_time_column_and_names_without_colons(tmp_path: Path) -> None:
    rows = [("0h00m44s", "Dana", "Hello <b>there</b>."), ("0h00m50s", "Priya", "Hi."),
            ("0h01m02s", "Dana", "Ready?"), ("0h01m05s", "", "Are you?")]  # fmt: skip
    cells = "".join(f"<tr><td>{t}</td><td>{s}</td><td>{x}</td></tr>" for t, s, x in rows)
    path = write(tmp_path, f"<table><tr><th>Time</th><th>Speaker</th></tr>{cells}</table>")
    interview = load_interview(path)
    assert [(t.speaker, t.start_time, t.speech) for t in interview.turns] == [
        ("Dana", 44.0, ("Hello there.",)),
        ("Priya", 50.0, ("Hi.",)),
        ("Dana", 62.0, ("Ready?", "Are you?")),
    ]
    assert [p.start_time for p in interview.turns[-1].paragraphs] == [62.0, 65.0]
    assert interview.furniture == ("Time Speaker",)


HAND_TYPED_HEARING = """<html><body><div><font class="transcript">
<strong>Mr. LIMAN</strong>: And you kept it from him for the reasons
you have given.
[Counsel conferring with witness.]
<br/><br/><strong>Mr. POINDEXTER</strong>: I did. [Pause] It was my
decision.
<br/><br/><strong>Mr. LIMAN</strong>: Let me explain why I am asking, and
why I will ask again.
Mr. BECKLER. Mr. Chairman, I object to that
editorializing by Mr. Liman.
Chairman HAMILTON. Counsel may proceed.
<br/><br/><strong>Mr. LIMAN</strong>: Thank you. Did you tell
Mr. REGAN. at any time?
<br/><br/><strong>Mr. POINDEXTER</strong>: No. (Laughter.)
</font></div></body></html>"""


def test_a_hand_typed_hearing_page_with_period_labels_and_notes_on_their_own_lines(
    tmp_path: Path,
) -> None:
    """A hearing page typed line by line inside one block: a period label opening a
    source line after a sentence's end starts that speaker's turn, and a note alone on
    its source line is a direction. Asides inside a line, and a label-like line that
    continues an open sentence, stay in the speech."""
    interview = load_interview(write(tmp_path, HAND_TYPED_HEARING))
    assert [(t.label, [(p.kind.value, p.text) for p in t.paragraphs]) for t in interview.turns] == [
        (
            "Mr. LIMAN",
            [
                ("speech", "And you kept it from him for the reasons you have given."),
                ("direction", "[Counsel conferring with witness.]"),
            ],
        ),
        ("Mr. POINDEXTER", [("speech", "I did. [Pause] It was my decision.")]),
        ("Mr. LIMAN", [("speech", "Let me explain why I am asking, and why I will ask again.")]),
        (
            "Mr. BECKLER",
            [("speech", "Mr. Chairman, I object to that editorializing by Mr. Liman.")],
        ),
        ("Chairman HAMILTON", [("speech", "Counsel may proceed.")]),
        ("Mr. LIMAN", [("speech", "Thank you. Did you tell Mr. REGAN. at any time?")]),
        ("Mr. POINDEXTER", [("speech", "No. (Laughter.)")]),
    ]


def test_a_note_on_its_own_source_line_ends_where_the_note_does(tmp_path: Path) -> None:
    """Speech typed on the line after a note goes on as a paragraph of its own."""
    page = "<p><b>Q:</b> Ready?\n(Laughter.)\nThen we begin.</p><p><b>A:</b> Yes.</p>"
    interview = load_interview(write(tmp_path, page))
    assert [[(p.kind.value, p.text) for p in t.paragraphs] for t in interview.turns] == [
        [("speech", "Ready?"), ("direction", "(Laughter.)"), ("speech", "Then we begin.")],
        [("speech", "Yes.")],
    ]
