"""Every command, given bad arguments and inputs, fails with a message and the README's exit code.

The table runs every command (a new command without a case fails the coverage test) on both
backends where a database is involved. Each case asserts the exit code, a message on standard
error (``error: …``, or click's ``Usage:`` for usage errors) and no traceback. A few run as real
processes, to prove that nothing leaks from the entry point either.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from liaison.cli.app import app, main
from liaison.registry.setup import open_registry
from tests.conftest import Templates

PASSWORD = "S3cretPassw0rd"


@dataclass(frozen=True)
class Case:
    argv: str  # shell words; {db} the registry's URL, {in} the folder of inputs
    code: int
    message: str = ""  # a part of what standard error says
    registry: str = "demo"  # "demo" (shared, both backends), "newer" (made by a newer Liaison)
    stdin: str | None = None


def case(name: str, argv: str, code: int, message: str = "", **kwargs: object) -> object:
    """A case of the table; ``xfail="owner: why"`` marks one that fails for a known reason."""
    reason = kwargs.pop("xfail", None)
    marks = [pytest.mark.xfail(reason=str(reason))] if reason else []
    return pytest.param(Case(argv, code, message, **kwargs), id=name, marks=marks)  # type: ignore[arg-type]


# Cases on a registry, run on every backend.
ON_A_REGISTRY = [
    case("import-nested-json", "import {in}/nested.json", 2, "nested.json"),
    case("import-impossible-yaml-date", "import {in}/baddate.yaml", 2, "baddate.yaml"),
    case("import-empty-json", "import {in}/empty.json", 2, "empty.json"),
    case("import-bad-yaml", "import {in}/bad.yaml", 2, "not valid YAML"),
    case("import-bad-csv", "import {in}/bad.csv", 2, "bad.csv"),
    case("import-missing-file", "import {in}/missing.yaml", 5, "missing.yaml: no such file"),
    case("import-docx", "import {in}/random.docx", 2, "unknown file type"),
    case("import-newer-schema", "import {in}/one.yaml", 3, "made by a newer version of Liaison", registry="newer"),  # noqa: E501
    case("export-xml", "export -f xml", 2, "unknown format 'xml'"),
    case("export-csv-to-stdout", "export -f csv", 2, "give a folder with -o"),
    case("export-csv-to-a-file", "export -f csv -o {in}/existing-file", 5, "existing-file: is a file"),  # noqa: E501
    case("export-ics-to-a-folder", "export -f ics -o {in}/folder", 5, "folder: is a folder"),
    case("export-sqlite-over-a-file", "export -f sqlite -o {in}/existing-file", 5, "exists already"),  # noqa: E501
    case("export-json-narrowed", "export -f json --from 2017", 2, "narrow --format ics"),
    case("export-ics-bad-date", "export -f ics --from 2017-13", 2, "not a real date"),
    case("summary-newer-schema", "summary", 3, "made by a newer version of Liaison", registry="newer"),  # noqa: E501
    case("summary-extra-argument", "summary extra", 2, "unexpected extra argument"),
    case("list-unknown-kind", "list bogus", 2, "unknown kind 'bogus'"),
    case("list-bad-period", "list events --period 2017-13", 2, "--period"),
    case("list-bad-sort", "list events --sort bogus", 2, "sort by one of"),
    case("list-bad-format", "list events -f xml", 2, "'xml' is not one of"),
    case("show-unknown-id", "show no-such-record", 4, "no record has the id 'no-such-record'"),
    case("search-unknown-kind", "search itu --kind bogus", 2, "unknown kind 'bogus'"),
    case("search-limit-zero", "search itu --limit 0", 2, "--limit"),
    case("taxonomy-unknown-scheme", "taxonomy bogus", 2, "unknown scheme 'bogus'"),
    case("report-to-a-folder", "report --from 2017 --to 2018 -f html -o {in}/folder", 5, "is a folder"),  # noqa: E501
    case("report-all-to-a-file", "report --from 2017 --to 2018 -o {in}/existing-file", 5, "is a file"),  # noqa: E501
    case("report-bad-date", "report --from 2017 --to 2018 -f md -o {in}/r.md --date notadate", 2, "--date notadate"),  # noqa: E501
    case("report-bad-format", "report --from 2017 --to 2018 -f xyz -o {in}/r.md", 2, "unknown report format"),  # noqa: E501
    case("report-failing-template", "report --from 2017 --to 2018 -f md -o {in}/r.md --template {in}/zero.j2", 2, "division by zero"),  # noqa: E501
    case("report-missing-template", "report --from 2017 --to 2018 -f md -o {in}/r.md --template {in}/none.j2", 5, "no template file"),  # noqa: E501
    case("report-years-0001-9999", "report --from 0001 --to 9999 -f md -o {in}/r.md", 2, "within the years"),  # noqa: E501
    case("report-backwards-period", "report --from 2018 --to 2017 -f md -o {in}/r.md", 2, "bad period"),  # noqa: E501
    case("report-not-a-period", "report --from May --to 2017 -f md -o {in}/r.md", 2, "bad period"),
    case("report-unknown-org", "report --from 2017 --to 2018 -f md -o {in}/r.md --org nobody", 4, "no organization"),  # noqa: E501
    case("classify-missing-file", "classify {in}/missing.pdf --mode fast", 5, "missing.pdf: no such file"),  # noqa: E501
    # Random bytes named .docx: 2, as for ingest and import: the file is there and readable;
    # what is in it is not what its name says (bad input, not a file-system failure).
    case("classify-random-docx", "classify {in}/random.docx --mode fast", 2, "is not a valid DOCX file"),  # noqa: E501
    case("classify-odt", "classify {in}/existing-file.odt --mode fast", 2, "use one of"),
    case("classify-bad-mode", "classify - --mode psychic", 2, "accurate or fast"),
    case("classify-nothing", "classify --mode fast", 2, "give documents to classify"),
    case("classify-bad-since", "classify --records --since notadate --mode fast", 2, "--since"),
    case("ingest-missing-file", "ingest {in}/missing.docx --dry-run", 5, "missing.docx"),
    case("ingest-random-docx", "ingest {in}/random.docx --dry-run", 2, "is not a valid DOCX file"),
    case("ingest-bad-format", "ingest {in}/latin1.txt --dry-run -f xml", 2, "unknown --format"),
    case("ingest-no-workers", "ingest {in}/latin1.txt --dry-run --workers 0", 2, "--workers"),
    case("ingest-bad-tags", "ingest {in}/latin1.txt --dry-run --tags psychic", 2, "unknown --tags"),
    case("ingest-unknown-org", "ingest {in}/latin1.txt --dry-run --org nobody", 4, "no organization"),  # noqa: E501
    case("serve-port-zero", "serve --port 0", 2, "--port"),
    case("serve-newer-schema", "serve", 3, "made by a newer version of Liaison", registry="newer"),
    case("backup-to-a-folder", "backup {in}/folder", 5, "is a folder"),
    case("backup-over-a-file", "backup {in}/existing-file", 5, "exists already"),
    case("restore-missing-file", "restore {in}/missing.db", 5, "missing.db"),
    case("restore-not-a-backup", "restore {in}/existing-file", 2, "is not a Liaison backup"),
    case("db-upgrade-newer-schema", "db upgrade", 3, "made by a newer version of Liaison", registry="newer"),  # noqa: E501
    case("db-upgrade-extra-argument", "db upgrade extra", 2, "unexpected extra argument"),
    case("user-add-bad-name", "user add Bad!Name --password-stdin", 2, "is not a user name", stdin=PASSWORD),  # noqa: E501
    case("user-add-short-password", "user add bob --password-stdin", 2, "at least 12 characters", stdin="short"),  # noqa: E501
    case("user-add-unknown-role", "user add bob --role emperor --password-stdin", 2, "unknown role", stdin=PASSWORD),  # noqa: E501
    case("user-list-bad-format", "user list -f xml", 2, "'xml' is not one of"),
    case("user-password-unknown-user", "user password nobody --password-stdin", 4, "no user 'nobody'", stdin=PASSWORD),  # noqa: E501
    case("user-role-unknown-user", "user role nobody admin", 4, "no user 'nobody'"),
    case("user-role-unknown-role", "user role nobody emperor", 2, "unknown role"),
    case("tags-review-bad-spec", "tags review --accept nonsense", 2, "is not a tag"),
    case("tags-review-unknown-tag", "tags review --accept equals/sdg:99", 4, "no tag"),
    case("tags-review-unknown-scheme", "tags review --scheme bogus", 2, "unknown --scheme"),
    case("jiu-status-bad-date", "jiu status jiu-rep-2016-1-rec-3 --on notadate --acceptance accepted", 2, "notadate"),  # noqa: E501
    case("jiu-status-bad-acceptance", "jiu status jiu-rep-2016-1-rec-3 --on 2018 --acceptance maybe", 2, "'maybe'"),  # noqa: E501
    case("jiu-status-remove-with-note", "jiu status jiu-rep-2016-1-rec-3 --on 2018 --remove --note x", 2, "--remove takes no"),  # noqa: E501
    case("jiu-rates-bad-as-at", "jiu rates --as-at notadate", 2, "notadate"),
    case("jiu-rates-bad-group", "jiu rates --by bogus", 2, "cannot group by"),
    case("jiu-rates-unknown-org", "jiu rates --org nobody", 4, "no organization"),
    case("jiu-rates-negative-window", "jiu rates --window -3", 2, "window"),
    case("jiu-trend-backwards", "jiu trend --from 2018 --to 2010", 2, "later one"),
    case("jiu-trend-not-a-year", "jiu trend --from x --to 2010", 2, "--from"),
    case("jiu-list-bad-status", "jiu list --status bogus", 2, "unknown status"),
    case("jiu-list-unknown-report", "jiu list --report nope", 4, "no JIU report"),
    case("jiu-due-bad-as-at", "jiu due --as-at 2018-13", 2, "not a real date"),
    case("jiu-import-missing-file", "jiu import {in}/missing.xlsx", 5, "no such file"),
    case("jiu-import-not-a-workbook", "jiu import {in}/sheet.xlsx", 2, "Excel workbook"),
    case("jiu-import-bad-sheet", "jiu import {in}/sheet.csv", 2, "recommendation"),
    case("jiu-import-docx", "jiu import {in}/random.docx", 2, "a tracking sheet is"),
    case("jiu-export-odt", "jiu export {in}/out.odt", 2, "a tracking sheet is"),
    case("jiu-export-to-a-folder", "jiu export {in}/folder.csv", 5, "is a folder"),
    case("candidates-review-bad-state", "candidates review --state bogus", 2, "unknown --state"),
    case("candidates-review-bad-kind", "candidates review --kind bogus", 2, "unknown --kind"),
    case("candidates-accept-nothing", "candidates accept", 2, "name candidate ids"),
    case("candidates-accept-unknown", "candidates accept 99999", 4, "no candidate 99999"),
    case("candidates-reject-unknown", "candidates reject 99999", 4, "no candidate 99999"),
    case("candidates-reject-not-a-number", "candidates reject x", 2, "Invalid value"),
    case("token-add-unknown-user", "token add nobody", 4, "no user 'nobody'"),
    case("token-list-unknown-user", "token list --user nobody", 4, "no user 'nobody'"),
    case("token-revoke-unknown", "token revoke 99999", 4, "no token 99999"),
    case("token-revoke-not-a-number", "token revoke x", 2, "Invalid value for 'ID'"),
]  # fmt: skip

# Cases that name their own database (damaged, missing, unreachable…): run once.
UNUSABLE = "postgresql://bob@/liaison?host=/nonexistent&port=1&password=" + PASSWORD
ALONE = [
    case("init-unknown-option", "init --bogus", 2, "No such option"),
    case("init-under-proc", "--database sqlite:////proc/liaison-test/new.db init", 3, "cannot create the database"),  # noqa: E501
    case("demo-extra-argument", "demo extra", 2, "unexpected extra argument"),
    case("demo-corrupt-database", "--database sqlite:///{in}/random.db demo", 3, "is damaged or is not a database"),  # noqa: E501
    case("summary-corrupt-database", "--database sqlite:///{in}/random.db summary", 3, "file is not a database"),  # noqa: E501
    case("list-truncated-database", "--database sqlite:///{in}/cut.db list events", 3, "is damaged or is not a database"),  # noqa: E501
    case("show-truncated-database", "--database sqlite:///{in}/cut.db show itu", 3, "is damaged or is not a database"),  # noqa: E501
    case("summary-no-registry", "--database sqlite:///{in}/typo/liaison.db summary", 3, "no registry at"),  # noqa: E501
    case("serve-no-registry", "--database sqlite:///{in}/typo/liaison.db serve", 3, "run `liaison init` to create one"),  # noqa: E501
    case("import-read-only-database", "--database sqlite:///file:{in}/registry.db?mode=ro&uri=true import {in}/one.yaml", 3, "is read-only"),  # noqa: E501
    case("summary-password-in-query", f"--database {UNUSABLE} summary", 3, "password=***"),
    case("export-not-a-url", "--database 'no url at all' export", 2, "is not a database URL"),
    case("backup-no-registry", "--database sqlite:///{in}/typo/liaison.db backup {in}/b.db", 3, "no registry at"),  # noqa: E501
]  # fmt: skip


def command_names() -> set[str]:
    group = typer.main.get_command(app)
    names = set()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names |= {f"{name} {s}" for s in sub} if sub else {name}
    return names


def command_of(argv: str, names: set[str]) -> str:
    words = shlex.split(argv)
    while words and words[0] == "--database":
        words = words[2:]
    two = " ".join(words[:2])
    return two if two in names else words[0]


def test_the_table_covers_every_command() -> None:
    names = command_names()
    covered = {command_of(p.values[0].argv, names) for p in [*ON_A_REGISTRY, *ALONE]}  # type: ignore[attr-defined]
    assert names - covered == set()


# --- Running a case --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bad inputs of the table, and a SQLite registry to damage, made once."""
    folder = tmp_path_factory.mktemp("bad-inputs")
    (folder / "folder").mkdir()
    (folder / "folder.csv").mkdir()
    (folder / "existing-file").write_text("x\n", "utf-8")
    (folder / "existing-file.odt").write_text("x\n", "utf-8")
    (folder / "random.docx").write_bytes(os.urandom(3000))
    (folder / "random.db").write_bytes(os.urandom(64 * 1024))
    (folder / "zero.j2").write_text("{{ 1/0 }}\n", "utf-8")
    (folder / "nested.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (folder / "baddate.yaml").write_text(
        "events:\n- id: e1\n  name: An event\n  kind: summit\n  date: 2017-13-45\n", "utf-8"
    )
    (folder / "bad.yaml").write_text("events: [unclosed\n", "utf-8")
    (folder / "one.yaml").write_text(
        "organizations:\n- id: zz-test\n  name: Test\n  acronym: ZZT\n  kind: non-governmental\n",
        "utf-8",
    )
    (folder / "bad.csv").write_bytes(b'\xff\xfe\x00garbage,,\n"unterminated\n')
    (folder / "empty.json").write_text("", "utf-8")
    (folder / "sheet.csv").write_text("symbol,title\nJIU/REP/2016/1,A title\n", "utf-8")
    (folder / "sheet.xlsx").write_bytes(b"not a workbook")
    (folder / "latin1.txt").write_bytes(b"caf\xe9 au lait\n")
    registry = folder / "registry.db"
    open_registry(f"sqlite:///{registry}").dispose()
    whole = registry.read_bytes()
    (folder / "cut.db").write_bytes(whole[: len(whole) // 3])
    return folder


@pytest.fixture(scope="module")
def shared_registry(templates: Templates) -> str:
    """One demo registry per backend for the cases that fail (and so change nothing)."""
    return templates.copy("demo", with_demo=True)


def newer_registry(templates: Templates) -> str:
    url = templates.copy("reference", with_demo=False)
    driver = "sqlite" if url.startswith("sqlite") else "postgresql+psycopg"
    engine = create_engine(make_url(url).set(drivername=driver))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    engine.dispose()
    return url


def run_case(
    one: Case,
    url: str | None,
    inputs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = [w.replace("{in}", str(inputs)) for w in shlex.split(one.argv)]
    if url is not None:
        argv = ["--database", url, *argv]
    monkeypatch.chdir(inputs)  # the default database, liaison.db here, does not exist
    monkeypatch.delenv("LIAISON_DATABASE_URL", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO((one.stdin or "") + "\n"))
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    check(exited.value.code, out, err, one)


def check(code: object, out: str, err: str, one: Case) -> None:
    assert "Traceback" not in out + err
    assert PASSWORD not in out + err
    assert err.startswith(("error: ", "Usage: ")), err
    assert one.message in err, err
    assert code == one.code, err


@pytest.mark.parametrize("one", ON_A_REGISTRY)
def test_bad_input_on_a_registry(
    one: Case,
    templates: Templates,
    shared_registry: str,
    inputs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = newer_registry(templates) if one.registry == "newer" else shared_registry
    run_case(one, url, inputs, capsys, monkeypatch)


@pytest.mark.parametrize("one", ALONE)
def test_bad_input_without_a_usable_registry(
    one: Case, inputs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_case(one, None, inputs, capsys, monkeypatch)


# --- Real processes, and the last resort -----------------------------------------------------


def test_real_processes_show_no_traceback(inputs: Path) -> None:
    liaison = Path(sys.executable).parent / "liaison"
    entry = [str(liaison)] if liaison.exists() else [sys.executable, "-m", "liaison"]
    module = [sys.executable, "-m", "liaison"]
    registry = f"sqlite:///{inputs / 'registry.db'}"
    cases = [
        (entry, Case(f"--database {registry} report --from 2017 --to 2018 -f html -o {{in}}/folder", 5, "is a folder")),  # noqa: E501
        (module, Case("--database sqlite:///{in}/random.db summary", 3, "is damaged")),
        (entry, Case(f"--database {UNUSABLE} list events", 3, "cannot open the database")),
        (module, Case(f"--database {registry} classify {{in}}/random.docx --mode fast", 2, "DOCX")),
        (entry, Case("--database sqlite:///{in}/typo.db show itu", 3, "no registry at")),
        (module, Case(f"--database {registry} export -f csv -o {{in}}/existing-file", 5, "is a file")),  # noqa: E501
        (entry, Case("list", 2, "Missing argument")),
    ]  # fmt: skip
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_")}
    started = [
        (
            one,
            subprocess.Popen(
                [*command, *(w.replace("{in}", str(inputs)) for w in shlex.split(one.argv))],
                cwd=inputs,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for command, one in cases
    ]
    for one, process in started:
        out, err = process.communicate(timeout=120)
        check(process.returncode, out, err, one)


def test_an_unexpected_error_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, inputs: Path
) -> None:
    import liaison.services.registry_counts as counts

    def broken(*_: object) -> None:
        raise RuntimeError("something Liaison did not expect\nand a second line")

    monkeypatch.setattr(counts, "count_registry", broken)
    monkeypatch.delenv("LIAISON_DEBUG", raising=False)
    registry = f"sqlite:///{inputs / 'registry.db'}"
    with pytest.raises(SystemExit) as exited:
        main(["--database", registry, "summary"])
    out, err = capsys.readouterr()
    assert exited.value.code == 1 and out == ""
    assert err == (
        "error: unexpected RuntimeError: something Liaison did not expect "
        "(run with LIAISON_DEBUG=1 for the traceback)\n"
    )
    monkeypatch.setenv("LIAISON_DEBUG", "1")
    with pytest.raises(RuntimeError, match="did not expect"):
        main(["--database", registry, "summary"])


def test_a_file_error_nobody_caught_is_still_exit_5(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, inputs: Path
) -> None:
    import liaison.services.registry_counts as counts

    def unwritable(*_: object) -> None:
        raise PermissionError(13, "Permission denied", "/somewhere/file.txt")

    monkeypatch.setattr(counts, "count_registry", unwritable)
    with pytest.raises(SystemExit) as exited:
        main(["--database", f"sqlite:///{inputs / 'registry.db'}", "summary"])
    _, err = capsys.readouterr()
    assert exited.value.code == 5
    assert err == "error: /somewhere/file.txt: cannot read or write it: permission denied\n"


def test_the_readme_lists_every_exit_code() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    table = readme[readme.index("| Exit | Meaning |") :].split("\n\n", 1)[0]
    from liaison import errors

    codes = {
        value.exit_code
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.LiaisonError)
    }
    listed = {int(line.split("|")[1]) for line in table.splitlines()[2:]}
    assert codes | {0, 1, 2} <= listed
