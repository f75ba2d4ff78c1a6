"""Fonts, paragraph styles and page decoration for the PDF renderer (reportlab).

The text is set in DejaVu Sans, bundled with matplotlib, registered with reportlab once per
process; :func:`paragraph_styles` gives the named paragraph styles; :func:`canvas_maker` gives
the canvas that prints "Page N of M" in the footer of every page. Page geometry (A4, 2 cm
margins) lives here too, shared with the renderer.

reportlab ships no type hints: its names are imported untyped here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import matplotlib
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

__all__ = [
    "HEADER_FILL",
    "LINK_COLOR",
    "MARGIN",
    "TEXT_HEIGHT",
    "TEXT_WIDTH",
    "canvas_maker",
    "paragraph_styles",
    "register_fonts",
]

FONT: Final = "DejaVuSans"
FONT_FILES: Final = {
    FONT: "DejaVuSans.ttf",
    f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
    f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
    f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN: Final = 2.0 * cm
TEXT_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN
TEXT_HEIGHT: Final = PAGE_HEIGHT - 2 * MARGIN
HANGING: Final = 1.25 * cm  # where the text of "1.1  text" starts
LINK_COLOR: Final = "#1F3F7F"  # dark blue: reads as near-black in greyscale
HEADER_FILL: Final = colors.HexColor("#D9D9D9")
FOOTER_COLOR: Final = colors.HexColor("#404040")


# --- Fonts and styles ------------------------------------------------------------------------


@functools.cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) from matplotlib's fonts."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Oblique",
        boldItalic=f"{FONT}-BoldOblique",
    )


def paragraph_styles() -> dict[str, Any]:
    bold = f"{FONT}-Bold"
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10,
        leading=13.5,
        spaceAfter=6,
        bulletFontName=FONT,
        bulletFontSize=10,
        allowWidows=0,
        allowOrphans=0,
    )

    def style(name: str, **changes: Any) -> Any:
        return ParagraphStyle(name, parent=body, **changes)

    return {
        "body": body,
        "block": style("block", spaceAfter=0),
        "block_bold": style("block_bold", fontName=bold, spaceAfter=0),
        "block_right": style("block_right", alignment=TA_RIGHT, spaceAfter=0),
        "block_right_bold": style(
            "block_right_bold", fontName=bold, alignment=TA_RIGHT, spaceAfter=0
        ),
        "report_by": style(
            "report_by",
            fontName=bold,
            fontSize=11.5,
            leading=15,
            alignment=TA_CENTER,
            spaceBefore=24,
            spaceAfter=6,
        ),
        "title": style(
            "title", fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=16
        ),
        "box_heading": style("box_heading", fontName=bold, spaceBefore=4, spaceAfter=2),
        "summary": style("summary", spaceAfter=2),
        "note": style("note", fontName=f"{FONT}-Oblique", fontSize=8.5, leading=11),
        "heading": style(
            "heading",
            fontName=bold,
            fontSize=11,
            leading=14,
            spaceBefore=10,
            spaceAfter=6,
            leftIndent=HANGING,
            bulletFontName=bold,
            bulletFontSize=11,
            keepWithNext=1,
        ),
        "heading_plain": style(
            "heading_plain", fontName=bold, fontSize=11, leading=14, spaceAfter=8, keepWithNext=1
        ),
        "numbered": style("numbered", leftIndent=HANGING),
        "paragraph": style("paragraph", leftIndent=HANGING),
        "bullet": style("bullet", leftIndent=0.65 * cm, bulletIndent=0.15 * cm, spaceAfter=3),
        "caption": style(
            "caption",
            fontName=bold,
            fontSize=9,
            leading=12,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "table_caption": style(
            "table_caption",
            fontName=bold,
            fontSize=9,
            leading=12,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=4,
        ),
        "cell_heading": style(
            "cell_heading", fontName=bold, fontSize=9, leading=11.5, spaceAfter=0
        ),
        "cell": style(
            "cell",
            fontSize=9,
            leading=11.5,
            spaceAfter=1.5,
            leftIndent=9,
            bulletIndent=0,
            bulletFontSize=9,
        ),
        "source": style("source", leftIndent=1.0 * cm),
    }


# --- Page numbers ----------------------------------------------------------------------------


def canvas_maker(footer_left: str) -> Callable[..., Any]:
    """A canvas that holds its pages back until the end, to print "Page N of M" on each."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 8.5)
            self.setFillColor(FOOTER_COLOR)
            y = MARGIN / 2
            if footer_left:
                self.drawString(MARGIN, y, footer_left)
            self.drawRightString(PAGE_WIDTH - MARGIN, y, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas
