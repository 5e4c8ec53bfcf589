"""Logging, and secrets kept out of logs, exceptions, repr() and cassettes."""

import logging
import os
import re
import traceback

import pytest

import AnalyticsClient as M
from conftest import REDACTED, ROOT
from sandbox_helpers import (
    DATA_PATH,
    JOB_PATH,
    VIEW_ID,
    append_import,
    bulk,
    seed_job,
    write_csv,
)
from sandbox_helpers import make_client  # noqa: F401 (fixture)

TOKEN_FIELDS = re.compile(
    r"(client_secret|refresh_token)=([^&\s'\"]*)"
    r"|\"(access_token|refresh_token)\"\s*:\s*\"([^\"]*)\""
    r"|Zoho-oauthtoken\s+([^\s'\",\]]*)"
)


def debug_lines(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "AnalyticsClient" and record.levelno == logging.DEBUG
    ]


def test_debug_line_per_request_names_method_path_status_time_attempt(
    sandbox, make_client, caplog
):
    caplog.set_level(logging.DEBUG, logger="AnalyticsClient")
    client = make_client()
    sandbox.inject("truncate", path=JOB_PATH)
    sandbox.inject("status", path=JOB_PATH, status=503)

    seed_job(client, sandbox)

    job = r"/restapi/v2/bulk/workspaces/%s/importjobs/%s" % (
        sandbox.WORKSPACE_ID,
        sandbox.SEED_JOB_ID,
    )
    patterns = [
        r"POST /oauth/v2/token -> 200 in \d+ ms \(attempt 1\)",
        r"GET %s -> IOException after \d+ ms \(attempt 1\)" % job,
        r"GET %s -> 503 in \d+ ms \(attempt 2\)" % job,
        r"GET %s -> 200 in \d+ ms \(attempt 3\)" % job,
    ]
    lines = debug_lines(caplog)
    assert len(lines) == len(patterns)
    for line, pattern in zip(lines, patterns):
        assert re.match(pattern + "$", line), line


def test_debug_line_has_no_query(sandbox, make_client, caplog, tmp_path):
    caplog.set_level(logging.DEBUG, logger="AnalyticsClient")
    client = make_client()

    bulk(client, sandbox).export_data(VIEW_ID, "csv", str(tmp_path / "out.csv"))

    lines = debug_lines(caplog)
    assert lines[-1].startswith(
        "GET /restapi/v2/workspaces/%s/views/%s/data -> 200 in "
        % (sandbox.WORKSPACE_ID, VIEW_ID)
    )
    assert not any("CONFIG" in line or "?" in line for line in lines)


class Capture(object):
    """Everything a run leaves behind that a user could see or keep."""

    def __init__(self):
        self.errors = []
        self.tokens = set()

    def expect_error(self, call):
        with pytest.raises(M.AnalyticsError) as caught:
            call()
        self.errors.append(caught.value)

    def texts(self):
        for error in self.errors:
            yield repr(error)
            yield str(error)
            yield "".join(
                traceback.format_exception(type(error), error, error.__traceback__)
            )


def representative_run(sandbox, client, tmp_path, capture):
    """Successes and failures of every kind, each through the whole pipeline."""
    path = str(tmp_path / "rows.csv")
    write_csv(path, 4000)
    target = str(tmp_path / "export.csv")
    jobs = bulk(client, sandbox)

    client.get_orgs()
    seed_job(client, sandbox)
    append_import(client, sandbox, path)
    jobs.export_data(VIEW_ID, "csv", target)

    sandbox.expire_tokens()  # 8535, refresh, resend
    append_import(client, sandbox, path)

    get_job = lambda: seed_job(client, sandbox)  # noqa: E731
    post_rows = lambda: append_import(client, sandbox, path)  # noqa: E731
    get_rows = lambda: jobs.export_data(VIEW_ID, "csv", target)  # noqa: E731
    faults = [
        ("error", get_job, {"code": 8535, "times": 2}),
        ("error", get_job, {"code": 7103}),
        ("error", get_job, {"code": 6045, "times": None}),
        ("html502", get_job, {"times": None}),
        ("badjson", get_job, {}),
        ("stall", get_job, {"seconds": 5, "times": None}),
        ("drop", post_rows, {}),
        ("stall", post_rows, {"seconds": 5}),
        ("truncate", get_rows, {"times": None}),
    ]
    for fault, call, options in faults:
        sandbox.clear()
        where = JOB_PATH if call is get_job else DATA_PATH
        sandbox.inject(fault, path=where, **options)
        capture.expect_error(call)

    for fault in ("token_error", "token_throttle"):
        sandbox.clear()
        sandbox.expire_tokens()
        sandbox.inject(fault)
        capture.expect_error(lambda: seed_job(client, sandbox))


def test_secrets_never_leak(sandbox, make_client, tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)  # every logger: ours, urllib3's, the sandbox's
    capture = Capture()
    fetch_token = M.AnalyticsClient._fetch_token

    def remember_token(self):
        token, lifetime = fetch_token(self)
        capture.tokens.add(token)
        return token, lifetime

    monkeypatch.setattr(M.AnalyticsClient, "_fetch_token", remember_token)
    client = make_client(retries=1, read_timeout=0.2, transfer_timeout=0.2)
    representative_run(sandbox, client, tmp_path, capture)
    wrong = make_client(retries=0)
    wrong.client_secret = "wrong-secret-value"
    capture.expect_error(lambda: seed_job(wrong, sandbox))

    secrets = {sandbox.CLIENT_SECRET, sandbox.REFRESH_TOKEN, "wrong-secret-value"}
    secrets |= capture.tokens
    assert len(capture.tokens) >= 3 and len(capture.errors) >= 12
    texts = [caplog.text, repr(client), repr(wrong)] + list(capture.texts())
    for text in texts:
        for secret in secrets:
            assert secret not in text
        assert "Zoho-oauthtoken" not in text
        assert "Authorization" not in text
    for error in capture.errors:
        assert error.url is None or "?" not in error.url


def cassette_strings(value):
    """Every string in a loaded cassette, bodies decoded from bytes too."""
    if isinstance(value, dict):
        for item in value.values():
            for text in cassette_strings(item):
                yield text
    elif isinstance(value, list):
        for item in value:
            for text in cassette_strings(item):
                yield text
    elif isinstance(value, bytes):
        yield value.decode("latin-1")
    elif isinstance(value, str):
        yield value


def cassette_files():
    for folder, _, names in os.walk(os.path.join(ROOT, "cassettes")):
        for name in sorted(names):
            yield os.path.join(folder, name)


def test_cassettes_hold_no_secrets():
    yaml = pytest.importorskip("yaml")
    from sandbox import Sandbox

    secrets = {
        Sandbox.CLIENT_SECRET,
        Sandbox.REFRESH_TOKEN,
        "cassette-secret",
        "1000.cassette-refresh",
    }
    secrets |= {
        os.environ[name]
        for name in ("ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN")
        if os.environ.get(name)
    }
    files = list(cassette_files())
    assert files
    for path in files:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
        texts = [raw] + list(cassette_strings(yaml.safe_load(raw)))
        for text in texts:
            for secret in secrets:
                assert secret not in text, path
            for match in TOKEN_FIELDS.finditer(text):
                value = match.group(2) or match.group(4) or match.group(5)
                assert value == REDACTED, (path, match.group(0))


def test_token_fields_pattern_finds_what_it_must():
    text = (
        "client_secret=abc&refresh_token=REDACTED "
        '{"access_token":"1000.x"} Zoho-oauthtoken 1000.y'
    )

    values = [
        m.group(2) or m.group(4) or m.group(5) for m in TOKEN_FIELDS.finditer(text)
    ]

    assert values == ["abc", "REDACTED", "1000.x", "1000.y"]
