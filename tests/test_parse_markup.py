"""Source markup is not text: Markdown escapes and emphasis, HTML tags and entities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.loader import load_interview
from reader.core.parsing.markup import Markup, markup_of

MARKDOWN = Markup(markdown=True)
PLAIN = Markup(markdown=False)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\[laughter\] Yes.", "[laughter] Yes."),
        ("It was *very* cold, **very** cold, _truly_.", "It was very cold, very cold, truly."),
        ("***all*** of __it__ and **a *nested* one**", "all of it and a nested one"),
        (r"\*not emphasis\* and a \\ backslash", r"*not emphasis* and a \ backslash"),
        ("snake_case and 5 * 3 * 2 and * bullets", "snake_case and 5 * 3 * 2 and * bullets"),
        ("*unclosed and **also", "*unclosed and **also"),
        ("Matt's async [work](https://github.com/b/pull/16175) and", "Matt's async work and"),
        ('[0.8](<https://x.org/a b> "BIP") and [laughs] (yes)', "0.8 and [laughs] (yes)"),
        ("the `gchainman` global and `[ Laughter ]`", "the gchainman global and [ Laughter ]"),
    ],
)  # fmt: skip
def test_markdown_escapes_and_emphasis_are_rendered(source: str, expected: str) -> None:
    assert MARKDOWN.plain(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("the O<sub>2</sub> is go", "the O₂ is go"),
        ("E = mc<sup>2</sup>, the 1<sup>st</sup> time", "E = mc², the 1st time"),
        ("H<sub>2a</sub>", "H2a"),
        ("<i>Really</i>? <b>Yes</b>.", "Really? Yes."),
        ("one<br>two <br/> three<BR>four", "one two three four"),
        ("<p>Hello</p>", "Hello"),
        ('<span class="x">Tom</span> &amp; &eacute;t&eacute; &#8217; &#x2014;', "Tom & été ’ —"),
        ("<crosstalk> and <inaudible 00:12> stay", "<crosstalk> and <inaudible 00:12> stay"),
        ("&lt;i&gt; is a tag; &bogus; and &#7; stay", "<i> is a tag; &bogus; and &#7; stay"),
        ("*stars* stay outside Markdown", "*stars* stay outside Markdown"),
    ],
)  # fmt: skip
def test_html_in_text_files_is_rendered(source: str, expected: str) -> None:
    assert PLAIN.plain(source) == expected


def test_what_is_clearly_markdown() -> None:
    assert markup_of("Q: hi", Path("a.md")).markdown
    assert not markup_of("Q: *hi*\n\nA: *hello*", Path("a.txt")).markdown
    assert markup_of(r"Q: \[laughs\] hi", Path("a.txt")).markdown  # two escapes
    assert markup_of("# Title\n\nQ: **hi**", None).markdown  # a heading and strong emphasis
    assert markup_of("**Q:** hi\n\n**A:** yo\n\n**Q:** ok", None).markdown  # bold labels
    assert not markup_of(r"C:\Users\ann and *one* star", None).markdown


def test_turn_text_search_and_bookmarks_read_the_rendered_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dive.md"
    path.write_text(
        "# Interview with *Ann Diver*\n\n"
        "Q: How was the dive? \\[laughter\\]\n\n"
        "A: The O<sub>2</sub> was _fine_ &amp; the water **cold**.\n\n"
        "Q: And then?\n\nA: We came up.\n",
        encoding="utf-8",
    )
    interview = load_interview(path)
    assert interview.title == "Interview with Ann Diver"
    assert [t.text for t in interview.turns] == [
        "How was the dive? [laughter]",
        "The O₂ was fine & the water cold.",
        "And then?",
        "We came up.",
    ]
    assert main(["search", "o2 fine water cold", str(path), "--json", "--limit", "1"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert hit["text"] == "The O₂ was fine & the water cold."
    assert [hit["text"][s:e] for s, e in hit["highlights"]] == ["O₂", "fine", "water", "cold"]
    assert main(["bookmarks", "add", str(path), "1", "--quote", "[laughter]"]) == 0
    assert main(["bookmarks", "export"]) == 0
    assert capsys.readouterr().out == "1\n- “[laughter]” — Question, *Interview with Ann Diver*\n"


def test_text_taken_out_of_a_web_page_is_not_decoded_twice(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><p>Q: Is &lt;i&gt; a tag? &amp;amp; too?</p>"
        "<p>A: Yes, &lt;i&gt; is one.</p><p>Q: Sure?</p><p>A: Sure.</p></body></html>",
        encoding="utf-8",
    )
    assert [t.text for t in load_interview(path).turns][:2] == [
        "Is <i> a tag? &amp; too?",
        "Yes, <i> is one.",
    ]
    assert markup_of("<i>x</i>", tmp_path / "page.html") == Markup(markdown=False, html=False)
