"""Which PDF library reads transcripts best: speed and layout fidelity on real records.

Each candidate's own best text extraction is timed over every page of every PDF in
FOLDER, and checked against facts read by eye off four real pages (see
``bench/README.md`` for where the files come from):

* court: an Alderson Reporting transcript of a Supreme Court argument, 25 numbered
  lines a page (``scotus_11-398_2012-03-26.pdf``, page 3): each margin number must be
  on the line it numbers, the page number and reporter's footer kept;
* columns: a three-column Federal Register page (``pdfplumber_federal-register-
  2020-17221.pdf``, page 2): the columns must come one after the other, each line
  whole;
* council: a City of Winnipeg council Hansard (``winnipeg_2013-02-27_regular.pdf``,
  page 2): a speaker's line whole (PDFium splits "we be|lieve" into two pieces), the
  running head and page number kept;
* hyphens: the same Hansard's page 6 and the court transcript's page 9: "one-third"
  broken across lines keeps its hyphen, "it's -- I mean --" its dashes, and no
  soft-hyphen or PDFium marker character reaches the text.

"ours" is what the reader does: pypdfium2's characters laid out by
``reader.core.formats.pdf_layout``. Libraries that are not installed are skipped;
none of them but pypdfium2 is a dependency of the project.

    .venv/bin/python bench/pdf_libraries.py FOLDER [--repeat N]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from reader.core.formats.pdf import pdf_to_text

Extract = Callable[[Path], list[str]]


def _pypdf(layout: bool) -> Extract:
    def extract(path: Path) -> list[str]:
        import pypdf

        mode = "layout" if layout else "plain"
        return [page.extract_text(extraction_mode=mode) for page in pypdf.PdfReader(path).pages]

    return extract


def _pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        "".join(item.get_text() for item in page if isinstance(item, LTTextContainer))
        for page in extract_pages(path)
    ]


def _pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def _pymupdf(sort: bool) -> Extract:
    def extract(path: Path) -> list[str]:
        import pymupdf

        with pymupdf.open(path) as document:
            return [page.get_text(sort=sort) for page in document]

    return extract


def _pdfium(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def _ours(path: Path) -> list[str]:
    return pdf_to_text(path.read_bytes(), path).split("\f")


CANDIDATES: list[tuple[str, str, Extract]] = [
    ("pypdf", "BSD-3", _pypdf(layout=False)),
    ("pypdf layout", "BSD-3", _pypdf(layout=True)),
    ("pdfminer.six", "MIT", _pdfminer),
    ("pdfplumber", "MIT", _pdfplumber),
    ("PyMuPDF", "AGPL-3.0", _pymupdf(sort=False)),
    ("PyMuPDF sort", "AGPL-3.0", _pymupdf(sort=True)),
    ("pypdfium2", "BSD-3/Apache", _pdfium),
    ("ours (pypdfium2)", "BSD-3/Apache", _ours),
]

COURT = "scotus_11-398_2012-03-26.pdf"
COLUMNS = "pdfplumber_federal-register-2020-17221.pdf"
COUNCIL = "winnipeg_2013-02-27_regular.pdf"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _in_order(lines: list[str], wanted: list[str]) -> bool:
    """Each wanted line is a whole line of the text, in this order."""
    position = 0
    for line in wanted:
        try:
            position = lines.index(line, position) + 1
        except ValueError:
            return False
    return True


def court(pages: dict[str, list[str]]) -> bool:
    lines = _lines(pages[COURT][2])
    return _in_order(
        lines,
        [
            "1 P R O C E E D I N G S",
            "3 CHIEF JUSTICE ROBERTS: We will hear",
            "9 MR. LONG: Mr. Chief Justice, and may it",
            "25 Congress directed that the section 5000A",
            "3",
            "Alderson Reporting Company",
        ],
    )


def columns(pages: dict[str, list[str]]) -> bool:
    lines = _lines(pages[COLUMNS][1])
    return _in_order(
        lines,
        [
            "Hatta International Airport in Jakarta,",
            "Investigation of the accident has been",
            "activation, airspeed disagree alert, and",
            "altitude disagree alert,5 and may affect",
            "(EASA), the manufacturer, the operator,",
            "and the Ethiopian Civil Aviation",
            "changes, the FAA also proposes to",
        ],
    )


def council(pages: dict[str, list[str]]) -> bool:
    text = pages[COUNCIL][1]
    lines = _lines(text)
    return (
        "COUNCIL OF THE CITY OF WINNIPEG" in text
        and any(line in ("2", "2 COUNCIL OF THE CITY OF WINNIPEG") for line in lines)
        and _in_order(
            lines,
            [
                "who do it are not in it for the recognition. However, we believe that these "
                "special people should be recognized. Today,",
                "Mr. Speaker: Thank you, Mayor Katz. We have two delegations today with us. "
                "We would like to invite Lorrie Rogalka",
            ],
        )
    )


def hyphens(pages: dict[str, list[str]]) -> bool:
    council_page, court_page = pages[COUNCIL][5], pages[COURT][8]
    markers = ("\x02", "\ufffe", "\xad")
    return (
        "one-third, one-" in " ".join(council_page.split())
        and "it's -- I mean --" in " ".join(court_page.split())
        and not any(m in page for m in markers for page in (council_page, court_page))
    )


CHECKS = [("court", court), ("columns", columns), ("council", council), ("hyphens", hyphens)]


def measure(extract: Extract, files: list[Path], repeat: int) -> tuple[float, dict[str, list[str]]]:
    """Milliseconds a page (median of ``repeat`` passes over all files) and the texts."""
    extract(files[0])  # imports and first-use setup are not counted
    times, texts = [], {}
    for _ in range(repeat):
        start = time.perf_counter()
        texts = {path.name: extract(path) for path in files}
        times.append(time.perf_counter() - start)
    pages = sum(len(t) for t in texts.values())
    return 1000 * statistics.median(times) / pages, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # pdfminer and pypdf warn about every odd object
    warnings.simplefilter("ignore")
    files = sorted(args.folder.glob("*.pdf"))
    known = {path.name for path in files}
    for needed in (COURT, COLUMNS, COUNCIL):
        if needed not in known:
            raise SystemExit(f"{needed} is missing from {args.folder} (see bench/README.md)")
    readable = [path for path in files if _readable(path)]
    pages = sum(len(_pdfium(path)) for path in readable)
    print(f"{len(readable)} PDFs, {pages} pages\n")
    print(f"{'library':<18}{'licence':<14}{'ms/page':>8}  " + "  ".join(n for n, _ in CHECKS))
    for name, licence, extract in CANDIDATES:
        try:
            per_page, texts = measure(extract, readable, args.repeat)
        except ImportError:
            print(f"{name:<18}{licence:<14}{'not installed':>8}")
            continue
        marks = "  ".join(f"{'yes' if check(texts) else 'NO':<{len(n)}}" for n, check in CHECKS)
        print(f"{name:<18}{licence:<14}{per_page:>8.1f}  {marks}")


def _readable(path: Path) -> bool:
    """Files every library can open (the folder may hold the encrypted test file too)."""
    try:
        pdf_to_text(path.read_bytes(), path)
    except Exception:
        return False
    return True


if __name__ == "__main__":
    main()
