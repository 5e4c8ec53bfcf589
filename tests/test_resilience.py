"""Timeouts, retries that cannot duplicate data, and the error kinds, on the sandbox."""

import re
import socket
import time

import pytest

import AnalyticsClient as M
from sandbox_helpers import (
    DATA_PATH,
    JOB_PATH,
    api_requests,
    append_import,
    client_warnings,
    seed_job,
    write_csv,
)
from sandbox_helpers import make_client, sleeps  # noqa: F401 (fixtures)


@pytest.fixture
def csv_path(tmp_path):
    path = tmp_path / "rows.csv"
    write_csv(path, 2000)
    return str(path)


def raises_within(seconds, exception, call):
    started = time.monotonic()
    with pytest.raises(exception) as caught:
        call()
    assert time.monotonic() - started < seconds
    return caught.value


# Timeouts


def test_stall_get_times_out_then_retries(sandbox, make_client, caplog):
    client = make_client(read_timeout=0.3, retries=2)
    sandbox.inject("stall", path=JOB_PATH, times=None, seconds=10)

    error = raises_within(5, M.TimeoutException, lambda: seed_job(client, sandbox))

    assert isinstance(error, M.IOException) and isinstance(error, OSError)
    assert "no answer within read_timeout (0.3 s)" in str(error)
    assert len(api_requests(sandbox, "GET")) == 3
    warnings = client_warnings(caplog)
    assert len(warnings) == 2
    assert all("read_timeout" in line for line in warnings)


def test_stall_post_times_out_once(sandbox, make_client, csv_path, caplog):
    client = make_client(transfer_timeout=0.3, retries=2)
    seed_job(client, sandbox)
    sandbox.inject("stall", path=DATA_PATH, method="POST", times=None, seconds=10)

    error = raises_within(
        5, M.TimeoutException, lambda: append_import(client, sandbox, csv_path)
    )

    assert "no answer within transfer_timeout (0.3 s)" in str(error)
    assert error.sent and error.method == "POST"
    assert len(api_requests(sandbox, "POST")) == 1
    assert client_warnings(caplog) == []


def test_connect_timeout_is_retried_since_nothing_was_sent(make_client, caplog):
    # A listening socket whose accept queue is full leaves new connections
    # unanswered, like a server behind a firewall that drops packets.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    filler = socket.create_connection(server.getsockname())
    try:
        client = make_client(connect_timeout=0.3, retries=1)
        client.accounts_server_url = "http://127.0.0.1:%d" % server.getsockname()[1]

        error = raises_within(5, M.TimeoutException, client.get_orgs)
    finally:
        filler.close()
        server.close()

    assert "no connection within connect_timeout (0.3 s)" in str(error)
    assert error.sent is False and error.method == "POST"
    assert len(client_warnings(caplog)) == 1


# Retries: what is repeated and what never is


@pytest.mark.parametrize(
    "fault, options",
    [
        ("error", {"code": 6045, "status": 429, "retry_after": 2}),
        ("status", {"status": 429, "headers": {"Retry-After": "2"}}),
        ("status", {"status": 503, "headers": {"Retry-After": "2"}}),
    ],
    ids=["6045-429", "plain-429", "503"],
)
def test_retry_after_is_honoured(sandbox, make_client, sleeps, fault, options):
    client = make_client()
    sandbox.inject(fault, path=JOB_PATH, **options)

    details = seed_job(client, sandbox)

    assert details["jobId"] == sandbox.SEED_JOB_ID
    assert sleeps == [2.0]
    assert len(api_requests(sandbox, "GET")) == 2


def test_retry_after_past_the_limit_is_raised_at_once(sandbox, make_client, sleeps):
    client = make_client()
    sandbox.inject("error", path=JOB_PATH, code=6045, retry_after=3600)

    with pytest.raises(M.RateLimitException) as caught:
        seed_job(client, sandbox)

    assert sleeps == []
    assert len(api_requests(sandbox, "GET")) == 1
    assert "wait 3600 s" in str(caught.value)


@pytest.mark.parametrize(
    "fault, options",
    [
        ("error", {"code": 6045, "status": 400}),
        ("error", {"code": 6045}),
        ("status", {"status": 503}),
        ("status", {"status": 429}),
    ],
    ids=["6045-400", "6045-429", "503", "429"],
)
def test_not_processed_post_is_retried(
    sandbox, make_client, csv_path, caplog, fault, options
):
    client = make_client()
    sandbox.inject(fault, path=DATA_PATH, method="POST", **options)

    summary = append_import(client, sandbox, csv_path)

    assert summary["importSummary"]["importType"] == "append"
    assert len(api_requests(sandbox, "POST")) == 2
    assert len(client_warnings(caplog)) == 1


def test_gateway_error_get_is_retried(sandbox, make_client, caplog):
    client = make_client()
    sandbox.inject("html502", path=JOB_PATH)

    seed_job(client, sandbox)

    assert len(api_requests(sandbox, "GET")) == 2
    assert re.search(
        r"HTTP 502; retry 1 of 3 in \d+\.\d s$", client_warnings(caplog)[0]
    )


def test_gateway_error_post_is_not_retried(sandbox, make_client, csv_path, caplog):
    client = make_client()
    sandbox.inject("html502", path=DATA_PATH, method="POST")

    with pytest.raises(M.ParseException) as caught:
        append_import(client, sandbox, csv_path)

    assert caught.value.getHttpStatusCode() == 502
    assert "Zoho or a proxy on the way failed" in str(caught.value)
    assert len(api_requests(sandbox, "POST")) == 1
    assert client_warnings(caplog) == []


def test_connection_refused_post_is_retried_never_sent(
    sandbox, make_client, csv_path, monkeypatch, caplog
):
    client = make_client()
    append_import(client, sandbox, csv_path)
    sandbox.stop()  # the port now refuses connections
    waits = []

    def sleep_then_restart(seconds):
        waits.append(seconds)
        sandbox.start()  # same port, same tokens

    monkeypatch.setattr(M.time, "sleep", sleep_then_restart)

    append_import(client, sandbox, csv_path)

    assert len(waits) == 1
    assert len(api_requests(sandbox, "POST")) == 2  # the refused one never arrived
    assert "refused" in client_warnings(caplog)[0].lower()


def test_connection_refused_raises_after_retries(make_client, sleeps, caplog):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    client = make_client(retries=2)
    client.accounts_server_url = client.analytics_server_url = (
        "http://127.0.0.1:%d" % port
    )

    with pytest.raises(M.IOException) as caught:
        client.get_orgs()

    assert caught.value.sent is False
    assert not isinstance(caught.value, M.TimeoutException)
    assert len(sleeps) == 2 and len(client_warnings(caplog)) == 2


def test_drop_append_import_is_sent_once(sandbox, make_client, csv_path, caplog):
    client = make_client()
    sandbox.inject("drop", path=DATA_PATH, method="POST", times=None)

    with pytest.raises(M.IOException) as caught:
        append_import(client, sandbox, csv_path)

    assert caught.value.sent is True
    assert len(api_requests(sandbox, "POST")) == 1
    assert client_warnings(caplog) == []


def test_drop_get_is_retried_and_succeeds(sandbox, make_client):
    client = make_client()
    sandbox.inject("drop", path=JOB_PATH)

    details = seed_job(client, sandbox)

    assert details["jobCode"] == "1004"
    assert len(api_requests(sandbox, "GET")) == 2


def test_drop_get_retries_are_bounded(sandbox, make_client, sleeps, transport):
    client = make_client(retries=2)
    sandbox.inject("drop", path=JOB_PATH, times=None)

    with pytest.raises(M.IOException):
        seed_job(client, sandbox)

    # The stdlib transport also resends once on a new connection when a pooled
    # one is closed under it, as it cannot tell a drop from a stale connection.
    assert len(sleeps) == 2
    assert len(api_requests(sandbox, "GET")) == 3 + (transport == "stdlib")


def test_truncated_json_get_is_retried(sandbox, make_client):
    client = make_client()
    sandbox.inject("truncate", path=JOB_PATH)

    assert seed_job(client, sandbox)["jobCode"] == "1004"
    assert len(api_requests(sandbox, "GET")) == 2


def test_retries_are_bounded_with_exponential_jittered_backoff(
    sandbox, make_client, sleeps, caplog
):
    client = make_client(retries=3, retry_backoff=1.0)
    sandbox.inject("status", path=JOB_PATH, times=None, status=503)

    with pytest.raises(M.ParseException) as caught:
        seed_job(client, sandbox)

    assert caught.value.getHttpStatusCode() == 503
    assert len(api_requests(sandbox, "GET")) == 4
    assert len(sleeps) == 3
    for attempt, wait in enumerate(sleeps):
        assert 2.0**attempt / 2 <= wait <= 2.0**attempt
    warnings = client_warnings(caplog)
    assert [int(re.search(r"retry (\d) of 3", line).group(1)) for line in warnings] == [
        1,
        2,
        3,
    ]


def test_backoff_jitter_varies_and_is_capped():
    client = M.AnalyticsClient("id", "secret", "refresh", retry_backoff=1.0)

    waits = {client._backoff(2, None) for _ in range(50)}

    assert len(waits) > 1 and all(1.0 <= wait <= 2.0 for wait in waits)
    assert 30.0 <= client._backoff(40, None) <= 60.0
    assert client._backoff(1, 7.0) == 7.0


# Error kinds


def test_rate_limit_raised_after_retries(sandbox, make_client, sleeps):
    client = make_client(retries=2)
    sandbox.inject("error", path=JOB_PATH, times=None, code=6045)

    with pytest.raises(M.RateLimitException) as caught:
        seed_job(client, sandbox)

    assert len(api_requests(sandbox, "GET")) == 3
    assert caught.value.getErrorCode() == 6045
    assert str(caught.value).startswith("6045: ")
    assert "wait a minute" in str(caught.value)


def test_plain_429_raised_after_retries(sandbox, make_client, sleeps):
    client = make_client(retries=1)
    sandbox.inject("status", path=JOB_PATH, times=None, status=429)

    with pytest.raises(M.RateLimitException) as caught:
        seed_job(client, sandbox)

    assert str(caught.value).startswith("HTTP 429: Too Many Requests (")
    assert len(api_requests(sandbox, "GET")) == 2


def test_units_exhausted_is_never_retried(sandbox, make_client, sleeps):
    client = make_client()
    sandbox.inject("error", path=JOB_PATH, times=None, code=6043)

    with pytest.raises(M.UnitsExhaustedException) as caught:
        seed_job(client, sandbox)

    assert len(api_requests(sandbox, "GET")) == 1 and sleeps == []
    assert "wait for tomorrow's units" in str(caught.value)


@pytest.mark.parametrize("code", [10001, 7198, 8132, 8134])
def test_job_busy_is_raised_unretried(sandbox, make_client, csv_path, sleeps, code):
    client = make_client()
    sandbox.inject("error", path=DATA_PATH, times=None, code=code)

    with pytest.raises(M.JobBusyException) as caught:
        append_import(client, sandbox, csv_path)

    assert caught.value.getErrorCode() == code
    assert "wait for it to finish, then try again" in str(caught.value)
    assert len(api_requests(sandbox, "POST")) == 1 and sleeps == []


def test_error_kinds_are_server_exceptions():
    for cls in (
        M.RateLimitException,
        M.UnitsExhaustedException,
        M.JobBusyException,
        M.AuthenticationException,
    ):
        assert issubclass(cls, M.ServerException) and cls.hint


def test_settings_are_checked_before_any_request():
    with pytest.raises(ValueError, match="read_timeout must be a number"):
        M.AnalyticsClient("id", "secret", "refresh", read_timeout=None)
    with pytest.raises(ValueError, match="retries must be 0 or more"):
        M.AnalyticsClient("id", "secret", "refresh", retries=-1)

    client = M.AnalyticsClient("id", "secret", "refresh")
    client.connect_timeout = 0
    with pytest.raises(ValueError, match="connect_timeout"):
        client.get_orgs()
    assert client._transport is None
