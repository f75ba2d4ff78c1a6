"""Page set-up and named styles for the DOCX renderer.

A4 with 2 cm margins; the built-in *Title*, *Heading 1*, *List Bullet*, *Caption*, *Table Grid*,
*Hyperlink* and *Footer* restyled to a sober black Calibri, plus the custom styles named in
:data:`STYLES`, so an editor can restyle the document in Word.
"""

from __future__ import annotations

import copy
from typing import Final

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_UNDERLINE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle

from liaison.report.docx_xml import AFTER_PBDR, sub

__all__ = ["STYLES", "TEXT_WIDTH", "define_styles", "set_up_page"]

FONT: Final = "Calibri"
BLACK: Final = RGBColor(0, 0, 0)
LINK_COLOR: Final = RGBColor(0x1F, 0x3F, 0x7F)  # dark blue: reads as near-black in greyscale
PAGE_WIDTH: Final = Cm(21.0)
PAGE_HEIGHT: Final = Cm(29.7)
MARGIN: Final = Cm(2.0)
TEXT_WIDTH: Final = Cm(17.0)
HANGING: Final = Cm(1.25)  # where the text of "1.1<TAB>text" starts

# The custom styles this renderer defines, by role.
STYLES: Final = {
    "title_block": "Liaison Title Block",
    "report_by": "Liaison Report By",
    "box_heading": "Liaison Box Heading",
    "summary": "Liaison Summary",
    "rule": "Liaison Rule",
    "note": "Liaison Note",
    "numbered": "Liaison Numbered Paragraph",
    "paragraph": "Liaison Paragraph",
    "figure": "Liaison Figure",
    "table_heading": "Liaison Table Heading",
    "table_item": "Liaison Table Item",
    "source": "Liaison Source",
    "new": "Liaison New",
    "new_marker": "Liaison New Marker",
    "records": "Liaison Records",
}


# --- Page and styles -----------------------------------------------------------------------


def set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = section.bottom_margin = MARGIN
    section.left_margin = section.right_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.0)


def _plain_font(style: BaseStyle, size: float | None = None) -> None:
    """Black Calibri for ``style``: drops the template's theme fonts and colours."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.color.rgb = BLACK
    if size is not None:
        font.size = Pt(size)


def _box_border(style: ParagraphStyle) -> None:
    """A single-line box; consecutive paragraphs with the same box share one frame."""
    ppr = style.element.get_or_add_pPr()
    borders = ppr.makeelement(qn("w:pBdr"), {})
    for side in ("top", "left", "bottom", "right"):
        sub(
            borders,
            f"w:{side}",
            {"w:val": "single", "w:sz": "6", "w:space": "4", "w:color": "000000"},
        )
    ppr.insert_element_before(borders, *AFTER_PBDR)
    fmt = style.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(0.2)


def define_styles(document: DocxDocument) -> dict[str, str]:
    """Restyle the built-in styles used and add the custom ones; the style ids by role."""
    styles = document.styles

    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            fonts.attrib.clear()
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), FONT)
        lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if lang is not None:
            lang.set(qn("w:val"), "en-GB")

    def paragraph_style(name: str, base: str = "Normal") -> ParagraphStyle:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = styles[base]
        style.quick_style = True
        return style

    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _plain_font(normal, 11)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    title = styles["Title"]
    assert isinstance(title, ParagraphStyle)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    _plain_font(title, 14)
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(6)
    title.paragraph_format.space_after = Pt(18)

    heading = styles["Heading 1"]
    assert isinstance(heading, ParagraphStyle)
    _plain_font(heading, 12)
    heading.font.bold = True
    fmt = heading.paragraph_format
    fmt.space_before = Pt(12)
    fmt.space_after = Pt(6)
    fmt.left_indent = HANGING
    fmt.first_line_indent = -HANGING
    fmt.tab_stops.add_tab_stop(HANGING)
    fmt.keep_with_next = True

    bullet = styles["List Bullet"]
    assert isinstance(bullet, ParagraphStyle)
    bullet.paragraph_format.space_after = Pt(3)

    caption = styles["Caption"]
    assert isinstance(caption, ParagraphStyle)
    _plain_font(caption, 10)
    caption.font.bold = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(3)
    caption.paragraph_format.space_after = Pt(12)

    footer = styles["Footer"]
    assert isinstance(footer, ParagraphStyle)
    tabs = footer.paragraph_format.tab_stops
    tabs.clear_all()
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    footer.font.size = Pt(9)

    grid = styles["Table Grid"]
    grid.hidden = False

    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.base_style = styles["Default Paragraph Font"]
        link.font.color.rgb = LINK_COLOR
        link.font.underline = WD_UNDERLINE.SINGLE
        link.unhide_when_used = True

    block = paragraph_style(STYLES["title_block"])
    block.paragraph_format.space_after = Pt(0)
    block.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    report_by = paragraph_style(STYLES["report_by"])
    report_by.font.size = Pt(12)
    report_by.font.bold = True
    report_by.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    report_by.paragraph_format.space_before = Pt(24)
    report_by.paragraph_format.space_after = Pt(6)

    box_heading = paragraph_style(STYLES["box_heading"])
    box_heading.font.bold = True
    box_heading.paragraph_format.space_before = Pt(6)
    box_heading.paragraph_format.space_after = Pt(3)
    box_heading.paragraph_format.keep_with_next = True
    _box_border(box_heading)

    summary = paragraph_style(STYLES["summary"])
    _box_border(summary)

    rule = paragraph_style(STYLES["rule"])
    rule.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rule.paragraph_format.space_before = Pt(6)
    rule.paragraph_format.space_after = Pt(12)

    note = paragraph_style(STYLES["note"])
    note.font.italic = True
    note.font.size = Pt(9)

    numbered = paragraph_style(STYLES["numbered"])
    numbered.paragraph_format.left_indent = HANGING
    numbered.paragraph_format.first_line_indent = -HANGING
    numbered.paragraph_format.tab_stops.add_tab_stop(HANGING)

    paragraph = paragraph_style(STYLES["paragraph"])
    paragraph.paragraph_format.left_indent = HANGING

    figure = paragraph_style(STYLES["figure"])
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.space_before = Pt(6)
    figure.paragraph_format.space_after = Pt(0)
    figure.paragraph_format.keep_with_next = True

    table_heading = paragraph_style(STYLES["table_heading"])
    table_heading.font.bold = True
    table_heading.font.size = Pt(10)
    table_heading.paragraph_format.space_before = Pt(2)
    table_heading.paragraph_format.space_after = Pt(2)
    table_heading.paragraph_format.keep_with_next = True

    table_item = paragraph_style(STYLES["table_item"], base="List Bullet")
    # The bullet's numbering, stated again so no reader has to inherit it from List Bullet.
    bullet_numbering = bullet.element.pPr.numPr if bullet.element.pPr is not None else None
    if bullet_numbering is not None:
        table_item.element.get_or_add_pPr().insert_element_before(
            copy.deepcopy(bullet_numbering), "w:suppressLineNumbers", "w:pBdr", *AFTER_PBDR
        )
    table_item.font.size = Pt(10)
    table_item.paragraph_format.space_after = Pt(2)

    source = paragraph_style(STYLES["source"])
    source.paragraph_format.left_indent = Cm(1.0)
    source.paragraph_format.first_line_indent = Cm(-1.0)
    source.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))

    new = styles.add_style(STYLES["new"], WD_STYLE_TYPE.CHARACTER)
    new.base_style = styles["Default Paragraph Font"]
    new.font.bold = True
    marker = styles.add_style(STYLES["new_marker"], WD_STYLE_TYPE.CHARACTER)
    marker.base_style = styles["Default Paragraph Font"]
    marker.font.italic = True
    records = styles.add_style(STYLES["records"], WD_STYLE_TYPE.CHARACTER)
    records.base_style = styles["Default Paragraph Font"]
    records.font.size = Pt(8.5)

    ids = {role: styles[name].style_id for role, name in STYLES.items()}
    for name in ("Title", "Heading 1", "List Bullet", "Caption", "Hyperlink", "Strong"):
        ids[name] = styles[name].style_id
    return ids
