"""The command line, run in-process (and once as a real process) against real databases."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from liaison.cli.app import app, main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out, err


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return sorted(names)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, _ = run(capsys, *name.split(), "--help")
    assert code == 0
    assert "Example" in out


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"liaison {name}" in readme


def test_demo_list_show_search_export(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--database", db_url, "demo")
    assert code == 0
    assert re.search(r"created .*\d+ events", out)
    assert "The registry at" in out
    code, out, _ = run(capsys, "--database", db_url, "demo")
    assert code == 0 and "created" not in out and "unchanged" in out

    code, out, _ = run(capsys, "--database", db_url, "list", "events", "--format", "json")
    events = json.loads(out)
    assert {"id": "wha70", "date": "2017-05"}.items() <= next(
        e for e in events if e["id"] == "wha70"
    ).items()

    code, out, _ = run(capsys, "--database", db_url, "list", "role", "-f", "csv")
    assert code == 0 and out.startswith("id,holder,role,body,period\n")
    assert "itu.chair.ict-network.2015,itu,chair,ict-network,2015/2017" in out

    code, out, _ = run(capsys, "--database", db_url, "show", "equals", "-f", "json")
    record = json.loads(out)
    assert (
        record["type"] == "initiative"
        and record["kind"] == "partnership"
        and record["short_name"] == "EQUALS"
    )
    assert {p["org"] for p in record["partners"]} >= {"itu", "un-women", "gsma"}

    code, out, _ = run(capsys, "--database", db_url, "search", "equals", "-f", "json")
    assert json.loads(out)[0]["id"] == "equals"

    code, out, _ = run(
        capsys, "--database", db_url, "taxonomy", "sdg", "--under", "9", "-f", "json"
    )
    codes = [t["id"] for t in json.loads(out)]
    assert codes[0] == "sdg:9" and "sdg:9.c" in codes and "sdg:9.c.1" in codes
    assert all(c == "sdg:9" or c.startswith("sdg:9.") for c in codes)

    code, out, _ = run(capsys, "--database", db_url, "export", "-f", "yaml", "-o", str(tmp_path))
    assert code == 0 and (tmp_path / "events.yaml").exists()


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["show", "no-such-record"], 4, "no record has the id 'no-such-record'"),
        (["list", "planets"], 2, "unknown kind 'planets'"),
        (["taxonomy", "stars"], 2, "unknown scheme 'stars'"),
        (["export", "-f", "csv"], 2, "give a folder with -o"),
        (["export", "-f", "xml"], 2, "unknown format 'xml'"),
        (["import", "missing.yaml"], 5, "no such file or folder"),
    ],
)
def test_user_mistakes_exit_non_zero_with_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], db_url: str, argv: list[str], code: int, message: str
) -> None:
    got, out, err = run(capsys, "--database", db_url, *argv)
    assert got == code
    assert message in err
    assert "Traceback" not in err + out


def test_bad_import_leaves_the_database_unchanged(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    run(capsys, "--database", db_url, "demo")
    _, before, _ = run(capsys, "--database", db_url, "export", "-f", "json")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "events:\n"
        "  - {id: new-event, name: New, kind: meeting, date: 2018-01}\n"
        "  - {id: wha70, name: Changed, kind: assembly, date: 2017-05}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--database", db_url, "import", str(bad))
    assert code == 2
    assert f"{bad}:3: record events[1] (wha70): field 'kind'" in err
    _, after, _ = run(capsys, "--database", db_url, "export", "-f", "json")
    assert after == before


def test_user_accounts_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIAISON_PASSWORD", "a long enough password")
    code, out, _ = run(capsys, "--database", db_url, "user", "add", "alice", "--role", "editor")
    assert code == 0 and "Created user alice (editor)" in out
    code, _, err = run(capsys, "--database", db_url, "user", "add", "alice")
    assert code == 2 and "already exists" in err
    code, out, _ = run(capsys, "--database", db_url, "user", "list", "-f", "json")
    assert json.loads(out) == [{"username": "alice", "role": "editor", "active": True}]
    assert "password" not in out


def test_search_kind_filter(capsys: pytest.CaptureFixture[str], demo_db_url: str) -> None:
    code, out, _ = run(
        capsys, "--database", demo_db_url, "search", "health", "-k", "events", "-f", "json"
    )
    hits = json.loads(out)
    assert code == 0 and hits and {h["kind"] for h in hits} == {"events"}


def test_python_dash_m_runs_as_a_real_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    init = [sys.executable, "-m", "liaison", "--database", url, "init"]
    assert subprocess.run(init, capture_output=True, check=False).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "liaison", "--database", url, "show", "itu", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["acronym"] == "ITU"
    done = subprocess.run(
        [sys.executable, "-m", "liaison", "--database", url, "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Missing argument" in done.stderr


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "src").rglob("*.py"))
    settings = set(re.findall(r"LIAISON_[A-Z_]+", source))
    assert settings >= {"LIAISON_DATABASE_URL", "LIAISON_ORGANIZATION"}
    assert {s for s in settings if f"`{s}`" not in readme} == set()
