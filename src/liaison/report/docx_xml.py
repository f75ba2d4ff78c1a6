"""Low-level WordprocessingML helpers for the DOCX renderer: elements, runs and fields.

python-docx costs about a millisecond per paragraph through its object API, so the renderer
builds paragraphs, runs and fields directly as OOXML elements with these helpers.
"""

from __future__ import annotations

import re
from typing import Final

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["AFTER_PBDR", "AFTER_TC_SHD", "field", "run", "sub"]

# Characters XML 1.0 cannot carry (lxml refuses them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("([\t\n])")
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"

# What may follow <w:pBdr> in <w:pPr>, in schema order.
AFTER_PBDR: Final = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# What may follow <w:shd> in <w:tcPr>, in schema order.
AFTER_TC_SHD: Final = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign")


def sub(parent: BaseOxmlElement, tag: str, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """A new ``tag`` element appended to ``parent`` (``tag`` as ``w:name``)."""
    child: BaseOxmlElement = parent.makeelement(
        qn(tag), {qn(k): v for k, v in (attrs or {}).items()}
    )
    parent.append(child)
    return child


def _text(r: BaseOxmlElement, text: str) -> None:
    t = sub(r, "w:t")
    t.text = text
    t.set(_XML_SPACE, "preserve")


def run(parent: BaseOxmlElement, text: str, style_id: str | None = None) -> BaseOxmlElement:
    """A run of ``text`` (tabs and line breaks as such) in character style ``style_id``."""
    r = sub(parent, "w:r")
    if style_id is not None:
        sub(sub(r, "w:rPr"), "w:rStyle", {"w:val": style_id})
    text = _XML_INVALID.sub("", text)
    if "\t" not in text and "\n" not in text:
        _text(r, text)
        return r
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            sub(r, "w:tab")
        elif piece == "\n":
            sub(r, "w:br")
        elif piece:
            _text(r, piece)
    return r


def field(p: BaseOxmlElement, instruction: str, result: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``, ``SEQ Figure``) with its cached result."""
    sub(sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "begin"})
    instr = sub(sub(p, "w:r"), "w:instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    sub(sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "separate"})
    run(p, result)
    sub(sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "end"})
