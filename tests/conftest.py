"""Test databases: a real SQLite file and a real PostgreSQL server, one fresh database per test.

Each backend gets template databases built once per run (migrated, reference data loaded; and
the same with the demo dataset); every test gets its own copy, so tests never share state.
PostgreSQL runs when ``LIAISON_TEST_POSTGRES_URL`` names a server (``make test`` starts one);
under CI it is required.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from liaison.demo import data_folder as demo_folder
from liaison.registry.importer import import_paths
from liaison.registry.setup import open_registry
from liaison.storage.database import Database

POSTGRES_URL = os.environ.get("LIAISON_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
_counter = itertools.count()


def pytest_report_header() -> str:
    return f"liaison backends: {', '.join(BACKENDS)}"


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI") == "true" and not POSTGRES_URL:
        raise pytest.UsageError("CI must test PostgreSQL too: set LIAISON_TEST_POSTGRES_URL")


class Templates:
    """Builds each template once and hands out fresh copies of it."""

    def __init__(self, backend: str, workdir: Path) -> None:
        self.backend = backend
        self.workdir = workdir
        self.built: dict[str, str] = {}
        self.copies: list[str] = []

    def _admin(self):  # type: ignore[no-untyped-def]
        return create_engine(
            make_url(POSTGRES_URL).set(drivername="postgresql+psycopg"),
            isolation_level="AUTOCOMMIT",
        )

    def _new_url(self, name: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / (name + '.db')}"
        with self._admin().connect() as admin:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    def template(self, name: str, with_demo: bool) -> str:
        if name not in self.built:
            url = self._new_url(f"liaison_tpl_{name}")
            database = open_registry(url)
            if with_demo:
                with database.session(actor="tests") as session:
                    import_paths(session, [demo_folder()], base=demo_folder())
            database.dispose()
            self.built[name] = url
        return self.built[name]

    def copy(self, name: str, with_demo: bool) -> str:
        source = self.template(name, with_demo)
        target = f"liaison_test_{os.getpid()}_{next(_counter)}"
        if self.backend == "sqlite":
            path = self.workdir / f"{target}.db"
            shutil.copyfile(make_url(source).database or "", path)
            return f"sqlite:///{path}"
        with self._admin().connect() as admin:
            admin.execute(
                text(f'CREATE DATABASE "{target}" TEMPLATE "{make_url(source).database}"')
            )
        self.copies.append(target)
        return make_url(POSTGRES_URL).set(database=target).render_as_string(hide_password=False)

    def empty(self) -> str:
        """A new, empty database (no schema at all): on SQLite an empty file, which commands
        other than ``init`` take for a database (a file that does not exist they refuse)."""
        name = f"liaison_empty_{os.getpid()}_{next(_counter)}"
        self.copies.append(name)
        if self.backend == "sqlite":
            (self.workdir / (name + ".db")).touch(mode=0o600)
        return self._new_url(name)

    def drop_copies(self) -> None:
        if self.backend != "postgresql":
            return
        with self._admin().connect() as admin:
            for name in self.copies:
                admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.copies.clear()


@pytest.fixture(scope="session", params=BACKENDS)
def templates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Templates]:
    backend = request.param
    templates = Templates(backend, tmp_path_factory.mktemp(backend))
    yield templates
    templates.drop_copies()


@pytest.fixture
def db_url(templates: Templates) -> str:
    """A fresh database with the reference data loaded and nothing else."""
    return templates.copy("reference", with_demo=False)


@pytest.fixture
def empty_db_url(templates: Templates) -> str:
    """A fresh database with no schema: for testing migrations."""
    return templates.empty()


@pytest.fixture
def demo_db_url(templates: Templates) -> str:
    """A fresh database holding the reference data and the demo dataset."""
    return templates.copy("demo", with_demo=True)


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def demo_database(demo_db_url: str) -> Iterator[Database]:
    database = Database(demo_db_url)
    yield database
    database.dispose()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    """A session on a fresh database; whatever the test does is rolled back at the end."""
    with database.engine.connect() as connection:
        transaction = connection.begin()
        with database.sessions(
            bind=connection, join_transaction_mode="create_savepoint"
        ) as session:
            session.info["actor"] = "tests"
            yield session
        transaction.rollback()
