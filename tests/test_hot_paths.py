"""The fast paths that the benchmarks rely on keep the slow paths' behaviour."""

import gzip
import json
import random
import ssl
import string

import pytest

import AnalyticsClient as M


@pytest.fixture(scope="module")
def sandbox():
    """One sandbox for the module: each one takes half a second to stop."""
    from sandbox import Sandbox

    with Sandbox() as server:
        yield server


@pytest.mark.parametrize(
    "text",
    ["1\u00a02", "1\u2003", "\u30001", "1\x852", "1\x1c", "1\x7f", "1\t", "\u2028"],
)
def test_id_text_rejects_any_white_space_or_control_character(text):
    with pytest.raises(ValueError, match="job_id is not an id"):
        M._id_text("job_id", text)


def test_id_text_accepts_exactly_printable_ascii():
    rejected = []
    for code in range(0x3100):
        try:
            M._id_text("job_id", "1" + chr(code))
        except ValueError:
            rejected.append(code)

    expected = [code for code in range(0x3100) if not 0x21 <= code <= 0x7E]
    assert rejected == expected


needs_urllib3 = pytest.mark.skipif(M.urllib3 is None, reason="urllib3 is not installed")


def _urllib3_transport():
    return M._Urllib3Transport(ssl.create_default_context(), None)


@needs_urllib3
def test_plain_urls_are_sent_as_urllib3_itself_would_send_them():
    chars = string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/?%# é\\"
    rnd = random.Random(7)
    matched = 0
    for _ in range(5000):
        url = "%s://%s%s/%s" % (
            rnd.choice(["http", "https", "HTTP"]),
            rnd.choice(["127.0.0.1", "analyticsapi.zoho.eu", "Zoho.com", "[::1]"]),
            rnd.choice(["", ":80", ":8443"]),
            "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 24))),
        )
        match = M._PLAIN_URL.match(url)
        if match is None or "/." in match.group(2):
            continue
        matched += 1
        parsed = M.urllib3.util.parse_url(url)
        assert parsed.request_uri == match.group(2), url
        assert "%s://%s" % (parsed.scheme, parsed.netloc) == match.group(1), url
    assert matched > 200


@needs_urllib3
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8/a b",
        "http://127.0.0.1:8/a/../b",
        "http://127.0.0.1:8/a#frag",
        "http://127.0.0.1:8/%2fx",
        "HTTP://127.0.0.1:8/x",
        "http://[::1]:8/x",
        "http://127.0.0.1:8",
    ],
)
def test_urls_urllib3_would_rewrite_go_through_the_pool_manager(url):
    transport = _urllib3_transport()

    assert transport._host_pool(url) == (transport._pool, url)


@needs_urllib3
def test_a_closed_pool_is_replaced_and_close_closes_every_pool():
    transport = _urllib3_transport()
    url = "http://127.0.0.1:8/restapi/v2/orgs?CONFIG=%7B%22a%22%3A1%7D"
    pool, target = transport._host_pool(url)
    assert target == "/restapi/v2/orgs?CONFIG=%7B%22a%22%3A1%7D"
    assert transport._host_pool(url)[0] is pool

    transport._pool.clear()  # the manager drops the pool and, in urllib3 1.x,
    pool.close()  # closes it
    again = transport._host_pool(url)[0]
    transport.close()

    assert again is not pool and again.pool is None


@needs_urllib3
def test_urllib3_transport_still_decodes_a_compressed_answer(sandbox):
    body = json.dumps({"status": "success", "data": {"jobCode": "1004"}})
    sandbox.inject(
        "status",
        status=200,
        body=gzip.compress(body.encode("utf-8")),
        headers={"Content-Encoding": "gzip"},
    )
    client = M.AnalyticsClient(
        sandbox.CLIENT_ID,
        sandbox.CLIENT_SECRET,
        sandbox.REFRESH_TOKEN,
        transport="urllib3",
    )
    client.accounts_server_url = client.analytics_server_url = sandbox.url
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)

    assert bulk.get_import_job_details(1) == {"jobCode": "1004"}


def test_headers_are_read_from_the_answer_only_when_asked(client, sandbox):
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)
    bulk.get_import_job_details(sandbox.SEED_JOB_ID)
    transport = client._get_transport()
    url = sandbox.url + "/restapi/v2/orgs"

    response = transport.send("GET", url, {}, None, M._Timeouts(5, 5))
    try:
        assert response._headers is None
        assert response.headers["content-type"].startswith("application/json")
        assert response.headers is response.headers
    finally:
        response.read_all()
        response.close()


@needs_urllib3
def test_urllib3_answer_ends_at_its_length_without_another_read(sandbox):
    transport = M._Urllib3Transport(ssl.create_default_context(), None)
    url = sandbox.url + "/restapi/v2/orgs"
    try:
        response = transport.send("GET", url, {}, None, M._Timeouts(5, 5))
        raw_reads = []
        read = response._raw.read
        response._raw.read = lambda *a, **k: raw_reads.append(a) or read(*a, **k)
        length = response.header("content-length")
        assert response._headers is None  # no dictionary built for one header
        assert response.header("Content-Type").startswith("application/json")
        assert response._headers is None
        body = response.read_all()
        assert len(body) == int(length) and response.done
        assert len(raw_reads) == 1
        assert response.read(10) == b""
        response.close()
        assert response.headers["content-length"] == length
        again = transport.send("GET", url, {}, None, M._Timeouts(5, 5))
        assert again.read_all() == body
        again.close()
    finally:
        transport.close()


def test_calls_reuse_one_connection(client, sandbox):
    before = sandbox.connections
    bulk = client.get_bulk_instance(sandbox.ORG_ID, sandbox.WORKSPACE_ID)
    for _ in range(20):
        bulk.get_import_job_details(sandbox.SEED_JOB_ID)

    assert sandbox.connections == before + 1


def test_stdlib_pool_skips_and_closes_connections_the_server_closed(sandbox):
    transport = M._StdlibTransport(ssl.create_default_context(), None)
    url = sandbox.url + "/restapi/v2/orgs"
    timeouts = M._Timeouts(5, 5)
    first = transport.send("GET", url, {}, None, timeouts)
    second = transport.send("GET", url, {}, None, timeouts)
    for response in (first, second):
        response.read_all()
        response.close()
    key = ("http", sandbox.host, sandbox.port)
    idle = list(transport._idle[key])
    assert len(idle) == 2
    sandbox.stop()  # the server closes both idle connections
    sandbox.start()

    assert transport._checkout(key) is None
    assert all(conn.sock is None for conn in idle)
    assert transport._idle[key] == []
