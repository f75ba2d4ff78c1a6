"""The report as Markdown: headings, numbered paragraphs, a pipe table, images as files."""

from __future__ import annotations

import re

from liaison.report.document import (
    ANNEX_TITLE,
    NEW_MARKER,
    BulletList,
    Figure,
    Paragraph,
    Report,
    Table,
    Text,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _text(spans: Text) -> str:
    out = []
    for span in spans:
        piece = _escape(span.text)
        if span.new:
            piece += f" *{NEW_MARKER}*"
        out.append(piece)
    return "".join(out)


def figure_file(figure: Figure) -> str:
    return f"{figure.name}.png"


def render_markdown(report: Report, figure_folder: str = "figures") -> str:
    """Markdown text; figures are referred to as ``figure_folder/NAME.png`` (saved by the
    caller, see :func:`figure_file`)."""
    lines: list[str] = []
    head = " — ".join(x for x in (report.symbol, report.date) if x)
    lines += [f"**{_escape(report.organization)}** · {head}", ""]
    lines += [f"# {_escape(report.title)}", "", f"*{report.author}* · {report.purpose}", ""]
    if report.summary:
        lines += ["## Summary", ""] + [p for s in report.summary for p in (_text(s.spans), "")]
    if report.action_required:
        lines += ["## Action required", ""]
        lines += [p for s in report.action_required for p in (_text(s.spans), "")]
    lines += ["---", ""]
    for section in report.sections:
        lines += [f"## {section.number}. {_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines += [f"**{block.number}** {_text(block.spans)}", ""]
            elif isinstance(block, BulletList):
                lines += [f"- {_text(item)}" for item in block.items] + [""]
            elif isinstance(block, Table):
                lines += [f"*{_escape(block.caption)}*", ""]
                lines.append("| " + " | ".join(_escape(h) for h in block.header) + " |")
                lines.append("|" + "---|" * len(block.header))
                for row in block.rows:
                    cells = ["<br>".join(_text(line) for line in cell) for cell in row]
                    lines.append("| " + " | ".join(cells) + " |")
                lines.append("")
            elif isinstance(block, Figure):
                lines += [
                    f"![{_escape(block.caption)}]({figure_folder}/{figure_file(block)})",
                    "",
                    f"*Figure: {_escape(block.caption)}*",
                    "",
                ]
    if report.sources:
        lines += [f"## {ANNEX_TITLE}", ""]
        for source in report.sources:
            records = ", ".join(f"`{r}`" for r in source.record_ids)
            lines.append(f"{source.number}. {_escape(source.citation)} — records {records}")
        lines.append("")
    return "\n".join(lines)
