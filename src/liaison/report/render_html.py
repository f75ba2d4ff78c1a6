"""The report as one self-contained HTML page: every item links to its record."""

from __future__ import annotations

import base64
from pathlib import Path

import jinja2

from liaison.report.document import BulletList, Figure, Paragraph, Report, Table, Text
from liaison.report.sources import safe_url

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def record_href(report: Report, record_id: str, cited: dict[str, list[int]]) -> str | None:
    """Where a record's link points: its page when known, else the first source the annex
    cites for it (a record's id appears only here, as the target of a link)."""
    page = safe_url(report.record_urls.get(record_id))
    if page is not None:
        return page
    numbers = cited.get(record_id)
    return f"#source-{numbers[0]}" if numbers else None


def _figure_src(figure: Figure) -> str:
    if figure.svg:
        return "data:image/svg+xml;base64," + base64.b64encode(figure.svg).decode()
    return "data:image/png;base64," + base64.b64encode(figure.png).decode()


def render_html(report: Report) -> str:
    cited: dict[str, list[int]] = {}
    for source in report.sources:
        for record_id in source.record_ids:
            cited.setdefault(record_id, []).append(source.number)

    def text(spans: Text) -> list[dict[str, object]]:
        return [
            {
                "text": span.text,
                "href": record_href(report, span.record_id, cited) if span.record_id else None,
                "record": span.record_id,
                "new": span.new,
            }
            for span in spans
        ]

    sections = []
    for section in report.sections:
        blocks: list[dict[str, object]] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                blocks.append(
                    {"type": "paragraph", "number": block.number, "runs": text(block.spans)}
                )
            elif isinstance(block, BulletList):
                blocks.append({"type": "list", "items": [text(i) for i in block.items]})
            elif isinstance(block, Table):
                rows = [[[text(line) for line in cell] for cell in row] for row in block.rows]
                blocks.append(
                    {
                        "type": "table",
                        "caption": block.caption,
                        "header": block.header,
                        "rows": rows,
                    }
                )
            elif isinstance(block, Figure):
                blocks.append(
                    {"type": "figure", "caption": block.caption, "src": _figure_src(block)}
                )
        sections.append({"number": section.number, "title": section.title, "blocks": blocks})
    summary = [text(p.spans) for p in report.summary]
    action = [text(p.spans) for p in report.action_required]
    return _ENV.get_template("report.html.j2").render(
        report=report,
        summary=summary,
        action=action,
        sections=sections,
        title_lines=report.title_lines(),
    )
