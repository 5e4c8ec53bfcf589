"""Access tokens: renewal before expiry, one refresh per client, rejection, caches."""

import json
import os
import stat
import threading
import time

import pytest

import AnalyticsClient as M
from sandbox_helpers import (
    JOB_PATH,
    api_requests,
    client_warnings,
    seed_job,
    token_posts,
)
from sandbox_helpers import make_client  # noqa: F401 (fixture)

THREADS = 8


def run_in_threads(call, count=THREADS):
    """Run call in count threads started together; return results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        barrier.wait()
        try:
            results.append(call())
        except Exception as err:  # collected for the assertions
            errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors


@pytest.fixture
def later(monkeypatch):
    """Move the clock forward: later(seconds) shifts time.time() for everyone."""
    real_time = time.time

    def shift(seconds):
        monkeypatch.setattr(M.time, "time", lambda: real_time() + seconds)

    return shift


def token_paths(sandbox):
    return ["token" if r.path == "/oauth/v2/token" else "api" for r in sandbox.requests]


# Renewal before expiry


def test_token_renewed_before_expires_in_runs_out(sandbox, make_client, later):
    sandbox.token_lifetime = 300
    client = make_client()
    seed_job(client, sandbox)
    first = client.access_token
    later(241)  # 59 s left: inside the renewal margin

    seed_job(client, sandbox)

    assert token_paths(sandbox) == ["token", "api", "token", "api"]
    assert client.access_token != first
    assert all(r.fault is None for r in sandbox.requests)


def test_token_kept_while_fresh(sandbox, make_client, later):
    client = make_client()
    seed_job(client, sandbox)
    later(2)

    seed_job(client, sandbox)

    assert sandbox.token_requests == 1


# One refresh at a time


def test_expired_token_threads_share_one_refresh(sandbox, make_client):
    client = make_client()
    seed_job(client, sandbox)
    stale = client.access_token
    sandbox.expire_tokens()

    results, errors = run_in_threads(lambda: seed_job(client, sandbox))

    assert errors == []
    assert len(results) == THREADS
    assert all(details["jobCode"] == "1004" for details in results)
    assert sandbox.token_requests == 2
    assert client.access_token != stale


def test_failed_refresh_is_shared_by_waiting_threads(sandbox, make_client):
    client = make_client()
    sandbox.inject("stall", path="/oauth/v2/token", seconds=0.5, then="close")

    results, errors = run_in_threads(lambda: seed_job(client, sandbox))

    assert results == []
    assert len(errors) == THREADS
    assert all(isinstance(err, M.IOException) for err in errors)
    assert len({str(err) for err in errors}) == 1  # one failure, told to all
    assert len({id(err) for err in errors}) == THREADS  # each its own copy
    assert token_posts(sandbox) == 1
    assert api_requests(sandbox) == []


def test_renew_after_rejection_only_if_token_is_current(sandbox, make_client):
    client = make_client()
    seed_job(client, sandbox)
    current = client.access_token

    assert client._tokens.renew_after_rejection("1000.an-older-token") == current
    assert sandbox.token_requests == 1

    renewed = client._tokens.renew_after_rejection(current)

    assert renewed != current and renewed == client.access_token
    assert sandbox.token_requests == 2


# Rejections and token errors


def test_8535_twice_raises_after_exactly_one_refresh(sandbox, make_client, caplog):
    client = make_client()
    sandbox.inject("error", path=JOB_PATH, times=2, code=8535)

    with pytest.raises(M.AuthenticationException) as caught:
        seed_job(client, sandbox)

    assert token_paths(sandbox) == ["token", "api", "token", "api"]
    assert caught.value.getErrorCode() == 8535
    assert str(caught.value).startswith("8535: Invalid Oauthtoken (")
    assert "same data centre" in str(caught.value)
    assert len(client_warnings(caplog)) == 1


def test_8535_once_is_renewed_and_resent(sandbox, make_client):
    client = make_client()
    seed_job(client, sandbox)
    sandbox.expire_tokens()

    assert seed_job(client, sandbox)["jobCode"] == "1004"
    assert token_paths(sandbox) == ["token", "api", "api", "token", "api"]


def test_invalid_client_names_the_data_centre(sandbox, make_client):
    client = make_client()
    sandbox.inject("token_error", error="invalid_client")

    with pytest.raises(M.AuthenticationException) as caught:
        seed_job(client, sandbox)

    text = str(caught.value)
    assert text.startswith("invalid_client: %s does not know" % sandbox.url)
    assert "data_centre=" in text and "accounts_server_url" in text
    assert token_posts(sandbox) == 1 and api_requests(sandbox) == []


def test_wrong_refresh_token_says_to_create_one(sandbox, transport):
    client = M.AnalyticsClient(
        sandbox.CLIENT_ID, sandbox.CLIENT_SECRET, "1000.wrong", transport=transport
    )
    client.accounts_server_url = client.analytics_server_url = sandbox.url

    with pytest.raises(M.AuthenticationException) as caught:
        client.get_orgs()

    assert "refresh token is not valid" in str(caught.value)
    assert "create a new refresh token" in str(caught.value)


def test_token_throttle_says_to_wait_and_share(sandbox, make_client):
    client = make_client()
    sandbox.inject("token_throttle")

    with pytest.raises(M.AuthenticationException) as caught:
        seed_job(client, sandbox)

    text = str(caught.value)
    assert text.startswith("HTTP 400: Access Denied: the accounts server refuses")
    assert "wait a few minutes" in text and "FileTokenCache" in text
    assert token_posts(sandbox) == 1


# Token caches


def test_file_token_cache_is_private_and_shared(sandbox, make_client, tmp_path):
    path = tmp_path / "cache" / "token.json"
    cache = M.FileTokenCache(str(path))

    seed_job(make_client(token_cache=cache), sandbox)
    seed_job(make_client(token_cache=M.FileTokenCache(str(path))), sandbox)

    assert sandbox.token_requests == 1
    assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600
    assert os.listdir(str(path.parent)) == ["token.json"]
    entries = json.loads(path.read_text())
    assert len(entries) == 1
    assert sandbox.REFRESH_TOKEN not in path.read_text()
    assert sandbox.CLIENT_SECRET not in path.read_text()


def test_file_token_cache_rejected_token_is_not_reused(sandbox, make_client, tmp_path):
    path = str(tmp_path / "token.json")
    first = make_client(token_cache=M.FileTokenCache(path))
    seed_job(first, sandbox)
    rejected = first.access_token
    sandbox.expire_tokens()

    second = make_client(token_cache=M.FileTokenCache(path))
    seed_job(second, sandbox)

    assert sandbox.token_requests == 2
    assert second.access_token != rejected
    cached = list(json.loads(open(path).read()).values())[0]
    assert cached["access_token"] == second.access_token

    seed_job(make_client(token_cache=M.FileTokenCache(path)), sandbox)
    assert sandbox.token_requests == 2


def test_token_cache_pair_of_functions(sandbox, make_client):
    store = {}
    cache = (store.get, store.__setitem__)

    seed_job(make_client(token_cache=cache), sandbox)
    seed_job(make_client(token_cache=cache), sandbox)

    assert sandbox.token_requests == 1
    assert [set(entry) for entry in store.values()] == [{"access_token", "expires_at"}]


def test_token_cache_store_failure_costs_a_warning(sandbox, make_client, caplog):
    def put(key, entry):
        raise PermissionError("read-only cache folder")

    client = make_client(token_cache=(lambda key: None, put))

    assert seed_job(client, sandbox)["jobCode"] == "1004"
    assert client_warnings(caplog) == [
        "could not store the access token in the cache: read-only cache folder"
    ]


@pytest.mark.parametrize("cache", [{}, (len,), "path.json", (1, 2)])
def test_token_cache_of_another_kind_is_refused(cache):
    with pytest.raises(ValueError, match="token_cache must have get"):
        M.AnalyticsClient("id", "secret", "refresh", token_cache=cache)


def test_token_cache_entry_that_is_broken_is_ignored(sandbox, make_client):
    store = {}
    client = make_client(token_cache=(store.get, store.__setitem__))
    key = client._cache_key()
    store[key] = {"access_token": "1000.x", "expires_at": "soon"}

    seed_job(client, sandbox)

    assert sandbox.token_requests == 1
    assert store[key]["access_token"] == client.access_token


# Tokens that cannot travel in a header


def test_token_with_line_break_is_refused_without_showing_it(client, sandbox, capsys):
    token = "1000.SECRETACCESSTOKEN\r\nX-Evil: 1"
    answer = json.dumps({"access_token": token, "expires_in": 3600})
    sandbox.inject("status", path="^/oauth/v2/token$", status=200, body=answer,
                   content_type="application/json")
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)

    with pytest.raises(M.AuthenticationException) as caught:
        bulk.get_import_job_details(sandbox.SEED_JOB_ID)

    for text in (str(caught.value), repr(caught.value)):
        assert "SECRETACCESSTOKEN" not in text
    assert "header cannot carry" in str(caught.value)
    assert api_requests(sandbox) == []
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("token", ["", "abc\nSECRET", "a b", "\u00e9t\u00e9", 5])
def test_access_token_setter_refuses_what_a_header_cannot_carry(token):
    client = M.AnalyticsClient("id", "secret", "refresh")

    with pytest.raises(ValueError) as caught:
        client.access_token = token

    assert "SECRET" not in str(caught.value) and client.access_token is None


@pytest.mark.parametrize(
    "expires_in, lifetime",
    [(3600, 3600.0), ("3600", 3600.0), (-5, 3600.0), (0, 3600.0), (None, 3600.0),
     ("soon", 3600.0), (10**9, 3600.0), (30, 120.0), (61, 120.0), (7200, 7200.0)],
)
def test_token_lifetime_from_expires_in(expires_in, lifetime):
    assert M._token_lifetime(expires_in) == lifetime


@pytest.mark.parametrize("broken", ["get", "put"])
def test_token_cache_that_raises_costs_a_warning_not_the_call(client, sandbox, broken, caplog):
    def get(key):
        if broken == "get":
            raise RuntimeError("cache down")
        return None

    def put(key, entry):
        if broken == "put":
            raise RuntimeError("cache down")

    client.token_cache = (get, put)

    assert seed_job(client, sandbox)["jobCode"] == "1004"
    assert any("cache down" in r.getMessage() for r in caplog.records
               if r.levelname == "WARNING")
