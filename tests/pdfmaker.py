"""Small PDFs written byte by byte for the tests: text placed at exact points.

Enough of the PDF format to draw Helvetica text (WinAnsi) anywhere on a page, turned
sideways if asked, an image instead of text (a scan), or an encryption dictionary
that no empty password opens. Every file is a valid PDF with a correct cross-reference
table, so what a test sees is the reader's doing, not a broken fixture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 612, 792


@dataclass(frozen=True)
class Text:
    """A string drawn with its baseline's left end ``x`` points in and ``y`` points down."""

    x: float
    y: float
    text: str
    size: float = 12
    sideways: bool = False


@dataclass(frozen=True)
class Page:
    texts: Sequence[Text] = ()
    scanned: bool = False
    """A full-page image under the text, as a scanner writes (with no text, or a stamp)."""


def lines(rows: Sequence[str], x: float = 72, top: float = 72, pitch: float = 14) -> list[Text]:
    """Rows of text one under the other, ``pitch`` points apart; "" leaves a row empty."""
    return [Text(x, top + i * pitch, row) for i, row in enumerate(rows) if row]


def make_pdf(pages: Sequence[Page | Sequence[Text]], *, encrypted: bool = False) -> bytes:
    """The bytes of a PDF with these pages."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                            b" /Encoding /WinAnsiEncoding >>"]  # fmt: skip
    kids: list[int] = []
    for item in pages:
        page = item if isinstance(item, Page) else Page(item)
        content = _content(page)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        resources = b"/Font << /F1 3 0 R >>"
        if page.scanned:
            objects.append(
                b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\x80\xf0\nendstream"
            )
            resources += b" /XObject << /Im1 %d 0 R >>" % len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << %s >>"
            b" /Contents %d 0 R >>" % (WIDTH, HEIGHT, resources, len(objects) - page.scanned)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >>" % (b"ab" * 32, b"cd" * 32)
        )
        trailer = b"/Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%s> <%s>]" % (
            len(objects) + 1, len(objects), b"01" * 16, b"01" * 16
        )  # fmt: skip
    return _file(objects, trailer)


def _content(page: Page) -> bytes:
    ops = [b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (WIDTH, HEIGHT)] if page.scanned else []
    for text in page.texts:
        matrix = b"0 1 -1 0" if text.sideways else b"1 0 0 1"
        ops.append(
            b"BT /F1 %.1f Tf %s %.2f %.2f Tm (%s) Tj ET"
            % (text.size, matrix, text.x, HEIGHT - text.y, _escape(text.text))
        )
    return b"\n".join(ops)


def _escape(text: str) -> bytes:
    data = text.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _file(objects: list[bytes], trailer: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)
