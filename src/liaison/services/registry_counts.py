"""What the registry holds, counted in plain SQL (``liaison summary``, ``init``, ``demo``).

Read through a :class:`~liaison.storage.direct.DirectReader`, so that the command does not import
SQLAlchemy. The web's dashboard counts the same through the ORM
(:func:`liaison.services.records.summarize`); a test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from liaison.services.kind_columns import KIND_COLUMNS
from liaison.storage.direct import DirectReader

# The table of each kind of record, in the order of the import format.
KIND_TABLES = tuple(kind.table for kind in KIND_COLUMNS.values())


@dataclass(frozen=True)
class RegistryCounts:
    """Records by kind (every kind, in order), taxa by scheme, tags by state, roles by role."""

    counts: dict[str, int]
    taxa: dict[str, int]
    tags: dict[str, int]
    roles: dict[str, int]


def count_registry(reader: DirectReader) -> RegistryCounts:
    records = " UNION ALL ".join(
        f"SELECT '{table}', count(*) FROM records JOIN {table} ON records.id = {table}.id"
        for table in KIND_TABLES
    )
    counts = {table: 0 for table in KIND_TABLES}
    counts.update({str(kind): int(n) for kind, n in reader.rows(records)})

    def grouped(sql: str) -> dict[str, int]:
        return {str(key): int(n) for key, n in reader.rows(sql)}

    return RegistryCounts(
        counts,
        grouped("SELECT scheme, count(*) FROM taxa GROUP BY scheme"),
        grouped("SELECT state, count(*) FROM tags GROUP BY state"),
        grouped(
            "SELECT roles.role, count(*) FROM records JOIN roles ON records.id = roles.id "
            "GROUP BY roles.role"
        ),
    )
