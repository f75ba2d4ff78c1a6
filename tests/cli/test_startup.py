"""Starting ``liaison`` imports only what the command needs (each check in a new interpreter).

The heavy libraries (plotting, machine learning, documents, graphs, Dask, Alembic) cost seconds
to import; a command that does not use them must not load them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# The top-level module of each library that only some commands need.
HEAVY = (
    "matplotlib",
    "sklearn",
    "torch",
    "sentence_transformers",
    "transformers",
    "reportlab",
    "docx",
    "pypdfium2",
    "networkx",
    "dask",
    "distributed",
    "jinja2",
    "alembic",
)


def modules_loaded_by(code: str, *, top_level: bool = True) -> set[str]:
    """The modules (top-level only, or all) that ``code`` leaves imported, in a new interpreter."""
    names = "name.split('.')[0]" if top_level else "name"
    script = (
        f"{code}\n"
        "import json, sys\n"
        f"print(json.dumps(sorted({{{names} for name in sys.modules}})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_command_loads_no_heavy_library() -> None:
    loaded = modules_loaded_by("import liaison.cli.app")
    assert "liaison" in loaded
    assert sorted(loaded & set(HEAVY)) == []


def test_help_loads_neither_the_database_layer_nor_rich() -> None:
    loaded = modules_loaded_by(
        "import contextlib, io\n"
        "from liaison.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])"
    )
    assert sorted(loaded & {*HEAVY, "sqlalchemy", "pydantic", "yaml", "rich", "numpy"}) == []


def test_summary_of_an_up_to_date_database_does_not_load_alembic(db_url: str) -> None:
    # db_url is at the head revision with the reference data: nothing to migrate or load.
    loaded = modules_loaded_by(
        "import contextlib, io\n"
        "from liaison.cli.app import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        f"    main(['--database', {db_url!r}, 'summary'])\n"
        "assert 'holds:' in out.getvalue(), out.getvalue()"
    )
    assert sorted(loaded & set(HEAVY)) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["list", "events", "--format", "json"],
        ["list", "initiatives", "--sort", "-date", "--format", "csv"],
    ],
)
def test_summary_and_lists_of_an_up_to_date_database_are_read_without_the_orm(
    demo_db_url: str, argv: list[str]
) -> None:
    # Read with the database's own driver: neither SQLAlchemy's ORM and the model, nor rich.
    loaded = modules_loaded_by(
        "import contextlib, io\n"
        "from liaison.cli.app import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        f"    main(['--database', {demo_db_url!r}, *{argv!r}])\n"
        "assert out.getvalue().strip(), 'the command printed nothing'",
        top_level=False,
    )
    unwanted = {*HEAVY, "sqlalchemy.orm", "liaison.model", "liaison.services.listing", "rich"}
    if demo_db_url.startswith("sqlite"):
        unwanted |= {"sqlalchemy", "psycopg"}
    assert sorted(loaded & unwanted) == []
