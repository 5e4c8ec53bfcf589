"""The command line, ``python -m AnalyticsClient``, against the local sandbox.

Most tests call ``_main(argv)`` in-process with the environment patched; a few run
the real ``python -m AnalyticsClient`` in a subprocess. Job waits run on the fake
clock (``clock`` fixture), so they never sleep.
"""

import io
import json
import os
import re
import socket
import stat
import subprocess
import sys

import pytest

import AnalyticsClient as M
from conftest import ROOT
from sandbox import Sandbox

SEED_JOB_ID = Sandbox.SEED_JOB_ID
VIEW_ID = "1767024000000149001"
COMMANDS = [
    "import-job-status",
    "import-job-wait",
    "export-job-status",
    "export-job-wait",
    "export-job-download",
    "import",
    "export",
    "orgs",
    "workspaces",
    "views",
]
GLOBAL_OPTIONS = [
    "--org",
    "--workspace",
    "--data-centre",
    "--json",
    "--verbose",
    "--analytics-url",
    "--accounts-url",
    "--config",
]


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self):
        return True


@pytest.fixture
def home(monkeypatch, tmp_path):
    """A clean environment: a fresh HOME, the sandbox's credentials and ids."""
    for name in list(os.environ):
        if name.startswith("ZOHO_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ZOHO_CLIENT_ID", Sandbox.CLIENT_ID)
    monkeypatch.setenv("ZOHO_CLIENT_SECRET", Sandbox.CLIENT_SECRET)
    monkeypatch.setenv("ZOHO_REFRESH_TOKEN", Sandbox.REFRESH_TOKEN)
    monkeypatch.setenv("ZOHO_ORG_ID", Sandbox.ORG_ID)
    monkeypatch.setenv("ZOHO_WORKSPACE_ID", Sandbox.WORKSPACE_ID)
    return home


@pytest.fixture
def cli(sandbox, home, clock, capsys):
    """Run _main with the sandbox's URLs; returns (exit code, stdout, stderr)."""

    def run(*argv, **options):
        urls = ["--analytics-url", sandbox.url, "--accounts-url", sandbox.url]
        if not options.get("urls", True):
            urls = []
        code = M._main(urls + list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def outdir(tmp_path):
    """A folder of its own for exports, so that leftovers would show."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def wrote(target):
    return "Wrote %s (%d bytes)\n" % (target, target.stat().st_size)


def sent_config(sandbox, path_part):
    request = [r for r in sandbox.requests if path_part in r.path][-1]
    return json.loads(request.query["CONFIG"])


def documented_command(url):
    """The README's check: the URLs before the command, the ids after it."""
    return [
        "--analytics-url",
        url,
        "--accounts-url",
        url,
        "import-job-wait",
        SEED_JOB_ID,
        "--org",
        Sandbox.ORG_ID,
        "--workspace",
        Sandbox.WORKSPACE_ID,
    ]


def check_seed_report(out):
    assert out.startswith("Import job %s: JOB COMPLETED (code 1004)\n" % SEED_JOB_ID)
    assert re.search(r"^  successRowCount +755$", out, re.M)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZOHO_")}
    env.update(
        HOME=str(home),
        ZOHO_CLIENT_ID=Sandbox.CLIENT_ID,
        ZOHO_CLIENT_SECRET=Sandbox.CLIENT_SECRET,
        ZOHO_REFRESH_TOKEN=Sandbox.REFRESH_TOKEN,
    )
    return env


def python_m(args, env):
    return subprocess.run(
        [sys.executable, "-m", "AnalyticsClient"] + args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=120,
    )


# Help and usage


def test_help_lists_commands_global_options_and_exit_codes(capsys):
    assert M._main(["--help"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("usage: python -m AnalyticsClient")
    for word in COMMANDS + GLOBAL_OPTIONS:
        assert word in out
    assert "ZOHO_CLIENT_ID" in out and "chmod 600" in out
    assert "exit codes" in out and "4 job failed" in out


@pytest.mark.parametrize(
    "command, options",
    [
        ("import-job-status", ["JOB"]),
        ("import-job-wait", ["JOB", "--timeout", "--interval", "--max-interval"]),
        ("export-job-status", ["JOB"]),
        ("export-job-wait", ["JOB", "--timeout", "--interval", "--max-interval"]),
        ("export-job-download", ["JOB", "FILE"]),
        (
            "import",
            [
                "FILE",
                "--view",
                "--table-name",
                "--import-type",
                "--file-type",
                "--auto-identify",
                "--bulk",
                "--matching-columns",
                "truncateadd",
            ],
        ),
        ("export", ["VIEW", "FILE", "--format", "xls", "image", "--bulk"]),
        ("orgs", []),
        ("workspaces", []),
        ("views", ["WORKSPACE"]),
    ],
)
def test_help_of_each_command(capsys, command, options):
    assert M._main([command, "--help"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("usage: python -m AnalyticsClient %s" % command)
    for word in options + GLOBAL_OPTIONS:
        assert word in out


@pytest.mark.parametrize(
    "argv, complaint",
    [
        ([], "required: COMMAND"),
        (["frobnicate"], "invalid choice"),
        (["import-job-status"], "required: JOB"),
        (["import", "x.csv"], "one of the arguments --view --table-name"),
        (["import", "x.csv", "--view", "1", "--table-name", "T"], "not allowed"),
        (["export", "1", "f", "--format", "docx"], "invalid choice"),
        (["import-job-wait", "1", "--timeout", "-3"], "not a number of seconds"),
        (["orgs", "--client-secret", "s"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2(capsys, home, argv, complaint):
    assert M._main(argv) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: python -m AnalyticsClient")
    assert complaint in err


def test_version(capsys):
    assert M._main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == M.__version__


# Import jobs


def test_import_job_status_seed(cli):
    code, out, err = cli("import-job-status", SEED_JOB_ID)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Import job %s: JOB COMPLETED (code 1004)" % SEED_JOB_ID
    assert "Import summary:" in lines
    assert re.search(r"^  successRowCount +755$", out, re.M)
    assert re.search(r"^  importType +APPEND$", out, re.M)


def test_import_job_status_json(cli):
    code, out, err = cli("--json", "import-job-status", SEED_JOB_ID)

    assert (code, err) == (0, "")
    details = json.loads(out)
    assert details["jobCode"] == "1004"
    assert details["jobInfo"]["importSummary"]["totalRowCount"] == 755


def test_import_job_wait_options_after_the_command(
    sandbox, home, clock, capsys, monkeypatch
):
    monkeypatch.delenv("ZOHO_ORG_ID")
    monkeypatch.delenv("ZOHO_WORKSPACE_ID")

    code = M._main(documented_command(sandbox.url))

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    check_seed_report(out)


@pytest.mark.parametrize(
    "before, after, expected",
    [
        (["--json", "--org", Sandbox.ORG_ID], [], 0),
        ([], ["--json", "--org", Sandbox.ORG_ID], 0),
        (["--org", Sandbox.ORG_ID], ["--json"], 0),
        (["--json", "--workspace", "35130000009999999"], [], 1),
        (["--workspace", "35130000009999999"], ["--json"], 1),
    ],
)
def test_global_options_before_or_after_the_command(
    sandbox, home, capsys, before, after, expected
):
    argv = before + ["--analytics-url", sandbox.url, "import-job-status"]
    argv += [SEED_JOB_ID, "--accounts-url", sandbox.url] + after

    assert M._main(argv) == expected

    out, err = capsys.readouterr()
    if expected == 0:
        assert json.loads(out)["jobId"] == SEED_JOB_ID
    else:  # a value given before the command is not reset by the one after it
        assert out == "" and "7103: Workspace not found" in err


def test_import_job_wait_polls_with_growing_pauses(cli, sandbox, clock, csv_file):
    sandbox.job_polls_until_done = 3
    code, out, _ = cli("import", csv_file, "--view", VIEW_ID, "--bulk")
    job_id = out.strip()

    code, out, err = cli("import-job-wait", job_id)

    assert (code, err) == (0, "")  # stderr is no terminal: no progress line
    assert out.startswith("Import job %s: JOB COMPLETED (code 1004)" % job_id)
    assert re.search(r"^  successRowCount +3$", out, re.M)
    assert clock.sleeps == [2.0, 3.0, 4.5]


def test_import_job_wait_shows_progress_on_a_terminal(
    cli, sandbox, clock, csv_file, monkeypatch
):
    sandbox.job_polls_until_done = 2
    job_id = cli("import", csv_file, "--view", VIEW_ID, "--bulk")[1].strip()
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    code, out, _ = cli(
        "import-job-wait", job_id, "--interval", "1", "--max-interval", "1"
    )

    assert code == 0 and "JOB COMPLETED" in out
    shown = terminal.getvalue()
    assert shown.startswith(
        "\rimport job %s: JOB NOT INITIATED (code 1001), 0 s" % job_id
    )
    assert "JOB IN PROGRESS (code 1002), 1 s" in shown
    assert "JOB COMPLETED (code 1004), 2 s" in shown
    assert shown.endswith("\n") and shown.count("\n") == 1
    assert clock.sleeps == [1.0, 1.0]


def test_import_job_wait_failed_job_exits_4(cli, sandbox, csv_file):
    job_id = cli("import", csv_file, "--view", VIEW_ID, "--bulk")[1].strip()
    sandbox.fail_job(job_id, "Import aborted: 2 rows have errors")

    code, out, err = cli("import-job-wait", job_id)

    assert code == 4
    assert "ERROR OCCURRED (code 1003)" in out
    assert "Import errors: Import aborted: 2 rows have errors" in out
    assert err == (
        "AnalyticsClient: 1003: import job %s failed: Import aborted: 2 rows have "
        "errors\n" % job_id
    )


def test_import_job_wait_unknown_job_1005_exits_4(cli, sandbox):
    body = {
        "status": "success",
        "data": {"jobId": "17", "jobCode": "1005", "jobStatus": "JOB NOT FOUND"},
    }
    sandbox.inject(
        "status",
        path="/importjobs/",
        status=200,
        body=json.dumps(body),
        content_type="application/json",
    )

    code, out, err = cli("--json", "import-job-wait", "17")

    assert code == 4
    assert json.loads(out)["jobCode"] == "1005"
    assert err.startswith("AnalyticsClient: 1005: import job 17 not found")


def test_import_job_wait_timeout_exits_5(cli, sandbox, clock, csv_file):
    sandbox.job_polls_until_done = 100
    job_id = cli("import", csv_file, "--view", VIEW_ID, "--bulk")[1].strip()

    code, out, err = cli("import-job-wait", job_id, "--timeout", "4")

    assert (code, out) == (5, "")
    assert err.startswith(
        "AnalyticsClient: import job %s is not done after 4 s" % job_id
    )
    assert err.count("\n") == 1
    assert clock.sleeps == [2.0, 2.0]


def test_ctrl_c_while_waiting_exits_130(cli, sandbox, clock, csv_file, monkeypatch):
    sandbox.job_polls_until_done = 100
    job_id = cli("import", csv_file, "--view", VIEW_ID, "--bulk")[1].strip()

    def interrupt(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(clock, "sleep", interrupt)

    code, out, err = cli("import-job-wait", job_id)

    assert (code, out, err) == (130, "", "AnalyticsClient: interrupted\n")


# Export jobs


def start_export(sandbox, response_format="csv"):
    client = M.AnalyticsClient(
        Sandbox.CLIENT_ID, Sandbox.CLIENT_SECRET, Sandbox.REFRESH_TOKEN
    )
    client.accounts_server_url = client.analytics_server_url = sandbox.url
    with client:
        bulk = client.get_bulk_instance(Sandbox.ORG_ID, Sandbox.WORKSPACE_ID)
        return bulk.initiate_bulk_export(VIEW_ID, response_format)


def test_export_job_status(cli, sandbox):
    job_id = start_export(sandbox)

    code, out, err = cli("export-job-status", job_id)

    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0] == "Export job %s: JOB NOT INITIATED (code 1001)" % job_id
    )


def test_export_job_wait_then_download(cli, sandbox, clock, outdir):
    job_id = start_export(sandbox)
    target = outdir / "out.csv"

    code, out, err = cli("--json", "export-job-wait", job_id)
    assert (code, err) == (0, "")
    details = json.loads(out)
    assert details["jobCode"] == "1004" and "downloadUrl" in details
    assert clock.sleeps == [2.0, 3.0]

    code, out, err = cli("export-job-download", job_id, str(target))
    assert (code, err) == (0, "")
    assert out == wrote(target)
    assert target.read_text().startswith("Date,Region,Product Category")


def test_export_job_wait_human_output(cli, sandbox):
    job_id = start_export(sandbox)

    code, out, err = cli("export-job-wait", job_id)

    assert (code, err) == (0, "")
    assert out.startswith("Export job %s: JOB COMPLETED (code 1004)\n" % job_id)
    assert "Download URL: %s/restapi/v2/bulk/" % sandbox.url in out


def test_export_job_download_before_it_is_done_exits_1(cli, sandbox, outdir):
    job_id = start_export(sandbox)
    target = outdir / "out.csv"
    target.write_text("old")

    code, out, err = cli("export-job-download", job_id, str(target))

    assert (code, out) == (1, "")
    assert err.startswith("AnalyticsClient: 8121: The export job has not completed")
    assert target.read_text() == "old" and os.listdir(str(outdir)) == ["out.csv"]


def test_export_job_download_json(cli, sandbox, outdir):
    job_id = start_export(sandbox, "json")
    cli("export-job-wait", job_id)
    target = outdir / "out.json"

    code, out, err = cli("export-job-download", job_id, str(target), "--json")

    assert (code, err) == (0, "")
    assert json.loads(out) == {"file": str(target), "bytes": target.stat().st_size}
    assert "data" in json.loads(target.read_text())


def test_export_job_wait_failed_exits_4(cli, sandbox):
    job_id = start_export(sandbox)
    sandbox.fail_job(job_id, "Query timed out")

    code, out, err = cli("export-job-wait", job_id)

    assert code == 4
    assert "Error: Query timed out" in out
    assert (
        err == "AnalyticsClient: 1003: export job %s failed: Query timed out\n" % job_id
    )


# Import


def test_import_into_a_view(cli, sandbox, csv_file):
    code, out, err = cli("import", csv_file, "--view", VIEW_ID)

    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == ["View: %s" % VIEW_ID, "Import summary:"]
    assert re.search(r"^  successRowCount +3$", out, re.M)
    assert sent_config(sandbox, "/views/%s/data" % VIEW_ID) == {
        "fileType": "csv",
        "autoIdentify": True,
        "importType": "append",
    }


def test_import_into_a_new_table_json(cli, sandbox, tmp_path):
    path = tmp_path / "rows.json"
    path.write_text('[{"Region": "East", "Sales": 1}]')

    code, out, err = cli(
        "--json",
        "import",
        str(path),
        "--table-name",
        "Sales 2026",
        "--auto-identify",
        "false",
    )

    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["importSummary"]["importOperation"] == "created"
    assert sent_config(sandbox, "/workspaces/%s/data" % Sandbox.WORKSPACE_ID) == {
        "tableName": "Sales 2026",
        "fileType": "json",
        "autoIdentify": False,
    }


def test_import_updateadd_with_matching_columns(cli, sandbox, csv_file):
    code, _, err = cli(
        "import",
        csv_file,
        "--view",
        VIEW_ID,
        "--import-type",
        "updateadd",
        "--matching-columns",
        "Region, Sales",
        "--file-type",
        "csv",
    )

    assert (code, err) == (0, "")
    config = sent_config(sandbox, "/data")
    assert config["importType"] == "updateadd"
    assert config["matchingColumns"] == ["Region", "Sales"]


@pytest.mark.parametrize("kind", ["view", "table"])
def test_import_bulk_prints_the_job_id(cli, sandbox, csv_file, kind):
    target = ["--view", VIEW_ID] if kind == "view" else ["--table-name", "T"]

    code, out, err = cli("import", csv_file, "--bulk", *target)

    assert (code, err) == (0, "")
    assert re.match(r"^\d{19}\n$", out)
    assert "/bulk/" in sandbox.requests[-1].path

    code, out, err = cli("import", csv_file, "--bulk", "--json", *target)
    assert re.match(r"^\d{19}$", json.loads(out)["jobId"])


def test_import_bulk_hints_the_next_step_on_a_terminal(cli, csv_file, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    code, out, _ = cli("import", csv_file, "--view", VIEW_ID, "--bulk")

    assert code == 0
    assert terminal.getvalue() == (
        "follow it with: python -m AnalyticsClient import-job-wait %s" % out
    )


@pytest.mark.parametrize(
    "extra, complaint",
    [
        (["--view", VIEW_ID, "--import-type", "updateadd"], "needs --matching-columns"),
        (["--table-name", "T", "--import-type", "append"], "apply to --view"),
    ],
)
def test_import_argument_mistakes_exit_2(cli, sandbox, csv_file, extra, complaint):
    code, out, err = cli("import", csv_file, *extra)

    assert (code, out) == (2, "")
    assert complaint in err and err.count("\n") == 1
    assert sandbox.requests == []


def test_import_missing_file_exits_2(cli, sandbox, tmp_path):
    code, out, err = cli("import", str(tmp_path / "nope.csv"), "--view", VIEW_ID)

    assert (code, out) == (2, "")
    assert err == "AnalyticsClient: %s is not a file\n" % (tmp_path / "nope.csv")


# Export


def test_export_csv(cli, sandbox, outdir):
    target = outdir / "sales.csv"

    code, out, err = cli("export", VIEW_ID, str(target))

    assert (code, err) == (0, "")
    assert out == wrote(target)
    assert target.read_text().splitlines()[0].startswith("Date,Region")
    assert sent_config(sandbox, "/data") == {"responseFormat": "csv"}


@pytest.mark.parametrize(
    "name, option, sent",
    [
        ("a.json", [], "json"),
        ("a.XML", [], "xml"),
        ("a.xlsx", [], "xls"),
        ("a.htm", [], "html"),
        ("a.pdf", [], "pdf"),
        ("a.out", ["--format", "xlsx"], "xls"),
        ("a.csv", ["--format", "json"], "json"),
    ],
)
def test_export_format_from_name_or_option(cli, sandbox, outdir, name, option, sent):
    code, out, err = cli("--json", "export", VIEW_ID, str(outdir / name), *option)

    assert (code, err) == (0, "")
    assert json.loads(out)["format"] == sent
    assert sent_config(sandbox, "/data") == {"responseFormat": sent}


def test_export_unknown_suffix_exits_2(cli, sandbox, outdir):
    code, out, err = cli("export", VIEW_ID, str(outdir / "a.bin"))

    assert (code, out) == (2, "")
    assert "pass --format csv|json|xml|xls|pdf|html|image" in err
    assert sandbox.requests == []


def test_export_into_a_missing_folder_exits_2(cli, sandbox, outdir):
    code, out, err = cli("export", VIEW_ID, str(outdir / "no" / "a.csv"))

    assert (code, out) == (2, "")
    assert "does not exist" in err and sandbox.requests == []


def test_export_error_keeps_the_old_file(cli, sandbox, outdir):
    target = outdir / "sales.csv"
    target.write_text("yesterday")
    sandbox.inject("error", path="/views/", code=7138)

    code, out, err = cli("export", VIEW_ID, str(target))

    assert (code, out) == (1, "")
    assert err.startswith("AnalyticsClient: 7138: View not found!")
    assert target.read_text() == "yesterday"
    assert os.listdir(str(outdir)) == ["sales.csv"]


def test_export_shows_a_byte_bar_on_a_terminal(cli, sandbox, outdir, monkeypatch):
    sandbox.export_size = 2 * 1024 * 1024 + 100
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    target = outdir / "big.csv"

    code, out, _ = cli("export", VIEW_ID, str(target))

    assert code == 0 and out == "Wrote %s (2.0 MiB)\n" % target
    shown = terminal.getvalue()
    assert shown.startswith("\rbig.csv  [")
    assert "] 100%  2.0 MiB of 2.0 MiB" in shown and shown.endswith("\n")
    assert target.stat().st_size == sandbox.export_size


def test_export_bulk_goes_through_a_job(cli, sandbox, clock, outdir):
    target = outdir / "sales.csv"

    code, out, err = cli("export", VIEW_ID, str(target), "--bulk", "-v")

    assert code == 0 and out == wrote(target)
    assert re.match(r"^INFO: export job \d{19} started\n$", err)
    paths = [r.path for r in sandbox.requests]
    assert any(re.search(r"/bulk/.*/views/%s/data$" % VIEW_ID, p) for p in paths)
    assert paths[-1].endswith("/data") and "/exportjobs/" in paths[-1]
    assert clock.sleeps == [2.0, 3.0]


# Lists


def test_orgs(cli):
    code, out, err = cli("orgs", urls=True)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ORG", "ID", "NAME", "ROLE", "PLAN", "DEFAULT"]
    assert lines[1].split()[:2] == ["671712892", "bruce.wn"] and lines[1].endswith(
        "yes"
    )
    assert len(lines) == 3


def test_orgs_json(cli):
    code, out, _ = cli("orgs", "--json")

    assert code == 0 and [org["orgId"] for org in json.loads(out)] == [
        "671712892",
        "647668523",
    ]


def test_workspaces(cli, sandbox):
    code, out, err = cli("workspaces")

    assert (code, err) == (0, "")
    assert "1767024000000060001  Zoho CRM Reports    owned   671712892" in out
    assert "1038728000004459012  Sales Data          shared  67510920" in out
    assert "ZANALYTICS-ORGID" not in sandbox.requests[-1].headers

    code, out, _ = cli("workspaces", "--json")
    assert set(json.loads(out)) == {"ownedWorkspaces", "sharedWorkspaces"}


def test_views_of_the_workspace_argument(cli, sandbox, monkeypatch):
    monkeypatch.delenv("ZOHO_WORKSPACE_ID")

    code, out, err = cli("views", Sandbox.WORKSPACE_ID)

    assert (code, err) == (0, "")
    assert out.splitlines()[1].split() == [VIEW_ID, "TABLE", "Leads", "Default"]
    request = sandbox.requests[-1]
    assert request.path == "/restapi/v2/workspaces/%s/views" % Sandbox.WORKSPACE_ID
    assert request.headers["ZANALYTICS-ORGID"] == Sandbox.ORG_ID


def test_views_json_with_workspace_from_the_environment(cli):
    code, out, _ = cli("--json", "views")

    assert code == 0 and json.loads(out)[1]["viewName"] == "Customers"


# Ids and credentials


@pytest.mark.parametrize(
    "variable, argv, hint",
    [
        (
            "ZOHO_ORG_ID",
            ["views"],
            "no organisation id: pass --org ID or set ZOHO_ORG_ID",
        ),
        (
            "ZOHO_WORKSPACE_ID",
            ["import-job-status", "1"],
            "no workspace id: pass --workspace ID or set ZOHO_WORKSPACE_ID",
        ),
    ],
)
def test_missing_ids_exit_2(cli, sandbox, monkeypatch, variable, argv, hint):
    monkeypatch.delenv(variable)

    code, out, err = cli(*argv)

    assert (code, out) == (2, "")
    assert err.startswith("AnalyticsClient: " + hint) and err.count("\n") == 1
    assert sandbox.requests == []


def test_missing_credentials_name_the_variables(cli, sandbox, monkeypatch):
    monkeypatch.delenv("ZOHO_CLIENT_SECRET")
    monkeypatch.delenv("ZOHO_REFRESH_TOKEN")

    code, out, err = cli("orgs")

    assert (code, out) == (2, "")
    assert err.startswith(
        "AnalyticsClient: no Zoho credentials (client_secret, refresh_token missing): "
        "set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN"
    )
    assert err.count("\n") == 1 and sandbox.requests == []


def write_credentials(path, mode=0o600, secret=Sandbox.CLIENT_SECRET, extra=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[zoho-analytics]\nclient_id = %s\nclient_secret = %s\nrefresh_token = %s\n%s"
        % (Sandbox.CLIENT_ID, secret, Sandbox.REFRESH_TOKEN, extra)
    )
    os.chmod(str(path), mode)
    return str(path)


@pytest.fixture
def no_env_credentials(monkeypatch):
    for _, variable in M._CREDENTIAL_VARS:
        monkeypatch.delenv(variable)


def test_credentials_from_the_config_option(cli, tmp_path, no_env_credentials):
    path = write_credentials(tmp_path / "creds.ini")

    code, out, err = cli("orgs", "--config", path)

    assert (code, err) == (0, "") and "bruce.wn" in out


def test_credentials_from_the_default_file(cli, home, no_env_credentials):
    write_credentials(home / ".config" / "zoho-analytics" / "credentials")

    code, out, err = cli("orgs")

    assert (code, err) == (0, "")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_credentials_file_others_may_read_is_refused(
    cli, sandbox, tmp_path, no_env_credentials, mode
):
    path = write_credentials(tmp_path / "creds.ini", mode=mode)

    code, out, err = cli("--config", path, "orgs")

    assert (code, out) == (2, "")
    assert err == (
        "AnalyticsClient: %s holds secrets but is open to other users (mode %04o): "
        "chmod 600 %s\n" % (path, mode, path)
    )
    assert sandbox.requests == [] and sandbox.token_requests == 0


def test_default_credentials_file_others_may_read_is_refused(
    cli, home, no_env_credentials
):
    write_credentials(home / ".config" / "zoho-analytics" / "credentials", mode=0o644)

    code, _, err = cli("orgs")

    assert code == 2
    assert "chmod 600 ~/.config/zoho-analytics/credentials" in err


def test_open_default_file_is_refused_even_with_credentials_in_the_environment(
    cli, home, sandbox
):
    write_credentials(home / ".config" / "zoho-analytics" / "credentials", mode=0o664)

    code, _, err = cli("orgs")

    assert code == 2 and "(mode 0664): chmod 600" in err
    assert sandbox.token_requests == 0


def test_credentials_file_that_is_not_ini_never_shows_its_lines(
    cli, tmp_path, no_env_credentials
):
    path = tmp_path / "creds"
    path.write_text("client_secret = very-secret-value\n")
    os.chmod(str(path), 0o600)

    code, out, err = cli("orgs", "--config", str(path))

    assert (code, out) == (2, "")
    assert "[zoho-analytics] section" in err and "very-secret-value" not in err


def test_missing_config_file_exits_2(cli, tmp_path):
    code, _, err = cli("orgs", "--config", str(tmp_path / "none.ini"))

    assert code == 2 and "cannot read %s" % (tmp_path / "none.ini") in err


def test_environment_wins_over_the_file(cli, tmp_path):
    path = write_credentials(tmp_path / "creds.ini", secret="stale-secret")

    code, _, err = cli("orgs", "--config", path)

    assert (code, err) == (0, "")


def test_file_fills_what_the_environment_lacks(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("ZOHO_REFRESH_TOKEN")
    monkeypatch.setenv("ZOHO_CLIENT_SECRET", "wrong-secret")
    path = write_credentials(tmp_path / "creds.ini")

    code, _, err = cli("orgs", "--config", path)

    assert code == 1 and "invalid_client" in err  # the variable's secret was used


def test_data_centre_from_option_and_file(home, tmp_path, no_env_credentials):
    path = write_credentials(tmp_path / "creds.ini", extra="data_centre = eu\n")
    parser = M._cli_parser()

    from_file = M._cli_client(parser.parse_args(["orgs", "--config", path]))
    from_option = M._cli_client(
        parser.parse_args(["--data-centre", "au", "orgs", "--config", path])
    )

    assert from_file.analytics_server_url == M.DATA_CENTRES["eu"][1]
    assert from_file.accounts_server_url == M.DATA_CENTRES["eu"][0]
    assert from_option.analytics_server_url == M.DATA_CENTRES["au"][1]


def test_bad_data_centre_in_the_file_exits_2(cli, tmp_path, no_env_credentials):
    path = write_credentials(tmp_path / "creds.ini", extra="data_centre = mars\n")

    code, _, err = cli("orgs", "--config", path)

    assert code == 2 and "data_centre 'mars'" in err


# Errors and exit codes


def test_zoho_error_exits_1_with_code_and_message(cli, sandbox):
    code, out, err = cli(
        "import-job-status", SEED_JOB_ID, "--workspace", "35130000009999999"
    )

    assert (code, out) == (1, "")
    assert err == (
        "AnalyticsClient: 7103: Workspace not found! Please check whether the "
        "workspace exists.\n"
    )


def test_refused_credentials_exit_1_with_the_hint(cli, monkeypatch):
    monkeypatch.setenv("ZOHO_CLIENT_SECRET", "wrong")

    code, out, err = cli("orgs")

    assert (code, out) == (1, "")
    assert "invalid_client" in err and "data_centre" in err and err.count("\n") == 1
    assert "wrong" not in err


def test_unreadable_answer_exits_1(cli, sandbox):
    sandbox.inject("badjson", path="/orgs")

    code, out, err = cli("orgs")

    assert (code, out) == (1, "")
    assert err.startswith("AnalyticsClient: the answer is not JSON")


def test_network_failure_exits_3(home, clock, capsys):
    url = "http://127.0.0.1:%d" % free_port()

    code = M._main(["orgs", "--analytics-url", url, "--accounts-url", url])

    out, err = capsys.readouterr()
    assert (code, out) == (3, "")
    assert err.startswith("AnalyticsClient: POST %s/oauth/v2/token failed:" % url)
    assert err.endswith("(check the network, --data-centre and the server URLs)\n")
    assert len(clock.sleeps) == 3  # the client's retries, not slept


def test_bad_id_exits_2(cli, sandbox):
    code, out, err = cli("import-job-status", "12 34")

    assert (code, out) == (2, "")
    assert err == "AnalyticsClient: job_id is not an id: '12 34'\n"
    assert sandbox.requests == []


# Logging


def test_verbose_shows_retries_quiet_does_not(cli, sandbox):
    sandbox.inject("error", path="/orgs", code=6045)
    code, _, err = cli("orgs")
    assert (code, err) == (0, "")

    sandbox.inject("error", path="/orgs", code=6045)
    code, _, err = cli("orgs", "-v")
    assert code == 0
    assert re.match(r"^WARNING: GET /restapi/v2/orgs: HTTP 429; retry 1 of 3 in ", err)
    assert "DEBUG" not in err


def test_very_verbose_logs_every_request(cli):
    code, out, err = cli("-v", "orgs", "-v")

    assert code == 0 and "bruce.wn" in out
    assert "DEBUG: POST /oauth/v2/token -> 200" in err
    assert "DEBUG: GET /restapi/v2/orgs -> 200" in err
    assert Sandbox.CLIENT_SECRET not in err and "oauthtoken" not in err.lower()
    assert not [h for h in M.logger.handlers if type(h) is M.logging.StreamHandler]


# The real thing: python -m AnalyticsClient in a subprocess


def test_python_m_in_a_subprocess(sandbox, home):
    args = documented_command(sandbox.url)

    done = python_m(args, clean_env(home))

    assert (done.returncode, done.stderr) == (0, "")
    check_seed_report(done.stdout)

    failed = python_m(
        args[:4] + ["--json", "orgs"], dict(clean_env(home), ZOHO_CLIENT_ID="")
    )
    assert failed.returncode == 2 and failed.stdout == ""
    assert "ZOHO_CLIENT_ID" in failed.stderr


def test_python_m_against_the_sandbox_script(home, tmp_path):
    """The documented check: samples/sandbox.py in one process, the CLI in another."""
    server = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "samples", "sandbox.py"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
    )
    try:
        banner = server.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", banner).group(0)
        done = python_m(documented_command(url), clean_env(home))
        listed = python_m(
            [
                "views",
                Sandbox.WORKSPACE_ID,
                "--json",
                "--org",
                Sandbox.ORG_ID,
                "--analytics-url",
                url,
                "--accounts-url",
                url,
            ],
            clean_env(home),
        )
    finally:
        server.terminate()
        server.communicate(timeout=30)

    assert (done.returncode, done.stderr) == (0, "")
    check_seed_report(done.stdout)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 2


def test_credentials_file_mode_is_checked_in_a_subprocess(sandbox, home):
    path = home / ".config" / "zoho-analytics" / "credentials"
    write_credentials(path, mode=0o644)
    env = clean_env(home)
    for _, variable in M._CREDENTIAL_VARS:
        del env[variable]

    done = python_m(["orgs", "--analytics-url", sandbox.url], env)

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.endswith("chmod 600 ~/.config/zoho-analytics/credentials\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_export_into_a_named_pipe_keeps_the_pipe(cli, outdir):
    import threading

    pipe = str(outdir / "pipe")
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(pipe, "rb").read()))
    reader.start()

    code, out, err = cli("export", "1767024000003153002", pipe, "--format", "csv")
    reader.join(10)

    assert (code, out) == (0, "")
    assert err == "Wrote the export to %s\n" % pipe
    assert received and received[0].startswith(b"Date,Region")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
