"""The Council report: gathered from the registry, composed by a template, rendered to files.

Renderers are registered by format (Markdown, HTML, DOCX, PDF); each takes the plain
:class:`~liaison.report.document.Report`, never a session.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from liaison.errors import FileProblem, InvalidRequest
from liaison.report.document import Report

# format → (file extension, module, function returning str or bytes)
RENDERERS: dict[str, tuple[str, str, str]] = {
    "md": ("md", "liaison.report.render_markdown", "render_markdown"),
    "html": ("html", "liaison.report.render_html", "render_html"),
    "docx": ("docx", "liaison.report.render_docx", "render_docx"),
    "pdf": ("pdf", "liaison.report.render_pdf", "render_pdf"),
}
FORMATS = tuple(RENDERERS)


def renderer(fmt: str) -> Callable[[Report], str | bytes]:
    if fmt not in RENDERERS:
        formats = ", ".join(FORMATS)
        raise InvalidRequest(f"unknown report format '{fmt}': use one of {formats} or all")
    _, module, function = RENDERERS[fmt]
    render: Callable[[Report], str | bytes] = getattr(import_module(module), function)
    return render


def write_report(report: Report, fmt: str, path: Path) -> list[Path]:
    """Render ``report`` as ``fmt`` into ``path``; return the files written (Markdown writes
    its figures beside it). A file that cannot be written is a :class:`FileProblem`."""
    content = renderer(fmt)(report)
    try:
        return _write(report, fmt, path, content)
    except OSError as exc:
        raise FileProblem.of(exc.filename or path, exc) from None


def _write(report: Report, fmt: str, path: Path, content: str | bytes) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = [path]
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if fmt == "md" and report.figures():
        from liaison.report.render_markdown import figure_file

        folder = path.parent / "figures"
        folder.mkdir(exist_ok=True)
        for figure in report.figures():
            target = folder / figure_file(figure)
            target.write_bytes(figure.png)
            written.append(target)
    return written


def extension(fmt: str) -> str:
    return RENDERERS[fmt][0]
