"""Proxies, TLS, data centres and keep-alive, on both transports.

Every server here is local: the sandbox (plain or TLS with the test CA in
tests/certs/), which also takes proxy-style absolute-form requests, and the
sandbox's ConnectProxy for CONNECT tunnels and proxy authentication.
"""

import base64
import inspect
import logging
import os
import pathlib
import threading
import time

import pytest

import AnalyticsClient as M
from conftest import ROOT
from sandbox import ConnectProxy, Sandbox

CERTS = os.path.join(ROOT, "tests", "certs")
CA = os.path.join(CERTS, "ca.pem")
TLS = (os.path.join(CERTS, "server.pem"), os.path.join(CERTS, "server-key.pem"))

# Credentials with every character that Basic auth or a URL could mangle.
ODD_USER = "ann@corp.example %41 \u00e9t\u00e9"
ODD_PASSWORD = "p:ss@w%rd \u2603 \u00fc:"
CREDENTIALS = {
    "none": (None, None),
    "plain": ("proxyuser", "proxypass"),
    "odd": (ODD_USER, ODD_PASSWORD),
}


def wired(sb, transport, **options):
    """A client whose accounts and API server are the sandbox sb."""
    options.setdefault("retry_backoff", 0.01)
    client = M.AnalyticsClient(
        sb.CLIENT_ID, sb.CLIENT_SECRET, sb.REFRESH_TOKEN, transport=transport, **options
    )
    client.accounts_server_url = client.analytics_server_url = sb.url
    return client


def basic(header):
    """Decode 'Basic base64(user:password)' back into 'user:password'."""
    assert header is not None and header.startswith("Basic ")
    return base64.b64decode(header[len("Basic ") :]).decode("utf-8")


def close_server_side(sb):
    """Make the sandbox close every open connection, as an idle timeout would."""
    sb._server.close_connections()
    wait_for(lambda: not sb._server.open_sockets)


def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


@pytest.fixture
def tls_sandbox():
    with Sandbox(tls=TLS) as server:
        yield server


@pytest.fixture
def no_warnings(caplog):
    """Fails the test if the client logged a warning (such as a retry)."""
    caplog.set_level(logging.WARNING, logger="AnalyticsClient")
    yield
    warnings = [r for r in caplog.records if r.name == "AnalyticsClient"]
    assert warnings == []


# Proxies


@pytest.mark.parametrize("port_type", [int, str])
@pytest.mark.parametrize("credentials", sorted(CREDENTIALS))
def test_plain_http_goes_to_the_proxy_in_absolute_form(
    sandbox, transport, port_type, credentials
):
    # The sandbox answers absolute-form requests itself: it is its own proxy.
    user, password = CREDENTIALS[credentials]
    client = wired(sandbox, transport)
    client.set_proxy("127.0.0.1", port_type(sandbox.port), user, password)

    assert client.get_orgs()

    token, api = sandbox.requests
    assert token.path == "/oauth/v2/token" and api.path == "/restapi/v2/orgs"
    assert sandbox.connections == 1  # kept alive through the proxy too
    for request in (token, api):
        assert request.proxied and request.target.startswith(sandbox.url + "/")
        header = request.headers.get("Proxy-Authorization")
        if user is None:
            assert header is None
        else:
            assert basic(header) == user + ":" + password
    client.close()


@pytest.mark.parametrize("credentials", sorted(CREDENTIALS))
def test_https_goes_through_a_connect_tunnel(tls_sandbox, transport, credentials):
    user, password = CREDENTIALS[credentials]
    with ConnectProxy(user, password) as proxy:
        client = wired(tls_sandbox, transport, ca_bundle=CA)
        client.set_proxy("127.0.0.1", str(proxy.port), user, password)

        assert client.get_orgs()
        assert client.get_orgs()
        client.close()

    # Token and API calls share one kept-alive tunnel; credentials go on the
    # CONNECT only, never to the server at the far end.
    assert proxy.tunnels == 1 and proxy.forwarded == 0
    assert tls_sandbox.connections == 1  # the tunnel's: nothing went around it
    assert len(proxy.auth_headers) == 1
    if user is None:
        assert proxy.auth_headers == [None]
    else:
        assert basic(proxy.auth_headers[0]) == user + ":" + password
    paths = [r.path for r in tls_sandbox.requests]
    assert paths == ["/oauth/v2/token", "/restapi/v2/orgs", "/restapi/v2/orgs"]
    for request in tls_sandbox.requests:
        assert not request.proxied
        assert "Proxy-Authorization" not in request.headers


def test_plain_http_through_an_authenticating_proxy(sandbox, transport):
    with ConnectProxy(ODD_USER, ODD_PASSWORD) as proxy:
        client = wired(sandbox, transport)
        client.set_proxy("localhost", proxy.port, ODD_USER, ODD_PASSWORD)

        assert client.get_orgs()
        client.close()

    assert proxy.forwarded == 2 and proxy.tunnels == 0
    assert [basic(h) for h in proxy.auth_headers] == [ODD_USER + ":" + ODD_PASSWORD] * 2
    # The proxy takes Proxy-Authorization off before passing the request on.
    assert all("Proxy-Authorization" not in r.headers for r in sandbox.requests)


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("call", ["token", "api"])
def test_wrong_proxy_credentials_raise_at_once(transport, scheme, call):
    server = Sandbox(tls=TLS if scheme == "https" else None)
    with server, ConnectProxy("proxyuser", "right") as proxy:
        client = wired(server, transport, ca_bundle=CA, retries=3)
        client.set_proxy("127.0.0.1", proxy.port, "proxyuser", "wrong-secret")
        if call == "api":
            client.access_token = "1000.preset"  # a GET, which may be repeated

        with pytest.raises(M.IOException) as caught:
            client.get_orgs()
        client.close()

    error = caught.value
    assert not isinstance(error, M.TimeoutException)
    assert error.getHttpStatusCode() == 407 and not error.transient
    text = str(error)
    assert "proxy 127.0.0.1:%d refused the credentials" % proxy.port in text
    assert "407" in text and "set_proxy" in text and "wrong-secret" not in text
    assert error.method == ("POST" if call == "token" else "GET")
    # Sent once, never repeated, and nothing reached the server behind the proxy.
    assert len(proxy.auth_headers) == 1 and proxy.connections == 1
    assert server.requests == []


def test_proxy_that_wants_credentials_says_so(tls_sandbox, transport):
    with ConnectProxy("proxyuser", "right") as proxy:
        client = wired(tls_sandbox, transport, ca_bundle=CA)
        client.set_proxy("127.0.0.1", proxy.port)

        with pytest.raises(M.IOException, match="wants credentials") as caught:
            client.get_orgs()
        client.close()

    assert "pass proxy_user_name and proxy_password" in str(caught.value)
    assert proxy.connections == 1


def test_unreachable_proxy_is_named(transport, unused_port):
    client = M.AnalyticsClient(
        "1000.ID",
        "secret",
        "1000.refresh",
        transport=transport,
        retries=1,
        retry_backoff=0.01,
    )
    client.set_proxy("127.0.0.1", unused_port)

    with pytest.raises(M.IOException) as caught:
        client.get_orgs()

    assert "proxy 127.0.0.1:%d" % unused_port in str(caught.value)
    assert caught.value.sent is False and caught.value.transient


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    "host, port, wrong",
    [
        ("127.0.0.1", 0, "proxy_port"),
        ("127.0.0.1", "abc", "proxy_port"),
        ("127.0.0.1", 65536, "proxy_port"),
        ("127.0.0.1", -1, "proxy_port"),
        ("127.0.0.1", True, "proxy_port"),
        ("127.0.0.1", 8080.0, "proxy_port"),
        ("127.0.0.1", None, "proxy_port"),
        ("127.0.0.1", "", "proxy_port"),
        (None, 8080, "proxy_host"),
        ("", 8080, "proxy_host"),
        (b"proxy", 8080, "proxy_host"),
        ("http://proxy.example", 8080, "proxy_host"),
        ("proxy.example:3128", 3128, "proxy_host"),
        ("proxy example", 8080, "proxy_host"),
        ("user@proxy.example", 8080, "proxy_host"),
    ],
)
def test_set_proxy_bad_arguments_name_the_parameter(host, port, wrong):
    client = M.AnalyticsClient("1000.ID", "secret", "1000.refresh")

    with pytest.raises(ValueError, match=wrong):
        client.set_proxy(host, port)

    assert client.proxy is False and client._proxy is None


@pytest.mark.parametrize("param", ["proxy_user_name", "proxy_password"])
def test_set_proxy_credentials_must_be_text(param):
    client = M.AnalyticsClient("1000.ID", "secret", "1000.refresh")
    args = {"proxy_user_name": "u", "proxy_password": "p"}
    args[param] = 1234

    with pytest.raises(ValueError, match=param):
        client.set_proxy("proxy.example", 3128, **args)


def test_set_proxy_keeps_the_official_signature_and_attributes():
    names = list(inspect.signature(M.AnalyticsClient.set_proxy).parameters)
    assert names == [
        "self",
        "proxy_host",
        "proxy_port",
        "proxy_user_name",
        "proxy_password",
    ]
    assert M.AnalyticsClient.setProxy is M.AnalyticsClient.set_proxy

    client = M.AnalyticsClient("1000.ID", "secret", "1000.refresh")
    assert client.proxy is False and client.proxy_host is None
    assert client.proxy_port is None and client.proxy_user_name is None

    client.set_proxy("proxy.example", "3128", "ann", "pw")  # positional, str port
    assert client.proxy is True
    assert (client.proxy_host, client.proxy_port) == ("proxy.example", 3128)
    assert (client.proxy_user_name, client.proxy_password) == ("ann", "pw")
    assert "pw" not in repr(client)

    client.setProxy(proxy_host="[::1]", proxy_port=8080)  # IPv6 in brackets
    assert client.proxy_host == "::1" and client._proxy.url() == "http://[::1]:8080"

    client.proxy = False
    assert client.proxy is False and client.proxy_host is None
    with pytest.raises(ValueError, match="set_proxy"):
        client.proxy = True


def test_changing_the_proxy_closes_pooled_connections(sandbox, transport):
    client = wired(sandbox, transport)
    client.get_orgs()
    assert sandbox.connections == 1 and len(sandbox._server.open_sockets) == 1

    client.set_proxy("127.0.0.1", sandbox.port)

    # The idle pooled connection is closed now, not left for the collector.
    wait_for(lambda: not sandbox._server.open_sockets)
    client.get_orgs()
    assert sandbox.connections == 2 and sandbox.requests[-1].proxied

    client.proxy = False
    wait_for(lambda: not sandbox._server.open_sockets)
    client.get_orgs()
    assert sandbox.connections == 3 and not sandbox.requests[-1].proxied
    client.close()


def test_a_connection_in_use_when_the_proxy_changes_is_not_pooled(sandbox):
    client = wired(sandbox, "stdlib")
    client.access_token = "1000.preset"
    old = client._get_transport()
    response = old.send(
        "GET", sandbox.url + "/restapi/v2/orgs", {}, None, client._timeouts(False)
    )

    client.set_proxy("127.0.0.1", sandbox.port)
    response.read_all()
    response.close()

    assert old._idle == {}
    wait_for(lambda: not sandbox._server.open_sockets)


# TLS


@pytest.mark.parametrize("call", ["token", "api"])
def test_tls_is_verified_against_the_system_store_by_default(
    tls_sandbox, transport, call
):
    client = wired(tls_sandbox, transport, retries=3)
    if call == "api":
        client.access_token = "1000.preset"  # a GET, which may be repeated

    with pytest.raises(M.IOException) as caught:
        client.get_orgs()

    error = caught.value
    assert "certificate verification failed" in str(error)
    assert "ca_bundle" in str(error)
    assert not error.transient and error.sent is False
    assert error.__cause__ is not None
    # One connection, no retry, and no request got through.
    assert tls_sandbox.connections == 1 and tls_sandbox.requests == []


def test_tls_with_ca_bundle_works_and_keeps_one_connection(tls_sandbox, transport):
    client = wired(tls_sandbox, transport, ca_bundle=CA)

    for _ in range(10):
        assert client.get_orgs()

    assert tls_sandbox.connections == 1 and len(tls_sandbox.requests) == 11
    client.close()


def test_tls_host_name_is_checked(transport):
    # The test certificate is for 127.0.0.1 and localhost, not 127.0.0.2.
    try:
        server = Sandbox(host="127.0.0.2", tls=TLS).start()
    except OSError:
        pytest.skip("127.0.0.2 is not usable here")
    with server:
        client = wired(server, transport, ca_bundle=CA)
        with pytest.raises(M.IOException, match="certificate verification failed"):
            client.get_orgs()
    assert server.connections == 1


def test_ca_bundle_is_checked_when_the_client_is_made(tmp_path):
    missing = str(tmp_path / "nowhere.pem")
    with pytest.raises(ValueError, match="ca_bundle .*nowhere.pem: no such file"):
        M.AnalyticsClient("1000.ID", "secret", "1000.refresh", ca_bundle=missing)

    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(ValueError, match="holds no usable CA certificate"):
        M.AnalyticsClient("1000.ID", "secret", "1000.refresh", ca_bundle=str(junk))

    with pytest.raises(ValueError, match="ca_bundle must be the path"):
        M.AnalyticsClient("1000.ID", "secret", "1000.refresh", ca_bundle=42)

    client = M.AnalyticsClient(
        "1000.ID", "secret", "1000.refresh", ca_bundle=pathlib.Path(CA)
    )
    assert client.ca_bundle == CA
    with pytest.raises(ValueError, match="no such file"):
        client.ca_bundle = missing
    assert client.ca_bundle == CA  # a refused value changes nothing


def test_ca_bundle_assigned_later_takes_effect(tls_sandbox, transport):
    client = wired(tls_sandbox, transport, retries=0)
    with pytest.raises(M.IOException, match="certificate verification"):
        client.get_orgs()

    client.ca_bundle = CA
    assert client.get_orgs()

    client.ca_bundle = None
    with pytest.raises(M.IOException, match="certificate verification"):
        client.get_orgs()
    client.close()


# Data centres

# The hosts in Zoho's Analytics API documentation ("API Specification", Server
# URI table, www.zoho.com/analytics/api/v2/api-specification.html).
ZOHO_DOCUMENTED = {
    "us": ("accounts.zoho.com", "analyticsapi.zoho.com"),
    "eu": ("accounts.zoho.eu", "analyticsapi.zoho.eu"),
    "in": ("accounts.zoho.in", "analyticsapi.zoho.in"),
    "au": ("accounts.zoho.com.au", "analyticsapi.zoho.com.au"),
    "cn": ("accounts.zoho.com.cn", "analyticsapi.zoho.com.cn"),
    "jp": ("accounts.zoho.jp", "analyticsapi.zoho.jp"),
    "sa": ("accounts.zoho.sa", "analyticsapi.zoho.sa"),
    "ca": ("accounts.zohocloud.ca", "analyticsapi.zohocloud.ca"),
}


def test_data_centres_are_zohos_documented_hosts():
    expected = {
        dc: ("https://" + accounts, "https://" + api)
        for dc, (accounts, api) in ZOHO_DOCUMENTED.items()
    }
    assert M.DATA_CENTRES == expected


@pytest.mark.parametrize("centre", sorted(ZOHO_DOCUMENTED))
def test_data_centre_sets_both_hosts(centre):
    accounts, api = ZOHO_DOCUMENTED[centre]

    for name in (centre, centre.upper(), " %s " % centre):
        client = M.AnalyticsClient(
            "1000.ID", "secret", "1000.refresh", data_centre=name
        )
        assert client.data_centre == centre
        assert client.accounts_server_url == "https://" + accounts
        assert client.analytics_server_url == "https://" + api


def test_server_urls_assigned_after_the_data_centre_win():
    client = M.AnalyticsClient("1000.ID", "secret", "1000.refresh", data_centre="eu")
    client.accounts_server_url = "https://accounts.example"
    client.analytics_server_url = "https://analytics.example"
    assert client.data_centre == "eu"
    assert client.accounts_server_url == "https://accounts.example"
    assert client.analytics_server_url == "https://analytics.example"

    client.data_centre = "jp"  # naming a data centre again sets both again
    assert client.accounts_server_url == "https://accounts.zoho.jp"
    assert client.analytics_server_url == "https://analyticsapi.zoho.jp"


@pytest.mark.parametrize("name", ["mars", "com", "", 1, ["eu"], "uk"])
def test_unknown_data_centre_names_the_parameter(name):
    with pytest.raises(
        ValueError, match="data_centre must be one of au, ca, cn, eu, in, jp, sa, us"
    ):
        M.AnalyticsClient("1000.ID", "secret", "1000.refresh", data_centre=name)


def test_invalid_client_with_http_200_hints_at_the_data_centre(client, sandbox):
    sandbox.inject("token_error", error="invalid_client")

    with pytest.raises(M.AuthenticationException) as caught:
        client.get_orgs()

    error = caught.value
    text = str(error)
    assert error.getHttpStatusCode() == 200 and "invalid_client" in text
    assert "data centre" in text and "data_centre=" in text
    assert sandbox.url in text
    assert sandbox.CLIENT_SECRET not in text and sandbox.REFRESH_TOKEN not in text
    assert [r.path for r in sandbox.requests] == ["/oauth/v2/token"]  # asked once


# Keep-alive


def test_connections_are_reused_across_calls(client, sandbox):
    for _ in range(20):
        assert client.get_orgs()

    assert sandbox.connections == 1 and len(sandbox.requests) == 21


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_idle_connection_closed_by_the_server_is_replaced(
    client, sandbox, method, no_warnings
):
    client.get_orgs()  # token POST and API GET on one connection
    close_server_side(sandbox)
    if method == "POST":
        client.access_token = None  # the next call starts with a token POST

    assert client.get_orgs()

    assert sandbox.connections == 2
    assert sandbox.requests[-2 if method == "POST" else -1].method == method
    assert sandbox.token_requests == (2 if method == "POST" else 1)


def test_stale_connection_used_just_as_the_server_closed_it(
    sandbox, monkeypatch, no_warnings
):
    # The server closes the connection between the pool's check and the send.
    client = wired(sandbox, "stdlib")
    client.get_orgs()
    close_server_side(sandbox)
    monkeypatch.setattr(M, "_connection_dropped", lambda conn: False)

    assert client.get_orgs()

    assert sandbox.connections == 2 and len(sandbox.requests) == 3


def test_half_read_answer_closes_its_connection(sandbox, transport):
    client = wired(sandbox, transport)
    send = client._get_transport().send
    url = sandbox.url + "/restapi/v2/orgs"
    timeouts = client._timeouts(False)

    whole = send("GET", url, {}, None, timeouts)
    whole.read_all()
    whole.close()
    half = send("GET", url, {}, None, timeouts)
    assert half.read(5)
    half.close()
    after = send("GET", url, {}, None, timeouts)
    after.read_all()
    after.close()

    # The first connection carried two answers, then was dropped half-read.
    assert sandbox.connections == 2 and len(sandbox.requests) == 3
    client.close()


def test_error_answer_too_big_to_read_whole_is_not_reused(client, sandbox):
    big = "x" * (M._MAX_ERROR_BODY + 4096)
    client.get_orgs()
    sandbox.inject("status", status=400, body=big, content_type="text/plain")

    with pytest.raises(M.ParseException):
        client.get_orgs()
    assert client.get_orgs()

    assert sandbox.connections == 2


def test_threads_share_one_client_within_the_pool_limit(
    sandbox, transport, monkeypatch
):
    limit = 3
    monkeypatch.setattr(M, "_POOL_SIZE", limit)
    client = wired(sandbox, transport)
    client.get_orgs()  # the token, fetched once
    pool = client._get_transport()
    results = []
    errors = []
    high = [0]

    def idle():
        if transport == "stdlib":
            with pool._lock:
                return sum(len(conns) for conns in pool._idle.values())
        return pool._pool.connection_from_url(sandbox.url).pool.qsize()

    def work():
        try:
            for _ in range(5):
                results.append(client.get_orgs())
        except Exception as err:  # collected for the assertion below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        high[0] = max(high[0], idle())
        time.sleep(0.001)
    for thread in threads:
        thread.join()

    assert errors == [] and len(results) == 40
    assert high[0] <= limit and idle() <= limit
    assert sandbox.token_requests == 1
    client.close()


@pytest.mark.skipif(M.urllib3 is None, reason="urllib3 is not installed")
def test_network_errors_read_the_same_on_both_transports(sandbox, unused_port):
    messages = {}
    for transport in ("stdlib", "urllib3"):
        client = wired(sandbox, transport, retries=0)
        client.access_token = "1000.preset"
        sandbox.inject("drop")
        with pytest.raises(M.IOException) as dropped:
            client.get_orgs()
        client.analytics_server_url = "http://127.0.0.1:%d" % unused_port
        with pytest.raises(M.IOException) as refused:
            client.get_orgs()
        messages[transport] = (str(dropped.value), str(refused.value))
        client.close()

    assert messages["stdlib"] == messages["urllib3"]
    assert "Connection refused" in messages["stdlib"][1]
