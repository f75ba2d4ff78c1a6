"""Recording a drafted report as a document of its series (``liaison report --record``).

The report becomes a Council report document issued by the organization, with its symbol,
date, the period it covers and the meeting it is for, written through the import's validation
and audit like any record. The next report of the series lists it among the earlier reports and
decides what is new against its period. A report already recorded for the same period is
updated rather than recorded twice.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.dates import DateRange
from liaison.model import Document
from liaison.registry.exporter import dataset
from liaison.registry.importer import ImportSummary, import_files
from liaison.registry.reader import ImportFile
from liaison.registry.schema import Dataset, DocumentData, SourceData
from liaison.report.document import Report
from liaison.report.series import SERIES_KIND


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:100] or "report"


def record_report(
    session: Session, report: Report, organization: str, period: DateRange, on: date
) -> tuple[str, ImportSummary]:
    """Record ``report`` (for ``period``, dated ``on``); return its id and what changed."""
    existing = session.scalars(
        select(Document).where(
            Document.kind == SERIES_KIND,
            Document.covers_starts == (str(period.start) if period.start else None),
            Document.covers_ends == (str(period.end) if period.end else None),
        )
    ).first()
    fields = {
        "title": report.title,
        "symbol": report.symbol,
        "kind": SERIES_KIND,
        "issued_by": organization,
        "date": on.isoformat(),
        "covers": str(period),
        "session": report.session,
        "venue": report.venue,
        "languages": report.languages,
    }
    if existing is not None:
        current = dataset(session, [existing.id], kinds=["documents"]).documents[0]
        data = current.model_copy(update={k: v for k, v in fields.items() if v is not None})
    else:
        record_id = (
            _slug(report.symbol) if report.symbol else f"council-report-{_slug(str(period))}"
        )
        note = f"Drafted with Liaison from the registry for {report.period}"
        data = DocumentData(id=record_id, sources=[SourceData(note=note)], **fields)
    file = ImportFile("liaison report --record", Dataset(documents=[data]))
    summary = import_files(session, [file], replace=True)  # the report says what it reflects
    return data.id, summary
