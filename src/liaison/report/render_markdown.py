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
    left, right = report.title_lines()
    lines += [" · ".join(f"**{_escape(x)}**" if i == 0 else _escape(x) for i, x in enumerate(left))]
    lines += ["", " · ".join(_escape(x) for x in right), ""] if right else [""]
    lines += [f"# {_escape(report.title)}", "", f"*{report.author}* · {report.purpose}", ""]
    if report.summary:
        lines += ["## Summary", ""] + [p for s in report.summary for p in (_text(s.spans), "")]
    if report.action_required:
        lines += ["## Action required", ""]
        lines += [p for s in report.action_required for p in (_text(s.spans), "")]
    if report.references:
        lines += ["## References", "", _escape(report.references_text()), ""]
    lines += ["---", ""]
    if report.legend:
        lines += [f"*{_escape(report.legend)}*", ""]
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
            cited = _escape(source.citation)
            if source.url:
                cited = f"{cited}, <{source.url}>" if cited else f"<{source.url}>"
            lines.append(
                f"{source.number}. {cited}{f' ({source.cited_for()})' if source.paragraphs else ''}"
            )
        lines.append("")
    return "\n".join(lines)
